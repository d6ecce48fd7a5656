//! The møteprotokoll of a meeting read from a real file: everything the
//! meetings screens record reaches it, and the meeting is found by board and date.

use chrono::NaiveDate;
use saksbok_core::minutes::MinutesPart;
use saksbok_core::model::{Behandling, Block, BlockContent, BusinessKind};
use saksbok_core::record::{Attachment, ItemRecord};
use tempfile::TempDir;

use super::attendance::{meeting, roll};
use super::{db, who, with_demo};
use crate::{Store, StoreError, attendance, behandling, protocols};

#[test]
fn a_meeting_recorded_in_the_store_gives_its_whole_minutes() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap();
    let items = s.read(|tx| crate::meetings::get(tx, m)).unwrap().items;
    let record = ItemRecord {
        behandling: Behandling::default(),
        behandling_text: Some("Kommunedirektøren si innstilling vart samrøystes vedteken.".into()),
        recommendation: None,
        vedtak: Some("Budsjettet vert vedteke.\n\n1. Driftsbudsjett\n2. Investeringsbudsjett".into()),
        attachments: vec![Attachment { title: "Budsjettdokument".into(), journal_entry: None }],
    };
    s.write(|tx| behandling::set_item(tx, &who(), items[0].id, &record)).unwrap();
    let business = Behandling {
        blocks: vec![Block {
            content: BlockContent::Business {
                business: BusinessKind::Orientering,
                title: Some("Revisjonen".into()),
                text: "Revisor orienterte om rekneskapen.".into(),
                answer: None,
            },
            joins_previous: false,
            before_item: Some(1),
        }],
        ..Behandling::default()
    };
    s.write(|tx| behandling::set_business(tx, &who(), m, &business)).unwrap();

    let found = protocols::find_meeting(s.conn(), Some("FORMANNSKAPET"), NaiveDate::from_ymd_opt(2026, 3, 12).unwrap());
    assert_eq!(found.unwrap(), m, "the board's name in any case finds the meeting");
    let minutes = s.read(|tx| protocols::minutes(tx, m)).unwrap();
    assert_eq!(minutes.board, "Formannskapet");
    assert!(minutes.facts.iter().any(|f| f.label == "Møtedato:" && f.value == "12.03.2026"));
    let a = &minutes.attendance;
    assert_eq!(a.members.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Kari Nordheim", "Per Bakken"]);
    assert_eq!(a.members[1].note.as_deref(), Some("kom kl. 10.15, frå sak 2/26"));
    assert_eq!(a.apologies[0].name, "Siri Dale");
    assert_eq!(a.substitutes[0].note.as_deref(), Some("møtte for Siri Dale"));
    assert_eq!(a.ugilde[0].item, "1/26");
    assert_eq!(a.administration[0].function.as_deref(), Some("kommunedirektør"));
    assert_eq!(minutes.chair.as_deref(), Some("Kari Nordheim"));
    assert_eq!(minutes.signatories, ["Kari Nordheim", "Per Bakken"]);
    let parts: Vec<String> = minutes
        .parts
        .iter()
        .map(|p| match p {
            MinutesPart::Case(c) => format!("sak {}", c.number),
            MinutesPart::Business { paragraphs } => saksbok_core::behandling::as_text(paragraphs),
        })
        .collect();
    assert_eq!(parts[0], "sak 1/26");
    assert!(parts[1].contains("Revisor orienterte om rekneskapen."), "{parts:?}");
    assert_eq!(parts[2], "sak 2/26");
    let MinutesPart::Case(first) = &minutes.parts[0] else { panic!() };
    assert_eq!(first.attachments, ["Budsjettdokument"]);
    let vedtak = &first.sections.iter().find(|s| s.heading == "Vedtak:").unwrap().paragraphs;
    assert_eq!(vedtak[1].plain_text(), "1. Driftsbudsjett\n2. Investeringsbudsjett", "the list keeps its lines");
}

#[test]
fn a_meeting_is_found_by_date_and_named_boards_are_told_apart() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let day = NaiveDate::from_ymd_opt(2021, 4, 15).unwrap();
    let id = protocols::find_meeting(s.conn(), None, day).unwrap();
    assert_eq!(protocols::find_meeting(s.conn(), Some("Formannskapet og næringsutvalet"), day).unwrap(), id);
    let e = protocols::find_meeting(s.conn(), Some("Kommunestyret"), day).unwrap_err();
    assert_eq!(e.to_string(), "Fann ikkje noko møte i Kommunestyret 15.04.2021.");
    let e = protocols::find_meeting(s.conn(), None, day.succ_opt().unwrap()).unwrap_err();
    assert!(matches!(e, StoreError::NotFound(_)));
    // The demo meeting has no roll: the minutes say so instead of inventing one.
    let minutes = s.read(|tx| protocols::minutes(tx, id)).unwrap();
    assert!(minutes.attendance.unrecorded);
    assert_eq!(minutes.sakliste[0].lines[0].number, "54/21");
}

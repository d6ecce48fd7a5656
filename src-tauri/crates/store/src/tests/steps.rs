//! Meeting mode and saksgang on real files: drafts kept and cleared, the
//! last step undone (and the one before), a case sent on to the next board
//! with its vedtak as the new tilråding.

use saksbok_core::board::{BoardSettings, NumberFormat, NumberSeries, TextLanguage};
use saksbok_core::meeting::{MeetingInput, SaklisteEntry};
use saksbok_core::model::{Behandling, Block, BlockContent, BusinessKind};
use tempfile::TempDir;

use super::{db, who, with_demo};
use crate::{StoreError, agenda, attendance, behandling, boards, drafts, meetings, saksgang, undo};

#[test]
fn drafts_are_kept_replaced_and_cleared_without_history() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let meeting = s.read(|tx| meetings::list(tx)).unwrap()[0].id;
    let history =
        |s: &crate::Store| -> i64 { s.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap() };
    let before = history(&s);
    s.write(|tx| drafts::save(tx, &who(), meeting, "item:1", r#"{"votes_for":"5"}"#)).unwrap();
    s.write(|tx| drafts::save(tx, &who(), meeting, "item:1", r#"{"votes_for":"5","votes_against":"2"}"#)).unwrap();
    s.write(|tx| drafts::save(tx, &who(), meeting, "roll", "{}")).unwrap();
    let kept = s.read(|tx| drafts::list(tx, meeting)).unwrap();
    assert_eq!(kept.iter().map(|d| d.key.as_str()).collect::<Vec<_>>(), ["item:1", "roll"]);
    assert_eq!(kept[0].content, r#"{"votes_for":"5","votes_against":"2"}"#);
    s.write(|tx| drafts::clear(tx, meeting, "item:1")).unwrap();
    assert_eq!(s.read(|tx| drafts::list(tx, meeting)).unwrap().len(), 1);
    s.write(|tx| drafts::save(tx, &who(), meeting, "business:0", "{}")).unwrap();
    s.write(|tx| drafts::save(tx, &who(), meeting, "business:end", "{}")).unwrap();
    s.write(|tx| drafts::clear_all(tx, meeting, "business")).unwrap();
    let left: Vec<String> = s.read(|tx| drafts::list(tx, meeting)).unwrap().into_iter().map(|d| d.key).collect();
    assert_eq!(left, ["roll"]);
    assert_eq!(history(&s), before, "drafts are not history");
}

#[test]
fn the_last_step_is_undone_then_the_one_before() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let meeting = s.read(|tx| meetings::list(tx)).unwrap()[0].id;
    let item = agenda::find_agenda_item(s.conn(), "54/21".parse().unwrap(), None).unwrap();
    let e = s.write(|tx| undo::undo_last(tx, &who(), meeting)).unwrap_err();
    assert_eq!(e.to_string(), "Det er ingen steg å angre i dette møtet.");

    // Step 1: the item's vote changed. Step 2: an orientering of the meeting.
    let original = s.read(|tx| behandling::get_item(tx, item)).unwrap().record;
    let mut changed = original.clone();
    changed.behandling.votes[0].votes_for = Some(3);
    s.write(|tx| behandling::set_item(tx, &who(), item, &changed)).unwrap();
    let business = Behandling {
        blocks: vec![Block {
            content: BlockContent::Business {
                business: BusinessKind::Orientering,
                title: Some("Rådmannen".into()),
                text: "Orientering om økonomien.".into(),
                answer: None,
            },
            joins_previous: false,
            before_item: None,
        }],
        ..Behandling::default()
    };
    s.write(|tx| behandling::set_business(tx, &who(), meeting, &business)).unwrap();

    let said = s.write(|tx| undo::undo_last(tx, &who(), meeting)).unwrap();
    assert_eq!(said, "Sakene utanom saklista er sette tilbake.");
    assert_eq!(s.read(|tx| behandling::get_business(tx, meeting)).unwrap(), Behandling::default());
    let said = s.write(|tx| undo::undo_last(tx, &who(), meeting)).unwrap();
    assert_eq!(said, "Behandlinga av sak 54/21 er sett tilbake.");
    assert_eq!(s.read(|tx| behandling::get_item(tx, item)).unwrap().record, original);
    // The load of the demo is not a step of the meeting.
    let e = s.write(|tx| undo::undo_last(tx, &who(), meeting)).unwrap_err();
    assert!(e.to_string().contains("ingen steg"), "{e}");
    // Each undo is in the history.
    let undos: i64 =
        s.conn().query_row("SELECT count(*) FROM audit_log WHERE action = 'undo'", [], |r| r.get(0)).unwrap();
    assert_eq!(undos, 2);

    // A roll, then undone: back to no roll.
    let roll = super::attendance::roll();
    let entries = [SaklisteEntry { added_late: true, ..SaklisteEntry::titled("Orientering") }];
    let m = s.read(|tx| meetings::get(tx, meeting)).unwrap();
    let mut list: Vec<SaklisteEntry> =
        m.items.iter().map(|i| SaklisteEntry::of_item(i, NumberFormat::SeqYear)).collect();
    list.extend(entries);
    s.write(|tx| meetings::set_sakliste(tx, &who(), meeting, &list)).unwrap();
    s.write(|tx| attendance::set(tx, &who(), meeting, &roll)).unwrap();
    assert_eq!(s.write(|tx| undo::undo_last(tx, &who(), meeting)).unwrap(), "Oppmøtet er sett tilbake.");
    assert!(s.read(|tx| attendance::get(tx, meeting)).unwrap().input.attendance.attendees.is_empty());
}

#[test]
fn a_case_is_sent_on_to_the_next_board_with_its_vedtak_as_the_tilraading() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let from = agenda::find_agenda_item(s.conn(), "54/21".parse().unwrap(), None).unwrap();
    let formannskapet = s.read(|tx| boards::list(tx)).unwrap()[0].id;
    let settings = BoardSettings {
        name: "Kommunestyret".into(),
        code: None,
        series: vec![NumberSeries { prefix: None, label: None }],
        number_format: NumberFormat::SeqYear,
        default_place: None,
        language: TextLanguage::Nn,
        distribution: vec![],
    };
    let kst = s.write(|tx| boards::create(tx, &who(), &settings)).unwrap().id;
    let e = s.write(|tx| saksgang::send_on(tx, &who(), from, formannskapet)).unwrap_err();
    assert_eq!(e.to_string(), "Saka kan ikkje sendast vidare til same utval. Vel eit anna utval.");
    let sent = s.write(|tx| saksgang::send_on(tx, &who(), from, kst)).unwrap();
    assert_eq!(sent.case_number.to_string(), "21/1069");
    assert_eq!(sent.from.as_deref(), Some("Formannskapet og næringsutvalet 15.04.2021, sak 54/21"));
    assert!(sent.recommendation.as_deref().unwrap().starts_with("Formannskapet godkjenner grunnlaget"));
    let e = s.write(|tx| saksgang::send_on(tx, &who(), from, kst)).unwrap_err();
    assert!(matches!(e, StoreError::Invalid(ref m) if m == "Saka er alt send vidare til Kommunestyret."), "{e}");
    assert_eq!(s.read(|tx| saksgang::waiting(tx, kst)).unwrap(), std::slice::from_ref(&sent));

    // Put on the kommunestyre's sakliste: off the waiting list, with the tilråding.
    let input = MeetingInput {
        board_id: kst,
        date: "06.05.2021".into(),
        place: None,
        start_time: None,
        end_time: None,
        notice_sent: None,
        notice_method: None,
    };
    let m = s.write(|tx| meetings::create(tx, &who(), &input)).unwrap();
    let entry = SaklisteEntry::case("21/1069");
    let m = s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[entry])).unwrap();
    assert!(s.read(|tx| saksgang::waiting(tx, kst)).unwrap().is_empty());
    let item = s.read(|tx| behandling::get_item(tx, m.items[0].id)).unwrap();
    assert_eq!(item.record.recommendation, sent.recommendation);
    // Put on the wrong meeting: it may be taken off again, and waits once more.
    assert!(!m.items[0].has_records, "the tilråding it came with is not a record of this meeting");
    s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[])).unwrap();
    assert_eq!(s.read(|tx| saksgang::waiting(tx, kst)).unwrap().len(), 1);
    // The saksgang shows in the case's history.
    let sends: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'send' AND entity_id = ?1", [from], |r| r.get(0))
        .unwrap();
    assert_eq!(sends, 1);
}

#[test]
fn an_undo_finds_its_items_after_the_sakliste_changed() {
    let dir = TempDir::new().unwrap();
    let mut s = crate::Store::open(&db(&dir)).unwrap();
    let m = super::attendance::meeting(&mut s);
    let first = super::attendance::roll();
    s.write(|tx| attendance::set(tx, &who(), m, &first)).unwrap();
    let mut second = first.clone();
    second.chair = Some("Per Bakken".into());
    s.write(|tx| attendance::set(tx, &who(), m, &second)).unwrap();
    // An orientering put first on the list: every item moves one down.
    let list = s.read(|tx| meetings::get(tx, m)).unwrap();
    let mut entries: Vec<SaklisteEntry> =
        vec![SaklisteEntry { added_late: true, ..SaklisteEntry::titled("Orientering frå kommunedirektøren") }];
    entries.extend(list.items.iter().map(|i| SaklisteEntry::of_item(i, NumberFormat::SeqYear)));
    s.write(|tx| meetings::set_sakliste(tx, &who(), m, &entries)).unwrap();
    s.write(|tx| undo::undo_last(tx, &who(), m)).unwrap();
    let back = s.read(|tx| attendance::get(tx, m)).unwrap().input;
    assert_eq!(back.chair.as_deref(), Some("Kari Nordheim"));
    // Kari was ugild in "Budsjett 2027", now the second item.
    assert_eq!(back.attendance.disqualified[0].item, 1);
    assert_eq!(back.signatories_item, Some(1));
    assert_eq!(back.attendance.attendees[1].from_item, Some(2), "Per came for Skulebruksplan");
    // Undoing the first step too leaves no roll; then there is nothing left.
    s.write(|tx| undo::undo_last(tx, &who(), m)).unwrap();
    assert!(s.read(|tx| attendance::get(tx, m)).unwrap().input.attendance.attendees.is_empty());
    assert!(s.write(|tx| undo::undo_last(tx, &who(), m)).is_err());
}

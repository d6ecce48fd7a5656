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
        attachments: vec![Attachment { title: "Budsjettdokument".into(), journal_entry: None, document: None }],
        approves_minutes: Vec::new(),
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
    assert_eq!(a.administration[0].note.as_deref(), Some("del av sak 2"), "the clerk's own words, printed");
    assert_eq!(minutes.chair.as_deref(), Some("Kari Nordheim"));
    assert_eq!(saksbok_core::minutes::Signatory::names(&minutes.signatories), ["Kari Nordheim", "Per Bakken"]);
    let notes: Vec<Option<&str>> = minutes.signatories.iter().map(|s| s.note.as_deref()).collect();
    assert_eq!(notes, [Some("møteleiar"), Some("vald i sak 1/26")], "Per was elected in the first sak");
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

#[test]
fn the_public_version_and_the_innkalling_apply_the_case_registers_skjerming() {
    use saksbok_core::journal::{JournalInput, JournalKind, JournalStatus};
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let items = s.read(|tx| crate::meetings::get(tx, m)).unwrap().items;
    // 26/2 is skjerma, and its application came from a person the skjerming protects.
    let case = crate::cases::find(s.conn(), "26/2".parse().unwrap()).unwrap();
    s.write(|tx| {
        tx.execute(
            "UPDATE cases SET screening_basis = 'offl. § 13 jf. fvl. § 13', public_title = 'Søknad om skuleskyss' WHERE id = ?1",
            [case],
        )?;
        Ok(())
    })
    .unwrap();
    let letter = JournalInput {
        kind: JournalKind::Incoming,
        date: "2026-03-01".into(),
        correspondent: Some("Ola Skjult".into()),
        title: "Søknad frå Ola Skjult".into(),
        public_title: Some("Søknad om skuleskyss".into()),
        status: JournalStatus::Journalised,
        screening_basis: Some("offl. § 13 jf. fvl. § 13".into()),
    };
    let entry = s.write(|tx| crate::journal::create(tx, &who(), case, &letter.validate().unwrap())).unwrap();
    let record = ItemRecord {
        behandling: Behandling::default(),
        behandling_text: None,
        recommendation: None,
        vedtak: Some("Ola Skjult får skyss.".into()),
        attachments: vec![Attachment {
            title: "Søknad frå Ola Skjult".into(),
            journal_entry: Some(entry.number),
            document: None,
        }],
        approves_minutes: Vec::new(),
    };
    s.write(|tx| behandling::set_item(tx, &who(), items[1].id, &record)).unwrap();

    let full = serde_json::to_string(&s.read(|tx| protocols::minutes(tx, m)).unwrap()).unwrap();
    assert!(full.contains("Ola Skjult") && full.contains("Skulebruksplan"));
    let public = s.read(|tx| protocols::public_minutes(tx, m)).unwrap();
    let text = serde_json::to_string(&public).unwrap();
    for secret in ["Ola Skjult", "Skjult", "Skulebruksplan", "Søknad frå"] {
        assert!(!text.contains(secret), "{secret:?} in the offentleg versjon");
    }
    let MinutesPart::Case(second) = &public.parts[1] else { panic!() };
    assert_eq!(second.fields[1].value, "Saksprotokoll - Søknad om skuleskyss");
    assert_eq!(second.sections.last().unwrap().paragraphs[0].plain_text(), "NN får skyss.");
    assert_eq!(second.attachments, [format!("Søknad om skuleskyss ({})", entry.number)]);

    let notice = s.read(|tx| protocols::notice(tx, m)).unwrap();
    let titles: Vec<&str> = notice.sakliste[0].lines.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(titles, ["Budsjett 2027", "Søknad om skuleskyss"]);

    // Each document has its own versions; none is another's.
    let pdf = |b: &[u8]| [b"%PDF-1.7 ".as_slice(), b].concat();
    for (what, n) in [(protocols::Printed::Notice(m), 2), (protocols::Printed::Public(m), 1)] {
        for k in 0..n {
            s.write(|tx| {
                protocols::record_print(
                    tx,
                    &who(),
                    what,
                    &format!("{what:?}-{k}"),
                    &pdf(format!("{what:?}{k}").as_bytes()),
                )
            })
            .unwrap();
        }
    }
    let times = |what| protocols::times_printed(s.conn(), what).unwrap();
    assert_eq!(
        (
            times(protocols::Printed::Notice(m)),
            times(protocols::Printed::Public(m)),
            times(protocols::Printed::Meeting(m))
        ),
        (2, 1, 0)
    );
}

#[test]
fn a_boards_layout_is_checked_saved_printed_and_exported() {
    use saksbok_core::layout::{AttendanceLayout, ProtocolLayout, SignaturePlace};
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let board = s.read(|tx| crate::meetings::get(tx, m)).unwrap().board_id;
    assert_eq!(crate::boards::layout(s.conn(), board).unwrap(), ProtocolLayout::default());

    // An empty label is refused, field by field, and nothing changes.
    let bad = ProtocolLayout { vedtak_label: " ".into(), ..ProtocolLayout::default() };
    let e = s.write(|tx| crate::boards::set_layout(tx, &who(), board, &bad)).unwrap_err();
    let StoreError::InvalidFields(fields) = e else { panic!("{e:?}") };
    assert_eq!(fields[0].field, "vedtak_label");
    let stored: Option<String> =
        s.conn().query_row("SELECT protocol_layout FROM boards WHERE id = ?1", [board], |r| r.get(0)).unwrap();
    assert_eq!(stored, None);

    let own = ProtocolLayout {
        minutes_title: " Møtebok ".into(),
        behandling_label: "Handsaming:".into(),
        title_prefix: false,
        attendance: AttendanceLayout::Fields,
        signatures: SignaturePlace::AfterSakliste,
        ..ProtocolLayout::default()
    };
    let saved = s.write(|tx| crate::boards::set_layout(tx, &who(), board, &own)).unwrap();
    assert_eq!(saved.minutes_title, "Møtebok", "trimmed");
    let minutes = s.read(|tx| protocols::minutes(tx, m)).unwrap();
    assert_eq!((minutes.document_kind.as_str(), minutes.layout.attendance), ("Møtebok", AttendanceLayout::Fields));
    let MinutesPart::Case(first) = &minutes.parts[0] else { panic!() };
    assert_eq!(first.fields[1].value, "Budsjett 2027", "the bare title");
    assert_eq!(first.sections[0].heading, "Handsaming:");
    // The saksprotokoll of an item follows its board's layout too.
    let items = s.read(|tx| crate::meetings::get(tx, m)).unwrap().items;
    let extract = s.read(|tx| protocols::saksprotokoll(tx, items[0].id)).unwrap();
    assert_eq!(extract.fields[1].value, "Budsjett 2027");
    // A preview with a layout being edited, without saving it.
    let edited = ProtocolLayout { minutes_title: "Protokoll".into(), ..saved.clone() };
    let preview = s.read(|tx| protocols::minutes_with(tx, m, Some(&edited))).unwrap();
    assert_eq!(preview.document_kind, "Protokoll");
    assert_eq!(crate::boards::layout(s.conn(), board).unwrap(), saved);

    // In the export, and in the history.
    let export = crate::interchange::export(s.conn()).unwrap();
    let layout = export["boards"][0]["protocol_layout"].as_str().unwrap();
    assert_eq!(serde_json::from_str::<ProtocolLayout>(layout).unwrap(), saved);
    let audited: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'protocol_layout'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 1);
    // Back to the reference layout: stored as NULL again.
    s.write(|tx| crate::boards::set_layout(tx, &who(), board, &ProtocolLayout::default())).unwrap();
    let stored: Option<String> =
        s.conn().query_row("SELECT protocol_layout FROM boards WHERE id = ?1", [board], |r| r.get(0)).unwrap();
    assert_eq!(stored, None);
}

/// The municipality's logo: kept among the settings, given to every protocol
/// of the register, named (not copied) in the history, carried by the
/// export, and taken away again.
#[test]
fn the_logo_reaches_every_protocol_and_the_export() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let m: i64 = s.conn().query_row("SELECT id FROM meetings", [], |r| r.get(0)).unwrap();
    let item: i64 = s.conn().query_row("SELECT id FROM agenda_items", [], |r| r.get(0)).unwrap();
    assert!(protocols::minutes(s.conn(), m).unwrap().logo.is_none());
    let file = b"\x89PNG\r\n\x1a\n not checked here: the window checks the picture".to_vec();
    s.write(|tx| crate::settings::set_logo(tx, &who(), Some(&file))).unwrap();
    let logo = Some(saksbok_core::protocol::Logo(file.clone().into()));
    assert_eq!(crate::settings::logo(s.conn()).unwrap(), logo);
    assert_eq!(protocols::minutes(s.conn(), m).unwrap().logo, logo);
    assert_eq!(protocols::public_minutes(s.conn(), m).unwrap().logo, logo);
    assert_eq!(protocols::notice(s.conn(), m).unwrap().logo, logo);
    assert_eq!(protocols::saksprotokoll(s.conn(), item).unwrap().logo, logo);
    let board: i64 = s.conn().query_row("SELECT board_id FROM meetings", [], |r| r.get(0)).unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let report = crate::tasks::followup_report(s.conn(), board, day(2021, 1, 1), day(2021, 12, 31), day(2026, 12, 4));
    assert_eq!(report.unwrap().logo, logo);
    let after: String = s
        .conn()
        .query_row("SELECT after FROM audit_log WHERE entity = 'settings' ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let sha = saksbok_core::hash::sha256_hex(&file);
    assert_eq!(after, format!(r#"{{"logo":{{"sha256":"{sha}","bytes":{}}}}}"#, file.len()));
    // The same file again writes nothing.
    let rows = |s: &Store| -> i64 { s.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap() };
    let before = rows(&s);
    s.write(|tx| crate::settings::set_logo(tx, &who(), Some(&file))).unwrap();
    assert_eq!(rows(&s), before);

    // Export and import into an empty register: the logo comes along.
    let json = crate::interchange::export_text(s.conn()).unwrap();
    let mut copy = Store::open(&dir.path().join("kopi.sqlite3")).unwrap();
    let from = |sha: &str| crate::documents::blob(s.conn(), sha).map_err(|e| std::io::Error::other(e.to_string()));
    copy.write(|tx| crate::interchange::import(tx, &who(), &crate::interchange::parse(&json)?, "a.json", &from))
        .unwrap();
    assert_eq!(crate::settings::logo(copy.conn()).unwrap(), logo);

    // A value that is no base64 (an export edited by hand) is no logo, and does not stop a protocol.
    s.conn().execute("UPDATE settings SET value = '%%% ikkje base64' WHERE key = 'logo'", []).unwrap();
    assert!(crate::settings::logo(s.conn()).unwrap().is_none());
    assert!(protocols::minutes(s.conn(), m).unwrap().logo.is_none());
    s.write(|tx| crate::settings::set_logo(tx, &who(), Some(&file))).unwrap();
    s.write(|tx| crate::settings::set_logo(tx, &who(), None)).unwrap();
    assert!(crate::settings::logo(s.conn()).unwrap().is_none());
    assert!(protocols::saksprotokoll(s.conn(), item).unwrap().logo.is_none());
}

//! Approving a meeting's protocol on a real file: what stops it, what it
//! keeps, and the lock — every table of a meeting refuses UPDATE and DELETE
//! by raw SQL once it is approved, whoever asks.

use chrono::NaiveDate;
use saksbok_core::approval::ApprovalFields;
use saksbok_core::model::{
    Behandling, Block, BlockContent, BusinessKind, Outcome, PartyVotes, Proposal, ProposalKind, Vote,
};
use saksbok_core::record::{Attachment, ItemRecord};
use saksbok_core::sakliste::MeetingStatus;
use tempfile::TempDir;

use super::attendance::{meeting, roll};
use super::{db, who};
use crate::{Store, StoreError, approval, attendance, behandling, interchange, meetings};

fn approval(signatories: &[&str]) -> ApprovalFields {
    ApprovalFields {
        approved_on: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
        note: Some("Godkjend i møte 4/26".into()),
        signatories: signatories.iter().map(ToString::to_string).collect(),
    }
}

const PDF: &[u8] = b"%PDF-1.7 the approved minutes";

/// A held meeting with a roll (someone away for a sak, an ugild member),
/// a proposal, a vote by party and a vedlegg in the first sak, a vedtak in
/// the second, and the meeting's own business.
fn recorded(s: &mut Store) -> (i64, Vec<i64>) {
    let m = meeting(s);
    let items: Vec<i64> = s.read(|tx| meetings::get(tx, m)).unwrap().items.iter().map(|i| i.id).collect();
    s.write(|tx| meetings::set_status(tx, &who(), m, MeetingStatus::Held)).unwrap();
    let mut r = roll();
    r.attendance.attendees[0].away_items = vec![1];
    s.write(|tx| attendance::set(tx, &who(), m, &r)).unwrap();
    let vote = Vote {
        proposal: Some(0),
        subject: "Framlegget".into(),
        unanimous: false,
        votes_for: Some(1),
        votes_against: Some(1),
        outcome: Some(Outcome::Fall),
        chair_decided: true,
        text_override: None,
        other: None,
        parties: vec![PartyVotes { party: "Ap".into(), votes_for: Some(1), votes_against: None }],
        percent_for: None,
        percent_against: None,
    };
    let first = ItemRecord {
        behandling: Behandling {
            proposals: vec![Proposal {
                kind: ProposalKind::Utsetjing,
                party: Some("Ap".into()),
                proposer: Some("Per Bakken".into()),
                intro: None,
                text: "Saka vert utsett.".into(),
                inline: true,
                concerns_item: None,
            }],
            votes: vec![vote],
            blocks: vec![
                Block { content: BlockContent::Proposal { proposal: 0 }, joins_previous: false, before_item: None },
                Block { content: BlockContent::Vote { vote: 0 }, joins_previous: true, before_item: None },
            ],
        },
        behandling_text: None,
        recommendation: None,
        vedtak: Some("Budsjettet vert vedteke.".into()),
        attachments: vec![Attachment { title: "Budsjettdokument".into(), journal_entry: None, document: None }],
        approves_minutes: Vec::new(),
    };
    s.write(|tx| behandling::set_item(tx, &who(), items[0], &first)).unwrap();
    let second = ItemRecord {
        behandling: Behandling::default(),
        behandling_text: None,
        recommendation: None,
        vedtak: Some("Planen vert vedteken.".into()),
        attachments: Vec::new(),
        approves_minutes: Vec::new(),
    };
    s.write(|tx| behandling::set_item(tx, &who(), items[1], &second)).unwrap();
    let business = Behandling {
        blocks: vec![Block {
            content: BlockContent::Business {
                business: BusinessKind::Orientering,
                title: Some("Revisjonen".into()),
                text: "Om rekneskapen.".into(),
                answer: None,
            },
            joins_previous: false,
            before_item: None,
        }],
        ..Behandling::default()
    };
    s.write(|tx| behandling::set_business(tx, &who(), m, &business)).unwrap();
    let own = [Attachment { title: "Rekneskapen 2025".into(), journal_entry: None, document: None }];
    s.write(|tx| behandling::set_meeting_attachments(tx, &who(), m, &own)).unwrap();
    (m, items)
}

#[test]
fn what_stops_an_approval_is_said_and_nothing_is_locked_or_kept() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = meeting(&mut s);
    let items: Vec<i64> = s.read(|tx| meetings::get(tx, m)).unwrap().items.iter().map(|i| i.id).collect();
    let try_approve = |s: &mut Store, who_signs: &[&str]| {
        s.write(|tx| approval::approve(tx, &who(), m, &approval(who_signs), "/p/m.pdf", PDF, &[]))
            .unwrap_err()
            .to_string()
    };
    assert!(try_approve(&mut s, &["Kari Nordheim"]).contains("Møtet er ikkje halde enno"));
    s.write(|tx| meetings::set_status(tx, &who(), m, MeetingStatus::Held)).unwrap();
    assert!(try_approve(&mut s, &["Kari Nordheim"]).contains("Oppmøtet er ikkje ført"));
    s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap();
    assert_eq!(
        try_approve(&mut s, &["Kari Nordheim"]),
        "Ingen behandling eller vedtak er ført i sakene 1/26 og 2/26. Før det som skjedde før protokollen vert godkjend."
    );
    let vedtak = |text: &str| ItemRecord {
        behandling: Behandling::default(),
        behandling_text: None,
        recommendation: None,
        vedtak: Some(text.into()),
        attachments: Vec::new(),
        approves_minutes: Vec::new(),
    };
    s.write(|tx| behandling::set_item(tx, &who(), items[0], &vedtak("A."))).unwrap();
    s.write(|tx| behandling::set_item(tx, &who(), items[1], &vedtak("B."))).unwrap();
    assert_eq!(
        try_approve(&mut s, &["Ola Vik"]),
        "«Ola Vik» er ikkje møteleiar eller vald til å skriva under protokollen. Vel mellom: Kari Nordheim, Per Bakken."
    );
    assert_eq!(s.read(|tx| meetings::get(tx, m)).unwrap().status, MeetingStatus::Held);
    assert_eq!(s.read(|tx| approval::get(tx, m)).unwrap(), None);
    let prints: i64 = s.conn().query_row("SELECT count(*) FROM printed_protocols", [], |r| r.get(0)).unwrap();
    assert_eq!(prints, 0, "nothing kept from a refused approval");
}

#[test]
fn an_approved_meeting_is_locked_in_every_table_whoever_asks() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let (m, items) = recorded(&mut s);
    let record = s
        .write(|tx| approval::approve(tx, &who(), m, &approval(&["Kari Nordheim", "Per Bakken"]), "/p/m.pdf", PDF, &[]))
        .unwrap();
    assert_eq!(record.sha256, saksbok_core::hash::sha256_hex(PDF));
    assert_eq!(record.note.as_deref(), Some("Godkjend i møte 4/26"));
    assert_eq!(s.read(|tx| approval::get(tx, m)).unwrap(), Some(record));
    assert_eq!(s.read(|tx| meetings::get(tx, m)).unwrap().status, MeetingStatus::Approved);
    let print = approval::approved_print(s.conn(), m).unwrap().unwrap();
    assert_eq!(crate::protocols::printed_pdf(s.conn(), print).unwrap(), PDF);

    // Every table that holds what the meeting recorded, with the rows of this meeting.
    let of_meeting = format!("meeting_id = {m}");
    let of_items = format!("agenda_item_id IN ({}, {})", items[0], items[1]);
    let tables: [(&str, String); 12] = [
        ("meetings", format!("id = {m}")),
        ("meeting_attachments", of_meeting.clone()),
        ("agenda_items", of_meeting.clone()),
        ("meeting_attendance", of_meeting.clone()),
        ("attendance_away", format!("attendance_id IN (SELECT id FROM meeting_attendance WHERE {of_meeting})")),
        ("disqualifications", of_items.clone()),
        ("attachments", of_items.clone()),
        ("proposals", of_items.clone()),
        ("votes", of_items.clone()),
        ("vote_parties", format!("vote_id IN (SELECT id FROM votes WHERE {of_items})")),
        ("behandling_blocks", of_meeting.clone()),
        ("printed_protocols", format!("{of_meeting} AND approved = 1")),
    ];
    for (table, rows) in &tables {
        let n: i64 =
            s.conn().query_row(&format!("SELECT count(*) FROM {table} WHERE {rows}"), [], |r| r.get(0)).unwrap();
        assert!(n > 0, "the test needs rows in {table}");
        for sql in [format!("UPDATE {table} SET id = id WHERE {rows}"), format!("DELETE FROM {table} WHERE {rows}")] {
            let e = s.conn().execute(&sql, []).unwrap_err().to_string();
            assert!(e.contains("godkjend og låst"), "{sql}: {e}");
        }
        let after: i64 =
            s.conn().query_row(&format!("SELECT count(*) FROM {table} WHERE {rows}"), [], |r| r.get(0)).unwrap();
        assert_eq!(after, n, "{table} unchanged");
    }
    // The store's own functions meet the same lock.
    let e = s.write(|tx| attendance::set(tx, &who(), m, &roll())).unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)), "{e:?}");
    assert!(e.to_string().contains("godkjend"), "{e}");
    let e = s
        .write(|tx| approval::approve(tx, &who(), m, &approval(&["Kari Nordheim"]), "/p/x.pdf", PDF, &[]))
        .unwrap_err();
    assert_eq!(e.to_string(), "Protokollen for dette møtet er alt godkjend.");

    // An export and an import bring the approved meeting over whole, still locked.
    let json = interchange::export_text(s.conn()).unwrap();
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let from_a = |sha: &str| crate::documents::blob(s.conn(), sha).map_err(|e| std::io::Error::other(e.to_string()));
    b.write(|tx| interchange::import(tx, &who(), &interchange::parse(&json)?, "a.json", &from_a)).unwrap();
    assert_eq!(interchange::export_text(b.conn()).unwrap(), json);
    let e = b.conn().execute("DELETE FROM votes", []).unwrap_err().to_string();
    assert!(e.contains("godkjend og låst"), "{e}");
}

#[test]
fn signed_copies_build_on_the_approved_bytes_and_are_never_changed() {
    use crate::signed::{self, Source};
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let (m, _) = recorded(&mut s);
    let one = [PDF, b"\n% one signature"].concat();
    let e = s.write(|tx| signed::keep(tx, &who(), m, "/p/s1.pdf", &one, 1, Source::Saksbok)).unwrap_err();
    assert!(e.to_string().starts_with("Protokollen er ikkje godkjend enno"), "{e}");

    s.write(|tx| approval::approve(tx, &who(), m, &approval(&["Kari Nordheim", "Per Bakken"]), "/p/m.pdf", PDF, &[]))
        .unwrap();
    assert_eq!(signed::current(s.conn(), m).unwrap(), PDF, "nothing signed yet: the approved bytes");
    let e = s
        .write(|tx| signed::keep(tx, &who(), m, "/p/x.pdf", b"%PDF-1.7 another file", 1, Source::Saksbok))
        .unwrap_err();
    assert!(e.to_string().starts_with("Fila er ikkje den godkjende møteboka"), "{e}");
    let first = s.write(|tx| signed::keep(tx, &who(), m, "/p/s1.pdf", &one, 1, Source::Saksbok)).unwrap();
    assert_eq!(signed::current(s.conn(), m).unwrap(), one);
    let e = s.write(|tx| signed::keep(tx, &who(), m, "/p/s1b.pdf", &one, 1, Source::Imported)).unwrap_err();
    assert!(e.to_string().contains("ingen nye underskrifter"), "{e}");
    let two = [&one[..], b"\n% two"].concat();
    let second = s.write(|tx| signed::keep(tx, &who(), m, "/p/s2.pdf", &two, 2, Source::Imported)).unwrap();
    let (latest, bytes) = signed::latest(s.conn(), m).unwrap().unwrap();
    assert_eq!((latest.id, latest.signatures, latest.source.as_str(), bytes), (second, 2, "imported", two.clone()));

    // Found by its bytes as the approved møtebok's signed copy, version 1.
    let found = crate::protocols::find_kept(s.conn(), &saksbok_core::hash::sha256_hex(&two)).unwrap().unwrap();
    assert_eq!((found.version, found.approved, found.signatures), (1, true, 2));
    // Signed copies are not versions of the møtebok.
    assert_eq!(crate::protocols::times_printed(s.conn(), crate::protocols::Printed::Meeting(m)).unwrap(), 1);

    for sql in [
        format!("UPDATE printed_protocols SET path = 'x' WHERE id = {first}"),
        format!("DELETE FROM printed_protocols WHERE id = {second}"),
    ] {
        let e = s.conn().execute(&sql, []).unwrap_err().to_string();
        assert!(e.contains("signert utgåve"), "{sql}: {e}");
    }

    // Export and import carry the signed copies and their bytes.
    let json = interchange::export_text(s.conn()).unwrap();
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let from_a = |sha: &str| crate::documents::blob(s.conn(), sha).map_err(|e| std::io::Error::other(e.to_string()));
    b.write(|tx| interchange::import(tx, &who(), &interchange::parse(&json)?, "a.json", &from_a)).unwrap();
    assert_eq!(interchange::export_text(b.conn()).unwrap(), json);
    assert_eq!(signed::current(b.conn(), m).unwrap(), two);
}

/// The demo meeting with its møteleiar on the roll: ready to approve.
fn demo_ready(s: &mut Store) -> i64 {
    let d = saksbok_core::demo::reference();
    s.write(|tx| crate::demo::load_demo(tx, &who(), &d)).unwrap();
    s.conn()
        .execute_batch(
            "INSERT INTO meeting_attendance (meeting_id, name, party, kind, position, chair)
             SELECT id, 'Kari Nes', 'Sp', 'medlem', 1, 1 FROM meetings",
        )
        .unwrap();
    s.conn().query_row("SELECT id FROM meetings", [], |r| r.get(0)).unwrap()
}

#[test]
fn at_approval_each_saksprotokoll_is_filed_in_its_case_and_layout_and_phrases_are_kept() {
    use saksbok_core::board::TextLanguage;
    use saksbok_core::journal::{JournalKind, JournalStatus};
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = demo_ready(&mut s);
    let item = s.read(|tx| meetings::get(tx, m)).unwrap().items[0].id;
    let board = s.read(|tx| meetings::get(tx, m)).unwrap().board_id;
    let signers = approval(&["Kari Nes"]);
    let to_file = approval::protocols_to_file(s.conn(), m, &signers).unwrap();
    assert_eq!(to_file.len(), 1);
    // Filed as it reads once approved: after the vedtak, the vedlegg and where the approved møtebok is.
    let headings: Vec<&str> = to_file[0].1.sections.iter().map(|x| x.heading.as_str()).collect();
    assert_eq!(headings, ["Behandling:", "Vedtak:", "Godkjend møtebok:"]);
    assert_eq!(
        to_file[0].1.sections[2].paragraphs[0].plain_text(),
        "Møteboka frå møtet 15.04.2021 vart godkjend 20.03.2026 (Godkjend i møte 4/26)."
    );
    let before = to_file[0].1.clone();
    let minutes_before = crate::protocols::minutes(s.conn(), m).unwrap();
    let filed: Vec<_> = to_file
        .iter()
        .map(|(id, p)| approval::FiledProtocol::new(*id, p, b"%PDF-1.7 saksprotokoll 54/21".to_vec()))
        .collect();
    assert_eq!(filed[0].file_name, "saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf");
    s.write(|tx| approval::approve(tx, &who(), m, &signers, "/p/m.pdf", PDF, &filed)).unwrap();

    // The case shows its saksprotokoll as a journalpost with the PDF.
    let case = crate::cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let journal = crate::journal::for_case(s.conn(), case).unwrap();
    let entry = journal.last().unwrap();
    assert_eq!(entry.title, "Saksprotokoll 54/21: IKT-samarbeid. Etablering av avtale med SYS-IKT");
    assert_eq!((entry.kind, entry.status), (JournalKind::MemoNoFollowUp, JournalStatus::Journalised));
    assert_eq!(entry.date, NaiveDate::from_ymd_opt(2026, 3, 20).unwrap());
    let docs = crate::documents::for_case(s.conn(), case).unwrap();
    let doc = docs.iter().find(|d| d.journal_entry_id == entry.id).unwrap();
    assert_eq!(crate::documents::read(s.conn(), doc.id).unwrap().1, b"%PDF-1.7 saksprotokoll 54/21");

    // A later change of the board's layout and phrases leaves the approved meeting as it was.
    let layout = saksbok_core::layout::ProtocolLayout {
        extract_title: "Særutskrift".into(),
        behandling_label: "Handsaming:".into(),
        ..Default::default()
    };
    s.write(|tx| crate::boards::set_layout(tx, &who(), board, &layout)).unwrap();
    let own = [("intro_party_person".to_string(), "{namn} ({parti}) gjorde framlegg om:".to_string())];
    s.write(|tx| behandling::set_phrases(tx, &who(), Some(board), TextLanguage::Nn, &own)).unwrap();
    // So does a change of its language: "Godkjend møtebok:" does not become Bokmål's "Godkjent møtebok:".
    let mut settings = s.read(|tx| crate::boards::get(tx, board)).unwrap().settings;
    settings.language = TextLanguage::Nb;
    s.write(|tx| crate::boards::update(tx, &who(), board, &settings)).unwrap();
    assert_eq!(crate::protocols::saksprotokoll(s.conn(), item).unwrap(), before);
    assert_eq!(crate::protocols::minutes(s.conn(), m).unwrap(), minutes_before);
    let frozen = approval::frozen(s.conn(), m).unwrap().unwrap();
    assert_eq!(frozen.layout, saksbok_core::layout::ProtocolLayout::default());
    assert_eq!(frozen.language, Some(TextLanguage::Nn));
    // …and what was kept is locked with the meeting.
    let e = s.conn().execute("UPDATE meetings SET frozen = NULL", []).unwrap_err().to_string();
    assert!(e.contains("godkjend og låst"), "{e}");
}

#[test]
fn a_scanned_ink_signed_copy_is_attached_to_an_approved_meeting_and_kept() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = demo_ready(&mut s);
    let scan = b"%PDF-1.4 scanned pages";
    let e = s.write(|tx| crate::scans::attach(tx, &who(), m, "skanna.pdf", scan)).unwrap_err();
    assert!(e.to_string().contains("godkjenn møteboka først"), "{e}");
    s.write(|tx| approval::approve(tx, &who(), m, &approval(&["Kari Nes"]), "/p/m.pdf", PDF, &[])).unwrap();
    let e = s.write(|tx| crate::scans::attach(tx, &who(), m, "notat.docx", scan)).unwrap_err();
    assert!(e.to_string().contains("ikkje ein PDF eller eit bilete"), "{e}");
    let e = s.write(|tx| crate::scans::attach(tx, &who(), m, "tom.pdf", b"")).unwrap_err();
    assert!(e.to_string().contains("tom"), "{e}");
    let kept = s.write(|tx| crate::scans::attach(tx, &who(), m, " møtebok signert.pdf ", scan)).unwrap();
    assert_eq!((kept.file_name.as_str(), kept.media_type.as_str()), ("møtebok signert.pdf", "application/pdf"));
    s.write(|tx| crate::scans::attach(tx, &who(), m, "side 2.jpg", b"\xff\xd8\xff jpeg")).unwrap();
    let list = crate::scans::list(s.conn(), m).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(crate::scans::read(s.conn(), kept.id).unwrap().1, scan);
    for sql in ["UPDATE meeting_scans SET file_name = 'x.pdf'", "DELETE FROM meeting_scans"] {
        let e = s.conn().execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("skanna kopi av protokollen kan ikkje endrast"), "{e}");
    }
    // The scans travel with an export, their bytes among the files.
    assert!(interchange::blob_hashes(s.conn()).unwrap().contains(&kept.sha256));
}

#[test]
fn a_protokolltilforsel_is_added_after_approval_numbered_and_never_changed() {
    use saksbok_core::addendum::AddendumInput;
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = demo_ready(&mut s);
    let item = s.read(|tx| meetings::get(tx, m)).unwrap().items[0].id;
    let input = |text: &str, item: Option<i64>, on: &str| {
        AddendumInput { text: text.into(), agenda_item: item, decided_on: on.into(), basis: Some("Møte 5/26".into()) }
            .validate()
            .unwrap()
    };
    let e = s.write(|tx| crate::addenda::add(tx, &who(), m, &input("Retting.", None, "21.03.2026"))).unwrap_err();
    assert!(e.to_string().starts_with("Protokollen er ikkje godkjend"), "{e}");
    // Even a raw INSERT for a meeting that is not approved is refused.
    let e = s
        .conn()
        .execute(
            "INSERT INTO protocol_addenda (meeting_id, number, text, decided_on, created_at, created_by)
             VALUES (?1, 1, 'x', '2026-01-01', 'now', 'sql')",
            [m],
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("høyrer til ein godkjend protokoll"), "{e}");
    s.write(|tx| approval::approve(tx, &who(), m, &approval(&["Kari Nes"]), "/p/m.pdf", PDF, &[])).unwrap();
    let e = s.write(|tx| crate::addenda::add(tx, &who(), m, &input("Retting.", None, "19.03.2026"))).unwrap_err();
    assert!(e.to_string().contains("etter godkjenninga (20.03.2026)"), "{e}");
    let e = s.write(|tx| crate::addenda::add(tx, &who(), m, &input("Retting.", Some(9999), "21.03.2026"))).unwrap_err();
    assert_eq!(e.to_string(), "Saka tilførselen gjeld, er ikkje ei sak i dette møtet.");

    let first =
        s.write(|tx| crate::addenda::add(tx, &who(), m, &input("Per Bakken møtte.", None, "21.03.2026"))).unwrap();
    let second = s
        .write(|tx| crate::addenda::add(tx, &who(), m, &input("Skrivefeil i vedtaket.", Some(item), "21.03.2026")))
        .unwrap();
    assert_eq!((first.number, second.number), (1, 2));
    assert_eq!(second.agenda_number.as_deref(), Some("54/21"));
    assert_eq!(crate::addenda::list(s.conn(), m).unwrap().len(), 2);
    let (meeting, printable) = crate::addenda::printable(s.conn(), second.id).unwrap();
    assert_eq!(meeting, m);
    assert_eq!(
        printable.title(),
        "Protokolltilførsel 2 til møteprotokollen, Formannskapet og næringsutvalet 15.04.2021"
    );
    for sql in ["UPDATE protocol_addenda SET text = 'Anna.'", "DELETE FROM protocol_addenda"] {
        let e = s.conn().execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("protokolltilførsel kan ikkje endrast"), "{e}");
    }
}

/// A later migration that must change rows of an approved meeting may drop a
/// guard only when it says why and creates it again; otherwise it is refused
/// whole, and the meeting stays as it was, still locked.
#[test]
fn a_migration_may_touch_locked_rows_only_in_the_open_and_never_drops_the_lock() {
    use crate::migrate::{MIGRATIONS, TOUCHES_LOCKED_ROWS, apply};
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let m = {
        let mut s = Store::open(&path).unwrap();
        let (m, _) = recorded(&mut s);
        s.write(|tx| approval::approve(tx, &who(), m, &approval(&["Kari Nordheim"]), "/p/m.pdf", PDF, &[])).unwrap();
        m
    };
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let guard: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'meetings_locked_update'", [], |r| r.get(0))
        .unwrap();
    let note = |c: &rusqlite::Connection| -> Option<String> {
        c.query_row("SELECT approval_note FROM meetings WHERE id = ?1", [m], |r| r.get(0)).unwrap()
    };
    let touch =
        format!("DROP TRIGGER meetings_locked_update;\nUPDATE meetings SET approval_note = 'Retta' WHERE id = {m};\n");
    let latest = MIGRATIONS.len() as i64;
    let run = |conn: &mut rusqlite::Connection, sql: &str| {
        let mut all = MIGRATIONS.to_vec();
        all.push(("0099_test", sql));
        apply(conn, &all, latest + 1)
    };

    // Dropped without a word, then created again: refused.
    let silent = format!("{touch}{guard};");
    let e = run(&mut conn, &silent).unwrap_err().to_string();
    assert!(e.contains("utan å seie kvifor"), "{e}");
    // Said, but the guard is not created again: refused.
    let e = run(&mut conn, &format!("{TOUCHES_LOCKED_ROWS} test\n{touch}")).unwrap_err().to_string();
    assert!(e.contains("ville fjerne vernet") && e.contains("meetings_locked_update"), "{e}");
    // Neither left a trace.
    assert_eq!(crate::schema_version(&conn).unwrap(), latest);
    assert_eq!(note(&conn).as_deref(), Some("Godkjend i møte 4/26"));

    // Said and created again: the row is changed, and the lock holds after it.
    run(&mut conn, &format!("{TOUCHES_LOCKED_ROWS} the note of a test meeting is corrected\n{touch}{guard};")).unwrap();
    assert_eq!(crate::schema_version(&conn).unwrap(), latest + 1);
    assert_eq!(note(&conn).as_deref(), Some("Retta"));
    let e = conn.execute("UPDATE meetings SET approval_note = 'x' WHERE id = ?1", [m]).unwrap_err().to_string();
    assert!(e.contains("godkjend og låst"), "{e}");
}

/// An approved møtebok whose approval carries no note of its own says in
/// each saksprotokoll which later sak approved it, when one says so.
#[test]
fn the_sak_that_approved_a_motebok_is_named_after_the_vedtak() {
    use saksbok_core::meeting::{MeetingInput, SaklisteEntry};
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let m = demo_ready(&mut s);
    let board = s.read(|tx| meetings::get(tx, m)).unwrap().board_id;
    let input = MeetingInput {
        board_id: board,
        date: "22.04.2021".into(),
        place: None,
        start_time: None,
        end_time: None,
        notice_sent: None,
        notice_method: None,
    };
    let next = s.write(|tx| meetings::create(tx, &who(), &input)).unwrap().id;
    s.write(|tx| meetings::set_sakliste(tx, &who(), next, &[SaklisteEntry::case("21/1069")])).unwrap();
    let item = s.read(|tx| meetings::get(tx, next)).unwrap().items[0].id;
    let record =
        ItemRecord { approves_minutes: vec![m], ..s.read(|tx| behandling::get_item(tx, item)).unwrap().record };
    s.write(|tx| behandling::set_item(tx, &who(), item, &record)).unwrap();
    let fields = ApprovalFields { note: None, ..approval(&["Kari Nes"]) };
    s.write(|tx| approval::approve(tx, &who(), m, &fields, "/p/m.pdf", PDF, &[])).unwrap();
    let first = s.read(|tx| meetings::get(tx, m)).unwrap().items[0].id;
    let p = crate::protocols::saksprotokoll(s.conn(), first).unwrap();
    let last = p.sections.last().unwrap();
    assert_eq!(last.heading, "Godkjend møtebok:");
    assert_eq!(
        last.paragraphs[0].plain_text(),
        "Møteboka frå møtet 15.04.2021 vart godkjend 20.03.2026 (i sak 55/21, 22.04.2021)."
    );
}

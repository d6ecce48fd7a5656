//! The case register on real SQLite files: numbering, editing with history,
//! journalpostar, search and the case list.

use saksbok_core::case::{CaseFields, CaseInput, CaseStatus};
use saksbok_core::journal::{JournalInput, JournalKind, JournalStatus};
use saksbok_core::register::{CaseQuery, CaseSort};
use tempfile::TempDir;

use super::{db, who, with_demo};
use crate::{Store, cases, documents, history, journal};

fn input(title: &str) -> CaseInput {
    CaseInput {
        number: None,
        title: title.into(),
        public_title: None,
        status: CaseStatus::InProgress,
        officer: Some("Kari Nordheim".into()),
        unit: Some("Stab".into()),
        classification: Some("026".into()),
        screening_basis: None,
        opened_on: "02.03.2026".into(),
        closed_on: None,
        notes: None,
    }
}

fn fields(i: &CaseInput) -> CaseFields {
    i.validate().unwrap()
}

fn create(s: &mut Store, i: &CaseInput) -> saksbok_core::register::CaseRecord {
    s.write(|tx| cases::create(tx, &who(), &fields(i))).unwrap()
}

fn titles(s: &mut Store, q: &CaseQuery) -> Vec<String> {
    s.read(|tx| cases::list(tx, q)).unwrap().rows.into_iter().map(|r| r.title).collect()
}

fn search(text: &str) -> CaseQuery {
    CaseQuery { text: text.into(), sort: CaseSort::Relevance, ..CaseQuery::default() }
}

#[test]
fn new_cases_get_the_next_number_of_their_year_and_a_uuid() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let a = create(&mut s, &input("Fyrste sak"));
    let b = create(&mut s, &input("Andre sak"));
    assert_eq!((a.number.to_string(), b.number.to_string()), ("26/1".into(), "26/2".into()));
    assert_eq!(a.uuid.len(), 36);
    assert_ne!(a.uuid, b.uuid);
    let mut old = input("Sak frå i fjor");
    old.opened_on = "2025-12-31".into();
    assert_eq!(create(&mut s, &old).number.to_string(), "25/1");
}

#[test]
fn an_imported_number_is_taken_once_and_moves_the_series_on() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let mut i = input("Importert sak");
    i.number = Some("2021/1069".into());
    i.opened_on = "01.02.2021".into();
    let e = s.write(|tx| cases::create(tx, &who(), &fields(&i))).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("Saksnummeret 21/1069 er alt brukt"), "{e}");
    i.number = Some("21/2000".into());
    create(&mut s, &i);
    let mut next = input("Ny sak i 2021");
    next.opened_on = "2021-05-01".into();
    assert_eq!(create(&mut s, &next).number.to_string(), "21/2001");
    let mut gap = input("Frå eit anna system");
    gap.number = Some("21/1500".into());
    gap.opened_on = "2021-05-01".into();
    assert_eq!(create(&mut s, &gap).number.to_string(), "21/1500", "a number never used may be imported");
}

#[test]
fn four_digit_years_round_trip_from_1998_to_2098() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    for (typed, year) in [("1998/12", 1998), ("2098/3", 2098)] {
        let mut i = input("Gamal eller framtidig sak");
        i.number = Some(typed.into());
        i.opened_on = format!("{year}-01-01");
        let c = create(&mut s, &i);
        assert_eq!(c.number.year, year);
        assert_eq!(cases::get(s.conn(), c.id).unwrap().number.year, year);
    }
}

#[test]
fn an_edit_is_audited_with_before_and_after_and_a_no_op_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let c = create(&mut s, &input("Gamal tittel"));
    let mut i = input("Ny tittel");
    i.status = CaseStatus::Closed;
    i.closed_on = Some("10.03.2026".into());
    let after = s.write(|tx| cases::update(tx, &who(), c.id, &fields(&i))).unwrap();
    assert_eq!(after.title, "Ny tittel");
    assert_eq!(after.number, c.number);
    s.write(|tx| cases::update(tx, &who(), c.id, &fields(&i))).unwrap();
    let h = history::for_case(s.conn(), c.id).unwrap();
    assert_eq!(h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    let changed: Vec<(&str, Option<&str>, Option<&str>)> =
        h[0].changes.iter().map(|c| (c.field.as_str(), c.before.as_deref(), c.after.as_deref())).collect();
    assert_eq!(
        changed,
        [
            ("title", Some("Gamal tittel"), Some("Ny tittel")),
            ("status", Some("in_progress"), Some("closed")),
            ("closed_on", None, Some("2026-03-10"))
        ]
    );
    assert_eq!(h[0].subject, "26/1");
    assert_eq!(h[0].actor, "test");
    let mut renumber = i.clone();
    renumber.number = Some("26/9".into());
    let e = s.write(|tx| cases::update(tx, &who(), c.id, &fields(&renumber))).unwrap_err();
    assert!(e.to_string().contains("kan ikkje endrast"), "{e}");
}

#[test]
fn journalpostar_are_numbered_within_their_case_and_show_in_the_history() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let id = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let entry = |title: &str| JournalInput {
        kind: JournalKind::Incoming,
        date: "2021-03-01".into(),
        correspondent: Some("Sogndal kommune".into()),
        title: title.into(),
        public_title: None,
        status: JournalStatus::Journalised,
        screening_basis: None,
    };
    let a = s.write(|tx| journal::create(tx, &who(), id, &entry("Avtaleutkast").validate().unwrap())).unwrap();
    let b = s.write(|tx| journal::create(tx, &who(), id, &entry("Vedtekter").validate().unwrap())).unwrap();
    assert_eq!((a.number.to_string(), b.number.to_string()), ("21/1069-1".into(), "21/1069-2".into()));
    let listed: Vec<String> = journal::for_case(s.conn(), id).unwrap().into_iter().map(|j| j.title).collect();
    assert_eq!(listed, ["Avtaleutkast", "Vedtekter"]);
    let h = history::for_case(s.conn(), id).unwrap();
    let subjects: Vec<(&str, &str)> = h.iter().map(|e| (e.entity.as_str(), e.subject.as_str())).collect();
    assert_eq!(
        subjects,
        [("journal_entry", "21/1069-2"), ("journal_entry", "21/1069-1"), ("agenda_item", "54/21"), ("case", "21/1069")]
    );
    let e = s.write(|tx| Ok(tx.execute("DELETE FROM journal_entries", [])?)).unwrap_err();
    assert!(e.to_string().contains("aldri sletta"), "{e}");
    let e = s.write(|tx| journal::create(tx, &who(), 999, &entry("x").validate().unwrap())).unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn a_journalpost_is_edited_with_its_history_and_keeps_its_number() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let case = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let mut entry = JournalInput {
        kind: JournalKind::Incoming,
        date: "2021-03-01".into(),
        correspondent: Some("Sogndal kommune".into()),
        title: "Avtaleutkast".into(),
        public_title: None,
        status: JournalStatus::Registered,
        screening_basis: None,
    };
    let made = s.write(|tx| journal::create(tx, &who(), case, &entry.validate().unwrap())).unwrap();
    // Unchanged: nothing written, not even history.
    let before = history::for_case(s.conn(), case).unwrap().len();
    s.write(|tx| journal::update(tx, &who(), made.id, &entry.validate().unwrap())).unwrap();
    assert_eq!(history::for_case(s.conn(), case).unwrap().len(), before);

    entry.status = JournalStatus::Journalised;
    entry.title = "Avtaleutkast frå Kinnsarkivet".into();
    let edited = s.write(|tx| journal::update(tx, &who(), made.id, &entry.validate().unwrap())).unwrap();
    assert_eq!(edited.number, made.number);
    assert_eq!(edited.uuid, made.uuid);
    assert_eq!(edited.status, JournalStatus::Journalised);
    let h = history::for_case(s.conn(), case).unwrap();
    assert_eq!(h.len(), before + 1);
    assert_eq!(
        (h[0].entity.as_str(), h[0].action.as_str(), h[0].subject.as_str()),
        ("journal_entry", "update", "21/1069-1")
    );
    let changed: Vec<&str> = h[0].changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(changed, ["title", "status"], "{:?}", h[0].changes);
    // The new title is searchable, the case found by it.
    assert_eq!(titles(&mut s, &search("kinnsarkivet")).len(), 1);
    let e = s.write(|tx| journal::update(tx, &who(), 999, &entry.validate().unwrap())).unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn search_folds_capitals_of_norwegian_letters_but_keeps_them_letters() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let mut i = input("Før og etter flaumen");
    i.notes = Some("Møte på rådhuset om far og mor.".into());
    create(&mut s, &i);
    create(&mut s, &input("Tilskot for lag og organisasjonar"));
    let demo = "IKT-samarbeid. Etablering av avtale med SYS-IKT";
    // The demo's vedtak says "Rådhuset i Gaupne"; the new case's notes "rådhuset".
    assert_eq!(titles(&mut s, &search("RÅDHUSET")).len(), 2);
    assert_eq!(titles(&mut s, &search("gaupne RÅDHUS")), [demo]);
    // "for" is a prefix of "forhandlingar" in the demo, but never finds "før".
    let found = titles(&mut s, &search("for"));
    assert!(found.contains(&"Tilskot for lag og organisasjonar".to_string()), "{found:?}");
    assert!(!found.contains(&"Før og etter flaumen".to_string()), "for must not find før: {found:?}");
    assert_eq!(titles(&mut s, &search("FØR")), ["Før og etter flaumen"]);
    // The demo's vedtak has "får"; the new case's notes have "far".
    assert_eq!(titles(&mut s, &search("får")), [demo], "får must not find far");
    assert_eq!(titles(&mut s, &search("21/1069")), [demo]);
    assert_eq!(titles(&mut s, &search("2021/1069")), [demo]);
    assert_eq!(titles(&mut s, &search("fullmakt")), [demo], "the vedtak is searched");
}

#[test]
fn search_text_is_never_syntax_and_hits_come_marked() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    for text in [r#""IKT"#, "IKT OR", "NOT samarbeid", "sam*", "(ikt", "ikt:", "^ikt", "NEAR(ikt sys)"] {
        s.read(|tx| cases::list(tx, &search(text))).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
    let page = s.read(|tx| cases::list(tx, &search("?!.,"))).unwrap();
    assert_eq!(page.total, 0);
    let page = s.read(|tx| cases::list(tx, &search("samarb"))).unwrap();
    assert_eq!(page.total, 1);
    let snippet = &page.rows[0].snippet;
    assert!(snippet.iter().any(|p| p.hit && p.text.to_lowercase().starts_with("samarb")), "{snippet:?}");
    let plain = s.read(|tx| cases::list(tx, &CaseQuery::default())).unwrap();
    assert!(plain.rows[0].snippet.is_empty());
}

#[test]
fn the_list_filters_sorts_in_norwegian_order_and_pages() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    for t in ["Åsen skule", "Zebra-overgang", "Ærfugl", "Østre veg", "Bru over elva"] {
        create(&mut s, &input(t));
    }
    let mut closed = input("Avslutta sak");
    closed.status = CaseStatus::Closed;
    closed.closed_on = Some("2026-03-05".into());
    closed.officer = Some("Per Lerum".into());
    create(&mut s, &closed);
    let by_title = CaseQuery { sort: CaseSort::Title, ..CaseQuery::default() };
    assert_eq!(
        titles(&mut s, &by_title),
        [
            "Avslutta sak",
            "Bru over elva",
            "IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "Zebra-overgang",
            "Ærfugl",
            "Østre veg",
            "Åsen skule"
        ]
    );
    let newest = titles(&mut s, &CaseQuery::default());
    assert_eq!(newest.first().map(String::as_str), Some("Avslutta sak"));
    assert_eq!(newest.last().map(String::as_str), Some("IKT-samarbeid. Etablering av avtale med SYS-IKT"));
    let q = |f: &dyn Fn(&mut CaseQuery)| {
        let mut q = CaseQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(titles(&mut s, &q(&|q| q.status = Some(CaseStatus::Closed))), ["Avslutta sak"]);
    assert_eq!(titles(&mut s, &q(&|q| q.year = Some(2021))).len(), 1);
    assert_eq!(titles(&mut s, &q(&|q| q.officer = Some("Per Lerum".into()))), ["Avslutta sak"]);
    assert_eq!(titles(&mut s, &q(&|q| q.board = Some("Formannskapet og næringsutvalet".into()))).len(), 1);
    let page = s
        .read(|tx| {
            cases::list(
                tx,
                &q(&|q| {
                    q.offset = 2;
                    q.limit = 3;
                }),
            )
        })
        .unwrap();
    assert_eq!((page.total, page.offset, page.rows.len()), (7, 2, 3));
    let opts = cases::filter_options(s.conn()).unwrap();
    assert_eq!(opts.years, [2026, 2021]);
    assert_eq!(opts.officers, ["Kari Nordheim", "Per Lerum"]);
    assert_eq!(opts.boards, ["Formannskapet og næringsutvalet"]);
}

#[test]
fn the_saksgang_lists_every_board_a_case_went_to() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let mut next = saksbok_core::demo::reference().meeting;
    next.info.board = "Kommunestyret".into();
    next.info.date = chrono::NaiveDate::from_ymd_opt(2021, 5, 6).unwrap();
    next.items[0].number.seq = 31;
    s.write(|tx| crate::agenda::insert_meeting(tx, &who(), &next)).unwrap();
    let id = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let steps = cases::saksgang(s.conn(), id).unwrap();
    let shown: Vec<(String, &str)> = steps.iter().map(|g| (g.number.to_string(), g.board.as_str())).collect();
    assert_eq!(shown, [("54/21".into(), "Formannskapet og næringsutvalet"), ("31/21".into(), "Kommunestyret")]);
    assert!(steps[0].vedtak.as_deref().unwrap().starts_with("Formannskapet godkjenner"));
    let all = s.read(|tx| cases::list(tx, &CaseQuery::default())).unwrap();
    assert_eq!(all.total, 1, "one row per arkivsak, however many boards it went to");
}

#[test]
fn documents_are_stored_once_per_content_checked_when_read_and_searchable() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let id = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let j = JournalInput {
        kind: JournalKind::Incoming,
        date: "2021-03-01".into(),
        correspondent: None,
        title: "Avtaleutkast".into(),
        public_title: None,
        status: JournalStatus::Journalised,
        screening_basis: None,
    };
    let entry = s.write(|tx| journal::create(tx, &who(), id, &j.validate().unwrap())).unwrap();
    let pdf = b"%PDF-1.7 avtaleutkast".to_vec();
    let a = s.write(|tx| documents::attach(tx, &who(), entry.id, "Avtaleutkast SyS-IKT.pdf", &pdf)).unwrap();
    let b = s.write(|tx| documents::attach(tx, &who(), entry.id, "Vedlegg.docx", &pdf)).unwrap();
    assert_eq!((a.position, b.position), (1, 2));
    assert_eq!(a.media_type, "application/pdf");
    assert_eq!(b.media_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_eq!(a.sha256, documents::sha256_hex(&pdf));
    let blobs: i64 = s.conn().query_row("SELECT count(*) FROM blobs", [], |r| r.get(0)).unwrap();
    assert_eq!(blobs, 1, "the same content is stored once");
    assert_eq!(documents::read(s.conn(), a.id).unwrap().1, pdf);
    assert_eq!(documents::for_case(s.conn(), id).unwrap().len(), 2);
    let h = history::for_case(s.conn(), id).unwrap();
    assert_eq!((h[0].entity.as_str(), h[0].subject.as_str()), ("document", "21/1069-1"));
    assert!(h[0].changes.iter().any(|c| c.field == "file_name" && c.after.as_deref() == Some("Vedlegg.docx")));
    let q = CaseQuery { text: "vedlegg".into(), sort: CaseSort::Relevance, ..CaseQuery::default() };
    assert_eq!(s.read(|tx| cases::list(tx, &q)).unwrap().total, 1, "file names are searchable");
    // Stored contents never change; if the disk changes them, reading says so.
    let e = s.write(|tx| Ok(tx.execute("UPDATE blobs SET size = size", [])?)).unwrap_err();
    assert!(e.to_string().contains("kan ikkje endrast"), "{e}");
    s.conn()
        .execute_batch(
            "DROP TRIGGER blobs_never_changed; UPDATE blobs SET content = CAST(X'00' || substr(content, 2) AS BLOB);",
        )
        .unwrap();
    let e = documents::read(s.conn(), a.id).unwrap_err();
    assert!(e.to_string().contains("stemmer ikkje med hashen"), "{e}");
    let e = s.write(|tx| documents::attach(tx, &who(), 999, "x.pdf", b"x")).unwrap_err();
    assert_eq!(e.code(), "not_found");
}

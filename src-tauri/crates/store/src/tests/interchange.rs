//! JSON interchange on real databases: byte-identical round trips, the
//! schema file, additive imports and refusals that change nothing.

use saksbok_core::case::{CaseInput, CaseStatus};
use saksbok_core::journal::{JournalInput, JournalKind, JournalStatus};
use saksbok_core::meeting::{MeetingInput, SaklisteEntry};
use saksbok_core::register::{CaseQuery, CaseSort};
use serde_json::Value;
use tempfile::TempDir;

use super::{who, with_demo};
use crate::interchange::{self, NOT_EXPORTED, TABLES};
use crate::{Store, agenda, attendance, cases, documents, history, journal, meetings, protocols};

const SCHEMA: &str = include_str!("../../schema/saksbok-export-v8.schema.json");

fn case(title: &str, number: Option<&str>) -> CaseInput {
    CaseInput {
        number: number.map(Into::into),
        title: title.into(),
        public_title: None,
        status: CaseStatus::InProgress,
        officer: Some("Åse Hauge".into()),
        unit: None,
        classification: Some("614".into()),
        screening_basis: None,
        opened_on: "2026-02-01".into(),
        closed_on: None,
        notes: Some("Merknad med «sitat» og æøå.".into()),
    }
}

/// A database with the demo, two more cases, a journalpost and a print.
fn rich(path: &std::path::Path) -> Store {
    let mut s = with_demo(path);
    let c =
        s.write(|tx| cases::create(tx, &who(), &case("Skuleskyss for Jostedal", None).validate().unwrap())).unwrap();
    let mut screened = case("Personalsak", None);
    screened.screening_basis = Some("offl. § 13 jf. fvl. § 13".into());
    screened.public_title = Some("Personalsak".into());
    s.write(|tx| cases::create(tx, &who(), &screened.validate().unwrap())).unwrap();
    let j = JournalInput {
        kind: JournalKind::Outgoing,
        date: "2026-02-02".into(),
        correspondent: Some("Foreldre i Jostedal".into()),
        title: "Svar om skyss".into(),
        public_title: None,
        status: JournalStatus::Dispatched,
        screening_basis: None,
    };
    s.write(|tx| journal::create(tx, &who(), c.id, &j.validate().unwrap())).unwrap();
    let entry = journal::for_case(s.conn(), c.id).unwrap()[0].id;
    s.write(|tx| documents::attach(tx, &who(), entry, "svar.pdf", b"%PDF-1.7 svar om skyss")).unwrap();
    s.write(|tx| documents::attach(tx, &who(), entry, "kopi av svar.pdf", b"%PDF-1.7 svar om skyss")).unwrap();
    // A planned meeting: a case in the board's series, and a lukka tilleggssak.
    let board = s.read(|tx| crate::boards::list(tx)).unwrap()[0].id;
    let meeting = MeetingInput {
        board_id: board,
        date: "2026-03-12".into(),
        place: Some("Gaupne".into()),
        start_time: Some("09:00".into()),
        end_time: None,
        notice_sent: Some("2026-03-05".into()),
        notice_method: Some("E-post".into()),
    };
    let m = s.write(|tx| meetings::create(tx, &who(), &meeting)).unwrap();
    let entries = [
        SaklisteEntry::case(c.number.to_string()),
        SaklisteEntry {
            id: None,
            case_number: None,
            title: Some("Tilsetjing".into()),
            series: 0,
            number: Some("9/26".into()),
            closed: true,
            closed_basis: Some("kl. § 11-5 (2) a".into()),
            added_late: true,
        },
    ];
    s.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &entries)).unwrap();
    s.write(|tx| attendance::set(tx, &who(), m.id, &super::attendance::roll())).unwrap();
    // The møtebok's own vedlegg: a journalpost, and a title alone.
    let own = [
        saksbok_core::record::Attachment {
            title: "Skyssplan".into(),
            journal_entry: Some(saksbok_core::JournalNumber { case: c.number, doc: 1 }),
            document: None,
        },
        saksbok_core::record::Attachment { title: "Kart".into(), journal_entry: None, document: None },
    ];
    s.write(|tx| crate::behandling::set_meeting_attachments(tx, &who(), m.id, &own)).unwrap();
    let item = agenda::find_agenda_item(s.conn(), "54/21".parse().unwrap(), None).unwrap();
    s.write(|tx| protocols::record_print(tx, &who(), protocols::Printed::Item(item), "/tmp/54-21.pdf", b"%PDF-1.7"))
        .unwrap();
    s
}

fn import(s: &mut Store, text: &str) -> crate::Result<interchange::ImportSummary> {
    import_with(s, text, &|sha| Err(std::io::Error::other(format!("no file for {sha}"))))
}

fn import_with(
    s: &mut Store,
    text: &str,
    blobs: interchange::BlobSource<'_>,
) -> crate::Result<interchange::ImportSummary> {
    let doc = interchange::parse(text)?;
    s.write(|tx| interchange::import(tx, &who(), &doc, "test.json", blobs))
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = TempDir::new().unwrap();
    let a = rich(&dir.path().join("a.sqlite3"));
    let first = interchange::export_text(a.conn()).unwrap();
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    // Without the documents' contents nothing is imported.
    let e = import(&mut b, &first).unwrap_err();
    assert!(e.to_string().contains("$.documents[0].sha256: innhaldet manglar"), "{e}");
    assert_eq!(row_count(&b), 0);
    let hashes = interchange::blob_hashes(a.conn()).unwrap();
    assert_eq!(hashes.len(), 2, "two documents with one content, and a kept print");
    let from_a = |sha: &str| documents::blob(a.conn(), sha).map_err(|e| std::io::Error::other(e.to_string()));
    let summary = import_with(&mut b, &first, &from_a).unwrap();
    assert!(summary.kept_ids);
    assert_eq!(summary.rows["documents"], 2);
    let tampered = |_: &str| Ok(b"noko anna".to_vec());
    let mut c = Store::open(&dir.path().join("c.sqlite3")).unwrap();
    let e = import_with(&mut c, &first, &tampered).unwrap_err();
    assert!(e.to_string().contains("innhaldet stemmer ikkje med hashen"), "{e}");
    assert_eq!(summary.rows["cases"], 3);
    let agreements = ["agreements", "agreement_parties", "agreement_status_log", "agreement_links", "tasks"];
    assert_eq!(agreements.map(|t| summary.rows[t]), [1, 2, 2, 1, 5], "the demo's agreement travels whole");
    let second = interchange::export_text(b.conn()).unwrap();
    assert_eq!(first, second);
    // The import is logged apart from the history, which came over as it was.
    let logged: i64 = b.conn().query_row("SELECT count(*) FROM import_log", [], |r| r.get(0)).unwrap();
    assert_eq!(logged, 1);
    // Derived data is rebuilt: search and the title order work in the copy.
    let q = CaseQuery { text: "JOSTEDAL".into(), sort: CaseSort::Relevance, ..CaseQuery::default() };
    assert_eq!(b.read(|tx| cases::list(tx, &q)).unwrap().total, 1);
    let by_title = CaseQuery { sort: CaseSort::Title, ..CaseQuery::default() };
    let titles: Vec<String> =
        b.read(|tx| cases::list(tx, &by_title)).unwrap().rows.into_iter().map(|r| r.title).collect();
    assert_eq!(titles, ["IKT-samarbeid. Etablering av avtale med SYS-IKT", "Personalsak", "Skuleskyss for Jostedal"]);
}

#[test]
fn the_export_follows_its_schema_and_the_schema_follows_the_database() {
    let dir = TempDir::new().unwrap();
    let s = rich(&dir.path().join("a.sqlite3"));
    let doc = interchange::export(s.conn()).unwrap();
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // Every table of the database is exported (or deliberately not), and the
    // schema names exactly the columns each table has.
    let c = s.conn();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in &tables {
        assert!(
            TABLES.contains(&t.as_str()) || NOT_EXPORTED.contains(&t.as_str()),
            "table {t} is neither exported nor excluded"
        );
    }
    for t in TABLES {
        let in_schema: Vec<&String> = schema["properties"][*t]["items"]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{t} not in schema"))
            .keys()
            .collect();
        let in_db: Vec<String> = c
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
            .unwrap()
            .query_map([t], |r| r.get(0))
            .unwrap()
            .collect::<Result<Vec<String>, _>>()
            .unwrap()
            .into_iter()
            .filter(|n| !(*t == "cases" && n == "sort_key"))
            .collect();
        assert_eq!(in_schema, in_db.iter().collect::<Vec<_>>(), "schema and table {t} differ");
    }
}

#[test]
fn an_import_into_a_register_with_data_only_adds_and_moves_references() {
    let dir = TempDir::new().unwrap();
    let mut other = Store::open(&dir.path().join("other.sqlite3")).unwrap();
    let c = other
        .write(|tx| cases::create(tx, &who(), &case("Flaumsikring i Fortun", Some("2019/77")).validate().unwrap()))
        .unwrap();
    let j = JournalInput {
        kind: JournalKind::Incoming,
        date: "2019-05-05".into(),
        correspondent: None,
        title: "Varsel om flaum".into(),
        public_title: None,
        status: JournalStatus::Journalised,
        screening_basis: None,
    };
    other.write(|tx| journal::create(tx, &who(), c.id, &j.validate().unwrap())).unwrap();
    let text = interchange::export_text(other.conn()).unwrap();

    let mut s = with_demo(&dir.path().join("main.sqlite3"));
    let summary = import(&mut s, &text).unwrap();
    assert!(!summary.kept_ids);
    let id = cases::find(s.conn(), "19/77".parse().unwrap()).unwrap();
    let entries = journal::for_case(s.conn(), id).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].number.to_string(), "19/77-1");
    let h = history::for_case(s.conn(), id).unwrap();
    assert_eq!(h.len(), 2, "the history came along, pointing at the new ids: {h:?}");
    assert_eq!(cases::next_number(s.conn(), 2019).unwrap().to_string(), "19/78");
    assert_eq!(s.read(|tx| cases::list(tx, &CaseQuery::default())).unwrap().total, 2);
}

fn row_count(s: &Store) -> i64 {
    TABLES
        .iter()
        .map(|t| s.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).unwrap())
        .sum()
}

#[test]
fn a_collision_refuses_the_whole_import_and_nothing_changes() {
    let dir = TempDir::new().unwrap();
    let a = rich(&dir.path().join("a.sqlite3"));
    let text = interchange::export_text(a.conn()).unwrap();
    let mut s = with_demo(&dir.path().join("b.sqlite3"));
    let before = (interchange::export_text(s.conn()).unwrap(), row_count(&s));
    let e = import(&mut s, &text).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("$.cases[0]"), "{e}");
    assert!(e.to_string().contains("saksnummeret 21/1069 er alt brukt"), "{e}");
    assert!(e.to_string().ends_with("Ingenting er importert."), "{e}");
    assert_eq!((interchange::export_text(s.conn()).unwrap(), row_count(&s)), before);
    let logged: i64 = s.conn().query_row("SELECT count(*) FROM import_log", [], |r| r.get(0)).unwrap();
    assert_eq!(logged, 0);
}

#[test]
fn bad_files_are_refused_with_the_place_of_the_problem() {
    let dir = TempDir::new().unwrap();
    let a = rich(&dir.path().join("a.sqlite3"));
    let good = interchange::export_text(a.conn()).unwrap();
    let mut s = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&good).unwrap();
        f(&mut v);
        serde_json::to_string(&v).unwrap()
    };
    let cases: Vec<(String, &str)> = vec![
        (good[..good.len() / 2].to_string(), "ikkje gyldig JSON (linje"),
        ("[]".into(), "ved $: dokumentet må vera eit JSON-objekt"),
        (edit(&|v| v["format"] = "noko anna".into()), "ved $.format"),
        (edit(&|v| v["format_version"] = 9.into()), "formatversjon 9"),
        (edit(&|v| v["format_version"] = 0.into()), "ved $.format_version: venta eit heiltal frå 1 til 8"),
        (
            edit(&|v| {
                v["boards"][0].as_object_mut().unwrap().remove("language");
            }),
            "ved $.boards[0].language: feltet manglar",
        ),
        (edit(&|v| v["cases"][1]["title"] = 5.into()), "ved $.cases[1].title: venta tekst, fann 5"),
        (edit(&|v| v["cases"][0]["status"] = "open".into()), "ved $.cases[0]: ein verdi er ikkje tillaten"),
        (edit(&|v| v["cases"][0]["extra"] = 1.into()), "ved $.cases[0].extra: ukjend felt"),
        (
            edit(&|v| {
                v["journal_entries"][0].as_object_mut().unwrap().remove("title");
            }),
            "ved $.journal_entries[0].title: feltet manglar",
        ),
        (edit(&|v| v["journal_entries"][0]["case_id"] = 999.into()), "viser til"),
        (
            edit(&|v| v["agreement_parties"][0]["orgnr"] = "974760674".into()),
            "ved $.agreement_parties[0].orgnr: 974760674 er ikkje eit gyldig organisasjonsnummer: kontrollsifferet stemmer ikkje",
        ),
    ];
    for (text, want) in cases {
        let e = import(&mut s, &text).unwrap_err();
        assert!(e.to_string().contains(want), "want {want:?} in {e}");
        assert_eq!(row_count(&s), 0, "nothing imported after: {e}");
    }
}

#[test]
fn a_board_already_here_keeps_its_series_and_its_own_phrases() {
    use saksbok_core::board::{BoardSettings, NumberFormat, NumberSeries, TextLanguage};
    let dir = TempDir::new().unwrap();
    let settings = |series: Vec<NumberSeries>| BoardSettings {
        name: "Kommunestyret".into(),
        code: None,
        series,
        number_format: NumberFormat::SeqYear,
        default_place: None,
        language: TextLanguage::Nn,
        distribution: vec![],
    };
    let ps_rs = vec![
        NumberSeries { prefix: Some("PS".into()), label: None },
        NumberSeries { prefix: Some("RS".into()), label: None },
    ];
    // The file: Kommunestyret with PS and RS, a meeting with RS 1/26, and its own wording of a phrase.
    let mut file = Store::open(&dir.path().join("file.sqlite3")).unwrap();
    let c = file.write(|tx| cases::create(tx, &who(), &case("Referat", Some("2026/5")).validate().unwrap())).unwrap();
    let kst = file.write(|tx| crate::boards::create(tx, &who(), &settings(ps_rs.clone()))).unwrap().id;
    let input = MeetingInput {
        board_id: kst,
        date: "2026-03-12".into(),
        place: None,
        start_time: None,
        end_time: None,
        notice_sent: None,
        notice_method: None,
    };
    let m = file.write(|tx| meetings::create(tx, &who(), &input)).unwrap();
    let rs = SaklisteEntry {
        id: None,
        case_number: Some(c.number.to_string()),
        title: None,
        series: 1,
        number: None,
        closed: false,
        closed_basis: None,
        added_late: false,
    };
    file.write(|tx| meetings::set_sakliste(tx, &who(), m.id, &[rs])).unwrap();
    let wording = [("fell".to_string(), "{emne} fall i røystinga.".to_string())];
    file.write(|tx| crate::behandling::set_phrases(tx, &who(), None, TextLanguage::Nn, &wording)).unwrap();
    let text = interchange::export_text(file.conn()).unwrap();

    // Here: Kommunestyret with one series only: the file's RS has nowhere to go.
    let mut one = with_demo(&dir.path().join("one.sqlite3"));
    one.write(|tx| crate::boards::create(tx, &who(), &settings(vec![NumberSeries { prefix: None, label: None }])))
        .unwrap();
    let before = row_count(&one);
    let e = import(&mut one, &text).unwrap_err();
    assert!(e.to_string().contains("utvalet «Kommunestyret» finst alt, men utan nummerserien RS"), "{e}");
    assert_eq!(row_count(&one), before, "nothing imported");

    // Here: Kommunestyret with PS and RS, and a wording of its own for the same phrase.
    let mut both = with_demo(&dir.path().join("both.sqlite3"));
    both.write(|tx| crate::boards::create(tx, &who(), &settings(ps_rs))).unwrap();
    let own = [("fell".to_string(), "{emne} fall.".to_string() + " ")];
    both.write(|tx| crate::behandling::set_phrases(tx, &who(), None, TextLanguage::Nn, &own)).unwrap();
    import(&mut both, &text).unwrap();
    let kept = both.read(|tx| crate::behandling::own_phrases(tx, None, TextLanguage::Nn)).unwrap();
    assert_eq!(kept, own, "the register's own wording wins");
    let list = both.read(|tx| meetings::list(tx)).unwrap();
    let imported = list.iter().find(|r| r.board == "Kommunestyret").unwrap();
    let items = both.read(|tx| meetings::get(tx, imported.id)).unwrap().items;
    assert_eq!(items[0].number_text, "RS 1/26");
}

#[test]
fn the_bytes_of_every_print_travel_with_the_export() {
    let dir = TempDir::new().unwrap();
    let mut a = with_demo(&dir.path().join("a.sqlite3"));
    let meeting: i64 = a.conn().query_row("SELECT id FROM meetings", [], |r| r.get(0)).unwrap();
    let pdf = b"%PDF-1.7 a kept print".to_vec();
    let print = a
        .write(|tx| {
            protocols::record_print(tx, &who(), protocols::Printed::Notice(meeting), "/p/innkalling-v1.pdf", &pdf)
        })
        .unwrap();
    let json = interchange::export_text(a.conn()).unwrap();
    let hashes = interchange::blob_hashes(a.conn()).unwrap();
    assert!(hashes.contains(&saksbok_core::hash::sha256_hex(&pdf)), "{hashes:?}");
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    // Bytes that do not match the print's hash are refused, and nothing is imported …
    let tampered = |_: &str| Ok(b"noko anna".to_vec());
    let e = import_with(&mut b, &json, &tampered).unwrap_err();
    assert!(e.to_string().contains("$.printed_protocols[0].sha256: innhaldet stemmer ikkje med hashen"), "{e}");
    // … the right ones come over, and the copy gives the same bytes back.
    let from_a = |sha: &str| documents::blob(a.conn(), sha).map_err(|e| std::io::Error::other(e.to_string()));
    import_with(&mut b, &json, &from_a).unwrap();
    assert_eq!(protocols::printed_pdf(b.conn(), print).unwrap(), pdf);
}

/// Every kind of row the history names is moved with its row when an import
/// gives new ids (a history row about "settings" names no row).
#[test]
fn every_entity_the_history_names_is_known_to_the_import() {
    let dir = TempDir::new().unwrap();
    let s = rich(&dir.path().join("a.sqlite3"));
    let mut stmt = s.conn().prepare("SELECT DISTINCT entity FROM audit_log ORDER BY entity").unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(names.iter().any(|n| n == "meeting_attachments"), "{names:?}");
    for n in names.iter().filter(|n| n.as_str() != "settings") {
        assert!(interchange::ENTITIES.iter().any(|(e, _)| e == n), "{n} is not moved on import");
    }
}

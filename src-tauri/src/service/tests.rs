//! The command handlers' logic, tested without a window on real databases.

use chrono::{TimeZone, Utc};
use tempfile::TempDir;

use super::*;

fn state(dir: &TempDir) -> AppState {
    AppState::open(dir.path().join("db/saksbok.sqlite3"), dir.path().join("protokollar"), "test".into())
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

#[test]
fn first_start_is_empty_and_offers_demo() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let s = status(&st);
    assert!(s.db_error.is_none());
    assert!(s.empty);
    assert_eq!(s.municipality, "Luster kommune");
    assert!(dir.path().join("db/saksbok.sqlite3").exists(), "database created in its directory");
}

#[test]
fn demo_then_open_case_shows_the_reference() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let list = load_demo(&st, now()).unwrap();
    assert_eq!(list.len(), 1);
    assert!(!status(&st).empty);
    let v = agenda_item(&st, list[0].agenda_item_id).unwrap();
    assert_eq!(v.agenda_number, "54/21");
    assert_eq!(v.case_number.as_deref(), Some("21/1069"));
    assert_eq!(v.meeting_date, "15.04.2021");
    assert_eq!(v.board, "Formannskapet og næringsutvalet");
    assert_eq!(v.behandling.len(), 10);
    assert_eq!(v.vedtak.len(), 5);
    assert_eq!(v.proposals, 2);
    assert_eq!(v.votes, 2);
    assert_eq!(
        v.behandling[2].plain_text(),
        "Ap v/Morten Johan Vigdal sette fram: Saka vert utsett for forhandlingar med Sogndal kommune. Framlegget fekk 2 røyster og fall."
    );
}

#[test]
fn printing_saves_the_pdf_and_records_its_hash() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let id = load_demo(&st, now()).unwrap()[0].agenda_item_id;
    let (path, r) = print_saksprotokoll(&st, id, now()).unwrap();
    assert_eq!(path, dir.path().join("protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf"));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(saksbok_protocol::sha256_hex(&bytes), r.sha256);
    let recorded: String = match &*st.db() {
        Db::Open(s) => s.conn().query_row("SELECT sha256 FROM printed_protocols", [], |row| row.get(0)).unwrap(),
        Db::Failed(e) => panic!("{e}"),
    };
    assert_eq!(recorded, r.sha256);
}

#[test]
fn a_damaged_database_is_explained_and_every_command_refuses() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("db")).unwrap();
    let path = dir.path().join("db/saksbok.sqlite3");
    let junk = vec![0x42u8; 10_000];
    std::fs::write(&path, &junk).unwrap();
    let st = state(&dir);
    let s = status(&st);
    let e = s.db_error.expect("an error is reported");
    assert_eq!(e.code, "db_not_a_database");
    assert!(e.message.contains("Ingenting i fila er endra"));
    assert_eq!(list_cases(&st).unwrap_err().code, "db_not_a_database");
    assert_eq!(load_demo(&st, now()).unwrap_err().code, "db_not_a_database");
    assert_eq!(std::fs::read(&path).unwrap(), junk, "the file is left alone");
    // Once the file is replaced by a good one, trying again works.
    std::fs::remove_file(&path).unwrap();
    st.reopen();
    assert!(status(&st).db_error.is_none());
}

#[test]
fn an_unknown_item_is_not_found_in_nynorsk() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let e = agenda_item(&st, 4242).unwrap_err();
    assert_eq!(e.code, "not_found");
    assert_eq!(e.message, "Fann ikkje utvalssak med id 4242.");
}

#[test]
fn a_protocols_directory_that_cannot_be_made_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("protokollar");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let st = state(&dir);
    let id = load_demo(&st, now()).unwrap()[0].agenda_item_id;
    let e = print_saksprotokoll(&st, id, now()).unwrap_err();
    assert_eq!(e.code, "io");
    assert!(e.message.starts_with("Kan ikkje laga mappa"), "{}", e.message);
}

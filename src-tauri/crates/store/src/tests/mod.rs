//! Store tests on real SQLite files in a temporary directory.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use saksbok_core::demo;
use saksbok_core::{AgendaNumber, CaseNumber};
use tempfile::TempDir;

use crate::demo::DemoOutcome;
use crate::{Actor, MIGRATIONS, OpenOptions, Store, migrate_to, schema_version};
use crate::{agenda, cases, protocols, settings};

mod agreements;
mod approval;
mod attendance;
mod backup;
mod behandling;
mod boards;
mod interchange;
mod meetings;
mod minutes;
mod register;
mod schema;
mod steps;
mod verify;

fn who() -> Actor<'static> {
    Actor { name: "test", now: Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap() }
}

fn db(dir: &TempDir) -> PathBuf {
    dir.path().join("saksbok.sqlite3")
}

fn with_demo(path: &Path) -> Store {
    let mut s = Store::open(path).unwrap();
    let d = demo::reference();
    assert_eq!(s.write(|tx| crate::demo::load_demo(tx, &who(), &d)).unwrap(), DemoOutcome::Loaded);
    s
}

/// Registers one plain case.
fn register_one(s: &mut Store, title: &str) {
    let input = saksbok_core::case::CaseInput {
        number: None,
        title: title.into(),
        public_title: None,
        status: saksbok_core::case::CaseStatus::InProgress,
        officer: None,
        unit: None,
        classification: None,
        screening_basis: None,
        opened_on: "03.03.2026".into(),
        closed_on: None,
        notes: None,
    };
    s.write(|tx| cases::create(tx, &who(), &input.validate().unwrap())).unwrap();
}

/// The schema as SQLite holds it, for comparing databases.
fn schema(conn: &Connection) -> Vec<(String, String, String)> {
    conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_new_database_is_migrated_with_wal_and_foreign_keys() {
    let dir = TempDir::new().unwrap();
    let s = Store::open(&db(&dir)).unwrap();
    let c = s.conn();
    assert_eq!(schema_version(c).unwrap(), MIGRATIONS.len() as i64);
    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    assert!(settings::is_empty(c).unwrap());
    assert_eq!(settings::setting(c, "municipality").unwrap().as_deref(), Some("Luster kommune"));
}

#[test]
fn upgrading_from_every_old_version_gives_the_fresh_schema() {
    let dir = TempDir::new().unwrap();
    let fresh = Store::open(&dir.path().join("fresh.sqlite3")).unwrap();
    let want = schema(fresh.conn());
    for start in 0..=MIGRATIONS.len() as i64 {
        let path = dir.path().join(format!("from-{start}.sqlite3"));
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, start).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), start);
        drop(conn);
        let upgraded = Store::open(&path).unwrap();
        assert_eq!(schema(upgraded.conn()), want, "upgrade from version {start}");
    }
}

#[test]
fn demo_round_trips_exactly_and_loading_twice_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let d = demo::reference();
    let id = agenda::find_agenda_item(s.conn(), AgendaNumber { year: 2021, seq: 54 }, None).unwrap();
    let (info, item) = agenda::agenda_item(s.conn(), id).unwrap();
    assert_eq!(info, d.meeting.info);
    assert_eq!(item, d.meeting.items[0]);

    let count = |s: &Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM meetings) + (SELECT count(*) FROM agenda_items)
                      + (SELECT count(*) FROM behandling_blocks) + (SELECT count(*) FROM audit_log)",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = count(&s);
    assert_eq!(s.write(|tx| crate::demo::load_demo(tx, &who(), &d)).unwrap(), DemoOutcome::AlreadyThere);
    assert_eq!(count(&s), before);
}

#[test]
fn demo_load_is_audited_in_the_same_transaction() {
    let dir = TempDir::new().unwrap();
    let s = with_demo(&db(&dir));
    let rows: Vec<(String, String, String)> = s
        .conn()
        .prepare("SELECT actor, action, entity FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let entities: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(entities[..4], ["case", "meeting", "agenda_item", "agreement"]);
    assert!(entities[4..].iter().all(|e| ["agreement", "task"].contains(e)), "{entities:?}");
    assert_eq!(entities.iter().filter(|e| **e == "task").count(), 5);
    assert!(rows.iter().all(|r| r.0 == "test"));
}

#[test]
fn case_list_shows_the_demo_case() {
    let dir = TempDir::new().unwrap();
    let s = with_demo(&db(&dir));
    let list = agenda::list_agenda_items(s.conn()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].case_number, Some(CaseNumber { year: 2021, seq: 1069 }));
    assert_eq!(list[0].agenda_number.to_string(), "54/21");
    assert_eq!(list[0].board, "Formannskapet og næringsutvalet");
    assert_eq!(list[0].meeting_date.to_string(), "2021-04-15");
    assert!(!settings::is_empty(s.conn()).unwrap());
}

#[test]
fn an_agenda_number_used_by_two_boards_needs_the_board() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let mut other = demo::reference().meeting;
    other.info.board = "Kommunestyret".into();
    s.write(|tx| agenda::insert_meeting(tx, &who(), &other)).unwrap();
    let n = AgendaNumber { year: 2021, seq: 54 };
    let e = agenda::find_agenda_item(s.conn(), n, None).unwrap_err();
    assert_eq!(e.code(), "ambiguous");
    assert_eq!(
        e.to_string(),
        "Utvalssak 54/21 finst i fleire utval: Formannskapet og næringsutvalet, Kommunestyret. Vel utval."
    );
    let a = agenda::find_agenda_item(s.conn(), n, Some("kommunestyret")).unwrap();
    let b = agenda::find_agenda_item(s.conn(), n, Some("Formannskapet og næringsutvalet")).unwrap();
    assert_ne!(a, b);
    let missing = agenda::find_agenda_item(s.conn(), AgendaNumber { year: 2021, seq: 99 }, None).unwrap_err();
    assert_eq!(missing.to_string(), "Fann ikkje utvalssak 99/21.");
}

#[test]
fn the_same_agenda_number_twice_in_one_board_is_refused_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let again = demo::reference().meeting;
    let e = s.write(|tx| agenda::insert_meeting(tx, &who(), &again)).unwrap_err();
    assert_eq!(e.to_string(), "Utvalssak 54/21 finst frå før i dette utvalet.");
    let meetings: i64 = s.conn().query_row("SELECT count(*) FROM meetings", [], |r| r.get(0)).unwrap();
    assert_eq!(meetings, 1, "the failed action must leave no half-written meeting");
}

#[test]
fn an_empty_title_is_refused_as_invalid_not_as_taken() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let draft = demo::CaseDraft { number: CaseNumber { year: 2026, seq: 1 }, title: "   ".into() };
    let e = s.write(|tx| cases::insert_draft(tx, &who(), &draft)).unwrap_err();
    assert!(!e.to_string().contains("finst frå før"), "{e}");
    let n: i64 = s.conn().query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn cases_are_never_deleted_and_their_numbers_never_change() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let draft = demo::CaseDraft { number: CaseNumber { year: 2026, seq: 5 }, title: "Prøvesak".into() };
    s.write(|tx| cases::insert_draft(tx, &who(), &draft)).unwrap();
    let e = s.write(|tx| Ok(tx.execute("DELETE FROM cases", [])?)).unwrap_err();
    assert!(e.to_string().contains("Ei arkivsak vert aldri sletta"), "{e}");
    let e = s.write(|tx| Ok(tx.execute("UPDATE cases SET seq = 6", [])?)).unwrap_err();
    assert!(e.to_string().contains("kan ikkje endrast"), "{e}");
    let last: i64 =
        s.conn().query_row("SELECT last_seq FROM case_number_series WHERE year = 2026", [], |r| r.get(0)).unwrap();
    assert_eq!(last, 5);
    assert_eq!(cases::next_number(s.conn(), 2026).unwrap().to_string(), "26/6");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "db_not_a_database", "{e}");
    assert!(e.to_string().contains("er ikkje ein Saksbok-database"));
    assert_eq!(std::fs::read(&path).unwrap(), junk);
    assert!(!dir.path().join("saksbok.sqlite3-wal").exists());
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    {
        let s = with_demo(&path);
        s.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 3 * page);
    // Scribble over the second and third pages: b-tree pages of the schema's tables.
    for b in &mut bytes[page..3 * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert!(matches!(e.code(), "db_corrupt" | "db_not_a_database"), "{e}");
    assert!(e.to_string().contains("Ingenting i fila er endra"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_database_on_a_network_share_is_refused_before_sqlite_touches_it() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let e = crate::refuse_network_share(&path, |_| Some("SMB/CIFS")).unwrap_err();
    assert_eq!(e.code(), "db_network_share");
    assert!(e.to_string().contains("ligg på ein nettverksressurs (SMB/CIFS)"), "{e}");
    assert!(!path.exists(), "nothing was created");
    crate::refuse_network_share(&path, |_| None).unwrap();
}

#[test]
fn a_locked_database_gives_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    drop(Store::open(&path).unwrap());
    let other = Connection::open(&path).unwrap();
    other.execute_batch("PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;").unwrap();
    let opts = OpenOptions { busy_timeout: Duration::from_millis(100), ..OpenOptions::default() };
    let e = Store::open_with(&path, &opts).unwrap_err();
    assert_eq!(e.code(), "db_locked", "{e}");
    assert!(e.to_string().contains("er i bruk av eit anna program"));
    other.execute_batch("ROLLBACK").unwrap();
    assert!(Store::open_with(&path, &opts).is_ok());
}

#[test]
fn a_read_only_database_can_be_read_but_refuses_writes() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    drop(with_demo(&path));
    let mut ro = Store::open_with(&path, &OpenOptions { read_only: true, ..OpenOptions::default() }).unwrap();
    assert_eq!(agenda::list_agenda_items(ro.conn()).unwrap().len(), 1);
    let draft = demo::CaseDraft { number: CaseNumber { year: 2026, seq: 1 }, title: "Ny".into() };
    let e = ro.write(|tx| cases::insert_draft(tx, &who(), &draft)).unwrap_err();
    assert_eq!(e.code(), "db_read_only", "{e}");
    assert!(e.to_string().contains("kan berre lesast"));
    drop(ro);
    let s = Store::open(&path).unwrap();
    let n: i64 = s.conn().query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_database_from_a_newer_saksbok_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "db_too_new");
    assert!(e.to_string().contains("skjemaversjon 99"), "{e}");
}

#[test]
fn backup_is_a_complete_readable_copy() {
    let dir = TempDir::new().unwrap();
    let s = with_demo(&db(&dir));
    let copy = dir.path().join("kopi.sqlite3");
    s.backup_to(&copy).unwrap();
    let c = Store::open(&copy).unwrap();
    assert_eq!(agenda::list_agenda_items(c.conn()).unwrap(), agenda::list_agenda_items(s.conn()).unwrap());
}

#[test]
fn every_print_is_kept_with_its_bytes_and_numbered() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let id = agenda::find_agenda_item(s.conn(), AgendaNumber { year: 2021, seq: 54 }, None).unwrap();
    let what = protocols::Printed::Item(id);
    assert_eq!(protocols::times_printed(s.conn(), what).unwrap(), 0);
    let first = s.write(|tx| protocols::record_print(tx, &who(), what, "/tmp/x-v1.pdf", b"%PDF-1 first")).unwrap();
    let second = s.write(|tx| protocols::record_print(tx, &who(), what, "/tmp/x-v2.pdf", b"%PDF-1 second")).unwrap();
    assert_eq!(protocols::times_printed(s.conn(), what).unwrap(), 2);
    // Each print's bytes are kept as they were, the earlier not overwritten.
    assert_eq!(protocols::printed_pdf(s.conn(), first).unwrap(), b"%PDF-1 first");
    assert_eq!(protocols::printed_pdf(s.conn(), second).unwrap(), b"%PDF-1 second");
    let stored: String =
        s.conn().query_row("SELECT sha256 FROM printed_protocols WHERE id = ?1", [first], |r| r.get(0)).unwrap();
    assert_eq!(stored, saksbok_core::hash::sha256_hex(b"%PDF-1 first"));
    // The meeting's møteprotokoll is counted apart from its saksprotokollar.
    let meeting: i64 =
        s.conn().query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [id], |r| r.get(0)).unwrap();
    assert_eq!(protocols::times_printed(s.conn(), protocols::Printed::Meeting(meeting)).unwrap(), 0);
    let e = s
        .write(|tx| protocols::record_print(tx, &who(), protocols::Printed::Item(999), "/tmp/y.pdf", b"x"))
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(protocols::printed_pdf(s.conn(), 999).unwrap_err().code(), "not_found");

    // A kept print is found by its bytes' hash and named with its version.
    let found = protocols::find_kept(s.conn(), &saksbok_core::hash::sha256_hex(b"%PDF-1 second")).unwrap().unwrap();
    assert_eq!((found.id, found.kind.as_str(), found.version, found.approved), (second, "saksprotokoll", 2, false));
    assert_eq!(found.board, "Formannskapet og næringsutvalet");
    assert_eq!(found.date, "2021-04-15");
    assert!(found.item.as_deref().unwrap().contains("SYS-IKT"), "{found:?}");
    assert_eq!(protocols::find_kept(s.conn(), &saksbok_core::hash::sha256_hex(b"not ours")).unwrap(), None);
}

/// The writer half of the crash test: run in a child process by
/// `a_writer_killed_mid_transaction_loses_nothing_committed`.
#[test]
#[ignore = "a helper run in a child process by the crash test"]
fn crash_writer_child() {
    let Some(path) = std::env::var_os("SAKSBOK_CRASH_DB") else { return };
    let opts = OpenOptions { program: Some("saksbok (kommandolinja)".into()), ..OpenOptions::default() };
    let mut s = Store::open_with(Path::new(&path), &opts).unwrap();
    let committed = demo::CaseDraft { number: CaseNumber { year: 2026, seq: 1 }, title: "Lagra".into() };
    s.write(|tx| cases::insert_draft(tx, &who(), &committed)).unwrap();
    let conn = s.conn();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn.execute(
        "INSERT INTO cases (uuid, year, seq, title, status, created_at, updated_at)
         VALUES ('00000000-0000-4000-8000-000000000002', 2026, 2, 'Halvferdig', 'in_progress', 'x', 'x')",
        [],
    )
    .unwrap();
    println!("READY");
    std::io::Write::flush(&mut std::io::stdout()).unwrap();
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn a_writer_killed_mid_transaction_loses_nothing_committed() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "tests::crash_writer_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env("SAKSBOK_CRASH_DB", &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let mut ready = false;
    for line in out.lines() {
        if line.unwrap().contains("READY") {
            ready = true;
            break;
        }
    }
    assert!(ready, "the writer never got to its open transaction");
    // A write meanwhile waits in vain, and is told who holds the database.
    let opts = OpenOptions { busy_timeout: Duration::from_millis(200), ..OpenOptions::default() };
    let mut waiting = Store::open_with(&path, &opts).unwrap();
    let e = waiting.write(|tx| Ok(tx.execute("UPDATE settings SET value = value", [])?)).unwrap_err();
    assert_eq!(e.code(), "db_locked", "{e}");
    let said = e.to_string();
    assert!(said.contains("er i bruk av saksbok (kommandolinja)"), "{said}");
    assert!(said.contains(&format!("(prosess {})", child.id())), "{said}");
    drop(waiting);
    child.kill().unwrap();
    child.wait().unwrap();
    // The killed writer's mark is left behind; the next open on this machine clears it.
    let marks = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".i-bruk"))
            .count()
    };
    assert_eq!(marks(), 1);
    let opts = OpenOptions { program: Some("Saksbok (vindauget)".into()), ..OpenOptions::default() };
    let mine = Store::open_with(&path, &opts).unwrap();
    assert_eq!(marks(), 1, "only this program's own mark is there");
    assert!(crate::presence::others(&path).is_empty());
    drop(mine);
    assert_eq!(marks(), 0, "closing removes the mark");

    let s = Store::open(&path).unwrap();
    let titles: Vec<String> = s
        .conn()
        .prepare("SELECT title FROM cases ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(titles, ["Lagra"], "the committed case survives, the open transaction does not");
    let check: String = s.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

//! The file and its schema: what is ours, upgrades from every shipped
//! version, pinned migrations, indexes and query plans.

use std::path::Path;

use rusqlite::Connection;
use saksbok_core::hash::sha256_hex;
use saksbok_core::register::{CaseQuery, CaseSort};
use tempfile::TempDir;

use super::{db, schema, with_demo};
use crate::{APPLICATION_ID, MIGRATIONS, Store, cases, schema_version};

/// A database written by Saksbok 0.1.0 (schema 1, no application_id): the
/// demo loaded and its saksprotokoll printed once.
pub(super) const V1_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1-demo.sqlite3");

fn copy_fixture(dir: &TempDir) -> std::path::PathBuf {
    let path = db(dir);
    std::fs::copy(V1_FIXTURE, &path).unwrap();
    path
}

#[test]
fn a_version_1_database_is_recognised_and_upgraded() {
    let dir = TempDir::new().unwrap();
    let path = copy_fixture(&dir);
    let mut s = Store::open(&path).unwrap();
    let c = s.conn();
    assert_eq!(schema_version(c).unwrap(), MIGRATIONS.len() as i64);
    let app: i64 = c.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(app, APPLICATION_ID);
    let fresh = Store::open(&dir.path().join("fresh.sqlite3")).unwrap();
    assert_eq!(schema(c), schema(fresh.conn()), "upgraded schema equals a fresh one");

    let id = cases::find(c, "21/1069".parse().unwrap()).unwrap();
    let case = cases::get(c, id).unwrap();
    assert_eq!(case.title, "IKT-samarbeid. Etablering av avtale med SYS-IKT");
    assert_eq!(case.uuid.len(), 36);
    assert_eq!(&case.uuid[14..15], "4", "a version-4 UUID");
    let history: Vec<(String, String)> = c
        .prepare("SELECT action, entity FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let shown: Vec<(&str, &str)> = history.iter().map(|(a, e)| (a.as_str(), e.as_str())).collect();
    assert_eq!(
        shown,
        [("create", "case"), ("create", "meeting"), ("create", "agenda_item"), ("print", "printed_protocol")]
    );
    let after: String = c.query_row("SELECT after FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(after, r#"{"number":"21/1069","title":"IKT-samarbeid. Etablering av avtale med SYS-IKT"}"#);
    // 0004: the meeting recorded then was held; its item is in the board's series with its number.
    let m = crate::meetings::list(c).unwrap();
    assert_eq!(m[0].status, saksbok_core::sakliste::MeetingStatus::Held);
    let item = &crate::meetings::get(c, m[0].id).unwrap().items[0];
    assert_eq!((item.number_text.as_str(), item.number_given, item.closed), ("54/21", true, false));
    let q = CaseQuery { text: "fullmakt".into(), sort: CaseSort::Relevance, ..CaseQuery::default() };
    assert_eq!(s.read(|tx| cases::list(tx, &q)).unwrap().total, 1, "the search index is built on upgrade");
}

fn bytes_of(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    for (name, setup) in [
        ("other-app.sqlite3", "PRAGMA application_id = 1234; CREATE TABLE notes (t TEXT);"),
        ("no-app-id.sqlite3", "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"),
        ("fake-v1.sqlite3", "CREATE TABLE cases (x); PRAGMA user_version = 1;"),
    ] {
        let path = dir.path().join(name);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(setup).unwrap();
        drop(conn);
        let before = bytes_of(&path);
        let e = Store::open(&path).unwrap_err();
        assert_eq!(e.code(), "db_foreign", "{name}: {e}");
        assert!(e.to_string().contains("ikkje Saksbok sin"), "{e}");
        assert_eq!(bytes_of(&path), before, "{name} must be left byte for byte");
        assert!(!dir.path().join(format!("{name}-wal")).exists());
    }
}

#[test]
fn a_too_new_database_in_rollback_mode_is_refused_before_anything_is_written() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    {
        let s = with_demo(&path);
        s.conn().execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;").unwrap();
    }
    let before = bytes_of(&path);
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "db_too_new", "{e}");
    assert_eq!(bytes_of(&path), before, "not switched to WAL, not migrated");
    assert!(!dir.path().join("saksbok.sqlite3-wal").exists());
}

/// Shipped migrations are never edited: add a new file instead. When you
/// add one, add its hash here.
#[test]
fn shipped_migrations_are_never_edited() {
    let pinned = [
        ("0001_init", "c3fa67d27fe896d7fa8939fdc4ec4baf4387eefc4a7a66aae8da808ef0cb1412"),
        ("0002_case_register", "b5dfabbf658797c83ddc7db17811931690949724d4bedf54b0bfef9b18319da9"),
        ("0003_boards", "4932b6538d970cdeb66f92dc09001b584bf38ccdd2fc8bfdf580623a39767908"),
        ("0004_meetings", "13543e8b41cca0973539b7279aef16bd52697493f858c4a1f05b5d68ee029fb8"),
        ("0005_attendance", "8113d5df164418c145820a1252f146b58161fc9087a5829be22d8d6768b27eff"),
        ("0006_behandling", "946418fdee879781edeb74ec70bc5e6a7bce136bf65563b08ce7b9bec0721390"),
        ("0007_meeting_mode", "fe4babd8ddb1831819f122c5f37fec28cf16b33b960401c982e8c26539e48d4b"),
        ("0008_register_id", "4aa5cada49a6b0d53b9e995ed3f88b6fe430eed1fe7c18362095872f84350554"),
        ("0009_print_kinds", "f6f4c84a153e4e99f09c6cfa626f541708ae8b8eafbd8fcf2bb11d1e793e1bd0"),
        ("0010_protocol_layout", "a3c723de0778d92764287a21e095e7976bb834e6743f7e0d911f5ff34a62a891"),
        ("0011_approval", "38f75518d434d606c4541769e1f05094d1cd032e8fc09f14cd029856513791bf"),
        ("0012_signed_copies", "1c8e01676d1e1b7a7d6c599ae8d4723e29751c8e6cae99e4eb6e59364f978768"),
        ("0013_agreements", "d7efa6583172c314cfa698f1721f3e4d8fad55167d2dafd4cc4e78beeba6f97a"),
        ("0014_frozen_and_scans", "62913ebda52720e8a17c26a31d3b5a5aeca16c3a2707c2b52e2b7e7230dc57d5"),
        ("0015_addenda", "a257aa80f982aeb2f1a2ec4f9ada08aba9a554770efdb8259dc46748fc3ead7d"),
        ("0016_vote_percent", "c2989e7318cbb255dd3dda82b3b0b3831ee9323fb9c818d5c555c44a562eb776"),
        ("0017_minutes_approvals", "66f44b4b080633862d77bc0e067f85e83d929da0c3f0879740e6f9e11b360a20"),
        ("0018_meeting_attachments", "ff6ab00dbfb7418e6d3b624c9614dc60ec22b8a22543c8fff2635c66fff694d8"),
    ];
    assert_eq!(MIGRATIONS.len(), pinned.len(), "a new migration needs its hash pinned here");
    for ((name, sql), (want_name, want)) in MIGRATIONS.iter().zip(pinned) {
        assert_eq!(*name, want_name);
        let got = sha256_hex(sql.as_bytes());
        assert_eq!(got, want, "migration {name} was edited after it shipped");
    }
}

#[test]
fn every_foreign_key_has_an_index() {
    let dir = TempDir::new().unwrap();
    let s = Store::open(&db(&dir)).unwrap();
    let c = s.conn();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut missing = Vec::new();
    for t in tables {
        let fks: Vec<(i64, String)> = c
            .prepare("SELECT id, \"from\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq")
            .unwrap()
            .query_map([&t], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let indexes: Vec<Vec<String>> = c
            .prepare("SELECT name FROM pragma_index_list(?1)")
            .unwrap()
            .query_map([&t], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|name| {
                c.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
                    .unwrap()
                    // An expression in an index has no column name.
                    .query_map([name.unwrap()], |r| Ok(r.get::<_, Option<String>>(0)?.unwrap_or_default()))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap()
            })
            .collect();
        let mut by_id: std::collections::BTreeMap<i64, Vec<String>> = std::collections::BTreeMap::new();
        for (id, col) in fks {
            by_id.entry(id).or_default().push(col);
        }
        for cols in by_id.values() {
            let covered = indexes.iter().any(|ix| ix.len() >= cols.len() && ix[..cols.len()] == cols[..]);
            if !covered {
                missing.push(format!("{t}({})", cols.join(", ")));
            }
        }
    }
    assert!(missing.is_empty(), "foreign keys without an index: {missing:?}");
}

fn plan(c: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<String> {
    c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(params, |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn hot_queries_never_scan_a_whole_table() {
    let dir = TempDir::new().unwrap();
    let s = with_demo(&db(&dir));
    let c = s.conn();
    // No ANALYZE: with no statistics SQLite plans for large tables, which is
    // what a register with years of cases has.
    let queries: [(&str, &str, Vec<&dyn rusqlite::ToSql>); 5] = [
        ("case list", "SELECT c.id, c.title FROM cases c ORDER BY c.year DESC, c.seq DESC LIMIT 100 OFFSET 0", vec![]),
        (
            "case list by title",
            "SELECT c.id, c.title FROM cases c ORDER BY c.sort_key, c.year DESC, c.seq DESC LIMIT 100",
            vec![],
        ),
        (
            "search",
            "SELECT c.id FROM cases c JOIN case_search ON case_search.rowid = c.id
             WHERE case_search MATCH ?1 ORDER BY bm25(case_search) LIMIT 100",
            vec![&"\"ikt\"*"],
        ),
        ("history", crate::history::CASE_HISTORY, vec![&1]),
        (
            "saksgang",
            "SELECT a.id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN boards b ON b.id = a.board_id
             WHERE a.case_id = ?1 ORDER BY m.date, a.position",
            vec![&1],
        ),
    ];
    for (name, sql, params) in &queries {
        let steps = plan(c, sql, params);
        let full_scans: Vec<&String> = steps
            .iter()
            .filter(|s| s.starts_with("SCAN ") && !s.contains(" USING ") && !s.contains("VIRTUAL TABLE"))
            .collect();
        assert!(full_scans.is_empty(), "{name} scans a whole table: {steps:?}");
        if name.starts_with("case list") {
            assert!(
                !steps.iter().any(|s| s.contains("TEMP B-TREE")),
                "{name} sorts instead of using an index: {steps:?}"
            );
        }
    }
}

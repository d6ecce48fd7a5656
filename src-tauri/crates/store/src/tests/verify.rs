//! The integrity check in the background: reads go ahead at once, and a
//! damaged file is never written to.

use std::path::Path;

use saksbok_core::case::{CaseInput, CaseStatus};
use tempfile::TempDir;

use super::{db, who, with_demo};
use crate::{Integrity, OpenOptions, Store, Verify, cases};

fn background() -> OpenOptions {
    OpenOptions { verify: Verify::InBackground, ..OpenOptions::default() }
}

/// A register with enough cases that their pages lie far from the schema.
fn register_with_cases(path: &Path, n: usize) {
    let mut s = with_demo(path);
    s.write(|tx| {
        for i in 0..n {
            let input = CaseInput {
                number: None,
                title: format!("Søknad om løyve til bygging av naust nummer {i} ved Lustrafjorden"),
                public_title: None,
                status: CaseStatus::InProgress,
                officer: None,
                unit: None,
                classification: None,
                screening_basis: None,
                opened_on: "02.03.2026".into(),
                closed_on: None,
                notes: Some("Merknad ".repeat(20)),
            };
            cases::create(tx, &who(), &input.validate().unwrap())?;
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_sound_file_opens_unchecked_and_passes_in_the_background() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    register_with_cases(&path, 50);
    let mut s = Store::open_with(&path, &background()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(s.verification().integrity(), Integrity::Pending, "nothing begins the check until asked");
    s.verification().wait().unwrap();
    assert_eq!(s.verification().integrity(), Integrity::Passed);
    let before = s.read(|tx| cases::list(tx, &saksbok_core::register::CaseQuery::default())).unwrap().total;
    super::register_one(&mut s, "Ein sak til");
    assert_eq!(s.read(|tx| cases::list(tx, &saksbok_core::register::CaseQuery::default())).unwrap().total, before + 1);
}

#[test]
fn a_file_damaged_past_its_schema_opens_for_reading_but_is_never_written() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    register_with_cases(&path, 400);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(pages > 20, "only {pages} pages");
    // Scribble over pages in the middle of the case data.
    for b in &mut bytes[(pages / 2) * page..(pages / 2 + 3) * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();

    let mut s = Store::open_with(&path, &background()).expect("the schema is whole, so the file opens");
    let e = s.verification().wait().unwrap_err();
    assert_eq!(e.code(), "db_corrupt", "{e}");
    assert!(matches!(s.verification().integrity(), Integrity::Failed(_)));
    let e = s.write(|_| Ok(())).unwrap_err();
    assert_eq!(e.code(), "db_corrupt", "{e}");
    assert!(e.to_string().contains("Ingenting i fila er endra"), "{e}");
    drop(s);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the damaged file was changed");

    // The command line's default checks at open and refuses it at once.
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "db_corrupt", "{e}");
}

#[test]
fn a_file_that_must_be_written_at_open_is_checked_first_even_in_background_mode() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    register_with_cases(&path, 400);
    {
        // Rollback mode: opening would switch it to WAL, a write.
        let s = Store::open(&path).unwrap();
        s.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    for b in &mut bytes[(pages / 2) * page..(pages / 2 + 3) * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = Store::open_with(&path, &background()).unwrap_err();
    assert_eq!(e.code(), "db_corrupt", "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

//! Backups on real files: made, checked, kept N deep, restored, and made
//! before a migration changes an old file.

use chrono::{Datelike, TimeZone, Utc};
use tempfile::TempDir;

use super::{db, with_demo};
use crate::backup::{Backups, Reason, check_backup};
use crate::{OpenOptions, Store, cases, schema_version};

fn at(day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

fn case_count(s: &mut Store) -> u32 {
    s.read(|tx| cases::list(tx, &saksbok_core::register::CaseQuery::default())).unwrap().total
}

#[test]
fn backups_are_checked_named_kept_n_deep_and_only_ours_are_touched() {
    let dir = TempDir::new().unwrap();
    let s = with_demo(&db(&dir));
    let folder = dir.path().join("kopiar");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notat.txt"), "ikkje ein kopi").unwrap();
    let backups = Backups::new(&folder, 3);
    assert!(backups.daily_due(at(20, 8)).unwrap());
    for day in 20..25 {
        let made = s.backup(&backups, Reason::Daily, at(day, 8)).unwrap();
        check_backup(&made.path).unwrap();
        assert!(made.bytes > 10_000);
    }
    assert!(!backups.daily_due(at(24, 17)).unwrap(), "one a day");
    assert!(backups.daily_due(at(25, 8)).unwrap());
    let kept = backups.list().unwrap();
    let days: Vec<u32> = kept.iter().map(|b| chrono::Datelike::day(&b.made_at)).collect();
    assert_eq!(days, [24, 23, 22], "the newest three, newest first");
    // Two in one second get two files.
    let a = s.backup(&backups, Reason::Manual, at(25, 9)).unwrap();
    let b = s.backup(&backups, Reason::Manual, at(25, 9)).unwrap();
    assert_ne!(a.path, b.path);
    assert!(folder.join("notat.txt").exists(), "a file that is not a backup is left alone");
    let names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains(".partial") || n.ends_with("-wal") || n.ends_with("-shm")), "{names:?}");
}

#[test]
fn a_missing_or_read_only_folder_is_a_clear_error_and_nothing_is_made() {
    let dir = TempDir::new().unwrap();
    let s = with_demo(&db(&dir));
    let missing = Backups::new(dir.path().join("usb-disk/kopiar"), 5);
    let e = s.backup(&missing, Reason::Daily, at(25, 8)).unwrap_err();
    assert!(e.to_string().contains("finst ikkje"), "{e}");
    assert!(!dir.path().join("usb-disk").exists(), "no chosen folder is made in its place");

    let file = dir.path().join("ei-fil");
    std::fs::write(&file, "x").unwrap();
    let e = s.backup(&Backups::new(&file, 5), Reason::Daily, at(25, 8)).unwrap_err();
    assert!(e.to_string().contains("ikkje ei mappe"), "{e}");

    #[cfg(unix)]
    if !running_as_root() {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.path().join("skriveverna");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let e = s.backup(&Backups::new(&ro, 5), Reason::Daily, at(25, 8)).unwrap_err();
        assert!(e.to_string().contains("Kan ikkje skriva tryggingskopi"), "{e}");
    }
}

#[cfg(unix)]
fn running_as_root() -> bool {
    // Root writes into a read-only folder all the same; that case is then untestable.
    std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
}

#[test]
fn a_restore_brings_back_the_backup_and_keeps_the_current_database_first() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let folder = dir.path().join("kopiar");
    std::fs::create_dir(&folder).unwrap();
    let backups = Backups::new(&folder, 10);
    let old = s.backup(&backups, Reason::Manual, at(24, 8)).unwrap();
    let id = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let before = case_count(&mut s);
    super::register_one(&mut s, "Ei sak etter kopien");
    assert_eq!(case_count(&mut s), before + 1);

    let kept = s.restore_from(&old.path, &backups, at(25, 8)).unwrap();
    assert_eq!(kept.reason, Reason::BeforeRestore);
    assert_eq!(case_count(&mut s), before, "the backup's state is back");
    assert!(cases::get(s.conn(), id).is_ok());
    // The database as it was is in the kept copy.
    let mut back = Store::open_with(&kept.path, &OpenOptions { read_only: true, ..OpenOptions::default() }).unwrap();
    assert_eq!(case_count(&mut back), before + 1);
    // And the restored database is written to as before.
    super::register_one(&mut s, "Ny sak etter attoppretting");
}

#[test]
fn a_damaged_backup_is_refused_and_the_database_is_not_touched() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let folder = dir.path().join("kopiar");
    std::fs::create_dir(&folder).unwrap();
    let backups = Backups::new(&folder, 10);
    let made = s.backup(&backups, Reason::Manual, at(24, 8)).unwrap();
    let mut bytes = std::fs::read(&made.path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 8192] {
        *b = 0x5A;
    }
    let damaged = dir.path().join("skadd.sqlite3");
    std::fs::write(&damaged, &bytes).unwrap();
    let truncated = dir.path().join("avkorta.sqlite3");
    std::fs::write(&truncated, &bytes[..len / 3]).unwrap();
    let before = case_count(&mut s);
    for bad in [&damaged, &truncated] {
        let e = s.restore_from(bad, &backups, at(25, 8)).unwrap_err();
        assert!(matches!(e.code(), "db_corrupt" | "db_not_a_database"), "{e}");
    }
    assert_eq!(case_count(&mut s), before);
    assert_eq!(backups.list().unwrap().len(), 1, "no before-restore copy for a refused restore");
}

#[test]
fn an_old_database_is_backed_up_before_it_is_upgraded() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    std::fs::copy(super::schema::V1_FIXTURE, &path).unwrap();
    // Nobody chose a folder: the copy goes beside the database.
    let folder = dir.path().join("tryggingskopiar");
    let opts = OpenOptions { backup_before_migration: true, ..OpenOptions::default() };
    let s = Store::open_with(&path, &opts).unwrap();
    assert_eq!(schema_version(s.conn()).unwrap(), crate::MIGRATIONS.len() as i64);
    let made = Backups::new(&folder, 5).list().unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].reason, Reason::BeforeMigration);
    let copy = rusqlite::Connection::open(&made[0].path).unwrap();
    assert_eq!(schema_version(&copy).unwrap(), 1, "the copy is the file as it was");
    drop(s);
    // Opening the upgraded file again makes no new copy.
    drop(Store::open_with(&path, &opts).unwrap());
    assert_eq!(Backups::new(&folder, 5).list().unwrap().len(), 1);
}

#[test]
fn a_database_that_cannot_be_opened_is_replaced_by_a_backup_and_kept_aside() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let backups = Backups::beside(&path);
    let made = {
        let s = with_demo(&path);
        s.backup(&backups, Reason::Manual, at(24, 8)).unwrap()
    };
    let junk = b"Ikkje ein database.".repeat(500);
    std::fs::write(&path, &junk).unwrap();
    assert!(Store::open(&path).is_err());
    // A damaged backup is refused and the file stays where it was.
    let bad = dir.path().join("avkorta.sqlite3");
    std::fs::write(&bad, &std::fs::read(&made.path).unwrap()[..4096]).unwrap();
    assert!(backups.replace_damaged(&path, &bad, at(25, 8)).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), junk);

    let kept = backups.replace_damaged(&path, &made.path, at(25, 9)).unwrap();
    assert_eq!(kept.reason, Reason::Damaged);
    assert_eq!(std::fs::read(&kept.path).unwrap(), junk, "the damaged file is kept, byte for byte");
    let mut s = Store::open(&path).unwrap();
    assert_eq!(case_count(&mut s), 1, "the backup's register is back");
    let listed: Vec<Reason> = backups.list().unwrap().into_iter().map(|b| b.reason).collect();
    assert_eq!(listed, [Reason::Damaged, Reason::Manual]);
}

#[test]
fn the_oldest_backup_can_be_restored_when_the_folder_is_full_and_damaged_files_are_never_pruned() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let folder = dir.path().join("kopiar");
    std::fs::create_dir(&folder).unwrap();
    let backups = Backups::new(&folder, 2);
    let oldest = s.backup(&backups, Reason::Daily, at(20, 8)).unwrap();
    super::register_one(&mut s, "Etter den eldste");
    s.backup(&backups, Reason::Daily, at(21, 8)).unwrap();
    // The folder is full: the copy made before restoring must not take the file being restored.
    s.restore_from(&oldest.path, &backups, at(22, 8)).unwrap();
    assert_eq!(case_count(&mut s), 1, "the oldest backup's register, not an empty one");
    assert_eq!(backups.list().unwrap().len(), 2, "pruned to two afterwards");

    // A file set aside as damaged outlives any number of new backups.
    let damaged = folder.join("saksbok-20261101T080000Z-skadd.sqlite3");
    std::fs::write(&damaged, b"skadd").unwrap();
    for day in 23..28 {
        s.backup(&backups, Reason::Daily, at(day, 8)).unwrap();
    }
    assert!(damaged.exists());
    let kept: Vec<Reason> = backups.list().unwrap().into_iter().map(|b| b.reason).collect();
    assert_eq!(kept, [Reason::Daily, Reason::Daily, Reason::Damaged]);
}

#[test]
fn an_empty_file_is_not_a_backup() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let empty = dir.path().join("tom.sqlite3");
    rusqlite::Connection::open(&empty).unwrap().execute_batch("PRAGMA user_version = 0;").unwrap();
    std::fs::write(dir.path().join("null.sqlite3"), b"").unwrap();
    let backups = Backups::beside(&db(&dir));
    for bad in [empty, dir.path().join("null.sqlite3")] {
        let e = s.restore_from(&bad, &backups, at(25, 8)).unwrap_err();
        assert!(matches!(e.code(), "db_not_a_database" | "db_corrupt"), "{e}");
    }
    assert_eq!(case_count(&mut s), 1, "nothing was restored");
}

#[test]
fn a_backup_through_its_own_connection_holds_what_the_open_register_wrote() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let mut s = with_demo(&path);
    super::register_one(&mut s, "Skrive rett før kopien");
    // The main connection stays open with its writes still in the WAL.
    let backups = Backups::beside(&path);
    let made = backups.make_from_file(&path, Reason::Daily, at(3, 8)).unwrap();
    check_backup(&made.path).unwrap();
    let mut copy = Store::open_with(&made.path, &OpenOptions { read_only: true, ..OpenOptions::default() }).unwrap();
    assert_eq!(case_count(&mut copy), case_count(&mut s));
    // And the register is still writable afterwards.
    super::register_one(&mut s, "Skrive etter kopien");
}

#[test]
fn two_registers_in_one_folder_keep_their_own_backups() {
    let dir = TempDir::new().unwrap();
    let shared = dir.path().join("felles");
    std::fs::create_dir(&shared).unwrap();
    let a = with_demo(&dir.path().join("a.sqlite3"));
    let b = with_demo(&dir.path().join("b.sqlite3"));
    let into = |s: &Store| {
        let mut backups = Backups::for_database(s.conn(), s.path()).unwrap();
        backups.dir.clone_from(&shared);
        backups.keep = 2;
        backups
    };
    for day in 1..=3 {
        into(&a).make(a.conn(), Reason::Daily, at(day, 8)).unwrap();
    }
    into(&b).make(b.conn(), Reason::Daily, at(9, 8)).unwrap();
    // A backup from before registers had an id stays, listed for both and pruned by neither.
    std::fs::copy(into(&b).list().unwrap()[0].path.clone(), shared.join("saksbok-20261101T080000Z-dagleg.sqlite3"))
        .unwrap();
    into(&a).make(a.conn(), Reason::Daily, at(4, 8)).unwrap();
    let mine: Vec<u32> =
        into(&a).list().unwrap().iter().filter(|x| x.register.is_some()).map(|x| x.made_at.day()).collect();
    assert_eq!(mine, [4, 3], "a kept its newest two");
    let theirs = into(&b).list().unwrap();
    assert_eq!(theirs.len(), 2, "b's own and the old one: {theirs:?}");
    assert!(theirs.iter().any(|x| x.register.is_none()));
    assert_ne!(theirs[0].register, into(&a).list().unwrap()[0].register);
}

//! Backups: whole copies of the database made with SQLite's online backup
//! API. Documents and printed protocols live in the database's blob store,
//! so one backup holds everything.
//!
//! A backup is written to a `.partial` file, checked with
//! `PRAGMA integrity_check` and only then given its name, so a file named
//! `saksbok-20261125T120000Z-dagleg.sqlite3` is always a whole, sound copy.
//! The newest `keep` are kept; older ones are removed. Only files named this
//! way are ever touched in the folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::{Result, StoreError};

const PREFIX: &str = "saksbok-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The first start of the day.
    Daily,
    /// Before the database was upgraded to a new schema.
    BeforeMigration,
    /// Before an import.
    BeforeImport,
    /// The database as it was before a backup was restored over it.
    BeforeRestore,
    /// Asked for by a person (the CLI's `backup`, the window's button).
    Manual,
    /// A damaged database, moved aside when a backup was restored over it.
    Damaged,
}

impl Reason {
    pub const ALL: [Self; 6] =
        [Self::Daily, Self::BeforeMigration, Self::BeforeImport, Self::BeforeRestore, Self::Manual, Self::Damaged];

    /// The word in the file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "dagleg",
            Self::BeforeMigration => "foer-oppgradering",
            Self::BeforeImport => "foer-import",
            Self::BeforeRestore => "foer-attoppretting",
            Self::Manual => "manuell",
            Self::Damaged => "skadd",
        }
    }

    /// As the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Daily => "Dagleg",
            Self::BeforeMigration => "Før oppgradering",
            Self::BeforeImport => "Før import",
            Self::BeforeRestore => "Før attoppretting",
            Self::Manual => "Manuell",
            Self::Damaged => "Skadd database, teken vare på",
        }
    }
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub made_at: DateTime<Utc>,
    pub reason: Reason,
    pub bytes: u64,
    /// The register it is of (the start of its id); `None` for backups made
    /// before registers had an id.
    pub register: Option<String>,
}

/// Parses `saksbok-<register>-20261125T120000Z-dagleg.sqlite3` (or with `-2`
/// after the reason when two were made in one second). Backups made before
/// registers had an id have no `<register>` part.
fn parse_name(name: &str) -> Option<(Option<String>, DateTime<Utc>, Reason, u32)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (first, after) = rest.split_once('-')?;
    let (register, stamp, reason) = match NaiveDateTime::parse_from_str(first, STAMP) {
        Ok(_) => (None, first, after),
        Err(_) if first.len() == TAG_LEN && first.bytes().all(|b| b.is_ascii_hexdigit()) => {
            let (stamp, reason) = after.split_once('-')?;
            (Some(first.to_string()), stamp, reason)
        }
        Err(_) => return None,
    };
    let made_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    // "…-manuell-2": the second made in the same second.
    let (reason, counter) = match reason.rsplit_once('-') {
        Some((r, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => (r, n.parse().ok()?),
        _ => (reason, 1),
    };
    let reason = Reason::ALL.into_iter().find(|r| r.as_str() == reason)?;
    Some((register, made_at, reason, counter))
}

/// How much of the register's id a backup's name carries.
const TAG_LEN: usize = 8;

/// The folder beside the database that backups go to unless the register's
/// settings name another.
pub const DEFAULT_DIR: &str = "tryggingskopiar";

/// `tryggingskopiar/` beside the database.
pub fn default_dir(db_path: &Path) -> PathBuf {
    crate::paths::folder_of(db_path).join(DEFAULT_DIR)
}

/// A folder of backups, keeping the newest `keep`.
#[derive(Debug, Clone)]
pub struct Backups {
    pub dir: PathBuf,
    pub keep: usize,
    /// The default folder is made when first needed; a chosen one must exist.
    create_missing: bool,
    /// The register whose backups these are (the start of its id); `None`
    /// when it cannot be read (the database will not open): then every
    /// backup in the folder is listed.
    register: Option<String>,
}

impl Backups {
    /// A chosen folder, which must exist.
    pub fn new(dir: impl Into<PathBuf>, keep: usize) -> Self {
        Self {
            dir: dir.into(),
            keep: keep.clamp(1, saksbok_core::settings::MAX_BACKUPS as usize),
            create_missing: false,
            register: None,
        }
    }

    /// The backups of the database at `db_path`: the folder and count in its
    /// settings (`backup_dir`, `backup_keep`), else `tryggingskopiar/` beside
    /// it, kept [`saksbok_core::settings::DEFAULT_BACKUPS`] deep.
    pub fn for_database(conn: &Connection, db_path: &Path) -> Result<Self> {
        let settings = crate::settings::register_settings(conn)?;
        let keep = settings.backup_keep as usize;
        let register = crate::settings::setting(conn, "register_id")?.map(|id| id.chars().take(TAG_LEN).collect());
        let backups = match settings.backup_dir.filter(|d| !d.trim().is_empty()) {
            Some(dir) => Self::new(dir, keep),
            None => Self { create_missing: true, ..Self::new(default_dir(db_path), keep) },
        };
        Ok(Self { register, ..backups })
    }

    /// Copies the database behind `conn` into the folder, checks the copy and
    /// removes the oldest beyond `keep`. The folder must exist and be
    /// writable; nothing is created in its place.
    pub fn make(&self, conn: &Connection, reason: Reason, now: DateTime<Utc>) -> Result<BackupInfo> {
        let made = self.make_unpruned(conn, reason, now)?;
        self.prune()?;
        Ok(made)
    }

    /// As [`Backups::make`], but leaves the old copies (a restore prunes
    /// only after it has read the backup it restores, which may be the oldest).
    pub fn make_unpruned(&self, conn: &Connection, reason: Reason, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.check_dir()?;
        let stamp = now.format(STAMP);
        let tag = self.register.as_ref().map(|r| format!("{r}-")).unwrap_or_default();
        let mut name = format!("{PREFIX}{tag}{stamp}-{}{SUFFIX}", reason.as_str());
        let mut n = 2;
        while self.dir.join(&name).exists() {
            name = format!("{PREFIX}{tag}{stamp}-{}-{n}{SUFFIX}", reason.as_str());
            n += 1;
        }
        let path = self.dir.join(&name);
        let partial = self.dir.join(format!(".{name}.partial"));
        let made = conn
            .backup(rusqlite::MAIN_DB, &partial, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| self.cannot_write(&e.to_string()))
            .and_then(|()| single_file(&partial))
            .and_then(|()| check_backup(&partial))
            .and_then(|()| std::fs::rename(&partial, &path).map_err(|e| self.cannot_write(&e.to_string())));
        if let Err(e) = made {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        Ok(BackupInfo { path, made_at: now, reason, bytes, register: self.register.clone() })
    }

    /// A backup of the database file at `db_path` through a connection of its
    /// own, so whoever holds the main connection is not kept waiting while
    /// the copy is made and checked (SQLite's locking keeps the copy
    /// consistent while others write).
    pub fn make_from_file(&self, db_path: &Path, reason: Reason, now: DateTime<Utc>) -> Result<BackupInfo> {
        let conn = Connection::open_with_flags(
            db_path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| crate::StoreError::from_sqlite(e, db_path))?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| crate::StoreError::from_sqlite(e, db_path))?;
        self.make(&conn, reason, now)
    }

    /// The default folder beside a database whose settings cannot be read
    /// (it could not be opened).
    pub fn beside(db_path: &Path) -> Self {
        Self {
            create_missing: true,
            ..Self::new(default_dir(db_path), saksbok_core::settings::DEFAULT_BACKUPS as usize)
        }
    }

    /// Puts the backup at `from` in place of a database that cannot be opened
    /// (damaged, or not a database at all). The backup is checked first; the
    /// damaged file (with its -wal and -shm) is moved into this folder as
    /// `…-skadd.sqlite3`, never deleted. Returns where it was moved.
    pub fn replace_damaged(&self, db_path: &Path, from: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        check_backup(from)?;
        self.check_dir()?;
        let name = format!("{PREFIX}{}-{}{SUFFIX}", now.format(STAMP), Reason::Damaged.as_str());
        let kept = self.dir.join(&name);
        if kept.exists() {
            return Err(self.cannot_write(&format!("{name} finst frå før")));
        }
        // The -wal and -shm first and the database last, each put back if a
        // later one cannot be moved: the file is moved whole or not at all.
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
        for suffix in ["-shm", "-wal", ""] {
            let old = PathBuf::from(format!("{}{suffix}", db_path.display()));
            let new = PathBuf::from(format!("{}{suffix}", kept.display()));
            if !old.exists() {
                continue;
            }
            if let Err(e) = move_file(&old, &new) {
                for (back_from, back_to) in moved.iter().rev() {
                    let _ = move_file(back_to, back_from);
                }
                return Err(self.cannot_write(&e.to_string()));
            }
            moved.push((old, new));
        }
        let incoming = PathBuf::from(format!("{}.attoppretting", db_path.display()));
        let copied = std::fs::copy(from, &incoming).and_then(|_| std::fs::File::open(&incoming)?.sync_all());
        copied.and_then(|()| std::fs::rename(&incoming, db_path)).map_err(|e| {
            let _ = std::fs::remove_file(&incoming);
            StoreError::Invalid(format!(
                "Kunne ikkje leggja tryggingskopien på plass som {} ({e}). Den skadde fila ligg i {}.",
                db_path.display(),
                kept.display()
            ))
        })?;
        let bytes = std::fs::metadata(&kept).map_or(0, |m| m.len());
        Ok(BackupInfo { path: kept, made_at: now, reason: Reason::Damaged, bytes, register: None })
    }

    /// The backups in the folder, newest first. A missing folder has none.
    pub fn list(&self) -> Result<Vec<BackupInfo>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.cannot_read(&e.to_string())),
        };
        let mut found: Vec<(u32, BackupInfo)> = entries
            .filter_map(|e| {
                let e = e.ok()?;
                let (register, made_at, reason, counter) = parse_name(e.file_name().to_str()?)?;
                // Another register's backups in the same folder are not ours to list or prune.
                if register.is_some() && self.register.is_some() && register != self.register {
                    return None;
                }
                let bytes = e.metadata().ok()?.len();
                Some((counter, BackupInfo { path: e.path(), made_at, reason, bytes, register }))
            })
            .collect();
        // Newest first; of two made in one second, the later ("-2") first.
        found.sort_by(|(na, a), (nb, b)| b.made_at.cmp(&a.made_at).then(nb.cmp(na)));
        let found: Vec<BackupInfo> = found.into_iter().map(|(_, b)| b).collect();
        Ok(found)
    }

    /// True when no backup has been made on `now`'s date (UTC) yet.
    pub fn daily_due(&self, now: DateTime<Utc>) -> Result<bool> {
        Ok(!self.list()?.iter().any(|b| b.made_at.date_naive() == now.date_naive()))
    }

    /// Removes the oldest copies beyond `keep`. A damaged database that was
    /// set aside is never removed.
    pub fn prune(&self) -> Result<()> {
        // Only this register's own: never a damaged file set aside, never a
        // backup from before registers had an id (it may be another's).
        let copies = self
            .list()?
            .into_iter()
            .filter(|b| b.reason != Reason::Damaged && (self.register.is_none() || b.register == self.register));
        for old in copies.skip(self.keep) {
            std::fs::remove_file(&old.path).map_err(|e| self.cannot_write(&e.to_string()))?;
        }
        Ok(())
    }

    fn check_dir(&self) -> Result<()> {
        if self.create_missing && !self.dir.exists() {
            std::fs::create_dir_all(&self.dir).map_err(|e| self.cannot_write(&e.to_string()))?;
        }
        match std::fs::metadata(&self.dir) {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err(StoreError::Invalid(format!(
                "{} er ei fil, ikkje ei mappe: vel ei anna mappe for tryggingskopiar.",
                self.dir.display()
            ))),
            Err(_) => Err(StoreError::Invalid(format!(
                "Mappa for tryggingskopiar, {}, finst ikkje (er disken eller nettverksstasjonen kopla til?). \
                 Vel ei anna mappe under Innstillingar. Databasen er ikkje endra.",
                self.dir.display()
            ))),
        }
    }

    fn cannot_write(&self, detail: &str) -> StoreError {
        StoreError::Invalid(format!(
            "Kan ikkje skriva tryggingskopi i {} ({detail}). Er mappa skriveverna, eller disken full? \
             Databasen er ikkje endra.",
            self.dir.display()
        ))
    }

    fn cannot_read(&self, detail: &str) -> StoreError {
        StoreError::Invalid(format!("Kan ikkje lesa mappa for tryggingskopiar, {} ({detail}).", self.dir.display()))
    }
}

/// A rename, or a copy and a removal across file systems.
fn move_file(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::rename(from, to).or_else(|_| {
        std::fs::copy(from, to)?;
        std::fs::remove_file(from)
    })
}

/// The copy carries the database's WAL mode; a backup is one self-contained
/// file, so it is switched to rollback mode (which removes its -wal and -shm).
pub(crate) fn single_file(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| StoreError::from_sqlite(e, path))?;
    conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(())).map_err(|e| StoreError::from_sqlite(e, path))
}

/// Checks that `path` is a whole Saksbok database: SQLite's full
/// `integrity_check` and our application_id. Never writes to it.
pub fn check_backup(path: &Path) -> Result<()> {
    let err = |e: rusqlite::Error| StoreError::from_sqlite(e, path);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(err)?;
    if crate::migrate::identify(&conn).map_err(|e| e.with_path(path))? == crate::migrate::Identity::Empty {
        return Err(StoreError::NotADatabase { path: path.to_path_buf() });
    }
    let found: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(err)?;
    if found.len() == 1 && found[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt { path: path.to_path_buf(), detail: found.join("; ") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_files_are_ignored() {
        let (register, at, reason, _) = parse_name("saksbok-20261125T120000Z-dagleg.sqlite3").unwrap();
        assert_eq!((register, at.to_rfc3339()), (None, "2026-11-25T12:00:00+00:00".to_string()));
        assert_eq!(reason, Reason::Daily);
        assert_eq!(parse_name("saksbok-20261125T120000Z-foer-import-2.sqlite3").unwrap().2, Reason::BeforeImport);
        assert_eq!(parse_name("saksbok-20261125T120000Z-foer-import-2.sqlite3").unwrap().3, 2);
        let tagged = parse_name("saksbok-0a1b2c3d-20261125T120000Z-manuell-2.sqlite3").unwrap();
        assert_eq!((tagged.0.as_deref(), tagged.2, tagged.3), (Some("0a1b2c3d"), Reason::Manual, 2));
        for other in [
            "saksbok-0a1b2c3-20261125T120000Z-dagleg.sqlite3",
            "saksbok.sqlite3",
            "saksbok-x-dagleg.sqlite3",
            "notat.txt",
            ".saksbok-20261125T120000Z-dagleg.sqlite3.partial",
        ] {
            assert!(parse_name(other).is_none(), "{other}");
        }
    }
}

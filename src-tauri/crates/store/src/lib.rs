//! Saksbok's storage: one SQLite file, opened with WAL, foreign keys and a
//! busy timeout, checked with `PRAGMA quick_check` before anything is written
//! (at open, or in the background for the desktop app: see [`verify`]) and
//! migrated in one IMMEDIATE transaction.
//!
//! Reads take `&Connection`, writes take `&Transaction`; [`Store::write`]
//! runs one user action as one transaction. A file that is not a Saksbok
//! database, or is damaged, locked or read-only, gives a [`StoreError`] with a
//! message in Nynorsk, and nothing in the file is changed.

pub mod addenda;
pub mod agenda;
pub mod agreements;
pub mod approval;
pub mod attendance;
pub mod audit;
pub mod backup;
pub mod behandling;
pub mod boards;
pub mod cases;
pub mod demo;
mod derived;
pub mod documents;
pub mod drafts;
mod error;
pub mod history;
pub mod interchange;
pub mod journal;
pub mod meetings;
mod migrate;
pub mod netfs;
pub mod paths;
pub mod presence;
pub mod protocols;
pub mod saksgang;
pub mod scans;
pub mod search;
pub mod settings;
pub mod signed;
mod sql;
pub mod tasks;
pub mod undo;
pub mod verify;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use audit::Actor;
pub use error::StoreError;
pub use migrate::{APPLICATION_ID, MIGRATIONS, migrate_to, schema_version};
pub use rusqlite::Transaction;
pub use verify::{Integrity, Verification, Verify};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How to open the database.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Open read-only: nothing can be written, migrations are not run.
    pub read_only: bool,
    /// How long to wait for another program's lock before giving up.
    pub busy_timeout: Duration,
    /// When the integrity check runs.
    pub verify: Verify,
    /// Back the file up (see [`backup::Backups::for_database`]) before a
    /// migration changes it; if the copy cannot be made, nothing is upgraded.
    pub backup_before_migration: bool,
    /// How this program is named to others that find the database locked
    /// ([`presence`]); none leaves no mark.
    pub program: Option<String>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            read_only: false,
            busy_timeout: Duration::from_secs(5),
            verify: Verify::AtOpen,
            backup_before_migration: false,
            program: None,
        }
    }
}

/// An open Saksbok database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    verification: Verification,
    /// This program's mark beside the file while it is open (dropped after `conn`).
    _presence: Option<presence::Presence>,
}

impl Store {
    /// Opens (and creates, if missing) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, &OpenOptions::default())
    }

    pub fn open_with(path: &Path, opts: &OpenOptions) -> Result<Self> {
        refuse_network_share(path, netfs::network_kind)?;
        let err = |e: rusqlite::Error| StoreError::from_sqlite(e, path);
        let flags = if opts.read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(err)?;
        conn.busy_timeout(opts.busy_timeout).map_err(err)?;
        // Hot writes (a case with its audit row and search row) reuse their
        // compiled statements.
        conn.set_prepared_statement_cache_capacity(64);
        // 32 MiB of page cache: a large import or search stays in memory.
        conn.pragma_update(None, "cache_size", -32_768).map_err(err)?;
        // Read before anything is written: a file that is not a database, is
        // another program's or is newer than this build is refused here and
        // left exactly as it was.
        let identity = migrate::identify(&conn).map_err(|e| e.with_path(path))?;
        // The full check reads every page (2.5 s for 100 000 cases). It runs
        // now when asked, or when this open must write (a migration, derived
        // values, the switch to WAL); else in the background, and the first
        // write waits for it.
        let writes_now = !opts.read_only && {
            let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).map_err(err)?;
            !mode.eq_ignore_ascii_case("wal")
                || identity != migrate::Identity::Saksbok(migrate::latest())
                || !derived::is_current(&conn).map_err(|e| e.with_path(path))?
        };
        let verification = if opts.verify == Verify::AtOpen || writes_now {
            if let Some(detail) = verify::quick_check(&conn).map_err(err)? {
                return Err(StoreError::Corrupt { path: path.to_path_buf(), detail });
            }
            Verification::passed(path)
        } else {
            Verification::pending(path)
        };
        conn.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
        if !opts.read_only {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(err)?;
            if !mode.eq_ignore_ascii_case("wal") && conn.is_readonly("main").unwrap_or(false) {
                return Err(StoreError::ReadOnly { path: path.to_path_buf() });
            }
            // FULL: a committed step survives a power cut, not only a crash.
            conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
            if let migrate::Identity::Saksbok(v) = identity
                && v < migrate::latest()
                && opts.backup_before_migration
            {
                // A checked copy first; if it cannot be made, nothing is upgraded.
                // The chosen folder, or (when that is gone: a disk not
                // plugged in) the default one beside the database.
                let now = chrono::Utc::now();
                let chosen = backup::Backups::for_database(&conn, path).map_err(|e| e.with_path(path))?;
                chosen.make(&conn, backup::Reason::BeforeMigration, now).or_else(|e| {
                    backup::Backups::beside(path).make(&conn, backup::Reason::BeforeMigration, now).map_err(|_| e)
                })?;
            }
            migrate::migrate(&mut conn).map_err(|e| e.with_path(path))?;
            derived::refresh(&mut conn).map_err(|e| e.with_path(path))?;
        }
        let presence = match (&opts.program, opts.read_only) {
            (Some(program), false) => presence::announce(path, program, chrono::Utc::now()),
            _ => None,
        };
        Ok(Self { conn, path: path.to_path_buf(), verification, _presence: presence })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's integrity check, to wait for or ask about.
    pub fn verification(&self) -> &Verification {
        &self.verification
    }

    /// For single-statement reads. A view built from several queries uses
    /// [`Store::read`], so it never mixes two states of the database.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs several reads in one read transaction: one snapshot of the
    /// database, even while another program writes.
    pub fn read<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(|e| StoreError::from_sqlite(e, &path))?;
        let out = f(&tx).map_err(|e| e.with_path(&path))?;
        tx.finish().map_err(|e| StoreError::from_sqlite(e, &path))?;
        Ok(out)
    }

    /// Runs one user action as one IMMEDIATE transaction: all of it is
    /// committed, or none of it.
    /// Waits first for the integrity check: nothing is written to a damaged file.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.verification.wait()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, &path))?;
        let out = f(&tx).map_err(|e| e.with_path(&path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(e, &path))?;
        Ok(out)
    }

    /// Before an import: a checked backup in the register's backup folder,
    /// unless the register is still empty (nothing to lose).
    pub fn backup_before_import(&self, now: chrono::DateTime<chrono::Utc>) -> Result<Option<backup::BackupInfo>> {
        if settings::is_empty(&self.conn)? {
            return Ok(None);
        }
        let backups = backup::Backups::for_database(&self.conn, &self.path)?;
        self.backup(&backups, backup::Reason::BeforeImport, now).map(Some)
    }

    /// Makes a checked backup in `backups` (see [`backup`]).
    pub fn backup(
        &self,
        backups: &backup::Backups,
        reason: backup::Reason,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<backup::BackupInfo> {
        backups.make(&self.conn, reason, now)
    }

    /// Replaces the whole database with the backup at `from`, through SQLite
    /// (so the CLI, if it has the file open, sees the change safely). The
    /// backup is checked first, and the database as it is now is backed up
    /// into `backups` before anything is overwritten; if either fails,
    /// nothing is changed. A backup from an older Saksbok is then upgraded.
    pub fn restore_from(
        &mut self,
        from: &Path,
        backups: &backup::Backups,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<backup::BackupInfo> {
        backup::check_backup(from)?;
        // Not pruned yet: the backup being restored may be the oldest copy.
        let kept = backups.make_unpruned(&self.conn, backup::Reason::BeforeRestore, now)?;
        self.conn
            .restore(rusqlite::MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| StoreError::from_sqlite(e, &self.path))?;
        migrate::migrate(&mut self.conn).map_err(|e| e.with_path(&self.path))?;
        derived::refresh(&mut self.conn).map_err(|e| e.with_path(&self.path))?;
        self.verification = Verification::passed(&self.path);
        backups.prune()?;
        Ok(kept)
    }

    /// Copies the whole database to `dest` with SQLite's online backup API,
    /// consistent even while the app is running.
    /// The copy is one self-contained file, checked like every backup; a copy
    /// that fails the check is removed.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let made = self
            .conn
            .backup(rusqlite::MAIN_DB, dest, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| StoreError::from_sqlite(e, dest))
            .and_then(|()| backup::single_file(dest))
            .and_then(|()| backup::check_backup(dest));
        if made.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        made
    }
}

/// A database whose folder is on a network file system is refused before
/// SQLite touches it.
fn refuse_network_share(path: &Path, kind_of: impl Fn(&Path) -> Option<&'static str>) -> Result<()> {
    match kind_of(paths::folder_of(path)) {
        Some(kind) => Err(StoreError::NetworkShare { path: path.to_path_buf(), kind: kind.to_string() }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;

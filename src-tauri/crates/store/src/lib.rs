//! Saksbok's storage: one SQLite file, opened with WAL, foreign keys and a
//! busy timeout, checked with `PRAGMA quick_check` and migrated in one
//! IMMEDIATE transaction.
//!
//! Reads take `&Connection`, writes take `&Transaction`; [`Store::write`]
//! runs one user action as one transaction. A file that is not a Saksbok
//! database, or is damaged, locked or read-only, gives a [`StoreError`] with a
//! message in Nynorsk, and nothing in the file is changed.

pub mod audit;
pub mod cases;
pub mod demo;
mod derived;
pub mod documents;
mod error;
pub mod history;
pub mod interchange;
pub mod journal;
pub mod meetings;
mod migrate;
pub mod paths;
pub mod protocols;
pub mod search;
pub mod settings;
mod sql;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use audit::Actor;
pub use error::StoreError;
pub use migrate::{APPLICATION_ID, MIGRATIONS, migrate_to, schema_version};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How to open the database.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Open read-only: nothing can be written, migrations are not run.
    pub read_only: bool,
    /// How long to wait for another program's lock before giving up.
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self { read_only: false, busy_timeout: Duration::from_secs(5) }
    }
}

/// An open Saksbok database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (and creates, if missing) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, &OpenOptions::default())
    }

    pub fn open_with(path: &Path, opts: &OpenOptions) -> Result<Self> {
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
        // damaged, is another program's or is newer than this build is
        // refused here and left exactly as it was.
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(err)?;
        if check != "ok" {
            return Err(StoreError::Corrupt { path: path.to_path_buf(), detail: check });
        }
        migrate::identify(&conn).map_err(|e| e.with_path(path))?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
        if !opts.read_only {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(err)?;
            if !mode.eq_ignore_ascii_case("wal") && conn.is_readonly("main").unwrap_or(false) {
                return Err(StoreError::ReadOnly { path: path.to_path_buf() });
            }
            // FULL: a committed step survives a power cut, not only a crash.
            conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
            migrate::migrate(&mut conn).map_err(|e| e.with_path(path))?;
            derived::refresh(&mut conn).map_err(|e| e.with_path(path))?;
        }
        Ok(Self { conn, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, &path))?;
        let out = f(&tx).map_err(|e| e.with_path(&path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(e, &path))?;
        Ok(out)
    }

    /// Copies the whole database to `dest` with SQLite's online backup API,
    /// consistent even while the app is running.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.conn
            .backup(rusqlite::MAIN_DB, dest, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| StoreError::from_sqlite(e, dest))
    }
}

#[cfg(test)]
mod tests;

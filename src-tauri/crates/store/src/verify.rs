//! The integrity check of a database file (`PRAGMA quick_check`), run before
//! anything is written to it.
//!
//! The command line checks at open. The desktop app opens large registers
//! with the check in the background ([`Verify::InBackground`]): the window
//! shows the case list at once, reads go ahead, and the first write waits
//! until the check has passed — so nothing is ever written to a damaged file.
//! The caller may begin the check a moment later ([`Verification::start`]),
//! so it does not compete with the first screen for the CPU; a write begins
//! it at once.
//! A file that must be written at open (a migration, new derived values, the
//! switch to WAL) is always checked first, whichever mode was asked for.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, Once};

use rusqlite::{Connection, OpenFlags};

use crate::{Result, StoreError};

/// When the integrity check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verify {
    /// Before [`crate::Store::open_with`] returns.
    #[default]
    AtOpen,
    /// On a second, read-only connection in a thread of its own; writes wait for it.
    InBackground,
}

/// Where the check has got to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integrity {
    Pending,
    Passed,
    /// The check could not run (the file busy for 30 s, an I/O error): not a
    /// sign of damage. Writes go ahead; SQLite reports damage where it meets it.
    Unchecked(String),
    /// What `quick_check` found, or SQLite's "damaged" / "not a database".
    Failed(String),
}

/// The outcome of one file's check, shared between the store and whoever
/// waits for it.
#[derive(Debug, Clone)]
pub struct Verification {
    path: PathBuf,
    state: Arc<(Mutex<Integrity>, Condvar)>,
    started: Arc<Once>,
}

impl Verification {
    pub(crate) fn passed(path: &Path) -> Self {
        let started = Arc::new(Once::new());
        started.call_once(|| {});
        Self { path: path.to_path_buf(), state: Arc::new((Mutex::new(Integrity::Passed), Condvar::new())), started }
    }

    /// A check of `path` that has not begun: [`Verification::start`] begins
    /// it, and so does the first [`Verification::wait`] (the first write).
    pub(crate) fn pending(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            state: Arc::new((Mutex::new(Integrity::Pending), Condvar::new())),
            started: Arc::new(Once::new()),
        }
    }

    /// Begins the check on a connection of its own, once; later calls do nothing.
    pub fn start(&self) {
        self.started.call_once(|| {
            let worker = self.clone();
            let spawned = std::thread::Builder::new().name("saksbok-quick-check".into()).spawn(move || {
                worker.finish(check_file(&worker.path));
            });
            if let Err(e) = spawned {
                self.finish(Integrity::Unchecked(format!("kontrollen kunne ikkje starta: {e}")));
            }
        });
    }

    fn finish(&self, outcome: Integrity) {
        let (lock, cvar) = &*self.state;
        *lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = outcome;
        cvar.notify_all();
    }

    /// Whether `other` is this same check (not one of a file opened since).
    pub fn is(&self, other: &Verification) -> bool {
        Arc::ptr_eq(&self.state, &other.state)
    }

    /// Where the check has got to, without waiting.
    pub fn integrity(&self) -> Integrity {
        self.state.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Waits for the check (beginning it if it has not begun); a damaged
    /// file is an error.
    pub fn wait(&self) -> Result<()> {
        self.start();
        let (lock, cvar) = &*self.state;
        let mut state = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while *state == Integrity::Pending {
            state = cvar.wait(state).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        match &*state {
            Integrity::Failed(detail) => Err(StoreError::Corrupt { path: self.path.clone(), detail: detail.clone() }),
            _ => Ok(()),
        }
    }
}

/// `PRAGMA quick_check` on `conn`: `Err` with what it found unless the file is sound.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let found: Vec<String> =
        conn.prepare("PRAGMA quick_check")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(if found.len() == 1 && found[0] == "ok" { None } else { Some(found.join("; ")) })
}

fn check_file(path: &Path) -> Integrity {
    let damaged = |e: &rusqlite::Error| {
        matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
    };
    let outcome = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .and_then(|conn| {
            conn.busy_timeout(std::time::Duration::from_secs(30))?;
            quick_check(&conn)
        });
    match outcome {
        Ok(None) => Integrity::Passed,
        Ok(Some(found)) => Integrity::Failed(found),
        Err(e) if damaged(&e) => Integrity::Failed(e.to_string()),
        Err(e) => Integrity::Unchecked(e.to_string()),
    }
}

//! Who has the database open, so that a write that waits in vain for a lock
//! can say who holds it ("saksbok (kommandolinja), kari på rådhus-pc12,
//! sidan 10.42") instead of only that someone does.
//!
//! Each program that opens the database for writing leaves a small file
//! beside it, `.saksbok.sqlite3.<pid>.i-bruk`, and removes it when it closes
//! the database. SQLite cannot be asked who holds its lock, and the database
//! itself cannot be written while it is locked, hence a file of its own.
//! A file left by a program that crashed is ignored (on Linux and macOS its
//! process no longer exists) and removed by the next open on that machine.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};

const SUFFIX: &str = ".i-bruk";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// "Saksbok (vindauget)", "saksbok (kommandolinja)"
    pub program: String,
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: DateTime<Utc>,
}

impl Holder {
    /// "saksbok (kommandolinja), kari på rådhus-pc12, sidan 25.11.2026 kl. 10.42 (prosess 1234)"
    pub fn describe(&self) -> String {
        let since = self.since.with_timezone(&Local).format("%d.%m.%Y kl. %H.%M");
        format!("{}, {} på {}, sidan {since} (prosess {})", self.program, self.user, self.host, self.pid)
    }
}

/// This program's mark beside the database; removed when dropped.
#[derive(Debug)]
pub struct Presence {
    file: PathBuf,
}

impl Drop for Presence {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

fn prefix(db: &Path) -> Option<(PathBuf, String)> {
    let name = db.file_name()?.to_string_lossy().into_owned();
    let dir = crate::paths::folder_of(db).to_path_buf();
    Some((dir, format!(".{name}.")))
}

/// Marks the database as open by this process. Best effort: a folder where
/// the mark cannot be written only loses the names in a lock message.
pub fn announce(db: &Path, program: &str, now: DateTime<Utc>) -> Option<Presence> {
    let (dir, prefix) = prefix(db)?;
    let me = Holder {
        program: program.to_string(),
        user: crate::audit::os_user(),
        host: whoami::hostname().unwrap_or_else(|_| "ukjend maskin".into()),
        pid: std::process::id(),
        since: now,
    };
    // Marks of programs on this machine that are gone are cleared away.
    for (path, holder) in read_all(&dir, &prefix) {
        if holder.host == me.host && !alive(holder.pid) {
            let _ = std::fs::remove_file(path);
        }
    }
    let file = dir.join(format!("{prefix}{}{SUFFIX}", me.pid));
    std::fs::write(&file, serde_json::to_vec(&me).ok()?).ok()?;
    Some(Presence { file })
}

/// Everyone else who has the database open.
pub fn others(db: &Path) -> Vec<Holder> {
    let Some((dir, prefix)) = prefix(db) else { return Vec::new() };
    let host = whoami::hostname().unwrap_or_default();
    let mut found: Vec<Holder> = read_all(&dir, &prefix)
        .into_iter()
        .map(|(_, h)| h)
        .filter(|h| h.pid != std::process::id() || h.host != host)
        .filter(|h| h.host != host || alive(h.pid))
        .collect();
    found.sort_by_key(|h| h.since);
    found
}

fn read_all(dir: &Path, prefix: &str) -> Vec<(PathBuf, Holder)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_string_lossy().into_owned();
            let pid = name.strip_prefix(prefix)?.strip_suffix(SUFFIX)?;
            pid.parse::<u32>().ok()?;
            let holder = serde_json::from_slice(&std::fs::read(e.path()).ok()?).ok()?;
            Some((e.path(), holder))
        })
        .collect()
}

/// Whether a process of this machine still runs (signal 0: no such process
/// is the only "no"). Windows cannot be asked this way; there it is taken to run.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
    !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

//! App state: where the database is and, if it could be opened, the store.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use saksbok_store::{OpenOptions, Store, Verify};

use crate::error::CommandError;
use crate::personal::PersonalSettings;

/// The database, or why it could not be opened. A failed open is kept so the
/// window can explain it; nothing is created or overwritten in its place.
#[derive(Debug)]
pub enum Db {
    Open(Store),
    Failed(CommandError),
}

#[derive(Debug)]
pub struct AppState {
    pub db_path: PathBuf,
    /// Where printed protocols are saved.
    pub protocols_dir: PathBuf,
    /// The OS account of the person working.
    pub os_user: String,
    /// Where the person's own settings live ([`crate::personal`]).
    pub config_dir: PathBuf,
    personal: Mutex<PersonalSettings>,
    /// Why this start's backup of the day failed, for a window that asks later.
    backup_error: Mutex<Option<CommandError>>,
    /// Where checked copies of documents are written for the system's apps.
    pub copies_dir: PathBuf,
    db: Mutex<Db>,
}

impl AppState {
    pub fn open(db_path: PathBuf, protocols_dir: PathBuf, os_user: String, config_dir: PathBuf) -> Self {
        let db = Mutex::new(open_db(&db_path));
        let copies_dir = std::env::temp_dir().join("saksbok-dokument");
        let personal = Mutex::new(crate::personal::load(&config_dir));
        Self { db_path, protocols_dir, os_user, config_dir, personal, backup_error: Mutex::new(None), copies_dir, db }
    }

    /// Who is working, as the history records it: the display name the
    /// person chose, with the OS account.
    pub fn user(&self) -> String {
        self.personal().actor(&self.os_user)
    }

    pub fn backup_error(&self) -> Option<CommandError> {
        self.backup_error.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn set_backup_error(&self, error: Option<CommandError>) {
        *self.backup_error.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = error;
    }

    pub fn personal(&self) -> PersonalSettings {
        self.personal.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn set_personal(&self, settings: PersonalSettings) {
        *self.personal.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = settings;
    }

    pub fn db(&self) -> MutexGuard<'_, Db> {
        // A panic while holding the lock leaves the connection usable: SQLite
        // rolls back any open transaction when it is dropped or reused.
        self.db.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits for the integrity check that runs in the background after open
    /// (not holding the database, so reads go on meanwhile). A damaged file
    /// is then closed and its error kept for the window to show; returns it.
    pub fn await_integrity(&self) -> Option<CommandError> {
        let verification = match &*self.db() {
            Db::Open(store) => store.verification().clone(),
            Db::Failed(_) => return None,
        };
        let error: CommandError = verification.wait().err()?.into();
        let mut db = self.db();
        // Only the store that was checked: a backup restored meanwhile stays open.
        if matches!(&*db, Db::Open(s) if s.verification().is(&verification)) {
            *db = Db::Failed(error.clone());
        }
        Some(error)
    }

    /// Puts a backup in place of a database that could not be opened because
    /// it is damaged (or not a database at all), keeps the damaged file in
    /// the backup folder, and opens the restored one. Any other reason it
    /// could not be opened (locked, another program's, too new, on a network
    /// share) is not cured by a backup, and nothing is done.
    pub fn restore_over_failed(
        &self,
        from: &Path,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<saksbok_store::backup::BackupInfo, CommandError> {
        let mut db = self.db();
        let Db::Failed(why) = &*db else {
            return Err(CommandError::new("invalid", "Databasen er open; hent fram kopien under Innstillingar."));
        };
        if !matches!(why.code.as_str(), "db_corrupt" | "db_not_a_database") {
            return Err(CommandError::new(
                "invalid",
                format!("Ein tryggingskopi hjelper ikkje her: {} Ingenting er endra.", why.message),
            ));
        }
        let backups = saksbok_store::backup::Backups::beside(&self.db_path);
        let kept = backups.replace_damaged(&self.db_path, from, now)?;
        *db = open_db(&self.db_path);
        Ok(kept)
    }

    /// Tries to open the database again (after the user closed the program
    /// that held it, or freed disk space).
    pub fn reopen(&self) {
        let mut db = self.db();
        if matches!(*db, Db::Failed(_)) {
            *db = open_db(&self.db_path);
        }
    }
}

fn open_db(path: &Path) -> Db {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return Db::Failed(CommandError::new(
            "db_cannot_open",
            format!("Kan ikkje laga mappa {} for databasen: {e}", dir.display()),
        ));
    }
    // The full integrity check reads every page: it runs after the window
    // shows, and the first write waits for it.
    let opts = OpenOptions {
        verify: Verify::InBackground,
        backup_before_migration: true,
        program: Some("Saksbok (vindauget)".into()),
        ..OpenOptions::default()
    };
    match Store::open_with(path, &opts) {
        Ok(s) => Db::Open(s),
        Err(e) => Db::Failed(e.into()),
    }
}

/// The database path: `--db FILE` on the command line, else `SAKSBOK_DB`,
/// else `saksbok.sqlite3` in the app-data directory.
pub fn db_path_from(args: &[String], env: Option<String>, app_data: &Path) -> PathBuf {
    let from_args = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--db=").map(String::from)));
    from_args
        .or(env.filter(|s| !s.is_empty()))
        .map_or_else(|| app_data.join(saksbok_store::paths::DB_FILE), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_path_prefers_argument_then_env_then_app_data() {
        let app = Path::new("/data/saksbok");
        let args = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(db_path_from(&args(&["app", "--db", "/x.db"]), Some("/y.db".into()), app), PathBuf::from("/x.db"));
        assert_eq!(db_path_from(&args(&["app", "--db=/z.db"]), None, app), PathBuf::from("/z.db"));
        assert_eq!(db_path_from(&args(&["app"]), Some("/y.db".into()), app), PathBuf::from("/y.db"));
        assert_eq!(db_path_from(&args(&["app"]), Some(String::new()), app), app.join("saksbok.sqlite3"));
    }
}

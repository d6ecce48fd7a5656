//! Where the database lives when nobody says otherwise.

use std::path::{Path, PathBuf};

/// The app's identifier; the same as `identifier` in tauri.conf.json, so the
/// desktop app and the command line find the same database.
pub const APP_IDENTIFIER: &str = "no.kommune.luster.saksbok";

/// The database file's name inside the app-data directory.
pub const DB_FILE: &str = "saksbok.sqlite3";

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "SAKSBOK_DB";

/// The OS app-data directory: `~/.local/share/no.kommune.luster.saksbok` on
/// Linux, `~/Library/Application Support/…` on macOS, `%APPDATA%\…` on Windows.
pub fn app_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The database path: `SAKSBOK_DB` when set, else the app-data directory.
pub fn default_db_path() -> Option<PathBuf> {
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => app_data_dir().map(|d| d.join(DB_FILE)),
    }
}

/// The folder a file is in: its parent, or the current folder for a bare
/// file name (`saksbok.sqlite3` has the parent "", not ".").
pub fn folder_of(file: &Path) -> &Path {
    file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

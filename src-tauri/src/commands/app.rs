use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::service::{self, AppStatus};

#[tauri::command]
pub async fn app_status(app: AppHandle) -> CommandResult<AppStatus> {
    blocking(app, |s| Ok(service::status(s))).await
}

/// Tries to open the database again, e.g. after the program that locked it closed.
#[tauri::command]
pub async fn reopen_database(app: AppHandle) -> CommandResult<AppStatus> {
    let handle = app.clone();
    let status = blocking(app, |s| {
        s.reopen();
        Ok(service::status(s))
    })
    .await?;
    // A database opened now gets what one opened at start gets: the
    // integrity check, and the backup of the day.
    if status.db_error.is_none() {
        std::thread::spawn(move || crate::after_start(&handle));
    }
    Ok(status)
}

#[tauri::command]
pub async fn load_demo(app: AppHandle) -> CommandResult<()> {
    blocking(app, |s| service::load_demo(s, chrono::Utc::now())).await
}

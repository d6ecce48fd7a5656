//! Thin `#[tauri::command]` functions: parse, call [`crate::service`], map the error.
//!
//! Every command that touches the database or the disk is async and runs its
//! work on a blocking thread ([`blocking`]), so the window never freezes during
//! a large search or import.

pub mod admin;
pub mod agreements;
pub mod app;
pub mod behandling;
pub mod boards;
pub mod cases;
pub mod meetings;
pub mod protocol;
pub mod signing;

use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// Runs `f` with the app state on Tauri's blocking thread pool.
pub(crate) async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppState) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
        .await
        .unwrap_or_else(|e| Err(CommandError::new("internal", format!("Ein intern feil stoppa handlinga: {e}"))))
}

/// Opens `shown` (a path) in the system's app for its type. On failure the
/// reason goes to the log and `why` — what the person is told — comes back.
pub(crate) fn open_in_app(app: &AppHandle, shown: &str, why: impl FnOnce() -> String) -> Option<String> {
    app.opener().open_path(shown, None::<&str>).err().map(|e| {
        eprintln!("saksbok: opening {shown} failed: {e}");
        why()
    })
}

use tauri::State;

use crate::error::CommandResult;
use crate::service::{self, AppStatus};
use crate::state::AppState;
use saksbok_core::model::CaseSummary;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    service::status(&state)
}

/// Tries to open the database again, e.g. after the program that locked it closed.
#[tauri::command]
pub fn reopen_database(state: State<'_, AppState>) -> AppStatus {
    state.reopen();
    service::status(&state)
}

#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> CommandResult<Vec<CaseSummary>> {
    service::load_demo(&state, chrono::Utc::now())
}

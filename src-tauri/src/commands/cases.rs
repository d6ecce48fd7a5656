use saksbok_core::model::CaseSummary;
use tauri::State;

use crate::error::CommandResult;
use crate::service::{self, AgendaItemView};
use crate::state::AppState;

#[tauri::command]
pub fn list_cases(state: State<'_, AppState>) -> CommandResult<Vec<CaseSummary>> {
    service::list_cases(&state)
}

#[tauri::command]
pub fn get_agenda_item(state: State<'_, AppState>, id: i64) -> CommandResult<AgendaItemView> {
    service::agenda_item(&state, id)
}

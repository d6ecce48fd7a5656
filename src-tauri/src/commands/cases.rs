use saksbok_core::case::{CaseInput, FieldError};
use saksbok_core::journal::JournalInput;
use saksbok_core::register::{CaseDetail, CaseFilterOptions, CasePage, CaseQuery, CaseRecord, JournalRecord};
use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::service::{self, AgendaItemView, NewCaseDefaults};

#[tauri::command]
pub async fn list_cases(app: AppHandle, query: CaseQuery) -> CommandResult<CasePage> {
    blocking(app, move |s| service::list_cases(s, &query)).await
}

#[tauri::command]
pub async fn case_filter_options(app: AppHandle) -> CommandResult<CaseFilterOptions> {
    blocking(app, service::case_filter_options).await
}

#[tauri::command]
pub async fn get_case(app: AppHandle, id: i64) -> CommandResult<CaseDetail> {
    blocking(app, move |s| service::case_detail(s, id)).await
}

#[tauri::command]
pub async fn new_case_defaults(app: AppHandle) -> CommandResult<NewCaseDefaults> {
    blocking(app, |s| service::new_case_defaults(s, chrono::Local::now().date_naive())).await
}

#[tauri::command]
pub async fn validate_case(app: AppHandle, input: CaseInput, editing: Option<i64>) -> CommandResult<Vec<FieldError>> {
    blocking(app, move |s| service::validate_case(s, &input, editing)).await
}

#[tauri::command]
pub async fn create_case(app: AppHandle, input: CaseInput) -> CommandResult<CaseRecord> {
    blocking(app, move |s| service::create_case(s, &input, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn update_case(app: AppHandle, id: i64, input: CaseInput) -> CommandResult<CaseRecord> {
    blocking(app, move |s| service::update_case(s, id, &input, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn add_journal_entry(app: AppHandle, case_id: i64, input: JournalInput) -> CommandResult<JournalRecord> {
    blocking(app, move |s| service::add_journal_entry(s, case_id, &input, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn get_agenda_item(app: AppHandle, id: i64) -> CommandResult<AgendaItemView> {
    blocking(app, move |s| service::agenda_item(s, id)).await
}

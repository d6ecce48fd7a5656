//! Agreements (avtalar), follow-up tasks and Fristar.

use chrono::{Local, Utc};
use saksbok_core::agreement::AgreementStatus;
use saksbok_core::agreement::deadlines::Deadlines;
use saksbok_core::agreement::form::AgreementInput;
use saksbok_core::agreement::record::{AgreementDocument, AgreementRecord, AgreementRow, TaskRecord};
use saksbok_core::agreement::task::TaskInput;
use saksbok_core::case::FieldError;
use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::service::agreements::{self as service, CalendarFile, CaseAgreement};

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

#[tauri::command]
pub async fn list_agreements(app: AppHandle) -> CommandResult<Vec<AgreementRow>> {
    blocking(app, |s| service::list_agreements(s, today())).await
}

#[tauri::command]
pub async fn get_agreement(app: AppHandle, id: i64) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::get_agreement(s, id, today())).await
}

#[tauri::command]
pub fn validate_agreement(input: AgreementInput) -> Vec<FieldError> {
    service::validate_agreement(&input)
}

#[tauri::command]
pub async fn create_agreement(app: AppHandle, input: AgreementInput) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::create_agreement(s, &input, Utc::now())).await
}

#[tauri::command]
pub async fn update_agreement(app: AppHandle, id: i64, input: AgreementInput) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::update_agreement(s, id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn set_agreement_status(
    app: AppHandle,
    id: i64,
    status: AgreementStatus,
    on: String,
    note: Option<String>,
) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::set_agreement_status(s, id, status, &on, note.as_deref(), Utc::now())).await
}

#[tauri::command]
pub async fn link_agreement(
    app: AppHandle,
    id: i64,
    case: String,
    item: Option<String>,
) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::link_agreement(s, id, &case, item.as_deref(), Utc::now())).await
}

#[tauri::command]
pub async fn unlink_agreement(app: AppHandle, id: i64, link: i64) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::unlink_agreement(s, id, link, Utc::now())).await
}

#[tauri::command]
pub async fn tasks_from_vedtak(app: AppHandle, id: i64, agenda_item: i64) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::tasks_from_vedtak(s, id, agenda_item, Utc::now())).await
}

#[tauri::command]
pub async fn create_task(app: AppHandle, agreement: Option<i64>, input: TaskInput) -> CommandResult<TaskRecord> {
    blocking(app, move |s| service::create_task(s, agreement, &input, Utc::now())).await
}

#[tauri::command]
pub async fn update_task(app: AppHandle, id: i64, input: TaskInput) -> CommandResult<TaskRecord> {
    blocking(app, move |s| service::update_task(s, id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn deadlines(app: AppHandle, within: u32) -> CommandResult<Deadlines> {
    blocking(app, move |s| service::deadlines(s, today(), within)).await
}

/// Writes the deadlines as an .ics file and opens it in the calendar app
/// (Outlook, Apple Calendar), which offers to import it.
#[tauri::command]
pub async fn open_deadlines_calendar(app: AppHandle, within: u32) -> CommandResult<CalendarFile> {
    let mut file = blocking(app.clone(), move |s| service::write_calendar(s, today(), within, Utc::now())).await?;
    file.open_error = super::open_in_app(&app, &file.path, || {
        "Fann ikkje noko kalenderprogram som kunne opna fila. Importer ho frå mappa.".to_string()
    });
    file.opened = file.open_error.is_none();
    Ok(file)
}

#[tauri::command]
pub async fn agreements_of_case(app: AppHandle, case: i64) -> CommandResult<Vec<CaseAgreement>> {
    blocking(app, move |s| service::agreements_of_case(s, case)).await
}

/// Writes the report Oppfølging av vedtak and opens it in the PDF viewer.
#[tauri::command]
pub async fn open_followup_report(
    app: AppHandle,
    board: i64,
    from: String,
    to: String,
) -> CommandResult<crate::service::OpenedDocument> {
    let path =
        blocking(app.clone(), move |s| service::write_followup(s, board, &from, &to, today(), Utc::now())).await?;
    let shown = crate::service::shown_path(&path);
    let open_error = super::open_in_app(&app, &shown, || {
        "Fann ikkje noko program som kunne opna PDF-en. Opna fila frå mappa.".to_string()
    });
    Ok(crate::service::OpenedDocument { path: shown, opened: open_error.is_none(), open_error })
}

#[tauri::command]
pub async fn agreement_document_choices(app: AppHandle, id: i64) -> CommandResult<Vec<AgreementDocument>> {
    blocking(app, move |s| service::document_choices(s, id)).await
}

#[tauri::command]
pub async fn set_agreement_document(app: AppHandle, id: i64, document: Option<i64>) -> CommandResult<AgreementRecord> {
    blocking(app, move |s| service::set_agreement_document(s, id, document, Utc::now())).await
}

use saksbok_core::case::{CaseInput, FieldError};
use saksbok_core::journal::JournalInput;
use saksbok_core::register::{
    CaseDetail, CaseFilterOptions, CasePage, CaseQuery, CaseRecord, DocumentRecord, JournalRecord,
};
use tauri::AppHandle;

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::service::{self, AgendaItemView, NewCaseDefaults, OpenedDocument};

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
pub async fn update_journal_entry(app: AppHandle, id: i64, input: JournalInput) -> CommandResult<JournalRecord> {
    blocking(app, move |s| service::update_journal_entry(s, id, &input, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn attach_documents(
    app: AppHandle,
    journal_entry_id: i64,
    paths: Vec<std::path::PathBuf>,
) -> CommandResult<Vec<DocumentRecord>> {
    blocking(app, move |s| service::attach_documents(s, journal_entry_id, &paths, chrono::Utc::now())).await
}

/// Attaches one file chosen in the window's file picker. The bytes come as
/// the raw request body (no JSON), the journalpost and the file name as
/// headers: `x-journal-entry` and `x-file-name` (percent-encoded UTF-8).
#[tauri::command]
pub async fn attach_document_bytes(app: AppHandle, request: tauri::ipc::Request<'_>) -> CommandResult<DocumentRecord> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let bad = |what: &str| CommandError::new("invalid", format!("Vedlegget kom utan {what}; prøv igjen."));
    let journal_entry_id: i64 =
        header("x-journal-entry").and_then(|v| v.parse().ok()).ok_or_else(|| bad("journalpost"))?;
    let file_name = header("x-file-name").and_then(|v| percent_decode(&v)).ok_or_else(|| bad("filnamn"))?;
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad("innhald"));
    };
    let bytes = bytes.clone();
    blocking(app, move |s| service::attach_document_bytes(s, journal_entry_id, &file_name, &bytes, chrono::Utc::now()))
        .await
}

/// Decodes `%XX` escapes (as `encodeURIComponent` writes them) into UTF-8.
pub(super) fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next()?, bytes.next()?];
            out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

/// Opens a checked copy of a document in the system's app for its type.
#[tauri::command]
pub async fn open_document(app: AppHandle, id: i64) -> CommandResult<OpenedDocument> {
    let path = blocking(app.clone(), move |s| service::document_copy(s, id)).await?;
    let shown = path.display().to_string();
    let open_error = super::open_in_app(&app, &shown, || {
        "Fann ikkje noko program som kunne opna fila. Opna kopien frå mappa.".to_string()
    });
    Ok(OpenedDocument { path: shown, opened: open_error.is_none(), open_error })
}

#[tauri::command]
pub async fn get_agenda_item(app: AppHandle, id: i64) -> CommandResult<AgendaItemView> {
    blocking(app, move |s| service::agenda_item(s, id)).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_percent_decoded() {
        assert_eq!(super::percent_decode("Brev%20fr%C3%A5%20Gaupne.pdf").as_deref(), Some("Brev frå Gaupne.pdf"));
        assert_eq!(super::percent_decode("plain.txt").as_deref(), Some("plain.txt"));
        assert_eq!(super::percent_decode("bad%2"), None);
        assert_eq!(super::percent_decode("%FF"), None, "not UTF-8");
    }
}

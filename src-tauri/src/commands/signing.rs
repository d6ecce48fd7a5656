//! Digital signatures of an approved møtebok, and checking any PDF against
//! the register. Files come from the window's file pickers as the raw
//! request body (not as JSON arrays of numbers); the rest as headers.

use tauri::AppHandle;
use tauri::ipc::{InvokeBody, Request};

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::service::signing::{self, MeetingSignatures, VerifyReport};

fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).and_then(super::cases::percent_decode)
}

fn meeting_of(request: &Request<'_>) -> CommandResult<i64> {
    header(request, "x-meeting")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| CommandError::new("invalid", "Førespurnaden kom utan møte; prøv igjen."))
}

/// A file sent as the raw request body.
pub(super) fn body(request: &Request<'_>) -> CommandResult<Vec<u8>> {
    match request.body() {
        InvokeBody::Raw(bytes) if !bytes.is_empty() => Ok(bytes.clone()),
        _ => Err(CommandError::new("invalid", "Fila kom tom fram; vel ho på nytt.")),
    }
}

/// The signature lines of the approved møtebok and what is signed on them.
#[tauri::command]
pub async fn get_signatures(app: AppHandle, meeting: i64) -> CommandResult<MeetingSignatures> {
    blocking(app, move |s| signing::get_signatures(s, meeting)).await
}

/// Signs the møtebok with the PKCS#12 file in the body; the password (and
/// the field, if chosen) in percent-encoded headers.
#[tauri::command]
pub async fn sign_meeting(app: AppHandle, request: Request<'_>) -> CommandResult<MeetingSignatures> {
    let meeting = meeting_of(&request)?;
    let p12 = body(&request)?;
    let password = header(&request, "x-password").unwrap_or_default();
    let field = header(&request, "x-field").filter(|f| !f.is_empty());
    blocking(app, move |s| {
        signing::sign_meeting(s, meeting, &p12, &password, field.as_deref(), chrono::Utc::now()).map(|(_, v)| v)
    })
    .await
}

/// Signs the møtebok with a key on a smart card or token (PKCS#11).
#[tauri::command]
pub async fn sign_meeting_token(
    app: AppHandle,
    meeting: i64,
    token: signing::TokenKey,
    field: Option<String>,
) -> CommandResult<MeetingSignatures> {
    blocking(app, move |s| {
        let field = field.filter(|f| !f.is_empty());
        signing::sign_meeting_token(s, meeting, &token, field.as_deref(), chrono::Utc::now()).map(|(_, v)| v)
    })
    .await
}

/// Keeps a copy of the møtebok signed elsewhere (the PDF in the body).
#[tauri::command]
pub async fn import_signed_copy(app: AppHandle, request: Request<'_>) -> CommandResult<MeetingSignatures> {
    let meeting = meeting_of(&request)?;
    let pdf = body(&request)?;
    blocking(app, move |s| signing::import_signed_copy(s, meeting, &pdf, chrono::Utc::now()).map(|(_, v)| v)).await
}

/// Checks the PDF in the body against the register.
#[tauri::command]
pub async fn verify_pdf(app: AppHandle, request: Request<'_>) -> CommandResult<VerifyReport> {
    let pdf = body(&request)?;
    blocking(app, move |s| signing::verify_pdf(s, &pdf)).await
}

/// Checks a PDF dropped on the window (its path) against the register.
#[tauri::command]
pub async fn verify_pdf_file(app: AppHandle, path: std::path::PathBuf) -> CommandResult<VerifyReport> {
    blocking(app, move |s| signing::verify_pdf_file(s, &path)).await
}

/// Opens the newest signed copy (or the approved møtebok) in the PDF viewer.
#[tauri::command]
pub async fn open_signed_copy(app: AppHandle, meeting: i64) -> CommandResult<Option<String>> {
    let path = blocking(app.clone(), move |s| signing::signed_copy_file(s, meeting)).await?;
    let shown = path.display().to_string();
    Ok(super::open_in_app(&app, &shown, || format!("Fann ingen PDF-lesar som kunne opna fila. Ho ligg i {shown}.")))
}

/// The scanned, ink-signed copies attached to the meeting.
#[tauri::command]
pub async fn list_scans(app: AppHandle, meeting: i64) -> CommandResult<Vec<saksbok_core::approval::ScanRecord>> {
    blocking(app, move |s| crate::service::approval::list_scans(s, meeting)).await
}

/// Attaches a scanned copy (the file in the body, its percent-encoded name in x-file-name).
#[tauri::command]
pub async fn attach_scan(
    app: AppHandle,
    request: Request<'_>,
) -> CommandResult<Vec<saksbok_core::approval::ScanRecord>> {
    let meeting = meeting_of(&request)?;
    let bytes = body(&request)?;
    let name = header(&request, "x-file-name").unwrap_or_default();
    blocking(app, move |s| crate::service::approval::attach_scan(s, meeting, &name, &bytes, chrono::Utc::now())).await
}

/// Opens a checked copy of a scan in the system's viewer.
#[tauri::command]
pub async fn open_scan(app: AppHandle, id: i64) -> CommandResult<crate::service::OpenedDocument> {
    let path = blocking(app.clone(), move |s| crate::service::approval::scan_copy(s, id)).await?;
    let shown = path.display().to_string();
    let open_error = super::open_in_app(&app, &shown, || {
        "Fann ikkje noko program som kunne opna fila. Opna kopien frå mappa.".to_string()
    });
    Ok(crate::service::OpenedDocument { path: shown, opened: open_error.is_none(), open_error })
}

/// The meeting's protokolltilførslar.
#[tauri::command]
pub async fn list_addenda(app: AppHandle, meeting: i64) -> CommandResult<Vec<saksbok_core::addendum::AddendumRecord>> {
    blocking(app, move |s| crate::service::approval::list_addenda(s, meeting)).await
}

/// Adds a protokolltilførsel to an approved meeting.
#[tauri::command]
pub async fn add_addendum(
    app: AppHandle,
    meeting: i64,
    input: saksbok_core::addendum::AddendumInput,
) -> CommandResult<Vec<saksbok_core::addendum::AddendumRecord>> {
    blocking(app, move |s| crate::service::approval::add_addendum(s, meeting, &input, chrono::Utc::now())).await
}

/// Writes a protokolltilførsel as PDF and opens it.
#[tauri::command]
pub async fn open_addendum(app: AppHandle, id: i64) -> CommandResult<crate::service::OpenedDocument> {
    let path =
        blocking(app.clone(), move |s| crate::service::approval::print_addendum(s, id, chrono::Utc::now())).await?;
    let shown = crate::service::shown_path(&path);
    let open_error = super::open_in_app(&app, &shown, || {
        "Fann ikkje noko program som kunne opna PDF-en. Opna fila frå mappa.".to_string()
    });
    Ok(crate::service::OpenedDocument { path: shown, opened: open_error.is_none(), open_error })
}

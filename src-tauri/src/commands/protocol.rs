use tauri::AppHandle;

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::service::printing::{PrinterChoice, PrinterList};
use crate::service::{self, MeetingDocument, PrintResult, PublicJournalResult};

/// Renders the saksprotokoll, keeps it and opens its copy in the system PDF
/// viewer, or sends it to the printer chosen. Rendering runs on a blocking
/// thread so the window stays responsive.
#[tauri::command]
pub async fn print_saksprotokoll(
    app: AppHandle,
    id: i64,
    to: Option<PrinterChoice>,
    certify: Option<bool>,
) -> CommandResult<PrintResult> {
    blocking(app.clone(), move |s| {
        let printed = service::print_saksprotokoll(s, id, certify.unwrap_or(false), chrono::Utc::now())?;
        deliver(&app, printed, to.as_ref())
    })
    .await
}

/// Renders a meeting's møteprotokoll, offentleg versjon or innkalling, keeps
/// it and opens its copy or sends it to the printer chosen.
#[tauri::command]
pub async fn print_meeting_document(
    app: AppHandle,
    meeting: i64,
    document: MeetingDocument,
    to: Option<PrinterChoice>,
) -> CommandResult<PrintResult> {
    blocking(app.clone(), move |s| {
        let printed = service::print_meeting_document(s, meeting, document, chrono::Utc::now())?;
        deliver(&app, printed, to.as_ref())
    })
    .await
}

/// A meeting's document as PDF bytes for the preview in the window: sent
/// raw (an ArrayBuffer in the page), not as a JSON array of numbers.
#[tauri::command]
pub async fn preview_meeting_document(
    app: AppHandle,
    meeting: i64,
    document: MeetingDocument,
    layout: Option<saksbok_core::layout::ProtocolLayout>,
) -> CommandResult<tauri::ipc::Response> {
    let rendered = blocking(app, move |s| {
        service::preview_meeting_document(s, meeting, document, layout.as_ref(), chrono::Utc::now())
    })
    .await?;
    Ok(tauri::ipc::Response::new(rendered.pdf))
}

/// The system's printers for the print dialog.
#[tauri::command]
pub async fn list_printers(app: AppHandle) -> CommandResult<PrinterList> {
    blocking(app, service::printing::list_printers).await
}

/// Sends a print's copy to the printer chosen, or opens it in the system PDF
/// viewer, and says how it went.
fn deliver(
    app: &AppHandle,
    (path, rendered): (std::path::PathBuf, saksbok_protocol::Rendered),
    to: Option<&PrinterChoice>,
) -> CommandResult<PrintResult> {
    let shown = path.display().to_string();
    let mut result = PrintResult {
        path: shown.clone(),
        pages: rendered.pages as u32,
        missing_glyphs: rendered.missing_glyphs_text(),
        sha256: rendered.sha256,
        opened: false,
        open_error: None,
        printer: None,
        copies: 0,
    };
    if let Some(choice) = to {
        let title = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        service::printing::send_to_printer(&path, &title, choice)?;
        result.printer = Some(choice.printer.clone());
        result.copies = choice.copies;
        return Ok(result);
    }
    result.open_error = super::open_in_app(app, &shown, || {
        "Fann ingen PDF-lesar som kunne opna fila. Opna ho frå mappa, eller installer ein PDF-lesar.".to_string()
    });
    result.opened = result.open_error.is_none();
    Ok(result)
}

/// Writes the offentleg journal of a period (dates yyyy-mm-dd or dd.mm.yyyy)
/// as PDF or CSV in the app's journal folder and opens it.
#[tauri::command]
pub async fn write_public_journal(
    app: AppHandle,
    from: String,
    to: String,
    csv: bool,
) -> CommandResult<PublicJournalResult> {
    let date = |s: &str| {
        saksbok_core::date::parse_date(s).ok_or_else(|| {
            CommandError::new("invalid", format!("«{s}» er ikkje ein gyldig dato. Skriv til dømes 01.11.2026."))
        })
    };
    let (from, to) = (date(&from)?, date(&to)?);
    let (path, count) = blocking(app.clone(), move |s| {
        let path = service::public_journal_path(s, from, to, csv);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CommandError::new("io", format!("Kan ikkje laga mappa {}: {e}", dir.display())))?;
        }
        let count = service::write_public_journal(s, from, to, &path, chrono::Utc::now())?;
        Ok((path, count))
    })
    .await?;
    let shown = path.display().to_string();
    let open_error = super::open_in_app(&app, &shown, || {
        "Fann ikkje noko program som kunne opna fila. Opna ho frå mappa.".to_string()
    });
    Ok(PublicJournalResult { path: shown, count: count as u32, opened: open_error.is_none(), open_error })
}

use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use super::blocking;
use crate::error::{CommandError, CommandResult};
use crate::service::{self, MeetingDocument, PrintResult, PublicJournalResult};

/// Renders the saksprotokoll, keeps it and opens its copy in the system PDF
/// viewer. Rendering runs on a blocking thread so the window stays responsive.
#[tauri::command]
pub async fn print_saksprotokoll(app: AppHandle, id: i64) -> CommandResult<PrintResult> {
    let printed = blocking(app.clone(), move |s| service::print_saksprotokoll(s, id, chrono::Utc::now())).await?;
    Ok(opened(&app, printed))
}

/// Renders a meeting's møteprotokoll, offentleg versjon or innkalling, keeps
/// it and opens its copy.
#[tauri::command]
pub async fn print_meeting_document(
    app: AppHandle,
    meeting: i64,
    document: MeetingDocument,
) -> CommandResult<PrintResult> {
    let printed =
        blocking(app.clone(), move |s| service::print_meeting_document(s, meeting, document, chrono::Utc::now()))
            .await?;
    Ok(opened(&app, printed))
}

/// Opens a print's copy in the system PDF viewer and says how it went.
fn opened(app: &AppHandle, (path, rendered): (std::path::PathBuf, saksbok_protocol::Rendered)) -> PrintResult {
    let shown = path.display().to_string();
    let open_error = app.opener().open_path(&shown, None::<&str>).err().map(|e| {
        eprintln!("saksbok: opening {shown} failed: {e}");
        "Fann ingen PDF-lesar som kunne opna fila. Opna ho frå mappa, eller installer ein PDF-lesar.".to_string()
    });
    PrintResult {
        path: shown,
        pages: rendered.pages as u32,
        missing_glyphs: rendered.missing_glyphs_text(),
        sha256: rendered.sha256,
        opened: open_error.is_none(),
        open_error,
    }
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
    let open_error = app.opener().open_path(&shown, None::<&str>).err().map(|e| {
        eprintln!("saksbok: opening {shown} failed: {e}");
        "Fann ikkje noko program som kunne opna fila. Opna ho frå mappa.".to_string()
    });
    Ok(PublicJournalResult { path: shown, count: count as u32, opened: open_error.is_none(), open_error })
}

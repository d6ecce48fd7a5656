use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use super::blocking;
use crate::error::CommandResult;
use crate::service::{self, PrintResult};

/// Renders the saksprotokoll, saves it and opens it in the system PDF viewer.
/// Rendering runs on a blocking thread so the window stays responsive.
#[tauri::command]
pub async fn print_saksprotokoll(app: AppHandle, id: i64) -> CommandResult<PrintResult> {
    let (path, rendered) =
        blocking(app.clone(), move |s| service::print_saksprotokoll(s, id, chrono::Utc::now())).await?;
    let shown = path.display().to_string();
    let open_error = app.opener().open_path(&shown, None::<&str>).err().map(|e| {
        eprintln!("saksbok: opening {shown} failed: {e}");
        "Fann ingen PDF-lesar som kunne opna fila. Opna ho frå mappa, eller installer ein PDF-lesar.".to_string()
    });
    Ok(PrintResult {
        path: shown,
        pages: rendered.pages as u32,
        missing_glyphs: rendered.missing_glyphs_text(),
        sha256: rendered.sha256,
        opened: open_error.is_none(),
        open_error,
    })
}

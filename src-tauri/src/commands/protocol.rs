use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::CommandResult;
use crate::service::{self, PrintResult};
use crate::state::AppState;

/// Renders the saksprotokoll, saves it and opens it in the system PDF viewer.
/// Rendering runs on a worker thread so the window stays responsive.
#[tauri::command]
pub async fn print_saksprotokoll(app: AppHandle, state: State<'_, AppState>, id: i64) -> CommandResult<PrintResult> {
    let (path, rendered) = service::print_saksprotokoll(&state, id, chrono::Utc::now())?;
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

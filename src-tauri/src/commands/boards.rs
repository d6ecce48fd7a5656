//! Boards (utval).

use saksbok_core::board::{BoardRecord, BoardSettings, TermMember};
use saksbok_core::layout::ProtocolLayout;
use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::service::boards;

#[tauri::command]
pub async fn list_boards(app: AppHandle) -> CommandResult<Vec<BoardRecord>> {
    blocking(app, boards::list_boards).await
}

#[tauri::command]
pub async fn create_board(app: AppHandle, settings: BoardSettings) -> CommandResult<BoardRecord> {
    blocking(app, move |s| boards::create_board(s, &settings, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn update_board(app: AppHandle, id: i64, settings: BoardSettings) -> CommandResult<BoardRecord> {
    blocking(app, move |s| boards::update_board(s, id, &settings, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn set_board_members(app: AppHandle, id: i64, members: Vec<TermMember>) -> CommandResult<BoardRecord> {
    blocking(app, move |s| boards::set_board_members(s, id, &members, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn get_board_layout(app: AppHandle, board: i64) -> CommandResult<boards::LayoutView> {
    blocking(app, move |s| boards::get_board_layout(s, board)).await
}

#[tauri::command]
pub async fn save_board_layout(
    app: AppHandle,
    board: i64,
    layout: ProtocolLayout,
) -> CommandResult<boards::LayoutView> {
    blocking(app, move |s| boards::save_board_layout(s, board, &layout, chrono::Utc::now())).await
}

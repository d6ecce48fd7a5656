//! Meetings, their sakliste and their roll.

use saksbok_core::meeting::{Draft, MeetingInput, MeetingRecord, MeetingRow, SaklisteEntry, WaitingCase};
use saksbok_core::roll::{Roll, RollInput};
use saksbok_core::sakliste::MeetingStatus;
use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::service::meetings;

#[tauri::command]
pub async fn list_meetings(app: AppHandle) -> CommandResult<Vec<MeetingRow>> {
    blocking(app, meetings::list_meetings).await
}

#[tauri::command]
pub async fn get_meeting(app: AppHandle, id: i64) -> CommandResult<MeetingRecord> {
    blocking(app, move |s| meetings::get_meeting(s, id)).await
}

#[tauri::command]
pub async fn create_meeting(app: AppHandle, input: MeetingInput) -> CommandResult<MeetingRecord> {
    blocking(app, move |s| meetings::create_meeting(s, &input, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn update_meeting(app: AppHandle, id: i64, input: MeetingInput) -> CommandResult<MeetingRecord> {
    blocking(app, move |s| meetings::update_meeting(s, id, &input, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn set_meeting_status(app: AppHandle, id: i64, status: MeetingStatus) -> CommandResult<MeetingRecord> {
    blocking(app, move |s| meetings::set_meeting_status(s, id, status, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn set_sakliste(app: AppHandle, id: i64, items: Vec<SaklisteEntry>) -> CommandResult<MeetingRecord> {
    blocking(app, move |s| meetings::set_sakliste(s, id, &items, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn get_roll(app: AppHandle, id: i64) -> CommandResult<Roll> {
    blocking(app, move |s| meetings::get_roll(s, id)).await
}

#[tauri::command]
pub async fn set_roll(app: AppHandle, id: i64, roll: RollInput) -> CommandResult<Roll> {
    blocking(app, move |s| meetings::set_roll(s, id, &roll, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn save_draft(app: AppHandle, id: i64, key: String, content: String) -> CommandResult<()> {
    blocking(app, move |s| meetings::save_draft(s, id, &key, &content, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn list_drafts(app: AppHandle, id: i64) -> CommandResult<Vec<Draft>> {
    blocking(app, move |s| meetings::list_drafts(s, id)).await
}

#[tauri::command]
pub async fn clear_draft(app: AppHandle, id: i64, key: String) -> CommandResult<()> {
    blocking(app, move |s| meetings::clear_draft(s, id, &key, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn undo_step(app: AppHandle, id: i64) -> CommandResult<String> {
    blocking(app, move |s| meetings::undo_step(s, id, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn send_on(app: AppHandle, item: i64, board: i64) -> CommandResult<WaitingCase> {
    blocking(app, move |s| meetings::send_on(s, item, board, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn waiting_cases(app: AppHandle, board: i64) -> CommandResult<Vec<WaitingCase>> {
    blocking(app, move |s| meetings::waiting_cases(s, board)).await
}

/// The meeting's approval, if its protocol is approved.
#[tauri::command]
pub async fn get_approval(
    app: AppHandle,
    meeting: i64,
) -> CommandResult<Option<saksbok_core::approval::ApprovalRecord>> {
    blocking(app, move |s| crate::service::approval::get_approval(s, meeting)).await
}

/// Approves and locks the meeting's protocol; the approved møtebok is kept.
#[tauri::command]
pub async fn approve_meeting(
    app: AppHandle,
    meeting: i64,
    input: saksbok_core::approval::ApprovalInput,
) -> CommandResult<saksbok_core::approval::ApprovalRecord> {
    blocking(app, move |s| {
        crate::service::approval::approve_meeting(s, meeting, &input, chrono::Utc::now()).map(|(_, record)| record)
    })
    .await
}

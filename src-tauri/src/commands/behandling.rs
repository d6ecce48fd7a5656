//! Behandling: an item's record, the meeting's own business and vedlegg, phrase templates.

use saksbok_core::board::TextLanguage;
use saksbok_core::model::Behandling;
use saksbok_core::record::{Attachment, ItemRecord, ItemRecordView, MeetingAttachmentsView};
use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::service::behandling::{self, PhrasesView};

#[tauri::command]
pub async fn get_item_record(app: AppHandle, id: i64) -> CommandResult<ItemRecordView> {
    blocking(app, move |s| behandling::get_item_record(s, id)).await
}

#[tauri::command]
pub async fn set_item_record(app: AppHandle, id: i64, record: ItemRecord) -> CommandResult<ItemRecordView> {
    blocking(app, move |s| behandling::set_item_record(s, id, &record, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn get_business(app: AppHandle, meeting: i64) -> CommandResult<Behandling> {
    blocking(app, move |s| behandling::get_business(s, meeting)).await
}

#[tauri::command]
pub async fn set_business(app: AppHandle, meeting: i64, business: Behandling) -> CommandResult<Behandling> {
    blocking(app, move |s| behandling::set_business(s, meeting, &business, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn get_meeting_attachments(app: AppHandle, meeting: i64) -> CommandResult<MeetingAttachmentsView> {
    blocking(app, move |s| behandling::get_meeting_attachments(s, meeting)).await
}

#[tauri::command]
pub async fn set_meeting_attachments(
    app: AppHandle,
    meeting: i64,
    attachments: Vec<Attachment>,
) -> CommandResult<MeetingAttachmentsView> {
    blocking(app, move |s| behandling::set_meeting_attachments(s, meeting, &attachments, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn get_phrases(app: AppHandle, board: Option<i64>, language: TextLanguage) -> CommandResult<PhrasesView> {
    blocking(app, move |s| behandling::get_phrases(s, board, language)).await
}

#[tauri::command]
pub async fn set_phrases(
    app: AppHandle,
    board: Option<i64>,
    language: TextLanguage,
    own: Vec<(String, String)>,
) -> CommandResult<PhrasesView> {
    blocking(app, move |s| behandling::set_phrases(s, board, language, &own, chrono::Utc::now())).await
}

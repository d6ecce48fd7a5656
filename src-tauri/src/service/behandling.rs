//! Behandling from the window: an item's record, the meeting's own business and vedlegg,
//! and the phrase templates the text is written with.

use chrono::{DateTime, Utc};
use saksbok_core::behandling::Phrases;
use saksbok_core::board::TextLanguage;
use saksbok_core::model::Behandling;
use saksbok_core::record::{Attachment, ItemRecord, ItemRecordView, MeetingAttachmentsView};
use saksbok_store::{behandling, drafts};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{with_store, write_as};
use crate::error::CommandResult;
use crate::state::AppState;

/// The phrases of one language for every board (`board` null) or one board:
/// the built-in ones and the clerk's own wording of some of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhrasesView {
    #[ts(type = "number | null")]
    pub board: Option<i64>,
    pub language: TextLanguage,
    pub builtin: Phrases,
    /// key → the clerk's text, only where it differs from the built-in one.
    pub own: Vec<(String, String)>,
}

pub fn get_item_record(state: &AppState, id: i64) -> CommandResult<ItemRecordView> {
    with_store(state, |s| Ok(s.read(|tx| behandling::get_item(tx, id))?))
}

pub fn set_item_record(
    state: &AppState,
    id: i64,
    record: &ItemRecord,
    now: DateTime<Utc>,
) -> CommandResult<ItemRecordView> {
    write_as(state, now, |tx, who| {
        let saved = behandling::set_item(tx, who, id, record)?;
        // Committed: the draft of this step goes in the same transaction.
        drafts::clear(tx, saved.meeting_id, &format!("item:{id}"))?;
        Ok(saved)
    })
}

pub fn get_business(state: &AppState, meeting: i64) -> CommandResult<Behandling> {
    with_store(state, |s| Ok(s.read(|tx| behandling::get_business(tx, meeting))?))
}

pub fn set_business(
    state: &AppState,
    meeting: i64,
    business: &Behandling,
    now: DateTime<Utc>,
) -> CommandResult<Behandling> {
    write_as(state, now, |tx, who| {
        let saved = behandling::set_business(tx, who, meeting, business)?;
        // The business is saved whole: the drafts of every place in the meeting go.
        drafts::clear_all(tx, meeting, "business")?;
        Ok(saved)
    })
}

pub fn get_meeting_attachments(state: &AppState, meeting: i64) -> CommandResult<MeetingAttachmentsView> {
    with_store(state, |s| Ok(s.read(|tx| behandling::meeting_attachments(tx, meeting))?))
}

pub fn set_meeting_attachments(
    state: &AppState,
    meeting: i64,
    attachments: &[Attachment],
    now: DateTime<Utc>,
) -> CommandResult<MeetingAttachmentsView> {
    write_as(state, now, |tx, who| behandling::set_meeting_attachments(tx, who, meeting, attachments))
}

pub fn get_phrases(state: &AppState, board: Option<i64>, language: TextLanguage) -> CommandResult<PhrasesView> {
    let own = with_store(state, |s| Ok(s.read(|tx| behandling::own_phrases(tx, board, language))?))?;
    Ok(PhrasesView { board, language, builtin: Phrases::of(language), own })
}

pub fn set_phrases(
    state: &AppState,
    board: Option<i64>,
    language: TextLanguage,
    own: &[(String, String)],
    now: DateTime<Utc>,
) -> CommandResult<PhrasesView> {
    let own = write_as(state, now, |tx, who| behandling::set_phrases(tx, who, board, language, own))?;
    Ok(PhrasesView { board, language, builtin: Phrases::of(language), own })
}

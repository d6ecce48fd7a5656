//! Meetings from the window: list, plan, change, hold, the sakliste and the roll.

use chrono::{DateTime, Utc};
use saksbok_core::meeting::{Draft, MeetingInput, MeetingRecord, MeetingRow, SaklisteEntry, WaitingCase};
use saksbok_core::roll::{Roll, RollInput};
use saksbok_core::sakliste::MeetingStatus;
use saksbok_store::{attendance, drafts, meetings, saksgang, undo};

use super::{with_store, write_as};
use crate::error::CommandResult;
use crate::state::AppState;

pub fn list_meetings(state: &AppState) -> CommandResult<Vec<MeetingRow>> {
    with_store(state, |s| Ok(s.read(|tx| meetings::list(tx))?))
}

pub fn get_meeting(state: &AppState, id: i64) -> CommandResult<MeetingRecord> {
    with_store(state, |s| Ok(s.read(|tx| meetings::get(tx, id))?))
}

pub fn create_meeting(state: &AppState, input: &MeetingInput, now: DateTime<Utc>) -> CommandResult<MeetingRecord> {
    write_as(state, now, |tx, who| meetings::create(tx, who, input))
}

pub fn update_meeting(
    state: &AppState,
    id: i64,
    input: &MeetingInput,
    now: DateTime<Utc>,
) -> CommandResult<MeetingRecord> {
    write_as(state, now, |tx, who| meetings::update(tx, who, id, input))
}

pub fn set_meeting_status(
    state: &AppState,
    id: i64,
    status: MeetingStatus,
    now: DateTime<Utc>,
) -> CommandResult<MeetingRecord> {
    write_as(state, now, |tx, who| meetings::set_status(tx, who, id, status))
}

pub fn set_sakliste(
    state: &AppState,
    id: i64,
    items: &[SaklisteEntry],
    now: DateTime<Utc>,
) -> CommandResult<MeetingRecord> {
    write_as(state, now, |tx, who| meetings::set_sakliste(tx, who, id, items))
}

pub fn get_roll(state: &AppState, id: i64) -> CommandResult<Roll> {
    with_store(state, |s| Ok(s.read(|tx| attendance::get(tx, id))?))
}

pub fn set_roll(state: &AppState, id: i64, roll: &RollInput, now: DateTime<Utc>) -> CommandResult<Roll> {
    write_as(state, now, |tx, who| {
        let saved = attendance::set(tx, who, id, roll)?;
        drafts::clear(tx, id, "roll")?;
        Ok(saved)
    })
}

/// Keeps what is being typed in meeting mode (`key`: "roll", "business", "item:<id>").
pub fn save_draft(state: &AppState, id: i64, key: &str, content: &str, now: DateTime<Utc>) -> CommandResult<()> {
    write_as(state, now, |tx, who| drafts::save(tx, who, id, key, content))
}

pub fn list_drafts(state: &AppState, id: i64) -> CommandResult<Vec<Draft>> {
    with_store(state, |s| Ok(s.read(|tx| drafts::list(tx, id))?))
}

pub fn clear_draft(state: &AppState, id: i64, key: &str, now: DateTime<Utc>) -> CommandResult<()> {
    write_as(state, now, |tx, _| drafts::clear(tx, id, key))
}

/// Puts the meeting's last step back as it was; says what was undone.
pub fn undo_step(state: &AppState, id: i64, now: DateTime<Utc>) -> CommandResult<String> {
    write_as(state, now, |tx, who| undo::undo_last(tx, who, id))
}

/// Sends an item's case on to another board, with its vedtak as the new tilråding.
pub fn send_on(state: &AppState, item: i64, board: i64, now: DateTime<Utc>) -> CommandResult<WaitingCase> {
    write_as(state, now, |tx, who| saksgang::send_on(tx, who, item, board))
}

pub fn waiting_cases(state: &AppState, board: i64) -> CommandResult<Vec<WaitingCase>> {
    with_store(state, |s| Ok(s.read(|tx| saksgang::waiting(tx, board))?))
}

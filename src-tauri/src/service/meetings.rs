//! Meetings from the window: list, plan, change, hold, the sakliste and the roll.

use chrono::{DateTime, Utc};
use saksbok_core::meeting::{MeetingInput, MeetingRecord, MeetingRow, SaklisteEntry};
use saksbok_core::roll::{Roll, RollInput};
use saksbok_core::sakliste::MeetingStatus;
use saksbok_store::{attendance, meetings};

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
    write_as(state, now, |tx, who| attendance::set(tx, who, id, roll))
}

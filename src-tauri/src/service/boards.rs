//! Boards (utval) from the window: list, set up, change, and members per term.

use chrono::{DateTime, Utc};
use saksbok_core::board::{BoardRecord, BoardSettings, TermMember};
use saksbok_store::boards;

use super::{with_store, write_as};
use crate::error::CommandResult;
use crate::state::AppState;

pub fn list_boards(state: &AppState) -> CommandResult<Vec<BoardRecord>> {
    with_store(state, |s| Ok(s.read(|tx| boards::list(tx))?))
}

pub fn create_board(state: &AppState, settings: &BoardSettings, now: DateTime<Utc>) -> CommandResult<BoardRecord> {
    write_as(state, now, |tx, who| boards::create(tx, who, settings))
}

pub fn update_board(
    state: &AppState,
    id: i64,
    settings: &BoardSettings,
    now: DateTime<Utc>,
) -> CommandResult<BoardRecord> {
    write_as(state, now, |tx, who| boards::update(tx, who, id, settings))
}

pub fn set_board_members(
    state: &AppState,
    id: i64,
    members: &[TermMember],
    now: DateTime<Utc>,
) -> CommandResult<BoardRecord> {
    write_as(state, now, |tx, who| boards::set_members(tx, who, id, members))
}

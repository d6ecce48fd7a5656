//! Boards (utval) from the window: list, set up, change, and members per term.

use chrono::{DateTime, Utc};
use saksbok_core::board::{BoardRecord, BoardSettings, TermMember};
use saksbok_core::layout::ProtocolLayout;
use saksbok_store::boards;
use serde::Serialize;
use ts_rs::TS;

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

/// A board's protocol layout as the layout editor shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LayoutView {
    pub layout: ProtocolLayout,
    /// The reference protocol's layout, for "Tilbake til standard".
    pub default: ProtocolLayout,
    /// The board's newest meeting with a sakliste, which the preview shows.
    #[ts(type = "number | null")]
    pub preview_meeting: Option<i64>,
    /// That meeting's date, dd.mm.yyyy.
    pub preview_date: Option<String>,
}

fn layout_view(s: &saksbok_store::Store, board: i64, layout: ProtocolLayout) -> CommandResult<LayoutView> {
    let latest = saksbok_store::meetings::latest_with_items(s.conn(), board)?;
    Ok(LayoutView {
        layout,
        default: ProtocolLayout::default(),
        preview_meeting: latest.map(|(id, _)| id),
        preview_date: latest.map(|(_, d)| saksbok_core::date::format_date(d)),
    })
}

pub fn get_board_layout(state: &AppState, board: i64) -> CommandResult<LayoutView> {
    with_store(state, |s| {
        let layout = s.read(|tx| boards::layout(tx, board))?;
        layout_view(s, board, layout)
    })
}

pub fn save_board_layout(
    state: &AppState,
    board: i64,
    layout: &ProtocolLayout,
    now: DateTime<Utc>,
) -> CommandResult<LayoutView> {
    let saved = write_as(state, now, |tx, who| boards::set_layout(tx, who, board, layout))?;
    with_store(state, |s| layout_view(s, board, saved))
}

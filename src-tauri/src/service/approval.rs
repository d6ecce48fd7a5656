//! Approving a meeting's protocol from the window: checked, the approved
//! møtebok rendered with the chosen signatories and kept, the meeting locked
//! (saksbok-store's `approval`); from then on every copy of the møtebok is
//! made from the approved bytes.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use saksbok_core::approval::{ApprovalInput, ApprovalRecord};
use saksbok_store::{Actor, StoreError, approval, protocols};

use super::with_store;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The meeting's approval, if its protocol is approved.
pub fn get_approval(state: &AppState, meeting: i64) -> CommandResult<Option<ApprovalRecord>> {
    with_store(state, |s| Ok(s.read(|tx| approval::get(tx, meeting))?))
}

/// Approves the meeting's protocol: the møtebok with the chosen signatories
/// is written to a new file, kept with its bytes, and the meeting locked, or
/// nothing happens and the reason is given.
pub fn approve_meeting(
    state: &AppState,
    meeting: i64,
    input: &ApprovalInput,
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, ApprovalRecord)> {
    let fields = input.validate().map_err(|e| CommandError::from(StoreError::InvalidFields(e)))?;
    with_store(state, |s| {
        // Everything that would stop it, before a file is written.
        s.read(|tx| approval::check(tx, meeting, &fields))?;
        let record = s.read(|tx| saksbok_store::meetings::get(tx, meeting))?;
        let minutes = s.read(|tx| approval::approved_minutes(tx, meeting, &fields))?;
        let rendered = saksbok_protocol::render_minutes(&minutes, now);
        let what = protocols::Printed::Meeting(meeting);
        let name =
            |v| protocols::meeting_file_name(what, &record.board, record.date, v).replace(".pdf", "-godkjend.pdf");
        let path = super::new_print_file(state, s, what, &name, &rendered.pdf)?;
        let user = state.user();
        let who = Actor { name: &user, now };
        let approved =
            s.write(|tx| approval::approve(tx, &who, meeting, &fields, &path.to_string_lossy(), &rendered.pdf))?;
        Ok((path, approved))
    })
}

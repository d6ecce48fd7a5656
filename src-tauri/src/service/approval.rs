//! Approving a meeting's protocol from the window: checked, the approved
//! møtebok rendered with the chosen signatories and kept, the meeting locked
//! (saksbok-store's `approval`); from then on every copy of the møtebok is
//! made from the approved bytes.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use saksbok_core::addendum::{AddendumInput, AddendumRecord};
use saksbok_core::approval::{ApprovalInput, ApprovalRecord, ScanRecord};
use saksbok_store::{Actor, StoreError, addenda, approval, protocols, scans};

use super::{shown_path, with_store, write_as};
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
        // Each sak's saksprotokoll, filed in its arkivsak with the approval.
        let filed: Vec<approval::FiledProtocol> = s
            .read(|tx| approval::protocols_to_file(tx, meeting, &fields))?
            .into_iter()
            .map(|(id, p)| approval::FiledProtocol::new(id, &p, saksbok_protocol::render_saksprotokoll(&p, now).pdf))
            .collect();
        let user = state.user();
        let who = Actor { name: &user, now };
        let approved = s.write(|tx| {
            approval::approve(tx, &who, meeting, &fields, &path.to_string_lossy(), &rendered.pdf, &filed)
        })?;
        Ok((path, approved))
    })
}

/// The scanned, ink-signed copies attached to the meeting.
pub fn list_scans(state: &AppState, meeting: i64) -> CommandResult<Vec<ScanRecord>> {
    with_store(state, |s| Ok(scans::list(s.conn(), meeting)?))
}

/// Attaches a scanned, ink-signed copy of the approved møtebok.
pub fn attach_scan(
    state: &AppState,
    meeting: i64,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> CommandResult<Vec<ScanRecord>> {
    write_as(state, now, |tx, who| scans::attach(tx, who, meeting, file_name, bytes))?;
    list_scans(state, meeting)
}

/// Writes a checked copy of a scan to open (the stored bytes are never
/// handed out for editing) and returns its path.
pub fn scan_copy(state: &AppState, id: i64) -> CommandResult<PathBuf> {
    let (scan, bytes) = with_store(state, |s| Ok(scans::read(s.conn(), id)?))?;
    let folder = format!("skanna-{}", scan.id);
    super::write_copy(state, &folder, &scan.file_name, &folder, &bytes)
}

/// The meeting's protokolltilførslar in order.
pub fn list_addenda(state: &AppState, meeting: i64) -> CommandResult<Vec<AddendumRecord>> {
    with_store(state, |s| Ok(addenda::list(s.conn(), meeting)?))
}

/// Adds a protokolltilførsel to the approved meeting; the list after.
pub fn add_addendum(
    state: &AppState,
    meeting: i64,
    input: &AddendumInput,
    now: DateTime<Utc>,
) -> CommandResult<Vec<AddendumRecord>> {
    let fields = input.validate().map_err(super::invalid)?;
    write_as(state, now, |tx, who| addenda::add(tx, who, meeting, &fields))?;
    list_addenda(state, meeting)
}

/// Writes a protokolltilførsel as PDF to a new file beside the protocols.
pub fn print_addendum(state: &AppState, id: i64, now: DateTime<Utc>) -> CommandResult<PathBuf> {
    let (_, addendum) = with_store(state, |s| Ok(addenda::printable(s.conn(), id)?))?;
    let rendered = saksbok_protocol::render_tilforsel(&addendum, now);
    let (board, date, n) = (saksbok_core::text::slug(&addendum.board), addendum.meeting_date, addendum.record.number);
    let path = super::free_file(state, &|v| format!("protokolltilforsel-{n}-{board}-{date}-v{v}.pdf"), 1)?;
    saksbok_protocol::save_atomically(&path, &rendered.pdf)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje skriva {}: {e}", shown_path(&path))))?;
    Ok(path)
}

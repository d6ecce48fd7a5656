//! The demo data: the reference case 54/21 as records.

use rusqlite::Transaction;
use saksbok_core::demo::DemoData;

use crate::Result;
use crate::audit::Actor;

/// What [`load_demo`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded,
    AlreadyThere,
}

/// Loads the demo data unless its arkivsak is already there; running it
/// twice changes nothing.
pub fn load_demo(tx: &Transaction<'_>, who: &Actor<'_>, demo: &DemoData) -> Result<DemoOutcome> {
    for c in &demo.cases {
        if crate::cases::id_of(tx, c.number)?.is_some() {
            return Ok(DemoOutcome::AlreadyThere);
        }
    }
    for c in &demo.cases {
        crate::cases::insert_draft(tx, who, c)?;
    }
    crate::agenda::insert_meeting(tx, who, &demo.meeting)?;
    load_agreement(tx, who, demo)?;
    Ok(DemoOutcome::Loaded)
}

/// The SyS-IKT agreement: stored, moved to its status from the date of the
/// vedtak, linked to the case and the vedtak, and one follow-up task per
/// vedtak paragraph.
fn load_agreement(tx: &Transaction<'_>, who: &Actor<'_>, demo: &DemoData) -> Result<()> {
    use saksbok_core::agreement::AgreementStatus;
    let a = &demo.agreement;
    let fields = a.input.validate().map_err(crate::StoreError::InvalidFields)?;
    // Its history starts on the day of the vedtak, not on the day the demo is loaded.
    let on = demo.meeting.info.date;
    let id = crate::agreements::create(tx, who, &fields, on)?;
    let mut status = AgreementStatus::Utkast;
    while status != a.status {
        let next = AgreementStatus::ALL.into_iter().find(|n| status.may_become(*n).is_ok() && *n > status);
        let Some(next) = next else { break };
        let note = (next == a.status).then_some(a.status_note.as_str());
        crate::agreements::set_status(tx, who, id, next, on, note)?;
        status = next;
    }
    crate::agreements::link(tx, who, id, a.case, Some((a.item, Some(&demo.meeting.info.board))))?;
    let item = crate::agenda::find_agenda_item(tx, a.item, Some(&demo.meeting.info.board))?;
    crate::tasks::from_vedtak(tx, who, item, Some(id))?;
    Ok(())
}

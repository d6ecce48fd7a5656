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
    Ok(DemoOutcome::Loaded)
}

//! Undo in meeting mode: the last step committed for a meeting (its roll,
//! an item's behandling, the meeting's own business) is put back as it was
//! before, from the history. The undo is a step of its own in the history;
//! undoing again goes one step further back.

use rusqlite::Connection;
use saksbok_core::model::Behandling;
use saksbok_core::record::ItemRecord;
use saksbok_core::roll::RollInput;

use crate::audit::Actor;
use crate::{Result, StoreError};

/// A step that can be undone.
struct Step {
    entity: String,
    entity_id: i64,
    before: String,
}

/// The last step of a meeting not already undone.
fn last_step(conn: &Connection, meeting: i64) -> Result<Option<Step>> {
    let mut stmt = conn.prepare(
        "SELECT action, entity, entity_id, before FROM audit_log
         WHERE action IN ('update', 'undo')
           AND ((entity IN ('roll', 'business') AND entity_id = ?1)
             OR (entity = 'agenda_item' AND entity_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?1)))
         ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([meeting])?;
    // Each undo cancels the nearest step before it that is not cancelled yet.
    let mut pending = 0u32;
    while let Some(r) = rows.next()? {
        let action: String = r.get(0)?;
        if action == "undo" {
            pending += 1;
        } else if pending > 0 {
            pending -= 1;
        } else {
            let before: Option<String> = r.get(3)?;
            let Some(before) = before else { return Ok(None) };
            return Ok(Some(Step { entity: r.get(1)?, entity_id: r.get(2)?, before }));
        }
    }
    Ok(None)
}

fn bad(e: serde_json::Error) -> StoreError {
    StoreError::Invalid(format!("Steget kan ikkje angrast: historikken kan ikkje lesast ({e})."))
}

/// A snapshot from the history: the items its positions referred to, and the value.
fn snapshot<T: serde::de::DeserializeOwned>(json: &str, field: &str) -> Result<(Vec<i64>, T)> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(bad)?;
    let items: Vec<i64> = serde_json::from_value(v["items"].clone()).map_err(bad)?;
    let value: T = serde_json::from_value(v[field].clone()).map_err(bad)?;
    Ok((items, value))
}

/// Moves positions in a snapshot from the sakliste as it was to the one
/// there is now (items may have been added or moved since).
struct Remap {
    old: Vec<i64>,
    now: Vec<i64>,
}

impl Remap {
    fn at(&self, p: Option<u32>) -> Result<Option<u32>> {
        let Some(p) = p else { return Ok(None) };
        let id = self.old.get(p as usize).copied();
        match id.and_then(|id| self.now.iter().position(|x| *x == id)) {
            Some(q) => Ok(Some(q as u32)),
            None => Err(StoreError::Invalid(format!(
                "Steget kan ikkje angrast: sak nummer {} i lista då er teken av saklista sidan.",
                p + 1
            ))),
        }
    }

    fn one(&self, p: u32) -> Result<u32> {
        Ok(self.at(Some(p))?.unwrap_or(p))
    }
}

fn remap_roll(r: &mut RollInput, m: &Remap) -> Result<()> {
    for a in &mut r.attendance.attendees {
        a.from_item = m.at(a.from_item)?;
        a.to_item = m.at(a.to_item)?;
        a.away_items = a.away_items.iter().map(|p| m.one(*p)).collect::<Result<_>>()?;
    }
    for d in &mut r.attendance.disqualified {
        d.item = m.one(d.item)?;
    }
    r.signatories_item = m.at(r.signatories_item)?;
    Ok(())
}

fn remap_business(b: &mut Behandling, m: &Remap) -> Result<()> {
    for block in &mut b.blocks {
        block.before_item = m.at(block.before_item)?;
    }
    for p in &mut b.proposals {
        p.concerns_item = m.at(p.concerns_item)?;
    }
    Ok(())
}

/// Puts the last step of a meeting back as it was; says what was undone.
pub fn undo_last(tx: &rusqlite::Transaction<'_>, who: &Actor<'_>, meeting: i64) -> Result<String> {
    let step = last_step(tx, meeting)?
        .ok_or_else(|| StoreError::Invalid("Det er ingen steg å angre i dette møtet.".into()))?;
    let now = crate::behandling::item_ids(tx, meeting)?;
    match step.entity.as_str() {
        "roll" => {
            let (old, mut before): (Vec<i64>, RollInput) = snapshot(&step.before, "roll")?;
            remap_roll(&mut before, &Remap { old, now })?;
            crate::attendance::set_as(tx, who, meeting, &before, "undo")?;
            Ok("Oppmøtet er sett tilbake.".into())
        }
        "business" => {
            let (old, mut before): (Vec<i64>, Behandling) = snapshot(&step.before, "business")?;
            remap_business(&mut before, &Remap { old, now })?;
            crate::behandling::set_business_as(tx, who, meeting, &before, "undo")?;
            Ok("Sakene utanom saklista er sette tilbake.".into())
        }
        _ => {
            let before: ItemRecord = serde_json::from_str(&step.before).map_err(bad)?;
            let view = crate::behandling::set_item_as(tx, who, step.entity_id, &before, "undo")?;
            Ok(format!("Behandlinga av sak {} er sett tilbake.", view.number_text))
        }
    }
}

//! Protokolltilførslar (migration 0015): corrections and additions to an
//! approved møtebok, each a record of its own numbered per meeting, never
//! changed or deleted, printed as an addendum.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::AgendaNumber;
use saksbok_core::addendum::{Addendum, AddendumFields, AddendumRecord};
use serde_json::json;

use crate::audit::{self, Actor};
use crate::sql::parse_date;
use crate::{Result, StoreError};

const COLUMNS: &str = "p.id, p.number, p.agenda_item_id, a.year, a.seq, a.title, p.text, p.decided_on, p.basis, \
                       p.created_at, p.created_by";
const FROM: &str = "FROM protocol_addenda p LEFT JOIN agenda_items a ON a.id = p.agenda_item_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<AddendumRecord> {
    let number = match (r.get::<_, Option<i32>>(3)?, r.get::<_, Option<u32>>(4)?) {
        (Some(year), Some(seq)) => Some(AgendaNumber { year, seq }.to_string()),
        _ => None,
    };
    Ok(AddendumRecord {
        id: r.get(0)?,
        number: r.get(1)?,
        agenda_item: r.get(2)?,
        agenda_number: number,
        item_title: r.get(5)?,
        text: r.get(6)?,
        decided_on: r.get(7)?,
        basis: r.get(8)?,
        created_at: r.get(9)?,
        created_by: r.get(10)?,
    })
}

/// Adds a protokolltilførsel to an approved meeting; the sak it concerns,
/// if any, must be one of the meeting's.
pub fn add(tx: &Transaction<'_>, who: &Actor<'_>, meeting: i64, f: &AddendumFields) -> Result<AddendumRecord> {
    let approval = crate::approval::get(tx, meeting)?.ok_or_else(|| {
        StoreError::Invalid(
            "Protokollen er ikkje godkjend: før endringa i møtet. Ein protokolltilførsel er for rettingar etter godkjenninga."
                .into(),
        )
    })?;
    if f.decided_on < approval.approved_on {
        return Err(StoreError::Invalid(format!(
            "Ein protokolltilførsel vert vedteken etter godkjenninga ({}), ikkje før.",
            saksbok_core::date::format_date(approval.approved_on)
        )));
    }
    if let Some(item) = f.agenda_item {
        let of: Option<i64> =
            tx.query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [item], |r| r.get(0)).optional()?;
        if of != Some(meeting) {
            return Err(StoreError::Invalid("Saka tilførselen gjeld, er ikkje ei sak i dette møtet.".into()));
        }
    }
    let number: u32 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM protocol_addenda WHERE meeting_id = ?1",
        [meeting],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO protocol_addenda (meeting_id, number, agenda_item_id, text, decided_on, basis, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![meeting, number, f.agenda_item, f.text, f.decided_on.to_string(), f.basis, who.timestamp(), who.name],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({ "addendum": id, "number": number, "agenda_item": f.agenda_item, "text": f.text,
                        "decided_on": f.decided_on.to_string(), "basis": f.basis });
    audit::record(tx, who, "addendum", "meeting", meeting, None, Some(&after.to_string()))?;
    get(tx, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<AddendumRecord> {
    conn.query_row(&format!("SELECT {COLUMNS} {FROM} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("protokolltilførsel med id {id}")))
}

/// The meeting's protokolltilførslar in order.
pub fn list(conn: &Connection, meeting: i64) -> Result<Vec<AddendumRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE p.meeting_id = ?1 ORDER BY p.number"))?;
    Ok(stmt.query_map([meeting], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// A protokolltilførsel as it prints, with its meeting.
pub fn printable(conn: &Connection, id: i64) -> Result<(i64, Addendum)> {
    let record = get(conn, id)?;
    let meeting: i64 = conn.query_row("SELECT meeting_id FROM protocol_addenda WHERE id = ?1", [id], |r| r.get(0))?;
    let m = crate::meetings::get(conn, meeting)?;
    let tpl = crate::protocols::protocol_template(conn)?;
    Ok((
        meeting,
        Addendum {
            municipality: tpl.municipality,
            logo: tpl.logo,
            board: m.board.clone(),
            meeting_date: m.date,
            decided_on: parse_date(&record.decided_on)?,
            record,
        },
    ))
}

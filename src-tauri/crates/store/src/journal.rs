//! Journalpostar: registered in a case, numbered 21/1069-1, -2, … in the
//! order they are registered, never deleted.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::journal::{JournalFields, JournalKind, JournalStatus};
use saksbok_core::register::JournalRecord;
use saksbok_core::{CaseNumber, JournalNumber};
use serde_json::json;

use crate::audit::{self, Actor};
use crate::sql::{bad_value, new_uuid, parse_date};
use crate::{Result, StoreError};

const COLUMNS: &str = "j.id, j.uuid, c.year, c.seq, j.doc_seq, j.kind, j.journal_date, j.correspondent, j.title, \
                       j.public_title, j.status, j.screening_basis";

fn from_row(r: &Row<'_>) -> rusqlite::Result<JournalRecord> {
    let kind: String = r.get(5)?;
    let status: String = r.get(10)?;
    Ok(JournalRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        number: JournalNumber { case: CaseNumber { year: r.get(2)?, seq: r.get(3)? }, doc: r.get(4)? },
        kind: JournalKind::parse(&kind).ok_or_else(|| bad_value("journalposttype", &kind))?,
        date: parse_date(&r.get::<_, String>(6)?)?,
        correspondent: r.get(7)?,
        title: r.get(8)?,
        public_title: r.get(9)?,
        status: JournalStatus::parse(&status).ok_or_else(|| bad_value("journalstatus", &status))?,
        screening_basis: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<JournalRecord> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM journal_entries j JOIN cases c ON c.id = j.case_id WHERE j.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("journalpost med id {id}")))
}

/// The journalpostar of a case in number order.
pub fn for_case(conn: &Connection, case_id: i64) -> Result<Vec<JournalRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM journal_entries j JOIN cases c ON c.id = j.case_id
         WHERE j.case_id = ?1 ORDER BY j.doc_seq"
    ))?;
    Ok(stmt.query_map([case_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn audit_json(j: &JournalRecord) -> String {
    json!({
        "uuid": j.uuid,
        "number": j.number.to_string(),
        "kind": j.kind.as_str(),
        "date": j.date.to_string(),
        "correspondent": j.correspondent,
        "title": j.title,
        "public_title": j.public_title,
        "status": j.status.as_str(),
        "screening_basis": j.screening_basis,
    })
    .to_string()
}

/// Registers a journalpost in a case with the case's next document number.
pub fn create(tx: &Transaction<'_>, who: &Actor<'_>, case_id: i64, f: &JournalFields) -> Result<JournalRecord> {
    crate::cases::get(tx, case_id)?;
    let next: u32 =
        tx.query_row("SELECT coalesce(max(doc_seq), 0) + 1 FROM journal_entries WHERE case_id = ?1", [case_id], |r| {
            r.get(0)
        })?;
    let ts = who.timestamp();
    tx.execute(
        "INSERT INTO journal_entries (uuid, case_id, doc_seq, kind, journal_date, correspondent, title, public_title,
                                      status, screening_basis, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            new_uuid(),
            case_id,
            next,
            f.kind.as_str(),
            f.date.to_string(),
            f.correspondent,
            f.title,
            f.public_title,
            f.status.as_str(),
            f.screening_basis,
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    let record = get(tx, id)?;
    audit::record(tx, who, "create", "journal_entry", id, None, Some(&audit_json(&record)))?;
    crate::search::reindex_case(tx, case_id)?;
    Ok(record)
}

/// Changes a journalpost's fields (its status as it moves from registered to
/// journalført, a corrected title or skjerming). Its number never changes; an
/// edit that changes nothing writes nothing, not even to the history.
pub fn update(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, f: &JournalFields) -> Result<JournalRecord> {
    let before = get(tx, id)?;
    let after = JournalRecord {
        kind: f.kind,
        date: f.date,
        correspondent: f.correspondent.clone(),
        title: f.title.clone(),
        public_title: f.public_title.clone(),
        status: f.status,
        screening_basis: f.screening_basis.clone(),
        ..before.clone()
    };
    if audit_json(&after) == audit_json(&before) {
        return Ok(before);
    }
    tx.execute(
        "UPDATE journal_entries SET kind = ?2, journal_date = ?3, correspondent = ?4, title = ?5, public_title = ?6,
                                    status = ?7, screening_basis = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            after.kind.as_str(),
            after.date.to_string(),
            after.correspondent,
            after.title,
            after.public_title,
            after.status.as_str(),
            after.screening_basis,
            who.timestamp(),
        ],
    )?;
    let stored = get(tx, id)?;
    audit::record(tx, who, "update", "journal_entry", id, Some(&audit_json(&before)), Some(&audit_json(&stored)))?;
    let case_id: i64 = tx.query_row("SELECT case_id FROM journal_entries WHERE id = ?1", [id], |r| r.get(0))?;
    crate::search::reindex_case(tx, case_id)?;
    Ok(stored)
}

/// The offentleg journal of a period: each journalpost as the public sees
/// it, and the document they print as, under the municipality's name and logo.
pub fn public_journal(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<(Vec<saksbok_core::public_journal::Entry>, saksbok_core::protocol::Saksprotokoll)> {
    use saksbok_core::public_journal;
    let entries: Vec<_> = public_sources(conn, from, to)?.iter().map(public_journal::public).collect();
    let municipality = crate::settings::setting(conn, "municipality")?.unwrap_or_default();
    let document = public_journal::document(&entries, &municipality, from, to);
    let document = saksbok_core::protocol::Saksprotokoll { logo: crate::settings::logo(conn)?, ..document };
    Ok((entries, document))
}

/// The journalpostar registered from `from` to `to` (journal dates, both
/// included), with what the offentleg journal needs of their cases. The
/// skjerming is applied by [`saksbok_core::public_journal::public`].
pub fn public_sources(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<saksbok_core::public_journal::Source>> {
    let mut stmt = conn.prepare(
        "SELECT c.year, c.seq, j.doc_seq, j.kind, j.journal_date, j.title, j.public_title, j.correspondent,
                j.screening_basis, c.title, c.public_title, c.screening_basis, c.officer
         FROM journal_entries j JOIN cases c ON c.id = j.case_id
         WHERE j.journal_date BETWEEN ?1 AND ?2
         ORDER BY j.journal_date, c.year, c.seq, j.doc_seq",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        let kind: String = r.get(3)?;
        Ok(saksbok_core::public_journal::Source {
            number: JournalNumber { case: CaseNumber { year: r.get(0)?, seq: r.get(1)? }, doc: r.get(2)? },
            kind: JournalKind::parse(&kind).ok_or_else(|| bad_value("journalposttype", &kind))?,
            date: parse_date(&r.get::<_, String>(4)?)?,
            title: r.get(5)?,
            public_title: r.get(6)?,
            correspondent: r.get(7)?,
            screening_basis: r.get(8)?,
            case_title: r.get(9)?,
            case_public_title: r.get(10)?,
            case_screening_basis: r.get(11)?,
            officer: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! The history of a case: the audit rows of the case itself, its
//! journalpostar and its agenda items, newest first.

use rusqlite::{Connection, OptionalExtension};
use saksbok_core::AgendaNumber;
use saksbok_core::register::{HistoryEntry, changes};

use crate::Result;

fn parse(json: Option<&str>) -> Option<serde_json::Value> {
    json.and_then(|s| serde_json::from_str(s).ok())
}

/// The audit rows of a case and of what belongs to it; each part uses the
/// (entity, entity_id) index.
pub(crate) const CASE_HISTORY: &str = "
    SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
    WHERE entity = 'case' AND entity_id = ?1
    UNION ALL
    SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
    WHERE entity = 'journal_entry' AND entity_id IN (SELECT id FROM journal_entries WHERE case_id = ?1)
    UNION ALL
    SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
    WHERE entity = 'agenda_item' AND entity_id IN (SELECT id FROM agenda_items WHERE case_id = ?1)
    UNION ALL
    SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
    WHERE entity = 'document' AND entity_id IN
          (SELECT d.id FROM documents d JOIN journal_entries j ON j.id = d.journal_entry_id WHERE j.case_id = ?1)
    ORDER BY id DESC";

/// One audit_log row as stored.
struct AuditRow {
    at: String,
    actor: String,
    action: String,
    entity: String,
    entity_id: i64,
    before: Option<String>,
    after: Option<String>,
}

pub fn for_case(conn: &Connection, case_id: i64) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(CASE_HISTORY)?;
    let rows: Vec<AuditRow> = stmt
        .query_map([case_id], |r| {
            Ok(AuditRow {
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                before: r.get(6)?,
                after: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut agenda = conn.prepare_cached("SELECT year, seq FROM agenda_items WHERE id = ?1")?;
    let mut out = Vec::with_capacity(rows.len());
    for AuditRow { at, actor, action, entity, entity_id, before, after } in rows {
        let (before, after) = (parse(before.as_deref()), parse(after.as_deref()));
        let subject = if entity == "agenda_item" {
            agenda
                .query_row([entity_id], |r| Ok(AgendaNumber { year: r.get(0)?, seq: r.get(1)? }))
                .optional()?
                .map(|n| n.to_string())
        } else {
            // A document is named by its journalpost's number.
            let key = if entity == "document" { "journal_entry" } else { "number" };
            after.as_ref().or(before.as_ref()).and_then(|v| v.get(key)).and_then(|n| n.as_str()).map(str::to_string)
        };
        out.push(HistoryEntry {
            changes: changes(before.as_ref(), after.as_ref())
                .into_iter()
                .filter(|c| c.field != "uuid" && entity != "agenda_item")
                .collect(),
            at,
            actor,
            action,
            entity,
            subject: subject.unwrap_or_default(),
        });
    }
    Ok(out)
}

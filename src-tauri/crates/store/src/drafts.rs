//! Meeting mode: what the secretary is typing is kept as a draft within a
//! second of a pause, so nothing is lost if the laptop dies; committing a
//! step removes its draft in the same transaction. Drafts are work in
//! progress on this machine: not audited and not exported.

use rusqlite::{Connection, Transaction, params};
use saksbok_core::meeting::Draft;

use crate::Result;
use crate::audit::Actor;

/// Keeps (or replaces) a draft.
pub fn save(tx: &Transaction<'_>, who: &Actor<'_>, meeting: i64, key: &str, content: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO drafts (meeting_id, key, content, saved_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (meeting_id, key) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at",
        params![meeting, key, content, who.timestamp()],
    )?;
    Ok(())
}

/// The drafts of a meeting.
pub fn list(conn: &Connection, meeting: i64) -> Result<Vec<Draft>> {
    let mut stmt = conn.prepare("SELECT key, content, saved_at FROM drafts WHERE meeting_id = ?1 ORDER BY key")?;
    let rows = stmt.query_map([meeting], |r| Ok(Draft { key: r.get(0)?, content: r.get(1)?, saved_at: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes a draft (committed, or thrown away).
pub fn clear(tx: &Transaction<'_>, meeting: i64, key: &str) -> Result<()> {
    tx.execute("DELETE FROM drafts WHERE meeting_id = ?1 AND key = ?2", params![meeting, key])?;
    Ok(())
}

/// Removes every draft whose key starts with `prefix` ("business" clears the
/// drafts of the business at every place in the meeting).
pub fn clear_all(tx: &Transaction<'_>, meeting: i64, prefix: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM drafts WHERE meeting_id = ?1 AND substr(key, 1, length(?2)) = ?2",
        params![meeting, prefix],
    )?;
    Ok(())
}

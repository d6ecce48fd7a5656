//! Settings and facts about the register as a whole.

use rusqlite::{Connection, OptionalExtension};

use crate::Result;

/// True when there is nothing in the register yet (first start).
pub fn is_empty(conn: &Connection) -> Result<bool> {
    // EXISTS stops at the first row; a count would read all 100 000.
    let any: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM meetings)", [], |r| r.get(0))?;
    Ok(!any)
}

pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

//! Settings and facts about the register as a whole.

use rusqlite::{Connection, OptionalExtension};

use crate::Result;

/// True when there is nothing in the register yet (first start).
pub fn is_empty(conn: &Connection) -> Result<bool> {
    let n: i64 =
        conn.query_row("SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM meetings)", [], |r| r.get(0))?;
    Ok(n == 0)
}

pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

//! The full-text index over cases: one row per case (rowid = the case's id)
//! holding its number, titles and every text written about it. Queried
//! through [`crate::cases::list`].
//!
//! What a case's row holds is one SQL query ([`ROWS`]), used both for one
//! case after each change and for many at once (an import, a rebuild), so
//! the two can never disagree.

use std::sync::LazyLock;

use rusqlite::Connection;

use crate::Result;

/// The index rows of the cases chosen by `{filter}` (a condition on `c`).
/// Both the short and the four-digit year are indexed, so "2021/1069" finds
/// 21/1069 too.
const ROWS: &str = "
    SELECT c.id,
           printf('%02d/%d %d/%d', c.year % 100, c.seq, c.year, c.seq),
           concat_ws(char(10), c.title, c.public_title),
           concat_ws(char(10), c.notes, c.officer,
               (SELECT group_concat(concat_ws(char(10), j.title, j.public_title, j.correspondent), char(10)
                                    ORDER BY j.doc_seq)
                FROM journal_entries j WHERE j.case_id = c.id),
               (SELECT group_concat(d.file_name, char(10) ORDER BY j.doc_seq, d.position)
                FROM documents d JOIN journal_entries j ON j.id = d.journal_entry_id WHERE j.case_id = c.id),
               (SELECT group_concat(concat_ws(char(10), a.title, a.recommendation, a.vedtak), char(10) ORDER BY a.id)
                FROM agenda_items a WHERE a.case_id = c.id),
               (SELECT group_concat(p.text, char(10) ORDER BY p.agenda_item_id, p.position)
                FROM proposals p JOIN agenda_items a ON a.id = p.agenda_item_id WHERE a.case_id = c.id),
               (SELECT group_concat(bb.text, char(10) ORDER BY bb.agenda_item_id, bb.position)
                FROM behandling_blocks bb JOIN agenda_items a ON a.id = bb.agenda_item_id
                WHERE a.case_id = c.id AND bb.text IS NOT NULL))
    FROM cases c WHERE {filter}";

/// Writes the case's row in the index anew. Called in the same transaction
/// as every change to the case, its journalpostar, documents or agenda items.
pub fn reindex_case(conn: &Connection, case_id: i64) -> Result<()> {
    static ONE: LazyLock<String> = LazyLock::new(|| {
        format!("INSERT INTO case_search (rowid, number, title, body) {}", ROWS.replace("{filter}", "c.id = ?1"))
    });
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([case_id])?;
    conn.prepare_cached(&ONE)?.execute([case_id])?;
    Ok(())
}

/// Rebuilds the whole index in one statement (after an upgrade or a large import).
pub fn reindex_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM case_search", [])?;
    conn.execute(
        &format!("INSERT INTO case_search (rowid, number, title, body) {}", ROWS.replace("{filter}", "1")),
        [],
    )?;
    Ok(())
}

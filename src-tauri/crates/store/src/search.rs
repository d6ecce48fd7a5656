//! The full-text index over cases: one row per case (rowid = the case's id)
//! holding its number, titles and every text written about it. Queried
//! through [`crate::cases::list`].

use rusqlite::{Connection, params};

use crate::Result;

/// Writes the case's row in the index anew. Called in the same transaction
/// as every change to the case, its journalpostar or its agenda items.
pub fn reindex_case(conn: &Connection, case_id: i64) -> Result<()> {
    let (year, seq, title, public_title, notes, officer): (
        i32,
        u32,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = conn.query_row(
        "SELECT year, seq, title, public_title, notes, officer FROM cases WHERE id = ?1",
        [case_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let number = saksbok_core::CaseNumber { year, seq };
    // Both the short and the four-digit year, so "2021/1069" finds it too.
    let number_text = format!("{number} {year}/{seq}");
    let titles = [Some(title), public_title].into_iter().flatten().collect::<Vec<_>>().join("\n");
    let mut body: Vec<String> = [notes, officer].into_iter().flatten().collect();
    let texts = [
        "SELECT title || char(10) || coalesce(public_title, '') || char(10) || coalesce(correspondent, '')
         FROM journal_entries WHERE case_id = ?1 ORDER BY doc_seq",
        "SELECT title || char(10) || coalesce(recommendation, '') || char(10) || coalesce(vedtak, '')
         FROM agenda_items WHERE case_id = ?1 ORDER BY id",
        "SELECT p.text FROM proposals p JOIN agenda_items a ON a.id = p.agenda_item_id
         WHERE a.case_id = ?1 ORDER BY p.agenda_item_id, p.position",
        "SELECT d.file_name FROM documents d JOIN journal_entries j ON j.id = d.journal_entry_id
         WHERE j.case_id = ?1 ORDER BY j.doc_seq, d.position",
        "SELECT bb.text FROM behandling_blocks bb JOIN agenda_items a ON a.id = bb.agenda_item_id
         WHERE a.case_id = ?1 AND bb.text IS NOT NULL ORDER BY bb.agenda_item_id, bb.position",
    ];
    for sql in texts {
        let mut stmt = conn.prepare_cached(sql)?;
        for t in stmt.query_map([case_id], |r| r.get::<_, String>(0))? {
            body.push(t?);
        }
    }
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([case_id])?;
    conn.prepare_cached("INSERT INTO case_search (rowid, number, title, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![case_id, number_text, titles, body.join("\n")])?;
    Ok(())
}

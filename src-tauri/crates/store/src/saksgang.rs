//! Saksgang: a case sent on from one board's vedtak to the next board
//! (formannskapet → kommunestyret) waits for a meeting there, with that
//! vedtak as its new tilråding, until it is put on a sakliste.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::CaseNumber;
use saksbok_core::date::format_date;
use saksbok_core::meeting::WaitingCase;

use crate::audit::{self, Actor};
use crate::sql::parse_date;
use crate::{Result, StoreError};

/// Sends the case of an item on to `board`, with the item's vedtak as the
/// new tilråding. Sending it twice to the same board is refused.
pub fn send_on(tx: &Transaction<'_>, who: &Actor<'_>, item: i64, board: i64) -> Result<WaitingCase> {
    let row: Option<(Option<i64>, i64, Option<String>)> = tx
        .query_row("SELECT case_id, board_id, vedtak FROM agenda_items WHERE id = ?1", [item], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (case, from_board, vedtak) = row.ok_or_else(|| StoreError::NotFound(format!("utvalssak med id {item}")))?;
    let case = case.ok_or_else(|| {
        StoreError::Invalid("Saka har inga arkivsak, så ho kan ikkje sendast vidare til eit anna utval.".into())
    })?;
    if from_board == board {
        return Err(StoreError::Invalid("Saka kan ikkje sendast vidare til same utval. Vel eit anna utval.".into()));
    }
    let name: Option<String> =
        tx.query_row("SELECT name FROM boards WHERE id = ?1", [board], |r| r.get(0)).optional()?;
    let name = name.ok_or_else(|| StoreError::NotFound(format!("utvalet med id {board}")))?;
    let already: Option<i64> = tx
        .query_row(
            "SELECT id FROM waiting_cases WHERE board_id = ?1 AND case_id = ?2 AND from_item_id = ?3",
            params![board, case, item],
            |r| r.get(0),
        )
        .optional()?;
    if already.is_some() {
        return Err(StoreError::Invalid(format!("Saka er alt send vidare til {name}.")));
    }
    tx.execute(
        "INSERT INTO waiting_cases (board_id, case_id, from_item_id, recommendation, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![board, case, item, vedtak, who.timestamp()],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::json!({ "to": name, "recommendation": vedtak }).to_string();
    audit::record(tx, who, "send", "agenda_item", item, None, Some(&after))?;
    waiting(tx, board)?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("saka som ventar, id {id}")))
}

/// The cases waiting for a meeting of `board`, oldest first.
pub fn waiting(conn: &Connection, board: i64) -> Result<Vec<WaitingCase>> {
    let mut stmt = conn.prepare(
        "SELECT w.id, c.year, c.seq, c.title, w.recommendation, fb.name, m.date, a.year, a.seq
         FROM waiting_cases w
         JOIN cases c ON c.id = w.case_id
         LEFT JOIN agenda_items a ON a.id = w.from_item_id
         LEFT JOIN boards fb ON fb.id = a.board_id
         LEFT JOIN meetings m ON m.id = a.meeting_id
         WHERE w.board_id = ?1 AND w.agenda_item_id IS NULL
         ORDER BY w.sent_at, w.id",
    )?;
    let rows = stmt.query_map([board], |r| {
        let from_board: Option<String> = r.get(5)?;
        let date: Option<String> = r.get(6)?;
        let number: Option<(i32, u32)> = r.get::<_, Option<i32>>(7)?.zip(r.get::<_, Option<u32>>(8)?);
        let from = match (from_board, date, number) {
            (Some(b), Some(d), Some((year, seq))) => {
                Some(format!("{b} {}, sak {}", format_date(parse_date(&d)?), saksbok_core::AgendaNumber { year, seq }))
            }
            _ => None,
        };
        Ok(WaitingCase {
            id: r.get(0)?,
            case_number: CaseNumber { year: r.get(1)?, seq: r.get(2)? },
            title: r.get(3)?,
            from,
            recommendation: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A new item of `board` for `case` takes the case off the board's waiting
/// list, and the vedtak it was sent on with becomes its tilråding.
pub(crate) fn take_up(tx: &Transaction<'_>, board: i64, case: i64, item: i64) -> Result<()> {
    let waiting: Option<(i64, Option<String>)> = tx
        .query_row(
            "SELECT id, recommendation FROM waiting_cases
             WHERE board_id = ?1 AND case_id = ?2 AND agenda_item_id IS NULL ORDER BY sent_at, id LIMIT 1",
            params![board, case],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, recommendation)) = waiting {
        tx.execute("UPDATE waiting_cases SET agenda_item_id = ?2 WHERE id = ?1", params![id, item])?;
        tx.execute(
            "UPDATE agenda_items SET recommendation = coalesce(recommendation, ?2) WHERE id = ?1",
            params![item, recommendation],
        )?;
    }
    Ok(())
}

//! Agenda items (utvalssaker) with their behandling: written whole (the demo,
//! a recorded meeting) and read back for the case view and the protocol.
//! Reads take `&Connection`; writes take `&Transaction` inside [`crate::Store::write`].

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::demo::MeetingDraft;
use saksbok_core::model::{AgendaItem, Behandling, CaseSummary, MeetingInfo};
use saksbok_core::{AgendaNumber, CaseNumber};

use crate::audit::{self, Actor};
use crate::sql::{parse_date, taken_or};
use crate::{Result, StoreError};

fn board_id(tx: &Transaction<'_>, name: &str) -> Result<i64> {
    tx.execute("INSERT INTO boards (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", [name])?;
    let id = tx.query_row("SELECT id FROM boards WHERE name = ?1", [name], |r| r.get(0))?;
    crate::boards::ensure_series(tx, id)?;
    Ok(id)
}

/// Writes a meeting with its agenda items, behandling and vedtak.
pub fn insert_meeting(tx: &Transaction<'_>, who: &Actor<'_>, m: &MeetingDraft) -> Result<i64> {
    let ts = who.timestamp();
    let board = board_id(tx, &m.info.board)?;
    tx.execute(
        "INSERT INTO meetings (board_id, date, place, start_time, end_time, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'held', ?6, ?6)",
        params![board, m.info.date.to_string(), m.info.place, m.info.start_time, m.info.end_time, ts],
    )?;
    let meeting = tx.last_insert_rowid();
    audit::record(
        tx,
        who,
        "create",
        "meeting",
        meeting,
        None,
        Some(&serde_json::to_string(&m.info).unwrap_or_default()),
    )?;
    for (pos, item) in m.items.iter().enumerate() {
        insert_agenda_item(tx, who, meeting, board, pos, item)?;
    }
    Ok(meeting)
}

fn insert_agenda_item(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    board: i64,
    position: usize,
    item: &AgendaItem,
) -> Result<i64> {
    let case = match item.case_number {
        Some(n) => Some(crate::cases::id_of(tx, n)?.ok_or_else(|| StoreError::NotFound(format!("arkivsak {n}")))?),
        None => None,
    };
    tx.execute(
        "INSERT INTO agenda_items (meeting_id, board_id, series_id, case_id, year, seq, number_given, position, title,
                                   recommendation, closed, closed_basis, vedtak, behandling_text)
         VALUES (?1, ?2, (SELECT id FROM board_series WHERE board_id = ?2 ORDER BY position LIMIT 1), ?3, ?4, ?5, 1,
                 ?6, ?7, ?8, ?9 IS NOT NULL, ?9, ?10, ?11)",
        params![
            meeting,
            board,
            case,
            item.number.year,
            item.number.seq,
            position as i64,
            item.title,
            item.recommendation,
            item.closed_basis,
            item.vedtak,
            item.behandling_text
        ],
    )
    .map_err(|e| taken_or(e, || format!("Utvalssak {} finst frå før i dette utvalet.", item.number)))?;
    let id = tx.last_insert_rowid();
    crate::behandling::write(tx, meeting, Some(id), &item.behandling, &[])?;
    audit::record(tx, who, "create", "agenda_item", id, None, Some(&serde_json::to_string(item).unwrap_or_default()))?;
    if let Some(case) = case {
        crate::search::reindex_case(tx, case)?;
    }
    Ok(id)
}

/// Every agenda item with its arkivsak, newest meeting first.
pub fn list_agenda_items(conn: &Connection) -> Result<Vec<CaseSummary>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, c.year, c.seq, a.year, a.seq, a.title, b.name, m.date
         FROM agenda_items a
         JOIN meetings m ON m.id = a.meeting_id
         JOIN boards b ON b.id = a.board_id
         LEFT JOIN cases c ON c.id = a.case_id
         ORDER BY m.date DESC, b.name, a.year DESC, a.seq DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let case_year: Option<i32> = r.get(1)?;
        let case_seq: Option<u32> = r.get(2)?;
        Ok(CaseSummary {
            agenda_item_id: r.get(0)?,
            case_number: case_year.zip(case_seq).map(|(year, seq)| CaseNumber { year, seq }),
            agenda_number: AgendaNumber { year: r.get(3)?, seq: r.get(4)? },
            title: r.get(5)?,
            board: r.get(6)?,
            meeting_date: parse_date(&r.get::<_, String>(7)?)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds an utvalssak by number; `board` is needed only when several boards
/// used the same number.
pub fn find_agenda_item(conn: &Connection, number: AgendaNumber, board: Option<&str>) -> Result<i64> {
    // Board names are compared in Rust: SQLite's lower() folds only ASCII,
    // and "FORMANNSKAPET OG NÆRINGSUTVALET" must find the board.
    let wanted = board.map(str::to_lowercase);
    let mut stmt = conn.prepare(
        "SELECT a.id, b.name FROM agenda_items a JOIN boards b ON b.id = a.board_id
         WHERE a.year = ?1 AND a.seq = ?2 ORDER BY b.name",
    )?;
    let hits: Vec<(i64, String)> = stmt
        .query_map(params![number.year, number.seq], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String)>>>()?
        .into_iter()
        .filter(|(_, name)| wanted.as_ref().is_none_or(|w| name.to_lowercase() == *w))
        .collect();
    match hits.as_slice() {
        [] => Err(StoreError::NotFound(match board {
            Some(b) => format!("utvalssak {number} i {b}"),
            None => format!("utvalssak {number}"),
        })),
        [(id, _)] => Ok(*id),
        many => Err(StoreError::Ambiguous {
            number: number.to_string(),
            boards: many.iter().map(|(_, b)| b.clone()).collect(),
        }),
    }
}

/// One agenda item with its meeting, behandling and vedtak.
pub fn agenda_item(conn: &Connection, id: i64) -> Result<(MeetingInfo, AgendaItem)> {
    let head = conn
        .query_row(
            "SELECT b.name, m.date, m.place, m.start_time, m.end_time,
                    a.year, a.seq, a.title, c.year, c.seq, a.recommendation, a.closed_basis, a.vedtak,
                    a.behandling_text, a.meeting_id
             FROM agenda_items a
             JOIN meetings m ON m.id = a.meeting_id
             JOIN boards b ON b.id = a.board_id
             LEFT JOIN cases c ON c.id = a.case_id
             WHERE a.id = ?1",
            [id],
            |r| {
                let info = MeetingInfo {
                    board: r.get(0)?,
                    date: parse_date(&r.get::<_, String>(1)?)?,
                    place: r.get(2)?,
                    start_time: r.get(3)?,
                    end_time: r.get(4)?,
                };
                let case_year: Option<i32> = r.get(8)?;
                let case_seq: Option<u32> = r.get(9)?;
                let item = AgendaItem {
                    number: AgendaNumber { year: r.get(5)?, seq: r.get(6)? },
                    title: r.get(7)?,
                    case_number: case_year.zip(case_seq).map(|(year, seq)| CaseNumber { year, seq }),
                    recommendation: r.get(10)?,
                    closed_basis: r.get(11)?,
                    behandling: Behandling::default(),
                    behandling_text: r.get(13)?,
                    vedtak: r.get(12)?,
                };
                Ok((info, item, r.get::<_, i64>(14)?))
            },
        )
        .optional()?;
    let (info, mut item, meeting) = head.ok_or_else(|| StoreError::NotFound(format!("utvalssak med id {id}")))?;

    item.behandling = crate::behandling::read(conn, meeting, Some(id), &[])?;
    Ok((info, item))
}

//! Meetings as the secretary plans them: create and change a meeting, move
//! it from planlagt to halde, and save its sakliste — the whole list at once,
//! numbered per board, series and year. Each is one audited write.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::board::NumberFormat;
use saksbok_core::case::{FieldError, optional};
use saksbok_core::meeting::{
    MeetingFields, MeetingInput, MeetingRecord, MeetingRow, SaklisteEntry, SaklisteItem, SeriesRef, check_entry,
};
use saksbok_core::sakliste::{self, ItemDraft, MeetingStatus, UsedNumber};
use saksbok_core::{AgendaNumber, CaseNumber};

use crate::audit::{self, Actor};
use crate::sql::{bad_value, parse_date};
use crate::{Result, StoreError};

fn status_column(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "planned",
        MeetingStatus::Held => "held",
        MeetingStatus::Approved => "approved",
    }
}

fn status_from(s: &str) -> rusqlite::Result<MeetingStatus> {
    Ok(match s {
        "planned" => MeetingStatus::Planned,
        "held" => MeetingStatus::Held,
        "approved" => MeetingStatus::Approved,
        other => return Err(bad_value("møtestatus", other)),
    })
}

/// Every meeting, the newest first.
pub fn list(conn: &Connection) -> Result<Vec<MeetingRow>> {
    let mut stmt = conn.prepare(
        "SELECT m.id, m.board_id, b.name, m.date, m.place, m.status, m.start_time,
                (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id)
         FROM meetings m JOIN boards b ON b.id = m.board_id
         ORDER BY m.date DESC, m.start_time DESC, b.name, m.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(MeetingRow {
            id: r.get(0)?,
            board_id: r.get(1)?,
            board: r.get(2)?,
            date: parse_date(&r.get::<_, String>(3)?)?,
            place: r.get(4)?,
            status: status_from(&r.get::<_, String>(5)?)?,
            start_time: r.get(6)?,
            items: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A board's series in order: (id, prefix, label).
fn series_of(conn: &Connection, board: i64) -> Result<Vec<(i64, SeriesRef)>> {
    let mut stmt = conn.prepare("SELECT id, prefix, label FROM board_series WHERE board_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([board], |r| Ok((r.get(0)?, SeriesRef { prefix: r.get(1)?, label: r.get(2)? })))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn number_format(conn: &Connection, board: i64) -> Result<NumberFormat> {
    Ok(crate::boards::get(conn, board)?.settings.number_format)
}

/// One meeting with its sakliste.
pub fn get(conn: &Connection, id: i64) -> Result<MeetingRecord> {
    let head = conn
        .query_row(
            "SELECT m.board_id, b.name, m.date, m.place, m.start_time, m.end_time, m.notice_sent, m.notice_method,
                    m.status
             FROM meetings m JOIN boards b ON b.id = m.board_id WHERE m.id = ?1",
            [id],
            |r| {
                Ok(MeetingRecord {
                    id,
                    board_id: r.get(0)?,
                    board: r.get(1)?,
                    date: parse_date(&r.get::<_, String>(2)?)?,
                    place: r.get(3)?,
                    start_time: r.get(4)?,
                    end_time: r.get(5)?,
                    notice_sent: r.get::<_, Option<String>>(6)?.map(|d| parse_date(&d)).transpose()?,
                    notice_method: r.get(7)?,
                    status: status_from(&r.get::<_, String>(8)?)?,
                    series: Vec::new(),
                    items: Vec::new(),
                })
            },
        )
        .optional()?;
    let mut m = head.ok_or_else(|| StoreError::NotFound(format!("møtet med id {id}")))?;
    let series = series_of(conn, m.board_id)?;
    let format = number_format(conn, m.board_id)?;
    let mut stmt = conn.prepare(
        "SELECT a.id, c.year, c.seq, a.title, a.series_id, a.year, a.seq, a.number_given, a.closed, a.closed_basis,
                a.added_late,
                a.vedtak IS NOT NULL OR a.behandling_text IS NOT NULL OR a.elects_signatories = 1
                -- A tilråding counts unless it is the one the case was sent on with.
                OR (a.recommendation IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM waiting_cases w WHERE w.agenda_item_id = a.id AND w.recommendation IS a.recommendation))
                OR EXISTS (SELECT 1 FROM attachments t WHERE t.agenda_item_id = a.id)
                OR EXISTS (SELECT 1 FROM behandling_blocks bb WHERE bb.agenda_item_id = a.id OR bb.before_item_id = a.id)
                OR EXISTS (SELECT 1 FROM proposals cp WHERE cp.concerns_item_id = a.id)
                OR EXISTS (SELECT 1 FROM waiting_cases sw WHERE sw.from_item_id = a.id)
                OR EXISTS (SELECT 1 FROM proposals p WHERE p.agenda_item_id = a.id)
                OR EXISTS (SELECT 1 FROM votes v WHERE v.agenda_item_id = a.id)
                OR EXISTS (SELECT 1 FROM printed_protocols pp WHERE pp.agenda_item_id = a.id)
                OR EXISTS (SELECT 1 FROM disqualifications d WHERE d.agenda_item_id = a.id)
                OR EXISTS (SELECT 1 FROM attendance_away w WHERE w.agenda_item_id = a.id)
                OR EXISTS (SELECT 1 FROM meeting_attendance ma WHERE a.id IN (ma.from_item_id, ma.to_item_id))
         FROM agenda_items a LEFT JOIN cases c ON c.id = a.case_id
         WHERE a.meeting_id = ?1 ORDER BY a.position",
    )?;
    m.items = stmt
        .query_map([id], |r| {
            let case_year: Option<i32> = r.get(1)?;
            let case_seq: Option<u32> = r.get(2)?;
            let series_id: i64 = r.get(4)?;
            let index = series.iter().position(|(s, _)| *s == series_id).unwrap_or(0);
            let number = AgendaNumber { year: r.get(5)?, seq: r.get(6)? };
            Ok(SaklisteItem {
                id: r.get(0)?,
                case_number: case_year.zip(case_seq).map(|(year, seq)| CaseNumber { year, seq }),
                title: r.get(3)?,
                series: index as u32,
                number,
                number_text: format.format(number, series.get(index).and_then(|(_, s)| s.prefix.as_deref())),
                number_given: r.get(7)?,
                closed: r.get(8)?,
                closed_basis: r.get(9)?,
                added_late: r.get(10)?,
                has_records: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    m.series = series.into_iter().map(|(_, s)| s).collect();
    Ok(m)
}

fn invalid(errors: Vec<FieldError>) -> StoreError {
    StoreError::InvalidFields(errors)
}

fn locked() -> StoreError {
    StoreError::Invalid("Protokollen for dette møtet er godkjend, så møtet kan ikkje endrast lenger.".into())
}

/// Refuses a change to a meeting whose protocol is approved.
pub(crate) fn ensure_open(conn: &Connection, meeting: i64) -> Result<()> {
    let status: String = conn.query_row("SELECT status FROM meetings WHERE id = ?1", [meeting], |r| r.get(0))?;
    if status == "approved" { Err(locked()) } else { Ok(()) }
}

fn board_exists(tx: &Transaction<'_>, board: i64) -> Result<()> {
    let found: Option<i64> = tx.query_row("SELECT id FROM boards WHERE id = ?1", [board], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or_else(|| invalid(vec![FieldError::new("board_id", "Vel eit utval for møtet.")]))
}

/// The meeting as the audit log keeps it.
fn audit_json(m: &MeetingRecord) -> String {
    let items: Vec<String> = m.items.iter().map(|i| format!("{} {}", i.number_text, i.title)).collect();
    serde_json::json!({
        "board": m.board,
        "date": m.date.to_string(),
        "place": m.place,
        "start_time": m.start_time,
        "end_time": m.end_time,
        "notice_sent": m.notice_sent.map(|d| d.to_string()),
        "notice_method": m.notice_method,
        "status": status_column(m.status),
        "sakliste": items,
    })
    .to_string()
}

/// Plans a new meeting (status planlagt, an empty sakliste).
pub fn create(tx: &Transaction<'_>, who: &Actor<'_>, input: &MeetingInput) -> Result<MeetingRecord> {
    let f = input.validate().map_err(invalid)?;
    board_exists(tx, f.board_id)?;
    crate::boards::ensure_series(tx, f.board_id)?;
    let ts = who.timestamp();
    tx.execute(
        "INSERT INTO meetings (board_id, date, place, start_time, end_time, notice_sent, notice_method, status,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned', ?8, ?8)",
        params![
            f.board_id,
            f.date.to_string(),
            f.place,
            f.start_time,
            f.end_time,
            f.notice_sent.map(|d| d.to_string()),
            f.notice_method,
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    let made = get(tx, id)?;
    audit::record(tx, who, "create", "meeting", id, None, Some(&audit_json(&made)))?;
    Ok(made)
}

/// Changes a meeting's facts. Its board stays once it has a sakliste, and
/// once it is held its date stays in the year its numbers belong to.
pub fn update(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, input: &MeetingInput) -> Result<MeetingRecord> {
    let before = get(tx, id)?;
    let f: MeetingFields = input.validate().map_err(invalid)?;
    if before.status == MeetingStatus::Approved {
        return Err(locked());
    }
    board_exists(tx, f.board_id)?;
    if f.board_id != before.board_id && !before.items.is_empty() {
        return Err(invalid(vec![FieldError::new(
            "board_id",
            "Møtet har saker på saklista, så utvalet kan ikkje byttast. Ta sakene av lista først, eller lag eit nytt møte.",
        )]));
    }
    let year_changes = f.date.format("%Y").to_string() != before.date.format("%Y").to_string();
    if year_changes && !before.items.is_empty() && !before.status.may_renumber() {
        return Err(invalid(vec![FieldError::new(
            "date",
            format!(
                "Møtet er halde og sakene har nummer frå {}. Datoen kan berre flyttast innanfor same år.",
                before.date.format("%Y")
            ),
        )]));
    }
    crate::boards::ensure_series(tx, f.board_id)?;
    tx.execute(
        "UPDATE meetings SET board_id = ?2, date = ?3, place = ?4, start_time = ?5, end_time = ?6, notice_sent = ?7,
                notice_method = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            f.board_id,
            f.date.to_string(),
            f.place,
            f.start_time,
            f.end_time,
            f.notice_sent.map(|d| d.to_string()),
            f.notice_method,
            who.timestamp()
        ],
    )?;
    if year_changes && !before.items.is_empty() {
        // A planned meeting moved to another year: its items are numbered in that year.
        // Numbers given by hand belonged to the old year: all are given anew.
        let entries: Vec<SaklisteEntry> = before
            .items
            .iter()
            .map(|i| SaklisteEntry { number: None, ..SaklisteEntry::of_item(i, NumberFormat::SeqYear) })
            .collect();
        write_sakliste(tx, who, id, &entries)?;
    }
    let after = get(tx, id)?;
    if after != before {
        audit::record(tx, who, "update", "meeting", id, Some(&audit_json(&before)), Some(&audit_json(&after)))?;
    }
    Ok(after)
}

/// Moves a meeting between planlagt and halde. A held meeting's numbers are
/// fixed; approving the protocol is its own step.
pub fn set_status(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, status: MeetingStatus) -> Result<MeetingRecord> {
    let before = get(tx, id)?;
    if before.status == MeetingStatus::Approved {
        return Err(locked());
    }
    if status == MeetingStatus::Approved {
        return Err(StoreError::Invalid("Ein protokoll vert godkjend i eige steg, ikkje ved å endra status.".into()));
    }
    if status == before.status {
        return Ok(before);
    }
    tx.execute(
        "UPDATE meetings SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status_column(status), who.timestamp()],
    )?;
    if status.may_renumber() && !before.items.is_empty() {
        // Planned again: the list is numbered afresh in its order at once.
        let format = number_format(tx, before.board_id)?;
        let entries: Vec<SaklisteEntry> = before.items.iter().map(|i| SaklisteEntry::of_item(i, format)).collect();
        write_sakliste(tx, who, id, &entries)?;
    }
    let after = get(tx, id)?;
    audit::record(tx, who, "update", "meeting", id, Some(&audit_json(&before)), Some(&audit_json(&after)))?;
    Ok(after)
}

/// Saves the sakliste: `entries` in agenda order replace what was there.
/// While the meeting is planned, items without a number given by hand are
/// numbered afresh in agenda order; once it is held, numbers are fixed and
/// only new items get one. An item with behandling recorded is never taken
/// off. Anything wrong leaves the list as it was.
pub fn set_sakliste(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    id: i64,
    entries: &[SaklisteEntry],
) -> Result<MeetingRecord> {
    let before = get(tx, id)?;
    write_sakliste(tx, who, id, entries)?;
    let after = get(tx, id)?;
    if after.items != before.items {
        audit::record(tx, who, "update", "meeting", id, Some(&audit_json(&before)), Some(&audit_json(&after)))?;
        let old: Vec<i64> = before.items.iter().map(|i| i.id).collect();
        for item in after.items.iter().filter(|i| !old.contains(&i.id)) {
            let put = serde_json::json!({
                "board": after.board,
                "date": after.date.to_string(),
                "number": item.number_text,
                "title": item.title,
            });
            audit::record(tx, who, "create", "agenda_item", item.id, None, Some(&put.to_string()))?;
        }
    }
    Ok(after)
}

/// The field of entry `row` that a sakliste problem is about.
fn problem_field(row: usize, p: &sakliste::SaklisteProblem) -> String {
    use sakliste::SaklisteProblem as P;
    match p {
        P::CaseTwice { .. } => format!("items.{row}.case_number"),
        P::NoSuchSeries { .. } => format!("items.{row}.series"),
        P::NumberTaken { .. } | P::NumberTwice { .. } | P::WrongYear { .. } => format!("items.{row}.number"),
    }
}

fn write_sakliste(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, entries: &[SaklisteEntry]) -> Result<()> {
    let m = get(tx, id)?;
    if m.status == MeetingStatus::Approved {
        return Err(locked());
    }
    let year = m.date.format("%Y").to_string().parse::<i32>().unwrap_or(1900);
    let series = series_of(tx, m.board_id)?;
    let format = number_format(tx, m.board_id)?;
    let stored: HashMap<i64, &SaklisteItem> = m.items.iter().map(|i| (i.id, i)).collect();

    let mut errors = Vec::new();
    let mut drafts = Vec::with_capacity(entries.len());
    let mut rows = Vec::with_capacity(entries.len());
    for (row, e) in entries.iter().enumerate() {
        let (case, title) = check_entry(e, row, &mut errors);
        let old = match e.id {
            Some(item) => Some(*stored.get(&item).ok_or_else(|| {
                StoreError::Invalid(format!("Sak nummer {} på lista høyrer ikkje til dette møtet.", row + 1))
            })?),
            None => None,
        };
        if let Some(old) = old
            && old.case_number != case
            && optional(e.case_number.as_deref()).is_some() == case.is_some()
        {
            errors.push(FieldError::new(
                &format!("items.{row}.case_number"),
                format!(
                    "Sak {} på lista kan ikkje byta arkivsak. Ta ho av lista og legg til den rette saka.",
                    old.number_text
                ),
            ));
        }
        let case_id = match case {
            Some(n) => {
                let found = crate::cases::id_of(tx, n)?;
                if found.is_none() {
                    errors.push(FieldError::new(
                        &format!("items.{row}.case_number"),
                        format!("Arkivsak {n} finst ikkje i registeret. Registrer saka først."),
                    ));
                }
                found
            }
            None => None,
        };
        // The number as the list shows it may carry its series' prefix ("PS 054/21").
        let prefix = series.get(e.series as usize).and_then(|(_, s)| s.prefix.as_deref());
        let typed = match e.number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => {
                let text = prefix.and_then(|p| text.strip_prefix(p)).map_or(text, str::trim);
                let n = format.parse(text).or_else(|| text.parse().ok());
                if n.is_none() {
                    errors.push(FieldError::new(
                        &format!("items.{row}.number"),
                        format!(
                            "«{text}» er ikkje eit utvalssaksnummer. Skriv til dømes {}.",
                            format.format(AgendaNumber { year, seq: 7 }, None)
                        ),
                    ));
                }
                n
            }
        };
        if let Some(old) = old
            && !m.status.may_renumber()
        {
            let moved = e.series != old.series || typed.is_some_and(|n| n != old.number);
            if moved {
                errors.push(FieldError::new(
                    &format!("items.{row}.number"),
                    format!(
                        "Møtet er halde, så sak {} kan ikkje få nytt nummer eller ny serie. Set møtet tilbake til planlagt om nummera må endrast.",
                        old.number_text
                    ),
                ));
            }
        }
        // Once the meeting is held, a stored item keeps the number it has.
        let (number, given) = match old {
            Some(old) if !m.status.may_renumber() => (Some(old.number), old.number_given),
            _ => (typed, typed.is_some()),
        };
        let title = match (title, case_id) {
            (Some(t), _) => Some(t),
            (None, Some(c)) => Some(tx.query_row("SELECT title FROM cases WHERE id = ?1", [c], |r| r.get(0))?),
            (None, None) => None,
        };
        drafts.push(ItemDraft { case, series: e.series, number });
        rows.push((e, old, case_id, title, given, number));
    }
    for item in &m.items {
        if item.has_records && !entries.iter().any(|e| e.id == Some(item.id)) {
            errors.push(FieldError::new(
                "items",
                format!(
                    "Sak {} ({}) har behandling, vedtak, vedlegg eller oppmøte ført, eller er send vidare, og kan ikkje takast av saklista.",
                    item.number_text, item.title
                ),
            ));
        }
    }
    // Taken: numbers that stay where they are in other meetings (held ones, and
    // numbers given by hand). Planned meetings' other numbers give way.
    let used = fixed_numbers(tx, m.board_id, id, &series)?;
    for p in sakliste::check(&drafts, year, series.len() as u32, &used) {
        let row = match &p {
            sakliste::SaklisteProblem::CaseTwice { case, .. } => {
                drafts.iter().rposition(|d| d.case == Some(*case)).unwrap_or(0)
            }
            sakliste::SaklisteProblem::NoSuchSeries { series } => {
                drafts.iter().position(|d| d.series + 1 == *series).unwrap_or(0)
            }
            sakliste::SaklisteProblem::NumberTaken { number }
            | sakliste::SaklisteProblem::NumberTwice { number }
            | sakliste::SaklisteProblem::WrongYear { number, .. } => {
                drafts.iter().rposition(|d| d.number == Some(*number)).unwrap_or(0)
            }
        };
        errors.push(FieldError::new(&problem_field(row, &p), p.to_string()));
    }
    if !errors.is_empty() {
        return Err(invalid(errors));
    }

    let others_before = numbers_of_others(tx, m.board_id, id)?;
    // Out of the way first: positions and numbers are unique, and the new
    // order may swap them between items. Every number that may change
    // (this meeting's, and planned meetings' not given by hand) is lifted
    // above the real range and given again by `renumber`.
    tx.execute("UPDATE agenda_items SET position = -1 - position WHERE meeting_id = ?1", [id])?;
    tx.execute(
        "UPDATE agenda_items SET seq = seq + ?2
         WHERE board_id = ?1 AND seq < ?2
           AND (meeting_id = ?3
                OR (number_given = 0 AND meeting_id IN (SELECT id FROM meetings WHERE status = 'planned')))",
        params![m.board_id, LIFTED, id],
    )?;
    let keep: Vec<i64> = entries.iter().filter_map(|e| e.id).collect();
    let mut touched_cases: Vec<i64> = Vec::new();
    for item in &m.items {
        if !keep.contains(&item.id) {
            let case: Option<i64> =
                tx.query_row("SELECT case_id FROM agenda_items WHERE id = ?1", [item.id], |r| r.get(0))?;
            touched_cases.extend(case);
            tx.execute("DELETE FROM agenda_items WHERE id = ?1", [item.id])?;
        }
    }
    for (position, (e, old, case_id, title, given, number)) in rows.into_iter().enumerate() {
        let series_id = series[e.series as usize].0;
        let title = title.unwrap_or_default();
        let basis = e.closed_basis.as_deref().map(str::trim).filter(|s| !s.is_empty());
        // A number that stays is written now; the others get theirs from `renumber`.
        let (number_year, seq) = match number {
            Some(n) => (n.year, i64::from(n.seq)),
            None => (year, NEEDS_NUMBER + position as i64),
        };
        touched_cases.extend(case_id);
        if let Some(old) = old {
            tx.execute(
                "UPDATE agenda_items SET series_id = ?2, year = ?3, seq = ?4, number_given = ?5,
                        position = ?6, title = ?7, closed = ?8, closed_basis = ?9, added_late = ?10
                 WHERE id = ?1",
                params![
                    old.id,
                    series_id,
                    number_year,
                    seq,
                    given,
                    position as i64,
                    title,
                    e.closed,
                    basis,
                    e.added_late
                ],
            )?;
        } else {
            tx.execute(
                "INSERT INTO agenda_items (meeting_id, board_id, series_id, case_id, year, seq, number_given,
                                           position, title, closed, closed_basis, added_late)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    id,
                    m.board_id,
                    series_id,
                    case_id,
                    number_year,
                    seq,
                    given,
                    position as i64,
                    title,
                    e.closed,
                    basis,
                    e.added_late
                ],
            )?;
            if let Some(case) = case_id {
                // A case sent on from another board: off the waiting list, with its tilråding.
                crate::saksgang::take_up(tx, m.board_id, case, tx.last_insert_rowid())?;
            }
        }
    }
    renumber(tx, m.board_id)?;
    touched_cases.sort_unstable();
    touched_cases.dedup();
    for case in touched_cases {
        crate::search::reindex_case(tx, case)?;
    }
    // Planned meetings whose numbers gave way say so in their history.
    for (other, before) in others_before {
        let after = get(tx, other)?;
        if after.items != before.items {
            audit::record(tx, who, "update", "meeting", other, Some(&audit_json(&before)), Some(&audit_json(&after)))?;
        }
    }
    Ok(())
}

/// Numbers lifted out of the way while a sakliste is written.
const LIFTED: i64 = 1_000_000_000;
/// A temporary number for an item that `renumber` is to number.
const NEEDS_NUMBER: i64 = 2 * LIFTED;

/// The other meetings of the board that hold items, as they are now.
fn numbers_of_others(tx: &Transaction<'_>, board: i64, meeting: i64) -> Result<Vec<(i64, MeetingRecord)>> {
    let ids: Vec<i64> = tx
        .prepare(
            "SELECT DISTINCT m.id FROM meetings m JOIN agenda_items a ON a.meeting_id = m.id
             WHERE m.board_id = ?1 AND m.id <> ?2 AND m.status = 'planned'",
        )?
        .query_map(params![board, meeting], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| Ok((id, get(tx, id)?))).collect()
}

/// Gives every item of the board waiting for a number (lifted or new) the
/// next free number of its series and year, meeting by meeting in date
/// order and in agenda order within each, going round numbers fixed in
/// later meetings.
fn renumber(tx: &Transaction<'_>, board: i64) -> Result<()> {
    struct Row {
        id: i64,
        meeting: i64,
        series: i64,
        year: i32,
        seq: i64,
    }
    let rows: Vec<Row> = tx
        .prepare(
            "SELECT a.id, a.meeting_id, a.series_id, a.year, a.seq FROM agenda_items a
             JOIN meetings m ON m.id = a.meeting_id
             WHERE a.board_id = ?1 ORDER BY m.date, m.id, a.position",
        )?
        .query_map([board], |r| {
            Ok(Row { id: r.get(0)?, meeting: r.get(1)?, series: r.get(2)?, year: r.get(3)?, seq: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    if rows.iter().all(|r| r.seq < LIFTED) {
        return Ok(());
    }
    // Series ids stand in for series indexes: they are unique within the board.
    let used =
        |r: &Row| UsedNumber { series: r.series as u32, number: AgendaNumber { year: r.year, seq: r.seq as u32 } };
    let mut done: Vec<UsedNumber> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let meeting = rows[start].meeting;
        let end = start + rows[start..].iter().take_while(|r| r.meeting == meeting).count();
        let here = &rows[start..end];
        let later: Vec<UsedNumber> = rows[end..].iter().filter(|r| r.seq < LIFTED).map(used).collect();
        let drafts: Vec<ItemDraft> = here
            .iter()
            .map(|r| ItemDraft {
                case: None,
                series: r.series as u32,
                number: (r.seq < LIFTED).then_some(AgendaNumber { year: r.year, seq: r.seq as u32 }),
            })
            .collect();
        let year = here[0].year;
        let numbers = sakliste::assign_numbers(&drafts, year, &done, &later);
        for (r, n) in here.iter().zip(&numbers) {
            if r.seq >= LIFTED {
                tx.execute("UPDATE agenda_items SET year = ?2, seq = ?3 WHERE id = ?1", params![r.id, n.year, n.seq])?;
            }
            done.push(UsedNumber { series: r.series as u32, number: *n });
        }
        start = end;
    }
    Ok(())
}

/// The numbers fixed in the board's other meetings, by series index: those
/// of held meetings and those given by hand. (Planned meetings' other
/// numbers give way.)
fn fixed_numbers(
    tx: &Transaction<'_>,
    board: i64,
    meeting: i64,
    series: &[(i64, SeriesRef)],
) -> Result<Vec<UsedNumber>> {
    let mut stmt = tx.prepare(
        "SELECT a.series_id, a.year, a.seq FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
         WHERE a.board_id = ?1 AND a.meeting_id <> ?2 AND (m.status <> 'planned' OR a.number_given = 1)",
    )?;
    let rows = stmt.query_map(params![board, meeting], |r| {
        Ok((r.get::<_, i64>(0)?, AgendaNumber { year: r.get(1)?, seq: r.get(2)? }))
    })?;
    let mut used = Vec::new();
    for row in rows {
        let (series_id, number) = row?;
        if let Some(index) = series.iter().position(|(s, _)| *s == series_id) {
            used.push(UsedNumber { series: index as u32, number });
        }
    }
    Ok(used)
}

/// The board's newest meeting with a sakliste: what a layout's preview shows.
pub fn latest_with_items(conn: &Connection, board: i64) -> Result<Option<(i64, chrono::NaiveDate)>> {
    conn.query_row(
        "SELECT m.id, m.date FROM meetings m
         WHERE m.board_id = ?1 AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = m.id)
         ORDER BY m.date DESC, m.id DESC LIMIT 1",
        [board],
        |r| Ok((r.get(0)?, r.get::<_, String>(1)?)),
    )
    .optional()?
    .map(|(id, date)| Ok((id, parse_date(&date)?)))
    .transpose()
}

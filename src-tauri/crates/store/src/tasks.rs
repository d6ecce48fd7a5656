//! Vedtaksoppfølging: follow-up tasks, made by hand or one per paragraph of
//! a vedtak, for an agreement or on their own; and the Fristar overview of
//! agreements' and tasks' deadlines.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::AgendaNumber;
use saksbok_core::agreement::deadlines::{Deadlines, TaskDates, deadlines};
use saksbok_core::agreement::record::TaskRecord;
use saksbok_core::agreement::report::{FollowUpItem, FollowUpReport, FollowUpTask};
use saksbok_core::agreement::task::{TaskFields, TaskStatus, title_from_paragraph};
use saksbok_core::text::paragraphs;
use serde_json::json;

use crate::audit::{self, Actor};
use crate::sql::{bad_value, new_uuid, parse_date};
use crate::{Result, StoreError};

/// What a task follows up, besides its own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskSource {
    pub agreement_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    /// The vedtak paragraph, word for word, and which one it is (1…).
    pub source_text: Option<String>,
    pub paragraph: Option<u32>,
}

const COLUMNS: &str = "t.id, t.uuid, t.title, t.responsible, t.due, t.status, t.notes, t.agreement_id, g.title, \
                       t.agenda_item_id, a.year, a.seq, t.source_text, t.paragraph, t.revision";
const FROM: &str = "FROM tasks t LEFT JOIN agreements g ON g.id = t.agreement_id \
                    LEFT JOIN agenda_items a ON a.id = t.agenda_item_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<TaskRecord> {
    let status: String = r.get(5)?;
    let agenda_number = match (r.get::<_, Option<i32>>(10)?, r.get::<_, Option<u32>>(11)?) {
        (Some(year), Some(seq)) => Some(AgendaNumber { year, seq }.to_string()),
        _ => None,
    };
    Ok(TaskRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        title: r.get(2)?,
        responsible: r.get(3)?,
        due: r.get(4)?,
        status: TaskStatus::parse(&status).ok_or_else(|| bad_value("oppgåvestatus", &status))?,
        notes: r.get(6)?,
        agreement_id: r.get(7)?,
        agreement_title: r.get(8)?,
        agenda_item_id: r.get(9)?,
        agenda_number,
        source_text: r.get(12)?,
        paragraph: r.get(13)?,
        revision: r.get(14)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<TaskRecord> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE t.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("oppgåve med id {id}")))
}

/// The tasks of one agreement, or all; by paragraph, then as made.
pub fn list(conn: &Connection, agreement_id: Option<i64>) -> Result<Vec<TaskRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE ?1 IS NULL OR t.agreement_id = ?1
         ORDER BY t.agreement_id, t.agenda_item_id, ifnull(t.paragraph, 1e9), t.id"
    ))?;
    Ok(stmt.query_map([agreement_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

fn audit_json(t: &TaskRecord) -> String {
    json!({
        "uuid": t.uuid,
        "title": t.title,
        "responsible": t.responsible,
        "due": t.due,
        "status": t.status.as_str(),
        "notes": t.notes,
        "agreement": t.agreement_id,
        "agenda_item": t.agenda_item_id,
        "paragraph": t.paragraph,
    })
    .to_string()
}

fn check_source(conn: &Connection, s: &TaskSource) -> Result<()> {
    if let Some(a) = s.agreement_id {
        conn.query_row("SELECT 1 FROM agreements WHERE id = ?1", [a], |_| Ok(()))
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("Avtalen med id {a} finst ikkje.")))?;
    }
    if let Some(i) = s.agenda_item_id {
        conn.query_row("SELECT 1 FROM agenda_items WHERE id = ?1", [i], |_| Ok(()))
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("Utvalssaka med id {i} finst ikkje.")))?;
    }
    Ok(())
}

/// Makes a task.
pub fn create(tx: &Transaction<'_>, who: &Actor<'_>, source: &TaskSource, f: &TaskFields) -> Result<i64> {
    check_source(tx, source)?;
    let now = who.timestamp();
    tx.execute(
        "INSERT INTO tasks (uuid, title, agreement_id, agenda_item_id, source_text, paragraph, responsible, due, status,
                            notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            new_uuid(),
            f.title,
            source.agreement_id,
            source.agenda_item_id,
            source.source_text,
            source.paragraph,
            f.responsible,
            f.due.map(|d| d.to_string()),
            f.status.as_str(),
            f.notes,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, who, "create", "task", id, None, Some(&audit_json(&get(tx, id)?)))?;
    Ok(id)
}

/// Saves a task's own fields; what it follows up stays.
pub fn update(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, f: &TaskFields) -> Result<()> {
    let before = get(tx, id)?;
    let due = f.due.map(|d| d.to_string());
    if before.title == f.title
        && before.responsible == f.responsible
        && before.due == due
        && before.status == f.status
        && before.notes == f.notes
    {
        return Ok(());
    }
    tx.execute(
        "UPDATE tasks SET title = ?2, responsible = ?3, due = ?4, status = ?5, notes = ?6, revision = revision + 1,
                          updated_at = ?7
         WHERE id = ?1",
        params![id, f.title, f.responsible, due, f.status.as_str(), f.notes, who.timestamp()],
    )?;
    let after = get(tx, id)?;
    audit::record(tx, who, "update", "task", id, Some(&audit_json(&before)), Some(&audit_json(&after)))
}

/// One task per paragraph of the utvalssak's vedtak, each keeping its
/// paragraph word for word, for `agreement_id` when given. Paragraphs that
/// already have a task from this vedtak (for the same agreement) are
/// skipped, so running it again adds only what is new. Returns the new tasks' ids.
pub fn from_vedtak(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    agenda_item_id: i64,
    agreement_id: Option<i64>,
) -> Result<Vec<i64>> {
    let (vedtak, year, seq): (Option<String>, i32, u32) = tx
        .query_row("SELECT vedtak, year, seq FROM agenda_items WHERE id = ?1", [agenda_item_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::Invalid(format!("Utvalssaka med id {agenda_item_id} finst ikkje.")))?;
    let number = AgendaNumber { year, seq };
    let paragraphs = vedtak.as_deref().map(paragraphs).unwrap_or_default();
    if paragraphs.is_empty() {
        return Err(StoreError::Invalid(format!(
            "Sak {number} har ikkje noko vedtak enno, så det er ingenting å følgja opp."
        )));
    }
    let mut made = Vec::new();
    for (i, text) in paragraphs.iter().enumerate() {
        let paragraph = (i + 1) as u32;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM tasks WHERE agenda_item_id = ?1 AND paragraph = ?2 AND agreement_id IS ?3)",
            params![agenda_item_id, paragraph, agreement_id],
            |r| r.get(0),
        )?;
        if exists {
            continue;
        }
        let fields = TaskFields {
            title: title_from_paragraph(text),
            responsible: None,
            due: None,
            status: TaskStatus::IkkjeStarta,
            notes: None,
        };
        let source = TaskSource {
            agreement_id,
            agenda_item_id: Some(agenda_item_id),
            source_text: Some(text.clone()),
            paragraph: Some(paragraph),
        };
        made.push(create(tx, who, &source, &fields)?);
    }
    Ok(made)
}

/// The dates of every task, for the Fristar overview.
pub fn all_dates(conn: &Connection) -> Result<Vec<TaskDates>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} {FROM} ORDER BY t.id"))?;
    let tasks = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    tasks
        .into_iter()
        .map(|t| {
            Ok(TaskDates {
                id: t.id,
                uuid: t.uuid,
                title: t.title,
                agreement: t.agreement_id.zip(t.agreement_title),
                responsible: t.responsible,
                due: t.due.as_deref().map(parse_date).transpose()?,
                status: t.status,
                revision: t.revision,
            })
        })
        .collect::<rusqlite::Result<_>>()
        .map_err(Into::into)
}

/// Fristar: every agreement's and task's deadline from `today` to `today +
/// within_days`, and those overdue.
pub fn overview(conn: &Connection, today: NaiveDate, within_days: u32) -> Result<Deadlines> {
    Ok(deadlines(&crate::agreements::all_dates(conn)?, &all_dates(conn)?, today, within_days))
}

/// Oppfølging av vedtak: the tasks that follow up vedtak of `board`'s
/// meetings from `from` to `to`, per utvalssak in meeting order.
pub fn followup_report(
    conn: &Connection,
    board: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<FollowUpReport> {
    if to < from {
        return Err(StoreError::Invalid("Perioden sluttar før han byrjar.".into()));
    }
    let board_name: String = conn
        .query_row("SELECT name FROM boards WHERE id = ?1", [board], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utval med id {board}")))?;
    let mut stmt = conn.prepare(
        "SELECT a.id, a.year, a.seq, a.title, m.date, t.paragraph, t.title, t.responsible, t.due, t.status,
                g.title, t.notes
         FROM tasks t
         JOIN agenda_items a ON a.id = t.agenda_item_id
         JOIN meetings m ON m.id = a.meeting_id
         LEFT JOIN agreements g ON g.id = t.agreement_id
         WHERE a.board_id = ?1 AND m.date BETWEEN ?2 AND ?3
         ORDER BY m.date, a.position, ifnull(t.paragraph, 1e9), t.id",
    )?;
    let rows = stmt.query_map(params![board, from.to_string(), to.to_string()], |r| {
        let status: String = r.get(9)?;
        Ok((
            r.get::<_, i64>(0)?,
            AgendaNumber { year: r.get(1)?, seq: r.get(2)? }.to_string(),
            r.get::<_, String>(3)?,
            parse_date(&r.get::<_, String>(4)?)?,
            FollowUpTask {
                paragraph: r.get(5)?,
                title: r.get(6)?,
                responsible: r.get(7)?,
                due: r.get::<_, Option<String>>(8)?.as_deref().map(parse_date).transpose()?,
                status: TaskStatus::parse(&status).ok_or_else(|| bad_value("oppgåvestatus", &status))?,
                agreement: r.get(10)?,
                notes: r.get(11)?,
            },
        ))
    })?;
    let mut items: Vec<(i64, FollowUpItem)> = Vec::new();
    for row in rows {
        let (item_id, number, title, meeting_date, task) = row?;
        match items.last_mut() {
            Some((id, item)) if *id == item_id => item.tasks.push(task),
            _ => items.push((item_id, FollowUpItem { number, meeting_date, title, tasks: vec![task] })),
        }
    }
    Ok(FollowUpReport {
        municipality: crate::settings::setting(conn, "municipality")?.unwrap_or_default(),
        logo: crate::settings::logo(conn)?,
        board: board_name,
        from,
        to,
        today,
        items: items.into_iter().map(|(_, i)| i).collect(),
    })
}

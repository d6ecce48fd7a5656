//! Arkivsaker: create, edit, read, and the case list. Every write is audited
//! and re-indexed in the caller's transaction.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::CaseNumber;
use saksbok_core::case::{CaseFields, CaseStatus, FieldError};
use saksbok_core::demo::CaseDraft;
use saksbok_core::register::{CaseFilterOptions, CasePage, CaseQuery, CaseRecord, CaseRow, CaseSort, SaksgangStep};
use saksbok_core::search::{fts_query, snippet};
use serde_json::json;

use crate::audit::{self, Actor};
use crate::derived::sort_key;
use crate::sql::{bad_value, new_uuid, parse_date};
use crate::{Result, StoreError};

/// The most rows one page of the list may ask for.
pub const MAX_PAGE: u32 = 1000;

/// Above this many matches, "best match first" gives way to "newest
/// registered first": bm25 costs about a microsecond per match, and a
/// search that matches most of the register is a word still being typed.
pub const RANKED_MATCHES: u32 = 1000;

/// How many words a search snippet shows.
const SNIPPET_WORDS: usize = 14;

pub(crate) fn id_of(conn: &Connection, n: CaseNumber) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM cases WHERE year = ?1 AND seq = ?2", params![n.year, n.seq], |r| r.get(0))
        .optional()?)
}

/// Finds a case by number.
pub fn find(conn: &Connection, n: CaseNumber) -> Result<i64> {
    id_of(conn, n)?.ok_or_else(|| StoreError::NotFound(format!("arkivsak {n}")))
}

/// The number the next new case of `year` gets.
pub fn next_number(conn: &Connection, year: i32) -> Result<CaseNumber> {
    let last: Option<u32> = conn
        .prepare_cached("SELECT last_seq FROM case_number_series WHERE year = ?1")?
        .query_row([year], |r| r.get(0))
        .optional()?;
    Ok(saksbok_core::number::next_case_number(year, last))
}

/// What only the database can say about a new case: whether its number was
/// ever used. Empty when all is well.
pub fn check_new(conn: &Connection, fields: &CaseFields) -> Result<Vec<FieldError>> {
    let Some(n) = fields.number else { return Ok(Vec::new()) };
    let used: Option<String> = conn
        .query_row("SELECT title FROM cases WHERE year = ?1 AND seq = ?2", params![n.year, n.seq], |r| r.get(0))
        .optional()?;
    Ok(used
        .map(|title| {
            FieldError::new(
                "number",
                format!("Saksnummeret {n} er alt brukt («{title}»). Eit saksnummer vert aldri brukt om att."),
            )
        })
        .into_iter()
        .collect())
}

const CASE_COLUMNS: &str = "id, uuid, year, seq, title, public_title, status, officer, unit, classification, \
                            screening_basis, opened_on, closed_on, notes, created_at, updated_at";

fn optional_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?.map(|s| parse_date(&s)).transpose()
}

fn status_at(r: &Row<'_>, i: usize) -> rusqlite::Result<CaseStatus> {
    let s: String = r.get(i)?;
    CaseStatus::parse(&s).ok_or_else(|| bad_value("saksstatus", &s))
}

fn record_from_row(r: &Row<'_>) -> rusqlite::Result<CaseRecord> {
    Ok(CaseRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        number: CaseNumber { year: r.get(2)?, seq: r.get(3)? },
        title: r.get(4)?,
        public_title: r.get(5)?,
        status: status_at(r, 6)?,
        officer: r.get(7)?,
        unit: r.get(8)?,
        classification: r.get(9)?,
        screening_basis: r.get(10)?,
        opened_on: optional_date(r, 11)?,
        closed_on: optional_date(r, 12)?,
        notes: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<CaseRecord> {
    conn.prepare_cached(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"))?
        .query_row([id], record_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("arkivsak med id {id}")))
}

/// The case as the history stores it: English keys, flat values.
pub(crate) fn audit_json(c: &CaseRecord) -> String {
    json!({
        "uuid": c.uuid,
        "number": c.number.to_string(),
        "title": c.title,
        "public_title": c.public_title,
        "status": c.status.as_str(),
        "officer": c.officer,
        "unit": c.unit,
        "classification": c.classification,
        "screening_basis": c.screening_basis,
        "opened_on": c.opened_on.map(|d| d.to_string()),
        "closed_on": c.closed_on.map(|d| d.to_string()),
        "notes": c.notes,
    })
    .to_string()
}

fn invalid_number(message: String) -> StoreError {
    StoreError::InvalidFields(vec![FieldError::new("number", message)])
}

/// Registers a new arkivsak. Without a number it gets the next one of the
/// year it was opened; with one (an imported case) that number must never
/// have been used.
pub fn create(tx: &Transaction<'_>, who: &Actor<'_>, f: &CaseFields) -> Result<CaseRecord> {
    let errors = check_new(tx, f)?;
    if !errors.is_empty() {
        return Err(StoreError::InvalidFields(errors));
    }
    let number = match f.number {
        Some(n) => n,
        None => next_number(tx, f.opened_on.year())?,
    };
    if !(1900..=2999).contains(&number.year) {
        return Err(invalid_number(format!("Året i saksnummeret {number} er utanfor 1900–2999.")));
    }
    let ts = who.timestamp();
    tx.prepare_cached(
        "INSERT INTO cases (uuid, year, seq, title, public_title, status, officer, unit, classification,
                            screening_basis, opened_on, closed_on, notes, sort_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        new_uuid(),
        number.year,
        number.seq,
        f.title,
        f.public_title,
        f.status.as_str(),
        f.officer,
        f.unit,
        f.classification,
        f.screening_basis,
        f.opened_on.to_string(),
        f.closed_on.map(|d| d.to_string()),
        f.notes,
        sort_key(&f.title),
        ts,
    ])?;
    registered(tx, who, tx.last_insert_rowid())
}

/// What follows every new case, whoever made it: its history row and its search row.
fn registered(tx: &Transaction<'_>, who: &Actor<'_>, id: i64) -> Result<CaseRecord> {
    let record = get(tx, id)?;
    audit::record(tx, who, "create", "case", id, None, Some(&audit_json(&record)))?;
    crate::search::reindex_case(tx, id)?;
    Ok(record)
}

/// Saves an edited case. The number never changes; a save that changes
/// nothing writes nothing, not even a history row.
pub fn update(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, f: &CaseFields) -> Result<CaseRecord> {
    let before = get(tx, id)?;
    if let Some(n) = f.number
        && n != before.number
    {
        return Err(invalid_number(format!(
            "Saksnummeret {} kan ikkje endrast (du skreiv {n}). Registrer ei ny sak om nummeret er feil.",
            before.number
        )));
    }
    let after = CaseRecord {
        title: f.title.clone(),
        public_title: f.public_title.clone(),
        status: f.status,
        officer: f.officer.clone(),
        unit: f.unit.clone(),
        classification: f.classification.clone(),
        screening_basis: f.screening_basis.clone(),
        opened_on: Some(f.opened_on),
        closed_on: f.closed_on,
        notes: f.notes.clone(),
        ..before.clone()
    };
    if audit_json(&after) == audit_json(&before) {
        return Ok(before);
    }
    tx.execute(
        "UPDATE cases SET title = ?2, public_title = ?3, status = ?4, officer = ?5, unit = ?6, classification = ?7,
                          screening_basis = ?8, opened_on = ?9, closed_on = ?10, notes = ?11, sort_key = ?12,
                          updated_at = ?13
         WHERE id = ?1",
        params![
            id,
            after.title,
            after.public_title,
            after.status.as_str(),
            after.officer,
            after.unit,
            after.classification,
            after.screening_basis,
            f.opened_on.to_string(),
            after.closed_on.map(|d| d.to_string()),
            after.notes,
            sort_key(&after.title),
            who.timestamp(),
        ],
    )?;
    let stored = get(tx, id)?;
    audit::record(tx, who, "update", "case", id, Some(&audit_json(&before)), Some(&audit_json(&stored)))?;
    crate::search::reindex_case(tx, id)?;
    Ok(stored)
}

/// A case given only by number and title (the demo data).
pub(crate) fn insert_draft(tx: &Transaction<'_>, who: &Actor<'_>, case: &CaseDraft) -> Result<i64> {
    if id_of(tx, case.number)?.is_some() {
        return Err(invalid_number(format!("Arkivsak {} finst frå før.", case.number)));
    }
    let ts = who.timestamp();
    tx.execute(
        "INSERT INTO cases (uuid, year, seq, title, status, sort_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'in_progress', ?5, ?6, ?6)",
        params![new_uuid(), case.number.year, case.number.seq, case.title, sort_key(&case.title), ts],
    )?;
    Ok(registered(tx, who, tx.last_insert_rowid())?.id)
}

/// The boards a case has been to, oldest meeting first.
pub fn saksgang(conn: &Connection, case_id: i64) -> Result<Vec<SaksgangStep>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.year, a.seq, b.name, m.date, a.vedtak
         FROM agenda_items a
         JOIN meetings m ON m.id = a.meeting_id
         JOIN boards b ON b.id = a.board_id
         WHERE a.case_id = ?1
         ORDER BY m.date, a.position",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(SaksgangStep {
            agenda_item_id: r.get(0)?,
            number: saksbok_core::AgendaNumber { year: r.get(1)?, seq: r.get(2)? },
            board: r.get(3)?,
            meeting_date: parse_date(&r.get::<_, String>(4)?)?,
            vedtak: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The WHERE clause and its parameters for a case query.
fn filters(q: &CaseQuery, fts: Option<&str>) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut clauses = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(m) = fts {
        values.push(Value::Text(m.to_string()));
        clauses.push(format!("case_search MATCH ?{}", values.len()));
    }
    if let Some(s) = q.status {
        values.push(Value::Text(s.as_str().to_string()));
        clauses.push(format!("c.status = ?{}", values.len()));
    }
    if let Some(y) = q.year {
        values.push(Value::Integer(i64::from(y)));
        clauses.push(format!("c.year = ?{}", values.len()));
    }
    if let Some(o) = q.officer.as_deref().filter(|o| !o.is_empty()) {
        values.push(Value::Text(o.to_string()));
        clauses.push(format!("c.officer = ?{}", values.len()));
    }
    if let Some(b) = q.board.as_deref().filter(|b| !b.is_empty()) {
        values.push(Value::Text(b.to_string()));
        clauses.push(format!(
            "EXISTS (SELECT 1 FROM agenda_items a JOIN boards b ON b.id = a.board_id
                     WHERE a.case_id = c.id AND b.name = ?{})",
            values.len()
        ));
    }
    let clause = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (clause, values)
}

/// One page of the case list: search text, filters and order as asked.
/// Call it inside [`crate::Store::read`] so the count and the rows agree.
pub fn list(conn: &Connection, q: &CaseQuery) -> Result<CasePage> {
    let limit = q.limit.clamp(1, MAX_PAGE);
    let fts = fts_query(&q.text);
    if fts.is_none() && !q.text.trim().is_empty() {
        // Only punctuation: nothing can match, and that is not an error.
        return Ok(CasePage { total: 0, offset: q.offset, rows: Vec::new() });
    }
    let (clause, mut values) = filters(q, fts.as_deref());
    let filtered = values.len() > usize::from(fts.is_some());
    let from = match (fts.is_some(), filtered) {
        (false, _) => "cases c",
        // The index alone can count and page its matches in rowid order.
        (true, false) => "case_search",
        (true, true) => "cases c JOIN case_search ON case_search.rowid = c.id",
    };
    let total: u32 =
        conn.query_row(&format!("SELECT count(*) FROM {from} {clause}"), rusqlite::params_from_iter(&values), |r| {
            r.get(0)
        })?;
    let exact = q.text.parse::<CaseNumber>().ok();
    let (from, order) = match (q.sort, fts.is_some()) {
        (CaseSort::Relevance, true) if total > RANKED_MATCHES => (from, "case_search.rowid DESC".to_string()),
        (CaseSort::Relevance, true) => {
            // A case whose number was typed comes first, then bm25 with the
            // title weighing more than the body.
            let (y, s) = exact.map_or((0, 0), |n| (n.year, n.seq));
            (
                "cases c JOIN case_search ON case_search.rowid = c.id",
                format!(
                    "(c.year = {y} AND c.seq = {s}) DESC, bm25(case_search, 10.0, 5.0, 1.0), c.year DESC, c.seq DESC"
                ),
            )
        }
        (sort, true) => ("cases c JOIN case_search ON case_search.rowid = c.id", plain_order(sort).to_string()),
        (sort, false) => (from, plain_order(sort).to_string()),
    };
    let id = if from == "case_search" { "case_search.rowid" } else { "c.id" };
    values.push(rusqlite::types::Value::Integer(i64::from(limit)));
    values.push(rusqlite::types::Value::Integer(i64::from(q.offset)));
    let n = values.len();
    let ids: Vec<i64> = conn
        .prepare(&format!("SELECT {id} FROM {from} {clause} ORDER BY {order} LIMIT ?{} OFFSET ?{n}", n - 1))?
        .query_map(rusqlite::params_from_iter(&values), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;

    // Then the page's rows, and a snippet for each: never for every match.
    let mut row = conn.prepare_cached(
        "SELECT id, year, seq, title, status, officer, opened_on, screening_basis IS NOT NULL FROM cases WHERE id = ?1",
    )?;
    let mut text = conn.prepare_cached("SELECT body FROM case_search WHERE rowid = ?1")?;
    let searched: Vec<String> = saksbok_core::search::words(&q.text).collect();
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let mut r = row.query_row([id], |r| {
            Ok(CaseRow {
                id: r.get(0)?,
                number: CaseNumber { year: r.get(1)?, seq: r.get(2)? },
                title: r.get(3)?,
                status: status_at(r, 4)?,
                officer: r.get(5)?,
                opened_on: optional_date(r, 6)?,
                screened: r.get(7)?,
                snippet: Vec::new(),
            })
        })?;
        if fts.is_some() {
            // Where in the body the words were found; a hit only in the
            // title (shown anyway) or the number needs no snippet.
            let body: Option<String> = text.query_row([id], |r| r.get(0)).optional()?;
            r.snippet = body.map(|b| snippet(&b, &searched, SNIPPET_WORDS)).unwrap_or_default();
        }
        rows.push(r);
    }
    Ok(CasePage { total, offset: q.offset, rows })
}

fn plain_order(sort: CaseSort) -> &'static str {
    match sort {
        CaseSort::Title => "c.sort_key, c.year DESC, c.seq DESC",
        CaseSort::NumberAsc => "c.year, c.seq",
        CaseSort::NumberDesc | CaseSort::Relevance => "c.year DESC, c.seq DESC",
    }
}

/// The years, officers and boards the list's filters can choose from.
pub fn filter_options(conn: &Connection) -> Result<CaseFilterOptions> {
    let strings = |sql: &str| -> Result<Vec<String>> {
        Ok(conn.prepare(sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    let years: Vec<i32> = conn
        .prepare("SELECT year FROM case_number_series ORDER BY year DESC")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut officers = strings("SELECT DISTINCT officer FROM cases WHERE officer IS NOT NULL")?;
    officers.sort_by_cached_key(|s| sort_key(s));
    let mut boards = strings("SELECT name FROM boards")?;
    boards.sort_by_cached_key(|s| sort_key(s));
    Ok(CaseFilterOptions { years, officers, boards })
}

//! JSON interchange: the whole database as one versioned JSON document, and
//! back. The format is documented by `schema/saksbok-export-v8.schema.json`;
//! a test keeps that file and the database's tables in step.
//!
//! Export writes every table in a fixed order, rows by id, columns in table
//! order, so the same database always gives the same bytes. Import checks the
//! whole document first (format, version, every row's columns and types) and
//! then writes it in one transaction: any problem, a number or UUID that is
//! already used included, leaves the database as it was and names the JSON
//! path of the problem. Into an empty database the rows keep their ids, so
//! export → import → export gives the same bytes; into a database that holds
//! data they get new ids and every reference is moved with them.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value};

use crate::audit::Actor;
use crate::{Result, StoreError};

/// What `format` says in every export.
pub const FORMAT: &str = "saksbok";
/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: i64 = 8;

/// The oldest format version this build reads. A file of an older version
/// may lack what came later ([`ADDED`]); the database's defaults fill it in.
pub const OLDEST_READ: i64 = 1;

/// Tables (column `*`) and columns added after format version 1, with the
/// version that added them.
const ADDED: &[(&str, &str, i64)] = &[
    ("boards", "number_format", 2),
    ("boards", "number_width", 2),
    ("boards", "default_place", 2),
    ("boards", "language", 2),
    ("boards", "distribution", 2),
    ("board_series", "*", 2),
    ("board_members", "substitute_order", 2),
    ("meetings", "status", 3),
    ("meetings", "notice_sent", 3),
    ("meetings", "notice_method", 3),
    ("agenda_items", "series_id", 3),
    ("agenda_items", "number_given", 3),
    ("agenda_items", "closed", 3),
    ("agenda_items", "added_late", 3),
    ("agenda_items", "elects_signatories", 3),
    ("meetings", "head_count", 3),
    ("meetings", "chair_elected", 3),
    ("meeting_attendance", "title", 3),
    ("meeting_attendance", "from_item_id", 3),
    ("meeting_attendance", "to_item_id", 3),
    ("meeting_attendance", "arrived_at", 3),
    ("meeting_attendance", "left_at", 3),
    ("meeting_attendance", "signs", 3),
    ("meeting_attendance", "chair", 3),
    ("attendance_away", "*", 3),
    ("disqualifications", "*", 3),
    ("votes", "other_proposal_id", 3),
    ("votes", "other_subject", 3),
    ("votes", "other_votes", 3),
    ("vote_parties", "*", 3),
    ("behandling_blocks", "meeting_id", 3),
    ("behandling_blocks", "before_item_id", 3),
    ("behandling_blocks", "title", 3),
    ("behandling_blocks", "answer", 3),
    ("proposals", "concerns_item_id", 3),
    ("agenda_items", "behandling_text", 3),
    ("attachments", "*", 3),
    ("phrase_templates", "*", 3),
    ("waiting_cases", "*", 3),
    ("boards", "protocol_layout", 4),
    ("meetings", "approved_by", 4),
    ("meetings", "approval_note", 4),
    ("printed_protocols", "approved", 4),
    ("printed_protocols", "signed_from", 5),
    ("printed_protocols", "signatures", 5),
    ("printed_protocols", "signed_source", 5),
    ("agreements", "*", 6),
    ("agreement_parties", "*", 6),
    ("agreement_status_log", "*", 6),
    ("agreement_links", "*", 6),
    ("tasks", "*", 6),
    ("meetings", "frozen", 6),
    ("meeting_scans", "*", 6),
    ("protocol_addenda", "*", 6),
    ("votes", "percent_for", 7),
    ("votes", "percent_against", 7),
    ("minutes_approvals", "*", 7),
    ("meeting_attachments", "*", 8),
];

/// Whether a file of `version` may lack `column` of `table` (or the whole table, `*`).
fn may_lack(version: i64, table: &str, column: &str) -> bool {
    ADDED.iter().any(|(t, c, since)| *t == table && (*c == column || *c == "*") && version < *since)
}

/// The tables an export holds, parents before children. A table added to the
/// schema must be added here (and to the JSON Schema): a test checks both.
pub const TABLES: &[&str] = &[
    "case_number_series",
    "cases",
    "journal_entries",
    "documents",
    "boards",
    "board_series",
    "phrase_templates",
    "persons",
    "board_members",
    "meetings",
    "agenda_items",
    "meeting_attendance",
    "attendance_away",
    "disqualifications",
    "proposals",
    "votes",
    "vote_parties",
    "behandling_blocks",
    "attachments",
    "meeting_attachments",
    "minutes_approvals",
    "waiting_cases",
    "printed_protocols",
    "agreements",
    "agreement_parties",
    "agreement_status_log",
    "agreement_links",
    "tasks",
    "meeting_scans",
    "protocol_addenda",
    "audit_log",
];

/// Tables that are never exported: derived (the search index), about the
/// import itself, settings (exported as an object of their own), or work in
/// progress on this machine (meeting-mode drafts).
pub const NOT_EXPORTED: &[&str] = &["settings", "import_log", "case_search", "blobs", "drafts"];

/// Columns that are derived from others and rebuilt on import.
const DERIVED_COLUMNS: &[(&str, &str)] = &[("cases", "sort_key")];

/// Settings that describe this file, not the municipality's data.
/// (The backup folder is a path on this machine; the register id names this file.)
const LOCAL_SETTINGS: &[&str] = &["derived_version", "backup_dir", "register_id"];

/// What the audit log calls each table's rows.
pub(crate) const ENTITIES: &[(&str, &str)] = &[
    ("case", "cases"),
    ("journal_entry", "journal_entries"),
    ("document", "documents"),
    ("board", "boards"),
    ("phrases", "boards"),
    ("protocol_layout", "boards"),
    ("meeting", "meetings"),
    ("roll", "meetings"),
    ("business", "meetings"),
    ("meeting_attachments", "meetings"),
    ("agenda_item", "agenda_items"),
    ("printed_protocol", "printed_protocols"),
    ("agreement", "agreements"),
    ("task", "tasks"),
];

#[derive(Debug, Clone)]
struct Column {
    name: String,
    /// INTEGER, TEXT, BLOB (the tables are STRICT).
    kind: String,
    not_null: bool,
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<Column>> {
    let mut stmt = conn.prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?1) ORDER BY cid")?;
    let cols = stmt
        .query_map([table], |r| Ok(Column { name: r.get(0)?, kind: r.get(1)?, not_null: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols.into_iter().filter(|c| !DERIVED_COLUMNS.contains(&(table, c.name.as_str()))).collect())
}

fn primary_key(table: &str) -> &'static str {
    if table == "case_number_series" { "year" } else { "id" }
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(saksbok_core::hash::hex(b)),
    }
}

/// The whole database as the interchange document.
pub fn export(conn: &Connection) -> Result<Value> {
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("format_version".into(), FORMAT_VERSION.into());
    let mut settings = Map::new();
    let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, v) = row?;
        if !LOCAL_SETTINGS.contains(&k.as_str()) {
            settings.insert(k, v.into());
        }
    }
    doc.insert("settings".into(), settings.into());
    for table in TABLES {
        let cols = columns(conn, table)?;
        let list = cols.iter().map(|c| format!("\"{}\"", c.name)).collect::<Vec<_>>().join(", ");
        let mut stmt = conn.prepare(&format!("SELECT {list} FROM {table} ORDER BY {}", primary_key(table)))?;
        let rows = stmt
            .query_map([], |r| {
                let mut obj = Map::new();
                for (i, c) in cols.iter().enumerate() {
                    obj.insert(c.name.clone(), json_of(r.get_ref(i)?));
                }
                Ok(Value::Object(obj))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        doc.insert((*table).to_string(), rows.into());
    }
    Ok(Value::Object(doc))
}

/// The export as text: pretty-printed, with a final newline.
pub fn export_text(conn: &Connection) -> Result<String> {
    let doc = export(conn)?;
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| StoreError::Invalid(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// What an import added, per table.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ImportSummary {
    pub rows: BTreeMap<String, usize>,
    /// Whether rows kept their ids (an empty database) or got new ones.
    pub kept_ids: bool,
}

impl ImportSummary {
    pub fn total(&self) -> usize {
        self.rows.values().sum()
    }
}

fn bad(path: &str, what: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("Importfila er ikkje i orden ved {path}: {what}. Ingenting er importert."))
}

/// Reads interchange text. Invalid or truncated JSON names its line and column.
pub fn parse(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        StoreError::Invalid(format!(
            "Importfila er ikkje gyldig JSON (linje {}, kolonne {}: {e}). Ingenting er importert.",
            e.line(),
            e.column()
        ))
    })
}

/// Checks the document's shape against the database's tables: every row an
/// object with exactly the table's columns, each of the right type.
fn check(conn: &Connection, doc: &Value) -> Result<()> {
    let obj = doc.as_object().ok_or_else(|| bad("$", "dokumentet må vera eit JSON-objekt"))?;
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        _ => return Err(bad("$.format", format!("venta «{FORMAT}»; dette er ikkje ein Saksbok-eksport"))),
    }
    let version = match obj.get("format_version").and_then(Value::as_i64) {
        Some(v) if (OLDEST_READ..=FORMAT_VERSION).contains(&v) => v,
        Some(v) if v > FORMAT_VERSION => {
            return Err(StoreError::Invalid(format!(
                "Importfila er i formatversjon {v}, men denne Saksbok les berre til og med versjon {FORMAT_VERSION}. \
                 Oppgrader Saksbok. Ingenting er importert."
            )));
        }
        _ => return Err(bad("$.format_version", format!("venta eit heiltal frå {OLDEST_READ} til {FORMAT_VERSION}"))),
    };
    let known: Vec<&str> = ["format", "format_version", "settings"].into_iter().chain(TABLES.iter().copied()).collect();
    if let Some(k) = obj.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(bad(&format!("$.{k}"), "ukjend felt"));
    }
    match obj.get("settings") {
        Some(Value::Object(s)) => {
            if let Some((k, _)) = s.iter().find(|(_, v)| !v.is_string()) {
                return Err(bad(&format!("$.settings.{k}"), "venta tekst"));
            }
        }
        _ => return Err(bad("$.settings", "venta eit objekt")),
    }
    for table in TABLES {
        let path = format!("$.{table}");
        if obj.get(*table).is_none() && may_lack(version, table, "*") {
            continue;
        }
        let rows = obj.get(*table).and_then(Value::as_array).ok_or_else(|| bad(&path, "venta ei liste"))?;
        let cols = columns(conn, table)?;
        for (i, row) in rows.iter().enumerate() {
            let rpath = format!("{path}[{i}]");
            let r = row.as_object().ok_or_else(|| bad(&rpath, "venta eit objekt"))?;
            if let Some(k) = r.keys().find(|k| !cols.iter().any(|c| &c.name == *k)) {
                return Err(bad(&format!("{rpath}.{k}"), "ukjend felt"));
            }
            for c in &cols {
                let cpath = format!("{rpath}.{}", c.name);
                let Some(v) = r.get(&c.name) else {
                    if may_lack(version, table, &c.name) {
                        continue;
                    }
                    return Err(bad(&cpath, "feltet manglar"));
                };
                let ok = match (v, c.kind.as_str()) {
                    (Value::Null, _) => !c.not_null && c.name != primary_key(table),
                    (Value::Number(n), "INTEGER") => n.is_i64(),
                    (Value::String(_), "TEXT") => true,
                    (Value::String(s), "BLOB") => s.len() % 2 == 0 && s.bytes().all(|b| b.is_ascii_hexdigit()),
                    _ => false,
                };
                if !ok {
                    let want = match c.kind.as_str() {
                        "INTEGER" => "eit heiltal",
                        "BLOB" => "heksadesimale byte",
                        _ => "tekst",
                    };
                    let want = if c.not_null { want.to_string() } else { format!("{want} eller null") };
                    return Err(bad(&cpath, format!("venta {want}, fann {v}")));
                }
            }
        }
    }
    // What the form checks and a table's column types cannot say.
    if let Some(parties) = obj.get("agreement_parties").and_then(Value::as_array) {
        for (i, p) in parties.iter().enumerate() {
            if let Some(o) = p.get("orgnr").and_then(Value::as_str)
                && let Err(e) = saksbok_core::agreement::organisasjonsnummer(o)
            {
                return Err(bad(&format!("$.agreement_parties[{i}].orgnr"), e.trim_end_matches('.')));
            }
        }
    }
    Ok(())
}

/// A checked document of an older format in the form of this one, so one
/// import path serves all: what later versions added is filled in as the
/// migrations fill it in a database of that age.
fn upgrade(doc: &Value) -> Value {
    let mut doc = doc.clone();
    let version = doc["format_version"].as_i64().unwrap_or(FORMAT_VERSION);
    if version >= FORMAT_VERSION {
        return doc;
    }
    let obj = doc.as_object_mut().expect("checked");
    let rows =
        |obj: &Map<String, Value>, table: &str| obj.get(table).and_then(Value::as_array).cloned().unwrap_or_default();
    if version < 2 {
        // Every board had one number series without a prefix (0003).
        let boards = rows(obj, "boards");
        let series: Vec<Value> = boards
            .iter()
            .enumerate()
            .map(|(i, b)| serde_json::json!({"id": i as i64 + 1, "board_id": b["id"], "position": 1, "prefix": null, "label": null}))
            .collect();
        obj.insert("board_series".into(), series.into());
    }
    // 0004: meetings recorded so far were held (or approved); agenda items
    // are in their board's first series, with the numbers they were given.
    let first_series: HashMap<i64, i64> = {
        let mut first: HashMap<i64, (i64, i64)> = HashMap::new();
        for s in rows(obj, "board_series") {
            let (Some(board), Some(id), Some(pos)) = (s["board_id"].as_i64(), s["id"].as_i64(), s["position"].as_i64())
            else {
                continue;
            };
            let e = first.entry(board).or_insert((pos, id));
            if pos < e.0 {
                *e = (pos, id);
            }
        }
        first.into_iter().map(|(b, (_, id))| (b, id)).collect()
    };
    if let Some(Value::Array(meetings)) = obj.get_mut("meetings") {
        for m in meetings.iter_mut().filter_map(Value::as_object_mut) {
            let status = if m.get("approved_at").is_some_and(|a| !a.is_null()) { "approved" } else { "held" };
            m.entry("status").or_insert_with(|| status.into());
        }
    }
    // 0006: behandling blocks name their meeting.
    let meeting_of: HashMap<i64, Value> = rows(obj, "agenda_items")
        .iter()
        .filter_map(|a| Some((a.get("id")?.as_i64()?, a.get("meeting_id")?.clone())))
        .collect();
    if let Some(Value::Array(blocks)) = obj.get_mut("behandling_blocks") {
        for b in blocks.iter_mut().filter_map(Value::as_object_mut) {
            let item = b.get("agenda_item_id").and_then(Value::as_i64).unwrap_or_default();
            let meeting = meeting_of.get(&item).cloned().unwrap_or(Value::Null);
            b.entry("meeting_id").or_insert(meeting);
        }
    }
    if let Some(Value::Array(items)) = obj.get_mut("agenda_items") {
        for a in items.iter_mut().filter_map(Value::as_object_mut) {
            let board = a.get("board_id").and_then(Value::as_i64).unwrap_or_default();
            let closed = a.get("closed_basis").is_some_and(|b| !b.is_null());
            a.entry("series_id").or_insert_with(|| first_series.get(&board).copied().into());
            a.entry("number_given").or_insert_with(|| 1.into());
            a.entry("closed").or_insert_with(|| i64::from(closed).into());
        }
    }
    doc
}

/// True when the register holds nothing an import could collide with.
fn is_blank(conn: &Connection) -> Result<bool> {
    for table in TABLES {
        let any: Option<i64> =
            conn.query_row(&format!("SELECT 1 FROM {table} LIMIT 1"), [], |r| r.get(0)).optional()?;
        if any.is_some() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// For each column that refers to another table, the table whose ids it
/// holds (composite keys followed to the id they end in).
fn references(conn: &Connection, table: &str) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?;
    let fks: Vec<(String, String, Option<String>)> =
        stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = HashMap::new();
    for (from, parent, to) in fks {
        let to = to.unwrap_or_else(|| "id".into());
        let target = if to == "id" {
            parent
        } else {
            // e.g. agenda_items.board_id → meetings.board_id → boards.id
            references(conn, &parent)?.get(&to).cloned().unwrap_or(parent)
        };
        out.insert(from, target);
    }
    Ok(out)
}

fn sql_value(v: &Value, kind: &str) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Number(n) => Sql::Integer(n.as_i64().unwrap_or_default()),
        Value::String(s) if kind == "BLOB" => {
            Sql::Blob((0..s.len()).step_by(2).filter_map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect())
        }
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// A SQLite error while writing row `path` (the row `r`) becomes a message naming it.
fn at_row(path: &str, r: &Map<String, Value>, e: rusqlite::Error) -> StoreError {
    let what = match &e {
        rusqlite::Error::SqliteFailure(f, msg) => match f.extended_code {
            rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
                let msg = msg.as_deref().unwrap_or_default();
                let (year, seq) = (r.get("year").and_then(Value::as_i64), r.get("seq").and_then(Value::as_i64));
                if msg.contains("cases.year") {
                    let n = saksbok_core::CaseNumber {
                        year: year.unwrap_or_default() as i32,
                        seq: seq.unwrap_or_default() as u32,
                    };
                    format!("saksnummeret {n} er alt brukt i denne databasen")
                } else if msg.contains(".uuid") {
                    format!("UUID {} finst alt i denne databasen", r.get("uuid").and_then(Value::as_str).unwrap_or("?"))
                } else {
                    let cols = msg.rsplit(": ").next().unwrap_or(msg);
                    format!("same verdi ({cols}) finst alt i denne databasen")
                }
            }
            rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => "viser til noko som ikkje finst".to_string(),
            rusqlite::ffi::SQLITE_CONSTRAINT_CHECK | rusqlite::ffi::SQLITE_CONSTRAINT_NOTNULL => {
                format!("ein verdi er ikkje tillaten ({})", msg.as_deref().unwrap_or_default())
            }
            _ => msg.clone().unwrap_or_else(|| e.to_string()),
        },
        _ => e.to_string(),
    };
    bad(path, what)
}

/// The SHA-256 of every document's contents and every kept print's bytes,
/// which an export writes as files beside the JSON (see [`blob_dir`]).
pub fn blob_hashes(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare(
            "SELECT sha256 FROM documents UNION SELECT sha256 FROM meeting_scans UNION SELECT sha256 FROM printed_protocols
             WHERE sha256 IN (SELECT sha256 FROM blobs) ORDER BY sha256",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Where the document contents of an export live: `register.json` →
/// `register.dokument/`, one file per SHA-256.
pub fn blob_dir(json: &std::path::Path) -> std::path::PathBuf {
    json.with_extension("dokument")
}

/// Where an import gets a document's bytes from (the folder beside the JSON).
pub type BlobSource<'a> = &'a dyn Fn(&str) -> std::io::Result<Vec<u8>>;

/// Imports a checked document in the caller's transaction. `source` names
/// the file for the import log; `blobs` gives the bytes of each document not
/// already stored, which are checked against their SHA-256.
pub fn import(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    doc: &Value,
    source: &str,
    blobs: BlobSource<'_>,
) -> Result<ImportSummary> {
    check(tx, doc)?;
    // Files before format 4 held the documents' contents only, not the printed protocols'.
    let printed_bytes = doc["format_version"].as_i64().is_some_and(|v| v >= 4);
    let doc = &upgrade(doc);
    let keep_ids = is_blank(tx)?;
    let obj = doc.as_object().expect("checked");
    let mut summary = ImportSummary { kept_ids: keep_ids, ..ImportSummary::default() };
    // old id → new id, per table
    let mut ids: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
    // Boards of the file that were already in the database (by name).
    let mut matched_boards: Vec<i64> = Vec::new();
    if let Some(Value::Object(settings)) = obj.get("settings") {
        for (k, v) in settings {
            if !LOCAL_SETTINGS.contains(&k.as_str()) {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    rusqlite::params![k, v.as_str().unwrap_or_default()],
                )?;
            }
        }
    }
    for table in TABLES {
        let cols = columns(tx, table)?;
        let refs = references(tx, table)?;
        let no_rows = Vec::new();
        // A file of an older format may lack a table that came later.
        let rows = obj.get(*table).and_then(Value::as_array).unwrap_or(&no_rows);
        let mut map = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            let path = format!("$.{table}[{i}]");
            let r = row.as_object().expect("checked");
            if *table == "case_number_series" {
                // Series only move forward: the higher of the two wins.
                tx.execute(
                    "INSERT INTO case_number_series (year, last_seq) VALUES (?1, ?2)
                     ON CONFLICT (year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                    rusqlite::params![r["year"].as_i64(), r["last_seq"].as_i64()],
                )
                .map_err(|e| at_row(&path, r, e))?;
                continue;
            }
            if *table == "boards" && !keep_ids {
                // A board of the same name is the same board.
                let existing: Option<i64> = tx
                    .query_row("SELECT id FROM boards WHERE name = ?1", [r["name"].as_str()], |x| x.get(0))
                    .optional()?;
                if let (Some(id), Some(old)) = (existing, r["id"].as_i64()) {
                    map.insert(old, id);
                    matched_boards.push(old);
                    continue;
                }
            }
            if *table == "board_series" && r["board_id"].as_i64().is_some_and(|b| matched_boards.contains(&b)) {
                // The board was already here: it keeps its own series, and
                // what the file numbers in its series goes to the board's
                // series in the same place (or its first).
                let board = r["board_id"].as_i64().and_then(|b| ids.get("boards").and_then(|m| m.get(&b)).copied());
                crate::boards::ensure_series(tx, board.unwrap_or_default())?;
                // The series of the same prefix; else the file's first series is the board's first.
                let prefix = r["prefix"].as_str();
                let own: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM board_series WHERE board_id = ?1
                           AND (prefix IS ?2 OR (?3 = 1 AND position = 1))
                         ORDER BY prefix IS ?2 DESC LIMIT 1",
                        rusqlite::params![board, prefix, r["position"].as_i64()],
                        |x| x.get(0),
                    )
                    .optional()?;
                let own = own.ok_or_else(|| {
                    let name: String = tx
                        .query_row("SELECT name FROM boards WHERE id = ?1", [board], |x| x.get(0))
                        .unwrap_or_default();
                    bad(
                        &format!("{path}.prefix"),
                        format!(
                            "utvalet «{name}» finst alt, men utan nummerserien {} som fila brukar. Legg serien til \
                             utvalet under Utval og importer på nytt",
                            prefix.unwrap_or("utan prefiks")
                        ),
                    )
                })?;
                if let Some(old) = r["id"].as_i64() {
                    map.insert(old, own);
                }
                continue;
            }
            if *table == "phrase_templates" && !keep_ids {
                // The register's own wording of a phrase wins over the file's.
                let board = r["board_id"].as_i64().and_then(|b| ids.get("boards").and_then(|m| m.get(&b)).copied());
                let exists: Option<i64> = tx
                    .query_row(
                        "SELECT 1 FROM phrase_templates WHERE board_id IS ?1 AND language = ?2 AND key = ?3",
                        rusqlite::params![board, r["language"].as_str(), r["key"].as_str()],
                        |x| x.get(0),
                    )
                    .optional()?;
                if exists.is_some() {
                    continue;
                }
            }
            if *table == "documents" || *table == "meeting_scans" || (*table == "printed_protocols" && printed_bytes) {
                let sha = r["sha256"].as_str().unwrap_or_default();
                let stored: Option<i64> =
                    tx.query_row("SELECT 1 FROM blobs WHERE sha256 = ?1", [sha], |x| x.get(0)).optional()?;
                // A print from before Saksbok kept the bytes has none in the file either: its row still comes.
                let bytes = match blobs(sha) {
                    Err(_) if stored.is_none() && *table == "printed_protocols" => None,
                    found => Some(found),
                };
                if stored.is_none()
                    && let Some(found) = bytes
                {
                    let bytes =
                        found.map_err(|e| bad(&format!("{path}.sha256"), format!("innhaldet manglar ({e})")))?;
                    if crate::documents::sha256_hex(&bytes) != sha {
                        return Err(bad(&format!("{path}.sha256"), "innhaldet stemmer ikkje med hashen"));
                    }
                    tx.execute(
                        "INSERT INTO blobs (sha256, size, content) VALUES (?1, ?2, ?3)",
                        rusqlite::params![sha, bytes.len() as i64, bytes],
                    )?;
                }
            }
            let mut names = Vec::new();
            let mut values = Vec::new();
            for c in &cols {
                // …or a column that came later: the database's default fills it.
                let Some(given) = r.get(&c.name) else { continue };
                let mut v = sql_value(given, &c.kind);
                if c.name == "id" && !keep_ids {
                    continue;
                }
                if let (Some(target), Sql::Integer(old)) = (refs.get(&c.name), &v) {
                    // A row may refer to an earlier row of its own table
                    // (a varamedlem to the member they stand in for).
                    let known = if target == table { Some(&map) } else { ids.get(target.as_str()) };
                    if let Some(new) = known.and_then(|m| m.get(old)) {
                        v = Sql::Integer(*new);
                    } else if !keep_ids {
                        return Err(bad(
                            &format!("{path}.{}", c.name),
                            format!("viser til {target} {old}, som ikkje er i fila"),
                        ));
                    }
                }
                if *table == "audit_log" && c.name == "entity_id" && !keep_ids {
                    let entity = r["entity"].as_str().unwrap_or_default();
                    if let (Some((_, t)), Sql::Integer(old)) = (ENTITIES.iter().find(|(e, _)| *e == entity), &v)
                        && let Some(new) = ids.get(t).and_then(|m| m.get(old))
                    {
                        v = Sql::Integer(*new);
                    }
                }
                names.push(format!("\"{}\"", c.name));
                values.push(v);
            }
            let marks = (1..=values.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
            tx.prepare_cached(&format!("INSERT INTO {table} ({}) VALUES ({marks})", names.join(", ")))
                .and_then(|mut s| s.execute(rusqlite::params_from_iter(&values)))
                .map_err(|e| at_row(&path, r, e))?;
            if let Some(old) = r["id"].as_i64() {
                map.insert(old, tx.last_insert_rowid());
            }
        }
        summary.rows.insert((*table).to_string(), rows.len());
        ids.insert(table, map);
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(bad("$", format!("{broken} rader viser til noko som ikkje finst")));
    }
    // The sort keys and the search index of the imported cases: all at once
    // into an empty database, case by case into one that had data.
    let new_cases: Vec<i64> = ids.get("cases").map(|m| m.values().copied().collect()).unwrap_or_default();
    {
        let mut title = tx.prepare("SELECT title FROM cases WHERE id = ?1")?;
        let mut key = tx.prepare("UPDATE cases SET sort_key = ?2 WHERE id = ?1")?;
        for id in &new_cases {
            let t: String = title.query_row([id], |r| r.get(0))?;
            key.execute(rusqlite::params![id, crate::derived::sort_key(&t)])?;
        }
    }
    if keep_ids {
        crate::search::reindex_all(tx)?;
    } else {
        for id in new_cases {
            crate::search::reindex_case(tx, id)?;
        }
    }
    tx.execute(
        "INSERT INTO import_log (at, actor, source, format, summary) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![
            who.timestamp(),
            who.name,
            source,
            FORMAT_VERSION,
            serde_json::to_string(&summary).unwrap_or_default()
        ],
    )?;
    Ok(summary)
}

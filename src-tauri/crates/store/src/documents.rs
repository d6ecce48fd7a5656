//! Documents of journalpostar. The bytes go into `blobs`, keyed by their
//! SHA-256, so the same file attached twice is stored once and one backup
//! holds every document. Whatever reads them back checks the hash first.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::register::DocumentRecord;
use serde_json::json;

use crate::audit::{self, Actor};
use crate::sql::new_uuid;
use crate::{Result, StoreError};

/// The largest document the register takes (a scanned protocol is a few MB).
pub const MAX_SIZE: usize = 512 * 1024 * 1024;

pub use saksbok_core::hash::sha256_hex;

/// The media type of a file from its name: application/pdf, image/png, …
pub fn media_type(file_name: &str) -> String {
    mime_guess::from_path(file_name).first_or_octet_stream().essence_str().to_string()
}

const COLUMNS: &str = "id, uuid, journal_entry_id, position, file_name, media_type, sha256, size, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<DocumentRecord> {
    Ok(DocumentRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        journal_entry_id: r.get(2)?,
        position: r.get(3)?,
        file_name: r.get(4)?,
        media_type: r.get(5)?,
        sha256: r.get(6)?,
        size: r.get(7)?,
        created_at: r.get(8)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<DocumentRecord> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM documents WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("dokument med id {id}")))
}

/// The documents of every journalpost of a case.
pub fn for_case(conn: &Connection, case_id: i64) -> Result<Vec<DocumentRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM documents d JOIN journal_entries j ON j.id = d.journal_entry_id
         WHERE j.case_id = ?1 ORDER BY j.doc_seq, d.position",
        COLUMNS.split(", ").map(|c| format!("d.{c}")).collect::<Vec<_>>().join(", ")
    ))?;
    Ok(stmt.query_map([case_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Attaches a file to a journalpost. The name is kept as the clerk's file had
/// it; the bytes are stored once per content.
pub fn attach(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    journal_entry_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<DocumentRecord> {
    let entry = crate::journal::get(tx, journal_entry_id)?;
    let file_name = file_name.trim();
    if file_name.is_empty() {
        return Err(StoreError::Invalid("Dokumentet må ha eit filnamn.".into()));
    }
    if bytes.len() > MAX_SIZE {
        return Err(StoreError::Invalid(format!(
            "«{file_name}» er {} MB; eit dokument kan vera på høgst {} MB.",
            bytes.len() / (1024 * 1024),
            MAX_SIZE / (1024 * 1024)
        )));
    }
    let sha = keep_blob(tx, bytes)?;
    let position: u32 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM documents WHERE journal_entry_id = ?1",
        [journal_entry_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO documents (uuid, journal_entry_id, position, file_name, media_type, sha256, size, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new_uuid(),
            journal_entry_id,
            position,
            file_name,
            media_type(file_name),
            sha,
            bytes.len() as i64,
            who.timestamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    let record = get(tx, id)?;
    let after = json!({
        "uuid": record.uuid,
        "journal_entry": entry.number.to_string(),
        "file_name": record.file_name,
        "media_type": record.media_type,
        "sha256": record.sha256,
        "size": record.size,
    });
    audit::record(tx, who, "create", "document", id, None, Some(&after.to_string()))?;
    let case_id: i64 =
        tx.query_row("SELECT case_id FROM journal_entries WHERE id = ?1", [journal_entry_id], |r| r.get(0))?;
    crate::search::reindex_case(tx, case_id)?;
    Ok(record)
}

/// Keeps `bytes` in blobs by their SHA-256 (once: the same bytes kept twice
/// are one row) and returns the hash. Documents, prints and scans all keep
/// their bytes here.
pub(crate) fn keep_blob(tx: &Transaction<'_>, bytes: &[u8]) -> Result<String> {
    let sha = sha256_hex(bytes);
    tx.execute(
        "INSERT INTO blobs (sha256, size, content) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
        params![sha, bytes.len() as i64, bytes],
    )?;
    Ok(sha)
}

/// The stored bytes of a blob, checked against their hash.
pub fn blob(conn: &Connection, sha256: &str) -> Result<Vec<u8>> {
    let bytes: Vec<u8> = conn
        .query_row("SELECT content FROM blobs WHERE sha256 = ?1", [sha256], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("innhaldet med SHA-256 {sha256}")))?;
    if sha256_hex(&bytes) != sha256 {
        return Err(StoreError::Corrupt {
            path: std::path::PathBuf::new(),
            detail: format!("innhaldet med SHA-256 {sha256} stemmer ikkje med hashen sin"),
        });
    }
    Ok(bytes)
}

/// A document and its bytes, checked against the stored hash.
pub fn read(conn: &Connection, id: i64) -> Result<(DocumentRecord, Vec<u8>)> {
    let doc = get(conn, id)?;
    let bytes = blob(conn, &doc.sha256)?;
    Ok((doc, bytes))
}

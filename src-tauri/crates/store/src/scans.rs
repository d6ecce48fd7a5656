//! Scanned copies of an approved møtebok signed in ink (migration 0014):
//! attached to the meeting, the bytes kept once in blobs by SHA-256 and
//! checked on every read; never changed or deleted.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::approval::ScanRecord;
use serde_json::json;

use crate::audit::{self, Actor};
use crate::documents::{MAX_SIZE, blob, keep_blob, media_type};
use crate::{Result, StoreError};

/// What a scan may be: a PDF or a picture of the pages.
const SCAN_TYPES: &[&str] = &["application/pdf", "image/png", "image/jpeg", "image/tiff"];

const COLUMNS: &str = "id, file_name, media_type, sha256, size, created_at, created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ScanRecord> {
    Ok(ScanRecord {
        id: r.get(0)?,
        file_name: r.get(1)?,
        media_type: r.get(2)?,
        sha256: r.get(3)?,
        size: r.get(4)?,
        created_at: r.get(5)?,
        created_by: r.get(6)?,
    })
}

/// Attaches a scanned, ink-signed copy to an approved meeting.
pub fn attach(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<ScanRecord> {
    if crate::approval::get(tx, meeting)?.is_none() {
        return Err(StoreError::Invalid(
            "Ein skanna kopi med underskrifter høyrer til ein godkjend protokoll: godkjenn møteboka først.".into(),
        ));
    }
    let file_name = file_name.trim();
    let kind = media_type(file_name);
    if file_name.is_empty() || !SCAN_TYPES.contains(&kind.as_str()) {
        return Err(StoreError::Invalid(format!(
            "«{file_name}» er ikkje ein PDF eller eit bilete (PNG, JPEG, TIFF); skann protokollen til ein av dei."
        )));
    }
    if bytes.is_empty() || bytes.len() > MAX_SIZE {
        return Err(StoreError::Invalid(format!(
            "«{file_name}» er tom eller større enn {} MB.",
            MAX_SIZE / (1024 * 1024)
        )));
    }
    let sha = keep_blob(tx, bytes)?;
    tx.execute(
        "INSERT INTO meeting_scans (meeting_id, file_name, media_type, sha256, size, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![meeting, file_name, kind, sha, bytes.len() as i64, who.timestamp(), who.name],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({ "scan": id, "file_name": file_name, "sha256": sha, "size": bytes.len() });
    audit::record(tx, who, "scan", "meeting", meeting, None, Some(&after.to_string()))?;
    get(tx, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<ScanRecord> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM meeting_scans WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("skanna kopi med id {id}")))
}

/// The scans of a meeting, in the order they were attached.
pub fn list(conn: &Connection, meeting: i64) -> Result<Vec<ScanRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM meeting_scans WHERE meeting_id = ?1 ORDER BY id"))?;
    Ok(stmt.query_map([meeting], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// A scan and its bytes, checked against the stored hash.
pub fn read(conn: &Connection, id: i64) -> Result<(ScanRecord, Vec<u8>)> {
    let scan = get(conn, id)?;
    let bytes = blob(conn, &scan.sha256)?;
    Ok((scan, bytes))
}

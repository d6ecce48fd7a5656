//! Signed copies of an approved møtebok (migration 0012): each one the
//! approved bytes plus signature updates, kept whole like every print and
//! pointing at the approved print. The newest is the meeting's signed copy.
//! The signatures themselves are checked by the caller (saksbok-sign) before
//! a copy is kept; here only what the register can know is checked: the
//! meeting approved, the copy built on its approved bytes, and more
//! signatures than the copy before.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::audit::{self, Actor};
use crate::{Result, StoreError};

/// Where a signed copy came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Signed in Saksbok.
    Saksbok,
    /// Signed elsewhere (a signing service) and brought in.
    Imported,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Self::Saksbok => "saksbok",
            Self::Imported => "imported",
        }
    }
}

/// A kept signed copy, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedCopy {
    pub id: i64,
    pub signatures: u32,
    pub source: String,
    /// Where the copy was written when it was kept.
    pub path: String,
    pub created_at: String,
    pub created_by: String,
}

/// The meeting's approved print: its id and bytes.
pub fn approved(conn: &Connection, meeting: i64) -> Result<(i64, Vec<u8>)> {
    let id = crate::approval::approved_print(conn, meeting)?.ok_or_else(|| {
        StoreError::Invalid("Protokollen er ikkje godkjend enno: godkjenn han før han vert signert.".into())
    })?;
    Ok((id, crate::protocols::printed_pdf(conn, id)?))
}

/// The newest signed copy of the meeting's møtebok, without its bytes.
fn newest(conn: &Connection, meeting: i64) -> Result<Option<SignedCopy>> {
    Ok(conn
        .query_row(
            "SELECT id, signatures, signed_source, path, created_at, created_by FROM printed_protocols
             WHERE meeting_id = ?1 AND signed_from IS NOT NULL ORDER BY id DESC LIMIT 1",
            [meeting],
            |r| {
                Ok(SignedCopy {
                    id: r.get(0)?,
                    signatures: r.get(1)?,
                    source: r.get(2)?,
                    path: r.get(3)?,
                    created_at: r.get(4)?,
                    created_by: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// The newest signed copy of the meeting's møtebok with its bytes, if any.
pub fn latest(conn: &Connection, meeting: i64) -> Result<Option<(SignedCopy, Vec<u8>)>> {
    match newest(conn, meeting)? {
        Some(c) => {
            let bytes = crate::protocols::printed_pdf(conn, c.id)?;
            Ok(Some((c, bytes)))
        }
        None => Ok(None),
    }
}

/// The copy a new signature is added to: the newest signed copy, else the
/// approved møtebok.
pub fn current(conn: &Connection, meeting: i64) -> Result<Vec<u8>> {
    match latest(conn, meeting)? {
        Some((_, bytes)) => Ok(bytes),
        None => Ok(approved(conn, meeting)?.1),
    }
}

/// Keeps `pdf`, a copy of the meeting's approved møtebok with `signatures`
/// valid signatures, as its newest signed copy. Refused unless the meeting
/// is approved, the copy starts with the approved bytes, and it has more
/// signatures than the signed copy before it.
pub fn keep(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    path: &str,
    pdf: &[u8],
    signatures: u32,
    source: Source,
) -> Result<i64> {
    let (approved_id, approved_bytes) = approved(tx, meeting)?;
    if !pdf.starts_with(&approved_bytes) || pdf.len() == approved_bytes.len() {
        return Err(StoreError::Invalid(
            "Fila er ikkje den godkjende møteboka med underskrifter lagde til: ho vert ikkje teken vare på.".into(),
        ));
    }
    if let Some(before) = newest(tx, meeting)?
        && signatures <= before.signatures
    {
        return Err(StoreError::Invalid(format!(
            "Kopien har {signatures} underskrift(er), den lagra har alt {}: ingen nye underskrifter å ta vare på.",
            before.signatures
        )));
    }
    let sha256 = crate::documents::keep_blob(tx, pdf)?;
    tx.execute(
        "INSERT INTO printed_protocols (kind, meeting_id, path, sha256, created_at, created_by, signed_from, signatures,
                                        signed_source)
         VALUES ('moteprotokoll', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![meeting, path, sha256, who.timestamp(), who.name, approved_id, signatures, source.as_str()],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::json!({
        "meeting_id": meeting, "signed_from": approved_id, "signatures": signatures, "source": source.as_str(),
        "path": path, "sha256": sha256,
    })
    .to_string();
    let action = match source {
        Source::Saksbok => "sign",
        Source::Imported => "import_signed",
    };
    audit::record(tx, who, action, "printed_protocol", id, None, Some(&after))?;
    Ok(id)
}

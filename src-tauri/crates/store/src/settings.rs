//! Settings and facts about the register as a whole.

use rusqlite::{Connection, OptionalExtension, Transaction};
use saksbok_core::settings::{DEFAULT_BACKUPS, RegisterSettings};

use crate::{Actor, Result};

/// True when there is nothing in the register yet (first start).
pub fn is_empty(conn: &Connection) -> Result<bool> {
    // EXISTS stops at the first row; a count would read all 100 000.
    let any: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM meetings)", [], |r| r.get(0))?;
    Ok(!any)
}

pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// The register's settings (the municipality's), with defaults for what was never set.
pub fn register_settings(conn: &Connection) -> Result<RegisterSettings> {
    Ok(RegisterSettings {
        municipality: setting(conn, "municipality")?.unwrap_or_default(),
        municipality_number: setting(conn, "municipality_number")?,
        backup_dir: setting(conn, "backup_dir")?,
        backup_keep: setting(conn, "backup_keep")?.and_then(|k| k.parse().ok()).unwrap_or(DEFAULT_BACKUPS),
        tsa_url: setting(conn, "tsa_url")?,
    })
}

/// The municipality's logo: the bytes of the picture file kept, as base64
/// text under the setting `logo` (so the export carries it). A value that
/// is not base64 (an export edited by hand) is no logo: protocols print
/// without it rather than not at all, and a new one can be chosen.
pub fn logo(conn: &Connection) -> Result<Option<saksbok_core::protocol::Logo>> {
    use base64::Engine as _;
    let Some(text) = setting(conn, "logo")? else { return Ok(None) };
    Ok(base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .map(|b| saksbok_core::protocol::Logo(b.into())))
}

/// Keeps `bytes` as the logo (checked by the caller as a picture), or takes
/// it away (`None`). The history gets the file's SHA-256 and size, not the file.
pub fn set_logo(tx: &Transaction<'_>, who: &Actor<'_>, bytes: Option<&[u8]>) -> Result<()> {
    use base64::Engine as _;
    let before = logo(tx)?;
    let before = before.as_ref().map(|l| &*l.0);
    if before == bytes {
        return Ok(());
    }
    match bytes {
        Some(b) => tx.execute(
            "INSERT INTO settings (key, value) VALUES ('logo', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [base64::engine::general_purpose::STANDARD.encode(b)],
        )?,
        None => tx.execute("DELETE FROM settings WHERE key = 'logo'", [])?,
    };
    let json = |b: Option<&[u8]>| {
        let logo = b.map(|b| serde_json::json!({ "sha256": saksbok_core::hash::sha256_hex(b), "bytes": b.len() }));
        serde_json::json!({ "logo": logo }).to_string()
    };
    crate::audit::record(tx, who, "update", "settings", 0, Some(&json(before)), Some(&json(bytes)))?;
    Ok(())
}

/// Saves validated settings; the change goes to the history with before and
/// after. Saving what is already there writes nothing.
pub fn save_register_settings(tx: &Transaction<'_>, who: &Actor<'_>, new: &RegisterSettings) -> Result<()> {
    let before = register_settings(tx)?;
    if &before == new {
        return Ok(());
    }
    let pairs = [
        ("municipality", Some(new.municipality.clone())),
        ("municipality_number", new.municipality_number.clone()),
        ("backup_dir", new.backup_dir.clone()),
        ("backup_keep", Some(new.backup_keep.to_string())),
        ("tsa_url", new.tsa_url.clone()),
    ];
    for (key, value) in pairs {
        match value {
            Some(v) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, v.as_str()],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
    }
    let json = |s: &RegisterSettings| serde_json::to_string(s).expect("settings serialise");
    crate::audit::record(tx, who, "update", "settings", 0, Some(&json(&before)), Some(&json(new)))?;
    Ok(())
}

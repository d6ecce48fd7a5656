//! Protocols: what a saksprotokoll prints, and the record of every PDF written.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::audit::{self, Actor};
use crate::{Result, StoreError};

/// Notes a protocol PDF that was written, with its SHA-256.
pub fn record_printed_protocol(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    agenda_item_id: i64,
    path: &str,
    sha256: &str,
) -> Result<i64> {
    let meeting: i64 = tx
        .query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [agenda_item_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utvalssak med id {agenda_item_id}")))?;
    tx.execute(
        "INSERT INTO printed_protocols (kind, meeting_id, agenda_item_id, path, sha256, created_at, created_by)
         VALUES ('saksprotokoll', ?1, ?2, ?3, ?4, ?5, ?6)",
        params![meeting, agenda_item_id, path, sha256, who.timestamp(), who.name],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::json!({ "agenda_item_id": agenda_item_id, "path": path, "sha256": sha256 }).to_string();
    audit::record(tx, who, "print", "printed_protocol", id, None, Some(&after))?;
    Ok(id)
}

/// The municipality's protocol template: the reference layout, with the
/// municipality's name from the settings.
pub fn protocol_template(conn: &Connection) -> Result<saksbok_core::protocol::ProtocolTemplate> {
    let mut tpl = saksbok_core::protocol::ProtocolTemplate::default();
    if let Some(name) = crate::settings::setting(conn, "municipality")? {
        tpl.municipality = name;
    }
    Ok(tpl)
}

/// The saksprotokoll of one agenda item, ready for layout.
pub fn saksprotokoll(conn: &Connection, agenda_item_id: i64) -> Result<saksbok_core::protocol::Saksprotokoll> {
    let (info, item) = crate::agenda::agenda_item(conn, agenda_item_id)?;
    let tpl = protocol_template(conn)?;
    saksprotokoll_of(&info, &item, &tpl, &phrases_of_item(conn, agenda_item_id)?)
}

/// The phrases of the board an agenda item belongs to.
pub fn phrases_of_item(conn: &Connection, agenda_item_id: i64) -> Result<saksbok_core::behandling::Phrases> {
    let board: i64 =
        conn.query_row("SELECT board_id FROM agenda_items WHERE id = ?1", [agenda_item_id], |r| r.get(0))?;
    crate::behandling::phrases(conn, board)
}

/// The saksprotokoll of an agenda item already read.
pub fn saksprotokoll_of(
    info: &saksbok_core::model::MeetingInfo,
    item: &saksbok_core::model::AgendaItem,
    tpl: &saksbok_core::protocol::ProtocolTemplate,
    phrases: &saksbok_core::behandling::Phrases,
) -> Result<saksbok_core::protocol::Saksprotokoll> {
    saksbok_core::protocol::saksprotokoll(info, item, tpl, phrases).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The file name a saksprotokoll is saved under:
/// `saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf`.
pub fn saksprotokoll_file_name(p: &saksbok_core::protocol::Saksprotokoll) -> String {
    let number = p.fields.first().map(|f| f.value.replace('/', "-")).unwrap_or_default();
    format!("saksprotokoll-{}-{}.pdf", saksbok_core::text::slug(&number), saksbok_core::text::slug(&p.board))
}

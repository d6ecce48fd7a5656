//! Approving a meeting's protocol. What is checked first (the meeting held,
//! attendance recorded, every sak with something recorded, no vote without a
//! result, the signatories among those the meeting elected or named), then,
//! in one transaction: the approved møtebok kept as a print marked approved
//! and the meeting marked approved — from which moment the triggers of
//! migration 0011 lock it and everything recorded in it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::approval::{ApprovalFields, ApprovalRecord};
use saksbok_core::sakliste::MeetingStatus;

use crate::audit::{self, Actor};
use crate::sql::parse_date;
use crate::{Result, StoreError};

/// "sak 1/26" or "sakene 1/26 og 2/26".
fn saker(numbers: &[String]) -> String {
    match numbers {
        [one] => format!("sak {one}"),
        [rest @ .., last] => format!("sakene {} og {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Why the meeting cannot be approved as it is, or nothing.
pub fn check(conn: &Connection, meeting: i64, approval: &ApprovalFields) -> Result<()> {
    let m = crate::meetings::get(conn, meeting)?;
    match m.status {
        MeetingStatus::Planned => {
            return Err(StoreError::Invalid(
                "Møtet er ikkje halde enno: set det til halde før protokollen vert godkjend.".into(),
            ));
        }
        MeetingStatus::Approved => {
            return Err(StoreError::Invalid("Protokollen for dette møtet er alt godkjend.".into()));
        }
        MeetingStatus::Held => {}
    }
    if m.items.is_empty() {
        return Err(StoreError::Invalid("Møtet har inga sak på saklista: det er ingen protokoll å godkjenna.".into()));
    }
    let roll = crate::attendance::get(conn, meeting)?;
    let a = &roll.input.attendance;
    if a.attendees.is_empty() && a.apologies.is_empty() && a.head_count.is_none() {
        return Err(StoreError::Invalid(
            "Oppmøtet er ikkje ført: før kven som møtte (eller talet på møtande) før protokollen vert godkjend.".into(),
        ));
    }
    let mut empty = Vec::new();
    let mut open_votes = Vec::new();
    for line in &m.items {
        let (_, item) = crate::agenda::agenda_item(conn, line.id)?;
        let recorded = item.vedtak.as_deref().is_some_and(|v| !v.trim().is_empty())
            || item.behandling_text.as_deref().is_some_and(|t| !t.trim().is_empty())
            || !item.behandling.blocks.is_empty();
        if !recorded {
            empty.push(line.number_text.clone());
        }
        let open = item.behandling.votes.iter().any(|v| {
            !v.unanimous
                && v.votes_for.is_none()
                && v.votes_against.is_none()
                && v.outcome.is_none()
                && v.other.is_none()
        });
        if open {
            open_votes.push(line.number_text.clone());
        }
    }
    if !empty.is_empty() {
        return Err(StoreError::Invalid(format!(
            "Ingen behandling eller vedtak er ført i {}. Før det som skjedde før protokollen vert godkjend.",
            saker(&empty)
        )));
    }
    if !open_votes.is_empty() {
        return Err(StoreError::Invalid(format!(
            "Ei røysting i {} har ikkje noko resultat ført (samrøystes, tal eller utfall).",
            saker(&open_votes)
        )));
    }
    let named: Vec<&String> = roll.input.chair.iter().chain(&roll.input.signatories).collect();
    if let Some(stranger) = approval.signatories.iter().find(|s| !named.contains(s)) {
        return Err(StoreError::Invalid(format!(
            "«{stranger}» er ikkje møteleiar eller vald til å skriva under protokollen. Vel mellom: {}.",
            named.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(())
}

/// Approves the meeting with `pdf` as its approved møtebok (written to
/// `path`): checked again, kept, and locked, all in `tx`.
pub fn approve(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    approval: &ApprovalFields,
    path: &str,
    pdf: &[u8],
) -> Result<ApprovalRecord> {
    check(tx, meeting, approval)?;
    let before = crate::meetings::get(tx, meeting)?;
    let print = crate::protocols::record_print(tx, who, crate::protocols::Printed::Meeting(meeting), path, pdf)?;
    tx.execute("UPDATE printed_protocols SET approved = 1 WHERE id = ?1", [print])?;
    tx.execute(
        "UPDATE meetings SET status = 'approved', approved_at = ?2, approved_by = ?3, approval_note = ?4, updated_at = ?5
         WHERE id = ?1",
        params![
            meeting,
            approval.approved_on.format("%Y-%m-%d").to_string(),
            who.name,
            approval.note,
            who.timestamp()
        ],
    )?;
    let record = get(tx, meeting)?.expect("just approved");
    let after = serde_json::json!({
        "status": "approved",
        "approved_on": approval.approved_on.format("%Y-%m-%d").to_string(),
        "note": approval.note,
        "signatories": approval.signatories,
        "sha256": record.sha256,
    })
    .to_string();
    let before = serde_json::json!({ "status": format!("{:?}", before.status).to_lowercase() }).to_string();
    audit::record(tx, who, "approve", "meeting", meeting, Some(&before), Some(&after))?;
    Ok(record)
}

/// The meeting's approval, if its protocol is approved.
pub fn get(conn: &Connection, meeting: i64) -> Result<Option<ApprovalRecord>> {
    type Row = (Option<String>, Option<String>, Option<String>, Option<String>);
    let row: Option<Row> = conn
        .query_row(
            "SELECT m.approved_at, m.approved_by, m.approval_note, p.sha256 FROM meetings m
             LEFT JOIN printed_protocols p ON p.meeting_id = m.id AND p.approved = 1
             WHERE m.id = ?1 AND m.status = 'approved'",
            [meeting],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((at, by, note, sha256)) = row else { return Ok(None) };
    // A meeting approved before Saksbok kept the approved print has no bytes to show.
    let approved_on: NaiveDate = match at.as_deref() {
        Some(d) => parse_date(d.get(..10).unwrap_or(d))?,
        None => return Ok(None),
    };
    Ok(Some(ApprovalRecord {
        approved_on,
        approved_by: by.unwrap_or_default(),
        note,
        sha256: sha256.unwrap_or_default(),
    }))
}

/// The id of the approved møtebok's print, whose bytes every copy is made from.
pub fn approved_print(conn: &Connection, meeting: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM printed_protocols WHERE meeting_id = ?1 AND approved = 1", [meeting], |r| r.get(0))
        .optional()?)
}

/// The møtebok as it is approved: the meeting's minutes with the chosen
/// signatories on the signature lines.
pub fn approved_minutes(
    conn: &Connection,
    meeting: i64,
    approval: &ApprovalFields,
) -> Result<saksbok_core::minutes::Minutes> {
    let mut minutes = crate::protocols::minutes(conn, meeting)?;
    minutes.signatories.clone_from(&approval.signatories);
    Ok(minutes)
}

//! Approving a meeting's protocol. What is checked first (the meeting held,
//! attendance recorded, every sak with something recorded, no vote without a
//! result, the signatories among those the meeting elected or named), then,
//! in one transaction: the approved møtebok kept as a print marked approved
//! and the meeting marked approved — from which moment the triggers of
//! migration 0011 lock it and everything recorded in it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::approval::{ApprovalFields, ApprovalRecord};
use saksbok_core::behandling::Phrases;
use saksbok_core::journal::{JournalFields, JournalKind, JournalStatus};
use saksbok_core::layout::ProtocolLayout;
use saksbok_core::minutes::Signatory;
use saksbok_core::protocol::Saksprotokoll;
use saksbok_core::sakliste::MeetingStatus;
use serde::{Deserialize, Serialize};

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

/// What an approved meeting's protocols are made with, kept with it at
/// approval (meetings.frozen): the board's layout, phrase templates and
/// language then. The letterhead (the municipality's name and logo) is
/// the register's as it is now: a copy made later carries the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    pub layout: ProtocolLayout,
    pub phrases: Phrases,
    /// The language of the protocols' own words ("Vedlegg:", "Godkjend
    /// møtebok:"); none in what was kept before it was (the board's now).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<saksbok_core::board::TextLanguage>,
}

/// The layout and phrases an approved meeting was approved with; none
/// while it is not approved (or was approved before they were kept).
pub fn frozen(conn: &Connection, meeting: i64) -> Result<Option<Frozen>> {
    let text: Option<String> =
        conn.query_row("SELECT frozen FROM meetings WHERE id = ?1", [meeting], |r| r.get(0)).optional()?.flatten();
    text.map(|t| {
        serde_json::from_str(&t)
            .map_err(|e| StoreError::Invalid(format!("Det som vart låst med møtet, kan ikkje lesast: {e}")))
    })
    .transpose()
}

/// A saksprotokoll made at approval, to be filed in its arkivsak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledProtocol {
    pub agenda_item: i64,
    pub file_name: String,
    pub pdf: Vec<u8>,
}

impl FiledProtocol {
    /// The rendered saksprotokoll `p` of `agenda_item`, under the name it is
    /// filed by: `saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf`.
    pub fn new(agenda_item: i64, p: &Saksprotokoll, pdf: Vec<u8>) -> Self {
        let file_name = crate::protocols::saksprotokoll_file_name(p, 1).replace("-v1.pdf", ".pdf");
        Self { agenda_item, file_name, pdf }
    }
}

/// The saksprotokoll of each sak of the meeting that belongs to an
/// arkivsak, as it reads once approved as `fields` say: for the caller to
/// render and hand to [`approve`], which files each in its case.
pub fn protocols_to_file(
    conn: &Connection,
    meeting: i64,
    fields: &ApprovalFields,
) -> Result<Vec<(i64, Saksprotokoll)>> {
    let mut stmt =
        conn.prepare("SELECT id FROM agenda_items WHERE meeting_id = ?1 AND case_id IS NOT NULL ORDER BY position")?;
    let ids: Vec<i64> = stmt.query_map([meeting], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let note = crate::protocols::approval_note(conn, meeting, fields.note.as_deref())?;
    let approval = Some((fields.approved_on, note.as_deref()));
    ids.into_iter().map(|id| Ok((id, crate::protocols::saksprotokoll_approved(conn, id, approval)?))).collect()
}

/// Files a saksprotokoll as a journalpost (X, organinternt notat utan
/// oppfølging, journalført) of its arkivsak, dated the day of approval, with
/// the PDF as its document; a skjerma case's journalpost is skjerma alike.
fn file_in_case(tx: &Transaction<'_>, who: &Actor<'_>, on: NaiveDate, filed: &FiledProtocol) -> Result<()> {
    let (case_id, year, seq, title): (Option<i64>, i32, u32, String) =
        tx.query_row("SELECT case_id, year, seq, title FROM agenda_items WHERE id = ?1", [filed.agenda_item], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let Some(case_id) = case_id else { return Ok(()) };
    let case = crate::cases::get(tx, case_id)?;
    let number = saksbok_core::AgendaNumber { year, seq };
    let fields = JournalFields {
        kind: JournalKind::MemoNoFollowUp,
        date: on,
        correspondent: None,
        title: format!("Saksprotokoll {number}: {title}"),
        public_title: case.public_title.as_ref().map(|p| format!("Saksprotokoll {number}: {p}")),
        status: JournalStatus::Journalised,
        screening_basis: case.screening_basis.clone(),
    };
    let entry = crate::journal::create(tx, who, case_id, &fields)?;
    crate::documents::attach(tx, who, entry.id, &filed.file_name, &filed.pdf)?;
    Ok(())
}

/// Approves the meeting with `pdf` as its approved møtebok (written to
/// `path`): checked again, kept; each saksprotokoll in `filed` filed as a
/// journalpost of its arkivsak; the board's layout and phrases kept with
/// the meeting; and the meeting locked — all in `tx`.
pub fn approve(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    meeting: i64,
    approval: &ApprovalFields,
    path: &str,
    pdf: &[u8],
    filed: &[FiledProtocol],
) -> Result<ApprovalRecord> {
    check(tx, meeting, approval)?;
    let before = crate::meetings::get(tx, meeting)?;
    let print = crate::protocols::record_print(tx, who, crate::protocols::Printed::Meeting(meeting), path, pdf)?;
    tx.execute("UPDATE printed_protocols SET approved = 1 WHERE id = ?1", [print])?;
    for f in filed {
        file_in_case(tx, who, approval.approved_on, f)?;
    }
    let frozen = Frozen {
        layout: crate::boards::layout(tx, before.board_id)?,
        phrases: crate::behandling::phrases(tx, before.board_id)?,
        language: Some(crate::boards::get(tx, before.board_id)?.settings.language),
    };
    let frozen = serde_json::to_string(&frozen).map_err(|e| StoreError::Invalid(e.to_string()))?;
    tx.execute(
        "UPDATE meetings SET status = 'approved', approved_at = ?2, approved_by = ?3, approval_note = ?4, updated_at = ?5,
                             frozen = ?6
         WHERE id = ?1",
        params![
            meeting,
            approval.approved_on.format("%Y-%m-%d").to_string(),
            who.name,
            approval.note,
            who.timestamp(),
            frozen
        ],
    )?;
    let record = get(tx, meeting)?.expect("just approved");
    let after = serde_json::json!({
        "status": "approved",
        "approved_on": approval.approved_on.format("%Y-%m-%d").to_string(),
        "note": approval.note,
        "signatories": approval.signatories,
        "sha256": record.sha256,
        "filed": filed.iter().map(|f| f.file_name.as_str()).collect::<Vec<_>>(),
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
    // The chosen, in the order chosen, each with what the minutes say under their line.
    let named = std::mem::take(&mut minutes.signatories);
    minutes.signatories = approval
        .signatories
        .iter()
        .map(|n| named.iter().find(|s| &s.name == n).cloned().unwrap_or(Signatory { name: n.clone(), note: None }))
        .collect();
    Ok(minutes)
}

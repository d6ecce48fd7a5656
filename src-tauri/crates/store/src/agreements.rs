//! Agreements (avtalar): created and edited whole (parties with them), the
//! status moved one step of the lifecycle at a time with its date and
//! person, linked to the cases and vedtak behind them and to the signed
//! document. Every write is audited in the caller's transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use saksbok_core::agreement::AgreementStatus;
use saksbok_core::agreement::deadlines::{AgreementDates, Deadline, deadlines};
use saksbok_core::agreement::form::{
    AgreementFields, AgreementInput, AgreementKind, OrganisationForm, Party, PartyInput, PartyRole, TermKind, running,
};
use saksbok_core::agreement::record::{AgreementDocument, AgreementLink, AgreementRecord, AgreementRow, StatusChange};
use saksbok_core::date::format_date;
use saksbok_core::{AgendaNumber, CaseNumber, JournalNumber};
use serde_json::json;

use crate::audit::{self, Actor};
use crate::sql::{bad_value, new_uuid, parse_date};
use crate::{Result, StoreError};

/// How far ahead an agreement's own next deadline is looked for.
const HORIZON_DAYS: u32 = 365 * 100;

const COLUMNS: &str = "id, uuid, title, kind, organisation_form, legal_basis, purpose, scope, governing_body, \
                       cost_sharing, fullmakt, start_date, term_kind, end_date, renew_months, notice_months, \
                       review_date, notes, status, document_id, revision, created_at, updated_at";

/// One row of `agreements`, before its parties and links are read.
struct Stored {
    id: i64,
    uuid: String,
    fields: AgreementFields,
    status: AgreementStatus,
    document_id: Option<i64>,
    revision: u32,
    created_at: String,
    updated_at: String,
}

fn coded<T>(r: &Row<'_>, i: usize, what: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    r.get::<_, Option<String>>(i)?.map(|s| parse(&s).ok_or_else(|| bad_value(what, &s))).transpose()
}

fn date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?.map(|s| parse_date(&s)).transpose()
}

fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        uuid: r.get(1)?,
        fields: AgreementFields {
            title: r.get(2)?,
            kind: coded(r, 3, "avtaletype", AgreementKind::parse)?.ok_or_else(|| bad_value("avtaletype", ""))?,
            organisation_form: coded(r, 4, "organisasjonsform", OrganisationForm::parse)?,
            legal_basis: r.get(5)?,
            purpose: r.get(6)?,
            scope: r.get(7)?,
            governing_body: r.get(8)?,
            cost_sharing: r.get(9)?,
            fullmakt: r.get(10)?,
            start_date: date_at(r, 11)?,
            term_kind: coded(r, 12, "avtaleperiode", TermKind::parse)?,
            end_date: date_at(r, 13)?,
            renew_months: r.get(14)?,
            notice_months: r.get(15)?,
            review_date: date_at(r, 16)?,
            notes: r.get(17)?,
            parties: Vec::new(),
        },
        status: coded(r, 18, "avtalestatus", AgreementStatus::parse)?.ok_or_else(|| bad_value("avtalestatus", ""))?,
        document_id: r.get(19)?,
        revision: r.get(20)?,
        created_at: r.get(21)?,
        updated_at: r.get(22)?,
    })
}

fn stored(conn: &Connection, id: i64) -> Result<Stored> {
    let mut s = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM agreements WHERE id = ?1"))?
        .query_row([id], stored_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("avtale med id {id}")))?;
    s.fields.parties = parties(conn, id)?;
    Ok(s)
}

fn parties(conn: &Connection, id: i64) -> Result<Vec<Party>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, orgnr, role, contact FROM agreement_parties WHERE agreement_id = ?1 ORDER BY position",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            Ok(Party {
                name: r.get(0)?,
                orgnr: r.get(1)?,
                role: coded(r, 2, "rolle", PartyRole::parse)?,
                contact: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn dates_of(s: &Stored) -> AgreementDates {
    let f = &s.fields;
    AgreementDates {
        id: s.id,
        uuid: s.uuid.clone(),
        title: f.title.clone(),
        status: s.status,
        running: running(f.start_date, f.term_kind, f.end_date, f.renew_months, f.notice_months),
        review_date: f.review_date,
        revision: s.revision,
    }
}

fn next_deadline(s: &Stored, today: NaiveDate) -> Option<Deadline> {
    deadlines(&[dates_of(s)], &[], today, HORIZON_DAYS).items.into_iter().next()
}

/// The dates of every agreement, for the Fristar overview.
pub fn all_dates(conn: &Connection) -> Result<Vec<AgreementDates>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM agreements ORDER BY id"))?;
    let rows = stmt.query_map([], stored_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.iter().map(dates_of).collect())
}

fn input_of(f: &AgreementFields) -> AgreementInput {
    AgreementInput {
        title: f.title.clone(),
        kind: Some(f.kind),
        organisation_form: f.organisation_form,
        legal_basis: f.legal_basis.clone(),
        purpose: f.purpose.clone(),
        scope: f.scope.clone(),
        governing_body: f.governing_body.clone(),
        cost_sharing: f.cost_sharing.clone(),
        fullmakt: f.fullmakt.clone(),
        start_date: f.start_date.map(format_date),
        term_kind: f.term_kind,
        end_date: f.end_date.map(format_date),
        renew_months: f.renew_months,
        notice_months: f.notice_months,
        review_date: f.review_date.map(format_date),
        notes: f.notes.clone(),
        parties: f
            .parties
            .iter()
            .map(|p| PartyInput {
                name: p.name.clone(),
                orgnr: p.orgnr.clone(),
                role: p.role,
                contact: p.contact.clone(),
            })
            .collect(),
    }
}

/// The agreement as the history stores it.
fn audit_json(uuid: &str, f: &AgreementFields, status: AgreementStatus) -> String {
    json!({
        "uuid": uuid,
        "title": f.title,
        "kind": f.kind.as_str(),
        "organisation_form": f.organisation_form.map(OrganisationForm::as_str),
        "legal_basis": f.legal_basis,
        "purpose": f.purpose,
        "scope": f.scope,
        "governing_body": f.governing_body,
        "cost_sharing": f.cost_sharing,
        "fullmakt": f.fullmakt,
        "start_date": f.start_date.map(|d| d.to_string()),
        "term_kind": f.term_kind.map(TermKind::as_str),
        "end_date": f.end_date.map(|d| d.to_string()),
        "renew_months": f.renew_months,
        "notice_months": f.notice_months,
        "review_date": f.review_date.map(|d| d.to_string()),
        "notes": f.notes,
        "status": status.as_str(),
        "parties": f.parties.iter().map(|p| json!({
            "name": p.name, "orgnr": p.orgnr, "role": p.role.map(PartyRole::as_str), "contact": p.contact,
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

fn write_columns(tx: &Transaction<'_>, id: i64, f: &AgreementFields, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE agreements SET title = ?2, kind = ?3, organisation_form = ?4, legal_basis = ?5, purpose = ?6,
             scope = ?7, governing_body = ?8, cost_sharing = ?9, fullmakt = ?10, start_date = ?11, term_kind = ?12,
             end_date = ?13, renew_months = ?14, notice_months = ?15, review_date = ?16, notes = ?17,
             updated_at = ?18
         WHERE id = ?1",
        params![
            id,
            f.title,
            f.kind.as_str(),
            f.organisation_form.map(OrganisationForm::as_str),
            f.legal_basis,
            f.purpose,
            f.scope,
            f.governing_body,
            f.cost_sharing,
            f.fullmakt,
            f.start_date.map(|d| d.to_string()),
            f.term_kind.map(TermKind::as_str),
            f.end_date.map(|d| d.to_string()),
            f.renew_months,
            f.notice_months,
            f.review_date.map(|d| d.to_string()),
            f.notes,
            now,
        ],
    )?;
    tx.execute("DELETE FROM agreement_parties WHERE agreement_id = ?1", [id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO agreement_parties (agreement_id, position, name, orgnr, role, contact) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, p) in f.parties.iter().enumerate() {
        insert.execute(params![id, (i + 1) as i64, p.name, p.orgnr, p.role.map(PartyRole::as_str), p.contact])?;
    }
    Ok(())
}

/// Registers a new agreement as an utkast from `since` (usually today).
pub fn create(tx: &Transaction<'_>, who: &Actor<'_>, f: &AgreementFields, since: NaiveDate) -> Result<i64> {
    let now = who.timestamp();
    let uuid = new_uuid();
    tx.execute(
        "INSERT INTO agreements (uuid, title, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![uuid, f.title, f.kind.as_str(), now],
    )?;
    let id = tx.last_insert_rowid();
    write_columns(tx, id, f, &now)?;
    log_status(tx, who, id, AgreementStatus::Utkast, since, None)?;
    audit::record(tx, who, "create", "agreement", id, None, Some(&audit_json(&uuid, f, AgreementStatus::Utkast)))?;
    Ok(id)
}

/// Saves the whole form (the parties with it, in the order given).
pub fn update(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, f: &AgreementFields) -> Result<()> {
    let before = stored(tx, id)?;
    if before.fields == *f {
        return Ok(());
    }
    write_columns(tx, id, f, &who.timestamp())?;
    bump(tx, id)?;
    audit::record(
        tx,
        who,
        "update",
        "agreement",
        id,
        Some(&audit_json(&before.uuid, &before.fields, before.status)),
        Some(&audit_json(&before.uuid, f, before.status)),
    )
}

fn bump(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.execute("UPDATE agreements SET revision = revision + 1 WHERE id = ?1", [id])?;
    Ok(())
}

fn log_status(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    id: i64,
    status: AgreementStatus,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO agreement_status_log (agreement_id, status, changed_on, changed_by, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, status.as_str(), on.to_string(), who.name, note, who.timestamp()],
    )?;
    Ok(())
}

/// Moves the agreement one step along its lifecycle, from `on` (the date
/// the status took effect, e.g. the day it was signed). A step that skips
/// the lifecycle, or a date before the last change, is refused.
pub fn set_status(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    id: i64,
    next: AgreementStatus,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<()> {
    let s = stored(tx, id)?;
    s.status.may_become(next).map_err(StoreError::Invalid)?;
    let last: Option<String> = tx
        .query_row(
            "SELECT changed_on FROM agreement_status_log WHERE agreement_id = ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(last) = last.as_deref().and_then(|l| NaiveDate::parse_from_str(l, "%Y-%m-%d").ok())
        && on < last
    {
        return Err(StoreError::Invalid(format!(
            "Avtalen vart {} {}; den nye statusen kan ikkje gjelda frå ein tidlegare dato ({}).",
            s.status.label(),
            format_date(last),
            format_date(on)
        )));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    tx.execute(
        "UPDATE agreements SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, next.as_str(), who.timestamp()],
    )?;
    bump(tx, id)?;
    log_status(tx, who, id, next, on, note)?;
    audit::record(
        tx,
        who,
        "status",
        "agreement",
        id,
        Some(&json!({ "status": s.status.as_str() }).to_string()),
        Some(&json!({ "status": next.as_str(), "changed_on": on.to_string(), "note": note }).to_string()),
    )
}

fn history(conn: &Connection, id: i64) -> Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, changed_on, changed_by, note, recorded_at FROM agreement_status_log
         WHERE agreement_id = ?1 ORDER BY id",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            Ok(StatusChange {
                status: coded(r, 0, "avtalestatus", AgreementStatus::parse)?
                    .ok_or_else(|| bad_value("avtalestatus", ""))?,
                changed_on: r.get(1)?,
                changed_by: r.get(2)?,
                note: r.get(3)?,
                recorded_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Links the agreement to an arkivsak and, when given, to the utvalssak of
/// that case that made the vedtak (`board` only when the number is in
/// several boards). Linking the same twice changes nothing.
pub fn link(
    tx: &Transaction<'_>,
    who: &Actor<'_>,
    id: i64,
    case: CaseNumber,
    item: Option<(AgendaNumber, Option<&str>)>,
) -> Result<()> {
    stored(tx, id)?;
    let case_id = crate::cases::id_of(tx, case)?.ok_or_else(|| {
        StoreError::Invalid(format!("Arkivsak {case} finst ikkje. Sjå etter skrivefeil i saksnummeret."))
    })?;
    let item_id = match item {
        None => None,
        Some((number, board)) => {
            let item_id = match crate::agenda::find_agenda_item(tx, number, board) {
                // Each board numbers its saker from 1 every year: the case tells which board's it is.
                Err(StoreError::Ambiguous { number: n, boards }) => {
                    let mut stmt =
                        tx.prepare_cached("SELECT id FROM agenda_items WHERE year = ?1 AND seq = ?2 AND case_id = ?3")?;
                    let of_case: Vec<i64> = stmt
                        .query_map(params![number.year, number.seq, case_id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    match of_case.as_slice() {
                        [one] => *one,
                        [] => {
                            return Err(StoreError::Invalid(format!(
                                "Utvalssak {number} er ikkje behandla i arkivsak {case}: vel sak og vedtak som høyrer saman."
                            )));
                        }
                        _ => return Err(StoreError::Ambiguous { number: n, boards }),
                    }
                }
                Err(StoreError::NotFound(_)) => {
                    return Err(StoreError::Invalid(format!("Utvalssak {number} finst ikkje.")));
                }
                other => other?,
            };
            let of_case: Option<i64> =
                tx.query_row("SELECT case_id FROM agenda_items WHERE id = ?1", [item_id], |r| r.get(0))?;
            if of_case != Some(case_id) {
                return Err(StoreError::Invalid(format!(
                    "Utvalssak {number} er ikkje behandla i arkivsak {case}: vel sak og vedtak som høyrer saman."
                )));
            }
            Some(item_id)
        }
    };
    let added = tx.execute(
        "INSERT OR IGNORE INTO agreement_links (agreement_id, case_id, agenda_item_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, case_id, item_id, who.timestamp()],
    )?;
    if added == 1 {
        let link_id = tx.last_insert_rowid();
        bump(tx, id)?;
        audit::record(
            tx,
            who,
            "link",
            "agreement",
            id,
            None,
            Some(
                &json!({ "link": link_id, "case": case.to_string(), "agenda_item": item.map(|i| i.0.to_string()) })
                    .to_string(),
            ),
        )?;
    }
    Ok(())
}

/// Removes one link. The signed agreement, when it was a document of that
/// case and no other link names the case, is no longer pointed at (it must
/// be a document of a linked case).
pub fn unlink(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, link_id: i64) -> Result<()> {
    let removed =
        tx.execute("DELETE FROM agreement_links WHERE id = ?1 AND agreement_id = ?2", params![link_id, id])?;
    if removed == 0 {
        return Err(StoreError::NotFound(format!("koplinga {link_id} på avtalen")));
    }
    bump(tx, id)?;
    audit::record(tx, who, "unlink", "agreement", id, Some(&json!({ "link": link_id }).to_string()), None)?;
    if let Some(d) = stored(tx, id)?.document_id
        && !document_choices(tx, id)?.iter().any(|c| c.document_id == d)
    {
        set_document(tx, who, id, None)?;
    }
    Ok(())
}

fn links(conn: &Connection, id: i64) -> Result<Vec<AgreementLink>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, c.id, c.year, c.seq, c.title, a.id, a.year, a.seq, b.name, m.date
         FROM agreement_links l
         JOIN cases c ON c.id = l.case_id
         LEFT JOIN agenda_items a ON a.id = l.agenda_item_id
         LEFT JOIN boards b ON b.id = a.board_id
         LEFT JOIN meetings m ON m.id = a.meeting_id
         WHERE l.agreement_id = ?1 ORDER BY l.id",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            let agenda: Option<(i32, u32)> = match (r.get::<_, Option<i32>>(6)?, r.get::<_, Option<u32>>(7)?) {
                (Some(y), Some(s)) => Some((y, s)),
                _ => None,
            };
            Ok(AgreementLink {
                id: r.get(0)?,
                case_id: r.get(1)?,
                case_number: CaseNumber { year: r.get(2)?, seq: r.get(3)? }.to_string(),
                case_title: r.get(4)?,
                agenda_item_id: r.get(5)?,
                agenda_number: agenda.map(|(year, seq)| AgendaNumber { year, seq }.to_string()),
                board: r.get(8)?,
                meeting_date: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Points at the signed agreement: a document of a journalpost (none: the
/// link is taken away).
pub fn set_document(tx: &Transaction<'_>, who: &Actor<'_>, id: i64, document_id: Option<i64>) -> Result<()> {
    let s = stored(tx, id)?;
    if let Some(d) = document_id
        && !document_choices(tx, id)?.iter().any(|c| c.document_id == d)
    {
        return Err(StoreError::Invalid(
            "Den signerte avtalen må vera eit dokument i ei av sakene avtalen er kopla til: kople saka først.".into(),
        ));
    }
    if s.document_id == document_id {
        return Ok(());
    }
    tx.execute(
        "UPDATE agreements SET document_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, document_id, who.timestamp()],
    )?;
    bump(tx, id)?;
    audit::record(
        tx,
        who,
        "document",
        "agreement",
        id,
        Some(&json!({ "document": s.document_id }).to_string()),
        Some(&json!({ "document": document_id }).to_string()),
    )
}

fn document(conn: &Connection, document_id: Option<i64>) -> Result<Option<AgreementDocument>> {
    let Some(document_id) = document_id else { return Ok(None) };
    Ok(conn
        .query_row(
            "SELECT d.file_name, c.year, c.seq, j.doc_seq, j.title FROM documents d
             JOIN journal_entries j ON j.id = d.journal_entry_id JOIN cases c ON c.id = j.case_id
             WHERE d.id = ?1",
            [document_id],
            |r| {
                Ok(AgreementDocument {
                    document_id,
                    file_name: r.get(0)?,
                    journal_number: JournalNumber {
                        case: CaseNumber { year: r.get(1)?, seq: r.get(2)? },
                        doc: r.get(3)?,
                    }
                    .to_string(),
                    journal_title: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// The whole agreement, with its deadline seen from `today`.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<AgreementRecord> {
    let s = stored(conn, id)?;
    Ok(AgreementRecord {
        id,
        uuid: s.uuid.clone(),
        input: input_of(&s.fields),
        status: s.status,
        next_statuses: AgreementStatus::ALL.into_iter().filter(|n| s.status.may_become(*n).is_ok()).collect(),
        history: history(conn, id)?,
        links: links(conn, id)?,
        document: document(conn, s.document_id)?,
        tasks: crate::tasks::list(conn, Some(id))?,
        next_deadline: next_deadline(&s, today),
        revision: s.revision,
        created_at: s.created_at,
        updated_at: s.updated_at,
    })
}

/// Every agreement, the soonest deadline first, then by title.
pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<AgreementRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM agreements"))?;
    let rows = stmt.query_map([], stored_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut open = conn.prepare_cached("SELECT count(*) FROM tasks WHERE agreement_id = ?1 AND status <> 'ferdig'")?;
    let mut out = Vec::with_capacity(rows.len());
    for s in rows {
        out.push(AgreementRow {
            id: s.id,
            title: s.fields.title.clone(),
            kind: s.fields.kind,
            status: s.status,
            parties: parties(conn, s.id)?,
            next_deadline: next_deadline(&s, today),
            open_tasks: open.query_row([s.id], |r| r.get(0))?,
        });
    }
    out.sort_by(|a, b| {
        let key =
            |r: &AgreementRow| (r.next_deadline.as_ref().map_or(NaiveDate::MAX, |d| d.date), r.title.to_lowercase());
        key(a).cmp(&key(b))
    });
    Ok(out)
}

/// The agreements a case is linked to: (id, title, status).
pub fn for_case(conn: &Connection, case_id: i64) -> Result<Vec<(i64, String, AgreementStatus)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.id, a.title, a.status FROM agreements a JOIN agreement_links l ON l.agreement_id = a.id
         WHERE l.case_id = ?1 ORDER BY a.title",
    )?;
    Ok(stmt
        .query_map([case_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                coded(r, 2, "avtalestatus", AgreementStatus::parse)?.ok_or_else(|| bad_value("avtalestatus", ""))?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Finds an agreement by its id, its uuid, or words of its title (one
/// match only), for the command line.
pub fn find(conn: &Connection, what: &str) -> Result<i64> {
    let what = what.trim();
    if let Ok(id) = what.parse::<i64>()
        && let Some(id) = conn.query_row("SELECT id FROM agreements WHERE id = ?1", [id], |r| r.get(0)).optional()?
    {
        return Ok(id);
    }
    let wanted = what.to_lowercase();
    let mut stmt = conn.prepare("SELECT id, uuid, title FROM agreements ORDER BY id")?;
    let all: Vec<(i64, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    if let Some((id, ..)) = all.iter().find(|(_, uuid, _)| *uuid == what) {
        return Ok(*id);
    }
    let hits: Vec<&(i64, String, String)> = all.iter().filter(|(.., t)| t.to_lowercase().contains(&wanted)).collect();
    match hits.as_slice() {
        [] => Err(StoreError::NotFound(format!("nokon avtale som heiter «{what}»"))),
        [(id, ..)] => Ok(*id),
        many => Err(StoreError::Invalid(format!(
            "«{what}» passar på fleire avtalar: {}. Skriv meir av tittelen, eller bruk nummeret.",
            many.iter().map(|(id, _, t)| format!("{id} {t}")).collect::<Vec<_>>().join("; ")
        ))),
    }
}

/// The documents an agreement's signed copy may be chosen from: those of
/// the journalpostar in the cases it is linked to, newest first.
pub fn document_choices(conn: &Connection, id: i64) -> Result<Vec<AgreementDocument>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.file_name, c.year, c.seq, j.doc_seq, j.title FROM documents d
         JOIN journal_entries j ON j.id = d.journal_entry_id JOIN cases c ON c.id = j.case_id
         WHERE j.case_id IN (SELECT case_id FROM agreement_links WHERE agreement_id = ?1)
         ORDER BY j.journal_date DESC, d.id DESC",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            Ok(AgreementDocument {
                document_id: r.get(0)?,
                file_name: r.get(1)?,
                journal_number: JournalNumber { case: CaseNumber { year: r.get(2)?, seq: r.get(3)? }, doc: r.get(4)? }
                    .to_string(),
                journal_title: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

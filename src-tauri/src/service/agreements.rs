//! Agreements (avtalar) and vedtaksoppfølging from the window: the register,
//! one agreement with its parties, status, links and tasks, and Fristar.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use saksbok_core::agreement::AgreementStatus;
use saksbok_core::agreement::calendar::to_ics;
use saksbok_core::agreement::deadlines::Deadlines;
use saksbok_core::agreement::form::AgreementInput;
use saksbok_core::agreement::record::{AgreementDocument, AgreementRecord, AgreementRow, TaskRecord};
use saksbok_core::agreement::task::TaskInput;
use saksbok_core::case::FieldError;
use saksbok_core::{AgendaNumber, CaseNumber};
use saksbok_store::tasks::TaskSource;
use saksbok_store::{agreements, tasks};
use serde::Serialize;
use ts_rs::TS;

use super::{invalid, shown_path, with_store, write_as};
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The longest window of Fristar the window asks for.
pub const MAX_WITHIN: u32 = 3650;

/// The day `now` falls on where the person sits: what the agreement read
/// back after a change counts its deadlines from.
fn local_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&chrono::Local).date_naive()
}

pub fn list_agreements(state: &AppState, today: NaiveDate) -> CommandResult<Vec<AgreementRow>> {
    with_store(state, |s| Ok(s.read(|tx| agreements::list(tx, today))?))
}

pub fn get_agreement(state: &AppState, id: i64, today: NaiveDate) -> CommandResult<AgreementRecord> {
    with_store(state, |s| Ok(s.read(|tx| agreements::get(tx, id, today))?))
}

/// Every problem with the form as it stands; empty when it can be saved.
pub fn validate_agreement(input: &AgreementInput) -> Vec<FieldError> {
    input.validate().err().unwrap_or_default()
}

pub fn create_agreement(
    state: &AppState,
    input: &AgreementInput,
    now: DateTime<Utc>,
) -> CommandResult<AgreementRecord> {
    let fields = input.validate().map_err(invalid)?;
    let today = local_day(now);
    let id = write_as(state, now, |tx, who| agreements::create(tx, who, &fields, today))?;
    get_agreement(state, id, today)
}

pub fn update_agreement(
    state: &AppState,
    id: i64,
    input: &AgreementInput,
    now: DateTime<Utc>,
) -> CommandResult<AgreementRecord> {
    let fields = input.validate().map_err(invalid)?;
    write_as(state, now, |tx, who| agreements::update(tx, who, id, &fields))?;
    get_agreement(state, id, local_day(now))
}

fn date(typed: &str, field: &str, what: &str) -> CommandResult<NaiveDate> {
    saksbok_core::date::parse_date(typed).ok_or_else(|| {
        invalid(vec![FieldError::new(
            field,
            format!("«{}» er ikkje ein gyldig dato for {what}. Skriv til dømes 15.04.2021.", typed.trim()),
        )])
    })
}

/// Moves the agreement one step of its lifecycle from the date `on`.
pub fn set_agreement_status(
    state: &AppState,
    id: i64,
    status: AgreementStatus,
    on: &str,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> CommandResult<AgreementRecord> {
    let on = date(on, "status_on", "statusendringa")?;
    write_as(state, now, |tx, who| agreements::set_status(tx, who, id, status, on, note))?;
    get_agreement(state, id, local_day(now))
}

/// Links the agreement to an arkivsak ("21/1069") and, when given, to the
/// utvalssak ("54/21") of that case that made the vedtak.
pub fn link_agreement(
    state: &AppState,
    id: i64,
    case: &str,
    item: Option<&str>,
    now: DateTime<Utc>,
) -> CommandResult<AgreementRecord> {
    let case: CaseNumber = case
        .trim()
        .parse()
        .map_err(|e: saksbok_core::NumberError| invalid(vec![FieldError::new("link_case", e.to_string())]))?;
    let item: Option<AgendaNumber> = match item.map(str::trim).filter(|i| !i.is_empty()) {
        None => None,
        Some(i) => Some(
            i.parse()
                .map_err(|e: saksbok_core::NumberError| invalid(vec![FieldError::new("link_item", e.to_string())]))?,
        ),
    };
    write_as(state, now, |tx, who| agreements::link(tx, who, id, case, item.map(|i| (i, None))))?;
    get_agreement(state, id, local_day(now))
}

pub fn unlink_agreement(state: &AppState, id: i64, link: i64, now: DateTime<Utc>) -> CommandResult<AgreementRecord> {
    write_as(state, now, |tx, who| agreements::unlink(tx, who, id, link))?;
    get_agreement(state, id, local_day(now))
}

/// One task per paragraph of the vedtak of a linked utvalssak, for this
/// agreement (paragraphs that have one already are skipped).
pub fn tasks_from_vedtak(
    state: &AppState,
    id: i64,
    agenda_item: i64,
    now: DateTime<Utc>,
) -> CommandResult<AgreementRecord> {
    let made = write_as(state, now, |tx, who| tasks::from_vedtak(tx, who, agenda_item, Some(id)))?;
    if made.is_empty() {
        return Err(CommandError::new("invalid", "Kvart avsnitt i vedtaket har alt ei oppgåve; ingen nye vart laga."));
    }
    get_agreement(state, id, local_day(now))
}

pub fn create_task(
    state: &AppState,
    agreement: Option<i64>,
    input: &TaskInput,
    now: DateTime<Utc>,
) -> CommandResult<TaskRecord> {
    let fields = input.validate().map_err(invalid)?;
    let source = TaskSource { agreement_id: agreement, ..TaskSource::default() };
    let id = write_as(state, now, |tx, who| tasks::create(tx, who, &source, &fields))?;
    with_store(state, |s| Ok(tasks::get(s.conn(), id)?))
}

pub fn update_task(state: &AppState, id: i64, input: &TaskInput, now: DateTime<Utc>) -> CommandResult<TaskRecord> {
    let fields = input.validate().map_err(invalid)?;
    write_as(state, now, |tx, who| tasks::update(tx, who, id, &fields))?;
    with_store(state, |s| Ok(tasks::get(s.conn(), id)?))
}

fn check_within(within: u32) -> CommandResult<()> {
    if within == 0 || within > MAX_WITHIN {
        return Err(CommandError::new("invalid", format!("Vel mellom 1 og {MAX_WITHIN} dagar fram i tid.")));
    }
    Ok(())
}

/// Fristar: the deadlines of the next `within` days and those overdue.
pub fn deadlines(state: &AppState, today: NaiveDate, within: u32) -> CommandResult<Deadlines> {
    check_within(within)?;
    with_store(state, |s| Ok(tasks::overview(s.conn(), today, within)?))
}

/// The calendar file the window wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CalendarFile {
    pub path: String,
    pub events: u32,
    /// Open tasks without a due date, which are not in it.
    pub undated: u32,
    pub opened: bool,
    pub open_error: Option<String>,
}

/// Where the window writes the deadlines' calendar: one file beside the
/// protocols, replaced each time (the events keep their UIDs, so importing
/// it again updates them).
pub fn calendar_path(state: &AppState) -> PathBuf {
    let dir = state.protocols_dir.parent().map_or_else(|| state.protocols_dir.clone(), |p| p.join("kalender"));
    dir.join("saksbok-fristar.ics")
}

/// Writes the deadlines of the next `within` days (and those overdue) as
/// an iCalendar file; returns it with how many events it holds.
pub fn write_calendar(
    state: &AppState,
    today: NaiveDate,
    within: u32,
    now: DateTime<Utc>,
) -> CommandResult<CalendarFile> {
    let over = deadlines(state, today, within)?;
    let text = to_ics(&over.items, now).map_err(|e| CommandError::new("invalid", e))?;
    let path = calendar_path(state);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| CommandError::new("io", format!("Kan ikkje laga mappa {}: {e}", shown_path(dir))))?;
    }
    saksbok_protocol::save_atomically(&path, text.as_bytes())
        .map_err(|e| CommandError::new("io", format!("Kan ikkje skriva {}: {e}", shown_path(&path))))?;
    Ok(CalendarFile {
        path: shown_path(&path),
        events: over.items.len() as u32,
        undated: over.undated_tasks.len() as u32,
        opened: false,
        open_error: None,
    })
}

/// Writes the report Oppfølging av vedtak for `board` and the meetings
/// from `from` to `to` (dd.mm.yyyy) to a new file in the protocols folder.
pub fn write_followup(
    state: &AppState,
    board: i64,
    from: &str,
    to: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> CommandResult<PathBuf> {
    let from = date(from, "report_from", "starten av perioden")?;
    let to = date(to, "report_to", "slutten av perioden")?;
    let report = with_store(state, |s| Ok(tasks::followup_report(s.conn(), board, from, to, today)?))?;
    let rendered = saksbok_protocol::render_oppfolging(&report, now);
    let slug = saksbok_core::text::slug(&report.board);
    let path = super::free_file(state, &|n| format!("oppfolging-{slug}-{from}--{to}-v{n}.pdf"), 1)?;
    saksbok_protocol::save_atomically(&path, &rendered.pdf)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje skriva {}: {e}", shown_path(&path))))?;
    Ok(path)
}

/// The documents the signed agreement may be chosen from (those of the linked cases).
pub fn document_choices(state: &AppState, id: i64) -> CommandResult<Vec<AgreementDocument>> {
    with_store(state, |s| Ok(agreements::document_choices(s.conn(), id)?))
}

/// Points at the signed agreement (none: the link is taken away).
pub fn set_agreement_document(
    state: &AppState,
    id: i64,
    document: Option<i64>,
    now: DateTime<Utc>,
) -> CommandResult<AgreementRecord> {
    write_as(state, now, |tx, who| agreements::set_document(tx, who, id, document))?;
    get_agreement(state, id, local_day(now))
}

/// The agreements a case is linked to, for the case view.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseAgreement {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub status: AgreementStatus,
}

pub fn agreements_of_case(state: &AppState, case: i64) -> CommandResult<Vec<CaseAgreement>> {
    with_store(state, |s| {
        Ok(agreements::for_case(s.conn(), case)?
            .into_iter()
            .map(|(id, title, status)| CaseAgreement { id, title, status })
            .collect())
    })
}

#[cfg(test)]
mod tests;

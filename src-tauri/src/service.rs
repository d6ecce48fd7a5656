//! What the commands do, as plain functions over [`AppState`]: everything
//! worth testing runs here without a window.

pub mod admin;
pub mod agreements;
pub mod approval;
pub mod behandling;
pub mod boards;
pub mod meetings;
pub mod printing;
pub mod signing;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use saksbok_core::case::{CaseInput, FieldError};
use saksbok_core::date::format_date;
use saksbok_core::journal::JournalInput;
use saksbok_core::register::{
    CaseDetail, CaseFilterOptions, CasePage, CaseQuery, CaseRecord, DocumentRecord, JournalRecord,
};
use saksbok_core::text::{Paragraph, paragraphs};
use saksbok_protocol::Rendered;
use saksbok_store::{Actor, Store, StoreError, agenda, cases, documents, history, journal, protocols, settings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};

use crate::state::{AppState, Db};

/// What the window needs to know at start.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub db_path: String,
    /// Why the database could not be opened, if it could not.
    pub db_error: Option<CommandError>,
    /// Nothing in the register yet: offer the demo data.
    pub empty: bool,
    pub municipality: String,
    pub version: String,
    /// Why the backup of the day failed at this start, if it did.
    pub backup_error: Option<CommandError>,
}

/// One utvalssak as the case view shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgendaItemView {
    #[ts(type = "number")]
    pub id: i64,
    /// "54/21"
    pub agenda_number: String,
    /// "21/1069"
    pub case_number: Option<String>,
    pub title: String,
    pub board: String,
    /// dd.mm.yyyy
    pub meeting_date: String,
    pub place: Option<String>,
    pub behandling: Vec<Paragraph>,
    pub vedtak: Vec<Paragraph>,
    pub proposals: u32,
    pub votes: u32,
}

/// The outcome of opening a document in the system's app.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenedDocument {
    /// The checked temporary copy that was opened.
    pub path: String,
    pub opened: bool,
    /// Why it could not be opened, if it could not (the copy is there all the same).
    pub open_error: Option<String>,
}

/// The outcome of writing the offentleg journal from the window.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PublicJournalResult {
    pub path: String,
    /// How many journalpostar it lists.
    pub count: u32,
    pub opened: bool,
    pub open_error: Option<String>,
}

/// The outcome of "Skriv ut saksprotokoll".
#[derive(Debug, Clone, Serialize, TS)]
pub struct PrintResult {
    pub path: String,
    pub pages: u32,
    pub sha256: String,
    /// Characters the font lacks (printed as a replacement mark); empty if none.
    pub missing_glyphs: String,
    /// Whether the system PDF viewer was started.
    pub opened: bool,
    /// Why it could not be opened, if it could not (the file is saved all the same).
    pub open_error: Option<String>,
    /// The printer it was sent to, instead of the viewer.
    pub printer: Option<String>,
    pub copies: u32,
}

/// What the new-case form starts from.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NewCaseDefaults {
    /// Today, yyyy-mm-dd.
    pub opened_on: String,
    /// The number the case will get if saved today, e.g. "26/14".
    pub next_number: String,
}

/// One user action as one transaction, in the name of the person working.
pub(crate) fn write_as<T>(
    state: &AppState,
    now: DateTime<Utc>,
    f: impl FnOnce(&saksbok_store::Transaction<'_>, &Actor<'_>) -> saksbok_store::Result<T>,
) -> CommandResult<T> {
    let user = state.user();
    let who = Actor { name: &user, now };
    with_store(state, |s| Ok(s.write(|tx| f(tx, &who))?))
}

/// Input that failed its field rules, as the form shows it.
pub(crate) fn invalid(errors: Vec<FieldError>) -> CommandError {
    StoreError::InvalidFields(errors).into()
}

pub(crate) fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> CommandResult<T>) -> CommandResult<T> {
    match &mut *state.db() {
        Db::Open(store) => f(store),
        Db::Failed(e) => Err(e.clone()),
    }
}

pub fn status(state: &AppState) -> AppStatus {
    let db_path = state.db_path.display().to_string();
    let version = env!("CARGO_PKG_VERSION").to_string();
    let backup_error = state.backup_error();
    let found = with_store(state, |s| {
        let empty = settings::is_empty(s.conn())?;
        let municipality = settings::setting(s.conn(), "municipality")?.unwrap_or_default();
        Ok((empty, municipality))
    });
    match found {
        Ok((empty, municipality)) => AppStatus { db_path, db_error: None, empty, municipality, version, backup_error },
        Err(e) => {
            AppStatus { db_path, db_error: Some(e), empty: false, municipality: String::new(), version, backup_error }
        }
    }
}

/// One page of the case list.
pub fn list_cases(state: &AppState, query: &CaseQuery) -> CommandResult<CasePage> {
    with_store(state, |s| Ok(s.read(|tx| cases::list(tx, query))?))
}

pub fn case_filter_options(state: &AppState) -> CommandResult<CaseFilterOptions> {
    with_store(state, |s| Ok(cases::filter_options(s.conn())?))
}

/// The case view: the case, its saksgang, journalpostar and history, read
/// in one transaction.
pub fn case_detail(state: &AppState, id: i64) -> CommandResult<CaseDetail> {
    with_store(state, |s| {
        Ok(s.read(|tx| {
            Ok(CaseDetail {
                case: cases::get(tx, id)?,
                saksgang: cases::saksgang(tx, id)?,
                journal: journal::for_case(tx, id)?,
                documents: documents::for_case(tx, id)?,
                history: history::for_case(tx, id)?,
            })
        })?)
    })
}

pub fn new_case_defaults(state: &AppState, today: chrono::NaiveDate) -> CommandResult<NewCaseDefaults> {
    with_store(state, |s| {
        let next = cases::next_number(s.conn(), chrono::Datelike::year(&today))?;
        Ok(NewCaseDefaults { opened_on: today.to_string(), next_number: next.to_string() })
    })
}

/// Every problem with the form as it stands: the field rules, and for a new
/// case whether its number was ever used. Empty when it can be saved.
pub fn validate_case(state: &AppState, input: &CaseInput, editing: Option<i64>) -> CommandResult<Vec<FieldError>> {
    match input.validate() {
        Err(errors) => Ok(errors),
        Ok(fields) if editing.is_none() => with_store(state, |s| Ok(cases::check_new(s.conn(), &fields)?)),
        Ok(_) => Ok(Vec::new()),
    }
}

pub fn create_case(state: &AppState, input: &CaseInput, now: DateTime<Utc>) -> CommandResult<CaseRecord> {
    let fields = input.validate().map_err(invalid)?;
    write_as(state, now, |tx, who| cases::create(tx, who, &fields))
}

pub fn update_case(state: &AppState, id: i64, input: &CaseInput, now: DateTime<Utc>) -> CommandResult<CaseRecord> {
    let fields = input.validate().map_err(invalid)?;
    write_as(state, now, |tx, who| cases::update(tx, who, id, &fields))
}

pub fn add_journal_entry(
    state: &AppState,
    case_id: i64,
    input: &JournalInput,
    now: DateTime<Utc>,
) -> CommandResult<JournalRecord> {
    let fields = input.validate().map_err(invalid)?;
    write_as(state, now, |tx, who| journal::create(tx, who, case_id, &fields))
}

/// Saves an edited journalpost (a new status, a corrected title or skjerming).
pub fn update_journal_entry(
    state: &AppState,
    id: i64,
    input: &JournalInput,
    now: DateTime<Utc>,
) -> CommandResult<JournalRecord> {
    let fields = input.validate().map_err(invalid)?;
    write_as(state, now, |tx, who| journal::update(tx, who, id, &fields))
}

/// Attaches files to a journalpost: all of them, or none if one cannot be read.
pub fn attach_documents(
    state: &AppState,
    journal_entry_id: i64,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> CommandResult<Vec<DocumentRecord>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let shown = shown_path(path);
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CommandError::new("not_found", format!("Fann ikkje fila {shown}.")),
            _ => CommandError::new("io", format!("Kan ikkje lesa {shown}: {e}")),
        })?;
        if !meta.is_file() {
            return Err(CommandError::new("invalid", format!("{shown} er ei mappe, ikkje ei fil.")));
        }
        if meta.len() > documents::MAX_SIZE as u64 {
            return Err(CommandError::new(
                "invalid",
                format!("{shown} er for stor ({} MB); grensa er {} MB.", meta.len() >> 20, documents::MAX_SIZE >> 20),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| CommandError::new("io", format!("Kan ikkje lesa {shown}: {e}")))?;
        let name = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        files.push((name, bytes));
    }
    let user = state.user();
    let who = Actor { name: &user, now };
    with_store(state, |s| {
        Ok(s.write(|tx| {
            files.iter().map(|(name, bytes)| documents::attach(tx, &who, journal_entry_id, name, bytes)).collect()
        })?)
    })
}

/// Attaches one file whose bytes came from the window (a file chosen in its
/// file picker).
pub fn attach_document_bytes(
    state: &AppState,
    journal_entry_id: i64,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> CommandResult<DocumentRecord> {
    write_as(state, now, |tx, who| documents::attach(tx, who, journal_entry_id, file_name, bytes))
}

/// A path as messages show it.
/// A path as the person should see it (without Windows' `\\?\` prefix).
pub(crate) fn shown_path(p: &std::path::Path) -> String {
    dunce::simplified(p).display().to_string()
}

/// Writes a checked copy of a document where the system's app can open it
/// (the stored bytes are never handed out for editing) and returns its path.
pub fn document_copy(state: &AppState, id: i64) -> CommandResult<PathBuf> {
    let (doc, bytes) = with_store(state, |s| Ok(documents::read(s.conn(), id)?))?;
    write_copy(state, &doc.uuid, &doc.file_name, &format!("dokument-{}", doc.id), &bytes)
}

/// Writes `bytes` as a copy to open, in its own folder `folder` of the
/// copies folder, under the last part of `file_name` (`fallback` when it has
/// none): a stored name can never climb out of the folder.
pub(crate) fn write_copy(
    state: &AppState,
    folder: &str,
    file_name: &str,
    fallback: &str,
    bytes: &[u8],
) -> CommandResult<PathBuf> {
    let name = std::path::Path::new(file_name)
        .file_name()
        .map_or_else(|| fallback.to_string(), |n| n.to_string_lossy().into_owned());
    let dir = state.copies_dir.join(folder);
    std::fs::create_dir_all(&dir)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje laga mappa {}: {e}", shown_path(&dir))))?;
    let path = dir.join(name);
    saksbok_protocol::save_atomically(&path, bytes)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje skriva {}: {e}", shown_path(&path))))?;
    Ok(path)
}

/// Writes the offentleg journal of a period to `dest` as PDF or CSV (by its
/// extension). Only what [`saksbok_core::public_journal::public`] lets
/// through reaches the file. Returns how many journalpostar it holds.
pub fn write_public_journal(
    state: &AppState,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    dest: &std::path::Path,
    now: DateTime<Utc>,
) -> CommandResult<usize> {
    use saksbok_core::public_journal;
    if to < from {
        return Err(CommandError::new("invalid", "Perioden sluttar før han byrjar."));
    }
    let (entries, document) = with_store(state, |s| Ok(s.read(|tx| journal::public_journal(tx, from, to))?))?;
    let csv = dest.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if csv {
        public_journal::csv(&entries).into_bytes()
    } else {
        saksbok_protocol::render_saksprotokoll(&document, now).pdf
    };
    saksbok_protocol::save_atomically(dest, &bytes)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje skriva {}: {e}", shown_path(dest))))?;
    Ok(entries.len())
}

/// Where the window saves an offentleg journal: beside the printed protocols,
/// named by its period, `offentleg-journal-2026-11-01--2026-11-30.pdf`.
pub fn public_journal_path(state: &AppState, from: chrono::NaiveDate, to: chrono::NaiveDate, csv: bool) -> PathBuf {
    let dir = state.protocols_dir.parent().map_or_else(|| state.protocols_dir.clone(), |p| p.join("journal"));
    dir.join(format!("offentleg-journal-{from}--{to}.{}", if csv { "csv" } else { "pdf" }))
}

pub fn load_demo(state: &AppState, now: DateTime<Utc>) -> CommandResult<()> {
    let user = state.user();
    let who = Actor { name: &user, now };
    let demo = saksbok_core::demo::reference();
    with_store(state, |s| {
        s.write(|tx| saksbok_store::demo::load_demo(tx, &who, &demo))?;
        Ok(())
    })
}

pub fn agenda_item(state: &AppState, id: i64) -> CommandResult<AgendaItemView> {
    with_store(state, |s| {
        // One read of the records: the protocol is built from the item in hand.
        let (info, item, tpl, phrases) = s.read(|tx| {
            let (info, item) = agenda::agenda_item(tx, id)?;
            Ok((info, item, protocols::protocol_template(tx)?, protocols::phrases_of_item(tx, id)?))
        })?;
        let protocol = protocols::saksprotokoll_of(&info, &item, &tpl, &phrases)?;
        let behandling = protocol.sections.first().map(|sec| sec.paragraphs.clone()).unwrap_or_default();
        Ok(AgendaItemView {
            id,
            agenda_number: item.number.to_string(),
            case_number: item.case_number.map(|n| n.to_string()),
            title: item.title,
            board: info.board,
            meeting_date: format_date(info.date),
            place: info.place,
            behandling,
            vedtak: item
                .vedtak
                .as_deref()
                .map(|v| paragraphs(v).into_iter().map(Paragraph::plain).collect())
                .unwrap_or_default(),
            proposals: item.behandling.proposals.len() as u32,
            votes: item.behandling.votes.len() as u32,
        })
    })
}

/// Renders the saksprotokoll, keeps it (see [`keep_print`]) and returns
/// where its copy went.
/// `certify` marks it "Rett utskrift" with today's date and the person's
/// name (their display name, else their OS user name).
pub fn print_saksprotokoll(
    state: &AppState,
    id: i64,
    certify: bool,
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, Rendered)> {
    let certifier = certify.then(|| state.user());
    with_store(state, |s| {
        let mut protocol = protocols::saksprotokoll(s.conn(), id)?;
        if let Some(name) = &certifier {
            let today = now.with_timezone(&chrono::Local).date_naive();
            protocol = protocol.certify(today, name).map_err(|m| CommandError::new("invalid", m))?;
        }
        let rendered = saksbok_protocol::render_saksprotokoll(&protocol, now);
        let name = |v| protocols::saksprotokoll_file_name(&protocol, v);
        let path = keep_print(state, s, protocols::Printed::Item(id), &rendered, &name, now)?;
        Ok((path, rendered))
    })
}

/// The documents printed from a meeting's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum MeetingDocument {
    /// The whole møtebok (kl. § 11-4), for signing.
    Moteprotokoll,
    /// The møtebok as published: skjerming applied.
    Offentleg,
    /// The innkalling with its public sakliste (kl. § 11-3).
    Innkalling,
}

/// Renders a meeting's document from its records as they are now, with
/// the board's layout or `layout` in its place (a preview while editing it).
fn render_meeting_document(
    s: &mut Store,
    meeting: i64,
    document: MeetingDocument,
    layout: Option<&saksbok_core::layout::ProtocolLayout>,
    now: DateTime<Utc>,
) -> CommandResult<(Rendered, protocols::Printed)> {
    // An approved møtebok is its approved bytes, whatever changed since (a preview with another layout excepted).
    if document == MeetingDocument::Moteprotokoll && layout.is_none() {
        let approved = s.read(|tx| saksbok_store::approval::approved_print(tx, meeting))?;
        if let Some(print) = approved {
            let pdf = s.read(|tx| protocols::printed_pdf(tx, print))?;
            return Ok((saksbok_protocol::stored(pdf), protocols::Printed::Meeting(meeting)));
        }
    }
    Ok(match document {
        MeetingDocument::Moteprotokoll => {
            let minutes = s.read(|tx| protocols::minutes_with(tx, meeting, layout))?;
            (saksbok_protocol::render_minutes(&minutes, now), protocols::Printed::Meeting(meeting))
        }
        MeetingDocument::Offentleg => {
            let minutes = s.read(|tx| protocols::public_minutes_with(tx, meeting, layout))?;
            (saksbok_protocol::render_minutes(&minutes, now), protocols::Printed::Public(meeting))
        }
        MeetingDocument::Innkalling => {
            let notice = s.read(|tx| protocols::notice_with(tx, meeting, layout))?;
            (saksbok_protocol::render_innkalling(&notice, now), protocols::Printed::Notice(meeting))
        }
    })
}

/// Renders a meeting's møteprotokoll, its offentleg versjon or its
/// innkalling, keeps it (see [`keep_print`]) and returns where its copy went.
pub fn print_meeting_document(
    state: &AppState,
    meeting: i64,
    document: MeetingDocument,
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, Rendered)> {
    with_store(state, |s| {
        let record = s.read(|tx| saksbok_store::meetings::get(tx, meeting))?;
        let (rendered, what) = render_meeting_document(s, meeting, document, None, now)?;
        let name = |v| protocols::meeting_file_name(what, &record.board, record.date, v);
        let path = keep_print(state, s, what, &rendered, &name, now)?;
        Ok((path, rendered))
    })
}

/// A meeting's document for the preview: the same PDF a print would give
/// now (with `layout` while a board's layout is edited), neither kept nor
/// written to a file.
pub fn preview_meeting_document(
    state: &AppState,
    meeting: i64,
    document: MeetingDocument,
    layout: Option<&saksbok_core::layout::ProtocolLayout>,
    now: DateTime<Utc>,
) -> CommandResult<Rendered> {
    with_store(state, |s| Ok(render_meeting_document(s, meeting, document, layout, now)?.0))
}

/// Every print is kept: the PDF's bytes go into the register's blob store
/// with their SHA-256 and a printed_protocols row, and the copy handed to
/// the viewer is a new file with its own version number — an earlier
/// print's file is never overwritten.
fn keep_print(
    state: &AppState,
    s: &mut Store,
    what: protocols::Printed,
    rendered: &Rendered,
    name: &dyn Fn(u32) -> String,
    now: DateTime<Utc>,
) -> CommandResult<PathBuf> {
    let path = new_print_file(state, s, what, name, &rendered.pdf)?;
    let user = state.user();
    let who = Actor { name: &user, now };
    s.write(|tx| protocols::record_print(tx, &who, what, &path.to_string_lossy(), &rendered.pdf))?;
    Ok(path)
}

/// The first of `name(from)`, `name(from + 1)`, … that is no file yet in
/// the protocols folder (made if it is missing): a new file never
/// overwrites an earlier one.
pub(crate) fn free_file(state: &AppState, name: &dyn Fn(u32) -> String, from: u32) -> CommandResult<PathBuf> {
    let dir = &state.protocols_dir;
    std::fs::create_dir_all(dir)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje laga mappa {} for protokollar: {e}", dir.display())))?;
    let mut n = from;
    while dir.join(name(n)).exists() {
        n += 1;
    }
    Ok(dir.join(name(n)))
}

/// Writes `pdf` to a new file in the protocols folder under the next
/// version of `name`; a file left by a print whose row never landed is
/// skipped, never overwritten.
pub(crate) fn new_print_file(
    state: &AppState,
    s: &mut Store,
    what: protocols::Printed,
    name: &dyn Fn(u32) -> String,
    pdf: &[u8],
) -> CommandResult<PathBuf> {
    let next = s.read(|tx| protocols::times_printed(tx, what))? + 1;
    let path = free_file(state, name, next)?;
    saksbok_protocol::save_atomically(&path, pdf)
        .map_err(|e| CommandError::new("io", format!("Kan ikkje lagra protokollen i {}: {e}", path.display())))?;
    Ok(path)
}

#[cfg(test)]
mod tests;

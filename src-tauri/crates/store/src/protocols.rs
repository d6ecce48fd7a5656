//! Protocols: what a saksprotokoll prints, and the record of every PDF written.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use saksbok_core::text::fill;

use crate::audit::{self, Actor};
use crate::{Result, StoreError};

/// What a printed PDF is the protocol of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// The saksprotokoll of an agenda item.
    Item(i64),
    /// The møteprotokoll of a meeting.
    Meeting(i64),
    /// The offentleg versjon of a meeting's møteprotokoll.
    Public(i64),
    /// The innkalling of a meeting.
    Notice(i64),
}

impl Printed {
    /// The printed_protocols kind.
    fn kind(self) -> &'static str {
        match self {
            Self::Item(_) => "saksprotokoll",
            Self::Meeting(_) => "moteprotokoll",
            Self::Public(_) => "offentleg",
            Self::Notice(_) => "innkalling",
        }
    }
}

/// The meeting, the item (if any) and the kind of a print.
fn printed_key(conn: &Connection, what: Printed) -> Result<(i64, Option<i64>, &'static str)> {
    Ok(match what {
        Printed::Item(item) => {
            let meeting: i64 = conn
                .query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [item], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("utvalssak med id {item}")))?;
            (meeting, Some(item), "saksprotokoll")
        }
        Printed::Meeting(meeting) | Printed::Public(meeting) | Printed::Notice(meeting) => {
            conn.query_row("SELECT 1 FROM meetings WHERE id = ?1", [meeting], |r| r.get::<_, i64>(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("møtet med id {meeting}")))?;
            (meeting, None, what.kind())
        }
    })
}

/// How many times this protocol has been printed before: the next print is
/// version this + 1.
pub fn times_printed(conn: &Connection, what: Printed) -> Result<u32> {
    let (meeting, item, kind) = printed_key(conn, what)?;
    Ok(conn.query_row(
        "SELECT count(*) FROM printed_protocols
         WHERE kind = ?1 AND meeting_id = ?2 AND agenda_item_id IS ?3 AND signed_from IS NULL",
        params![kind, meeting, item],
        |r| r.get(0),
    )?)
}

/// Keeps a printed PDF: its bytes in the blob store (by SHA-256, never
/// overwritten) and a printed_protocols row naming where the copy went, in
/// one transaction.
pub fn record_print(tx: &Transaction<'_>, who: &Actor<'_>, what: Printed, path: &str, pdf: &[u8]) -> Result<i64> {
    let (meeting, item, kind) = printed_key(tx, what)?;
    let sha256 = crate::documents::keep_blob(tx, pdf)?;
    tx.execute(
        "INSERT INTO printed_protocols (kind, meeting_id, agenda_item_id, path, sha256, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![kind, meeting, item, path, sha256, who.timestamp(), who.name],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::json!({
        "kind": kind, "meeting_id": meeting, "agenda_item_id": item, "path": path, "sha256": sha256,
    })
    .to_string();
    audit::record(tx, who, "print", "printed_protocol", id, None, Some(&after))?;
    Ok(id)
}

/// Where a print's copy was written when it was kept.
pub fn printed_path(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT path FROM printed_protocols WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utskrift med id {id}")))
}

/// The bytes of a print as they were kept, checked against their hash.
pub fn printed_pdf(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    let sha: String = conn
        .query_row("SELECT sha256 FROM printed_protocols WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("utskrift med id {id}")))?;
    crate::documents::blob(conn, &sha)
}

/// A kept print, named as a person would name it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeptPrint {
    pub id: i64,
    /// `saksprotokoll`, `moteprotokoll`, `offentleg` or `innkalling`.
    pub kind: String,
    pub board: String,
    /// The meeting's date, `YYYY-MM-DD`.
    pub date: String,
    /// The utvalssak's title, for a saksprotokoll.
    pub item: Option<String>,
    /// 1 for the first print of this protocol, 2 for the next…
    pub version: u32,
    /// The approved møtebok (every later copy is these bytes).
    pub approved: bool,
    /// A signed copy of the approved møtebok: how many signatures it holds
    /// (0 for any other print).
    pub signatures: u32,
    pub created_at: String,
}

impl KeptPrint {
    /// How a person names it: "Møteprotokoll, Formannskapet 15.04.2021,
    /// versjon 1 (godkjend)", with ", signert utgåve med 2 underskrifter" for
    /// a signed copy.
    pub fn describe(&self) -> String {
        let what = match self.kind.as_str() {
            "saksprotokoll" => format!("Saksprotokoll «{}»", self.item.as_deref().unwrap_or("")),
            "moteprotokoll" => "Møteprotokoll".to_string(),
            "offentleg" => "Møteprotokoll, offentleg versjon".to_string(),
            _ => "Innkalling".to_string(),
        };
        let date = chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map_or_else(|_| self.date.clone(), |d| d.format("%d.%m.%Y").to_string());
        let approved = if self.approved { " (godkjend)" } else { "" };
        let signed = match self.signatures {
            0 => String::new(),
            1 => ", signert utgåve med 1 underskrift".to_string(),
            n => format!(", signert utgåve med {n} underskrifter"),
        };
        format!("{what}, {} {date}, versjon {}{approved}{signed}", self.board, self.version)
    }
}

/// The kept print whose bytes have this SHA-256 (the approved one first
/// when the same bytes were kept twice), or `None`.
pub fn find_kept(conn: &Connection, sha256: &str) -> Result<Option<KeptPrint>> {
    Ok(conn
        .query_row(
            "SELECT p.id, p.kind, b.name, m.date, a.title, p.approved OR p.signed_from IS NOT NULL, p.created_at,
                    (SELECT count(*) FROM printed_protocols q WHERE q.kind = p.kind AND q.meeting_id = p.meeting_id
                       AND q.agenda_item_id IS p.agenda_item_id AND q.id <= coalesce(p.signed_from, p.id)
                       AND q.signed_from IS NULL),
                    p.signatures
             FROM printed_protocols p
             JOIN meetings m ON m.id = p.meeting_id
             JOIN boards b ON b.id = m.board_id
             LEFT JOIN agenda_items a ON a.id = p.agenda_item_id
             WHERE p.sha256 = ?1
             ORDER BY p.approved DESC, p.signatures DESC, p.id
             LIMIT 1",
            [sha256],
            |r| {
                Ok(KeptPrint {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    board: r.get(2)?,
                    date: r.get(3)?,
                    item: r.get(4)?,
                    approved: r.get::<_, i64>(5)? == 1,
                    created_at: r.get(6)?,
                    version: r.get(7)?,
                    signatures: r.get(8)?,
                })
            },
        )
        .optional()?)
}

/// The municipality's protocol template: the reference layout, with the
/// municipality's name from the settings.
pub fn protocol_template(conn: &Connection) -> Result<saksbok_core::protocol::ProtocolTemplate> {
    let mut tpl = saksbok_core::protocol::ProtocolTemplate::default();
    if let Some(name) = crate::settings::setting(conn, "municipality")? {
        tpl.municipality = name;
    }
    tpl.logo = crate::settings::logo(conn)?;
    Ok(tpl)
}

/// The saksprotokoll of one agenda item, ready for layout: with the
/// board's layout and phrases, or those kept with the meeting at approval.
/// After the vedtak come the sak's vedlegg and, once the møtebok is
/// approved, where the approved møtebok is.
pub fn saksprotokoll(conn: &Connection, agenda_item_id: i64) -> Result<saksbok_core::protocol::Saksprotokoll> {
    let meeting: i64 =
        conn.query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [agenda_item_id], |r| r.get(0))?;
    let approval = match crate::approval::get(conn, meeting)? {
        Some(a) => Some((a.approved_on, approval_note(conn, meeting, a.note.as_deref())?)),
        None => None,
    };
    saksprotokoll_approved(conn, agenda_item_id, approval.as_ref().map(|(on, note)| (*on, note.as_deref())))
}

/// What the approval reference says in brackets: the approval's own note,
/// or, without one, the sak of a later meeting that approved the møtebok.
pub fn approval_note(conn: &Connection, meeting: i64, note: Option<&str>) -> Result<Option<String>> {
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        return Ok(Some(n.to_string()));
    }
    Ok(crate::behandling::minutes_approved_in(conn, meeting)?
        .map(|(number, date)| format!("i sak {number}, {}", saksbok_core::date::format_date(date))))
}

/// The dates of the meetings whose møtebok the sak approved, in its order.
fn approved_dates(conn: &Connection, agenda_item_id: i64) -> Result<Vec<chrono::NaiveDate>> {
    crate::behandling::minutes_approved_by(conn, agenda_item_id)?
        .into_iter()
        .map(|m| {
            let date: String = conn.query_row("SELECT date FROM meetings WHERE id = ?1", [m], |r| r.get(0))?;
            Ok(crate::sql::parse_date(&date)?)
        })
        .collect()
}

/// The saksprotokoll as it reads with the møtebok approved on `approval`'s
/// date (with its note, "i møte 12/27"), or not yet approved (`None`).
pub fn saksprotokoll_approved(
    conn: &Connection,
    agenda_item_id: i64,
    approval: Option<(chrono::NaiveDate, Option<&str>)>,
) -> Result<saksbok_core::protocol::Saksprotokoll> {
    let (info, item) = crate::agenda::agenda_item(conn, agenda_item_id)?;
    let MadeWith { layout, phrases, language } = made_with(conn, agenda_item_id)?;
    let tpl = protocol_template(conn)?.with_layout(&layout);
    let labels = saksbok_core::minutes::MinutesLabels::of(language);
    let attachments: Vec<String> =
        crate::behandling::attachments_of(conn, crate::behandling::Owner::Item(agenda_item_id))?
            .iter()
            .map(saksbok_core::minutes::attachment_line)
            .collect();
    let mut p = saksprotokoll_of(&info, &item, &tpl, &phrases)?.with_attachments(&labels.attachments, &attachments);
    p.fields.extend(saksbok_core::minutes::approves_field(&labels, &approved_dates(conn, agenda_item_id)?));
    if let Some((on, note)) = approval {
        let date = saksbok_core::date::format_date(on);
        let mut text = fill(&labels.approved_text, &[("dato", &p.meeting_date), ("godkjend", &date)]);
        if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
            // "… vart godkjend 20.04.2021 (i møte 12/21)."
            text = format!("{} ({note}).", text.trim_end_matches('.'));
        }
        p = p.with_approval(&labels.approved_heading, &text);
    }
    Ok(p)
}

/// What an agenda item's protocols are made with.
struct MadeWith {
    layout: saksbok_core::layout::ProtocolLayout,
    phrases: saksbok_core::behandling::Phrases,
    /// The language of the protocol's own words (its labels).
    language: saksbok_core::board::TextLanguage,
}

/// What an agenda item's protocols are made with: what was kept with its
/// meeting at approval, else its board's as it is now.
fn made_with(conn: &Connection, agenda_item_id: i64) -> Result<MadeWith> {
    let (meeting, board): (i64, i64) =
        conn.query_row("SELECT meeting_id, board_id FROM agenda_items WHERE id = ?1", [agenda_item_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let frozen = crate::approval::frozen(conn, meeting)?;
    let language = match frozen.as_ref().and_then(|f| f.language) {
        Some(l) => l,
        None => crate::boards::get(conn, board)?.settings.language,
    };
    match frozen {
        Some(f) => Ok(MadeWith { layout: f.layout, phrases: f.phrases, language }),
        None => Ok(MadeWith {
            layout: crate::boards::layout(conn, board)?,
            phrases: crate::behandling::phrases(conn, board)?,
            language,
        }),
    }
}

/// The phrases an agenda item's behandling is written with (see [`made_with`]).
pub fn phrases_of_item(conn: &Connection, agenda_item_id: i64) -> Result<saksbok_core::behandling::Phrases> {
    Ok(made_with(conn, agenda_item_id)?.phrases)
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

/// The file name the `version`th print of a saksprotokoll is saved under:
/// `saksprotokoll-54-21-formannskapet-og-naeringsutvalet-v2.pdf`.
pub fn saksprotokoll_file_name(p: &saksbok_core::protocol::Saksprotokoll, version: u32) -> String {
    let number = p.fields.first().map(|f| f.value.replace('/', "-")).unwrap_or_default();
    let (number, board) = (saksbok_core::text::slug(&number), saksbok_core::text::slug(&p.board));
    format!("saksprotokoll-{number}-{board}-v{version}.pdf")
}

/// The file name the `version`th print of a meeting's document is saved
/// under: `moteprotokoll-formannskapet-og-naeringsutvalet-2021-04-15-v1.pdf`,
/// `offentleg-…`, `innkalling-…` (the kind of [`Printed`]).
pub fn meeting_file_name(what: Printed, board: &str, date: chrono::NaiveDate, version: u32) -> String {
    let kind = what.kind();
    format!("{kind}-{}-{}-v{version}.pdf", saksbok_core::text::slug(board), date.format("%Y-%m-%d"))
}

/// The meeting of a board on a date. Without a board, the only meeting
/// that day; several boards meeting that day must be told apart.
pub fn find_meeting(conn: &Connection, board: Option<&str>, date: chrono::NaiveDate) -> Result<i64> {
    // Board names compared in Rust: SQLite's lower() folds only ASCII.
    let wanted = board.map(str::to_lowercase);
    let hits: Vec<(i64, String)> = conn
        .prepare(
            "SELECT m.id, b.name FROM meetings m JOIN boards b ON b.id = m.board_id
             WHERE m.date = ?1 ORDER BY b.name, m.id",
        )?
        .query_map([date.format("%Y-%m-%d").to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String)>>>()?
        .into_iter()
        .filter(|(_, name)| wanted.as_ref().is_none_or(|w| name.to_lowercase() == *w))
        .collect();
    let day = saksbok_core::date::format_date(date);
    match hits.as_slice() {
        [] => Err(StoreError::NotFound(match board {
            Some(b) => format!("noko møte i {b} {day}"),
            None => format!("noko møte {day}"),
        })),
        [(id, _)] => Ok(*id),
        many => {
            let mut names: Vec<&str> = many.iter().map(|(_, b)| b.as_str()).collect();
            names.dedup();
            Err(StoreError::Invalid(if names.len() == 1 {
                format!("{} har fleire møte {day}; Saksbok kan ikkje velja mellom dei.", names[0])
            } else {
                format!("Fleire utval har møte {day}: {}. Vel utval.", names.join(", "))
            }))
        }
    }
}

/// What of an agenda item's case is skjerma: the case's basis and public
/// title, the correspondents and numbers of its skjerma journalpostar.
fn screening(conn: &Connection, agenda_item_id: i64) -> Result<saksbok_core::minutes::Screening> {
    use saksbok_core::minutes::{ScreenedEntry, Screening};
    type CaseRow = (i64, i32, u32, Option<String>, Option<String>);
    let case: Option<CaseRow> = conn
        .query_row(
            "SELECT c.id, c.year, c.seq, c.screening_basis, c.public_title
             FROM agenda_items a JOIN cases c ON c.id = a.case_id WHERE a.id = ?1",
            [agenda_item_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((case_id, year, seq, basis, public_title)) = case else {
        return Ok(Screening::default());
    };
    let basis = basis.filter(|b| !b.trim().is_empty());
    let mut out = Screening { basis, public_title, ..Screening::default() };
    let mut stmt = conn.prepare(
        "SELECT doc_seq, screening_basis, public_title, correspondent FROM journal_entries
         WHERE case_id = ?1 AND screening_basis IS NOT NULL AND trim(screening_basis) <> '' ORDER BY doc_seq",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let case_number = saksbok_core::CaseNumber { year, seq };
    for row in rows {
        let (doc, basis, public_title, correspondent) = row?;
        if let Some(name) = correspondent.filter(|c| !c.trim().is_empty())
            && !out.names.contains(&name)
        {
            out.names.push(name);
        }
        out.entries.push(ScreenedEntry {
            number: saksbok_core::number::JournalNumber { case: case_number, doc },
            basis,
            public_title,
        });
    }
    Ok(out)
}

/// The møtebok's own vedlegg, with those that are skjerma journalpostar:
/// skjerma themselves, or of a skjerma case (whose basis covers its
/// documents, as in the offentleg journal).
fn meeting_attachments(conn: &Connection, meeting: i64) -> Result<saksbok_core::minutes::MeetingAttachments> {
    let list = crate::behandling::attachments_of(conn, crate::behandling::Owner::Meeting(meeting))?;
    let mut stmt = conn.prepare_cached(
        "SELECT basis, public_title FROM (
             SELECT coalesce(nullif(trim(j.screening_basis), ''), nullif(trim(c.screening_basis), '')) AS basis,
                    j.public_title
             FROM journal_entries j JOIN cases c ON c.id = j.case_id
             WHERE c.year = ?1 AND c.seq = ?2 AND j.doc_seq = ?3)
         WHERE basis IS NOT NULL",
    )?;
    let mut screened = Vec::new();
    for number in list.iter().filter_map(|a| a.journal_entry) {
        let row: Option<(String, Option<String>)> = stmt
            .query_row(params![number.case.year, number.case.seq, number.doc], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((basis, public_title)) = row {
            screened.push(saksbok_core::minutes::ScreenedEntry { number, basis, public_title });
        }
    }
    Ok(saksbok_core::minutes::MeetingAttachments { list, screened })
}

/// Everything a meeting's documents are made from, read in one go.
struct MeetingRecords {
    municipality: String,
    meeting: saksbok_core::meeting::MeetingRecord,
    board: saksbok_core::board::BoardSettings,
    roll: saksbok_core::roll::Roll,
    items: Vec<saksbok_core::minutes::MinutesItem>,
    business: saksbok_core::model::Behandling,
    attachments: saksbok_core::minutes::MeetingAttachments,
    phrases: saksbok_core::behandling::Phrases,
    template: saksbok_core::protocol::ProtocolTemplate,
    layout: saksbok_core::layout::ProtocolLayout,
}

impl MeetingRecords {
    /// `layout` replaces the board's saved one (a preview of a layout being edited).
    fn read(conn: &Connection, meeting_id: i64, layout: Option<&saksbok_core::layout::ProtocolLayout>) -> Result<Self> {
        let meeting = crate::meetings::get(conn, meeting_id)?;
        let mut board = crate::boards::get(conn, meeting.board_id)?;
        // An approved meeting is shown as it was approved: with the layout and phrases kept with it.
        let frozen = crate::approval::frozen(conn, meeting_id)?;
        let layout = match (layout, &frozen) {
            (Some(l), _) => l.validate().map_err(StoreError::InvalidFields)?,
            (None, Some(f)) => f.layout.clone(),
            (None, None) => crate::boards::layout(conn, meeting.board_id)?,
        };
        // The møtebok's own words stay in the language it was approved in.
        if let Some(l) = frozen.as_ref().and_then(|f| f.language) {
            board.settings.language = l;
        }
        let phrases = match frozen {
            Some(f) => f.phrases,
            None => crate::behandling::phrases(conn, meeting.board_id)?,
        };
        let template = protocol_template(conn)?.with_layout(&layout);
        let items = meeting
            .items
            .iter()
            .map(|line| {
                let (_, item) = crate::agenda::agenda_item(conn, line.id)?;
                let attachments = crate::behandling::attachments_of(conn, crate::behandling::Owner::Item(line.id))?;
                let screening = screening(conn, line.id)?;
                let approves_minutes = approved_dates(conn, line.id)?;
                Ok(saksbok_core::minutes::MinutesItem { item, attachments, approves_minutes, screening })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            municipality: template.municipality.clone(),
            roll: crate::attendance::get(conn, meeting_id)?,
            business: crate::behandling::get_business(conn, meeting_id)?,
            attachments: meeting_attachments(conn, meeting_id)?,
            phrases,
            board: board.settings,
            meeting,
            items,
            template,
            layout,
        })
    }

    fn input(&self) -> saksbok_core::minutes::MinutesInput<'_> {
        saksbok_core::minutes::MinutesInput {
            municipality: &self.municipality,
            meeting: &self.meeting,
            board: &self.board,
            roll: &self.roll,
            items: &self.items,
            business: &self.business,
            attachments: &self.attachments,
            phrases: &self.phrases,
            template: &self.template,
            layout: &self.layout,
        }
    }
}

/// The møteprotokoll of a meeting: everything it prints, read in one go.
pub fn minutes(conn: &Connection, meeting_id: i64) -> Result<saksbok_core::minutes::Minutes> {
    minutes_with(conn, meeting_id, None)
}

/// The møteprotokoll as it would print with `layout` instead of the
/// board's saved one: the live preview while a layout is edited.
pub fn minutes_with(
    conn: &Connection,
    meeting_id: i64,
    layout: Option<&saksbok_core::layout::ProtocolLayout>,
) -> Result<saksbok_core::minutes::Minutes> {
    let r = MeetingRecords::read(conn, meeting_id, layout)?;
    saksbok_core::minutes::minutes(&r.input()).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The offentleg versjon of a meeting's møteprotokoll: skjerming applied.
pub fn public_minutes(conn: &Connection, meeting_id: i64) -> Result<saksbok_core::minutes::Minutes> {
    public_minutes_with(conn, meeting_id, None)
}

/// The offentleg versjon with `layout` instead of the board's saved one.
pub fn public_minutes_with(
    conn: &Connection,
    meeting_id: i64,
    layout: Option<&saksbok_core::layout::ProtocolLayout>,
) -> Result<saksbok_core::minutes::Minutes> {
    let r = MeetingRecords::read(conn, meeting_id, layout)?;
    saksbok_core::minutes::public_minutes(&r.input()).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The innkalling of a meeting, with its public sakliste.
pub fn notice(conn: &Connection, meeting_id: i64) -> Result<saksbok_core::minutes::Notice> {
    notice_with(conn, meeting_id, None)
}

/// The innkalling with `layout` instead of the board's saved one.
pub fn notice_with(
    conn: &Connection,
    meeting_id: i64,
    layout: Option<&saksbok_core::layout::ProtocolLayout>,
) -> Result<saksbok_core::minutes::Notice> {
    let r = MeetingRecords::read(conn, meeting_id, layout)?;
    Ok(saksbok_core::minutes::innkalling(&r.input()))
}

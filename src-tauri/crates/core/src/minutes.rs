//! What a møteprotokoll (møtebok) says, before any layout: a pure function
//! from a whole meeting's records to everything kommunelova § 11-4 asks for —
//! time and place, who attended and who was absent (per sak where it
//! changed), the sakliste, every proposal, vote and vedtak, the meeting's own
//! business in its place, closed cases with their legal basis — and the
//! signatures and distribution list. How it is printed (tables or labelled
//! fields, where the signatures stand) is the protocol crate's business.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::{Capacity, Role};
use crate::behandling::{self, DanglingReference, Phrases};
use crate::board::BoardSettings;
use crate::date::format_date;
use crate::layout::ProtocolLayout;
use crate::meeting::MeetingRecord;
use crate::model::{AgendaItem, Behandling, Block};
use crate::protocol::{Field, ProtocolTemplate, Section, case_content};
use crate::record::Attachment;
use crate::roll::Roll;
use crate::text::{Paragraph, fill};

mod labels;
mod notice;
mod public;
pub use labels::MinutesLabels;
pub use notice::{Notice, innkalling};
pub use public::{ScreenedEntry, Screening, mask_names, public_minutes, public_title};

/// One agenda item with what the møtebok prints of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesItem {
    pub item: AgendaItem,
    pub attachments: Vec<Attachment>,
    /// "Godkjenning av møtebok": the dates of the board's earlier meetings
    /// whose møtebok the sak approved.
    pub approves_minutes: Vec<chrono::NaiveDate>,
    /// What of it is skjerma: applied in the offentleg versjon and the innkalling.
    pub screening: Screening,
}

/// The møtebok's own vedlegg, not of one sak (a presentation given in an
/// orientering, a report laid before the meeting): printed after the last part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingAttachments {
    pub list: Vec<Attachment>,
    /// Those of them that are skjerma journalpostar: the offentleg versjon
    /// shows their public title.
    pub screened: Vec<ScreenedEntry>,
}

/// Everything the møtebok is made from. `items` follow `meeting.items`.
#[derive(Debug, Clone, Copy)]
pub struct MinutesInput<'a> {
    pub municipality: &'a str,
    pub meeting: &'a MeetingRecord,
    pub board: &'a BoardSettings,
    pub roll: &'a Roll,
    pub items: &'a [MinutesItem],
    /// The meeting's own business: orienteringar, spørsmål, procedural votes.
    pub business: &'a Behandling,
    /// The møtebok's own vedlegg.
    pub attachments: &'a MeetingAttachments,
    pub phrases: &'a Phrases,
    /// The case parts' labels; the store makes it from the municipality and the layout.
    pub template: &'a ProtocolTemplate,
    /// The board's protocol layout: the møtebok's title, the sakliste per series or not.
    pub layout: &'a ProtocolLayout,
}

/// A person on the attendance lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    pub name: String,
    pub party: Option<String>,
    /// "Leiar", "Nestleiar", or a job title for the administration.
    pub function: Option<String>,
    /// What changed during the meeting: "møtte for Kari Nes", "kom kl. 10.15,
    /// frå sak 55/21", "ikkje til stades i sak 57/21".
    pub note: Option<String>,
}

/// A member ugild in one sak, with the basis and who took the seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Ugild {
    pub name: String,
    /// The sak as printed: "55/21".
    pub item: String,
    pub basis: String,
    pub substitute: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct MinutesAttendance {
    pub members: Vec<Person>,
    pub apologies: Vec<Person>,
    pub substitutes: Vec<Person>,
    pub ugilde: Vec<Ugild>,
    pub administration: Vec<Person>,
    /// Guests and outside bodies (the auditor): never vote.
    pub others: Vec<Person>,
    /// "9 medlemer møtte" when only a count was recorded.
    pub head_count: Option<u32>,
    /// Nothing was recorded about who came.
    pub unrecorded: bool,
}

/// One line of the sakliste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaklisteLine {
    pub number: String,
    pub case_number: Option<String>,
    pub title: String,
    /// Lukka: the legal basis when given, else an empty string.
    pub closed: Option<String>,
    pub added_late: bool,
}

/// The sakliste under one series' heading ("PS Politiske saker"); one
/// group without a heading when the board has a single series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaklisteGroup {
    pub heading: Option<String>,
    pub lines: Vec<SaklisteLine>,
}

/// One case as the møtebok prints it: the saksprotokoll's fields and
/// sections, with the legal basis when it was handled behind closed doors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseMinutes {
    pub number: String,
    pub fields: Vec<Field>,
    pub sections: Vec<Section>,
    /// "Lukka møte, jf. kl. § 11-5 andre ledd": printed under the title.
    pub closed: Option<String>,
    pub attachments: Vec<String>,
}

/// A part of the møtebok after the sakliste, in meeting order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MinutesPart {
    /// The meeting's own business before a sak or after the last.
    Business {
        paragraphs: Vec<Paragraph>,
    },
    Case(CaseMinutes),
}

/// One signature line of a møtebok: the name, and what is printed under it
/// ("møteleiar", "vald i sak 1/21").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signatory {
    pub name: String,
    pub note: Option<String>,
}

impl Signatory {
    /// Lines with these names and nothing under them.
    pub fn named<S: AsRef<str>>(names: &[S]) -> Vec<Signatory> {
        names.iter().map(|n| Signatory { name: n.as_ref().to_string(), note: None }).collect()
    }

    /// Names only, e.g. to compare with a list of names.
    pub fn names(list: &[Signatory]) -> Vec<&str> {
        list.iter().map(|s| s.name.as_str()).collect()
    }
}

/// The content of a møteprotokoll, in print order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Minutes {
    pub municipality: String,
    /// Printed at the head of the first page.
    #[serde(skip)]
    #[ts(skip)]
    pub logo: Option<crate::protocol::Logo>,
    pub document_kind: String,
    pub board: String,
    /// Møtestad, Møtedato, Start kl., Slutt kl., Innkalling, Tilleggssaker.
    pub facts: Vec<Field>,
    pub attendance: MinutesAttendance,
    /// The møteleiar, "(vald som møteleiar)" when a stand-in was elected.
    pub chair: Option<String>,
    pub sakliste: Vec<SaklisteGroup>,
    pub parts: Vec<MinutesPart>,
    /// The møtebok's own vedlegg, as printed after the last part.
    pub attachments: Vec<String>,
    pub signatures_text: String,
    /// The chair first, then the signatories (each once).
    pub signatories: Vec<Signatory>,
    /// "Møteprotokoll er sendt til:" and whom.
    pub distribution_label: String,
    pub distribution: Vec<String>,
    pub page_format: String,
    /// The words printed around the records, in the board's language.
    pub labels: MinutesLabels,
    /// For the footer and the PDF's metadata.
    pub title: String,
    pub subject: String,
    /// The board's layout, for how the protocol crate prints the rest.
    pub layout: ProtocolLayout,
}

fn clock(t: NaiveTime) -> String {
    t.format("%H.%M").to_string()
}

/// A stored time ("09:00") as printed: "09.00".
pub(crate) fn dotted(t: &str) -> String {
    t.replace(':', ".")
}

/// "sak 55/21" or "sakene 55/21 og 57/21".
fn saker(l: &MinutesLabels, numbers: &[String]) -> String {
    match numbers {
        [one] => fill(&l.one_item, &[("sak", one)]),
        [rest @ .., last] => fill(&l.many_items, &[("saker", &rest.join(", ")), ("siste", last)]),
        [] => String::new(),
    }
}

/// Builds the møteprotokoll of a meeting.
pub fn minutes(input: &MinutesInput<'_>) -> Result<Minutes, DanglingReference> {
    let m = input.meeting;
    let l = MinutesLabels::of(input.board.language);
    let number_of = |pos: u32| m.items.get(pos as usize).map(|i| i.number_text.clone());
    let date = format_date(m.date);

    let mut facts = Vec::new();
    let mut fact = |label: &str, value: Option<String>| push_fact(&mut facts, label, value);
    fact(&l.place, m.place.clone());
    fact(&l.date, Some(date.clone()));
    // Times as Norwegian prints them (09.00), the same in every document.
    fact(&l.start, m.start_time.as_deref().map(dotted));
    fact(&l.end, m.end_time.as_deref().map(dotted));
    let sent = &l.notice_sent;
    let notice = match (m.notice_sent, m.notice_method.as_deref()) {
        (Some(d), Some(how)) => Some(format!("{sent} {} ({how})", format_date(d))),
        (Some(d), None) => Some(format!("{sent} {}", format_date(d))),
        (None, Some(how)) => Some(format!("{sent} ({how})")),
        (None, None) => None,
    };
    fact(&l.notice, notice);
    let late: Vec<String> = m.items.iter().filter(|i| i.added_late).map(|i| i.number_text.clone()).collect();
    fact(&l.late_items, (!late.is_empty()).then(|| late.join(", ")));

    let attendance = attendance(input, &l, &number_of);
    let chair = input
        .roll
        .input
        .chair
        .as_ref()
        .map(|c| if input.roll.input.chair_elected { fill(&l.chair_elected, &[("namn", c)]) } else { c.clone() });

    let sakliste = sakliste_of(m, input.layout.sakliste_by_series);

    // The cases, with the meeting's own business before the sak it stood before.
    let mut parts = Vec::new();
    let business_at = |place: Option<u32>| -> Result<Option<MinutesPart>, DanglingReference> {
        let blocks: Vec<Block> = input.business.blocks.iter().filter(|b| b.before_item == place).cloned().collect();
        if blocks.is_empty() {
            return Ok(None);
        }
        let b = Behandling { blocks, ..input.business.clone() };
        Ok(Some(MinutesPart::Business { paragraphs: behandling::render(&b, input.phrases)? }))
    };
    for (pos, (line, item)) in m.items.iter().zip(input.items).enumerate() {
        parts.extend(business_at(Some(pos as u32))?);
        let (mut fields, sections) = case_content(&item.item, &line.number_text, input.template, input.phrases)?;
        fields.extend(approves_field(&l, &item.approves_minutes));
        let closed = line.closed.then(|| match line.closed_basis.as_deref().filter(|b| !b.trim().is_empty()) {
            Some(basis) => fill(&l.closed, &[("heimel", basis)]),
            None => l.closed_plain.clone(),
        });
        let attachments = item.attachments.iter().map(attachment_line).collect();
        parts.push(MinutesPart::Case(CaseMinutes {
            number: line.number_text.clone(),
            fields,
            sections,
            closed,
            attachments,
        }));
    }
    parts.extend(business_at(None)?);
    // Business placed before an item that is no longer on the list is not lost.
    let stray: Vec<Block> = input
        .business
        .blocks
        .iter()
        .filter(|b| b.before_item.is_some_and(|p| p as usize >= m.items.len()))
        .cloned()
        .collect();
    if !stray.is_empty() {
        let b = Behandling { blocks: stray, ..input.business.clone() };
        parts.push(MinutesPart::Business { paragraphs: behandling::render(&b, input.phrases)? });
    }

    let roll = &input.roll.input;
    let elected_in = roll.signatories_item.and_then(number_of);
    let mut signatories: Vec<Signatory> = Vec::new();
    for name in roll.chair.iter().chain(&roll.signatories) {
        if signatories.iter().any(|s| &s.name == name) {
            continue;
        }
        let note = if roll.chair.as_ref() == Some(name) {
            Some(l.signs_as_chair.clone())
        } else {
            elected_in.as_ref().map(|n| fill(&l.signs_elected, &[("sak", n)]))
        };
        signatories.push(Signatory { name: name.clone(), note });
    }
    // Named for the meeting rather than elected in a sak: the header says who.
    let named: Vec<&str> =
        roll.signatories.iter().filter(|n| roll.chair.as_ref() != Some(*n)).map(String::as_str).collect();
    if elected_in.is_none() && !named.is_empty() {
        push_fact(&mut facts, &l.signatories, Some(named.join(", ")));
    }
    let document_kind = input.layout.minutes_title.clone();
    Ok(Minutes {
        municipality: input.municipality.to_string(),
        logo: input.template.logo.clone(),
        document_kind: document_kind.clone(),
        board: m.board.clone(),
        facts,
        attendance,
        chair,
        sakliste,
        parts,
        attachments: input.attachments.list.iter().map(attachment_line).collect(),
        signatures_text: l.signatures_text.clone(),
        signatories,
        distribution_label: l.distribution.clone(),
        distribution: input.board.distribution.clone(),
        page_format: input.template.page_format.clone(),
        labels: l,
        title: format!("{document_kind} {} {date}", m.board),
        subject: format!("{document_kind} for {}, {date}", m.board),
        layout: input.layout.clone(),
    })
}

/// A labelled fact of the header, left out when there is nothing to say.
pub(crate) fn push_fact(facts: &mut Vec<Field>, label: &str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        facts.push(Field { label: label.into(), value, emphasised: false });
    }
}

/// The sakliste, grouped by series when the board has several and its
/// layout says so; else one list in agenda order.
pub(crate) fn sakliste_of(m: &MeetingRecord, by_series: bool) -> Vec<SaklisteGroup> {
    let line_of = |i: &crate::meeting::SaklisteItem| SaklisteLine {
        number: i.number_text.clone(),
        case_number: i.case_number.map(|c| c.to_string()),
        title: i.title.clone(),
        closed: i.closed.then(|| i.closed_basis.clone().unwrap_or_default()),
        added_late: i.added_late,
    };
    if by_series && m.series.len() > 1 {
        m.series
            .iter()
            .enumerate()
            .map(|(s, series)| SaklisteGroup {
                heading: Some(
                    [series.prefix.as_deref(), series.label.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                // An item of a series the meeting does not list goes with the last, never lost.
                lines: m
                    .items
                    .iter()
                    .filter(|i| i.series as usize == s || (s + 1 == m.series.len() && i.series as usize > s))
                    .map(line_of)
                    .collect(),
            })
            .filter(|g| !g.lines.is_empty())
            .collect()
    } else if m.items.is_empty() {
        Vec::new()
    } else {
        vec![SaklisteGroup { heading: None, lines: m.items.iter().map(line_of).collect() }]
    }
}

/// The attendance lists: who came (with what changed during the meeting),
/// forfall, varamedlemer with whom they replaced, ugilde, the
/// administration and other people present.
fn attendance(
    input: &MinutesInput<'_>,
    l: &MinutesLabels,
    number_of: &dyn Fn(u32) -> Option<String>,
) -> MinutesAttendance {
    let roll = input.roll;
    let a = &roll.input.attendance;
    let seat = |name: &str| roll.seats.iter().find(|s| s.name == name);
    let function = |name: &str| {
        seat(name).and_then(|s| match s.role {
            Role::Chair => Some(l.leader.clone()),
            Role::DeputyChair => Some(l.deputy.clone()),
            Role::Member => None,
        })
    };
    let ugild_items: Vec<(String, u32)> =
        a.disqualified.iter().filter_map(|d| d.substitute.clone().map(|s| (s, d.item))).collect();
    let mut out = MinutesAttendance { head_count: a.head_count, ..MinutesAttendance::default() };
    for p in &a.attendees {
        let mut notes: Vec<String> = Vec::new();
        if let Capacity::Substitute { replaces: Some(r) } = &p.capacity {
            notes.push(fill(&l.replaced, &[("namn", r)]));
        }
        let stand_in: Vec<String> =
            ugild_items.iter().filter(|(s, _)| *s == p.name).filter_map(|(_, i)| number_of(*i)).collect();
        let only_ugild = !stand_in.is_empty() && p.from_item.is_some() && p.from_item == p.to_item;
        if only_ugild {
            notes.push(fill(&l.stand_in, &[("saker", &saker(l, &stand_in))]));
        } else if let (Some(from), Some(to)) = (p.from_item, p.to_item)
            && from == to
            && p.arrived_at.is_none()
            && p.left_at.is_none()
        {
            notes.extend(number_of(from).map(|n| fill(&l.in_item, &[("sak", &n)])));
        } else {
            let mut arrived = Vec::new();
            if let Some(t) = p.arrived_at {
                arrived.push(fill(&l.arrived, &[("kl", &clock(t))]));
            }
            if let Some(n) = p.from_item.filter(|i| *i > 0).and_then(number_of) {
                arrived.push(fill(&l.from_item, &[("sak", &n)]));
            }
            if !arrived.is_empty() {
                notes.push(arrived.join(", "));
            }
            let mut left = Vec::new();
            if let Some(t) = p.left_at {
                left.push(fill(&l.left, &[("kl", &clock(t))]));
            }
            if let Some(n) = p.to_item.filter(|i| (*i as usize) + 1 < input.meeting.items.len()).and_then(number_of) {
                left.push(fill(&l.to_item, &[("sak", &n)]));
            }
            if !left.is_empty() {
                notes.push(left.join(", "));
            }
        }
        let away: Vec<String> = p.away_items.iter().filter_map(|i| number_of(*i)).collect();
        if !away.is_empty() {
            notes.push(fill(&l.away, &[("saker", &saker(l, &away))]));
        }
        notes.extend(p.note.clone());
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        let person = |function: Option<String>| Person {
            name: p.name.clone(),
            party: p.party.clone(),
            function,
            note: note.clone(),
        };
        match &p.capacity {
            Capacity::Member => out.members.push(person(function(&p.name))),
            Capacity::Substitute { .. } => out.substitutes.push(person(None)),
            Capacity::Administration { title } => out.administration.push(person(title.clone())),
            Capacity::Other { title } => out.others.push(person(title.clone())),
        }
    }
    for name in &a.apologies {
        out.apologies.push(Person {
            name: name.clone(),
            party: seat(name).and_then(|s| s.party.clone()),
            function: function(name),
            note: None,
        });
    }
    for d in &a.disqualified {
        out.ugilde.push(Ugild {
            name: d.member.clone(),
            item: number_of(d.item).unwrap_or_else(|| format!("nr. {}", d.item + 1)),
            basis: d.basis.clone(),
            substitute: d.substitute.clone(),
        });
    }
    out.unrecorded = a.attendees.is_empty() && a.apologies.is_empty() && a.head_count.is_none();
    out
}

/// A vedlegg as printed after the vedtak: "Samarbeidsavtale SyS-IKT (21/1069-3)",
/// or its title alone when it is no journalpost.
pub fn attachment_line(a: &Attachment) -> String {
    match &a.journal_entry {
        Some(j) => format!("{} ({j})", a.title),
        None => a.title.clone(),
    }
}

/// "Godkjenner møtebok frå: 10.11.2026 og 24.11.2026": the field of a sak
/// that approved earlier møtebøker; none when it approved none.
pub fn approves_field(l: &MinutesLabels, dates: &[chrono::NaiveDate]) -> Option<crate::protocol::Field> {
    let dates: Vec<String> = dates.iter().map(|d| crate::date::format_date(*d)).collect();
    let value = match dates.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    };
    Some(crate::protocol::Field { label: l.approves_minutes.clone(), value, emphasised: false })
}

#[cfg(test)]
mod tests;

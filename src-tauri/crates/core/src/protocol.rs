//! What a saksprotokoll says, before any layout: a pure function from the
//! records and a template (labels, formats) to headed sections of paragraphs.
//! The template's defaults reproduce Luster's published protocol.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::behandling::{self, DanglingReference, Phrases};
use crate::date::format_date;
use crate::model::{AgendaItem, MeetingInfo};
use crate::text::{Paragraph, fill, paragraphs};

/// The municipality's logo as stored: the bytes of a PNG or JPEG file,
/// printed at the head of its protocols. Shared, not copied, between the
/// documents made from one template.
#[derive(Clone, PartialEq, Eq)]
pub struct Logo(pub std::sync::Arc<[u8]>);

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({} bytes)", self.0.len())
    }
}

/// Labels and formats of a saksprotokoll. A setting per municipality/board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProtocolTemplate {
    pub municipality: String,
    /// The municipality's logo, when it has one (never sent to the window).
    #[serde(skip)]
    #[ts(skip)]
    pub logo: Option<Logo>,
    pub document_kind: String,
    pub case_label: String,
    pub title_label: String,
    /// How the title line is printed; `{tittel}` is the stored title.
    pub title_format: String,
    pub archive_label: String,
    pub behandling_label: String,
    pub vedtak_label: String,
    /// Footer; `{side}` and `{sider}`.
    pub page_format: String,
}

impl Default for ProtocolTemplate {
    fn default() -> Self {
        Self {
            municipality: "Luster kommune".into(),
            logo: None,
            document_kind: "Saksprotokoll".into(),
            case_label: "Sak:".into(),
            title_label: "Tittel:".into(),
            title_format: "Saksprotokoll - {tittel}".into(),
            archive_label: "Arkivsak:".into(),
            behandling_label: "Behandling:".into(),
            vedtak_label: "Vedtak:".into(),
            page_format: "Side {side} av {sider}".into(),
        }
    }
}

impl ProtocolTemplate {
    /// This template with a board's layout: the saksprotokoll's title, the
    /// title line with or without it, and the section labels.
    #[must_use]
    pub fn with_layout(mut self, layout: &crate::layout::ProtocolLayout) -> Self {
        self.document_kind.clone_from(&layout.extract_title);
        self.title_format = layout.title_format();
        self.behandling_label.clone_from(&layout.behandling_label);
        self.vedtak_label.clone_from(&layout.vedtak_label);
        self
    }
}

/// A labelled line such as "Sak: 54/21".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// Printed in bold as a heading line.
    pub emphasised: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

/// The content of one saksprotokoll, in print order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Saksprotokoll {
    pub municipality: String,
    /// Printed at the head of the first page.
    #[serde(skip)]
    #[ts(skip)]
    pub logo: Option<Logo>,
    pub document_kind: String,
    pub board: String,
    /// dd.mm.yyyy
    pub meeting_date: String,
    pub fields: Vec<Field>,
    pub sections: Vec<Section>,
    pub page_format: String,
    /// For the PDF's metadata: "Saksprotokoll 54/21 Formannskapet og næringsutvalet".
    pub title: String,
    pub subject: String,
    /// "Rett utskrift" with the date and who certified the extract.
    #[serde(default)]
    pub certified: Option<Certification>,
}

/// An extract marked as a true copy: "Rett utskrift: 05.12.2026, Kari Nes".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Certification {
    pub label: String,
    /// dd.mm.yyyy
    pub date: String,
    pub name: String,
}

/// The longest name on a "Rett utskrift" line.
pub const MAX_CERTIFIER: usize = 80;

impl Saksprotokoll {
    /// The vedlegg after the vedtak, one to a paragraph ("Samarbeidsavtale
    /// (21/1069-3)"); nothing when there are none.
    #[must_use]
    pub fn with_attachments(mut self, heading: &str, lines: &[String]) -> Self {
        if !lines.is_empty() {
            self.sections.push(Section {
                heading: heading.to_string(),
                paragraphs: lines.iter().map(|l| Paragraph::plain(l.clone())).collect(),
            });
        }
        self
    }

    /// Last, once the møtebok is approved: where the approved møtebok is
    /// ("Møteboka frå møtet 15.04.2021 vart godkjend 20.04.2021 (i møte 12/21).").
    #[must_use]
    pub fn with_approval(mut self, heading: &str, text: &str) -> Self {
        self.sections
            .push(Section { heading: heading.to_string(), paragraphs: vec![Paragraph::plain(text.to_string())] });
        self
    }

    /// Marks the extract "Rett utskrift" on `date` by `name`. A name that is
    /// empty, too long or holds line breaks is refused with a message.
    pub fn certify(mut self, date: chrono::NaiveDate, name: &str) -> Result<Self, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Skriv namnet på den som stadfestar at utskrifta er rett.".into());
        }
        if name.chars().count() > MAX_CERTIFIER || name.chars().any(char::is_control) {
            return Err(format!(
                "Namnet under «Rett utskrift» kan vera på høgst {MAX_CERTIFIER} teikn, utan linjeskift."
            ));
        }
        self.certified =
            Some(Certification { label: "Rett utskrift:".into(), date: format_date(date), name: name.to_string() });
        Ok(self)
    }

    /// The footer of page `page` of `pages`.
    pub fn page_label(&self, page: usize, pages: usize) -> String {
        fill(&self.page_format, &[("side", &page.to_string()), ("sider", &pages.to_string())])
    }
}

/// The labelled fields ("Sak:", "Tittel:", "Arkivsak:") and the sections
/// ("Behandling:", "Vedtak:") of one agenda item: the saksprotokoll's body,
/// and each case's part of the møteprotokoll.
/// `number` is the utvalssak number as the board prints it ("PS 054/21").
pub fn case_content(
    item: &AgendaItem,
    number: &str,
    tpl: &ProtocolTemplate,
    phrases: &Phrases,
) -> Result<(Vec<Field>, Vec<Section>), DanglingReference> {
    let mut fields = vec![
        Field { label: tpl.case_label.clone(), value: number.to_string(), emphasised: true },
        Field {
            label: tpl.title_label.clone(),
            value: fill(&tpl.title_format, &[("tittel", &item.title)]),
            emphasised: false,
        },
    ];
    if let Some(case) = item.case_number {
        fields.push(Field { label: tpl.archive_label.clone(), value: case.to_string(), emphasised: false });
    }
    let mut sections = vec![Section {
        heading: tpl.behandling_label.clone(),
        paragraphs: behandling::item_paragraphs(item, phrases)?,
    }];
    if let Some(vedtak) = item.vedtak.as_deref() {
        sections.push(Section {
            heading: tpl.vedtak_label.clone(),
            paragraphs: paragraphs(vedtak).into_iter().map(Paragraph::plain).collect(),
        });
    }
    Ok((fields, sections))
}

/// Builds the saksprotokoll of one agenda item.
pub fn saksprotokoll(
    meeting: &MeetingInfo,
    item: &AgendaItem,
    tpl: &ProtocolTemplate,
    phrases: &Phrases,
) -> Result<Saksprotokoll, DanglingReference> {
    let number = item.number.to_string();
    let (fields, sections) = case_content(item, &number, tpl, phrases)?;
    let date = format_date(meeting.date);
    Ok(Saksprotokoll {
        municipality: tpl.municipality.clone(),
        logo: tpl.logo.clone(),
        document_kind: tpl.document_kind.clone(),
        board: meeting.board.clone(),
        meeting_date: date.clone(),
        fields,
        sections,
        page_format: tpl.page_format.clone(),
        title: format!("{} {} {}", tpl.document_kind, number, meeting.board),
        subject: format!("{} – {} {}", item.title, meeting.board, date),
        certified: None,
    })
}

/// The protocol as plain text, one paragraph a line: what a reader sees,
/// without layout. Used by tests and for copying into other systems.
pub fn plain_text(p: &Saksprotokoll) -> String {
    let mut out = format!("{}\n{}\n{}\n{}\n", p.municipality, p.document_kind, p.board, p.meeting_date);
    for f in &p.fields {
        let _ = writeln!(out, "{} {}", f.label, f.value);
    }
    for s in &p.sections {
        out.push_str(&s.heading);
        out.push('\n');
        for para in &s.paragraphs {
            out.push_str(&para.plain_text());
            out.push('\n');
        }
    }
    if let Some(c) = &p.certified {
        let _ = writeln!(out, "{} {}, {}", c.label, c.date, c.name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn reference_case_gives_the_reference_structure() {
        let d = demo::reference();
        let item = &d.meeting.items[0];
        let p = saksprotokoll(&d.meeting.info, item, &ProtocolTemplate::default(), &Phrases::nynorsk()).unwrap();
        let labels: Vec<&str> = p.fields.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["Sak:", "Tittel:", "Arkivsak:"]);
        assert_eq!(p.fields[0].value, "54/21");
        assert_eq!(p.fields[1].value, "Saksprotokoll - IKT-samarbeid. Etablering av avtale med SYS-IKT");
        assert_eq!(p.fields[2].value, "21/1069");
        assert_eq!(p.meeting_date, "15.04.2021");
        assert_eq!(p.sections[0].heading, "Behandling:");
        assert_eq!(p.sections[1].heading, "Vedtak:");
        assert_eq!(p.sections[1].paragraphs.len(), 5);
        assert_eq!(p.page_label(1, 2), "Side 1 av 2");
    }

    #[test]
    fn plain_text_matches_the_reference_word_for_word() {
        let d = demo::reference();
        let p = saksprotokoll(&d.meeting.info, &d.meeting.items[0], &ProtocolTemplate::default(), &Phrases::nynorsk())
            .unwrap();
        let ours = plain_text(&p);
        let reference = include_str!("../../../../tests/fixtures/saksprotokoll-54-21.txt");
        let norm = |s: &str| s.replace('*', "").split_whitespace().collect::<Vec<_>>().join(" ");
        let from = |s: &str| s[s.find("Sak: 54/21").unwrap()..].to_string();
        assert_eq!(norm(&from(&ours)), norm(&from(reference)));
    }

    #[test]
    fn an_extract_is_marked_rett_utskrift_with_date_and_name() {
        let d = demo::reference();
        let p = saksprotokoll(&d.meeting.info, &d.meeting.items[0], &ProtocolTemplate::default(), &Phrases::nynorsk())
            .unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2021, 4, 16).unwrap();
        let c = p.clone().certify(day, "  Kari Nes ").unwrap();
        assert!(plain_text(&c).ends_with("Rett utskrift: 16.04.2021, Kari Nes\n"));
        assert_eq!(
            p.clone().certify(day, " ").unwrap_err(),
            "Skriv namnet på den som stadfestar at utskrifta er rett."
        );
        assert!(p.clone().certify(day, "Kari\nNes").is_err());
        assert!(p.certify(day, &"x".repeat(81)).is_err());
    }

    #[test]
    fn item_without_arkivsak_or_vedtak_omits_those_parts() {
        let d = demo::reference();
        let mut item = d.meeting.items[0].clone();
        item.case_number = None;
        item.vedtak = None;
        let p = saksprotokoll(&d.meeting.info, &item, &ProtocolTemplate::default(), &Phrases::nynorsk()).unwrap();
        assert_eq!(p.fields.len(), 2);
        assert_eq!(p.sections.len(), 1);
    }
}

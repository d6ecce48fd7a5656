//! Offentleg journal (offentleglova § 10): the journalpostar registered in a
//! period, as the public may see them. Every field that is skjerma — in the
//! journalpost or in its case — is replaced by its public form or by the legal
//! basis, here, before anything is printed: the PDF and the CSV are made only
//! from what this module lets through.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::format_date;
use crate::journal::JournalKind;
use crate::number::JournalNumber;
use crate::protocol::{Saksprotokoll, Section};
use crate::text::Paragraph;

/// A journalpost and its case as stored, skjerming included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub number: JournalNumber,
    pub kind: JournalKind,
    pub date: NaiveDate,
    pub title: String,
    pub public_title: Option<String>,
    pub correspondent: Option<String>,
    pub screening_basis: Option<String>,
    pub case_title: String,
    pub case_public_title: Option<String>,
    pub case_screening_basis: Option<String>,
    pub officer: Option<String>,
}

/// One line of the public journal: nothing in it is skjerma.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub number: String,
    pub kind: String,
    pub date: String,
    pub case_title: String,
    pub title: String,
    /// Avsendar or mottakar, or the legal basis when skjerma.
    pub correspondent: String,
    pub officer: String,
    /// The legal basis of whatever was skjerma, empty when nothing was.
    pub screened: String,
}

fn screened_text(basis: &str) -> String {
    format!("Skjerma etter {basis}")
}

/// What of `source` the public may see.
pub fn public(source: &Source) -> Entry {
    let case_basis = source.case_screening_basis.as_deref();
    let basis = source.screening_basis.as_deref();
    let case_title = match case_basis {
        Some(b) => source.case_public_title.clone().unwrap_or_else(|| screened_text(b)),
        None => source.case_title.clone(),
    };
    let title = match basis.or(case_basis) {
        Some(b) => source.public_title.clone().unwrap_or_else(|| screened_text(b)),
        None => source.title.clone(),
    };
    // Names are what skjerming most often protects: a skjerma journalpost
    // never shows its sender or recipient.
    let correspondent = match basis {
        Some(b) => screened_text(b),
        None => source.correspondent.clone().unwrap_or_default(),
    };
    let mut screened: Vec<&str> = [case_basis, basis].into_iter().flatten().collect();
    screened.dedup();
    Entry {
        number: source.number.to_string(),
        kind: format!("{} – {}", source.kind.letter(), source.kind.label()),
        date: format_date(source.date),
        case_title,
        title,
        correspondent,
        officer: source.officer.clone().unwrap_or_default(),
        screened: screened.join("; "),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The public journal as CSV for spreadsheets: UTF-8 with a byte-order mark,
/// semicolons (as Norwegian Excel expects), CRLF line ends, one header line.
pub fn csv(entries: &[Entry]) -> String {
    let mut out = String::from("\u{feff}");
    let header =
        ["Journalpostnr", "Type", "Journaldato", "Sak", "Dokument", "Avsendar/mottakar", "Saksansvarleg", "Skjerming"];
    out.push_str(&header.join(";"));
    out.push_str("\r\n");
    for e in entries {
        let fields = [&e.number, &e.kind, &e.date, &e.case_title, &e.title, &e.correspondent, &e.officer, &e.screened];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The public journal as a document for the protocol layout: a heading per
/// journalpost with its fields below it.
pub fn document(entries: &[Entry], municipality: &str, from: NaiveDate, to: NaiveDate) -> Saksprotokoll {
    let period = format!("{} – {}", format_date(from), format_date(to));
    let sections = entries
        .iter()
        .map(|e| {
            let mut lines = vec![
                format!("Sak: {}", e.case_title),
                format!("Dokument: {}", e.title),
                format!("Journaldato: {}", e.date),
            ];
            if !e.correspondent.is_empty() {
                lines.push(format!("Avsendar/mottakar: {}", e.correspondent));
            }
            if !e.officer.is_empty() {
                lines.push(format!("Saksansvarleg: {}", e.officer));
            }
            if !e.screened.is_empty() {
                lines.push(format!("Skjerming: {}", e.screened));
            }
            Section {
                heading: format!("{}   {}", e.number, e.kind),
                paragraphs: lines.into_iter().map(Paragraph::plain).collect(),
            }
        })
        .collect::<Vec<_>>();
    let count =
        if entries.len() == 1 { "1 journalpost".to_string() } else { format!("{} journalpostar", entries.len()) };
    Saksprotokoll {
        logo: None,
        municipality: municipality.to_string(),
        document_kind: "Offentleg journal".into(),
        board: period.clone(),
        meeting_date: count,
        fields: Vec::new(),
        sections,
        page_format: "Side {side} av {sider}".into(),
        title: format!("Offentleg journal {period}"),
        subject: format!("Offentleg journal for {municipality}, {period}"),
        certified: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source {
        Source {
            number: "26/14-2".parse().unwrap(),
            kind: JournalKind::Incoming,
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            title: "Søknad om permisjon – Kari Nordmann".into(),
            public_title: Some("Søknad om permisjon".into()),
            correspondent: Some("Kari Nordmann".into()),
            screening_basis: Some("offl. § 13 jf. fvl. § 13".into()),
            case_title: "Personalsak – Kari Nordmann".into(),
            case_public_title: None,
            case_screening_basis: Some("offl. § 13 jf. fvl. § 13".into()),
            officer: Some("Per Lerum".into()),
        }
    }

    #[test]
    fn skjerma_fields_become_their_public_form_or_the_legal_basis() {
        let e = public(&source());
        assert_eq!(e.case_title, "Skjerma etter offl. § 13 jf. fvl. § 13");
        assert_eq!(e.title, "Søknad om permisjon");
        assert_eq!(e.correspondent, "Skjerma etter offl. § 13 jf. fvl. § 13");
        assert_eq!(e.screened, "offl. § 13 jf. fvl. § 13");
        let text = format!("{e:?}{}", csv(std::slice::from_ref(&e)));
        assert!(!text.contains("Kari Nordmann"), "a skjerma name leaked: {text}");
    }

    #[test]
    fn a_skjerma_case_screens_its_journalposts_titles_too() {
        let mut s = source();
        s.screening_basis = None;
        s.public_title = None;
        let e = public(&s);
        assert_eq!(e.title, "Skjerma etter offl. § 13 jf. fvl. § 13", "the case's basis covers its documents");
        assert_eq!(e.correspondent, "Kari Nordmann", "the journalpost itself is open");
    }

    #[test]
    fn open_entries_are_shown_as_they_are_and_csv_quotes_what_it_must() {
        let mut s = source();
        s.screening_basis = None;
        s.case_screening_basis = None;
        s.title = "Brev; med \"sitat\"".into();
        let e = public(&s);
        assert_eq!(e.screened, "");
        let out = csv(&[e]);
        assert!(out.starts_with("\u{feff}Journalpostnr;Type;"));
        assert!(out.contains(";\"Brev; med \"\"sitat\"\"\";"), "{out}");
        assert!(out.ends_with("\r\n"));
    }

    #[test]
    fn the_document_has_a_section_per_journalpost() {
        let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let d = document(&[public(&source())], "Luster kommune", from, to);
        assert_eq!(d.document_kind, "Offentleg journal");
        assert_eq!(d.sections.len(), 1);
        assert_eq!(d.sections[0].heading, "26/14-2   I – Inngåande");
        assert_eq!(d.board, "01.11.2026 – 30.11.2026");
        assert_eq!(d.meeting_date, "1 journalpost");
    }
}

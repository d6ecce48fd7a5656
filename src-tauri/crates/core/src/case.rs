//! The arkivsak (Noark saksmappe) as the register keeps it, and the rules a
//! case must satisfy before it is stored. Pure: the store checks what needs
//! the database (a number already used), everything else is checked here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::number::CaseNumber;

/// The longest title the register takes; Noark has no limit, but a title
/// longer than this is a pasted document, not a title.
pub const MAX_TITLE: usize = 500;
/// The longest free-text note.
pub const MAX_NOTES: usize = 20_000;
/// The longest short field (saksansvarleg, avdeling, arkivkode, heimel).
pub const MAX_SHORT: usize = 200;

/// Noark 5 saksstatus. Stored by its English code; shown in Nynorsk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Oppretta av sakshandsamar
    Opened,
    /// Under behandling
    InProgress,
    /// Avslutta av sakshandsamar
    ClosedByOfficer,
    /// Avslutta
    Closed,
    /// Utgår: a case registered by mistake; it keeps its number.
    Cancelled,
}

impl CaseStatus {
    pub const ALL: [Self; 5] = [Self::Opened, Self::InProgress, Self::ClosedByOfficer, Self::Closed, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Opened => "opened",
            Self::InProgress => "in_progress",
            Self::ClosedByOfficer => "closed_by_officer",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Nynorsk name users know.
    pub fn label(self) -> &'static str {
        match self {
            Self::Opened => "Oppretta av sakshandsamar",
            Self::InProgress => "Under behandling",
            Self::ClosedByOfficer => "Avslutta av sakshandsamar",
            Self::Closed => "Avslutta",
            Self::Cancelled => "Utgår",
        }
    }

    /// Whether a case in this status is finished and should carry a closing date.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::ClosedByOfficer | Self::Closed | Self::Cancelled)
    }
}

/// What a clerk types into the case form. `number` is `None` for a new case
/// that gets the next number of its year; an imported case brings its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseInput {
    /// "21/1069" or "2021/1069"; empty or null: the next free number.
    pub number: Option<String>,
    pub title: String,
    /// The title the public sees when parts of it are skjerma.
    pub public_title: Option<String>,
    pub status: CaseStatus,
    /// Saksansvarleg.
    pub officer: Option<String>,
    /// Avdeling.
    pub unit: Option<String>,
    /// Arkivkode / klassering, e.g. "026" or "K2-026".
    pub classification: Option<String>,
    /// Legal basis for skjerming, e.g. "offl. § 13 jf. fvl. § 13"; null = open.
    pub screening_basis: Option<String>,
    /// yyyy-mm-dd
    pub opened_on: String,
    /// yyyy-mm-dd
    pub closed_on: Option<String>,
    pub notes: Option<String>,
}

/// A problem with one field, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field's name in [`CaseInput`] (or `JournalInput`).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_string(), message: message.into() }
    }
}

/// A case that passed [`CaseInput::validate`]: trimmed, parsed, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFields {
    pub number: Option<CaseNumber>,
    pub title: String,
    pub public_title: Option<String>,
    pub status: CaseStatus,
    pub officer: Option<String>,
    pub unit: Option<String>,
    pub classification: Option<String>,
    pub screening_basis: Option<String>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// Trims and turns an empty text into `None`.
pub fn optional(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

pub(crate) fn check_len(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>, max: usize, what: &str) {
    if let Some(v) = value
        && v.chars().count() > max
    {
        errors
            .push(FieldError::new(field, format!("{what} kan vera på høgst {max} teikn (no {}).", v.chars().count())));
    }
}

fn check_control_chars(errors: &mut Vec<FieldError>, field: &str, value: &str, what: &str) {
    if value.chars().any(char::is_control) {
        errors.push(FieldError::new(field, format!("{what} kan ikkje ha linjeskift eller kontrollteikn.")));
    }
}

/// Reads a date typed as dd.mm.yyyy or yyyy-mm-dd.
pub(crate) fn check_date(errors: &mut Vec<FieldError>, field: &str, value: &str, what: &str) -> Option<NaiveDate> {
    let d = crate::date::parse_date(value);
    if d.is_none() {
        errors.push(FieldError::new(
            field,
            format!("«{value}» er ikkje ein gyldig dato for {what}. Skriv til dømes 15.04.2021."),
        ));
    }
    d
}

impl CaseInput {
    /// Checks every field; returns all problems at once so the form can show
    /// them together.
    pub fn validate(&self) -> Result<CaseFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let number = match optional(self.number.as_deref()) {
            None => None,
            Some(n) => match n.parse::<CaseNumber>() {
                Ok(n) => Some(n),
                Err(e) => {
                    errors.push(FieldError::new("number", e.to_string()));
                    None
                }
            },
        };
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Saka må ha ein tittel."));
        }
        check_len(&mut errors, "title", Some(&title), MAX_TITLE, "Tittelen");
        check_control_chars(&mut errors, "title", &title, "Tittelen");
        let public_title = optional(self.public_title.as_deref());
        check_len(&mut errors, "public_title", public_title.as_deref(), MAX_TITLE, "Den offentlege tittelen");
        if let Some(p) = &public_title {
            check_control_chars(&mut errors, "public_title", p, "Den offentlege tittelen");
        }
        let officer = optional(self.officer.as_deref());
        let unit = optional(self.unit.as_deref());
        let classification = optional(self.classification.as_deref());
        let screening_basis = optional(self.screening_basis.as_deref());
        for (field, value, what) in [
            ("officer", &officer, "Saksansvarleg"),
            ("unit", &unit, "Avdeling"),
            ("classification", &classification, "Arkivkoden"),
            ("screening_basis", &screening_basis, "Heimelen for skjerming"),
        ] {
            check_len(&mut errors, field, value.as_deref(), MAX_SHORT, what);
        }
        if public_title.is_some() && screening_basis.is_none() {
            errors.push(FieldError::new(
                "screening_basis",
                "Ein offentleg tittel trengst berre når saka er skjerma: skriv heimelen, til dømes «offl. § 13 jf. fvl. § 13».",
            ));
        }
        let notes = optional(self.notes.as_deref());
        check_len(&mut errors, "notes", notes.as_deref(), MAX_NOTES, "Merknaden");
        let opened_on = check_date(&mut errors, "opened_on", self.opened_on.trim(), "oppretta");
        let closed_on =
            optional(self.closed_on.as_deref()).and_then(|d| check_date(&mut errors, "closed_on", &d, "avslutta"));
        if let (Some(o), Some(c)) = (opened_on, closed_on)
            && c < o
        {
            errors.push(FieldError::new("closed_on", "Saka kan ikkje vera avslutta før ho vart oppretta."));
        }
        if closed_on.is_some() && !self.status.is_closed() {
            errors.push(FieldError::new(
                "closed_on",
                format!(
                    "Ei sak med status «{}» har ingen avslutningsdato. Tøm feltet eller vel ein avslutta status.",
                    self.status.label()
                ),
            ));
        }
        if let (Some(n), Some(o)) = (number, opened_on)
            && n.year > chrono::Datelike::year(&o) + 1
        {
            errors.push(FieldError::new(
                "number",
                format!("Saksnummeret {n} er frå eit seinare år enn opningsdatoen {}.", crate::date::format_date(o)),
            ));
        }
        match (errors.is_empty(), opened_on) {
            (true, Some(opened_on)) => Ok(CaseFields {
                number,
                title,
                public_title,
                status: self.status,
                officer,
                unit,
                classification,
                screening_basis,
                opened_on,
                closed_on,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

/// One message for all field errors, for the command line and logs.
pub fn summary(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CaseInput {
        CaseInput {
            number: None,
            title: "  IKT-samarbeid. Etablering av avtale med SYS-IKT ".into(),
            public_title: None,
            status: CaseStatus::InProgress,
            officer: Some(" Per Kjetil Lerum ".into()),
            unit: Some(String::new()),
            classification: None,
            screening_basis: None,
            opened_on: "12.03.2021".into(),
            closed_on: None,
            notes: None,
        }
    }

    fn fields_of(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_good_case_is_trimmed_and_empty_fields_become_none() {
        let f = input().validate().unwrap();
        assert_eq!(f.title, "IKT-samarbeid. Etablering av avtale med SYS-IKT");
        assert_eq!(f.officer.as_deref(), Some("Per Kjetil Lerum"));
        assert_eq!(f.unit, None);
        assert_eq!(f.opened_on, NaiveDate::from_ymd_opt(2021, 3, 12).unwrap());
        assert_eq!(f.number, None);
    }

    #[test]
    fn numbers_with_four_digit_years_are_the_same_number() {
        let mut a = input();
        a.number = Some("2021/1069".into());
        let mut b = input();
        b.number = Some("21/1069".into());
        assert_eq!(a.validate().unwrap().number, b.validate().unwrap().number);
    }

    #[test]
    fn malformed_numbers_are_refused_with_the_number_field() {
        for bad in ["21-1069", "21/0", "21/1069/3", "abc"] {
            let mut i = input();
            i.number = Some(bad.into());
            let e = i.validate().unwrap_err();
            assert_eq!(fields_of(&e), ["number"], "{bad}");
            assert!(e[0].message.contains(bad), "{}", e[0].message);
        }
    }

    #[test]
    fn empty_overlong_and_multiline_titles_are_refused() {
        let mut i = input();
        i.title = "   ".into();
        assert_eq!(i.validate().unwrap_err()[0].message, "Saka må ha ein tittel.");
        i.title = "å".repeat(MAX_TITLE + 1);
        let e = i.validate().unwrap_err();
        assert_eq!(e[0].message, "Tittelen kan vera på høgst 500 teikn (no 501).");
        i.title = "å".repeat(MAX_TITLE);
        assert!(i.validate().is_ok(), "500 characters (not bytes) are fine");
        i.title = "linje\nto".into();
        assert_eq!(fields_of(&i.validate().unwrap_err()), ["title"]);
    }

    #[test]
    fn dates_must_be_real_and_in_order() {
        let mut i = input();
        i.opened_on = "31.02.2021".into();
        assert_eq!(fields_of(&i.validate().unwrap_err()), ["opened_on"]);
        let mut i = input();
        i.status = CaseStatus::Closed;
        i.closed_on = Some("01.01.2021".into());
        assert_eq!(i.validate().unwrap_err()[0].message, "Saka kan ikkje vera avslutta før ho vart oppretta.");
        i.closed_on = Some("2021-06-30".into());
        assert_eq!(i.validate().unwrap().closed_on, NaiveDate::from_ymd_opt(2021, 6, 30));
    }

    #[test]
    fn an_open_case_has_no_closing_date() {
        let mut i = input();
        i.closed_on = Some("30.06.2021".into());
        let e = i.validate().unwrap_err();
        assert_eq!(fields_of(&e), ["closed_on"]);
        assert!(e[0].message.contains("Under behandling"));
    }

    #[test]
    fn a_public_title_needs_a_legal_basis() {
        let mut i = input();
        i.public_title = Some("Personalsak".into());
        assert_eq!(fields_of(&i.validate().unwrap_err()), ["screening_basis"]);
        i.screening_basis = Some("offl. § 13 jf. fvl. § 13".into());
        assert!(i.validate().is_ok());
    }

    #[test]
    fn all_errors_come_at_once() {
        let mut i = input();
        i.title = String::new();
        i.number = Some("21-1".into());
        i.opened_on = "i går".into();
        assert_eq!(fields_of(&i.validate().unwrap_err()), ["number", "title", "opened_on"]);
    }

    #[test]
    fn statuses_round_trip_and_have_nynorsk_labels() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert_eq!(CaseStatus::parse("avslutta"), None);
        assert_eq!(CaseStatus::Cancelled.label(), "Utgår");
    }
}

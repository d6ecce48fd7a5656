//! Journalpostar (Noark registreringar): the documents registered in a case,
//! numbered `21/1069-3` within it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::{FieldError, MAX_SHORT, MAX_TITLE, optional};

/// Noark 5 journalposttype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JournalKind {
    /// I: inngåande dokument
    Incoming,
    /// U: utgåande dokument
    Outgoing,
    /// N: organinternt notat med oppfølging
    Memo,
    /// X: organinternt notat utan oppfølging
    MemoNoFollowUp,
    /// S: saksframlegg
    CasePresentation,
}

impl JournalKind {
    pub const ALL: [Self; 5] =
        [Self::Incoming, Self::Outgoing, Self::Memo, Self::MemoNoFollowUp, Self::CasePresentation];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incoming => "incoming",
            Self::Outgoing => "outgoing",
            Self::Memo => "memo",
            Self::MemoNoFollowUp => "memo_no_follow_up",
            Self::CasePresentation => "case_presentation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Incoming => "Inngåande",
            Self::Outgoing => "Utgåande",
            Self::Memo => "Notat",
            Self::MemoNoFollowUp => "Notat utan oppfølging",
            Self::CasePresentation => "Saksframlegg",
        }
    }

    /// The Noark letter (I, U, N, X, S) printed in journals.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Incoming => "I",
            Self::Outgoing => "U",
            Self::Memo => "N",
            Self::MemoNoFollowUp => "X",
            Self::CasePresentation => "S",
        }
    }
}

/// Noark 5 journalstatus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JournalStatus {
    /// S: registrert av sakshandsamar
    Registered,
    /// F: ferdigstilt frå sakshandsamar
    Finalised,
    /// E: ekspedert
    Dispatched,
    /// J: journalført
    Journalised,
    /// A: arkivert
    Archived,
    /// U: utgår
    Cancelled,
}

impl JournalStatus {
    pub const ALL: [Self; 6] =
        [Self::Registered, Self::Finalised, Self::Dispatched, Self::Journalised, Self::Archived, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Finalised => "finalised",
            Self::Dispatched => "dispatched",
            Self::Journalised => "journalised",
            Self::Archived => "archived",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Registered => "Registrert av sakshandsamar",
            Self::Finalised => "Ferdigstilt",
            Self::Dispatched => "Ekspedert",
            Self::Journalised => "Journalført",
            Self::Archived => "Arkivert",
            Self::Cancelled => "Utgår",
        }
    }
}

/// What a clerk types to register a journalpost in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JournalInput {
    pub kind: JournalKind,
    /// Journaldato, yyyy-mm-dd or dd.mm.yyyy.
    pub date: String,
    /// Avsendar (incoming) or mottakar (outgoing).
    pub correspondent: Option<String>,
    pub title: String,
    pub public_title: Option<String>,
    pub status: JournalStatus,
    pub screening_basis: Option<String>,
}

/// A journalpost that passed [`JournalInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalFields {
    pub kind: JournalKind,
    pub date: NaiveDate,
    pub correspondent: Option<String>,
    pub title: String,
    pub public_title: Option<String>,
    pub status: JournalStatus,
    pub screening_basis: Option<String>,
}

impl JournalInput {
    pub fn validate(&self) -> Result<JournalFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Journalposten må ha ein tittel."));
        } else if title.chars().count() > MAX_TITLE {
            errors.push(FieldError::new("title", format!("Tittelen kan vera på høgst {MAX_TITLE} teikn.")));
        }
        let correspondent = optional(self.correspondent.as_deref());
        let public_title = optional(self.public_title.as_deref());
        let screening_basis = optional(self.screening_basis.as_deref());
        for (field, value) in
            [("correspondent", &correspondent), ("screening_basis", &screening_basis), ("public_title", &public_title)]
        {
            let max = if field == "public_title" { MAX_TITLE } else { MAX_SHORT };
            if value.as_ref().is_some_and(|v| v.chars().count() > max) {
                errors.push(FieldError::new(field, format!("Feltet kan vera på høgst {max} teikn.")));
            }
        }
        if public_title.is_some() && screening_basis.is_none() {
            errors.push(FieldError::new(
                "screening_basis",
                "Ein offentleg tittel trengst berre når journalposten er skjerma: skriv heimelen.",
            ));
        }
        let date = crate::date::parse_date(&self.date);
        if date.is_none() {
            errors.push(FieldError::new(
                "date",
                format!("«{}» er ikkje ein gyldig journaldato. Skriv til dømes 15.04.2021.", self.date.trim()),
            ));
        }
        match (errors.is_empty(), date) {
            (true, Some(date)) => Ok(JournalFields {
                kind: self.kind,
                date,
                correspondent,
                title,
                public_title,
                status: self.status,
                screening_basis,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> JournalInput {
        JournalInput {
            kind: JournalKind::Incoming,
            date: "15.04.2021".into(),
            correspondent: Some("Sogndal kommune".into()),
            title: "Avtaleutkast SyS-IKT".into(),
            public_title: None,
            status: JournalStatus::Journalised,
            screening_basis: None,
        }
    }

    #[test]
    fn a_good_entry_passes_and_a_bad_one_names_its_fields() {
        assert_eq!(input().validate().unwrap().date, NaiveDate::from_ymd_opt(2021, 4, 15).unwrap());
        let mut i = input();
        i.title = " ".into();
        i.date = "15.13.2021".into();
        i.public_title = Some("Brev".into());
        let fields: Vec<String> = i.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "screening_basis", "date"]);
    }

    #[test]
    fn kinds_and_statuses_round_trip() {
        for k in JournalKind::ALL {
            assert_eq!(JournalKind::parse(k.as_str()), Some(k));
        }
        for s in JournalStatus::ALL {
            assert_eq!(JournalStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(JournalKind::CasePresentation.letter(), "S");
    }
}

//! Protokolltilførsel: a correction or addition to an approved møtebok. It is
//! never an edit of what was approved: a record of its own, dated, with the
//! decision it rests on, kept for ever and printed as an addendum to the
//! møtebok.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::{FieldError, MAX_NOTES, MAX_SHORT, check_date, check_len, optional};
use crate::date::format_date;

/// A protokolltilførsel as the window or the command line gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddendumInput {
    /// What is corrected or added, as it is to stand in the protocol.
    pub text: String,
    /// The sak it concerns (an agenda item of the meeting); none: the whole meeting.
    #[ts(type = "number | null")]
    pub agenda_item: Option<i64>,
    /// When it was decided, dd.mm.yyyy or yyyy-mm-dd.
    pub decided_on: String,
    /// What it rests on: "Vedteke i møte 5/26, sak 23/26", "Merknad frå Kari Nes ved godkjenninga".
    pub basis: Option<String>,
}

/// A protokolltilførsel that passed [`AddendumInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddendumFields {
    pub text: String,
    pub agenda_item: Option<i64>,
    pub decided_on: NaiveDate,
    pub basis: Option<String>,
}

impl AddendumInput {
    pub fn validate(&self) -> Result<AddendumFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = self.text.trim().to_string();
        if text.is_empty() {
            errors.push(FieldError::new("text", "Skriv kva som vert retta eller lagt til i protokollen."));
        }
        check_len(&mut errors, "text", Some(&text), MAX_NOTES, "Teksten");
        let basis = optional(self.basis.as_deref());
        check_len(&mut errors, "basis", basis.as_deref(), MAX_SHORT, "Grunnlaget");
        let decided_on = check_date(&mut errors, "decided_on", self.decided_on.trim(), "vedtaket om tilførselen");
        match decided_on {
            Some(decided_on) if errors.is_empty() => {
                Ok(AddendumFields { text, agenda_item: self.agenda_item, decided_on, basis })
            }
            _ => Err(errors),
        }
    }
}

/// A protokolltilførsel as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddendumRecord {
    #[ts(type = "number")]
    pub id: i64,
    /// 1, 2, … for the meeting.
    pub number: u32,
    #[ts(type = "number | null")]
    pub agenda_item: Option<i64>,
    /// "54/21"
    pub agenda_number: Option<String>,
    pub item_title: Option<String>,
    pub text: String,
    /// yyyy-mm-dd
    pub decided_on: String,
    pub basis: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

/// What a protokolltilførsel prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addendum {
    pub municipality: String,
    /// Printed at the head of the first page.
    pub logo: Option<crate::protocol::Logo>,
    pub board: String,
    pub meeting_date: NaiveDate,
    pub record: AddendumRecord,
    pub decided_on: NaiveDate,
}

impl Addendum {
    pub fn title(&self) -> String {
        format!(
            "Protokolltilførsel {} til møteprotokollen, {} {}",
            self.record.number,
            self.board,
            format_date(self.meeting_date)
        )
    }

    /// The labelled facts: which meeting and sak, when decided, on what basis.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut f = vec![
            ("Møte:".to_string(), format!("{} {}", self.board, format_date(self.meeting_date))),
            ("Tilførsel nr.:".to_string(), self.record.number.to_string()),
        ];
        if let (Some(n), Some(t)) = (&self.record.agenda_number, &self.record.item_title) {
            f.push(("Gjeld sak:".into(), format!("{n} {t}")));
        }
        f.push(("Vedteke:".into(), format_date(self.decided_on)));
        if let Some(b) = &self.record.basis {
            f.push(("Grunnlag:".into(), b.clone()));
        }
        f.push(("Ført av:".into(), self.record.created_by.clone()));
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_addendum_needs_its_text_and_the_date_it_was_decided() {
        let ok = AddendumInput {
            text: "  Rett namn på varamedlemen er Per Bakken. ".into(),
            agenda_item: Some(3),
            decided_on: "05.05.2021".into(),
            basis: Some("Vedteke i møte 5/21".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.text, "Rett namn på varamedlemen er Per Bakken.");
        assert_eq!(ok.decided_on, NaiveDate::from_ymd_opt(2021, 5, 5).unwrap());
        let bad = AddendumInput { text: " ".into(), agenda_item: None, decided_on: "31.02.2021".into(), basis: None };
        let fields: Vec<_> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["text", "decided_on"]);
    }
}

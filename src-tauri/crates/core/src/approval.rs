//! Approving a møtebok (kl. § 11-4): when, how ("godkjend i møte 3/27" or at
//! the end of the meeting) and who signs it. The checks of the meeting's
//! records (attendance recorded, every sak with something recorded, no vote
//! without a result) are the store's, which reads them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::{FieldError, check_date, check_len, optional};

/// The approval as the window or the command line gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApprovalInput {
    /// dd.mm.yyyy or yyyy-mm-dd.
    pub approved_on: String,
    /// How it was approved: "Godkjend i møte 3/27", "Godkjend ved møteslutt".
    pub note: Option<String>,
    /// Who signs, in order; among those the meeting elected or named.
    pub signatories: Vec<String>,
}

/// An approval that passed [`ApprovalInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApprovalFields {
    pub approved_on: NaiveDate,
    pub note: Option<String>,
    pub signatories: Vec<String>,
}

/// A meeting's approval as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApprovalRecord {
    pub approved_on: NaiveDate,
    pub approved_by: String,
    pub note: Option<String>,
    /// The approved møtebok's SHA-256: every later copy has these bytes.
    pub sha256: String,
}

/// A scanned copy of the approved møtebok signed in ink, attached to the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScanRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: i64,
    pub created_at: String,
    pub created_by: String,
}

const MAX_NOTE: usize = 200;

impl ApprovalInput {
    pub fn validate(&self) -> Result<ApprovalFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let approved_on = check_date(&mut errors, "approved_on", self.approved_on.trim(), "godkjenninga");
        let note = optional(self.note.as_deref());
        check_len(&mut errors, "note", note.as_deref(), MAX_NOTE, "Merknaden om godkjenninga");
        let mut signatories: Vec<String> = Vec::new();
        for s in self.signatories.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !signatories.iter().any(|x| x == s) {
                signatories.push(s.to_string());
            }
        }
        if signatories.is_empty() {
            errors.push(FieldError::new("signatories", "Vel minst éin som skal skriva under protokollen."));
        }
        match approved_on {
            Some(approved_on) if errors.is_empty() => Ok(ApprovalFields { approved_on, note, signatories }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approval_needs_a_date_and_someone_to_sign() {
        let ok = ApprovalInput {
            approved_on: "16.04.2021".into(),
            note: Some("  Godkjend i møte 3/21 ".into()),
            signatories: vec![" Kari Nes".into(), "Kari Nes".into(), String::new(), "Per Bakken".into()],
        };
        let f = ok.validate().unwrap();
        assert_eq!(f.approved_on, NaiveDate::from_ymd_opt(2021, 4, 16).unwrap());
        assert_eq!(f.note.as_deref(), Some("Godkjend i møte 3/21"));
        assert_eq!(f.signatories, ["Kari Nes", "Per Bakken"], "trimmed, each once, in order");
        let bad = ApprovalInput { approved_on: "31.02.2021".into(), note: None, signatories: vec![] };
        let e = bad.validate().unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["approved_on", "signatories"]);
        assert_eq!(e[1].message, "Vel minst éin som skal skriva under protokollen.");
    }
}

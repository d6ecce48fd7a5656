//! The register as it is read back: stored cases and journalpostar, the
//! case list with its filters, the saksgang and the history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::CaseStatus;
use crate::journal::{JournalKind, JournalStatus};
use crate::number::{AgendaNumber, CaseNumber, JournalNumber};
use crate::search::SnippetPart;

/// An arkivsak as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseRecord {
    #[ts(type = "number")]
    pub id: i64,
    /// Noark systemID.
    pub uuid: String,
    pub number: CaseNumber,
    pub title: String,
    pub public_title: Option<String>,
    pub status: CaseStatus,
    pub officer: Option<String>,
    pub unit: Option<String>,
    pub classification: Option<String>,
    pub screening_basis: Option<String>,
    /// Not known for cases loaded without it (the demo, old imports).
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub notes: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

/// A journalpost as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JournalRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub uuid: String,
    pub number: JournalNumber,
    pub kind: JournalKind,
    pub date: NaiveDate,
    pub correspondent: Option<String>,
    pub title: String,
    pub public_title: Option<String>,
    pub status: JournalStatus,
    pub screening_basis: Option<String>,
}

/// A document of a journalpost. Its bytes live in the database's blob store
/// under `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub uuid: String,
    #[ts(type = "number")]
    pub journal_entry_id: i64,
    /// 1, 2, … within the journalpost.
    pub position: u32,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: i64,
    pub created_at: String,
}

/// How the case list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// Newest number first (the default).
    NumberDesc,
    NumberAsc,
    /// Norwegian alphabetical order of the title.
    Title,
    /// Best match first; only with a search text.
    Relevance,
}

/// What the case list shows: a search text and filters, and which page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseQuery {
    /// Words to search for (prefixes match); empty: every case.
    pub text: String,
    pub status: Option<CaseStatus>,
    pub year: Option<i32>,
    pub officer: Option<String>,
    pub board: Option<String>,
    pub sort: CaseSort,
    pub offset: u32,
    pub limit: u32,
}

impl Default for CaseQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            status: None,
            year: None,
            officer: None,
            board: None,
            sort: CaseSort::NumberDesc,
            offset: 0,
            limit: 100,
        }
    }
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseRow {
    #[ts(type = "number")]
    pub id: i64,
    pub number: CaseNumber,
    pub title: String,
    pub status: CaseStatus,
    pub officer: Option<String>,
    pub opened_on: Option<NaiveDate>,
    pub screened: bool,
    /// Where the search text was found, hits marked; empty without a search.
    pub snippet: Vec<SnippetPart>,
}

/// A page of the case list and how many cases match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CasePage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<CaseRow>,
}

/// The values the list's filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct CaseFilterOptions {
    pub years: Vec<i32>,
    pub officers: Vec<String>,
    pub boards: Vec<String>,
}

/// One step of a case's saksgang: an utvalssak in a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaksgangStep {
    #[ts(type = "number")]
    pub agenda_item_id: i64,
    pub number: AgendaNumber,
    pub board: String,
    pub meeting_date: NaiveDate,
    pub vedtak: Option<String>,
}

/// One changed field in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    /// The field's English name as stored ("title", "status").
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One row of the history (audit log), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// create, update, print, …
    pub action: String,
    /// case, journal_entry, agenda_item, printed_protocol, …
    pub entity: String,
    /// What it was about, as a person reads it: "21/1069-2", "54/21".
    pub subject: String,
    pub changes: Vec<FieldChange>,
}

/// Everything the case view shows, read in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseDetail {
    pub case: CaseRecord,
    pub saksgang: Vec<SaksgangStep>,
    pub journal: Vec<JournalRecord>,
    /// The documents of all the case's journalpostar, by journalpost and position.
    pub documents: Vec<DocumentRecord>,
    pub history: Vec<HistoryEntry>,
}

/// The fields that changed between two flat JSON objects, in the order of
/// `after`'s keys, then keys only `before` had. Nested values are left out:
/// the history shows what a person edited, not the records behind a meeting.
pub fn changes(before: Option<&serde_json::Value>, after: Option<&serde_json::Value>) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let b = before.and_then(serde_json::Value::as_object).unwrap_or(&empty);
    let a = after.and_then(serde_json::Value::as_object).unwrap_or(&empty);
    let shown = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v) => Some(v.to_string()),
    };
    let scalar =
        |v: Option<&serde_json::Value>| !matches!(v, Some(serde_json::Value::Object(_) | serde_json::Value::Array(_)));
    let mut keys: Vec<&String> = a.keys().collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
    keys.into_iter()
        .filter(|k| scalar(a.get(*k)) && scalar(b.get(*k)))
        .filter_map(|k| {
            let (before, after) = (shown(b.get(k)), shown(a.get(k)));
            (before != after).then(|| FieldChange { field: k.clone(), before, after })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_list_only_what_differs() {
        let b = json!({"title": "Gamal", "status": "in_progress", "notes": null, "unit": "Stab"});
        let a = json!({"title": "Ny", "status": "in_progress", "notes": "Merknad", "nested": {"x": 1}});
        let c = changes(Some(&b), Some(&a));
        let got: Vec<(&str, Option<&str>, Option<&str>)> =
            c.iter().map(|c| (c.field.as_str(), c.before.as_deref(), c.after.as_deref())).collect();
        assert_eq!(
            got,
            [("title", Some("Gamal"), Some("Ny")), ("notes", None, Some("Merknad")), ("unit", Some("Stab"), None)]
        );
    }

    #[test]
    fn a_creation_lists_every_field_it_set() {
        let a = json!({"number": "21/1069", "title": "T", "officer": null});
        assert_eq!(changes(None, Some(&a)).len(), 2);
        assert!(changes(None, None).is_empty());
    }
}

//! What the register reads back about agreements and tasks, for the window,
//! the command line and the export.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AgreementStatus;
use super::deadlines::Deadline;
use super::form::{AgreementInput, AgreementKind, Party};
use super::task::TaskStatus;

/// One status an agreement has had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusChange {
    pub status: AgreementStatus,
    /// yyyy-mm-dd: when it took effect.
    pub changed_on: String,
    pub changed_by: String,
    pub note: Option<String>,
    pub recorded_at: String,
}

/// A case (and perhaps its vedtak) behind an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementLink {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    /// "21/1069"
    pub case_number: String,
    pub case_title: String,
    #[ts(type = "number | null")]
    pub agenda_item_id: Option<i64>,
    /// "54/21"
    pub agenda_number: Option<String>,
    pub board: Option<String>,
    /// yyyy-mm-dd of the meeting that made the vedtak.
    pub meeting_date: Option<String>,
}

/// The signed agreement document, a document of a journalpost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementDocument {
    #[ts(type = "number")]
    pub document_id: i64,
    pub file_name: String,
    /// "21/1069-3"
    pub journal_number: String,
    pub journal_title: String,
}

/// An agreement as stored, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub uuid: String,
    /// The fields as the form edits them (dates as dd.mm.yyyy).
    pub input: AgreementInput,
    pub status: AgreementStatus,
    /// The statuses it may go to next.
    pub next_statuses: Vec<AgreementStatus>,
    pub history: Vec<StatusChange>,
    pub links: Vec<AgreementLink>,
    pub document: Option<AgreementDocument>,
    pub tasks: Vec<TaskRecord>,
    /// The next notice deadline, when one is known.
    pub next_deadline: Option<Deadline>,
    pub revision: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the agreements list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementRow {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub parties: Vec<Party>,
    /// The soonest deadline of the agreement itself (notice, expiry, review).
    pub next_deadline: Option<Deadline>,
    /// Open tasks (not ferdig).
    pub open_tasks: u32,
}

/// A follow-up task as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub uuid: String,
    pub title: String,
    pub responsible: Option<String>,
    /// yyyy-mm-dd
    pub due: Option<String>,
    pub status: TaskStatus,
    pub notes: Option<String>,
    #[ts(type = "number | null")]
    pub agreement_id: Option<i64>,
    pub agreement_title: Option<String>,
    #[ts(type = "number | null")]
    pub agenda_item_id: Option<i64>,
    /// "54/21"
    pub agenda_number: Option<String>,
    /// The vedtak paragraph it came from, word for word, and which one (1…).
    pub source_text: Option<String>,
    pub paragraph: Option<u32>,
    pub revision: u32,
}

//! Vedtaksoppfølging: tasks that carry out a vedtak, often one per paragraph,
//! with who is responsible, when it is due and how far it has come.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::{FieldError, MAX_NOTES, MAX_SHORT, check_date, check_len, optional};

/// The longest task title; the vedtak paragraph it came from is kept whole
/// beside it.
pub const MAX_TASK_TITLE: usize = 300;

/// How far a task has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    IkkjeStarta,
    IGang,
    Ferdig,
}

impl TaskStatus {
    pub const ALL: [Self; 3] = [Self::IkkjeStarta, Self::IGang, Self::Ferdig];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::IkkjeStarta => "ikkje_starta",
            Self::IGang => "i_gang",
            Self::Ferdig => "ferdig",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::IkkjeStarta => "ikkje starta",
            Self::IGang => "i gang",
            Self::Ferdig => "ferdig",
        }
    }
}

/// A task as typed. What it follows up (an agreement, a vedtak) is given
/// by the store's calls, not by the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskInput {
    pub title: String,
    /// Ansvarleg: a person or a unit.
    pub responsible: Option<String>,
    /// Frist, dd.mm.yyyy or yyyy-mm-dd.
    pub due: Option<String>,
    pub status: TaskStatus,
    pub notes: Option<String>,
}

/// A task that passed [`TaskInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskFields {
    pub title: String,
    pub responsible: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
    pub notes: Option<String>,
}

impl TaskInput {
    pub fn validate(&self) -> Result<TaskFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Oppgåva må ha ein tittel: kva skal gjerast?"));
        }
        check_len(&mut errors, "title", Some(&title), MAX_TASK_TITLE, "Tittelen");
        let responsible = optional(self.responsible.as_deref());
        check_len(&mut errors, "responsible", responsible.as_deref(), MAX_SHORT, "Ansvarleg");
        let due = optional(self.due.as_deref()).and_then(|d| check_date(&mut errors, "due", &d, "frist"));
        let notes = optional(self.notes.as_deref());
        check_len(&mut errors, "notes", notes.as_deref(), MAX_NOTES, "Merknaden");
        if errors.is_empty() {
            Ok(TaskFields { title, responsible, due, status: self.status, notes })
        } else {
            Err(errors)
        }
    }
}

/// A short title for a task made from a vedtak paragraph: its first
/// sentence, cut at a word before [`MAX_TASK_TITLE`] or 120 characters.
pub fn title_from_paragraph(paragraph: &str) -> String {
    const SHORT: usize = 120;
    let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = match text.find(". ") {
        Some(i) => &text[..=i],
        None => text.as_str(),
    };
    if first.chars().count() <= SHORT {
        return first.to_string();
    }
    let mut out = String::new();
    for word in first.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > SHORT - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_is_checked() {
        let t = TaskInput {
            title: "  Utvikle eigen IKT-strategi ".into(),
            responsible: Some("Stabsleiar".into()),
            due: Some("30.06.2022".into()),
            status: TaskStatus::IkkjeStarta,
            notes: None,
        };
        let f = t.validate().unwrap();
        assert_eq!(f.title, "Utvikle eigen IKT-strategi");
        assert_eq!(f.due, NaiveDate::from_ymd_opt(2022, 6, 30));
        let bad = TaskInput { title: String::new(), due: Some("31.06.2022".into()), ..t };
        let fields: Vec<_> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "due"]);
    }

    #[test]
    fn titles_from_paragraphs_are_the_first_sentence_cut_at_a_word() {
        assert_eq!(
            title_from_paragraph("Luster kommune bør utvikle sin eigen IKT-strategi."),
            "Luster kommune bør utvikle sin eigen IKT-strategi."
        );
        assert_eq!(
            title_from_paragraph(
                "Kommunen er positive til og vil leggja til rette for etablering av avdelingskontor for SyS IKT på \
                 Rådhuset i Gaupne. Dette bør framkomme i samarbeidsavtale / vedtekter."
            ),
            "Kommunen er positive til og vil leggja til rette for etablering av avdelingskontor for SyS IKT på Rådhuset i Gaupne."
        );
        let long = title_from_paragraph(&"ord ".repeat(100));
        assert!(long.ends_with('…') && long.chars().count() <= 120, "{long}");
        assert!(!long.contains("  "));
    }
}

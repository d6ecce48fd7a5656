//! Oppfølging av vedtak: for one board and a period, each utvalssak with the
//! tasks that follow up its vedtak, their responsible, due date and status,
//! and a count of where the follow-up stands. Pure: the store reads the rows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::task::TaskStatus;
use crate::date::format_date;

/// One task in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpTask {
    /// Which paragraph of the vedtak it follows up (1…); none for a task added by hand.
    pub paragraph: Option<u32>,
    pub title: String,
    pub responsible: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
    pub agreement: Option<String>,
    pub notes: Option<String>,
}

/// One utvalssak with its tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpItem {
    /// "54/21"
    pub number: String,
    pub meeting_date: NaiveDate,
    pub title: String,
    pub tasks: Vec<FollowUpTask>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpReport {
    pub municipality: String,
    /// Printed at the head of the first page.
    #[serde(skip)]
    pub logo: Option<crate::protocol::Logo>,
    pub board: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day the report is made: what is overdue is counted from it.
    pub today: NaiveDate,
    pub items: Vec<FollowUpItem>,
}

impl FollowUpTask {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status != TaskStatus::Ferdig && self.due.is_some_and(|d| d < today)
    }

    /// The status as the report prints it: "ferdig", "i gang", "ikkje starta", with "på overtid" when due.
    pub fn status_text(&self, today: NaiveDate) -> String {
        let label = self.status.label();
        if self.overdue(today) { format!("{label}, på overtid") } else { label.to_string() }
    }

    pub fn due_text(&self) -> String {
        self.due.map_or_else(|| "–".into(), format_date)
    }
}

impl FollowUpReport {
    pub fn period(&self) -> String {
        format!("{} – {}", format_date(self.from), format_date(self.to))
    }

    pub fn title(&self) -> String {
        format!("Oppfølging av vedtak, {} {}", self.board, self.period())
    }

    /// "7 oppgåver: 2 ferdige, 1 i gang, 4 ikkje starta (1 på overtid)."
    pub fn summary(&self) -> String {
        let tasks: Vec<&FollowUpTask> = self.items.iter().flat_map(|i| &i.tasks).collect();
        if tasks.is_empty() {
            return "Ingen oppgåver følgjer opp vedtak frå denne perioden.".into();
        }
        let count = |s: TaskStatus| tasks.iter().filter(|t| t.status == s).count();
        let overdue = tasks.iter().filter(|t| t.overdue(self.today)).count();
        let total = if tasks.len() == 1 { "1 oppgåve".to_string() } else { format!("{} oppgåver", tasks.len()) };
        let done = match count(TaskStatus::Ferdig) {
            1 => "1 ferdig".to_string(),
            n => format!("{n} ferdige"),
        };
        let mut s = format!(
            "{total}: {done}, {} i gang, {} ikkje starta",
            count(TaskStatus::IGang),
            count(TaskStatus::IkkjeStarta)
        );
        if overdue > 0 {
            s = format!("{s} ({overdue} på overtid)");
        }
        s.push('.');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn task(status: TaskStatus, due: Option<NaiveDate>) -> FollowUpTask {
        FollowUpTask {
            paragraph: Some(1),
            title: "T".into(),
            responsible: None,
            due,
            status,
            agreement: None,
            notes: None,
        }
    }

    #[test]
    fn the_summary_counts_each_status_and_what_is_overdue() {
        let mut r = FollowUpReport {
            municipality: "Luster kommune".into(),
            logo: None,
            board: "Formannskapet".into(),
            from: d(2021, 1, 1),
            to: d(2021, 12, 31),
            today: d(2026, 12, 4),
            items: vec![],
        };
        assert_eq!(r.summary(), "Ingen oppgåver følgjer opp vedtak frå denne perioden.");
        r.items.push(FollowUpItem {
            number: "54/21".into(),
            meeting_date: d(2021, 4, 15),
            title: "IKT".into(),
            tasks: vec![
                task(TaskStatus::Ferdig, Some(d(2026, 1, 1))),
                task(TaskStatus::IGang, Some(d(2026, 12, 1))),
                task(TaskStatus::IkkjeStarta, None),
            ],
        });
        assert_eq!(r.summary(), "3 oppgåver: 1 ferdig, 1 i gang, 1 ikkje starta (1 på overtid).");
        assert_eq!(r.items[0].tasks[1].status_text(r.today), "i gang, på overtid");
        assert_eq!(r.items[0].tasks[0].status_text(r.today), "ferdig", "a task done is never overdue");
        assert_eq!(r.items[0].tasks[2].due_text(), "–");
        assert_eq!(r.title(), "Oppfølging av vedtak, Formannskapet 01.01.2021 – 31.12.2021");
    }
}

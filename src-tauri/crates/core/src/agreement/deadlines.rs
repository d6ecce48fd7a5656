//! Fristar: the deadlines of agreements (notice, expiry, review) and of
//! follow-up tasks, within a window of days from today, overdue ones first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::task::TaskStatus;
use super::{AgreementStatus, Running, Term, shift_months};
use crate::date::format_date;

/// What the dates of one agreement are, as the store reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDates {
    pub id: i64,
    pub uuid: String,
    pub title: String,
    pub status: AgreementStatus,
    pub running: Option<Running>,
    pub review_date: Option<NaiveDate>,
    /// Goes up with each change: the calendar's SEQUENCE.
    pub revision: u32,
}

/// A task's due date, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDates {
    pub id: i64,
    pub uuid: String,
    pub title: String,
    pub agreement: Option<(i64, String)>,
    pub responsible: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
    pub revision: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The last day to give notice (oppseiingsfrist).
    Notice,
    /// A fixed term ends.
    Expiry,
    /// The agreement is to be reviewed.
    Review,
    /// A follow-up task is due.
    Task,
}

impl DeadlineKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Notice => "Oppseiingsfrist",
            Self::Expiry => "Avtalen går ut",
            Self::Review => "Revisjon av avtalen",
            Self::Task => "Oppgåve",
        }
    }
}

/// One deadline in the overview and the calendar file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// yyyy-mm-dd
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Days from today; negative when overdue.
    #[ts(type = "number")]
    pub days_left: i64,
    pub overdue: bool,
    /// What is due: the task's title, or the agreement's.
    pub title: String,
    /// What follows from it, e.g. "Elles vert avtalen fornya til 31.12.2027."
    pub detail: String,
    #[ts(type = "number | null")]
    pub agreement_id: Option<i64>,
    pub agreement_title: Option<String>,
    #[ts(type = "number | null")]
    pub task_id: Option<i64>,
    pub responsible: Option<String>,
    /// Stable across exports, so a calendar updates the event it has.
    pub uid: String,
    pub revision: u32,
}

/// The overview: deadlines in date order, the overdue ones first, and how
/// many open tasks have no due date (they are in no calendar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deadlines {
    /// yyyy-mm-dd
    #[ts(type = "string")]
    pub today: NaiveDate,
    pub within_days: u32,
    pub items: Vec<Deadline>,
    pub undated_tasks: Vec<String>,
}

/// An agreement gives deadlines while it binds or is about to: approved,
/// signed or in force.
fn binds(s: AgreementStatus) -> bool {
    matches!(s, AgreementStatus::Godkjend | AgreementStatus::Signert | AgreementStatus::IKraft)
}

/// The deadlines from `today` to `today + within_days`, and those overdue.
pub fn deadlines(agreements: &[AgreementDates], tasks: &[TaskDates], today: NaiveDate, within_days: u32) -> Deadlines {
    let last = today + chrono::Days::new(u64::from(within_days));
    let mut items = Vec::new();
    let mut push = |kind,
                    date: NaiveDate,
                    title: &str,
                    detail: String,
                    a: Option<(i64, &str)>,
                    task: Option<&TaskDates>,
                    uid: String,
                    revision| {
        let overdue = date < today;
        if date > last {
            return;
        }
        items.push(Deadline {
            kind,
            date,
            days_left: (date - today).num_days(),
            overdue,
            title: title.to_string(),
            detail,
            agreement_id: a.map(|a| a.0),
            agreement_title: a.map(|a| a.1.to_string()),
            task_id: task.map(|t| t.id),
            responsible: task.and_then(|t| t.responsible.clone()),
            uid,
            revision,
        });
    };
    for a in agreements.iter().filter(|a| binds(a.status)) {
        let owner = Some((a.id, a.title.as_str()));
        if let Some(run) = a.running {
            if !matches!(run.term, Term::OpenEnded)
                && let Some(n) = run.next_notice_deadline(today)
            {
                let detail = match run.term {
                    Term::Renewing { renew_months, .. } => format!(
                        "Utan oppseiing innan fristen vert avtalen fornya til {}.",
                        shift_months(n.ends, renew_months as i32).map_or_else(String::new, format_date)
                    ),
                    _ => format!("Oppseiing innan fristen: avtalen sluttar {}.", format_date(n.ends)),
                };
                push(
                    DeadlineKind::Notice,
                    n.deadline,
                    &a.title,
                    detail,
                    owner,
                    None,
                    format!("avtale-{}-oppseiing", a.uuid),
                    a.revision,
                );
            }
            if let Term::Fixed { end } = run.term
                && end >= today
            {
                push(
                    DeadlineKind::Expiry,
                    end,
                    &a.title,
                    format!("Avtaleperioden sluttar {}.", format_date(end)),
                    owner,
                    None,
                    format!("avtale-{}-slutt", a.uuid),
                    a.revision,
                );
            }
        }
        if let Some(r) = a.review_date {
            push(
                DeadlineKind::Review,
                r,
                &a.title,
                "Avtalen skal gjennomgåast.".into(),
                owner,
                None,
                format!("avtale-{}-revisjon", a.uuid),
                a.revision,
            );
        }
    }
    let mut undated_tasks = Vec::new();
    for t in tasks.iter().filter(|t| t.status != TaskStatus::Ferdig) {
        let Some(due) = t.due else {
            undated_tasks.push(t.title.clone());
            continue;
        };
        let detail = format!("Status: {}.", t.status.label());
        push(
            DeadlineKind::Task,
            due,
            &t.title,
            detail,
            t.agreement.as_ref().map(|(i, s)| (*i, s.as_str())),
            Some(t),
            format!("oppgave-{}", t.uuid),
            t.revision,
        );
    }
    items.sort_by(|a, b| (a.date, a.kind as u8, &a.title).cmp(&(b.date, b.kind as u8, &b.title)));
    Deadlines { today, within_days, items, undated_tasks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn agreement(status: AgreementStatus, term: Term, review: Option<NaiveDate>) -> AgreementDates {
        AgreementDates {
            id: 1,
            uuid: "a1".into(),
            title: "IKT-samarbeid".into(),
            status,
            running: Some(Running { start: Some(d(2022, 1, 1)), term, notice_months: 6 }),
            review_date: review,
            revision: 2,
        }
    }

    fn task(title: &str, due: Option<NaiveDate>, status: TaskStatus) -> TaskDates {
        TaskDates {
            id: 7,
            uuid: format!("t-{title}"),
            title: title.into(),
            agreement: Some((1, "IKT-samarbeid".into())),
            responsible: Some("Stabsleiar".into()),
            due,
            status,
            revision: 0,
        }
    }

    #[test]
    fn a_window_holds_notice_expiry_review_and_tasks_with_overdue_first() {
        // 30.06.2027 − 6 months: the last day of December, not the 30th.
        let a = agreement(AgreementStatus::IKraft, Term::Fixed { end: d(2027, 6, 30) }, Some(d(2026, 11, 1)));
        let tasks = [
            task("Strategi", Some(d(2026, 12, 20)), TaskStatus::IGang),
            task("Stilling", Some(d(2026, 11, 30)), TaskStatus::IkkjeStarta),
            task("Ferdig alt", Some(d(2026, 12, 10)), TaskStatus::Ferdig),
            task("Utan frist", None, TaskStatus::IkkjeStarta),
        ];
        let today = d(2026, 12, 4);
        let seen = |days| {
            deadlines(std::slice::from_ref(&a), &tasks, today, days)
                .items
                .iter()
                .map(|i| (i.kind, i.date, i.days_left, i.overdue))
                .collect::<Vec<_>>()
        };
        let overdue =
            [(DeadlineKind::Review, d(2026, 11, 1), -33, true), (DeadlineKind::Task, d(2026, 11, 30), -4, true)];
        assert_eq!(seen(14), overdue);
        let mut within_30 = overdue.to_vec();
        within_30.push((DeadlineKind::Task, d(2026, 12, 20), 16, false));
        within_30.push((DeadlineKind::Notice, d(2026, 12, 31), 27, false));
        assert_eq!(seen(30), within_30);
        let mut within_365 = within_30.clone();
        within_365.push((DeadlineKind::Expiry, d(2027, 6, 30), 208, false));
        assert_eq!(seen(365), within_365);

        let all = deadlines(std::slice::from_ref(&a), &tasks, today, 365);
        assert_eq!(all.undated_tasks, ["Utan frist"]);
        let notice = &all.items[3];
        assert_eq!(notice.uid, "avtale-a1-oppseiing");
        assert_eq!(notice.detail, "Oppseiing innan fristen: avtalen sluttar 30.06.2027.");
        assert_eq!(notice.revision, 2);
        assert_eq!(all.items[1].responsible.as_deref(), Some("Stabsleiar"));
        assert_eq!(all.items[1].agreement_title.as_deref(), Some("IKT-samarbeid"));
    }

    #[test]
    fn a_missed_notice_deadline_of_a_fixed_term_is_gone_and_a_renewing_one_moves_on() {
        let today = d(2026, 12, 4);
        let fixed = agreement(AgreementStatus::IKraft, Term::Fixed { end: d(2027, 3, 31) }, None);
        let all = deadlines(&[fixed], &[], today, 3650);
        assert!(all.items.iter().all(|i| i.kind != DeadlineKind::Notice), "{all:?}");

        let renewing =
            agreement(AgreementStatus::Signert, Term::Renewing { end: d(2027, 3, 31), renew_months: 24 }, None);
        let all = deadlines(&[renewing], &[], today, 3650);
        let notice = &all.items[0];
        assert_eq!((notice.kind, notice.date), (DeadlineKind::Notice, d(2028, 9, 30)));
        assert!(notice.detail.contains("fornya til 31.03.2031"), "{}", notice.detail);
    }

    #[test]
    fn only_binding_agreements_give_deadlines_and_open_ended_ones_have_none() {
        let today = d(2026, 12, 4);
        let draft = agreement(AgreementStatus::UnderForhandling, Term::Fixed { end: d(2027, 3, 31) }, None);
        let open = agreement(AgreementStatus::IKraft, Term::OpenEnded, None);
        let ended = agreement(AgreementStatus::Oppsagt, Term::Fixed { end: d(2027, 3, 31) }, None);
        assert!(deadlines(&[draft, open, ended], &[], today, 3650).items.is_empty());
    }
}

//! Agreements (avtalar): the rules a clerk relies on before anything is
//! stored — organisasjonsnummer with its MOD11 check digit, the term of an
//! agreement (fixed, renewing itself, or open-ended until notice) and its
//! notice deadline computed calendar-correctly, and the status lifecycle.
//! Pure: callers pass the dates.

pub mod calendar;
pub mod deadlines;
pub mod form;
pub mod record;
pub mod report;
pub mod task;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An organisasjonsnummer from Einingsregisteret: nine digits, the last a
/// MOD11 check digit (weights 3 2 7 6 5 4 3 2). Spaces are allowed when
/// typed ("974 760 673"); the number is returned without them.
pub fn organisasjonsnummer(typed: &str) -> Result<String, String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "«{}» er ikkje eit organisasjonsnummer: det har ni siffer, til dømes 974 760 673.",
            typed.trim()
        ));
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = [3, 2, 7, 6, 5, 4, 3, 2].iter().zip(&d).map(|(w, x)| w * x).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        c => c,
    };
    if check == 10 || check != d[8] {
        return Err(format!(
            "{} er ikkje eit gyldig organisasjonsnummer: kontrollsifferet stemmer ikkje. Sjå etter skrivefeil.",
            typed.trim()
        ));
    }
    Ok(digits)
}

/// `date` moved by `months` (negative: back), calendar-correct: a day that
/// does not exist in the target month becomes its last day (31 May − 3
/// months = 28 or 29 February), and the last day of a month stays the last
/// day of the target month (28 February 2025 + 12 months = 28 February
/// 2026; 29 February 2024 + 12 = 28 February 2025; 30 April + 1 = 31 May).
pub fn shift_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let moved = if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))?
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))?
    };
    if is_month_end(date) { last_of_month(moved) } else { Some(moved) }
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|next| next.month() != d.month())
}

fn last_of_month(d: NaiveDate) -> Option<NaiveDate> {
    let first_next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)?
    };
    first_next.pred_opt()
}

/// How an agreement runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Term {
    /// Ends on `end`.
    Fixed { end: NaiveDate },
    /// Ends on `end` unless it renews itself: for `renew_months` at a time,
    /// each time notice was not given in time.
    Renewing { end: NaiveDate, renew_months: u32 },
    /// Runs until one party gives notice (IKS agreements often do).
    OpenEnded,
}

/// The agreement's start (when known: the deadlines need only the end),
/// term and notice period in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Running {
    pub start: Option<NaiveDate>,
    pub term: Term,
    pub notice_months: u32,
}

/// When notice must be given, and what it brings about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NoticeDeadline {
    /// The last day to give notice.
    pub deadline: NaiveDate,
    /// The day the agreement ends when notice is given by then.
    pub ends: NaiveDate,
}

impl Running {
    /// Checks the dates: the end not before the start, the notice period
    /// not longer than the term (or the first period of a renewing one),
    /// nor than a renewal period.
    pub fn validate(&self) -> Result<(), String> {
        let end = match self.term {
            Term::Fixed { end } | Term::Renewing { end, .. } => end,
            Term::OpenEnded => return Ok(()),
        };
        if let Term::Renewing { renew_months, .. } = self.term {
            if renew_months == 0 {
                return Err("Ein avtale som fornyar seg sjølv, må ha ein fornyingsperiode på minst éin månad.".into());
            }
            if self.notice_months > renew_months {
                return Err(format!(
                    "Oppseiingstida på {} månader er lengre enn fornyingsperioden på {} månader.",
                    self.notice_months, renew_months
                ));
            }
        }
        let Some(start) = self.start else { return Ok(()) };
        if end < start {
            return Err(format!(
                "Sluttdatoen {} er før startdatoen {}.",
                end.format("%d.%m.%Y"),
                start.format("%d.%m.%Y")
            ));
        }
        let notice_from = shift_months(end, -(self.notice_months as i32)).unwrap_or(NaiveDate::MIN);
        if notice_from < start {
            return Err(format!(
                "Oppseiingstida på {} månader er lengre enn avtaleperioden frå {} til {}.",
                self.notice_months,
                start.format("%d.%m.%Y"),
                end.format("%d.%m.%Y")
            ));
        }
        Ok(())
    }

    /// The next notice deadline on or after `today`: for a fixed term the
    /// last day to give notice before it ends (`None` once passed); for a
    /// renewing one the deadline of the current period (each renewal adds
    /// a period, counted from the first end so that a period that ended on
    /// a shortened month end does not shift the later ones); for an
    /// open-ended one notice may be given any day, so the deadline is
    /// `today` and it ends a notice period later.
    pub fn next_notice_deadline(&self, today: NaiveDate) -> Option<NoticeDeadline> {
        let notice = self.notice_months as i32;
        match self.term {
            Term::Fixed { end } => {
                let deadline = shift_months(end, -notice)?;
                (deadline >= today).then_some(NoticeDeadline { deadline, ends: end })
            }
            Term::Renewing { end, renew_months } => {
                // Bounded: a thousand renewals is far beyond any agreement.
                for period in 0..1000 {
                    let period_end = shift_months(end, period * renew_months as i32)?;
                    let deadline = shift_months(period_end, -notice)?;
                    if deadline >= today {
                        return Some(NoticeDeadline { deadline, ends: period_end });
                    }
                }
                None
            }
            Term::OpenEnded => Some(NoticeDeadline { deadline: today, ends: shift_months(today, notice)? }),
        }
    }
}

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    Utkast,
    UnderForhandling,
    Godkjend,
    Signert,
    IKraft,
    Oppsagt,
    Utgatt,
}

impl AgreementStatus {
    pub const ALL: [Self; 7] = [
        Self::Utkast,
        Self::UnderForhandling,
        Self::Godkjend,
        Self::Signert,
        Self::IKraft,
        Self::Oppsagt,
        Self::Utgatt,
    ];

    /// The code it is stored and exported by.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utkast => "utkast",
            Self::UnderForhandling => "under_forhandling",
            Self::Godkjend => "godkjend",
            Self::Signert => "signert",
            Self::IKraft => "i_kraft",
            Self::Oppsagt => "oppsagt",
            Self::Utgatt => "utgatt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Utkast => "utkast",
            Self::UnderForhandling => "under forhandling",
            Self::Godkjend => "godkjend",
            Self::Signert => "signert",
            Self::IKraft => "i kraft",
            Self::Oppsagt => "oppsagt",
            Self::Utgatt => "utgått",
        }
    }

    /// Whether an agreement may go from `self` to `next`: one step along
    /// utkast → under forhandling → godkjend → signert → i kraft, back from
    /// negotiation to a draft, from i kraft to oppsagt or utgått (an
    /// agreement given notice runs out later), and a draft or a negotiation
    /// that came to nothing straight to utgått.
    pub fn may_become(self, next: Self) -> Result<(), String> {
        use AgreementStatus::{Godkjend, IKraft, Oppsagt, Signert, UnderForhandling, Utgatt, Utkast};
        let ok = matches!(
            (self, next),
            (Utkast, UnderForhandling)
                | (UnderForhandling, Utkast | Godkjend)
                | (Godkjend, Signert)
                | (Signert, IKraft)
                | (IKraft, Oppsagt | Utgatt)
                // A draft or a negotiation that came to nothing, and one given notice, run out.
                | (Oppsagt | Utkast | UnderForhandling, Utgatt)
        );
        if ok {
            Ok(())
        } else {
            Err(format!(
                "Ein avtale som er {}, kan ikkje bli {} direkte: statusen går utkast → under forhandling → godkjend → \
                 signert → i kraft → oppsagt/utgått.",
                self.label(),
                next.label()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn organisasjonsnummer_are_checked_with_mod11() {
        assert_eq!(organisasjonsnummer("974 760 673").unwrap(), "974760673");
        assert_eq!(organisasjonsnummer("938644500").unwrap(), "938644500");
        let e = organisasjonsnummer("974 760 674").unwrap_err();
        assert!(e.contains("kontrollsifferet stemmer ikkje"), "{e}");
        assert!(organisasjonsnummer("97476067").unwrap_err().contains("ni siffer"));
        assert!(organisasjonsnummer("97476067a").is_err());
        // Remainder 1 gives check digit 10: no number with those eight digits is valid.
        let ten = (0..1000u32)
            .map(|n| format!("{:08}", 10_000_000 + n))
            .find(|s| {
                let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
                let sum: u32 = [3, 2, 7, 6, 5, 4, 3, 2].iter().zip(&d).map(|(w, x)| w * x).sum();
                sum % 11 == 1
            })
            .unwrap();
        for last in 0..=9 {
            assert!(organisasjonsnummer(&format!("{ten}{last}")).is_err(), "{ten}{last}: check digit would be 10");
        }
    }

    #[test]
    fn months_move_calendar_correctly() {
        assert_eq!(shift_months(d(2026, 5, 31), -3), Some(d(2026, 2, 28)));
        assert_eq!(shift_months(d(2024, 5, 31), -3), Some(d(2024, 2, 29)), "leap year");
        assert_eq!(shift_months(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
        assert_eq!(shift_months(d(2025, 2, 28), 12), Some(d(2026, 2, 28)));
        assert_eq!(shift_months(d(2023, 2, 28), 12), Some(d(2024, 2, 29)), "a month end stays a month end");
        assert_eq!(shift_months(d(2026, 4, 30), 1), Some(d(2026, 5, 31)));
        assert_eq!(shift_months(d(2026, 4, 15), 1), Some(d(2026, 5, 15)));
        assert_eq!(shift_months(d(2026, 12, 31), -12), Some(d(2025, 12, 31)));
    }

    #[test]
    fn a_fixed_term_has_one_deadline_before_it_ends() {
        let r = Running { start: Some(d(2022, 1, 1)), term: Term::Fixed { end: d(2026, 6, 30) }, notice_months: 6 };
        r.validate().unwrap();
        assert_eq!(r.next_notice_deadline(d(2026, 1, 1)), None, "passed on 1 January 2026");
        assert_eq!(
            r.next_notice_deadline(d(2025, 12, 1)),
            Some(NoticeDeadline { deadline: d(2025, 12, 31), ends: d(2026, 6, 30) })
        );
    }

    #[test]
    fn a_renewing_term_moves_its_deadline_with_each_renewal() {
        // Ends 31.12.2025, renews a year at a time, 3 months' notice.
        let r = Running {
            start: Some(d(2023, 1, 1)),
            term: Term::Renewing { end: d(2025, 12, 31), renew_months: 12 },
            notice_months: 3,
        };
        r.validate().unwrap();
        assert_eq!(
            r.next_notice_deadline(d(2025, 9, 30)),
            Some(NoticeDeadline { deadline: d(2025, 9, 30), ends: d(2025, 12, 31) })
        );
        // A day late: renewed to 31.12.2026, notice by 30.09.2026.
        assert_eq!(
            r.next_notice_deadline(d(2025, 10, 1)),
            Some(NoticeDeadline { deadline: d(2026, 9, 30), ends: d(2026, 12, 31) })
        );
        // Leap-year February ends: ends 29.02.2024, renews yearly, 1 month's notice.
        let feb = Running {
            start: Some(d(2020, 3, 1)),
            term: Term::Renewing { end: d(2024, 2, 29), renew_months: 12 },
            notice_months: 1,
        };
        assert_eq!(
            feb.next_notice_deadline(d(2024, 2, 1)),
            Some(NoticeDeadline { deadline: d(2025, 1, 31), ends: d(2025, 2, 28) })
        );
    }

    #[test]
    fn renewals_are_counted_from_the_first_end_and_a_shortened_month_end_does_not_drift() {
        // Ends 30.08.2025, renews six months at a time, 3 months' notice: the
        // periods end 28.02.2026 (no 30 February), then 30.08.2026, not 31.08.
        let r =
            Running { start: None, term: Term::Renewing { end: d(2025, 8, 30), renew_months: 6 }, notice_months: 3 };
        r.validate().unwrap();
        assert_eq!(
            r.next_notice_deadline(d(2025, 11, 1)),
            Some(NoticeDeadline { deadline: d(2025, 11, 30), ends: d(2026, 2, 28) })
        );
        assert_eq!(
            r.next_notice_deadline(d(2025, 12, 1)),
            Some(NoticeDeadline { deadline: d(2026, 5, 30), ends: d(2026, 8, 30) })
        );
        assert_eq!(
            r.next_notice_deadline(d(2026, 5, 15)),
            Some(NoticeDeadline { deadline: d(2026, 5, 30), ends: d(2026, 8, 30) })
        );
    }

    #[test]
    fn the_deadlines_need_no_start_date() {
        let r = Running { start: None, term: Term::Fixed { end: d(2027, 6, 30) }, notice_months: 6 };
        r.validate().unwrap();
        assert_eq!(
            r.next_notice_deadline(d(2026, 12, 5)),
            Some(NoticeDeadline { deadline: d(2026, 12, 31), ends: d(2027, 6, 30) })
        );
    }

    #[test]
    fn an_open_ended_agreement_can_be_given_notice_any_day() {
        // An IKS agreement with a year's notice.
        let r = Running { start: Some(d(2010, 1, 1)), term: Term::OpenEnded, notice_months: 12 };
        r.validate().unwrap();
        assert_eq!(
            r.next_notice_deadline(d(2026, 12, 4)),
            Some(NoticeDeadline { deadline: d(2026, 12, 4), ends: d(2027, 12, 4) })
        );
        assert_eq!(
            r.next_notice_deadline(d(2026, 11, 30)).unwrap().ends,
            d(2027, 11, 30),
            "from a month end to a month end"
        );
    }

    #[test]
    fn bad_terms_are_refused_with_the_reason() {
        let e = Running { start: Some(d(2026, 1, 1)), term: Term::Fixed { end: d(2025, 12, 31) }, notice_months: 0 }
            .validate()
            .unwrap_err();
        assert_eq!(e, "Sluttdatoen 31.12.2025 er før startdatoen 01.01.2026.");
        let e = Running { start: Some(d(2026, 1, 1)), term: Term::Fixed { end: d(2026, 6, 30) }, notice_months: 12 }
            .validate()
            .unwrap_err();
        assert!(e.starts_with("Oppseiingstida på 12 månader er lengre enn avtaleperioden"), "{e}");
        let e = Running {
            start: Some(d(2026, 1, 1)),
            term: Term::Renewing { end: d(2027, 1, 1), renew_months: 0 },
            notice_months: 1,
        }
        .validate()
        .unwrap_err();
        assert!(e.contains("fornyingsperiode"), "{e}");
        let e =
            Running { start: None, term: Term::Renewing { end: d(2027, 1, 1), renew_months: 6 }, notice_months: 12 }
                .validate()
                .unwrap_err();
        assert_eq!(e, "Oppseiingstida på 12 månader er lengre enn fornyingsperioden på 6 månader.");
    }

    #[test]
    fn the_status_follows_the_lifecycle() {
        use AgreementStatus::{Godkjend, IKraft, Oppsagt, Signert, UnderForhandling, Utgatt, Utkast};
        for (from, to) in [
            (Utkast, UnderForhandling),
            (UnderForhandling, Godkjend),
            (Godkjend, Signert),
            (Signert, IKraft),
            (IKraft, Oppsagt),
            (Oppsagt, Utgatt),
            (UnderForhandling, Utkast),
            (Utkast, Utgatt),
            (UnderForhandling, Utgatt),
        ] {
            from.may_become(to).unwrap();
        }
        let e = Utkast.may_become(IKraft).unwrap_err();
        assert!(e.starts_with("Ein avtale som er utkast, kan ikkje bli i kraft direkte"), "{e}");
        assert!(Utgatt.may_become(IKraft).is_err());
        assert!(Signert.may_become(Utkast).is_err());
        assert!(Godkjend.may_become(Utgatt).is_err(), "an approved agreement is signed or given notice");
    }
}

//! The sakliste of a meeting: its items in agenda order, each in one of the
//! board's number series, and the utvalssak numbers they get — per board,
//! series and year, in agenda order (54/21 is the 54th of that board's
//! series in 2021). Numbers may be handed out again only while the meeting
//! is planned; once it is held they are fixed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::number::{AgendaNumber, CaseNumber};

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// planlagt: the sakliste may still change and be renumbered
    Planned,
    /// halde: what happened is being recorded
    Held,
    /// protokoll godkjend: locked
    Approved,
}

impl MeetingStatus {
    pub fn may_renumber(self) -> bool {
        self == Self::Planned
    }
}

/// One item of a sakliste as the clerk puts it together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemDraft {
    /// The arkivsak, when the item is one (orienteringar may have none).
    pub case: Option<CaseNumber>,
    /// Which of the board's series (0 = the first).
    pub series: u32,
    /// A number given by hand, e.g. when a protocol from before is recorded.
    pub number: Option<AgendaNumber>,
}

/// A number already used by the board in a series, at another meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsedNumber {
    pub series: u32,
    pub number: AgendaNumber,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaklisteProblem {
    #[error("Arkivsak {case} står alt på saklista (som sak nummer {first} i lista). Ei sak kan stå der éin gong.")]
    CaseTwice { case: CaseNumber, first: u32 },
    #[error("Utvalssak {number} er alt brukt i denne nummerserien. Vel eit anna nummer, eller la Saksbok gje nummer.")]
    NumberTaken { number: AgendaNumber },
    #[error(
        "Utvalssak {number} står to gonger på saklista. Gje den eine eit anna nummer, eller la Saksbok gje nummer."
    )]
    NumberTwice { number: AgendaNumber },
    #[error(
        "Utvalssak {number} er frå {year}, men møtet er i {meeting_year}. Bruk eit nummer frå {meeting_year}, eller la Saksbok gje nummer."
    )]
    WrongYear { number: AgendaNumber, year: i32, meeting_year: i32 },
    #[error("Utvalet har ingen nummerserie nummer {series}.")]
    NoSuchSeries { series: u32 },
}

/// The numbers of a sakliste: a number given by hand is kept; the others get
/// the next free number of their series in the meeting's year, in agenda
/// order. `used` holds the board's numbers from the meetings before this
/// one; `avoid` numbers already fixed in later meetings, which are skipped
/// but do not move the count on (a number given by hand in a later meeting
/// does not make this one leap past it).
pub fn assign_numbers(
    items: &[ItemDraft],
    meeting_year: i32,
    used: &[UsedNumber],
    avoid: &[UsedNumber],
) -> Vec<AgendaNumber> {
    let mut taken: Vec<UsedNumber> = used.iter().copied().filter(|u| u.number.year == meeting_year).collect();
    taken.extend(
        items
            .iter()
            .filter_map(|i| i.number.map(|number| UsedNumber { series: i.series, number }))
            .filter(|u| u.number.year == meeting_year),
    );
    items
        .iter()
        .map(|item| {
            if let Some(n) = item.number {
                return n;
            }
            let mut next =
                taken.iter().filter(|u| u.series == item.series).map(|u| u.number.seq).max().unwrap_or(0) + 1;
            while avoid
                .iter()
                .any(|a| a.series == item.series && a.number == AgendaNumber { year: meeting_year, seq: next })
            {
                next += 1;
            }
            let number = AgendaNumber { year: meeting_year, seq: next };
            taken.push(UsedNumber { series: item.series, number });
            number
        })
        .collect()
}

/// Everything wrong with a sakliste for a board with `series_count` series.
pub fn check(items: &[ItemDraft], meeting_year: i32, series_count: u32, used: &[UsedNumber]) -> Vec<SaklisteProblem> {
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.series >= series_count {
            problems.push(SaklisteProblem::NoSuchSeries { series: item.series + 1 });
        }
        if let Some(case) = item.case
            && let Some(first) = items[..i].iter().position(|o| o.case == Some(case))
        {
            problems.push(SaklisteProblem::CaseTwice { case, first: first as u32 + 1 });
        }
        if let Some(number) = item.number {
            if number.year != meeting_year {
                problems.push(SaklisteProblem::WrongYear { number, year: number.year, meeting_year });
            }
            if used.iter().any(|u| u.series == item.series && u.number == number) {
                problems.push(SaklisteProblem::NumberTaken { number });
            }
            if items[..i].iter().any(|o| o.series == item.series && o.number == Some(number)) {
                problems.push(SaklisteProblem::NumberTwice { number });
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(series: u32, case: Option<u32>) -> ItemDraft {
        ItemDraft { case: case.map(|seq| CaseNumber { year: 2021, seq }), series, number: None }
    }

    fn n(seq: u32) -> AgendaNumber {
        AgendaNumber { year: 2021, seq }
    }

    #[test]
    fn numbers_continue_per_series_in_agenda_order() {
        let used = [
            UsedNumber { series: 0, number: n(53) },
            UsedNumber { series: 1, number: n(7) },
            UsedNumber { series: 0, number: AgendaNumber { year: 2020, seq: 120 } },
        ];
        let items = [item(0, Some(1069)), item(1, None), item(0, Some(1070)), item(0, None)];
        assert!(check(&items, 2021, 2, &used).is_empty());
        assert_eq!(assign_numbers(&items, 2021, &used, &[]), [n(54), n(8), n(55), n(56)]);
        // The first meeting of a year starts each series at 1.
        assert_eq!(assign_numbers(&items, 2022, &used, &[])[0], AgendaNumber { year: 2022, seq: 1 });
    }

    #[test]
    fn a_number_given_by_hand_is_kept_and_the_others_go_round_it() {
        let mut items = vec![item(0, Some(1)), item(0, Some(2)), item(0, Some(3))];
        items[1].number = Some(n(60));
        assert_eq!(assign_numbers(&items, 2021, &[], &[]), [n(61), n(60), n(62)]);
        // A later meeting's fixed 62 is skipped, not leapt past.
        let later = [UsedNumber { series: 0, number: n(62) }, UsedNumber { series: 0, number: n(90) }];
        assert_eq!(assign_numbers(&items, 2021, &[], &later), [n(61), n(60), n(63)]);
    }

    #[test]
    fn a_case_twice_a_number_taken_and_a_wrong_year_are_named() {
        let used = [UsedNumber { series: 0, number: n(54) }];
        let mut items = vec![item(0, Some(1069)), item(0, Some(1069)), item(0, None), item(0, None), item(3, None)];
        items[2].number = Some(n(54));
        items[3].number = Some(AgendaNumber { year: 2020, seq: 9 });
        let p = check(&items, 2021, 2, &used);
        assert_eq!(
            p,
            [
                SaklisteProblem::CaseTwice { case: CaseNumber { year: 2021, seq: 1069 }, first: 1 },
                SaklisteProblem::NumberTaken { number: n(54) },
                SaklisteProblem::WrongYear {
                    number: AgendaNumber { year: 2020, seq: 9 },
                    year: 2020,
                    meeting_year: 2021
                },
                SaklisteProblem::NoSuchSeries { series: 4 },
            ]
        );
        assert_eq!(
            p[0].to_string(),
            "Arkivsak 21/1069 står alt på saklista (som sak nummer 1 i lista). Ei sak kan stå der éin gong."
        );
        // The same number twice in one list.
        let mut twice = vec![item(0, None), item(0, None)];
        twice[0].number = Some(n(3));
        twice[1].number = Some(n(3));
        assert_eq!(check(&twice, 2021, 1, &[]), [SaklisteProblem::NumberTwice { number: n(3) }]);
    }

    #[test]
    fn only_a_planned_meeting_is_renumbered() {
        assert!(MeetingStatus::Planned.may_renumber());
        assert!(!MeetingStatus::Held.may_renumber());
        assert!(!MeetingStatus::Approved.may_renumber());
    }
}

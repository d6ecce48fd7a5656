//! A meeting as the secretary plans it: board, date, place, times, the
//! innkalling facts, its status and its sakliste.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::{FieldError, MAX_SHORT, MAX_TITLE, check_date, check_len, optional};
use crate::number::{AgendaNumber, CaseNumber};
use crate::sakliste::MeetingStatus;

/// What the clerk types into the meeting form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingInput {
    #[ts(type = "number")]
    pub board_id: i64,
    /// dd.mm.yyyy or yyyy-mm-dd
    pub date: String,
    pub place: Option<String>,
    /// "09:00", also typed as "9", "9.00" or "0900"
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// The day the innkalling was sent.
    pub notice_sent: Option<String>,
    /// How it was sent: "e-post og kommunen si nettside".
    pub notice_method: Option<String>,
}

/// A meeting that passed [`MeetingInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFields {
    pub board_id: i64,
    pub date: NaiveDate,
    pub place: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub notice_sent: Option<NaiveDate>,
    pub notice_method: Option<String>,
}

/// Reads a time of day as `HH:MM`: `9`, `9.00`, `09:00`, `0900` and `9:5`
/// is refused (minutes need two digits).
pub fn parse_time(s: &str) -> Option<String> {
    let s = s.trim();
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if s.len() == 4 => s.split_at(2),
        None if (1..=2).contains(&s.len()) => (s, "00"),
        None => return None,
    };
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

fn check_time(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>, what: &str) -> Option<String> {
    let value = optional(value)?;
    let t = parse_time(&value);
    if t.is_none() {
        errors.push(FieldError::new(
            field,
            format!("«{value}» er ikkje eit klokkeslett for {what}. Skriv til dømes 09:00."),
        ));
    }
    t
}

impl MeetingInput {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<MeetingFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = check_date(&mut errors, "date", &self.date, "møtedatoen");
        let place = optional(self.place.as_deref());
        check_len(&mut errors, "place", place.as_deref(), MAX_SHORT, "Møtestaden");
        let start_time = check_time(&mut errors, "start_time", self.start_time.as_deref(), "start");
        let end_time = check_time(&mut errors, "end_time", self.end_time.as_deref(), "slutt");
        if let (Some(s), Some(e)) = (&start_time, &end_time)
            && e <= s
        {
            errors.push(FieldError::new(
                "end_time",
                format!("Møtet kan ikkje slutta ({e}) før eller når det startar ({s}). Sjå over klokkesletta."),
            ));
        }
        let notice_sent = optional(self.notice_sent.as_deref())
            .and_then(|d| check_date(&mut errors, "notice_sent", &d, "innkallinga"));
        if let (Some(sent), Some(date)) = (notice_sent, date)
            && sent > date
        {
            errors.push(FieldError::new(
                "notice_sent",
                format!(
                    "Innkallinga kan ikkje vera send ({}) etter møtet ({}).",
                    crate::date::format_date(sent),
                    crate::date::format_date(date)
                ),
            ));
        }
        let notice_method = optional(self.notice_method.as_deref());
        check_len(&mut errors, "notice_method", notice_method.as_deref(), MAX_SHORT, "Korleis innkallinga vart send");
        match date {
            Some(date) if errors.is_empty() => Ok(MeetingFields {
                board_id: self.board_id,
                date,
                place,
                start_time,
                end_time,
                notice_sent,
                notice_method,
            }),
            _ => Err(errors),
        }
    }
}

/// A line in the list of meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub board_id: i64,
    pub board: String,
    pub date: NaiveDate,
    pub place: Option<String>,
    /// "HH:MM"
    pub start_time: Option<String>,
    pub status: MeetingStatus,
    pub items: u32,
}

/// One of the board's number series, as the sakliste shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesRef {
    pub prefix: Option<String>,
    pub label: Option<String>,
}

/// An item of a stored sakliste.
#[expect(clippy::struct_excessive_bools, reason = "independent facts of an item, each a column of the sakliste")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaklisteItem {
    #[ts(type = "number")]
    pub id: i64,
    pub case_number: Option<CaseNumber>,
    pub title: String,
    /// Index into the meeting's `series`.
    pub series: u32,
    pub number: AgendaNumber,
    /// As the board prints it: `PS 054/21`.
    pub number_text: String,
    /// Given by hand; kept when the others are renumbered.
    pub number_given: bool,
    pub closed: bool,
    pub closed_basis: Option<String>,
    /// Tilleggssak: not in the innkalling.
    pub added_late: bool,
    /// Behandling, votes, a vedtak or attendance (late arrival, ugild) refer to it: it cannot be taken off.
    pub has_records: bool,
}

/// A meeting with its sakliste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingRecord {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub board_id: i64,
    pub board: String,
    pub date: NaiveDate,
    pub place: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub notice_sent: Option<NaiveDate>,
    pub notice_method: Option<String>,
    pub status: MeetingStatus,
    pub series: Vec<SeriesRef>,
    pub items: Vec<SaklisteItem>,
}

/// A case waiting for a board's meeting, sent on from another board (its
/// saksgang) with that board's vedtak as the new tilråding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WaitingCase {
    #[ts(type = "number")]
    pub id: i64,
    pub case_number: CaseNumber,
    pub title: String,
    /// Where it comes from: "Formannskapet og næringsutvalet 15.04.2021, sak 54/21".
    pub from: Option<String>,
    pub recommendation: Option<String>,
}

/// A step being typed: "roll", "business:<place>" or "item:<id>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    pub key: String,
    /// JSON as the window had it.
    pub content: String,
    pub saved_at: String,
}

/// An item of the sakliste as the window sends it back: the whole list is
/// saved at once, in agenda order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaklisteEntry {
    /// The stored item this is, `None` for one just added.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// "21/1069"; empty for an item without an arkivsak (an orientering).
    pub case_number: Option<String>,
    /// Empty: the case's title.
    pub title: Option<String>,
    pub series: u32,
    /// A number given by hand, as the board prints it; empty: the next free one.
    pub number: Option<String>,
    pub closed: bool,
    pub closed_basis: Option<String>,
    pub added_late: bool,
}

impl SaklisteEntry {
    /// A new item for the arkivsak `number` ("21/1069"), numbered in the first series.
    pub fn case(number: impl Into<String>) -> Self {
        Self {
            id: None,
            case_number: Some(number.into()),
            title: None,
            series: 0,
            number: None,
            closed: false,
            closed_basis: None,
            added_late: false,
        }
    }

    /// A stored item as the window sends it back: its number only when it
    /// was given by hand (as `format` prints it, without the prefix).
    pub fn of_item(i: &SaklisteItem, format: crate::board::NumberFormat) -> Self {
        Self {
            id: Some(i.id),
            case_number: i.case_number.map(|n| n.to_string()),
            title: Some(i.title.clone()),
            series: i.series,
            number: i.number_given.then(|| format.format(i.number, None)),
            closed: i.closed,
            closed_basis: i.closed_basis.clone(),
            added_late: i.added_late,
        }
    }

    /// A new item without an arkivsak (an orientering), by its title.
    pub fn titled(title: impl Into<String>) -> Self {
        Self { case_number: None, title: Some(title.into()), ..Self::case("") }
    }
}

/// Checks one entry's own fields; `row` (from 0) names it in messages.
/// The list as a whole is checked by [`crate::sakliste::check`].
pub fn check_entry(
    e: &SaklisteEntry,
    row: usize,
    errors: &mut Vec<FieldError>,
) -> (Option<CaseNumber>, Option<String>) {
    let field = |name: &str| format!("items.{row}.{name}");
    let case = optional(e.case_number.as_deref()).and_then(|n| match n.parse::<CaseNumber>() {
        Ok(n) => Some(n),
        Err(err) => {
            errors.push(FieldError::new(&field("case_number"), err.to_string()));
            None
        }
    });
    let title = optional(e.title.as_deref());
    check_len(errors, &field("title"), title.as_deref(), MAX_TITLE, "Tittelen");
    if title.is_none() && case.is_none() && optional(e.case_number.as_deref()).is_none() {
        errors.push(FieldError::new(
            &field("title"),
            format!("Sak nummer {} på lista har verken arkivsak eller tittel. Skriv ein tittel.", row + 1),
        ));
    }
    let basis = optional(e.closed_basis.as_deref());
    check_len(errors, &field("closed_basis"), basis.as_deref(), MAX_SHORT, "Heimelen for lukking");
    if basis.is_some() && !e.closed {
        errors.push(FieldError::new(
            &field("closed_basis"),
            format!(
                "Sak nummer {} har heimel for lukking, men er ikkje merkt lukka. Merk ho lukka eller ta bort heimelen.",
                row + 1
            ),
        ));
    }
    (case, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MeetingInput {
        MeetingInput {
            board_id: 1,
            date: "15.04.2021".into(),
            place: Some(" Gaupne, kommunestyresalen ".into()),
            start_time: Some("9".into()),
            end_time: Some("15.30".into()),
            notice_sent: Some("08.04.2021".into()),
            notice_method: Some("E-post".into()),
        }
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        for (typed, read) in
            [("9", "09:00"), ("09:00", "09:00"), ("9.15", "09:15"), ("0915", "09:15"), ("23:59", "23:59")]
        {
            assert_eq!(parse_time(typed).as_deref(), Some(read), "{typed}");
        }
        for bad in ["24:00", "9:5", "12:60", "kl 9", "", "123", "1:2:3", "-1"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_meeting_is_trimmed_and_its_times_normalised() {
        let f = input().validate().unwrap();
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2021, 4, 15).unwrap());
        assert_eq!(f.place.as_deref(), Some("Gaupne, kommunestyresalen"));
        assert_eq!((f.start_time.as_deref(), f.end_time.as_deref()), (Some("09:00"), Some("15:30")));
        assert_eq!(f.notice_sent, NaiveDate::from_ymd_opt(2021, 4, 8));
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let bad = MeetingInput {
            date: "31.02.2021".into(),
            start_time: Some("kl 9".into()),
            end_time: Some("25".into()),
            notice_sent: Some("i går".into()),
            ..input()
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["date", "start_time", "end_time", "notice_sent"]);
    }

    #[test]
    fn the_end_comes_after_the_start_and_the_notice_before_the_meeting() {
        let e = MeetingInput { end_time: Some("08:30".into()), notice_sent: Some("16.04.2021".into()), ..input() }
            .validate()
            .unwrap_err();
        assert_eq!(
            e[0].message,
            "Møtet kan ikkje slutta (08:30) før eller når det startar (09:00). Sjå over klokkesletta."
        );
        assert_eq!(e[1].message, "Innkallinga kan ikkje vera send (16.04.2021) etter møtet (15.04.2021).");
    }

    fn entry() -> SaklisteEntry {
        SaklisteEntry {
            id: None,
            case_number: Some("21/1069".into()),
            title: None,
            series: 0,
            number: None,
            closed: false,
            closed_basis: None,
            added_late: false,
        }
    }

    #[test]
    fn an_entry_needs_a_case_or_a_title_and_a_basis_only_when_closed() {
        let mut errors = Vec::new();
        assert_eq!(check_entry(&entry(), 0, &mut errors).0, Some(CaseNumber { year: 2021, seq: 1069 }));
        assert!(errors.is_empty());
        let orphan = SaklisteEntry { case_number: None, title: Some("  ".into()), ..entry() };
        check_entry(&orphan, 2, &mut errors);
        let open_with_basis = SaklisteEntry { closed_basis: Some("kl. § 11-5 (2) a".into()), ..entry() };
        check_entry(&open_with_basis, 3, &mut errors);
        let bad_number = SaklisteEntry { case_number: Some("21-1069".into()), ..entry() };
        check_entry(&bad_number, 4, &mut errors);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["items.2.title", "items.3.closed_basis", "items.4.case_number"]);
        assert_eq!(errors[0].message, "Sak nummer 3 på lista har verken arkivsak eller tittel. Skriv ein tittel.");
        // Closed without a basis is allowed: many protocols give none.
        let closed = SaklisteEntry { closed: true, ..entry() };
        let mut none = Vec::new();
        check_entry(&closed, 0, &mut none);
        assert!(none.is_empty());
    }
}

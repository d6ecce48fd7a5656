//! Boards (utval) as they are set up: number series and how their numbers
//! are printed, the default møtestad, the language of generated text, the
//! distribution list, and the members and varamedlemer of each term.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::{Role, Seat};
use crate::case::FieldError;
use crate::number::AgendaNumber;

/// How a board prints its utvalssak numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NumberFormat {
    /// `54/21`
    SeqYear,
    /// `054/21`: the number padded with zeros to `width` digits.
    PaddedSeqYear { width: u8 },
    /// `2021/54`
    YearSeq,
}

impl NumberFormat {
    /// The number as the board prints it, with its series' prefix: `PS 54/21`.
    pub fn format(self, n: AgendaNumber, prefix: Option<&str>) -> String {
        let bare = match self {
            Self::SeqYear => n.to_string(),
            Self::PaddedSeqYear { width } => {
                format!("{:0width$}/{:02}", n.seq, n.year.rem_euclid(100), width = usize::from(width))
            }
            Self::YearSeq => format!("{}/{}", n.year, n.seq),
        };
        match prefix {
            Some(p) => format!("{p} {bare}"),
            None => bare,
        }
    }

    /// Reads a number as the board prints it (the prefix, if any, left off).
    /// `54/21` and `054/21` are read alike; in the year-first format the year
    /// must have four digits.
    pub fn parse(self, s: &str) -> Option<AgendaNumber> {
        let s = s.trim();
        match self {
            Self::SeqYear | Self::PaddedSeqYear { .. } => s.parse().ok(),
            Self::YearSeq => {
                let (year, seq) = s.split_once('/')?;
                let year: i32 = year.trim().parse().ok().filter(|y| (1900..=2999).contains(y))?;
                let seq: u32 = seq.trim().parse().ok().filter(|n| *n >= 1)?;
                (year.to_string().len() == 4).then_some(AgendaNumber { year, seq })
            }
        }
    }
}

/// A number series of a board: one without a prefix, or several such as
/// PS (politiske saker) and RS (referatsaker), each numbered separately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NumberSeries {
    /// "PS"; none for a board with a single series.
    pub prefix: Option<String>,
    /// The heading the sakliste prints above the series: "Politiske saker".
    pub label: Option<String>,
}

/// Language of the generated behandling text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextLanguage {
    Nn,
    Nb,
}

/// A board's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardSettings {
    /// "Formannskapet og næringsutvalet"
    pub name: String,
    /// "FSK"
    pub code: Option<String>,
    pub series: Vec<NumberSeries>,
    pub number_format: NumberFormat,
    /// "Rådhuset, Gaupne"
    pub default_place: Option<String>,
    pub language: TextLanguage,
    /// Who gets the protocol ("Møteprotokoll er sendt til: …"), one per line.
    pub distribution: Vec<String>,
}

impl BoardSettings {
    /// Trims the text and checks every field at once.
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", "Skriv namnet på utvalet, til dømes «Kommunestyret»."));
        } else if name.chars().count() > 120 {
            errors.push(FieldError::new("name", "Namnet kan vera på høgst 120 teikn."));
        }
        let code = trimmed(self.code.as_deref());
        if let Some(c) = &code
            && !(c.chars().count() <= 10 && c.chars().all(char::is_alphanumeric))
        {
            errors.push(FieldError::new("code", format!("Kortnamnet «{c}» kan ha berre bokstavar og tal, høgst 10.")));
        }
        let series: Vec<NumberSeries> = self
            .series
            .iter()
            .map(|s| NumberSeries { prefix: trimmed(s.prefix.as_deref()), label: trimmed(s.label.as_deref()) })
            .collect();
        if series.is_empty() {
            errors.push(FieldError::new("series", "Utvalet treng minst éin nummerserie."));
        }
        if series.len() > 1 && series.iter().any(|s| s.prefix.is_none()) {
            errors.push(FieldError::new(
                "series",
                "Når utvalet har fleire nummerseriar, treng kvar av dei eit prefiks (til dømes PS og RS).",
            ));
        }
        for (i, s) in series.iter().enumerate() {
            if let Some(p) = &s.prefix {
                if series[..i].iter().any(|t| t.prefix.as_deref().is_some_and(|q| q.eq_ignore_ascii_case(p))) {
                    errors.push(FieldError::new("series", format!("Prefikset «{p}» er brukt to gonger.")));
                }
                if !(p.chars().count() <= 6 && p.chars().all(char::is_alphanumeric)) {
                    errors.push(FieldError::new(
                        "series",
                        format!("Prefikset «{p}» kan ha berre bokstavar og tal, høgst 6."),
                    ));
                }
            }
        }
        if let NumberFormat::PaddedSeqYear { width } = self.number_format
            && !(2..=4).contains(&width)
        {
            errors.push(FieldError::new("number_format", "Talet kan fyllast ut til 2, 3 eller 4 siffer."));
        }
        let distribution: Vec<String> =
            self.distribution.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
        if errors.is_empty() {
            Ok(Self {
                name,
                code,
                series,
                number_format: self.number_format,
                default_place: trimmed(self.default_place.as_deref()),
                language: self.language,
                distribution,
            })
        } else {
            Err(errors)
        }
    }
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// What someone is in a board for a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Membership {
    /// A seat: leiar, nestleiar or medlem.
    Seat { role: Role },
    /// A varamedlem, called in this order within their party or list.
    Substitute { order: u32 },
}

/// One person's place in a board for one term. Old meetings keep the
/// members of their own term when the board changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TermMember {
    pub name: String,
    pub party: Option<String>,
    pub membership: Membership,
    /// None: since before the register knew.
    pub term_from: Option<NaiveDate>,
    /// None: still in the board.
    pub term_to: Option<NaiveDate>,
}

impl TermMember {
    pub fn serves_on(&self, date: NaiveDate) -> bool {
        self.term_from.is_none_or(|f| f <= date) && self.term_to.is_none_or(|t| date <= t)
    }

    fn span(&self) -> (NaiveDate, NaiveDate) {
        (self.term_from.unwrap_or(NaiveDate::MIN), self.term_to.unwrap_or(NaiveDate::MAX))
    }
}

/// A board as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub settings: BoardSettings,
    /// Members and varamedlemer of every term, oldest term first.
    pub members: Vec<TermMember>,
}

/// The board's seats on a meeting date, leiar first, then nestleiar, then
/// members in the order given.
pub fn seats_on(members: &[TermMember], date: NaiveDate) -> Vec<Seat> {
    let mut seats: Vec<(u8, Seat)> = members
        .iter()
        .filter(|m| m.serves_on(date))
        .filter_map(|m| match m.membership {
            Membership::Seat { role } => Some((
                match role {
                    Role::Chair => 0,
                    Role::DeputyChair => 1,
                    Role::Member => 2,
                },
                Seat { name: m.name.clone(), party: m.party.clone(), role },
            )),
            Membership::Substitute { .. } => None,
        })
        .collect();
    seats.sort_by_key(|(rank, _)| *rank);
    seats.into_iter().map(|(_, s)| s).collect()
}

/// The varamedlemer of one party or list on a date, in the order they are called.
pub fn substitutes_on<'a>(members: &'a [TermMember], date: NaiveDate, party: Option<&str>) -> Vec<&'a TermMember> {
    let mut subs: Vec<(u32, &TermMember)> = members
        .iter()
        .filter(|m| m.serves_on(date) && m.party.as_deref() == party)
        .filter_map(|m| match m.membership {
            Membership::Substitute { order } => Some((order, m)),
            Membership::Seat { .. } => None,
        })
        .collect();
    subs.sort_by_key(|(order, _)| *order);
    subs.into_iter().map(|(_, m)| m).collect()
}

/// What is wrong with a board's members, field by field, with the row (0-based) named.
pub fn check_members(members: &[TermMember]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let row = i + 1;
        if m.name.trim().is_empty() {
            errors.push(FieldError::new("members", format!("Rad {row}: namnet manglar.")));
        }
        if m.membership == (Membership::Substitute { order: 0 }) {
            errors.push(FieldError::new("members", format!("Rad {row}: varanummeret byrjar på 1.")));
        }
        if matches!((m.term_from, m.term_to), (Some(f), Some(t)) if t < f) {
            errors.push(FieldError::new(
                "members",
                format!("Rad {row}: perioden for {} sluttar før han byrjar.", m.name),
            ));
        }
        let overlaps = |o: &TermMember| {
            let ((a_from, a_to), (b_from, b_to)) = (o.span(), m.span());
            a_from <= b_to && b_from <= a_to
        };
        if members[..i].iter().any(|o| o.name == m.name && overlaps(o)) {
            errors.push(FieldError::new("members", format!("Rad {row}: {} står to gonger i same periode.", m.name)));
        }
        if let Membership::Seat { role: role @ (Role::Chair | Role::DeputyChair) } = m.membership
            && members[..i].iter().any(|o| o.membership == m.membership && overlaps(o))
        {
            let what = if role == Role::Chair { "leiar" } else { "nestleiar" };
            errors.push(FieldError::new("members", format!("Rad {row}: utvalet har alt ein {what} i denne perioden.")));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(seq: u32, year: i32) -> AgendaNumber {
        AgendaNumber { year, seq }
    }

    #[test]
    fn numbers_print_in_each_format_with_and_without_a_prefix() {
        assert_eq!(NumberFormat::SeqYear.format(n(54, 2021), None), "54/21");
        assert_eq!(NumberFormat::PaddedSeqYear { width: 3 }.format(n(7, 2021), None), "007/21");
        assert_eq!(NumberFormat::YearSeq.format(n(7, 2021), Some("PS")), "PS 2021/7");
        assert_eq!(NumberFormat::SeqYear.format(n(7, 2005), Some("RS")), "RS 7/05");
        for f in [NumberFormat::SeqYear, NumberFormat::PaddedSeqYear { width: 3 }, NumberFormat::YearSeq] {
            assert_eq!(f.parse(&f.format(n(54, 2021), None)), Some(n(54, 2021)), "{f:?}");
        }
        assert_eq!(NumberFormat::YearSeq.parse("21/54"), None, "year first needs four digits");
        assert_eq!(NumberFormat::YearSeq.parse("2021/0"), None);
    }

    fn settings() -> BoardSettings {
        BoardSettings {
            name: " Kommunestyret ".into(),
            code: Some("KST".into()),
            series: vec![
                NumberSeries { prefix: Some("PS".into()), label: Some("Politiske saker".into()) },
                NumberSeries { prefix: Some("RS".into()), label: Some("Referatsaker".into()) },
            ],
            number_format: NumberFormat::SeqYear,
            default_place: Some("Rådhuset, Gaupne".into()),
            language: TextLanguage::Nn,
            distribution: vec!["Kontrollutvalet".into(), "  ".into()],
        }
    }

    #[test]
    fn good_settings_are_trimmed() {
        let v = settings().validate().unwrap();
        assert_eq!(v.name, "Kommunestyret");
        assert_eq!(v.distribution, ["Kontrollutvalet"]);
    }

    #[test]
    fn several_series_each_need_their_own_prefix() {
        let mut s = settings();
        s.series[1].prefix = None;
        assert_eq!(s.validate().unwrap_err()[0].field, "series");
        s.series[1].prefix = Some("ps".into());
        assert!(s.validate().unwrap_err()[0].message.contains("brukt to gonger"));
        s.series.clear();
        assert!(s.validate().unwrap_err()[0].message.contains("minst éin"));
        let bad = BoardSettings {
            name: " ".into(),
            code: Some("K S T".into()),
            number_format: NumberFormat::PaddedSeqYear { width: 9 },
            ..settings()
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "code", "number_format"]);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn tm(name: &str, party: &str, membership: Membership, from: NaiveDate, to: Option<NaiveDate>) -> TermMember {
        TermMember { name: name.into(), party: Some(party.into()), membership, term_from: Some(from), term_to: to }
    }

    #[test]
    fn each_meeting_gets_the_members_of_its_own_term() {
        let old = (d(2019, 10, 1), Some(d(2023, 9, 30)));
        let new = (d(2023, 10, 1), None);
        let members = vec![
            tm("Kari", "Sp", Membership::Seat { role: Role::Member }, old.0, old.1),
            tm("Ola", "Ap", Membership::Seat { role: Role::Chair }, old.0, old.1),
            tm("Kari", "Sp", Membership::Seat { role: Role::Chair }, new.0, new.1),
            tm("Per", "H", Membership::Seat { role: Role::Member }, new.0, new.1),
            tm("Vera", "Sp", Membership::Substitute { order: 2 }, new.0, new.1),
            tm("Siv", "Sp", Membership::Substitute { order: 1 }, new.0, new.1),
        ];
        assert!(check_members(&members).is_empty(), "{:?}", check_members(&members));
        let names = |s: Vec<Seat>| s.into_iter().map(|s| s.name).collect::<Vec<_>>();
        assert_eq!(names(seats_on(&members, d(2021, 4, 15))), ["Ola", "Kari"], "leiar first");
        assert_eq!(names(seats_on(&members, d(2024, 1, 10))), ["Kari", "Per"]);
        let subs: Vec<&str> =
            substitutes_on(&members, d(2024, 1, 10), Some("Sp")).iter().map(|m| m.name.as_str()).collect();
        assert_eq!(subs, ["Siv", "Vera"], "in the order they are called");
    }

    #[test]
    fn member_lists_that_contradict_themselves_are_refused_row_by_row() {
        let t = (d(2023, 10, 1), None);
        let members = vec![
            tm("Kari", "Sp", Membership::Seat { role: Role::Chair }, t.0, t.1),
            tm("Ola", "Ap", Membership::Seat { role: Role::Chair }, t.0, t.1),
            tm("Kari", "Sp", Membership::Seat { role: Role::Member }, t.0, t.1),
            tm("Per", "H", Membership::Seat { role: Role::Member }, d(2024, 1, 1), Some(d(2023, 1, 1))),
        ];
        let messages: Vec<String> = check_members(&members).into_iter().map(|e| e.message).collect();
        assert_eq!(
            messages,
            [
                "Rad 2: utvalet har alt ein leiar i denne perioden.",
                "Rad 3: Kari står to gonger i same periode.",
                "Rad 4: perioden for Per sluttar før han byrjar.",
            ]
        );
    }
}

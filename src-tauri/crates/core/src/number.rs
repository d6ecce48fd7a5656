//! Noark numbering: arkivsak `21/1069`, journalpost `21/1069-3` and
//! utvalssak `54/21` (the 54th case of one board in 2021).
//!
//! Two-digit years are read as 20yy; a four-digit year is accepted anywhere a
//! two-digit one is, so cases from the 1990s can be written `1998/123`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("«{0}» er ikkje eit gyldig saksnummer. Skriv det som til dømes 21/1069.")]
    Case(String),
    #[error("«{0}» er ikkje eit gyldig utvalssaksnummer. Skriv det som til dømes 54/21.")]
    Agenda(String),
    #[error("«{0}» er ikkje eit gyldig journalpostnummer. Skriv det som til dømes 21/1069-3.")]
    Journal(String),
}

/// Reads a year written with two or four digits. `21` is 2021.
fn parse_year(s: &str) -> Option<i32> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        2 => s.parse::<i32>().ok().map(|y| 2000 + y),
        4 => s.parse::<i32>().ok().filter(|y| (1900..=2999).contains(y)),
        _ => None,
    }
}

/// Reads a positive sequence number without sign, blanks or leading `+`.
/// Leading zeros are accepted ("007"), since some protocols print them.
fn parse_seq(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok().filter(|n| *n > 0)
}

/// Two-digit form of a year, as Noark prints it: 2021 → 21.
fn short_year(year: i32) -> i32 {
    year.rem_euclid(100)
}

/// An arkivsak number: `saksår/sekvensnummer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct CaseNumber {
    /// Full year, e.g. 2021.
    pub year: i32,
    /// Sequence within the year, from 1; never reused.
    pub seq: u32,
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", short_year(self.year), self.seq)
    }
}

impl FromStr for CaseNumber {
    type Err = NumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || NumberError::Case(s.to_string());
        let (year, seq) = s.trim().split_once('/').ok_or_else(err)?;
        Ok(Self { year: parse_year(year).ok_or_else(err)?, seq: parse_seq(seq).ok_or_else(err)? })
    }
}

/// A journalpost number: the case number and the document's number in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct JournalNumber {
    pub case: CaseNumber,
    pub doc: u32,
}

impl fmt::Display for JournalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.case, self.doc)
    }
}

impl FromStr for JournalNumber {
    type Err = NumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || NumberError::Journal(s.to_string());
        let (case, doc) = s.trim().rsplit_once('-').ok_or_else(err)?;
        Ok(Self { case: case.parse().map_err(|_| err())?, doc: parse_seq(doc).ok_or_else(err)? })
    }
}

/// An utvalssak number: numbered per board per year, `54/21`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct AgendaNumber {
    pub year: i32,
    pub seq: u32,
}

impl fmt::Display for AgendaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.seq, short_year(self.year))
    }
}

impl FromStr for AgendaNumber {
    type Err = NumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || NumberError::Agenda(s.to_string());
        let (seq, year) = s.trim().split_once('/').ok_or_else(err)?;
        Ok(Self { year: parse_year(year).ok_or_else(err)?, seq: parse_seq(seq).ok_or_else(err)? })
    }
}

/// The next arkivsak number of a year, given the highest one ever handed out
/// in that year (deleted cases included: numbers are never reused).
pub fn next_case_number(year: i32, last_issued: Option<u32>) -> CaseNumber {
    CaseNumber { year, seq: last_issued.map_or(1, |n| n + 1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_number_round_trips() {
        let n: CaseNumber = "21/1069".parse().unwrap();
        assert_eq!(n, CaseNumber { year: 2021, seq: 1069 });
        assert_eq!(n.to_string(), "21/1069");
    }

    #[test]
    fn case_number_accepts_four_digit_year_and_prints_two() {
        let n: CaseNumber = "1998/12".parse().unwrap();
        assert_eq!(n, CaseNumber { year: 1998, seq: 12 });
        assert_eq!(n.to_string(), "98/12");
        assert_eq!(CaseNumber { year: 2005, seq: 3 }.to_string(), "05/3");
    }

    #[test]
    fn case_number_rejects_nonsense() {
        for bad in ["", "21", "21/", "/1069", "21/0", "21/-3", "2x/5", "021/5", "21/1069/2", "21/ 5", "21/+5"] {
            assert!(bad.parse::<CaseNumber>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn case_number_error_is_nynorsk_and_names_the_input() {
        let e = "abc".parse::<CaseNumber>().unwrap_err();
        assert_eq!(e.to_string(), "«abc» er ikkje eit gyldig saksnummer. Skriv det som til dømes 21/1069.");
    }

    #[test]
    fn agenda_number_round_trips_and_accepts_zero_padding() {
        let n: AgendaNumber = "54/21".parse().unwrap();
        assert_eq!(n, AgendaNumber { year: 2021, seq: 54 });
        assert_eq!(n.to_string(), "54/21");
        assert_eq!("007/21".parse::<AgendaNumber>().unwrap().seq, 7);
        assert_eq!(AgendaNumber { year: 2009, seq: 7 }.to_string(), "7/09");
        assert!("54-21".parse::<AgendaNumber>().is_err());
    }

    #[test]
    fn journal_number_round_trips() {
        let n: JournalNumber = "21/1069-3".parse().unwrap();
        assert_eq!(n.case, CaseNumber { year: 2021, seq: 1069 });
        assert_eq!(n.doc, 3);
        assert_eq!(n.to_string(), "21/1069-3");
        assert!("21/1069".parse::<JournalNumber>().is_err());
        assert!("21/1069-0".parse::<JournalNumber>().is_err());
    }

    #[test]
    fn numbers_are_never_reused() {
        assert_eq!(next_case_number(2021, None), CaseNumber { year: 2021, seq: 1 });
        assert_eq!(next_case_number(2021, Some(1068)), CaseNumber { year: 2021, seq: 1069 });
    }

    #[test]
    fn numbers_sort_by_year_then_sequence() {
        let mut v: Vec<CaseNumber> = ["21/10", "20/999", "21/9"].iter().map(|s| s.parse().unwrap()).collect();
        v.sort();
        let shown: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["20/999", "21/9", "21/10"]);
    }
}

//! Attendance, decided per agenda item: who was there for each utvalssak,
//! who was ugild, which varamedlem took whose seat, and from that who may vote
//! and whether the board was quorate (kl. §§ 11-9, 11-10).
//!
//! People are named as the clerk wrote them (names are spelled differently
//! from meeting to meeting); within one meeting a name is one person. Agenda
//! items are given by their position in the sakliste (0 = the first).

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A member's function in the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// leiar
    Chair,
    /// nestleiar
    DeputyChair,
    /// medlem
    Member,
}

/// A seat in the board for the term the meeting falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Seat {
    pub name: String,
    pub party: Option<String>,
    pub role: Role,
}

/// In what capacity someone was at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Capacity {
    /// One of the board's members.
    Member,
    /// A varamedlem, taking `replaces`'s seat when that is known.
    Substitute { replaces: Option<String> },
    /// From the administration ("Frå administrasjonen"), with job title. Never votes.
    Administration { title: Option<String> },
    /// Not a member and not the administration: guests, the auditor, outside bodies. Never votes.
    Other { title: Option<String> },
}

/// Someone who was at the meeting, for the items from `from_item` to
/// `to_item` (both included; none = from the start, to the end), except
/// `away_items`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attendee {
    pub name: String,
    pub party: Option<String>,
    pub capacity: Capacity,
    pub from_item: Option<u32>,
    pub to_item: Option<u32>,
    /// "kom kl. 10.15"
    pub arrived_at: Option<NaiveTime>,
    /// "gjekk kl. 14.30"
    pub left_at: Option<NaiveTime>,
    /// Items missed in between ("forfall i sak 12/21").
    pub away_items: Vec<u32>,
    /// What the protocol says of their presence in its own words, printed
    /// beside the name: "sak 12 og del av sak 15".
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

impl Attendee {
    /// Someone there for the whole meeting, nothing changed.
    pub fn present(name: &str, party: Option<&str>, capacity: Capacity) -> Self {
        Self {
            name: name.into(),
            party: party.map(str::to_string),
            capacity,
            from_item: None,
            to_item: None,
            arrived_at: None,
            left_at: None,
            away_items: Vec::new(),
            note: None,
        }
    }
}

/// A member ugild (inhabil) in one item, with the legal basis and the
/// varamedlem who took the seat for that item alone, if one did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Disqualification {
    pub member: String,
    pub item: u32,
    /// "fvl. § 6 første ledd bokstav a"
    pub basis: String,
    pub substitute: Option<String>,
}

/// Everything recorded about who was at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Attendance {
    /// The board's members in the meeting's term.
    pub seats: Vec<Seat>,
    pub attendees: Vec<Attendee>,
    /// Members who sent their apologies (forfall) for the whole meeting.
    pub apologies: Vec<String>,
    pub disqualified: Vec<Disqualification>,
    /// When the protocol gives only a count ("9 medlemer møtte").
    pub head_count: Option<u32>,
}

/// Who could vote on one item, and whether the board was quorate for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemAttendance {
    /// The names of those who could vote, in the order recorded (empty
    /// when only a head count is known).
    pub voters: Vec<String>,
    /// How many could vote.
    pub eligible: u32,
    /// The board's seats.
    pub seats: u32,
    /// At least half the seats were filled by people who could vote.
    pub quorate: bool,
}

/// The message for a place on the sakliste that is not there (`number` from 1).
pub fn no_such_item(number: usize, items: usize) -> String {
    format!("Sak nummer {number} i lista finst ikkje (saklista har {items} saker). Vel ei sak som står på saklista.")
}

/// A contradiction in what was recorded, with how to put it right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttendanceProblem {
    #[error("{0} er ført både som møtt og med forfall. Fjern det eine.")]
    PresentAndAbsent(String),
    #[error("{0} er ført to gonger som møtt. Slå saman dei to linjene.")]
    Twice(String),
    #[error("«{0}» er ikkje medlem av utvalet i denne perioden. Legg medlemen til, eller rett namnet.")]
    NotAMember(String),
    #[error(
        "{substitute} er ført som vara for {member}, men {member} var til stades i sak {item}. Fjern «møtt for», eller rett oppmøtet."
    )]
    SubstituteForPresentMember { substitute: String, member: String, item: u32 },
    #[error("{0} går før han eller ho kjem: sjå over frå- og til-sak og klokkesletta.")]
    LeavesBeforeArriving(String),
    #[error("{}", no_such_item(*item as usize, *items as usize))]
    NoSuchItem { item: u32, items: u32 },
    #[error("{0} er medlem og kan ikkje vera vara for nokon. Vel ein varamedlem.")]
    MemberAsSubstitute(String),
    #[error("{0} er ugild i same sak to gonger. Ta bort den eine linja.")]
    UgildTwice(String),
    #[error("{substitute} tek plassen til fleire i sak {item}. Éin vara kan berre ta éin plass i ei sak.")]
    OneSubstituteTwoSeats { substitute: String, item: u32 },
    #[error(
        "Det er {eligible} røysteføre i sak {item}, men utvalet har berre {seats} plassar. Sjå over vara og «møtt for»."
    )]
    MoreVotersThanSeats { item: u32, eligible: u32, seats: u32 },
    #[error("Grunnlaget for at {0} er ugild manglar (til dømes «fvl. § 6 første ledd»).")]
    UgildWithoutBasis(String),
    #[error("{0} står to gonger med forfall. Ta bort den eine linja.")]
    ApologyTwice(String),
}

impl AttendanceProblem {
    /// The person the problem is about, when it is about one.
    pub fn person(&self) -> Option<&str> {
        match self {
            Self::PresentAndAbsent(n)
            | Self::Twice(n)
            | Self::NotAMember(n)
            | Self::LeavesBeforeArriving(n)
            | Self::MemberAsSubstitute(n)
            | Self::UgildTwice(n)
            | Self::UgildWithoutBasis(n)
            | Self::ApologyTwice(n) => Some(n),
            Self::SubstituteForPresentMember { substitute, .. } | Self::OneSubstituteTwoSeats { substitute, .. } => {
                Some(substitute)
            }
            Self::NoSuchItem { .. } | Self::MoreVotersThanSeats { .. } => None,
        }
    }
}

impl Attendee {
    /// Whether the person was there for item `item`.
    pub fn present_at(&self, item: u32) -> bool {
        self.from_item.is_none_or(|f| f <= item)
            && self.to_item.is_none_or(|t| item <= t)
            && !self.away_items.contains(&item)
    }
}

impl Attendance {
    /// Whether `name` has a seat; with no seats known (no members registered
    /// for the term) anyone recorded as a member is taken to be one.
    fn is_member(&self, name: &str) -> bool {
        self.seats.is_empty() || self.seats.iter().any(|s| s.name == name)
    }

    /// Whether `name` is known to have a seat (never true without seats).
    fn has_seat(&self, name: &str) -> bool {
        self.seats.iter().any(|s| s.name == name)
    }

    fn attendee(&self, name: &str) -> Option<&Attendee> {
        self.attendees.iter().find(|a| a.name == name)
    }

    /// Who could vote on item `item`: members present and not ugild there,
    /// varamedlemer present, and each ugild member's named varamedlem for that
    /// item alone. Others (administration, guests) never vote.
    pub fn for_item(&self, item: u32) -> ItemAttendance {
        let seats = self.seats.len() as u32;
        let ugild: Vec<&Disqualification> = self.disqualified.iter().filter(|d| d.item == item).collect();
        if self.attendees.is_empty()
            && let Some(count) = self.head_count
        {
            let stand_ins = ugild.iter().filter(|d| d.substitute.is_some()).count() as u32;
            let eligible = count.saturating_add(stand_ins).saturating_sub(ugild.len() as u32);
            return ItemAttendance { voters: Vec::new(), eligible, seats, quorate: quorate(eligible, seats) };
        }
        let mut voters: Vec<String> = self
            .attendees
            .iter()
            .filter(|a| a.present_at(item))
            .filter(|a| match &a.capacity {
                Capacity::Member | Capacity::Substitute { .. } => !ugild.iter().any(|d| d.member == a.name),
                Capacity::Administration { .. } | Capacity::Other { .. } => false,
            })
            .map(|a| a.name.clone())
            .collect();
        for d in &ugild {
            if let Some(s) = &d.substitute
                && !voters.contains(s)
            {
                voters.push(s.clone());
            }
        }
        let eligible = voters.len() as u32;
        ItemAttendance { voters, eligible, seats, quorate: quorate(eligible, seats) }
    }

    /// Every contradiction in the record, for a sakliste of `items` items.
    /// Without seats (no members registered for the term) nobody is refused
    /// as "not a member", and the number of seats is not checked.
    pub fn check(&self, items: u32) -> Vec<AttendanceProblem> {
        let mut problems = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for a in &self.attendees {
            if seen.contains(&a.name.as_str()) {
                problems.push(AttendanceProblem::Twice(a.name.clone()));
            }
            seen.push(&a.name);
            if self.apologies.contains(&a.name) {
                problems.push(AttendanceProblem::PresentAndAbsent(a.name.clone()));
            }
            match &a.capacity {
                Capacity::Member if !self.is_member(&a.name) => {
                    problems.push(AttendanceProblem::NotAMember(a.name.clone()));
                }
                Capacity::Substitute { .. } if self.has_seat(&a.name) => {
                    problems.push(AttendanceProblem::MemberAsSubstitute(a.name.clone()));
                }
                Capacity::Substitute { replaces: Some(member) } => {
                    if !self.is_member(member) {
                        problems.push(AttendanceProblem::NotAMember(member.clone()));
                    } else if let Some(m) = self.attendee(member)
                        && let Some(item) = (0..items).find(|&i| a.present_at(i) && m.present_at(i))
                    {
                        problems.push(AttendanceProblem::SubstituteForPresentMember {
                            substitute: a.name.clone(),
                            member: member.clone(),
                            item: item + 1,
                        });
                    }
                }
                _ => {}
            }
            let span_backwards = matches!((a.from_item, a.to_item), (Some(f), Some(t)) if t < f);
            let clock_backwards = matches!((a.arrived_at, a.left_at), (Some(x), Some(y)) if y < x);
            if span_backwards || clock_backwards {
                problems.push(AttendanceProblem::LeavesBeforeArriving(a.name.clone()));
            }
            for item in a.from_item.iter().chain(&a.to_item).chain(&a.away_items) {
                if *item >= items {
                    problems.push(AttendanceProblem::NoSuchItem { item: item + 1, items });
                }
            }
        }
        for (i, name) in self.apologies.iter().enumerate() {
            if !self.is_member(name) {
                problems.push(AttendanceProblem::NotAMember(name.clone()));
            }
            if self.apologies[..i].contains(name) {
                problems.push(AttendanceProblem::ApologyTwice(name.clone()));
            }
        }
        for (i, d) in self.disqualified.iter().enumerate() {
            let substitute =
                self.attendees.iter().any(|a| a.name == d.member && matches!(a.capacity, Capacity::Substitute { .. }));
            if !substitute && !self.is_member(&d.member) {
                problems.push(AttendanceProblem::NotAMember(d.member.clone()));
            }
            if d.item >= items {
                problems.push(AttendanceProblem::NoSuchItem { item: d.item + 1, items });
            }
            if d.basis.trim().is_empty() {
                problems.push(AttendanceProblem::UgildWithoutBasis(d.member.clone()));
            }
            if self.disqualified[..i].iter().any(|e| e.item == d.item && e.member == d.member) {
                problems.push(AttendanceProblem::UgildTwice(d.member.clone()));
            }
            if let Some(s) = &d.substitute
                && self.has_seat(s)
            {
                problems.push(AttendanceProblem::MemberAsSubstitute(s.clone()));
            }
        }
        let seats = self.seats.len() as u32;
        for item in 0..items {
            // Each varamedlem takes one seat per item: as a stand-in for an
            // ugild member, or for a member who did not come.
            let mut taken: Vec<&str> = self
                .attendees
                .iter()
                .filter(|a| matches!(a.capacity, Capacity::Substitute { replaces: Some(_) }) && a.present_at(item))
                .map(|a| a.name.as_str())
                .collect();
            for s in self.disqualified.iter().filter(|d| d.item == item).filter_map(|d| d.substitute.as_deref()) {
                if taken.contains(&s) {
                    problems
                        .push(AttendanceProblem::OneSubstituteTwoSeats { substitute: s.to_string(), item: item + 1 });
                }
                taken.push(s);
            }
            let eligible = self.for_item(item).eligible;
            if seats > 0 && eligible > seats {
                problems.push(AttendanceProblem::MoreVotersThanSeats { item: item + 1, eligible, seats });
            }
        }
        problems
    }
}

/// At least half the seats filled (kl. § 11-9 first paragraph).
fn quorate(eligible: u32, seats: u32) -> bool {
    seats > 0 && u64::from(eligible) * 2 >= u64::from(seats)
}

#[cfg(test)]
mod tests;

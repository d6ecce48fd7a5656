//! Vote rules from kommunelova § 11-9 and § 11-3: checks a recorded vote
//! against what the law allows, and whether a board is quorate.

use crate::model::{Outcome, Vote};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteProblem {
    #[error("Det er ført {cast} røyster, men berre {eligible} kunne røysta. Sjå over tala, eller oppmøtet i saka.")]
    TooManyVotes { cast: u32, eligible: u32 },
    #[error("Ei samrøystes avgjerd kan ikkje ha røyster mot. Ta bort krysset for samrøystes, eller røystene mot.")]
    UnanimousWithAgainst,
    #[error("Med {votes_for} mot {votes_against} røyster kan framlegget ikkje ha {outcome}. Rett utfallet eller tala.")]
    OutcomeContradictsCounts { votes_for: u32, votes_against: u32, outcome: &'static str },
    #[error("Røystinga stod likt ({0} mot {0}). Kryss av for at møteleiaren si røyst avgjorde.")]
    TieWithoutChair(u32),
    #[error("Møteleiaren si røyst avgjer berre når røystinga står likt. Ta bort krysset, eller rett tala.")]
    ChairWithoutTie,
    #[error("Emnet for røystinga manglar (til dømes «Framlegget»).")]
    MissingSubject,
    #[error("Ei røysting mellom to framlegg har ikkje røyster mot: før røystene for det andre framlegget hos det.")]
    AgainstInAlternative,
    #[error("Linje {0} i partifordelinga manglar parti. Skriv partiet, eller ta bort linja.")]
    PartyWithoutName(u32),
    #[error("Partiet {0} står to gonger i partifordelinga. Slå saman linjene.")]
    PartyTwice(String),
    #[error("Partifordelinga gjev {listed} røyster {side}, men det er ført berre {total} {side}. Sjå over tala.")]
    PartiesExceedTotal { listed: u32, total: u32, side: &'static str },
    #[error(
        "«{0}» er ikkje ein prosent. Skriv eit tal frå 0 til 100 slik protokollen har det, til dømes 60 eller 60,5."
    )]
    NotAPercent(String),
    #[error("Prosentane gjev til saman {0} %, meir enn 100. Sjå over tala.")]
    PercentsOver100(String),
}

/// A percentage as a protocol writes it ("60", "60,5", "60.5"), from 0 to
/// 100 with at most two decimals; `None` when it is not one.
pub fn percent(text: &str) -> Option<f64> {
    let t = text.trim();
    let (whole, frac) = match t.split_once([',', '.']) {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let digits = |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole, 3) || frac.is_some_and(|f| !digits(f, 2)) {
        return None;
    }
    let value: f64 = format!("{whole}.{}", frac.unwrap_or("0")).parse().ok()?;
    (value <= 100.0).then_some(value)
}

/// Checks a recorded vote. `eligible` is the number who may vote on this
/// item (present minus ugilde, with stand-ins), when known. Counts that are
/// unknown are never guessed: only what was recorded is checked.
pub fn check(v: &Vote, eligible: Option<u32>) -> Vec<VoteProblem> {
    let mut problems = Vec::new();
    let missing_b = v.other.as_ref().is_some_and(|o| o.subject.trim().is_empty());
    if (v.subject.trim().is_empty() || missing_b) && v.text_override.is_none() {
        problems.push(VoteProblem::MissingSubject);
    }
    if v.unanimous && v.votes_against.is_some_and(|n| n > 0) {
        problems.push(VoteProblem::UnanimousWithAgainst);
    }
    // The two sides: for and against, or A and B.
    let (a, b) = match &v.other {
        Some(o) => (v.votes_for, o.votes),
        None => (v.votes_for, v.votes_against),
    };
    if let Some(eligible) = eligible {
        let cast = a.unwrap_or(0).saturating_add(b.unwrap_or(0));
        if cast > eligible {
            problems.push(VoteProblem::TooManyVotes { cast, eligible });
        }
    }
    if let (Some(f), Some(x)) = (a, b) {
        if f == x {
            if !v.chair_decided {
                problems.push(VoteProblem::TieWithoutChair(f));
            }
        } else {
            if v.chair_decided {
                problems.push(VoteProblem::ChairWithoutTie);
            }
            if let Some(outcome) = v.outcome
                && (f > x) != (outcome == Outcome::Vedteke)
            {
                let adopted = outcome == Outcome::Vedteke;
                problems.push(VoteProblem::OutcomeContradictsCounts {
                    votes_for: f,
                    votes_against: x,
                    outcome: match (adopted, v.other.is_some()) {
                        (true, false) => "vorte vedteke",
                        (false, false) => "falle",
                        (true, true) => "vunne over det andre",
                        (false, true) => "tapt for det andre",
                    },
                });
            }
        }
    }
    if v.other.is_some() && v.votes_against.is_some() {
        problems.push(VoteProblem::AgainstInAlternative);
    }
    for (i, p) in v.parties.iter().enumerate() {
        if p.party.trim().is_empty() {
            problems.push(VoteProblem::PartyWithoutName(i as u32 + 1));
        }
        if v.parties[..i].iter().any(|q| q.party.trim().eq_ignore_ascii_case(p.party.trim())) {
            problems.push(VoteProblem::PartyTwice(p.party.trim().to_string()));
        }
    }
    let sum = |side: fn(&crate::model::PartyVotes) -> Option<u32>| {
        v.parties.iter().filter_map(side).fold(0u32, u32::saturating_add)
    };
    for (total, listed, what) in [(a, sum(|p| p.votes_for), "for"), (b, sum(|p| p.votes_against), "mot")] {
        if let Some(total) = total
            && listed > total
        {
            problems.push(VoteProblem::PartiesExceedTotal { listed, total, side: what });
        }
    }
    let mut shares = Vec::new();
    for text in [&v.percent_for, &v.percent_against].into_iter().flatten() {
        match percent(text) {
            Some(p) => shares.push(p),
            None => problems.push(VoteProblem::NotAPercent(text.trim().to_string())),
        }
    }
    // Rounded shares may add up to a little over 100 ("33,34 + 66,67").
    let total: f64 = shares.iter().sum();
    if total > 100.05 {
        problems.push(VoteProblem::PercentsOver100(format!("{total:.1}").replace('.', ",")));
    }
    problems
}

/// A board may make decisions when at least half its members are present
/// (kl. § 11-9 first paragraph).
pub fn is_quorate(present: u32, members: u32) -> bool {
    members > 0 && u64::from(present) * 2 >= u64::from(members)
}

#[cfg(test)]
mod percent_tests {
    use super::*;

    #[test]
    fn percentages_are_read_as_written_and_checked() {
        assert_eq!(percent("60"), Some(60.0));
        assert_eq!(percent(" 60,5 "), Some(60.5));
        assert_eq!(percent("33.33"), Some(33.33));
        assert_eq!(percent("100"), Some(100.0));
        for bad in ["", "100,1", "101", "6o", "60 %", "-5", "60,555", ",5", "1000"] {
            assert_eq!(percent(bad), None, "{bad}");
        }
        let mut v = Vote {
            proposal: None,
            subject: "Tilrådinga".into(),
            unanimous: false,
            votes_for: Some(15),
            votes_against: Some(10),
            outcome: Some(Outcome::Vedteke),
            chair_decided: false,
            text_override: None,
            other: None,
            parties: vec![],
            percent_for: Some("60".into()),
            percent_against: Some("40".into()),
        };
        assert!(check(&v, Some(25)).is_empty());
        v.percent_against = Some("40,1".into());
        assert_eq!(check(&v, Some(25)), [VoteProblem::PercentsOver100("100,1".into())]);
        v.percent_against = Some("førti".into());
        assert_eq!(check(&v, Some(25)), [VoteProblem::NotAPercent("førti".into())]);
        // Rounded shares a little over 100 are as protocols write them.
        v.percent_for = Some("33,34".into());
        v.percent_against = Some("66,67".into());
        assert!(check(&v, Some(25)).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OtherSide, PartyVotes};

    fn v(f: Option<u32>, a: Option<u32>, outcome: Outcome) -> Vote {
        Vote {
            proposal: None,
            subject: "Framlegget".into(),
            unanimous: false,
            votes_for: f,
            votes_against: a,
            outcome: Some(outcome),
            chair_decided: false,
            text_override: None,
            other: None,
            parties: Vec::new(),
            percent_for: None,
            percent_against: None,
        }
    }

    fn party(name: &str, f: Option<u32>, a: Option<u32>) -> PartyVotes {
        PartyVotes { party: name.into(), votes_for: f, votes_against: a }
    }

    #[test]
    fn an_unknown_side_or_outcome_is_never_guessed() {
        let mut u = v(Some(5), None, Outcome::Vedteke);
        u.outcome = None;
        assert!(check(&u, Some(7)).is_empty());
        let mut both = v(Some(2), Some(5), Outcome::Vedteke);
        both.outcome = None;
        assert!(check(&both, Some(7)).is_empty(), "counts without an outcome are fine");
        // The chair may be said to decide without the counts being given.
        let mut chair = v(None, None, Outcome::Vedteke);
        chair.chair_decided = true;
        assert!(check(&chair, None).is_empty());
    }

    #[test]
    fn a_against_b_is_checked_on_the_two_counts() {
        let mut ab = v(Some(5), None, Outcome::Vedteke);
        ab.other = Some(OtherSide { proposal: None, subject: "Tilrådinga".into(), votes: Some(2) });
        assert!(check(&ab, Some(7)).is_empty());
        ab.outcome = Some(Outcome::Fall);
        let p = check(&ab, Some(7));
        assert_eq!(
            p[0].to_string(),
            "Med 5 mot 2 røyster kan framlegget ikkje ha tapt for det andre. Rett utfallet eller tala."
        );
        ab.other.as_mut().unwrap().votes = Some(5);
        assert_eq!(check(&ab, Some(10)), [VoteProblem::TieWithoutChair(5)]);
        assert_eq!(
            check(&ab, None)[0].to_string(),
            "Røystinga stod likt (5 mot 5). Kryss av for at møteleiaren si røyst avgjorde."
        );
        ab.other.as_mut().unwrap().votes = Some(3);
        assert_eq!(
            check(&ab, Some(7)),
            [
                VoteProblem::TooManyVotes { cast: 8, eligible: 7 },
                VoteProblem::OutcomeContradictsCounts { votes_for: 5, votes_against: 3, outcome: "tapt for det andre" }
            ]
        );
        ab.other.as_mut().unwrap().subject = " ".into();
        assert!(check(&ab, None).contains(&VoteProblem::MissingSubject));
    }

    #[test]
    fn huge_counts_never_wrap_round_and_blank_or_misplaced_fields_are_named() {
        let huge = v(Some(u32::MAX), Some(1), Outcome::Vedteke);
        assert_eq!(check(&huge, Some(7)), [VoteProblem::TooManyVotes { cast: u32::MAX, eligible: 7 }]);
        assert!(is_quorate(u32::MAX, u32::MAX));
        let mut ab = v(Some(5), Some(2), Outcome::Vedteke);
        ab.other = Some(OtherSide { proposal: None, subject: "Tilrådinga".into(), votes: Some(2) });
        assert!(check(&ab, None).contains(&VoteProblem::AgainstInAlternative));
        let mut blank = v(Some(5), Some(2), Outcome::Vedteke);
        blank.parties = vec![party(" ", Some(1), None)];
        assert_eq!(
            check(&blank, None)[0].to_string(),
            "Linje 1 i partifordelinga manglar parti. Skriv partiet, eller ta bort linja."
        );
    }

    #[test]
    fn party_counts_may_be_partial_but_never_more_than_the_total() {
        let mut split = v(Some(5), Some(2), Outcome::Vedteke);
        split.parties = vec![party("Sp", Some(3), Some(1)), party("H", Some(2), None), party("Ap", None, Some(1))];
        assert!(check(&split, Some(7)).is_empty());
        // Only the party that split.
        split.parties = vec![party("Sp", Some(3), Some(1))];
        assert!(check(&split, Some(7)).is_empty());
        split.parties = vec![party("Sp", Some(4), Some(1)), party("H", Some(2), None), party("SP", None, Some(2))];
        let p = check(&split, Some(7));
        assert_eq!(p[0].to_string(), "Partiet SP står to gonger i partifordelinga. Slå saman linjene.");
        assert_eq!(p[1].to_string(), "Partifordelinga gjev 6 røyster for, men det er ført berre 5 for. Sjå over tala.");
        assert_eq!(p[2].to_string(), "Partifordelinga gjev 3 røyster mot, men det er ført berre 2 mot. Sjå over tala.");
    }

    #[test]
    fn a_plain_majority_is_fine() {
        assert!(check(&v(Some(5), Some(2), Outcome::Vedteke), Some(7)).is_empty());
        assert!(check(&v(Some(2), None, Outcome::Fall), Some(7)).is_empty());
    }

    #[test]
    fn more_votes_than_eligible_members_is_refused() {
        let p = check(&v(Some(6), Some(3), Outcome::Vedteke), Some(7));
        assert_eq!(p, [VoteProblem::TooManyVotes { cast: 9, eligible: 7 }]);
        assert_eq!(
            p[0].to_string(),
            "Det er ført 9 røyster, men berre 7 kunne røysta. Sjå over tala, eller oppmøtet i saka."
        );
    }

    #[test]
    fn outcome_must_match_counts() {
        let p = check(&v(Some(2), Some(5), Outcome::Vedteke), None);
        assert!(matches!(p[..], [VoteProblem::OutcomeContradictsCounts { .. }]));
    }

    #[test]
    fn a_tie_needs_the_chair_and_the_chair_needs_a_tie() {
        assert_eq!(check(&v(Some(3), Some(3), Outcome::Fall), None), [VoteProblem::TieWithoutChair(3)]);
        let mut tie = v(Some(3), Some(3), Outcome::Fall);
        tie.chair_decided = true;
        assert!(check(&tie, Some(6)).is_empty());
        let mut no_tie = v(Some(4), Some(3), Outcome::Vedteke);
        no_tie.chair_decided = true;
        assert_eq!(check(&no_tie, None), [VoteProblem::ChairWithoutTie]);
    }

    #[test]
    fn unanimous_cannot_have_votes_against() {
        let mut u = v(None, Some(1), Outcome::Vedteke);
        u.unanimous = true;
        assert!(check(&u, None).contains(&VoteProblem::UnanimousWithAgainst));
    }

    #[test]
    fn quorum_is_half_the_members() {
        assert!(!is_quorate(3, 7));
        assert!(is_quorate(4, 7));
        assert!(is_quorate(4, 8));
        assert!(is_quorate(5, 9));
        assert!(!is_quorate(0, 0));
    }
}

//! Vote rules from kommunelova § 11-9 and § 11-3: checks a recorded vote
//! against what the law allows, and whether a board is quorate.

use crate::model::{Outcome, Vote};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteProblem {
    #[error("Det er ført {cast} røyster, men berre {eligible} kunne røysta.")]
    TooManyVotes { cast: u32, eligible: u32 },
    #[error("Ei samrøystes avgjerd kan ikkje ha røyster mot.")]
    UnanimousWithAgainst,
    #[error("Med {votes_for} mot {votes_against} røyster kan framlegget ikkje ha {outcome}.")]
    OutcomeContradictsCounts { votes_for: u32, votes_against: u32, outcome: &'static str },
    #[error("Røystinga stod likt ({0} mot {0}). Kryss av for at møteleiaren si røyst avgjorde.")]
    TieWithoutChair(u32),
    #[error("Møteleiaren si røyst avgjer berre når røystinga står likt.")]
    ChairWithoutTie,
    #[error("Emnet for røystinga manglar (til dømes «Framlegget»).")]
    MissingSubject,
}

/// Checks a recorded vote. `eligible` is the number of members present who
/// may vote on this item (present minus ugilde), when known.
pub fn check(v: &Vote, eligible: Option<u32>) -> Vec<VoteProblem> {
    let mut problems = Vec::new();
    if v.subject.trim().is_empty() && v.text_override.is_none() {
        problems.push(VoteProblem::MissingSubject);
    }
    if v.unanimous && v.votes_against.is_some_and(|n| n > 0) {
        problems.push(VoteProblem::UnanimousWithAgainst);
    }
    if let Some(eligible) = eligible {
        let cast = v.votes_for.unwrap_or(0) + v.votes_against.unwrap_or(0);
        if cast > eligible {
            problems.push(VoteProblem::TooManyVotes { cast, eligible });
        }
    }
    if let (Some(f), Some(a)) = (v.votes_for, v.votes_against) {
        let adopted = v.outcome == Outcome::Vedteke;
        if f == a {
            if !v.chair_decided {
                problems.push(VoteProblem::TieWithoutChair(f));
            }
        } else {
            if v.chair_decided {
                problems.push(VoteProblem::ChairWithoutTie);
            }
            if (f > a) != adopted {
                problems.push(VoteProblem::OutcomeContradictsCounts {
                    votes_for: f,
                    votes_against: a,
                    outcome: if adopted { "vorte vedteke" } else { "falle" },
                });
            }
        }
    } else if v.chair_decided {
        problems.push(VoteProblem::ChairWithoutTie);
    }
    problems
}

/// A board may make decisions when at least half its members are present
/// (kl. § 11-9 first paragraph).
pub fn is_quorate(present: u32, members: u32) -> bool {
    members > 0 && present * 2 >= members
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(f: Option<u32>, a: Option<u32>, outcome: Outcome) -> Vote {
        Vote {
            proposal: None,
            subject: "Framlegget".into(),
            unanimous: false,
            votes_for: f,
            votes_against: a,
            outcome,
            chair_decided: false,
            text_override: None,
        }
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
        assert_eq!(p[0].to_string(), "Det er ført 9 røyster, men berre 7 kunne røysta.");
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

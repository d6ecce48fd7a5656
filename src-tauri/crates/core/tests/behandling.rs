//! The phrase templates on many meetings, not one: each fixture in
//! `tests/behandling/` is a recorded behandling (JSON) and the text it must
//! give (`.txt`), word for word; and a property over generated behandlingar
//! that every proposal and vote recorded appears exactly once.

use std::path::Path;

use proptest::prelude::*;
use saksbok_core::behandling::{Phrases, as_text, render};
use saksbok_core::board::TextLanguage;
use saksbok_core::model::{
    Behandling, Block, BlockContent, OtherSide, Outcome, PartyVotes, Proposal, ProposalKind, Vote,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    language: TextLanguage,
    #[serde(default)]
    phrases: std::collections::BTreeMap<String, String>,
    behandling: Behandling,
}

#[test]
fn every_fixture_gives_its_text_word_for_word() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/behandling");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "six fixtures or more: {names:?}");
    for path in names {
        let f: Fixture = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let own: Vec<(String, String)> = f.phrases.into_iter().collect();
        let ph = Phrases::of(f.language).with(&own).unwrap();
        let got = as_text(&render(&f.behandling, &ph).unwrap()) + "\n";
        let want = std::fs::read_to_string(path.with_extension("txt")).unwrap();
        assert_eq!(got, want, "{}", path.display());
    }
}

/// A vote on proposal `i` (or on the tilråding) with a subject no other text contains.
fn vote_strategy(i: usize, proposals: usize) -> impl Strategy<Value = Vote> {
    let count = proptest::option::of(0u32..40);
    let outcome = proptest::option::of(prop_oneof![Just(Outcome::Vedteke), Just(Outcome::Fall)]);
    let other = proptest::option::of((proptest::option::of(0..proposals.max(1)), proptest::option::of(0u32..40)));
    let parties = proptest::collection::vec((proptest::option::of(0u32..9), proptest::option::of(0u32..9)), 0..3);
    let share = proptest::option::of(0u32..=100);
    (
        any::<bool>(),
        count.clone(),
        count,
        outcome,
        other,
        parties,
        proptest::option::of(0..proposals.max(1)),
        share.clone(),
        share,
    )
        .prop_map(
            move |(unanimous, votes_for, against, outcome, other, parties, proposal, percent_for, percent_against)| {
                let single = other.is_none();
                let other = other.map(|(p, votes)| OtherSide {
                    proposal: p.filter(|_| proposals > 0),
                    subject: format!("Motemne{i}x"),
                    votes,
                });
                Vote {
                    proposal: proposal.filter(|_| proposals > 0),
                    subject: format!("Emne{i}x"),
                    unanimous: unanimous && other.is_none(),
                    votes_for,
                    votes_against: if other.is_some() { None } else { against },
                    outcome,
                    chair_decided: false,
                    text_override: None,
                    other,
                    parties: parties
                        .into_iter()
                        .enumerate()
                        .map(|(n, (f, a))| PartyVotes { party: format!("Parti{n}"), votes_for: f, votes_against: a })
                        .collect(),
                    // Between two proposals each share is named by its proposal: left out here, where
                    // every subject is counted once.
                    percent_for: percent_for.filter(|_| single).map(|p| format!("{},5", p.min(99) / 2)),
                    percent_against: percent_against.filter(|_| single).map(|p| format!("{}", p / 2)),
                }
            },
        )
}

fn behandling_strategy() -> impl Strategy<Value = (Behandling, TextLanguage)> {
    (0usize..4, 0usize..4, any::<bool>()).prop_flat_map(|(np, nv, nb)| {
        let proposals = proptest::collection::vec((any::<bool>(), any::<bool>(), any::<bool>()), np..=np);
        let votes = (0..nv).map(move |i| vote_strategy(i, np)).collect::<Vec<_>>();
        let order = Just((0..np + nv).collect::<Vec<usize>>()).prop_shuffle();
        let joins = proptest::collection::vec(any::<bool>(), np + nv..=np + nv);
        (proposals, votes, order, joins).prop_map(move |(proposals, votes, order, joins)| {
            let proposals: Vec<Proposal> = proposals
                .into_iter()
                .enumerate()
                .map(|(i, (party, person, inline))| Proposal {
                    kind: ProposalKind::Endring,
                    party: party.then(|| "Sp".to_string()),
                    proposer: person.then(|| "Kari Lid".to_string()),
                    intro: None,
                    text: format!("Framleggstekst{i}x."),
                    inline,
                    concerns_item: None,
                })
                .collect();
            let blocks = order
                .into_iter()
                .zip(joins)
                .map(|(k, joins_previous)| Block {
                    content: if k < np {
                        BlockContent::Proposal { proposal: k }
                    } else {
                        BlockContent::Vote { vote: k - np }
                    },
                    joins_previous,
                    before_item: None,
                })
                .collect();
            (Behandling { blocks, proposals, votes }, if nb { TextLanguage::Nb } else { TextLanguage::Nn })
        })
    })
}

proptest! {
    #[test]
    fn every_proposal_and_vote_appears_exactly_once((b, language) in behandling_strategy()) {
        let text = as_text(&render(&b, &Phrases::of(language)).unwrap());
        for (i, p) in b.proposals.iter().enumerate() {
            prop_assert_eq!(text.matches(p.text.as_str()).count(), 1, "framlegg {} in {}", i, text);
        }
        if b.votes.iter().all(|v| v.percent_for.is_none() && v.percent_against.is_none()) {
            prop_assert!(!text.contains('%'), "no share invented: {}", text);
        }
        for v in &b.votes {
            prop_assert_eq!(text.matches(v.subject.as_str()).count(), 1, "{} in {}", v.subject, text);
            if let Some(o) = &v.other {
                prop_assert_eq!(text.matches(o.subject.as_str()).count(), 1, "{} in {}", o.subject, text);
            }
            // Shares that were recorded are printed as written.
            for p in [&v.percent_for, &v.percent_against].into_iter().flatten() {
                prop_assert!(text.contains(&format!("{p} %")), "{} % for {} in {}", p, v.subject, text);
            }
            // Counts that were recorded are printed; none are invented.
            if let Some(n) = v.votes_for && !v.unanimous {
                prop_assert!(text.contains(&n.to_string()), "{} for {} in {}", n, v.subject, text);
            }
        }
    }
}

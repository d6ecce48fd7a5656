//! The phrase templates on many meetings, not one: each fixture in
//! `tests/behandling/` is a recorded behandling (JSON) and the text it must
//! give (`.txt`), word for word; and a property over generated behandlingar
//! that every proposal and vote recorded appears exactly once.

use std::path::Path;

use proptest::prelude::*;
use saksbok_core::behandling::{Phrases, as_text, render};
use saksbok_core::board::TextLanguage;
use saksbok_core::minutes::{MinutesPart, minutes};
use saksbok_core::model::{
    Behandling, Block, BlockContent, BusinessKind, OtherSide, Outcome, PartyVotes, Proposal, ProposalKind, Vote,
};
use saksbok_core::protocol::ProtocolTemplate;
use saksbok_core::sample::SampleMeeting;
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
        (any::<bool>(), count.clone(), count, outcome, other, parties),
        (proptest::option::of(0..proposals.max(1)), share.clone(), share, any::<bool>()),
    )
        .prop_map(
            move |(
                (unanimous, votes_for, against, outcome, other, parties),
                (proposal, percent_for, percent_against, casting),
            )| {
                let other = other.map(|(p, votes)| OtherSide {
                    proposal: p.filter(|_| proposals > 0),
                    subject: format!("Motemne{i}x"),
                    // A tie between two proposals that the chair decided.
                    votes: if casting { votes_for } else { votes },
                });
                let unanimous = unanimous && other.is_none() && !casting;
                Vote {
                    proposal: proposal.filter(|_| proposals > 0),
                    subject: format!("Emne{i}x"),
                    unanimous,
                    votes_for,
                    votes_against: match (&other, casting) {
                        (Some(_), _) => None,
                        // A tie the chair's casting vote decided (kl. § 11-9).
                        (None, true) => votes_for,
                        (None, false) => against,
                    },
                    outcome: if casting { outcome.or(Some(Outcome::Vedteke)) } else { outcome },
                    chair_decided: casting,
                    text_override: None,
                    other,
                    parties: parties
                        .into_iter()
                        .enumerate()
                        .map(|(n, (f, a))| PartyVotes { party: format!("Parti{n}"), votes_for: f, votes_against: a })
                        .collect(),
                    percent_for: percent_for.map(|p| format!("{},5", p.min(99) / 2)),
                    percent_against: percent_against.map(|p| format!("{}", p / 2)),
                }
            },
        )
}

/// A block of free text, or an orientering, interpellasjon or spørsmål,
/// whose words no other text contains.
fn text_strategy(i: usize) -> impl Strategy<Value = BlockContent> {
    let kind =
        prop_oneof![Just(BusinessKind::Orientering), Just(BusinessKind::Interpellasjon), Just(BusinessKind::Sporsmal)];
    prop_oneof![
        Just(BlockContent::Text { text: format!("Fritekst{i}x.") }),
        (kind, any::<bool>(), any::<bool>()).prop_map(move |(business, title, answer)| BlockContent::Business {
            business,
            title: title.then(|| format!("Tittel{i}x")),
            text: format!("Innhald{i}x."),
            answer: answer.then(|| format!("Svarord{i}x.")),
        }),
    ]
}

fn kind_strategy() -> impl Strategy<Value = ProposalKind> {
    prop_oneof![
        Just(ProposalKind::Utsetjing),
        Just(ProposalKind::Endring),
        Just(ProposalKind::Tillegg),
        Just(ProposalKind::Alternativt),
        Just(ProposalKind::Anna),
    ]
}

/// Proposals of every kind, votes, free text and business in any order; in
/// Nynorsk or Bokmål.
fn behandling_strategy() -> impl Strategy<Value = (Behandling, TextLanguage)> {
    (0usize..4, 0usize..4, 0usize..3, any::<bool>()).prop_flat_map(|(np, nv, nt, nb)| {
        let proposals =
            proptest::collection::vec((any::<bool>(), any::<bool>(), any::<bool>(), kind_strategy()), np..=np);
        let votes = (0..nv).map(move |i| vote_strategy(i, np)).collect::<Vec<_>>();
        let texts = (0..nt).map(text_strategy).collect::<Vec<_>>();
        let order = Just((0..np + nv + nt).collect::<Vec<usize>>()).prop_shuffle();
        let joins = proptest::collection::vec(any::<bool>(), np + nv + nt..=np + nv + nt);
        (proposals, votes, texts, order, joins).prop_map(move |(proposals, votes, texts, order, joins)| {
            let proposals: Vec<Proposal> = proposals
                .into_iter()
                .enumerate()
                .map(|(i, (party, person, inline, kind))| Proposal {
                    kind,
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
                    } else if k < np + nv {
                        BlockContent::Vote { vote: k - np }
                    } else {
                        texts[k - np - nv].clone()
                    },
                    joins_previous,
                    before_item: None,
                })
                .collect();
            (Behandling { blocks, proposals, votes }, if nb { TextLanguage::Nb } else { TextLanguage::Nn })
        })
    })
}

/// The words of a block that must be printed once each.
fn words_of(b: &Behandling, block: &Block) -> Vec<String> {
    match &block.content {
        BlockContent::Text { text } => vec![text.clone()],
        BlockContent::Proposal { proposal } => vec![b.proposals[*proposal].text.clone()],
        BlockContent::Vote { vote } => {
            let v = &b.votes[*vote];
            [Some(&v.subject), v.other.as_ref().map(|o| &o.subject)].into_iter().flatten().cloned().collect()
        }
        BlockContent::Business { title, text, answer, .. } => {
            [title.as_ref(), Some(text), answer.as_ref()].into_iter().flatten().cloned().collect()
        }
    }
}

/// Checks `text` against everything recorded in `b`: each proposal, vote,
/// text and piece of business once, counts and shares as written, the
/// chair's casting vote said once for each vote it decided.
fn says_everything_once(b: &Behandling, ph: &Phrases, text: &str) -> Result<(), TestCaseError> {
    for (i, p) in b.proposals.iter().enumerate() {
        prop_assert_eq!(text.matches(p.text.as_str()).count(), 1, "framlegg {} in {}", i, text);
    }
    for block in &b.blocks {
        if let BlockContent::Text { .. } | BlockContent::Business { .. } = block.content {
            for w in words_of(b, block) {
                prop_assert_eq!(text.matches(w.as_str()).count(), 1, "{} in {}", w, text);
            }
        }
    }
    if b.votes.iter().all(|v| v.percent_for.is_none() && v.percent_against.is_none()) {
        prop_assert!(!text.contains('%'), "no share invented: {}", text);
    }
    let casting = b.votes.iter().filter(|v| v.chair_decided).count();
    prop_assert_eq!(text.matches(ph.chair_decided.as_str()).count(), casting, "casting votes in {}", text);
    for v in &b.votes {
        match &v.other {
            None => {
                prop_assert_eq!(text.matches(v.subject.as_str()).count(), 1, "{} in {}", v.subject, text);
                // Shares that were recorded are printed as written.
                for p in [&v.percent_for, &v.percent_against].into_iter().flatten() {
                    prop_assert!(text.contains(&format!("{p} %")), "{} % for {} in {}", p, v.subject, text);
                }
            }
            // Between two proposals each share is named by its side: "Emne0x 30,5 %".
            Some(o) => {
                for (subject, share) in [(&v.subject, &v.percent_for), (&o.subject, &v.percent_against)] {
                    let named = share.as_ref().map(|p| format!("{subject} {p} %"));
                    let times = 1 + usize::from(named.is_some());
                    prop_assert_eq!(text.matches(subject.as_str()).count(), times, "{} in {}", subject, text);
                    if let Some(n) = named {
                        prop_assert_eq!(text.matches(n.as_str()).count(), 1, "{} in {}", n, text);
                    }
                }
            }
        }
        // Counts that were recorded are printed; none are invented.
        if let Some(n) = v.votes_for
            && !v.unanimous
        {
            prop_assert!(text.contains(&n.to_string()), "{} for {} in {}", n, v.subject, text);
        }
    }
    Ok(())
}

fn plain(paragraphs: &[saksbok_core::text::Paragraph]) -> String {
    paragraphs.iter().map(saksbok_core::text::Paragraph::plain_text).collect::<Vec<_>>().join("\n")
}

proptest! {
    #[test]
    fn every_proposal_and_vote_appears_exactly_once((b, language) in behandling_strategy()) {
        let ph = Phrases::of(language);
        let text = as_text(&render(&b, &ph).unwrap());
        says_everything_once(&b, &ph, &text)?;
    }

    /// The meeting's own business in the møtebok: everything once, each
    /// block before the sak it was placed before (after the last when it was
    /// placed after it, or before a sak no longer on the list).
    #[test]
    fn the_meetings_business_appears_once_in_its_place(
        (b, language) in behandling_strategy(),
        places in proptest::collection::vec(proptest::option::of(0u32..5), 12),
    ) {
        let mut s = SampleMeeting::new(0);
        let cases = s.items.len();
        let mut b = b;
        for (block, place) in b.blocks.iter_mut().zip(places) {
            block.before_item = place;
        }
        s.business = b.clone();
        s.board.language = language;
        let ph = Phrases::of(language);
        let template = ProtocolTemplate::default();
        let m = minutes(&s.input(&ph, &template)).unwrap();
        let parts: Vec<(usize, String)> = m
            .parts
            .iter()
            .scan(0, |seen, part| {
                Some(match part {
                    MinutesPart::Business { paragraphs } => (*seen, plain(paragraphs)),
                    MinutesPart::Case(c) => {
                        *seen += 1;
                        (usize::MAX, c.sections.iter().map(|x| plain(&x.paragraphs)).collect::<Vec<_>>().join("\n"))
                    }
                })
            })
            .collect();
        let all = parts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
        says_everything_once(&b, &ph, &all)?;
        for block in &b.blocks {
            let want = block.before_item.map_or(cases, |p| (p as usize).min(cases));
            for w in words_of(&b, block) {
                let at = parts.iter().find(|(_, t)| t.contains(w.as_str())).map(|(n, _)| *n);
                prop_assert_eq!(at, Some(want), "{} placed {:?}", w, block.before_item);
            }
        }
    }
}

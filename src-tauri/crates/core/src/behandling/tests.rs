//! Generated behandling text, sentence by sentence.

use super::*;
use crate::model::{Block, ProposalKind};

fn vote(for_: Option<u32>, against: Option<u32>, outcome: Outcome) -> Vote {
    Vote {
        proposal: None,
        subject: "Framlegget".into(),
        unanimous: false,
        votes_for: for_,
        votes_against: against,
        outcome: Some(outcome),
        chair_decided: false,
        text_override: None,
        other: None,
        parties: Vec::new(),
        percent_for: None,
        percent_against: None,
    }
}

fn proposal(inline: bool, intro: Option<&str>) -> Proposal {
    Proposal {
        kind: ProposalKind::Utsetjing,
        party: Some("Ap".into()),
        proposer: Some("Kari Nordmann".into()),
        intro: intro.map(Into::into),
        text: "Saka vert utsett.".into(),
        inline,
        concerns_item: None,
    }
}

#[test]
fn intro_uses_party_and_person() {
    let ph = Phrases::nynorsk();
    assert_eq!(proposal_intro(&proposal(true, None), &ph), "Ap v/Kari Nordmann sette fram:");
    let mut p = proposal(true, None);
    p.party = None;
    assert_eq!(proposal_intro(&p, &ph), "Kari Nordmann sette fram:");
    p.proposer = Some("  ".into());
    assert_eq!(proposal_intro(&p, &ph), "Det vart sett fram framlegg:");
    assert_eq!(proposal_intro(&proposal(true, Some("Eige innleiing:")), &ph), "Eige innleiing:");
}

#[test]
fn vote_sentences_follow_what_was_recorded() {
    let ph = Phrases::nynorsk();
    assert_eq!(vote_sentence(&vote(Some(2), None, Outcome::Fall), &ph), "Framlegget fekk 2 røyster og fall.");
    assert_eq!(vote_sentence(&vote(Some(1), None, Outcome::Fall), &ph), "Framlegget fekk 1 røyst og fall.");
    assert_eq!(
        vote_sentence(&vote(Some(7), Some(2), Outcome::Vedteke), &ph),
        "Framlegget vart vedteke med 7 mot 2 røyster."
    );
    assert_eq!(vote_sentence(&vote(Some(3), Some(6), Outcome::Fall), &ph), "Framlegget fall med 3 mot 6 røyster.");
    assert_eq!(vote_sentence(&vote(None, None, Outcome::Vedteke), &ph), "Framlegget vart vedteke.");
    let mut v = vote(None, None, Outcome::Vedteke);
    v.unanimous = true;
    v.subject = "Tilrådinga".into();
    assert_eq!(vote_sentence(&v, &ph), "Tilrådinga vart samrøystes vedteke.");
}

#[test]
fn percentages_follow_the_counts_as_recorded_and_are_never_worked_out() {
    let ph = Phrases::nynorsk();
    let mut v = vote(Some(15), Some(10), Outcome::Vedteke);
    assert!(!vote_sentence(&v, &ph).contains('%'), "none recorded, none printed");
    v.percent_for = Some("60".into());
    v.percent_against = Some("40".into());
    assert_eq!(vote_sentence(&v, &ph), "Framlegget vart vedteke med 15 mot 10 røyster. Prosent: 60 % for, 40 % mot.");
    // Only one share given, and no counts: only that share.
    let mut w = vote(None, None, Outcome::Vedteke);
    w.percent_for = Some("72,5".into());
    assert_eq!(vote_sentence(&w, &ph), "Framlegget vart vedteke. Prosent: 72,5 % for.");
    // A against B: each proposal's share by its name.
    v.votes_against = None;
    v.other = Some(OtherSide { proposal: None, subject: "Framlegget frå H".into(), votes: Some(10) });
    v.subject = "Framlegget frå Sp".into();
    let s = vote_sentence(&v, &Phrases::bokmaal());
    assert!(s.ends_with("Prosent: Framlegget frå Sp 60 %, Framlegget frå H 40 %."), "{s}");
}

#[test]
fn tie_decided_by_chair_is_stated() {
    let mut v = vote(Some(4), Some(4), Outcome::Vedteke);
    v.chair_decided = true;
    assert_eq!(
        vote_sentence(&v, &Phrases::nynorsk()),
        "Framlegget vart vedteke med 4 mot 4 røyster. Møteleiaren si dobbeltrøyst var avgjerande."
    );
}

#[test]
fn bokmaal_uses_its_own_words() {
    let ph = Phrases::bokmaal();
    assert_eq!(vote_sentence(&vote(Some(2), None, Outcome::Fall), &ph), "Framlegget fikk 2 stemmer og falt.");
    assert_eq!(proposal_intro(&proposal(true, None), &ph), "Ap v/Kari Nordmann fremmet forslag:");
}

#[test]
fn override_wins_over_template() {
    let mut v = vote(Some(2), None, Outcome::Fall);
    v.text_override = Some("Forslaget fekk berre to røyster.".into());
    assert_eq!(vote_sentence(&v, &Phrases::nynorsk()), "Forslaget fekk berre to røyster.");
}

#[test]
fn inline_proposal_and_joined_vote_share_a_paragraph() {
    let b = Behandling {
        proposals: vec![proposal(true, None)],
        votes: vec![vote(Some(2), None, Outcome::Fall)],
        blocks: vec![
            Block {
                content: BlockContent::Text { text: "Orientering.\n\nSpørsmål.".into() },
                joins_previous: false,
                before_item: None,
            },
            Block { content: BlockContent::Proposal { proposal: 0 }, joins_previous: false, before_item: None },
            Block { content: BlockContent::Vote { vote: 0 }, joins_previous: true, before_item: None },
        ],
    };
    let ps = render(&b, &Phrases::nynorsk()).unwrap();
    assert_eq!(ps.len(), 3);
    assert_eq!(
        ps[2].plain_text(),
        "Ap v/Kari Nordmann sette fram: Saka vert utsett. Framlegget fekk 2 røyster og fall."
    );
    let styles: Vec<Style> = ps[2].spans.iter().map(|s| s.style).collect();
    assert_eq!(styles, [Style::Regular, Style::Italic, Style::Regular]);
}

#[test]
fn block_proposal_prints_intro_then_plain_paragraphs() {
    let mut p = proposal(false, None);
    p.text = "Første.\n\nAndre.".into();
    let b = Behandling {
        proposals: vec![p],
        votes: vec![],
        blocks: vec![Block {
            content: BlockContent::Proposal { proposal: 0 },
            joins_previous: false,
            before_item: None,
        }],
    };
    let ps = render(&b, &Phrases::nynorsk()).unwrap();
    let texts: Vec<String> = ps.iter().map(Paragraph::plain_text).collect();
    assert_eq!(texts, ["Ap v/Kari Nordmann sette fram:", "Første.", "Andre."]);
    assert!(ps.iter().all(|p| p.spans.iter().all(|s| s.style == Style::Regular)));
}

#[test]
fn dangling_reference_is_an_error_not_a_panic() {
    let b = Behandling {
        proposals: vec![],
        votes: vec![],
        blocks: vec![Block { content: BlockContent::Vote { vote: 3 }, joins_previous: false, before_item: None }],
    };
    let e = render(&b, &Phrases::nynorsk()).unwrap_err();
    assert_eq!(e.to_string(), "Behandlinga viser til røysting nr. 3, som ikkje finst.");
}

#[test]
fn joining_with_nothing_before_starts_a_paragraph() {
    let b = Behandling {
        proposals: vec![],
        votes: vec![vote(None, None, Outcome::Fall)],
        blocks: vec![Block { content: BlockContent::Vote { vote: 0 }, joins_previous: true, before_item: None }],
    };
    assert_eq!(render(&b, &Phrases::nynorsk()).unwrap().len(), 1);
}

//! The behandling text, generated from the records with phrase templates.
//!
//! Clerks can override any generated sentence (a proposal's lead-in, a vote's
//! sentence); the templates are per language so Bokmål municipalities get
//! "forslag", "stemmer", "falt", "enstemmig".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Behandling, BlockContent, Outcome, Proposal, Vote};
use crate::text::{Paragraph, Style, fill, paragraphs};

/// Phrase templates for generated behandling text. Placeholders:
/// `{parti}`, `{namn}`, `{emne}`, `{for}`, `{mot}`, `{n_for}`, `{n_mot}`
/// (the `n_` forms carry the noun: "2 røyster", "1 røyst").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Phrases {
    pub intro_party_person: String,
    pub intro_person: String,
    pub intro_party: String,
    pub intro_anonymous: String,
    pub vote_singular: String,
    pub vote_plural: String,
    pub adopted_unanimous: String,
    pub fell_unanimous: String,
    pub adopted_counts: String,
    pub fell_counts: String,
    pub adopted_for_only: String,
    pub fell_for_only: String,
    pub adopted_against_only: String,
    pub fell_against_only: String,
    pub adopted: String,
    pub fell: String,
    pub chair_decided: String,
}

impl Phrases {
    /// Nynorsk, as in Luster's protocols.
    pub fn nynorsk() -> Self {
        Self {
            intro_party_person: "{parti} v/{namn} sette fram:".into(),
            intro_person: "{namn} sette fram:".into(),
            intro_party: "{parti} sette fram:".into(),
            intro_anonymous: "Det vart sett fram framlegg:".into(),
            vote_singular: "røyst".into(),
            vote_plural: "røyster".into(),
            adopted_unanimous: "{emne} vart samrøystes vedteke.".into(),
            fell_unanimous: "{emne} fall samrøystes.".into(),
            adopted_counts: "{emne} vart vedteke med {for} mot {n_mot}.".into(),
            fell_counts: "{emne} fall med {for} mot {n_mot}.".into(),
            adopted_for_only: "{emne} fekk {n_for} og vart vedteke.".into(),
            fell_for_only: "{emne} fekk {n_for} og fall.".into(),
            adopted_against_only: "{emne} vart vedteke mot {n_mot}.".into(),
            fell_against_only: "{emne} fall, {n_mot} mot.".into(),
            adopted: "{emne} vart vedteke.".into(),
            fell: "{emne} fall.".into(),
            chair_decided: "Møteleiaren si dobbeltrøyst var avgjerande.".into(),
        }
    }

    /// Bokmål.
    pub fn bokmaal() -> Self {
        Self {
            intro_party_person: "{parti} v/{namn} fremmet forslag:".into(),
            intro_person: "{namn} fremmet forslag:".into(),
            intro_party: "{parti} fremmet forslag:".into(),
            intro_anonymous: "Det ble fremmet forslag:".into(),
            vote_singular: "stemme".into(),
            vote_plural: "stemmer".into(),
            adopted_unanimous: "{emne} ble enstemmig vedtatt.".into(),
            fell_unanimous: "{emne} falt enstemmig.".into(),
            adopted_counts: "{emne} ble vedtatt med {for} mot {n_mot}.".into(),
            fell_counts: "{emne} falt med {for} mot {n_mot}.".into(),
            adopted_for_only: "{emne} fikk {n_for} og ble vedtatt.".into(),
            fell_for_only: "{emne} fikk {n_for} og falt.".into(),
            adopted_against_only: "{emne} ble vedtatt mot {n_mot}.".into(),
            fell_against_only: "{emne} falt, {n_mot} mot.".into(),
            adopted: "{emne} ble vedtatt.".into(),
            fell: "{emne} falt.".into(),
            chair_decided: "Møtelederens dobbeltstemme var avgjørende.".into(),
        }
    }

    fn counted(&self, n: u32) -> String {
        let noun = if n == 1 { &self.vote_singular } else { &self.vote_plural };
        format!("{n} {noun}")
    }
}

/// The lead-in of a proposal: the clerk's own, or from the templates.
pub fn proposal_intro(p: &Proposal, ph: &Phrases) -> String {
    if let Some(intro) = p.intro.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return intro.to_string();
    }
    let party = p.party.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let person = p.proposer.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let values = [("parti", party.unwrap_or("")), ("namn", person.unwrap_or(""))];
    let template = match (party, person) {
        (Some(_), Some(_)) => &ph.intro_party_person,
        (None, Some(_)) => &ph.intro_person,
        (Some(_), None) => &ph.intro_party,
        (None, None) => &ph.intro_anonymous,
    };
    fill(template, &values)
}

/// The sentence that records a vote: the clerk's own, or from the templates.
/// Counts that were not recorded are never invented.
pub fn vote_sentence(v: &Vote, ph: &Phrases) -> String {
    if let Some(own) = v.text_override.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return own.to_string();
    }
    let adopted = v.outcome == Outcome::Vedteke;
    let template = if v.unanimous {
        if adopted { &ph.adopted_unanimous } else { &ph.fell_unanimous }
    } else {
        match (v.votes_for, v.votes_against, adopted) {
            (Some(_), Some(_), true) => &ph.adopted_counts,
            (Some(_), Some(_), false) => &ph.fell_counts,
            (Some(_), None, true) => &ph.adopted_for_only,
            (Some(_), None, false) => &ph.fell_for_only,
            (None, Some(_), true) => &ph.adopted_against_only,
            (None, Some(_), false) => &ph.fell_against_only,
            (None, None, true) => &ph.adopted,
            (None, None, false) => &ph.fell,
        }
    };
    let f = v.votes_for.map(|n| n.to_string()).unwrap_or_default();
    let m = v.votes_against.map(|n| n.to_string()).unwrap_or_default();
    let nf = v.votes_for.map(|n| ph.counted(n)).unwrap_or_default();
    let nm = v.votes_against.map(|n| ph.counted(n)).unwrap_or_default();
    let subject = v.subject.trim();
    let mut s = fill(template, &[("emne", subject), ("for", &f), ("mot", &m), ("n_for", &nf), ("n_mot", &nm)]);
    if v.chair_decided {
        s.push(' ');
        s.push_str(&ph.chair_decided);
    }
    s
}

/// A reference from a block to a proposal or vote that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Behandlinga viser til {what} nr. {index}, som ikkje finst.")]
pub struct DanglingReference {
    pub what: &'static str,
    pub index: usize,
}

/// Renders the behandling as paragraphs, in block order.
pub fn render(b: &Behandling, ph: &Phrases) -> Result<Vec<Paragraph>, DanglingReference> {
    let mut out: Vec<Paragraph> = Vec::new();
    for block in &b.blocks {
        // Paragraphs this block contributes; the first may join the previous one.
        let mut parts: Vec<Paragraph> = Vec::new();
        match &block.content {
            BlockContent::Text { text } => {
                parts.extend(paragraphs(text).into_iter().map(Paragraph::plain));
            }
            BlockContent::Proposal { proposal } => {
                let p = b.proposals.get(*proposal).ok_or(DanglingReference { what: "framlegg", index: *proposal })?;
                let intro = proposal_intro(p, ph);
                let body = paragraphs(&p.text);
                if p.inline {
                    let mut first = Paragraph::plain(format!("{intro} "));
                    let mut rest = body.into_iter();
                    if let Some(t) = rest.next() {
                        first.push(t, Style::Italic);
                    }
                    parts.push(first);
                    parts.extend(
                        rest.map(|t| Paragraph { spans: vec![crate::text::Span { text: t, style: Style::Italic }] }),
                    );
                } else {
                    parts.push(Paragraph::plain(intro));
                    parts.extend(body.into_iter().map(Paragraph::plain));
                }
            }
            BlockContent::Vote { vote } => {
                let v = b.votes.get(*vote).ok_or(DanglingReference { what: "røysting", index: *vote })?;
                parts.push(Paragraph::plain(vote_sentence(v, ph)));
            }
        }
        let mut parts = parts.into_iter();
        if block.joins_previous
            && let Some(last) = out.last_mut()
            && let Some(first) = parts.next()
        {
            last.push(" ", Style::Regular);
            for span in first.spans {
                last.push(span.text, span.style);
            }
        }
        out.extend(parts);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, ProposalKind};

    fn vote(for_: Option<u32>, against: Option<u32>, outcome: Outcome) -> Vote {
        Vote {
            proposal: None,
            subject: "Framlegget".into(),
            unanimous: false,
            votes_for: for_,
            votes_against: against,
            outcome,
            chair_decided: false,
            text_override: None,
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
                },
                Block { content: BlockContent::Proposal { proposal: 0 }, joins_previous: false },
                Block { content: BlockContent::Vote { vote: 0 }, joins_previous: true },
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
            blocks: vec![Block { content: BlockContent::Proposal { proposal: 0 }, joins_previous: false }],
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
            blocks: vec![Block { content: BlockContent::Vote { vote: 3 }, joins_previous: false }],
        };
        let e = render(&b, &Phrases::nynorsk()).unwrap_err();
        assert_eq!(e.to_string(), "Behandlinga viser til røysting nr. 3, som ikkje finst.");
    }

    #[test]
    fn joining_with_nothing_before_starts_a_paragraph() {
        let b = Behandling {
            proposals: vec![],
            votes: vec![vote(None, None, Outcome::Fall)],
            blocks: vec![Block { content: BlockContent::Vote { vote: 0 }, joins_previous: true }],
        };
        assert_eq!(render(&b, &Phrases::nynorsk()).unwrap().len(), 1);
    }
}

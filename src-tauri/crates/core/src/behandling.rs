//! The behandling text, generated from the records with phrase templates
//! ([`Phrases`], per language and board).
//!
//! Clerks can override any generated sentence (a proposal's lead-in, a vote's
//! sentence) or the whole text of an item. Counts that were not recorded are
//! never invented: a vote whose outcome is unknown says only what is known.

use crate::model::{
    AgendaItem, Behandling, BlockContent, BusinessKind, OtherSide, Outcome, PartyVotes, Proposal, Vote,
};
pub use crate::phrases::Phrases;
use crate::text::{Paragraph, Span, Style, fill, paragraphs};

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
    let mut s = match &v.other {
        Some(o) => alternative(v, o, ph),
        None => for_or_against(v, ph),
    };
    let shares = percentages(v);
    if !shares.is_empty() {
        s.push(' ');
        s.push_str(&fill(&ph.percentages, &[("prosent", &shares)]));
    }
    if v.chair_decided {
        s.push(' ');
        s.push_str(&ph.chair_decided);
    }
    for (side, template) in [(Side::For, &ph.parties_for), (Side::Against, &ph.parties_against)] {
        let list = party_list(&v.parties, side);
        if !list.is_empty() {
            s.push(' ');
            s.push_str(&fill(template, &[("liste", &list)]));
        }
    }
    s
}

/// A vote for or against one proposal (or the tilråding).
fn for_or_against(v: &Vote, ph: &Phrases) -> String {
    let f = v.votes_for.map(|n| n.to_string()).unwrap_or_default();
    let m = v.votes_against.map(|n| n.to_string()).unwrap_or_default();
    let nf = v.votes_for.map(|n| ph.counted(n)).unwrap_or_default();
    let nm = v.votes_against.map(|n| ph.counted(n)).unwrap_or_default();
    let template = if v.unanimous {
        match v.outcome {
            Some(Outcome::Vedteke) => &ph.adopted_unanimous,
            Some(Outcome::Fall) => &ph.fell_unanimous,
            None => &ph.unanimous,
        }
    } else {
        match (v.votes_for, v.votes_against, v.outcome) {
            (Some(_), Some(_), Some(Outcome::Vedteke)) => &ph.adopted_counts,
            (Some(_), Some(_), Some(Outcome::Fall)) => &ph.fell_counts,
            (Some(_), Some(_), None) => &ph.counts,
            (Some(_), None, Some(Outcome::Vedteke)) => &ph.adopted_for_only,
            (Some(_), None, Some(Outcome::Fall)) => &ph.fell_for_only,
            (Some(_), None, None) => &ph.for_only,
            (None, Some(_), Some(Outcome::Vedteke)) => &ph.adopted_against_only,
            (None, Some(_), Some(Outcome::Fall)) => &ph.fell_against_only,
            (None, Some(_), None) => &ph.against_only,
            (None, None, Some(Outcome::Vedteke)) => &ph.adopted,
            (None, None, Some(Outcome::Fall)) => &ph.fell,
            (None, None, None) => &ph.voted,
        }
    };
    fill(template, &[("emne", v.subject.trim()), ("for", &f), ("mot", &m), ("n_for", &nf), ("n_mot", &nm)])
}

/// A against B: with an outcome, the winner's sentence and then the loser's,
/// each with its count when known; without, what is known of the counts.
fn alternative(v: &Vote, o: &OtherSide, ph: &Phrases) -> String {
    let a = (v.subject.trim(), v.votes_for);
    let b = (o.subject.trim(), o.votes);
    let side = |(subject, n): (&str, Option<u32>), won: bool| {
        let template = match (n.is_some(), won) {
            (true, true) => &ph.adopted_for_only,
            (true, false) => &ph.fell_for_only,
            (false, true) => &ph.adopted,
            (false, false) => &ph.fell,
        };
        fill(template, &[("emne", subject), ("n_for", &n.map(|n| ph.counted(n)).unwrap_or_default())])
    };
    let pair = |template: &str, (first, n1): (&str, Option<u32>), (second, n2): (&str, Option<u32>)| {
        let (n1, n2) = (n1.map(|n| ph.counted(n)).unwrap_or_default(), n2.map(|n| ph.counted(n)).unwrap_or_default());
        fill(template, &[("emne", first), ("emne_b", second), ("n_for", &n1), ("n_b", &n2)])
    };
    match v.outcome {
        Some(Outcome::Vedteke) => format!("{} {}", side(a, true), side(b, false)),
        Some(Outcome::Fall) => format!("{} {}", side(b, true), side(a, false)),
        None => match (a.1, b.1) {
            (Some(_), Some(_)) => pair(&ph.alternative_counts, a, b),
            (Some(_), None) => pair(&ph.alternative_one_count, a, b),
            (None, Some(_)) => pair(&ph.alternative_one_count, b, a),
            (None, None) => pair(&ph.alternative_plain, a, b),
        },
    }
}

/// "60 % for, 40 % mot", or between two proposals "A 60 %, B 40 %": the
/// shares as recorded, none worked out.
fn percentages(v: &Vote) -> String {
    let share = |p: &Option<String>| p.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(|p| format!("{p} %"));
    let (a, b) = (share(&v.percent_for), share(&v.percent_against));
    let parts: Vec<String> = match &v.other {
        Some(o) => [(v.subject.trim(), a), (o.subject.trim(), b)]
            .into_iter()
            .filter_map(|(subject, p)| p.map(|p| format!("{subject} {p}")))
            .collect(),
        None => [a.map(|p| format!("{p} for")), b.map(|p| format!("{p} mot"))].into_iter().flatten().collect(),
    };
    parts.join(", ")
}

#[derive(Clone, Copy)]
enum Side {
    For,
    Against,
}

/// "Sp 3, H 2": the parties with a count on that side, as recorded.
fn party_list(parties: &[PartyVotes], side: Side) -> String {
    parties
        .iter()
        .filter_map(|p| {
            let n = match side {
                Side::For => p.votes_for,
                Side::Against => p.votes_against,
            }?;
            Some(format!("{} {n}", p.party.trim()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The paragraphs of an orientering, interpellasjon or spørsmål.
fn business(kind: BusinessKind, title: Option<&str>, text: &str, answer: Option<&str>, ph: &Phrases) -> Vec<Paragraph> {
    let template = match kind {
        BusinessKind::Orientering => &ph.orientering,
        BusinessKind::Interpellasjon => &ph.interpellasjon,
        BusinessKind::Sporsmal => &ph.sporsmal,
    };
    let title = title.map(str::trim).unwrap_or_default();
    let heading = fill(template, &[("tittel", title)]);
    // A template that ends in ": " with no title reads as a bare heading.
    let heading = heading.trim().trim_end_matches(':').to_string();
    let mut out = vec![Paragraph { spans: vec![Span { text: heading, style: Style::Bold }] }];
    out.extend(paragraphs(text).into_iter().map(Paragraph::plain));
    if let Some(answer) = answer.map(str::trim).filter(|a| !a.is_empty()) {
        let mut first = true;
        for p in paragraphs(answer) {
            if first {
                let mut lead = Paragraph { spans: vec![Span { text: format!("{} ", ph.answer), style: Style::Bold }] };
                lead.push(p, Style::Regular);
                out.push(lead);
                first = false;
            } else {
                out.push(Paragraph::plain(p));
            }
        }
    }
    out
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
    let numbered = b.votes.len() > 1;
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
                let mut sentence = vote_sentence(v, ph);
                if numbered && !ph.vote_number.is_empty() {
                    sentence = format!("{}{sentence}", fill(&ph.vote_number, &[("nr", &(vote + 1).to_string())]));
                }
                parts.push(Paragraph::plain(sentence));
            }
            BlockContent::Business { business: kind, title, text, answer } => {
                parts.extend(business(*kind, title.as_deref(), text, answer.as_deref(), ph));
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

/// The behandling of an item as printed: the clerk's own wording when there
/// is one, else the text generated from the records.
pub fn item_paragraphs(item: &AgendaItem, ph: &Phrases) -> Result<Vec<Paragraph>, DanglingReference> {
    match item.behandling_text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(own) => Ok(paragraphs(own).into_iter().map(Paragraph::plain).collect()),
        None => render(&item.behandling, ph),
    }
}

/// Paragraphs as stored text: blank lines between them, styling dropped.
pub fn as_text(ps: &[Paragraph]) -> String {
    ps.iter().map(Paragraph::plain_text).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests;

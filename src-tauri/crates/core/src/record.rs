//! The record of one agenda item as the window edits it — behandling,
//! tilråding, the clerk's own wording and the vedtak — with the checks of
//! kl. § 11-9 against who could vote, and the vedtak the records suggest.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::{FieldError, MAX_TITLE};
use crate::model::{Behandling, Outcome, ProposalKind};
use crate::number::JournalNumber;
use crate::vote;

/// What the window saves for an item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ItemRecord {
    pub behandling: Behandling,
    /// The clerk's own wording of the whole behandling; `None` prints the generated text.
    pub behandling_text: Option<String>,
    /// The administration's tilråding.
    pub recommendation: Option<String>,
    pub vedtak: Option<String>,
    /// Vedlegg listed after the vedtak, in order.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// "Godkjenning av møtebok": the earlier meetings of the board whose
    /// møtebok this sak approves, by id, in order.
    #[serde(default)]
    #[ts(optional, type = "Array<number>")]
    pub approves_minutes: Vec<i64>,
}

/// A vedlegg: a title, and the journalpost it is when it is one in the
/// register, or one document of that journalpost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attachment {
    pub title: String,
    pub journal_entry: Option<JournalNumber>,
    /// One document of the journalpost, by its UUID; none: the journalpost as a whole.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub document: Option<String>,
}

/// A document a vedlegg may point to: one of its journalpost's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentDocument {
    pub uuid: String,
    pub file_name: String,
}

/// An item's record with what the app works out from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemRecordView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// As the board prints it.
    pub number_text: String,
    pub title: String,
    pub record: ItemRecord,
    /// The behandling generated from the records.
    pub generated: String,
    /// The vedtak the adopted proposal or tilråding gives.
    pub suggested_vedtak: Option<String>,
    /// Who could vote on this item, when the roll says.
    pub eligible: Option<u32>,
    /// Not errors, but worth a look: not all eligible voted, not quorate.
    pub warnings: Vec<String>,
    /// Per vedlegg (in order), the documents of its journalpost to choose among.
    pub attachment_documents: Vec<Vec<AttachmentDocument>>,
}

/// The møtebok's own vedlegg as the window edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingAttachmentsView {
    pub attachments: Vec<Attachment>,
    /// Per vedlegg (in order), the documents of its journalpost to choose among.
    pub attachment_documents: Vec<Vec<AttachmentDocument>>,
}

/// The vedtak as the votes make it, in vote order: the tilråding, or an
/// adopted alternative proposal in its place, followed by each adopted
/// amendment or addition (endring, tillegg) as a paragraph of its own; an
/// adopted postponement is the whole vedtak. An addition adopted with no
/// vote on the tilråding recorded builds on the tilråding. `None` when no
/// vote is recorded as adopted. The clerk edits it from there (an
/// amendment that rewords a sentence is not merged by guessing).
pub fn suggested_vedtak(b: &Behandling, recommendation: Option<&str>) -> Option<String> {
    let mut base: Option<String> = None;
    let mut additions: Vec<String> = Vec::new();
    let mut any = false;
    for v in &b.votes {
        let adopted = match (v.outcome, &v.other) {
            (Some(Outcome::Vedteke), _) => v.proposal,
            (Some(Outcome::Fall), Some(other)) => other.proposal,
            _ => continue,
        };
        any = true;
        let Some(p) = adopted.and_then(|p| b.proposals.get(p)) else {
            // The tilråding itself was adopted.
            base = base.or_else(|| recommendation.map(str::to_string));
            continue;
        };
        match p.kind {
            ProposalKind::Utsetjing => return Some(p.text.clone()),
            ProposalKind::Endring | ProposalKind::Tillegg => {
                if !additions.contains(&p.text) {
                    additions.push(p.text.clone());
                }
            }
            ProposalKind::Alternativt | ProposalKind::Anna => {
                base = Some(p.text.clone());
                additions.clear();
            }
        }
    }
    if !any {
        return None;
    }
    let base = base.or_else(|| recommendation.map(str::to_string));
    let text: Vec<String> = base.into_iter().chain(additions).filter(|t| !t.trim().is_empty()).collect();
    (!text.is_empty()).then(|| text.join("\n\n"))
}

/// The proposals that fell (voted on and lost, never adopted after).
fn fallen(b: &Behandling) -> Vec<usize> {
    let mut lost = Vec::new();
    let mut won = Vec::new();
    for v in &b.votes {
        let (a, other) = (v.proposal, v.other.as_ref().and_then(|o| o.proposal));
        match v.outcome {
            Some(Outcome::Vedteke) => {
                won.extend(a);
                lost.extend(other);
            }
            Some(Outcome::Fall) => {
                lost.extend(a);
                won.extend(other);
            }
            None => {}
        }
    }
    lost.retain(|p| !won.contains(p));
    lost
}

/// What the roll says of one item, for checking what was recorded in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemRoll {
    /// How many could vote; `None` while no roll is recorded.
    pub eligible: Option<u32>,
    /// Who could vote, with their party as the roll gives it.
    pub voters: Vec<(String, Option<String>)>,
    /// Members ugild in the item: they take no part in it.
    pub ugild: Vec<String>,
}

impl ItemRoll {
    /// Only a count, without names.
    pub fn counted(eligible: Option<u32>) -> Self {
        Self { eligible, ..Self::default() }
    }

    /// How many voters of `party` (capitals aside) the roll names; `None` when it names none of that party.
    fn of_party(&self, party: &str) -> Option<u32> {
        let same =
            |p: &Option<String>| p.as_deref().is_some_and(|p| p.trim().to_lowercase() == party.trim().to_lowercase());
        let n = self.voters.iter().filter(|(_, p)| same(p)).count();
        (n > 0).then(|| u32::try_from(n).unwrap_or(u32::MAX))
    }
}

/// Errors that stop a save, and warnings to show, with what the roll says
/// of the item: votes beyond those who could vote (in all, or of a party),
/// a proposal from a member ugild in it.
pub fn check(r: &ItemRecord, roll: &ItemRoll) -> (Vec<FieldError>, Vec<String>) {
    let eligible = roll.eligible;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let b = &r.behandling;
    for (i, p) in b.proposals.iter().enumerate() {
        let by = p.proposer.as_deref().map(str::trim).unwrap_or_default();
        if !by.is_empty() && roll.ugild.iter().any(|u| u.trim().to_lowercase() == by.to_lowercase()) {
            errors.push(FieldError::new(
                &format!("proposals.{i}"),
                format!(
                    "Framlegg {}: {by} var ugild i saka og tok ikkje del i ho. Rett namnet, eller ugildskapen i oppmøtet.",
                    i + 1
                ),
            ));
        }
    }
    for (i, v) in b.votes.iter().enumerate() {
        for p in vote::check(v, eligible) {
            errors.push(FieldError::new(&format!("votes.{i}"), format!("Røysting {}: {p}", i + 1)));
        }
        for pv in &v.parties {
            let cast = pv.votes_for.unwrap_or(0).saturating_add(pv.votes_against.unwrap_or(0));
            if let Some(n) = roll.of_party(&pv.party)
                && cast > n
            {
                errors.push(FieldError::new(
                    &format!("votes.{i}"),
                    format!(
                        "Røysting {}: {} hadde {n} røysteføre i saka, men partifordelinga gjev partiet {cast} røyster. \
                         Sjå over tala.",
                        i + 1,
                        pv.party.trim()
                    ),
                ));
            }
        }
        let cast = match &v.other {
            Some(o) => v.votes_for.zip(o.votes).map(|(a, b)| a.saturating_add(b)),
            None => v.votes_for.zip(v.votes_against).map(|(a, b)| a.saturating_add(b)),
        };
        if let (Some(cast), Some(eligible)) = (cast, eligible)
            && cast < eligible
            && !v.unanimous
        {
            warnings.push(format!(
                "Røysting {}: {cast} av {eligible} røysteføre røysta. Alle som er til stades, har plikt til å røysta (kl. § 11-9).",
                i + 1
            ));
        }
    }
    for (i, block) in b.blocks.iter().enumerate() {
        let bad = match &block.content {
            crate::model::BlockContent::Proposal { proposal } => *proposal >= b.proposals.len(),
            crate::model::BlockContent::Vote { vote } => *vote >= b.votes.len(),
            _ => false,
        };
        if bad {
            errors.push(FieldError::new(
                &format!("blocks.{i}"),
                format!("Steg {} viser til noko som ikkje finst.", i + 1),
            ));
        }
    }
    errors.extend(check_attachments(&r.attachments));
    if let Some(vedtak) = r.vedtak.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        for p in fallen(b) {
            if b.proposals.get(p).is_some_and(|p| p.text.trim() == vedtak) {
                errors.push(FieldError::new(
                    "vedtak",
                    format!("Vedtaket er framlegg {}, som fall i røystinga. Vel det som vart vedteke.", p + 1),
                ));
            }
        }
    }
    (errors, warnings)
}

/// A list of vedlegg (a sak's, or the møtebok's own): each has a title of
/// at most [`MAX_TITLE`] characters. Whether a journalpost is in the
/// register, the store checks.
pub fn check_attachments(list: &[Attachment]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, a) in list.iter().enumerate() {
        if a.title.trim().is_empty() {
            errors
                .push(FieldError::new(&format!("attachments.{i}.title"), format!("Vedlegg {} manglar tittel.", i + 1)));
        }
        if a.title.chars().count() > MAX_TITLE {
            errors.push(FieldError::new(
                &format!("attachments.{i}.title"),
                format!("Tittelen på vedlegg {} kan vera på høgst {MAX_TITLE} teikn.", i + 1),
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OtherSide, Proposal, Vote};

    fn proposal(text: &str) -> Proposal {
        Proposal {
            kind: ProposalKind::Alternativt,
            party: Some("H".into()),
            proposer: None,
            intro: None,
            text: text.into(),
            inline: false,
            concerns_item: None,
        }
    }

    fn vote(proposal: Option<usize>, f: Option<u32>, a: Option<u32>, outcome: Option<Outcome>) -> Vote {
        Vote {
            proposal,
            subject: "Framlegget".into(),
            unanimous: false,
            votes_for: f,
            votes_against: a,
            outcome,
            chair_decided: false,
            text_override: None,
            other: None,
            parties: Vec::new(),
            percent_for: None,
            percent_against: None,
        }
    }

    #[test]
    fn the_vedtak_comes_from_what_was_adopted() {
        let mut b = Behandling { proposals: vec![proposal("A."), proposal("B.")], ..Behandling::default() };
        b.votes = vec![vote(Some(0), Some(2), Some(5), Some(Outcome::Fall))];
        assert_eq!(suggested_vedtak(&b, Some("Tilrådinga.")), None, "nothing adopted yet");
        b.votes.push(vote(None, Some(5), Some(2), Some(Outcome::Vedteke)));
        assert_eq!(suggested_vedtak(&b, Some("Tilrådinga.")).as_deref(), Some("Tilrådinga."));
        // A against B, B won.
        let mut ab = vote(Some(0), Some(3), None, Some(Outcome::Fall));
        ab.other = Some(OtherSide { proposal: Some(1), subject: "Framlegget frå H".into(), votes: Some(4) });
        b.votes.push(ab);
        assert_eq!(suggested_vedtak(&b, Some("Tilrådinga.")).as_deref(), Some("B."));
        // An unknown outcome suggests nothing new.
        b.votes.push(vote(Some(0), None, None, None));
        assert_eq!(suggested_vedtak(&b, None).as_deref(), Some("B."));
    }

    fn of_kind(kind: ProposalKind, text: &str) -> Proposal {
        Proposal { kind, ..proposal(text) }
    }

    #[test]
    fn adopted_additions_follow_the_tilraading_each_as_a_paragraph() {
        let tilr = Some("Formannskapet godkjenner planen.");
        let mut b = Behandling {
            proposals: vec![
                of_kind(ProposalKind::Tillegg, "Rådmannen legg fram ei eiga sak om vedlikehald."),
                of_kind(ProposalKind::Endring, "Planen vert revidert kvart fjerde år."),
                of_kind(ProposalKind::Tillegg, "Framlegget som fall."),
            ],
            ..Behandling::default()
        };
        // The addition carried, the tilråding not voted on separately: it builds on the tilråding.
        b.votes = vec![vote(Some(0), Some(5), Some(2), Some(Outcome::Vedteke))];
        assert_eq!(
            suggested_vedtak(&b, tilr).as_deref(),
            Some("Formannskapet godkjenner planen.\n\nRådmannen legg fram ei eiga sak om vedlikehald.")
        );
        // A fallen addition adds nothing; a second one carried comes after the first; the final vote on the
        // tilråding changes nothing of that.
        b.votes.push(vote(Some(2), Some(1), Some(6), Some(Outcome::Fall)));
        b.votes.push(vote(Some(1), Some(7), Some(0), Some(Outcome::Vedteke)));
        b.votes.push(vote(None, Some(7), Some(0), Some(Outcome::Vedteke)));
        assert_eq!(
            suggested_vedtak(&b, tilr).as_deref(),
            Some(
                "Formannskapet godkjenner planen.\n\nRådmannen legg fram ei eiga sak om vedlikehald.\n\n\
                 Planen vert revidert kvart fjerde år."
            )
        );
        // Without a tilråding the additions stand alone.
        assert_eq!(
            suggested_vedtak(&b, None).as_deref(),
            Some("Rådmannen legg fram ei eiga sak om vedlikehald.\n\nPlanen vert revidert kvart fjerde år.")
        );
    }

    #[test]
    fn an_alternative_replaces_the_tilraading_and_a_postponement_is_the_whole_vedtak() {
        let tilr = Some("Tilrådinga.");
        let mut b = Behandling {
            proposals: vec![
                of_kind(ProposalKind::Tillegg, "Tillegg."),
                of_kind(ProposalKind::Alternativt, "Alternativet."),
                of_kind(ProposalKind::Utsetjing, "Saka vert utsett."),
            ],
            ..Behandling::default()
        };
        b.votes = vec![
            vote(Some(0), Some(4), Some(3), Some(Outcome::Vedteke)),
            vote(Some(1), Some(4), Some(3), Some(Outcome::Vedteke)),
        ];
        assert_eq!(suggested_vedtak(&b, tilr).as_deref(), Some("Alternativet."), "the addition was to the tilråding");
        b.votes.insert(0, vote(Some(2), Some(5), Some(2), Some(Outcome::Vedteke)));
        assert_eq!(suggested_vedtak(&b, tilr).as_deref(), Some("Saka vert utsett."));
    }

    #[test]
    fn a_proposal_that_fell_cannot_be_the_vedtak_and_errors_name_the_vote() {
        let b = Behandling {
            proposals: vec![proposal("Saka vert utsett.")],
            votes: vec![
                vote(Some(0), Some(2), Some(5), Some(Outcome::Fall)),
                vote(None, Some(8), Some(0), Some(Outcome::Vedteke)),
            ],
            blocks: Vec::new(),
        };
        let r = ItemRecord { behandling: b, vedtak: Some("Saka vert utsett.".into()), ..ItemRecord::default() };
        let (errors, warnings) = check(&r, &ItemRoll::counted(Some(7)));
        assert_eq!(errors[0].field, "votes.1");
        assert_eq!(
            errors[0].message,
            "Røysting 2: Det er ført 8 røyster, men berre 7 kunne røysta. Sjå over tala, eller oppmøtet i saka."
        );
        assert_eq!(errors[1].message, "Vedtaket er framlegg 1, som fall i røystinga. Vel det som vart vedteke.");
        assert!(warnings.is_empty(), "7 cast of 7 in the first vote");
        let fewer = ItemRecord {
            behandling: Behandling {
                votes: vec![vote(None, Some(4), Some(2), Some(Outcome::Vedteke))],
                ..Behandling::default()
            },
            ..ItemRecord::default()
        };
        let (errors, warnings) = check(&fewer, &ItemRoll::counted(Some(7)));
        assert!(errors.is_empty());
        assert_eq!(
            warnings,
            ["Røysting 1: 6 av 7 røysteføre røysta. Alle som er til stades, har plikt til å røysta (kl. § 11-9)."]
        );
    }

    #[test]
    fn a_party_cannot_cast_more_votes_than_it_had_voters_and_an_ugild_member_proposes_nothing() {
        use crate::model::PartyVotes;
        let roll = ItemRoll {
            eligible: Some(5),
            voters: vec![
                ("Kari".into(), Some("Sp".into())),
                ("Per".into(), Some("SP".into())),
                ("Ola".into(), Some("Ap".into())),
                ("Siri".into(), Some("H".into())),
                ("Liv".into(), None),
            ],
            ugild: vec!["Anne Lid".into()],
        };
        let mut v = vote(None, Some(4), Some(1), Some(Outcome::Vedteke));
        v.parties = vec![
            // Sp had two (capitals aside): three is too many.
            PartyVotes { party: "sp".into(), votes_for: Some(2), votes_against: Some(1) },
            PartyVotes { party: "Ap".into(), votes_for: Some(1), votes_against: None },
            // A party the roll does not name is not judged (the spelling may differ).
            PartyVotes { party: "KrF".into(), votes_for: Some(1), votes_against: None },
        ];
        let p = Proposal { proposer: Some(" anne lid ".into()), ..proposal("Saka vert utsett.") };
        let r = ItemRecord {
            behandling: Behandling { proposals: vec![p], votes: vec![v], blocks: Vec::new() },
            ..ItemRecord::default()
        };
        let (errors, _) = check(&r, &roll);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Framlegg 1: anne lid var ugild i saka og tok ikkje del i ho. Rett namnet, eller ugildskapen i oppmøtet.",
                "Røysting 1: sp hadde 2 røysteføre i saka, men partifordelinga gjev partiet 3 røyster. Sjå over tala.",
            ]
        );
        assert_eq!(errors[0].field, "proposals.0");
        assert!(check(&r, &ItemRoll::counted(Some(5))).0.is_empty(), "a count alone names no one");
    }
}

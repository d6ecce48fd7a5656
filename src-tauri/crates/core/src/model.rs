//! The records: boards (utval), meetings (møte), agenda items (utvalssak) with
//! their behandling, proposals (framlegg), votes (røysting) and decision
//! (vedtak), and the arkivsak they belong to.
//!
//! Inside one agenda item, behandling blocks refer to its proposals and votes
//! by position, so the same types describe a record read from the database
//! and a draft about to be written (the demo data, later an import).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::number::{AgendaNumber, CaseNumber};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ProposalKind {
    /// utsetjingsframlegg: postpone the case
    Utsetjing,
    /// endringsframlegg: amend the tilråding
    Endring,
    /// tilleggsframlegg: add to the tilråding
    Tillegg,
    /// alternativt framlegg: replace the tilråding
    Alternativt,
    Anna,
}

impl ProposalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utsetjing => "utsetjing",
            Self::Endring => "endring",
            Self::Tillegg => "tillegg",
            Self::Alternativt => "alternativt",
            Self::Anna => "anna",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Utsetjing, Self::Endring, Self::Tillegg, Self::Alternativt, Self::Anna]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A framlegg put forward in the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Proposal {
    pub kind: ProposalKind,
    /// Party code as written in protocols: Ap, Sp, H, FrP, ...
    pub party: Option<String>,
    /// The person who put it forward (free text, as the clerk wrote it).
    pub proposer: Option<String>,
    /// The clerk's own lead-in; `None` uses the phrase template
    /// ("Ap v/Namn sette fram:").
    pub intro: Option<String>,
    /// The proposal's wording; paragraphs separated by blank lines.
    pub text: String,
    /// Printed in italics within the lead-in's paragraph (short proposals),
    /// instead of as paragraphs of its own below it.
    pub inline: bool,
    /// For a procedural proposal of the meeting: the item (its place in the
    /// sakliste) it concerns, e.g. to postpone it.
    #[serde(default)]
    pub concerns_item: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Vedteke,
    Fall,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vedteke => "vedteke",
            Self::Fall => "fall",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "vedteke" => Some(Self::Vedteke),
            "fall" => Some(Self::Fall),
            _ => None,
        }
    }
}

/// The other side of a vote between two proposals (A against B).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OtherSide {
    /// Index of proposal B, within the same agenda item (or meeting).
    pub proposal: Option<usize>,
    /// B as it is named in the sentence: "Tilrådinga".
    pub subject: String,
    /// B's count; `None` when the protocol does not give it.
    pub votes: Option<u32>,
}

/// One party's votes as the protocol gives them; a party that split has both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartyVotes {
    pub party: String,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
}

/// A røysting as it was recorded. Counts that were not given are `None`:
/// never computed from the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Vote {
    /// Index of the proposal voted on, within the same agenda item.
    pub proposal: Option<usize>,
    /// What was voted on, as it opens the sentence: "Framlegget",
    /// "Rådmannen si tilråding med presiseringar/tillegg sett fram i møtet".
    pub subject: String,
    pub unanimous: bool,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    /// `None` when the protocol does not say. Between two proposals,
    /// `Vedteke` means A won and `Fall` that B won.
    pub outcome: Option<Outcome>,
    /// A tie decided by the chair's double vote (kl. § 11-9).
    pub chair_decided: bool,
    /// The clerk's own sentence; `None` uses the phrase templates.
    pub text_override: Option<String>,
    /// A vote between this proposal (A: `proposal`, `subject`, `votes_for`)
    /// and another (B); `votes_against` is then unused.
    #[serde(default)]
    pub other: Option<OtherSide>,
    /// Counts per party, when the protocol gives them.
    #[serde(default)]
    pub parties: Vec<PartyVotes>,
    /// The share for (A's, in a vote between two proposals), in per cent,
    /// as the protocol writes it ("60", "60,5"); never computed.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub percent_for: Option<String>,
    /// The share against (B's), in per cent, as written.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub percent_against: Option<String>,
}

/// Business of the meeting that is not a proposal or a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum BusinessKind {
    /// An orientering from the administration or an outside body.
    Orientering,
    /// An interpellasjon (kl. § 11-2) with its answer.
    Interpellasjon,
    /// A spørsmål with its answer.
    Sporsmal,
}

impl BusinessKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Orientering => "orientering",
            Self::Interpellasjon => "interpellasjon",
            Self::Sporsmal => "sporsmal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Orientering, Self::Interpellasjon, Self::Sporsmal].into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockContent {
    /// Free text: orientations, questions, remarks.
    Text { text: String },
    /// A proposal, by index into the item's proposals.
    Proposal { proposal: usize },
    /// A vote, by index into the item's votes.
    Vote { vote: usize },
    /// An orientering, interpellasjon or spørsmål: from whom or about what,
    /// what was said, and the answer.
    Business { business: BusinessKind, title: Option<String>, text: String, answer: Option<String> },
}

/// One step of the behandling, in the order it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Block {
    pub content: BlockContent,
    /// Continue the previous paragraph instead of starting a new one
    /// ("… sette fram: *…* Framlegget fekk 2 røyster og fall.").
    pub joins_previous: bool,
    /// Business of the meeting only: the item (its place in the sakliste)
    /// it stands before; `None` after the last.
    #[serde(default)]
    pub before_item: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Behandling {
    pub blocks: Vec<Block>,
    pub proposals: Vec<Proposal>,
    pub votes: Vec<Vote>,
}

/// The meeting an agenda item was handled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingInfo {
    pub board: String,
    pub date: NaiveDate,
    pub place: Option<String>,
    /// "HH:MM"
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

/// An utvalssak with everything a saksprotokoll prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub number: AgendaNumber,
    /// The title as printed in the sakliste, exactly as stored.
    pub title: String,
    pub case_number: Option<CaseNumber>,
    /// The administration's recommended decision (tilråding / innstilling).
    pub recommendation: Option<String>,
    /// Legal basis when handled in a closed session (kl. § 11-5).
    pub closed_basis: Option<String>,
    pub behandling: Behandling,
    /// The clerk's own wording of the whole behandling; `None` prints the
    /// text generated from the records.
    #[serde(default)]
    pub behandling_text: Option<String>,
    /// The adopted text; paragraphs separated by blank lines.
    pub vedtak: Option<String>,
}

/// A line in the case register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseSummary {
    /// Database id of the agenda item to open.
    #[ts(type = "number")]
    pub agenda_item_id: i64,
    pub case_number: Option<CaseNumber>,
    pub agenda_number: AgendaNumber,
    pub title: String,
    pub board: String,
    pub meeting_date: NaiveDate,
}

//! The demo data: the reference case, sak 54/21 of Formannskapet og
//! næringsutvalet, 15.04.2021 (arkivsak 21/1069, the SyS-IKT agreement), as
//! structured records. Every sentence is word for word from the published
//! protocol; no people are invented (the only name is the one it prints).

use chrono::NaiveDate;

use crate::agreement::AgreementStatus;
use crate::agreement::form::{AgreementInput, AgreementKind, PartyInput, PartyRole};
use crate::model::{AgendaItem, Behandling, Block, BlockContent, MeetingInfo, Outcome, Proposal, ProposalKind, Vote};
use crate::number::{AgendaNumber, CaseNumber};

/// An arkivsak to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDraft {
    pub number: CaseNumber,
    pub title: String,
}

/// A meeting with its agenda items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    pub info: MeetingInfo,
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoData {
    pub cases: Vec<CaseDraft>,
    pub meeting: MeetingDraft,
    pub agreement: AgreementDemo,
}

/// The SyS-IKT agreement as far as the reference tells: the basis approved
/// by the board, the branch office in Gaupne, the fullmakt to rådmannen, and
/// each vedtak paragraph to follow up. Dates, term, organisation form and
/// organisasjonsnummer are not in the protocol, so they stay empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDemo {
    pub input: AgreementInput,
    /// The status it has reached, from the date of the vedtak.
    pub status: AgreementStatus,
    pub status_note: String,
    pub case: CaseNumber,
    pub item: AgendaNumber,
}

const VEDTAK: [&str; 5] = [
    "Formannskapet godkjenner grunnlaget/opplegget for etablering av samarbeidsavtale med SyS-IKT.",
    "Kommunen er positive til og vil leggja til rette for etablering av avdelingskontor for SyS IKT på \
     Rådhuset i Gaupne. Dette bør framkomme i samarbeidsavtale / vedtekter.",
    "Luster kommune skal sjå nærare på eigen organisering for oppfølging av avtale og tilfredsfredstille \
     krava i avtalen i forhold til IKT-leiarskap og koordinering. Luster kommune bør vurdere ei stilling på \
     høgare nivå i organisasjonen med høgare IKT-kompetanse/erfaring. Stillinga bør ha ansvar for strategi, \
     innovasjon og overordna tenesteutvikling samt lede og eller delta i det overordna \
     digitaliseringsarbeidet i kommunen. Stillingen bør kunne dekke krava i avtalen rundt IKT-leiarskap og \
     koordinering.",
    "Luster kommune bør utvikle sin eigen IKT-strategi.",
    "Rådmannen får fullmakt til å godkjenne den endelege og detaljerte avtalen mellom samarbeidskommunane \
     og Luster kommune for IKT-samarbeid i SyS IKT.",
];

const PROPOSER: &str = "Morten Johan Vigdal";

fn block(content: BlockContent, joins_previous: bool) -> Block {
    Block { content, joins_previous, before_item: None }
}

/// The reference case.
pub fn reference() -> DemoData {
    let case = CaseNumber { year: 2021, seq: 1069 };
    let title = "IKT-samarbeid. Etablering av avtale med SYS-IKT";
    let amendments = VEDTAK.join("\n\n");
    let behandling = Behandling {
        proposals: vec![
            Proposal {
                kind: ProposalKind::Utsetjing,
                party: Some("Ap".into()),
                proposer: Some(PROPOSER.into()),
                intro: None,
                text: "Saka vert utsett for forhandlingar med Sogndal kommune.".into(),
                inline: true,
                concerns_item: None,
            },
            Proposal {
                kind: ProposalKind::Tillegg,
                party: Some("Ap".into()),
                proposer: Some(PROPOSER.into()),
                intro: Some(
                    "Ap v/Morten Johan Vigdal sette deretter fram presiseringar og tillegg til rådmannen si tilråding:"
                        .into(),
                ),
                text: amendments.clone(),
                inline: false,
                concerns_item: None,
            },
        ],
        votes: vec![
            Vote {
                proposal: Some(0),
                subject: "Framlegget".into(),
                unanimous: false,
                votes_for: Some(2),
                votes_against: None,
                outcome: Some(Outcome::Fall),
                chair_decided: false,
                text_override: None,
                other: None,
                parties: Vec::new(),
                percent_for: None,
                percent_against: None,
            },
            Vote {
                proposal: Some(1),
                subject: "Rådmannen si tilråding med presiseringar/tillegg sett fram i møtet".into(),
                unanimous: true,
                votes_for: None,
                votes_against: None,
                outcome: Some(Outcome::Vedteke),
                chair_decided: false,
                text_override: None,
                other: None,
                parties: Vec::new(),
                percent_for: None,
                percent_against: None,
            },
        ],
        blocks: vec![
            block(
                BlockContent::Text {
                    text: "Stabsleiar og rådmann orienterte om prosessen/saka og svara på spørsmål.".into(),
                },
                false,
            ),
            block(
                BlockContent::Text { text: "Formannskapet stilte spørsmål, kommenterte og drøfta saka.".into() },
                false,
            ),
            block(BlockContent::Proposal { proposal: 0 }, false),
            block(BlockContent::Vote { vote: 0 }, true),
            block(BlockContent::Proposal { proposal: 1 }, false),
            block(BlockContent::Vote { vote: 1 }, false),
        ],
    };
    DemoData {
        agreement: sys_ikt(case, AgendaNumber { year: 2021, seq: 54 }),
        cases: vec![CaseDraft { number: case, title: title.into() }],
        meeting: MeetingDraft {
            info: MeetingInfo {
                board: "Formannskapet og næringsutvalet".into(),
                date: NaiveDate::from_ymd_opt(2021, 4, 15).expect("valid date"),
                place: None,
                start_time: None,
                end_time: None,
            },
            items: vec![AgendaItem {
                number: AgendaNumber { year: 2021, seq: 54 },
                title: title.into(),
                case_number: Some(case),
                recommendation: None,
                closed_basis: None,
                behandling,
                behandling_text: None,
                vedtak: Some(amendments),
            }],
        },
    }
}

fn sys_ikt(case: CaseNumber, item: AgendaNumber) -> AgreementDemo {
    let party = |name: &str, role| PartyInput { name: name.into(), orgnr: None, role, contact: None };
    AgreementDemo {
        input: AgreementInput {
            title: "Samarbeidsavtale med SyS-IKT".into(),
            kind: Some(AgreementKind::Samarbeidsavtale),
            purpose: Some("IKT-samarbeid i SyS IKT mellom samarbeidskommunane og Luster kommune.".into()),
            scope: Some(
                "Avdelingskontor for SyS IKT på Rådhuset i Gaupne. Dette bør framkomme i samarbeidsavtale / vedtekter."
                    .into(),
            ),
            fullmakt: Some(VEDTAK[4].into()),
            parties: vec![party("Luster kommune", Some(PartyRole::Deltakar)), party("SyS IKT", None)],
            ..AgreementInput::default()
        },
        status: AgreementStatus::UnderForhandling,
        status_note: format!(
            "Formannskapet godkjende grunnlaget/opplegget for etablering av samarbeidsavtale med SyS-IKT (sak {item})."
        ),
        case,
        item,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote;

    #[test]
    fn demo_votes_obey_the_rules() {
        let d = reference();
        for v in &d.meeting.items[0].behandling.votes {
            assert!(vote::check(v, None).is_empty(), "{v:?}");
        }
    }

    #[test]
    fn the_demo_agreement_is_valid_and_says_only_what_the_protocol_says() {
        let d = reference();
        let f = d.agreement.input.validate().unwrap();
        assert!(f.start_date.is_none() && f.term_kind.is_none() && f.organisation_form.is_none());
        assert!(f.parties.iter().all(|p| p.orgnr.is_none()));
        assert!(d.meeting.items[0].vedtak.as_deref().unwrap().contains(f.fullmakt.as_deref().unwrap()));
        assert!(d.cases.iter().any(|c| c.number == d.agreement.case));
    }

    #[test]
    fn every_agenda_item_belongs_to_a_demo_case() {
        let d = reference();
        for item in &d.meeting.items {
            assert!(d.cases.iter().any(|c| Some(c.number) == item.case_number));
        }
    }
}

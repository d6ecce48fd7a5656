//! A made-up but realistic meeting — three cases of Formannskapet og
//! næringsutvalet 15.04.2021 (the reference case 54/21 first), a roll where
//! someone comes late, leaves early, is away for one sak and is ugild with a
//! varamedlem in the seat, the administration and the auditor, and the
//! meeting's own business — for tests and benchmarks of the møteprotokoll.
//! `extra` more cases make a long meeting.

use chrono::{NaiveDate, NaiveTime};

use crate::AgendaNumber;
use crate::attendance::{Attendance, Attendee, Capacity, Disqualification, Role, Seat};
use crate::behandling::Phrases;
use crate::board::{BoardSettings, NumberFormat, NumberSeries, TextLanguage};
use crate::demo;
use crate::layout::ProtocolLayout;
use crate::meeting::{MeetingRecord, SaklisteItem, SeriesRef};
use crate::minutes::{MeetingAttachments, Minutes, MinutesInput, MinutesItem, Screening, minutes};
use crate::model::{Behandling, Block, BlockContent, BusinessKind};
use crate::protocol::ProtocolTemplate;
use crate::record::Attachment;
use crate::roll::{Roll, RollInput};
use crate::sakliste::MeetingStatus;

/// Everything a møteprotokoll is made from.
#[derive(Debug, Clone)]
pub struct SampleMeeting {
    pub meeting: MeetingRecord,
    pub board: BoardSettings,
    pub roll: Roll,
    pub items: Vec<MinutesItem>,
    pub business: Behandling,
    /// The møtebok's own vedlegg: the rådmann's budget slides.
    pub attachments: MeetingAttachments,
    pub layout: ProtocolLayout,
}

impl SampleMeeting {
    /// The three cases, and `extra` more after them.
    pub fn new(extra: usize) -> Self {
        let mut s = Self {
            meeting: meeting(),
            board: board(1),
            roll: roll(),
            items: items(),
            business: business(),
            attachments: MeetingAttachments {
                list: vec![Attachment {
                    title: "Presentasjon: budsjettet".into(),
                    journal_entry: Some("21/1069-5".parse().expect("a journalpost number")),
                    document: None,
                }],
                screened: Vec::new(),
            },
            layout: ProtocolLayout::default(),
        };
        for k in 0..extra {
            let seq = 57 + k as u32;
            let title = format!("Søknad om tilskot frå næringsfondet nr. {}", k + 1);
            s.meeting.items.push(line(4 + k as i64, seq, &title, 0));
            let mut item = s.items[0].item.clone();
            item.number = AgendaNumber { year: 2021, seq };
            item.title = title;
            s.items.push(MinutesItem {
                item,
                attachments: Vec::new(),
                approves_minutes: Vec::new(),
                screening: Screening::default(),
            });
        }
        // The reference case keeps its arkivsak 21/1069; the others get theirs from the sakliste.
        for (pos, (line, minutes)) in s.meeting.items.iter_mut().zip(&mut s.items).enumerate() {
            if pos == 0 {
                line.case_number = minutes.item.case_number;
            } else {
                minutes.item.case_number = line.case_number;
            }
        }
        s
    }

    /// The board has two series (PS and RS); the second case is an RS.
    #[must_use]
    pub fn with_two_series(mut self) -> Self {
        self.board = board(2);
        self.meeting.series = vec![
            SeriesRef { prefix: Some("PS".into()), label: Some("Politiske saker".into()) },
            SeriesRef { prefix: Some("RS".into()), label: Some("Referatsaker".into()) },
        ];
        for i in &mut self.meeting.items {
            i.number_text = format!("PS {}", i.number_text);
        }
        self.meeting.items[1].series = 1;
        self.meeting.items[1].number_text = "RS 1/21".into();
        self
    }

    /// Luster's other layout: "Møtebok", "Særutskrift", the bare title
    /// line, "Handsaming:" and "VEDTAK:", one sakliste in agenda order.
    #[must_use]
    pub fn with_motebok_layout(mut self) -> Self {
        self.layout = crate::layout::ProtocolLayout {
            minutes_title: "Møtebok".into(),
            extract_title: "Særutskrift".into(),
            behandling_label: "Handsaming:".into(),
            vedtak_label: "VEDTAK:".into(),
            title_prefix: false,
            sakliste_by_series: false,
            ..crate::layout::ProtocolLayout::default()
        };
        self
    }

    /// Skjerming as the register holds it: the closed case (a tilsetjing) is
    /// skjerma with a public title, and a fourth case — open, but skjerma
    /// (offl. § 13) — names the applicant in its title, vedtak and vedlegg.
    #[must_use]
    pub fn with_screening(mut self) -> Self {
        self.items[2].screening = Screening {
            basis: Some("offl. § 25".into()),
            public_title: Some("Tilsetjing".into()),
            names: vec!["Kari Kandidat".into()],
            entries: Vec::new(),
        };
        let seq = 57 + (self.items.len() as u32 - 3);
        let mut line = line(100, seq, "Søknad om startlån – Ola Skjult", 0);
        line.case_number = Some(crate::CaseNumber { year: 2021, seq: 1200 });
        self.meeting.items.push(line);
        let mut item = self.items[1].item.clone();
        item.number = AgendaNumber { year: 2021, seq };
        item.title = "Søknad om startlån – Ola Skjult".into();
        item.case_number = Some(crate::CaseNumber { year: 2021, seq: 1200 });
        item.behandling_text = Some("Framlegg frå Per Bakken om å gje Ola Skjult lån vart samrøystes vedteke.".into());
        item.vedtak = Some("Ola Skjult får startlån på 500 000 kr. SKJULT skal betale tilbake over 20 år.".into());
        let entry: crate::number::JournalNumber = "21/1200-1".parse().unwrap();
        self.items.push(MinutesItem {
            item,
            attachments: vec![
                Attachment { title: "Søknad frå Ola Skjult".into(), journal_entry: Some(entry), document: None },
                Attachment { title: "Retningsliner for startlån".into(), journal_entry: None, document: None },
            ],
            approves_minutes: Vec::new(),
            screening: Screening {
                basis: Some("offl. § 13 jf. fvl. § 13".into()),
                public_title: Some("Søknad om startlån".into()),
                names: vec!["Ola Skjult".into()],
                entries: vec![crate::minutes::ScreenedEntry {
                    number: entry,
                    basis: "offl. § 13 jf. fvl. § 13".into(),
                    public_title: None,
                }],
            },
        });
        self
    }

    pub fn input<'a>(&'a self, phrases: &'a Phrases, template: &'a ProtocolTemplate) -> MinutesInput<'a> {
        MinutesInput {
            municipality: "Luster kommune",
            meeting: &self.meeting,
            board: &self.board,
            roll: &self.roll,
            items: &self.items,
            business: &self.business,
            attachments: &self.attachments,
            phrases,
            template,
            layout: &self.layout,
        }
    }

    /// The møteprotokoll's content, with Nynorsk phrases and the default template.
    pub fn minutes(&self) -> Minutes {
        minutes(&self.input(&Phrases::nynorsk(), &ProtocolTemplate::default().with_layout(&self.layout)))
            .expect("the sample refers to nothing missing")
    }
}

pub fn board(series: usize) -> BoardSettings {
    BoardSettings {
        name: "Formannskapet og næringsutvalet".into(),
        code: None,
        series: (0..series)
            .map(|i| NumberSeries {
                prefix: Some(["PS", "RS"][i].into()),
                label: Some(["Politiske saker", "Referatsaker"][i].into()),
            })
            .collect(),
        number_format: NumberFormat::SeqYear,
        default_place: None,
        language: TextLanguage::Nn,
        distribution: vec!["Kommunestyret".into(), "Revisjonen".into()],
    }
}

fn line(id: i64, seq: u32, title: &str, series: u32) -> SaklisteItem {
    SaklisteItem {
        id,
        case_number: Some(crate::CaseNumber { year: 2021, seq: 1000 + seq }),
        title: title.into(),
        series,
        number: AgendaNumber { year: 2021, seq },
        number_text: format!("{seq}/21"),
        number_given: false,
        closed: false,
        closed_basis: None,
        added_late: false,
        has_records: true,
    }
}

fn meeting() -> MeetingRecord {
    let mut closed = line(3, 56, "Tilsetjing av einingsleiar", 0);
    closed.closed = true;
    closed.closed_basis = Some("kl. § 11-5 andre ledd".into());
    closed.added_late = true;
    MeetingRecord {
        id: 1,
        board_id: 1,
        board: "Formannskapet og næringsutvalet".into(),
        date: NaiveDate::from_ymd_opt(2021, 4, 15).unwrap(),
        place: Some("Rådhuset, Gaupne".into()),
        start_time: Some("09:00".into()),
        end_time: Some("14:30".into()),
        notice_sent: NaiveDate::from_ymd_opt(2021, 4, 8),
        notice_method: Some("e-post".into()),
        status: MeetingStatus::Held,
        series: vec![SeriesRef { prefix: None, label: None }],
        items: vec![
            line(1, 54, "IKT-samarbeid. Etablering av avtale med SYS-IKT", 0),
            line(2, 55, "Reguleringsplan for Gaupne sentrum", 0),
            closed,
        ],
    }
}

fn person(name: &str, party: &str, capacity: Capacity) -> Attendee {
    Attendee::present(name, Some(party).filter(|p| !p.is_empty()), capacity)
}

fn roll() -> Roll {
    let seat = |name: &str, party: &str, role: Role| Seat { name: name.into(), party: Some(party.into()), role };
    let mut late = person("Per Bakken", "Sp", Capacity::Member);
    late.arrived_at = NaiveTime::from_hms_opt(10, 15, 0);
    late.from_item = Some(1);
    let mut early = person("Olav Hauge", "H", Capacity::Member);
    early.left_at = NaiveTime::from_hms_opt(13, 0, 0);
    early.to_item = Some(1);
    let mut away = person("Kari Nes", "Ap", Capacity::Member);
    away.away_items = vec![0];
    let mut stand_in = person("Siri Vara", "Sp", Capacity::Substitute { replaces: None });
    stand_in.from_item = Some(1);
    stand_in.to_item = Some(1);
    let adm = person("Lise Rådmann", "", Capacity::Administration { title: Some("Rådmann".into()) });
    let mut auditor = person("Revisor Ås", "", Capacity::Other { title: Some("Sogn revisjon".into()) });
    auditor.from_item = Some(1);
    auditor.to_item = Some(1);
    Roll {
        input: RollInput {
            attendance: Attendance {
                seats: Vec::new(),
                attendees: vec![
                    person("Anne Leiar", "Sp", Capacity::Member),
                    late,
                    early,
                    away,
                    person("Jon Vara", "Ap", Capacity::Substitute { replaces: Some("Eva Borte".into()) }),
                    stand_in,
                    adm,
                    auditor,
                ],
                apologies: vec!["Eva Borte".into()],
                disqualified: vec![Disqualification {
                    member: "Anne Leiar".into(),
                    item: 1,
                    basis: "fvl. § 6 første ledd bokstav a".into(),
                    substitute: Some("Siri Vara".into()),
                }],
                head_count: None,
            },
            chair: Some("Anne Leiar".into()),
            chair_elected: false,
            signatories: vec!["Kari Nes".into(), "Anne Leiar".into()],
            signatories_item: None,
        },
        seats: vec![
            seat("Anne Leiar", "Sp", Role::Chair),
            seat("Per Bakken", "Sp", Role::Member),
            seat("Olav Hauge", "H", Role::DeputyChair),
            seat("Kari Nes", "Ap", Role::Member),
            seat("Eva Borte", "Ap", Role::Member),
        ],
        seats_known: true,
        items: Vec::new(),
    }
}

fn items() -> Vec<MinutesItem> {
    let reference = demo::reference().meeting.items[0].clone();
    let mut second = reference.clone();
    second.number = AgendaNumber { year: 2021, seq: 55 };
    second.title = "Reguleringsplan for Gaupne sentrum".into();
    second.behandling = Behandling::default();
    second.behandling_text = Some("Rådmannen si tilråding vart vedteken med 5 mot 2 røyster (Ap).".into());
    second.vedtak = Some("Planen vert lagd ut til offentleg ettersyn.".into());
    let mut third = second.clone();
    third.number = AgendaNumber { year: 2021, seq: 56 };
    third.title = "Tilsetjing av einingsleiar".into();
    third.behandling_text = Some("Rådmannen si tilråding vart samrøystes vedteken.".into());
    third.vedtak = Some("Kari Kandidat vert tilsett.".into());
    vec![
        MinutesItem {
            item: reference,
            attachments: vec![Attachment {
                title: "Samarbeidsavtale SyS-IKT".into(),
                journal_entry: Some("21/1069-3".parse().unwrap()),
                document: None,
            }],
            approves_minutes: Vec::new(),
            screening: Screening::default(),
        },
        MinutesItem {
            item: second,
            attachments: Vec::new(),
            approves_minutes: Vec::new(),
            screening: Screening::default(),
        },
        MinutesItem {
            item: third,
            attachments: Vec::new(),
            approves_minutes: Vec::new(),
            screening: Screening::default(),
        },
    ]
}

fn business() -> Behandling {
    let text = |t: &str, before: Option<u32>| Block {
        content: BlockContent::Business {
            business: BusinessKind::Orientering,
            title: Some("Rådmannen".into()),
            text: t.into(),
            answer: None,
        },
        joins_previous: false,
        before_item: before,
    };
    Behandling {
        blocks: vec![text("Om budsjettet.", Some(1)), text("Om sommarferien.", None)],
        ..Behandling::default()
    }
}

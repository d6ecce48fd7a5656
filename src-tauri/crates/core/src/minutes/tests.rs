use super::*;
use crate::roll::RollInput;
use crate::sample::SampleMeeting;

#[test]
fn the_header_has_time_place_and_innkalling() {
    let m = SampleMeeting::new(0).minutes();
    let facts: Vec<String> = m.facts.iter().map(|f| format!("{} {}", f.label, f.value)).collect();
    assert_eq!(
        facts,
        [
            "Møtestad: Rådhuset, Gaupne",
            "Møtedato: 15.04.2021",
            "Start kl.: 09.00",
            "Slutt kl.: 14.30",
            "Innkalling: sendt 08.04.2021 (e-post)",
            "Tilleggssaker: 56/21",
            "Underskrivarar: Kari Nes",
        ]
    );
    assert_eq!(m.title, "Møteprotokoll Formannskapet og næringsutvalet 15.04.2021");
    assert_eq!(m.distribution, ["Kommunestyret", "Revisjonen"]);
}

#[test]
fn attendance_says_what_changed_during_the_meeting() {
    let m = SampleMeeting::new(0).minutes();
    let a = &m.attendance;
    let line = |p: &Person| format!("{} {:?} {:?} {:?}", p.name, p.party, p.function, p.note);
    let members: Vec<String> = a.members.iter().map(line).collect();
    assert_eq!(
        members,
        [
            r#"Anne Leiar Some("Sp") Some("Leiar") None"#,
            r#"Per Bakken Some("Sp") None Some("kom kl. 10.15, frå sak 55/21")"#,
            r#"Olav Hauge Some("H") Some("Nestleiar") Some("gjekk kl. 13.00, til og med sak 55/21")"#,
            r#"Kari Nes Some("Ap") None Some("ikkje til stades i sak 54/21")"#,
        ]
    );
    assert_eq!(a.apologies.len(), 1);
    assert_eq!(a.apologies[0].party.as_deref(), Some("Ap"));
    let subs: Vec<String> = a.substitutes.iter().map(line).collect();
    assert_eq!(
        subs,
        [
            r#"Jon Vara Some("Ap") None Some("møtte for Eva Borte")"#,
            r#"Siri Vara Some("Sp") None Some("for ugild medlem i sak 55/21")"#,
        ]
    );
    assert_eq!(
        a.ugilde,
        [Ugild {
            name: "Anne Leiar".into(),
            item: "55/21".into(),
            basis: "fvl. § 6 første ledd bokstav a".into(),
            substitute: Some("Siri Vara".into()),
        }]
    );
    assert_eq!(a.administration[0].function.as_deref(), Some("Rådmann"));
    assert_eq!(a.others[0].note.as_deref(), Some("i sak 55/21"), "present for one sak");
    assert!(!a.unrecorded);
    assert_eq!(m.chair.as_deref(), Some("Anne Leiar"));
    assert_eq!(Signatory::names(&m.signatories), ["Anne Leiar", "Kari Nes"], "the chair first, each once");
}

#[test]
fn each_signature_line_says_why_they_sign_and_signatories_named_for_the_meeting_stand_in_the_header() {
    let mut s = SampleMeeting::new(0);
    // Named for the meeting (no sak elected them): the header names them; the chair is "møteleiar".
    let m = s.minutes();
    assert_eq!(m.signatories[0].note.as_deref(), Some("møteleiar"));
    assert_eq!(m.signatories[1].note, None);
    let header = |m: &Minutes| m.facts.iter().find(|f| f.label == "Underskrivarar:").map(|f| f.value.clone());
    assert_eq!(header(&m).as_deref(), Some("Kari Nes"), "the chair is not named twice");
    // Elected in the first sak: said under the line, not in the header.
    s.roll.input.signatories_item = Some(0);
    let m = s.minutes();
    let first = s.meeting.items[0].number_text.clone();
    assert_eq!(m.signatories[1].note.as_deref(), Some(format!("vald i sak {first}").as_str()));
    assert_eq!(header(&m), None);
    // In Bokmål.
    s.board.language = crate::board::TextLanguage::Nb;
    let m = s.minutes();
    assert_eq!(m.signatories[0].note.as_deref(), Some("møteleder"));
    assert_eq!(m.signatories[1].note.as_deref(), Some(format!("valgt i sak {first}").as_str()));
}

#[test]
fn cases_come_in_order_with_business_in_its_place_and_the_closed_basis() {
    let m = SampleMeeting::new(0).minutes();
    let kinds: Vec<String> = m
        .parts
        .iter()
        .map(|p| match p {
            MinutesPart::Business { paragraphs } => format!("business: {}", crate::behandling::as_text(paragraphs)),
            MinutesPart::Case(c) => format!("sak {}", c.number),
        })
        .collect();
    assert_eq!(kinds.len(), 5);
    assert_eq!(kinds[0], "sak 54/21");
    assert!(kinds[1].starts_with("business: ") && kinds[1].contains("Om budsjettet."), "{kinds:?}");
    assert_eq!(&kinds[2..4], ["sak 55/21", "sak 56/21"]);
    assert!(kinds[4].contains("Om sommarferien."));
    let MinutesPart::Case(first) = &m.parts[0] else { panic!() };
    assert_eq!(first.fields[0].value, "54/21");
    assert_eq!(first.sections[1].heading, "Vedtak:");
    assert_eq!(first.attachments, ["Samarbeidsavtale SyS-IKT (21/1069-3)"]);
    let MinutesPart::Case(closed) = &m.parts[3] else { panic!() };
    assert_eq!(closed.closed.as_deref(), Some("Lukka møte, jf. kl. § 11-5 andre ledd"));
    assert_eq!(m.sakliste.len(), 1);
    assert_eq!(m.sakliste[0].heading, None);
    assert_eq!(m.sakliste[0].lines[2].closed.as_deref(), Some("kl. § 11-5 andre ledd"));
    assert!(m.sakliste[0].lines[2].added_late);
}

#[test]
fn a_board_with_two_series_gets_a_sakliste_per_series() {
    let m = SampleMeeting::new(0).with_two_series().minutes();
    let groups: Vec<(Option<&str>, usize)> = m.sakliste.iter().map(|g| (g.heading.as_deref(), g.lines.len())).collect();
    assert_eq!(groups, [(Some("PS Politiske saker"), 2), (Some("RS Referatsaker"), 1)]);
    assert_eq!(m.sakliste[1].lines[0].number, "RS 1/21");
    // An item of a series the meeting does not list is printed with the last series.
    let mut odd = SampleMeeting::new(0).with_two_series();
    odd.meeting.items[2].series = 5;
    let m = odd.minutes();
    assert_eq!(m.sakliste.iter().map(|g| g.lines.len()).sum::<usize>(), 3);
}

#[test]
fn a_meeting_without_a_roll_says_so_and_a_head_count_is_kept() {
    let mut s = SampleMeeting::new(0);
    s.roll.input = RollInput::default();
    let m = s.minutes();
    assert!(m.attendance.unrecorded);
    assert!(m.signatories.is_empty());
    s.roll.input.attendance.head_count = Some(9);
    let m = s.minutes();
    assert!(!m.attendance.unrecorded);
    assert_eq!(m.attendance.head_count, Some(9));
}

#[test]
fn business_before_an_item_no_longer_on_the_list_is_printed_at_the_end() {
    let mut s = SampleMeeting::new(0);
    s.business.blocks[0].before_item = Some(9);
    let m = s.minutes();
    let texts: Vec<String> = m
        .parts
        .iter()
        .filter_map(|p| match p {
            MinutesPart::Business { paragraphs } => Some(crate::behandling::as_text(paragraphs)),
            MinutesPart::Case(_) => None,
        })
        .collect();
    assert_eq!(texts.len(), 2);
    assert!(texts.iter().any(|t| t.contains("Om budsjettet.")));
}

#[test]
fn a_bokmal_board_gets_its_moteprotokoll_in_bokmal() {
    let mut s = SampleMeeting::new(0);
    s.board.language = crate::board::TextLanguage::Nb;
    let m = s.minutes();
    assert_eq!(m.facts[0].label, "Møtested:");
    assert_eq!(m.attendance.members[1].note.as_deref(), Some("kom kl. 10.15, fra sak 55/21"));
    assert_eq!(m.attendance.members[3].note.as_deref(), Some("ikke til stede i sak 54/21"));
    assert_eq!(m.attendance.substitutes[1].note.as_deref(), Some("for inhabilt medlem i sak 55/21"));
    assert_eq!(m.attendance.members[0].function.as_deref(), Some("Leder"));
    let MinutesPart::Case(closed) = &m.parts[3] else { panic!() };
    assert_eq!(closed.closed.as_deref(), Some("Lukket møte, jf. kl. § 11-5 andre ledd"));
    assert!(m.signatures_text.starts_with("Vi bekrefter"));
    assert_eq!(m.labels, MinutesLabels::bokmal());
    // Every label differs from nothing: none is left empty in either language.
    for labels in [MinutesLabels::nynorsk(), MinutesLabels::bokmal()] {
        let json = serde_json::to_value(&labels).unwrap();
        for (key, value) in json.as_object().unwrap() {
            assert!(!value.as_str().unwrap().trim().is_empty(), "{key} is empty");
        }
    }
}

/// Everything the public must not see of the screened sample.
const SKJERMA: &[&str] = &[
    "Kari Kandidat",
    "Kandidat",
    "Tilsetjing av einingsleiar",
    "vert tilsett",
    "Rådmannen si tilråding vart samrøystes vedteken",
    "Ola Skjult",
    "Skjult",
    "SKJULT",
    "Søknad frå",
];

#[test]
fn no_skjerma_text_reaches_the_public_version() {
    let s = SampleMeeting::new(0).with_screening();
    let phrases = Phrases::nynorsk();
    let tpl = ProtocolTemplate::default();
    // The complete møtebok holds all of it: the check below means something.
    let full = serde_json::to_string(&minutes(&s.input(&phrases, &tpl)).unwrap()).unwrap();
    for secret in SKJERMA {
        assert!(full.contains(secret), "the sample should hold {secret:?}");
    }
    let public = public_minutes(&s.input(&phrases, &tpl)).unwrap();
    let text = serde_json::to_string(&public).unwrap();
    for secret in SKJERMA {
        assert!(!text.contains(secret), "{secret:?} reached the offentleg versjon");
    }
    assert_eq!(public.document_kind, "Møteprotokoll – Offentleg versjon");
    // Titles: the public title of each skjerma case.
    let titles: Vec<&str> = public.sakliste[0].lines.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "Reguleringsplan for Gaupne sentrum",
            "Tilsetjing",
            "Søknad om startlån",
        ]
    );
    let cases: Vec<&CaseMinutes> = public
        .parts
        .iter()
        .filter_map(|p| match p {
            MinutesPart::Case(c) => Some(c),
            MinutesPart::Business { .. } => None,
        })
        .collect();
    // The closed case: its legal basis and the note, nothing of what was said.
    assert_eq!(cases[2].closed.as_deref(), Some("Lukka møte, jf. kl. § 11-5 andre ledd"));
    let closed: Vec<String> = cases[2].sections.iter().flat_map(|s| &s.paragraphs).map(Paragraph::plain_text).collect();
    assert_eq!(closed, ["Saka vart handsama i lukka møte. Behandlinga og vedtaket er ikkje offentlege."]);
    // The open but skjerma case: printed, its names masked, the skjerma vedlegg by its basis.
    let vedtak = cases[3].sections.last().unwrap().paragraphs[0].plain_text();
    assert_eq!(vedtak, "NN får startlån på 500 000 kr. NN skal betale tilbake over 20 år.");
    assert_eq!(
        cases[3].attachments,
        ["Skjerma etter offl. § 13 jf. fvl. § 13 (21/1200-1)", "Retningsliner for startlån"]
    );
    // Open cases are printed whole.
    assert!(text.contains("Planen vert lagd ut til offentleg ettersyn."));
}

#[test]
fn names_are_masked_as_whole_words_in_any_case() {
    let names = ["Ola Skjult".to_string()];
    assert_eq!(mask_names("Ola Skjult og ola skjult", &names, "NN"), "NN og NN");
    assert_eq!(mask_names("Skjulte ting; Olav; Skjult.", &names, "NN"), "Skjulte ting; Olav; NN.");
    assert_eq!(mask_names("Åse Ørn søkte", &["åse ørn".to_string()], "NN"), "NN søkte");
    assert_eq!(mask_names("Ingen namn", &[], "NN"), "Ingen namn");
}

#[test]
fn the_innkalling_has_time_place_and_the_public_sakliste_without_tilleggssaker() {
    let s = SampleMeeting::new(0).with_screening();
    let n = innkalling(&s.input(&Phrases::nynorsk(), &ProtocolTemplate::default()));
    let facts: Vec<String> = n.facts.iter().map(|f| format!("{} {}", f.label, f.value)).collect();
    assert_eq!(facts, ["Møtestad: Rådhuset, Gaupne", "Møtedato: 15.04.2021", "Møtetid: kl. 09.00"]);
    assert_eq!(n.intro, "Medlemene i Formannskapet og næringsutvalet vert med dette kalla inn til møte.");
    let lines: Vec<String> = n.sakliste[0].lines.iter().map(|l| format!("{} {}", l.number, l.title)).collect();
    // 56/21 was a tilleggssak: not in the innkalling. 57/21 shows its public title.
    assert_eq!(
        lines,
        [
            "54/21 IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "55/21 Reguleringsplan for Gaupne sentrum",
            "57/21 Søknad om startlån"
        ]
    );
    assert_eq!(n.dated.as_deref(), Some("08.04.2021"));
    assert_eq!(n.signer.as_deref(), Some("Anne Leiar"));
    let text = serde_json::to_string(&n).unwrap();
    for secret in SKJERMA {
        assert!(!text.contains(secret), "{secret:?} reached the innkalling");
    }
}

#[test]
fn a_closed_item_in_the_innkalling_is_marked_with_its_basis() {
    let mut s = SampleMeeting::new(0).with_screening();
    s.meeting.items[2].added_late = false;
    let n = innkalling(&s.input(&Phrases::nynorsk(), &ProtocolTemplate::default()));
    let closed = &n.sakliste[0].lines[2];
    assert_eq!((closed.title.as_str(), closed.closed.as_deref()), ("Tilsetjing", Some("kl. § 11-5 andre ledd")));
}

#[test]
fn the_boards_layout_sets_the_title_the_labels_and_one_sakliste() {
    let s = SampleMeeting::new(0).with_two_series().with_motebok_layout();
    let m = s.minutes();
    assert_eq!(m.document_kind, "Møtebok");
    assert_eq!(m.title, "Møtebok Formannskapet og næringsutvalet 15.04.2021");
    // One list in agenda order, without series headings.
    assert_eq!(m.sakliste.len(), 1);
    assert_eq!(m.sakliste[0].heading, None);
    let numbers: Vec<&str> = m.sakliste[0].lines.iter().map(|l| l.number.as_str()).collect();
    assert_eq!(numbers, ["PS 54/21", "RS 1/21", "PS 56/21"]);
    let MinutesPart::Case(first) = &m.parts[0] else { panic!() };
    assert_eq!(first.fields[1].value, "IKT-samarbeid. Etablering av avtale med SYS-IKT", "the bare title");
    let headings: Vec<&str> = first.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Handsaming:", "VEDTAK:"]);
    // The innkalling follows the same sakliste setting.
    let n = innkalling(&s.input(&Phrases::nynorsk(), &ProtocolTemplate::default()));
    assert_eq!(n.sakliste.len(), 1);
}

#[test]
fn the_motebok_lists_its_own_vedlegg_and_the_public_version_screens_them() {
    let mut s = SampleMeeting::new(0);
    let m = s.minutes();
    assert_eq!(m.attachments, ["Presentasjon: budsjettet (21/1069-5)"]);
    assert_eq!(m.labels.meeting_attachments, "Vedlegg til møteboka:");
    // A skjerma journalpost and a vedlegg that is no journalpost.
    s.attachments.list.push(crate::record::Attachment {
        title: "Brev frå Ola Skjult".into(),
        journal_entry: Some("21/1200-1".parse().unwrap()),
        document: None,
    });
    s.attachments.list.push(crate::record::Attachment { title: "Kart".into(), journal_entry: None, document: None });
    s.attachments.screened.push(ScreenedEntry {
        number: "21/1200-1".parse().unwrap(),
        basis: "offl. § 13".into(),
        public_title: None,
    });
    let (phrases, tpl) = (Phrases::nynorsk(), ProtocolTemplate::default());
    let full = minutes(&s.input(&phrases, &tpl)).unwrap();
    assert_eq!(full.attachments, ["Presentasjon: budsjettet (21/1069-5)", "Brev frå Ola Skjult (21/1200-1)", "Kart"]);
    let public = public_minutes(&s.input(&phrases, &tpl)).unwrap();
    assert_eq!(
        public.attachments,
        ["Presentasjon: budsjettet (21/1069-5)", "Skjerma etter offl. § 13 (21/1200-1)", "Kart"]
    );
    s.board.language = crate::board::TextLanguage::Nb;
    assert_eq!(s.minutes().labels.meeting_attachments, "Vedlegg til møteboken:");
}

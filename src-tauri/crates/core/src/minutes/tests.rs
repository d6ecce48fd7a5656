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
            "Start kl.: 09:00",
            "Slutt kl.: 14:30",
            "Innkalling: sendt 08.04.2021 (e-post)",
            "Tilleggssaker: 56/21",
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
    assert_eq!(m.signatories, ["Anne Leiar", "Kari Nes"], "the chair first, each once");
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

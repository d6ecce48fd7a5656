//! The deadlines' calendar file read back by an independent iCalendar
//! parser (the `icalendar` crate): every event, its date, UID and text.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use saksbok_core::agreement::calendar::to_ics;
use saksbok_core::agreement::deadlines::{AgreementDates, TaskDates, deadlines};
use saksbok_core::agreement::task::TaskStatus;
use saksbok_core::agreement::{AgreementStatus, Running, Term};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn deadlines_read_back_from_the_ics_file() {
    let agreement = AgreementDates {
        id: 1,
        uuid: "9f1c".into(),
        title: "Samarbeidsavtale med SyS-IKT; IKT, drift og utvikling".into(),
        status: AgreementStatus::IKraft,
        running: Some(Running {
            start: Some(d(2022, 1, 1)),
            term: Term::Fixed { end: d(2027, 6, 30) },
            notice_months: 6,
        }),
        review_date: None,
        revision: 3,
    };
    let task = TaskDates {
        id: 4,
        uuid: "77ab".into(),
        title: "Luster kommune bør utvikle sin eigen IKT-strategi, med mål for åra 2027–2030 og ei plan for \
                korleis ho skal følgjast opp."
            .into(),
        agreement: Some((1, agreement.title.clone())),
        responsible: Some("Stabsleiar".into()),
        due: Some(d(2026, 12, 20)),
        status: TaskStatus::IGang,
        revision: 1,
    };
    let list = deadlines(&[agreement], &[task], d(2026, 12, 4), 365);
    let text = to_ics(&list.items, Utc.with_ymd_and_hms(2026, 12, 4, 13, 0, 0).unwrap()).unwrap();
    assert!(text.lines().all(|l| l.len() <= 75 + 1), "lines are folded at 75 octets");
    assert!(text.contains("\r\n"), "CRLF line ends");

    let cal: Calendar = text.parse().expect("a valid iCalendar file");
    assert_eq!(cal.property_value("METHOD"), Some("PUBLISH"));
    let events: Vec<_> = cal.components.iter().filter_map(CalendarComponent::as_event).collect();
    let seen: Vec<_> = events
        .iter()
        .map(|e| {
            let Some(DatePerhapsTime::Date(start)) = e.get_start() else { panic!("all-day event") };
            let Some(DatePerhapsTime::Date(end)) = e.get_end() else { panic!("all-day event") };
            assert_eq!((end - start).num_days(), 1);
            (e.get_uid().unwrap().to_string(), start, e.get_sequence())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("oppgave-77ab@saksbok.luster.kommune.no".to_string(), d(2026, 12, 20), Some(1)),
            ("avtale-9f1c-oppseiing@saksbok.luster.kommune.no".to_string(), d(2026, 12, 31), Some(3)),
            ("avtale-9f1c-slutt@saksbok.luster.kommune.no".to_string(), d(2027, 6, 30), Some(3)),
        ]
    );
    let notice = events[1];
    assert_eq!(
        notice.get_summary(),
        Some("Oppseiingsfrist: Samarbeidsavtale med SyS-IKT; IKT, drift og utvikling"),
        "commas and semicolons come back unescaped"
    );
    let description = notice.get_description().unwrap();
    assert!(description.contains("Oppseiing innan fristen: avtalen sluttar 30.06.2027."), "{description}");
    let task = events[0];
    assert!(task.get_summary().unwrap().ends_with("ho skal følgjast opp."), "folded UTF-8 joins again");
    assert!(task.get_description().unwrap().contains("Ansvarleg: Stabsleiar"));
}

#[test]
fn the_same_deadlines_give_the_same_uids_on_a_second_export() {
    let a = AgreementDates {
        id: 1,
        uuid: "u".into(),
        title: "A".into(),
        status: AgreementStatus::Signert,
        running: Some(Running { start: Some(d(2022, 1, 1)), term: Term::OpenEnded, notice_months: 12 }),
        review_date: Some(d(2027, 1, 1)),
        revision: 0,
    };
    let first = to_ics(&deadlines(std::slice::from_ref(&a), &[], d(2026, 12, 4), 60).items, Utc::now()).unwrap();
    let second = to_ics(&deadlines(&[a], &[], d(2026, 12, 5), 60).items, Utc::now()).unwrap();
    let uids = |t: &str| t.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(uids(&first), ["UID:avtale-u-revisjon@saksbok.luster.kommune.no"]);
    assert_eq!(uids(&first), uids(&second));
}

#[test]
fn no_calendar_file_without_a_deadline() {
    // RFC 5545 asks for at least one event; an empty file would change nothing.
    let e = to_ics(&[], Utc::now()).unwrap_err();
    assert!(e.starts_with("Det er ingen fristar å leggja i kalenderfila"), "{e}");
}

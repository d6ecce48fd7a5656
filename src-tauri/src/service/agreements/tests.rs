//! Agreements from the window, without a window: the form, the lifecycle,
//! links, tasks from the vedtak, Fristar and its calendar file.

use chrono::{TimeZone, Utc};
use saksbok_core::agreement::form::{AgreementKind, PartyInput, PartyRole, TermKind};
use saksbok_core::agreement::task::TaskStatus;
use tempfile::TempDir;

use super::*;

fn state(dir: &TempDir) -> AppState {
    AppState::open(
        dir.path().join("db/saksbok.sqlite3"),
        dir.path().join("data/protokollar"),
        "test".into(),
        dir.path().join("config"),
    )
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn input() -> AgreementInput {
    AgreementInput {
        title: "Felles brannvern".into(),
        kind: Some(AgreementKind::Tenesteavtale),
        start_date: Some("01.01.2025".into()),
        term_kind: Some(TermKind::Fixed),
        end_date: Some("31.12.2027".into()),
        notice_months: Some(12),
        parties: vec![
            PartyInput {
                name: "Luster kommune".into(),
                orgnr: Some("974760673".into()),
                role: Some(PartyRole::Deltakar),
                contact: None,
            },
            PartyInput {
                name: "Sogn brann og redning IKS".into(),
                orgnr: None,
                role: Some(PartyRole::Leverandor),
                contact: None,
            },
        ],
        ..AgreementInput::default()
    }
}

#[test]
fn an_agreement_is_made_linked_followed_up_and_its_deadlines_exported() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    crate::service::load_demo(&st, now()).unwrap();

    // Bad input comes back field by field, and nothing is stored.
    let mut bad = input();
    bad.parties[0].orgnr = Some("974760674".into());
    bad.end_date = Some("31.12.2024".into());
    let e = create_agreement(&st, &bad, now()).unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["end_date", "parties.0.orgnr"]);
    assert_eq!(validate_agreement(&bad).len(), 2);
    assert_eq!(list_agreements(&st, today()).unwrap().len(), 1, "only the demo's");

    let a = create_agreement(&st, &input(), now()).unwrap();
    assert_eq!(a.history[0].changed_on, "2026-12-04");
    let e = set_agreement_status(&st, a.id, AgreementStatus::Signert, "04.12.2026", None, now()).unwrap_err();
    assert!(e.message.contains("kan ikkje bli signert direkte"), "{}", e.message);
    let e = set_agreement_status(&st, a.id, AgreementStatus::UnderForhandling, "i går", None, now()).unwrap_err();
    assert_eq!(e.fields[0].field, "status_on");
    for s in [AgreementStatus::UnderForhandling, AgreementStatus::Godkjend] {
        set_agreement_status(&st, a.id, s, "04.12.2026", Some("Vedteke i kommunestyret"), now()).unwrap();
    }

    let e = link_agreement(&st, a.id, "21/9999", None, now()).unwrap_err();
    assert!(e.message.contains("Arkivsak 21/9999 finst ikkje"), "{}", e.message);
    let e = link_agreement(&st, a.id, "tjueein", None, now()).unwrap_err();
    assert_eq!(e.fields[0].field, "link_case");
    let a = link_agreement(&st, a.id, "21/1069", Some("54/21"), now()).unwrap();
    let item = a.links[0].agenda_item_id.unwrap();
    let a = tasks_from_vedtak(&st, a.id, item, now()).unwrap();
    assert_eq!(a.tasks.len(), 5);
    let e = tasks_from_vedtak(&st, a.id, item, now()).unwrap_err();
    assert!(e.message.contains("har alt ei oppgåve"), "{}", e.message);

    let task = TaskInput {
        title: "Avklar kostnadsfordeling".into(),
        responsible: Some("Økonomisjef".into()),
        due: Some("15.12.2026".into()),
        status: TaskStatus::IkkjeStarta,
        notes: None,
    };
    let t = create_task(&st, Some(a.id), &task, now()).unwrap();
    assert_eq!(t.due.as_deref(), Some("2026-12-15"));
    let t = update_task(&st, t.id, &TaskInput { status: TaskStatus::IGang, ..task }, now()).unwrap();
    assert_eq!((t.status, t.revision), (TaskStatus::IGang, 1));

    let over = deadlines(&st, today(), 30).unwrap();
    let kinds: Vec<_> = over.items.iter().map(|d| (d.kind, d.date.to_string())).collect();
    assert_eq!(
        kinds,
        [
            (saksbok_core::agreement::deadlines::DeadlineKind::Task, "2026-12-15".to_string()),
            (saksbok_core::agreement::deadlines::DeadlineKind::Notice, "2026-12-31".to_string()),
        ]
    );
    assert_eq!(over.undated_tasks.len(), 10, "the demo's five and these five");
    assert!(deadlines(&st, today(), 0).is_err());

    let file = write_calendar(&st, today(), 30, now()).unwrap();
    assert_eq!((file.events, file.undated), (2, 10));
    assert!(file.path.ends_with("kalender/saksbok-fristar.ics"), "{}", file.path);
    let text = std::fs::read_to_string(&file.path).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert!(text.contains("SUMMARY:Oppseiingsfrist: Felles brannvern"), "{text}");
    // Written again: replaced, with the same UIDs.
    let again = write_calendar(&st, today(), 30, now()).unwrap();
    let uids = |t: &str| t.lines().filter(|l| l.starts_with("UID:")).map(String::from).collect::<Vec<_>>();
    assert_eq!(uids(&std::fs::read_to_string(&again.path).unwrap()), uids(&text));

    let case = crate::service::list_cases(&st, &saksbok_core::register::CaseQuery::default()).unwrap().rows[0].id;
    // The demo's case has no documents to choose the signed agreement from.
    assert!(document_choices(&st, a.id).unwrap().is_empty());
    let e = set_agreement_document(&st, a.id, Some(1), now()).unwrap_err();
    assert!(e.message.contains("kople saka først"), "{}", e.message);
    let of_case = agreements_of_case(&st, case).unwrap();
    let titles: Vec<_> = of_case.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Felles brannvern", "Samarbeidsavtale med SyS-IKT"]);
}

#[test]
fn the_follow_up_report_is_written_to_a_new_file_each_time() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    crate::service::load_demo(&st, now()).unwrap();
    let board = crate::service::boards::list_boards(&st).unwrap()[0].id;
    let first = write_followup(&st, board, "01.01.2021", "31.12.2021", today(), now()).unwrap();
    let second = write_followup(&st, board, "01.01.2021", "31.12.2021", today(), now()).unwrap();
    assert_ne!(first, second, "an earlier report is never overwritten");
    assert!(
        first.to_string_lossy().ends_with("oppfolging-formannskapet-og-naeringsutvalet-2021-01-01--2021-12-31-v1.pdf")
    );
    assert!(std::fs::read(&second).unwrap().starts_with(b"%PDF-"));
    let e = write_followup(&st, board, "01.01.2021", "i fjor", today(), now()).unwrap_err();
    assert_eq!(e.fields[0].field, "report_to");
}

#[test]
fn no_calendar_file_is_written_without_a_deadline() {
    let dir = TempDir::new().unwrap();
    let st = state(&dir);
    let e = write_calendar(&st, today(), 30, now()).unwrap_err();
    assert_eq!(e.code, "invalid");
    assert!(e.message.starts_with("Det er ingen fristar å leggja i kalenderfila"), "{}", e.message);
    assert!(!std::path::Path::new(&calendar_path(&st)).exists());
}

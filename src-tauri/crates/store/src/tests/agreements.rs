//! Agreements and follow-up tasks on a real SQLite file: the demo's SyS-IKT
//! agreement, the form saved whole, the status lifecycle and its kept
//! history, links to cases and vedtak, tasks from vedtak paragraphs, and the
//! Fristar overview.

use chrono::NaiveDate;
use saksbok_core::agreement::AgreementStatus;
use saksbok_core::agreement::deadlines::DeadlineKind;
use saksbok_core::agreement::form::{AgreementInput, AgreementKind, PartyInput, PartyRole, TermKind};
use saksbok_core::agreement::task::{TaskInput, TaskStatus};
use saksbok_core::text::paragraphs;
use tempfile::TempDir;

use super::{db, who, with_demo};
use crate::tasks::TaskSource;
use crate::{Store, StoreError, agreements, cases, tasks};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 25)
}

fn input() -> AgreementInput {
    AgreementInput {
        title: "Barnevernsamarbeid i Sogn".into(),
        kind: Some(AgreementKind::Vertskommuneavtale),
        organisation_form: Some(saksbok_core::agreement::form::OrganisationForm::Vertskommune),
        start_date: Some("01.01.2024".into()),
        term_kind: Some(TermKind::Fixed),
        end_date: Some("31.12.2027".into()),
        notice_months: Some(12),
        review_date: Some("01.03.2027".into()),
        parties: vec![
            PartyInput {
                name: "Sogndal kommune".into(),
                orgnr: None,
                role: Some(PartyRole::Vertskommune),
                contact: Some("postmottak@sogndal.kommune.no".into()),
            },
            PartyInput {
                name: "Luster kommune".into(),
                orgnr: Some("974 760 673".into()),
                role: Some(PartyRole::Deltakar),
                contact: None,
            },
        ],
        ..AgreementInput::default()
    }
}

fn create(s: &mut Store, i: &AgreementInput) -> i64 {
    let f = i.validate().unwrap();
    s.write(|tx| agreements::create(tx, &who(), &f, today())).unwrap()
}

#[test]
fn the_demo_brings_the_sys_ikt_agreement_with_its_vedtak_and_five_tasks() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let c = s.conn();
    let list = agreements::list(c, today()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].title.as_str(), list[0].status),
        ("Samarbeidsavtale med SyS-IKT", AgreementStatus::UnderForhandling)
    );
    assert_eq!(list[0].open_tasks, 5);
    assert!(list[0].next_deadline.is_none(), "no dates are known");

    let a = agreements::get(c, list[0].id, today()).unwrap();
    let history: Vec<_> = a.history.iter().map(|h| (h.status, h.changed_on.as_str())).collect();
    assert_eq!(history, [(AgreementStatus::Utkast, "2021-04-15"), (AgreementStatus::UnderForhandling, "2021-04-15")]);
    assert!(a.history[1].note.as_deref().unwrap().contains("sak 54/21"));
    assert_eq!(a.links.len(), 1);
    let link = &a.links[0];
    assert_eq!(
        (link.case_number.as_str(), link.agenda_number.as_deref(), link.board.as_deref(), link.meeting_date.as_deref()),
        ("21/1069", Some("54/21"), Some("Formannskapet og næringsutvalet"), Some("2021-04-15"))
    );
    assert!(a.input.fullmakt.as_deref().unwrap().starts_with("Rådmannen får fullmakt til å godkjenne"));
    assert!(a.input.scope.as_deref().unwrap().contains("Rådhuset i Gaupne"));
    assert!(a.input.start_date.is_none() && a.input.parties.iter().all(|p| p.orgnr.is_none()));

    let vedtak = saksbok_core::demo::reference().meeting.items[0].vedtak.clone().unwrap();
    let expected = paragraphs(&vedtak);
    assert_eq!(a.tasks.len(), 5);
    for (i, t) in a.tasks.iter().enumerate() {
        assert_eq!(t.paragraph, Some(i as u32 + 1));
        assert_eq!(t.source_text.as_deref(), Some(expected[i].as_str()), "word for word");
        assert_eq!((t.status, t.agenda_number.as_deref()), (TaskStatus::IkkjeStarta, Some("54/21")));
        assert_eq!(t.agreement_title.as_deref(), Some("Samarbeidsavtale med SyS-IKT"));
    }
    assert_eq!(a.tasks[3].title, "Luster kommune bør utvikle sin eigen IKT-strategi.");

    // Following up the same vedtak again adds nothing.
    let item = a.links[0].agenda_item_id.unwrap();
    let again = s.write(|tx| tasks::from_vedtak(tx, &who(), item, Some(a.id))).unwrap();
    assert!(again.is_empty());
    let case = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let of_case = agreements::for_case(s.conn(), case).unwrap();
    assert_eq!(of_case, [(a.id, "Samarbeidsavtale med SyS-IKT".to_string(), AgreementStatus::UnderForhandling)]);
    // The undated tasks are named, not put in a calendar.
    let over = tasks::overview(s.conn(), today(), 180).unwrap();
    assert!(over.items.is_empty());
    assert_eq!(over.undated_tasks.len(), 5);
}

#[test]
fn an_agreement_is_saved_whole_and_read_back() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let id = create(&mut s, &input());
    let a = agreements::get(s.conn(), id, today()).unwrap();
    assert_eq!(a.status, AgreementStatus::Utkast);
    assert_eq!(a.next_statuses, [AgreementStatus::UnderForhandling, AgreementStatus::Utgatt], "a draft may be dropped");
    assert_eq!(a.input.legal_basis.as_deref(), Some("kommunelova § 20-2"));
    assert_eq!(a.input.parties[1].orgnr.as_deref(), Some("974760673"));
    assert_eq!(a.input.end_date.as_deref(), Some("31.12.2027"));
    assert_eq!(a.input.validate().unwrap(), input().validate().unwrap(), "the form reads back as it was saved");
    assert_eq!(a.revision, 0);

    let mut changed = input();
    changed.parties.swap(0, 1);
    changed.parties.pop();
    changed.notice_months = Some(6);
    let f = changed.validate().unwrap();
    s.write(|tx| agreements::update(tx, &who(), id, &f)).unwrap();
    let a = agreements::get(s.conn(), id, today()).unwrap();
    assert_eq!(a.input.parties.len(), 1);
    assert_eq!(a.input.parties[0].name, "Luster kommune");
    assert_eq!((a.input.notice_months, a.revision), (Some(6), 1));
    // Saving the same again is no change.
    s.write(|tx| agreements::update(tx, &who(), id, &f)).unwrap();
    assert_eq!(agreements::get(s.conn(), id, today()).unwrap().revision, 1);
    let audited: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'agreement' AND entity_id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 2, "create and one update");
}

#[test]
fn the_status_follows_the_lifecycle_and_its_history_is_kept() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let id = create(&mut s, &input());
    let step = |s: &mut Store, next, on| s.write(|tx| agreements::set_status(tx, &who(), id, next, on, None));

    let skip = step(&mut s, AgreementStatus::IKraft, today()).unwrap_err();
    assert!(matches!(skip, StoreError::Invalid(_)));
    assert!(skip.to_string().contains("kan ikkje bli i kraft direkte"), "{skip}");
    for next in [AgreementStatus::UnderForhandling, AgreementStatus::Godkjend, AgreementStatus::Signert] {
        step(&mut s, next, today()).unwrap();
    }
    let early = step(&mut s, AgreementStatus::IKraft, d(2026, 1, 1)).unwrap_err();
    assert!(early.to_string().contains("tidlegare dato"), "{early}");
    step(&mut s, AgreementStatus::IKraft, d(2027, 1, 1)).unwrap();
    let a = agreements::get(s.conn(), id, today()).unwrap();
    assert_eq!(a.status, AgreementStatus::IKraft);
    assert_eq!(a.history.len(), 5);
    assert_eq!(a.history[4].changed_by, "test");
    assert_eq!(a.next_statuses, [AgreementStatus::Oppsagt, AgreementStatus::Utgatt]);

    let c = s.conn();
    for sql in ["UPDATE agreement_status_log SET status = 'utkast'", "DELETE FROM agreement_status_log"] {
        let e = c.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("Historikken til ein avtale kan ikkje endrast"), "{e}");
    }
    let bad = c.execute("UPDATE agreement_parties SET orgnr = '97476067X'", []).unwrap_err();
    assert!(bad.to_string().contains("CHECK"), "{bad}");
}

#[test]
fn links_go_to_cases_and_vedtak_that_exist_and_belong_together() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let id = create(&mut s, &input());
    let link = |s: &mut Store, case: &str, item: Option<&str>| {
        s.write(|tx| agreements::link(tx, &who(), id, case.parse().unwrap(), item.map(|i| (i.parse().unwrap(), None))))
    };
    let missing = link(&mut s, "21/9999", None).unwrap_err();
    assert_eq!(missing.to_string(), "Arkivsak 21/9999 finst ikkje. Sjå etter skrivefeil i saksnummeret.");
    let no_item = link(&mut s, "21/1069", Some("99/21")).unwrap_err();
    assert_eq!(no_item.to_string(), "Utvalssak 99/21 finst ikkje.");
    super::register_one(&mut s, "Anna sak");
    let wrong = link(&mut s, "26/1", Some("54/21")).unwrap_err();
    assert!(wrong.to_string().contains("er ikkje behandla i arkivsak"), "{wrong}");

    link(&mut s, "21/1069", Some("54/21")).unwrap();
    link(&mut s, "21/1069", Some("54/21")).unwrap();
    link(&mut s, "21/1069", None).unwrap();
    let a = agreements::get(s.conn(), id, today()).unwrap();
    assert_eq!(a.links.len(), 2, "the same link once; the case alone is a link of its own");
    s.write(|tx| agreements::unlink(tx, &who(), id, a.links[1].id)).unwrap();
    assert_eq!(agreements::get(s.conn(), id, today()).unwrap().links.len(), 1);
    assert!(s.write(|tx| agreements::unlink(tx, &who(), id, 9999)).is_err());
}

#[test]
fn fristar_list_notice_expiry_review_and_tasks_of_binding_agreements() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let id = create(&mut s, &input());
    let task = |title: &str, due: Option<&str>| TaskInput {
        title: title.into(),
        responsible: Some("Barnevernleiar".into()),
        due: due.map(Into::into),
        status: TaskStatus::IkkjeStarta,
        notes: None,
    };
    let source = TaskSource { agreement_id: Some(id), ..TaskSource::default() };
    let soon = task("Budsjett for 2027 til styret", Some("10.12.2026")).validate().unwrap();
    let late = task("Evaluering", Some("01.11.2026")).validate().unwrap();
    let undated = task("Ny kontaktperson", None).validate().unwrap();
    let t1 = s.write(|tx| tasks::create(tx, &who(), &source, &soon)).unwrap();
    s.write(|tx| tasks::create(tx, &who(), &source, &late)).unwrap();
    s.write(|tx| tasks::create(tx, &who(), &TaskSource::default(), &undated)).unwrap();

    // While a draft, only the tasks have deadlines.
    let over = tasks::overview(s.conn(), today(), 400).unwrap();
    let kinds: Vec<_> = over.items.iter().map(|i| (i.kind, i.date, i.overdue)).collect();
    assert_eq!(kinds, [(DeadlineKind::Task, d(2026, 11, 1), true), (DeadlineKind::Task, d(2026, 12, 10), false)]);
    assert_eq!(over.undated_tasks, ["Ny kontaktperson"]);

    for next in [AgreementStatus::UnderForhandling, AgreementStatus::Godkjend] {
        s.write(|tx| agreements::set_status(tx, &who(), id, next, today(), None)).unwrap();
    }
    let over = tasks::overview(s.conn(), today(), 400).unwrap();
    let kinds: Vec<_> = over.items.iter().map(|i| (i.kind, i.date)).collect();
    assert_eq!(
        kinds,
        [
            (DeadlineKind::Task, d(2026, 11, 1)),
            (DeadlineKind::Task, d(2026, 12, 10)),
            (DeadlineKind::Notice, d(2026, 12, 31)),
            (DeadlineKind::Review, d(2027, 3, 1)),
        ]
    );
    assert_eq!(over.items[2].revision, 2, "two status changes");
    let within_30 = tasks::overview(s.conn(), today(), 30).unwrap();
    assert_eq!(within_30.items.len(), 2);

    // A task done leaves the list; its revision goes up with each change.
    let done = TaskInput { status: TaskStatus::Ferdig, ..task("Budsjett for 2027 til styret", Some("10.12.2026")) };
    s.write(|tx| tasks::update(tx, &who(), t1, &done.validate().unwrap())).unwrap();
    assert_eq!(tasks::get(s.conn(), t1).unwrap().revision, 1);
    let over = tasks::overview(s.conn(), today(), 400).unwrap();
    assert!(over.items.iter().all(|i| i.task_id != Some(t1)));
    let row = &agreements::list(s.conn(), today()).unwrap()[0];
    assert_eq!((row.open_tasks, row.next_deadline.as_ref().map(|d| d.date)), (1, Some(d(2026, 12, 31))));
}

#[test]
fn a_task_for_something_that_does_not_exist_is_refused() {
    let dir = TempDir::new().unwrap();
    let mut s = Store::open(&db(&dir)).unwrap();
    let f = TaskInput { title: "X".into(), responsible: None, due: None, status: TaskStatus::IGang, notes: None }
        .validate()
        .unwrap();
    let e = s
        .write(|tx| tasks::create(tx, &who(), &TaskSource { agreement_id: Some(42), ..TaskSource::default() }, &f))
        .unwrap_err();
    assert_eq!(e.to_string(), "Avtalen med id 42 finst ikkje.");
    let e = s.write(|tx| tasks::from_vedtak(tx, &who(), 42, None)).unwrap_err();
    assert_eq!(e.to_string(), "Utvalssaka med id 42 finst ikkje.");
    assert!(agreements::find(s.conn(), "ingen").is_err());
}

#[test]
fn the_follow_up_report_holds_the_tasks_of_the_boards_vedtak_in_the_period() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let (board, name) = crate::boards::board_named(s.conn(), None).unwrap();
    assert_eq!(name, "Formannskapet og næringsutvalet");
    assert_eq!(crate::boards::board_named(s.conn(), Some("FORMANNSKAPET OG NÆRINGSUTVALET")).unwrap().0, board);
    assert!(crate::boards::board_named(s.conn(), Some("Kommunestyret")).is_err());

    // A second agreement following up the same vedtak gets its own five tasks.
    let other = create(&mut s, &input());
    let item = crate::agenda::find_agenda_item(s.conn(), "54/21".parse().unwrap(), None).unwrap();
    assert_eq!(s.write(|tx| tasks::from_vedtak(tx, &who(), item, Some(other))).unwrap().len(), 5);

    let r = tasks::followup_report(s.conn(), board, d(2021, 1, 1), d(2021, 12, 31), today()).unwrap();
    assert_eq!(r.items.len(), 1);
    assert_eq!((r.items[0].number.as_str(), r.items[0].meeting_date), ("54/21", d(2021, 4, 15)));
    let paragraphs: Vec<_> = r.items[0].tasks.iter().map(|t| t.paragraph.unwrap()).collect();
    assert_eq!(paragraphs, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    assert_eq!(r.summary(), "10 oppgåver: 0 ferdige, 0 i gang, 10 ikkje starta.");
    let later = tasks::followup_report(s.conn(), board, d(2022, 1, 1), d(2022, 12, 31), today()).unwrap();
    assert!(later.items.is_empty());
    let e = tasks::followup_report(s.conn(), board, d(2022, 1, 1), d(2021, 12, 31), today()).unwrap_err();
    assert_eq!(e.to_string(), "Perioden sluttar før han byrjar.");
}

#[test]
fn a_vedtak_whose_number_two_boards_use_is_told_apart_by_its_case() {
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    super::register_one(&mut s, "Anna sak");
    // Kommunestyret's own 54/21, about another case (each board numbers from 1 every year).
    let mut other = saksbok_core::demo::reference().meeting;
    other.info.board = "Kommunestyret".into();
    other.items[0].case_number = Some("26/1".parse().unwrap());
    s.write(|tx| crate::agenda::insert_meeting(tx, &who(), &other)).unwrap();
    let id = create(&mut s, &input());
    let link = |s: &mut Store, case: &str| {
        s.write(|tx| agreements::link(tx, &who(), id, case.parse().unwrap(), Some(("54/21".parse().unwrap(), None))))
    };
    link(&mut s, "21/1069").unwrap();
    link(&mut s, "26/1").unwrap();
    let a = agreements::get(s.conn(), id, today()).unwrap();
    let boards: Vec<_> = a.links.iter().map(|l| (l.case_number.as_str(), l.board.as_deref())).collect();
    assert_eq!(boards, [("21/1069", Some("Formannskapet og næringsutvalet")), ("26/1", Some("Kommunestyret"))]);
    super::register_one(&mut s, "Tredje sak");
    let e = link(&mut s, "26/2").unwrap_err();
    assert_eq!(e.to_string(), "Utvalssak 54/21 er ikkje behandla i arkivsak 26/2: vel sak og vedtak som høyrer saman.");
}

#[test]
fn the_signed_agreement_is_a_document_of_a_linked_case() {
    use saksbok_core::journal::{JournalInput, JournalKind, JournalStatus};
    let dir = TempDir::new().unwrap();
    let mut s = with_demo(&db(&dir));
    let id = create(&mut s, &input());
    let case = cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let j = JournalInput {
        kind: JournalKind::Incoming,
        date: "2021-09-01".into(),
        correspondent: Some("SyS IKT".into()),
        title: "Signert samarbeidsavtale".into(),
        public_title: None,
        status: JournalStatus::Journalised,
        screening_basis: None,
    };
    let entry = s.write(|tx| crate::journal::create(tx, &who(), case, &j.validate().unwrap())).unwrap();
    let doc = s.write(|tx| crate::documents::attach(tx, &who(), entry.id, "avtale.pdf", b"%PDF-1.7 avtale")).unwrap();
    // Not until the case is linked.
    let e = s.write(|tx| agreements::set_document(tx, &who(), id, Some(doc.id))).unwrap_err();
    assert!(e.to_string().contains("kople saka først"), "{e}");
    assert!(agreements::document_choices(s.conn(), id).unwrap().is_empty());
    s.write(|tx| agreements::link(tx, &who(), id, "21/1069".parse().unwrap(), None)).unwrap();
    let choices = agreements::document_choices(s.conn(), id).unwrap();
    assert_eq!(choices.len(), 1);
    assert_eq!(
        (choices[0].journal_number.as_str(), choices[0].journal_title.as_str()),
        ("21/1069-1", "Signert samarbeidsavtale")
    );
    s.write(|tx| agreements::set_document(tx, &who(), id, Some(doc.id))).unwrap();
    let a = agreements::get(s.conn(), id, today()).unwrap();
    assert_eq!(a.document.unwrap().file_name, "avtale.pdf");
    s.write(|tx| agreements::set_document(tx, &who(), id, None)).unwrap();
    assert!(agreements::get(s.conn(), id, today()).unwrap().document.is_none());

    // Unlinking the case takes the signed agreement away once no link names the case.
    s.write(|tx| agreements::link(tx, &who(), id, "21/1069".parse().unwrap(), Some(("54/21".parse().unwrap(), None))))
        .unwrap();
    s.write(|tx| agreements::set_document(tx, &who(), id, Some(doc.id))).unwrap();
    let links = agreements::get(s.conn(), id, today()).unwrap().links;
    assert_eq!(links.len(), 2);
    s.write(|tx| agreements::unlink(tx, &who(), id, links[0].id)).unwrap();
    assert!(
        agreements::get(s.conn(), id, today()).unwrap().document.is_some(),
        "the vedtak's link still names the case"
    );
    s.write(|tx| agreements::unlink(tx, &who(), id, links[1].id)).unwrap();
    assert!(agreements::get(s.conn(), id, today()).unwrap().document.is_none());
}

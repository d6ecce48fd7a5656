//! Agreements through the real window: an agreement with two parties made
//! in the form (a wrong organisasjonsnummer refused first, in its field),
//! moved to godkjend, linked to arkivsak 21/1069 and its vedtak 54/21, a
//! follow-up task added with a due date, and then seen under Fristar and on
//! the start page. axe-core checks both screens; screenshots for people.

use chrono::{Days, Local};
use thirtyfour::prelude::*;

use crate::axe::axe;
use crate::common::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb, WebKitWebDriver and tauri-driver (run by .ci/test)"]
async fn an_agreement_is_made_linked_followed_up_and_due() {
    let home = home();
    let db = home.path().join("saksbok.sqlite3");
    {
        let mut s = saksbok_store::Store::open(&db).unwrap();
        let who = saksbok_store::Actor { name: "test", now: chrono::Utc::now() };
        s.write(|tx| saksbok_store::demo::load_demo(tx, &who, &saksbok_core::demo::reference())).unwrap();
        // The signed agreement, registered as a journalpost of the case.
        let case = saksbok_store::cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
        let j = saksbok_core::journal::JournalInput {
            kind: saksbok_core::journal::JournalKind::Incoming,
            date: "2026-11-20".into(),
            correspondent: Some("Sogndal kommune".into()),
            title: "Signert avtale om barnevernteneste".into(),
            public_title: None,
            status: saksbok_core::journal::JournalStatus::Journalised,
            screening_basis: None,
        };
        let entry = s.write(|tx| saksbok_store::journal::create(tx, &who, case, &j.validate().unwrap())).unwrap();
        s.write(|tx| saksbok_store::documents::attach(tx, &who, entry.id, "signert-avtale.pdf", b"%PDF-1.7 avtale"))
            .unwrap();
    }
    let app = start(home.path(), &["--db", db.to_str().unwrap()]).await;
    let d = &app.d;

    by_test_id(d, "nav-agreements").await.click().await.unwrap();
    shown_text(&by_test_id(d, "agreement-row").await, &["Samarbeidsavtale med SyS-IKT", "Under forhandling"]).await;
    by_test_id(d, "new-agreement").await.click().await.unwrap();
    by_test_id(d, "agreement-form").await;
    type_into(d, "agreement-title", "Felles barnevernteneste i Sogn").await;
    choose(d, "agreement-kind", "Vertskommuneavtale").await;
    choose(d, "agreement-form", "Vertskommunesamarbeid (kl. § 20-2)").await;
    type_into(d, "agreement-start", "01.01.2025").await;
    choose(d, "agreement-term", "Fast periode").await;
    type_into(d, "agreement-end", "30.06.2027").await;
    type_into(d, "agreement-notice", "6").await;
    let names = d.find_all(By::Css("[data-testid='party-name']")).await.unwrap();
    let orgnrs = d.find_all(By::Css("[data-testid='party-orgnr']")).await.unwrap();
    names[0].send_keys("Sogndal kommune").await.unwrap();
    names[1].send_keys("Luster kommune").await.unwrap();
    // One digit wrong: refused in its field, nothing saved.
    orgnrs[1].send_keys("974 760 674").await.unwrap();
    by_test_id(d, "save-agreement").await.click().await.unwrap();
    let error = d.query(By::Css("li.party .field-error")).wait(WAIT, POLL).first().await.unwrap();
    assert!(error.text().await.unwrap().contains("kontrollsifferet stemmer ikkje"));
    let focused = d.active_element().await.unwrap();
    assert_eq!(focused.attr("data-testid").await.unwrap().as_deref(), Some("party-orgnr"));
    axe(d, "agreements").await;
    shot(d, "avtale-feil-orgnr.png").await;
    orgnrs[1].clear().await.unwrap();
    orgnrs[1].send_keys("974 760 673").await.unwrap();
    by_test_id(d, "save-agreement").await.click().await.unwrap();
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["Avtalen er lagra"]).await;

    // The lifecycle: under forhandling, then godkjend.
    by_test_id(d, "status-to-under_forhandling").await.click().await.unwrap();
    by_test_id(d, "status-to-godkjend").await.click().await.unwrap();
    shown_text(&by_test_id(d, "agreement-status-now").await, &["Godkjend"]).await;
    shown_text(&by_test_id(d, "status-history").await, &["Utkast", "Under forhandling", "Godkjend"]).await;

    // Linked to the case and its vedtak.
    type_into(d, "link-case", "21/1069").await;
    type_into(d, "link-item", "54/21").await;
    by_test_id(d, "add-link").await.click().await.unwrap();
    shown_text(&by_test_id(d, "agreement-link").await, &["21/1069", "Vedtak 54/21, Formannskapet og næringsutvalet"])
        .await;
    by_test_id(d, "agreement-status").await.scroll_into_view().await.unwrap();
    shot(d, "avtale-status.png").await;

    // The signed agreement: the document registered in the linked case.
    choose(d, "signed-document", "21/1069-1 Signert avtale om barnevernteneste – signert-avtale.pdf").await;
    by_test_id(d, "save-signed-document").await.click().await.unwrap();
    shown_text(&by_test_id(d, "agreement-document").await, &["signert-avtale.pdf", "21/1069-1"]).await;

    // A task with a due date ten days from now.
    let due = Local::now().date_naive().checked_add_days(Days::new(10)).unwrap().format("%d.%m.%Y").to_string();
    let new_row = by_test_id(d, "task-new").await;
    new_row
        .find(By::Css("[data-testid='task-title']"))
        .await
        .unwrap()
        .send_keys("Avklar kostnadsfordelinga")
        .await
        .unwrap();
    new_row.find(By::Css("[data-testid='task-responsible']")).await.unwrap().send_keys("Barnevernleiar").await.unwrap();
    new_row.find(By::Css("[data-testid='task-due']")).await.unwrap().send_keys(&due).await.unwrap();
    by_test_id(d, "add-task").await.click().await.unwrap();
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["Oppgåva er lagt til"]).await;
    let row = by_test_id(d, "task-row").await;
    let title = row.find(By::Css("[data-testid='task-title']")).await.unwrap();
    assert_eq!(title.value().await.unwrap().as_deref(), Some("Avklar kostnadsfordelinga"));
    by_test_id(d, "agreement-tasks").await.scroll_into_view().await.unwrap();
    axe(d, "agreements").await;
    shot(d, "avtale.png").await;

    // Under Fristar: the task (in ten days) and the notice deadline 31.12 (within 90 days or later).
    by_test_id(d, "nav-deadlines").await.click().await.unwrap();
    let list = by_test_id(d, "deadlines").await;
    shown_text(
        &list,
        &["Avklar kostnadsfordelinga", "om 10 dagar", "Barnevernleiar", "Felles barnevernteneste i Sogn"],
    )
    .await;
    axe(d, "deadlines").await;
    shot(d, "fristar.png").await;
    // The report Oppfølging av vedtak for the demo's board and 2021: a PDF in the protocols folder.
    type_into(d, "report-from", "01.01.2021").await;
    type_into(d, "report-to", "31.12.2021").await;
    by_test_id(d, "make-report").await.click().await.unwrap();
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["Rapporten er skriven til"]).await;
    by_test_id(d, "followup-report").await.scroll_into_view().await.unwrap();
    shot(d, "fristar-rapport.png").await;

    // The start page says what is due.
    by_test_id(d, "nav-cases").await.click().await.unwrap();
    shown_text(&by_test_id(d, "due-soon").await, &["Avklar kostnadsfordelinga"]).await;
    shot(d, "startside-fristar.png").await;

    // And the case shows its agreements.
    app.d.quit().await.unwrap();
    let s = saksbok_store::Store::open(&db).unwrap();
    let case = saksbok_store::cases::find(s.conn(), "21/1069".parse().unwrap()).unwrap();
    let of_case = saksbok_store::agreements::for_case(s.conn(), case).unwrap();
    assert_eq!(of_case.len(), 2, "{of_case:?}");
    let dir = home.path().join("data/no.kommune.luster.saksbok/protokollar");
    let report = dir.join("oppfolging-formannskapet-og-naeringsutvalet-2021-01-01--2021-12-31-v1.pdf");
    let text = std::process::Command::new("pdftotext").arg(&report).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Oppfølging av vedtak") && text.contains("Sak 54/21"), "{text}");
    let _ = std::fs::copy(&report, saksbok_tests::screenshot_dir().join("oppfolging-av-vedtak.pdf"));
}

//! A meeting planned through the window: its facts, a sakliste of three
//! cases found by number and by words, numbered in agenda order, moved,
//! undone, and the meeting marked as held.

use chrono::Utc;
use saksbok_core::case::{CaseInput, CaseStatus};
use saksbok_store::{Actor, Store, cases};

use crate::axe::axe;
use crate::common::*;

fn case(title: &str) -> CaseInput {
    CaseInput {
        number: None,
        title: title.into(),
        public_title: None,
        status: CaseStatus::InProgress,
        officer: None,
        unit: None,
        classification: None,
        screening_basis: None,
        opened_on: "02.11.2026".into(),
        closed_on: None,
        notes: None,
    }
}

/// The titles of the sakliste in order, each with its number.
async fn sakliste(d: &WebDriver) -> Vec<String> {
    let mut out = Vec::new();
    for row in d.find_all(By::Css("[data-testid='sakliste-row']")).await.unwrap() {
        let number = row.find(By::Css("[data-testid='sakliste-number']")).await.unwrap();
        let number = match number.value().await.unwrap() {
            Some(v) if !v.is_empty() => v,
            _ => number.text().await.unwrap(),
        };
        let title = row.find(By::Css("[data-testid='sakliste-title']")).await.unwrap().text().await.unwrap();
        out.push(format!("{} {}", number.trim(), title.trim()));
    }
    out
}

/// Waits until the sakliste reads `want`.
async fn sakliste_is(d: &WebDriver, want: &[&str]) {
    let until = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let got = sakliste(d).await;
        if got.iter().map(String::as_str).eq(want.iter().copied()) {
            return;
        }
        assert!(std::time::Instant::now() < until, "sakliste {got:?}, want {want:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn add(d: &WebDriver, typed: &str, expect: &str) {
    type_into(d, "sakliste-add", typed).await;
    shown_text(&by_test_id(d, "sakliste-option").await, &[expect]).await;
    keys(d, Key::Enter).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_meeting_is_planned_with_a_sakliste_of_three_cases() {
    let home = home();
    let db = home.path().join("saksbok.sqlite3");
    {
        let mut s = Store::open(&db).unwrap();
        let who = Actor { name: "test", now: Utc::now() };
        s.write(|tx| saksbok_store::demo::load_demo(tx, &who, &saksbok_core::demo::reference())).unwrap();
        for title in ["Budsjett 2027 og økonomiplan", "Skulebruksplan for Luster"] {
            s.write(|tx| cases::create(tx, &who, &case(title).validate().unwrap())).unwrap();
        }
    }
    let app = start(home.path(), &["--db", db.to_str().unwrap()]).await;
    let d = &app.d;
    by_test_id(d, "case-row").await;
    by_test_id(d, "nav-meetings").await.click().await.unwrap();
    shown_text(&by_test_id(d, "meeting-row").await, &["15.04.2021", "Halde"]).await;

    // The only board is chosen; the time is typed as people do.
    by_test_id(d, "new-meeting").await.click().await.unwrap();
    by_test_id(d, "meeting-form").await;
    type_into(d, "meeting-date", "10.12.2026").await;
    type_into(d, "meeting-start", "9").await;
    type_into(d, "meeting-end", "8").await;
    by_test_id(d, "save-meeting").await.click().await.unwrap();
    let error = d.query(By::Id("meeting-end_time-error")).wait(WAIT, POLL).first().await.unwrap();
    shown_text(&error, &["før eller når det startar"]).await;
    shot(d, "mote-feil-klokkeslett.png").await;
    type_into(d, "meeting-end", "15.30").await;
    by_test_id(d, "save-meeting").await.click().await.unwrap();
    by_test_id(d, "sakliste").await;
    shown_text(&by_test_id(d, "meetings").await, &["10.12.2026 kl. 09:00", "Planlagt"]).await;

    // Three cases: by words, by number, by number; numbered in agenda order.
    let year = Utc::now().format("%y").to_string();
    add(d, "budsjett", "Budsjett 2027").await;
    add(d, "21/1069", "IKT-samarbeid").await;
    add(d, &format!("{year}/2"), "Skulebruksplan").await;
    sakliste_is(
        d,
        &[
            "1/26 Budsjett 2027 og økonomiplan",
            "2/26 IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "3/26 Skulebruksplan for Luster",
        ],
    )
    .await;
    axe(d, "meetings").await;

    // The last moved to the top: the numbers follow the order.
    let rows = d.find_all(By::Css("[data-testid='sakliste-row']")).await.unwrap();
    rows[2].find(By::Css("[data-testid='sakliste-up']")).await.unwrap().click().await.unwrap();
    sakliste_is(
        d,
        &[
            "1/26 Budsjett 2027 og økonomiplan",
            "2/26 Skulebruksplan for Luster",
            "3/26 IKT-samarbeid. Etablering av avtale med SYS-IKT",
        ],
    )
    .await;
    // Angre brings the order back.
    by_test_id(d, "sakliste-undo").await.click().await.unwrap();
    sakliste_is(
        d,
        &[
            "1/26 Budsjett 2027 og økonomiplan",
            "2/26 IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "3/26 Skulebruksplan for Luster",
        ],
    )
    .await;
    shot(d, "mote-sakliste.png").await;

    // Held: the numbers are fixed.
    by_test_id(d, "meeting-held").await.click().await.unwrap();
    shown_text(&by_test_id(d, "meeting-status").await, &["Halde"]).await;
    axe(d, "meetings").await;
    shot(d, "mote-halde.png").await;
    app.d.quit().await.unwrap();

    // What the window saved is in the register.
    let mut s = Store::open(&db).unwrap();
    let list = s.read(|tx| saksbok_store::meetings::list(tx)).unwrap();
    let m = s.read(|tx| saksbok_store::meetings::get(tx, list[0].id)).unwrap();
    assert_eq!(m.status, saksbok_core::sakliste::MeetingStatus::Held);
    assert_eq!((m.start_time.as_deref(), m.end_time.as_deref()), (Some("09:00"), Some("15:30")));
    assert_eq!(m.items.len(), 3);
}

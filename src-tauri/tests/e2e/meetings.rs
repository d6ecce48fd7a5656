//! A meeting planned through the window: its facts, a sakliste of three
//! cases found by number and by words, numbered in agenda order, moved,
//! undone, the meeting marked as held, and who came recorded.

use chrono::Utc;
use saksbok_core::attendance::{Capacity, Role};
use saksbok_core::board::{Membership, TermMember};
use saksbok_store::{Actor, Store, cases};

use crate::axe::axe;
use crate::common::*;

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
            s.write(|tx| cases::create(tx, &who, &case_input(title).validate().unwrap())).unwrap();
        }
        // The board's members and a varamedlem for this term.
        let board = s.read(|tx| saksbok_store::boards::list(tx)).unwrap()[0].id;
        let seat = |name: &str, party: &str, role: Role| TermMember {
            name: name.into(),
            party: Some(party.into()),
            membership: Membership::Seat { role },
            term_from: None,
            term_to: None,
        };
        let members = [
            seat("Kari Nordheim", "Sp", Role::Chair),
            seat("Per Bakken", "Ap", Role::DeputyChair),
            seat("Siri Dale", "H", Role::Member),
            seat("Anne Lid", "Sp", Role::Member),
            seat("Jon Moe", "Ap", Role::Member),
            TermMember { membership: Membership::Substitute { order: 1 }, ..seat("Ola Vik", "H", Role::Member) },
        ];
        s.write(|tx| saksbok_store::boards::set_members(tx, &who, board, &members)).unwrap();
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

    // Oppmøte: everyone came but Siri Dale, whose varamedlem Ola Vik came.
    by_test_id(d, "roll-all-members").await.click().await.unwrap();
    let rows = d.find_all(By::Css("[data-testid='roll-row']")).await.unwrap();
    assert_eq!(rows.len(), 5, "one line per seat");
    rows[2].find(By::Css("[data-testid='roll-forfall']")).await.unwrap().click().await.unwrap();
    by_test_id(d, "roll-add-substitute").await.click().await.unwrap();
    let names = d.find_all(By::Css("[data-testid='roll-name']")).await.unwrap();
    names.last().unwrap().send_keys("Ola Vik").await.unwrap();
    keys(d, Key::Tab).await;
    by_test_id(d, "roll-save").await.click().await.unwrap();
    let items = by_test_id(d, "roll-items").await;
    shown_text(&items, &["5 av 5"]).await;
    axe(d, "meetings").await;
    shot(d, "mote-oppmote.png").await;
    app.d.quit().await.unwrap();

    // What the window saved is in the register.
    let mut s = Store::open(&db).unwrap();
    let list = s.read(|tx| saksbok_store::meetings::list(tx)).unwrap();
    let m = s.read(|tx| saksbok_store::meetings::get(tx, list[0].id)).unwrap();
    assert_eq!(m.status, saksbok_core::sakliste::MeetingStatus::Held);
    assert_eq!((m.start_time.as_deref(), m.end_time.as_deref()), (Some("09:00"), Some("15:30")));
    assert_eq!(m.items.len(), 3);
    let roll = s.read(|tx| saksbok_store::attendance::get(tx, m.id)).unwrap();
    assert_eq!(roll.input.attendance.apologies, ["Siri Dale"]);
    let ola = roll.input.attendance.attendees.iter().find(|a| a.name == "Ola Vik").unwrap();
    assert_eq!(ola.capacity, Capacity::Substitute { replaces: Some("Siri Dale".into()) });
    assert_eq!(roll.items[0].eligible, 5);
}

//! Every screen of the app through axe-core, in one test.

use std::collections::BTreeSet;

use crate::axe::{CHECKED, SCREENS, axe};
use crate::common::*;

/// Visits every screen of the app and checks each with axe-core, so this
/// test alone shows that no screen was left out, whatever order the tests
/// run in.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn every_screen_passes_axe() {
    let home = home();
    // A damaged database first: the error screen.
    let db = home.path().join("saksbok.sqlite3");
    std::fs::write(&db, b"Ikkje ein database.".repeat(500)).unwrap();
    let app = start(home.path(), &["--db", db.to_str().unwrap()]).await;
    let d = &app.d;
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    let lang = d.execute("return document.documentElement.lang;", vec![]).await.unwrap();
    assert_eq!(lang.json(), &json!("nn"), "the page's language is nynorsk");
    axe(d, "db-error").await;

    // The damaged file is moved away and Prøv igjen opens a new, empty register.
    std::fs::remove_file(&db).unwrap();
    by_text(d, "button", "Prøv igjen").await.click().await.unwrap();
    by_text(d, "h1", "Velkommen til Saksbok").await;
    axe(d, "welcome").await;

    by_text(d, "button", "Last inn demodata").await.click().await.unwrap();
    by_test_id(d, "case-row").await;
    axe(d, "case-list").await;

    by_test_id(d, "open-public-journal").await.click().await.unwrap();
    by_test_id(d, "public-journal").await;
    axe(d, "public-journal").await;
    keys(d, Key::Escape).await;
    wait_gone(d, "[data-testid='public-journal']").await;

    chord(d, Key::Control, "k").await;
    by_test_id(d, "quick-search").await;
    type_into(d, "quick-search-input", "IKT-samarbeid").await;
    shown_text(&by_test_id(d, "quick-hit").await, &["21/1069"]).await;
    axe(d, "quick-search").await;
    keys(d, Key::Enter).await;
    by_test_id(d, "saksgang-row").await;
    axe(d, "case-view").await;

    by_test_id(d, "saksgang-row").await.find(By::Css("td")).await.unwrap().click().await.unwrap();
    by_test_id(d, "agenda-number").await;
    axe(d, "agenda-item").await;
    // Ctrl+P: where to print (the system's printers, or why there are none).
    chord(d, Key::Control, "p").await;
    by_test_id(d, "print-dialog").await;
    axe(d, "print-dialog").await;
    keys(d, Key::Escape).await;
    wait_gone(d, "[data-testid='print-dialog']").await;
    keys(d, Key::Escape).await;

    by_test_id(d, "new-journal").await.click().await.unwrap();
    by_test_id(d, "journal-form").await;
    axe(d, "journal-form").await;
    keys(d, Key::Escape).await;
    wait_gone(d, "[data-testid='journal-form']").await;

    // Innstillingar: a backup made and restored through the window, and Om Saksbok.
    by_test_id(d, "nav-settings").await.click().await.unwrap();
    // Clicked once the backups are listed: the button does not move under the click any more.
    shown_text(&by_test_id(d, "settings").await, &["tryggingskopiane blir tekne vare på"]).await;
    by_test_id(d, "make-backup").await.click().await.unwrap();
    // The daily backup may be listed too (made once the demo was in); the
    // manual one is added to the list.
    shown_text(&by_test_id(d, "settings").await, &["Manuell"]).await;
    axe(d, "settings").await;
    shot(d, "innstillingar.png").await;
    by_test_id(d, "restore-backup").await.click().await.unwrap();
    by_test_id(d, "confirm-restore").await;
    axe(d, "confirm-restore").await;
    by_test_id(d, "confirm-restore").await.click().await.unwrap();
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["er henta fram"]).await;
    by_test_id(d, "open-about").await.click().await.unwrap();
    shown_text(&by_test_id(d, "about-dialog").await, &["saksbok.sqlite3"]).await;
    axe(d, "about").await;
    shot(d, "om-saksbok.png").await;
    keys(d, Key::Escape).await;
    wait_gone(d, "[data-testid='about-dialog']").await;
    // The municipality's logo, chosen as a file: kept at once and shown.
    let logo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/protocol/samples/logo.png");
    by_test_id(d, "logo-file").await.send_keys(logo.to_str().unwrap()).await.unwrap();
    let preview = by_test_id(d, "logo-preview").await;
    assert_eq!(preview.attr("alt").await.unwrap().as_deref(), Some("Logoen til kommunen"));
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["Logoen er lagra"]).await;
    preview.scroll_into_view().await.unwrap();
    axe(d, "settings").await;
    shot(d, "innstillingar-logo.png").await;

    // Utval: a board set up through the window.
    by_test_id(d, "nav-boards").await.click().await.unwrap();
    shown_text(&by_test_id(d, "board-row").await, &["Formannskapet og næringsutvalet", "54/21"]).await;
    by_test_id(d, "new-board").await.click().await.unwrap();
    by_test_id(d, "board-form").await;
    type_into(d, "board-name", "Kommunestyret").await;
    by_test_id(d, "save-board").await.click().await.unwrap();
    by_test_id(d, "board-members").await;
    shown_text(&d.find(By::Css(".notice[role='status']")).await.unwrap(), &["Utvalet er lagra"]).await;
    axe(d, "boards").await;
    shot(d, "utval.png").await;

    // Møte: a meeting planned, its sakliste with the demo case.
    by_test_id(d, "nav-meetings").await.click().await.unwrap();
    shown_text(&by_test_id(d, "meeting-row").await, &["15.04.2021"]).await;
    by_test_id(d, "new-meeting").await.click().await.unwrap();
    by_test_id(d, "meeting-form").await;
    axe(d, "meetings").await;
    choose(d, "meeting-board", "Formannskapet og næringsutvalet").await;
    type_into(d, "meeting-date", "10.12.2026").await;
    by_test_id(d, "save-meeting").await.click().await.unwrap();
    by_test_id(d, "sakliste").await;
    type_into(d, "sakliste-add", "21/1069").await;
    shown_text(&by_test_id(d, "sakliste-option").await, &["IKT-samarbeid"]).await;
    keys(d, Key::Enter).await;
    shown_text(&by_test_id(d, "sakliste-row").await, &["21/1069"]).await;
    axe(d, "meetings").await;

    // Avtalar (the demo's SyS-IKT agreement, its tasks from the vedtak) and Fristar.
    by_test_id(d, "nav-agreements").await.click().await.unwrap();
    by_test_id(d, "open-agreement").await.click().await.unwrap();
    shown_text(&by_test_id(d, "agreement-tasks").await, &["Oppfølging av vedtak"]).await;
    axe(d, "agreements").await;
    shot(d, "avtale-sys-ikt.png").await;
    by_test_id(d, "agreement-tasks").await.scroll_into_view().await.unwrap();
    shot(d, "avtale-sys-ikt-oppgaver.png").await;
    by_test_id(d, "nav-deadlines").await.click().await.unwrap();
    by_test_id(d, "undated-tasks").await;
    axe(d, "deadlines").await;

    chord(d, Key::Control, "n").await;
    by_test_id(d, "case-form").await;
    d.query(By::Id("case-title")).wait(WAIT, POLL).first().await.unwrap();
    axe(d, "case-form").await;
    by_test_id(d, "save-case").await.click().await.unwrap();
    d.query(By::Css(".field-error")).wait(WAIT, POLL).first().await.unwrap();
    axe(d, "case-form").await;
    type_into(d, "case-title", "Berre ei prøve").await;
    keys(d, Key::Escape).await;
    d.query(By::Css("[role='alertdialog']")).wait(WAIT, POLL).first().await.unwrap();
    axe(d, "confirm-discard").await;

    let checked = CHECKED.lock().unwrap().clone();
    let all: BTreeSet<&str> = SCREENS.into_iter().collect();
    assert_eq!(checked, all, "every screen of the app is checked by axe-core");
    app.d.quit().await.unwrap();
}

//! End-to-end: the real built app in a real window under Xvfb, driven
//! through tauri-driver and WebKitWebDriver. Screenshots are saved under
//! target/e2e-screenshots/ for people to look at.
//!
//! Needs Xvfb, WebKitWebDriver and tauri-driver, and ui/dist built before
//! the app; `.ci/test` provides them all and runs these with `--ignored`.

use std::path::Path;
use std::time::Duration;

use saksbok_tests::{Guard, driver, screenshot_dir, xvfb};
use serde_json::json;
use tempfile::TempDir;
use thirtyfour::prelude::*;

/// Generous: the first start on a fresh machine builds WebKit's and
/// fontconfig's caches.
const WAIT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

async fn session(url: &str, args: &[&str]) -> WebDriver {
    let mut caps = Capabilities::new();
    caps.set("browserName", "wry").unwrap();
    caps.set("tauri:options", json!({ "application": env!("CARGO_BIN_EXE_saksbok-app"), "args": args })).unwrap();
    // The first session on a fresh machine can be refused while WebKit warms
    // up; try a few times before calling it a failure.
    let mut last = None;
    for _ in 0..5 {
        match WebDriver::new(url, caps.clone()).await {
            Ok(d) => return d,
            Err(e) => {
                eprintln!("session request failed, retrying: {e}");
                last = Some(e);
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
    panic!("no WebDriver session with the app: {last:?}");
}

async fn by_test_id(d: &WebDriver, id: &str) -> WebElement {
    d.query(By::Css(format!("[data-testid='{id}']"))).wait(WAIT, POLL).first().await.unwrap_or_else(|e| {
        panic!("no element [data-testid='{id}']: {e}");
    })
}

async fn by_text(d: &WebDriver, tag: &str, text: &str) -> WebElement {
    d.query(By::XPath(format!("//{tag}[normalize-space(.)='{text}']")))
        .wait(WAIT, POLL)
        .first()
        .await
        .unwrap_or_else(|e| panic!("no <{tag}> with text {text:?}: {e}"))
}

/// Waits until the element's rendered text (`innerText`, what a person sees)
/// holds every part, and returns that text. WebKitWebDriver's own element
/// text leaves out cells of a CSS grid row that clip their overflow.
async fn shown_text(el: &WebElement, parts: &[&str]) -> String {
    let until = std::time::Instant::now() + WAIT;
    loop {
        let text = el
            .handle()
            .execute("return arguments[0].innerText;", vec![el.to_json().unwrap()])
            .await
            .ok()
            .and_then(|r| r.json().as_str().map(str::to_string))
            .unwrap_or_default();
        if parts.iter().all(|p| text.contains(p)) {
            return text;
        }
        assert!(std::time::Instant::now() < until, "text {text:?} lacks one of {parts:?}");
        tokio::time::sleep(POLL).await;
    }
}

/// Waits two animation frames so the screenshot shows what was just drawn.
async fn shot(d: &WebDriver, name: &str) {
    d.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
        vec![],
    )
    .await
    .expect("two animation frames");
    let path = screenshot_dir().join(name);
    d.screenshot(&path).await.expect("screenshot");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    assert!(size > 10_000, "{name} is suspiciously small ({size} bytes)");
}

/// The app running in its own home directory (app data under
/// `home/data`), with the display and driver that carry it. On a failed
/// assertion the guards stop tauri-driver, WebKitWebDriver and the app
/// together (one process group), so no session is left behind.
struct Running {
    d: WebDriver,
    _driver: Guard,
    _display: Guard,
}

fn home() -> TempDir {
    TempDir::new().unwrap()
}

async fn start(home: &Path, args: &[&str]) -> Running {
    let env = [
        ("HOME", home.to_path_buf()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ];
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let (display_guard, display) = xvfb();
    let (driver_guard, url) = driver(&display, &env);
    let d = session(&url, args).await;
    Running { d, _driver: driver_guard, _display: display_guard }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn demo_case_opens_and_prints() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;

    // First start: an empty database in the app-data directory, and the offer.
    let welcome = by_text(d, "h1", "Velkommen til Saksbok").await;
    assert!(welcome.is_displayed().await.unwrap());
    assert_eq!(d.title().await.unwrap(), "Saksbok");
    let db = home.path().join("data/no.kommune.luster.saksbok/saksbok.sqlite3");
    assert!(db.exists(), "database created in the app-data directory: {}", db.display());
    shot(d, "01-velkommen.png").await;

    by_text(d, "button", "Last inn demodata").await.click().await.unwrap();
    let row = by_test_id(d, "case-row").await;
    shown_text(&row, &["21/1069", "IKT-samarbeid. Etablering av avtale med SYS-IKT", "Under behandling"]).await;
    shot(d, "02-saksliste.png").await;

    // Keyboard: into the list from the search box, then Enter opens the case.
    let search = d.find(By::Id("case-search")).await.unwrap();
    search.send_keys(Key::Down).await.unwrap();
    d.active_element().await.unwrap().send_keys(Key::Enter).await.unwrap();
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-number").await.text().await.unwrap(), "21/1069");
    assert_eq!(
        by_test_id(d, "case-title").await.text().await.unwrap(),
        "IKT-samarbeid. Etablering av avtale med SYS-IKT"
    );
    let step = by_test_id(d, "saksgang-row").await;
    shown_text(&step, &["54/21", "15.04.2021", "Formannskapet og næringsutvalet"]).await;
    assert!(!d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap().is_empty());
    shot(d, "03-sak-21-1069.png").await;

    // The saksgang leads to the utvalssak with its behandling and vedtak.
    step.find(By::Css("td")).await.unwrap().click().await.unwrap();
    let title = by_test_id(d, "case-title").await;
    assert_eq!(title.text().await.unwrap(), "IKT-samarbeid. Etablering av avtale med SYS-IKT");
    assert_eq!(by_test_id(d, "agenda-number").await.text().await.unwrap(), "54/21");
    let em = d.query(By::Css("article em")).wait(WAIT, POLL).first().await.unwrap();
    assert_eq!(em.text().await.unwrap(), "Saka vert utsett for forhandlingar med Sogndal kommune.");
    let body = d.find(By::Css("article")).await.unwrap().text().await.unwrap();
    assert!(
        body.contains("Rådmannen si tilråding med presiseringar/tillegg sett fram i møtet vart samrøystes vedteke.")
    );
    assert!(body.contains("Rådmannen får fullmakt til å godkjenne den endelege og detaljerte avtalen"));
    shot(d, "04-utvalssak-54-21.png").await;

    by_test_id(d, "print").await.click().await.unwrap();
    let banner = by_test_id(d, "print-result").await;
    let msg = banner.text().await.unwrap();
    assert!(msg.contains("Saksprotokollen"), "{msg}");
    let pdf = home
        .path()
        .join("data/no.kommune.luster.saksbok/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    assert!(bytes.starts_with(b"%PDF-"));
    shot(d, "05-skrive-ut.png").await;

    // Escape goes back: to the case, then to the list.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-view").await;
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
    app.d.quit().await.unwrap();
}

async fn type_into(d: &WebDriver, id: &str, text: &str) {
    let field = d.query(By::Id(id)).wait(WAIT, POLL).first().await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn press(d: &WebDriver, keys: impl Into<thirtyfour::TypingData>) {
    d.active_element().await.unwrap().send_keys(keys).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_clerk_registers_a_case_with_a_journalpost_and_finds_it_again() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;
    by_text(d, "button", "Start med tom database").await.click().await.unwrap();

    // Ctrl+N from anywhere opens the form; saving an empty title is refused beside the field.
    press(d, Key::Control + "n").await;
    by_test_id(d, "case-form").await;
    by_test_id(d, "save-case").await.click().await.unwrap();
    let error = d.query(By::Css(".field-error")).wait(WAIT, POLL).first().await.unwrap();
    assert_eq!(error.text().await.unwrap(), "Saka må ha ein tittel.");
    let title = d.find(By::Id("case-title")).await.unwrap();
    assert_eq!(title.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));

    type_into(d, "case-title", "Ny gang- og sykkelveg ved Rådhuset i Gaupne").await;
    type_into(d, "case-officer", "Kari Nordheim").await;
    type_into(d, "case-unit", "Teknisk").await;
    type_into(d, "case-notes", "Førebels kostnadsoverslag frå Statens vegvesen.").await;
    shot(d, "06-ny-sak.png").await;
    by_test_id(d, "save-case").await.click().await.unwrap();

    by_test_id(d, "case-view").await;
    let number = by_test_id(d, "case-number").await.text().await.unwrap();
    let year = number.split('/').next().unwrap().to_string();
    assert_eq!(number, format!("{year}/1"), "the first case of the year");
    assert_eq!(by_test_id(d, "case-title").await.text().await.unwrap(), "Ny gang- og sykkelveg ved Rådhuset i Gaupne");

    // A journalpost in the case.
    by_test_id(d, "new-journal").await.click().await.unwrap();
    type_into(d, "journal-correspondent", "Gaupne idrettslag").await;
    type_into(d, "journal-title", "Søknad om spelemidlar til lysløype").await;
    by_test_id(d, "save-journal").await.click().await.unwrap();
    let row = by_test_id(d, "journal-row").await;
    shown_text(&row, &[&format!("{year}/1-1"), "Søknad om spelemidlar til lysløype", "Gaupne idrettslag"]).await;
    let history = d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap();
    assert_eq!(history.len(), 2, "the case and the journalpost, one history row each");
    let newest = history[0].text().await.unwrap();
    assert!(newest.contains("Journalpost") && newest.contains(&format!("{year}/1-1")), "{newest}");

    // A document through the window's own file picker: stored in the database.
    let file = home.path().join("Søknad frå Gaupne IL.pdf");
    std::fs::write(&file, b"%PDF-1.4\n% Saksbok e2e\n").unwrap();
    let picker = d.query(By::Css("[data-testid='attach-file']")).wait(WAIT, POLL).first().await.unwrap();
    picker.send_keys(file.to_str().unwrap()).await.unwrap();
    let doc = by_test_id(d, "document-row").await;
    shown_text(&doc, &["Søknad frå Gaupne IL.pdf", "PDF"]).await;
    std::fs::remove_file(&file).unwrap();
    let history = d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap();
    assert_eq!(history.len(), 3, "attaching the document is in the history");
    shot(d, "07-sak-med-journalpost.png").await;

    // Back to the list, then Ctrl+K finds it from the journalpost's title, in capitals with æøå.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
    press(d, Key::Control + "k").await;
    by_test_id(d, "quick-search").await;
    type_into(d, "quick-search-input", "SØKNAD LYSLØYPE").await;
    let hit = by_test_id(d, "quick-hit").await;
    shown_text(&hit, &["Ny gang- og sykkelveg ved Rådhuset i Gaupne"]).await;
    let mark = d.query(By::Css("[data-testid='quick-hit'] mark")).wait(WAIT, POLL).first().await.unwrap();
    assert!(mark.text().await.unwrap().to_lowercase().starts_with("søknad"));
    shot(d, "08-hurtigsok.png").await;
    press(d, Key::Enter).await;
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-number").await.text().await.unwrap(), format!("{year}/1"));

    // The list's own search finds "Rådhuset" when typed in capitals.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    type_into(d, "case-search", "RÅDHUSET").await;
    let row = by_test_id(d, "case-row").await;
    shown_text(&row, &["Ny gang- og sykkelveg ved Rådhu"]).await;
    shot(d, "09-sok-i-lista.png").await;
    app.d.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_damaged_database_is_explained_in_the_window() {
    let home = home();
    let junk_path = home.path().join("skadd.sqlite3");
    let junk = b"Ikkje ein database.".repeat(500);
    std::fs::write(&junk_path, &junk).unwrap();
    let app = start(home.path(), &["--db", junk_path.to_str().unwrap()]).await;
    let d = &app.d;
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    let alert = d.find(By::Css("[role='alert']")).await.unwrap().text().await.unwrap();
    assert!(alert.contains("er ikkje ein Saksbok-database"), "{alert}");
    assert!(alert.contains("Ingenting i fila er endra"), "{alert}");
    shot(d, "10-skadd-database.png").await;
    by_text(d, "button", "Prøv igjen").await.click().await.unwrap();
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    app.d.quit().await.unwrap();
    assert_eq!(std::fs::read(&junk_path).unwrap(), junk, "the damaged file is left untouched");
}

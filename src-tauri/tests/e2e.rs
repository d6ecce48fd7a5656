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
    let text = row.text().await.unwrap();
    for part in ["54/21", "21/1069", "IKT-samarbeid. Etablering av avtale med SYS-IKT", "15.04.2021"] {
        assert!(text.contains(part), "row lacks {part}: {text}");
    }
    shot(d, "02-saksliste.png").await;

    // Keyboard: focus the row and press Enter.
    row.focus().await.unwrap();
    row.send_keys(Key::Enter).await.unwrap();
    let title = by_test_id(d, "case-title").await;
    assert_eq!(title.text().await.unwrap(), "IKT-samarbeid. Etablering av avtale med SYS-IKT");
    assert_eq!(by_test_id(d, "agenda-number").await.text().await.unwrap(), "54/21");
    assert_eq!(by_test_id(d, "case-number").await.text().await.unwrap(), "21/1069");
    let em = d.query(By::Css("article em")).wait(WAIT, POLL).first().await.unwrap();
    assert_eq!(em.text().await.unwrap(), "Saka vert utsett for forhandlingar med Sogndal kommune.");
    let body = d.find(By::Css("article")).await.unwrap().text().await.unwrap();
    assert!(
        body.contains("Rådmannen si tilråding med presiseringar/tillegg sett fram i møtet vart samrøystes vedteke.")
    );
    assert!(body.contains("Rådmannen får fullmakt til å godkjenne den endelege og detaljerte avtalen"));
    shot(d, "03-sak-54-21.png").await;

    by_test_id(d, "print").await.click().await.unwrap();
    let banner = by_test_id(d, "print-result").await;
    let msg = banner.text().await.unwrap();
    assert!(msg.contains("Saksprotokollen"), "{msg}");
    let pdf = home
        .path()
        .join("data/no.kommune.luster.saksbok/protokollar/saksprotokoll-54-21-formannskapet-og-naeringsutvalet.pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    assert!(bytes.starts_with(b"%PDF-"));
    shot(d, "04-skrive-ut.png").await;

    // Escape goes back to the list.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
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
    shot(d, "05-skadd-database.png").await;
    by_text(d, "button", "Prøv igjen").await.click().await.unwrap();
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    app.d.quit().await.unwrap();
    assert_eq!(std::fs::read(&junk_path).unwrap(), junk, "the damaged file is left untouched");
}

//! End-to-end: the real built app in a real window under Xvfb, driven
//! through tauri-driver and WebKitWebDriver. Screenshots are saved under
//! target/e2e-screenshots/ for people to look at.
//!
//! Accessibility (WCAG 2.1 AA, see tests/ACCESSIBILITY.md): axe-core checks
//! each screen after every step that shows it, one test visits every screen
//! of the app, one uses only the keyboard, and one zooms the text to 200 %.
//!
//! Needs Xvfb, WebKitWebDriver and tauri-driver, and ui/dist built before
//! the app; `.ci/test` provides them all and runs these with `--ignored`.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use saksbok_tests::{Guard, driver, root, screenshot_dir, xvfb};
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

/// Every screen of the app. Each is checked by axe-core somewhere in the
/// run, and `every_screen_passes_axe` visits them all itself.
const SCREENS: [&str; 10] = [
    "welcome",
    "db-error",
    "case-list",
    "case-view",
    "case-form",
    "journal-form",
    "agenda-item",
    "quick-search",
    "public-journal",
    "confirm-discard",
];

/// The screens axe-core has checked in this process.
static CHECKED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// WCAG 2.1 level A and AA: what the law (forskrift om universell utforming
/// av IKT) asks of the municipality's software.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
}).then(
  (r) => done({
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), html: n.html, summary: n.failureSummary })),
    })),
    incomplete: r.incomplete.map((v) => `${v.id}: ` + v.nodes.map((n) => n.target.join(" ") + " :: " + n.any.concat(n.all, n.none).map((c) => c.message).join("; ")).join(" | ")),
    passes: r.passes.length,
  }),
  (e) => done({ error: String((e && e.stack) || e) }),
);
"#;

/// Runs axe-core's WCAG 2.1 A/AA rules on what the window shows now and
/// fails with every violation: rule, impact, help and each element's
/// selector and HTML. axe.min.js is read from ui/node_modules at test time
/// and injected through WebDriver. WebKit runs the driver's scripts without
/// applying the page's CSP (`script-src 'self'`); that is checked, not
/// assumed: `axe` must arrive in the page, and no `securitypolicyviolation`
/// may fire while it runs.
async fn axe(d: &WebDriver, screen: &'static str) {
    assert!(SCREENS.contains(&screen), "{screen:?} is not one of SCREENS");
    // Let the screen finish drawing (focus moves, banners) before checking.
    d.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
        vec![],
    )
    .await
    .expect("two animation frames");
    let loaded = d.execute("return typeof window.axe === 'object';", vec![]).await.expect("look for axe");
    if loaded.json() != &json!(true) {
        // Anything the CSP blocks from here on is recorded, and must not happen.
        d.execute(
            r#"window.__cspBlocked = [];
               document.addEventListener("securitypolicyviolation", (e) => window.__cspBlocked.push(`${e.violatedDirective} ${e.blockedURI}`));"#,
            vec![],
        )
        .await
        .expect("listen for CSP violations");
        let path = root().join("ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (npm --prefix ui ci installs axe-core)", path.display()));
        d.execute(source, vec![]).await.expect("inject axe-core");
        let version = d.execute("return window.axe && window.axe.version;", vec![]).await.expect("axe version");
        assert!(version.json().is_string(), "axe-core did not load into the page: {:?}", version.json());
    }
    d.set_script_timeout(Duration::from_secs(120)).await.expect("script timeout");
    let ret = d.execute_async(AXE_RUN, vec![]).await.unwrap_or_else(|e| panic!("axe.run on {screen}: {e}"));
    let result = ret.json();
    assert!(result["error"].is_null(), "axe.run on {screen} failed: {}", result["error"]);
    let blocked = d.execute("return window.__cspBlocked;", vec![]).await.expect("CSP violations");
    assert_eq!(blocked.json(), &json!([]), "the CSP blocked something while axe ran on {screen}");
    let violations = result["violations"].as_array().expect("violations");
    if !violations.is_empty() {
        let mut report = vec![format!("axe-core: {} WCAG 2.1 A/AA violation(s) on {screen}:", violations.len())];
        for v in violations {
            let text = |k: &str| v[k].as_str().unwrap_or("?").to_string();
            report.push(format!("\n[{}] {}: {}", text("impact"), text("id"), text("help")));
            for n in v["nodes"].as_array().into_iter().flatten() {
                let text = |k: &str| n[k].as_str().unwrap_or("?").replace('\n', "\n    ");
                report.push(format!("  - {}\n    {}\n    {}", text("target"), text("html"), text("summary")));
            }
        }
        shot(d, &format!("axe-{screen}.png")).await;
        panic!("{}", report.join("\n"));
    }
    eprintln!("axe {screen}: {} rules pass; needs review: {}", result["passes"], result["incomplete"]);
    CHECKED.lock().unwrap().insert(screen);
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
    axe(d, "welcome").await;

    by_text(d, "button", "Last inn demodata").await.click().await.unwrap();
    let row = by_test_id(d, "case-row").await;
    shown_text(&row, &["21/1069", "IKT-samarbeid. Etablering av avtale med SYS-IKT", "Under behandling"]).await;
    shot(d, "02-saksliste.png").await;
    axe(d, "case-list").await;

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
    axe(d, "case-view").await;

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
    axe(d, "agenda-item").await;

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
    axe(d, "agenda-item").await;

    // Escape goes back: to the case, then to the list.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-view").await;
    axe(d, "case-view").await;
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
    axe(d, "case-list").await;
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
    by_text(d, "p", "Ingen saker enno.").await;
    axe(d, "case-list").await;

    // Ctrl+N from anywhere opens the form; saving an empty title is refused beside the field.
    press(d, Key::Control + "n").await;
    by_test_id(d, "case-form").await;
    d.query(By::Id("case-title")).wait(WAIT, POLL).first().await.unwrap();
    axe(d, "case-form").await;
    by_test_id(d, "save-case").await.click().await.unwrap();
    let error = d.query(By::Css(".field-error")).wait(WAIT, POLL).first().await.unwrap();
    assert_eq!(error.text().await.unwrap(), "Saka må ha ein tittel.");
    let title = d.find(By::Id("case-title")).await.unwrap();
    assert_eq!(title.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    axe(d, "case-form").await;

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
    axe(d, "case-view").await;

    // A journalpost in the case.
    by_test_id(d, "new-journal").await.click().await.unwrap();
    by_test_id(d, "journal-form").await;
    axe(d, "journal-form").await;
    type_into(d, "journal-correspondent", "Gaupne idrettslag").await;
    type_into(d, "journal-title", "Søknad om spelemidlar til lysløype").await;
    by_test_id(d, "save-journal").await.click().await.unwrap();
    let row = by_test_id(d, "journal-row").await;
    shown_text(&row, &[&format!("{year}/1-1"), "Søknad om spelemidlar til lysløype", "Gaupne idrettslag"]).await;
    let history = d.find_all(By::Css("[data-testid='history-entry']")).await.unwrap();
    assert_eq!(history.len(), 2, "the case and the journalpost, one history row each");
    let newest = history[0].text().await.unwrap();
    assert!(newest.contains("Journalpost") && newest.contains(&format!("{year}/1-1")), "{newest}");
    axe(d, "case-view").await;

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
    axe(d, "case-view").await;

    // Back to the list, then Ctrl+K finds it from the journalpost's title, in capitals with æøå.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    by_test_id(d, "case-row").await;
    axe(d, "case-list").await;
    press(d, Key::Control + "k").await;
    by_test_id(d, "quick-search").await;
    type_into(d, "quick-search-input", "SØKNAD LYSLØYPE").await;
    let hit = by_test_id(d, "quick-hit").await;
    shown_text(&hit, &["Ny gang- og sykkelveg ved Rådhuset i Gaupne"]).await;
    let mark = d.query(By::Css("[data-testid='quick-hit'] mark")).wait(WAIT, POLL).first().await.unwrap();
    assert!(mark.text().await.unwrap().to_lowercase().starts_with("søknad"));
    shot(d, "08-hurtigsok.png").await;
    axe(d, "quick-search").await;
    press(d, Key::Enter).await;
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-number").await.text().await.unwrap(), format!("{year}/1"));
    axe(d, "case-view").await;

    // The list's own search finds "Rådhuset" when typed in capitals.
    d.find(By::Css("body")).await.unwrap().send_keys(Key::Escape).await.unwrap();
    type_into(d, "case-search", "RÅDHUSET").await;
    let row = by_test_id(d, "case-row").await;
    shown_text(&row, &["Ny gang- og sykkelveg ved Rådhu"]).await;
    shot(d, "09-sok-i-lista.png").await;
    axe(d, "case-list").await;
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
    axe(d, "db-error").await;
    by_text(d, "button", "Prøv igjen").await.click().await.unwrap();
    by_text(d, "h1", "Databasen kunne ikkje opnast").await;
    app.d.quit().await.unwrap();
    assert_eq!(std::fs::read(&junk_path).unwrap(), junk, "the damaged file is left untouched");
}

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
    keys(d, Key::Escape).await;

    by_test_id(d, "new-journal").await.click().await.unwrap();
    by_test_id(d, "journal-form").await;
    axe(d, "journal-form").await;
    keys(d, Key::Escape).await;
    wait_gone(d, "[data-testid='journal-form']").await;

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

async fn wait_gone(d: &WebDriver, css: &str) {
    let until = std::time::Instant::now() + WAIT;
    while !d.find_all(By::Css(css)).await.unwrap().is_empty() {
        assert!(std::time::Instant::now() < until, "{css} is still there");
        tokio::time::sleep(POLL).await;
    }
}

/// What has focus: a number that stays the same for the same element, a
/// short description, and whether a focus indicator shows.
#[derive(Debug, Clone)]
struct Focus {
    key: u64,
    what: String,
    indicator: bool,
}

const FOCUSED: &str = r##"
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
window.__focusKeys = window.__focusKeys || new WeakMap();
window.__focusNext = window.__focusNext || 0;
let key = window.__focusKeys.get(el);
if (!key) { key = ++window.__focusNext; window.__focusKeys.set(el, key); }
// An outline or a box-shadow on a box that is really there.
const shows = (e) => {
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return r.width > 1 && r.height > 1 &&
    ((s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none");
};
// A visually hidden control (the file picker) shows its focus on its label.
const r = el.getBoundingClientRect();
const indicator = r.width > 1 && r.height > 1 ? shows(el) : [...(el.labels || [])].some(shows);
const name = (el.getAttribute("aria-label") || el.innerText || "").trim().replace(/\s+/g, " ").slice(0, 40);
const role = el.getAttribute("role");
const what = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (role ? `[role=${role}]` : "") +
  (el.dataset.testid ? `[${el.dataset.testid}]` : "") + (name ? ` "${name}"` : "");
return { key, what, indicator };
"##;

async fn focused(d: &WebDriver) -> Option<Focus> {
    let r = d.execute(FOCUSED, vec![]).await.expect("active element");
    let v = r.json();
    if v.is_null() {
        return None;
    }
    Some(Focus {
        key: v["key"].as_u64().unwrap(),
        what: v["what"].as_str().unwrap().to_string(),
        indicator: v["indicator"].as_bool().unwrap(),
    })
}

/// Waits until the focused element's description holds `needle`, and
/// checks that it shows where focus is.
async fn expect_focus(d: &WebDriver, needle: &str) -> Focus {
    let until = std::time::Instant::now() + WAIT;
    loop {
        let now = focused(d).await;
        if let Some(f) = now.as_ref().filter(|f| f.what.contains(needle)) {
            assert!(f.indicator, "focus on {} shows no focus indicator", f.what);
            return f.clone();
        }
        assert!(std::time::Instant::now() < until, "focus is on {now:?}, not on {needle:?}");
        tokio::time::sleep(POLL).await;
    }
}

/// Presses keys on whatever has focus, as a person at the keyboard does
/// (WebDriver key actions, not typing into a chosen element).
async fn keys(d: &WebDriver, text: impl Into<thirtyfour::TypingData>) {
    d.action_chain().send_keys(text).perform().await.expect("key actions");
}

/// Holds `modifier` while pressing `key`: Ctrl+N, Shift+Tab, …
async fn chord(d: &WebDriver, modifier: Key, key: impl Into<thirtyfour::TypingData>) {
    d.action_chain().key_down(modifier.clone()).send_keys(key).key_up(modifier).perform().await.expect("key actions");
}

/// Presses Tab (or Shift+Tab) until focus is on an element whose
/// description holds `needle`, at most `max` times; every stop on the way
/// must show its focus and differ from the one before.
async fn tab_to(d: &WebDriver, needle: &str, backwards: bool, max: usize) -> Focus {
    let mut prev = focused(d).await.map(|f| f.key);
    let mut path = Vec::new();
    for _ in 0..max {
        if backwards {
            chord(d, Key::Shift, Key::Tab).await;
        } else {
            keys(d, Key::Tab).await;
        }
        let f = focused(d).await.unwrap_or_else(|| panic!("focus left the page after {path:?}"));
        assert_ne!(Some(f.key), prev, "Tab did not move focus from {}", f.what);
        assert!(f.indicator, "focus on {} shows no focus indicator", f.what);
        if f.what.contains(needle) {
            return f;
        }
        prev = Some(f.key);
        path.push(f.what);
    }
    panic!("{needle:?} not reached in {max} presses: {path:?}");
}

/// Presses Tab from where focus is (or from the top of the screen when
/// nothing has focus) until focus comes back there, at most `max` times, and
/// returns the stops in order. Fails when focus stays put (stuck), when an
/// element comes round twice before the start (a loop that leaves part of
/// the screen out), or when a stop shows no focus indicator.
async fn tab_cycle(d: &WebDriver, max: usize) -> Vec<String> {
    let start = focused(d).await;
    let mut stops: Vec<Focus> = Vec::new();
    let mut prev = start.as_ref().map(|f| f.key);
    for _ in 0..max {
        keys(d, Key::Tab).await;
        let Some(f) = focused(d).await else {
            // Focus may pass through the window itself once between rounds.
            assert!(prev.is_some(), "focus stuck outside the page after {stops:?}");
            prev = None;
            continue;
        };
        assert_ne!(Some(f.key), prev, "Tab did not move focus from {}", f.what);
        assert!(f.indicator, "focus on {} shows no focus indicator", f.what);
        if start.as_ref().or(stops.first()).is_some_and(|s| s.key == f.key) {
            return stops.into_iter().map(|s| s.what).collect();
        }
        let names: Vec<&str> = stops.iter().map(|s| s.what.as_str()).collect();
        assert!(!stops.iter().any(|s| s.key == f.key), "{} came round again before the start: {names:?}", f.what);
        prev = Some(f.key);
        stops.push(f);
    }
    panic!("focus did not come back within {max} Tab presses: {stops:?}");
}

/// Keyboard only, from the case list with the demo loaded: every key goes to
/// whatever has focus, and nothing is clicked.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn the_main_actions_work_from_the_keyboard_alone() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;

    // The offer of demo data has focus; Enter takes it.
    by_text(d, "h1", "Velkommen til Saksbok").await;
    expect_focus(d, "Last inn demodata").await;
    keys(d, Key::Enter).await;
    by_test_id(d, "case-row").await;
    let lang = d.execute("return document.documentElement.lang;", vec![]).await.unwrap();
    assert_eq!(lang.json(), &json!("nn"), "the page's language is nynorsk");

    // Tab from the top of the list goes round every control and back.
    d.execute("document.activeElement.blur();", vec![]).await.unwrap();
    let stops = tab_cycle(d, 40).await;
    eprintln!("Tab round the case list: {stops:#?}");
    for needle in [
        "[new-case]",
        "[open-public-journal]",
        "select#lang",
        "input#case-search",
        "select#case-sort",
        "[role=listbox]",
    ] {
        assert!(stops.iter().any(|s| s.contains(needle)), "Tab never reaches {needle}: {stops:?}");
    }

    // Ctrl+N: the form starts in the title; Shift+Tab back to the first field,
    // then Tab through every field in order to Lagre.
    chord(d, Key::Control, "n").await;
    by_test_id(d, "case-form").await;
    expect_focus(d, "input#case-title").await;
    chord(d, Key::Shift, Key::Tab).await;
    chord(d, Key::Shift, Key::Tab).await;
    expect_focus(d, "input#case-number").await;
    let title = "Tastaturprøve: ny sak utan mus";
    let order = [
        "select#case-status",
        "input#case-title",
        "input#case-officer",
        "input#case-unit",
        "input#case-classification",
        "input#case-screened",
        "input#case-opened",
        "input#case-closed",
        "textarea#case-notes",
        "button[save-case]",
    ];
    for next in order {
        keys(d, Key::Tab).await;
        expect_focus(d, next).await;
        if next == "input#case-title" {
            keys(d, title).await;
        }
    }
    keys(d, Key::Enter).await;
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-title").await.text().await.unwrap(), title);
    let number = by_test_id(d, "case-number").await.text().await.unwrap();

    // The case view starts on "Alle saker"; Tab reaches Ny journalpost.
    expect_focus(d, "Alle saker").await;
    tab_to(d, "[new-journal]", false, 6).await;
    keys(d, Key::Enter).await;
    expect_focus(d, "select#journal-kind").await;
    for next in ["input#journal-date", "input#journal-correspondent", "select#journal-status", "input#journal-title"] {
        keys(d, Key::Tab).await;
        expect_focus(d, next).await;
    }
    keys(d, "Svar på tastaturprøva").await;
    keys(d, Key::Tab).await;
    expect_focus(d, "input#journal-screened").await;
    keys(d, Key::Tab).await;
    expect_focus(d, "button[save-journal]").await;
    keys(d, Key::Enter).await;
    let row = by_test_id(d, "journal-row").await;
    shown_text(&row, &[&format!("{number}-1"), "Svar på tastaturprøva"]).await;
    expect_focus(d, "tr#journal-row-").await;

    // Shift+Tab back to Endre; Escape from a changed form asks first.
    tab_to(d, "[edit-case]", true, 6).await;
    keys(d, Key::Enter).await;
    expect_focus(d, "input#case-title").await;
    keys(d, Key::End).await;
    keys(d, " (endra)").await;
    keys(d, Key::Escape).await;
    d.query(By::Css("[role='alertdialog']")).wait(WAIT, POLL).first().await.unwrap();
    expect_focus(d, "Hald fram").await;
    axe(d, "confirm-discard").await;
    // The dialog keeps Tab inside it.
    let stops = tab_cycle(d, 6).await;
    assert_eq!(stops.len(), 1, "the dialog has two buttons: {stops:?}");
    chord(d, Key::Shift, Key::Tab).await;
    expect_focus(d, "Forkast").await;
    keys(d, Key::Enter).await;
    by_test_id(d, "case-view").await;
    assert_eq!(by_test_id(d, "case-title").await.text().await.unwrap(), title, "the change was discarded");

    // Tab goes round this case too, through the journalpost's file picker
    // (a visually hidden input whose label shows the focus).
    expect_focus(d, "Alle saker").await;
    let stops = tab_cycle(d, 40).await;
    eprintln!("Tab round case {number}: {stops:#?}");
    assert!(stops.iter().any(|s| s.contains("[attach-file]")), "Tab never reaches the file picker: {stops:?}");

    // Ctrl+K, type, Enter opens the hit.
    chord(d, Key::Control, "k").await;
    expect_focus(d, "input#quick-search-input").await;
    keys(d, "IKT-samarbeid").await;
    shown_text(&by_test_id(d, "quick-hit").await, &["21/1069"]).await;
    keys(d, Key::Enter).await;
    let until = std::time::Instant::now() + WAIT;
    while by_test_id(d, "case-number").await.text().await.unwrap_or_default() != "21/1069" {
        assert!(std::time::Instant::now() < until, "Enter in the quick search did not open 21/1069");
        tokio::time::sleep(POLL).await;
    }

    // Tab goes round the whole case view and back to "Alle saker".
    expect_focus(d, "Alle saker").await;
    let stops = tab_cycle(d, 80).await;
    eprintln!("Tab round case 21/1069: {stops:#?}");
    for needle in ["[edit-case]", "[saksgang-row]", "[new-journal]", "[new-case]", "select#lang"] {
        assert!(stops.iter().any(|s| s.contains(needle)), "Tab never reaches {needle}: {stops:?}");
    }

    // The saksgang row opens the utvalssak with Enter; Escape goes back, twice to the list.
    tab_to(d, "[saksgang-row]", false, 6).await;
    keys(d, Key::Enter).await;
    by_test_id(d, "agenda-number").await;
    expect_focus(d, "Sak 21/1069").await;
    tab_to(d, "[print]", false, 3).await;
    keys(d, Key::Escape).await;
    by_test_id(d, "saksgang-row").await;
    keys(d, Key::Escape).await;
    by_test_id(d, "case-row").await;
    shot(d, "a11y-tastatur.png").await;
    app.d.quit().await.unwrap();
}

/// `window.innerWidth` in CSS pixels.
async fn css_width(d: &WebDriver) -> u64 {
    d.execute("return window.innerWidth;", vec![]).await.unwrap().json().as_u64().unwrap()
}

/// Nothing is wider than the window: neither the page nor the main area
/// scrolls sideways (a wide table scrolls inside its own box).
async fn no_sideways_scroll(d: &WebDriver, screen: &str) {
    let r = d
        .execute(
            r#"const m = document.querySelector("main"), e = document.documentElement;
               return [e.scrollWidth, e.clientWidth, m.scrollWidth, m.clientWidth];"#,
            vec![],
        )
        .await
        .unwrap();
    let w: Vec<u64> = r.json().as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert!(w[0] <= w[1] + 1, "{screen}: the page is {} px wide in a {} px window", w[0], w[1]);
    assert!(w[2] <= w[3] + 1, "{screen}: the main area is {} px wide in {} px", w[2], w[3]);
}

/// Whether the element is drawn wholly inside the window.
async fn in_view(d: &WebDriver, el: &WebElement) -> bool {
    let r = d
        .execute(
            "const r = arguments[0].getBoundingClientRect();
             return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;",
            vec![el.to_json().unwrap()],
        )
        .await
        .unwrap();
    r.json() == &json!(true)
}

/// Text at 200 %: Ctrl+plus zooms the web view (zoomHotkeysEnabled), so the
/// 1200×800 window lays out as 600×400 CSS pixels, media queries included.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn the_window_reflows_at_200_percent_zoom() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;
    by_text(d, "button", "Last inn demodata").await.click().await.unwrap();
    by_test_id(d, "case-row").await;
    let normal = css_width(d).await;

    // Ctrl+plus five times: 1.0 → 2.0 in steps of 0.2.
    for _ in 0..5 {
        chord(d, Key::Control, "=").await;
    }
    let until = std::time::Instant::now() + WAIT;
    while css_width(d).await * 2 > normal + 2 {
        assert!(
            std::time::Instant::now() < until,
            "Ctrl+plus did not zoom to 200 % ({} of {normal} px)",
            css_width(d).await
        );
        tokio::time::sleep(POLL).await;
    }
    shot(d, "a11y-zoom-200.png").await;
    no_sideways_scroll(d, "case list").await;
    let new_case = by_test_id(d, "new-case").await;
    assert!(new_case.is_displayed().await.unwrap() && in_view(d, &new_case).await, "Ny sak is in view");
    let search = d.find(By::Id("case-search")).await.unwrap();
    assert!(search.is_displayed().await.unwrap() && in_view(d, &search).await, "the search box is in view");
    // The row keeps its title (the date column gives way).
    let title = d.find(By::Css("[data-testid='case-row'] .title-cell")).await.unwrap();
    let width = d
        .execute("return arguments[0].getBoundingClientRect().width;", vec![title.to_json().unwrap()])
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap();
    assert!(width >= 120.0, "the title column is {width} px wide at 200 %");
    axe(d, "case-list").await;

    // The case, opened from the keyboard: Ctrl+F, Down, Enter.
    chord(d, Key::Control, "f").await;
    expect_focus(d, "input#case-search").await;
    keys(d, Key::Down).await;
    keys(d, Key::Enter).await;
    by_test_id(d, "saksgang-row").await;
    shot(d, "a11y-zoom-200-sak.png").await;
    no_sideways_scroll(d, "case view").await;
    assert!(in_view(d, &by_test_id(d, "edit-case").await).await, "Endre is in view");
    axe(d, "case-view").await;

    chord(d, Key::Control, "n").await;
    expect_focus(d, "input#case-title").await;
    shot(d, "a11y-zoom-200-ny-sak.png").await;
    no_sideways_scroll(d, "case form").await;
    axe(d, "case-form").await;

    // Ctrl+0 goes back to 100 %.
    chord(d, Key::Control, "0").await;
    let until = std::time::Instant::now() + WAIT;
    while css_width(d).await != normal {
        assert!(std::time::Instant::now() < until, "Ctrl+0 did not reset the zoom");
        tokio::time::sleep(POLL).await;
    }
    app.d.quit().await.unwrap();
}

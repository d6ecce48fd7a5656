//! The main actions with the keyboard alone: focus always moves, always
//! shows, and never gets stuck.

use crate::axe::axe;
use crate::common::*;

/// What has focus: a number that stays the same for the same element, a
/// short description, and whether a focus indicator shows.
#[derive(Debug, Clone)]
pub(crate) struct Focus {
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
pub(crate) async fn expect_focus(d: &WebDriver, needle: &str) -> Focus {
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

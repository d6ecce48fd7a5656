//! What every end-to-end test uses: the app in its own home under Xvfb,
//! finding elements, waiting for rendered text, screenshots and typing.

pub use std::path::Path;
use std::path::PathBuf;
pub use std::time::Duration;

pub use saksbok_tests::root;
use saksbok_tests::{Guard, driver, screenshot_dir, xvfb};
pub use serde_json::json;
use tempfile::TempDir;
pub use thirtyfour::prelude::*;

/// Generous: the first start on a fresh machine builds WebKit's and
/// fontconfig's caches.
pub const WAIT: Duration = Duration::from_secs(60);
pub const POLL: Duration = Duration::from_millis(100);

/// The app under test: `SAKSBOK_APP_BIN` (`.ci/test` sets it to the binary the
/// installed .deb put on the PATH, the same build as the package), else the
/// binary Cargo built for this test run.
pub fn app_binary() -> String {
    std::env::var("SAKSBOK_APP_BIN")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_saksbok-app").to_string())
}

pub async fn session(url: &str, args: &[&str]) -> WebDriver {
    let mut caps = Capabilities::new();
    caps.set("browserName", "wry").unwrap();
    caps.set("tauri:options", json!({ "application": app_binary(), "args": args })).unwrap();
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

pub async fn by_test_id(d: &WebDriver, id: &str) -> WebElement {
    d.query(By::Css(format!("[data-testid='{id}']"))).wait(WAIT, POLL).first().await.unwrap_or_else(|e| {
        panic!("no element [data-testid='{id}']: {e}");
    })
}

pub async fn by_text(d: &WebDriver, tag: &str, text: &str) -> WebElement {
    d.query(By::XPath(format!("//{tag}[normalize-space(.)='{text}']")))
        .wait(WAIT, POLL)
        .first()
        .await
        .unwrap_or_else(|e| panic!("no <{tag}> with text {text:?}: {e}"))
}

/// Waits until the element's rendered text (`innerText`, what a person sees)
/// holds every part, and returns that text. WebKitWebDriver's own element
/// text leaves out cells of a CSS grid row that clip their overflow.
pub async fn shown_text(el: &WebElement, parts: &[&str]) -> String {
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
pub async fn shot(d: &WebDriver, name: &str) {
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
pub struct Running {
    pub d: WebDriver,
    _driver: Guard,
    _display: Guard,
}

pub fn home() -> TempDir {
    TempDir::new().unwrap()
}

/// The app's environment: its home, data, config and cache all under `home`.
pub fn app_env(home: &Path) -> [(&'static str, PathBuf); 4] {
    [
        ("HOME", home.to_path_buf()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

pub async fn start(home: &Path, args: &[&str]) -> Running {
    start_with(home, args, &[]).await
}

/// [`start`] with more environment for the app (e.g. SOFTHSM2_CONF for a test token).
pub async fn start_with(home: &Path, args: &[&str], extra: &[(&str, &Path)]) -> Running {
    let env = app_env(home);
    let mut env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    env.extend_from_slice(extra);
    let (display_guard, display) = xvfb();
    let (driver_guard, url) = driver(&display, &env);
    let d = session(&url, args).await;
    Running { d, _driver: driver_guard, _display: display_guard }
}

pub async fn type_into(d: &WebDriver, id: &str, text: &str) {
    let field = d.query(By::Id(id)).wait(WAIT, POLL).first().await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

pub async fn press(d: &WebDriver, keys: impl Into<thirtyfour::TypingData>) {
    d.active_element().await.unwrap().send_keys(keys).await.unwrap();
}

pub async fn wait_gone(d: &WebDriver, css: &str) {
    let until = std::time::Instant::now() + WAIT;
    while !d.find_all(By::Css(css)).await.unwrap().is_empty() {
        assert!(std::time::Instant::now() < until, "{css} is still there");
        tokio::time::sleep(POLL).await;
    }
}

/// Presses keys on whatever has focus, as a person at the keyboard does
/// (WebDriver key actions, not typing into a chosen element).
pub async fn keys(d: &WebDriver, text: impl Into<thirtyfour::TypingData>) {
    d.action_chain().send_keys(text).perform().await.expect("key actions");
}

/// Holds `modifier` while pressing `key`: Ctrl+N, Shift+Tab, …
pub async fn chord(d: &WebDriver, modifier: Key, key: impl Into<thirtyfour::TypingData>) {
    d.action_chain().key_down(modifier.clone()).send_keys(key).key_up(modifier).perform().await.expect("key actions");
}

/// Chooses the option whose text is `label` in the `<select>` with id `id`,
/// as a change by the user (the page hears the change event).
pub async fn choose(d: &WebDriver, id: &str, label: &str) {
    d.query(By::Id(id)).wait(WAIT, POLL).first().await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
    let found = d
        .execute(
            "const s = document.getElementById(arguments[0]);
             const o = [...s.options].find((o) => o.text.trim() === arguments[1]);
             if (!o) return false;
             s.value = o.value;
             s.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![json!(id), json!(label)],
        )
        .await
        .unwrap();
    assert_eq!(found.json(), &json!(true), "no option {label:?} in #{id}");
}

/// A plain case to register before a test starts the app.
pub fn case_input(title: &str) -> saksbok_core::case::CaseInput {
    saksbok_core::case::CaseInput {
        number: None,
        title: title.into(),
        public_title: None,
        status: saksbok_core::case::CaseStatus::InProgress,
        officer: None,
        unit: None,
        classification: None,
        screening_basis: None,
        opened_on: "02.11.2026".into(),
        closed_on: None,
        notes: None,
    }
}

/// The PDF preview's canvas as numbers: a sum over its pixels, which
/// changes when the page drawn changes, and how many pixels are dark (text
/// was drawn). Both 0 while nothing is drawn.
async fn canvas_pixels(d: &WebDriver) -> (u64, u64) {
    let r = d
        .execute(
            "const c = document.querySelector(\"[data-testid='preview-canvas']\");
             if (!c || c.width === 0) return [0, 0];
             const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             let sum = 0, dark = 0;
             for (let i = 0; i < px.length; i += 4) {
               sum = (sum * 31 + px[i]) % 1000000007;
               if (px[i] < 128) dark++;
             }
             return [sum, dark];",
            vec![],
        )
        .await
        .expect("read the canvas");
    let n = |i: usize| r.json()[i].as_u64().unwrap_or(0);
    (n(0), n(1))
}

pub async fn canvas_sum(d: &WebDriver) -> u64 {
    canvas_pixels(d).await.0
}

pub async fn canvas_ink(d: &WebDriver) -> u64 {
    canvas_pixels(d).await.1
}

/// Waits (up to 10 s) until the preview's canvas has text on it; returns its dark pixels.
pub async fn wait_inked(d: &WebDriver) -> u64 {
    let mut dark = 0;
    for _ in 0..50 {
        dark = canvas_ink(d).await;
        if dark > 500 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    dark
}

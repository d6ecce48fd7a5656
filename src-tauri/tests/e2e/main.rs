//! End-to-end: the real built app in a real window under Xvfb, driven
//! through tauri-driver and WebKitWebDriver. Screenshots are saved under
//! target/e2e-screenshots/ for people to look at.
//!
//! - `register`: the clerk's work: demo, cases, journalpostar, documents, search, printing.
//! - `axe`, `a11y`, `keyboard`, `zoom`: accessibility (WCAG 2.1 AA, see
//!   tests/ACCESSIBILITY.md): axe-core checks each screen after every step
//!   that shows it, one test visits every screen of the app, one uses only the
//!   keyboard, and one zooms the text to 200 %.
//! - `meetings`: a meeting planned: its facts, a sakliste of three cases, moved, undone, held.
//! - `whole_meeting`: a meeting of three cases: the roll (late arrival, ugild with a stand-in), an
//!   orientering, a postponement that falls, an amendment carried 5 mot 2 with the parties.
//! - `agreements`: an agreement with two parties made, linked to 54/21, a task added and seen under Fristar.
//! - `signing`: an approved meeting signed in the window with a test PKCS#12 file.
//! - `restore`: a damaged register brought back from a backup on the error screen.
//! - `instance`: a second start hands over to the running window.
//! - `bench`: start-up and memory against a blank window (run by .ci/test as a step of its own).
//!
//! Needs Xvfb, WebKitWebDriver and tauri-driver, and ui/dist built before
//! the app; `.ci/test` provides them all and runs these with `--ignored`.

mod a11y;
mod agreements;
mod axe;
mod bench;
mod common;
mod instance;
mod keyboard;
mod meetings;
mod register;
mod restore;
mod signing;
mod whole_meeting;
mod zoom;

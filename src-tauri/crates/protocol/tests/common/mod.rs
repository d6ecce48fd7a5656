//! What the PDF tests share: the command-line tools a records office
//! would check a PDF with, and a place to keep samples for people to look at.

#![allow(dead_code, reason = "each test file uses its own part of this")]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};

pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 30, 0).unwrap()
}

pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} must be installed (poppler-utils, qpdf): {e}"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Also keep a copy under target/ for people to look at.
pub fn keep(name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/protocol-samples");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(name), bytes);
}

pub fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One protocol of each kind the app prints, rendered at [`now`]: the
/// reference saksprotokoll, one with characters the font lacks, the
/// møteprotokoll in both attendance layouts, its offentleg versjon and the
/// innkalling.
pub fn samples() -> Vec<(&'static str, saksbok_protocol::Rendered)> {
    use saksbok_core::minutes::{innkalling, minutes, public_minutes};
    use saksbok_core::text::Paragraph;
    use saksbok_protocol::content::{AttendanceStyle, MinutesStyle, SignaturePlace};
    use saksbok_protocol::{render_innkalling, render_moteprotokoll, render_saksprotokoll};

    let phrases = saksbok_core::behandling::Phrases::nynorsk();
    let tpl = saksbok_core::protocol::ProtocolTemplate::default();
    let d = saksbok_core::demo::reference();
    let reference =
        saksbok_core::protocol::saksprotokoll(&d.meeting.info, &d.meeting.items[0], &tpl, &phrases).unwrap();
    let mut missing = reference.clone();
    missing.sections[0].paragraphs.push(Paragraph::plain("Emoji 😀 og eit tomt teikn: \u{7}. Hebraisk: שלום."));
    let s = saksbok_core::sample::SampleMeeting::new(0).with_screening();
    let input = s.input(&phrases, &tpl);
    let fields = MinutesStyle { attendance: AttendanceStyle::Fields, signatures: SignaturePlace::AfterSakliste };
    vec![
        ("saksprotokoll.pdf", render_saksprotokoll(&reference, now())),
        ("saksprotokoll-manglande-teikn.pdf", render_saksprotokoll(&missing, now())),
        ("moteprotokoll.pdf", render_moteprotokoll(&minutes(&input).unwrap(), MinutesStyle::default(), now())),
        ("moteprotokoll-felt.pdf", render_moteprotokoll(&minutes(&input).unwrap(), fields, now())),
        ("offentleg.pdf", render_moteprotokoll(&public_minutes(&input).unwrap(), MinutesStyle::default(), now())),
        ("innkalling.pdf", render_innkalling(&innkalling(&input), now())),
    ]
}

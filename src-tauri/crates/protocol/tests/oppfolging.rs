//! The Oppfølging av vedtak report as a real PDF: read back with pdftotext,
//! checked by qpdf, every font embedded.

mod common;

use chrono::NaiveDate;
use common::{keep, now, tool, words, write};
use saksbok_core::agreement::report::{FollowUpItem, FollowUpReport, FollowUpTask};
use saksbok_core::agreement::task::TaskStatus;
use saksbok_core::demo;
use saksbok_core::text::paragraphs;
use saksbok_protocol::render_oppfolging;
use tempfile::TempDir;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_report_lists_each_vedtak_paragraph_with_its_task_and_status() {
    let vedtak = demo::reference().meeting.items[0].vedtak.clone().unwrap();
    let tasks = paragraphs(&vedtak)
        .iter()
        .enumerate()
        .map(|(i, p)| FollowUpTask {
            paragraph: Some(i as u32 + 1),
            title: saksbok_core::agreement::task::title_from_paragraph(p),
            responsible: (i == 3).then(|| "Stabsleiar".to_string()),
            due: (i == 3).then(|| d(2026, 6, 30)),
            status: if i == 0 { TaskStatus::Ferdig } else { TaskStatus::IkkjeStarta },
            agreement: Some("Samarbeidsavtale med SyS-IKT".into()),
            notes: None,
        })
        .collect();
    let report = FollowUpReport {
        municipality: "Luster kommune".into(),
        logo: None,
        board: "Formannskapet og næringsutvalet".into(),
        from: d(2021, 1, 1),
        to: d(2021, 12, 31),
        today: d(2026, 12, 4),
        items: vec![FollowUpItem {
            number: "54/21".into(),
            meeting_date: d(2021, 4, 15),
            title: "IKT-samarbeid. Etablering av avtale med SYS-IKT".into(),
            tasks,
        }],
    };
    let r = render_oppfolging(&report, now());
    keep("oppfolging-av-vedtak.pdf", &r.pdf);
    assert!(r.missing_glyphs.is_empty());
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "r.pdf", &r.pdf);
    let path = path.to_str().unwrap();
    let q = tool("qpdf", &["--check", path]);
    assert!(q.contains("No syntax or stream encoding errors found"), "{q}");
    for row in tool("pdffonts", &[path]).lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
    }
    let text = words(&tool("pdftotext", &["-enc", "UTF-8", path, "-"]));
    for needle in [
        "Luster kommune",
        "Oppfølging av vedtak",
        "Formannskapet og næringsutvalet",
        "Vedtak frå 01.01.2021 – 31.12.2021",
        "Status per: 04.12.2026",
        "5 oppgåver: 1 ferdig, 0 i gang, 4 ikkje starta (1 på overtid).",
        "Sak 54/21 – IKT-samarbeid. Etablering av avtale med SYS-IKT",
        "Vedteke 15.04.2021",
        "Punkt Oppgåve Ansvarleg Frist Status",
        "Luster kommune bør utvikle sin eigen IKT-strategi.",
        "Stabsleiar",
        "30.06.2026",
        "ikkje starta, på overtid",
        "Avtale: Samarbeidsavtale med SyS-IKT",
    ] {
        assert!(text.contains(needle), "«{needle}» missing:\n{text}");
    }
    let info = tool("pdfinfo", &[path]);
    assert!(info.contains("Oppfølging av vedtak, Formannskapet og næringsutvalet"), "{info}");
}

#[test]
fn a_protokolltilforsel_prints_its_meeting_sak_basis_and_text() {
    let d = demo::reference();
    let a = saksbok_protocol::samples::addendum(&d);
    let r = saksbok_protocol::render_tilforsel(&a, now());
    keep("protokolltilforsel.pdf", &r.pdf);
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "t.pdf", &r.pdf);
    let text = words(&tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]));
    for needle in [
        "Protokolltilførsel Formannskapet og næringsutvalet Til møteprotokollen frå 15.04.2021",
        "Tilførsel nr.: 1",
        "Gjeld sak: 54/21 IKT-samarbeid. Etablering av avtale med SYS-IKT",
        "Vedteke: 05.05.2021",
        "Grunnlag: Vedteke av formannskapet i møte 5/21",
        "Ført av: Kari Nes",
        "Tilførsel: I vedtaket, tredje avsnitt",
        "Rettinga endrar ikkje innhaldet i vedtaket.",
    ] {
        assert!(text.contains(needle), "«{needle}» missing:\n{text}");
    }
}

//! A real print through CUPS to the cups-pdf virtual printer that
//! `.ci/setup` installs (queue `PDF`, or `SAKSBOK_TEST_PRINTER`): a
//! møteprotokoll sent by this crate's own code lands as a PDF in ~/PDF with
//! the same pages and text as the one Saksbok rendered. Also: a stopped
//! queue and an unknown printer are refused before anything is sent.
//!
//! The queue is set up with `pdftops-renderer-default=pdftocairo` so that
//! the PostScript cups-pdf turns back into PDF keeps the text extractable.
//! Run by `.ci/test` (`cargo test -p saksbok-print --test cups -- --ignored`).
#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use saksbok_print::{PrintError, PrintJob, PrinterStatus, print_pdf, printers};

fn queue() -> String {
    std::env::var("SAKSBOK_TEST_PRINTER").unwrap_or_else(|_| "PDF".into())
}

fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap()
}

/// Starts the queue again when the test ends, however it ends.
struct Enable(String);
impl Drop for Enable {
    fn drop(&mut self) {
        let _ = Command::new("cupsenable").arg(&self.0).status();
    }
}

#[test]
#[ignore = "needs CUPS with the cups-pdf queue: run by .ci/test"]
fn a_moteprotokoll_printed_on_cups_pdf_has_the_same_pages_and_text() {
    let queue = queue();
    let list = printers().expect("CUPS lists its printers");
    let printer = list.iter().find(|p| p.name == queue).unwrap_or_else(|| panic!("no queue {queue}: {list:?}"));
    assert!(list[0].is_default || !list.iter().any(|p| p.is_default), "the default printer comes first: {list:?}");
    assert_eq!(printer.state, PrinterStatus::Ready);
    assert!(!printer.duplex, "cups-pdf's PPD offers no duplex");
    assert!(!saksbok_print::duplex_from_scheduler(&queue), "the scheduler says the same to any user");

    let minutes = saksbok_core::sample::SampleMeeting::new(2).minutes();
    let now = chrono::DateTime::from_timestamp(1_618_480_800, 0).unwrap();
    let style = saksbok_protocol::content::MinutesStyle::default();
    let rendered = saksbok_protocol::render_moteprotokoll(&minutes, style, now);
    let dir = tempfile::TempDir::new().unwrap();
    let pdf = dir.path().join("moteprotokoll-v1.pdf");
    std::fs::write(&pdf, &rendered.pdf).unwrap();

    let since = SystemTime::now() - Duration::from_secs(1);
    let job =
        PrintJob { printer: &queue, title: "Møteprotokoll Formannskapet", copies: 1, duplex: false, output: None };
    let id = print_pdf(&pdf, &job).expect("the job is accepted");
    assert!(id > 0);
    let out = saksbok_tests::cups_pdf_output(since);
    assert_eq!(pages(&out), rendered.pages as u32, "{}", out.display());
    assert_eq!(text(&out), text(&pdf), "cups-pdf's file reads as the rendered PDF");

    // Two-sided printing on a printer without it is refused.
    let both = PrintJob { duplex: true, ..job.clone() };
    assert_eq!(print_pdf(&pdf, &both), Err(PrintError::NoDuplex(queue.clone())));
    // A stopped queue is refused before anything is sent.
    let _enable = Enable(queue.clone());
    assert!(Command::new("cupsdisable").arg(&queue).status().unwrap().success());
    assert_eq!(print_pdf(&pdf, &job), Err(PrintError::Stopped(queue.clone())));
    // An unknown printer, with the ones there are.
    let e = print_pdf(&pdf, &PrintJob { printer: "Kopirommet", ..job }).unwrap_err();
    assert_eq!(e.code(), "print_unknown_printer");
    assert!(e.to_string().contains(&queue), "{e}");
}

/// Removes a test queue when the test ends, however it ends.
struct Remove(&'static str);
impl Drop for Remove {
    fn drop(&mut self) {
        let _ = Command::new("lpadmin").args(["-x", self.0]).status();
    }
}

/// A queue whose PPD offers two-sided printing is seen as such through the
/// scheduler, as an account that may not read /etc/cups/ppd sees it.
#[test]
#[ignore = "needs CUPS with cups-pdf: run by .ci/test"]
fn a_duplex_printer_is_seen_as_duplex_through_the_scheduler() {
    let base = std::fs::read_to_string("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd").expect("cups-pdf's PPD");
    let duplex = "*OpenUI *Duplex/2-Sided Printing: PickOne\n*OrderDependency: 10 AnySetup *Duplex\n\
                  *DefaultDuplex: None\n*Duplex None/Off: \"<</Duplex false>>setpagedevice\"\n\
                  *Duplex DuplexNoTumble/Long Edge: \"<</Duplex true/Tumble false>>setpagedevice\"\n\
                  *CloseUI: *Duplex\n";
    let dir = tempfile::TempDir::new().unwrap();
    let ppd = dir.path().join("duplex.ppd");
    std::fs::write(&ppd, format!("{}\n{duplex}", base.trim_end())).unwrap();
    let queue = "SaksbokTosidig";
    let ok = Command::new("lpadmin").args(["-p", queue, "-v", "cups-pdf:/", "-E", "-P"]).arg(&ppd).status().unwrap();
    assert!(ok.success(), "lpadmin");
    let _remove = Remove(queue);
    assert!(saksbok_print::duplex_from_scheduler(queue));
    let list = printers().unwrap();
    assert!(list.iter().any(|p| p.name == queue && p.duplex), "{list:?}");
}

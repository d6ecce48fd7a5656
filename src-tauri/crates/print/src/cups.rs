//! CUPS (Linux, macOS) through the `printers` crate.

use std::path::Path;

use printers::common::base::job::PrinterJobOptions;
use printers::common::base::printer::{Printer, PrinterState};

use crate::{PrintError, PrintJob, PrinterInfo, PrinterStatus};

/// Where CUPS keeps each queue's PPD.
const PPD_DIR: &str = "/etc/cups/ppd";

fn status(p: &Printer) -> PrinterStatus {
    match p.state {
        PrinterState::READY => PrinterStatus::Ready,
        PrinterState::PRINTING => PrinterStatus::Printing,
        PrinterState::PAUSED => PrinterStatus::Stopped,
        PrinterState::OFFLINE => PrinterStatus::Offline,
        PrinterState::UNKNOWN => PrinterStatus::Unknown,
    }
}

/// Whether the queue prints on both sides: from its PPD where the file may
/// be read (root, the lp group), else as the scheduler tells any user
/// (`lpoptions -l`, the same PPD options over IPP). Debian keeps the PPDs
/// readable only by root and lp, so a clerk's own account needs the second.
fn duplex(name: &str) -> bool {
    match std::fs::read(Path::new(PPD_DIR).join(format!("{name}.ppd"))) {
        Ok(ppd) => crate::ppd::offers_duplex(&String::from_utf8_lossy(&ppd)),
        Err(_) => duplex_from_scheduler(name),
    }
}

/// Whether the scheduler offers two-sided printing on the queue `name`
/// (`lpoptions -p NAME -l`); false when it cannot be asked.
pub fn duplex_from_scheduler(name: &str) -> bool {
    std::process::Command::new("lpoptions").args(["-p", name, "-l"]).output().is_ok_and(|out| {
        out.status.success() && crate::ppd::options_offer_duplex(&String::from_utf8_lossy(&out.stdout))
    })
}

/// The scheduler answers: its local socket or port 631 (or `CUPS_SERVER`).
fn scheduler_running() -> bool {
    use std::net::{TcpStream, ToSocketAddrs};
    use std::time::Duration;
    let server = std::env::var("CUPS_SERVER").unwrap_or_default();
    let server = server.trim();
    if server.starts_with('/') {
        return std::os::unix::net::UnixStream::connect(server).is_ok();
    }
    if server.is_empty()
        && ["/run/cups/cups.sock", "/var/run/cups/cups.sock", "/private/var/run/cupsd"]
            .iter()
            .any(|s| std::os::unix::net::UnixStream::connect(s).is_ok())
    {
        return true;
    }
    let host = if server.is_empty() {
        "localhost:631".to_string()
    } else if server.contains(':') {
        server.to_string()
    } else {
        format!("{server}:631")
    };
    host.to_socket_addrs()
        .is_ok_and(|mut addrs| addrs.any(|a| TcpStream::connect_timeout(&a, Duration::from_millis(500)).is_ok()))
}

pub(crate) fn list() -> Result<Vec<PrinterInfo>, PrintError> {
    let found = printers::get_printers();
    if found.is_empty() {
        return Err(if scheduler_running() { PrintError::NoPrinters } else { PrintError::NoService });
    }
    Ok(found
        .iter()
        .map(|p| PrinterInfo {
            name: p.system_name.clone(),
            description: if p.name.trim().is_empty() { p.system_name.clone() } else { p.name.clone() },
            location: p.location.clone(),
            is_default: p.is_default,
            state: status(p),
            duplex: duplex(&p.system_name),
        })
        .collect())
}

pub(crate) fn send(path: &Path, job: &PrintJob<'_>) -> Result<u64, PrintError> {
    let refused = |detail: String| PrintError::Refused { name: job.printer.to_string(), detail };
    let printer =
        printers::get_printer_by_name(job.printer).ok_or_else(|| refused("han er ikkje lenger der".into()))?;
    let copies = job.copies.to_string();
    let sides = if job.duplex { "two-sided-long-edge" } else { "one-sided" };
    let options = [("copies", copies.as_str()), ("sides", sides)];
    let path = path.to_str().ok_or_else(|| refused("filnamnet er ikkje gyldig UTF-8".into()))?;
    printer
        .print_file(
            path,
            PrinterJobOptions { name: Some(job.title), raw_properties: &options, ..PrinterJobOptions::none() },
        )
        .map_err(|e| refused(e.message))
}

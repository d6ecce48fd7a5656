//! Printing on a real printer: the system's printers (the default first)
//! and a protocol PDF sent to one of them with a number of copies and, where
//! the printer offers it, on both sides of the paper.
//!
//! On Linux and macOS the job goes to CUPS through the `printers` crate;
//! CUPS's filters turn the PDF into what the printer speaks. A missing
//! printer, a stopped queue or no CUPS at all is a [`PrintError`] with a
//! Nynorsk message, found before anything is sent.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

#[cfg(unix)]
mod cups;
#[cfg(any(windows, test))]
mod pages;
mod ppd;
#[cfg(windows)]
mod windows;

#[cfg(unix)]
pub use cups::duplex_from_scheduler;

/// A printer as the print dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrinterInfo {
    /// The queue's name, as `print --printer` takes it.
    pub name: String,
    /// What people call it ("HP LaserJet 2. etasje"); the name when none is set.
    pub description: String,
    pub location: String,
    pub is_default: bool,
    pub state: PrinterStatus,
    /// The printer can print on both sides of the paper.
    pub duplex: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PrinterStatus {
    Ready,
    Printing,
    /// The queue is stopped: jobs would wait in it.
    Stopped,
    Offline,
    Unknown,
}

/// What to print and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob<'a> {
    pub printer: &'a str,
    /// The job's name in the queue.
    pub title: &'a str,
    pub copies: u32,
    pub duplex: bool,
    /// Windows: the file a printer that writes files ("Microsoft Print to
    /// PDF", "Microsoft XPS Document Writer") writes to instead of asking.
    pub output: Option<&'a Path>,
}

/// The most copies one job may ask for: more is surely a typing error.
pub const MAX_COPIES: u32 = 99;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrintError {
    #[error(
        "Utskriftstenesta ({}) svarar ikkje på denne maskina. Start ho, eller be IT-avdelinga installera ho; \
         PDF-en kan framleis opnast og skrivast ut frå PDF-lesaren.",
        SPOOLER
    )]
    NoService,
    #[error("Denne maskina har ingen skrivar. Legg til ein i systeminnstillingane, eller opna PDF-en i PDF-lesaren.")]
    NoPrinters,
    #[error("Fann ikkje skrivaren «{name}». Skrivarane her er: {known}.")]
    UnknownPrinter { name: String, known: String },
    #[error("Skrivaren «{0}» er stoppa. Start køen att, eller vel ein annan skrivar.")]
    Stopped(String),
    #[error("Skrivaren «{0}» kan ikkje skriva ut på begge sider av arket.")]
    NoDuplex(String),
    #[error("Tal kopiar må vera mellom 1 og {MAX_COPIES}.")]
    Copies,
    #[error("Fann ikkje PDF-en som skulle skrivast ut: {0}.")]
    NoFile(String),
    #[error("Skrivaren «{name}» tok ikkje imot utskrifta: {detail}.")]
    Refused { name: String, detail: String },
    #[error("Fila {0} er ikkje ein PDF som kan skrivast ut. Opna ho i PDF-lesaren og sjå kva ho er.")]
    Unreadable(String),
    #[error(
        "Utskrift til fil er for Windows-skrivarar som skriv filer («Microsoft Print to PDF»). \
         Her er PDF-en sjølv den fila: kopier ho dit ho skal."
    )]
    ToFile,
}

/// The system's print service, as people know it.
const SPOOLER: &str = if cfg!(windows) { "Print Spooler" } else { "CUPS" };

impl PrintError {
    /// The stable code the window and the command line see.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoService => "print_no_service",
            Self::NoPrinters => "print_no_printers",
            Self::UnknownPrinter { .. } => "print_unknown_printer",
            Self::Stopped(_) => "print_stopped",
            Self::NoDuplex(_) => "print_no_duplex",
            Self::Copies => "print_copies",
            Self::NoFile(_) => "print_no_file",
            Self::Refused { .. } => "print_refused",
            Self::Unreadable(_) => "print_unreadable",
            Self::ToFile => "print_to_file",
        }
    }
}

/// The system's printers, the default first, then by name.
pub fn printers() -> Result<Vec<PrinterInfo>, PrintError> {
    let mut list = list()?;
    list.sort_by(|a, b| b.is_default.cmp(&a.is_default).then_with(|| a.description.cmp(&b.description)));
    Ok(list)
}

/// The default printer, or the first there is.
pub fn default_printer() -> Result<PrinterInfo, PrintError> {
    printers()?.into_iter().next().ok_or(PrintError::NoPrinters)
}

/// Sends the PDF at `path` to a printer; returns the job's id. Every check
/// is made before anything is sent: nothing half-printed on bad input.
pub fn print_pdf(path: &Path, job: &PrintJob<'_>) -> Result<u64, PrintError> {
    if !(1..=MAX_COPIES).contains(&job.copies) {
        return Err(PrintError::Copies);
    }
    if !path.is_file() {
        return Err(PrintError::NoFile(path.display().to_string()));
    }
    let known = printers()?;
    let Some(printer) = known.iter().find(|p| p.name == job.printer) else {
        return Err(PrintError::UnknownPrinter {
            name: job.printer.to_string(),
            known: known.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
        });
    };
    if printer.state == PrinterStatus::Stopped {
        return Err(PrintError::Stopped(printer.name.clone()));
    }
    if job.duplex && !printer.duplex {
        return Err(PrintError::NoDuplex(printer.name.clone()));
    }
    send(path, job)
}

#[cfg(unix)]
fn list() -> Result<Vec<PrinterInfo>, PrintError> {
    cups::list()
}

#[cfg(unix)]
fn send(path: &Path, job: &PrintJob<'_>) -> Result<u64, PrintError> {
    if job.output.is_some() {
        return Err(PrintError::ToFile);
    }
    cups::send(path, job)
}

#[cfg(windows)]
fn list() -> Result<Vec<PrinterInfo>, PrintError> {
    windows::list()
}

#[cfg(windows)]
fn send(path: &Path, job: &PrintJob<'_>) -> Result<u64, PrintError> {
    windows::send(path, job)
}

//! Printing on a real printer from the window: the system's printers (the
//! person's chosen printer, else the system's default, first) and a kept
//! print's copy sent to one of them. CUPS, or on Windows GDI, does the work
//! (saksbok-print).

use std::path::Path;

use saksbok_print::{PrintError, PrintJob, PrinterInfo};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

impl From<PrintError> for CommandError {
    fn from(e: PrintError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

/// A printer and how to print, as the print dialog chose.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PrinterChoice {
    pub printer: String,
    pub copies: u32,
    pub duplex: bool,
}

/// What the print dialog offers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PrinterList {
    pub printers: Vec<PrinterInfo>,
    /// The one to start from: the person's own default printer (Innstillingar → Deg)
    /// when the system has it, else the system's default.
    pub preferred: Option<String>,
}

pub fn list_printers(state: &AppState) -> CommandResult<PrinterList> {
    let printers = saksbok_print::printers()?;
    let own = state.personal().default_printer;
    let preferred =
        own.filter(|p| printers.iter().any(|x| x.name == *p)).or_else(|| printers.first().map(|p| p.name.clone()));
    Ok(PrinterList { printers, preferred })
}

/// Sends the PDF at `path` (a kept print's copy) to the chosen printer.
/// Returns the job's id.
pub fn send_to_printer(path: &Path, title: &str, choice: &PrinterChoice) -> CommandResult<u64> {
    let job = PrintJob { printer: &choice.printer, title, copies: choice.copies, duplex: choice.duplex, output: None };
    Ok(saksbok_print::print_pdf(path, &job)?)
}

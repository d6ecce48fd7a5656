use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// What can go wrong with the database, worded for the person at the desk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Fila {} er ikkje ein Saksbok-database, eller ho er skadd. Ingenting i fila er endra.", path.display())]
    NotADatabase { path: PathBuf },
    #[error(
        "Databasen {} er skadd ({detail}). Ingenting i fila er endra; hent fram siste tryggingskopi.",
        path.display()
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("{}", locked_message(path, holders))]
    Locked {
        path: PathBuf,
        /// Who has it open, as [`crate::presence::Holder::describe`] says it; empty if not known.
        holders: Vec<String>,
    },
    #[error(
        "Databasen {} kan berre lesast (fila eller mappa er skriveverna). Endringa vart ikkje lagra.",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "Fila {} er ein SQLite-database, men ikkje Saksbok sin: {detail}. Ingenting i fila er endra; vel ei anna fil.",
        path.display()
    )]
    Foreign { path: PathBuf, detail: String },
    #[error("Kan ikkje opna databasen {}: {detail}", path.display())]
    CannotOpen { path: PathBuf, detail: String },
    #[error(
        "Databasen {} ligg på ein nettverksressurs ({kind}). SQLite kan ikkje brukast trygt over nettverket, \
         så Saksbok opnar ho ikkje: flytt fila til ein lokal disk (tryggingskopiane kan gjerne liggja på nettverket). \
         Ingenting i fila er endra.",
        path.display()
    )]
    NetworkShare { path: PathBuf, kind: String },
    #[error(
        "Databasen {} er laga av ein nyare Saksbok (skjemaversjon {found}, denne kjenner til {supported}). Oppgrader Saksbok.",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("Fann ikkje {0}.")]
    NotFound(String),
    #[error("Utvalssak {number} finst i fleire utval: {}. Vel utval.", boards.join(", "))]
    Ambiguous { number: String, boards: Vec<String> },
    #[error("{0}")]
    Invalid(String),
    /// Input that failed validation, field by field, for a form to show.
    #[error("{}", saksbok_core::case::summary(.0))]
    InvalidFields(Vec<saksbok_core::case::FieldError>),
    #[error("Databasefeil i {}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

fn locked_message(path: &Path, holders: &[String]) -> String {
    if holders.is_empty() {
        format!(
            "Databasen {} er i bruk av eit anna program. Lukk det andre programmet (eller ein annan Saksbok) og prøv igjen.",
            path.display()
        )
    } else {
        format!(
            "Databasen {} er i bruk av {}. Vent til det er ferdig, eller lukk det, og prøv igjen; ingenting er endra.",
            path.display(),
            holders.join(" og ")
        )
    }
}

impl StoreError {
    /// A stable code for programs (the UI, scripts) to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotADatabase { .. } => "db_not_a_database",
            Self::Corrupt { .. } => "db_corrupt",
            Self::Locked { .. } => "db_locked",
            Self::ReadOnly { .. } => "db_read_only",
            Self::Foreign { .. } => "db_foreign",
            Self::CannotOpen { .. } => "db_cannot_open",
            Self::NetworkShare { .. } => "db_network_share",
            Self::TooNew { .. } => "db_too_new",
            Self::NotFound(_) => "not_found",
            Self::Ambiguous { .. } => "ambiguous",
            Self::Invalid(_) | Self::InvalidFields(_) => "invalid",
            Self::Sqlite { .. } => "db_error",
        }
    }

    pub(crate) fn from_sqlite(e: rusqlite::Error, path: &Path) -> Self {
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Self::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => Self::Corrupt { path, detail: e.to_string() },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                let holders = crate::presence::others(&path).iter().map(crate::presence::Holder::describe).collect();
                Self::Locked { path, holders }
            }
            Some(ErrorCode::ReadOnly) => Self::ReadOnly { path },
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                Self::CannotOpen { path, detail: e.to_string() }
            }
            _ => Self::Sqlite { path, source: e },
        }
    }

    /// Errors made where the path is not known get it filled in here.
    pub(crate) fn with_path(self, path: &Path) -> Self {
        match self {
            Self::Sqlite { source, path: p } if p.as_os_str().is_empty() => Self::from_sqlite(source, path),
            Self::TooNew { found, supported, path: p } if p.as_os_str().is_empty() => {
                Self::TooNew { path: path.to_path_buf(), found, supported }
            }
            Self::Foreign { detail, path: p } if p.as_os_str().is_empty() => {
                Self::Foreign { path: path.to_path_buf(), detail }
            }
            other => other,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    /// For queries inside a transaction; [`Store::write`] adds the path.
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite { path: PathBuf::new(), source: e }
    }
}

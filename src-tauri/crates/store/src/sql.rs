//! Small helpers shared by the query modules.

use chrono::NaiveDate;

use crate::StoreError;

pub(crate) fn parse_date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub(crate) fn bad_value(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("ugyldig {what}: {value}").into())
}

/// A UNIQUE violation becomes `message` (the number is taken); any other
/// error, a failed CHECK included, passes through as it is.
pub(crate) fn taken_or(e: rusqlite::Error, message: impl FnOnce() -> String) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            StoreError::Invalid(message())
        }
        _ => e.into(),
    }
}

/// A new Noark systemID.
pub(crate) fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

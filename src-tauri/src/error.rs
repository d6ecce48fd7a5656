//! The one error type that crosses to the UI: a stable code for the program
//! and a message in Nynorsk for the person.

use saksbok_core::case::FieldError;
use saksbok_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// For input that failed validation: the problem with each field, so a
    /// form can show it beside the field. Empty otherwise.
    pub fields: Vec<FieldError>,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.to_string(), message: message.into(), fields: Vec::new() }
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        let fields = match &e {
            StoreError::InvalidFields(f) => f.clone(),
            _ => Vec::new(),
        };
        Self { code: e.code().to_string(), message: e.to_string(), fields }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

//! Thin `#[tauri::command]` functions: parse, call [`crate::service`], map the error.

pub mod app;
pub mod cases;
pub mod protocol;

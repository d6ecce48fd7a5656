//! The settings screen and the backups.

use tauri::AppHandle;

use super::blocking;
use crate::error::CommandResult;
use crate::personal::PersonalSettings;
use crate::service::admin::{self as settings, BackupEntry, BackupList, SettingsView};
use saksbok_core::settings::RegisterSettings;

#[tauri::command]
pub async fn get_settings(app: AppHandle) -> CommandResult<SettingsView> {
    blocking(app, settings::settings_view).await
}

#[tauri::command]
pub async fn save_register_settings(app: AppHandle, input: RegisterSettings) -> CommandResult<SettingsView> {
    blocking(app, move |s| settings::save_register_settings(s, &input, chrono::Utc::now())).await
}

/// The municipality's logo as a `data:` URL; none without one.
#[tauri::command]
pub async fn get_logo(app: AppHandle) -> CommandResult<Option<String>> {
    blocking(app, settings::logo_url).await
}

/// Keeps the PNG or JPEG file in the body as the municipality's logo; the logo after.
#[tauri::command]
pub async fn set_logo(app: AppHandle, request: tauri::ipc::Request<'_>) -> CommandResult<Option<String>> {
    let bytes = super::signing::body(&request)?;
    blocking(app, move |s| settings::set_logo(s, &bytes, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn clear_logo(app: AppHandle) -> CommandResult<Option<String>> {
    blocking(app, move |s| settings::clear_logo(s, chrono::Utc::now())).await
}

#[tauri::command]
pub async fn save_personal_settings(app: AppHandle, input: PersonalSettings) -> CommandResult<SettingsView> {
    blocking(app, move |s| settings::save_personal_settings(s, &input)).await
}

#[tauri::command]
pub async fn list_backups(app: AppHandle) -> CommandResult<BackupList> {
    blocking(app, settings::list_backups).await
}

#[tauri::command]
pub async fn make_backup(app: AppHandle) -> CommandResult<BackupEntry> {
    blocking(app, |s| settings::make_backup(s, chrono::Utc::now())).await
}

/// Restores a backup the person chose from the list and confirmed.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, path: String) -> CommandResult<BackupEntry> {
    blocking(app, move |s| settings::restore_backup(s, std::path::Path::new(&path), chrono::Utc::now())).await
}

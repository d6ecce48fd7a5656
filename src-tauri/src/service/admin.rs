//! The settings screen and the backups: the register's settings (in the
//! database), the person's (in the OS config directory), and backups made,
//! listed and restored from the window.

use std::path::Path;

use chrono::{DateTime, Utc};
use saksbok_core::settings::RegisterSettings;
use saksbok_store::backup::{self, BackupInfo, Backups, Reason};
use saksbok_store::settings;
use serde::Serialize;
use ts_rs::TS;

use super::{invalid, shown_path as shown, with_store, write_as};
use crate::error::{CommandError, CommandResult};
use crate::personal::{self, PersonalSettings};
use crate::state::{AppState, Db};

/// Everything the settings screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SettingsView {
    pub register: RegisterSettings,
    /// Where backups go when no folder is chosen.
    pub default_backup_dir: String,
    pub personal: PersonalSettings,
    /// The OS account the history names.
    pub os_user: String,
    /// The file the personal settings are kept in.
    pub personal_file: String,
}

/// One backup as the window lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupEntry {
    pub path: String,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub made_at: String,
    pub reason: String,
    pub reason_label: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl From<&BackupInfo> for BackupEntry {
    fn from(b: &BackupInfo) -> Self {
        Self {
            path: shown(&b.path),
            file_name: b.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            made_at: b.made_at.to_rfc3339(),
            reason: b.reason.as_str().to_string(),
            reason_label: b.reason.label().to_string(),
            bytes: b.bytes,
        }
    }
}

/// The backup folder and what is in it, newest first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupList {
    pub dir: String,
    pub keep: u32,
    pub backups: Vec<BackupEntry>,
}

pub fn settings_view(state: &AppState) -> CommandResult<SettingsView> {
    let register = with_store(state, |s| Ok(settings::register_settings(s.conn())?))?;
    Ok(SettingsView {
        register,
        default_backup_dir: shown(&backup::default_dir(&state.db_path)),
        personal: state.personal(),
        os_user: state.os_user.clone(),
        personal_file: shown(&state.config_dir.join(personal::FILE)),
    })
}

/// Saves the register's settings. A chosen backup folder must exist and be
/// writable now, so the next backup does not fail unseen.
pub fn save_register_settings(
    state: &AppState,
    input: &RegisterSettings,
    now: DateTime<Utc>,
) -> CommandResult<SettingsView> {
    let valid = input.validate().map_err(invalid)?;
    if let Some(dir) = &valid.backup_dir {
        check_writable_dir(Path::new(dir))?;
    }
    write_as(state, now, |tx, who| settings::save_register_settings(tx, who, &valid))?;
    log::info!("innstillingar for registeret lagra av {}", state.user());
    settings_view(state)
}

/// The municipality's logo as a `data:` URL for the settings screen to
/// show; none without one. Asked for by that screen alone, so a large logo
/// never slows the start.
pub fn logo_url(state: &AppState) -> CommandResult<Option<String>> {
    with_store(state, |s| {
        Ok(match (settings::logo(s.conn())?, settings::setting(s.conn(), "logo")?) {
            (Some(bytes), Some(text)) => {
                let mime = if bytes.0.starts_with(b"\x89PNG") { "image/png" } else { "image/jpeg" };
                Some(format!("data:{mime};base64,{}", text.trim()))
            }
            _ => None,
        })
    })
}

/// Keeps a PNG or JPEG file as the municipality's logo, printed at the head
/// of its protocols from now on (as a PNG no larger than prints sharp). A
/// file that is no such picture, or too big or small, is refused with the
/// reason; the logo kept before stays.
pub fn set_logo(state: &AppState, bytes: &[u8], now: DateTime<Utc>) -> CommandResult<Option<String>> {
    // Kept as it prints: a large picture is made smaller first.
    let kept = saksbok_protocol::logo::prepare(bytes).map_err(|e| {
        let message = e.to_string();
        CommandError {
            fields: vec![saksbok_core::case::FieldError::new("logo", message.clone())],
            ..CommandError::new("invalid", message)
        }
    })?;
    write_as(state, now, |tx, who| settings::set_logo(tx, who, Some(&kept)))?;
    log::info!("ny logo ({} byte, kept as {} byte) lagra av {}", bytes.len(), kept.len(), state.user());
    logo_url(state)
}

/// Takes the logo away: protocols print the municipality's name alone.
pub fn clear_logo(state: &AppState, now: DateTime<Utc>) -> CommandResult<Option<String>> {
    write_as(state, now, |tx, who| settings::set_logo(tx, who, None))?;
    log::info!("logoen teken bort av {}", state.user());
    logo_url(state)
}

fn check_writable_dir(dir: &Path) -> CommandResult<()> {
    let field = |message: String| CommandError {
        fields: vec![saksbok_core::case::FieldError::new("backup_dir", message.clone())],
        ..CommandError::new("invalid", message)
    };
    if !dir.is_absolute() {
        return Err(field(format!("Skriv heile stigen til mappa, til dømes {}.", example_dir())));
    }
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(field(format!("{} er ei fil, ikkje ei mappe.", dir.display()))),
        Err(_) => return Err(field(format!("Mappa {} finst ikkje.", dir.display()))),
    }
    let probe = dir.join(".saksbok-skrivetest");
    std::fs::write(&probe, b"").map_err(|e| field(format!("Kan ikkje skriva i {}: {e}", dir.display())))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

fn example_dir() -> &'static str {
    if cfg!(windows) { r"D:\Tryggingskopiar\Saksbok" } else { "/srv/tryggingskopiar/saksbok" }
}

/// Saves the person's settings to their config directory and uses them at once.
pub fn save_personal_settings(state: &AppState, input: &PersonalSettings) -> CommandResult<SettingsView> {
    let valid = input.validate().map_err(invalid)?;
    personal::save(&state.config_dir, &valid)?;
    state.set_personal(valid);
    settings_view(state)
}

/// The register's backup folder; for a database that could not be opened,
/// the default folder beside it (its settings cannot be read).
fn backups_of(state: &AppState) -> CommandResult<Backups> {
    match &*state.db() {
        Db::Open(s) => Ok(Backups::for_database(s.conn(), s.path())?),
        Db::Failed(_) => Ok(Backups::beside(&state.db_path)),
    }
}

pub fn list_backups(state: &AppState) -> CommandResult<BackupList> {
    let backups = backups_of(state)?;
    let found = backups.list()?;
    Ok(BackupList {
        dir: shown(&backups.dir),
        keep: backups.keep as u32,
        backups: found.iter().map(BackupEntry::from).collect(),
    })
}

/// "Ta tryggingskopi no".
pub fn make_backup(state: &AppState, now: DateTime<Utc>) -> CommandResult<BackupEntry> {
    with_store(state, |s| {
        let backups = Backups::for_database(s.conn(), s.path())?;
        let made = s.backup(&backups, Reason::Manual, now)?;
        log::info!("tryggingskopi teken: {}", made.path.display());
        state.set_backup_error(None);
        Ok(BackupEntry::from(&made))
    })
}

/// The first start of the day makes a backup; later starts that day do not.
/// Returns the backup made, if one was.
pub fn daily_backup(state: &AppState, now: DateTime<Utc>) -> CommandResult<Option<BackupEntry>> {
    // Whether one is due is read under the lock; the copy and its check are
    // made through a connection of their own, so the window's commands do
    // not wait for them.
    let due = with_store(state, |s| {
        let backups = Backups::for_database(s.conn(), s.path())?;
        let due = !settings::is_empty(s.conn())? && backups.daily_due(now)?;
        Ok(due.then(|| (backups, s.path().to_path_buf())))
    })?;
    let Some((backups, path)) = due else { return Ok(None) };
    let made = backups.make_from_file(&path, Reason::Daily, now)?;
    log::info!("dagleg tryggingskopi: {}", made.path.display());
    Ok(Some(BackupEntry::from(&made)))
}

/// Brings back the backup at `path` after the person confirmed it; the
/// database as it is now is kept as a backup first. Returns that backup.
pub fn restore_backup(state: &AppState, path: &Path, now: DateTime<Utc>) -> CommandResult<BackupEntry> {
    if matches!(&*state.db(), Db::Failed(_)) {
        let kept = state.restore_over_failed(path, now)?;
        log::warn!("skadd database erstatta med {}; den skadde ligg i {}", path.display(), kept.path.display());
        return Ok(BackupEntry::from(&kept));
    }
    with_store(state, |s| {
        let backups = Backups::for_database(s.conn(), s.path())?;
        let kept = s.restore_from(path, &backups, now)?;
        log::warn!("databasen henta fram frå {}; den førre er teken vare på i {}", path.display(), kept.path.display());
        Ok(BackupEntry::from(&kept))
    })
}

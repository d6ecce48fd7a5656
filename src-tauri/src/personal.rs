//! What belongs to the person at the desk, not to the register: the name
//! shown in the history, the UI language and the default printer. Kept as
//! JSON in the OS user's config directory (`~/.config/no.kommune.luster.saksbok/`
//! on Linux, `%APPDATA%\…` on Windows, `~/Library/Application Support/…` on macOS).

use std::path::{Path, PathBuf};

use saksbok_core::case::FieldError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CommandError;

/// The file's name inside the config directory.
pub const FILE: &str = "innstillingar.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonalSettings {
    /// The name the history shows beside the OS account, e.g. "Kari Nordheim".
    pub display_name: Option<String>,
    /// "nn" (Nynorsk) or "nb" (Bokmål).
    pub language: String,
    pub default_printer: Option<String>,
}

impl Default for PersonalSettings {
    fn default() -> Self {
        Self { display_name: None, language: "nn".into(), default_printer: None }
    }
}

impl PersonalSettings {
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let display_name = self.display_name.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        if display_name.as_ref().is_some_and(|n| n.chars().count() > 80) {
            errors.push(FieldError::new("display_name", "Namnet kan vera på høgst 80 teikn."));
        }
        if !["nn", "nb"].contains(&self.language.as_str()) {
            errors.push(FieldError::new(
                "language",
                format!("Ukjent språk «{}»: vel nynorsk eller bokmål.", self.language),
            ));
        }
        let default_printer =
            self.default_printer.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        if errors.is_empty() {
            Ok(Self { display_name, language: self.language.clone(), default_printer })
        } else {
            Err(errors)
        }
    }

    /// The name written to the history: "Kari Nordheim (kari)" with a
    /// display name, else the OS account alone.
    pub fn actor(&self, os_user: &str) -> String {
        match &self.display_name {
            Some(name) => format!("{name} ({os_user})"),
            None => os_user.to_string(),
        }
    }
}

/// Reads the settings in `dir`; a missing file gives the defaults, and so
/// does a damaged one (it is left for the next save to replace).
pub fn load(dir: &Path) -> PersonalSettings {
    std::fs::read_to_string(dir.join(FILE)).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
}

/// Writes the settings to `dir` through a temporary file, so a crash never
/// leaves half a file.
pub fn save(dir: &Path, settings: &PersonalSettings) -> Result<PathBuf, CommandError> {
    let fail =
        |e: std::io::Error| CommandError::new("io", format!("Kan ikkje lagra innstillingane i {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let path = dir.join(FILE);
    let tmp = dir.join(format!(".{FILE}.tmp"));
    let text = serde_json::to_string_pretty(settings).expect("settings serialise");
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, &path).map_err(fail)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_damaged_file_gives_defaults() {
        let dir = tempfile::TempDir::new().unwrap();
        assert_eq!(load(dir.path()), PersonalSettings::default());
        let s = PersonalSettings {
            display_name: Some("Kari Nordheim".into()),
            language: "nb".into(),
            default_printer: None,
        };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()), s);
        assert_eq!(s.actor("kari"), "Kari Nordheim (kari)");
        std::fs::write(dir.path().join(FILE), "{ halv").unwrap();
        assert_eq!(load(dir.path()), PersonalSettings::default());
    }

    #[test]
    fn bad_values_are_named() {
        let s = PersonalSettings { display_name: Some("x".repeat(81)), language: "en".into(), default_printer: None };
        let fields: Vec<String> = s.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["display_name", "language"]);
    }
}

//! The register's own settings — what belongs to the municipality and is
//! kept in the database: its name and number for protocol headers, and where
//! backups go and how many are kept.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::FieldError;

/// The most backups one may ask to keep (a year of daily ones).
pub const MAX_BACKUPS: u32 = 365;
/// Kept unless the settings say otherwise.
pub const DEFAULT_BACKUPS: u32 = 10;

/// The register's settings as stored and as the settings screen edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterSettings {
    /// "Luster kommune"
    pub municipality: String,
    /// Kommunenummer, four digits: "4644".
    pub municipality_number: Option<String>,
    /// A folder chosen for backups; none means the default beside the database.
    pub backup_dir: Option<String>,
    pub backup_keep: u32,
    /// An RFC 3161 time-stamp authority (http or https URL): every digital
    /// signature made in Saksbok gets its time stamp (PAdES B-T).
    #[serde(default)]
    pub tsa_url: Option<String>,
}

impl RegisterSettings {
    /// Trims the text and checks each field; every problem at once.
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let municipality = self.municipality.trim().to_string();
        if municipality.is_empty() {
            errors.push(FieldError::new("municipality", "Skriv namnet på kommunen, til dømes «Luster kommune»."));
        } else if municipality.chars().count() > 100 {
            errors.push(FieldError::new("municipality", "Namnet kan vera på høgst 100 teikn."));
        }
        let number = trimmed(self.municipality_number.as_deref());
        if let Some(n) = &number
            && !(n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.push(FieldError::new(
                "municipality_number",
                format!("«{n}» er ikkje eit kommunenummer: det har fire siffer, til dømes 4644."),
            ));
        }
        if !(1..=MAX_BACKUPS).contains(&self.backup_keep) {
            errors.push(FieldError::new(
                "backup_keep",
                format!("Tal på tryggingskopiar må vera mellom 1 og {MAX_BACKUPS} (du skreiv {}).", self.backup_keep),
            ));
        }
        let tsa_url = trimmed(self.tsa_url.as_deref());
        if let Some(url) = &tsa_url {
            let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
            let host = url.split_once("://").map_or("", |(_, rest)| rest);
            if !scheme_ok || host.is_empty() || url.chars().any(char::is_whitespace) {
                errors.push(FieldError::new(
                    "tsa_url",
                    format!("«{url}» er ikkje ei nettadresse til ei tidsstempelteneste: ho byrjar med https:// eller http://."),
                ));
            }
        }
        if errors.is_empty() {
            Ok(Self {
                municipality,
                municipality_number: number,
                backup_dir: trimmed(self.backup_dir.as_deref()),
                backup_keep: self.backup_keep,
                tsa_url,
            })
        } else {
            Err(errors)
        }
    }
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> RegisterSettings {
        RegisterSettings {
            municipality: " Luster kommune ".into(),
            municipality_number: Some("4644".into()),
            backup_dir: Some("  ".into()),
            backup_keep: 10,
            tsa_url: Some(" https://tsa.example.no/tsr ".into()),
        }
    }

    #[test]
    fn good_settings_are_trimmed() {
        let v = ok().validate().unwrap();
        assert_eq!(v.municipality, "Luster kommune");
        assert_eq!(v.backup_dir, None);
        assert_eq!(v.tsa_url.as_deref(), Some("https://tsa.example.no/tsr"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = RegisterSettings {
            municipality: " ".into(),
            municipality_number: Some("46440".into()),
            backup_dir: None,
            backup_keep: 0,
            tsa_url: Some("tsa.example.no".into()),
        };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["municipality", "municipality_number", "backup_keep", "tsa_url"]);
        for wrong in ["ftp://tsa.example.no", "https://", "https://tsa example.no"] {
            let e = RegisterSettings { tsa_url: Some(wrong.into()), ..ok() }.validate().unwrap_err();
            assert_eq!(e[0].field, "tsa_url", "{wrong}");
        }
        let many = RegisterSettings { backup_keep: MAX_BACKUPS + 1, ..ok() };
        assert!(many.validate().unwrap_err()[0].message.contains("mellom 1 og 365"));
    }
}

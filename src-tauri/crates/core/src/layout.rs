//! How a board's protocols are printed: the layout settings real
//! municipalities differ in, with the reference protocol's layout (Luster)
//! as the default. Number format, series and language belong to the board
//! itself; this is only the look of the paper.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::FieldError;

/// The attendance lists of a møtebok.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum AttendanceLayout {
    /// "Følgjande medlemer møtte" and the rest as tables with party and
    /// function columns (Luster's published layout).
    #[default]
    Tables,
    /// "Medl.:", "Forfall:", "Varamedl.:", "Frå adm. (evt. andre):" as
    /// labelled, comma-separated names.
    Fields,
}

/// Where a møtebok's signature block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignaturePlace {
    /// After the last case.
    #[default]
    End,
    /// On the first page, right after the sakliste.
    AfterSakliste,
}

/// A board's protocol layout. Stored as JSON; a setting a later version
/// adds is read as its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProtocolLayout {
    /// The møtebok's document title: "Møteprotokoll", "Møtebok".
    pub minutes_title: String,
    /// A saksprotokoll's document title: "Saksprotokoll", "Særutskrift".
    pub extract_title: String,
    /// "Behandling:", "Handsaming:".
    pub behandling_label: String,
    /// "Vedtak:", "VEDTAK:".
    pub vedtak_label: String,
    /// The case's title line: "Saksprotokoll - {tittel}", or the bare title.
    /// The sakliste always shows the bare title.
    pub title_prefix: bool,
    pub attendance: AttendanceLayout,
    /// A sakliste per number series (PS, RS) with its heading, or one list.
    pub sakliste_by_series: bool,
    pub signatures: SignaturePlace,
}

impl Default for ProtocolLayout {
    fn default() -> Self {
        Self {
            minutes_title: "Møteprotokoll".into(),
            extract_title: "Saksprotokoll".into(),
            behandling_label: "Behandling:".into(),
            vedtak_label: "Vedtak:".into(),
            title_prefix: true,
            attendance: AttendanceLayout::Tables,
            sakliste_by_series: true,
            signatures: SignaturePlace::End,
        }
    }
}

/// The longest title or label: a heading that fits on one line.
pub const MAX_LABEL: usize = 60;

impl ProtocolLayout {
    /// The layout as it may be stored: titles and labels trimmed, none
    /// empty (a protocol without its headings would not be read right), none
    /// longer than a line, no line breaks.
    pub fn validate(&self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut out = self.clone();
        for (field, value, what) in [
            ("minutes_title", &mut out.minutes_title, "Tittelen på møteprotokollen"),
            ("extract_title", &mut out.extract_title, "Tittelen på saksprotokollen"),
            ("behandling_label", &mut out.behandling_label, "Overskrifta for behandlinga"),
            ("vedtak_label", &mut out.vedtak_label, "Overskrifta for vedtaket"),
        ] {
            *value = value.trim().to_string();
            if value.is_empty() {
                errors.push(FieldError::new(field, format!("{what} kan ikkje vera tom.")));
            } else if value.chars().count() > MAX_LABEL {
                errors.push(FieldError::new(
                    field,
                    format!("{what} kan vera på høgst {MAX_LABEL} teikn (no {}).", value.chars().count()),
                ));
            } else if value.chars().any(char::is_control) {
                errors.push(FieldError::new(field, format!("{what} kan ikkje ha linjeskift eller kontrollteikn.")));
            }
        }
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }

    /// How a case's title line is printed (`{tittel}` is the stored title).
    pub fn title_format(&self) -> String {
        if self.title_prefix { format!("{} - {{tittel}}", self.extract_title) } else { "{tittel}".into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_reference_protocols_layout() {
        let l = ProtocolLayout::default();
        assert_eq!(l.title_format(), "Saksprotokoll - {tittel}");
        assert_eq!((l.behandling_label.as_str(), l.vedtak_label.as_str()), ("Behandling:", "Vedtak:"));
        assert_eq!(l.validate().unwrap(), l);
        let bare = ProtocolLayout { title_prefix: false, ..l };
        assert_eq!(bare.title_format(), "{tittel}");
    }

    #[test]
    fn empty_long_or_broken_labels_are_refused_field_by_field() {
        let l = ProtocolLayout {
            minutes_title: "  Møtebok ".into(),
            extract_title: " ".into(),
            behandling_label: "x".repeat(61),
            vedtak_label: "VEDTAK:\n".into(),
            ..ProtocolLayout::default()
        };
        let e = l.validate().unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["extract_title", "behandling_label"], "{e:?}");
        assert_eq!(e[0].message, "Tittelen på saksprotokollen kan ikkje vera tom.");
        assert_eq!(e[1].message, "Overskrifta for behandlinga kan vera på høgst 60 teikn (no 61).");
        // A trailing line break is trimmed away; one inside is refused.
        let inside = ProtocolLayout { vedtak_label: "VED\nTAK".into(), ..ProtocolLayout::default() };
        assert_eq!(inside.validate().unwrap_err()[0].field, "vedtak_label");
        let ok = ProtocolLayout { minutes_title: "  Møtebok ".into(), ..ProtocolLayout::default() };
        assert_eq!(ok.validate().unwrap().minutes_title, "Møtebok");
    }
}

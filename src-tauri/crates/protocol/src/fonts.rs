//! The embedded font (Liberation Sans, SIL OFL 1.1: see fonts/LICENSE-OFL.txt)
//! and its metrics, parsed once.

use std::sync::OnceLock;

use printpdf::ParsedFont;
use saksbok_core::text::Style;

/// Shown in place of a character the font has no glyph for, so nothing is
/// silently dropped: a white square (U+25A1), which every face has and which,
/// unlike `?`, cannot be mistaken for the text itself.
pub const REPLACEMENT: char = '\u{25A1}';

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKind {
    Regular,
    Bold,
    Italic,
}

impl From<Style> for FontKind {
    fn from(s: Style) -> Self {
        match s {
            Style::Regular => Self::Regular,
            Style::Bold => Self::Bold,
            Style::Italic => Self::Italic,
        }
    }
}

impl FontKind {
    pub const ALL: [FontKind; 3] = [Self::Regular, Self::Bold, Self::Italic];

    /// The face's TrueType file, as embedded in every protocol (and loaded
    /// by the Windows print path to draw the same glyphs).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Self::Regular => include_bytes!("../fonts/LiberationSans-Regular.ttf"),
            Self::Bold => include_bytes!("../fonts/LiberationSans-Bold.ttf"),
            Self::Italic => include_bytes!("../fonts/LiberationSans-Italic.ttf"),
        }
    }
}

/// One parsed face with its metrics.
#[derive(Debug)]
pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
}

impl Face {
    fn load(kind: FontKind) -> Self {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(kind.bytes(), 0, &mut warnings)
            .unwrap_or_else(|| panic!("the embedded font {kind:?} must parse: {warnings:?}"));
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Self { parsed, units_per_em }
    }

    /// Whether the face can draw `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        !c.is_control() && self.parsed.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }

    /// `c` itself, or the visible replacement when the face lacks it.
    pub fn printable(&self, c: char) -> char {
        if self.has_glyph(c) { c } else { REPLACEMENT }
    }

    /// Advance width of `c` at `size` points (after replacement).
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let c = self.printable(c);
        let gid = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
        let units = self.parsed.get_horizontal_advance(gid);
        f32::from(units) / self.units_per_em * size
    }

    /// Width of a string at `size` points.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// The three faces used in protocols.
#[derive(Debug)]
pub struct Fonts {
    regular: Face,
    bold: Face,
    italic: Face,
}

impl Fonts {
    pub fn face(&self, kind: FontKind) -> &Face {
        match kind {
            FontKind::Regular => &self.regular,
            FontKind::Bold => &self.bold,
            FontKind::Italic => &self.italic,
        }
    }
}

/// The faces, parsed on first use and shared after that.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Face::load(FontKind::Regular),
        bold: Face::load(FontKind::Bold),
        italic: Face::load(FontKind::Italic),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_are_in_every_face() {
        for kind in FontKind::ALL {
            let f = fonts().face(kind);
            for c in "æøåÆØÅ«»–§éü".chars() {
                assert!(f.has_glyph(c), "{kind:?} lacks {c}");
            }
        }
    }

    #[test]
    fn missing_glyphs_get_a_visible_replacement() {
        let f = fonts().face(FontKind::Regular);
        assert!(!f.has_glyph('😀'));
        assert_eq!(f.printable('😀'), REPLACEMENT);
        for kind in FontKind::ALL {
            assert!(fonts().face(kind).has_glyph(REPLACEMENT), "{kind:?} lacks the replacement mark");
        }
        assert!(f.advance('😀', 11.0) > 0.0);
        assert_eq!(f.printable('\u{7}'), REPLACEMENT, "control characters are shown, not dropped");
    }

    #[test]
    fn widths_scale_with_size() {
        let f = fonts().face(FontKind::Regular);
        let w11 = f.width("Formannskapet", 11.0);
        assert!(w11 > 50.0 && w11 < 100.0, "{w11}");
        assert!((f.width("Formannskapet", 22.0) - 2.0 * w11).abs() < 0.01);
        assert!(fonts().face(FontKind::Bold).width("Formannskapet", 11.0) > w11);
    }
}

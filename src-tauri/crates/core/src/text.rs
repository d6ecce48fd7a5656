//! Styled text as protocols need it: paragraphs of spans in regular, italic or
//! bold. Stored text uses blank lines between paragraphs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    Regular,
    Italic,
    Bold,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Paragraph {
    pub spans: Vec<Span>,
}

impl Paragraph {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { spans: vec![Span { text: text.into(), style: Style::Regular }] }
    }

    pub fn push(&mut self, text: impl Into<String>, style: Style) {
        let text = text.into();
        if text.is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => self.spans.push(Span { text, style }),
        }
    }

    /// The paragraph's text without styling.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Splits stored text into paragraphs at blank lines. A single line break
/// inside a paragraph is kept as `\n` (a list, an address: the protocol
/// prints it as written); blanks around each line go.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// Fills `{name}` placeholders. Unknown placeholders stay as written, so a
/// typo in an edited template shows up on paper instead of vanishing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let key = &after[..end];
        if let Some((_, v)) = values.iter().find(|(k, _)| *k == key) {
            out.push_str(v);
        } else {
            out.push('{');
            out.push_str(key);
            out.push('}');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_single_line_breaks() {
        let p = paragraphs("\n  Første linje\nheld fram\n\n\n  Andre  \n");
        assert_eq!(p, ["Første linje\nheld fram", "Andre"]);
        assert!(paragraphs("  \n \n").is_empty());
    }

    #[test]
    fn push_merges_spans_of_the_same_style() {
        let mut p = Paragraph::default();
        p.push("a", Style::Regular);
        p.push("b", Style::Regular);
        p.push("", Style::Bold);
        p.push("c", Style::Italic);
        assert_eq!(p.spans.len(), 2);
        assert_eq!(p.plain_text(), "abc");
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown_placeholders() {
        assert_eq!(fill("{a} og {b}", &[("a", "Ap"), ("b", "Sp")]), "Ap og Sp");
        assert_eq!(fill("{ukjend} {a}", &[("a", "x")]), "{ukjend} x");
        assert_eq!(fill("open {brace", &[]), "open {brace");
        assert_eq!(fill("æøå {å}", &[("å", "Å")]), "æøå Å");
    }
}

/// A file-name-safe form of `s`: lower case ASCII letters, digits and
/// hyphens ("Formannskapet og næringsutvalet" → "formannskapet-og-naeringsutvalet").
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let piece: &str = match c {
            'æ' => "ae",
            'ø' | 'ö' => "o",
            'å' | 'ä' | 'á' | 'à' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if piece == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(piece);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod slug_tests {
    use super::slug;

    #[test]
    fn slug_is_ascii_and_readable() {
        assert_eq!(slug("Formannskapet og næringsutvalet"), "formannskapet-og-naeringsutvalet");
        assert_eq!(slug("  Ål / Østre Æ  "), "al-ostre-ae");
        assert_eq!(slug("😀"), "");
    }
}

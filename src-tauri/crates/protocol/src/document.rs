//! The document model protocols are written in, before layout: headings,
//! paragraphs with line breaks, lists, labelled fields, tables, rules and
//! space. Content builders (see [`crate::content`]) turn what a protocol says
//! into a [`Document`]; [`crate::layout::document`] puts it on pages.
//!
//! Everything here is plain data: no fonts, no positions.

use saksbok_core::minutes::Signatory;
use saksbok_core::text::{Paragraph, Span, Style};

/// A document to lay out: its blocks in reading order, its footer and the
/// metadata the PDF carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The footer's left part on every page (it wraps when long).
    pub footer: String,
    /// The footer's right part; `{side}` and `{sider}` are filled in.
    pub page_format: String,
    pub title: String,
    pub author: String,
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Bold text in `size` points. It wraps like any text, and it is kept on
    /// the page of the first lines that follow it: never left alone at a
    /// page's foot.
    Heading {
        text: String,
        size: f32,
    },
    /// Text in the body size, wrapped; a `\n` inside it is a line break.
    /// Never one line of it alone at the foot or head of a page.
    Paragraph(Paragraph),
    /// Items with a marker ("1.", "–") hanging to the left of their text.
    List(Vec<ListItem>),
    /// "Sak: 54/21": the label in bold, the value after it, wrapped lines
    /// hanging under the value.
    Field {
        label: String,
        value: String,
        emphasised: bool,
    },
    Table(Table),
    /// The signature block: a statement, then a line to sign on above each
    /// name (with what is said under it: "møteleiar"), two to a row; kept
    /// together on one page.
    Signatures {
        text: String,
        signatories: Vec<Signatory>,
    },
    /// A thin line across the text width, with `pad` points above and below;
    /// never the last thing on a page.
    Rule {
        pad: f32,
    },
    /// A picture (the municipality's logo) at the left margin, `height`
    /// points tall and as wide as its proportions make it (at most the text
    /// width); kept with what follows.
    Picture {
        picture: std::sync::Arc<crate::logo::Picture>,
        height: f32,
    },
    /// Vertical space in points; dropped at the head of a page.
    Space(f32),
    /// Keeps the block before on the page of the block after (a case's
    /// "Sak:", "Tittel:" and "Arkivsak:" with its first section).
    Keep,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub marker: String,
    pub text: Paragraph,
}

/// A table: column widths as shares of the text width, an optional header
/// row printed again at the head of every page the table continues on, and
/// rows that are never split across pages unless one is taller than a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative widths: `[1.0, 1.0, 4.0]` gives the last column two thirds.
    /// A width of 0 fits the column to its widest cell (at most a third of
    /// the line); the other columns share what is left.
    pub widths: Vec<f32>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<Vec<Paragraph>>,
    /// Tables with the same key fit their width-0 columns to the widest
    /// cell of them all, so that their columns line up (a sakliste per series).
    pub shared: Option<u32>,
}

impl Block {
    pub fn heading(text: impl Into<String>, size: f32) -> Self {
        Self::Heading { text: text.into(), size }
    }

    pub fn text(text: impl Into<String>) -> Self {
        Self::Paragraph(Paragraph::plain(text))
    }

    /// A stored paragraph as printed: a list when every line of it starts
    /// with a list marker ("1.", "a)", "-", "–", "•"), else a paragraph with
    /// its line breaks kept.
    pub fn from_paragraph(p: Paragraph) -> Self {
        let lines = split_lines(&p);
        if lines.len() >= 2 {
            let items: Option<Vec<ListItem>> = lines.iter().map(list_item).collect();
            if let Some(items) = items {
                return Self::List(items);
            }
        }
        Self::Paragraph(p)
    }
}

/// A paragraph cut at its line breaks, styles kept.
pub fn split_lines(p: &Paragraph) -> Vec<Paragraph> {
    let mut out = vec![Paragraph::default()];
    for span in &p.spans {
        for (i, piece) in span.text.split('\n').enumerate() {
            if i > 0 {
                out.push(Paragraph::default());
            }
            out.last_mut().expect("never empty").push(piece, span.style);
        }
    }
    out
}

/// The marker a line starts with, if it is a list item: a dash or bullet,
/// or a number or letter followed by "." or ")".
fn marker_of(text: &str) -> Option<&str> {
    let (first, _) = text.split_once(' ')?;
    let dash = matches!(first, "-" | "–" | "•");
    let numbered = first.len() <= 4
        && (first.ends_with('.') || first.ends_with(')'))
        && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit())
        && first.len() >= 2;
    let lettered = first.chars().count() == 2
        && first.ends_with(')')
        && first.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    (dash || numbered || lettered).then_some(first)
}

fn list_item(line: &Paragraph) -> Option<ListItem> {
    let first = line.spans.first()?;
    let marker = marker_of(first.text.trim_start())?.to_string();
    let mut text = Paragraph::default();
    for (i, span) in line.spans.iter().enumerate() {
        let t = if i == 0 { first.text.trim_start()[marker.len()..].trim_start() } else { span.text.as_str() };
        text.push(t, span.style);
    }
    Some(ListItem { marker, text })
}

/// A paragraph of one bold span: table headers, labels.
pub fn bold(text: impl Into<String>) -> Paragraph {
    Paragraph { spans: vec![Span { text: text.into(), style: Style::Bold }] }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(b: &Block) -> Vec<(String, String)> {
        match b {
            Block::List(items) => items.iter().map(|i| (i.marker.clone(), i.text.plain_text())).collect(),
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn lines_that_all_start_with_markers_are_a_list() {
        let b = Block::from_paragraph(Paragraph::plain("1. Fyrste punkt\n2. Andre punkt"));
        assert_eq!(texts(&b), [("1.".into(), "Fyrste punkt".into()), ("2.".into(), "Andre punkt".into())]);
        let b = Block::from_paragraph(Paragraph::plain("- a\n– b\n• c"));
        assert_eq!(texts(&b).len(), 3);
        let b = Block::from_paragraph(Paragraph::plain("a) eitt\nb) to"));
        assert_eq!(texts(&b)[1], ("b)".into(), "to".into()));
    }

    #[test]
    fn other_text_keeps_its_line_breaks_as_a_paragraph() {
        let p = Paragraph::plain("Formannskapet godkjenner:\n1. Avtalen");
        assert_eq!(Block::from_paragraph(p.clone()), Block::Paragraph(p));
        // An amount or a year at the start of a line is not a marker.
        let p = Paragraph::plain("250.000 kr\n2021. Eit år");
        assert!(matches!(Block::from_paragraph(p), Block::Paragraph(_)));
        let p = Paragraph::plain("Berre ei linje");
        assert!(matches!(Block::from_paragraph(p), Block::Paragraph(_)));
    }

    #[test]
    fn split_lines_keeps_styles_across_breaks() {
        let mut p = Paragraph::default();
        p.push("Ap sette fram:\n", Style::Regular);
        p.push("Saka vert utsett.\nNy linje", Style::Italic);
        let lines = split_lines(&p);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].spans[0].style, Style::Italic);
        assert_eq!(lines[2].plain_text(), "Ny linje");
    }
}

//! The pure layout step: a [`Document`] becomes positioned lines on pages.
//! No PDF here, so the result can be snapshot-tested.
//!
//! [`text`] wraps words (at spaces, `\n` breaks a line, a word wider than
//! the line is split, right-to-left runs reordered); [`blocks`] turns each
//! block into boxes (lines, table rows) and glue (space); [`flow`] cuts them
//! into pages with keep-with-next chains: no heading left alone at a page's
//! foot, no single line of a paragraph alone at the foot or head of a page,
//! a table's header row repeated on each page it spans. The footer wraps
//! too, and the body ends above it. Characters the font lacks are replaced
//! with a visible mark and reported in [`Layout::missing`].

mod blocks;
mod flow;
mod text;

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};

use saksbok_core::protocol::Saksprotokoll;
use saksbok_core::text::fill;

use self::blocks::Blocks;
use self::flow::Flow;
use self::text::Shaper;
use crate::content;
use crate::document::Document;
use crate::fonts::{FontKind, fonts};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;

/// Page geometry and type sizes, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PageStyle {
    pub width: f32,
    pub height: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub margin_top: f32,
    /// Distance from the page's foot to the last body line's baseline.
    pub margin_bottom: f32,
    pub body_size: f32,
    /// Line distance as a multiple of the type size.
    pub line_height: f32,
}

impl Default for PageStyle {
    fn default() -> Self {
        Self {
            width: 210.0 * MM,
            height: 297.0 * MM,
            margin_left: 25.0 * MM,
            margin_right: 20.0 * MM,
            margin_top: 20.0 * MM,
            margin_bottom: 25.0 * MM,
            body_size: 11.0,
            line_height: 1.3,
        }
    }
}

/// A run of text in one font, starting at `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    pub text: String,
    pub font: FontKind,
    pub size: f32,
    /// Grey instead of black (footers).
    pub muted: bool,
}

/// One line of text; `y` is its baseline, measured from the page's top.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub runs: Vec<Run>,
}

/// A horizontal rule from `x1` to `x2` at `y` (from the top).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub y: f32,
    pub x1: f32,
    pub x2: f32,
}

/// Where one signatory signs: the room above their line (`x1..x2`, from
/// `top` down to the line at `y`, both from the page's top). The PDF carries
/// an empty signature field there, so a digital signature lands on the line.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureSlot {
    pub name: String,
    pub x1: f32,
    pub x2: f32,
    pub top: f32,
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    pub slots: Vec<SignatureSlot>,
    pub pictures: Vec<PlacedPicture>,
}

/// A picture's place: its top-left corner (`y` from the page's top) and size, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedPicture {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub picture: std::sync::Arc<crate::logo::Picture>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub style: PageStyle,
    pub pages: Vec<Page>,
    /// Characters the font could not draw; each was printed as a visible mark.
    pub missing: BTreeSet<char>,
}

/// Why a document cannot be laid out. Says what to change, in Nynorsk.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    #[error(
        "Sidemargane og skriftstorleiken let ikkje att plass til teksten: det er {width:.0} × {height:.0} punkt att \
         til tekst på sida, og det trengst minst {min_width:.0} × {min_height:.0}. Gjer margane eller skrifta mindre."
    )]
    NoRoom { width: f32, height: f32, min_width: f32, min_height: f32 },
}

impl PageStyle {
    /// Width of the text between the margins.
    pub fn text_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }

    fn line(&self, size: f32) -> f32 {
        size * self.line_height
    }
}

/// The footer as laid out once: the left part's lines (wrapped), and where
/// the rule above it and the body's foot go.
struct Footer {
    lines: Vec<Vec<Run>>,
    label_x_right: f32,
    first_baseline: f32,
    rule_y: f32,
}

const FOOTER_SIZE: f32 = 9.0;

fn footer(shaper: &mut Shaper<'_>, doc: &Document, style: &PageStyle) -> Footer {
    let left = style.margin_left;
    let right = style.width - style.margin_right;
    // Room for the widest page label a long protocol can have.
    let widest = fill(&doc.page_format, &[("side", "9999"), ("sider", "9999")]);
    let label_w = shaper.width(&widest, FontKind::Regular, FOOTER_SIZE);
    let max = (style.text_width() - label_w - 12.0).max(style.text_width() / 3.0);
    let mut lines = shaper.wrap(left, max, &[(&doc.footer, FontKind::Regular)], FOOTER_SIZE);
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    for line in &mut lines {
        for run in line {
            run.muted = true;
        }
    }
    let last_baseline = style.height - 12.0 * MM;
    let first_baseline = last_baseline - (lines.len() - 1) as f32 * style.line(FOOTER_SIZE);
    Footer { lines, label_x_right: right, first_baseline, rule_y: first_baseline - 11.0 }
}

/// Lays out a document on pages of `style`.
pub fn document(doc: &Document, style: &PageStyle) -> Result<Layout, LayoutError> {
    let mut shaper = Shaper::new(fonts());
    let foot = footer(&mut shaper, doc, style);
    let top = style.margin_top;
    let bottom = (style.height - style.margin_bottom).min(foot.rule_y - 20.0);
    // Room for a heading and two lines, and for the longest word of a line.
    let (min_width, min_height) = (144.0, 3.0 * style.line(18.0));
    let body = bottom - top;
    if !(style.text_width() >= min_width && body >= min_height && style.body_size > 0.0 && style.line_height > 0.0) {
        return Err(LayoutError::NoRoom { width: style.text_width(), height: body, min_width, min_height });
    }
    let mut blocks = Blocks { shaper: &mut shaper, style, body, flow: Flow::default(), shared: HashMap::new() };
    blocks.share_columns(&doc.blocks);
    for block in &doc.blocks {
        blocks.block(block);
    }
    let mut pages = blocks.flow.paginate(top, bottom);

    // Footers, now that the page count is known.
    let count = pages.len();
    let (left, right) = (style.margin_left, style.width - style.margin_right);
    for (i, page) in pages.iter_mut().enumerate() {
        page.rules.push(Rule { y: foot.rule_y, x1: left, x2: right });
        for (k, runs) in foot.lines.iter().enumerate() {
            let mut runs = runs.clone();
            if k == 0 {
                let label = fill(&doc.page_format, &[("side", &(i + 1).to_string()), ("sider", &count.to_string())]);
                let mut run = shaper.run(0.0, &label, FontKind::Regular, FOOTER_SIZE);
                run.x = foot.label_x_right - shaper.width(&run.text, FontKind::Regular, FOOTER_SIZE);
                run.muted = true;
                runs.push(run);
            }
            page.lines.push(Line { y: foot.first_baseline + k as f32 * style.line(FOOTER_SIZE), runs });
        }
    }
    Ok(Layout { style: style.clone(), pages, missing: shaper.missing })
}

/// Lays out a saksprotokoll on A4 pages.
pub fn saksprotokoll(p: &Saksprotokoll, style: &PageStyle) -> Result<Layout, LayoutError> {
    document(&content::saksprotokoll(p), style)
}

impl fmt::Display for Layout {
    /// A readable dump for snapshot tests: one line a run, positions rounded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, page) in self.pages.iter().enumerate() {
            writeln!(f, "== side {}", i + 1)?;
            for r in &page.rules {
                writeln!(f, "rule y={:.1} x={:.1}..{:.1}", r.y, r.x1, r.x2)?;
            }
            for p in &page.pictures {
                let name = &p.picture.sha256;
                writeln!(f, "picture y={:.1} x={:.1} {:.1}×{:.1} {name}", p.y, p.x, p.width, p.height)?;
            }
            for line in &page.lines {
                let mut s = String::new();
                for run in &line.runs {
                    let font = match run.font {
                        FontKind::Regular => "R",
                        FontKind::Bold => "B",
                        FontKind::Italic => "I",
                    };
                    let _ = write!(s, " [{font}{} x={:.1}] {}", run.size, run.x, run.text);
                }
                writeln!(f, "y={:.1}{s}", line.y)?;
            }
        }
        Ok(())
    }
}

/// Helper for tests and callers that only need text: every line's text.
pub fn page_texts(layout: &Layout) -> Vec<Vec<String>> {
    layout
        .pages
        .iter()
        .map(|p| p.lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ")).collect())
        .collect()
}

#[cfg(test)]
mod rules;
#[cfg(test)]
mod tests;

//! The pure layout step: a saksprotokoll's content becomes positioned lines
//! on A4 pages. No PDF here, so the result can be snapshot-tested.
//!
//! Words wrap at spaces; a word wider than the line is split between
//! characters. Page breaks fall between lines, never inside one, and a
//! heading is never left alone at the foot of a page. Characters the font
//! lacks are replaced with a visible mark and reported in [`Layout::missing`].

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use saksbok_core::protocol::Saksprotokoll;
use saksbok_core::text::Paragraph;

use crate::fonts::{FontKind, Fonts, fonts};

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
    pub line_height: f32,
    pub paragraph_gap: f32,
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
            paragraph_gap: 6.0,
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

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub style: PageStyle,
    pub pages: Vec<Page>,
    /// Characters the font could not draw; each was printed as a visible mark.
    pub missing: BTreeSet<char>,
}

/// A piece of a word in one style.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    font: FontKind,
}

#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
}

struct Builder<'a> {
    fonts: &'a Fonts,
    style: PageStyle,
    pages: Vec<Page>,
    /// Baseline of the next line on the current page, from the top.
    y: f32,
    missing: BTreeSet<char>,
}

impl Builder<'_> {
    fn new(style: PageStyle) -> Self {
        let y = style.margin_top;
        Self { fonts: fonts(), style, pages: vec![Page::default()], y, missing: BTreeSet::new() }
    }

    fn bottom(&self) -> f32 {
        self.style.height - self.style.margin_bottom
    }

    fn right(&self) -> f32 {
        self.style.width - self.style.margin_right
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.style.margin_top;
    }

    /// Room for `n` more lines of `size` on this page?
    fn fits(&self, size: f32, n: usize) -> bool {
        self.y + size * self.style.line_height * n as f32 <= self.bottom()
    }

    /// Moves down by one line of `size`, starting a page when needed, and
    /// returns the baseline to draw at.
    fn next_baseline(&mut self, size: f32) -> f32 {
        let lh = size * self.style.line_height;
        if self.y + lh > self.bottom() && !self.page().lines.is_empty() {
            self.new_page();
        }
        self.y += lh;
        self.y - (lh - size) / 2.0 - size * 0.2
    }

    fn gap(&mut self, pts: f32) {
        // Space at the top of a page is wasted paper: drop it.
        if !self.page().lines.is_empty() && self.y > self.style.margin_top {
            self.y += pts;
        }
    }

    /// Replaces characters the face lacks, noting them.
    fn clean(&mut self, text: &str, font: FontKind) -> String {
        let face = self.fonts.face(font);
        text.chars()
            .map(|c| {
                let p = face.printable(c);
                if p != c {
                    self.missing.insert(c);
                }
                p
            })
            .collect()
    }

    fn push_line(&mut self, size: f32, runs: Vec<Run>) {
        let y = self.next_baseline(size);
        self.page().lines.push(Line { y, runs });
    }

    /// A single line of text at `x`, in `font`.
    fn text_line(&mut self, x: f32, text: &str, font: FontKind, size: f32) {
        let text = self.clean(text, font);
        self.push_line(size, vec![Run { x, text, font, size, muted: false }]);
    }

    fn rule(&mut self, pad: f32) {
        self.y += pad;
        let (x1, x2, y) = (self.style.margin_left, self.right(), self.y);
        self.page().rules.push(Rule { y, x1, x2 });
        self.y += pad;
    }

    /// Splits styled text into words, cleaning unprintable characters.
    fn words(&mut self, spans: &[(String, FontKind)], size: f32) -> Vec<Word> {
        let mut words = Vec::new();
        let mut current: Vec<Piece> = Vec::new();
        let flush = |current: &mut Vec<Piece>, words: &mut Vec<Word>, fonts: &Fonts| {
            if !current.is_empty() {
                let width = current.iter().map(|p| fonts.face(p.font).width(&p.text, size)).sum();
                words.push(Word { pieces: std::mem::take(current), width });
            }
        };
        for (text, font) in spans {
            let mut piece = String::new();
            for c in text.chars() {
                if c.is_whitespace() {
                    if !piece.is_empty() {
                        current.push(Piece { text: std::mem::take(&mut piece), font: *font });
                    }
                    flush(&mut current, &mut words, self.fonts);
                } else {
                    let p = self.fonts.face(*font).printable(c);
                    if p != c {
                        self.missing.insert(c);
                    }
                    piece.push(p);
                }
            }
            if !piece.is_empty() {
                current.push(Piece { text: piece, font: *font });
            }
        }
        flush(&mut current, &mut words, self.fonts);
        words
    }

    /// Splits a word wider than `max` into pieces that fit.
    fn split_word(&self, word: Word, max: f32, size: f32) -> Vec<Word> {
        let mut out = Vec::new();
        let mut cur: Vec<Piece> = Vec::new();
        let mut width = 0.0;
        for piece in word.pieces {
            let face = self.fonts.face(piece.font);
            let mut text = String::new();
            for c in piece.text.chars() {
                let w = face.advance(c, size);
                if width + w > max && (width > 0.0) {
                    if !text.is_empty() {
                        cur.push(Piece { text: std::mem::take(&mut text), font: piece.font });
                    }
                    out.push(Word { pieces: std::mem::take(&mut cur), width });
                    width = 0.0;
                }
                text.push(c);
                width += w;
            }
            if !text.is_empty() {
                cur.push(Piece { text, font: piece.font });
            }
        }
        if !cur.is_empty() {
            out.push(Word { pieces: cur, width });
        }
        out
    }

    /// Wraps styled text into lines between `x` and the right margin.
    fn wrap(&mut self, x: f32, spans: &[(String, FontKind)], size: f32) -> Vec<Vec<Run>> {
        let max = self.right() - x;
        let words = self.words(spans, size);
        let mut lines: Vec<Vec<Run>> = Vec::new();
        let mut line: Vec<Run> = Vec::new();
        let mut used = 0.0_f32;
        for word in words {
            let parts = if word.width > max { self.split_word(word, max, size) } else { vec![word] };
            for word in parts {
                // The space is drawn at the end of the previous run, in its font.
                let space = line.last().map_or(0.0, |r| self.fonts.face(r.font).advance(' ', size));
                if !line.is_empty() && used + space + word.width > max {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                let mut pos = x + used + if line.is_empty() { 0.0 } else { space };
                let mut first = true;
                for piece in word.pieces {
                    let w = self.fonts.face(piece.font).width(&piece.text, size);
                    match line.last_mut() {
                        // Continue the run when the font is the same: fewer, longer runs.
                        Some(last) if last.font == piece.font => {
                            if first {
                                last.text.push(' ');
                            }
                            last.text.push_str(&piece.text);
                        }
                        Some(last) if first => {
                            // A style change at a word boundary: the space ends the previous run.
                            last.text.push(' ');
                            line.push(Run { x: pos, text: piece.text, font: piece.font, size, muted: false });
                        }
                        _ => line.push(Run { x: pos, text: piece.text, font: piece.font, size, muted: false }),
                    }
                    pos += w;
                    first = false;
                }
                used = pos - x;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// How many more lines of `size` fit on this page.
    fn room(&self, size: f32) -> usize {
        let lh = size * self.style.line_height;
        ((self.bottom() - self.y) / lh).floor().max(0.0) as usize
    }

    /// A wrapped paragraph with widow and orphan control: never one line of
    /// a paragraph alone at the foot or the head of a page.
    fn paragraph(&mut self, x: f32, p: &Paragraph, size: f32) {
        let spans: Vec<(String, FontKind)> = p.spans.iter().map(|s| (s.text.clone(), s.style.into())).collect();
        let lines = self.wrap(x, &spans, size);
        let n = lines.len();
        let room = self.room(size);
        let break_before = if n >= 2 && room == 1 {
            Some(0) // orphan: move the whole start to the next page
        } else if n >= 3 && room >= 2 && room < n && n - room == 1 {
            Some(room - 1) // widow: take one more line along
        } else {
            None
        };
        for (i, runs) in lines.into_iter().enumerate() {
            if Some(i) == break_before && !self.page().lines.is_empty() {
                self.new_page();
            }
            self.push_line(size, runs);
        }
    }
}

/// Lays out a saksprotokoll on A4 pages.
pub fn saksprotokoll(p: &Saksprotokoll, style: &PageStyle) -> Layout {
    let mut b = Builder::new(style.clone());
    let left = b.style.margin_left;
    let size = b.style.body_size;

    // Header: municipality, document kind, board and meeting date.
    b.text_line(left, &p.municipality, FontKind::Bold, 13.0);
    b.gap(2.0);
    b.text_line(left, &p.document_kind, FontKind::Bold, 18.0);
    b.gap(4.0);
    // Board and meeting date stacked, as in the reference, so that text
    // extraction (copy, screen readers, pdftotext) reads them in order.
    let board = vec![(p.board.clone(), FontKind::Bold)];
    for runs in b.wrap(left, &board, 12.0) {
        b.push_line(12.0, runs);
    }
    b.text_line(left, &p.meeting_date, FontKind::Regular, size);
    b.rule(5.0);
    b.gap(4.0);

    // Labelled fields: "Sak: 54/21", "Tittel: …", "Arkivsak: …". The value
    // follows its label on the same line; wrapped lines hang under the value.
    for f in &p.fields {
        let font = if f.emphasised { FontKind::Bold } else { FontKind::Regular };
        let fsize = if f.emphasised { 12.0 } else { size };
        let label = b.clean(&f.label, FontKind::Bold);
        let face = b.fonts.face(FontKind::Bold);
        let value_x = left + face.width(&label, fsize) + face.advance(' ', fsize);
        let mut lines = b.wrap(value_x, &[(f.value.clone(), font)], fsize);
        if lines.is_empty() {
            lines.push(Vec::new());
        }
        for (i, mut runs) in lines.into_iter().enumerate() {
            if i == 0 {
                let text = if runs.is_empty() { label.clone() } else { format!("{label} ") };
                runs.insert(0, Run { x: left, text, font: FontKind::Bold, size: fsize, muted: false });
            }
            b.push_line(fsize, runs);
        }
        b.gap(2.0);
    }

    // Sections: "Behandling:", "Vedtak:" with their paragraphs.
    for s in &p.sections {
        b.gap(10.0);
        // Keep the heading with at least two lines of what follows.
        if !b.fits(size, 3) {
            b.new_page();
        }
        b.text_line(left, &s.heading, FontKind::Bold, size);
        b.gap(4.0);
        for para in &s.paragraphs {
            b.paragraph(left, para, size);
            b.gap(b.style.paragraph_gap);
        }
    }

    // Footers, now that the page count is known.
    let pages = b.pages.len();
    let foot_y = b.style.height - 12.0 * MM;
    let right = b.right();
    let footer_left = b.clean(&p.title, FontKind::Regular);
    for (i, page) in b.pages.iter_mut().enumerate() {
        let label = p.page_label(i + 1, pages);
        let w = b.fonts.face(FontKind::Regular).width(&label, 9.0);
        page.rules.push(Rule { y: foot_y - 11.0, x1: left, x2: right });
        page.lines.push(Line {
            y: foot_y,
            runs: vec![
                Run { x: left, text: footer_left.clone(), font: FontKind::Regular, size: 9.0, muted: true },
                Run { x: right - w, text: label, font: FontKind::Regular, size: 9.0, muted: true },
            ],
        });
    }
    Layout { style: b.style, pages: b.pages, missing: b.missing }
}

impl fmt::Display for Layout {
    /// A readable dump for snapshot tests: one line a run, positions rounded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, page) in self.pages.iter().enumerate() {
            writeln!(f, "== side {}", i + 1)?;
            for r in &page.rules {
                writeln!(f, "rule y={:.1} x={:.1}..{:.1}", r.y, r.x1, r.x2)?;
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
mod tests;

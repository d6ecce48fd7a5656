//! Blocks of a [`Document`](crate::document::Document) into boxes and glue.

use std::collections::HashMap;

use saksbok_core::minutes::Signatory;
use saksbok_core::text::Paragraph;

use super::flow::{Boxed, Flow};
use super::text::Shaper;
use super::{Line, PageStyle, PlacedPicture, Rule, Run, SignatureSlot};
use crate::document::{Block, ListItem, Table};
use crate::fonts::FontKind;

/// Padding inside a table cell, in points.
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 2.5;

pub(super) struct Blocks<'s, 'f> {
    pub shaper: &'s mut Shaper<'f>,
    pub style: &'s PageStyle,
    /// Height of the page body: no box may be taller.
    pub body: f32,
    pub flow: Flow,
    /// Natural widths of fitted columns per shared key (see [`Table::shared`]).
    pub shared: HashMap<u32, Vec<f32>>,
}

fn spans(p: &Paragraph) -> Vec<(&str, FontKind)> {
    p.spans.iter().map(|s| (s.text.as_str(), s.style.into())).collect()
}

impl Blocks<'_, '_> {
    fn left(&self) -> f32 {
        self.style.margin_left
    }

    fn width(&self) -> f32 {
        self.style.text_width()
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.style.line_height
    }

    /// A box of one line of `size`.
    fn line_box(&self, runs: Vec<Run>, size: f32) -> Boxed {
        let lh = self.line_height(size);
        let baseline = lh - (lh - size) / 2.0 - size * 0.2;
        Boxed { height: lh, lines: vec![(baseline, Line { y: 0.0, runs })], ..Boxed::default() }
    }

    /// Lines of one paragraph, kept so that no line of it stands alone at
    /// the foot or the head of a page: the first is kept with the second,
    /// the last but one with the last.
    fn push_lines(&mut self, lines: Vec<Vec<Run>>, size: f32) {
        let n = lines.len();
        for (i, runs) in lines.into_iter().enumerate() {
            let mut b = self.line_box(runs, size);
            b.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
            self.flow.push(b);
        }
    }

    pub fn block(&mut self, block: &Block) {
        let (left, width, size) = (self.left(), self.width(), self.style.body_size);
        match block {
            Block::Heading { text, size } => {
                let lines = self.shaper.wrap(left, width, &[(text, FontKind::Bold)], *size);
                for runs in lines {
                    let mut b = self.line_box(runs, *size);
                    // Every line of a heading stays with what follows it.
                    b.keep_with_next = true;
                    self.flow.push(b);
                }
            }
            Block::Paragraph(p) => {
                let lines = self.shaper.wrap(left, width, &spans(p), size);
                self.push_lines(lines, size);
            }
            Block::List(items) => self.list(items, size),
            Block::Field { label, value, emphasised } => self.field(label, value, *emphasised),
            Block::Table(t) => self.table(t, size),
            Block::Signatures { text, signatories } => self.signatures(text, signatories, size),
            Block::Rule { pad } => {
                let rule = Rule { y: *pad, x1: left, x2: left + width };
                let b = Boxed { height: 2.0 * pad, rules: vec![rule], keep_with_next: true, ..Boxed::default() };
                self.flow.push(b);
            }
            Block::Picture { picture, height } => {
                // As wide as its proportions make it, narrowed to the text width.
                let ratio = picture.width as f32 / picture.height.max(1) as f32;
                let w = (height * ratio).min(width);
                let h = w / ratio;
                let placed = PlacedPicture { x: left, y: 0.0, width: w, height: h, picture: picture.clone() };
                self.flow.push(Boxed { height: h, pictures: vec![placed], keep_with_next: true, ..Boxed::default() });
            }
            Block::Space(pts) => self.flow.glue(*pts),
            Block::Keep => self.flow.keep_last_with_next(),
        }
    }

    fn list(&mut self, items: &[ListItem], size: f32) {
        let left = self.left();
        let space = self.shaper.width(" ", FontKind::Regular, size);
        let widest = items.iter().map(|i| self.shaper.width(&i.marker, FontKind::Regular, size)).fold(0.0, f32::max);
        let indent = (widest + 2.0 * space).max(14.0).min(self.width() / 3.0);
        // The whole list paginates as one paragraph: its first two and last
        // two lines stay together, so no item is left alone on a page.
        let mut all = Vec::new();
        for item in items {
            let mut lines = self.shaper.wrap(left + indent, self.width() - indent, &spans(&item.text), size);
            if lines.is_empty() {
                lines.push(Vec::new());
            }
            let marker = self.shaper.run(left, &item.marker, FontKind::Regular, size);
            lines[0].insert(0, marker);
            all.extend(lines);
        }
        self.push_lines(all, size);
    }

    fn field(&mut self, label: &str, value: &str, emphasised: bool) {
        let left = self.left();
        let font = if emphasised { FontKind::Bold } else { FontKind::Regular };
        let size = if emphasised { self.style.body_size + 1.0 } else { self.style.body_size };
        // The value follows its label; a label wider than half the line
        // puts the value's wrapped lines under the label instead.
        let label_w = self.shaper.width(label, FontKind::Bold, size) + self.shaper.width(" ", FontKind::Bold, size);
        let hang = if label_w > self.width() / 2.0 { 0.0 } else { label_w };
        let first = self.shaper.run(left, label, FontKind::Bold, size);
        let mut lines = if hang > 0.0 {
            self.shaper.wrap(left + hang, self.width() - hang, &[(value, font)], size)
        } else {
            let mut l = vec![Vec::new()];
            l.extend(self.shaper.wrap(left, self.width(), &[(value, font)], size));
            l
        };
        if lines.is_empty() {
            lines.push(Vec::new());
        }
        let mut first = first;
        if !lines[0].is_empty() {
            first.text.push(' ');
        }
        lines[0].insert(0, first);
        self.push_lines(lines, size);
    }

    fn signatures(&mut self, text: &str, signatories: &[Signatory], size: f32) {
        let (left, width) = (self.left(), self.width());
        let lines = self.shaper.wrap(left, width, &[(text, FontKind::Regular)], size);
        for runs in lines {
            let mut b = self.line_box(runs, size);
            b.keep_with_next = true;
            self.flow.push(b);
        }
        // Room to sign, the line, the name under it and what it says of them ("møteleiar").
        let (sign, name_size) = (34.0, size - 1.0);
        let col = width / 2.0;
        let rows: Vec<&[Signatory]> = signatories.chunks(2).collect();
        for (r, pair) in rows.iter().enumerate() {
            let name_line = self.line_height(name_size);
            let wrapped: Vec<Vec<Vec<Run>>> = pair
                .iter()
                .enumerate()
                .map(|(c, s)| {
                    let x = left + c as f32 * col;
                    let mut lines = self.shaper.wrap(x, col - 24.0, &[(s.name.as_str(), FontKind::Regular)], name_size);
                    if let Some(note) = s.note.as_deref().filter(|n| !n.trim().is_empty()) {
                        let mut under = self.shaper.wrap(x, col - 24.0, &[(note, FontKind::Regular)], name_size);
                        for line in &mut under {
                            for run in line {
                                run.muted = true;
                            }
                        }
                        lines.extend(under);
                    }
                    lines
                })
                .collect();
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let mut b = Boxed { height: sign + 2.0 + n as f32 * name_line + 6.0, ..Boxed::default() };
            for (c, s) in pair.iter().enumerate() {
                let x = left + c as f32 * col;
                b.rules.push(Rule { y: sign, x1: x, x2: x + col - 24.0 });
                b.slots.push(SignatureSlot { name: s.name.clone(), x1: x, x2: x + col - 24.0, top: 0.0, y: sign });
            }
            for k in 0..n {
                let runs: Vec<Run> = wrapped.iter().filter_map(|w| w.get(k)).flatten().cloned().collect();
                let name = self.line_box(runs, name_size);
                let (baseline, line) = name.lines.into_iter().next().expect("one line");
                b.lines.push((sign + 2.0 + k as f32 * name_line + baseline, line));
            }
            b.keep_with_next = r + 1 < rows.len();
            self.flow.push(b);
        }
    }

    fn table(&mut self, t: &Table, size: f32) {
        let xs = self.columns(t, size);
        let header = t.header.as_ref().map(|cells| {
            let cells: Vec<Paragraph> = cells.iter().map(|c| crate::document::bold(c.as_str())).collect();
            let mut rows = self.rows(&xs, &cells, size, f32::INFINITY);
            let mut b = rows.remove(0);
            b.keep_with_next = true;
            b
        });
        let header_h = header.as_ref().map_or(0.0, |h| h.height);
        let header_index = header.map(|h| {
            self.flow.push(h.clone());
            self.flow.headers.push(h);
            self.flow.headers.len() - 1
        });
        let room = self.body - header_h;
        for row in &t.rows {
            for mut b in self.rows(&xs, row, size, room) {
                b.header = header_index;
                self.flow.push(b);
            }
        }
    }

    /// The width of column `c`'s widest cell, unwrapped (header included).
    pub fn natural(&self, t: &Table, c: usize, size: f32) -> f32 {
        let header = t.header.as_ref().and_then(|h| h.get(c)).map(|h| self.shaper.width(h, FontKind::Bold, size));
        let cells = t.rows.iter().filter_map(|r| r.get(c)).flat_map(|p| {
            crate::document::split_lines(p)
                .into_iter()
                .map(|line| line.spans.iter().map(|s| self.shaper.width(&s.text, s.style.into(), size)).sum::<f32>())
        });
        header.into_iter().chain(cells).fold(0.0, f32::max)
    }

    /// Natural widths of the columns of tables that share a key, for all of
    /// them alike.
    pub fn share_columns(&mut self, blocks: &[Block]) {
        let size = self.style.body_size;
        for b in blocks {
            if let Block::Table(t) = b
                && let Some(key) = t.shared
            {
                let widths: Vec<f32> = (0..t.widths.len()).map(|c| self.natural(t, c, size)).collect();
                let entry = self.shared.entry(key).or_default();
                entry.resize(entry.len().max(widths.len()), 0.0);
                for (e, w) in entry.iter_mut().zip(widths) {
                    *e = e.max(w);
                }
            }
        }
    }

    /// Where each column starts and how wide it is.
    fn columns(&self, t: &Table, size: f32) -> Vec<(f32, f32)> {
        let width = self.width();
        let n = t.widths.len().max(1);
        let shared = t.shared.and_then(|k| self.shared.get(&k));
        let natural = |c: usize| {
            let widest = shared.and_then(|w| w.get(c).copied()).unwrap_or_else(|| self.natural(t, c, size));
            (widest + 2.0 * CELL_PAD_X + 0.5).min(width / 3.0)
        };
        let mut fixed: Vec<Option<f32>> =
            (0..n).map(|c| (t.widths.get(c).copied().unwrap_or(1.0) <= 0.0).then(|| natural(c))).collect();
        let mut taken: f32 = fixed.iter().flatten().sum();
        if taken > width {
            // Only fitted columns, wider together than the line: shrink them alike.
            for w in fixed.iter_mut().flatten() {
                *w *= width / taken;
            }
            taken = width;
        }
        let weights: f32 =
            (0..n).filter(|c| fixed[*c].is_none()).map(|c| t.widths.get(c).copied().unwrap_or(1.0)).sum();
        let rest = (width - taken).max(0.0);
        let mut x = self.left();
        (0..n)
            .map(|c| {
                let w = fixed[c].unwrap_or_else(|| {
                    if weights > 0.0 { rest * t.widths.get(c).copied().unwrap_or(1.0) / weights } else { 0.0 }
                });
                let col = (x, w);
                x += w;
                col
            })
            .collect()
    }

    /// One table row as boxes: one box, or several when the row is taller
    /// than `room` (each then as tall as fits, nothing lost).
    fn rows(&mut self, xs: &[(f32, f32)], cells: &[Paragraph], size: f32, room: f32) -> Vec<Boxed> {
        let lh = self.line_height(size);
        let wrapped: Vec<Vec<Vec<Run>>> = xs
            .iter()
            .enumerate()
            .map(|(i, &(x, w))| {
                let Some(cell) = cells.get(i) else { return Vec::new() };
                let inner = (w - 2.0 * CELL_PAD_X).max(1.0);
                self.shaper.wrap(x + CELL_PAD_X, inner, &spans(cell), size)
            })
            .collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let per_box = (((room - 2.0 * CELL_PAD_Y) / lh).floor() as usize).max(1);
        let (x1, x2) = (self.left(), self.left() + self.width());
        let mut out = Vec::new();
        let mut start = 0;
        while start < n {
            let end = (start + per_box).min(n);
            let height = 2.0 * CELL_PAD_Y + (end - start) as f32 * lh;
            let mut b = Boxed { height, ..Boxed::default() };
            for k in start..end {
                let runs: Vec<Run> = wrapped.iter().filter_map(|c| c.get(k)).flatten().cloned().collect();
                let line = self.line_box(runs, size);
                let (baseline, line) = line.lines.into_iter().next().expect("one line");
                b.lines.push((CELL_PAD_Y + (k - start) as f32 * lh + baseline, line));
            }
            b.rules.push(Rule { y: height, x1, x2 });
            out.push(b);
            start = end;
        }
        out
    }
}

//! Pagination: blocks become a flow of boxes (a line, a table row) and
//! glue (space), and the flow is cut into pages.
//!
//! A box may be kept with the next one (`keep_with_next`). Before a box is
//! placed, the chain it starts — it and every box it is kept with, with the
//! space between them — is measured; when the chain does not fit on what is
//! left of the page but fits on a fresh one, the page breaks before it. So a
//! heading goes with the first lines below it (the space between counted),
//! the first two and the last two lines of a paragraph stay together, and a
//! table's header stays with its first row. A chain longer than a page is
//! placed box by box. A box that starts a page inside a table brings the
//! table's header row with it.

use super::{Line, Page, PlacedPicture, Rule, SignatureSlot};

/// Something placed as a whole: one or more lines and rules, positioned
/// relative to the box's top.
#[derive(Debug, Clone, Default)]
pub(super) struct Boxed {
    pub height: f32,
    /// (baseline from the box's top, line)
    pub lines: Vec<(f32, Line)>,
    /// Rules, `y` from the box's top.
    pub rules: Vec<Rule>,
    /// Signature slots, `top` and `y` from the box's top.
    pub slots: Vec<SignatureSlot>,
    /// Pictures, `y` from the box's top.
    pub pictures: Vec<PlacedPicture>,
    pub keep_with_next: bool,
    /// The header (index into [`Flow::headers`]) printed above this box
    /// when it starts a page.
    pub header: Option<usize>,
}

#[derive(Debug, Clone)]
pub(super) enum Item {
    Box(Boxed),
    /// Space; dropped at the head of a page.
    Glue(f32),
}

#[derive(Debug, Default)]
pub(super) struct Flow {
    pub items: Vec<Item>,
    pub headers: Vec<Boxed>,
}

impl Flow {
    pub fn push(&mut self, b: Boxed) {
        self.items.push(Item::Box(b));
    }

    pub fn glue(&mut self, pts: f32) {
        self.items.push(Item::Glue(pts));
    }

    /// Keeps the last box placed so far with the next one.
    pub fn keep_last_with_next(&mut self) {
        if let Some(Item::Box(b)) = self.items.iter_mut().rev().find(|i| matches!(i, Item::Box(_))) {
            b.keep_with_next = true;
        }
    }

    /// The height of the chain starting at box `i`: the boxes kept together
    /// and the glue between them (glue after the chain's last box excluded).
    fn chain_height(&self, i: usize) -> f32 {
        let mut h = 0.0;
        let mut glue = 0.0;
        for item in &self.items[i..] {
            match item {
                Item::Glue(g) => glue += g,
                Item::Box(b) => {
                    h += glue + b.height;
                    glue = 0.0;
                    if !b.keep_with_next {
                        break;
                    }
                }
            }
        }
        h
    }

    /// Cuts the flow into pages whose body runs from `top` to `bottom`.
    pub fn paginate(&self, top: f32, bottom: f32) -> Vec<Page> {
        let mut pages = vec![Page::default()];
        let mut y = top;
        let mut empty = true;
        let body = bottom - top;
        for (i, item) in self.items.iter().enumerate() {
            let b = match item {
                Item::Glue(g) => {
                    if !empty {
                        y += g;
                    }
                    continue;
                }
                Item::Box(b) => b,
            };
            let header = b.header.map(|h| &self.headers[h]);
            let header_h = header.map_or(0.0, |h| h.height);
            let chain = self.chain_height(i);
            let left = bottom - y;
            let break_here = !empty && (b.height > left || (chain > left && chain + header_h <= body));
            if break_here {
                pages.push(Page::default());
                y = top;
                if let Some(h) = header {
                    place(pages.last_mut().expect("a page"), h, y);
                    y += h.height;
                }
            }
            place(pages.last_mut().expect("a page"), b, y);
            y += b.height;
            empty = false;
        }
        pages
    }
}

fn place(page: &mut Page, b: &Boxed, top: f32) {
    for (baseline, line) in &b.lines {
        page.lines.push(Line { y: top + baseline, runs: line.runs.clone() });
    }
    for r in &b.rules {
        page.rules.push(Rule { y: top + r.y, ..r.clone() });
    }
    for s in &b.slots {
        page.slots.push(SignatureSlot { top: top + s.top, y: top + s.y, ..s.clone() });
    }
    for p in &b.pictures {
        page.pictures.push(PlacedPicture { y: top + p.y, ..p.clone() });
    }
}

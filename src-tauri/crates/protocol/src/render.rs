//! The render step: laid-out pages become PDF bytes.
//!
//! printpdf writes the document; its resource ids and trailer /ID are
//! random by default, so fonts get fixed ids here and the /ID is derived
//! from the content. The same protocol and timestamp give the same bytes.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, RawImage, RawImageData, RawImageFormat, Rgb, TextItem, XObject, XObjectId, XObjectTransform,
};
use saksbok_core::minutes::{Minutes, Notice};
use saksbok_core::protocol::Saksprotokoll;

use crate::content::{self, MinutesStyle};
use crate::document::Document;
use crate::fonts::{FontKind, fonts};
use crate::layout::{self, Layout, LayoutError, PageStyle};
use crate::{fields, pdfa};

/// A rendered PDF and what a caller should know about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Characters the font lacks, printed as a visible replacement mark.
    pub missing_glyphs: BTreeSet<char>,
    /// SHA-256 of `pdf`, lower-case hex.
    pub sha256: String,
}

impl Rendered {
    /// The missing characters for a message: the character itself, or its
    /// code point (U+0007) where it has no visible form.
    pub fn missing_glyphs_text(&self) -> String {
        self.missing_glyphs
            .iter()
            .map(|c| if c.is_control() || c.is_whitespace() { format!("U+{:04X}", *c as u32) } else { c.to_string() })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub use saksbok_core::hash::sha256_hex;

fn font_id(kind: FontKind) -> FontId {
    // Six capitals: printpdf uses the first six characters as the subset tag.
    FontId(
        match kind {
            FontKind::Regular => "SBKREG",
            FontKind::Bold => "SBKBLD",
            FontKind::Italic => "SBKITA",
        }
        .to_string(),
    )
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb { r: level, g: level, b: level, icc_profile: None })
}

/// A picture's resource name: fixed, like the fonts', so the bytes are the same each time.
fn picture_id(sha256: &str) -> XObjectId {
    XObjectId(format!("SBKIMG{}", &sha256[..12]))
}

fn page_ops(page: &layout::Page, style: &PageStyle) -> Vec<Op> {
    let mut ops = Vec::new();
    let h = style.height;
    for p in &page.pictures {
        // The image's pixels fill `width` points across: its dpi says so.
        let dpi = p.picture.width as f32 * 72.0 / p.width;
        let transform = XObjectTransform {
            translate_x: Some(Pt(p.x)),
            translate_y: Some(Pt(h - p.y - p.height)),
            dpi: Some(dpi),
            ..XObjectTransform::default()
        };
        ops.push(Op::UseXobject { id: picture_id(&p.picture.sha256), transform });
    }
    if !page.rules.is_empty() {
        ops.push(Op::SetOutlineColor { col: grey(0.55) });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
        for r in &page.rules {
            let p = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(h - r.y) }, bezier: false };
            ops.push(Op::DrawLine { line: PdfLine { points: vec![p(r.x1), p(r.x2)], is_closed: false } });
        }
    }
    let mut muted = None;
    for line in &page.lines {
        for run in &line.runs {
            if muted != Some(run.muted) {
                ops.push(Op::SetFillColor { col: grey(if run.muted { 0.35 } else { 0.0 }) });
                muted = Some(run.muted);
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(run.font)), size: Pt(run.size) });
            ops.push(Op::SetTextCursor { pos: Point { x: Pt(run.x), y: Pt(h - line.y) } });
            ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
            ops.push(Op::EndTextSection);
        }
    }
    ops
}

/// Renders a laid-out document with the given metadata.
pub fn render_layout(layout: &Layout, title: &str, author: &str, subject: &str, now: DateTime<Utc>) -> Rendered {
    let mut doc = PdfDocument::new(title);
    let used: BTreeSet<FontKind> =
        layout.pages.iter().flat_map(|p| p.lines.iter().flat_map(|l| l.runs.iter().map(|r| r.font))).collect();
    for kind in &used {
        doc.resources.fonts.map.insert(font_id(*kind), PdfFont::new(fonts().face(*kind).parsed.clone()));
    }
    for p in layout.pages.iter().flat_map(|p| &p.pictures) {
        let image = RawImage {
            pixels: RawImageData::U8(p.picture.rgb.to_vec()),
            width: p.picture.width,
            height: p.picture.height,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        };
        doc.resources.xobjects.map.insert(picture_id(&p.picture.sha256), XObject::Image(image));
    }

    let style = &layout.style;
    let pages: Vec<PdfPage> = layout
        .pages
        .iter()
        .map(|p| PdfPage::new(Mm(style.width * 25.4 / 72.0), Mm(style.height * 25.4 / 72.0), page_ops(p, style)))
        .collect();
    doc.with_pages(pages);

    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    // A stable file identifier: the hash of what the document shows and when.
    let fingerprint =
        sha256_hex(format!("{layout}\u{0}{title}\u{0}{author}\u{0}{subject}\u{0}{}", now.timestamp()).as_bytes());
    let mut id = [0u8; 16];
    for (i, b) in id.iter_mut().enumerate() {
        *b = u8::from_str_radix(&fingerprint[2 * i..2 * i + 2], 16).expect("sha256_hex gives hex digits");
    }
    let creator = format!("Saksbok {}", env!("CARGO_PKG_VERSION"));
    fields::add_signature_fields(&mut lo, layout);
    pdfa::make_archival(
        &mut lo,
        &pdfa::Facts { title, author, subject, creator: &creator, producer: "Saksbok (printpdf)", when: now, id },
    );
    lo.compress();
    let mut pdf = Vec::new();
    lo.save_to(&mut pdf).expect("writing a PDF to memory cannot fail");
    let sha256 = sha256_hex(&pdf);
    Rendered { pdf, pages: layout.pages.len(), missing_glyphs: layout.missing.clone(), sha256 }
}

/// Lays out and renders a document on pages of `style`. `now` is the
/// document's creation date; pass the same value to get the same bytes.
pub fn render_document(doc: &Document, style: &PageStyle, now: DateTime<Utc>) -> Result<Rendered, LayoutError> {
    let layout = layout::document(doc, style)?;
    Ok(render_layout(&layout, &doc.title, &doc.author, &doc.subject, now))
}

/// Lays out and renders a møteprotokoll on A4 with the default page.
pub fn render_moteprotokoll(m: &Minutes, style: MinutesStyle, now: DateTime<Utc>) -> Rendered {
    render_document(&content::moteprotokoll(m, style), &PageStyle::default(), now)
        .expect("the default page has room for text (tested)")
}

/// A PDF kept earlier (an approved møtebok), as it was: its pages counted,
/// its bytes untouched.
pub fn stored(pdf: Vec<u8>) -> Rendered {
    let pages = lopdf::Document::load_mem(&pdf).map_or(0, |d| d.get_pages().len());
    Rendered { sha256: sha256_hex(&pdf), pdf, pages, missing_glyphs: BTreeSet::new() }
}

/// Lays out and renders an innkalling on A4 with the default page.
pub fn render_innkalling(n: &Notice, now: DateTime<Utc>) -> Rendered {
    render_document(&content::innkalling(n), &PageStyle::default(), now)
        .expect("the default page has room for text (tested)")
}

/// Lays out and renders a møteprotokoll with its board's own layout
/// (attendance as tables or fields, where the signatures stand).
pub fn render_minutes(m: &Minutes, now: DateTime<Utc>) -> Rendered {
    render_moteprotokoll(m, MinutesStyle::from(&m.layout), now)
}

/// Lays out and renders a saksprotokoll on A4 with the default page.
pub fn render_saksprotokoll(p: &Saksprotokoll, now: DateTime<Utc>) -> Rendered {
    render_document(&content::saksprotokoll(p), &PageStyle::default(), now)
        .expect("the default page has room for text (tested)")
}

/// Lays out and renders the Oppfølging av vedtak report on A4.
pub fn render_oppfolging(r: &saksbok_core::agreement::report::FollowUpReport, now: DateTime<Utc>) -> Rendered {
    render_document(&content::oppfolging(r), &PageStyle::default(), now)
        .expect("the default page has room for text (tested)")
}

/// Lays out and renders a protokolltilførsel on A4.
pub fn render_tilforsel(a: &saksbok_core::addendum::Addendum, now: DateTime<Utc>) -> Rendered {
    render_document(&content::tilforsel(a), &PageStyle::default(), now)
        .expect("the default page has room for text (tested)")
}

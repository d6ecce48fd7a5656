//! A PDF's pages as what a printer is told to draw, for printers that do
//! not take PDF (the Windows print path). hayro-interpret reads the PDF; its
//! drawing calls become [`Mark`]s in points from the page's top-left corner.
//!
//! Text set in the faces Saksbok's protocols use (Liberation Sans regular,
//! bold and italic, also in the signature marks) stays text: each glyph's
//! character at the position the PDF gives it, so the printer's driver gets
//! real text (a "Microsoft Print to PDF" copy can be searched) drawn with
//! the very same font. Any other glyph is drawn as its outline, so nothing a
//! PDF shows is dropped; paths, clips and pictures are drawn as they are.

use std::collections::HashMap;

use hayro_interpret::font::Glyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, FillRule, Image, ImageData, ImageDrawProps,
    InterpreterCache, InterpreterSettings, Paint, SoftMask, TransformExt, interpret_page,
};

/// One of the faces Saksbok prints with (and the Windows path loads into
/// the printer's font table from the same bytes the PDF was made with).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    /// The face a PDF font's PostScript name stands for, its subset tag
    /// ("SBKREG+") left out; `None` for a font Saksbok does not print with.
    fn of(postscript_name: &str) -> Option<Self> {
        let name = match postscript_name.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
            _ => postscript_name,
        };
        match name {
            "LiberationSans" => Some(Self::Regular),
            "LiberationSans-Bold" => Some(Self::Bold),
            "LiberationSans-Italic" => Some(Self::Italic),
            _ => None,
        }
    }
}

/// A line of text in one face and size: each glyph's character(s) at its
/// own x on the shared baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub face: Face,
    /// Type size in points.
    pub size: f64,
    pub color: [u8; 3],
    pub baseline: f64,
    pub glyphs: Vec<(f64, String)>,
}

impl TextRun {
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|(_, s)| s.as_str()).collect()
    }
}

/// A picture, upright, scaled into `rect`: RGB rows from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub rect: Rect,
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// What to draw, in order, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text(TextRun),
    /// Filled (with the fill rule's even-odd flag) and/or stroked with a pen
    /// of the given width.
    Shape {
        path: BezPath,
        fill: Option<bool>,
        stroke: Option<f64>,
        color: [u8; 3],
    },
    /// From here on, only what falls inside the path shows.
    Clip {
        path: BezPath,
        even_odd: bool,
    },
    /// The last clip ends.
    Unclip,
    Picture(Picture),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Page size in points, as the PDF shows it (rotation applied).
    pub width: f64,
    pub height: f64,
    pub marks: Vec<Mark>,
}

impl Sheet {
    /// The page's text runs in drawing order, each as one string.
    #[cfg(test)]
    pub fn texts(&self) -> Vec<String> {
        self.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text(t) => Some(t.text()),
                _ => None,
            })
            .collect()
    }
}

/// The PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// Every page of the PDF in `bytes` as marks to draw.
pub fn sheets(bytes: Vec<u8>) -> Result<Vec<Sheet>, Unreadable> {
    let pdf = Pdf::new(bytes).map_err(|e| Unreadable(format!("{e:?}")))?;
    let cache = InterpreterCache::new();
    let mut out = Vec::new();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let transform = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        let mut context = Context::new(transform, bbox, &cache, pdf.xref(), InterpreterSettings::default());
        let mut device = Recorder::default();
        interpret_page(page, &mut context, &mut device);
        out.push(Sheet { width: f64::from(width), height: f64::from(height), marks: device.marks });
    }
    Ok(out)
}

#[derive(Default)]
struct Recorder {
    marks: Vec<Mark>,
    /// Which of Saksbok's faces a font is, by its cache key.
    faces: HashMap<u128, Option<Face>>,
}

fn rgb(paint: &Paint<'_>) -> [u8; 3] {
    match paint {
        Paint::Color(c) => {
            let [r, g, b, _] = c.to_rgba().to_rgba8();
            [r, g, b]
        }
        // Patterns and shadings (which protocols do not use) print as a mid grey.
        Paint::Pattern(_) => [128, 128, 128],
    }
}

/// How much a transform scales lengths (for pen widths).
fn scale_of(t: Affine) -> f64 {
    t.determinant().abs().sqrt()
}

impl Recorder {
    fn face(&mut self, glyph: &Glyph<'_>) -> Option<Face> {
        let Glyph::Outline(g) = glyph else { return None };
        let data = g.font_data()?;
        *self.faces.entry(data.cache_key).or_insert_with(|| data.postscript_name.as_deref().and_then(Face::of))
    }

    /// A path in `props.transform`'s space; a pen's width is scaled by
    /// `pen` (the user space it was given in), which a glyph's outline
    /// does not share.
    fn shape_with_pen(&mut self, path: BezPath, props: &DrawProps<'_>, pen: Affine, mode: &DrawMode) {
        let color = rgb(&props.paint);
        let path = props.transform * path;
        let width = |w: f32| (f64::from(w) * scale_of(pen)).max(0.0);
        let (fill, stroke) = match mode {
            DrawMode::Fill(rule) => (Some(matches!(rule, FillRule::EvenOdd)), None),
            DrawMode::Stroke(s) => (None, Some(width(s.line_width))),
            DrawMode::FillAndStroke(rule, s) => (Some(matches!(rule, FillRule::EvenOdd)), Some(width(s.line_width))),
            DrawMode::Invisible => return,
        };
        self.marks.push(Mark::Shape { path, fill, stroke, color });
    }
}

impl Recorder {
    fn shape(&mut self, path: BezPath, props: &DrawProps<'_>, mode: &DrawMode) {
        self.shape_with_pen(path, props, props.transform, mode);
    }
}

impl<'a> Device<'a> for Recorder {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        self.shape(path.clone(), &props, mode);
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        self.marks.push(Mark::Clip { path: clip.path.clone(), even_odd: matches!(clip.fill, FillRule::EvenOdd) });
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &hayro_interpret::font::GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if matches!(mode, DrawMode::Invisible) {
            return;
        }
        let color = rgb(&props.paint);
        let mut current: Option<TextRun> = None;
        for glyph in run.glyphs() {
            let t = props.transform * glyph.transform();
            let [a, b, c, d, e, f] = t.as_coeffs();
            // Upright, unmirrored and unskewed: outlines are in units of 1/1000 em.
            let upright = b.abs() < 1e-9 && c.abs() < 1e-9 && a > 0.0 && (a + d).abs() < 1e-6 * a.max(1e-9);
            let text = glyph.as_unicode().map(|u| match u {
                BfString::Char(ch) => ch.to_string(),
                BfString::String(s) => s,
            });
            let face = self.face(glyph);
            // One character per glyph: a glyph that stands for several (a ligature) is drawn as its
            // outline, so no letter lands on the next one.
            match (upright, face, text, matches!(mode, DrawMode::Fill(_))) {
                (true, Some(face), Some(text), true) if text.chars().count() == 1 => {
                    let size = a * 1000.0;
                    let continues = current.as_ref().is_some_and(|r| {
                        r.face == face && (r.size - size).abs() < 1e-6 && (r.baseline - f).abs() < 1e-6
                    });
                    if !continues && let Some(done) = current.take() {
                        self.marks.push(Mark::Text(done));
                    }
                    current
                        .get_or_insert_with(|| TextRun { face, size, color, baseline: f, glyphs: Vec::new() })
                        .glyphs
                        .push((e, text));
                }
                _ => {
                    if let Some(done) = current.take() {
                        self.marks.push(Mark::Text(done));
                    }
                    match &**glyph {
                        Glyph::Outline(g) => {
                            let outline = DrawProps { transform: t, ..props.clone() };
                            let mode = match mode {
                                DrawMode::Fill(_) => DrawMode::Fill(FillRule::NonZero),
                                other => other.clone(),
                            };
                            // A stroked outline's pen is as wide as the page's user space says, not the glyph's.
                            self.shape_with_pen(g.outline(), &outline, props.transform, &mode);
                        }
                        Glyph::Type3(g) => g.interpret(self, props.transform, glyph.transform(), &props.paint),
                    }
                }
            }
        }
        if let Some(done) = current {
            self.marks.push(Mark::Text(done));
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let Image::Raster(raster) = image else {
            // A stencil mask (a one-colour picture): protocols have none; its area is left blank.
            return;
        };
        let (w, h) = (raster.width(), raster.height());
        let rect = props.transform.transform_rect_bbox(Rect::new(0.0, 0.0, f64::from(w), f64::from(h)));
        let [_, b, c, d, _, _] = props.transform.as_coeffs();
        let flipped = d < 0.0;
        if b.abs() > 1e-9 || c.abs() > 1e-9 {
            return;
        }
        let mut picture = None;
        raster.with_rgba(
            |data, _alpha| {
                let (width, height, mut rgb) = match data {
                    ImageData::Rgb(d) => (d.width, d.height, d.data),
                    ImageData::Luma(d) => (d.width, d.height, d.data.iter().flat_map(|&v| [v, v, v]).collect()),
                };
                if flipped {
                    let row = width as usize * 3;
                    rgb = rgb.chunks(row.max(1)).rev().flatten().copied().collect();
                }
                picture = Some(Picture { rect, width, height, rgb });
            },
            None,
        );
        if let Some(p) = picture {
            self.marks.push(Mark::Picture(p));
        }
    }

    fn pop_clip(&mut self) {
        self.marks.push(Mark::Unclip);
    }

    fn pop_transparency_group(&mut self) {}
}

/// Where a point of a page lands on a printer's page: `dpi` dots per inch
/// in each direction, less the margin the printer cannot print on.
pub fn to_device(p: Point, dpi: (f64, f64), offset: (f64, f64)) -> (i32, i32) {
    ((p.x * dpi.0 / 72.0 - offset.0).round() as i32, (p.y * dpi.1 / 72.0 - offset.1).round() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moteprotokoll() -> Vec<u8> {
        let minutes = saksbok_core::sample::SampleMeeting::new(2).minutes();
        let now = chrono::DateTime::from_timestamp(1_618_480_800, 0).unwrap();
        saksbok_protocol::render_moteprotokoll(&minutes, saksbok_protocol::content::MinutesStyle::default(), now).pdf
    }

    #[test]
    fn subset_tags_are_left_out_and_other_fonts_are_not_ours() {
        assert_eq!(Face::of("SBKREG+LiberationSans"), Some(Face::Regular));
        assert_eq!(Face::of("ABCDEF+LiberationSans-Bold"), Some(Face::Bold));
        assert_eq!(Face::of("LiberationSans-Italic"), Some(Face::Italic));
        assert_eq!(Face::of("Helvetica"), None);
        assert_eq!(Face::of("abcdef+LiberationSans"), None, "not a subset tag");
    }

    #[test]
    fn a_protocol_comes_out_as_its_own_text_in_its_own_faces_on_a4() {
        let pdf = moteprotokoll();
        let sheets = sheets(pdf.clone()).unwrap();
        let lopdf_pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
        assert_eq!(sheets.len(), lopdf_pages);
        let first = &sheets[0];
        assert!((first.width - 595.3).abs() < 0.5 && (first.height - 841.9).abs() < 0.5, "{first:?}");
        // Every text mark is in one of the three faces, upright, and the page's words are all there.
        let ours: String = sheets.iter().flat_map(Sheet::texts).collect::<Vec<_>>().join(" ");
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let extracted = pdftotext(&pdf);
        for word in extracted.split_whitespace() {
            assert!(ours.contains(word), "«{word}» is not printed as text");
        }
        assert!(words(&ours).contains("Møteprotokoll") || words(&ours).contains("MØTEPROTOKOLL"), "{ours}");
        // Bold headings and regular body text, with sizes from the layout.
        let runs: Vec<&TextRun> =
            first.marks.iter().filter_map(|m| if let Mark::Text(t) = m { Some(t) } else { None }).collect();
        assert!(runs.iter().any(|r| r.face == Face::Bold));
        assert!(runs.iter().any(|r| r.face == Face::Regular && (r.size - 11.0).abs() < 0.01), "{runs:?}");
        // No glyph of the protocol fell back to an outline.
        let outlines = sheets
            .iter()
            .flat_map(|s| &s.marks)
            .filter(|m| matches!(m, Mark::Shape { fill: Some(_), stroke: None, .. }))
            .count();
        assert_eq!(outlines, 0);
        // The body starts at the left margin (25 mm), in points from the top-left.
        let left = runs.iter().map(|r| r.glyphs[0].0).fold(f64::MAX, f64::min);
        assert!((left - 25.0 * 72.0 / 25.4).abs() < 0.5, "{left}");
        assert!(runs.iter().all(|r| r.baseline > 0.0 && r.baseline < first.height));
    }

    #[test]
    fn rules_are_strokes_in_grey() {
        let sheets = sheets(moteprotokoll()).unwrap();
        let strokes: Vec<_> = sheets
            .iter()
            .flat_map(|s| &s.marks)
            .filter_map(|m| match m {
                Mark::Shape { stroke: Some(w), color, .. } => Some((*w, *color)),
                _ => None,
            })
            .collect();
        assert!(!strokes.is_empty());
        assert!(strokes.iter().all(|(w, c)| (*w - 0.6).abs() < 0.01 && c[0] == c[1] && c[0] > 100), "{strokes:?}");
    }

    #[test]
    fn text_the_faces_do_not_know_is_drawn_as_outlines_not_dropped() {
        // A PDF in a standard font (Helvetica, not embedded): hayro's own
        // stand-in draws it, as outlines.
        let doc = lopdf_helvetica("Hei");
        let sheets = sheets(doc).unwrap();
        let shapes = sheets[0].marks.iter().filter(|m| matches!(m, Mark::Shape { .. })).count();
        assert!(sheets[0].texts().is_empty());
        assert_eq!(shapes, 3, "{:?}", sheets[0].marks);
    }

    #[test]
    fn stroked_text_in_another_font_keeps_the_pen_width_of_the_page() {
        // Helvetica at 12 pt, stroked (1 Tr) with a 2 pt pen.
        let sheets = sheets(lopdf_page("BT /F1 12 Tf 1 Tr 2 w 72 720 Td (Hi) Tj ET")).unwrap();
        let widths: Vec<f64> = sheets[0]
            .marks
            .iter()
            .filter_map(|m| if let Mark::Shape { stroke: Some(w), .. } = m { Some(*w) } else { None })
            .collect();
        assert_eq!(widths.len(), 2, "{:?}", sheets[0].marks);
        assert!(widths.iter().all(|w| (w - 2.0).abs() < 1e-6), "{widths:?}");
    }

    #[test]
    fn a_file_that_is_not_a_pdf_is_unreadable() {
        assert!(sheets(b"not a pdf".to_vec()).is_err());
    }

    #[test]
    fn device_points_account_for_resolution_and_the_unprintable_margin() {
        assert_eq!(to_device(Point::new(72.0, 144.0), (600.0, 300.0), (0.0, 0.0)), (600, 600));
        assert_eq!(to_device(Point::new(72.0, 72.0), (600.0, 600.0), (50.0, 25.0)), (550, 575));
    }

    fn pdftotext(pdf: &[u8]) -> String {
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("p.pdf");
        std::fs::write(&file, pdf).unwrap();
        let out = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-").output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    fn lopdf_helvetica(text: &str) -> Vec<u8> {
        lopdf_page(&format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET"))
    }

    /// A one-page PDF with Helvetica as /F1 and `content` as its page.
    fn lopdf_page(content: &str) -> Vec<u8> {
        use lopdf::{Document, Object, Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
        let content = content.to_string();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}},
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1}),
        );
        let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }
}

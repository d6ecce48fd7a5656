//! What a digital signature shows on its line: a few lines of text
//! ("Signert digitalt av Kari Nes", the time) drawn in the signature field's
//! appearance stream, so a printed or viewed signed copy shows who signed.
//!
//! PDF/A allows only embedded fonts, and the protocol's own fonts are
//! subsets that may lack the signer's letters. So the mark gets a subset of
//! its own: printpdf lays the text out on a page of the field's size (the
//! same embedding, subsetting and widths as every protocol page), and that
//! page's content and resources become a form XObject of the document being
//! signed. Characters the font lacks show the protocol's replacement mark.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, Stream};
use printpdf::{
    Color, FontId, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};

use crate::fonts::{FontKind, fonts};

/// The largest and the smallest type size of the mark, in points.
const SIZE: f32 = 8.5;
const MIN_SIZE: f32 = 5.0;
/// Room left of the text and below its last line, in points.
const INSET: f32 = 2.0;

/// The lines as drawn: each character the font lacks replaced, each line
/// shortened with an ellipsis if it does not fit even at the smallest size;
/// and that size.
fn fit(lines: &[String], width: f32, height: f32) -> (Vec<String>, f32) {
    let face = fonts().face(FontKind::Regular);
    let shown: Vec<String> = lines.iter().map(|l| l.chars().map(|c| face.printable(c)).collect()).collect();
    let room = (width - 2.0 * INSET).max(1.0);
    let widest = shown.iter().map(|l| face.width(l, SIZE)).fold(0.0_f32, f32::max);
    let by_width = if widest > room { SIZE * room / widest } else { SIZE };
    let by_height = (height - INSET) / (shown.len().max(1) as f32 * 1.2);
    let size = by_width.min(by_height).clamp(MIN_SIZE, SIZE);
    let cut = shown
        .into_iter()
        .map(|l| {
            if face.width(&l, size) <= room {
                return l;
            }
            let mut s: String = l.clone();
            while !s.is_empty() && face.width(&format!("{s}…"), size) > room {
                s.pop();
            }
            format!("{}…", s.trim_end())
        })
        .collect();
    (cut, size)
}

/// Six capitals naming this subset (the `XXXXXX+` tag): different text,
/// different subset, different tag.
fn subset_tag(lines: &[String]) -> String {
    let hash = saksbok_core::hash::sha256_hex(lines.join("\n").as_bytes());
    hash.bytes().take(6).map(|b| char::from(b'A' + (b % 26))).collect()
}

/// Copies `object` from `from` into `to`, and every object it refers to,
/// each under a new number in `to`.
fn copy_into(
    object: &Object,
    from: &lopdf::Document,
    to: &mut lopdf::Document,
    seen: &mut BTreeMap<ObjectId, ObjectId>,
) -> Object {
    match object {
        Object::Reference(id) => {
            if let Some(new) = seen.get(id) {
                return Object::Reference(*new);
            }
            let new = to.new_object_id();
            seen.insert(*id, new);
            let target = from.get_object(*id).map_or(Object::Null, |o| copy_into(o, from, to, seen));
            to.objects.insert(new, target);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(items.iter().map(|o| copy_into(o, from, to, seen)).collect()),
        Object::Dictionary(d) => Object::Dictionary(copy_dict(d, from, to, seen)),
        Object::Stream(s) => {
            let mut copied = s.clone();
            copied.dict = copy_dict(&s.dict, from, to, seen);
            Object::Stream(copied)
        }
        other => other.clone(),
    }
}

fn copy_dict(
    d: &Dictionary,
    from: &lopdf::Document,
    to: &mut lopdf::Document,
    seen: &mut BTreeMap<ObjectId, ObjectId>,
) -> Dictionary {
    d.iter().map(|(k, v)| (k.clone(), copy_into(v, from, to, seen))).collect()
}

/// Adds to `doc` a form XObject of `width` × `height` points that shows
/// `lines` from the top left, in dark blue, and returns its object: the
/// normal appearance (`/AP /N`) of a signed signature field.
pub fn add_signature_appearance(doc: &mut lopdf::Document, lines: &[String], width: f32, height: f32) -> ObjectId {
    let (shown, size) = fit(lines, width, height);
    let font = FontId(subset_tag(&shown));
    let mut ops = vec![Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.05, g: 0.2, b: 0.5, icc_profile: None }) }];
    let leading = size * 1.2;
    for (i, line) in shown.iter().enumerate() {
        // The last line sits just above the signature line; the others above it.
        let y = INSET + (shown.len() - 1 - i) as f32 * leading + size * 0.25;
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) });
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(INSET), y: Pt(y) } });
        ops.push(Op::ShowText { items: vec![TextItem::Text(line.clone())] });
        ops.push(Op::EndTextSection);
    }
    let mut mark = PdfDocument::new("Underskrift");
    mark.resources.fonts.map.insert(font, PdfFont::new(fonts().face(FontKind::Regular).parsed.clone()));
    mark.with_pages(vec![PdfPage::new(Mm(width * 25.4 / 72.0), Mm(height * 25.4 / 72.0), ops)]);
    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let lo = mark.to_lopdf_document(&opts, &mut Vec::new());

    let page = lo.get_pages().into_values().next();
    let content = page.map(|p| lo.get_page_content(p)).unwrap_or_default();
    let resources = page
        .and_then(|p| lo.get_dictionary(p).ok())
        .and_then(|p| p.get(b"Resources").ok())
        .map_or(Object::Dictionary(Dictionary::new()), |r| copy_into(r, &lo, doc, &mut BTreeMap::new()));
    let mut form = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            ("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(width), Object::Real(height)])),
            ("Resources", resources),
        ]),
        content,
    );
    // A mark too small to gain from compression stays as it is.
    let _ = form.compress();
    doc.add_object(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(a: &str, b: &str) -> Vec<String> {
        vec![a.to_string(), b.to_string()]
    }

    #[test]
    fn a_short_mark_keeps_its_size_and_every_letter() {
        let (shown, size) = fit(&lines("Signert digitalt av Kari Nes", "04.12.2026 kl. 13:05 UTC"), 216.0, 34.0);
        assert!((size - SIZE).abs() < f32::EPSILON, "{size}");
        assert_eq!(shown[0], "Signert digitalt av Kari Nes");
    }

    #[test]
    fn a_long_name_shrinks_the_type_and_then_is_shortened_visibly() {
        let long = "Signert digitalt av Anne-Kristine Solheim Haugland-Bergsvik".to_string();
        let (shown, size) = fit(&lines(&long, "04.12.2026"), 216.0, 34.0);
        assert!((MIN_SIZE..SIZE).contains(&size), "{size}");
        assert_eq!(shown[0], long, "shrunk, not cut");
        let longer = format!("Signert digitalt av {}", "Anne-Kristine Solheim Haugland ".repeat(4));
        let (shown, size) = fit(&lines(&longer, "04.12.2026"), 216.0, 34.0);
        assert!((size - MIN_SIZE).abs() < f32::EPSILON, "{size}");
        assert!(shown[0].ends_with('…') && shown[0].len() < longer.len(), "{}", shown[0]);
        assert!(fonts().face(FontKind::Regular).width(&shown[0], size) <= 216.0 - 2.0 * INSET);
    }

    #[test]
    fn letters_the_font_lacks_show_the_replacement_mark() {
        let (shown, _) = fit(&lines("Signert digitalt av Kari 😀 Nes", "x"), 216.0, 34.0);
        assert_eq!(shown[0], "Signert digitalt av Kari \u{25A1} Nes");
    }

    #[test]
    fn each_text_has_its_own_subset_tag() {
        let a = subset_tag(&lines("Kari Nes", "1"));
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()), "{a}");
        assert_ne!(a, subset_tag(&lines("Per Berge", "1")));
        assert_eq!(a, subset_tag(&lines("Kari Nes", "1")));
    }

    #[test]
    fn the_mark_is_a_form_with_its_own_embedded_font_and_the_text() {
        let mut doc = lopdf::Document::with_version("1.7");
        let id = add_signature_appearance(
            &mut doc,
            &lines("Signert digitalt av Åse Øvrebø", "04.12.2026 kl. 13:05 UTC"),
            216.0,
            34.0,
        );
        let form = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(form.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"Form");
        let dict = |o: &Object| -> Dictionary {
            match o {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
                o => o.as_dict().unwrap().clone(),
            }
        };
        let resources = dict(form.dict.get(b"Resources").unwrap());
        let fonts = dict(resources.get(b"Font").unwrap());
        let (_, font) = fonts.iter().next().expect("one font");
        let font = dict(font);
        let name = String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec()).unwrap();
        assert!(name.ends_with("+LiberationSans") && name.len() == 7 + "LiberationSans".len(), "{name}");
        let descendant = dict(&font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]);
        let descriptor = dict(descendant.get(b"FontDescriptor").unwrap());
        let program = doc.get_object(descriptor.get(b"FontFile2").unwrap().as_reference().unwrap()).unwrap();
        assert!(program.as_stream().unwrap().content.len() > 1000, "the font program is embedded");
        let mut plain = form.clone();
        let _ = plain.decompress();
        let ops = String::from_utf8_lossy(&plain.content);
        assert!(ops.contains("Tf") && ops.contains("Tj") || ops.contains("TJ"), "{ops}");
    }
}

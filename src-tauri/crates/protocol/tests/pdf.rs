//! Renders real PDFs and checks them with the tools a records office would
//! use: pdftotext (text and order), pdffonts (embedding) and qpdf (structure).

mod common;

use std::path::Path;

use common::{keep, now, tool, words, write};
use saksbok_core::behandling::Phrases;
use saksbok_core::demo;
use saksbok_core::protocol::{ProtocolTemplate, Saksprotokoll, saksprotokoll};
use saksbok_core::text::{Paragraph, Span, Style};
use saksbok_protocol::render_saksprotokoll;
use tempfile::TempDir;

fn reference() -> Saksprotokoll {
    let d = demo::reference();
    saksprotokoll(&d.meeting.info, &d.meeting.items[0], &ProtocolTemplate::default(), &Phrases::nynorsk()).unwrap()
}

/// pdftotext output without the page footers.
fn body_text(pdf: &Path, p: &Saksprotokoll) -> String {
    let text = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    text.lines()
        .filter(|l| !(l.starts_with(&p.title) || l.trim_start().starts_with("Side ")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn reference_protocol_has_the_whole_reference_text_in_order() {
    let p = reference();
    let r = render_saksprotokoll(&p, now());
    keep("saksprotokoll-54-21.pdf", &r.pdf);
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);

    let reference = include_str!("../../../../tests/fixtures/saksprotokoll-54-21.txt");
    let from_sak = &reference[reference.find("Sak: 54/21").unwrap()..];
    let want = words(&from_sak.replace('*', ""));
    let got = words(&body_text(&pdf, &p));
    assert!(got.contains(&want), "the reference text is not in the PDF in order.\nPDF:\n{got}\n\nwant:\n{want}");
    for head in ["Luster kommune", "Saksprotokoll", "Formannskapet og næringsutvalet", "15.04.2021"] {
        assert!(got.contains(head), "missing {head}");
    }
    assert!(got.find("15.04.2021").unwrap() < got.find("Sak: 54/21").unwrap());
    assert!(r.missing_glyphs.is_empty());
}

#[test]
fn an_extract_marked_rett_utskrift_ends_with_date_and_name() {
    let day = chrono::NaiveDate::from_ymd_opt(2021, 4, 16).unwrap();
    let p = reference().certify(day, "Kari Nes").unwrap();
    let r = render_saksprotokoll(&p, now());
    keep("saksprotokoll-54-21-rett-utskrift.pdf", &r.pdf);
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);
    let got = words(&body_text(&pdf, &p));
    assert!(got.ends_with("Rett utskrift: 16.04.2021, Kari Nes"), "{got}");
    assert!(got.find("Vedtak:").unwrap() < got.find("Rett utskrift:").unwrap());
}

#[test]
fn every_page_says_side_x_av_y() {
    let r = render_saksprotokoll(&reference(), now());
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);
    let text = tool("pdftotext", &["-enc", "UTF-8", "-layout", pdf.to_str().unwrap(), "-"]);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), r.pages);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Side {} av {}", i + 1, r.pages)), "page {}:\n{page}", i + 1);
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let r = render_saksprotokoll(&reference(), now());
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "regular, bold and italic:\n{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "not subset: {row}");
        assert_eq!(cols[n - 3], "yes", "no ToUnicode map (text could not be copied): {row}");
        assert!(cols[0].contains("LiberationSans"), "{row}");
    }
    assert!(r.pdf.len() < 150_000, "subsetting keeps the file small: {} bytes", r.pdf.len());
}

#[test]
fn qpdf_finds_no_structural_errors() {
    let r = render_saksprotokoll(&reference(), now());
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);
    let out = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(out.contains("No syntax or stream encoding errors found"), "{out}");
}

#[test]
fn metadata_names_title_author_subject_and_date() {
    let p = reference();
    let r = render_saksprotokoll(&p, now());
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);
    let info = tool("pdfinfo", &["-isodates", pdf.to_str().unwrap()]);
    assert!(info.contains("Title:           Saksprotokoll 54/21 Formannskapet og næringsutvalet"), "{info}");
    assert!(info.contains("Author:          Luster kommune"), "{info}");
    assert!(info.contains("Subject:         IKT-samarbeid. Etablering av avtale med SYS-IKT"), "{info}");
    assert!(info.contains("CreationDate:    2026-11-25T10:30:00"), "{info}");
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");
}

#[test]
fn same_input_and_time_give_identical_bytes() {
    let a = render_saksprotokoll(&reference(), now());
    let b = render_saksprotokoll(&reference(), now());
    assert_eq!(a.pdf, b.pdf);
    assert_eq!(a.sha256, b.sha256);
    let later = render_saksprotokoll(&reference(), now() + chrono::Duration::seconds(1));
    assert_ne!(a.pdf, later.pdf);
}

#[test]
fn proposal_text_is_italic_in_the_pdf() {
    // The italic face is used exactly where the reference marks *…*.
    let r = render_saksprotokoll(&reference(), now());
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "sp.pdf", &r.pdf);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("LiberationSans-Italic"), "{fonts}");
}

fn long_word() -> String {
    "Kommuneplanensarealdelrevisjonsarbeidsgruppemøteinnkallingsdokument".repeat(6)
}

fn hostile() -> Saksprotokoll {
    let mut p = reference();
    let long_word = long_word();
    let mut paragraphs = vec![
        Paragraph::plain("Emoji 😀👍🏽 og tomme teikn: \u{7}."),
        Paragraph::plain("Hebraisk: שלום. Arabisk: مرحبا. Gresk: Καλημέρα. Kyrillisk: Привет."),
        Paragraph::plain(long_word.clone()),
        Paragraph {
            spans: vec![
                Span { text: "Blanda ".into(), style: Style::Regular },
                Span { text: "kursiv og ".into(), style: Style::Italic },
                Span { text: "feit".into(), style: Style::Bold },
            ],
        },
    ];
    paragraphs.extend((1..=10_000).map(|i| Paragraph::plain(format!("Linje {i} med æøå ÆØÅ."))));
    p.sections[0].paragraphs = paragraphs;
    p
}

#[test]
fn hostile_text_renders_without_losing_anything() {
    let p = hostile();
    let r = render_saksprotokoll(&p, now());
    keep("hostile.pdf", &r.pdf);
    assert!(r.pages > 100, "10 000 lines take many pages: {}", r.pages);
    assert!(r.missing_glyphs.contains(&'😀'));
    assert!(r.missing_glyphs.contains(&'\u{7}'));
    let described = r.missing_glyphs_text();
    assert!(described.contains("U+0007") && described.contains('😀'), "{described}");
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "h.pdf", &r.pdf);
    let text = words(&body_text(&pdf, &p));
    assert!(text.contains("Linje 1 med æøå ÆØÅ."));
    assert!(text.contains("Linje 10000 med æøå ÆØÅ."));
    for i in [1, 2500, 5000, 7777, 10_000] {
        assert!(text.contains(&format!("Linje {i} med")), "line {i} lost");
    }
    // The long word is split across lines but every character is there.
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&long_word()), "long word lost");
    assert!(text.contains("Blanda kursiv og feit"));
    assert!(text.contains("Καλημέρα") && text.contains("Привет"));
    // Missing glyphs show as the replacement mark, not as nothing.
    assert!(text.contains("Emoji \u{25A1}\u{25A1}\u{25A1} og tomme teikn: \u{25A1}."), "{}", &text[..300]);
    let q = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(q.contains("No syntax or stream encoding errors found"));
}

/// The municipality's logo above its name: one RGB image on the first page
/// only, about 15 mm tall in its proportions, the text as without it, the
/// same bytes each time, and a structure qpdf accepts.
#[test]
fn the_logo_prints_above_the_municipality_on_the_first_page() {
    let mut p = reference();
    p.logo = Some(saksbok_protocol::samples::logo());
    let r = render_saksprotokoll(&p, now());
    keep("saksprotokoll-logo.pdf", &r.pdf);
    assert_eq!(r.pdf, render_saksprotokoll(&p, now()).pdf, "the same bytes each time");
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "logo.pdf", &r.pdf);
    let plain = write(dir.path(), "plain.pdf", &render_saksprotokoll(&reference(), now()).pdf);
    // page num type width height color comp bpc ...
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = list.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows.len(), 1, "{list}");
    assert_eq!((rows[0][0], rows[0][2], rows[0][3], rows[0][4], rows[0][5]), ("1", "image", "200", "240", "rgb"));
    assert!(tool("pdfimages", &["-list", plain.to_str().unwrap()]).lines().count() == 2, "no image without a logo");
    assert_eq!(words(&body_text(&pdf, &p)), words(&body_text(&plain, &p)), "the text is the same");
    // 42 pt tall: 200×240 pixels at 35 × 42 pt give 411 ppi.
    assert!(rows[0][12] == "411" && rows[0][13] == "411", "{list}");
    // Above the name: the name's baseline moves down by the logo and the space under it.
    let bbox = |f: &Path| {
        let html = tool("pdftotext", &["-bbox", "-f", "1", "-l", "1", f.to_str().unwrap(), "-"]);
        let line = html.lines().find(|l| l.contains(">Luster<")).unwrap().to_string();
        line.split("yMin=\"").nth(1).unwrap().split('"').next().unwrap().parse::<f32>().unwrap()
    };
    let moved = bbox(&pdf) - bbox(&plain);
    assert!((moved - 48.0).abs() < 0.5, "moved {moved}");
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
}

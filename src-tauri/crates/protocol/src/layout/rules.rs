//! One test per layout rule of the document model, each built so that it
//! fails when the rule is taken out.

use saksbok_core::text::{Paragraph, Style};

use super::*;
use crate::document::{Block, ListItem, Table};

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        blocks,
        footer: "Møteprotokoll Formannskapet 15.04.2021".into(),
        page_format: "Side {side} av {sider}".into(),
        ..Document::default()
    }
}

fn lay(blocks: Vec<Block>) -> Layout {
    document(&doc(blocks), &PageStyle::default()).unwrap()
}

/// The body lines of each page (the footer's lines are muted).
fn body(l: &Layout) -> Vec<Vec<String>> {
    l.pages
        .iter()
        .map(|p| {
            p.lines
                .iter()
                .filter(|l| l.runs.iter().all(|r| !r.muted))
                .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<String>())
                .collect()
        })
        .collect()
}

fn filler(n: usize) -> Vec<Block> {
    (0..n).map(|i| Block::text(format!("Fyll {i}."))).collect()
}

/// Lines `a` and `b` are on the same page (found by their text).
fn same_page(l: &Layout, a: &str, b: &str) -> bool {
    body(l).iter().any(|p| p.iter().any(|t| t.contains(a)) && p.iter().any(|t| t.contains(b)))
}

fn line_index(page: &[String], needle: &str) -> Option<usize> {
    page.iter().position(|t| t.contains(needle))
}

#[test]
fn a_heading_keeps_with_two_lines_of_what_follows_even_after_a_large_gap() {
    // A gap below the heading that the old rule (room for three lines,
    // the gap not counted) let push the paragraph onto the next page.
    let para = Block::text("Fyrste linje av avsnittet som følgjer overskrifta. ".repeat(6));
    for n in 0..60 {
        let mut blocks = filler(n);
        blocks.extend([Block::heading("Overskrift:", 11.0), Block::Space(30.0), para.clone()]);
        let l = lay(blocks);
        for page in body(&l) {
            assert_ne!(page.last().map(String::as_str), Some("Overskrift:"), "alone at the foot after {n} lines");
            if let Some(i) = line_index(&page, "Overskrift:") {
                assert!(page.len() >= i + 3, "heading with fewer than two lines below it after {n} lines: {page:?}");
            }
        }
    }
}

#[test]
fn a_three_line_paragraph_is_never_split() {
    let three = Block::text("Tre linjer lange med ord som fyller breidda av sida godt og vel. ".repeat(3));
    assert_eq!(lay(vec![three.clone()]).pages[0].lines.len() - 1, 3, "the test paragraph has three lines");
    for n in 40..60 {
        let mut blocks = filler(n);
        blocks.push(three.clone());
        let l = lay(blocks);
        let pages = body(&l);
        let on: Vec<usize> = pages.iter().map(|p| p.iter().filter(|t| t.contains("linjer lange")).count()).collect();
        let on: Vec<usize> =
            pages.iter().zip(on).map(|(p, c)| c + p.iter().filter(|t| t.contains("godt og vel")).count()).collect();
        assert!(on.iter().filter(|c| **c > 0).count() == 1, "split across pages after {n} lines: {on:?}");
    }
}

#[test]
fn a_long_paragraph_leaves_at_least_two_lines_on_each_side_of_a_break() {
    let long = Block::text("Eit langt avsnitt med mange ord ".repeat(14));
    for n in 40..60 {
        let mut blocks = filler(n);
        blocks.push(long.clone());
        let pages = body(&lay(blocks));
        let counts: Vec<usize> =
            pages.iter().map(|p| p.iter().filter(|t| t.contains("avsnitt") || t.contains("mange")).count()).collect();
        for c in counts.iter().filter(|c| **c > 0) {
            assert!(*c >= 2, "a single line alone after {n} lines: {counts:?}");
        }
    }
}

#[test]
fn a_single_line_break_is_kept_and_a_list_hangs_its_text() {
    let l = lay(vec![Block::text("Fyrste linje\nAndre linje")]);
    assert_eq!(&body(&l)[0][..2], ["Fyrste linje", "Andre linje"]);

    let long = "Kommunen skal greie ut organiseringa av IKT-arbeidet og leggje fram ei sak om det innan hausten.";
    let items = vec![
        ListItem { marker: "1.".into(), text: Paragraph::plain(long) },
        ListItem { marker: "2.".into(), text: Paragraph::plain("Kort punkt.") },
    ];
    let l = lay(vec![Block::List(items)]);
    let lines = &l.pages[0].lines;
    assert_eq!(lines[0].runs[0].text, "1.");
    let text_x = lines[0].runs[1].x;
    assert!(text_x > l.style.margin_left + 5.0);
    assert!(lines[1].runs[0].text.starts_with(char::is_lowercase), "the item wraps: {:?}", lines[1]);
    assert!((lines[1].runs[0].x - text_x).abs() < 0.01, "wrapped text hangs under the item's text");
    assert_eq!(lines[2].runs[0].text, "2.");
}

#[test]
fn a_list_keeps_its_first_two_and_last_two_lines_together() {
    let items = |n: usize| {
        Block::List(
            (1..=n).map(|i| ListItem { marker: "–".into(), text: Paragraph::plain(format!("Punkt {i}")) }).collect(),
        )
    };
    for n in 30..70 {
        for len in [2, 3, 5] {
            let mut blocks = filler(n);
            blocks.push(items(len));
            let pages = body(&lay(blocks));
            let counts: Vec<usize> = pages.iter().map(|p| p.iter().filter(|t| t.contains("Punkt")).count()).collect();
            for c in counts.iter().filter(|c| **c > 0) {
                assert!(*c >= 2, "a list of {len} split with one item alone after {n} lines: {counts:?}");
            }
        }
    }
}

#[test]
fn a_stored_numbered_list_prints_as_a_list() {
    let b = Block::from_paragraph(Paragraph::plain("1. Avtalen vert godkjend.\n2. Rådmannen får fullmakt."));
    let l = lay(vec![b]);
    assert_eq!(body(&l)[0][..2], ["1.Avtalen vert godkjend.", "2.Rådmannen får fullmakt."]);
}

fn table(rows: usize, lines_per_row: usize) -> Table {
    Table {
        widths: vec![1.0, 1.0, 4.0],
        header: Some(vec!["Saksnr".into(), "Arkivsak".into(), "Tittel".into()]),
        rows: (0..rows)
            .map(|i| {
                let title = (0..lines_per_row).map(|k| format!("Rad{i} linje{k}")).collect::<Vec<_>>().join("\n");
                vec![Paragraph::plain(format!("{i}/21")), Paragraph::plain("21/1069"), Paragraph::plain(title)]
            })
            .collect(),
        shared: None,
    }
}

#[test]
fn table_columns_start_at_their_share_of_the_width() {
    let l = lay(vec![Block::Table(table(2, 1))]);
    let style = &l.style;
    let w = style.text_width();
    let header = &l.pages[0].lines[0];
    let xs: Vec<f32> = header.runs.iter().map(|r| r.x - style.margin_left).collect();
    assert_eq!(header.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["Saksnr", "Arkivsak", "Tittel"]);
    assert!(header.runs.iter().all(|r| r.font == FontKind::Bold));
    for (x, want) in xs.iter().zip([0.0, w / 6.0, w / 3.0]) {
        assert!((x - want - 4.0).abs() < 0.01, "{xs:?}");
    }
    // A long title wraps inside its column.
    let long = Paragraph::plain("Ein svært lang tittel ".repeat(10));
    let t = Table { rows: vec![vec![Paragraph::plain("1/21"), Paragraph::plain("21/1"), long]], ..table(0, 1) };
    let l = lay(vec![Block::Table(t)]);
    for line in &l.pages[0].lines {
        for r in line.runs.iter().filter(|r| r.text.contains("tittel")) {
            assert!(r.x >= style.margin_left + w / 3.0, "{r:?}");
            let end = r.x + fonts().face(r.font).width(&r.text, r.size);
            assert!(end <= style.margin_left + w + 0.01, "{r:?}");
        }
    }
}

#[test]
fn a_column_of_width_zero_fits_its_widest_cell() {
    let t = Table { widths: vec![0.0, 0.0, 1.0], ..table(3, 1) };
    let l = lay(vec![Block::Table(t)]);
    let style = &l.style;
    let face = fonts().face(FontKind::Regular);
    let bold = fonts().face(FontKind::Bold);
    let header = &l.pages[0].lines[0];
    // "Saksnr" (bold header) is wider than "0/21"; "Arkivsak" than "21/1069".
    let first = bold.width("Saksnr", 11.0) + 8.5;
    let second = bold.width("Arkivsak", 11.0).max(face.width("21/1069", 11.0)) + 8.5;
    assert!((header.runs[1].x - (style.margin_left + first + 4.0)).abs() < 0.01, "{header:?}");
    assert!((header.runs[2].x - (style.margin_left + first + second + 4.0)).abs() < 0.01, "{header:?}");
    // Fitted columns that cannot all fit share the line.
    let wide = Paragraph::plain("x".repeat(400));
    let t = Table { widths: vec![0.0, 0.0], header: None, rows: vec![vec![wide.clone(), wide]], shared: None };
    let l = lay(vec![Block::Table(t)]);
    for line in &l.pages[0].lines {
        for r in &line.runs {
            let end = r.x + fonts().face(r.font).width(&r.text, r.size);
            assert!(end <= style.width - style.margin_right + 0.01, "{r:?}");
        }
    }
}

#[test]
fn a_table_repeats_its_header_on_every_page_and_keeps_rows_whole() {
    let l = lay(vec![Block::heading("Sakliste", 12.0), Block::Table(table(60, 3))]);
    let pages = body(&l);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let header = if i == 0 { &page[1] } else { &page[0] };
        assert_eq!(header, "SaksnrArkivsakTittel", "page {}", i + 1);
    }
    for i in 0..60 {
        assert!(same_page(&l, &format!("Rad{i} linje0"), &format!("Rad{i} linje2")), "row {i} split");
    }
    // And every row is there once.
    let all: Vec<&String> = pages.iter().flatten().collect();
    for i in 0..60 {
        assert_eq!(all.iter().filter(|t| t.contains(&format!("Rad{i} linje1"))).count(), 1);
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_and_loses_nothing() {
    let l = lay(vec![Block::Table(table(1, 120))]);
    let all: Vec<String> = body(&l).into_iter().flatten().collect();
    for k in 0..120 {
        assert!(all.iter().any(|t| t.ends_with(&format!("Rad0 linje{k}"))), "lost line {k}");
    }
    assert!(l.pages.len() >= 3);
}

#[test]
fn headings_and_footers_wrap_inside_the_margins() {
    let mut d = doc(vec![Block::heading("Formannskapet og næringsutvalet i Luster kommune ".repeat(4), 18.0)]);
    d.footer = "Møteprotokoll for Formannskapet og næringsutvalet i Luster kommune, møtet 15.04.2021 ".repeat(2);
    let style = PageStyle::default();
    let l = document(&d, &style).unwrap();
    let right = style.width - style.margin_right;
    let page = &l.pages[0];
    let footer: Vec<&Line> = page.lines.iter().filter(|l| l.runs.iter().any(|r| r.muted)).collect();
    assert!(footer.len() >= 2, "the footer wraps: {footer:?}");
    let headings = page.lines.iter().filter(|l| l.runs.iter().any(|r| (r.size - 18.0).abs() < 0.01)).count();
    assert!(headings >= 2, "the heading wraps");
    let label = footer[0].runs.last().unwrap();
    assert_eq!(label.text, "Side 1 av 1");
    for line in &page.lines {
        for r in &line.runs {
            let end = r.x + fonts().face(r.font).width(&r.text, r.size);
            assert!(r.x >= style.margin_left - 0.01 && end <= right + 0.01, "{r:?}");
            if r.muted && r.text != label.text {
                assert!(end < label.x, "footer text runs into the page label: {r:?}");
            }
        }
    }
    // The body ends above the footer's rule, however tall the footer is.
    let rule = page.rules.iter().map(|r| r.y).fold(f32::MAX, f32::min);
    let many = document(&Document { blocks: filler(80), ..d.clone() }, &style).unwrap();
    for p in &many.pages {
        let last_body = p.lines.iter().filter(|l| l.runs.iter().all(|r| !r.muted)).map(|l| l.y).fold(0.0, f32::max);
        assert!(last_body < rule - 10.0, "{last_body} ≥ {rule}");
    }
}

#[test]
fn right_to_left_text_is_reordered_for_display() {
    // "shalom" in Hebrew, typed (logical order) shin-lamed-vav-mem.
    let l = lay(vec![Block::text("Namn: \u{5E9}\u{5DC}\u{5D5}\u{5DD} (\u{5D0}) slutt")]);
    let text: String = l.pages[0].lines[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(text, "Namn: (\u{5D0}) \u{5DD}\u{5D5}\u{5DC}\u{5E9} slutt");
    assert!(l.missing.is_empty(), "the face draws Hebrew: {:?}", l.missing);
    // Runs follow each other without overlap.
    let runs = &l.pages[0].lines[0].runs;
    for w in runs.windows(2) {
        let end = w[0].x + fonts().face(w[0].font).width(&w[0].text, w[0].size);
        assert!((w[1].x - end).abs() < 0.01);
    }
    // Left-to-right text is left as it is.
    let l = lay(vec![Block::text("Heilt vanleg tekst (med parentes)")]);
    assert_eq!(l.pages[0].lines[0].runs[0].text, "Heilt vanleg tekst (med parentes)");
}

#[test]
fn a_page_without_room_for_text_is_refused_with_a_clear_message() {
    let style = PageStyle { margin_left: 300.0, margin_right: 250.0, ..PageStyle::default() };
    let err = document(&doc(filler(3)), &style).unwrap_err();
    assert!(err.to_string().contains("Sidemargane"), "{err}");
    let style = PageStyle { margin_top: 500.0, margin_bottom: 300.0, ..PageStyle::default() };
    assert!(matches!(document(&doc(filler(3)), &style), Err(LayoutError::NoRoom { .. })));
    assert!(document(&doc(filler(3)), &PageStyle::default()).is_ok());
}

#[test]
fn a_field_with_a_very_long_label_puts_its_value_below() {
    let label = "Ein merkelapp som er lengre enn halve linja er, med mange ord:".to_string();
    let l = lay(vec![Block::Field { label: label.clone(), value: "verdi".into(), emphasised: false }]);
    let lines = &l.pages[0].lines;
    assert_eq!(lines[0].runs[0].text, label);
    assert_eq!(lines[1].runs[0].text, "verdi");
    assert!((lines[1].runs[0].x - l.style.margin_left).abs() < 0.01);
    let mut styled = Paragraph::default();
    styled.push("x", Style::Bold);
    assert!(!lay(vec![Block::Paragraph(styled)]).pages[0].lines.is_empty());
}

#[test]
fn tables_that_share_a_key_line_up_their_fitted_columns() {
    let narrow = Table {
        widths: vec![0.0, 0.0, 1.0],
        header: None,
        rows: vec![vec![Paragraph::plain("RS 1/21"), Paragraph::plain("21/1"), Paragraph::plain("Tittel")]],
        shared: Some(7),
    };
    let wide = Table {
        rows: vec![vec![Paragraph::plain("PS 154/21"), Paragraph::plain("21/10690"), Paragraph::plain("Tittel")]],
        ..narrow.clone()
    };
    let l = lay(vec![Block::Table(narrow.clone()), Block::Table(wide.clone())]);
    let xs = |i: usize| l.pages[0].lines[i].runs.iter().map(|r| r.x).collect::<Vec<_>>();
    assert_eq!(xs(0), xs(1), "the same columns for both tables");
    // Without the key each fits its own cells.
    let l = lay(vec![Block::Table(Table { shared: None, ..narrow }), Block::Table(Table { shared: None, ..wide })]);
    assert!(l.pages[0].lines[0].runs[1].x < l.pages[0].lines[1].runs[1].x);
}

#[test]
fn a_rule_is_never_the_last_thing_on_a_page() {
    let style = PageStyle::default();
    for n in 40..62 {
        let mut blocks = filler(n);
        blocks.extend([Block::Space(16.0), Block::Rule { pad: 4.0 }, Block::Space(4.0), Block::text("Etter streken.")]);
        let l = lay(blocks);
        for page in &l.pages {
            let body_rules = page.rules.iter().filter(|r| r.y < style.height - style.margin_bottom);
            for r in body_rules {
                assert!(
                    page.lines.iter().any(|l| l.y > r.y && l.runs.iter().all(|r| !r.muted)),
                    "a rule alone at the foot after {n} lines"
                );
            }
        }
    }
}

#[test]
fn keep_holds_a_block_on_the_page_of_the_next() {
    let field = |label: &str, value: &str| Block::Field { label: label.into(), value: value.into(), emphasised: false };
    for n in 40..62 {
        let mut blocks = filler(n);
        blocks.extend([
            field("Sak:", "1/26"),
            Block::Keep,
            field("Tittel:", "Budsjett"),
            Block::Keep,
            Block::Space(10.0),
            Block::heading("Behandling:", 11.0),
            Block::text("Fyrste linje.\nAndre linje."),
        ]);
        let l = lay(blocks);
        assert!(same_page(&l, "Sak:", "Andre linje."), "the case's fields left behind after {n} lines");
    }
}

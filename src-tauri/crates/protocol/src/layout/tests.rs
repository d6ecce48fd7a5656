use saksbok_core::behandling::Phrases;
use saksbok_core::demo;
use saksbok_core::protocol::{ProtocolTemplate, Saksprotokoll, saksprotokoll as build};
use saksbok_core::text::Paragraph;

use super::*;

fn reference() -> Saksprotokoll {
    let d = demo::reference();
    build(&d.meeting.info, &d.meeting.items[0], &ProtocolTemplate::default(), &Phrases::nynorsk()).unwrap()
}

fn all_words(l: &Layout) -> Vec<String> {
    page_texts(l)
        .into_iter()
        .flatten()
        .flat_map(|t| t.split_whitespace().map(String::from).collect::<Vec<_>>())
        .collect()
}

#[test]
fn reference_layout_snapshot() {
    let l = saksprotokoll(&reference(), &PageStyle::default()).unwrap();
    insta::assert_snapshot!(l.to_string());
}

#[test]
fn every_line_stays_inside_the_margins() {
    let style = PageStyle::default();
    let l = saksprotokoll(&reference(), &style).unwrap();
    let f = fonts();
    for page in &l.pages {
        for line in &page.lines {
            assert!(line.y > style.margin_top && line.y < style.height, "{line:?}");
            for run in &line.runs {
                let end = run.x + f.face(run.font).width(&run.text, run.size);
                assert!(run.x >= style.margin_left - 0.01, "{run:?}");
                assert!(
                    end <= style.width - style.margin_right + 0.01,
                    "overflows by {}: {run:?}",
                    end - (style.width - style.margin_right)
                );
            }
        }
    }
}

#[test]
fn page_breaks_lose_no_words_and_keep_their_order() {
    let mut p = reference();
    let many: Vec<Paragraph> =
        (0..400).map(|i| Paragraph::plain(format!("Avsnitt {i}: {}", "ord ".repeat(i % 37)))).collect();
    p.sections[0].paragraphs = many.clone();
    p.sections.truncate(1);
    let l = saksprotokoll(&p, &PageStyle::default()).unwrap();
    assert!(l.pages.len() > 5);
    // Every word of the body, in order, exactly once: the words from the
    // first paragraph on, without the footers.
    let body: Vec<String> = l
        .pages
        .iter()
        .flat_map(|page| page.lines.iter().filter(|l| l.runs.iter().all(|r| !r.muted)))
        .flat_map(|l| l.runs.iter().flat_map(|r| r.text.split_whitespace().map(String::from)).collect::<Vec<_>>())
        .skip_while(|w| w != "Avsnitt")
        .collect();
    let want: Vec<String> =
        many.iter().flat_map(|p| p.plain_text().split_whitespace().map(String::from).collect::<Vec<_>>()).collect();
    assert_eq!(body, want);
}

#[test]
fn no_page_ends_with_a_heading() {
    let mut p = reference();
    // Push "Vedtak:" towards the foot of a page by growing the behandling.
    for extra in 0..40 {
        p.sections[0].paragraphs.push(Paragraph::plain(format!("Tillegg {extra}.")));
        let l = saksprotokoll(&p, &PageStyle::default()).unwrap();
        for page in &l.pages {
            let body: Vec<&Line> = page.lines.iter().filter(|l| l.runs.iter().all(|r| !r.muted)).collect();
            let last = body.last().unwrap();
            assert_ne!(last.runs[0].text, "Vedtak:", "heading alone at the foot of a page");
        }
    }
}

#[test]
fn no_paragraph_leaves_a_single_line_behind() {
    let mut p = reference();
    let long = Paragraph::plain("Eit langt avsnitt med mange ord ".repeat(12));
    for extra in 0..45 {
        p.sections[0].paragraphs = (0..extra).map(|i| Paragraph::plain(format!("Kort {i}."))).collect();
        p.sections[0].paragraphs.push(long.clone());
        let l = saksprotokoll(&p, &PageStyle::default()).unwrap();
        if l.pages.len() < 2 {
            continue;
        }
        // The long paragraph's lines start with "Eit langt" or continue it.
        let texts = page_texts(&l);
        let first_page_tail = texts[0].iter().rev().nth(1).unwrap(); // last before footer
        let second_page_head = &texts[1][0];
        let is_long = |t: &str| t.contains("langt avsnitt") || t.contains("mange ord");
        if is_long(first_page_tail) && is_long(second_page_head) {
            let on_first = texts[0].iter().filter(|t| is_long(t)).count();
            let on_second = texts[1].iter().filter(|t| is_long(t)).count();
            assert!(on_first >= 2 && on_second >= 2, "split {on_first}/{on_second} with {extra} short paragraphs");
        }
    }
}

#[test]
fn a_word_longer_than_the_line_is_split_not_lost() {
    let mut p = reference();
    let word = "x".repeat(500);
    p.sections[0].paragraphs = vec![Paragraph::plain(word.clone())];
    let l = saksprotokoll(&p, &PageStyle::default()).unwrap();
    let joined: String = all_words(&l).concat();
    assert!(joined.contains(&word));
}

#[test]
fn wrapped_title_hangs_under_its_value() {
    let mut p = reference();
    p.fields[1].value = "Lang tittel ".repeat(20);
    let l = saksprotokoll(&p, &PageStyle::default()).unwrap();
    let lines: Vec<&Line> =
        l.pages[0].lines.iter().filter(|l| l.runs.iter().any(|r| r.text.contains("Lang tittel"))).collect();
    assert!(lines.len() >= 3);
    let first_value_x = lines[0].runs[1].x;
    for line in &lines[1..] {
        assert!((line.runs[0].x - first_value_x).abs() < 0.01);
    }
    assert_eq!(lines[0].runs[0].text, "Tittel: ");
}

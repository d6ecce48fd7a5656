//! The møteprotokoll as a real PDF, in each layout variant: pdftotext reads
//! every element of kommunelova § 11-4 in order, pdffonts finds the fonts
//! embedded, qpdf finds the structure sound.

mod common;

use common::{keep, now, tool, words, write};
use saksbok_core::minutes::{Minutes, Notice};
use saksbok_core::sample::SampleMeeting;
use saksbok_protocol::content::{AttendanceStyle, MinutesStyle, SignaturePlace};
use saksbok_protocol::{Rendered, render_innkalling, render_moteprotokoll};
use tempfile::TempDir;

fn render(m: &Minutes, style: MinutesStyle, name: &str) -> (Rendered, String, String) {
    let r = render_moteprotokoll(m, style, now());
    keep(name, &r.pdf);
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), name, &r.pdf);
    let path = pdf.to_str().unwrap();
    let raw = tool("pdftotext", &["-enc", "UTF-8", path, "-"]);
    let layout = tool("pdftotext", &["-enc", "UTF-8", "-layout", path, "-"]);
    let q = tool("qpdf", &["--check", path]);
    assert!(q.contains("No syntax or stream encoding errors found"), "{q}");
    let fonts = tool("pdffonts", &[path]);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
    }
    (r, words(&raw), layout)
}

/// Each needle comes after the one before it in `text`.
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n) {
            Some(at) => from += at + n.len(),
            None => panic!("«{n}» missing or out of order after byte {from}:\n{text}"),
        }
    }
}

#[test]
fn the_default_layout_prints_every_element_in_order() {
    let m = SampleMeeting::new(0).minutes();
    let (r, text, layout) = render(&m, MinutesStyle::default(), "moteprotokoll.pdf");
    in_order(
        &text,
        &[
            "Luster kommune",
            "Møteprotokoll",
            "Formannskapet og næringsutvalet",
            "Møtestad: Rådhuset, Gaupne",
            "Møtedato: 15.04.2021",
            "Start kl.: 09.00",
            "Slutt kl.: 14.30",
            "Innkalling: sendt 08.04.2021 (e-post)",
            "Tilleggssaker: 56/21",
            "Underskrivarar: Kari Nes",
            "Følgjande medlemer møtte:",
            "Anne Leiar",
            "Per Bakken",
            "kom kl. 10.15, frå sak 55/21",
            "Forfall meldt frå:",
            "Eva Borte",
            "Følgjande varamedlemer møtte:",
            "Jon Vara",
            "møtte for Eva Borte",
            "Ugilde:",
            "fvl. § 6 første ledd bokstav a",
            "Frå administrasjonen:",
            "Lise Rådmann",
            "Andre til stades:",
            "Revisor Ås",
            "Møteleiar: Anne Leiar",
            "Sakliste",
            "54/21",
            "IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "Tilsetjing av einingsleiar (tilleggssak)",
            "Sak: 54/21",
            "Ap v/Morten Johan Vigdal sette fram: Saka vert utsett for forhandlingar med Sogndal kommune.",
            "Framlegget fekk 2 røyster og fall.",
            "Vedtak:",
            "Rådmannen får fullmakt",
            "Vedlegg:",
            "Samarbeidsavtale SyS-IKT (21/1069-3)",
            "Om budsjettet.",
            "Sak: 55/21",
            "Rådmannen si tilråding vart vedteken med 5 mot 2 røyster (Ap).",
            "Planen vert lagd ut til offentleg ettersyn.",
            "Sak: 56/21",
            "Lukka møte, jf. kl. § 11-5 andre ledd",
            "Kari Kandidat vert tilsett.",
            "Om sommarferien.",
            "Vedlegg til møteboka:",
            "Presentasjon: budsjettet (21/1069-5)",
            "Underskrifter:",
            "Vi stadfester at det som er ført i møteboka er i samsvar med det som vart vedteke på møtet",
            "Anne Leiar",
            "møteleiar",
            "Kari Nes",
            "Møteprotokoll er sendt til:",
            "Kommunestyret",
            "Revisjonen",
        ],
    );
    // The sakliste is a table: number, arkivsak and title on one line.
    assert!(
        layout.lines().any(|l| words(l) == "54/21 21/1069 IKT-samarbeid. Etablering av avtale med SYS-IKT"),
        "{layout}"
    );
    assert!(
        layout
            .lines()
            .any(|l| l.contains("Tilsetjing av einingsleiar (tilleggssak)") && l.contains("kl. § 11-5 andre ledd")),
        "the sakliste marks lukka with its basis:\n{layout}"
    );
    let pages: Vec<&str> = layout.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), r.pages);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Side {} av {}", i + 1, r.pages)), "page {}", i + 1);
    }
    assert!(r.missing_glyphs.is_empty());
}

#[test]
fn attendance_as_labelled_fields_and_signatures_after_the_sakliste() {
    let m = SampleMeeting::new(0).with_two_series().minutes();
    let style = MinutesStyle { attendance: AttendanceStyle::Fields, signatures: SignaturePlace::AfterSakliste };
    let (_, text, _) = render(&m, style, "moteprotokoll-felt.pdf");
    in_order(
        &text,
        &[
            "Til stades på møtet",
            "Medl.: Anne Leiar (Sp, leiar), Per Bakken (Sp, kom kl. 10.15, frå sak RS 1/21)",
            "Forfall: Eva Borte (Ap)",
            "Varamedl.: Jon Vara (Ap, møtte for Eva Borte)",
            "Ugilde: Anne Leiar i sak RS 1/21 (fvl. § 6 første ledd bokstav a; Siri Vara møtte)",
            "Frå adm. (evt. andre): Lise Rådmann (rådmann), Revisor Ås (sogn revisjon, i sak RS 1/21)",
            "PS Politiske saker",
            "PS 54/21",
            "PS 56/21",
            "RS Referatsaker",
            "RS 1/21",
            "Underskrifter:",
            "Møteprotokoll er sendt til:",
            "Sak: PS 54/21",
            "Sak: RS 1/21",
            "Vedlegg til møteboka:",
            "Presentasjon: budsjettet (21/1069-5)",
        ],
    );
    assert!(!text.contains("Følgjande medlemer møtte"), "no tables in this variant");
    assert_eq!(text.matches("Underskrifter:").count(), 1);
}

#[test]
fn a_meeting_without_a_roll_or_signatories_still_prints_with_room_to_sign() {
    let mut s = SampleMeeting::new(0);
    s.roll.input = saksbok_core::roll::RollInput::default();
    let m = s.minutes();
    let (r, text, _) = render(&m, MinutesStyle::default(), "moteprotokoll-utan-oppmote.pdf");
    in_order(&text, &["Oppmøtet er ikkje ført.", "Sakliste", "Sak: 54/21", "Underskrifter:"]);
    assert!(r.pages >= 2);
}

#[test]
fn a_case_with_nothing_recorded_says_so_and_a_business_title_stays_with_its_text() {
    let mut s = SampleMeeting::new(0);
    s.items[1].item.behandling_text = None;
    s.items[1].item.vedtak = None;
    let m = s.minutes();
    let (_, text, _) = render(&m, MinutesStyle::default(), "moteprotokoll-tom-sak.pdf");
    in_order(&text, &["Sak: 55/21", "Ingen behandling eller vedtak er ført i denne saka.", "Sak: 56/21"]);
    let doc = saksbok_protocol::content::moteprotokoll(&m, MinutesStyle::default());
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(b, saksbok_protocol::Block::Heading { text, .. } if text == "Orientering: Rådmannen")),
        "the orientering's title is a heading"
    );
}

#[test]
fn a_bokmal_board_prints_its_moteprotokoll_in_bokmal() {
    let mut s = SampleMeeting::new(0);
    s.board.language = saksbok_core::board::TextLanguage::Nb;
    let m = s.minutes();
    for (style, name) in [
        (MinutesStyle::default(), "moteprotokoll-nb.pdf"),
        (
            MinutesStyle { attendance: AttendanceStyle::Fields, signatures: SignaturePlace::AfterSakliste },
            "moteprotokoll-nb-felt.pdf",
        ),
    ] {
        let (_, text, _) = render(&m, style, name);
        let attendance: &[&str] = if style.attendance == AttendanceStyle::Tables {
            &[
                "Følgende medlemmer møtte:",
                "Navn",
                "Forfall meldt fra:",
                "Inhabile:",
                "Hjemmel",
                "Fra administrasjonen:",
            ]
        } else {
            &[
                "Til stede på møtet",
                "Medl.:",
                "fra sak 55/21",
                "Inhabile: Anne Leiar i sak 55/21",
                "Fra adm. (evt. andre):",
            ]
        };
        in_order(
            &text,
            &[
                &["Møteprotokoll", "Møtested: Rådhuset, Gaupne"],
                attendance,
                &["Møteleder: Anne Leiar", "Saksliste", "Lukket"],
            ]
            .concat(),
        );
        assert!(text.contains("Lukket møte, jf. kl. § 11-5 andre ledd"), "{name}");
        assert!(
            text.contains("Vi bekrefter at det som er ført i møteboken er i samsvar med det som ble vedtatt på møtet")
        );
        for nynorsk in ["Følgjande", "Møtestad", "ikkje", "Møteleiar", "Sakliste", "Lukka"] {
            assert!(!text.contains(nynorsk), "«{nynorsk}» in a Bokmål protocol ({name})");
        }
    }
}

/// Luster's other layout, printed and read back: "Møtebok", the bare title
/// line, "Handsaming:" and "VEDTAK:", one sakliste in agenda order.
#[test]
fn the_boards_own_layout_is_what_the_pdf_says() {
    let m = SampleMeeting::new(0).with_two_series().with_motebok_layout().minutes();
    let (_, text, layout) = render(&m, MinutesStyle::from(&m.layout), "motebok-luster.pdf");
    in_order(
        &text,
        &[
            "Luster kommune",
            "Møtebok",
            "Formannskapet og næringsutvalet",
            "Sakliste",
            "PS 54/21",
            "RS 1/21",
            "PS 56/21",
            "Sak: PS 54/21",
            "Tittel: IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "Handsaming:",
            "VEDTAK:",
            "Rådmannen får fullmakt",
        ],
    );
    for gone in ["Saksprotokoll -", "Behandling:", "Vedtak:", "PS Politiske saker", "Møteprotokoll Formannskapet"] {
        assert!(!text.contains(gone), "«{gone}» printed in a layout without it");
    }
    assert!(layout.contains("Møtebok Formannskapet og næringsutvalet 15.04.2021"), "the footer names the Møtebok");
}

/// A møtebok of more than 500 pages prints whole: every case once, every
/// page numbered "Side x av y".
#[test]
fn a_protocol_of_more_than_five_hundred_pages_prints_every_case() {
    let m = SampleMeeting::new(497).minutes();
    let (r, text, layout) = render(&m, MinutesStyle::default(), "moteprotokoll-500.pdf");
    assert!(r.pages > 500, "{} pages", r.pages);
    for k in [1, 250, 497] {
        let title = format!("Søknad om tilskot frå næringsfondet nr. {k} ");
        assert_eq!(text.matches(&title).count(), 2, "{title}");
    }
    let pages: Vec<&str> = layout.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), r.pages);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Side {} av {}", i + 1, r.pages)), "page {}", i + 1);
    }
}

#[test]
fn forty_cases_make_a_long_protocol_with_every_case_once() {
    let m = SampleMeeting::new(37).minutes();
    let (r, text, layout) = render(&m, MinutesStyle::default(), "moteprotokoll-40.pdf");
    assert!(r.pages > 40, "{} pages", r.pages);
    for k in 1..=37 {
        let title = format!("Søknad om tilskot frå næringsfondet nr. {k} ");
        // Once in the sakliste and once in the case's title line.
        assert_eq!(text.matches(&title).count(), 2, "{title}");
    }
    // The sakliste spans pages: its header row is printed again on each.
    let sakliste_pages = layout
        .split('\u{c}')
        .filter(|p| p.contains("Søknad om tilskot") && p.lines().any(|l| words(l) == "Saksnr Arkivsak Tittel Lukka"))
        .count();
    assert!(sakliste_pages >= 2, "the sakliste header is repeated");
}

/// What the public must not read in the offentleg versjon or the innkalling.
const SKJERMA: &[&str] =
    &["Kari Kandidat", "Kandidat", "Tilsetjing av einingsleiar", "vert tilsett", "Skjult", "SKJULT"];

fn pdf_text(r: &Rendered, name: &str) -> (String, String) {
    keep(name, &r.pdf);
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), name, &r.pdf);
    let path = pdf.to_str().unwrap();
    let q = tool("qpdf", &["--check", path]);
    assert!(q.contains("No syntax or stream encoding errors found"), "{q}");
    let raw = tool("pdftotext", &["-enc", "UTF-8", path, "-"]);
    let layout = tool("pdftotext", &["-enc", "UTF-8", "-layout", path, "-"]);
    (words(&raw), layout)
}

#[test]
fn the_offentleg_versjon_prints_no_skjerma_text() {
    let s = SampleMeeting::new(0).with_screening();
    let phrases = saksbok_core::behandling::Phrases::nynorsk();
    let tpl = saksbok_core::protocol::ProtocolTemplate::default();
    let full = render_moteprotokoll(
        &saksbok_core::minutes::minutes(&s.input(&phrases, &tpl)).unwrap(),
        MinutesStyle::default(),
        now(),
    );
    let (full_text, _) = pdf_text(&full, "moteprotokoll-skjerma-full.pdf");
    for secret in SKJERMA {
        assert!(full_text.contains(secret), "the complete møtebok holds {secret:?}");
    }
    let public = saksbok_core::minutes::public_minutes(&s.input(&phrases, &tpl)).unwrap();
    let r = render_moteprotokoll(&public, MinutesStyle::default(), now());
    let (text, _) = pdf_text(&r, "moteprotokoll-offentleg.pdf");
    for secret in SKJERMA {
        assert!(!text.contains(secret), "{secret:?} printed in the offentleg versjon");
    }
    in_order(
        &text,
        &[
            "Møteprotokoll – Offentleg versjon",
            "Sakliste",
            "Tilsetjing (tilleggssak)",
            "Søknad om startlån",
            "Sak: 56/21",
            "Tittel: Saksprotokoll - Tilsetjing",
            "Lukka møte, jf. kl. § 11-5 andre ledd",
            "Saka vart handsama i lukka møte. Behandlinga og vedtaket er ikkje offentlege.",
            "Sak: 57/21",
            "Tittel: Saksprotokoll - Søknad om startlån",
            "NN får startlån på 500 000 kr.",
            "Skjerma etter offl. § 13 jf. fvl. § 13 (21/1200-1)",
            "Underskrifter:",
        ],
    );
}

#[test]
fn the_innkalling_prints_time_place_and_the_public_sakliste() {
    let s = SampleMeeting::new(0).with_screening().with_two_series();
    let n: Notice = saksbok_core::minutes::innkalling(
        &s.input(&saksbok_core::behandling::Phrases::nynorsk(), &saksbok_core::protocol::ProtocolTemplate::default()),
    );
    let r = render_innkalling(&n, now());
    let (text, layout) = pdf_text(&r, "innkalling.pdf");
    in_order(
        &text,
        &[
            "Luster kommune",
            "Innkalling",
            "Formannskapet og næringsutvalet",
            "Møtestad: Rådhuset, Gaupne",
            "Møtedato: 15.04.2021",
            "Møtetid: kl. 09.00",
            "Medlemene i Formannskapet og næringsutvalet vert med dette kalla inn til møte.",
            "Sakliste",
            "PS Politiske saker",
            "PS 54/21",
            "IKT-samarbeid. Etablering av avtale med SYS-IKT",
            "Søknad om startlån",
            "RS Referatsaker",
            "RS 1/21",
            "Reguleringsplan for Gaupne sentrum",
            "Medlemer som ikkje kan møte på grunn av gyldig forfall (kommunelova § 8-1), må melde frå snarast",
            "08.04.2021",
            "Anne Leiar",
            "leiar",
            "Side 1 av 1",
        ],
    );
    for secret in SKJERMA {
        assert!(!text.contains(secret), "{secret:?} printed in the innkalling");
    }
    // A tilleggssak was not in the innkalling; nothing of a behandling is.
    for absent in ["56/21", "Vedtak", "Behandling", "sette fram"] {
        assert!(!text.contains(absent), "«{absent}» in the innkalling:\n{layout}");
    }
}

/// With a logo, the møtebok and the innkalling carry it once, on their first
/// page above the municipality's name; the møtebok's text is as without it.
#[test]
fn the_logo_heads_the_motebok_and_the_innkalling() {
    let mut s = SampleMeeting::new(0);
    let plain = s.minutes();
    let tpl = saksbok_core::protocol::ProtocolTemplate {
        logo: Some(saksbok_protocol::samples::logo()),
        ..saksbok_core::protocol::ProtocolTemplate::default()
    };
    s.layout = saksbok_core::layout::ProtocolLayout::default();
    let phrases = saksbok_core::behandling::Phrases::nynorsk();
    let m = saksbok_core::minutes::minutes(&s.input(&phrases, &tpl)).unwrap();
    let (_, with_logo, _) = render(&m, MinutesStyle::default(), "moteprotokoll-logo.pdf");
    let (_, without, _) = render(&plain, MinutesStyle::default(), "moteprotokoll-utan-logo.pdf");
    // The same words, the page footers aside (a page may break elsewhere).
    let body = |t: &str| {
        let mut t = t.to_string();
        for (page, pages) in (1..10).flat_map(|p| (p..10).map(move |n| (p, n))) {
            t = t.replace(&format!(" {} Side {page} av {pages}", plain.title), "");
        }
        t
    };
    assert_eq!(body(&with_logo), body(&without), "the same words");
    let notice = saksbok_core::minutes::innkalling(&s.input(&phrases, &tpl));
    let n = render_innkalling(&notice, now());
    keep("innkalling-logo.pdf", &n.pdf);
    let dir = TempDir::new().unwrap();
    for (name, pdf) in [("m.pdf", render_moteprotokoll(&m, MinutesStyle::default(), now()).pdf), ("n.pdf", n.pdf)] {
        let path = write(dir.path(), name, &pdf);
        let list = tool("pdfimages", &["-list", path.to_str().unwrap()]);
        let pages: Vec<&str> = list.lines().skip(2).map(|l| l.split_whitespace().next().unwrap()).collect();
        assert_eq!(pages, ["1"], "{name}: one image, on page 1:\n{list}");
    }
}

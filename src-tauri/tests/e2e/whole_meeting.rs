//! A whole meeting of three cases through the real window: the roll (a late
//! arrival, a member ugild in one case with a named varamedlem in the seat),
//! an orientering before the cases, then in møteførsel a postponement that
//! falls, an amendment carried 5 mot 2 with the party breakdown, and the
//! vedtak taken from what was adopted. The register is checked afterwards.

use chrono::Utc;
use saksbok_core::attendance::Role;
use saksbok_core::board::{Membership, TermMember};
use saksbok_core::meeting::{MeetingInput, SaklisteEntry};
use saksbok_core::model::{BlockContent, BusinessKind, Outcome};
use saksbok_core::sakliste::MeetingStatus;
use saksbok_store::{Actor, Store, agenda, attendance, behandling, boards, cases, meetings};

use crate::axe::axe;

/// The behandling of an item as its saksprotokoll prints it.
fn protocols_text(s: &Store, id: i64) -> String {
    let p = saksbok_store::protocols::saksprotokoll(s.conn(), id).unwrap();
    p.sections[0].paragraphs.iter().map(saksbok_core::text::Paragraph::plain_text).collect::<Vec<_>>().join("\n")
}
use crate::common::*;

/// Chooses option number `index` of a `<select>` element, as a user would.
async fn choose_nth(d: &WebDriver, select: &WebElement, index: usize) {
    d.execute(
        "const s = arguments[0]; s.value = s.options[arguments[1]].value;
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![select.to_json().unwrap(), json!(index)],
    )
    .await
    .unwrap();
}

/// Chooses the option whose text starts with `label`.
async fn choose_text(d: &WebDriver, select: &WebElement, label: &str) {
    let found = d
        .execute(
            "const s = arguments[0]; const o = [...s.options].find((o) => o.text.trim().startsWith(arguments[1]));
             if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![select.to_json().unwrap(), json!(label)],
        )
        .await
        .unwrap();
    assert_eq!(found.json(), &json!(true), "no option {label:?}");
}

async fn last_step(d: &WebDriver) -> WebElement {
    d.find_all(By::Css("[data-testid='record-step']")).await.unwrap().pop().expect("a step")
}

/// Types the counts into the last vote's fast field and presses Enter.
async fn fast_vote(d: &WebDriver, counts: &str) {
    let fast = last_step(d).await.find(By::Css("[data-testid='vote-fast']")).await.unwrap();
    fast.send_keys(counts).await.unwrap();
    fast.send_keys(Key::Enter).await.unwrap();
}

async fn fill(el: &WebElement, css: &str, text: &str) {
    let f = el.find(By::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"));
    f.clear().await.unwrap();
    f.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn a_whole_meeting_of_three_cases_is_recorded_through_the_window() {
    let home = home();
    let db = home.path().join("saksbok.sqlite3");
    let meeting = {
        let mut s = Store::open(&db).unwrap();
        let who = Actor { name: "test", now: Utc::now() };
        s.write(|tx| saksbok_store::demo::load_demo(tx, &who, &saksbok_core::demo::reference())).unwrap();
        let mut numbers = Vec::new();
        for title in ["Budsjett 2027 og økonomiplan", "Skulebruksplan for Luster", "Reguleringsplan Gaupne sentrum"] {
            numbers.push(s.write(|tx| cases::create(tx, &who, &case_input(title).validate().unwrap())).unwrap().number);
        }
        let board = s.read(|tx| boards::list(tx)).unwrap()[0].id;
        let seat = |name: &str, party: &str, role: Role| TermMember {
            name: name.into(),
            party: Some(party.into()),
            membership: Membership::Seat { role },
            term_from: None,
            term_to: None,
        };
        let vara = |name: &str, party: &str| TermMember {
            membership: Membership::Substitute { order: 1 },
            ..seat(name, party, Role::Member)
        };
        let members = [
            seat("Kari Nordheim", "Sp", Role::Chair),
            seat("Per Bakken", "Ap", Role::DeputyChair),
            seat("Siri Dale", "H", Role::Member),
            seat("Anne Lid", "Sp", Role::Member),
            seat("Jon Moe", "Ap", Role::Member),
            seat("Bjørn Ås", "Sp", Role::Member),
            seat("Eva Li", "H", Role::Member),
            vara("Liv Hauge", "Sp"),
            vara("Ola Vik", "H"),
        ];
        s.write(|tx| boards::set_members(tx, &who, board, &members)).unwrap();
        let input = MeetingInput {
            board_id: board,
            date: "10.12.2026".into(),
            place: Some("Kommunestyresalen".into()),
            start_time: Some("09:00".into()),
            end_time: None,
            notice_sent: Some("03.12.2026".into()),
            notice_method: Some("E-post".into()),
        };
        // The board's meeting before, whose møtebok sak 2 approves.
        let before = MeetingInput { date: "12.11.2026".into(), notice_sent: None, ..input.clone() };
        s.write(|tx| meetings::create(tx, &who, &before)).unwrap();
        let m = s.write(|tx| meetings::create(tx, &who, &input)).unwrap();
        let list: Vec<SaklisteEntry> = numbers.iter().map(|n| SaklisteEntry::case(n.to_string())).collect();
        s.write(|tx| meetings::set_sakliste(tx, &who, m.id, &list)).unwrap();
        s.write(|tx| meetings::set_status(tx, &who, m.id, MeetingStatus::Held)).unwrap();
        m.id
    };

    let app = start(home.path(), &["--db", db.to_str().unwrap()]).await;
    let d = &app.d;
    by_test_id(d, "case-row").await;
    by_test_id(d, "nav-meetings").await.click().await.unwrap();
    by_test_id(d, "meeting-row").await;
    let open = d.find_all(By::Css("[data-testid='open-meeting']")).await.unwrap();
    open[0].click().await.unwrap();
    by_test_id(d, "roll").await;

    // The roll: all seven came; Jon Moe from sak 2, at 10:15; Anne Lid ugild in
    // sak 3 with Liv Hauge in her seat for that sak.
    by_test_id(d, "roll-all-members").await.click().await.unwrap();
    let rows = d.find_all(By::Css("[data-testid='roll-row']")).await.unwrap();
    assert_eq!(rows.len(), 7);
    let jon = &rows[4];
    jon.find(By::Css("[data-testid='roll-more']")).await.unwrap().click().await.unwrap();
    let details = by_test_id(d, "roll-details").await;
    let from = details.find(By::Css("select[id^='roll-person-from_item-']")).await.unwrap();
    choose_nth(d, &from, 2).await;
    fill(&details, "input[id^='roll-person-arrived_at-']", "10.15").await;
    by_test_id(d, "roll-ugild-add").await.click().await.unwrap();
    let ugild = by_test_id(d, "ugild-row").await;
    choose_text(d, &ugild.find(By::Css("[data-testid='ugild-member']")).await.unwrap(), "Anne Lid").await;
    choose_nth(d, &ugild.find(By::Css("[data-testid='ugild-item']")).await.unwrap(), 3).await;
    fill(&ugild, "[data-testid='ugild-basis']", "fvl. § 6 første ledd bokstav b").await;
    fill(&ugild, "[data-testid='ugild-substitute']", "Liv Hauge").await;
    keys(d, Key::Tab).await;
    by_test_id(d, "ugild-placed").await;
    by_test_id(d, "roll-save").await.click().await.unwrap();
    let voters = by_test_id(d, "roll-items").await;
    shown_text(&voters, &["6 av 7", "7 av 7"]).await;
    axe(d, "meetings").await;
    shot(d, "heilt-mote-oppmote.png").await;

    // Møteførsel: an orientering before the cases.
    by_test_id(d, "start-meeting-mode").await.click().await.unwrap();
    by_test_id(d, "meeting-mode").await;
    shot(d, "heilt-mote-moteforsel.png").await;
    // It opens on the first sak; the business before it is the step above.
    d.find_all(By::Css("[data-testid='mode-step']")).await.unwrap()[0].click().await.unwrap();
    by_test_id(d, "add-business").await.click().await.unwrap();
    let step = last_step(d).await;
    fill(&step, "input[id^='rec-btitle-']", "Kommunedirektøren").await;
    fill(&step, "textarea[id^='rec-btext-']", "Kommunedirektøren orienterte om økonomien i 2026.").await;
    chord(d, Key::Control, "s").await;
    wait_gone(d, "[data-testid='record-dirty']").await;
    let steps = d.find_all(By::Css("[data-testid='mode-step']")).await.unwrap();
    assert_eq!(steps.len(), 5, "før sakene, three saker, etter sakene");
    steps[2].click().await.unwrap();
    shown_text(&by_test_id(d, "item-record").await, &["Skulebruksplan"]).await;

    // Sak 2 (all seven may vote): a postponement from Ap that falls 2 mot 5, then
    // an amendment from H carried 5 mot 2 with the parties (Sp and Ap split), and
    // the vedtak from what was adopted.
    by_test_id(d, "add-proposal").await.click().await.unwrap();
    let step = last_step(d).await;
    choose_text(d, &step.find(By::Css("select[id^='rec-kind-']")).await.unwrap(), "Utsetjing").await;
    fill(&step, "[data-testid='proposal-party']", "Ap").await;
    fill(&step, "[data-testid='proposal-proposer']", "Per Bakken").await;
    fill(&step, "[data-testid='proposal-text']", "Saka vert utsett til januar.").await;
    step.find(By::Css("[data-testid='proposal-inline']")).await.unwrap().click().await.unwrap();
    by_test_id(d, "add-vote").await.click().await.unwrap();
    fast_vote(d, "2 5").await;
    by_test_id(d, "add-proposal").await.click().await.unwrap();
    let step = last_step(d).await;
    choose_text(d, &step.find(By::Css("select[id^='rec-kind-']")).await.unwrap(), "Tillegg").await;
    fill(&step, "[data-testid='proposal-party']", "H").await;
    fill(&step, "[data-testid='proposal-proposer']", "Siri Dale").await;
    fill(&step, "[data-testid='proposal-text']", "Kommunestyret ber om ei eiga sak om vedlikehald av skulebygg.").await;
    by_test_id(d, "add-vote").await.click().await.unwrap();
    fast_vote(d, "5 mot 2").await;
    let vote = last_step(d).await;
    for (party, yes, no) in [("Sp", "2", "1"), ("H", "2", ""), ("Ap", "1", "1")] {
        vote.find(By::Css("button[id^='rec-vote-add-party-']")).await.unwrap().click().await.unwrap();
        let row = vote.find_all(By::Css(".party-row")).await.unwrap().pop().unwrap();
        let inputs = row.find_all(By::Css("input")).await.unwrap();
        inputs[0].send_keys(party).await.unwrap();
        inputs[1].send_keys(yes).await.unwrap();
        if !no.is_empty() {
            inputs[2].send_keys(no).await.unwrap();
        }
    }
    // The shares as the protocol gave them.
    fill(&vote, "[data-testid='vote-percent-for']", "71,4").await;
    fill(&vote, "[data-testid='vote-percent-against']", "28,6").await;
    vote.scroll_into_view().await.unwrap();
    shot(d, "heilt-mote-rostetal.png").await;
    // Godkjenning av møtebok: the board's meeting before.
    let approves = by_test_id(d, "record-approves").await;
    approves.find(By::Css("input[type='checkbox']")).await.unwrap().click().await.unwrap();
    approves.scroll_into_view().await.unwrap();
    shot(d, "heilt-mote-godkjenner-motebok.png").await;
    chord(d, Key::Control, "s").await;
    wait_gone(d, "[data-testid='record-dirty']").await;
    let generated = by_test_id(d, "record-generated").await;
    shown_text(
        &generated,
        &[
            "fall med 2 mot 5 røyster",
            "vart vedteke med 5 mot 2 røyster. Prosent: 71,4 % for, 28,6 % mot. For: Sp 2, H 2, Ap 1. Mot: Sp 1, Ap 1.",
        ],
    )
    .await;
    by_test_id(d, "use-suggested-vedtak").await.click().await.unwrap();
    chord(d, Key::Control, "s").await;
    wait_gone(d, "[data-testid='record-dirty']").await;
    axe(d, "meetings").await;
    shot(d, "heilt-mote-sak-2.png").await;

    // Sak 3 in møteførsel: Bjørn Ås leaves before it is dealt with, noted from
    // the keyboard in the step itself; who could vote is counted anew.
    let steps = d.find_all(By::Css("[data-testid='mode-step']")).await.unwrap();
    steps[3].click().await.unwrap();
    shown_text(&by_test_id(d, "mode-presence").await, &["7 av 7 kan røysta i saka."]).await;
    by_test_id(d, "presence-leave").await.click().await.unwrap();
    by_test_id(d, "presence-name").await.send_keys("Bjørn Ås").await.unwrap();
    let time = by_test_id(d, "presence-time").await;
    time.clear().await.unwrap();
    time.send_keys("11.40").await.unwrap();
    axe(d, "meetings").await;
    shot(d, "heilt-mote-moteforsel-gjekk.png").await;
    time.send_keys(Key::Enter).await.unwrap();
    shown_text(&by_test_id(d, "presence-happenings").await, &["Bjørn Ås gjekk kl. 11.40 før saka"]).await;
    shown_text(&by_test_id(d, "mode-presence").await, &["6 av 7 kan røysta i saka."]).await;
    axe(d, "meetings").await;
    shot(d, "heilt-mote-moteforsel-oppmote.png").await;

    // The møtebok of what was recorded, printed from the meeting screen.
    by_test_id(d, "nav-meetings").await.click().await.unwrap();
    by_test_id(d, "open-meeting").await.click().await.unwrap();
    // The møtebok's own vedlegg: the rådmann's slides from the orientering, saved with Enter.
    let own = by_test_id(d, "meeting-attachments").await;
    own.scroll_into_view().await.unwrap();
    own.find(By::Css("#ma-att-add")).await.unwrap().click().await.unwrap();
    let title = own.find(By::Css("input[aria-label='Tittel, vedlegg 1']")).await.unwrap();
    title.send_keys("Presentasjon frå rådmannen").await.unwrap();
    title.send_keys(Key::Enter).await.unwrap();
    shown_text(&by_test_id(d, "notice").await, &["Vedlegga til møteboka er lagra."]).await;
    axe(d, "meetings").await;
    shot(d, "heilt-mote-vedlegg-til-moteboka.png").await;
    by_test_id(d, "print-minutes").await.click().await.unwrap();
    let banner = by_test_id(d, "print-result").await;
    let msg = banner.text().await.unwrap();
    assert!(msg.contains("Møteprotokollen") && msg.contains("-v1.pdf"), "{msg}");
    axe(d, "meetings").await;
    shot(d, "heilt-mote-moteprotokoll.png").await;
    // The preview: the real PDF's pages drawn by pdf.js under the app's CSP.
    by_test_id(d, "preview-toggle").await.click().await.unwrap();
    let page = by_test_id(d, "preview-page").await;
    let minutes_pages = shown_text(&page, &["Side 1 av "]).await;
    // Dark pixels on the canvas: text was drawn, not a blank page.
    let dark = wait_inked(d).await;
    assert!(dark > 500, "the preview's canvas is blank ({dark} dark pixels)");
    axe(d, "meetings").await;
    let preview = by_test_id(d, "pdf-preview").await;
    preview.scroll_into_view().await.unwrap();
    shot(d, "heilt-mote-forehandsvis.png").await;
    by_test_id(d, "preview-next").await.click().await.unwrap();
    shown_text(&page, &["Side 2 av "]).await;
    by_test_id(d, "doc-innkalling").await.click().await.unwrap();
    // Another document: the preview draws the innkalling, one page.
    shown_text(&page, &["Side 1 av 1"]).await;
    shot(d, "heilt-mote-forehandsvis-innkalling.png").await;
    assert_ne!(minutes_pages, "Side 1 av 1");
    by_test_id(d, "preview-toggle").await.click().await.unwrap();

    // The board's layout, with the preview of this meeting drawn again as a setting changes.
    by_test_id(d, "nav-boards").await.click().await.unwrap();
    by_test_id(d, "open-board").await.click().await.unwrap();
    by_test_id(d, "board-layout").await;
    let layout_page = by_test_id(d, "preview-page").await;
    shown_text(&layout_page, &["Side 1 av "]).await;
    wait_inked(d).await;
    let before = canvas_sum(d).await;
    let title = by_test_id(d, "layout-minutes_title").await;
    title.clear().await.unwrap();
    title.send_keys("Møtebok for formannskapet").await.unwrap();
    by_test_id(d, "layout-attendance-fields").await.click().await.unwrap();
    // Drawn again with the new settings: other pixels, and text on them.
    let mut after = before;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        after = canvas_sum(d).await;
        if after != before && canvas_ink(d).await > 500 {
            break;
        }
    }
    assert_ne!(after, before, "the preview did not change with the layout");
    assert!(canvas_ink(d).await > 500, "the preview is blank");
    axe(d, "boards").await;
    by_test_id(d, "pdf-preview").await.scroll_into_view().await.unwrap();
    shot(d, "heilt-mote-utskriftsoppsett.png").await;
    by_test_id(d, "layout-save").await.click().await.unwrap();
    shown_text(&by_test_id(d, "notice").await, &["Utskriftsoppsettet er lagra."]).await;
    by_test_id(d, "nav-meetings").await.click().await.unwrap();
    // The list is drawn after the click: wait for it before opening the meeting.
    by_test_id(d, "open-meeting").await.click().await.unwrap();
    by_test_id(d, "meeting-protocol").await;

    // The innkalling and the offentleg versjon from the same screen.
    by_test_id(d, "doc-innkalling").await.click().await.unwrap();
    by_test_id(d, "print-minutes").await.click().await.unwrap();
    shown_text(&by_test_id(d, "print-result").await, &["Innkallinga", "innkalling-", "-v1.pdf"]).await;
    by_test_id(d, "doc-offentleg").await.click().await.unwrap();
    by_test_id(d, "print-minutes").await.click().await.unwrap();
    shown_text(&by_test_id(d, "print-result").await, &["Den offentlege versjonen", "offentleg-", "-v1.pdf"]).await;
    // And the møtebok on a real printer: CUPS's cups-pdf queue (set up by .ci/setup).
    by_test_id(d, "doc-moteprotokoll").await.click().await.unwrap();
    let since = std::time::SystemTime::now() - std::time::Duration::from_secs(1);
    by_test_id(d, "print-to-printer").await.click().await.unwrap();
    let printer = by_test_id(d, "print-printer").await;
    choose(d, "print-printer", "PDF – standard").await;
    assert_eq!(printer.value().await.unwrap().as_deref(), Some("PDF"));
    axe(d, "print-dialog").await;
    shot(d, "heilt-mote-skriv-ut.png").await;
    by_test_id(d, "print-send").await.click().await.unwrap();
    shown_text(&by_test_id(d, "print-result").await, &["Møteprotokollen er send til PDF (1 kopi)", "-v2.pdf"]).await;
    shot(d, "heilt-mote-sendt-til-skrivar.png").await;

    // Approval is asked once more, and refused while a sak has nothing recorded
    // (here 1/26 and 3/26 only had their attendance): said, and nothing locked.
    by_test_id(d, "approve-open").await.click().await.unwrap();
    by_test_id(d, "approval-signatory").await;
    by_test_id(d, "approve").await.click().await.unwrap();
    by_test_id(d, "approve-confirm").await.click().await.unwrap();
    let section = by_test_id(d, "meeting-approval").await;
    shown_text(&section, &["Ingen behandling eller vedtak er ført i sakene 1/26 og 3/26."]).await;
    section.scroll_into_view().await.unwrap();
    axe(d, "meetings").await;
    shot(d, "heilt-mote-godkjenning-nekta.png").await;
    app.d.quit().await.unwrap();
    let printed = saksbok_tests::cups_pdf_output(since);
    let text = std::process::Command::new("pdftotext").arg(&printed).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    // Printed with the board's layout as saved above.
    for want in ["Møtebok for formannskapet", "Medl.:", "Underskrifter:"] {
        assert!(text.contains(want), "«{want}» not in what cups-pdf wrote: {text}");
    }
    let protocols = home.path().join("data/no.kommune.luster.saksbok/protokollar");
    for (file, wants) in [
        ("innkalling", &["Innkalling", "Møtestad: Kommunestyresalen", "Sakliste"][..]),
        ("offentleg", &["Møtebok for formannskapet – Offentleg versjon", "Underskrifter:"][..]),
    ] {
        let pdf = protocols.join(format!("{file}-formannskapet-og-naeringsutvalet-2026-12-10-v1.pdf"));
        let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        assert!(text.status.success(), "{}", pdf.display());
        let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
        for want in wants {
            assert!(text.contains(want), "{file}: «{want}» missing:\n{text}");
        }
        let _ = std::fs::copy(&pdf, saksbok_tests::screenshot_dir().join(format!("heilt-mote-{file}.pdf")));
    }
    let pdf = home.path().join(
        "data/no.kommune.luster.saksbok/protokollar/moteprotokoll-formannskapet-og-naeringsutvalet-2026-12-10-v1.pdf",
    );
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(text.status.success(), "{}: {}", pdf.display(), String::from_utf8_lossy(&text.stderr));
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut at = 0;
    for want in [
        "Møteprotokoll",
        "Møtestad: Kommunestyresalen",
        "Møtedato: 10.12.2026",
        "Innkalling: sendt 03.12.2026 (E-post)",
        "Følgjande medlemer møtte:",
        "kom kl. 10.15",
        "gjekk kl. 11.40",
        "Ugilde:",
        "fvl. § 6 første ledd bokstav b",
        "Liv Hauge",
        "Sakliste",
        "Orientering",
        "Godkjenner møtebok frå: 12.11.2026",
        "Prosent: 71,4 % for, 28,6 % mot. For: Sp 2, H 2, Ap 1. Mot: Sp 1, Ap 1.",
        "Kommunestyret ber om ei eiga sak om vedlikehald av skulebygg.",
        "Vedlegg til møteboka: – Presentasjon frå rådmannen",
        "Underskrifter:",
    ] {
        let found = text[at..].find(want).unwrap_or_else(|| panic!("«{want}» missing or out of order:\n{text}"));
        at += found + want.len();
    }
    // Kept for people to look at beside the screenshots.
    let _ = std::fs::copy(&pdf, saksbok_tests::screenshot_dir().join("heilt-mote-moteprotokoll.pdf"));

    // What the window saved is in the register, as one would read it in the protocol.
    let mut s = Store::open(&db).unwrap();
    assert_eq!(saksbok_store::approval::get(s.conn(), meeting).unwrap(), None, "a refused approval locks nothing");
    let roll = s.read(|tx| attendance::get(tx, meeting)).unwrap();
    // Jon Moe from sak 2; Bjørn Ås left before sak 3, where Liv Hauge sat for Anne Lid.
    assert_eq!(roll.items.iter().map(|i| i.eligible).collect::<Vec<_>>(), [6, 7, 6]);
    assert!(
        roll.items[2].voters.contains(&"Liv Hauge".to_string())
            && !roll.items[2].voters.contains(&"Anne Lid".to_string())
    );
    let business = s.read(|tx| behandling::get_business(tx, meeting)).unwrap();
    assert!(matches!(&business.blocks[0].content, BlockContent::Business { business: BusinessKind::Orientering, .. }));
    assert_eq!(business.blocks[0].before_item, Some(0));
    let own = s.read(|tx| behandling::meeting_attachments(tx, meeting)).unwrap().attachments;
    assert_eq!(own.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["Presentasjon frå rådmannen"]);
    let m = s.read(|tx| meetings::get(tx, meeting)).unwrap();
    let item = s.read(|tx| behandling::get_item(tx, m.items[1].id)).unwrap();
    let votes = &item.record.behandling.votes;
    assert_eq!((votes[0].votes_for, votes[0].votes_against, votes[0].outcome), (Some(2), Some(5), Some(Outcome::Fall)));
    assert_eq!(
        (votes[1].votes_for, votes[1].votes_against, votes[1].outcome),
        (Some(5), Some(2), Some(Outcome::Vedteke))
    );
    assert_eq!(item.record.vedtak.as_deref(), Some("Kommunestyret ber om ei eiga sak om vedlikehald av skulebygg."));
    assert_eq!(votes[1].parties.len(), 3);
    let id = agenda::find_agenda_item(s.conn(), m.items[1].number, None).unwrap();
    assert!(protocols_text(&s, id).contains("For: Sp 2, H 2, Ap 1. Mot: Sp 1, Ap 1."));
}

//! One protocol of each kind Saksbok prints, from the made-up sample
//! meeting ([`saksbok_core::sample`]) and the reference case: for the tests
//! that check every kind (PDF/A, signatures) and for people to look at.

use chrono::{DateTime, Utc};
use saksbok_core::minutes::{innkalling, minutes, public_minutes};
use saksbok_core::text::Paragraph;

use crate::content::{AttendanceStyle, MinutesStyle, SignaturePlace};
use crate::{
    Rendered, render_innkalling, render_moteprotokoll, render_oppfolging, render_saksprotokoll, render_tilforsel,
};

/// The reference saksprotokoll (also with a logo), one with characters the font lacks, the
/// møteprotokoll in both attendance layouts, its offentleg versjon and the
/// innkalling, and the report Oppfølging av vedtak of the reference case,
/// each with a file name.
pub fn every_kind(now: DateTime<Utc>) -> Vec<(&'static str, Rendered)> {
    let phrases = saksbok_core::behandling::Phrases::nynorsk();
    let tpl = saksbok_core::protocol::ProtocolTemplate::default();
    let d = saksbok_core::demo::reference();
    let reference = saksbok_core::protocol::saksprotokoll(&d.meeting.info, &d.meeting.items[0], &tpl, &phrases)
        .expect("the reference case makes a protocol");
    // An extract once the møtebok is approved: the vedlegg, then where the approved møtebok is.
    let labels = saksbok_core::minutes::MinutesLabels::nynorsk();
    let approved = reference
        .clone()
        .with_attachments(&labels.attachments, &["Samarbeidsavtale SyS-IKT (21/1069-3)".to_string()])
        .with_approval(
            &labels.approved_heading,
            "Møteboka frå møtet 15.04.2021 vart godkjend 22.04.2021 (i sak 60/21).",
        );
    // With the municipality's logo above its name (a made-up one).
    let with_logo = saksbok_core::protocol::ProtocolTemplate { logo: Some(logo()), ..tpl.clone() };
    let logo_protocol =
        saksbok_core::protocol::saksprotokoll(&d.meeting.info, &d.meeting.items[0], &with_logo, &phrases)
            .expect("the reference case makes a protocol");
    let mut missing = reference.clone();
    missing.sections[0].paragraphs.push(Paragraph::plain("Emoji 😀 og eit tomt teikn: \u{7}. Hebraisk: שלום."));
    let s = saksbok_core::sample::SampleMeeting::new(0).with_screening();
    let input = s.input(&phrases, &tpl);
    let full = minutes(&input).expect("the sample meeting makes a møtebok");
    let public = public_minutes(&input).expect("the sample meeting makes an offentleg versjon");
    let fields = MinutesStyle { attendance: AttendanceStyle::Fields, signatures: SignaturePlace::AfterSakliste };
    vec![
        ("saksprotokoll.pdf", render_saksprotokoll(&reference, now)),
        ("saksprotokoll-manglande-teikn.pdf", render_saksprotokoll(&missing, now)),
        ("saksprotokoll-godkjend.pdf", render_saksprotokoll(&approved, now)),
        ("saksprotokoll-logo.pdf", render_saksprotokoll(&logo_protocol, now)),
        ("moteprotokoll.pdf", render_moteprotokoll(&full, MinutesStyle::default(), now)),
        ("moteprotokoll-felt.pdf", render_moteprotokoll(&full, fields, now)),
        ("offentleg.pdf", render_moteprotokoll(&public, MinutesStyle::default(), now)),
        ("innkalling.pdf", render_innkalling(&innkalling(&input), now)),
        ("oppfolging.pdf", render_oppfolging(&followup(&d), now)),
        ("tilforsel.pdf", render_tilforsel(&addendum(&d), now)),
    ]
}

/// A made-up municipal logo (a shield; PNG with a transparent background).
pub fn logo() -> saksbok_core::protocol::Logo {
    saksbok_core::protocol::Logo(include_bytes!("../samples/logo.png").as_slice().into())
}

/// A protokolltilførsel to the reference meeting, concerning its sak.
pub fn addendum(d: &saksbok_core::demo::DemoData) -> saksbok_core::addendum::Addendum {
    let item = &d.meeting.items[0];
    let decided = d.meeting.info.date + chrono::Days::new(20);
    saksbok_core::addendum::Addendum {
        municipality: "Luster kommune".into(),
        logo: None,
        board: d.meeting.info.board.clone(),
        meeting_date: d.meeting.info.date,
        decided_on: decided,
        record: saksbok_core::addendum::AddendumRecord {
            id: 1,
            number: 1,
            agenda_item: Some(1),
            agenda_number: Some(item.number.to_string()),
            item_title: Some(item.title.clone()),
            text: "I vedtaket, tredje avsnitt, skal «tilfredsfredstille» lesast «tilfredsstille».\n\nRettinga endrar ikkje innhaldet i vedtaket.".into(),
            decided_on: decided.to_string(),
            basis: Some("Vedteke av formannskapet i møte 5/21".into()),
            created_at: "2021-05-05T10:00:00Z".into(),
            created_by: "Kari Nes".into(),
        },
    }
}

/// The report of the reference case: one task per vedtak paragraph, the first done.
fn followup(d: &saksbok_core::demo::DemoData) -> saksbok_core::agreement::report::FollowUpReport {
    use saksbok_core::agreement::report::{FollowUpItem, FollowUpReport, FollowUpTask};
    use saksbok_core::agreement::task::{TaskStatus, title_from_paragraph};
    let item = &d.meeting.items[0];
    let vedtak = saksbok_core::text::paragraphs(item.vedtak.as_deref().unwrap_or_default());
    let tasks = vedtak
        .iter()
        .enumerate()
        .map(|(i, p)| FollowUpTask {
            paragraph: Some(i as u32 + 1),
            title: title_from_paragraph(p),
            responsible: None,
            due: None,
            status: if i == 0 { TaskStatus::Ferdig } else { TaskStatus::IkkjeStarta },
            agreement: Some(d.agreement.input.title.clone()),
            notes: None,
        })
        .collect();
    let date = d.meeting.info.date;
    FollowUpReport {
        municipality: "Luster kommune".into(),
        logo: None,
        board: d.meeting.info.board.clone(),
        from: date,
        to: date,
        today: date,
        items: vec![FollowUpItem {
            number: item.number.to_string(),
            meeting_date: date,
            title: item.title.clone(),
            tasks,
        }],
    }
}

//! What a protocol says, as a [`Document`]: the content step between the
//! records (through core's content types) and the layout. The look of
//! Luster's published saksprotokoll lives here: type sizes, the rule under
//! the header, the space between parts.

use saksbok_core::agreement::report::FollowUpReport;
use saksbok_core::date::format_date;
use saksbok_core::minutes::{
    CaseMinutes, Minutes, MinutesAttendance, MinutesLabels, MinutesPart, Notice, Person, SaklisteGroup,
};
use saksbok_core::protocol::{Field, Saksprotokoll, Section};
use saksbok_core::text::{Paragraph, fill};

use crate::document::{Block, Document, ListItem, Table, bold};

/// Space after each paragraph of body text, in points.
pub const PARAGRAPH_GAP: f32 = 6.0;
/// Body type size, in points.
pub const BODY_SIZE: f32 = 11.0;

pub use saksbok_core::layout::{AttendanceLayout as AttendanceStyle, SignaturePlace};

/// How a møteprotokoll is printed: the variants real protocols use (from
/// the board's [`saksbok_core::layout::ProtocolLayout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MinutesStyle {
    pub attendance: AttendanceStyle,
    pub signatures: SignaturePlace,
}

impl From<&saksbok_core::layout::ProtocolLayout> for MinutesStyle {
    fn from(l: &saksbok_core::layout::ProtocolLayout) -> Self {
        Self { attendance: l.attendance, signatures: l.signatures }
    }
}

/// How tall the logo prints above the municipality's name, in points (about 15 mm).
pub const LOGO_HEIGHT: f32 = 42.0;

/// The municipality's logo as a block, when it has one that can be read (it
/// was checked when it was chosen; a file that cannot be read is left out
/// rather than stopping a protocol).
fn logo_block(logo: Option<&saksbok_core::protocol::Logo>) -> Option<Block> {
    let picture = crate::logo::decode(&logo?.0).ok()?;
    Some(Block::Picture { picture: std::sync::Arc::new(picture), height: LOGO_HEIGHT })
}

fn header(logo: Option<&saksbok_core::protocol::Logo>, municipality: &str, kind: &str, board: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(picture) = logo_block(logo) {
        blocks.extend([picture, Block::Space(6.0)]);
    }
    blocks.extend([
        Block::heading(municipality, 13.0),
        Block::Space(2.0),
        Block::heading(kind, 18.0),
        Block::Space(4.0),
        // Board and meeting date stacked, as in the reference, so that text
        // extraction (copy, screen readers, pdftotext) reads them in order.
        Block::heading(board, 12.0),
    ]);
    blocks
}

fn fields(blocks: &mut Vec<Block>, fields: &[Field]) {
    for f in fields {
        blocks.push(Block::Field { label: f.label.clone(), value: f.value.clone(), emphasised: f.emphasised });
        blocks.push(Block::Space(2.0));
    }
}

/// A paragraph of body text as printed; one that is all bold (the title of
/// an orientering or a spørsmål) is a heading, kept with what follows.
fn body(p: &Paragraph) -> Block {
    let bold = !p.spans.is_empty() && p.spans.iter().all(|s| s.style == saksbok_core::text::Style::Bold);
    if bold && !p.plain_text().contains('\n') {
        Block::heading(p.plain_text(), BODY_SIZE)
    } else {
        Block::from_paragraph(p.clone())
    }
}

/// Headed sections; a heading with nothing under it is left out.
fn sections(blocks: &mut Vec<Block>, sections: &[Section]) {
    for s in sections.iter().filter(|s| !s.paragraphs.is_empty()) {
        blocks.push(Block::Space(10.0));
        if !s.heading.is_empty() {
            blocks.push(Block::heading(&s.heading, BODY_SIZE));
            blocks.push(Block::Space(4.0));
        }
        for para in &s.paragraphs {
            blocks.push(body(para));
            blocks.push(Block::Space(PARAGRAPH_GAP));
        }
    }
}

/// A saksprotokoll (or any document core writes in its shape, such as the
/// offentleg journal): header, labelled fields, then headed sections.
pub fn saksprotokoll(p: &Saksprotokoll) -> Document {
    let mut blocks = header(p.logo.as_ref(), &p.municipality, &p.document_kind, &p.board);
    blocks.extend([Block::text(&p.meeting_date), Block::Rule { pad: 5.0 }, Block::Space(4.0)]);
    fields(&mut blocks, &p.fields);
    sections(&mut blocks, &p.sections);
    if let Some(c) = &p.certified {
        blocks.push(Block::Space(18.0));
        blocks.push(Block::Field {
            label: c.label.clone(),
            value: format!("{}, {}", c.date, c.name),
            emphasised: false,
        });
    }
    Document {
        blocks,
        footer: p.title.clone(),
        page_format: p.page_format.clone(),
        title: p.title.clone(),
        author: p.municipality.clone(),
        subject: p.subject.clone(),
    }
}

/// A møteprotokoll: header and facts, attendance, møteleiar, sakliste,
/// then each case and the meeting's own business in meeting order, the
/// signatures (after the sakliste or at the end) and the distribution list.
pub fn moteprotokoll(m: &Minutes, style: MinutesStyle) -> Document {
    let mut blocks = header(m.logo.as_ref(), &m.municipality, &m.document_kind, &m.board);
    blocks.extend([Block::Rule { pad: 5.0 }, Block::Space(4.0)]);
    fields(&mut blocks, &m.facts);
    blocks.push(Block::Space(8.0));
    let l = &m.labels;
    match style.attendance {
        AttendanceStyle::Tables => attendance_tables(&mut blocks, &m.attendance, l),
        AttendanceStyle::Fields => attendance_fields(&mut blocks, &m.attendance, l),
    }
    if let Some(chair) = &m.chair {
        blocks.push(Block::Space(4.0));
        blocks.push(Block::Field { label: l.chair.clone(), value: chair.clone(), emphasised: false });
    }
    blocks.push(Block::Space(14.0));
    blocks.push(Block::heading(&l.sakliste, 12.0));
    blocks.push(Block::Space(4.0));
    sakliste(&mut blocks, &m.sakliste, l);
    if style.signatures == SignaturePlace::AfterSakliste {
        signatures(&mut blocks, m);
    }
    for part in &m.parts {
        match part {
            MinutesPart::Business { paragraphs } => {
                separator(&mut blocks);
                for para in paragraphs {
                    blocks.push(body(para));
                    blocks.push(Block::Space(PARAGRAPH_GAP));
                }
            }
            MinutesPart::Case(c) => case(&mut blocks, c, l),
        }
    }
    // The møtebok's own vedlegg, after the last part.
    if !m.attachments.is_empty() {
        separator(&mut blocks);
        attachment_list(&mut blocks, &l.meeting_attachments, &m.attachments);
    }
    if style.signatures == SignaturePlace::End {
        signatures(&mut blocks, m);
    }
    Document {
        blocks,
        footer: m.title.clone(),
        page_format: m.page_format.clone(),
        title: m.title.clone(),
        author: m.municipality.clone(),
        subject: m.subject.clone(),
    }
}

/// An innkalling (kl. § 11-3): header and facts, the call, the public
/// sakliste, how to report forfall, and who calls the meeting.
pub fn innkalling(n: &Notice) -> Document {
    let mut blocks = header(n.logo.as_ref(), &n.municipality, &n.document_kind, &n.board);
    blocks.extend([Block::Rule { pad: 5.0 }, Block::Space(4.0)]);
    fields(&mut blocks, &n.facts);
    blocks.push(Block::Space(10.0));
    blocks.push(Block::Paragraph(Paragraph::plain(&n.intro)));
    blocks.push(Block::Space(14.0));
    blocks.push(Block::heading(&n.labels.sakliste, 12.0));
    blocks.push(Block::Space(4.0));
    sakliste(&mut blocks, &n.sakliste, &n.labels);
    blocks.push(Block::Space(14.0));
    blocks.push(Block::Paragraph(Paragraph::plain(&n.apologies)));
    let mut from: Vec<String> = n.dated.iter().cloned().collect();
    if let Some(signer) = &n.signer {
        from.push(String::new());
        from.push(signer.clone());
        from.push(n.signer_role.clone());
    }
    if !from.is_empty() {
        blocks.push(Block::Space(18.0));
        blocks.push(Block::Paragraph(Paragraph::plain(from.join("\n"))));
    }
    Document {
        blocks,
        footer: n.title.clone(),
        page_format: n.page_format.clone(),
        title: n.title.clone(),
        author: n.municipality.clone(),
        subject: n.subject.clone(),
    }
}

fn text_or_empty(s: Option<&str>) -> Paragraph {
    Paragraph::plain(s.unwrap_or_default())
}

/// A headed table of people; nothing when the list is empty.
fn people(blocks: &mut Vec<Block>, heading: &str, header: &[&str], widths: &[f32], rows: Vec<Vec<Paragraph>>) {
    if rows.is_empty() {
        return;
    }
    blocks.push(Block::Space(8.0));
    blocks.push(Block::heading(heading, BODY_SIZE));
    blocks.push(Block::Space(2.0));
    blocks.push(Block::Table(Table {
        widths: widths.to_vec(),
        header: Some(header.iter().map(|h| (*h).to_string()).collect()),
        rows,
        shared: None,
    }));
}

fn person_row(p: &Person) -> Vec<Paragraph> {
    vec![
        Paragraph::plain(&p.name),
        text_or_empty(p.party.as_deref()),
        text_or_empty(p.function.as_deref()),
        text_or_empty(p.note.as_deref()),
    ]
}

fn no_roll(blocks: &mut Vec<Block>, a: &MinutesAttendance, l: &MinutesLabels) -> bool {
    if let Some(n) = a.head_count
        && a.members.is_empty()
        && a.substitutes.is_empty()
    {
        let text = if n == 1 { l.head_count_one.clone() } else { fill(&l.head_count_text, &[("tal", &n.to_string())]) };
        blocks.push(Block::text(text));
        return true;
    }
    if a.unrecorded {
        blocks.push(Block::text(&l.unrecorded));
        return true;
    }
    false
}

fn attendance_tables(blocks: &mut Vec<Block>, a: &MinutesAttendance, l: &MinutesLabels) {
    if no_roll(blocks, a, l) {
        return;
    }
    let widths = [3.0, 1.0, 1.6, 3.6];
    let cols = [l.col_name.as_str(), &l.col_party, &l.col_function, &l.col_note];
    people(blocks, &l.members, &cols, &widths, a.members.iter().map(person_row).collect());
    people(blocks, &l.apologies, &cols, &widths, a.apologies.iter().map(person_row).collect());
    people(blocks, &l.substitutes, &cols, &widths, a.substitutes.iter().map(person_row).collect());
    let ugilde = a
        .ugilde
        .iter()
        .map(|u| {
            vec![
                Paragraph::plain(&u.name),
                Paragraph::plain(&u.item),
                Paragraph::plain(&u.basis),
                text_or_empty(u.substitute.as_deref()),
            ]
        })
        .collect();
    let cols = [l.col_member.as_str(), &l.col_item, &l.col_basis, &l.col_stand_in];
    people(blocks, &l.ugilde, &cols, &[2.4, 0.0, 3.2, 2.6], ugilde);
    let staff = |p: &Person| {
        vec![Paragraph::plain(&p.name), text_or_empty(p.function.as_deref()), text_or_empty(p.note.as_deref())]
    };
    let cols = [l.col_name.as_str(), &l.col_job, &l.col_note];
    people(blocks, &l.administration, &cols, &[3.0, 3.0, 3.2], a.administration.iter().map(staff).collect());
    people(blocks, &l.others, &cols, &[3.0, 3.0, 3.2], a.others.iter().map(staff).collect());
    if let Some(n) = a.head_count {
        blocks.push(Block::Space(4.0));
        blocks.push(Block::Field { label: l.head_count.clone(), value: n.to_string(), emphasised: false });
    }
}

/// "Anne Leiar (Sp, leiar; kom kl. 10.15)".
fn named(p: &Person) -> String {
    let inside: Vec<String> = [p.party.clone(), p.function.as_ref().map(|f| f.to_lowercase()), p.note.clone()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    if inside.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, inside.join(", ")) }
}

fn attendance_fields(blocks: &mut Vec<Block>, a: &MinutesAttendance, l: &MinutesLabels) {
    blocks.push(Block::heading(&l.present, BODY_SIZE));
    blocks.push(Block::Space(2.0));
    if no_roll(blocks, a, l) {
        return;
    }
    let list = |people: &[Person]| people.iter().map(named).collect::<Vec<_>>().join(", ");
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            blocks.push(Block::Field { label: label.into(), value, emphasised: false });
            blocks.push(Block::Space(2.0));
        }
    };
    field(&l.field_members, list(&a.members));
    field(&l.field_apologies, list(&a.apologies));
    field(&l.field_substitutes, list(&a.substitutes));
    let ugilde = a
        .ugilde
        .iter()
        .map(|u| {
            let mut values = vec![("namn", u.name.as_str()), ("sak", &u.item), ("heimel", &u.basis)];
            match &u.substitute {
                Some(s) => {
                    values.push(("vara", s));
                    fill(&l.ugild_line_stand_in, &values)
                }
                None => fill(&l.ugild_line, &values),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    field(&l.ugilde, ugilde);
    let mut others = a.administration.clone();
    others.extend(a.others.iter().cloned());
    field(&l.field_others, list(&others));
    if let Some(n) = a.head_count {
        field(&l.head_count, n.to_string());
    }
}

fn sakliste(blocks: &mut Vec<Block>, groups: &[SaklisteGroup], l: &MinutesLabels) {
    let closed = groups.iter().flat_map(|g| &g.lines).any(|line| line.closed.is_some());
    for g in groups {
        if let Some(h) = &g.heading {
            blocks.push(Block::Space(6.0));
            blocks.push(Block::heading(h, BODY_SIZE));
            blocks.push(Block::Space(2.0));
        }
        let mut header = vec![l.col_number.clone(), l.col_case.clone(), l.col_title.clone()];
        // The numbers as wide as they are; the title takes what is left.
        let mut widths = vec![0.0, 0.0, 5.0];
        if closed {
            header.push(l.col_closed.clone());
            widths.push(0.0);
        }
        let rows = g
            .lines
            .iter()
            .map(|line| {
                let mut title = Paragraph::plain(&line.title);
                if line.added_late {
                    title.push(format!(" {}", l.added_late), saksbok_core::text::Style::Italic);
                }
                let mut row = vec![Paragraph::plain(&line.number), text_or_empty(line.case_number.as_deref()), title];
                if closed {
                    // The column says lukka; the cell gives the legal basis when there is one.
                    row.push(Paragraph::plain(match line.closed.as_deref() {
                        Some("") => l.closed_yes.as_str(),
                        Some(basis) => basis,
                        None => "",
                    }));
                }
                row
            })
            .collect();
        // One key for every series: their columns line up.
        blocks.push(Block::Table(Table { widths, header: Some(header), rows, shared: Some(1) }));
    }
}

/// The line between the parts of the meeting: cases and business.
fn separator(blocks: &mut Vec<Block>) {
    blocks.push(Block::Space(16.0));
    blocks.push(Block::Rule { pad: 4.0 });
    blocks.push(Block::Space(4.0));
}

fn case(blocks: &mut Vec<Block>, c: &CaseMinutes, l: &MinutesLabels) {
    separator(blocks);
    // "Sak:", "Tittel:", "Arkivsak:" (and lukka) stay with the first section.
    for f in &c.fields {
        blocks.push(Block::Field { label: f.label.clone(), value: f.value.clone(), emphasised: f.emphasised });
        blocks.push(Block::Keep);
        blocks.push(Block::Space(2.0));
    }
    if let Some(closed) = &c.closed {
        blocks.push(Block::Paragraph(bold(closed.as_str())));
        blocks.push(Block::Keep);
    }
    if c.sections.iter().all(|s| s.paragraphs.is_empty()) {
        // Said on paper, so that a møtebok is not approved with a case left blank.
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Paragraph(Paragraph {
            spans: vec![saksbok_core::text::Span {
                text: l.nothing_recorded.clone(),
                style: saksbok_core::text::Style::Italic,
            }],
        }));
    }
    sections(blocks, &c.sections);
    attachment_list(blocks, &l.attachments, &c.attachments);
}

/// "Vedlegg:" and a line for each, when there are any.
fn attachment_list(blocks: &mut Vec<Block>, heading: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    blocks.push(Block::Space(8.0));
    blocks.push(Block::heading(heading, BODY_SIZE));
    blocks.push(Block::Space(2.0));
    blocks
        .push(Block::List(lines.iter().map(|a| ListItem { marker: "–".into(), text: Paragraph::plain(a) }).collect()));
}

fn signatures(blocks: &mut Vec<Block>, m: &Minutes) {
    blocks.push(Block::Space(18.0));
    blocks.push(Block::heading(&m.labels.signatures, BODY_SIZE));
    blocks.push(Block::Space(2.0));
    blocks.push(Block::Signatures { text: m.signatures_text.clone(), signatories: m.signatories.clone() });
    if !m.distribution.is_empty() {
        blocks.push(Block::Space(12.0));
        blocks.push(Block::heading(&m.distribution_label, BODY_SIZE));
        blocks.push(Block::Space(2.0));
        blocks.push(Block::Paragraph(Paragraph::plain(m.distribution.join("\n"))));
    }
}

/// Oppfølging av vedtak: for a board and a period, each utvalssak with its
/// tasks in a table (paragraph, task, responsible, due date, status), and
/// where the follow-up stands as a whole.
pub fn oppfolging(r: &FollowUpReport) -> Document {
    let mut blocks = header(r.logo.as_ref(), &r.municipality, "Oppfølging av vedtak", &r.board);
    blocks.extend([
        Block::text(format!("Vedtak frå {}", r.period())),
        Block::Rule { pad: 5.0 },
        Block::Space(4.0),
        Block::Field { label: "Status per:".into(), value: format_date(r.today), emphasised: false },
        Block::Space(2.0),
        Block::Field { label: "Samla:".into(), value: r.summary(), emphasised: false },
    ]);
    for item in &r.items {
        blocks.push(Block::Space(14.0));
        blocks.push(Block::heading(format!("Sak {} – {}", item.number, item.title), BODY_SIZE));
        blocks.push(Block::Space(2.0));
        blocks.push(Block::text(format!("Vedteke {}", format_date(item.meeting_date))));
        blocks.push(Block::Space(4.0));
        let rows = item
            .tasks
            .iter()
            .map(|t| {
                let mut what = vec![t.title.clone()];
                what.extend(t.agreement.iter().map(|a| format!("Avtale: {a}")));
                what.extend(t.notes.iter().map(|n| format!("Merknad: {n}")));
                let what = what.join("\n");
                vec![
                    Paragraph::plain(t.paragraph.map_or_else(|| "–".into(), |p| p.to_string())),
                    Paragraph::plain(what),
                    Paragraph::plain(t.responsible.clone().unwrap_or_else(|| "–".into())),
                    Paragraph::plain(t.due_text()),
                    Paragraph::plain(t.status_text(r.today)),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            widths: [0.0, 5.0, 2.2, 0.0, 2.0].to_vec(),
            header: Some(["Punkt", "Oppgåve", "Ansvarleg", "Frist", "Status"].map(String::from).to_vec()),
            rows,
            shared: Some(7),
        }));
    }
    let title = r.title();
    Document {
        blocks,
        footer: title.clone(),
        page_format: "Side {side} av {sider}".into(),
        subject: format!("{title}, {}", r.municipality),
        title,
        author: r.municipality.clone(),
    }
}

/// A protokolltilførsel: the header of the møtebok it adds to, its facts
/// (meeting, number, the sak, when decided, on what basis, who recorded it),
/// then its text.
pub fn tilforsel(a: &saksbok_core::addendum::Addendum) -> Document {
    let mut blocks = header(a.logo.as_ref(), &a.municipality, "Protokolltilførsel", &a.board);
    blocks.extend([
        Block::text(format!("Til møteprotokollen frå {}", format_date(a.meeting_date))),
        Block::Rule { pad: 5.0 },
        Block::Space(4.0),
    ]);
    for (label, value) in a.fields() {
        blocks.push(Block::Field { label, value, emphasised: false });
        blocks.push(Block::Space(2.0));
    }
    blocks.push(Block::Space(10.0));
    blocks.push(Block::heading("Tilførsel:", BODY_SIZE));
    blocks.push(Block::Space(4.0));
    for p in saksbok_core::text::paragraphs(&a.record.text) {
        blocks.push(Block::from_paragraph(Paragraph::plain(p)));
        blocks.push(Block::Space(PARAGRAPH_GAP));
    }
    let title = a.title();
    Document {
        blocks,
        footer: title.clone(),
        page_format: "Side {side} av {sider}".into(),
        subject: format!("{title}, {}", a.municipality),
        title,
        author: a.municipality.clone(),
    }
}

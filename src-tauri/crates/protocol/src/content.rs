//! What a protocol says, as a [`Document`]: the content step between the
//! records (through core's content types) and the layout. The look of
//! Luster's published saksprotokoll lives here: type sizes, the rule under
//! the header, the space between parts.

use saksbok_core::protocol::Saksprotokoll;

use crate::document::{Block, Document};

/// Space after each paragraph of body text, in points.
pub const PARAGRAPH_GAP: f32 = 6.0;
/// Body type size, in points.
pub const BODY_SIZE: f32 = 11.0;

/// A saksprotokoll (or any document core writes in its shape, such as the
/// offentleg journal): header, labelled fields, then headed sections.
pub fn saksprotokoll(p: &Saksprotokoll) -> Document {
    let mut blocks = vec![
        Block::heading(&p.municipality, 13.0),
        Block::Space(2.0),
        Block::heading(&p.document_kind, 18.0),
        Block::Space(4.0),
        // Board and meeting date stacked, as in the reference, so that text
        // extraction (copy, screen readers, pdftotext) reads them in order.
        Block::heading(&p.board, 12.0),
        Block::text(&p.meeting_date),
        Block::Rule { pad: 5.0 },
        Block::Space(4.0),
    ];
    for f in &p.fields {
        blocks.push(Block::Field { label: f.label.clone(), value: f.value.clone(), emphasised: f.emphasised });
        blocks.push(Block::Space(2.0));
    }
    for s in &p.sections {
        blocks.push(Block::Space(10.0));
        blocks.push(Block::heading(&s.heading, BODY_SIZE));
        blocks.push(Block::Space(4.0));
        for para in &s.paragraphs {
            blocks.push(Block::from_paragraph(para.clone()));
            blocks.push(Block::Space(PARAGRAPH_GAP));
        }
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

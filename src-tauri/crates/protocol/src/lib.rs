//! Protocols as PDF.
//!
//! Three steps: [`content`] says what a protocol prints as a [`Document`]
//! (headings, paragraphs, lists, fields, tables); [`layout`] is a pure
//! function from a document to positioned lines on A4 pages (testable
//! without a PDF); [`render`] turns those pages into PDF bytes with printpdf,
//! embedding and subsetting the font, as PDF/A-2B (`pdfa`). The same input and timestamp always
//! give the same bytes.
//!
//! [`Saksprotokoll`]: saksbok_core::protocol::Saksprotokoll

pub mod appearance;
pub mod content;
pub mod document;
pub mod fields;
pub mod fonts;
pub mod layout;
pub mod logo;
mod pdfa;
pub mod render;
pub mod samples;
pub mod save;

pub use document::{Block, Document};
pub use layout::LayoutError;
pub use render::{
    Rendered, render_document, render_innkalling, render_minutes, render_moteprotokoll, render_oppfolging,
    render_saksprotokoll, render_tilforsel, sha256_hex, stored,
};
pub use save::save_atomically;

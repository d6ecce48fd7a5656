//! Protocols as PDF.
//!
//! Two steps: [`layout`] is a pure function from a [`Saksprotokoll`] to
//! positioned lines on A4 pages (testable without a PDF), and [`render`]
//! turns those pages into PDF bytes with printpdf, embedding and subsetting
//! the font. The same input and timestamp always give the same bytes.
//!
//! [`Saksprotokoll`]: saksbok_core::protocol::Saksprotokoll

pub mod fonts;
pub mod layout;
pub mod render;
pub mod save;

pub use render::{Rendered, render_saksprotokoll, sha256_hex};
pub use save::save_atomically;

//! Saksbok's domain: the words of kommunelova and Noark as Rust types.
//!
//! This crate does no IO, reads no clock and knows no SQL: callers pass in the
//! records and the time. Everything here is plain data and pure functions, so
//! every rule can be unit-tested in isolation.

pub mod addendum;
pub mod agreement;
pub mod approval;
pub mod attendance;
pub mod behandling;
pub mod board;
pub mod case;
pub mod date;
pub mod demo;
pub mod hash;
pub mod journal;
pub mod layout;
pub mod meeting;
pub mod minutes;
pub mod model;
pub mod number;
pub mod phrases;
pub mod protocol;
pub mod public_journal;
pub mod record;
pub mod register;
pub mod roll;
pub mod sakliste;
pub mod sample;
pub mod search;
pub mod settings;
pub mod text;
pub mod vote;

pub use number::{AgendaNumber, CaseNumber, JournalNumber, NumberError};

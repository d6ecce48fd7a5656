//! Digital signatures of approved protocols: PAdES baseline B-B (CMS
//! `ETSI.CAdES.detached`), each signatory in turn in an incremental update.
//!
//! Three parts: a [`KeySigner`] is a key that signs (a PKCS#12 file, or a PKCS#11
//! token or smart card); [`cades`]
//! builds the CMS signature with the RustCrypto `cms` crate (no cryptography
//! is written here); [`pdf`] fills one empty signature field of a PDF and
//! appends the signature as an incremental update, so every earlier
//! revision and signature stays exactly as it was.

pub mod algorithm;
pub mod cades;
mod error;
pub mod pdf;
pub mod pkcs11;
pub mod signer;
pub mod tsa;
pub mod verify;

pub use error::SignError;
pub use pdf::{SignRequest, sign_pdf};
pub use pkcs11::Pkcs11Signer;
pub use signer::{KeySigner, Pkcs12Signer};

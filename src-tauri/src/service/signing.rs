//! Digital signatures from the window: the approved møtebok's signature
//! lines and the signatures on its signed copy; a signature added with a
//! PKCS#12 file (saksbok-sign), or a copy signed elsewhere brought in; any
//! PDF checked against the register. Every signed copy is checked before it
//! is kept, and kept as a new print: nothing earlier is overwritten.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use saksbok_sign::verify::{SignatureCheck, verify_protocol};
use saksbok_sign::{KeySigner, Pkcs12Signer, SignError, SignRequest};
use saksbok_store::signed::{self, Source};
use saksbok_store::{Actor, Store, protocols};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::with_store;
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

impl From<SignError> for CommandError {
    fn from(e: SignError) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

/// One signature line of the approved møtebok.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignatureLine {
    /// The field's name in the PDF, e.g. "Underskrift 1".
    pub field: String,
    /// Who signs on it.
    pub signatory: String,
    /// The signature on it, if it is signed.
    pub signature: Option<SignatureCheck>,
}

/// The signatures of an approved meeting's møtebok.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingSignatures {
    pub lines: Vec<SignatureLine>,
    /// The signed copy: where it was last written, and who brought it in
    /// (`saksbok` or `imported`); `None` while nobody has signed.
    pub copy_source: Option<String>,
}

/// What a checked PDF is: the protocol it is (or is built on), its
/// signatures, and why it is not what it claims, if it is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerifyReport {
    /// "Møteprotokoll, Formannskapet 15.04.2021, versjon 1 (godkjend)", or `None`: not ours.
    pub protocol: Option<String>,
    pub signatures: Vec<SignatureCheck>,
    pub problem: Option<String>,
}

/// The signature lines of `pdf` with its checked signatures on them.
fn view(pdf: &[u8], mut checks: Vec<SignatureCheck>, copy_source: Option<String>) -> CommandResult<MeetingSignatures> {
    let fields = saksbok_sign::pdf::fields_of(pdf)?;
    let lines = fields
        .into_iter()
        .map(|f| {
            let at = checks.iter().position(|c| c.field == f.name);
            SignatureLine { signature: at.map(|i| checks.remove(i)), field: f.name, signatory: f.signatory }
        })
        .collect();
    Ok(MeetingSignatures { lines, copy_source })
}

/// The signature lines of the meeting's approved møtebok and what is
/// signed on them.
pub fn get_signatures(state: &AppState, meeting: i64) -> CommandResult<MeetingSignatures> {
    with_store(state, |s| {
        let (bytes, source) = match s.read(|tx| signed::latest(tx, meeting))? {
            Some((copy, bytes)) => (bytes, Some(copy.source)),
            None => (s.read(|tx| signed::approved(tx, meeting))?.1, None),
        };
        view(&bytes, saksbok_sign::verify::signatures(&bytes)?, source)
    })
}

/// Writes a signed copy (its signatures checked: `checks`) beside the
/// protocols and keeps it.
fn keep_copy(
    state: &AppState,
    s: &mut Store,
    meeting: i64,
    pdf: &[u8],
    checks: &[SignatureCheck],
    source: Source,
    now: DateTime<Utc>,
) -> CommandResult<PathBuf> {
    let count = checks.iter().filter(|c| c.valid).count() as u32;
    let record = s.read(|tx| saksbok_store::meetings::get(tx, meeting))?;
    let what = protocols::Printed::Meeting(meeting);
    let base = protocols::meeting_file_name(what, &record.board, record.date, 1).replace("-v1.pdf", "");
    let name = |n: u32| match n {
        1 => format!("{base}-signert-{count}.pdf"),
        n => format!("{base}-signert-{count}-{n}.pdf"),
    };
    let path = super::free_file(state, &name, 1)?;
    let user = state.user();
    let who = Actor { name: &user, now };
    // Kept first: a copy the register refuses is never written.
    s.write(|tx| signed::keep(tx, &who, meeting, &path.to_string_lossy(), pdf, count, source))?;
    saksbok_protocol::save_atomically(&path, pdf).map_err(|e| {
        CommandError::new("io", format!("Kan ikkje lagra den signerte kopien i {}: {e}", path.display()))
    })?;
    Ok(path)
}

/// Signs the meeting's møtebok (its signed copy, or the approved møtebok)
/// with the key of a PKCS#12 file, on the certificate holder's line or on
/// `field`. The new signed copy is checked, kept and written to a new file.
pub fn sign_meeting(
    state: &AppState,
    meeting: i64,
    p12: &[u8],
    password: &str,
    field: Option<&str>,
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, MeetingSignatures)> {
    let signer = Pkcs12Signer::open(p12, password)?;
    sign_with(state, meeting, &signer, field, now)
}

/// Where a smart card or token's key is reached: its PKCS#11 module (the
/// card maker's driver), the token's label and the key's label (the first
/// of each when left out), and the PIN, which is never kept.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TokenKey {
    pub module: String,
    pub token: Option<String>,
    pub key: Option<String>,
    pub pin: String,
}

/// Signs the møtebok with a key on a smart card or token (PKCS#11).
pub fn sign_meeting_token(
    state: &AppState,
    meeting: i64,
    token: &TokenKey,
    field: Option<&str>,
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, MeetingSignatures)> {
    let module = token.module.trim();
    if module.is_empty() {
        return Err(CommandError::new(
            "invalid",
            "Skriv kvar PKCS#11-modulen til smartkortet ligg (driveren frå leverandøren av kortet).",
        ));
    }
    let label = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let signer = saksbok_sign::Pkcs11Signer::open(
        std::path::Path::new(module),
        label(&token.token).as_deref(),
        &token.pin,
        label(&token.key).as_deref(),
    )?;
    sign_with(state, meeting, &signer, field, now)
}

/// One signature added to the meeting's current copy with `signer`,
/// checked, and kept as the newest signed copy.
fn sign_with(
    state: &AppState,
    meeting: i64,
    signer: &dyn KeySigner,
    field: Option<&str>,
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, MeetingSignatures)> {
    with_store(state, |s| {
        let current = s.read(|tx| signed::current(tx, meeting))?;
        let tsa = s.read(|tx| saksbok_store::settings::register_settings(tx))?.tsa_url;
        let req =
            SignRequest { field, when: now, reason: Some("Godkjend møtebok"), location: None, tsa: tsa.as_deref() };
        let signed = saksbok_sign::sign_pdf(&current, signer, &req)?;
        // Checked as any copy would be before it is kept.
        let name = saksbok_sign::pdf::common_name(signer.certificate());
        let checks = saksbok_sign::verify::signatures(&signed)?;
        if checks.iter().any(|c| !c.valid) {
            return Err(CommandError::new("sign_failed", format!("Signaturen til {name} vart ikkje gyldig.")));
        }
        let path = keep_copy(state, s, meeting, &signed, &checks, Source::Saksbok, now)?;
        Ok((path, view(&signed, checks, Some("saksbok".into()))?))
    })
}

/// Brings in a copy of the meeting's møtebok signed elsewhere: kept only
/// when it is exactly the approved møtebok plus valid signature updates
/// with more signatures than the copy kept before.
pub fn import_signed_copy(
    state: &AppState,
    meeting: i64,
    pdf: &[u8],
    now: DateTime<Utc>,
) -> CommandResult<(PathBuf, MeetingSignatures)> {
    with_store(state, |s| {
        let (approved_id, _) = s.read(|tx| signed::approved(tx, meeting))?;
        let mut lookup = None;
        let v = verify_protocol(pdf, |sha| {
            s.read(|tx| protocols::find_kept(tx, sha)).unwrap_or_else(|e| {
                lookup = Some(e);
                None
            })
        });
        if let Some(e) = lookup {
            return Err(e.into());
        }
        let refused = |why: String| CommandError::new("sign_not_ours", why);
        match (&v.protocol, &v.problem) {
            (_, Some(problem)) => return Err(refused(problem.clone())),
            (Some(p), None) if p.id == approved_id || p.approved => {}
            _ => return Err(refused("Fila er ikkje den godkjende møteboka for dette møtet.".into())),
        }
        if v.signatures.is_empty() {
            return Err(refused("Fila har ingen underskrifter.".into()));
        }
        let path = keep_copy(state, s, meeting, pdf, &v.signatures, Source::Imported, now)?;
        Ok((path, view(pdf, v.signatures, Some("imported".into()))?))
    })
}

/// Checks any PDF against the register: which protocol it is and whether
/// its signatures hold.
pub fn verify_pdf(state: &AppState, pdf: &[u8]) -> CommandResult<VerifyReport> {
    with_store(state, |s| {
        let v = verify_protocol(pdf, |sha| s.read(|tx| protocols::find_kept(tx, sha)).ok().flatten());
        Ok(VerifyReport {
            protocol: v.protocol.as_ref().map(protocols::KeptPrint::describe),
            signatures: v.signatures,
            problem: v.problem,
        })
    })
}

/// The biggest PDF the window checks from a dropped file.
const MAX_CHECKED: u64 = 512 * 1024 * 1024;

/// Checks a PDF dropped on the window (its path) against the register, as
/// [`verify_pdf`] does.
pub fn verify_pdf_file(state: &AppState, path: &std::path::Path) -> CommandResult<VerifyReport> {
    let shown = super::shown_path(path);
    let size =
        std::fs::metadata(path).map_err(|e| CommandError::new("io", format!("Kan ikkje lesa {shown}: {e}")))?.len();
    if size > MAX_CHECKED {
        return Err(CommandError::new("invalid", format!("{shown} er større enn 512 MB og er ikkje ein protokoll.")));
    }
    let pdf = std::fs::read(path).map_err(|e| CommandError::new("io", format!("Kan ikkje lesa {shown}: {e}")))?;
    verify_pdf(state, &pdf)
}

/// A file of the newest signed copy (or of the approved møtebok, when
/// nobody has signed) to open: the file it was written to when that still
/// holds its bytes, else a fresh copy beside it.
pub fn signed_copy_file(state: &AppState, meeting: i64) -> CommandResult<PathBuf> {
    with_store(state, |s| {
        let (bytes, path) = if let Some((copy, bytes)) = s.read(|tx| signed::latest(tx, meeting))? {
            (bytes, copy.path)
        } else {
            let (id, bytes) = s.read(|tx| signed::approved(tx, meeting))?;
            (bytes, s.read(|tx| protocols::printed_path(tx, id))?)
        };
        let path = PathBuf::from(path);
        if std::fs::read(&path).is_ok_and(|on_disk| on_disk == bytes) {
            return Ok(path);
        }
        let stem = path.file_stem().map_or_else(|| "mote".into(), |s| s.to_string_lossy().into_owned());
        let name = |n: u32| match n {
            1 => format!("{stem}-kopi.pdf"),
            n => format!("{stem}-kopi-{n}.pdf"),
        };
        let fresh = super::free_file(state, &name, 1)?;
        saksbok_protocol::save_atomically(&fresh, &bytes)
            .map_err(|e| CommandError::new("io", format!("Kan ikkje skriva {}: {e}", fresh.display())))?;
        Ok(fresh)
    })
}

//! One signature added to a PDF: the signatory's empty signature field is
//! filled in an incremental update (lopdf's `IncrementalDocument`), with a
//! signature dictionary (`ETSI.CAdES.detached`) whose `/Contents` is the CMS
//! signature over every byte of the file but itself. Earlier revisions are
//! kept byte for byte, so earlier signatures stay valid.

use chrono::{DateTime, Utc};
use der::asn1::{PrintableStringRef, Utf8StringRef};
use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, StringFormat, text_string};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use crate::SignError;
use crate::signer::KeySigner;

/// Room for the CMS signature in bytes (written as twice as many hex
/// digits). A 4096-bit RSA signature with a three-certificate chain takes
/// about 5 KB; a time-stamp token adds about as much again.
pub const SIGNATURE_ROOM: usize = 16 * 1024;

/// ByteRange's stand-in: each number is overwritten in place, so every
/// offset keeps its width.
const RANGE_PLACEHOLDER: &str = "0 1000000000 1000000000 1000000000";

/// What one signature says besides the signature itself.
#[derive(Debug, Clone)]
pub struct SignRequest<'a> {
    /// The field to fill (`Underskrift 2`); `None`: the empty field whose
    /// signatory has the certificate's name.
    pub field: Option<&'a str>,
    /// The claimed signing time (`/M`).
    pub when: DateTime<Utc>,
    pub reason: Option<&'a str>,
    pub location: Option<&'a str>,
    /// An RFC 3161 time-stamp authority's URL: the signature is time-stamped (PAdES B-T).
    pub tsa: Option<&'a str>,
}

/// The certificate's common name (CN), or its whole subject.
pub fn common_name(cert: &Certificate) -> String {
    let subject = &cert.tbs_certificate.subject;
    for rdn in subject.0.iter().rev() {
        for atv in rdn.0.iter() {
            if atv.oid == der::oid::db::rfc4519::CN {
                if let Ok(s) = Utf8StringRef::try_from(&atv.value) {
                    return s.as_str().to_string();
                }
                if let Ok(s) = PrintableStringRef::try_from(&atv.value) {
                    return s.as_str().to_string();
                }
            }
        }
    }
    subject.to_string()
}

fn check_validity(cert: &Certificate, when: DateTime<Utc>) -> Result<(), SignError> {
    let validity = &cert.tbs_certificate.validity;
    let secs = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let show = |t: &x509_cert::time::Time| {
        DateTime::from_timestamp(secs(t), 0).map_or_else(String::new, |d| d.format("%d.%m.%Y").to_string())
    };
    let name = common_name(cert);
    if when.timestamp() < secs(&validity.not_before) {
        return Err(SignError::NotYetValid { name, from: show(&validity.not_before) });
    }
    if when.timestamp() > secs(&validity.not_after) {
        return Err(SignError::Expired { name, until: show(&validity.not_after) });
    }
    Ok(())
}

/// A signature field of the document: its object, name, signatory and
/// whether it is signed.
#[derive(Debug, Clone)]
pub struct Field {
    pub id: ObjectId,
    pub name: String,
    pub signatory: String,
    pub signed: bool,
}

fn text(dict: &Dictionary, key: &[u8]) -> String {
    dict.get(key).ok().and_then(|o| lopdf::decode_text_string(o).ok()).unwrap_or_default()
}

/// The signature fields of a document, in the order of its form.
pub fn signature_fields(doc: &lopdf::Document) -> Vec<Field> {
    let Ok(catalog) = doc.catalog() else { return Vec::new() };
    let form = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let Some(fields) = form.and_then(|f| f.get(b"Fields").ok()).and_then(|f| f.as_array().ok()) else {
        return Vec::new();
    };
    fields
        .iter()
        .filter_map(|f| f.as_reference().ok())
        .filter_map(|id| doc.get_dictionary(id).ok().map(|d| (id, d)))
        .filter(|(_, d)| d.get(b"FT").and_then(Object::as_name).is_ok_and(|n| n == b"Sig"))
        .map(|(id, d)| Field { id, name: text(d, b"T"), signatory: text(d, b"TU"), signed: d.get(b"V").is_ok() })
        .collect()
}

/// The signature fields of a PDF file.
pub fn fields_of(pdf: &[u8]) -> Result<Vec<Field>, SignError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| SignError::NotPdf(e.to_string()))?;
    Ok(signature_fields(&doc))
}

fn choose_field(fields: &[Field], wanted: Option<&str>, signer_name: &str) -> Result<Field, SignError> {
    if let Some(w) = wanted {
        let f = fields.iter().find(|f| f.name == w).ok_or_else(|| SignError::UnknownField(w.to_string()))?;
        return if f.signed { Err(SignError::FieldSigned(f.name.clone())) } else { Ok(f.clone()) };
    }
    let free: Vec<&Field> = fields.iter().filter(|f| !f.signed).collect();
    if free.is_empty() {
        return Err(SignError::NoEmptyField);
    }
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    if let Some(f) = free.iter().find(|f| same(&f.signatory, signer_name)) {
        return Ok((*f).clone());
    }
    Err(SignError::NoFieldFor {
        name: signer_name.to_string(),
        free: free.iter().map(|f| format!("«{}» ({})", f.name, f.signatory)).collect::<Vec<_>>().join(", "),
    })
}

/// What a signature shows on its line, the same in every viewer and on paper.
pub fn mark_lines(signer: &str, when: DateTime<Utc>) -> Vec<String> {
    vec![format!("Signert digitalt av {signer}"), when.format("%d.%m.%Y kl. %H:%M UTC").to_string()]
}

/// The width and height of a widget's rectangle, in points.
fn field_size(widget: &Dictionary) -> (f32, f32) {
    let rect: Vec<f32> = widget
        .get(b"Rect")
        .and_then(Object::as_array)
        .map(|r| r.iter().filter_map(|v| v.as_float().ok()).collect())
        .unwrap_or_default();
    match rect[..] {
        [x1, y1, x2, y2] => ((x2 - x1).abs(), (y2 - y1).abs()),
        // A field without a rectangle is not shown; its mark needs some size all the same.
        _ => (200.0, 30.0),
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// Signs `pdf` in one of its empty signature fields and returns the signed
/// file: the original bytes, then the update. Nothing is changed when
/// anything fails.
pub fn sign_pdf(pdf: &[u8], signer: &dyn KeySigner, req: &SignRequest) -> Result<Vec<u8>, SignError> {
    let cert = signer.certificate();
    check_validity(cert, req.when)?;
    let name = common_name(cert);
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| SignError::NotPdf(e.to_string()))?;
    let field = choose_field(&signature_fields(&doc), req.field, &name)?;
    let form_id = doc.catalog().ok().and_then(|c| c.get(b"AcroForm").ok()).and_then(|f| f.as_reference().ok());

    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
    inc.new_document.version = inc.get_prev_documents().version.clone();
    let mut sig = Dictionary::from_iter([
        ("Type", Object::Name(b"Sig".to_vec())),
        ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
        ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
        ("Name", text_string(&name)),
        ("M", Object::String(req.when.format("D:%Y%m%d%H%M%S+00'00'").to_string().into_bytes(), StringFormat::Literal)),
    ]);
    if let Some(r) = req.reason {
        sig.set("Reason", text_string(r));
    }
    if let Some(l) = req.location {
        sig.set("Location", text_string(l));
    }
    sig.set(
        "ByteRange",
        Object::Array(vec![0.into(), 1_000_000_000.into(), 1_000_000_000.into(), 1_000_000_000.into()]),
    );
    sig.set("Contents", Object::String(vec![0; SIGNATURE_ROOM], StringFormat::Hexadecimal));
    let sig_id = inc.new_document.add_object(sig);

    inc.opt_clone_object_to_new_document(field.id).map_err(|e| SignError::NotPdf(e.to_string()))?;
    let (width, height) =
        field_size(inc.new_document.get_dictionary(field.id).map_err(|e| SignError::NotPdf(e.to_string()))?);
    let mark = saksbok_protocol::appearance::add_signature_appearance(
        &mut inc.new_document,
        &mark_lines(&name, req.when),
        width,
        height,
    );
    let f = inc.new_document.get_dictionary_mut(field.id).map_err(|e| SignError::NotPdf(e.to_string()))?;
    f.set("V", Object::Reference(sig_id));
    f.set("AP", Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(mark))])));
    if let Some(form_id) = form_id {
        inc.opt_clone_object_to_new_document(form_id).map_err(|e| SignError::NotPdf(e.to_string()))?;
        let form = inc.new_document.get_dictionary_mut(form_id).map_err(|e| SignError::NotPdf(e.to_string()))?;
        // SignaturesExist | AppendOnly.
        form.set("SigFlags", Object::Integer(3));
    }

    let mut out = Vec::with_capacity(pdf.len() + 2 * SIGNATURE_ROOM + 4096);
    inc.save_to(&mut out).map_err(|e| SignError::Failed(e.to_string()))?;

    // Where the stand-ins landed in the update.
    let range_at = find(&out, RANGE_PLACEHOLDER.as_bytes(), pdf.len())
        .ok_or_else(|| SignError::Failed("ByteRange vart ikkje skriven".into()))?;
    let hex_zeros = vec![b'0'; 2 * SIGNATURE_ROOM];
    let contents_at =
        find(&out, &hex_zeros, pdf.len()).ok_or_else(|| SignError::Failed("Contents vart ikkje skriven".into()))? - 1;
    if out[contents_at] != b'<' || out[contents_at + 1 + 2 * SIGNATURE_ROOM] != b'>' {
        return Err(SignError::Failed("Contents er ikkje ein hex-streng".into()));
    }
    let after = contents_at + 2 * SIGNATURE_ROOM + 2;
    let ranges = format!("0 {contents_at} {after} {}", out.len() - after);
    if ranges.len() > RANGE_PLACEHOLDER.len() {
        return Err(SignError::Failed("fila er for stor til å signerast".into()));
    }
    let padded = format!("{ranges:<width$}", width = RANGE_PLACEHOLDER.len());
    out[range_at..range_at + padded.len()].copy_from_slice(padded.as_bytes());

    let mut hasher = Sha256::new();
    hasher.update(&out[..contents_at]);
    hasher.update(&out[after..]);
    let digest: [u8; 32] = hasher.finalize().into();
    let cms = crate::cades::signed_data(signer, &digest, req.tsa)?;
    if cms.len() > SIGNATURE_ROOM {
        return Err(SignError::Failed(format!("signaturen er for stor ({} byte)", cms.len())));
    }
    let hex = saksbok_core::hash::hex(&cms);
    out[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

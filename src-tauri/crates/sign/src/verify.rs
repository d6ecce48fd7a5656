//! Checking a signed protocol: each signature over its byte ranges (the
//! CMS signature verified with the signer's certificate, the message
//! digest compared with the bytes), which revision of the file it covers,
//! and that every update after the first revision only adds signatures —
//! the pages, the text and the form stay as they were.
//!
//! Whether a certificate is trusted (a chain to a qualified CA, revocation)
//! is not judged here; the archive's validator (pyHanko, Adobe) does that.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::OctetString;
use der::oid::db::rfc5911::{ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use der::oid::db::rfc5912::{ECDSA_WITH_SHA_256, ID_SHA_256, RSA_ENCRYPTION, SHA_256_WITH_RSA_ENCRYPTION};
use der::{Decode, Encode, Reader, SliceReader};
use lopdf::{Object, ObjectId};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;
use x509_cert::Certificate;

use crate::SignError;
use crate::cades::{ID_AA_SIGNING_CERTIFICATE_V2, SigningCertificateV2};
use crate::pdf::{common_name, signature_fields};

/// One signature as found in the file (and as the window shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SignatureCheck {
    /// The signature field (`Underskrift 1`).
    pub field: String,
    /// The signer's name from the certificate (CN).
    pub signer: String,
    /// The claimed signing time (`/M`), as written in the PDF.
    pub signed_at: Option<String>,
    /// The time of the signature's time stamp (PAdES B-T), checked.
    pub timestamp: Option<String>,
    /// The CMS signature verifies with the signer's certificate and its
    /// digest is that of the bytes it says it covers.
    pub valid: bool,
    /// Why it is not valid.
    pub problem: Option<String>,
    /// The length of the revision it covers.
    #[ts(type = "number")]
    pub covers: usize,
    /// It covers every byte of the file (the last signature does).
    pub whole_file: bool,
}

/// Where each revision of a PDF ends: right after each `%%EOF` (a line end
/// after it may belong to either side).
pub fn revisions(pdf: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some(at) = pdf[from..].windows(5).position(|w| w == b"%%EOF").map(|p| p + from) {
        ends.push(at + 5);
        from = at + 5;
    }
    ends
}

/// `a` and `b` are the same place but for line ends between them.
fn same_end(pdf: &[u8], a: usize, b: usize) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    hi <= pdf.len() && hi - lo <= 2 && pdf[lo..hi].iter().all(|c| matches!(c, b'\r' | b'\n'))
}

fn not_pdf(e: impl std::fmt::Display) -> SignError {
    SignError::NotPdf(e.to_string())
}

/// Every signature of `pdf`, in the order of its form's fields.
pub fn signatures(pdf: &[u8]) -> Result<Vec<SignatureCheck>, SignError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(not_pdf)?;
    let mut out = Vec::new();
    for field in signature_fields(&doc).into_iter().filter(|f| f.signed) {
        let dict = doc.get_dictionary(field.id).map_err(not_pdf)?;
        let sig = match dict.get(b"V").map_err(not_pdf)? {
            Object::Reference(id) => doc.get_dictionary(*id).map_err(not_pdf)?,
            Object::Dictionary(d) => d,
            _ => return Err(SignError::NotPdf(format!("{}: underskrifta er ikkje ei ordbok", field.name))),
        };
        let signed_at = sig.get(b"M").ok().and_then(|m| lopdf::decode_text_string(m).ok()).map(|m| pdf_date_text(&m));
        let range: Vec<i64> = sig
            .get(b"ByteRange")
            .and_then(Object::as_array)
            .map(|a| a.iter().filter_map(|o| o.as_i64().ok()).collect())
            .unwrap_or_default();
        let contents = sig.get(b"Contents").and_then(Object::as_str).map(<[u8]>::to_vec).unwrap_or_default();
        let (signer, timestamp, checked) = match check_one(pdf, &range, &contents) {
            Ok((cert, stamp)) => (common_name(&cert), stamp, Ok(())),
            Err((name, why)) => (name.unwrap_or_default(), None, Err(why)),
        };
        let covers = if range.len() == 4 { (range[2] + range[3]).max(0) as usize } else { 0 };
        out.push(SignatureCheck {
            field: field.name,
            signer,
            signed_at,
            timestamp,
            valid: checked.is_ok(),
            problem: checked.err(),
            covers,
            whole_file: covers > 0 && same_end(pdf, covers, pdf.len()),
        });
    }
    Ok(out)
}

/// `D:20261204104034+00'00'` → `04.12.2026 10:40:34 UTC`; anything else as it is.
fn pdf_date_text(m: &str) -> String {
    let d = m.trim_start_matches("D:");
    if d.len() >= 14 && d[..14].bytes().all(|b| b.is_ascii_digit()) {
        let zone = &d[14..];
        let zone = if zone.starts_with("+00") || zone.starts_with('Z') || zone.is_empty() {
            " UTC".to_string()
        } else {
            format!(" {}", zone.replace('\'', ""))
        };
        format!("{}.{}.{} {}:{}:{}{zone}", &d[6..8], &d[4..6], &d[..4], &d[8..10], &d[10..12], &d[12..14])
    } else {
        m.to_string()
    }
}

/// A checked signature: its signer's certificate and, when it carries one,
/// the time of its time stamp.
type Checked = Result<(Certificate, Option<String>), (Option<String>, String)>;

/// One signature checked: the signer's certificate (and its time stamp's
/// time), or their name (when known) and why it fails.
fn check_one(pdf: &[u8], range: &[i64], contents: &[u8]) -> Checked {
    let fail = |why: &str| Err((None, why.to_string()));
    let [a, b, c, d] = range else { return fail("ByteRange manglar eller er feil") };
    let (b, c, d) = (*b as usize, *c as usize, *d as usize);
    if *a != 0 || b >= c || c + d > pdf.len() || pdf.get(b) != Some(&b'<') || pdf.get(c - 1) != Some(&b'>') {
        return fail("ByteRange dekkjer ikkje fila rett");
    }
    let mut reader = SliceReader::new(contents).map_err(|e| (None, e.to_string()))?;
    let info = ContentInfo::decode(&mut reader).map_err(|_| (None, "signaturen kan ikkje lesast".to_string()))?;
    let rest = reader.read_slice(reader.remaining_len()).unwrap_or_default();
    if rest.iter().any(|&x| x != 0) {
        return fail("det står noko etter signaturen");
    }
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..b]);
    hasher.update(&pdf[c..c + d]);
    let digest = hasher.finalize();
    let (cert, si) = check_signed_data(&info, &digest, "fila er endra etter at ho vart signert")?;
    let name = Some(common_name(&cert));
    let stamp = si
        .unsigned_attrs
        .as_ref()
        .and_then(|u| u.iter().find(|a| a.oid == crate::tsa::ID_AA_SIGNATURE_TIME_STAMP_TOKEN))
        .and_then(|a| a.values.iter().next());
    let Some(stamp) = stamp else { return Ok((cert, None)) };
    // The time stamp: a token over exactly this signature value, signed by the authority.
    let bad = |why: &str| Err((name.clone(), format!("tidsstempelet held ikkje: {why}")));
    let Ok(token) = stamp.decode_as::<ContentInfo>() else { return bad("det kan ikkje lesast") };
    let tst = match crate::tsa::tst_info(&token) {
        Ok(t) => t,
        Err(e) => return bad(&e),
    };
    if tst.message_imprint.hashed_message.as_bytes() != Sha256::digest(si.signature.as_bytes()).as_slice() {
        return bad("det gjeld ein annan signatur");
    }
    let Some(econtent) = token.content.decode_as::<SignedData>().ok().and_then(|sd| sd.encap_content_info.econtent)
    else {
        return bad("det er tomt");
    };
    let Ok(tst_der) = econtent.decode_as::<OctetString>() else { return bad("det kan ikkje lesast") };
    if let Err((_, why)) = check_signed_data(&token, &Sha256::digest(tst_der.as_bytes()), "det er endra") {
        return bad(&why);
    }
    Ok((cert, Some(crate::tsa::show_time(&tst.gen_time))))
}

/// A CMS SignedData whose one signer signed `digest` (the SHA-256 of the
/// content, detached or inside): the signer's certificate from the
/// SignedData, the message digest and signing-certificate-v2 attributes,
/// and the RSA signature over the signed attributes.
fn check_signed_data(
    info: &ContentInfo,
    digest: &[u8],
    changed: &str,
) -> Result<(Certificate, cms::signed_data::SignerInfo), (Option<String>, String)> {
    let fail = |why: &str| Err((None, why.to_string()));
    if info.content_type != ID_SIGNED_DATA {
        return fail("signaturen er ikkje CMS SignedData");
    }
    let sd: SignedData = info.content.decode_as().map_err(|_| (None, "signaturen kan ikkje lesast".to_string()))?;
    let Some(si) = sd.signer_infos.0.iter().next() else { return fail("signaturen har ingen underskrivar") };
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &si.sid else {
        return fail("underskrivaren er ikkje namngjeven med utferdar og serienummer");
    };
    let cert = sd.certificates.as_ref().and_then(|set| {
        set.0.iter().find_map(|c| match c {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate.issuer == sid.issuer && c.tbs_certificate.serial_number == sid.serial_number =>
            {
                Some(c.clone())
            }
            _ => None,
        })
    });
    let Some(cert) = cert else { return fail("sertifikatet til underskrivaren manglar i signaturen") };
    let name = Some(common_name(&cert));
    let fail = |why: &str| Err((name.clone(), why.to_string()));
    if si.digest_alg.oid != ID_SHA_256 {
        return fail("Saksbok kan berre kontrollere signaturar med SHA-256");
    }
    let Some(attrs) = &si.signed_attrs else { return fail("signaturen har ingen signerte attributt") };
    let attr = |oid| attrs.iter().find(|a| a.oid == oid).and_then(|a| a.values.iter().next());
    let Some(md) = attr(ID_MESSAGE_DIGEST) else { return fail("signaturen manglar message-digest") };
    let md = md.decode_as::<OctetString>().map_err(|e| (name.clone(), e.to_string()))?;
    if md.as_bytes() != digest {
        return fail(changed);
    }
    if let Some(sc) = attr(ID_AA_SIGNING_CERTIFICATE_V2) {
        let ok = sc.decode_as::<SigningCertificateV2>().ok().is_some_and(|v| {
            let der = cert.to_der().unwrap_or_default();
            v.certs.first().is_some_and(|id| id.cert_hash.as_bytes() == Sha256::digest(&der).as_slice())
        });
        if !ok {
            return fail("signing-certificate-v2 peikar ikkje på sertifikatet til underskrivaren");
        }
    }
    let alg = si.signature_algorithm.oid;
    if ![SHA_256_WITH_RSA_ENCRYPTION, RSA_ENCRYPTION, ECDSA_WITH_SHA_256].contains(&alg) {
        return fail(&format!("Saksbok kan ikkje kontrollere signaturalgoritmen {alg}"));
    }
    let signed = attrs.to_der().map_err(|e| (name.clone(), e.to_string()))?;
    if crate::algorithm::verify(&cert, &signed, si.signature.as_bytes()).is_err() {
        return fail("signaturen stemmer ikkje med sertifikatet");
    }
    Ok((cert, si.clone()))
}

/// Checks that the revisions after the one ending at `base` only add
/// signatures. A later revision may change only: an empty signature
/// field's /V (the signature) and /AP (its appearance on the line), the
/// form's /SigFlags and /DR, the catalog's /DSS (validation data), and the
/// document information and XMP metadata (a signing tool's own dates).
/// New objects are allowed, since nothing shown can reach them but through
/// those changes. Returns what else changed.
pub fn only_signatures_after(pdf: &[u8], base: usize) -> Result<(), String> {
    let all = revisions(pdf);
    let Some(first) = all.iter().position(|&e| same_end(pdf, e, base)) else {
        return Err("den lagra protokollen er ikkje ein heil revisjon av fila".into());
    };
    let ends = &all[first..];
    let load =
        |end: usize| lopdf::Document::load_mem(&pdf[..end]).map_err(|e| format!("revisjonen kan ikkje lesast: {e}"));
    let mut before = load(ends[0])?;
    for &end in &ends[1..] {
        let after = load(end)?;
        let info = after.trailer.get(b"Info").and_then(Object::as_reference).ok();
        for (id, object) in &after.objects {
            match before.objects.get(id) {
                Some(old) if old != object && Some(*id) != info => allowed_change(*id, old, object)?,
                _ => {}
            }
        }
        before = after;
    }
    if !ends.last().is_some_and(|&e| same_end(pdf, e, pdf.len())) {
        return Err("det står noko etter siste revisjon".into());
    }
    Ok(())
}

fn allowed_change(id: ObjectId, old: &Object, new: &Object) -> Result<(), String> {
    let changed = || format!("objekt {} {} er endra etter godkjenninga", id.0, id.1);
    let type_of = |o: &Object| {
        let dict = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => return Vec::new(),
        };
        dict.get(b"Type").and_then(Object::as_name).map(<[u8]>::to_vec).unwrap_or_default()
    };
    if type_of(old) == b"Metadata" && type_of(new) == b"Metadata" {
        return Ok(());
    }
    let (Ok(old), Ok(new)) = (old.as_dict(), new.as_dict()) else { return Err(changed()) };
    let is_sig_field = old.get(b"FT").and_then(Object::as_name).is_ok_and(|n| n == b"Sig");
    let is_catalog = old.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"Catalog");
    let mut keys: Vec<&[u8]> =
        old.iter().map(|(k, _)| k.as_slice()).chain(new.iter().map(|(k, _)| k.as_slice())).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        if old.get(key).ok() == new.get(key).ok() {
            continue;
        }
        let allowed = match key {
            b"V" => is_sig_field && old.get(b"V").is_err(),
            b"AP" => is_sig_field,
            b"SigFlags" | b"DR" => !is_sig_field,
            b"DSS" => is_catalog,
            _ => false,
        };
        if !allowed {
            return Err(format!("{} (/{})", changed(), String::from_utf8_lossy(key)));
        }
    }
    Ok(())
}

/// What `verify` says of a file: which kept protocol it is (or is built
/// on), its signatures, and why it is not what it claims, if it is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification<T> {
    /// The kept protocol the file is, or whose bytes it starts with.
    pub protocol: Option<T>,
    pub signatures: Vec<SignatureCheck>,
    /// `None`: the file is a kept protocol, or exactly one plus valid
    /// signature updates, the last covering the whole file.
    pub problem: Option<String>,
}

/// Checks `pdf` against the kept protocols: `find` names the kept print
/// whose bytes have a given SHA-256 (lower-case hex), if there is one.
pub fn verify_protocol<T>(pdf: &[u8], mut find: impl FnMut(&str) -> Option<T>) -> Verification<T> {
    let hex = saksbok_core::hash::sha256_hex;
    if let Some(p) = find(&hex(pdf)) {
        let signatures = signatures(pdf).unwrap_or_default();
        return Verification { protocol: Some(p), signatures, problem: None };
    }
    let signatures = match signatures(pdf) {
        Ok(s) => s,
        Err(e) => return Verification { protocol: None, signatures: Vec::new(), problem: Some(e.to_string()) },
    };
    // The earliest revision that is a kept protocol (with or without its line end).
    let base = revisions(pdf).into_iter().find_map(|end| {
        [end, end + 1, end + 2]
            .into_iter()
            .filter(|&cut| cut <= pdf.len() && same_end(pdf, end, cut))
            .find_map(|cut| find(&hex(&pdf[..cut])).map(|p| (cut, p)))
    });
    let Some((base, protocol)) = base else {
        return Verification {
            protocol: None,
            signatures,
            problem: Some(
                "Fila er ikkje ein protokoll frå dette registeret: ingen del av ho er ein lagra protokoll.".into(),
            ),
        };
    };
    let problem = if signatures.is_empty() {
        Some("Fila er ein lagra protokoll med noko lagt til etterpå, men utan underskrifter.".to_string())
    } else if let Some(bad) = signatures.iter().find(|s| !s.valid) {
        Some(format!(
            "{} ({}) er ikkje gyldig: {}.",
            bad.field,
            bad.signer,
            bad.problem.as_deref().unwrap_or("ukjend grunn")
        ))
    } else if let Err(why) = only_signatures_after(pdf, base) {
        Some(format!("Fila er endra etter godkjenninga: {why}."))
    } else if !signatures.iter().any(|s| s.whole_file) {
        Some("Fila er endra etter siste underskrift: ingen underskrift dekkjer heile fila.".to_string())
    } else {
        None
    };
    Verification { protocol: Some(protocol), signatures, problem }
}

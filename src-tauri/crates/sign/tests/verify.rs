//! Verification of signed protocols: three valid signatures, the last over
//! the whole file; one changed byte, a broken signature, a changed page
//! appended after the signatures, or a truncated file are each found.

mod common;

use chrono::Utc;
use common::{PASSWORD, TestPki};
use saksbok_sign::verify::{only_signatures_after, revisions, signatures};
use saksbok_sign::{Pkcs12Signer, SignRequest, sign_pdf};
use tempfile::TempDir;

const SIGNATORIES: [&str; 3] = ["Anne Leiar", "Kari Nes", "Per Olav Berge"];

/// The approved møtebok and the same signed by each signatory in turn.
fn signed_three_times() -> (Vec<u8>, Vec<u8>) {
    let dir = TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let approved = common::approved_moteprotokoll(&SIGNATORIES);
    let mut pdf = approved.clone();
    for name in SIGNATORIES {
        let signer = Pkcs12Signer::open(&std::fs::read(pki.signatory(name)).unwrap(), PASSWORD).unwrap();
        let req = SignRequest { field: None, when: Utc::now(), reason: None, location: None, tsa: None };
        pdf = sign_pdf(&pdf, &signer, &req).unwrap();
    }
    (approved, pdf)
}

#[test]
fn three_signatures_are_valid_and_the_last_covers_the_whole_file() {
    let (approved, pdf) = signed_three_times();
    let found = signatures(&pdf).unwrap();
    assert_eq!(found.len(), 3);
    let revs = revisions(&pdf);
    assert_eq!(revs.len(), 4, "the approved revision and one update per signature");
    assert_eq!(revs[0], approved.len());
    for (i, s) in found.iter().enumerate() {
        assert!(s.valid, "{s:?}");
        assert_eq!(s.signer, SIGNATORIES[i]);
        assert_eq!(s.field, format!("Underskrift {}", i + 1));
        assert_eq!(s.covers, revs[i + 1], "each signature covers its own revision");
        assert_eq!(s.whole_file, i == 2);
        assert!(s.signed_at.as_deref().unwrap().ends_with(" UTC"), "{s:?}");
    }
    only_signatures_after(&pdf, approved.len()).unwrap();
}

#[test]
fn one_changed_byte_breaks_every_signature_over_it() {
    let (approved, pdf) = signed_three_times();
    // A byte of the first revision's text, inside what every signature covers.
    let at = approved.windows(7).position(|w| w == b"/Author").unwrap() + 20;
    let mut bad = pdf.clone();
    bad[at] ^= 0x01;
    let found = signatures(&bad).unwrap();
    assert!(found.iter().all(|s| !s.valid), "{found:?}");
    assert_eq!(found[0].problem.as_deref(), Some("fila er endra etter at ho vart signert"));
    // The names are still read from the certificates.
    assert_eq!(found[1].signer, "Kari Nes");
}

#[test]
fn a_broken_signature_value_is_found() {
    let (_, pdf) = signed_three_times();
    let found = signatures(&pdf).unwrap();
    // Flip a hex digit inside the second signature's /Contents, near its end
    // (in the RSA signature value, not in the zero padding).
    let rev1 = found[0].covers;
    let start = rev1 + pdf[rev1..].windows(10).position(|w| w == b"/Contents<").unwrap() + 10;
    let len = pdf[start..].iter().position(|&b| b == b'>').unwrap();
    let hex = &pdf[start..start + len];
    let last_non_zero = hex.iter().rposition(|&b| b != b'0').unwrap();
    let mut bad = pdf.clone();
    let at = start + last_non_zero - 4;
    bad[at] = if bad[at] == b'0' { b'1' } else { b'0' };
    let found = signatures(&bad).unwrap();
    assert!(found[0].valid, "the signature before it stays valid: {found:?}");
    assert_eq!(found[1].problem.as_deref(), Some("signaturen stemmer ikkje med sertifikatet"));
    // The third covers the second's bytes too.
    assert_eq!(found[2].problem.as_deref(), Some("fila er endra etter at ho vart signert"));
}

#[test]
fn a_change_appended_after_the_signatures_is_refused() {
    let (approved, pdf) = signed_three_times();
    // An update that changes the first page (as an editor would), after the last signature.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let mut inc = lopdf::IncrementalDocument::create_from(pdf.clone(), doc);
    inc.opt_clone_object_to_new_document(page).unwrap();
    inc.new_document.get_dictionary_mut(page).unwrap().set("Rotate", 90);
    let mut changed = Vec::new();
    inc.save_to(&mut changed).unwrap();

    let found = signatures(&changed).unwrap();
    assert!(found.iter().all(|s| s.valid), "the signatures themselves still verify");
    assert!(!found[2].whole_file, "but none covers the whole file");
    let e = only_signatures_after(&changed, approved.len()).unwrap_err();
    assert!(e.contains("er endra etter godkjenninga"), "{e}");
}

#[test]
fn a_truncated_file_is_not_read_as_signed() {
    let (approved, pdf) = signed_three_times();
    let cut = &pdf[..pdf.len() - 100];
    match signatures(cut) {
        Err(e) => assert_eq!(e.code(), "sign_not_pdf"),
        Ok(found) => assert!(found.iter().all(|s| !s.whole_file), "{found:?}"),
    }
    assert!(only_signatures_after(cut, approved.len()).is_err());
}

#[test]
fn a_copy_signed_elsewhere_is_the_approved_revision_plus_signatures() {
    // pyHanko stands in for a signing service (BankID and the like): it
    // signs the approved møtebok's first field with its own appearance.
    let dir = TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    pki.signatory("Anne Leiar");
    let approved = common::approved_moteprotokoll(&SIGNATORIES);
    let input = dir.path().join("godkjend.pdf");
    std::fs::write(&input, &approved).unwrap();
    let output = dir.path().join("signert-elles.pdf");
    let o = std::process::Command::new(common::pyhanko())
        .args(["sign", "addsig", "--field", "Underskrift 1", "pemder", "--key"])
        .arg(dir.path().join("anne-leiar.key"))
        .arg("--cert")
        .arg(dir.path().join("anne-leiar.pem"))
        .arg("--no-pass")
        .arg(&input)
        .arg(&output)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let signed = std::fs::read(&output).unwrap();
    assert!(signed.starts_with(&approved));
    let found = signatures(&signed).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].valid && found[0].whole_file, "{found:?}");
    assert_eq!(found[0].signer, "Anne Leiar");
    only_signatures_after(&signed, approved.len()).unwrap();
    let v = saksbok_sign::verify::verify_protocol(&signed, |sha| {
        (sha == saksbok_core::hash::sha256_hex(&approved)).then_some("godkjend")
    });
    assert_eq!((v.protocol, v.problem), (Some("godkjend"), None));
}

//! PAdES signatures on a real møtebok: three signatories sign in turn,
//! each in an incremental update that keeps the earlier revision byte for
//! byte; poppler's pdfsig and pyHanko find every signature valid and of
//! type ETSI.CAdES.detached, the last covering the whole file. Bad input
//! gets its own error and nothing is signed.

mod common;

use std::path::Path;

use chrono::{Duration, Utc};
use common::{Key, PASSWORD, TestPki, pdfsig, pyhanko_validate};
use saksbok_sign::pdf::signature_fields;
use saksbok_sign::{Pkcs12Signer, SignError, SignRequest, sign_pdf};
use tempfile::TempDir;

const SIGNATORIES: [&str; 3] = ["Anne Leiar", "Kari Nes", "Per Olav Berge"];

fn moteprotokoll() -> Vec<u8> {
    common::approved_moteprotokoll(&SIGNATORIES)
}

fn request(field: Option<&str>) -> SignRequest<'_> {
    SignRequest { field, when: Utc::now(), reason: Some("Godkjend møtebok"), location: Some("Gaupne"), tsa: None }
}

fn signer(pki: &TestPki, name: &str) -> Pkcs12Signer {
    Pkcs12Signer::open(&std::fs::read(pki.signatory(name)).unwrap(), PASSWORD).unwrap()
}

/// Also kept under target/ for people (and veraPDF) to look at.
fn keep(name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/protocol-samples");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(name), bytes);
}

#[test]
fn three_signatories_sign_in_turn_and_every_signature_stays_valid() {
    let dir = TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let mut pdf = moteprotokoll();
    let fields = signature_fields(&lopdf::Document::load_mem(&pdf).unwrap());
    let names: Vec<&str> = fields.iter().map(|f| f.signatory.as_str()).collect();
    assert_eq!(names, SIGNATORIES, "one empty field per signatory, on their line");
    assert!(fields.iter().all(|f| !f.signed));

    for (i, name) in SIGNATORIES.iter().enumerate() {
        let next = sign_pdf(&pdf, &signer(&pki, name), &request(None)).unwrap();
        assert!(next.starts_with(&pdf), "signature {} keeps the earlier revision byte for byte", i + 1);
        pdf = next;
        let file = dir.path().join(format!("signert-{}.pdf", i + 1));
        std::fs::write(&file, &pdf).unwrap();
        let report = pdfsig(&file);
        assert_eq!(report.matches("Signature Validation: Signature is Valid.").count(), i + 1, "{report}");
    }
    keep("moteprotokoll-signert.pdf", &pdf);
    let file = dir.path().join("signert-3.pdf");
    let fields = signature_fields(&lopdf::Document::load_mem(&pdf).unwrap());
    assert!(fields.iter().all(|f| f.signed), "{fields:?}");

    let report = pdfsig(&file);
    assert_eq!(report.matches("Signature Type: ETSI.CAdES.detached").count(), 3, "PAdES, not PKCS#7:\n{report}");
    for name in SIGNATORIES {
        assert!(report.contains(&format!("Signer Certificate Common Name: {name}")), "{report}");
    }
    // Only the last signature covers the whole file; each earlier one its revision.
    let last = report.rsplit("Signature #").next().unwrap();
    assert!(last.contains("Total document signed"), "{report}");
    assert_eq!(report.matches("Total document signed").count(), 1, "{report}");

    let (ok, summary) = pyhanko_validate(&file, &pki.ca());
    assert!(ok, "pyHanko: {summary}");
    // One line per signature: "Underskrift 1:<hash>:VALID".
    let valid: Vec<&str> = summary.lines().filter(|l| l.ends_with(":VALID")).collect();
    assert_eq!(valid.len(), 3, "{summary}");
    for (i, line) in valid.iter().enumerate() {
        assert!(line.starts_with(&format!("Underskrift {}:", i + 1)), "{summary}");
    }

    // Each line shows who signed, on screen and on paper (the field's appearance).
    let text = common::pdftotext(&file);
    for name in SIGNATORIES {
        assert_eq!(text.matches(&format!("Signert digitalt av {name}")).count(), 1, "{text}");
    }
    let unsigned = dir.path().join("usignert.pdf");
    std::fs::write(&unsigned, moteprotokoll()).unwrap();
    assert!(!common::pdftotext(&unsigned).contains("Signert digitalt"), "nothing shows before signing");

    let q = std::process::Command::new("qpdf").arg("--check").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&q.stdout).contains("No syntax or stream encoding errors"), "{q:?}");
}

#[test]
fn ec_keys_on_p256_and_p384_sign_beside_rsa_and_every_validator_agrees() {
    let dir = TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let keys = [Key::P256, Key::P384, Key::Rsa];
    let mut pdf = moteprotokoll();
    for (name, kind) in SIGNATORIES.iter().zip(keys) {
        let p12 = std::fs::read(pki.signatory_key(name, kind)).unwrap();
        pdf = sign_pdf(&pdf, &Pkcs12Signer::open(&p12, PASSWORD).unwrap(), &request(None)).unwrap();
    }
    let found = saksbok_sign::verify::signatures(&pdf).unwrap();
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|s| s.valid), "{found:?}");
    let file = dir.path().join("signert-ec.pdf");
    std::fs::write(&file, &pdf).unwrap();
    keep("moteprotokoll-signert-ec.pdf", &pdf);
    let report = pdfsig(&file);
    assert_eq!(report.matches("Signature Validation: Signature is Valid.").count(), 3, "{report}");
    assert_eq!(report.matches("Signature Type: ETSI.CAdES.detached").count(), 3, "{report}");
    let (ok, summary) = pyhanko_validate(&file, &pki.ca());
    assert!(ok, "pyHanko: {summary}");
    assert_eq!(summary.lines().filter(|l| l.ends_with(":VALID")).count(), 3, "{summary}");
}

#[test]
fn a_key_of_another_kind_is_refused_by_name() {
    let dir = TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl").current_dir(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    // An Ed25519 key with its self-signed certificate.
    run(&["req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=Ola Ed"]);
    run(&[
        "pkcs12",
        "-export",
        "-inkey",
        "k.pem",
        "-in",
        "c.pem",
        "-out",
        "e.p12",
        "-passout",
        &format!("pass:{PASSWORD}"),
    ]);
    let err = Pkcs12Signer::open(&std::fs::read(dir.path().join("e.p12")).unwrap(), PASSWORD).unwrap_err();
    assert_eq!(err.code(), "sign_unsupported_key", "{err}");
    assert!(err.to_string().contains("RSA-nøkkel eller ein EC-nøkkel på kurva P-256 eller P-384"), "{err}");
}

#[test]
fn each_wrong_input_has_its_own_error_and_signs_nothing() {
    let dir = TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let pdf = moteprotokoll();
    let p12 = std::fs::read(pki.signatory("Anne Leiar")).unwrap();

    let err = Pkcs12Signer::open(&p12, "feil passord").unwrap_err();
    assert!(matches!(err, SignError::WrongPassword), "{err:?}");
    assert_eq!(err.to_string(), "Passordet til sertifikatfila er feil.");
    let err = Pkcs12Signer::open(b"ikkje ei sertifikatfil", PASSWORD).unwrap_err();
    assert_eq!(err.code(), "sign_not_pkcs12", "{err}");

    let anne = Pkcs12Signer::open(&p12, PASSWORD).unwrap();
    let err = sign_pdf(b"%PDF-1.7\nikkje ein pdf", &anne, &request(None)).unwrap_err();
    assert_eq!(err.code(), "sign_not_pdf", "{err}");

    let later = SignRequest { when: Utc::now() + Duration::days(800), ..request(None) };
    let err = sign_pdf(&pdf, &anne, &later).unwrap_err();
    assert_eq!(err.code(), "sign_expired", "{err}");
    assert!(err.to_string().starts_with("Sertifikatet til Anne Leiar gjekk ut "), "{err}");
    let earlier = SignRequest { when: Utc::now() - Duration::days(2), ..request(None) };
    assert_eq!(sign_pdf(&pdf, &anne, &earlier).unwrap_err().code(), "sign_not_yet_valid");

    let stranger = signer(&pki, "Ola Utanfor");
    let err = sign_pdf(&pdf, &stranger, &request(None)).unwrap_err();
    assert_eq!(err.code(), "sign_no_field_for", "{err}");
    assert!(err.to_string().contains("«Underskrift 1» (Anne Leiar)"), "the free lines are named: {err}");
    assert_eq!(sign_pdf(&pdf, &stranger, &request(Some("Underskrift 9"))).unwrap_err().code(), "sign_unknown_field");

    let once = sign_pdf(&pdf, &anne, &request(None)).unwrap();
    let err = sign_pdf(&once, &anne, &request(Some("Underskrift 1"))).unwrap_err();
    assert_eq!(err.code(), "sign_field_signed", "{err}");
    // Anne's own line is taken; she is not offered another's.
    assert_eq!(sign_pdf(&once, &anne, &request(None)).unwrap_err().code(), "sign_no_field_for");
}

#[test]
fn a_time_stamp_from_the_authority_makes_it_pades_b_t() {
    let dir = TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let tsa = common::TestTsa::start(&pki);
    let pdf = moteprotokoll();
    let anne = signer(&pki, "Anne Leiar");
    let req = SignRequest { tsa: Some(&tsa.url), ..request(None) };
    let signed = sign_pdf(&pdf, &anne, &req).unwrap();
    let found = saksbok_sign::verify::signatures(&signed).unwrap();
    assert!(found[0].valid, "{found:?}");
    let stamped = found[0].timestamp.as_deref().expect("a time stamp");
    assert!(stamped.ends_with(" UTC") && stamped.starts_with(&Utc::now().format("%d.%m.%Y").to_string()), "{stamped}");

    let file = dir.path().join("b-t.pdf");
    std::fs::write(&file, &signed).unwrap();
    let report = pdfsig(&file);
    assert!(report.contains("Signature Validation: Signature is Valid."), "{report}");
    let (ok, summary) = pyhanko_validate(&file, &pki.ca());
    assert!(ok, "pyHanko: {summary}");
    assert!(summary.lines().any(|l| l.starts_with("Underskrift 1:") && l.ends_with(":VALID")), "{summary}");
    keep("moteprotokoll-signert-b-t.pdf", &signed);

    // An authority that does not answer: a clear error, nothing signed.
    let gone = SignRequest { tsa: Some("http://127.0.0.1:9/tsa"), ..request(None) };
    let err = sign_pdf(&pdf, &anne, &gone).unwrap_err();
    assert_eq!(err.code(), "sign_tsa");
    assert!(
        err.to_string().starts_with("Tidsstempeltenesta http://127.0.0.1:9/tsa gav ikkje noko tidsstempel"),
        "{err}"
    );
}

//! The PKCS#11 back end against a real token: SoftHSM2, made at test time
//! with a signatory's key and certificate. A wrong PIN, an unknown token and
//! a missing module each get their own error; the right PIN signs a
//! møtebok that pdfsig finds valid, through the same calls as a PKCS#12
//! file.
//!
//! One test in this binary: SoftHSM2 reads its configuration from the
//! environment, which is set once before the module is loaded.

#![allow(unsafe_code, reason = "std::env::set_var, once, before any other thread reads the environment")]

mod common;

use chrono::Utc;
use common::{PIN, SoftHsm, TestPki, pdfsig};
use saksbok_sign::{KeySigner, Pkcs11Signer, SignRequest, sign_pdf};

#[test]
fn a_key_on_a_token_signs_a_moteprotokoll() {
    let dir = tempfile::TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let hsm = SoftHsm::new(dir.path(), &pki, "Kari Nes");
    // SAFETY: the only test of this binary, and nothing has started a thread
    // that reads the environment yet.
    unsafe { std::env::set_var("SOFTHSM2_CONF", &hsm.conf) };

    let err = Pkcs11Signer::open(&hsm.module, Some("Saksbok"), "000000", None).unwrap_err();
    assert_eq!((err.code(), err.to_string().as_str()), ("sign_wrong_pin", "PIN-koden er feil."));
    let err = Pkcs11Signer::open(&hsm.module, Some("Anna brikke"), PIN, None).unwrap_err();
    assert_eq!(err.code(), "sign_no_token");
    assert!(err.to_string().contains("Det som er sett inn: Saksbok"), "{err}");
    let err = Pkcs11Signer::open(std::path::Path::new("/ikkje/her.so"), None, PIN, None).unwrap_err();
    assert_eq!(err.code(), "sign_module");

    let signer = Pkcs11Signer::open(&hsm.module, Some("Saksbok"), PIN, Some("Kari Nes")).unwrap();
    assert_eq!(saksbok_sign::pdf::common_name(signer.certificate()), "Kari Nes");
    assert_eq!(signer.chain().len(), 1, "the token holds only Kari's certificate");

    let approved = common::approved_moteprotokoll(&["Kari Nes"]);
    let req = SignRequest { field: None, when: Utc::now(), reason: None, location: None, tsa: None };
    let signed = sign_pdf(&approved, &signer, &req).unwrap();
    let found = saksbok_sign::verify::signatures(&signed).unwrap();
    assert!(found[0].valid && found[0].whole_file, "{found:?}");
    let file = dir.path().join("signert-med-brikke.pdf");
    std::fs::write(&file, &signed).unwrap();
    let report = pdfsig(&file);
    assert!(report.contains("Signature Validation: Signature is Valid."), "{report}");
    assert!(report.contains("Signer Certificate Common Name: Kari Nes"), "{report}");
}

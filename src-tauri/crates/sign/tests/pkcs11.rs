//! The PKCS#11 back end against a real token: SoftHSM2, made at test time
//! with two signatories' keys and certificates (one RSA, one EC P-256). A wrong PIN, an unknown token and
//! a missing module each get their own error; the right PIN signs a
//! møtebok that pdfsig finds valid, through the same calls as a PKCS#12
//! file.
//!
//! One test in this binary: SoftHSM2 reads its configuration from the
//! environment, which is set once before the module is loaded.

#![allow(unsafe_code, reason = "std::env::set_var, once, before any other thread reads the environment")]

mod common;

use chrono::Utc;
use common::{Key, PIN, SoftHsm, TestPki, pdfsig};
use saksbok_sign::{KeySigner, Pkcs11Signer, SignRequest, sign_pdf};

#[test]
fn a_key_on_a_token_signs_a_moteprotokoll() {
    let dir = tempfile::TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let hsm = SoftHsm::with_keys(dir.path(), &pki, &[("Kari Nes", Key::Rsa), ("Per Olav Berge", Key::P256)]);
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
    assert_eq!(signer.chain().len(), 1, "the token holds no issuer of Kari's certificate");

    let approved = common::approved_moteprotokoll(&["Kari Nes", "Per Olav Berge"]);
    let req = SignRequest { field: None, when: Utc::now(), reason: None, location: None, tsa: None };
    let signed = sign_pdf(&approved, &signer, &req).unwrap();
    // The EC key signs through CKM_ECDSA over the digest. (Kari's session ends first: a token keeps one login.)
    drop(signer);
    let per = Pkcs11Signer::open(&hsm.module, Some("Saksbok"), PIN, Some("Per Olav Berge")).unwrap();
    assert_eq!(per.algorithm().unwrap(), saksbok_sign::algorithm::KeyAlgorithm::EcdsaP256);
    let signed = sign_pdf(&signed, &per, &req).unwrap();
    let found = saksbok_sign::verify::signatures(&signed).unwrap();
    assert!(found.iter().all(|s| s.valid), "{found:?}");
    assert!(found[1].whole_file, "{found:?}");
    let file = dir.path().join("signert-med-brikke.pdf");
    std::fs::write(&file, &signed).unwrap();
    let report = pdfsig(&file);
    assert_eq!(report.matches("Signature Validation: Signature is Valid.").count(), 2, "{report}");
    assert!(report.contains("Signer Certificate Common Name: Kari Nes"), "{report}");
    assert!(report.contains("Signer Certificate Common Name: Per Olav Berge"), "{report}");
}

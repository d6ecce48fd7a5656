//! The PKCS#11 back end of [`KeySigner`]: a key on a token or smart card
//! (the `cryptoki` crate loads the card's PKCS#11 module). The key never
//! leaves the token; the token signs the signed attributes with
//! CKM_SHA256_RSA_PKCS (an RSA key) or CKM_ECDSA over their SHA-256 (an EC
//! key on P-256 or P-384), and the certificate is read from the token (the
//! certificate object with the key's CKA_ID), with its issuers where the
//! token has them.

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use sha2::{Digest as _, Sha256};
use x509_cert::Certificate;
use x509_cert::der::Decode;

use crate::algorithm::KeyAlgorithm;
use crate::signer::KeySigner;
use crate::{SignError, pdf::common_name};

/// A key on a PKCS#11 token, logged in, with its certificate chain.
pub struct Pkcs11Signer {
    session: Session,
    key: ObjectHandle,
    chain: Vec<Certificate>,
    algorithm: KeyAlgorithm,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer").field("signer", &common_name(&self.chain[0])).finish_non_exhaustive()
    }
}

fn token_error(e: CkError) -> SignError {
    match e {
        CkError::Pkcs11(RvError::PinIncorrect | RvError::PinInvalid | RvError::PinLenRange, _) => SignError::WrongPin,
        CkError::Pkcs11(RvError::PinLocked, _) => SignError::PinLocked,
        other => SignError::Token(other.to_string()),
    }
}

fn value(session: &Session, object: ObjectHandle, kind: AttributeType) -> Option<Vec<u8>> {
    session.get_attributes(object, &[kind]).ok()?.into_iter().find_map(|a| match a {
        Attribute::Value(v) | Attribute::Id(v) => Some(v),
        _ => None,
    })
}

impl Pkcs11Signer {
    /// Opens the token labelled `token` (or the first token) through the
    /// PKCS#11 module at `module`, logs in with `pin`, and takes the private
    /// key labelled `key` (or the first one) with the certificate stored
    /// beside it. The certificate says what kind of key it is.
    pub fn open(module: &Path, token: Option<&str>, pin: &str, key: Option<&str>) -> Result<Self, SignError> {
        let ctx = Pkcs11::new(module)
            .map_err(|e| SignError::Module { module: module.display().to_string(), why: e.to_string() })?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(SignError::Token(e.to_string())),
        }
        let slots = ctx.get_slots_with_token().map_err(token_error)?;
        let mut labels = Vec::new();
        let slot = slots
            .into_iter()
            .find(|s| {
                let label = ctx.get_token_info(*s).map(|i| i.label().trim().to_string()).unwrap_or_default();
                let wanted = token.is_none_or(|t| t.trim() == label);
                labels.push(label);
                wanted
            })
            .ok_or_else(|| SignError::NoToken {
                wanted: token.unwrap_or("").to_string(),
                found: if labels.is_empty() { "ingen".into() } else { labels.join(", ") },
            })?;
        let session = ctx.open_ro_session(slot).map_err(token_error)?;
        session.login(UserType::User, Some(&AuthPin::new(pin.into()))).map_err(token_error)?;

        let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        if let Some(label) = key {
            template.push(Attribute::Label(label.as_bytes().to_vec()));
        }
        let private = *session.find_objects(&template).map_err(token_error)?.first().ok_or(SignError::NoPrivateKey)?;
        let id = value(&session, private, AttributeType::Id).unwrap_or_default();
        let certs = session
            .find_objects(&[
                Attribute::Class(ObjectClass::CERTIFICATE),
                Attribute::CertificateType(CertificateType::X_509),
            ])
            .map_err(token_error)?;
        let mut own = None;
        let mut others = Vec::new();
        for c in certs {
            let Some(der) = value(&session, c, AttributeType::Value) else { continue };
            let Ok(cert) = Certificate::from_der(&der) else { continue };
            if own.is_none() && value(&session, c, AttributeType::Id).is_some_and(|cid| cid == id) {
                own = Some(cert);
            } else {
                others.push(cert);
            }
        }
        let own = own.ok_or(SignError::NoCertificate)?;
        // The issuers the token holds, leaf first.
        let mut chain = vec![own];
        while let Some(at) = others.iter().position(|c| {
            let last = &chain[chain.len() - 1].tbs_certificate;
            c.tbs_certificate.subject == last.issuer && last.subject != last.issuer
        }) {
            chain.push(others.remove(at));
        }
        let algorithm = KeyAlgorithm::of(&chain[0])?;
        let signer = Self { session, key: private, chain, algorithm };
        signer.check_pair()?;
        Ok(signer)
    }
}

impl KeySigner for Pkcs11Signer {
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        match self.algorithm {
            KeyAlgorithm::Rsa => self.session.sign(&Mechanism::Sha256RsaPkcs, self.key, message).map_err(token_error),
            KeyAlgorithm::EcdsaP256 | KeyAlgorithm::EcdsaP384 => {
                // Tokens differ in which hashing ECDSA mechanisms they offer; plain CKM_ECDSA over the digest is
                // the one they all have. It answers r and s side by side.
                let raw =
                    self.session.sign(&Mechanism::Ecdsa, self.key, &Sha256::digest(message)).map_err(token_error)?;
                self.algorithm.der_signature(&raw)
            }
        }
    }
}

//! The one signer interface and its PKCS#12 back end.

use der::referenced::OwnedToRef;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use sha2::Sha256;
use signature::{SignatureEncoding, Signer as _, Verifier as _};
use x509_cert::Certificate;
use x509_cert::der::Decode;

use crate::SignError;

/// A private key that signs, with its certificate. Implemented for a
/// PKCS#12 file ([`Pkcs12Signer`]) and, through the same calls, for a
/// PKCS#11 token or smart card.
pub trait KeySigner {
    /// The signing certificate first, then any issuing certificates that
    /// came with it.
    fn chain(&self) -> &[Certificate];

    /// An RSA PKCS#1 v1.5 signature with SHA-256 over `message`.
    fn sign_sha256_rsa(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;

    /// The signing certificate.
    fn certificate(&self) -> &Certificate {
        &self.chain()[0]
    }

    /// The key must be the certificate's: a test signature verified with
    /// the certificate's public key.
    fn check_pair(&self) -> Result<(), SignError> {
        let probe = b"saksbok: key and certificate";
        let sig = self.sign_sha256_rsa(probe)?;
        verify(self.certificate(), probe, &sig).map_err(|_| SignError::KeyMismatch)
    }
}

/// A key and its certificate chain from a PKCS#12 file (.p12, .pfx).
pub struct Pkcs12Signer {
    key: SigningKey<Sha256>,
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for Pkcs12Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.debug_struct("Pkcs12Signer")
            .field("subject", &self.chain[0].tbs_certificate.subject.to_string())
            .finish_non_exhaustive()
    }
}

impl Pkcs12Signer {
    /// Opens a PKCS#12 file's first key with its certificates. A wrong
    /// password, a file that is not PKCS#12, a file without a key, a key
    /// that is not RSA or that does not match its certificate: each has its
    /// own error.
    pub fn open(bytes: &[u8], password: &str) -> Result<Self, SignError> {
        let store = p12_keystore::KeyStore::from_pkcs12(bytes, password, p12_keystore::Pkcs12ImportPolicy::Strict)
            .map_err(|e| match e {
                p12_keystore::error::Error::MacError(_) => SignError::WrongPassword,
                other => SignError::NotPkcs12(other.to_string()),
            })?;
        let (_, entry) = store.private_key_chain().ok_or(SignError::NoPrivateKey)?;
        if entry.certs().is_empty() {
            return Err(SignError::NoPrivateKey);
        }
        let private = RsaPrivateKey::from_pkcs8_der(entry.key().as_der()).map_err(|_| SignError::UnsupportedKey)?;
        let chain = entry
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()).map_err(|e| SignError::NotPkcs12(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let signer = Self { key: SigningKey::<Sha256>::new(private), chain };
        signer.check_pair()?;
        Ok(signer)
    }
}

impl KeySigner for Pkcs12Signer {
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign_sha256_rsa(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let sig: Signature = self.key.try_sign(message).map_err(|e| SignError::Failed(e.to_string()))?;
        Ok(sig.to_vec())
    }
}

/// The RSA public key of a certificate, for checking a signature.
pub(crate) fn rsa_verifying_key(cert: &Certificate) -> Result<VerifyingKey<Sha256>, SignError> {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let public = rsa::RsaPublicKey::try_from(spki.owned_to_ref()).map_err(|_| SignError::UnsupportedKey)?;
    Ok(VerifyingKey::<Sha256>::new(public))
}

/// Checks an RSA PKCS#1 v1.5 SHA-256 signature with a certificate's key.
pub(crate) fn verify(cert: &Certificate, message: &[u8], sig: &[u8]) -> Result<(), SignError> {
    let key = rsa_verifying_key(cert)?;
    let sig = Signature::try_from(sig).map_err(|e| SignError::Failed(e.to_string()))?;
    key.verify(message, &sig).map_err(|e| SignError::Failed(e.to_string()))
}

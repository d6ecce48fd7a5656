//! The one signer interface and its PKCS#12 back end.

use rsa::RsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use sha2::{Digest as _, Sha256};
use signature::hazmat::PrehashSigner as _;
use signature::{SignatureEncoding, Signer as _};
use x509_cert::Certificate;
use x509_cert::der::Decode;

use crate::SignError;
use crate::algorithm::{KeyAlgorithm, verify};

/// A private key that signs, with its certificate. Implemented for a
/// PKCS#12 file ([`Pkcs12Signer`]) and, through the same calls, for a
/// PKCS#11 token or smart card.
pub trait KeySigner {
    /// The signing certificate first, then any issuing certificates that
    /// came with it.
    fn chain(&self) -> &[Certificate];

    /// A signature with SHA-256 over `message`, as CMS carries it: RSA
    /// PKCS#1 v1.5, or ECDSA in DER.
    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;

    /// The signing certificate.
    fn certificate(&self) -> &Certificate {
        &self.chain()[0]
    }

    /// The kind of key, as the certificate names it.
    fn algorithm(&self) -> Result<KeyAlgorithm, SignError> {
        KeyAlgorithm::of(self.certificate())
    }

    /// The key must be the certificate's: a test signature verified with
    /// the certificate's public key.
    fn check_pair(&self) -> Result<(), SignError> {
        let probe = b"saksbok: key and certificate";
        let sig = self.sign_sha256(probe)?;
        verify(self.certificate(), probe, &sig).map_err(|_| SignError::KeyMismatch)
    }
}

/// A private key from a PKCS#12 file, of one of the kinds Saksbok signs with.
enum PrivateKey {
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

impl PrivateKey {
    /// The key in a PKCS#8 `PrivateKeyInfo`: RSA, or EC on P-256 or P-384.
    fn from_pkcs8(der: &[u8]) -> Result<Self, SignError> {
        if let Ok(k) = RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(Self::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(k))));
        }
        if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
            return Ok(Self::P256(k.into()));
        }
        if let Ok(k) = p384::SecretKey::from_pkcs8_der(der) {
            return Ok(Self::P384(k.into()));
        }
        Err(SignError::UnsupportedKey)
    }

    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let failed = |e: signature::Error| SignError::Failed(e.to_string());
        Ok(match self {
            Self::Rsa(k) => k.try_sign(message).map_err(failed)?.to_vec(),
            Self::P256(k) => {
                let sig: p256::ecdsa::Signature = k.try_sign(message).map_err(failed)?;
                sig.to_der().to_vec()
            }
            Self::P384(k) => {
                // ecdsa-with-SHA256: the digest is SHA-256 whatever the curve.
                let sig: p384::ecdsa::Signature = k.sign_prehash(&Sha256::digest(message)).map_err(failed)?;
                sig.to_der().to_vec()
            }
        })
    }
}

/// A key and its certificate chain from a PKCS#12 file (.p12, .pfx).
pub struct Pkcs12Signer {
    key: PrivateKey,
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
    /// that is neither RSA nor EC on P-256 or P-384, or one that does not
    /// match its certificate: each has its own error.
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
        let key = PrivateKey::from_pkcs8(entry.key().as_der())?;
        let chain = entry
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()).map_err(|e| SignError::NotPkcs12(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let signer = Self { key, chain };
        signer.check_pair()?;
        Ok(signer)
    }
}

impl KeySigner for Pkcs12Signer {
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        self.key.sign_sha256(message)
    }
}

//! The kinds of key Saksbok signs with, and the check of a signature made
//! by one: RSA (PKCS#1 v1.5) and ECDSA on the NIST curves P-256 and P-384,
//! always over SHA-256 (the digest of every signature Saksbok makes). The
//! mathematics is RustCrypto's (`rsa`, `p256`, `p384`).

use der::oid::ObjectIdentifier;
use der::oid::db::rfc5912::{
    ECDSA_WITH_SHA_256, ID_EC_PUBLIC_KEY, RSA_ENCRYPTION, SECP_256_R_1, SECP_384_R_1, SHA_256_WITH_RSA_ENCRYPTION,
};
use der::referenced::OwnedToRef;
use sha2::Sha256;
use signature::Verifier as _;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::SignError;

/// A key's kind, as its certificate names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa,
    EcdsaP256,
    EcdsaP384,
}

impl KeyAlgorithm {
    /// The kind of the key in `cert`; `UnsupportedKey` for any other.
    pub fn of(cert: &Certificate) -> Result<Self, SignError> {
        let spki = &cert.tbs_certificate.subject_public_key_info;
        match spki.algorithm.oid {
            RSA_ENCRYPTION => Ok(Self::Rsa),
            ID_EC_PUBLIC_KEY => {
                let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                match curve {
                    Some(SECP_256_R_1) => Ok(Self::EcdsaP256),
                    Some(SECP_384_R_1) => Ok(Self::EcdsaP384),
                    _ => Err(SignError::UnsupportedKey),
                }
            }
            _ => Err(SignError::UnsupportedKey),
        }
    }

    /// The CMS signatureAlgorithm of a SHA-256 signature with this key
    /// (RFC 4055: RSA with NULL parameters; RFC 5758: ECDSA without).
    pub fn signature_algorithm(self) -> AlgorithmIdentifierOwned {
        match self {
            Self::Rsa => {
                AlgorithmIdentifierOwned { oid: SHA_256_WITH_RSA_ENCRYPTION, parameters: Some(der::Any::null()) }
            }
            Self::EcdsaP256 | Self::EcdsaP384 => AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA_256, parameters: None },
        }
    }

    /// An ECDSA signature as a token gives it (r and s, each as wide as
    /// the curve) in the DER form CMS wants; RSA signatures unchanged.
    pub fn der_signature(self, raw: &[u8]) -> Result<Vec<u8>, SignError> {
        let bad = |e: signature::Error| SignError::Failed(format!("ugyldig ECDSA-signatur frå nøkkelen: {e}"));
        Ok(match self {
            Self::Rsa => raw.to_vec(),
            Self::EcdsaP256 => p256::ecdsa::Signature::from_slice(raw).map_err(bad)?.to_der().as_bytes().to_vec(),
            Self::EcdsaP384 => p384::ecdsa::Signature::from_slice(raw).map_err(bad)?.to_der().as_bytes().to_vec(),
        })
    }
}

fn failed(e: impl std::fmt::Display) -> SignError {
    SignError::Failed(e.to_string())
}

/// Checks a SHA-256 signature over `message` (RSA PKCS#1 v1.5, or ECDSA
/// in DER) with the key of `cert`.
pub fn verify(cert: &Certificate, message: &[u8], sig: &[u8]) -> Result<(), SignError> {
    let spki = cert.tbs_certificate.subject_public_key_info.owned_to_ref();
    match KeyAlgorithm::of(cert)? {
        KeyAlgorithm::Rsa => {
            let public = rsa::RsaPublicKey::try_from(spki).map_err(|_| SignError::UnsupportedKey)?;
            let sig = rsa::pkcs1v15::Signature::try_from(sig).map_err(failed)?;
            rsa::pkcs1v15::VerifyingKey::<Sha256>::new(public).verify(message, &sig).map_err(failed)
        }
        KeyAlgorithm::EcdsaP256 => {
            let key = p256::ecdsa::VerifyingKey::try_from(spki).map_err(|_| SignError::UnsupportedKey)?;
            let sig = p256::ecdsa::DerSignature::try_from(sig).map_err(failed)?;
            key.verify(message, &sig).map_err(failed)
        }
        KeyAlgorithm::EcdsaP384 => {
            // P-384 over a SHA-256 digest: the prehash is SHA-256, not the curve's own SHA-384.
            use sha2::Digest as _;
            use signature::hazmat::PrehashVerifier as _;
            let key = p384::ecdsa::VerifyingKey::try_from(spki).map_err(|_| SignError::UnsupportedKey)?;
            let sig = p384::ecdsa::DerSignature::try_from(sig).map_err(failed)?;
            key.verify_prehash(&Sha256::digest(message), &sig).map_err(failed)
        }
    }
}

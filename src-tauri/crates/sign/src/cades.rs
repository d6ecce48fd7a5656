//! The CMS signature of a PAdES baseline B-B signature
//! (ETSI EN 319 142-1, CAdES detached): SignedData over the PDF's byte
//! ranges' SHA-256, signed attributes content-type, message-digest and
//! signing-certificate-v2 (which binds the signer's certificate), no
//! signing-time attribute (PAdES puts the claimed time in the signature
//! dictionary's /M), the certificates that came with the key; and, for B-T,
//! a signature time stamp from an RFC 3161 authority (unsigned attribute).
//!
//! Built with the RustCrypto `cms` builder; the signature itself comes from
//! the [`KeySigner`].

use std::cell::RefCell;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfos};
use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::oid::db::rfc5911::ID_DATA;
use der::oid::db::rfc5912::ID_SHA_256;
use der::{Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;

use crate::SignError;
use crate::algorithm::KeyAlgorithm;
use crate::signer::KeySigner;

/// id-aa-signingCertificateV2 (RFC 5035).
pub const ID_AA_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// IssuerSerial (RFC 5035): the issuer's name and the serial number.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerSerial {
    pub issuer: Vec<GeneralName>,
    pub serial_number: x509_cert::serial_number::SerialNumber,
}

/// ESSCertIDv2 with the default hash algorithm (SHA-256), left out as DER
/// requires.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    pub cert_hash: OctetString,
    pub issuer_serial: Option<IssuerSerial>,
}

/// SigningCertificateV2 (RFC 5035), without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
}

fn failed(e: impl std::fmt::Display) -> SignError {
    SignError::Failed(e.to_string())
}

/// The signing-certificate-v2 attribute for `cert`.
pub fn signing_certificate_v2(cert: &Certificate) -> Result<Attribute, SignError> {
    let der = cert.to_der().map_err(failed)?;
    let id = EssCertIdV2 {
        cert_hash: OctetString::new(Sha256::digest(&der).to_vec()).map_err(failed)?,
        issuer_serial: Some(IssuerSerial {
            issuer: vec![GeneralName::DirectoryName(cert.tbs_certificate.issuer.clone())],
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
    };
    let value = SigningCertificateV2 { certs: vec![id] };
    let any = Any::encode_from(&value).map_err(failed)?;
    let mut values = SetOfVec::new();
    values.insert(any).map_err(failed)?;
    Ok(Attribute { oid: ID_AA_SIGNING_CERTIFICATE_V2, values })
}

/// A signature as the key made it (RSA PKCS#1 v1.5, or ECDSA in DER),
/// carried into the SignerInfo's signature value as it is.
#[derive(Clone, Debug)]
struct RawSignature(Vec<u8>);

impl TryFrom<&[u8]> for RawSignature {
    type Error = signature::Error;

    fn try_from(bytes: &[u8]) -> Result<Self, Self::Error> {
        Ok(Self(bytes.to_vec()))
    }
}

impl From<RawSignature> for Vec<u8> {
    fn from(s: RawSignature) -> Self {
        s.0
    }
}

impl signature::SignatureEncoding for RawSignature {
    type Repr = Vec<u8>;
}

impl spki::SignatureBitStringEncoding for RawSignature {
    fn to_bitstring(&self) -> der::Result<der::asn1::BitString> {
        der::asn1::BitString::from_bytes(&self.0)
    }
}

/// The `cms` builder's view of a [`KeySigner`]: a key of a known kind that
/// signs with SHA-256. The signer's own error is kept, since the builder
/// only reports that something failed.
struct CmsKey<'a> {
    signer: &'a dyn KeySigner,
    algorithm: KeyAlgorithm,
    error: RefCell<Option<SignError>>,
}

impl signature::Keypair for CmsKey<'_> {
    /// The builder never asks for the public key; the certificate carries it.
    type VerifyingKey = ();

    fn verifying_key(&self) -> Self::VerifyingKey {}
}

impl spki::DynSignatureAlgorithmIdentifier for CmsKey<'_> {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        Ok(self.algorithm.signature_algorithm())
    }
}

impl signature::Signer<RawSignature> for CmsKey<'_> {
    fn try_sign(&self, msg: &[u8]) -> Result<RawSignature, signature::Error> {
        match self.signer.sign_sha256(msg) {
            Ok(bytes) => Ok(RawSignature(bytes)),
            Err(e) => {
                *self.error.borrow_mut() = Some(e);
                Err(signature::Error::new())
            }
        }
    }
}

/// The DER of a CMS ContentInfo (SignedData, detached) signing `digest`,
/// the SHA-256 of the signed bytes; with a time-stamp authority's URL, the
/// signature value is time-stamped (PAdES B-T).
pub fn signed_data(signer: &dyn KeySigner, digest: &[u8; 32], tsa: Option<&str>) -> Result<Vec<u8>, SignError> {
    let cert = signer.certificate();
    let key = CmsKey { signer, algorithm: signer.algorithm()?, error: RefCell::new(None) };
    let content = EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None };
    let sha256 = AlgorithmIdentifierOwned { oid: ID_SHA_256, parameters: None };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let mut info = SignerInfoBuilder::new(&key, sid, sha256.clone(), &content, Some(digest)).map_err(failed)?;
    info.add_signed_attribute(signing_certificate_v2(cert)?).map_err(failed)?;
    let mut builder = SignedDataBuilder::new(&content);
    builder.add_digest_algorithm(sha256).map_err(failed)?;
    for c in signer.chain() {
        builder.add_certificate(CertificateChoices::Certificate(c.clone())).map_err(failed)?;
    }
    if let Err(e) = builder.add_signer_info::<_, RawSignature>(info) {
        return Err(key.error.borrow_mut().take().unwrap_or_else(|| failed(e)));
    }
    let mut info = builder.build().map_err(failed)?;
    if let Some(url) = tsa {
        let mut sd: SignedData = info.content.decode_as().map_err(failed)?;
        let mut infos = sd.signer_infos.0.into_vec();
        let token = crate::tsa::time_stamp(url, infos[0].signature.as_bytes())?;
        let mut values = SetOfVec::new();
        values.insert(Any::encode_from(&token).map_err(failed)?).map_err(failed)?;
        let mut unsigned = SetOfVec::new();
        unsigned.insert(Attribute { oid: crate::tsa::ID_AA_SIGNATURE_TIME_STAMP_TOKEN, values }).map_err(failed)?;
        infos[0].unsigned_attrs = Some(unsigned);
        sd.signer_infos = SignerInfos(SetOfVec::try_from(infos).map_err(failed)?);
        info.content = Any::encode_from(&sd).map_err(failed)?;
    }
    info.to_der().map_err(failed)
}

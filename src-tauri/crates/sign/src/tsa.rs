//! RFC 3161 time stamps for PAdES B-T: the SHA-256 of a signature value is
//! sent to a time-stamp authority (HTTP POST, application/timestamp-query),
//! and the token it returns — checked to be for exactly that value, with
//! our nonce — is added to the signature as its signature-time-stamp
//! attribute. ASN.1 by RustCrypto `x509-tsp`, HTTP by `ureq`.

use std::time::Duration;

use cmpv2::status::PkiStatus;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::{GeneralizedTime, Int, OctetString};
use der::oid::ObjectIdentifier;
use der::oid::db::rfc5912::ID_SHA_256;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use crate::SignError;

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A).
pub const ID_AA_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-ct-TSTInfo.
const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

fn failed(url: &str, why: impl std::fmt::Display) -> SignError {
    SignError::Tsa { url: url.to_string(), why: why.to_string() }
}

/// The time-stamp information inside a token.
pub fn tst_info(token: &ContentInfo) -> Result<TstInfo, String> {
    let sd: SignedData = token.content.decode_as().map_err(|e| e.to_string())?;
    if sd.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return Err("tidsstempelet er ikkje TSTInfo".into());
    }
    let content = sd.encap_content_info.econtent.ok_or("tidsstempelet er tomt")?;
    let bytes = content.decode_as::<OctetString>().map_err(|e| e.to_string())?;
    TstInfo::from_der(bytes.as_bytes()).map_err(|e| e.to_string())
}

/// `GeneralizedTime` as "04.12.2026 10:40:34 UTC".
pub fn show_time(t: &GeneralizedTime) -> String {
    let secs = t.to_unix_duration().as_secs() as i64;
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |d| d.format("%d.%m.%Y %H:%M:%S UTC").to_string())
}

/// Asks the time-stamp authority at `url` for a time stamp of `signature`
/// (a signature value) and returns the token after checking that it stamps
/// exactly that value and answers our request.
pub fn time_stamp(url: &str, signature: &[u8]) -> Result<ContentInfo, SignError> {
    let imprint = Sha256::digest(signature);
    // A nonce to match the answer to this request: time and value, not a secret.
    let mut nonce = Sha256::new();
    nonce.update(signature);
    nonce.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
    let mut n = nonce.finalize()[..8].to_vec();
    n[0] &= 0x7f;
    n[0] |= 0x01;
    let nonce = Int::new(&n).map_err(|e| failed(url, e))?;
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifier { oid: ID_SHA_256, parameters: None },
            hashed_message: OctetString::new(imprint.to_vec()).map_err(|e| failed(url, e))?,
        },
        req_policy: None,
        nonce: Some(nonce.clone()),
        cert_req: true,
        extensions: None,
    };
    let body = req.to_der().map_err(|e| failed(url, e))?;
    let agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(20))).build().new_agent();
    let mut resp = agent
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .send(&body[..])
        .map_err(|e| failed(url, e))?;
    let bytes = resp.body_mut().with_config().limit(1 << 20).read_to_vec().map_err(|e| failed(url, e))?;
    let answer =
        TimeStampResp::from_der(&bytes).map_err(|e| failed(url, format!("svaret er ikkje eit tidsstempel ({e})")))?;
    if !matches!(answer.status.status, PkiStatus::Accepted | PkiStatus::GrantedWithMods) {
        return Err(failed(url, format!("tenesta avviste førespurnaden ({:?})", answer.status.status)));
    }
    let token = answer.time_stamp_token.ok_or_else(|| failed(url, "svaret har ikkje noko tidsstempel"))?;
    let info = tst_info(&token).map_err(|e| failed(url, e))?;
    if info.message_imprint.hashed_message.as_bytes() != imprint.as_slice() {
        return Err(failed(url, "tidsstempelet gjeld ein annan signatur"));
    }
    if info.nonce.as_ref() != Some(&nonce) {
        return Err(failed(url, "tidsstempelet svarar ikkje på denne førespurnaden"));
    }
    Ok(token)
}

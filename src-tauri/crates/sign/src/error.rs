//! What can go wrong when signing, in words a clerk understands (Nynorsk),
//! with a stable code for the window and the command line.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SignError {
    #[error("Passordet til sertifikatfila er feil.")]
    WrongPassword,
    #[error("Fila er ikkje ei sertifikatfil (PKCS#12, .p12 eller .pfx) Saksbok kan lese: {0}")]
    NotPkcs12(String),
    #[error("Sertifikatfila har ingen privat nøkkel med sertifikat. Bruk fila du fekk med nøkkelen (.p12 eller .pfx).")]
    NoPrivateKey,
    #[error(
        "Saksbok kan ikkje signere med denne nøkkeltypen. Nøkkelen må vere ein RSA-nøkkel eller ein EC-nøkkel på kurva P-256 eller P-384."
    )]
    UnsupportedKey,
    #[error("Den private nøkkelen høyrer ikkje til sertifikatet i fila.")]
    KeyMismatch,
    #[error("Sertifikatet til {name} er ikkje gyldig før {from}.")]
    NotYetValid { name: String, from: String },
    #[error("Sertifikatet til {name} gjekk ut {until}.")]
    Expired { name: String, until: String },
    #[error("Fila er ikkje ein PDF Saksbok kan lese: {0}")]
    NotPdf(String),
    #[error("Protokollen har ingen ledig underskriftsfelt: alle som skal skrive under, har alt signert.")]
    NoEmptyField,
    #[error("Protokollen har inga underskriftsline for {name}. Ledige liner: {free}. Vel ei av dei.")]
    NoFieldFor { name: String, free: String },
    #[error("Protokollen har ikkje underskriftsfeltet «{0}».")]
    UnknownField(String),
    #[error("Underskriftsfeltet «{0}» er alt signert.")]
    FieldSigned(String),
    #[error("Signeringa feila: {0}")]
    Failed(String),
    #[error("PIN-koden er feil.")]
    WrongPin,
    #[error("PIN-koden er sperra etter for mange feil forsøk. Kontakt den som gav deg kortet.")]
    PinLocked,
    #[error("Kan ikkje lasta PKCS#11-modulen {module}: {why}")]
    Module { module: String, why: String },
    #[error("Fann ikkje kortet eller brikka «{wanted}». Det som er sett inn: {found}.")]
    NoToken { wanted: String, found: String },
    #[error("Kortet har ikkje noko sertifikat til nøkkelen.")]
    NoCertificate,
    #[error("Kortet eller brikka svarte med ein feil: {0}")]
    Token(String),
    #[error("Tidsstempeltenesta {url} gav ikkje noko tidsstempel: {why}. Ingenting er signert.")]
    Tsa { url: String, why: String },
}

impl SignError {
    /// The stable code the window and the command line see.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WrongPassword => "sign_wrong_password",
            Self::NotPkcs12(_) => "sign_not_pkcs12",
            Self::NoPrivateKey => "sign_no_private_key",
            Self::UnsupportedKey => "sign_unsupported_key",
            Self::KeyMismatch => "sign_key_mismatch",
            Self::NotYetValid { .. } => "sign_not_yet_valid",
            Self::Expired { .. } => "sign_expired",
            Self::NotPdf(_) => "sign_not_pdf",
            Self::NoEmptyField => "sign_no_empty_field",
            Self::NoFieldFor { .. } => "sign_no_field_for",
            Self::UnknownField(_) => "sign_unknown_field",
            Self::FieldSigned(_) => "sign_field_signed",
            Self::Failed(_) => "sign_failed",
            Self::WrongPin => "sign_wrong_pin",
            Self::PinLocked => "sign_pin_locked",
            Self::Module { .. } => "sign_module",
            Self::NoToken { .. } => "sign_no_token",
            Self::NoCertificate => "sign_no_certificate",
            Self::Token(_) => "sign_token",
            Self::Tsa { .. } => "sign_tsa",
        }
    }
}

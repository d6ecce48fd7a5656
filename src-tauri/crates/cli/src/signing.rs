//! `saksbok sign` and `saksbok verify`: one signature added to a protocol
//! PDF; a PDF checked against the kept protocols and its signatures.

use std::path::PathBuf;

use chrono::Utc;
use saksbok_sign::verify::verify_protocol;
use saksbok_sign::{KeySigner, Pkcs11Signer, Pkcs12Signer, SignRequest, sign_pdf};
use saksbok_store::protocols::find_kept;

/// Where the signing key is.
pub enum Key {
    /// A PKCS#12 file and the environment variable with its password.
    Pkcs12 { file: PathBuf, password_env: Option<String> },
    /// A token through its PKCS#11 module, and the variable with its PIN.
    Pkcs11 { module: PathBuf, token: Option<String>, key: Option<String>, pin_env: Option<String> },
}

/// What `sign` was given.
pub struct SignArgs {
    pub file: PathBuf,
    pub key: Key,
    pub field: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub tsa: Option<String>,
    pub output: PathBuf,
}

/// Signs `file` into `output` (which must not exist): nothing is written
/// when anything is wrong.
pub fn sign(a: &SignArgs) -> Result<(), String> {
    if a.output.exists() {
        return Err(format!("{} finst frå før; vel eit anna namn, så ingenting vert skrive over.", a.output.display()));
    }
    let secret = |var: &Option<String>, what: &str, flag: &str| match var {
        Some(var) => std::env::var(var).map_err(|_| format!("Miljøvariabelen {var} med {what} er ikkje sett.")),
        None => Err(format!("Sei kva miljøvariabel som har {what}: {flag} VAR.")),
    };
    let signer: Box<dyn KeySigner> = match &a.key {
        Key::Pkcs12 { file, password_env } => {
            let password = secret(password_env, "passordet til sertifikatfila", "--password-env")?;
            let p12 = std::fs::read(file).map_err(|e| format!("Kan ikkje lese {}: {e}", file.display()))?;
            Box::new(Pkcs12Signer::open(&p12, &password).map_err(|e| e.to_string())?)
        }
        Key::Pkcs11 { module, token, key, pin_env } => {
            let pin = secret(pin_env, "PIN-koden", "--pin-env")?;
            Box::new(Pkcs11Signer::open(module, token.as_deref(), &pin, key.as_deref()).map_err(|e| e.to_string())?)
        }
    };
    let pdf = std::fs::read(&a.file).map_err(|e| format!("Kan ikkje lese {}: {e}", a.file.display()))?;
    let req = SignRequest {
        field: a.field.as_deref(),
        when: Utc::now(),
        reason: a.reason.as_deref(),
        location: a.location.as_deref(),
        tsa: a.tsa.as_deref(),
    };
    let signed = sign_pdf(&pdf, signer.as_ref(), &req).map_err(|e| e.to_string())?;
    saksbok_protocol::save_atomically(&a.output, &signed)
        .map_err(|e| format!("Kan ikkje skrive {}: {e}", a.output.display()))?;
    let fields = saksbok_sign::pdf::fields_of(&signed).map_err(|e| e.to_string())?;
    let done = fields.iter().filter(|f| f.signed).count();
    out!(
        "Signert av {} → {} ({done} av {} underskrifter).",
        saksbok_sign::pdf::common_name(signer.certificate()),
        a.output.display(),
        fields.len()
    );
    Ok(())
}

/// Checks `file`; prints what it is and its signatures; an error (exit 1)
/// with the reason when it is not a kept protocol or one plus valid
/// signatures.
pub fn verify(store: &saksbok_store::Store, file: &std::path::Path, json: bool) -> Result<(), String> {
    let pdf = std::fs::read(file).map_err(|e| format!("Kan ikkje lese {}: {e}", file.display()))?;
    let mut lookup_error = None;
    let v = verify_protocol(&pdf, |sha| {
        find_kept(store.conn(), sha).unwrap_or_else(|e| {
            lookup_error = Some(e.to_string());
            None
        })
    });
    if let Some(e) = lookup_error {
        return Err(e);
    }
    if json {
        out!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
    } else {
        let what = v
            .protocol
            .as_ref()
            .map_or_else(|| format!("Ukjend fil: {}", file.display()), saksbok_store::protocols::KeptPrint::describe);
        out!("{what}");
        if v.signatures.is_empty() {
            out!("Ingen underskrifter.");
        } else {
            out!("Underskrifter:");
            for s in &v.signatures {
                let when = s.signed_at.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
                let when = match &s.timestamp {
                    Some(t) => format!("{when} (tidsstempel {t})"),
                    None => when,
                };
                let state = match (&s.problem, s.whole_file) {
                    (Some(why), _) => format!("IKKJE GYLDIG ({why})"),
                    (None, true) => "gyldig, dekkjer heile fila".to_string(),
                    (None, false) => "gyldig, dekkjer revisjonen før".to_string(),
                };
                out!("  {}: {}{when} – {state}", s.field, s.signer);
            }
        }
    }
    match v.problem {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

//! A test PKI made at test time with the openssl command (no private key is
//! committed), and the validators a records office would use: poppler's
//! pdfsig and pyHanko.

#![allow(dead_code, reason = "each test file uses its own part of this")]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PASSWORD: &str = "hemmeleg passord";

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A test CA in `dir` and signatory certificates issued by it.
pub struct TestPki {
    pub dir: PathBuf,
}

impl TestPki {
    pub fn new(dir: &Path) -> Self {
        run(Command::new("openssl").current_dir(dir).args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-subj",
            "/CN=Saksbok test-CA/O=Luster kommune",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]));
        Self { dir: dir.to_path_buf() }
    }

    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// A PKCS#12 file with `name`'s key, certificate and the CA, protected
    /// by [`PASSWORD`].
    pub fn signatory(&self, name: &str) -> PathBuf {
        let stem = name.replace(' ', "-").to_lowercase();
        let (key, csr, pem, p12, ext) = (
            format!("{stem}.key"),
            format!("{stem}.csr"),
            format!("{stem}.pem"),
            format!("{stem}.p12"),
            format!("{stem}.ext"),
        );
        let d = &self.dir;
        std::fs::write(
            d.join(&ext),
            "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n\
             subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
        )
        .unwrap();
        let subj = format!("/CN={name}/O=Luster kommune");
        run(Command::new("openssl")
            .current_dir(d)
            .args(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-subj", &subj]));
        run(Command::new("openssl").current_dir(d).args([
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            &pem,
            "-days",
            "365",
            "-extfile",
            &ext,
        ]));
        run(Command::new("openssl").current_dir(d).args([
            "pkcs12",
            "-export",
            "-inkey",
            &key,
            "-in",
            &pem,
            "-certfile",
            "ca.pem",
            "-name",
            name,
            "-out",
            &p12,
            "-passout",
            &format!("pass:{PASSWORD}"),
        ]));
        d.join(p12)
    }
}

/// pdfsig's report of a file.
pub fn pdfsig(file: &Path) -> String {
    let out = Command::new("pdfsig").arg(file).output().expect("pdfsig (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// pyHanko: `.tools/pyhanko` (made by .ci/setup), else on the PATH.
pub fn pyhanko() -> PathBuf {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../.tools/pyhanko/bin/pyhanko");
    if local.is_file() { local } else { PathBuf::from("pyhanko") }
}

/// pyHanko's executive summary with `ca` trusted: one line per signature.
pub fn pyhanko_validate(file: &Path, ca: &Path) -> (bool, String) {
    let out = Command::new(pyhanko())
        .args(["sign", "validate", "--trust"])
        .arg(ca)
        .args(["--trust-replace", "--no-revocation-check", "--executive-summary"])
        .arg(file)
        .output()
        .expect("pyhanko must be installed (bash .ci/setup puts it in .tools/pyhanko)");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

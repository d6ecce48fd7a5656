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

/// The kind of a test key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Rsa,
    P256,
    P384,
}

impl Key {
    /// openssl's `-newkey` arguments for it.
    fn newkey(self) -> &'static [&'static str] {
        match self {
            Self::Rsa => &["rsa:2048"],
            Self::P256 => &["ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
            Self::P384 => &["ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
        }
    }
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

    /// A key and a certificate for `name` issued by the CA with the
    /// extensions `ext` (one per line): `{stem}.key` and `{stem}.pem`.
    pub fn issue(&self, name: &str, ext: &str) -> (PathBuf, PathBuf) {
        self.issue_key(name, ext, Key::Rsa)
    }

    /// The same with a key of the given kind.
    pub fn issue_key(&self, name: &str, ext: &str, kind: Key) -> (PathBuf, PathBuf) {
        let stem = name.replace(' ', "-").to_lowercase();
        let (key, csr, pem, extfile) =
            (format!("{stem}.key"), format!("{stem}.csr"), format!("{stem}.pem"), format!("{stem}.ext"));
        let d = &self.dir;
        std::fs::write(
            d.join(&extfile),
            format!("{ext}basicConstraints=CA:FALSE\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"),
        )
        .unwrap();
        let subj = format!("/CN={name}/O=Luster kommune");
        run(Command::new("openssl")
            .current_dir(d)
            .args(["req", "-newkey"])
            .args(kind.newkey())
            .args(["-nodes", "-keyout", &key, "-out", &csr, "-subj", &subj]));
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
            &extfile,
        ]));
        (d.join(key), d.join(pem))
    }

    /// A PKCS#12 file with `name`'s key, certificate and the CA, protected
    /// by [`PASSWORD`].
    pub fn signatory(&self, name: &str) -> PathBuf {
        self.signatory_key(name, Key::Rsa)
    }

    /// The same with a key of the given kind.
    pub fn signatory_key(&self, name: &str, kind: Key) -> PathBuf {
        let (key, pem) = self.issue_key(name, "keyUsage=critical,digitalSignature,nonRepudiation\n", kind);
        let p12 = self.dir.join(format!("{}.p12", name.replace(' ', "-").to_lowercase()));
        run(Command::new("openssl")
            .args(["pkcs12", "-export", "-inkey"])
            .arg(&key)
            .arg("-in")
            .arg(&pem)
            .arg("-certfile")
            .arg(self.ca())
            .args(["-name", name, "-out"])
            .arg(&p12)
            .args(["-passout", &format!("pass:{PASSWORD}")]));
        p12
    }
}

/// A local RFC 3161 time-stamp authority for the tests: `openssl ts -reply`
/// behind a small HTTP handler on 127.0.0.1, with a TSA certificate from
/// the test CA. Answers until the test process ends.
pub struct TestTsa {
    pub url: String,
}

impl TestTsa {
    pub fn start(pki: &TestPki) -> Self {
        let (key, pem) = pki
            .issue("Saksbok test-TSA", "extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n");
        let dir = pki.dir.join("tsa");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("serial"), "01\n").unwrap();
        std::fs::write(
            dir.join("tsa.cnf"),
            format!(
                "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\nserial = {}\ncrypto_device = builtin\n\
                 signer_cert = {}\nsigner_key = {}\ncerts = {}\nsigner_digest = sha256\n\
                 default_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\nordering = no\ntsa_name = no\n\
                 ess_cert_id_chain = no\ness_cert_id_alg = sha256\n",
                dir.join("serial").display(),
                pem.display(),
                key.display(),
                pki.ca().display()
            ),
        )
        .unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/tsa", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { continue };
                let _ = answer(stream, &dir, n);
            }
        });
        Self { url }
    }
}

fn answer(mut stream: std::net::TcpStream, dir: &Path, n: usize) -> std::io::Result<()> {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (query, reply) = (dir.join(format!("q{n}.tsq")), dir.join(format!("r{n}.tsr")));
    std::fs::write(&query, &body)?;
    let out = Command::new("openssl")
        .args(["ts", "-reply", "-config"])
        .arg(dir.join("tsa.cnf"))
        .arg("-queryfile")
        .arg(&query)
        .arg("-out")
        .arg(&reply)
        .output()?;
    let (status, bytes) = if out.status.success() {
        ("200 OK", std::fs::read(&reply)?)
    } else {
        ("500 Internal Server Error", out.stderr)
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bytes.len()
    )?;
    stream.write_all(&bytes)
}

/// The sample meeting's møtebok as approved, with one empty signature line
/// for each of `signatories`, rendered at a fixed time.
pub fn approved_moteprotokoll(signatories: &[&str]) -> Vec<u8> {
    use chrono::TimeZone;
    let mut m = saksbok_core::sample::SampleMeeting::new(0).minutes();
    m.signatories = saksbok_core::minutes::Signatory::named(signatories);
    let at = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 10, 30, 0).unwrap();
    saksbok_protocol::render_moteprotokoll(&m, saksbok_protocol::content::MinutesStyle::default(), at).pdf
}

/// pdfsig's report of a file.
pub fn pdfsig(file: &Path) -> String {
    let out = Command::new("pdfsig").arg(file).output().expect("pdfsig (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of every page, as poppler's pdftotext reads it (widget appearances included).
pub fn pdftotext(file: &Path) -> String {
    let out =
        Command::new("pdftotext").arg(file).arg("-").output().expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "{out:?}");
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

/// SoftHSM2's PKCS#11 module, as Debian installs it.
pub fn softhsm_module() -> PathBuf {
    ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("SoftHSM2 must be installed (apt softhsm2; bash .ci/setup installs it)")
}

/// A SoftHSM2 token of its own in `dir` (its configuration in
/// `softhsm2.conf`, for SOFTHSM2_CONF), labelled "Saksbok", holding a
/// signatory's key and certificate from `pki` under the key label `name`.
pub struct SoftHsm {
    pub conf: PathBuf,
    pub module: PathBuf,
}

pub const PIN: &str = "123456";

impl SoftHsm {
    pub fn new(dir: &Path, pki: &TestPki, name: &str) -> Self {
        Self::with_keys(dir, pki, &[(name, Key::Rsa)])
    }

    /// A token "Saksbok" holding each signatory's key and certificate (ids 01, 02, …).
    pub fn with_keys(dir: &Path, pki: &TestPki, keys: &[(&str, Key)]) -> Self {
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        let conf = dir.join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", tokens.display()),
        )
        .unwrap();
        let module = softhsm_module();
        let softhsm = |args: &[&str]| {
            run(Command::new("softhsm2-util").env("SOFTHSM2_CONF", &conf).args(args));
        };
        softhsm(&["--init-token", "--free", "--label", "Saksbok", "--so-pin", "654321", "--pin", PIN]);
        for (n, (name, kind)) in keys.iter().enumerate() {
            pki.signatory_key(name, *kind);
            let stem = name.replace(' ', "-").to_lowercase();
            let key = pki.dir.join(format!("{stem}.key"));
            let pem = pki.dir.join(format!("{stem}.pem"));
            let der = pki.dir.join(format!("{stem}.der"));
            let id = format!("{:02}", n + 1);
            run(Command::new("openssl").args(["x509", "-in"]).arg(&pem).args(["-outform", "DER", "-out"]).arg(&der));
            softhsm(&[
                "--import",
                key.to_str().unwrap(),
                "--token",
                "Saksbok",
                "--label",
                name,
                "--id",
                &id,
                "--pin",
                PIN,
            ]);
            run(Command::new("pkcs11-tool")
                .env("SOFTHSM2_CONF", &conf)
                .arg("--module")
                .arg(&module)
                .args(["--token-label", "Saksbok", "--login", "--pin", PIN, "--write-object"])
                .arg(&der)
                .args(["--type", "cert", "--id", &id, "--label", name]));
        }
        Self { conf, module }
    }
}

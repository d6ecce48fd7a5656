//! Helpers for the end-to-end tests (src-tauri/tests/e2e.rs): a virtual
//! display and tauri-driver. Each helper process is stopped when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_path_buf()
}

/// tauri-driver: `TAURI_DRIVER` or `.tools/bin/tauri-driver` (installed by .ci/setup) or on PATH.
pub fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let local = root().join(".tools/bin/tauri-driver");
    if local.exists() { local } else { PathBuf::from("tauri-driver") }
}

/// Where screenshots go for people to look at.
pub fn screenshot_dir() -> PathBuf {
    let d = root().join("target/e2e-screenshots");
    std::fs::create_dir_all(&d).expect("screenshot directory");
    d
}

/// A child process, started in a process group of its own, that is stopped
/// with everything it started (tauri-driver starts WebKitWebDriver, which
/// starts the app) when dropped.
#[derive(Debug)]
pub struct Guard(pub Child);

impl Guard {
    fn spawn(cmd: &mut Command) -> std::io::Result<Self> {
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(cmd, 0);
        cmd.spawn().map(Self)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            let group = format!("-{}", self.0.id());
            let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
            std::thread::sleep(Duration::from_millis(200));
            let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "{what} did not start within {timeout:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts Xvfb on a free display; returns it with its number.
pub fn xvfb() -> (Guard, String) {
    for n in 90..140 {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            continue;
        }
        let guard = Guard::spawn(
            Command::new("Xvfb")
                .args([format!(":{n}").as_str(), "-screen", "0", "1280x860x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .expect("Xvfb must be installed (apt-get install xvfb)");
        let socket = format!("/tmp/.X11-unix/X{n}");
        wait_for("Xvfb", Duration::from_secs(10), || Path::new(&socket).exists());
        return (guard, format!(":{n}"));
    }
    panic!("no free X display between :90 and :139");
}

/// Starts tauri-driver on free ports with the given environment; returns it
/// with its WebDriver URL.
pub fn driver(display: &str, env: &[(&str, &Path)]) -> (Guard, String) {
    let port = free_port();
    let native = free_port();
    let mut cmd = Command::new(tauri_driver());
    cmd.args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("DISPLAY", display)
        .env_remove("SAKSBOK_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let guard = Guard::spawn(&mut cmd).expect("tauri-driver must be installed (see .ci/setup)");
    wait_for("tauri-driver", Duration::from_secs(30), || TcpStream::connect(("127.0.0.1", port)).is_ok());
    // tauri-driver forwards to WebKitWebDriver, which starts a moment later.
    wait_for("WebKitWebDriver", Duration::from_secs(30), || TcpStream::connect(("127.0.0.1", native)).is_ok());
    (guard, format!("http://127.0.0.1:{port}"))
}

/// The PDF that CUPS's cups-pdf printer (set up by .ci/setup) wrote to
/// ~/PDF for a job sent after `since`: the newest there, once its size has
/// stopped changing. Panics after a minute without one.
pub fn cups_pdf_output(since: std::time::SystemTime) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).expect("HOME is set");
    let dir = home.join("PDF");
    let until = Instant::now() + Duration::from_secs(60);
    let mut last: Option<(PathBuf, u64)> = None;
    loop {
        let newest = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| Some((e.path(), e.metadata().ok()?)))
            .filter(|(p, m)| p.extension().is_some_and(|x| x == "pdf") && m.modified().is_ok_and(|t| t >= since))
            .max_by_key(|(_, m)| m.modified().ok());
        if let Some((path, meta)) = newest {
            if last.as_ref().is_some_and(|(p, size)| *p == path && *size == meta.len() && meta.len() > 0) {
                return path;
            }
            last = Some((path, meta.len()));
        }
        assert!(Instant::now() < until, "cups-pdf wrote nothing to {} within a minute", dir.display());
        std::thread::sleep(Duration::from_millis(500));
    }
}

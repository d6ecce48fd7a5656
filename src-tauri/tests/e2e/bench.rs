//! Start-up and memory: from the WebDriver session request (the app is
//! launched; the display and the driver are up before) to the case list
//! drawn, and the resident memory of the app and
//! its WebKit processes once it is shown, in all and by process — each against the same binary
//! started with `--blank-window` (the same window with an empty page), the
//! cost of Tauri and WebKit themselves. A benchmark, not a test: it prints
//! figures and asserts only that each screen appears.
//!
//! Runs with the demo register; with `SAKSBOK_BENCH_DB` naming a database it
//! also opens that, e.g. the 100 000 cases the store bench leaves behind with
//! `SAKSBOK_BENCH_KEEP=/tmp/100k.sqlite3 cargo bench -p saksbok-store`.
//! `SAKSBOK_BENCH_RUNS` sets the number of starts of each (default 5).

use std::path::PathBuf;
use std::time::Instant;

use chrono::Utc;
use saksbok_store::{Actor, Store};

use saksbok_tests::{driver, xvfb};

use crate::common::*;

/// Resolves once an element with the marker's test id is in the document
/// and two animation frames have passed since (it has been drawn): watched
/// in the page at every change of the DOM, so the figure is not rounded up
/// to a polling interval. Returns the page's clock: [time origin (ms since
/// the epoch), DOM ready, marker drawn, marker found, this script began]
/// (ms since the time origin). WebDriver runs it once the page has loaded,
/// so a marker found at once was there before.
const SHOWN: &str = "const began = performance.now(); const [id, done] = arguments; \
    if (location.href === 'about:blank') { done([0, 0, 0, 0, 0]); return; } \
    const found = () => document.querySelector(`[data-testid='${id}']`); \
    const drawn = () => { const at = performance.now(); \
      requestAnimationFrame(() => requestAnimationFrame(() => { \
        const n = performance.getEntriesByType('navigation')[0]; \
        done([performance.timeOrigin, n ? n.domContentLoadedEventEnd : 0, performance.now(), at, began]); \
      })); }; \
    if (found()) { drawn(); return; } \
    const watch = new MutationObserver(() => { if (found()) { watch.disconnect(); drawn(); } }); \
    watch.observe(document, { childList: true, subtree: true });";

/// When the page marked `name` (ms since its time origin); 0 while it has not.
async fn page_mark(d: &WebDriver, name: &str) -> f64 {
    d.execute("const m = performance.getEntriesByName(arguments[0])[0]; return m ? m.startTime : 0;", vec![json!(name)])
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap_or(0.0)
}

/// The page's own mark of the frame that first drew its marker (ms since
/// its time origin).
async fn drawn_mark(d: &WebDriver) -> f64 {
    let until = Instant::now() + WAIT;
    loop {
        let ms = page_mark(d, "saksbok:drawn").await;
        if ms > 0.0 {
            return ms;
        }
        assert!(Instant::now() < until, "the page never marked saksbok:drawn");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn shown(d: &WebDriver, marker: &str) -> Vec<f64> {
    let until = Instant::now() + WAIT;
    loop {
        // The session may answer before the app's page has replaced the
        // first empty one; a script cut off by that navigation is asked again.
        match d.execute_async(SHOWN, vec![json!(marker)]).await {
            Ok(r) => {
                let ms: Vec<f64> = serde_json::from_value(r.json().clone()).unwrap();
                if ms[0] > 0.0 && ms[2] > 0.0 {
                    return ms;
                }
                assert!(Instant::now() < until, "the app's page never came");
            }
            Err(e) => assert!(Instant::now() < until, "no [data-testid='{marker}'] drawn: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// One start: time to the marker and memory after it.
#[derive(Debug, Clone, Copy)]
struct Sample {
    seconds: f64,
    rss_mb: f64,
    pss_mb: f64,
    /// The same, by process: the app, WebKit's web process (page, DOM,
    /// scripts, painting) and the rest (its network process).
    rss_by: [f64; 3],
    pss_by: [f64; 3],
    /// Where the time went (seconds): launch → the page's navigation began
    /// (process, Tauri and WebKit up, the database opened), → its DOM was
    /// ready (the scripts loaded and run), → the marker was found.
    to_page: f64,
    to_dom: f64,
    to_marker: f64,
    /// Launch → the frame the page itself marked as its first with the
    /// marker (`saksbok:drawn`), which WebDriver cannot see sooner than it
    /// may run a script there.
    to_drawn_mark: f64,
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn bench_start_up_and_memory_against_a_blank_window() {
    let runs: usize = std::env::var("SAKSBOK_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let dir = home();
    let demo = dir.path().join("demo.sqlite3");
    {
        let mut s = Store::open(&demo).unwrap();
        let who = Actor { name: "bench", now: Utc::now() };
        s.write(|tx| saksbok_store::demo::load_demo(tx, &who, &saksbok_core::demo::reference())).unwrap();
    }
    let mut cases: Vec<(String, PathBuf, &[&str], &str)> = vec![
        ("blank window".into(), demo.clone(), &["--blank-window"], "blank"),
        ("demo register".into(), demo.clone(), &[], "case-row"),
    ];
    if let Some(big) = std::env::var_os("SAKSBOK_BENCH_DB") {
        // Opened once first, as a register in daily use has been: in WAL
        // mode, so the app's start need not write to it (and check it before
        // the window) to switch it over.
        let opened = dir.path().join("big.sqlite3");
        std::fs::copy(&big, &opened).unwrap();
        let query = saksbok_core::register::CaseQuery { limit: 1, ..Default::default() };
        let total = Store::open(&opened).unwrap().read(|tx| saksbok_store::cases::list(tx, &query)).unwrap().total;
        cases.push((format!("register, {total} cases"), opened, &[], "case-row"));
    }
    // Round by round, each register once a round: a machine that grows
    // slower or faster during the bench (it does, by a tenth of a second)
    // then weighs on the blank window as on the others.
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); cases.len()];
    for run in 0..runs {
        for (case, (name, source, extra, marker)) in cases.iter().enumerate() {
            let home = home();
            // A copy, so the prepared file stays as it was.
            let db = home.path().join("bench.sqlite3");
            std::fs::copy(source, &db).unwrap();
            let mut args = vec!["--db", db.to_str().unwrap()];
            args.extend_from_slice(extra);
            // The display and the driver are up before the clock starts: it
            // runs from the session request, which launches the app.
            let env = app_env(home.path());
            let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
            let (_display, display) = xvfb();
            let (_driver, url) = driver(&display, &env);
            let t = Instant::now();
            let launched = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64();
            let d = session(&url, &args).await;
            let ms = shown(&d, marker).await;
            let seconds = t.elapsed().as_secs_f64();
            let drawn_mark = drawn_mark(&d).await;
            if std::env::var_os("SAKSBOK_BENCH_TRACE").is_some() {
                let marks = d
                    .execute(
                        "return performance.getEntriesByType('mark').map(m => m.name + ' ' + m.startTime.toFixed(1)).join(', ');",
                        vec![],
                    )
                    .await
                    .unwrap();
                eprintln!(
                    "trace {name}: DOM ready {:.0} ms, asked {:.0}, marker found {:.0}, drawn {:.0}; marks: {}",
                    ms[1],
                    ms[4],
                    ms[3],
                    ms[2],
                    marks.json().as_str().unwrap_or("")
                );
            }
            let to_page = ms[0] / 1000.0 - launched;
            // Let the first paint and the background integrity check settle.
            tokio::time::sleep(Duration::from_secs(2)).await;
            let (rss_by, pss_by) = memory_of_app(&db);
            if run == 0 && *marker == "case-row" {
                shot(&d, &format!("bench-{}.png", name.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("app")))
                    .await;
            }
            d.quit().await.unwrap();
            samples[case].push(Sample {
                seconds,
                rss_mb: rss_by.iter().sum(),
                pss_mb: pss_by.iter().sum(),
                rss_by,
                pss_by,
                to_page,
                to_dom: to_page + ms[1] / 1000.0,
                to_marker: to_page + ms[2] / 1000.0,
                to_drawn_mark: to_page + drawn_mark / 1000.0,
            });
        }
    }
    let report: Vec<(&String, Sample)> = cases.iter().zip(&samples).map(|(c, s)| (&c.0, median(s))).collect();
    let blank = report[0].1;
    for (name, s) in &report {
        eprintln!(
            "bench {name:>26}: start to shown {:.2} s ({:.2}× blank), memory RSS {:.0} MB ({:.2}× blank), \
             PSS {:.0} MB ({:.2}× blank), median of {runs}",
            s.seconds,
            s.seconds / blank.seconds,
            s.rss_mb,
            s.rss_mb / blank.rss_mb,
            s.pss_mb,
            s.pss_mb / blank.pss_mb,
        );
        eprintln!(
            "bench {name:>26}: page began {:.2} s, DOM ready {:.2} s, marker drawn {:.2} s after launch",
            s.to_page, s.to_dom, s.to_marker
        );
        let by = |v: [f64; 3], of: [f64; 3]| {
            let [app, web, rest] = [0, 1, 2].map(|i| format!("{:.0} ({:+.0})", v[i], v[i] - of[i]));
            format!("app {app} + web {web} + network {rest}")
        };
        eprintln!("bench {name:>26}: RSS MB {} (± blank)", by(s.rss_by, blank.rss_by));
        eprintln!("bench {name:>26}: PSS MB {} (± blank)", by(s.pss_by, blank.pss_by));
    }
    for (name, s) in &report {
        eprintln!(
            "bench {name:>26}: by the page's own mark, first drawn {:.2} s after launch ({:.2}× blank)",
            s.to_drawn_mark,
            s.to_drawn_mark / blank.to_drawn_mark
        );
    }
    assert!(blank.rss_by[0] > 10.0 && blank.rss_by[1] > 10.0, "the app and its web process were found: {blank:?}");
}

fn median(samples: &[Sample]) -> Sample {
    let pick = |f: fn(&Sample) -> f64| {
        let mut v: Vec<f64> = samples.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Sample {
        seconds: pick(|s| s.seconds),
        rss_mb: pick(|s| s.rss_mb),
        pss_mb: pick(|s| s.pss_mb),
        rss_by: [pick(|s| s.rss_by[0]), pick(|s| s.rss_by[1]), pick(|s| s.rss_by[2])],
        pss_by: [pick(|s| s.pss_by[0]), pick(|s| s.pss_by[1]), pick(|s| s.pss_by[2])],
        to_page: pick(|s| s.to_page),
        to_dom: pick(|s| s.to_dom),
        to_marker: pick(|s| s.to_marker),
        to_drawn_mark: pick(|s| s.to_drawn_mark),
    }
}

/// The app started with `db` in its arguments and every process below it:
/// resident memory (RSS, which counts shared libraries in each) and
/// proportional memory (PSS, which shares them out), in MB, of the app, of
/// WebKit's web processes and of the rest (its network process).
fn memory_of_app(db: &Path) -> ([f64; 3], [f64; 3]) {
    let db = db.to_str().unwrap();
    let procs: Vec<(u32, u32, String)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // "pid (comm) state ppid …": the name may hold spaces, so split after ')'.
            let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
            let cmdline = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            Some((pid, ppid, cmdline.replace('\0', " ")))
        })
        .collect();
    let Some(root) = procs.iter().find(|(_, _, cmd)| cmd.contains(db) && cmd.contains("--db")).map(|p| p.0) else {
        return ([0.0; 3], [0.0; 3]);
    };
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(procs.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    let kb = |pid: u32, file: &str, key: &str| -> f64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix(key)?.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let part = |pid: u32| {
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        // The kernel keeps 15 characters of the name: "WebKitWebProces".
        if pid == root {
            0
        } else if comm.starts_with("WebKitWebProc") {
            1
        } else {
            2
        }
    };
    let (mut rss, mut pss) = ([0.0; 3], [0.0; 3]);
    for &pid in &tree {
        rss[part(pid)] += kb(pid, "status", "VmRSS:") / 1024.0;
        pss[part(pid)] += kb(pid, "smaps_rollup", "Pss:") / 1024.0;
    }
    (rss, pss)
}

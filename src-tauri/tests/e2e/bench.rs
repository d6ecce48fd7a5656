//! Start-up and memory: from the WebDriver session request (the app is
//! launched) to the case list shown, and the resident memory of the app and
//! its WebKit processes once it is shown — each against the same binary
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

use crate::common::*;

/// One start: time to the marker and memory after it.
#[derive(Debug, Clone, Copy)]
struct Sample {
    seconds: f64,
    rss_mb: f64,
    pss_mb: f64,
    /// Where the time went (seconds): launch → the page's navigation began
    /// (process, Tauri and WebKit up, the database opened), → its DOM was
    /// ready (the scripts loaded and run), → the marker was found.
    to_page: f64,
    to_dom: f64,
    to_marker: f64,
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
        cases.push(("SAKSBOK_BENCH_DB register".into(), PathBuf::from(big), &[], "case-row"));
    }
    let mut report = Vec::new();
    for (name, source, extra, marker) in &cases {
        let mut samples = Vec::new();
        for run in 0..runs {
            let home = home();
            // A copy, so the prepared file stays as it was.
            let db = home.path().join("bench.sqlite3");
            std::fs::copy(source, &db).unwrap();
            let mut args = vec!["--db", db.to_str().unwrap()];
            args.extend_from_slice(extra);
            let t = Instant::now();
            let launched = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64();
            let app = start(home.path(), &args).await;
            by_test_id(&app.d, marker).await;
            let seconds = t.elapsed().as_secs_f64();
            let timing = app
                .d
                .execute(
                    "const n = performance.getEntriesByType('navigation')[0]; \
                     return [performance.timeOrigin, n ? n.domContentLoadedEventEnd : 0, performance.now()];",
                    vec![],
                )
                .await
                .unwrap();
            let ms: Vec<f64> = serde_json::from_value(timing.json().clone()).unwrap();
            if std::env::var_os("SAKSBOK_BENCH_TRACE").is_some() {
                let marks = app
                    .d
                    .execute(
                        "return performance.getEntriesByType('mark').map(m => m.name + ' ' + m.startTime.toFixed(1)).join(', ');",
                        vec![],
                    )
                    .await
                    .unwrap();
                eprintln!("trace {name}: DOM ready {:.1} ms; {}", ms[1], marks.json().as_str().unwrap_or(""));
            }
            let to_page = ms[0] / 1000.0 - launched;
            // Let the first paint and the background integrity check settle.
            tokio::time::sleep(Duration::from_secs(2)).await;
            let (rss_mb, pss_mb) = memory_of_app(&db);
            if run == 0 && *marker == "case-row" {
                shot(&app.d, &format!("bench-{}.png", name.split(' ').next().unwrap_or("app").to_lowercase())).await;
            }
            app.d.quit().await.unwrap();
            samples.push(Sample {
                seconds,
                rss_mb,
                pss_mb,
                to_page,
                to_dom: to_page + ms[1] / 1000.0,
                to_marker: to_page + ms[2] / 1000.0,
            });
        }
        report.push((name.clone(), median(&samples)));
    }
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
            "bench {name:>26}: page began {:.2} s, DOM ready {:.2} s, marker seen {:.2} s after launch",
            s.to_page, s.to_dom, s.to_marker
        );
    }
    assert!(blank.rss_mb > 10.0, "the app's processes were found: {blank:?}");
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
        to_page: pick(|s| s.to_page),
        to_dom: pick(|s| s.to_dom),
        to_marker: pick(|s| s.to_marker),
    }
}

/// The app started with `db` in its arguments and every process below it
/// (WebKit's web and network processes): summed resident memory (RSS, which
/// counts shared libraries in each) and proportional memory (PSS, which
/// shares them out), in MB.
fn memory_of_app(db: &Path) -> (f64, f64) {
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
        return (0.0, 0.0);
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
    let rss: f64 = tree.iter().map(|&p| kb(p, "status", "VmRSS:")).sum();
    let pss: f64 = tree.iter().map(|&p| kb(p, "smaps_rollup", "Pss:")).sum();
    (rss / 1024.0, pss / 1024.0)
}

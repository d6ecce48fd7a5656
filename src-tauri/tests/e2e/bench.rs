//! Start-up with a large register: from the WebDriver session request (the
//! app is launched) to the first rows of the case list, and to the last row
//! after End. A benchmark, not a test: it measures and prints, and asserts
//! only that the list appears. Skipped unless `SAKSBOK_BENCH_DB` names a
//! database, e.g. the 100 000 cases the store bench leaves behind with
//! `SAKSBOK_BENCH_KEEP=/tmp/100k.sqlite3 cargo bench -p saksbok-store`.

use std::time::Instant;

use crate::common::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn bench_the_case_list_opens_with_a_large_register() {
    let Some(source) = std::env::var_os("SAKSBOK_BENCH_DB") else {
        eprintln!("SAKSBOK_BENCH_DB is not set: start-up bench skipped");
        return;
    };
    let home = home();
    // The app opens a copy, so the prepared file stays as it was.
    let db = home.path().join("bench.sqlite3");
    std::fs::copy(&source, &db).unwrap();
    let t = Instant::now();
    let app = start(home.path(), &["--db", db.to_str().unwrap()]).await;
    let d = &app.d;
    let session = t.elapsed();
    by_test_id(d, "case-row").await;
    let shown = t.elapsed();
    let count = d.find(By::Css(".list-head .count")).await.unwrap().text().await.unwrap_or_default();
    let list = d.find(By::Css("[role='listbox']")).await.unwrap();
    list.focus().await.unwrap();
    let t_end = Instant::now();
    list.send_keys(Key::End).await.unwrap();
    d.query(By::Css("[data-testid='case-row'][aria-selected='true']")).wait(WAIT, POLL).first().await.unwrap();
    let end = t_end.elapsed();
    eprintln!(
        "start-up with {}: window ready {:.2} s after the session request, first rows {:.2} s after it \
         ({:.2} s after the window); End → last row {:.0} ms",
        count.trim(),
        session.as_secs_f64(),
        shown.as_secs_f64(),
        shown.saturating_sub(session).as_secs_f64(),
        end.as_secs_f64() * 1e3
    );
    assert!(count.contains("saker"), "the count is shown: {count:?}");
    shot(d, "bench-100k.png").await;
    app.d.quit().await.unwrap();
}

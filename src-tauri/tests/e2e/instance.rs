//! One instance at a time: a second start hands over to the running window
//! and exits. On Linux tauri-plugin-single-instance talks over the D-Bus
//! session bus, so the test runs both starts inside `dbus-run-session`, as a
//! desktop session has one.

use std::process::Command;

use saksbok_app::rendering::{CPU_PAINTING_VAR, names_in, paint_on_cpu};

use crate::common::*;

#[test]
#[ignore = "needs the built app, Xvfb and D-Bus: run through .ci/test"]
fn a_second_start_hands_over_to_the_running_window() {
    let home = home();
    let (_display_guard, display) = saksbok_tests::xvfb();
    let log = home.path().join("data/no.kommune.luster.saksbok/logs/saksbok.log");
    let script = r#"
        "$APP" >"$HOME/first.out" 2>&1 &
        first=$!
        for _ in $(seq 100); do grep -q startar "$LOG" 2>/dev/null && break; sleep 0.2; done
        sleep 1
        start=$(date +%s%N)
        timeout 20 "$APP" >"$HOME/second.out" 2>&1
        echo "second exit $? after $(( ($(date +%s%N) - start) / 1000000 )) ms"
        if kill -0 "$first" 2>/dev/null; then echo "first still running"; fi
        kill "$first"; wait "$first" 2>/dev/null || true
    "#;
    let out = Command::new("timeout")
        .args(["90", "dbus-run-session", "--", "bash", "-c", script])
        .env("APP", app_binary())
        .env("LOG", &log)
        .env("DISPLAY", &display)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env_remove("SAKSBOK_DB")
        .output()
        .expect("dbus-run-session must be installed (dbus-bin)");
    let said = String::from_utf8_lossy(&out.stdout);
    eprintln!("{said}");
    assert!(said.contains("second exit 0"), "the second start must end by itself, at once: {said}");
    assert!(said.contains("first still running"), "the first window stays: {said}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("vart starta ein gong til"), "the running app was told: {logged}");
    assert_eq!(logged.matches("startar med databasen").count(), 1, "only one instance opened the database: {logged}");
    // Without a GPU (as on CI) WebKit paints on the CPU and scrolls lists on
    // the page's thread; the feature is found in this WebKit by its name.
    if paint_on_cpu(std::env::var_os(CPU_PAINTING_VAR).is_some(), names_in(std::path::Path::new("/dev/dri"))) {
        assert!(logged.contains("teiknar vindauget med prosessoren"), "{logged}");
        assert!(logged.contains("AsyncOverflowScrolling av"), "{logged}");
    }
}

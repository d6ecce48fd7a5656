//! Tidy tests: the architecture's rules, checked on the source tree.

use std::path::{Path, PathBuf};

use saksbok_tests::root;

fn files_under(dir: &Path, ext: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let p = entry.path();
            let name = entry.file_name();
            if p.is_dir() {
                if name != "node_modules" && name != "dist" && name != "target" {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|e| ext.iter().any(|x| e == *x)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn only_the_shell_depends_on_tauri() {
    for krate in ["core", "store", "protocol", "cli"] {
        let manifest = root().join("src-tauri/crates").join(krate).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        assert!(!text.contains("tauri"), "{} must not depend on tauri", manifest.display());
    }
    let tests_manifest = std::fs::read_to_string(root().join("tests/Cargo.toml")).unwrap();
    assert!(!tests_manifest.contains("tauri ="), "tests drive the app through WebDriver, not tauri");
}

#[test]
fn core_does_no_io_and_reads_no_clock() {
    for f in files_under(&root().join("src-tauri/crates/core/src"), &["rs"]) {
        let text = std::fs::read_to_string(&f).unwrap();
        for banned in ["Utc::now", "Local::now", "SystemTime::now", "std::fs", "rusqlite", "std::net"] {
            assert!(!text.contains(banned), "{} uses {banned}: core is pure", f.display());
        }
    }
}

#[test]
fn only_api_ts_calls_invoke() {
    let ui = root().join("ui/src");
    for f in files_under(&ui, &["ts", "svelte"]) {
        let text = std::fs::read_to_string(&f).unwrap();
        let is_api = f.ends_with("lib/api.ts");
        let is_test = f.to_string_lossy().ends_with(".test.ts");
        if !is_api && !is_test {
            assert!(!text.contains("@tauri-apps/api/core"), "{} imports invoke; go through lib/api.ts", f.display());
        }
        assert!(!text.contains("{@html"), "{} inserts HTML; text from the database must stay text", f.display());
    }
}

#[test]
fn every_crate_is_unpublished_and_uses_the_workspace_lints() {
    let mut manifests: Vec<PathBuf> = ["core", "store", "protocol", "cli"]
        .iter()
        .map(|k| root().join("src-tauri/crates").join(k).join("Cargo.toml"))
        .collect();
    manifests.push(root().join("src-tauri/Cargo.toml"));
    manifests.push(root().join("tests/Cargo.toml"));
    for m in manifests {
        let text = std::fs::read_to_string(&m).unwrap();
        assert!(text.contains("publish.workspace = true"), "{} must not be publishable", m.display());
        assert!(text.contains("[lints]\nworkspace = true"), "{} must use the workspace lints", m.display());
    }
}

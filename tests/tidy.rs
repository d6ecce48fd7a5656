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
    for krate in ["core", "store", "protocol", "print", "cli"] {
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

fn yaml(path: &str) -> yaml_rust2::Yaml {
    let text = std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut docs =
        yaml_rust2::YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid YAML: {e}"));
    assert_eq!(docs.len(), 1, "{path} holds one document");
    docs.remove(0)
}

/// Every `run:` and `uses:` of a job's steps, for looking things up.
fn steps(job: &yaml_rust2::Yaml) -> Vec<String> {
    job["steps"]
        .as_vec()
        .expect("steps")
        .iter()
        .flat_map(|s| [s["run"].as_str(), s["uses"].as_str()])
        .flatten()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_release_workflow_builds_the_installers_the_staff_use() {
    let wf = yaml(".github/workflows/release.yml");
    assert!(wf["on"]["push"]["tags"].as_vec().is_some(), "released on a tag");
    let job = &wf["jobs"]["installers"];
    let include = job["strategy"]["matrix"]["include"].as_vec().expect("a matrix of platforms");
    let by = |platform: &str| {
        include.iter().find(|i| i["platform"].as_str() == Some(platform)).unwrap_or_else(|| panic!("no {platform} job"))
    };
    let windows = by("windows-latest")["tauri_args"].as_str().unwrap().to_string();
    assert!(windows.contains("msi") && windows.contains("nsis"), "{windows}");
    let mac = by("macos-latest")["tauri_args"].as_str().unwrap().to_string();
    assert!(mac.contains("universal-apple-darwin") && mac.contains("dmg"), "{mac}");
    let s = steps(job);
    assert!(s.iter().any(|x| x.starts_with("tauri-apps/tauri-action")), "uses the official tauri-action");
    assert!(s.iter().any(|x| x.contains("-p saksbok-cli")), "builds the command line for the installers");
    let overlay: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("src-tauri/tauri.bundle.conf.json")).unwrap())
            .unwrap();
    assert_eq!(overlay["bundle"]["externalBin"][0], "binaries/saksbok", "every installer ships `saksbok`");
}

#[test]
fn the_test_workflow_runs_the_rust_tests_on_windows_and_macos() {
    let wf = yaml(".github/workflows/test.yml");
    assert!(!wf["on"]["push"].is_badvalue(), "runs on every push");
    let job = &wf["jobs"]["rust"];
    let os: Vec<&str> = job["strategy"]["matrix"]["os"].as_vec().unwrap().iter().filter_map(|o| o.as_str()).collect();
    assert_eq!(os, ["windows-latest", "macos-latest"]);
    let s = steps(job);
    let test = s.iter().find(|x| x.starts_with("cargo test")).expect("a cargo test step");
    for krate in ["saksbok-core", "saksbok-store", "saksbok-protocol", "saksbok-print", "saksbok-cli"] {
        assert!(test.contains(&format!("-p {krate}")), "{test} lacks {krate}");
    }
    // The Windows print path prints a protocol to "Microsoft Print to PDF" and reads its words back.
    let print = s.iter().find(|x| x.contains("Microsoft Print to PDF")).expect("a Windows print step");
    assert!(print.contains("--to-file") && print.contains("pdftotext"), "{print}");
}

#[test]
fn the_bundle_category_is_one_the_bundler_accepts() {
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("src-tauri/tauri.conf.json")).unwrap()).unwrap();
    // Tauri's AppCategory names; "Office" is not one and stops the NSIS bundle.
    let accepted = [
        "Business",
        "DeveloperTool",
        "Education",
        "Entertainment",
        "Finance",
        "Game",
        "GraphicsAndDesign",
        "HealthcareAndFitness",
        "Lifestyle",
        "Medical",
        "Music",
        "News",
        "Photography",
        "Productivity",
        "Reference",
        "SocialNetworking",
        "Sports",
        "Travel",
        "Utility",
        "Video",
        "Weather",
    ];
    let category = conf["bundle"]["category"].as_str().unwrap_or_default();
    assert!(accepted.contains(&category), "bundle.category {category:?} is not one Tauri accepts");
}

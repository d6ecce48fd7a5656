//! Every kind of protocol validated by veraPDF, the reference PDF/A
//! validator, as PDF/A-2B: no failed rule, unsigned and signed (three
//! signatures in incremental updates). veraPDF is a Java test tool that
//! `.ci/setup` fetches from Maven Central (tests/verapdf/pom.xml) into
//! `.tools/verapdf`; `.ci/test` runs this test (it is ignored by a plain
//! `cargo test`, which must not need Java).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use common::{PASSWORD, TestPki};
use saksbok_sign::{Pkcs12Signer, SignRequest, sign_pdf};

/// Where the veraPDF jars are: `SAKSBOK_VERAPDF`, else `.tools/verapdf`.
fn verapdf_jars() -> PathBuf {
    let dir = std::env::var_os("SAKSBOK_VERAPDF")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../.tools/verapdf"), PathBuf::from);
    assert!(
        dir.join("greenfield-apps-1.28.2.jar").is_file(),
        "veraPDF is not in {} (bash .ci/setup fetches it)",
        dir.display()
    );
    dir
}

/// Runs veraPDF on `files` as PDF/A-2B; the failed rules of each file that
/// does not comply, or nothing.
pub fn verapdf_failures(files: &[PathBuf]) -> Vec<String> {
    let classpath = format!("{}/*", verapdf_jars().display());
    let out = Command::new("java")
        .args(["-cp", &classpath, "org.verapdf.apps.GreenfieldCliWrapper", "--flavour", "2b", "--format", "xml"])
        .args(files)
        .output()
        .expect("java must be installed (veraPDF runs on Java 8 to 21)");
    let xml = String::from_utf8_lossy(&out.stdout);
    assert!(xml.contains("<batchSummary"), "veraPDF gave no report: {}", String::from_utf8_lossy(&out.stderr));
    let mut failures = Vec::new();
    // One <job> per file: its <item><name>, then a report that complies or lists failed rules.
    for job in xml.split("<job>").skip(1) {
        let name = job.split("<name>").nth(1).and_then(|s| s.split("</name>").next()).unwrap_or("?");
        if job.contains("isCompliant=\"true\"") {
            continue;
        }
        let rules: Vec<String> = job
            .split("<rule ")
            .skip(1)
            .filter(|r| r.contains("status=\"failed\""))
            .map(|r| {
                let attr = |a: &str| r.split(&format!("{a}=\"")).nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
                let what = r.split("<description>").nth(1).and_then(|s| s.split("</description>").next()).unwrap_or("");
                format!("{} {}-{}: {what}", attr("specification"), attr("clause"), attr("testNumber"))
            })
            .collect();
        failures.push(format!("{name}: {}", if rules.is_empty() { job.to_string() } else { rules.join("; ") }));
    }
    assert_eq!(xml.matches("<job>").count(), files.len(), "one report per file:\n{xml}");
    failures
}

fn samples() -> Vec<(&'static str, saksbok_protocol::Rendered)> {
    saksbok_protocol::samples::every_kind(Utc.with_ymd_and_hms(2026, 11, 25, 10, 30, 0).unwrap())
}

#[test]
#[ignore = "needs Java and veraPDF (.ci/setup); run by .ci/test"]
fn every_protocol_is_valid_pdfa_2b_unsigned_and_signed() {
    let dir = tempfile::TempDir::new().unwrap();
    let pki = TestPki::new(dir.path());
    let tsa = common::TestTsa::start(&pki);
    let mut files = Vec::new();
    for (name, r) in samples() {
        let file = dir.path().join(name);
        std::fs::write(&file, &r.pdf).unwrap();
        files.push(file);
        // Every møtebok signed by each of its signatories in turn.
        let fields = saksbok_sign::pdf::signature_fields(&lopdf::Document::load_mem(&r.pdf).unwrap());
        if fields.is_empty() {
            continue;
        }
        let mut pdf = r.pdf.clone();
        for (i, f) in fields.iter().enumerate() {
            let signer = Pkcs12Signer::open(&std::fs::read(pki.signatory(&f.signatory)).unwrap(), PASSWORD).unwrap();
            // The first with a time stamp (B-T), the others without (B-B).
            let tsa = (i == 0).then_some(tsa.url.as_str());
            let req = SignRequest { field: None, when: Utc::now(), reason: None, location: None, tsa };
            pdf = sign_pdf(&pdf, &signer, &req).unwrap();
        }
        let signed = dir.path().join(format!("signert-{name}"));
        std::fs::write(&signed, &pdf).unwrap();
        files.push(signed);
    }
    let failures = verapdf_failures(&files);
    assert!(failures.is_empty(), "veraPDF found rules broken:\n{}", failures.join("\n"));
    println!("veraPDF: {} protocols valid PDF/A-2B, signed ones among them", files.len());
    assert!(files.iter().filter(|f| f.to_string_lossy().contains("signert-")).count() >= 2);
}

#[test]
#[ignore = "needs Java and veraPDF (.ci/setup); run by .ci/test"]
fn verapdf_does_find_a_file_that_is_not_pdfa() {
    // The check itself is checked: the same protocol without its output
    // intent breaks rule 6.2.4.3 (device colour without an output intent).
    let r = &samples()[0].1;
    let mut doc = lopdf::Document::load_mem(&r.pdf).unwrap();
    doc.catalog_mut().unwrap().remove(b"OutputIntents");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("utan-output-intent.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let failures = verapdf_failures(&[file]);
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].contains("6.2.4.3"), "{failures:?}");
}

//! axe-core inside the window: WCAG 2.1 A/AA on whatever it shows now.

use std::collections::BTreeSet;
use std::sync::Mutex;

use crate::common::*;

/// Every screen of the app. Each is checked by axe-core somewhere in the
/// run, and `every_screen_passes_axe` visits them all itself.
pub const SCREENS: [&str; 18] = [
    "welcome",
    "db-error",
    "case-list",
    "case-view",
    "case-form",
    "journal-form",
    "agenda-item",
    "print-dialog",
    "quick-search",
    "public-journal",
    "confirm-discard",
    "settings",
    "confirm-restore",
    "about",
    "boards",
    "meetings",
    "agreements",
    "deadlines",
];

/// The screens axe-core has checked in this process.
pub static CHECKED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// WCAG 2.1 level A and AA: what the law (forskrift om universell utforming
/// av IKT) asks of the municipality's software.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
}).then(
  (r) => done({
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), html: n.html, summary: n.failureSummary })),
    })),
    incomplete: r.incomplete.map((v) => `${v.id}: ` + v.nodes.map((n) => n.target.join(" ") + " :: " + n.any.concat(n.all, n.none).map((c) => c.message).join("; ")).join(" | ")),
    passes: r.passes.length,
  }),
  (e) => done({ error: String((e && e.stack) || e) }),
);
"#;

/// Runs axe-core's WCAG 2.1 A/AA rules on what the window shows now and
/// fails with every violation: rule, impact, help and each element's
/// selector and HTML. axe.min.js is read from ui/node_modules at test time
/// and injected through WebDriver. WebKit runs the driver's scripts without
/// applying the page's CSP (`script-src 'self'`); that is checked, not
/// assumed: `axe` must arrive in the page, and no `securitypolicyviolation`
/// may fire while it runs.
pub async fn axe(d: &WebDriver, screen: &'static str) {
    assert!(SCREENS.contains(&screen), "{screen:?} is not one of SCREENS");
    // Let the screen finish drawing (focus moves, banners) before checking.
    d.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
        vec![],
    )
    .await
    .expect("two animation frames");
    let loaded = d.execute("return typeof window.axe === 'object';", vec![]).await.expect("look for axe");
    if loaded.json() != &json!(true) {
        // Anything the CSP blocks from here on is recorded, and must not happen.
        d.execute(
            r#"window.__cspBlocked = [];
               document.addEventListener("securitypolicyviolation", (e) => window.__cspBlocked.push(`${e.violatedDirective} ${e.blockedURI}`));"#,
            vec![],
        )
        .await
        .expect("listen for CSP violations");
        let path = root().join("ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (npm --prefix ui ci installs axe-core)", path.display()));
        d.execute(source, vec![]).await.expect("inject axe-core");
        let version = d.execute("return window.axe && window.axe.version;", vec![]).await.expect("axe version");
        assert!(version.json().is_string(), "axe-core did not load into the page: {:?}", version.json());
    }
    d.set_script_timeout(Duration::from_secs(120)).await.expect("script timeout");
    let ret = d.execute_async(AXE_RUN, vec![]).await.unwrap_or_else(|e| panic!("axe.run on {screen}: {e}"));
    let result = ret.json();
    assert!(result["error"].is_null(), "axe.run on {screen} failed: {}", result["error"]);
    let blocked = d.execute("return window.__cspBlocked;", vec![]).await.expect("CSP violations");
    assert_eq!(blocked.json(), &json!([]), "the CSP blocked something while axe ran on {screen}");
    let violations = result["violations"].as_array().expect("violations");
    if !violations.is_empty() {
        let mut report = vec![format!("axe-core: {} WCAG 2.1 A/AA violation(s) on {screen}:", violations.len())];
        for v in violations {
            let text = |k: &str| v[k].as_str().unwrap_or("?").to_string();
            report.push(format!("\n[{}] {}: {}", text("impact"), text("id"), text("help")));
            for n in v["nodes"].as_array().into_iter().flatten() {
                let text = |k: &str| n[k].as_str().unwrap_or("?").replace('\n', "\n    ");
                report.push(format!("  - {}\n    {}\n    {}", text("target"), text("html"), text("summary")));
            }
        }
        shot(d, &format!("axe-{screen}.png")).await;
        panic!("{}", report.join("\n"));
    }
    eprintln!("axe {screen}: {} rules pass; needs review: {}", result["passes"], result["incomplete"]);
    CHECKED.lock().unwrap().insert(screen);
}

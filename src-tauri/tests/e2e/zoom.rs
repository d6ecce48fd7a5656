//! Text at 200 %: the layout reflows instead of hiding or scrolling sideways.

use crate::axe::axe;
use crate::common::*;
use crate::keyboard::expect_focus;

/// `window.innerWidth` in CSS pixels.
async fn css_width(d: &WebDriver) -> u64 {
    d.execute("return window.innerWidth;", vec![]).await.unwrap().json().as_u64().unwrap()
}

/// Nothing is wider than the window: neither the page nor the main area
/// scrolls sideways (a wide table scrolls inside its own box).
async fn no_sideways_scroll(d: &WebDriver, screen: &str) {
    let r = d
        .execute(
            r#"const m = document.querySelector("main"), e = document.documentElement;
               return [e.scrollWidth, e.clientWidth, m.scrollWidth, m.clientWidth];"#,
            vec![],
        )
        .await
        .unwrap();
    let w: Vec<u64> = r.json().as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    if w[0] > w[1] + 1 || w[2] > w[3] + 1 {
        // Name the widest elements that stick out, outside boxes that scroll on their own.
        let out = d
            .execute(
                r#"const m = document.querySelector("main"), W = Math.min(document.documentElement.clientWidth, m.getBoundingClientRect().left + m.clientWidth), found = [];
                   for (const el of document.querySelectorAll("body *")) {
                     const r = el.getBoundingClientRect();
                     let inner = false;
                     for (let p = el.parentElement; p; p = p.parentElement) {
                       const o = getComputedStyle(p).overflowX;
                       if (o === "auto" || o === "scroll" || o === "hidden") { inner = true; break; }
                     }
                     if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0) found.push(`overflowing ${el.tagName.toLowerCase()}#${el.id}.${el.className} ${el.scrollWidth}>${el.clientWidth}`);
                     if (r.right > W + 1) found.push(`${inner ? "(inner) " : ""}${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(r.right)}`);
                   }
                   return found.slice(0, 12);"#,
                vec![],
            )
            .await
            .unwrap();
        println!("{screen}: sticking out: {}", out.json());
    }
    assert!(w[0] <= w[1] + 1, "{screen}: the page is {} px wide in a {} px window", w[0], w[1]);
    assert!(w[2] <= w[3] + 1, "{screen}: the main area is {} px wide in {} px", w[2], w[3]);
}

/// Focuses the element and presses Enter, as a keyboard user would.
async fn activate(d: &WebDriver, test_id: &str) {
    let el = by_test_id(d, test_id).await;
    d.execute("arguments[0].focus();", vec![el.to_json().unwrap()]).await.unwrap();
    keys(d, Key::Enter).await;
}

/// Whether the element is drawn wholly inside the window.
async fn in_view(d: &WebDriver, el: &WebElement) -> bool {
    let r = d
        .execute(
            "const r = arguments[0].getBoundingClientRect();
             return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;",
            vec![el.to_json().unwrap()],
        )
        .await
        .unwrap();
    r.json() == &json!(true)
}

/// Text at 200 %: Ctrl+plus zooms the web view (zoomHotkeysEnabled), so the
/// 1200×800 window lays out as 600×400 CSS pixels, media queries included.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built app, Xvfb and tauri-driver: run through .ci/test"]
async fn the_window_reflows_at_200_percent_zoom() {
    let home = home();
    let app = start(home.path(), &[]).await;
    let d = &app.d;
    by_text(d, "button", "Last inn demodata").await.click().await.unwrap();
    by_test_id(d, "case-row").await;
    let normal = css_width(d).await;

    // Ctrl+plus five times: 1.0 → 2.0 in steps of 0.2.
    for _ in 0..5 {
        chord(d, Key::Control, "=").await;
    }
    let until = std::time::Instant::now() + WAIT;
    while css_width(d).await * 2 > normal + 2 {
        assert!(
            std::time::Instant::now() < until,
            "Ctrl+plus did not zoom to 200 % ({} of {normal} px)",
            css_width(d).await
        );
        tokio::time::sleep(POLL).await;
    }
    shot(d, "a11y-zoom-200.png").await;
    no_sideways_scroll(d, "case list").await;
    let new_case = by_test_id(d, "new-case").await;
    assert!(new_case.is_displayed().await.unwrap() && in_view(d, &new_case).await, "Ny sak is in view");
    let search = d.find(By::Id("case-search")).await.unwrap();
    assert!(search.is_displayed().await.unwrap() && in_view(d, &search).await, "the search box is in view");
    // The row keeps its title (the date column gives way).
    let title = d.find(By::Css("[data-testid='case-row'] .title-cell")).await.unwrap();
    let width = d
        .execute("return arguments[0].getBoundingClientRect().width;", vec![title.to_json().unwrap()])
        .await
        .unwrap()
        .json()
        .as_f64()
        .unwrap();
    assert!(width >= 120.0, "the title column is {width} px wide at 200 %");
    axe(d, "case-list").await;

    // The case, opened from the keyboard: Ctrl+F, Down, Enter.
    chord(d, Key::Control, "f").await;
    expect_focus(d, "input#case-search").await;
    keys(d, Key::Down).await;
    keys(d, Key::Enter).await;
    by_test_id(d, "saksgang-row").await;
    shot(d, "a11y-zoom-200-sak.png").await;
    no_sideways_scroll(d, "case view").await;
    assert!(in_view(d, &by_test_id(d, "edit-case").await).await, "Endre is in view");
    axe(d, "case-view").await;

    // Møte at 200 %: the held demo meeting with its sakliste and oppmøte, and møteførsel.
    // At 200 % the page scrolls: links are activated as a keyboard user would.
    activate(d, "nav-meetings").await;
    activate(d, "open-meeting").await;
    by_test_id(d, "roll").await;
    shot(d, "a11y-zoom-200-mote.png").await;
    no_sideways_scroll(d, "meeting").await;
    axe(d, "meetings").await;
    activate(d, "start-meeting-mode").await;
    by_test_id(d, "item-record").await;
    shot(d, "a11y-zoom-200-moteforsel.png").await;
    no_sideways_scroll(d, "meeting mode").await;
    axe(d, "meetings").await;

    chord(d, Key::Control, "n").await;
    expect_focus(d, "input#case-title").await;
    shot(d, "a11y-zoom-200-ny-sak.png").await;
    no_sideways_scroll(d, "case form").await;
    axe(d, "case-form").await;

    // Ctrl+0 goes back to 100 %.
    chord(d, Key::Control, "0").await;
    let until = std::time::Instant::now() + WAIT;
    while css_width(d).await != normal {
        assert!(std::time::Instant::now() < until, "Ctrl+0 did not reset the zoom");
        tokio::time::sleep(POLL).await;
    }
    app.d.quit().await.unwrap();
}

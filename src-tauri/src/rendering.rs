//! How WebKitGTK paints the window on Linux. Its Skia painter rasterises
//! the page's tiles with OpenGL by default. On a machine with no GPU render
//! node (a virtual desktop, a thin client, a terminal server, a CI runner)
//! that GL is Mesa's software llvmpipe, and measured here under Xvfb it held
//! the case list's first frame back about 0.5 s (demo register 1.13 s to
//! shown against 0.60 s with CPU painting; the blank window 0.62 against
//! 0.56 s) and cost about 50 MB. There the tiles are painted on the CPU
//! (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=1`), unless the person has chosen for
//! themselves by setting that variable (to 0 to keep the GPU painter).
//!
//! There, too, boxes that scroll (the case list) scroll on the page's own
//! thread: with WebKit's threaded scrolling (`AsyncOverflowScrolling`) each
//! gets a composited layer of its own, and without a GPU the list's layer
//! held its first frame back another 0.4 s (100 000 cases) and cost 25 MB.
//! The page redraws the list's rows as it scrolls in any case.
//!
//! Turning the DMA-BUF renderer off instead (`WEBKIT_DISABLE_DMABUF_RENDERER`)
//! was as fast, but it leaves accelerated compositing, and WebKitWebDriver's
//! screenshots then failed in four end-to-end tests on CI.

use std::path::Path;

/// The variable WebKitGTK's Skia painter reads at start.
pub const CPU_PAINTING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Whether to paint on the CPU: the variable is unset and `render_nodes`
/// (the names in /dev/dri) holds no GPU render node.
pub fn paint_on_cpu<S: AsRef<str>>(var_set: bool, render_nodes: impl IntoIterator<Item = S>) -> bool {
    !var_set && !render_nodes.into_iter().any(|n| n.as_ref().starts_with("renderD"))
}

/// The names in `dir` (none when it does not exist).
pub fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).into_iter().flatten().flatten().filter_map(|e| e.file_name().into_string().ok()).collect()
}

/// Chooses the painter before GTK and WebKit start; true when it chose the
/// CPU. Call it first in `main`, while the process has one thread: WebKit's
/// web process inherits the variable when it is spawned.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn choose() -> bool {
    let cpu = paint_on_cpu(std::env::var_os(CPU_PAINTING_VAR).is_some(), names_in(Path::new("/dev/dri")));
    if cpu {
        // SAFETY: called at the top of `main`, before any other thread exists
        // that could read the environment at the same time.
        unsafe { std::env::set_var(CPU_PAINTING_VAR, "1") };
    }
    cpu
}

#[cfg(not(target_os = "linux"))]
pub fn choose() -> bool {
    false
}

/// The WebKit feature that scrolls `overflow` boxes on a thread of its own,
/// each in a composited layer of its own; turned off where WebKit paints on
/// the CPU.
pub const ASYNC_OVERFLOW_SCROLLING: &str = "AsyncOverflowScrolling";

/// Fits the window's webview to the painter [`choose`] chose: where WebKit
/// paints on the CPU, scrolling boxes scroll on the page's own thread.
#[cfg(target_os = "linux")]
pub fn tune(window: &tauri::WebviewWindow, cpu_painting: bool) -> tauri::Result<()> {
    if cpu_painting {
        window.with_webview(|webview| {
            if set_feature(&webview.inner(), ASYNC_OVERFLOW_SCROLLING, false) {
                log::info!("Ingen GPU: WebKit rullar lister i sida sin eigen tråd (AsyncOverflowScrolling av)");
            }
        })?;
    }
    Ok(())
}

/// Elsewhere the system's webview chooses for itself.
#[cfg(not(target_os = "linux"))]
pub fn tune(_window: &tauri::WebviewWindow, _cpu_painting: bool) -> tauri::Result<()> {
    Ok(())
}

/// Sets the WebKit feature `identifier` of `webview` (WebKitGTK 2.42 and
/// later; webkit2gtk-rs has no binding for it). The functions are looked up
/// when called, so an older WebKit still starts the app: then, or when no
/// such feature exists, nothing changes and this returns false.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn set_feature(webview: &webkit2gtk::WebView, identifier: &str, enabled: bool) -> bool {
    use std::ffi::{CStr, c_char, c_void};
    use webkit2gtk::WebViewExt;
    use webkit2gtk::glib::translate::ToGlibPtr;

    type Ptr = *mut c_void;
    /// A function of libwebkit2gtk, found in the process (it is loaded).
    fn lookup(name: &CStr) -> Option<*mut c_void> {
        // SAFETY: dlsym with RTLD_DEFAULT and a valid C string only reads.
        let f = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
        (!f.is_null()).then_some(f)
    }
    let (Some(all), Some(len), Some(get), Some(id), Some(set), Some(unref)) = (
        lookup(c"webkit_settings_get_all_features"),
        lookup(c"webkit_feature_list_get_length"),
        lookup(c"webkit_feature_list_get"),
        lookup(c"webkit_feature_get_identifier"),
        lookup(c"webkit_settings_set_feature_enabled"),
        lookup(c"webkit_feature_list_unref"),
    ) else {
        return false;
    };
    let Some(settings) = WebViewExt::settings(webview) else { return false };
    // SAFETY: the pointers are WebKitGTK's functions of these names, with
    // the signatures its headers (WebKitFeature.h, WebKitSettings.h) give;
    // the list is ours (transfer full) and released once, its features are
    // borrowed from it while it lives, and `settings` outlives the calls.
    unsafe {
        let all: unsafe extern "C" fn() -> Ptr = std::mem::transmute(all);
        let len: unsafe extern "C" fn(Ptr) -> usize = std::mem::transmute(len);
        let get: unsafe extern "C" fn(Ptr, usize) -> Ptr = std::mem::transmute(get);
        let id: unsafe extern "C" fn(Ptr) -> *const c_char = std::mem::transmute(id);
        let set: unsafe extern "C" fn(Ptr, Ptr, i32) = std::mem::transmute(set);
        let unref: unsafe extern "C" fn(Ptr) = std::mem::transmute(unref);
        let list = all();
        if list.is_null() {
            return false;
        }
        let raw: *mut webkit2gtk::ffi::WebKitSettings = settings.to_glib_none().0;
        let mut found = false;
        for i in 0..len(list) {
            let feature = get(list, i);
            let name = id(feature);
            if !name.is_null() && CStr::from_ptr(name).to_bytes() == identifier.as_bytes() {
                set(raw.cast(), feature, i32::from(enabled));
                found = true;
                break;
            }
        }
        unref(list);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_only_without_a_render_node_and_without_a_choice_of_ones_own() {
        let none: [&str; 0] = [];
        assert!(paint_on_cpu(false, none));
        assert!(paint_on_cpu(false, ["card0", "by-path"]), "a display card alone renders nothing");
        assert!(!paint_on_cpu(false, ["card0", "renderD128"]), "a GPU keeps the GL painter");
        assert!(!paint_on_cpu(true, none), "WEBKIT_SKIA_ENABLE_CPU_RENDERING set by the person wins");
    }

    #[test]
    fn the_names_of_a_folder_and_of_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert_eq!(names_in(dir.path()), vec!["renderD128".to_string()]);
        assert!(names_in(&dir.path().join("missing")).is_empty());
    }
}

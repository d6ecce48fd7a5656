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

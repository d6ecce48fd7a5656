//! How WebKitGTK draws the window on Linux. Its DMA-BUF renderer (the
//! default since WebKitGTK 2.42) composites with OpenGL. On a machine with
//! no GPU render node (a virtual desktop, a thin client, a CI runner) that
//! GL is Mesa's software llvmpipe: measured here under Xvfb, the app's first
//! frame came 0.7 s after its rows were in the page, and its processes held
//! about 110 MB more than with WebKit drawing on the CPU directly. There the
//! renderer is turned off, unless the person has chosen for themselves by
//! setting `WEBKIT_DISABLE_DMABUF_RENDERER` (to 0 to keep it).

use std::path::Path;

/// The variable WebKitGTK reads at start.
pub const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Whether to turn the DMA-BUF renderer off: the variable is unset and
/// `render_nodes` (the names in /dev/dri) holds no GPU render node.
pub fn disable_dmabuf<S: AsRef<str>>(var_set: bool, render_nodes: impl IntoIterator<Item = S>) -> bool {
    !var_set && !render_nodes.into_iter().any(|n| n.as_ref().starts_with("renderD"))
}

/// The names in `dir` (none when it does not exist).
pub fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).into_iter().flatten().flatten().filter_map(|e| e.file_name().into_string().ok()).collect()
}

/// Chooses the renderer before GTK starts; true when it turned DMA-BUF off.
/// Call it first in `main`, while the process has one thread.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn choose() -> bool {
    let off = disable_dmabuf(std::env::var_os(DMABUF_VAR).is_some(), names_in(Path::new("/dev/dri")));
    if off {
        // SAFETY: called at the top of `main`, before any other thread exists
        // that could read the environment at the same time.
        unsafe { std::env::set_var(DMABUF_VAR, "1") };
    }
    off
}

#[cfg(not(target_os = "linux"))]
pub fn choose() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_only_without_a_render_node_and_without_a_choice_of_ones_own() {
        let none: [&str; 0] = [];
        assert!(disable_dmabuf(false, none));
        assert!(disable_dmabuf(false, ["card0", "by-path"]), "a display card alone renders nothing");
        assert!(!disable_dmabuf(false, ["card0", "renderD128"]), "a GPU keeps the GL renderer");
        assert!(!disable_dmabuf(true, none), "WEBKIT_DISABLE_DMABUF_RENDERER set by the person wins");
    }

    #[test]
    fn the_names_of_a_folder_and_of_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert_eq!(names_in(dir.path()), vec!["renderD128".to_string()]);
        assert!(names_in(&dir.path().join("missing")).is_empty());
    }
}

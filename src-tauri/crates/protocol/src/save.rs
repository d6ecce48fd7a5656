//! Writing a PDF to disk so that a crash or a full disk never leaves half a
//! protocol behind: write a temporary file beside it, flush, then rename.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, replacing any older file.
pub fn save_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".saksbok-").suffix(".pdf.tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("a.pdf");
        save_atomically(&p, b"first").unwrap();
        save_atomically(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::TempDir::new().unwrap();
        assert!(save_atomically(&dir.path().join("nope/a.pdf"), b"x").is_err());
    }
}

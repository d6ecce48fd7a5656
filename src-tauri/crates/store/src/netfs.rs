//! Refusing a database on a network share. SQLite's WAL needs shared memory
//! and file locks that network file systems (SMB/CIFS, NFS, AFP, …) do not
//! give reliably; a register there can be damaged by two machines at once.
//! Several clerks sharing one register is what a server-backed mode is for.
//! Recognised: statfs's magic numbers on Linux, f_fstypename on macOS, and on
//! Windows UNC paths and drive letters mapped to a share.

use std::path::Path;

/// The network file system `dir` is on, if it is on one we know of.
pub fn network_kind(dir: &Path) -> Option<&'static str> {
    if let Some(kind) = unc_kind(dir) {
        return Some(kind);
    }
    platform_kind(dir)
}

/// `\\server\share\…` (and `\\?\UNC\server\…`): a Windows network path.
fn unc_kind(dir: &Path) -> Option<&'static str> {
    let s = dir.to_string_lossy();
    let unc =
        s.starts_with(r"\\?\UNC\") || (s.starts_with(r"\\") && !s.starts_with(r"\\?\") && !s.starts_with(r"\\.\"));
    unc.then_some("Windows-nettverksressurs (UNC)")
}

#[cfg(target_os = "linux")]
fn platform_kind(dir: &Path) -> Option<&'static str> {
    let found = rustix::fs::statfs(dir).ok()?;
    // The magic numbers are 32-bit values; FsWord is signed on some targets.
    linux_kind(found.f_type as i64 as u32)
}

/// Linux `statfs` magic numbers of network file systems (see statfs(2)).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn linux_kind(magic: u32) -> Option<&'static str> {
    Some(match magic {
        0x6969 => "NFS",
        0x517B => "SMB",
        0xFF53_4D42 => "SMB/CIFS",
        0xFE53_4D42 => "SMB2",
        0x564C => "NCP",
        0x6B41_4653 => "AFS",
        0x0102_1997 => "9P",
        0x7375_7245 => "Coda",
        0x0BD0_0BD0 => "Lustre",
        0x0123_4567 => "CephFS",
        0x4750_4653 => "GPFS",
        _ => return None,
    })
}

#[cfg(target_os = "macos")]
fn platform_kind(dir: &Path) -> Option<&'static str> {
    let found = rustix::fs::statfs(dir).ok()?;
    let name: Vec<u8> = found.f_fstypename.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
    macos_kind(&String::from_utf8_lossy(&name))
}

/// macOS `f_fstypename` of network file systems.
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
fn macos_kind(name: &str) -> Option<&'static str> {
    Some(match name {
        "nfs" => "NFS",
        "smbfs" => "SMB",
        "afpfs" => "AFP",
        "webdav" => "WebDAV",
        _ => return None,
    })
}

/// Windows: a network drive mapped to a letter (`Z:` → `\\server\share`).
#[cfg(windows)]
fn platform_kind(dir: &Path) -> Option<&'static str> {
    use std::os::windows::ffi::OsStrExt;
    use std::path::Component;
    let Some(Component::Prefix(prefix)) = dir.components().next() else { return None };
    let root: Vec<u16> = prefix.as_os_str().encode_wide().chain("\\".encode_utf16()).chain([0]).collect();
    // SAFETY: GetDriveTypeW only reads the NUL-terminated string it is given,
    // which lives until the call returns.
    #[allow(unsafe_code)]
    let kind = unsafe { windows_sys::Win32::Storage::FileSystem::GetDriveTypeW(root.as_ptr()) };
    (kind == windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOTE).then_some("nettverksstasjon")
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn platform_kind(_dir: &Path) -> Option<&'static str> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_file_systems_are_recognised_and_local_ones_are_not() {
        assert_eq!(linux_kind(0x6969), Some("NFS"));
        assert_eq!(linux_kind(0xFF53_4D42), Some("SMB/CIFS"));
        assert_eq!(linux_kind(0xEF53), None, "ext4");
        assert_eq!(linux_kind(0x0102_1994), None, "tmpfs");
        assert_eq!(macos_kind("smbfs"), Some("SMB"));
        assert_eq!(macos_kind("apfs"), None);
        assert!(unc_kind(Path::new(r"\\rådhus-fil01\felles\saksbok")).is_some());
        assert!(unc_kind(Path::new(r"\\?\UNC\rådhus-fil01\felles")).is_some());
        assert!(unc_kind(Path::new(r"\\?\C:\Users\kari")).is_none());
        assert!(unc_kind(Path::new("/home/kari")).is_none());
    }

    #[test]
    fn the_temporary_directory_here_is_local() {
        assert_eq!(network_kind(&std::env::temp_dir()), None);
    }
}

//! File system differences. On Unix, files that may hold secrets are created 0600 and
//! directories 0700, and `doctor` checks those bits. Windows has no such bits: a file in the
//! user's profile is protected by the profile's ACL (only the user, SYSTEM and Administrators),
//! so there is nothing to set and nothing to check. Windows also refuses to rename over a file
//! that another process holds open without delete sharing (an antivirus scanning it, the
//! search indexer, a running rclone reading it), where Unix always succeeds: the replace is
//! retried there for a moment before it fails with a message that says why.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io;
use std::path::Path;

/// Mode for files pluton creates on Unix: they may hold tokens.
pub const PRIVATE_FILE: u32 = 0o600;
/// Mode for directories pluton creates on Unix.
pub const PRIVATE_DIR: u32 = 0o700;

/// Whether this OS gives files permission bits that pluton sets and `doctor` checks.
pub const HAS_MODES: bool = cfg!(unix);

/// `options` set to create a file readable by its owner alone (before a byte is written).
pub fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(PRIVATE_FILE)
    }
    #[cfg(not(unix))]
    {
        options
    }
}

/// Creates `dir` and its missing parents, private to the user on Unix.
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(PRIVATE_DIR);
    }
    builder.create(dir)
}

/// The permission bits (`0o7777`), or `None` where the OS has none.
pub fn mode(meta: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Sets the permission bits of an open file; nothing where the OS has none.
pub fn set_file_mode(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
}

/// Sets the permission bits of a path; nothing where the OS has none.
pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Renames `from` over `to` (the last step of an atomic write).
///
/// On Windows a rename over a file that another process has open fails with "access denied" or
/// "sharing violation" until that process lets go, which antivirus scanners and indexers do
/// within moments: try again for up to about two seconds, then fail with the reason spelled
/// out. Nothing has been half-written either way: the new content is in `from`.
pub fn replace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        use std::time::{Duration, Instant};
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut pause = Duration::from_millis(10);
        loop {
            match fs::rename(from, to) {
                Ok(()) => return Ok(()),
                Err(err) if held_open(&err) && Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                Err(err) if held_open(&err) => {
                    return Err(io::Error::new(
                        err.kind(),
                        format!(
                            "another program keeps {} open (an antivirus, the search indexer or a running \
                             rclone), or it is read-only; close that program and try again ({err})",
                            to.display()
                        ),
                    ));
                }
                Err(err) => return Err(err),
            }
        }
    }
    #[cfg(not(windows))]
    {
        fs::rename(from, to)
    }
}

/// ERROR_ACCESS_DENIED (5) and ERROR_SHARING_VIOLATION (32): what a rename over a file that is
/// open elsewhere gets on Windows.
#[cfg(windows)]
fn held_open(err: &io::Error) -> bool {
    matches!(err.raw_os_error(), Some(5 | 32))
}

/// The modification time as `seconds.nanoseconds` since the epoch: part of what identifies an
/// rclone binary without running it.
pub fn modified_stamp(meta: &Metadata) -> String {
    match meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()) {
        Some(d) => format!("{}.{}", d.as_secs(), d.subsec_nanos()),
        None => "0.0".to_string(),
    }
}

/// Whether a process with this pid exists (ours always does).
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    alive(pid)
}

#[cfg(unix)]
#[allow(unsafe_code)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = i32::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks the kernel whether the pid exists.
    let result = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to someone else.
    result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(windows)]
#[allow(unsafe_code)]
fn alive(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_ACCESS_DENIED, GetLastError, STILL_ACTIVE};
    use windows_sys::Win32::System::Threading::{GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION};
    // SAFETY: OpenProcess returns a handle we own (closed below) or null; GetExitCodeProcess
    // writes only into `code`.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            // Access denied: it exists but belongs to someone else.
            return GetLastError() == ERROR_ACCESS_DENIED;
        }
        let mut code = 0u32;
        let running = GetExitCodeProcess(handle, &mut code) != 0 && code == STILL_ACTIVE as u32;
        CloseHandle(handle);
        running
    }
}

#[cfg(not(any(unix, windows)))]
fn alive(_pid: u32) -> bool {
    true
}

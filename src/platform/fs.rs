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

/// Renames `from` over `to` (the last step of an atomic write), waiting out a moment in which
/// another program holds `to` open (see `while_held_open`).
pub fn replace(from: &Path, to: &Path) -> io::Result<()> {
    while_held_open(to, || fs::rename(from, to))
}

/// Runs `op` on `path`, again and again while Windows says another process holds the file
/// open ("access denied" or "sharing violation" on a rename over it or an open for writing),
/// which antivirus scanners and indexers do for moments: for up to about two seconds, then it
/// fails with the reason spelled out. Nothing has been half-written either way. Elsewhere `op`
/// runs once: Unix never refuses for this.
pub fn while_held_open<T>(path: &Path, mut op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    #[cfg(windows)]
    {
        use std::time::{Duration, Instant};
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut pause = Duration::from_millis(10);
        loop {
            match op() {
                Err(err) if held_open(&err) && Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                Err(err) if held_open(&err) => {
                    return Err(io::Error::new(
                        err.kind(),
                        format!(
                            "another program keeps {} open (an antivirus, the search indexer or a running \
                             rclone), or it is read-only; nothing was changed: close that program and try \
                             again ({err})",
                            path.display()
                        ),
                    ));
                }
                other => return other,
            }
        }
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        op()
    }
}

/// Why the OS refused to change a file, when it says so plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The file system is mounted read-only.
    ReadOnly,
    /// The file is immutable or append-only (`chattr +i` / `+a`).
    Immutable,
    /// The path is a mount point of its own (a single-file bind mount, as Docker makes for
    /// `-v ./rclone.conf:/config/rclone.conf`): it can be written, never renamed over.
    MountPoint,
}

/// What `err`, from opening a file for writing or renaming over it, says about the file.
pub fn refusal(err: &io::Error) -> Option<Refusal> {
    #[cfg(unix)]
    {
        match err.raw_os_error() {
            Some(libc::EROFS) => Some(Refusal::ReadOnly),
            // In a directory pluton may write, EPERM on an existing file is its immutable or
            // append-only flag (EACCES is plain permissions).
            Some(libc::EPERM) => Some(Refusal::Immutable),
            Some(libc::EBUSY) => Some(Refusal::MountPoint),
            _ => None,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = err;
        None
    }
}

/// ERROR_ACCESS_DENIED (5) and ERROR_SHARING_VIOLATION (32): what a rename over a file that is
/// open elsewhere gets on Windows.
#[cfg(windows)]
fn held_open(err: &io::Error) -> bool {
    matches!(err.raw_os_error(), Some(5 | 32))
}

/// Whether `path` is a mount point of its own: on Linux, listed as one in
/// /proc/self/mountinfo (a bind mount of a file from the same file system keeps its device
/// number, so only the mount table tells); elsewhere, on another device than its directory.
pub fn is_mount_point(path: &Path) -> bool {
    let Ok(path) = fs::canonicalize(path) else { return false };
    #[cfg(target_os = "linux")]
    {
        let Ok(table) = fs::read_to_string("/proc/self/mountinfo") else { return false };
        let wanted = path.to_string_lossy();
        table.lines().filter_map(|line| line.split(' ').nth(4)).any(|point| unescape_mount(point) == wanted)
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(file), Some(dir)) = (fs::metadata(&path), path.parent()) else { return false };
        fs::metadata(dir).is_ok_and(|d| d.dev() != file.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// A mount point as /proc/self/mountinfo writes it: space, tab, newline and backslash as
/// three-digit octal escapes.
#[cfg(target_os = "linux")]
fn unescape_mount(point: &str) -> String {
    let bytes = point.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u8::from_str_radix(d, 8).ok());
        match (bytes[i], octal) {
            (b'\\', Some(b)) => {
                out.push(b);
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Exchanges the files at `a` and `b` in one atomic step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`). `Ok(false)` where that is not available (another OS, an old kernel, a file
/// system without it, or `b` missing), so the caller renames instead.
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (Ok(a), Ok(b)) =
            (std::ffi::CString::new(a.as_os_str().as_bytes()), std::ffi::CString::new(b.as_os_str().as_bytes()))
        else {
            return Ok(false);
        };
        // SAFETY: both paths are NUL-terminated strings that live across the call.
        let done =
            unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
        if done == 0 {
            return Ok(true);
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP | libc::ENOENT | libc::EXDEV | libc::EBUSY) => Ok(false),
            _ => Err(err),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// A file's identity (device and inode) where the OS gives one.
pub fn file_id(meta: &Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
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

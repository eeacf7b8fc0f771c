//! The one door every file write goes through: an exclusive lock on a separate lock file, and
//! an atomic replace (temp file in the same directory, fsync, rename, fsync the directory).
//!
//! Why each step: the temp file lives beside the target so `rename` stays on one filesystem and
//! is atomic; fsync before rename makes sure the new name never points at unwritten blocks after
//! a crash; fsync of the directory makes the rename itself durable. A reader therefore sees the
//! old file or the new one, never a mix, and a pluton killed at any moment leaves both whole.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::platform;
use crate::platform::fs::Refusal;

pub mod copies;
mod leftovers;

pub use crate::platform::fs::{PRIVATE_DIR, PRIVATE_FILE};
pub use leftovers::{leftovers, sweep_leftovers};

/// Held while pluton reads-modifies-writes its files; released on drop (and by the kernel if
/// the process dies, so a killed pluton never leaves a stale lock behind).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Blocks until the exclusive lock on `path` is ours. Parallel pluton runs queue here.
    pub fn acquire(path: &Path) -> Result<Lock> {
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        let file = platform::fs::private(OpenOptions::new().create(true).truncate(false).write(true))
            .open(path)
            .with_context(|| format!("opening lock file {}", path.display()))?;
        file.lock().with_context(|| format!("locking {}", path.display()))?;
        Ok(Lock { _file: file })
    }
}

/// Creates `dir` (and parents) with mode 0700 for the parts pluton creates (on Windows the
/// profile's ACL keeps them private).
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    platform::fs::create_private_dir_all(dir).with_context(|| format!("creating directory {}", dir.display()))
}

/// Reads a whole file, or `None` when it does not exist.
///
/// rclone saves its config by renaming the old file away before renaming the new one in
/// (rclone-notes §1.3), so the path can be missing for a moment while rclone refreshes a token.
/// A missing file is therefore looked at again for a short while before we believe it.
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    const GRACE: Duration = Duration::from_millis(200);
    let started = Instant::now();
    loop {
        match fs::read(path) {
            Ok(bytes) => return Ok(Some(bytes)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                if started.elapsed() >= GRACE || !rclone_save_in_progress(path) {
                    return Ok(None);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
        }
    }
}

/// rclone's save leaves `<name>.old<random>` beside the file while the new one is not yet in
/// place; only then is a missing file worth waiting for.
fn rclone_save_in_progress(path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let prefix = format!("{}.old", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    fs::read_dir(dir)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with(&prefix)))
        .unwrap_or(false)
}

/// Where a write to `path` must land: the final target of a symlink chain (so a symlinked
/// rclone.conf is written through, not replaced by a regular file), else `path` itself.
pub fn write_target(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current).with_context(|| format!("reading symlink {}", current.display()))?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    anyhow::bail!("too many levels of symbolic links at {}", path.display())
}

/// Replaces the file at `path` with `contents`, atomically.
///
/// A new file gets mode 0600; an existing one keeps its mode. The temp file is created 0600
/// before a single byte is written to it, so a secret is never readable by others, even briefly.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, None, None).map(|_| ())
}

/// Like `write_atomic`, but only while the file holds exactly `expected` (`None`: no file);
/// otherwise the temp file is removed, nothing changes, and the answer is `false`. For a file
/// another program (rclone) rewrites without any lock.
///
/// The look happens right before the rename, with the new contents already written and synced,
/// so the window between the two is as short as it can be. On Linux it is closed as well: the
/// new file is exchanged with the old one in one step (`renameat2(RENAME_EXCHANGE)`), which
/// hands back exactly what was replaced; if that is not `expected` (the other program wrote in
/// the window), its file is exchanged back, unless it has written yet again since, and the
/// answer is `false` all the same.
pub fn write_atomic_if(path: &Path, contents: &[u8], expected: Option<&[u8]>) -> Result<bool> {
    replace(path, contents, None, Some(expected))
}

/// Replaces the file at `path` with `contents`, atomically, leaving it with exactly `mode`
/// whatever it had before: for files meant to be read by others (a metrics file that
/// node_exporter, running as its own user, reads). Nothing secret may go through here. The
/// new file is synced before the rename, the directory is not: after a crash the previous
/// file may be back, whole.
pub fn write_atomic_with_mode(path: &Path, contents: &[u8], mode: u32) -> Result<()> {
    replace(path, contents, Some(mode), None).map(|_| ())
}

/// `expected`: `None` replaces whatever is there; `Some(bytes)` only what holds exactly those
/// (`Some(None)`: only while there is no file).
fn replace(path: &Path, contents: &[u8], forced_mode: Option<u32>, expected: Option<Option<&[u8]>>) -> Result<bool> {
    let target = write_target(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir)?;
    let mode = match (forced_mode, fs::metadata(&target)) {
        (Some(mode), _) => mode,
        (None, Ok(meta)) => platform::fs::mode(&meta).unwrap_or(PRIVATE_FILE),
        (None, Err(err)) if err.kind() == io::ErrorKind::NotFound => PRIVATE_FILE,
        (None, Err(err)) => return Err(err).with_context(|| format!("reading {}", target.display())),
    };

    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (tmp_path, mut tmp) = create_temp(&dir, &name).map_err(|e| explain_refusal(e, &target))?;
    let result = (|| -> Result<bool> {
        tmp.write_all(contents)?;
        if mode != PRIVATE_FILE {
            platform::fs::set_file_mode(&tmp, mode)?;
        }
        tmp.sync_all()?;
        let ours = platform::fs::file_id(&tmp.metadata()?);
        drop(tmp);
        if let Some(expected) = expected {
            if read_optional(&target)?.as_deref() != expected {
                return Ok(false);
            }
            if let Some(expected) = expected
                && let Some(replaced) = exchange_checked(&tmp_path, &target, expected, ours)?
            {
                if replaced {
                    sync_dir(&dir);
                }
                return Ok(replaced);
            }
        }
        match platform::fs::replace(&tmp_path, &target) {
            Ok(()) => {}
            Err(err) if platform::fs::refusal(&err) == Some(Refusal::MountPoint) => {
                // A single-file bind mount: the path can only be written, not renamed over.
                // In place, then, under the lock; whoever writes pluton's files kept a copy
                // of the old content first (store::copies), so a crash mid-write has a way back.
                write_in_place(&target, contents)?;
                let _ = fs::remove_file(&tmp_path);
                return Ok(true);
            }
            Err(err) => return Err(explain_refusal(anyhow::Error::from(err), &target)),
        }
        // A file with a forced mode is one for others to read (the metrics file): losing its
        // rename in a crash only brings back the previous run's figures, so the directory's
        // fsync (a disk flush of its own, the larger part of the write's cost) is spared.
        if forced_mode.is_none() {
            sync_dir(&dir);
        }
        Ok(true)
    })();
    if !matches!(result, Ok(true)) {
        let _ = fs::remove_file(&tmp_path);
    }
    result.with_context(|| format!("writing {}", target.display()))
}

/// Makes a rename in `dir` durable. Some filesystems refuse fsync on a directory; the data is
/// already safe then, so that refusal is not an error.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Exchanges the new file at `tmp` with `target` and checks what it replaced: `Some(true)` when
/// that was `expected` (done), `Some(false)` when another program had written in between (its
/// file is back in place, ours gone), `None` when the exchange is not available here and the
/// caller renames as usual. `tmp` is gone afterwards whenever the answer is `Some`.
fn exchange_checked(tmp: &Path, target: &Path, expected: &[u8], ours: Option<(u64, u64)>) -> Result<Option<bool>> {
    if !platform::fs::exchange(tmp, target).unwrap_or(false) {
        return Ok(None);
    }
    // `tmp` now names what `target` held at the very moment of the exchange.
    let replaced = fs::read(tmp)?;
    if replaced == expected {
        let _ = fs::remove_file(tmp);
        return Ok(Some(true));
    }
    // Written in the window: put that back, unless the file is no longer ours (written yet
    // again since, which that newer write then keeps).
    let still_ours = ours.is_some() && fs::metadata(target).ok().and_then(|m| platform::fs::file_id(&m)) == ours;
    if still_ours {
        fs::rename(tmp, target)?;
    } else {
        let _ = fs::remove_file(tmp);
    }
    Ok(Some(false))
}

/// Overwrites `target` where it is (same inode), and syncs it.
fn write_in_place(target: &Path, contents: &[u8]) -> Result<()> {
    let mut file = OpenOptions::new().write(true).truncate(true).open(target)?;
    file.write_all(contents)?;
    file.sync_all()?;
    Ok(())
}

/// Whether pluton could replace the file at `path` (through a symlink, to its target), asked
/// before anything is written: a command that changes two files must not change one and then
/// find the other read-only. Opening a file for writing changes nothing in it.
pub fn check_writable(path: &Path) -> Result<()> {
    let target = write_target(path)?;
    match platform::fs::while_held_open(&target, || OpenOptions::new().write(true).open(&target)) {
        Ok(_) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(explain_refusal(anyhow::Error::from(err), &target)),
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.is_dir() {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match create_temp(&dir, &name) {
            Ok((tmp, _)) => {
                let _ = fs::remove_file(tmp);
            }
            // A single-file mount in a directory pluton cannot write: written in place later.
            Err(_) if platform::fs::is_mount_point(&target) => {}
            Err(err) => return Err(explain_refusal(err, &target)),
        }
    }
    Ok(())
}

/// Whether `path` is a mount point of its own (a single-file bind mount, as Docker makes): it
/// is written in place, never renamed over.
pub fn is_mount_point(path: &Path) -> bool {
    write_target(path).is_ok_and(|t| platform::fs::is_mount_point(&t))
}

/// `err` as a typed error that names the file and what to do, when the OS said why it could
/// not be written (read-only file system, immutable file); else unchanged.
fn explain_refusal(err: anyhow::Error, target: &Path) -> anyhow::Error {
    let Some(io) = err.downcast_ref::<io::Error>() else { return err };
    let shown = target.display();
    let typed = match platform::fs::refusal(io) {
        Some(Refusal::ReadOnly) => crate::error::Error::failed(format!(
            "{shown} is on a read-only file system; nothing was changed"
        ))
        .with_hint(
            "mount it read-write, or point pluton at a writable copy with --rclone-config FILE (PLUTON_RCLONE_CONFIG); rclone cannot save refreshed tokens into a read-only file either",
        ),
        Some(Refusal::Immutable) => crate::error::Error::failed(format!(
            "{shown} is immutable (chattr +i) or append-only; nothing was changed"
        ))
        .with_hint(format!(
            "if that is on purpose, point pluton at a writable file with --rclone-config FILE; else run `chattr -i {shown}` (as root). rclone cannot save refreshed tokens into it either"
        )),
        _ => return err,
    };
    anyhow::Error::new(typed)
}

/// A new, exclusive, 0600 file beside the target: `.<name>.pluton-<pid>-<random>`. The pid
/// tells a later pluton whether the file's owner is gone (see `sweep_leftovers`).
pub fn create_temp(dir: &Path, name: &str) -> Result<(PathBuf, File)> {
    for _ in 0..16 {
        let candidate = dir.join(format!(".{name}.{TEMP_TAG}{}-{}", std::process::id(), random_hex(6)));
        match platform::fs::private(OpenOptions::new().write(true).create_new(true)).open(&candidate) {
            Ok(file) => return Ok((candidate, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => {
                return Err(err).with_context(|| format!("creating a temporary file in {}", dir.display()));
            }
        }
    }
    anyhow::bail!("could not create a temporary file in {}", dir.display())
}

/// What every temporary name pluton makes carries, followed by `<pid>-`.
pub(crate) const TEMP_TAG: &str = "pluton-";

/// A new 0700 directory in `parent` for a private rclone.conf (`kind`: `verify`, `drives`),
/// removed on drop. Its name carries this process's pid, so a killed run's is swept.
pub fn private_dir(parent: &Path, kind: &str) -> Result<tempfile::TempDir> {
    create_private_dir(parent)?;
    tempfile::Builder::new()
        .prefix(&format!(".{kind}-{TEMP_TAG}{}-", std::process::id()))
        .tempdir_in(parent)
        .with_context(|| format!("creating a private directory in {}", parent.display()))
}

/// `n` random bytes as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    // The OS random source failing is not something a user can cause or fix; fall back to
    // time and pid, which is still unique enough for temp names and ids checked for clashes.
    if getrandom::fill(&mut bytes).is_err() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let seed = now ^ (u128::from(std::process::id()) << 64);
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (seed >> ((i % 16) * 8)) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::PermissionsExt;

    #[cfg(unix)]
    #[test]
    fn new_files_are_private_and_existing_ones_keep_their_mode() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let fresh = dir.path().join("new.conf");
        write_atomic(&fresh, b"a")?;
        assert_eq!(fs::metadata(&fresh)?.permissions().mode() & 0o777, 0o600);

        let shared = dir.path().join("shared.conf");
        fs::write(&shared, b"old")?;
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o640))?;
        write_atomic(&shared, b"new")?;
        assert_eq!(fs::read(&shared)?, b"new");
        assert_eq!(fs::metadata(&shared)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_forced_mode_is_the_mode_of_the_new_file_whatever_the_old_one_had() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("pluton.prom");
        write_atomic_with_mode(&file, b"a 1\n", 0o644)?;
        assert_eq!(fs::metadata(&file)?.permissions().mode() & 0o777, 0o644);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600))?;
        write_atomic_with_mode(&file, b"a 2\n", 0o644)?;
        assert_eq!(fs::metadata(&file)?.permissions().mode() & 0o777, 0o644);
        assert_eq!(fs::read(&file)?, b"a 2\n");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_to_its_target() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("real.conf");
        fs::write(&real, b"old")?;
        let link = dir.path().join("link.conf");
        std::os::unix::fs::symlink("real.conf", &link)?;
        write_atomic(&link, b"new")?;
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::read(&real)?, b"new");
        Ok(())
    }

    /// What the exchange hands back decides: the expected file is replaced; a file written in
    /// the window between the look and the exchange is put back, and ours is gone.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_write_in_the_window_before_the_exchange_is_put_back() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("rclone.conf");
        let ours = dir.path().join(".ours");
        fs::write(&target, b"original")?;
        fs::write(&ours, b"ours")?;
        let id = platform::fs::file_id(&fs::metadata(&ours)?);
        if exchange_checked(&ours, &target, b"original", id)?.is_none() {
            eprintln!("SKIPPED: this file system has no RENAME_EXCHANGE");
            return Ok(());
        }
        assert_eq!(fs::read(&target)?, b"ours");
        assert!(!ours.exists());
        // rclone wrote "theirs" after pluton looked (when it was still "ours"):
        fs::write(&ours, b"ours again")?;
        let id = platform::fs::file_id(&fs::metadata(&ours)?);
        fs::write(&target, b"theirs")?;
        assert_eq!(exchange_checked(&ours, &target, b"ours", id)?, Some(false));
        assert_eq!(fs::read(&target)?, b"theirs", "rclone's write is back in place");
        assert!(!ours.exists());
        Ok(())
    }

    #[test]
    fn no_temp_file_is_left_behind() -> Result<()> {
        let dir = tempfile::tempdir()?;
        write_atomic(&dir.path().join("f"), b"x")?;
        let names: Vec<_> = fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("f")]);
        Ok(())
    }

    #[test]
    fn missing_files_read_as_none() -> Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(read_optional(&dir.path().join("nope"))?.is_none());
        Ok(())
    }
}

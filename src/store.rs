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
pub use crate::platform::fs::{PRIVATE_DIR, PRIVATE_FILE};

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
    write_atomic_if(path, contents, || Ok(true)).map(|_| ())
}

/// Like `write_atomic`, but asks `still_current` right before the rename whether the file may
/// be replaced; if not, the temp file is removed, nothing changes, and the answer is `false`.
/// The new contents are already written and synced by then, so the window between the check
/// and the rename is as short as it can be.
pub fn write_atomic_if(path: &Path, contents: &[u8], still_current: impl FnOnce() -> Result<bool>) -> Result<bool> {
    replace(path, contents, None, still_current)
}

/// Replaces the file at `path` with `contents`, atomically, leaving it with exactly `mode`
/// whatever it had before: for files meant to be read by others (a metrics file that
/// node_exporter, running as its own user, reads). Nothing secret may go through here.
pub fn write_atomic_with_mode(path: &Path, contents: &[u8], mode: u32) -> Result<()> {
    replace(path, contents, Some(mode), || Ok(true)).map(|_| ())
}

fn replace(
    path: &Path,
    contents: &[u8],
    forced_mode: Option<u32>,
    still_current: impl FnOnce() -> Result<bool>,
) -> Result<bool> {
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
    let (tmp_path, mut tmp) = create_temp(&dir, &name)?;
    let result = (|| -> Result<bool> {
        tmp.write_all(contents)?;
        if mode != PRIVATE_FILE {
            platform::fs::set_file_mode(&tmp, mode)?;
        }
        tmp.sync_all()?;
        drop(tmp);
        if !still_current()? {
            return Ok(false);
        }
        platform::fs::replace(&tmp_path, &target)?;
        // Make the rename itself durable. Some filesystems refuse fsync on a directory; the
        // data is already safe then, so that refusal is not an error.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(true)
    })();
    if !matches!(result, Ok(true)) {
        let _ = fs::remove_file(&tmp_path);
    }
    result.with_context(|| format!("writing {}", target.display()))
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
const TEMP_TAG: &str = "pluton-";

/// A new 0700 directory in `parent` for a private rclone.conf (`kind`: `verify`, `drives`),
/// removed on drop. Its name carries this process's pid, so a killed run's is swept.
pub fn private_dir(parent: &Path, kind: &str) -> Result<tempfile::TempDir> {
    create_private_dir(parent)?;
    tempfile::Builder::new()
        .prefix(&format!(".{kind}-{TEMP_TAG}{}-", std::process::id()))
        .tempdir_in(parent)
        .with_context(|| format!("creating a private directory in {}", parent.display()))
}

/// Temporary files and directories in `dir` that a pluton left behind when it was killed: the
/// process named in their name is gone. A kill between creating a temp file and renaming it
/// (or while a check's private config exists) leaves one; each may hold a copy of the secrets.
/// Names of older versions without a pid count once they are a day old.
pub fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            match leftover_pid(&name) {
                Some(Some(pid)) => !platform::fs::process_alive(pid),
                Some(None) => e
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > Duration::from_secs(24 * 3600))),
                None => false,
            }
        })
        .map(|e| e.path())
        .collect()
}

/// Removes what `leftovers` finds; called by whoever holds the lock. Returns what was removed.
pub fn sweep_leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for path in leftovers(dir) {
        let gone = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        if gone.is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// `Some(Some(pid))` for a pluton temp name with its owner's pid, `Some(None)` for one in the
/// old form without a pid, `None` for anything else.
fn leftover_pid(name: &str) -> Option<Option<u32>> {
    let rest = if let Some(rest) = name.strip_prefix(".verify-").or_else(|| name.strip_prefix(".drives-")) {
        rest.strip_prefix(TEMP_TAG).unwrap_or(rest)
    } else if name.starts_with('.') && name.contains(&format!(".{TEMP_TAG}")) {
        let at = name.find(&format!(".{TEMP_TAG}"))? + TEMP_TAG.len() + 1;
        &name[at..]
    } else {
        return None;
    };
    Some(rest.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok()))
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

    #[test]
    fn no_temp_file_is_left_behind() -> Result<()> {
        let dir = tempfile::tempdir()?;
        write_atomic(&dir.path().join("f"), b"x")?;
        let names: Vec<_> = fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("f")]);
        Ok(())
    }

    #[test]
    fn leftovers_of_dead_processes_are_found_and_live_ones_kept() -> Result<()> {
        let dir = tempfile::tempdir()?;
        // A pid that cannot exist (above the kernel's pid_max limit of 2^22).
        let dead = 4_194_305 + 17;
        let mine = std::process::id();
        for name in [
            format!(".rclone.conf.pluton-{dead}-ab12cd"),
            format!(".storages.toml.pluton-{dead}-ab12cd"),
            format!(".rclone.conf.pluton-{mine}-ab12cd"),
            "rclone.conf".to_string(),
            ".rclone.conf.oldXYZ".to_string(),
        ] {
            fs::write(dir.path().join(name), b"x")?;
        }
        fs::create_dir(dir.path().join(format!(".verify-pluton-{dead}-Qx1")))?;
        fs::write(dir.path().join(format!(".verify-pluton-{dead}-Qx1/rclone.conf")), b"secret")?;
        fs::create_dir(dir.path().join(format!(".drives-pluton-{mine}-Qx2")))?;
        let mut found: Vec<String> = leftovers(dir.path())
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                format!(".rclone.conf.pluton-{dead}-ab12cd"),
                format!(".storages.toml.pluton-{dead}-ab12cd"),
                format!(".verify-pluton-{dead}-Qx1"),
            ]
        );
        assert_eq!(sweep_leftovers(dir.path()).len(), 3);
        assert!(leftovers(dir.path()).is_empty());
        assert!(dir.path().join(format!(".rclone.conf.pluton-{mine}-ab12cd")).exists());
        assert!(dir.path().join(".rclone.conf.oldXYZ").exists(), "rclone's own temp files are rclone's");
        Ok(())
    }

    #[test]
    fn missing_files_read_as_none() -> Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(read_optional(&dir.path().join("nope"))?.is_none());
        Ok(())
    }
}

//! What killed plutons leave behind: temp files from between creating and renaming, private
//! configs of checks. Each may hold a copy of the secrets; whoever holds the lock sweeps them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::TEMP_TAG;
use crate::platform;

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

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Result;

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
}

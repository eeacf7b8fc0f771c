//! Identifies an rclone binary without running it: what the caches of its schema and version
//! are keyed by, so a new rclone (an upgrade, another path) gets entries of its own.

use std::path::Path;

/// Path (resolved), size and modification time.
pub fn key(bin: &Path) -> String {
    let path = std::fs::canonicalize(bin).unwrap_or_else(|_| bin.to_path_buf());
    match std::fs::metadata(&path) {
        Ok(meta) => format!("{}|{}|{}", path.display(), meta.len(), crate::platform::fs::modified_stamp(&meta)),
        Err(_) => path.display().to_string(),
    }
}

/// FNV-1a of a key: a stable, short file name (not security relevant).
pub fn key_hash(key: &str) -> String {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

//! Kept copies of rclone.conf and storages.toml: the way back when a file is lost.
//!
//! rclone.conf lives among other writers: a second rclone writes back an older copy and drops a
//! section, a crash or a full disk leaves it empty or full of NUL bytes, a person's edit goes
//! wrong. So before pluton replaces either file, right after (what it wrote), and whenever a
//! command finds rclone.conf changed since the newest copy (rclone refreshed a token, a person
//! edited it), the bytes as they are go into a copy: a 0600 file in pluton's 0700 `history` directory, named
//! `<id>.<why>.<file>`, where the id is the UTC time to the millisecond (`20261206-191300-123`,
//! unique under pluton's lock, sortable). The bytes are copied as they are, so an encrypted
//! rclone.conf stays encrypted in its copies. At most `keep` copies of each file stay; the
//! oldest go first. A copy equal to the newest one of its file is not made again, so a write
//! costs one copy (what it wrote: the state before it is the copy the previous write made).
//!
//! Copies are not fsynced: they guard against what happens to the live file later, and the
//! live file itself is always replaced atomically; a crash in between loses at most the copy
//! being made, never the file.
//!
//! Everything here is called with pluton's lock held.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::platform;

/// The default number of copies kept of each file (`PLUTON_KEEP_COPIES` changes it).
pub const DEFAULT_KEEP: usize = 30;

/// Which of pluton's files a copy holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    RcloneConf,
    StoragesToml,
}

impl Kind {
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::RcloneConf => "rclone.conf",
            Kind::StoragesToml => "storages.toml",
        }
    }

    fn from_file_name(name: &str) -> Option<Kind> {
        match name {
            "rclone.conf" => Some(Kind::RcloneConf),
            "storages.toml" => Some(Kind::StoragesToml),
            _ => None,
        }
    }
}

/// Why a copy was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The file as it was before pluton replaced it.
    BeforeWrite,
    /// The file as pluton wrote it.
    Written,
    /// The file as a command found it, changed since pluton last wrote or kept it (rclone
    /// refreshed a token, a person edited it).
    Changed,
    /// The file as it was before `pluton config restore` put a copy back.
    BeforeRestore,
}

impl Why {
    pub fn word(self) -> &'static str {
        match self {
            Why::BeforeWrite => "before-write",
            Why::Written => "written",
            Why::Changed => "changed",
            Why::BeforeRestore => "before-restore",
        }
    }

    /// The reason as a person reads it.
    pub fn describe(self) -> &'static str {
        match self {
            Why::BeforeWrite => "before pluton changed it",
            Why::Written => "as pluton wrote it",
            Why::Changed => "changed outside pluton (rclone or an editor)",
            Why::BeforeRestore => "before a restore",
        }
    }

    fn from_word(word: &str) -> Option<Why> {
        [Why::BeforeWrite, Why::Written, Why::Changed, Why::BeforeRestore].into_iter().find(|w| w.word() == word)
    }
}

/// One kept copy.
#[derive(Debug, Clone)]
pub struct Copy {
    pub id: String,
    pub kind: Kind,
    pub why: Why,
    pub size: u64,
    pub path: PathBuf,
}

impl Copy {
    /// When it was taken, from its id (`20261206-191300-123`), as RFC 3339 UTC.
    /// A file in the history directory that only looks like a copy (a name pluton did not
    /// make) shows its id as it is.
    pub fn time(&self) -> String {
        match parse_id(&self.id).and_then(|millis| jiff::Timestamp::from_millisecond(millis).ok()) {
            Some(ts) => format!("{ts:.3}"),
            None => self.id.clone(),
        }
    }

    pub fn read(&self) -> Result<Vec<u8>> {
        fs::read(&self.path).with_context(|| format!("reading {}", self.path.display()))
    }
}

/// The copies in one directory.
#[derive(Debug, Clone)]
pub struct Copies {
    dir: PathBuf,
    keep: usize,
}

impl Copies {
    pub fn new(dir: PathBuf, keep: usize) -> Copies {
        Copies { dir, keep }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every copy, newest first.
    pub fn list(&self) -> Vec<Copy> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut copies: Vec<Copy> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let (id, rest) = name.split_once('.')?;
                let (why, file) = rest.split_once('.')?;
                let size = e.metadata().ok()?.len();
                Some(Copy {
                    id: id.to_string(),
                    kind: Kind::from_file_name(file)?,
                    why: Why::from_word(why)?,
                    size,
                    path: e.path(),
                })
            })
            .collect();
        copies.sort_by(|a, b| b.id.cmp(&a.id));
        copies
    }

    /// The copies of one file, newest first.
    pub fn of(&self, kind: Kind) -> Vec<Copy> {
        self.list().into_iter().filter(|c| c.kind == kind).collect()
    }

    /// The copy with this id (or the one copy whose id starts with it).
    pub fn find(&self, id: &str) -> Option<Copy> {
        let all = self.list();
        if let Some(exact) = all.iter().find(|c| c.id == id) {
            return Some(exact.clone());
        }
        let mut prefixed = all.into_iter().filter(|c| !id.is_empty() && c.id.starts_with(id));
        let first = prefixed.next()?;
        prefixed.next().is_none().then_some(first)
    }

    /// Keeps `bytes` as a copy of `kind`, unless the newest copy of it holds the same bytes;
    /// drops the oldest copies beyond `keep`. Returns the new copy, if one was made.
    pub fn keep(&self, kind: Kind, bytes: &[u8], why: Why) -> Result<Option<Copy>> {
        if self.keep == 0 {
            return Ok(None);
        }
        let all = self.list();
        let existing: Vec<&Copy> = all.iter().filter(|c| c.kind == kind).collect();
        if let Some(newest) = existing.first()
            && newest.size == bytes.len() as u64
            && fs::read(&newest.path).is_ok_and(|b| b == bytes)
        {
            return Ok(None);
        }
        super::create_private_dir(&self.dir)?;
        let id = new_id(all.first().and_then(|c| parse_id(&c.id)));
        let path = self.dir.join(format!("{id}.{}.{}", why.word(), kind.file_name()));
        let mut file = platform::fs::private(fs::OpenOptions::new().write(true).create_new(true))
            .open(&path)
            .with_context(|| format!("keeping a copy in {}", path.display()))?;
        file.write_all(bytes).with_context(|| format!("keeping a copy in {}", path.display()))?;
        for old in existing.iter().skip(self.keep.saturating_sub(1)) {
            let _ = fs::remove_file(&old.path);
        }
        Ok(Some(Copy { id, kind, why, size: bytes.len() as u64, path }))
    }

    /// Keeps a copy of `bytes` when they differ from the newest copy of `kind`: how a token
    /// rclone refreshed, or a person's edit, gets into a copy.
    pub fn notice(&self, kind: Kind, bytes: &[u8]) -> Result<Option<Copy>> {
        if bytes.is_empty() {
            return Ok(None);
        }
        self.keep(kind, bytes, Why::Changed)
    }
}

/// A new id: now, to the millisecond, later than the newest id there is (two copies taken in
/// the same millisecond, or a clock that went back, still sort in the order they were made).
fn new_id(newest: Option<i64>) -> String {
    let millis = jiff::Timestamp::now().as_millisecond();
    format_id(newest.map_or(millis, |n| millis.max(n + 1)))
}

/// `20261206-191300-123` for that many milliseconds since the epoch (UTC).
fn format_id(millis: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(millis) else { return millis.to_string() };
    let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}-{:03}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.subsec_nanosecond() / 1_000_000
    )
}

fn parse_id(id: &str) -> Option<i64> {
    let dt: jiff::civil::DateTime = format!(
        "{}-{}-{}T{}:{}:{}.{}",
        id.get(0..4)?,
        id.get(4..6)?,
        id.get(6..8)?,
        id.get(9..11)?,
        id.get(11..13)?,
        id.get(13..15)?,
        id.get(16..19)?
    )
    .parse()
    .ok()?;
    dt.to_zoned(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_kept_newest_first_deduplicated_and_pruned() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let copies = Copies::new(dir.path().join("history"), 3);
        assert!(copies.keep(Kind::RcloneConf, b"one", Why::BeforeWrite)?.is_some());
        // The same bytes again: nothing new.
        assert!(copies.keep(Kind::RcloneConf, b"one", Why::Changed)?.is_none());
        for text in ["two", "three", "four"] {
            copies.keep(Kind::RcloneConf, text.as_bytes(), Why::BeforeWrite)?;
        }
        copies.keep(Kind::StoragesToml, b"toml", Why::BeforeWrite)?;
        let conf: Vec<Vec<u8>> = copies.of(Kind::RcloneConf).iter().map(Copy::read).collect::<Result<_>>()?;
        assert_eq!(conf, [b"four".to_vec(), b"three".to_vec(), b"two".to_vec()], "three kept, oldest dropped");
        let all = copies.list();
        assert_eq!(all.len(), 4);
        assert_eq!(all[0].kind, Kind::StoragesToml, "newest first");
        let ids: std::collections::HashSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), 4, "every copy has an id of its own");
        assert!(copies.find(&all[1].id).is_some_and(|c| c.path == all[1].path));
        assert!(all[0].time().ends_with('Z') && all[0].time().contains('T'));
        // A name pluton did not make never panics its reader (non-ASCII where digits belong).
        let odd =
            Copy {
                id: "ééééééééé-é".into(), kind: Kind::RcloneConf, why: Why::Changed, size: 0, path: PathBuf::new()
            };
        assert_eq!(odd.time(), "ééééééééé-é");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for c in &all {
                assert_eq!(fs::metadata(&c.path)?.permissions().mode() & 0o777, 0o600);
            }
            assert_eq!(fs::metadata(copies.dir())?.permissions().mode() & 0o777, 0o700);
        }
        Ok(())
    }

    #[test]
    fn only_changes_since_the_newest_copy_are_noticed() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let copies = Copies::new(dir.path().to_path_buf(), 30);
        copies.keep(Kind::RcloneConf, b"pluton's", Why::Written)?;
        assert!(copies.notice(Kind::RcloneConf, b"pluton's")?.is_none());
        let kept = copies.notice(Kind::RcloneConf, b"rclone's")?;
        assert!(kept.is_some_and(|c| c.why == Why::Changed));
        assert!(copies.notice(Kind::RcloneConf, b"rclone's")?.is_none(), "already in the newest copy");
        Ok(())
    }

    #[test]
    fn ids_round_trip() {
        let millis = 1_796_584_380_123;
        assert_eq!(parse_id(&format_id(millis)), Some(millis));
        assert_eq!(format_id(millis), "20261206-191300-123");
        let copy =
            Copy { id: format_id(millis), kind: Kind::RcloneConf, why: Why::Written, size: 0, path: PathBuf::new() };
        assert_eq!(copy.time(), "2026-12-06T19:13:00.123Z");
    }
}

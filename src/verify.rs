//! Verify before save: a candidate section is tried in a private copy of rclone.conf, never in
//! the real one, so a failed check leaves nothing behind; and what rclone changed in the copy
//! (a refreshed token) is what gets saved, because a Box refresh token is single-use.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use anyhow::Result;

use crate::error::Error;
use crate::rclone::Rclone;
use crate::rclone::diagnose::{Status, diagnose};
use crate::rclone_conf::{RcloneConf, Section};
use crate::store;

/// Options whose value names other remotes (`alias`, `crypt`, `union`, `chunker`, …): those
/// remotes must be in the private copy too.
const REFERENCING_KEYS: &[&str] = &["remote", "upstreams"];

/// How to check.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub timeout: Duration,
    /// Make rclone refresh the token once (by backdating its expiry in the private copy):
    /// proves a token from a device sign-in can be refreshed the way rclone will refresh it.
    pub force_refresh: bool,
}

impl Check {
    pub fn within(timeout: Duration) -> Check {
        Check { timeout, force_refresh: false }
    }
}

pub struct Verified {
    /// The section as rclone left it (a token it refreshed included).
    pub entries: Vec<(String, String)>,
    pub elapsed: Duration,
    /// The path does not exist yet; the storage itself answered.
    pub path_missing: bool,
}

/// Writes `[remote]` with `entries` (plus the sections it refers to, copied from `real`) into a
/// 0600 file in a 0700 temp dir inside pluton's config dir, lists `remote:path` with rclone,
/// and returns the section as rclone left it, or the failure as a typed error (4 or 5).
pub fn verify(
    rclone: &Rclone,
    private_parent: &std::path::Path,
    real: &RcloneConf,
    remote: &str,
    entries: &[(String, String)],
    path: &str,
    check: Check,
) -> Result<Verified, Error> {
    let timeout = check.timeout;
    let backdated: Vec<(String, String)>;
    let entries = if check.force_refresh {
        backdated = entries
            .iter()
            .map(|(k, v)| if k == "token" { (k.clone(), crate::token::backdated(v)) } else { (k.clone(), v.clone()) })
            .collect();
        &backdated[..]
    } else {
        entries
    };
    let candidate = Candidate { label: "", remote, entries, path };
    let copy = PrivateCopy::write(rclone, private_parent, real, std::slice::from_ref(&candidate))?;
    let private = &copy.rclone;

    let out = private.list_check(remote, path, timeout)?;
    let path_missing = out.code == Some(3);
    if !out.success() && !path_missing {
        let mut d = diagnose(&out.stderr, out.timed_out, timeout.as_secs());
        if check.force_refresh && d.status == Status::AuthRequired && d.message.contains("invalid_client") {
            // The token came from a public-client sign-in (a device code): Microsoft refuses to
            // refresh it when a client secret is sent (AADSTS700025), and rclone's own app sends one.
            d.message = format!("the new token cannot be refreshed by rclone (AADSTS700025?): {}", d.message);
            d.hint = "register your own app with \"Allow public client flows\" enabled and pass --client-id ID \
                      (without a client secret), or sign in with --authorize"
                .into();
        }
        return Err(check_error(&candidate, &d));
    }
    let after = private
        .read_private_config(&copy.path)?
        .section(remote)
        .ok_or_else(|| Error::failed("rclone removed the section under test from the private config"))?;
    if check.force_refresh && after.get("token") == entries.iter().find(|(k, _)| k == "token").map(|(_, v)| v.as_str())
    {
        return Err(Error::auth("rclone did not refresh the new token")
            .with_hint("the token may lack a refresh token (was `offline_access` granted?); sign in again"));
    }
    Ok(Verified { entries: after.entries, elapsed: out.elapsed, path_missing })
}

/// A section to check: its remote name, its keys, the path inside it, and who it is in messages
/// (empty when only one is checked: the messages are about it).
pub struct Candidate<'a> {
    pub label: &'a str,
    pub remote: &'a str,
    pub entries: &'a [(String, String)],
    pub path: &'a str,
}

/// Checks several candidate sections at once: one private copy of rclone.conf holding all of
/// them (and the remotes they refer to), one `rclone rcd`, `jobs` listings at a time. Returns
/// each candidate's section as rclone left it (a refreshed token included), in order; or the
/// first failing candidate's error (by candidate order), naming it.
pub fn verify_many(
    rclone: &Rclone,
    private_parent: &std::path::Path,
    real: &RcloneConf,
    candidates: &[Candidate],
    timeout: Duration,
    jobs: usize,
) -> Result<Vec<Vec<(String, String)>>, Error> {
    let copy = PrivateCopy::write(rclone, private_parent, real, candidates)?;
    let private = &copy.rclone;

    let rcd = private.start_rcd(timeout)?;
    let targets: Vec<String> = candidates.iter().map(|c| format!("{}:{}", c.remote, c.path)).collect();
    let results = rcd.check_all(&targets, timeout, jobs);
    drop(rcd);
    for (c, (diagnosis, _)) in candidates.iter().zip(&results) {
        if let Some(d) = diagnosis {
            return Err(check_error(c, d));
        }
    }
    let after = private.read_private_config(&copy.path)?;
    candidates
        .iter()
        .map(|c| {
            after.section(c.remote).map(|s| s.entries).ok_or_else(|| {
                Error::failed(format!("rclone removed [{}] from the private config while checking it", c.remote))
            })
        })
        .collect()
}

/// A private copy of rclone.conf for checking `candidates`: their sections and every remote they
/// refer to, copied from `real`, in a 0600 file (encrypted when the real one is) in a 0700
/// directory inside pluton's config dir, removed on drop.
struct PrivateCopy {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    /// rclone with this copy as its config.
    rclone: Rclone,
}

impl PrivateCopy {
    fn write(
        rclone: &Rclone,
        private_parent: &std::path::Path,
        real: &RcloneConf,
        candidates: &[Candidate],
    ) -> Result<PrivateCopy, Error> {
        let real_sections = real.sections();
        let ours: BTreeSet<&str> = candidates.iter().map(|c| c.remote).collect();
        let mut referenced = BTreeSet::new();
        for c in candidates {
            referenced.extend(referenced_remotes(c.entries, &real_sections));
        }
        let mut conf = RcloneConf::empty();
        for name in referenced.iter().filter(|n| !ours.contains(n.as_str())) {
            if let Some(section) = real_sections.get(name.as_str()) {
                conf.append_section(name, &section.entries).map_err(anyhow::Error::from)?;
            }
        }
        for c in candidates {
            conf.append_section(c.remote, c.entries).map_err(|e| Error::usage(labelled(c, &e)))?;
        }
        let dir = store::private_dir(private_parent, "verify")?;
        let path = dir.path().join("rclone.conf");
        let rclone = rclone.with_config(path.clone());
        rclone.write_private_config(&path, conf.as_str())?;
        Ok(PrivateCopy { _dir: dir, path, rclone })
    }
}

/// A failed check as the typed error it is (4: sign-in, 5: connection), naming the candidate.
fn check_error(c: &Candidate, d: &crate::rclone::diagnose::Diagnosis) -> Error {
    let provider = c.entries.iter().find(|(k, _)| k == "type").map_or("", |(_, v)| v.as_str());
    let d = d.clone().for_provider(provider);
    let err = match d.status {
        Status::AuthRequired => Error::auth(labelled(c, &format!("could not sign in to the storage: {}", d.message))),
        _ => Error::connection(labelled(c, &format!("could not reach the storage: {}", d.message))),
    };
    err.with_hint(d.hint.clone())
}

fn labelled(c: &Candidate, what: &dyn std::fmt::Display) -> String {
    if c.label.is_empty() { what.to_string() } else { format!("{}: {what}", c.label) }
}

/// Every remote a section refers to, directly or through the remotes it refers to.
fn referenced_remotes(entries: &[(String, String)], sections: &HashMap<&str, Section>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut queue: Vec<String> = remote_refs(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    while let Some(name) = queue.pop() {
        if found.insert(name.clone())
            && let Some(section) = sections.get(name.as_str())
        {
            queue.extend(remote_refs(section.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))));
        }
    }
    found
}

fn remote_refs<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    entries
        .filter(|(k, _)| REFERENCING_KEYS.contains(k))
        .flat_map(|(_, v)| v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter_map(|item| {
            // `name:path`, with union's `:ro`/`:nc` suffixes after it; a bare path has no colon
            // before a slash and is a local path, not a remote.
            let (name, _) = item.split_once(':')?;
            (!name.is_empty() && !name.contains('/')).then(|| name.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referenced_remotes_are_followed_transitively() {
        let a = Section {
            name: "a".into(),
            entries: vec![("type".into(), "alias".into()), ("remote".into(), "b:x".into())],
        };
        let b = Section { name: "b".into(), entries: vec![("type".into(), "memory".into())] };
        let sections: HashMap<&str, Section> = [("a", a), ("b", b)].into_iter().collect();
        let entries = vec![
            ("type".to_string(), "union".to_string()),
            ("upstreams".to_string(), "a:one /local c:two:ro".to_string()),
        ];
        let found: Vec<String> = referenced_remotes(&entries, &sections).into_iter().collect();
        assert_eq!(found, ["a", "b", "c"]);
    }
}

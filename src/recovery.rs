//! Bringing back what was lost, from the copies `store::copies` keeps: a whole file
//! (`pluton config restore ID`) or one storage (`pluton storage restore NAME`). Both are writes
//! like any other: under pluton's lock, the file being replaced kept as a copy first, then an
//! atomic replace (in place for a bind mount) through `store`.

use std::collections::BTreeMap;

use crate::context::Context;
use crate::error::Error;
use crate::rclone_conf::{RcloneConf, encrypted};
use crate::registry::{Registry, Storage};
use crate::store::copies::{Copy, Kind, Why};
use crate::store::{self};
use crate::workspace::{self, Workspace};

/// A kept copy, with what it holds when that can be told without a password.
pub struct Entry {
    pub copy: Copy,
    /// The remotes of an rclone.conf copy, or of the storages of a storages.toml copy; `None`
    /// when it cannot be read (encrypted, damaged).
    pub remotes: Option<Vec<String>>,
    pub encrypted: bool,
}

/// Every kept copy, newest first.
pub fn history(ctx: &Context) -> Vec<Entry> {
    ctx.copies()
        .list()
        .into_iter()
        .map(|copy| {
            let text = copy.read().ok().filter(|b| !b.contains(&0)).and_then(|b| String::from_utf8(b).ok());
            let encrypted = text.as_deref().is_some_and(encrypted::is_encrypted);
            let remotes = match (&text, copy.kind) {
                (Some(_), _) if encrypted => None,
                (Some(t), Kind::RcloneConf) => RcloneConf::parse(t.clone()).ok().map(|c| remotes_of(&c)),
                (Some(t), Kind::StoragesToml) => {
                    Registry::parse(t, &copy.path).ok().map(|r| r.storages.into_iter().map(|s| s.remote).collect())
                }
                (None, _) => None,
            };
            Entry { copy, remotes, encrypted }
        })
        .collect()
}

fn remotes_of(conf: &RcloneConf) -> Vec<String> {
    conf.section_names().into_iter().filter(|n| *n != "DEFAULT").map(str::to_string).collect()
}

/// What putting a copy back would change, by name only (never a value).
pub struct Plan {
    pub copy: Copy,
    /// The file the copy is put back into.
    pub target: std::path::PathBuf,
    pub bytes: Vec<u8>,
    /// Names (remotes, or storages) that come back, go, or differ; `None` when either side
    /// cannot be read without a password or is damaged.
    pub diff: Option<Diff>,
    pub identical: bool,
}

#[derive(Default)]
pub struct Diff {
    pub back: Vec<String>,
    pub gone: Vec<String>,
    pub changed: Vec<String>,
}

/// Finds the copy `id` and works out what restoring it changes.
pub fn plan_restore(ctx: &Context, id: &str) -> Result<Plan, Error> {
    let copies = ctx.copies();
    let Some(copy) = copies.find(id) else {
        let known = copies.list().into_iter().take(3).map(|c| c.id).collect::<Vec<_>>();
        let hint = if known.is_empty() {
            "no copy is kept yet; pluton keeps one before each change it makes".to_string()
        } else {
            format!("`pluton config history` lists them (newest: {})", known.join(", "))
        };
        return Err(Error::not_found(format!("no kept copy has the id {id:?}")).with_hint(hint));
    };
    let bytes = copy.read()?;
    let target = match copy.kind {
        Kind::RcloneConf => ctx.rclone_conf_path.clone(),
        Kind::StoragesToml => ctx.storages_path.clone(),
    };
    let current = store::read_optional(&target)?.unwrap_or_default();
    let identical = current == bytes;
    let diff = diff(copy.kind, &current, &bytes);
    Ok(Plan { copy, target, bytes, diff, identical })
}

/// The names in each version of a file, with a fingerprint of each one's content.
fn named_parts(kind: Kind, bytes: &[u8]) -> Option<BTreeMap<String, String>> {
    let text = std::str::from_utf8(bytes).ok().filter(|t| !t.contains('\0'))?;
    if encrypted::is_encrypted(text) {
        return None;
    }
    match kind {
        Kind::RcloneConf => {
            let conf = RcloneConf::parse(text.to_string()).ok()?;
            Some(remotes_of(&conf).into_iter().map(|n| (n.clone(), conf.section_text(&n))).collect())
        }
        Kind::StoragesToml => {
            let registry = Registry::parse(text, std::path::Path::new("storages.toml")).ok()?;
            Some(registry.storages.into_iter().map(|s| (s.name.clone(), format!("{s:?}"))).collect())
        }
    }
}

fn diff(kind: Kind, current: &[u8], copy: &[u8]) -> Option<Diff> {
    // A damaged current file (empty, NULs, garbage) holds nothing: everything comes back. An
    // encrypted one cannot be told apart without its password.
    let encrypted_now = std::str::from_utf8(current).is_ok_and(encrypted::is_encrypted);
    let now = match named_parts(kind, current) {
        Some(parts) => parts,
        None if !encrypted_now => BTreeMap::new(),
        None => return None,
    };
    let then = named_parts(kind, copy)?;
    let mut d = Diff::default();
    for (name, text) in &then {
        match now.get(name) {
            None => d.back.push(name.clone()),
            Some(t) if t != text => d.changed.push(name.clone()),
            Some(_) => {}
        }
    }
    d.gone = now.keys().filter(|n| !then.contains_key(*n)).cloned().collect();
    Some(d)
}

/// Puts the planned copy back: under the lock, the file as it is now kept as a copy first.
pub fn restore(ctx: &Context, plan: &Plan) -> Result<Option<Copy>, Error> {
    workspace::locked(ctx, || {
        store::check_writable(&plan.target).map_err(Error::from_anyhow)?;
        let copies = ctx.copies();
        let kept = match store::read_optional(&plan.target)? {
            Some(now) if !now.is_empty() && now != plan.bytes => {
                copies.keep(plan.copy.kind, &now, Why::BeforeRestore)?
            }
            _ => None,
        };
        store::write_atomic(&plan.target, &plan.bytes)?;
        copies.keep(plan.copy.kind, &plan.bytes, Why::Written)?;
        Ok(kept)
    })
}

/// What `storage restore` did.
pub struct Restored {
    pub storage: Storage,
    /// The copy the section came from, when it had to come back.
    pub section_from: Option<Copy>,
    /// The copy the storages.toml entry came from, when it had to come back.
    pub entry_from: Option<Copy>,
}

/// Brings back one storage: its storages.toml entry (same id and remote) from the newest copy
/// of storages.toml that has it, when it is gone, and its rclone.conf section from the newest
/// copy of rclone.conf that has it, when that is gone. Every other byte of both files stays.
pub fn restore_storage(ctx: &Context, wanted: &str) -> Result<Restored, Error> {
    let mut ws = Workspace::open(ctx)?;
    let (storage, entry_from) = match ws.registry.find(wanted) {
        Some(s) => (s.clone(), None),
        None => {
            let (storage, copy) = storage_in_copies(ctx, wanted)?;
            if let Some(other) = ws.registry.name_taken(&storage.name, None) {
                return Err(Error::usage(format!(
                    "the storage {:?} cannot come back under its name: {:?} has it now",
                    storage.name, other.name
                ))
                .with_hint(format!("rename that one first: `pluton storage rename {:?} NEW_NAME`", other.name)));
            }
            if let Some(other) = ws.registry.remote_managed(&storage.remote) {
                return Err(Error::usage(format!(
                    "the remote [{}] of {:?} belongs to the storage {:?} now",
                    storage.remote, storage.name, other.name
                ))
                .with_hint("nothing was changed"));
            }
            ws.registry.add(storage.clone())?;
            (storage, Some(copy))
        }
    };
    let section_from = if ws.conf().has_section(&storage.remote) {
        None
    } else {
        let (entries, copy) = section_in_copies(ctx, &storage.remote)?;
        ws.append_section(&storage.remote, &entries)?;
        Some(copy)
    };
    ws.commit()?;
    Ok(Restored { storage, section_from, entry_from })
}

/// The newest kept storages.toml entry for `wanted` (name in any case, id or remote).
fn storage_in_copies(ctx: &Context, wanted: &str) -> Result<(Storage, Copy), Error> {
    for copy in ctx.copies().of(Kind::StoragesToml) {
        let Some(text) = copy.read().ok().and_then(|b| String::from_utf8(b).ok()) else { continue };
        let Ok(registry) = Registry::parse(&text, &copy.path) else { continue };
        if let Some(found) = registry.find(wanted) {
            return Ok((found.clone(), copy));
        }
    }
    Err(Error::not_found(format!("no storage {wanted:?} now, nor in any kept copy of storages.toml"))
        .with_hint("`pluton storage list` shows the storages there are; `pluton config history` the copies"))
}

/// The newest kept rclone.conf section `[remote]` (an encrypted copy is opened with the
/// rclone.conf password).
fn section_in_copies(ctx: &Context, remote: &str) -> Result<(Vec<(String, String)>, Copy), Error> {
    for copy in ctx.copies().of(Kind::RcloneConf) {
        let Some(text) = copy.read().ok().filter(|b| !b.contains(&0)).and_then(|b| String::from_utf8(b).ok()) else {
            continue;
        };
        let text = if encrypted::is_encrypted(&text) {
            let password = ctx.config_password()?;
            match encrypted::decrypt(&text, &password) {
                Ok(plain) => plain,
                Err(_) => continue,
            }
        } else {
            text
        };
        let Ok(conf) = RcloneConf::parse(text) else { continue };
        if let Some(section) = conf.section(remote).filter(|s| !s.entries.is_empty()) {
            return Ok((section.entries, copy));
        }
    }
    Err(Error::not_found(format!("no kept copy of rclone.conf has the section [{remote}]")).with_hint(
        "recreate it: `pluton storage remove NAME --keep-remote --yes`, then `pluton storage add …` \
         (`pluton config history` lists the copies there are)",
    ))
}

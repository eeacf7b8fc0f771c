//! pluton's two files read together, and written back in a crash-safe order.
//!
//! A change takes the lock, re-reads both files under it (another pluton may have written a
//! moment ago), applies the change in memory and writes each changed file atomically. The order
//! of the two writes is chosen so that a crash between them can only leave a section in
//! rclone.conf that no storage points at (which `storage import` adopts), never a storage whose
//! remote is missing.

use std::collections::HashSet;

use anyhow::Result;

use crate::context::Context;
use crate::error::Error;
use secrecy::SecretString;

use crate::rclone_conf::{ParseErrorKind, RcloneConf, encrypted};
use crate::registry::Registry;
use crate::store::copies::{Kind, Why};
use crate::store::{self, Lock};

pub mod damage;

/// Both files, locked for a read-modify-write.
///
/// rclone.conf is changed only through the edit methods below, which record each edit: rclone
/// takes no lock, so a backup job refreshing a token (or any `rclone config …`) may rewrite the
/// file while pluton holds its own lock. `commit` notices that and applies the same edits again
/// to what rclone wrote, instead of writing back an older copy (and with it a refresh token the
/// provider has already consumed).
pub struct Workspace<'a> {
    ctx: &'a Context,
    _lock: Lock,
    pub registry: Registry,
    conf: RcloneConf,
    edits: Vec<ConfEdit>,
    /// Set when rclone.conf is encrypted: every write encrypts it again.
    password: Option<SecretString>,
    /// `config encrypt|decrypt` chose the password (or none): a replay keeps that choice.
    password_chosen: bool,
    /// rclone.conf's bytes as read (`None`: it did not exist); the file must still hold them
    /// when the new one is renamed over it.
    original_raw: Option<Vec<u8>>,
    original_conf: String,
    original_registry: String,
}

/// One recorded change to rclone.conf, replayable on a newer copy of the file. No `Debug`: it
/// holds secrets and tokens.
enum ConfEdit {
    Append {
        name: String,
        entries: Vec<(String, String)>,
    },
    /// Sets `key`; with `only_if`, only while the key still has that value (a token rclone may
    /// have refreshed meanwhile is newer than ours).
    Set {
        section: String,
        key: String,
        value: String,
        only_if: Option<Option<String>>,
    },
    Unset {
        section: String,
        key: String,
    },
    RemoveSection {
        name: String,
    },
}

/// How often `commit` re-applies its edits to a file rclone keeps rewriting before it gives up.
const MAX_REPLAYS: usize = 20;

impl<'a> Workspace<'a> {
    pub fn open(ctx: &'a Context) -> Result<Workspace<'a>, Error> {
        let lock = lock(ctx)?;
        let registry = Registry::load_for_edit(&ctx.storages_path)?;
        let (original_raw, conf, password) = read_conf_raw(ctx, registry.storages.len())?;
        Ok(Workspace {
            ctx,
            _lock: lock,
            password,
            password_chosen: false,
            original_registry: registry.render()?,
            original_conf: conf.as_str().to_string(),
            original_raw,
            registry,
            conf,
            edits: Vec::new(),
        })
    }

    /// rclone.conf as it will be written.
    pub fn conf(&self) -> &RcloneConf {
        &self.conf
    }

    pub fn append_section(&mut self, name: &str, entries: &[(String, String)]) -> Result<(), Error> {
        self.edit(ConfEdit::Append { name: name.to_string(), entries: entries.to_vec() })
    }

    /// Sets one key of a section; false when the section does not exist.
    pub fn set_value(&mut self, section: &str, key: &str, value: &str) -> Result<bool, Error> {
        if !self.conf.has_section(section) {
            return Ok(false);
        }
        let edit = ConfEdit::Set { section: section.into(), key: key.into(), value: value.into(), only_if: None };
        self.edit(edit).map(|()| true)
    }

    /// Sets `key` only while it still holds `expected` (`None`: absent), now and on a replay.
    pub fn set_value_if(&mut self, section: &str, key: &str, value: &str, expected: Option<&str>) -> Result<(), Error> {
        let only_if = Some(expected.map(str::to_string));
        self.edit(ConfEdit::Set { section: section.into(), key: key.into(), value: value.into(), only_if })
    }

    pub fn unset(&mut self, section: &str, key: &str) -> Result<(), Error> {
        self.edit(ConfEdit::Unset { section: section.into(), key: key.into() })
    }

    pub fn remove_section(&mut self, name: &str) -> Result<(), Error> {
        self.edit(ConfEdit::RemoveSection { name: name.into() })
    }

    fn edit(&mut self, edit: ConfEdit) -> Result<(), Error> {
        apply_edit(&mut self.conf, &edit)?;
        self.edits.push(edit);
        Ok(())
    }

    /// Changes whether rclone.conf is encrypted (`pluton config encrypt|decrypt`).
    pub fn set_password(&mut self, password: Option<SecretString>) {
        self.password = password;
        self.password_chosen = true;
    }

    pub fn is_encrypted(&self) -> bool {
        self.password.is_some()
    }

    /// Writes what changed. rclone.conf first when it gained sections, storages.toml first
    /// when sections went away.
    pub fn commit(mut self) -> Result<(), Error> {
        // A new password (or none) rewrites the file even though its plain text is the same.
        let conf_changed = self.password_chosen || self.conf.as_str() != self.original_conf;
        let registry_text = self.registry.render()?;
        let registry_changed = registry_text != self.original_registry;
        let removes_sections = conf_changed && {
            let before = RcloneConf::parse(self.original_conf.clone())
                .map(|c| c.section_names().into_iter().map(str::to_string).collect::<HashSet<_>>());
            let after: HashSet<&str> = self.conf.section_names().into_iter().collect();
            before.is_ok_and(|b| b.iter().any(|name| !after.contains(name.as_str())))
        };
        // Both files must be writable before either is written: a read-only or immutable one
        // must not leave the other changed.
        if conf_changed {
            store::check_writable(&self.ctx.rclone_conf_path).map_err(Error::from_anyhow)?;
        }
        if registry_changed {
            store::check_writable(&self.ctx.storages_path).map_err(Error::from_anyhow)?;
        }
        let write_registry = || keep_and_write_registry(self.ctx, &registry_text);
        if removes_sections {
            if registry_changed {
                write_registry()?;
            }
            self.write_conf()?;
        } else {
            if conf_changed {
                self.write_conf()?;
            }
            if registry_changed {
                write_registry()?;
            }
        }
        Ok(())
    }

    /// Replaces rclone.conf, but only if it still holds what was read: if rclone wrote it in
    /// the meantime, its version is read again and the recorded edits are applied to that.
    fn write_conf(&mut self) -> Result<(), Error> {
        let path = self.ctx.rclone_conf_path.clone();
        for _ in 0..MAX_REPLAYS {
            let bytes = match &self.password {
                Some(pw) => encrypted::encrypt(self.conf.as_str(), pw).into_bytes(),
                None => self.conf.as_str().as_bytes().to_vec(),
            };
            let original = self.original_raw.as_deref();
            let copies = self.ctx.copies();
            if let Some(before) = original.filter(|b| !b.is_empty()) {
                copies.keep(Kind::RcloneConf, before, Why::BeforeWrite)?;
            }
            let written = store::write_atomic_if(&path, &bytes, original)?;
            if written {
                copies.keep(Kind::RcloneConf, &bytes, Why::Written)?;
                return Ok(());
            }
            self.replay()?;
        }
        Err(Error::failed(format!(
            "{} kept changing while pluton was writing it ({MAX_REPLAYS} tries); nothing was written to it",
            path.display()
        ))
        .with_hint("something rewrites it continuously; stop that process and try again"))
    }

    /// Reads rclone.conf afresh and applies every recorded edit to it again.
    fn replay(&mut self) -> Result<(), Error> {
        let (raw, mut conf, password) = read_conf_raw(self.ctx, self.registry.storages.len())?;
        for edit in &self.edits {
            apply_edit(&mut conf, edit).map_err(|e| {
                Error::failed(format!("rclone changed rclone.conf while pluton was editing it: {}", e.display_line()))
                    .with_hint("nothing was written; run the command again")
            })?;
        }
        // The file keeps the encryption it has now, unless this very change sets it.
        if !self.password_chosen {
            self.password = password;
        }
        self.original_raw = raw;
        self.conf = conf;
        Ok(())
    }
}

fn apply_edit(conf: &mut RcloneConf, edit: &ConfEdit) -> Result<(), Error> {
    let bad = |e: crate::rclone_conf::ValueError| Error::usage(e.to_string());
    match edit {
        ConfEdit::Append { name, entries } => {
            if conf.has_section(name) {
                return Err(Error::failed(format!("rclone.conf already has a section [{name}]")));
            }
            conf.append_section(name, entries).map_err(bad)
        }
        ConfEdit::Set { section, key, value, only_if } => {
            if let Some(expected) = only_if {
                let now = conf.section(section).and_then(|s| s.get(key).map(str::to_string));
                if now != *expected {
                    return Ok(());
                }
            }
            if conf.set_value(section, key, value).map_err(bad)? {
                Ok(())
            } else {
                Err(Error::failed(format!("the section [{section}] is gone from rclone.conf")))
            }
        }
        ConfEdit::Unset { section, key } => {
            conf.unset(section, key);
            Ok(())
        }
        ConfEdit::RemoveSection { name } => {
            conf.remove_section(name);
            Ok(())
        }
    }
}

/// Takes pluton's lock. Whoever holds it also clears what killed plutons left behind (temp
/// copies of the files, private configs of checks): they may hold secrets.
fn lock(ctx: &Context) -> Result<Lock, Error> {
    let lock = Lock::acquire(&ctx.lock_path)?;
    store::sweep_leftovers(&ctx.config_dir);
    if let Some(dir) = conf_dir(ctx).filter(|d| *d != ctx.config_dir) {
        store::sweep_leftovers(&dir);
    }
    Ok(lock)
}

/// The directory rclone.conf is written in (its symlink target's), when it can be told.
fn conf_dir(ctx: &Context) -> Option<std::path::PathBuf> {
    store::write_target(&ctx.rclone_conf_path).ok()?.parent().map(std::path::Path::to_path_buf)
}

/// Leftovers of killed plutons in pluton's directories, for `doctor`.
pub fn leftovers(ctx: &Context) -> Vec<std::path::PathBuf> {
    let mut found = store::leftovers(&ctx.config_dir);
    if let Some(dir) = conf_dir(ctx).filter(|d| *d != ctx.config_dir) {
        found.extend(store::leftovers(&dir));
    }
    found
}

/// A locked change of storages.toml alone, for commands that never touch rclone.conf (`rename`,
/// `remove --keep-remote`): they must not need the password of an encrypted rclone.conf.
pub fn edit_registry<T>(ctx: &Context, change: impl FnOnce(&mut Registry) -> Result<T, Error>) -> Result<T, Error> {
    let _lock = lock(ctx)?;
    let mut registry = Registry::load_for_edit(&ctx.storages_path)?;
    let before = registry.render()?;
    let result = change(&mut registry)?;
    let after = registry.render()?;
    if after != before {
        store::check_writable(&ctx.storages_path).map_err(Error::from_anyhow)?;
        keep_and_write_registry(ctx, &after)?;
    }
    Ok(result)
}

/// Replaces storages.toml, keeping copies of what it held and of what it holds now.
fn keep_and_write_registry(ctx: &Context, text: &str) -> Result<()> {
    let copies = ctx.copies();
    if let Some(before) = store::read_optional(&ctx.storages_path)?.filter(|b| !b.is_empty()) {
        copies.keep(Kind::StoragesToml, &before, Why::BeforeWrite)?;
    }
    store::write_atomic(&ctx.storages_path, text.as_bytes())?;
    copies.keep(Kind::StoragesToml, text.as_bytes(), Why::Written)?;
    Ok(())
}

/// Keeps a copy of rclone.conf when it changed since pluton last wrote or kept it: rclone
/// refreshed a token, a person edited it. `storage test` calls it after its checks (which may
/// refresh tokens themselves), so a token refreshed by last night's backup is in a copy by
/// morning. A damaged file is not copied (the good copies must not be pushed out by it).
pub fn notice_changes(ctx: &Context) -> Result<(), Error> {
    let Some(bytes) = store::read_optional(&ctx.rclone_conf_path)? else { return Ok(()) };
    let copies = ctx.copies();
    let newest = copies.of(Kind::RcloneConf).into_iter().next();
    // The common case, nothing changed, costs one read of each file and no lock.
    if bytes.is_empty() || bytes.contains(&0) || newest.is_some_and(|c| c.read().is_ok_and(|b| b == bytes)) {
        return Ok(());
    }
    locked(ctx, || {
        // Under the lock, as it is now (a pluton may have written it meanwhile).
        let Some(bytes) = store::read_optional(&ctx.rclone_conf_path)? else { return Ok(()) };
        if !bytes.contains(&0) && std::str::from_utf8(&bytes).is_ok() {
            copies.notice(Kind::RcloneConf, &bytes)?;
        }
        Ok(())
    })
}

/// Runs `change` holding pluton's lock, for a file of pluton's own beside the two (the check
/// record of `health`): parallel runs then never lose each other's update.
pub fn locked<T>(ctx: &Context, change: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let _lock = lock(ctx)?;
    change()
}

/// Reads storages.toml without locking: our writes are atomic renames, so a reader always sees
/// one whole version.
pub fn read_registry(ctx: &Context) -> Result<Registry, Error> {
    Ok(Registry::load(&ctx.storages_path)?)
}

/// Reads and parses rclone.conf (missing = empty), decrypting it in memory when it is
/// encrypted. A file rclone itself could not read is refused with the file and line named.
pub fn read_conf(ctx: &Context) -> Result<RcloneConf, Error> {
    match store::read_optional(&ctx.rclone_conf_path)? {
        Some(bytes) => decode_conf(ctx, bytes).map(|(conf, _)| conf),
        None => Ok(RcloneConf::empty()),
    }
}

/// Refuses a damaged rclone.conf (see `damage`) with the copy to restore.
fn refuse_damaged(ctx: &Context, bytes: &[u8], storages: usize) -> Result<(), Error> {
    match damage::of_bytes(bytes, storages) {
        Some(what) => Err(damage::refusal(ctx, &what)),
        None => Ok(()),
    }
}

/// rclone.conf's bytes on disk (`None`: no file), what they read as, and the password that
/// opened them when they are encrypted.
type ReadConf = (Option<Vec<u8>>, RcloneConf, Option<SecretString>);

/// Like `read_conf`, and what a workspace needs to write the file back: the bytes as they are
/// on disk (it must still hold them at the rename) and the password to encrypt it again.
fn read_conf_raw(ctx: &Context, storages: usize) -> Result<ReadConf, Error> {
    let Some(bytes) = store::read_optional(&ctx.rclone_conf_path)? else {
        return Ok((None, RcloneConf::empty(), None));
    };
    refuse_damaged(ctx, &bytes, storages)?;
    let (conf, password) = decode_conf(ctx, bytes.clone())?;
    Ok((Some(bytes), conf, password))
}

/// rclone.conf's bytes as the file rclone reads: decrypted in memory when encrypted (with the
/// password that opened it), parsed, and refused with the file and line named when rclone
/// could not read it either.
fn decode_conf(ctx: &Context, bytes: Vec<u8>) -> Result<(RcloneConf, Option<SecretString>), Error> {
    let (text, password) = decode_text(ctx, bytes)?;
    let conf = RcloneConf::parse(text).map_err(|err| parse_error(ctx, err))?;
    Ok((conf, password))
}

/// rclone.conf's text (decrypted when encrypted), for a reader that scans it once without the
/// line model (`storage list`); `parse_error` words what that reader refuses.
pub fn read_conf_text(ctx: &Context) -> Result<String, Error> {
    match store::read_optional(&ctx.rclone_conf_path)? {
        Some(bytes) => decode_text(ctx, bytes).map(|(text, _)| text),
        None => Ok(String::new()),
    }
}

/// A file rclone could not read either, named with its line.
pub fn parse_error(ctx: &Context, err: crate::rclone_conf::ParseError) -> Error {
    let path = &ctx.rclone_conf_path;
    match err.kind {
        ParseErrorKind::Encrypted => Error::failed(format!("{} is encrypted twice over", path.display())),
        kind => Error::failed(format!("{} line {}: {kind}", path.display(), err.line)).with_hint(format!(
            "rclone cannot read this file either; fix or remove that line, or {}",
            damage::restore_hint(ctx)
        )),
    }
}

fn decode_text(ctx: &Context, bytes: Vec<u8>) -> Result<(String, Option<SecretString>), Error> {
    let path = &ctx.rclone_conf_path;
    if bytes.contains(&0) {
        let what = damage::of_bytes(&bytes, 0).unwrap_or_else(|| "holds NUL bytes".to_string());
        return Err(damage::refusal(ctx, &what));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        damage::refusal(ctx, &format!("is not UTF-8 text (byte {} is not)", e.utf8_error().valid_up_to()))
    })?;
    let (text, password) = if encrypted::is_encrypted(&text) {
        let password = ctx.config_password()?;
        let plain = encrypted::decrypt(&text, &password).map_err(|e| {
            use crate::context::PasswordSource;
            let check = match ctx.password_source() {
                Some(PasswordSource::Keyring) => {
                    return Error::failed(format!(
                        "the password in the keyring does not open rclone.conf ({})",
                        path.display()
                    ))
                    .with_hint(
                        "store the right one with `pluton config password --store-in-keyring` (giving it through \
                         RCLONE_CONFIG_PASS or --password-command), or remove it with `pluton config password \
                         --forget`; the file was not changed",
                    );
                }
                Some(PasswordSource::Environment) => "check RCLONE_CONFIG_PASS",
                Some(PasswordSource::Command) => "check what --password-command (RCLONE_PASSWORD_COMMAND) prints",
                Some(PasswordSource::Prompt) | None => "the password typed does not open it: run the command again",
            };
            Error::failed(format!("cannot decrypt {}: {e}", path.display())).with_hint(format!(
                "{check}; the file was not changed. If the password is right, the file is damaged: {}",
                damage::restore_hint(ctx)
            ))
        })?;
        (plain, Some(password))
    } else {
        (text, None)
    };
    Ok((text, password))
}

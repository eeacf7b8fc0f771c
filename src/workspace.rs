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
use crate::store::{self, Lock};

/// Both files, locked for a read-modify-write.
pub struct Workspace<'a> {
    ctx: &'a Context,
    _lock: Lock,
    pub registry: Registry,
    pub conf: RcloneConf,
    /// Set when rclone.conf is encrypted: every write encrypts it again.
    password: Option<SecretString>,
    original_conf: String,
    original_registry: String,
}

impl<'a> Workspace<'a> {
    pub fn open(ctx: &'a Context) -> Result<Workspace<'a>, Error> {
        let lock = Lock::acquire(&ctx.lock_path)?;
        let registry = Registry::load_for_edit(&ctx.storages_path)?;
        let (conf, password) = read_conf_with_password(ctx)?;
        Ok(Workspace {
            ctx,
            _lock: lock,
            password,
            original_registry: registry.render()?,
            original_conf: conf.as_str().to_string(),
            registry,
            conf,
        })
    }

    /// Changes whether rclone.conf is encrypted (`pluton config encrypt|decrypt`).
    pub fn set_password(&mut self, password: Option<SecretString>) {
        self.password = password;
        // Force a write even though the plain text is the same.
        self.original_conf.push('\0');
    }

    pub fn is_encrypted(&self) -> bool {
        self.password.is_some()
    }

    /// Writes what changed. rclone.conf first when it gained sections, storages.toml first
    /// when sections went away.
    pub fn commit(self) -> Result<(), Error> {
        let conf_changed = self.conf.as_str() != self.original_conf;
        let registry_text = self.registry.render()?;
        let registry_changed = registry_text != self.original_registry;
        let removes_sections = conf_changed && {
            let before = RcloneConf::parse(self.original_conf.clone())
                .map(|c| c.section_names().into_iter().map(str::to_string).collect::<HashSet<_>>());
            let after: HashSet<&str> = self.conf.section_names().into_iter().collect();
            before.is_ok_and(|b| b.iter().any(|name| !after.contains(name.as_str())))
        };
        let write_conf = || match &self.password {
            Some(pw) => {
                store::write_atomic(&self.ctx.rclone_conf_path, encrypted::encrypt(self.conf.as_str(), pw).as_bytes())
            }
            None => store::write_atomic(&self.ctx.rclone_conf_path, self.conf.as_str().as_bytes()),
        };
        let write_registry = || store::write_atomic(&self.ctx.storages_path, registry_text.as_bytes());
        if removes_sections {
            if registry_changed {
                write_registry()?;
            }
            write_conf()?;
        } else {
            if conf_changed {
                write_conf()?;
            }
            if registry_changed {
                write_registry()?;
            }
        }
        Ok(())
    }
}

/// Reads storages.toml without locking: our writes are atomic renames, so a reader always sees
/// one whole version.
pub fn read_registry(ctx: &Context) -> Result<Registry, Error> {
    Ok(Registry::load(&ctx.storages_path)?)
}

/// Whether the rclone.conf at `path` is encrypted (its first few KiB tell).
pub fn conf_is_encrypted(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && encrypted::is_encrypted(&String::from_utf8_lossy(&head))
}

/// Reads and parses rclone.conf (missing = empty), decrypting it in memory when it is
/// encrypted. A file rclone itself could not read is refused with the file and line named.
pub fn read_conf(ctx: &Context) -> Result<RcloneConf, Error> {
    read_conf_with_password(ctx).map(|(conf, _)| conf)
}

/// Like `read_conf`, and the password when the file is encrypted (to encrypt it again).
pub fn read_conf_with_password(ctx: &Context) -> Result<(RcloneConf, Option<SecretString>), Error> {
    let path = &ctx.rclone_conf_path;
    let Some(bytes) = store::read_optional(path)? else {
        return Ok((RcloneConf::empty(), None));
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::failed(format!("{} is not UTF-8 text (byte {})", path.display(), e.utf8_error().valid_up_to()))
    })?;
    let (text, password) = if encrypted::is_encrypted(&text) {
        let password = ctx.config_password()?;
        let plain = encrypted::decrypt(&text, &password).map_err(|e| {
            if ctx.password_is_from_keyring() {
                Error::failed(format!("the password in the keyring does not open rclone.conf ({})", path.display()))
                    .with_hint(
                        "store the right one with `pluton config password --store-in-keyring` (giving it through \
                         RCLONE_CONFIG_PASS or --password-command), or remove it with `pluton config password \
                         --forget`; the file was not changed",
                    )
            } else {
                Error::failed(format!("cannot decrypt {}: {e}", path.display()))
                    .with_hint("check RCLONE_CONFIG_PASS or --password-command; the file was not changed")
            }
        })?;
        (plain, Some(password))
    } else {
        (text, None)
    };
    let conf = RcloneConf::parse(text).map_err(|err| match err.kind {
        ParseErrorKind::Encrypted => Error::failed(format!("{} is encrypted twice over", path.display())),
        kind => Error::failed(format!("{} line {}: {kind}", path.display(), err.line))
            .with_hint("rclone cannot read this file either; fix or remove that line"),
    })?;
    Ok((conf, password))
}

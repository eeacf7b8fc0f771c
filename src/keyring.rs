//! The rclone.conf password in the OS keyring (opt-in: `pluton config password
//! --store-in-keyring`), under the service "pluton" and the config file's path.

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;

fn entry(conf: &Path) -> Option<keyring::Entry> {
    let account = std::fs::canonicalize(conf).unwrap_or_else(|_| conf.to_path_buf());
    keyring::Entry::new("pluton", &account.display().to_string()).ok()
}

/// The stored password, if a keyring is there and holds one. Any keyring trouble means "none".
pub fn lookup(conf: &Path) -> Option<SecretString> {
    entry(conf)?.get_password().ok().map(SecretString::from)
}

pub fn store(conf: &Path, password: &SecretString) -> Result<(), Error> {
    let unavailable = |e: String| {
        Error::failed(format!("the OS keyring is not available here: {e}")).with_hint(
            "a desktop session's keyring (Secret Service, macOS Keychain) is needed; on a server use \
             RCLONE_CONFIG_PASS or --password-command instead",
        )
    };
    let entry = entry(conf).ok_or_else(|| unavailable("no keyring entry could be made".into()))?;
    entry.set_password(password.expose_secret()).map_err(|e| unavailable(e.to_string()))
}

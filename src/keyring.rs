//! The rclone.conf password in the OS keyring (opt-in: `pluton config password
//! --store-in-keyring`; `--forget` removes it, `--print` hands it to rclone).
//!
//! The item is keyed by the service `pluton` and, as its user, the absolute path of rclone.conf
//! with symlinks resolved, so two config dirs keep two passwords. On Linux that is a Secret
//! Service item with the attributes `service=pluton` and `username=<path>` (the keyring crate
//! adds `target=default` and `application=rust-keyring`), so a person finds it with
//! `secret-tool lookup service pluton username /home/me/.config/pluton/rclone.conf`.
//!
//! Every keyring call runs on its own thread and is waited for with a bound: a session bus
//! that accepts a connection and never answers, or a keyring that waits on an unlock dialog
//! nobody sees, must cost a few seconds and a clear error, never a hung backup job.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;

pub const SERVICE: &str = "pluton";

/// How long a keyring call may take before pluton gives up on it. A person at a terminal may
/// be answering the desktop's unlock dialog; a job without one gets an answer in seconds.
fn bound(interactive: bool) -> Duration {
    if interactive { Duration::from_secs(60) } else { Duration::from_secs(5) }
}

/// Why the keyring could not give (or take) the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// No Secret Service / keychain to talk to (e.g. a headless server without a session bus).
    NoService(String),
    /// The keyring is there but locked, and pluton does not unlock it.
    Locked,
    /// The keyring did not answer in time.
    NoAnswer(Duration),
    /// The keyring answered with an error.
    Failed(String),
}

impl Unavailable {
    /// What went wrong, as the first half of an error line.
    pub fn describe(&self) -> String {
        match self {
            Unavailable::NoService(why) => format!("the OS keyring is not available here ({why})"),
            Unavailable::Locked => "the OS keyring is locked".to_string(),
            Unavailable::NoAnswer(limit) => format!(
                "the OS keyring did not answer within {} s (a session bus that does not respond, or a keyring \
                 waiting for an unlock dialog nobody sees)",
                limit.as_secs()
            ),
            Unavailable::Failed(why) => format!("the OS keyring failed: {why}"),
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            Unavailable::Locked => {
                "unlock it (log in to the desktop, or `gnome-keyring-daemon --unlock` in this session), or use \
                 RCLONE_CONFIG_PASS or --password-command instead"
            }
            _ => {
                "a keyring needs a desktop session (Secret Service, macOS Keychain, Windows Credential Manager); \
                 on a server use RCLONE_CONFIG_PASS or --password-command instead (see docs/security.md)"
            }
        }
    }

    pub fn into_error(self) -> Error {
        let hint = self.hint();
        Error::failed(self.describe()).with_hint(hint)
    }
}

/// The keyring's user name for this rclone.conf: its absolute path, symlinks resolved.
pub fn account(conf: &Path) -> PathBuf {
    std::fs::canonicalize(conf).unwrap_or_else(|_| std::path::absolute(conf).unwrap_or_else(|_| conf.to_path_buf()))
}

/// The stored password: `Ok(None)` when the keyring holds none for this rclone.conf.
pub fn lookup(conf: &Path, interactive: bool) -> Result<Option<SecretString>, Unavailable> {
    let found = call(conf, interactive, |entry| match entry.get_password() {
        Ok(pw) => Ok(Some(SecretString::from(pw))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e),
    })?;
    Ok(found)
}

/// Stores (or replaces) the password.
pub fn store(conf: &Path, password: &SecretString, interactive: bool) -> Result<(), Unavailable> {
    let password = password.clone();
    call(conf, interactive, move |entry| entry.set_password(password.expose_secret()))
}

/// Removes the password; `Ok(false)` when there was none.
pub fn forget(conf: &Path, interactive: bool) -> Result<bool, Unavailable> {
    call(conf, interactive, |entry| match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(e),
    })
}

/// Runs one keyring operation on the entry for `conf`, on a thread of its own, within the bound.
fn call<T, F>(conf: &Path, interactive: bool, op: F) -> Result<T, Unavailable>
where
    T: Send + 'static,
    F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
{
    if let Some(why) = no_session_bus() {
        return Err(Unavailable::NoService(why));
    }
    let account = account(conf).display().to_string();
    let limit = bound(interactive);
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("keyring".into()).spawn(move || {
        let result = keyring::Entry::new(SERVICE, &account).and_then(|entry| op(&entry));
        let _ = tx.send(result);
    });
    if let Err(e) = spawned {
        return Err(Unavailable::Failed(format!("cannot start a thread for it: {e}")));
    }
    // On timeout the thread is left behind, blocked in the keyring: it ends with the process.
    match rx.recv_timeout(limit) {
        Ok(result) => result.map_err(classify),
        Err(_) => Err(Unavailable::NoAnswer(limit)),
    }
}

/// Sorts the keyring crate's errors into what a person can act on.
fn classify(err: keyring::Error) -> Unavailable {
    match err {
        keyring::Error::NoStorageAccess(_) => Unavailable::Locked,
        keyring::Error::PlatformFailure(e) => {
            let text = e.to_string();
            // zbus' words for "no bus" and "nobody owns org.freedesktop.secrets on it".
            let gone = [
                "ServiceUnknown",
                "No such file",
                "Connection refused",
                "NameHasNoOwner",
                "not provided by",
                "no secret service provider or dbus session",
            ];
            if gone.iter().any(|w| text.contains(w)) {
                Unavailable::NoService(format!("no Secret Service answers on the session bus: {text}"))
            } else {
                Unavailable::Failed(text)
            }
        }
        other => Unavailable::Failed(other.to_string()),
    }
}

/// On Linux the keyring is the Secret Service on the D-Bus session bus. Without a bus address
/// (a cron job, an ssh session without a user bus) there is nothing to ask, so the answer is
/// given at once, without starting a D-Bus client at all.
#[cfg(all(unix, not(target_os = "macos"), not(target_os = "ios")))]
fn no_session_bus() -> Option<String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty()) {
        return None;
    }
    // zbus' own fallback when the variable is unset: $XDG_RUNTIME_DIR/bus, else /run/user/UID/bus.
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(format!("/run/user/{}", effective_uid())));
    if runtime.join("bus").exists() {
        None
    } else {
        Some("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set".to_string())
    }
}

#[cfg(not(all(unix, not(target_os = "macos"), not(target_os = "ios"))))]
fn no_session_bus() -> Option<String> {
    None
}

#[cfg(all(unix, not(target_os = "macos"), not(target_os = "ios")))]
fn effective_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    // The owner of a file this process just may create is its effective user; /proc/self is
    // owned by it too, and reading it needs no unsafe call.
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_account_is_the_absolute_path_with_symlinks_resolved() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("real.conf");
        std::fs::write(&real, "")?;
        let link = dir.path().join("link.conf");
        std::os::unix::fs::symlink(&real, &link)?;
        assert_eq!(account(&link), std::fs::canonicalize(&real)?);
        // A file not there yet keeps its absolute path.
        let missing = dir.path().join("missing.conf");
        assert_eq!(account(&missing), std::path::absolute(&missing)?);
        Ok(())
    }

    #[test]
    fn errors_say_what_to_use_instead() {
        for trouble in [
            Unavailable::NoService("x".into()),
            Unavailable::Locked,
            Unavailable::NoAnswer(Duration::from_secs(5)),
            Unavailable::Failed("x".into()),
        ] {
            let err = trouble.into_error();
            assert_eq!(err.code(), 1);
            let hint = err.hint().unwrap_or_default();
            assert!(hint.contains("RCLONE_CONFIG_PASS") && hint.contains("--password-command"), "{hint}");
        }
    }
}

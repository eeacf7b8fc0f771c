//! Everything that starts rclone. No other module starts a process.

pub mod diagnose;
pub mod obscure;
pub mod rcd;
mod runner;
pub mod schema;

pub use runner::{Output, RunOptions, install_interrupt_handler, interrupted};

pub mod authorize;
mod binary;
pub mod compat;
pub mod config_state;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};

/// Runs `--password-command` (through the system's shell, as people write it) and takes its
/// output, without surrounding CR/LF, as rclone does.
pub fn password_command(command: &str) -> Result<secrecy::SecretString, crate::error::Error> {
    use crate::error::Error;
    let (shell, args) = crate::platform::process::shell(command);
    let out = runner::run(&shell, &args, &RunOptions::with_timeout(Duration::from_secs(30)))?;
    if !out.success() {
        return Err(Error::failed("the password command failed")
            .with_hint("check --password-command / RCLONE_PASSWORD_COMMAND"));
    }
    let text = String::from_utf8(out.stdout).map_err(|_| Error::failed("the password command printed no text"))?;
    Ok(secrecy::SecretString::from(text.trim_matches(['\r', '\n']).to_string()))
}

/// rclone, bound to one config file.
#[derive(Debug, Clone)]
pub struct Rclone {
    bin: PathBuf,
    config: PathBuf,
    /// The password of an encrypted rclone.conf: handed to rclone as RCLONE_CONFIG_PASS in its
    /// environment (readable only by the same user), never on its command line.
    password: Option<secrecy::SecretString>,
}

impl Rclone {
    pub fn new(bin: PathBuf, config: PathBuf) -> Self {
        Rclone { bin, config, password: None }
    }

    /// The same rclone for an encrypted config.
    pub fn with_password(mut self, password: Option<secrecy::SecretString>) -> Self {
        self.password = password;
        self
    }

    /// Writes a private config (0600) for this rclone: encrypted with the same password when
    /// the real one is, so that no plain copy of the secrets ever reaches the disk.
    pub fn write_private_config(&self, path: &Path, text: &str) -> Result<()> {
        let bytes = match &self.password {
            Some(pw) => crate::rclone_conf::encrypted::encrypt(text, pw),
            None => text.to_string(),
        };
        crate::store::write_atomic(path, bytes.as_bytes())
    }

    /// Reads back a private config this rclone may have rewritten (and re-encrypted).
    pub fn read_private_config(&self, path: &Path) -> Result<crate::rclone_conf::RcloneConf> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let text = match &self.password {
            Some(pw) if crate::rclone_conf::encrypted::is_encrypted(&text) => {
                crate::rclone_conf::encrypted::decrypt(&text, pw)
                    .map_err(|e| anyhow::anyhow!("reading the private config back: {e}"))?
            }
            _ => text,
        };
        crate::rclone_conf::RcloneConf::parse(text)
            .map_err(|e| anyhow::anyhow!("rclone left an unreadable private config: {e}"))
    }

    /// The password for rclone's environment. RCLONE_PASSWORD_COMMAND is emptied beside it:
    /// rclone would run that command first, and pluton has already settled on a password
    /// (maybe from the keyring, maybe from that very command).
    fn password_env(&self) -> Vec<(OsString, OsString)> {
        use secrecy::ExposeSecret;
        match &self.password {
            Some(pw) => vec![
                (OsString::from("RCLONE_CONFIG_PASS"), OsString::from(pw.expose_secret())),
                (OsString::from("RCLONE_PASSWORD_COMMAND"), OsString::new()),
            ],
            None => Vec::new(),
        }
    }

    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// The same rclone against another config file (a private copy for verification).
    pub fn with_config(&self, config: PathBuf) -> Self {
        // /dev/null is rclone's memory-only config: no password needed there.
        let password = if config == Path::new("/dev/null") { None } else { self.password.clone() };
        Rclone { bin: self.bin.clone(), config, password }
    }

    /// Runs rclone with the rules of rclone-notes §0: the config path given explicitly (and
    /// the file created, empty and 0600, so rclone never falls back to another one),
    /// `--ask-password=false`, stdin from /dev/null or our own pipe, a timeout, its own
    /// process group killed on timeout and on Ctrl-C, both pipes drained.
    pub fn run<I, S>(&self, args: I, mut options: RunOptions) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.ensure_config()?;
        // The password pluton found (the keyring's, a prompt's) is rclone's too; the caller's
        // own variables come after it and win.
        let mut env = self.password_env();
        env.append(&mut options.env);
        options.env = env;
        let mut full: Vec<OsString> =
            vec!["--config".into(), self.config.clone().into(), "--ask-password=false".into()];
        full.extend(args.into_iter().map(Into::into));
        runner::run(&self.bin, &full, &options)
    }

    /// `pluton rclone ARGS…`: rclone with pluton's config and the user's terminal. No timeout
    /// (a `sync` may rightly take hours) and it stays in our process group so Ctrl-C and
    /// interactive prompts reach it. Without a terminal it is told never to ask for a password.
    pub fn passthrough(&self, args: &[OsString], interactive: bool) -> Result<Option<i32>> {
        self.ensure_config()?;
        let mut env = vec![("RCLONE_CONFIG".into(), self.config.clone().into_os_string())];
        env.extend(self.password_env());
        if !interactive {
            env.push(("RCLONE_ASK_PASSWORD".into(), "false".into()));
        }
        runner::passthrough(&self.bin, args, &env)
    }

    /// Lists the top level of `remote:path` the quickest way rclone can, with the fast-fail
    /// flags of rclone-notes §6 (without them a server that accepts and never answers holds
    /// rclone for minutes) and our own timer on top.
    pub fn list_check(&self, remote: &str, path: &str, timeout: Duration) -> Result<Output> {
        let io_timeout = timeout.min(Duration::from_secs(10)).as_secs().max(1);
        let con_timeout = timeout.min(Duration::from_secs(5)).as_secs().max(1);
        let target = format!("{remote}:{path}");
        let args: Vec<OsString> = vec![
            "lsjson".into(),
            "--max-depth".into(),
            "1".into(),
            "--dirs-only".into(),
            "--contimeout".into(),
            format!("{con_timeout}s").into(),
            "--timeout".into(),
            format!("{io_timeout}s").into(),
            "--retries".into(),
            "1".into(),
            "--low-level-retries".into(),
            "1".into(),
            target.into(),
        ];
        self.run(args, RunOptions::with_timeout(timeout))
    }

    /// `rclone about REMOTE: --json`: the account's total, used and free bytes.
    pub fn about(&self, remote: &str, timeout: Duration) -> Result<Output> {
        let args: Vec<OsString> = vec![
            "about".into(),
            format!("{remote}:").into(),
            "--json".into(),
            "--contimeout".into(),
            "5s".into(),
            "--timeout".into(),
            "10s".into(),
            "--retries".into(),
            "1".into(),
            "--low-level-retries".into(),
            "1".into(),
        ];
        self.run(args, RunOptions::with_timeout(timeout))
    }

    /// `rclone version`'s first line, e.g. `rclone v1.75.2`.
    pub fn version(&self) -> Result<String> {
        let out = self
            .with_config(PathBuf::from("/dev/null"))
            .run(["version"], RunOptions::with_timeout(Duration::from_secs(15)))?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines()
            .next()
            .map(|l| l.trim().to_string())
            .filter(|l| out.success() && !l.is_empty())
            .with_context(|| format!("`{} version` did not answer as rclone does", self.bin.display()))
    }

    pub fn config_path(&self) -> &Path {
        &self.config
    }

    fn ensure_config(&self) -> Result<()> {
        if !self.config.exists() && self.config != Path::new("/dev/null") {
            crate::store::write_atomic(&self.config, b"")
                .with_context(|| format!("creating {}", self.config.display()))?;
        }
        Ok(())
    }
}

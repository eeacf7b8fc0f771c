//! The test world: a private config dir and home per test, the real pluton binary, the real
//! rclone, and a fluent builder to run commands and look at what they did.
#![allow(dead_code)]

pub mod browser;
pub mod keyring;
pub mod oauth;
pub mod pty;
pub mod putio_tls;
pub mod servers;
pub mod shells;
pub mod wine;

use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use tempfile::TempDir;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// One isolated world: `config/` is pluton's config dir, `home/` is HOME, `cache/` the cache,
/// `run/` the (empty) XDG_RUNTIME_DIR.
pub struct World {
    dir: TempDir,
}

impl World {
    pub fn new() -> World {
        let dir = tempfile::Builder::new().prefix("pluton-test-").tempdir().expect("creating a temp dir");
        for sub in ["config", "home", "cache", "run"] {
            fs::create_dir_all(dir.path().join(sub)).expect("creating the test world's dirs");
        }
        // As pluton would have made it: private.
        fs::set_permissions(dir.path().join("config"), fs::Permissions::from_mode(0o700)).expect("chmod config dir");
        World { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn conf_path(&self) -> PathBuf {
        self.config_dir().join("rclone.conf")
    }

    pub fn storages_path(&self) -> PathBuf {
        self.config_dir().join("storages.toml")
    }

    /// Writes rclone.conf (mode 0600, as a careful user keeps it).
    pub fn write_conf(&self, text: &str) {
        fs::write(self.conf_path(), text).expect("writing rclone.conf");
        fs::set_permissions(self.conf_path(), fs::Permissions::from_mode(0o600)).expect("chmod rclone.conf");
    }

    pub fn conf(&self) -> String {
        fs::read_to_string(self.conf_path()).unwrap_or_default()
    }

    pub fn storages(&self) -> String {
        fs::read_to_string(self.storages_path()).unwrap_or_default()
    }

    /// Both files' bytes (None when missing), to prove a failed command changed nothing.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { conf: fs::read(self.conf_path()).ok(), storages: fs::read(self.storages_path()).ok() }
    }

    /// `pluton ARGS` in this world.
    pub fn pluton<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(env!("CARGO_BIN_EXE_pluton"), std::env::var_os("PATH").unwrap_or_default(), args)
    }

    /// Any program in this world's environment (a shell, for completion tests), with the
    /// pluton under test first on PATH.
    pub fn program<I, S>(&self, program: impl AsRef<OsStr>, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_pluton")).parent().map(Path::to_path_buf).unwrap_or_default();
        let path = std::env::join_paths(
            std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .unwrap_or_default();
        self.command(program, path, args)
    }

    fn command<I, S>(&self, program: impl AsRef<OsStr>, path: OsString, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("home/.config"))
            .env("XDG_CACHE_HOME", self.path().join("home/.cache"))
            // An empty runtime dir and no DBUS_SESSION_BUS_ADDRESS: no session bus, so no test
            // reaches the developer's keyring (the keyring tests hand in a private bus).
            .env("XDG_RUNTIME_DIR", self.path().join("run"))
            .env("PLUTON_CONFIG_DIR", self.config_dir())
            .env("PLUTON_CACHE_DIR", self.path().join("cache"))
            .env("LANG", "C.UTF-8")
            .args(args);
        Run { command, stdin: None }
    }

    /// Adds storages by importing sections written straight into rclone.conf.
    pub fn with_remotes(&self, remotes: &[(&str, &str)]) {
        let mut text = self.conf();
        for (name, kind) in remotes {
            text.push_str(&format!("[{name}]\ntype = {kind}\n\n"));
        }
        self.write_conf(&text);
        let names: Vec<&str> = remotes.iter().map(|(n, _)| *n).collect();
        self.pluton(["storage", "import"]).args(names).run().success();
    }

    /// The `token` of the (first) section that has one, parsed.
    pub fn stored_token(&self) -> serde_json::Value {
        let conf = self.conf();
        let line = conf.lines().find_map(|l| l.strip_prefix("token = ")).unwrap_or_default().to_string();
        serde_json::from_str(&line).unwrap_or_default()
    }

    /// Parsed `storage list --json`.
    pub fn list(&self) -> Vec<serde_json::Value> {
        let out = self.pluton(["storage", "list", "--json"]).run().success();
        serde_json::from_str::<Vec<serde_json::Value>>(&out.stdout).expect("list --json is a JSON array")
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub conf: Option<Vec<u8>>,
    pub storages: Option<Vec<u8>>,
}

pub struct Run {
    command: Command,
    stdin: Option<Vec<u8>>,
}

impl Run {
    /// A run of a command built elsewhere (`support::wine` starts pluton.exe through Wine).
    pub fn from_command(command: Command) -> Run {
        Run { command, stdin: None }
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.command.env_remove(key);
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// The command itself, for running it in a pseudo-terminal.
    pub fn into_command(self) -> Command {
        self.command
    }

    pub fn spawn(mut self) -> std::process::Child {
        self.command
            .stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        self.command.spawn().expect("starting pluton")
    }

    pub fn run(self) -> Outcome {
        let input = self.stdin.clone();
        let mut child = self.spawn();
        if let (Some(bytes), Some(mut pipe)) = (input, child.stdin.take()) {
            std::thread::spawn(move || {
                use std::io::Write;
                let _ = pipe.write_all(&bytes);
            });
        }
        let out = child.wait_with_output().expect("waiting for pluton");
        Outcome {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(self.code, Some(expected), "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        assert!(!self.stderr.contains("panicked"), "pluton panicked:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn success(self) -> Self {
        self.code(0)
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}:\n{}", self.stdout);
        self
    }

    #[track_caller]
    pub fn nowhere(self, secret: &str) -> Self {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "secret {secret:?} was printed:\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }
}

/// The real rclone on PATH (the tests never fake it).
pub fn rclone_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| which_rclone().expect("rclone must be on PATH for the tests (see README)"))
}

fn which_rclone() -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join("rclone")).find(|p| p.is_file())
}

/// Runs the real rclone with an explicit config file (no secrets in these test calls).
pub fn rclone(config: &Path, args: &[&str]) -> Outcome {
    let out = Command::new(rclone_bin())
        .arg("--config")
        .arg(config)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("running rclone");
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn os(s: &str) -> OsString {
    OsString::from(s)
}

/// Samples every process's command line (/proc/*/cmdline) until stopped, collecting any that
/// contain one of the secrets: anyone on the machine can read these with `ps`.
pub struct ArgvWatcher {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<(Vec<String>, usize)>>,
}

impl ArgvWatcher {
    pub fn start(secrets: &[&str]) -> ArgvWatcher {
        let secrets: Vec<String> = secrets.iter().map(|s| s.to_string()).collect();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::spawn(move || {
            let (mut leaks, mut samples) = (Vec::new(), 0);
            while !flag.load(std::sync::atomic::Ordering::SeqCst) {
                for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
                    if let Ok(raw) = fs::read(entry.path().join("cmdline")) {
                        let line = String::from_utf8_lossy(&raw).replace('\0', " ");
                        if secrets.iter().any(|s| line.contains(s.as_str())) && !leaks.contains(&line) {
                            leaks.push(line);
                        }
                    }
                }
                samples += 1;
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            (leaks, samples)
        });
        ArgvWatcher { stop, handle: Some(handle) }
    }

    /// Stops watching; panics with the leaking command lines if there were any.
    #[track_caller]
    pub fn assert_clean(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let (leaks, samples) = self.handle.take().and_then(|h| h.join().ok()).unwrap_or_default();
        assert!(samples > 0, "the watcher never sampled");
        assert!(leaks.is_empty(), "a secret appeared in a command line: {leaks:?}");
    }
}

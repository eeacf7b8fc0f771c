//! A real Secret Service of the test's own: a private D-Bus session bus and gnome-keyring's
//! secrets component on it, with their own HOME and XDG dirs. Nothing here can reach the
//! user's session bus or keyring: every process gets its environment cleared and the private
//! bus address. Both daemons are killed on drop.
//!
//! Needs `dbus-daemon`, `dbus-send`, `gnome-keyring-daemon` and `secret-tool` (Debian: dbus-daemon,
//! dbus-bin, gnome-keyring, libsecret-tools; `scripts/test.sh` installs them). Missing programs
//! fail the test with a message saying so: these tests never skip.
#![allow(dead_code)]

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Outcome;

/// The password of the test keyring itself (the "login" collection), not of any rclone.conf.
const LOGIN_PASSWORD: &str = "keyring-login-pw";

pub struct SecretService {
    dir: tempfile::TempDir,
    bus: Child,
    daemon: Option<Child>,
    pub address: String,
}

impl Drop for SecretService {
    fn drop(&mut self) {
        self.stop_daemon();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

/// Panics with what to install when a program the keyring tests need is missing.
fn require(program: &str, package: &str) -> PathBuf {
    let found =
        std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|d| d.join(program)).find(|p| p.is_file()));
    found.unwrap_or_else(|| {
        panic!(
            "{program} is missing (Debian package {package}): the keyring tests need a real Secret Service; \
             `bash scripts/test.sh` installs dbus-daemon, dbus-bin, gnome-keyring and libsecret-tools"
        )
    })
}

impl SecretService {
    /// A private bus with gnome-keyring's Secret Service on it, its login keyring unlocked.
    pub fn start() -> SecretService {
        let mut service = SecretService::bus_only();
        service.start_daemon(true);
        service
    }

    /// A private session bus with no Secret Service on it (and nothing it could activate).
    pub fn bus_only() -> SecretService {
        let dbus = require("dbus-daemon", "dbus-daemon");
        require("dbus-send", "dbus-bin");
        require("gnome-keyring-daemon", "gnome-keyring");
        require("secret-tool", "libsecret-tools");
        let dir = tempfile::Builder::new().prefix("pluton-kr-").tempdir().expect("creating the keyring's temp dir");
        for sub in ["home", "data", "run"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("creating the keyring's dirs");
        }
        set_private(&dir.path().join("run"));
        // No <servicedir>: nothing is started on demand, so only the daemons started here answer.
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n \
                 \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
                 <busconfig>\n  <type>session</type>\n  <listen>unix:path={}</listen>\n  <auth>EXTERNAL</auth>\n  \
                 <policy context=\"default\">\n    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n    \
                 <allow eavesdrop=\"true\"/>\n    <allow own=\"*\"/>\n  </policy>\n</busconfig>\n",
                dir.path().join("run/bus").display()
            ),
        )
        .expect("writing the bus config");
        let mut bus = Command::new(dbus)
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--nopidfile", "--print-address=1"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting dbus-daemon");
        // dbus-daemon prints its address once it listens: that line is the readiness signal.
        let mut address = String::new();
        let read = bus.stdout.take().map(|out| BufReader::new(out).read_line(&mut address));
        let address = address.trim().to_string();
        if !matches!(read, Some(Ok(n)) if n > 0) || address.is_empty() {
            let _ = bus.kill();
            let _ = bus.wait();
            panic!("dbus-daemon did not start (no address printed)");
        }
        SecretService { dir, bus, daemon: None, address }
    }

    /// The environment a pluton, rclone or secret-tool process needs to reach this keyring.
    pub fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![("DBUS_SESSION_BUS_ADDRESS", OsString::from(&self.address))]
    }

    /// Starts gnome-keyring's Secret Service: with `unlock`, fed the login password (which
    /// creates the "login" collection, the default one, unlocked); without, it stays locked.
    fn start_daemon(&mut self, unlock: bool) {
        let mut command = Command::new("gnome-keyring-daemon");
        command.args(["--foreground", "--components=secrets"]);
        if unlock {
            command.arg("--unlock");
        }
        let mut daemon = self
            .command(command)
            .stdin(if unlock { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting gnome-keyring-daemon");
        if let Some(mut stdin) = daemon.stdin.take() {
            stdin.write_all(LOGIN_PASSWORD.as_bytes()).expect("giving gnome-keyring its password");
            // Dropping stdin ends the password.
        }
        self.daemon = Some(daemon);
        self.wait_for_service();
    }

    fn stop_daemon(&mut self) {
        if let Some(mut daemon) = self.daemon.take() {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
    }

    /// Restarts the keyring daemon without unlocking it: the login collection (and every item
    /// in it) is locked, as after a reboot on a machine where nobody has logged in.
    pub fn lock(&mut self) {
        self.stop_daemon();
        self.wait_for_no_service();
        self.start_daemon(false);
    }

    /// Polls the bus until org.freedesktop.secrets has an owner.
    fn wait_for_service(&self) {
        self.wait_for_owner(true);
    }

    fn wait_for_no_service(&self) {
        self.wait_for_owner(false);
    }

    fn wait_for_owner(&self, owned: bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let out = self
                .command(Command::new("dbus-send"))
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .stdin(Stdio::null())
                .output()
                .expect("running dbus-send");
            if String::from_utf8_lossy(&out.stdout).contains(if owned { "boolean true" } else { "boolean false" }) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the Secret Service did not {} in 30 s",
                if owned { "start" } else { "stop" }
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `secret-tool ARGS` against this keyring (stdin: `input`).
    pub fn secret_tool(&self, args: &[&str], input: Option<&str>) -> Outcome {
        let mut child = self
            .command(Command::new("secret-tool"))
            .args(args)
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running secret-tool");
        if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin.write_all(text.as_bytes()).expect("writing to secret-tool");
        }
        let out = child.wait_with_output().expect("waiting for secret-tool");
        Outcome {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `secret-tool lookup` of pluton's item for this rclone.conf.
    pub fn lookup(&self, conf: &Path) -> Outcome {
        let account = std::fs::canonicalize(conf).unwrap_or_else(|_| conf.to_path_buf());
        self.secret_tool(&["lookup", "service", "pluton", "username", &account.display().to_string()], None)
    }

    /// A process in this keyring's world: its own HOME and XDG dirs, the private bus, nothing
    /// else from the test's environment.
    fn command(&self, mut command: Command) -> Command {
        let dir = self.dir.path();
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", dir.join("home"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_RUNTIME_DIR", dir.join("run"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("LANG", "C.UTF-8");
        command
    }
}

fn set_private(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).expect("chmod the runtime dir");
}

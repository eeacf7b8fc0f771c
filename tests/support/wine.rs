//! Windows for real: pluton.exe, cross-built for x86_64-pc-windows-gnu, and PyPI's rclone.exe,
//! both run under Wine. `scripts/test.sh` builds pluton.exe, prepares a Wine prefix of its own
//! (scripts/rclone-env.sh, `pluton_ensure_windows`) and tells the tests where everything is:
//!
//! | variable | what |
//! |---|---|
//! | `PLUTON_TEST_PLUTON_EXE` | pluton.exe (a Linux path) |
//! | `PLUTON_TEST_RCLONE_EXE` | rclone.exe (a Linux path) |
//! | `PLUTON_TEST_WINE` | the `wine64` to start them with |
//! | `PLUTON_TEST_WINESERVER` | its `wineserver64` |
//! | `WINEPREFIX` | the tests' prefix (with the ProcessPrng shim), never the user's `~/.wine` |
//! | `PLUTON_TEST_WINDOWS_ZIP` | optional: the Windows zip made by scripts/windows-zip.sh |
//!
//! A plain `cargo test` sets none of them: the Windows tests then say so and return. When the
//! first is set the rest must be too, and every file must exist: a half-prepared Wine fails loudly.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use tempfile::TempDir;

use super::Run;

pub struct Wine {
    pub wine: PathBuf,
    pub pluton: PathBuf,
    pub rclone: PathBuf,
    pub prefix: PathBuf,
    pub wineserver: PathBuf,
    pub zip: Option<PathBuf>,
}

impl Wine {
    /// Starts the prefix's wineserver for the run, and Wine's own background programs
    /// (services.exe, winedevice.exe, …) with it, before any test runs a Windows program.
    ///
    /// Why: the first Windows program of a wineserver's life starts those background programs,
    /// and they inherit its stdout and stderr. Were that program a test's pluton.exe, the test
    /// would read its pipes until the background programs end, which is when the server ends.
    /// Started here with no pipes of ours, they are already up when the tests come. `-p60`
    /// keeps the server (and so them) up while the tests come and go, so each Windows program
    /// starts in a fraction of a second instead of booting Wine again, and lets it end by
    /// itself a minute after the last one: no test kills it, as another checkout's run may be
    /// using the same cached prefix. (When a server is up already, `-p60` exits 2 and that one
    /// serves.)
    fn warm_up(&self) {
        let quiet =
            |command: &mut Command| command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = quiet(Command::new(&self.wineserver).arg("-p60"));
        let booted = quiet(Command::new(&self.wine).args(["cmd", "/c", "exit"]));
        assert!(
            booted.as_ref().is_ok_and(|s| s.success()),
            "Wine does not run a Windows program in {}: {booted:?}",
            self.prefix.display()
        );
    }
}

/// The Wine set-up scripts/test.sh made, or None (after saying why) under a plain `cargo test`.
pub fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Option<Wine>> = OnceLock::new();
    let found = WINE.get_or_init(|| {
        let pluton = std::env::var_os("PLUTON_TEST_PLUTON_EXE").filter(|v| !v.is_empty()).map(PathBuf::from)?;
        let var = |name: &str| -> PathBuf {
            let value = std::env::var_os(name).filter(|v| !v.is_empty()).unwrap_or_else(|| {
                panic!("PLUTON_TEST_PLUTON_EXE is set but {name} is not: run the tests with `bash scripts/test.sh`")
            });
            PathBuf::from(value)
        };
        let wine = Wine {
            wine: var("PLUTON_TEST_WINE"),
            rclone: var("PLUTON_TEST_RCLONE_EXE"),
            prefix: var("WINEPREFIX"),
            zip: std::env::var_os("PLUTON_TEST_WINDOWS_ZIP").filter(|v| !v.is_empty()).map(PathBuf::from),
            wineserver: var("PLUTON_TEST_WINESERVER"),
            pluton,
        };
        for (what, path) in [
            ("pluton.exe", &wine.pluton),
            ("rclone.exe", &wine.rclone),
            ("wine64", &wine.wine),
            ("wineserver", &wine.wineserver),
        ] {
            assert!(path.is_file(), "{what} is not at {} (scripts/test.sh prepares it)", path.display());
        }
        assert!(
            wine.prefix.join("system.reg").is_file(),
            "the Wine prefix {} was never booted (scripts/rclone-env.sh, pluton_ensure_windows)",
            wine.prefix.display()
        );
        wine.warm_up();
        Some(wine)
    });
    if found.is_none() {
        eprintln!("skipped: PLUTON_TEST_PLUTON_EXE is not set (scripts/test.sh builds pluton.exe and sets up Wine)");
    }
    found.as_ref()
}

/// `Z:\tmp\…`: how a Windows program under Wine names a Linux path (Wine maps `/` to drive Z:).
/// The tests hand pluton.exe paths in this form, drive letter and backslashes, as a Windows
/// user types them.
pub fn win_path(path: &Path) -> String {
    format!("Z:{}", path.display().to_string().replace('/', "\\"))
}

/// One isolated Windows world: `config/` is pluton's config dir (given to pluton.exe as a
/// `Z:\…` path), `cache/` its cache.
pub struct WinWorld {
    pub wine: &'static Wine,
    dir: TempDir,
}

impl WinWorld {
    pub fn new(wine: &'static Wine) -> WinWorld {
        let dir = tempfile::Builder::new().prefix("pluton-wine-").tempdir().expect("creating a temp dir");
        for sub in ["config", "cache"] {
            fs::create_dir_all(dir.path().join(sub)).expect("creating the Windows world's dirs");
        }
        WinWorld { wine, dir }
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

    pub fn conf_bytes(&self) -> Vec<u8> {
        fs::read(self.conf_path()).unwrap_or_default()
    }

    pub fn snapshot(&self) -> super::Snapshot {
        super::Snapshot { conf: fs::read(self.conf_path()).ok(), storages: fs::read(self.storages_path()).ok() }
    }

    /// `pluton.exe ARGS` under Wine, with this world's config dir and the real rclone.exe.
    pub fn pluton<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.exe(&self.wine.pluton, args)
    }

    /// Any Windows program under Wine in this world's environment (rclone.exe, an unzipped
    /// pluton.exe).
    pub fn exe<I, S>(&self, program: &Path, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(&self.wine.wine);
        command.env_clear();
        // Wine's own settings (prefix, DLL overrides, quiet debug channels) and what it needs
        // to find itself (PATH, HOME: the prefix belongs to this user).
        for key in ["PATH", "HOME", "USER", "WINEPREFIX", "WINEDLLOVERRIDES", "WINEDEBUG", "WINESERVER"] {
            if let Some(value) = std::env::var_os(key) {
                command.env(key, value);
            }
        }
        command
            .env("PLUTON_CONFIG_DIR", win_path(&self.config_dir()))
            .env("PLUTON_CACHE_DIR", win_path(&self.path().join("cache")))
            .env("PLUTON_RCLONE", win_path(&self.wine.rclone))
            .env("LANG", "C.UTF-8")
            .arg(program)
            .args(args);
        Run::from_command(command)
    }
}

/// Windows processes under Wine whose command line contains every one of `needles` (Wine's
/// loader shows a program's Windows command line as its Linux one: `Z:\…\rclone.exe authorize …`).
pub fn windows_processes(needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        if let Ok(raw) = fs::read(entry.path().join("cmdline")) {
            let line = String::from_utf8_lossy(&raw).replace('\0', " ");
            if needles.iter().all(|n| line.contains(n)) {
                found.push(line);
            }
        }
    }
    found
}

//! Windows for real: pluton.exe (cross-built for x86_64-pc-windows-gnu) under Wine, with PyPI's
//! rclone.exe and Wine's Credential Manager (see `support::wine`). Every test has its own config
//! dir, handed to pluton.exe as a `Z:\tmp\…` path: drive letters and backslashes in flags and
//! variables are part of what is tested. Under a plain `cargo test` (no Wine set up) each test
//! says it is skipped and returns; `bash scripts/test.sh` always runs them.

use std::fs;
use std::time::{Duration, Instant};

use crate::support::servers::Served;
use crate::support::wine::{WinWorld, Wine, win_path, windows_processes};
use crate::support::{TestResult, World, browser};

const TOKEN: &str = r#"{"access_token":"ACCESS-win-1","token_type":"Bearer","refresh_token":"REFRESH-win-2","expiry":"2030-01-02T03:04:05Z"}"#;

/// The Wine set-up, or return from the test (skipped, with the reason printed) without one.
macro_rules! wine_or_skip {
    () => {
        match crate::support::wine::wine() {
            Some(wine) => wine,
            None => return Ok(()),
        }
    };
}

/// The ground the rest stands on: the prefix runs a Go 1.24+ program (rclone.exe imports
/// ProcessPrng, which only the prefix's shim provides under Wine 8), and reads a `Z:\…` config.
#[test]
fn rclone_exe_runs_in_the_tests_wine_prefix() -> TestResult {
    let wine = wine_or_skip!();
    let world = WinWorld::new(wine);
    let out = world.exe(&wine.rclone, ["version", "--config", &win_path(&world.conf_path())]).run().success();
    assert!(out.stdout.starts_with("rclone v1.75.2"), "{out:?}");
    assert!(out.stdout.contains("os/type: windows"), "{out:?}");
    Ok(())
}

#[test]
fn doctor_finds_the_real_rclone_exe_and_passes() -> TestResult {
    let wine = wine_or_skip!();
    // doctor warns (and exits 1) while a sign-in holds port 53682: take turns with them.
    let _port = browser::port_53682();
    let world = WinWorld::new(wine);
    let out = world.pluton(["doctor", "--json"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout)
        .map_err(|e| format!("doctor --json is not JSON ({e}):\n{}\n{}", out.stdout, out.stderr))?;
    let checks = json["checks"].as_array().cloned().unwrap_or_default();
    assert!(!checks.is_empty(), "doctor --json lists no checks: {json}");
    let failed: Vec<_> = checks.iter().filter(|c| c["status"] == "fail").collect();
    assert!(failed.is_empty(), "doctor failed under Windows: {failed:?}\n{}", out.stderr);
    let text = json.to_string();
    assert!(text.contains("1.75.2"), "doctor does not name rclone.exe's version: {text}");
    assert!(text.contains("rclone.exe"), "doctor does not name rclone.exe: {text}");
    // The config dir it checked is the one given as `Z:\…` in PLUTON_CONFIG_DIR.
    let dir = checks.iter().find(|c| c["name"] == "config dir").ok_or(format!("no config dir check: {text}"))?;
    let message = dir["message"].as_str().unwrap_or_default();
    assert!(message.starts_with(&win_path(&world.config_dir())), "{dir}");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    Ok(())
}

/// `--help` names where a Windows user's files are, not Linux's `~/.config/pluton`.
#[test]
fn help_names_the_windows_default_config_dir() -> TestResult {
    let wine = wine_or_skip!();
    let world = WinWorld::new(wine);
    let out = world.pluton(["--help"]).run().success();
    assert!(out.stdout.contains(r"[default: %APPDATA%\pluton\config]"), "{}", out.stdout);
    assert!(!out.stdout.contains("~/.config"), "{}", out.stdout);
    Ok(())
}

#[test]
fn local_and_webdav_storages_are_added_tested_listed_renamed_and_removed() -> TestResult {
    let wine = wine_or_skip!();
    let world = WinWorld::new(wine);
    let disk = world.path().join("backups");
    fs::create_dir_all(&disk)?;
    fs::write(disk.join("hello.txt"), "hi")?;
    world.pluton(["storage", "add", "local", "--name", "Disk", "--path", &win_path(&disk)]).run().success();

    // WebDAV served by the Linux rclone on 127.0.0.1; the password from a file named the Windows way.
    let served = Served::webdav(&world.path().join("dav"), "win-user", "win-dav-pass");
    let pass = world.path().join("pass.txt");
    fs::write(&pass, "win-dav-pass")?;
    world
        .pluton(["storage", "add", "webdav", "--name", "NAS"])
        .args(["--set", &format!("url={}", served.url()), "--set", "user=win-user", "--set"])
        .arg(format!("pass=@{}", win_path(&pass)))
        .run()
        .success()
        .stderr_has("verified")
        .nowhere("win-dav-pass");

    world.pluton(["storage", "test", "--all"]).run().success();
    let list: serde_json::Value = world.pluton(["storage", "list", "--json"]).run().success().json();
    let names: Vec<&str> = list.as_array().into_iter().flatten().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["Disk", "NAS"], "{list}");
    // rclone.exe sees what pluton.exe wrote: the storage is the remote plus the storage's path,
    // here a Windows one (`disk:Z:\tmp\…\backups`).
    assert_eq!(list[0]["path"], win_path(&disk), "{list}");
    let location = format!("{}:{}", list[0]["remote"].as_str().unwrap_or_default(), win_path(&disk));
    let listed = world.exe(&wine.rclone, ["lsf", "--config", &win_path(&world.conf_path()), &location]).run().success();
    assert_eq!(listed.stdout.trim(), "hello.txt", "{}", listed.stderr);

    world.pluton(["storage", "rename", "NAS", "Office NAS"]).run().success();
    world.pluton(["storage", "test", "office nas"]).run().success();
    world.pluton(["storage", "remove", "Office NAS", "--yes"]).run().success();
    world.pluton(["storage", "remove", "Disk", "--yes"]).run().success();
    let list = world.pluton(["storage", "list", "--json"]).run().success();
    assert_eq!(list.stdout.trim(), "[]");
    let conf = String::from_utf8_lossy(&world.conf_bytes()).into_owned();
    assert!(!conf.contains("webdav") && !conf.contains("local"), "sections left behind:\n{conf}");
    Ok(())
}

#[test]
fn a_token_piped_with_crlf_line_ends_is_stored_whole() -> TestResult {
    let wine = wine_or_skip!();
    let world = WinWorld::new(wine);
    // What PowerShell or `type token.txt |` hands a program: CRLF after every line.
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--token-file", "-", "--no-test"])
        .stdin(format!("\r\n{TOKEN}\r\n\r\n"))
        .run()
        .success()
        .nowhere("ACCESS-win-1");
    let conf = String::from_utf8(world.conf_bytes())?;
    let line = conf.lines().find_map(|l| l.strip_prefix("token = ")).ok_or(format!("no token line:\n{conf}"))?;
    assert!(!line.contains('\r'), "a CR was stored with the token: {line:?}");
    let token: serde_json::Value = serde_json::from_str(line)?;
    assert_eq!(token["access_token"], "ACCESS-win-1");
    assert_eq!(token["refresh_token"], "REFRESH-win-2");
    Ok(())
}

#[test]
fn a_crlf_rclone_conf_keeps_every_byte_and_is_edited_as_on_linux() -> TestResult {
    let wine = wine_or_skip!();
    let original = "; written with Notepad\r\n[mine]\r\ntype = memory\r\ndescription = kept as is  \r\n\r\n[other]\r\ntype = memory\r\n";
    let windows = WinWorld::new(wine);
    fs::write(windows.conf_path(), original)?;
    let linux = World::new();
    linux.write_conf(original);

    let steps: [&[&str]; 3] = [
        &["storage", "import", "mine"],
        &["storage", "add", "memory", "--name", "Scratch", "--no-test"],
        &["storage", "remove", "Scratch", "--yes"],
    ];
    for step in steps {
        windows.pluton(step).run().success();
        linux.pluton(step).run().success();
        let (ours, theirs) = (windows.conf_bytes(), fs::read(linux.conf_path())?);
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "after {step:?}, pluton.exe and the Linux pluton left different rclone.conf bytes"
        );
        assert!(ours.starts_with(original.as_bytes()), "after {step:?} the original bytes changed");
    }
    Ok(())
}

#[test]
fn encrypt_and_the_credential_manager_serve_the_password_across_processes() -> TestResult {
    let wine = wine_or_skip!();
    const PW: &str = "wine conf pw 1";
    let world = WinWorld::new(wine);
    fs::write(world.conf_path(), "[mem]\r\ntype = memory\r\n")?;
    world.pluton(["storage", "import", "mem"]).run().success();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    let conf = String::from_utf8(world.conf_bytes())?;
    assert!(conf.contains("RCLONE_ENCRYPT_V0:") && !conf.contains("memory"), "not encrypted:\n{conf}");

    world
        .pluton(["config", "password", "--store-in-keyring"])
        .env("RCLONE_CONFIG_PASS", PW)
        .run()
        .success()
        .nowhere(PW);
    // Later processes find it in the Credential Manager alone.
    world.pluton(["storage", "add", "memory", "--name", "Scratch", "--no-test"]).run().success();
    world.pluton(["storage", "test", "--all"]).run().success();
    let out = world.pluton(["config", "password", "--print"]).run().success();
    assert_eq!(out.stdout.trim_end_matches(['\r', '\n']), PW);

    // rclone.exe reads the encrypted file through pluton.exe, as docs/security.md shows, by flag
    // and by variable (which the pluton.exe rclone starts inherits: it must not run itself).
    let command = format!("{} config password --print", win_path(&wine.pluton));
    let rclone =
        || world.exe(&wine.rclone, ["listremotes", "--ask-password=false", "--config", &win_path(&world.conf_path())]);
    for listed in
        [rclone().args(["--password-command", &command]).run(), rclone().env("RCLONE_PASSWORD_COMMAND", &command).run()]
    {
        let listed = listed.success();
        assert!(listed.stdout.contains("mem:") && listed.stdout.contains("scratch:"), "{listed:?}");
    }
    // And pluton.exe itself, with that variable set, reads the Credential Manager directly.
    world.pluton(["storage", "show", "mem"]).env("RCLONE_PASSWORD_COMMAND", &command).run().success().nowhere(PW);

    world.pluton(["config", "password", "--forget"]).run().success().stderr_has("removed");
    world.pluton(["config", "password", "--print"]).run().code(1).stderr_has("holds no password");
    world.pluton(["config", "password", "--forget"]).run().success().stderr_has("nothing to remove");
    Ok(())
}

#[test]
fn a_sign_in_nobody_completes_times_out_leaving_no_rclone_exe_and_the_port_free() -> TestResult {
    let wine = wine_or_skip!();
    let _port = browser::port_53682();
    let world = WinWorld::new(wine);
    let before = world.snapshot();
    let out =
        world.pluton(["storage", "add", "box", "--name", "Box", "--authorize", "--no-browser", "--timeout", "3"]).run();
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert!(out.stderr.contains("no sign-in within 3 s"), "{}", out.stderr);
    assert_eq!(world.snapshot(), before);
    // The job object ends rclone.exe with pluton.exe; its listener goes with it. (Poll: Wine
    // tears a process down asynchronously.)
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = windows_processes(&["rclone.exe", "authorize"]);
        let port_free = std::net::TcpListener::bind("127.0.0.1:53682").is_ok();
        if left.is_empty() && port_free {
            break;
        }
        assert!(Instant::now() < deadline, "after the timeout: rclone.exe left {left:?}, port 53682 free: {port_free}");
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// The error cases a script meets, each with the exit code the Linux build gives (design.md §6).
#[test]
fn errors_exit_with_the_same_codes_as_on_linux() -> TestResult {
    let wine = wine_or_skip!();
    let windows = WinWorld::new(wine);
    fs::write(windows.conf_path(), "[mem]\ntype = memory\n")?;
    windows.pluton(["storage", "import", "mem"]).run().success();
    let linux = World::new();
    linux.write_conf("[mem]\ntype = memory\n");
    linux.pluton(["storage", "import", "mem"]).run().success();

    // (args, exit code, whether the message is pluton's own words: a failed connection quotes
    // the OS's error through rclone, which Windows words otherwise.)
    let cases: [(&[&str], i32, bool); 9] = [
        (&["storage", "add", "memory", "--name", "bad\u{7}name", "--no-test"], 2, true),
        (&["storage", "add", "memory", "--name", "mem", "--no-test"], 2, true),
        (&["storage", "show", "nosuch"], 3, true),
        (&["storage", "test", "nosuch"], 3, true),
        (&["storage", "remove", "mem"], 2, true),
        (&["storage", "add", "box", "--name", "B", "--no-test"], 2, true),
        (&["storage", "add", "nosuchcloud", "--name", "x"], 2, true),
        (&["storage", "list", "--no-such-flag"], 2, true),
        (
            &["storage", "add", "webdav", "--name", "Dav", "--set", "url=http://127.0.0.1:9/", "--timeout", "5"],
            4,
            false,
        ),
    ];
    let before = windows.snapshot();
    for (args, code, same_words) in cases {
        let ours = windows.pluton(args).run();
        let theirs = linux.pluton(args).run();
        assert_eq!(theirs.code, Some(code), "Linux, {args:?}: {}", theirs.stderr);
        assert_eq!(ours.code, theirs.code, "pluton.exe {args:?} exits otherwise than on Linux:\n{}", ours.stderr);
        assert!(!ours.stderr.contains("panicked"), "pluton.exe {args:?} panicked:\n{}", ours.stderr);
        if same_words {
            let first = |s: &str| s.lines().next().unwrap_or_default().to_string();
            assert_eq!(first(&ours.stderr), first(&theirs.stderr), "pluton.exe {args:?} says it otherwise");
        }
    }
    assert_eq!(windows.snapshot(), before, "a failed command changed a file");
    Ok(())
}

/// The zip scripts/windows-zip.sh makes (scripts/package.sh from the release build, the suite
/// from the debug one): unpacked, its pluton.exe runs, finds its rclone.exe and passes doctor.
#[test]
fn the_windows_zip_unpacks_to_a_pluton_exe_that_runs() -> TestResult {
    let wine: &Wine = wine_or_skip!();
    let zip = wine.zip.as_ref().ok_or("PLUTON_TEST_WINDOWS_ZIP is not set: scripts/test.sh makes the zip")?;
    let world = WinWorld::new(wine);
    let into = world.path().join("unzipped");
    let mut archive = zip_entries(zip)?;
    let version = env!("CARGO_PKG_VERSION");
    let top = format!("pluton-{version}-x86_64-pc-windows-gnu/");
    for name in ["pluton.exe", "README.md", "LICENSE", "docs/design.md", "completions/_pluton.ps1"] {
        let wanted = format!("{top}{name}");
        assert!(archive.iter().any(|e| e == &wanted), "the zip lacks {wanted}: {archive:?}");
    }
    archive.clear();
    let status = std::process::Command::new("python3").args(["-m", "zipfile", "-e"]).arg(zip).arg(&into).status()?;
    assert!(status.success(), "unzipping {} failed", zip.display());
    let exe = into.join(&top).join("pluton.exe");
    let out = world.exe(&exe, ["--version"]).run().success();
    assert!(out.stdout.contains(version), "{out:?}");
    let _port = browser::port_53682();
    world.exe(&exe, ["doctor"]).run().success();
    Ok(())
}

/// The member names of a zip (python's zipfile, as the scripts use: no unzip needed).
fn zip_entries(zip: &std::path::Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"])
        .arg(zip)
        .output()?;
    if !out.status.success() {
        return Err(format!("reading {}: {}", zip.display(), String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?.lines().map(str::to_string).collect())
}

/// rclone on Windows reads a one-letter remote name as a drive letter (`w:` is the folder `W:\`),
/// so a storage named `W` whose remote were `w` would check, list and back up a local drive:
/// an unreachable WebDAV server "passed" its check that way before pluton gave one-letter
/// names a longer remote.
#[test]
fn a_one_letter_storage_name_does_not_become_a_drive_letter() -> TestResult {
    let wine = wine_or_skip!();
    let world = WinWorld::new(wine);
    let out = world
        .pluton(["storage", "add", "webdav", "--name", "W", "--set", "url=http://127.0.0.1:9/", "--timeout", "5"])
        .run();
    assert_eq!(out.code, Some(4), "an unreachable server was reported reachable:\n{}", out.stderr);
    let conf = String::from_utf8_lossy(&world.conf_bytes()).into_owned();
    assert!(!conf.contains("[w]"), "{conf}");
    Ok(())
}

/// holdopen.exe (tests/support/wine/holdopen.c), built once per run with mingw-w64.
fn holdopen_exe() -> Result<&'static std::path::Path, String> {
    static BUILT: std::sync::OnceLock<Result<std::path::PathBuf, String>> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("pluton-holdopen-{}", std::process::id()));
            fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let exe = dir.join("holdopen.exe");
            let source = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/wine/holdopen.c");
            let out = std::process::Command::new("x86_64-w64-mingw32-gcc")
                .args(["-municode", "-O2", "-o"])
                .arg(&exe)
                .arg(source)
                .output()
                .map_err(|e| format!("x86_64-w64-mingw32-gcc: {e}"))?;
            if !out.status.success() {
                return Err(String::from_utf8_lossy(&out.stderr).into_owned());
            }
            Ok(exe)
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// Windows refuses a rename over a file another program holds open (an antivirus, the indexer).
/// pluton waits that out for a moment, and past it fails saying why, with nothing changed.
#[test]
fn a_file_another_program_holds_open_is_waited_for_then_refused_clearly() -> TestResult {
    let wine = wine_or_skip!();
    let holdopen = holdopen_exe()?;
    let world = WinWorld::new(wine);
    world.pluton(["storage", "add", "local", "--name", "Disk", "--no-test"]).run().success();
    let conf = win_path(&world.conf_path());
    let hold = |millis: &str| {
        let mut holder = world.exe(holdopen, [conf.as_str(), millis]).spawn();
        let mut line = String::new();
        if let Some(out) = holder.stdout.take() {
            use std::io::BufRead;
            let _ = std::io::BufReader::new(out).read_line(&mut line);
        }
        assert_eq!(line.trim(), "holding", "holdopen.exe did not open {conf}");
        holder
    };
    // Held far longer than pluton waits: a clear error, and neither file changed.
    let before = world.snapshot();
    let mut holder = hold("8000");
    let out = world.pluton(["storage", "add", "local", "--name", "Other", "--no-test"]).run();
    let _ = holder.kill();
    let _ = holder.wait();
    let out = out.code(1);
    assert!(
        out.stderr.contains("another program keeps") && out.stderr.contains("nothing was changed"),
        "{}",
        out.stderr
    );
    assert_eq!(world.snapshot(), before);
    // Held for a moment: pluton waits, then writes.
    let mut holder = hold("700");
    world.pluton(["storage", "add", "local", "--name", "Other", "--no-test"]).run().success();
    let _ = holder.wait();
    assert!(String::from_utf8_lossy(&world.conf_bytes()).contains("[other]"));
    Ok(())
}

/// Recovery under Windows: a zeroed rclone.conf is refused by every write, doctor names the
/// copy, and `config restore` puts it back (through the same door: temp file, rename).
#[test]
fn a_zeroed_rclone_conf_is_restored_from_its_copy() -> TestResult {
    let wine = wine_or_skip!();
    let world = WinWorld::new(wine);
    world.pluton(["storage", "add", "local", "--name", "Disk", "--no-test"]).run().success();
    let good = world.conf_bytes();
    fs::write(world.conf_path(), b"")?;
    let doctor = world.pluton(["doctor"]).run().code(1);
    let at = doctor.stdout.find("pluton config restore ").ok_or(format!("no restore named: {}", doctor.stdout))?;
    let id: String = doctor.stdout[at + "pluton config restore ".len()..].chars().take_while(|c| *c != '`').collect();
    world.pluton(["storage", "add", "local", "--name", "Other", "--no-test"]).run().code(1).stderr_has(&id);
    world.pluton(["config", "restore", &id, "--yes"]).run().success();
    assert_eq!(world.conf_bytes(), good);
    let history = world.pluton(["config", "history", "--json"]).run().success().json();
    let path = history[0]["path"].as_str().unwrap_or_default().to_string();
    assert!(path.starts_with("Z:\\") && path.contains("\\history\\"), "a Windows path: {path}");
    Ok(())
}

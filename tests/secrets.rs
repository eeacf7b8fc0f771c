//! Secrets stay secret: never on a command line, never printed, never on disk in plain text
//! when rclone.conf is encrypted.

use std::fs;

use crate::support::oauth::{DRIVE_ID, OAuthServer, Options};
use crate::support::servers::Served;
use crate::support::{ArgvWatcher, TestResult, World, rclone};

#[test]
fn no_secret_reaches_a_command_line_while_adding_testing_editing_and_reauthorizing() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "u", "argv-pass-1");
    let pass = world.path().join("pass");
    fs::write(&pass, "argv-pass-1")?;
    let provider = OAuthServer::start(Options::default());
    let token = r#"{"access_token":"argv-access-1","token_type":"Bearer","refresh_token":"argv-refresh-1","expiry":"2020-01-01T00:00:00Z"}"#;
    let secrets = ["argv-pass-1", "argv-access-1", "argv-refresh-1", "argv-client-secret-1"];

    let watcher = ArgvWatcher::start(&secrets);
    world
        .pluton(["storage", "add", "webdav", "--name", "Dav"])
        .args(["--set", &format!("url={}", server.url()), "--set", "user=u", "--set"])
        .arg(format!("pass=@{}", pass.display()))
        .run()
        .success();
    let run = world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-", "--client-id", "cid"])
        .args(["--set", &format!("drive_id={DRIVE_ID}"), "--set", "drive_type=personal"])
        // The section itself points at the test provider, so later commands stay local too.
        .args([
            "--set",
            &format!("token_url={}/token", provider.base),
            "--set",
            &format!("tenant_url={}", provider.base),
        ])
        .env("PLUTON_CLIENT_SECRET", "argv-client-secret-1")
        .stdin(token);
    provider.env_for("onedrive").into_iter().fold(run, |r, (k, v)| r.env(k, v)).run().success();
    world.pluton(["storage", "test", "--all"]).run().success();
    world.pluton(["storage", "edit", "dav", "--set", "vendor=other"]).run().success();
    let run = world.pluton(["storage", "reauth", "od", "--token-file", "-"]).stdin(token);
    provider.env_for("onedrive").into_iter().fold(run, |r, (k, v)| r.env(k, v)).run().success();
    watcher.assert_clean();
    Ok(())
}

#[test]
fn secrets_are_redacted_in_every_output() {
    let world = World::new();
    world
        .write_conf("[box]\ntype = box\nclient_secret = OUT-SECRET-1\ntoken = {\"access_token\":\"OUT-ACCESS-1\"}\n\n");
    world.pluton(["storage", "import", "box"]).run().success();
    for args in [
        vec!["storage", "show", "box"],
        vec!["storage", "show", "box", "--json"],
        vec!["storage", "list"],
        vec!["storage", "list", "--json"],
        vec!["-v", "storage", "show", "box"],
        vec!["doctor"],
    ] {
        let out = world.pluton(&args).run();
        assert!(!out.stdout.contains("OUT-") && !out.stderr.contains("OUT-"), "{args:?} printed a secret");
    }
    let out = world
        .pluton(["storage", "add", "box", "--name", "B2", "--dry-run", "--token-file", "-", "--client-id", "c"])
        .env("PLUTON_CLIENT_SECRET", "OUT-SECRET-2")
        .stdin(r#"{"access_token":"OUT-ACCESS-2"}"#)
        .run()
        .success();
    assert!(!out.stdout.contains("OUT-") && !out.stderr.contains("OUT-"));
}

const PW: &str = "correct horse";

#[test]
fn an_encrypted_rclone_conf_is_read_and_written_encrypted_and_rclone_agrees() -> TestResult {
    let world = World::new();
    world.write_conf("# mine\n[hand]\ntype = memory\n\n");
    world.pluton(["storage", "import", "hand"]).run().success();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    let text = world.conf();
    assert!(text.contains("RCLONE_ENCRYPT_V0:") && !text.contains("memory"), "{text}");
    // rclone reads what pluton wrote.
    let out = std::process::Command::new(crate::support::rclone_bin())
        .args(["listremotes", "--ask-password=false", "--config"])
        .arg(world.conf_path())
        .env("RCLONE_CONFIG_PASS", PW)
        .output()?;
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "hand:");

    // An add, verified against a real server, never leaves the plain config on disk.
    let server = Served::webdav(&world.path().join("dav"), "u", "enc-pass-1");
    let pass = world.path().join("pass");
    fs::write(&pass, "enc-pass-1")?;
    let config_dir = world.config_dir();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    let scanner = std::thread::spawn(move || {
        let mut plain = Vec::new();
        while !flag.load(std::sync::atomic::Ordering::SeqCst) {
            for entry in walk(&config_dir) {
                if fs::read_to_string(&entry).is_ok_and(|t| t.contains("type = webdav")) {
                    plain.push(entry);
                }
            }
        }
        plain
    });
    world
        .pluton([
            "storage",
            "add",
            "webdav",
            "--name",
            "Dav",
            "--set",
            &format!("url={}", server.url()),
            "--set",
            "user=u",
        ])
        .arg("--set")
        .arg(format!("pass=@{}", pass.display()))
        .env("RCLONE_CONFIG_PASS", PW)
        .run()
        .success()
        .stderr_has("verified");
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let plain = scanner.join().unwrap_or_default();
    assert!(plain.is_empty(), "plain text reached the disk: {plain:?}");
    assert!(world.conf().contains("RCLONE_ENCRYPT_V0:"));
    world.pluton(["storage", "show", "dav"]).env("RCLONE_CONFIG_PASS", PW).run().success().stdout_has("url = ");
    world.pluton(["--password-command", &format!("echo {PW}"), "storage", "test", "--all"]).run().success();

    // Wrong or missing password: a clear error, nothing changed.
    let before = world.snapshot();
    world
        .pluton(["storage", "show", "dav"])
        .env("RCLONE_CONFIG_PASS", "wrong")
        .run()
        .code(1)
        .stderr_has("password is wrong");
    world
        .pluton(["storage", "add", "memory", "--name", "M", "--no-test"])
        .run()
        .code(2)
        .stderr_has("RCLONE_CONFIG_PASS");
    assert_eq!(world.snapshot(), before);

    // `list` lists without the password (no token status then) and never asks for it.
    world.pluton(["storage", "list"]).run().success().stdout_has("Dav").stderr_has("token status unavailable");

    world.pluton(["config", "decrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    let plain = world.conf();
    assert!(plain.starts_with("# mine\n[hand]\ntype = memory\n\n[dav]\ntype = webdav\n"), "{plain}");
    rclone(&world.conf_path(), &["listremotes"]).success().stdout_has("dav:");
    Ok(())
}

#[test]
fn only_commands_that_open_an_encrypted_rclone_conf_need_its_password() {
    let world = World::new();
    world.write_conf("[keep]\ntype = memory\n\n[gone]\ntype = memory\n\n[forget]\ntype = memory\n");
    world.pluton(["storage", "import", "--all"]).run().success();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    let encrypted = world.conf();

    // No RCLONE_CONFIG_PASS, no password command, no terminal to ask on.
    world.pluton(["storage", "rename", "keep", "Kept"]).run().success();
    assert!(world.storages().contains("name = \"Kept\""), "{}", world.storages());
    world.pluton(["storage", "remove", "forget", "--yes", "--keep-remote"]).run().success();
    assert!(!world.storages().contains("\"forget\""), "{}", world.storages());
    world.pluton(["providers"]).run().success().stdout_has("onedrive");
    // doctor asks rclone only for its version: the rclone check passes without the password.
    let doctor = world.pluton(["doctor", "--json"]).run().json();
    let rclone = doctor["checks"].as_array().and_then(|c| c.iter().find(|c| c["name"] == "rclone")).cloned();
    assert_eq!(rclone.map(|c| c["status"].clone()), Some(serde_json::json!("ok")), "{doctor}");
    assert_eq!(world.conf(), encrypted, "rclone.conf is byte-identical");

    // Removing the section edits rclone.conf: that needs the password.
    let before = world.snapshot();
    world.pluton(["storage", "remove", "gone", "--yes"]).run().code(2).stderr_has("RCLONE_CONFIG_PASS");
    assert_eq!(world.snapshot(), before);
    world.pluton(["storage", "remove", "gone", "--yes"]).env("RCLONE_CONFIG_PASS", PW).run().success();
}

#[test]
fn a_config_rclone_encrypted_opens_with_a_password_command() -> TestResult {
    let world = World::new();
    world.write_conf("[theirs]\ntype = memory\n");
    let status = std::process::Command::new(crate::support::rclone_bin())
        .args(["config", "encryption", "set", "--password-command", "echo s3cret", "--config"])
        .arg(world.conf_path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    assert!(status.success());
    world.pluton(["--password-command", "echo s3cret", "storage", "import", "--all"]).run().success();
    world
        .pluton(["storage", "add", "memory", "--name", "Mine", "--no-test"])
        .env("RCLONE_PASSWORD_COMMAND", "echo s3cret")
        .run()
        .success();
    let out = std::process::Command::new(crate::support::rclone_bin())
        .args(["listremotes", "--ask-password=false", "--config"])
        .arg(world.conf_path())
        .env("RCLONE_CONFIG_PASS", "s3cret")
        .output()?;
    assert_eq!(String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>(), ["theirs:", "mine:"]);
    Ok(())
}

#[test]
fn the_keyring_is_opt_in_and_its_absence_is_a_clear_error() {
    let world = World::new();
    world.write_conf("[a]\ntype = memory\n");
    world.pluton(["config", "password", "--store-in-keyring"]).run().code(2).stderr_has("not encrypted");
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    // No keyring service can be reached here (the session bus points nowhere, so a developer's
    // real keyring is never touched): the error must say so and what to use instead.
    let before = world.snapshot();
    world
        .pluton(["config", "password", "--store-in-keyring"])
        .env("RCLONE_CONFIG_PASS", PW)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .run()
        .code(1)
        .stderr_has("keyring is not available")
        .stderr_has("RCLONE_CONFIG_PASS");
    assert_eq!(world.snapshot(), before);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn onedrive_finds_its_drive_when_rclone_conf_is_encrypted() -> TestResult {
    // The drive lookup runs rclone's configurator in a private copy, which is encrypted like
    // the real file; what rclone writes back there must be read with the same password.
    let world = World::new();
    world.write_conf("[hand]\ntype = memory\n\n");
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    let provider = OAuthServer::start(Options::default());
    let token = r#"{"access_token":"fresh-access","token_type":"Bearer","refresh_token":"fresh-refresh","expiry":"2099-01-01T00:00:00Z"}"#;
    let run = world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-"])
        .env("RCLONE_CONFIG_PASS", PW)
        .stdin(token);
    provider.env_for("onedrive").into_iter().fold(run, |r, (k, v)| r.env(k, v)).run().success();
    assert!(world.conf().contains("RCLONE_ENCRYPT_V0:"), "rclone.conf stays encrypted");
    let out = std::process::Command::new(crate::support::rclone_bin())
        .args(["config", "show", "od", "--ask-password=false", "--config"])
        .arg(world.conf_path())
        .env("RCLONE_CONFIG_PASS", PW)
        .output()?;
    let section = String::from_utf8_lossy(&out.stdout);
    assert!(
        section.contains(&format!("drive_id = {DRIVE_ID}\n")) && section.contains("drive_type = personal\n"),
        "{section}"
    );
    Ok(())
}

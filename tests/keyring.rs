//! The rclone.conf password in a real OS keyring: gnome-keyring's Secret Service on a private
//! session bus (see `support::keyring`), never the developer's own.

use std::fs;
use std::process::{Command, Stdio};

use rexpect::session::spawn_command;

use crate::support::keyring::SecretService;
use crate::support::servers::Served;
use crate::support::{Run, TestResult, World};

const PW: &str = "keyring conf pw 1";

/// `run` with the keyring's bus address, and nothing else that could give the password.
fn on(keyring: &SecretService, run: Run) -> Run {
    keyring.env().into_iter().fold(run, |r, (k, v)| r.env(k, v))
}

/// A world whose rclone.conf (one memory remote, imported) is encrypted with `PW`.
fn encrypted_world() -> World {
    let world = World::new();
    world.write_conf("[mem]\ntype = memory\n\n");
    world.pluton(["storage", "import", "mem"]).run().success();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    assert!(encrypted(&world.conf()), "{}", world.conf());
    world
}

/// rclone's encrypted format: comments, then the marker line, then only ciphertext.
fn encrypted(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let base64 = |l: &str| l.trim().chars().all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c));
    lines.next().is_some_and(|l| l.trim() == "RCLONE_ENCRYPT_V0:") && lines.all(base64)
}

fn store(world: &World, keyring: &SecretService) {
    on(keyring, world.pluton(["config", "password", "--store-in-keyring"]))
        .env("RCLONE_CONFIG_PASS", PW)
        .run()
        .success()
        .stderr_has("is in the OS keyring")
        .nowhere(PW);
}

#[test]
fn with_the_password_in_the_keyring_list_add_and_test_need_nothing_else() -> TestResult {
    let keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);

    // The item is where the docs say, for a person with secret-tool.
    let found = keyring.lookup(&world.conf_path());
    assert_eq!(found.code, Some(0), "{found:?}");
    assert_eq!(found.stdout.trim_end_matches('\n'), PW);
    let search = keyring.secret_tool(&["search", "--all", "service", "pluton"], None);
    let listing = format!("{}{}", search.stdout, search.stderr);
    let account = fs::canonicalize(world.conf_path())?;
    assert!(listing.contains(&format!("username = {}", account.display())), "{listing}");

    // No RCLONE_CONFIG_PASS, no password command, no terminal (stdin is /dev/null).
    on(&keyring, world.pluton(["storage", "list"])).run().success().stdout_has("mem").nowhere("unavailable");
    let server = Served::webdav(&world.path().join("dav"), "u", "kr-dav-pass");
    let pass = world.path().join("pass");
    fs::write(&pass, "kr-dav-pass")?;
    on(&keyring, world.pluton(["storage", "add", "webdav", "--name", "Dav"]))
        .args(["--set", &format!("url={}", server.url()), "--set", "user=u", "--set"])
        .arg(format!("pass=@{}", pass.display()))
        .run()
        .success()
        .stderr_has("verified");
    on(&keyring, world.pluton(["storage", "add", "memory", "--name", "Scratch", "--no-test"])).run().success();
    on(&keyring, world.pluton(["storage", "test", "--all"])).run().success();
    on(&keyring, world.pluton(["storage", "list", "--json"])).run().success().stdout_has("\"Scratch\"");

    let conf = world.conf();
    assert!(encrypted(&conf), "rclone.conf is no longer encrypted:\n{conf}");
    assert!(!conf.contains("webdav") && !conf.contains("memory"), "{conf}");
    Ok(())
}

#[test]
fn forget_removes_the_item_and_then_a_command_fails_at_once_naming_every_way_in() -> TestResult {
    let keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);

    on(&keyring, world.pluton(["config", "password", "--forget"])).run().success().stderr_has("removed");
    let gone = keyring.lookup(&world.conf_path());
    assert!(gone.code != Some(0) && gone.stdout.is_empty(), "the item is still there: {gone:?}");

    let before = world.snapshot();
    on(&keyring, world.pluton(["storage", "add", "memory", "--name", "M", "--no-test"]))
        .run()
        .code(2)
        .stderr_has("RCLONE_CONFIG_PASS")
        .stderr_has("--password-command")
        .stderr_has("keyring");
    on(&keyring, world.pluton(["storage", "test", "--all"])).run().code(2).stderr_has("keyring holds none");
    assert_eq!(world.snapshot(), before);

    // Forgetting what is not there is no error: the keyring is as asked.
    on(&keyring, world.pluton(["config", "password", "--forget"])).run().success().stderr_has("nothing to remove");
    Ok(())
}

#[test]
fn rclone_lists_an_encrypted_conf_through_print() -> TestResult {
    let keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);
    let pluton = env!("CARGO_BIN_EXE_pluton");
    let command = format!("{pluton} config password --print");
    let rclone = |how: &str| -> std::io::Result<std::process::Output> {
        let mut rclone = Command::new(crate::support::rclone_bin());
        rclone
            .args(["listremotes", "--ask-password=false", "--config"])
            .arg(world.conf_path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", world.path().join("home"))
            .env("XDG_RUNTIME_DIR", world.path().join("run"))
            .env("PLUTON_CONFIG_DIR", world.config_dir())
            .envs(keyring.env())
            .stdin(Stdio::null());
        if how == "flag" {
            rclone.args(["--password-command", &command]);
        } else {
            // pluton, started by rclone, inherits this too: --print must not run it (itself).
            rclone.env("RCLONE_PASSWORD_COMMAND", &command);
        }
        rclone.output()
    };
    for how in ["flag", "env"] {
        let out = rclone(how)?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "rclone with {how}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "mem:", "rclone with {how}: {stderr}");
    }

    // The keyring alone: neither RCLONE_CONFIG_PASS nor the password command is consulted.
    let out = on(&keyring, world.pluton(["config", "password", "--print"]))
        .env("RCLONE_CONFIG_PASS", "not-this-one")
        .env("RCLONE_PASSWORD_COMMAND", "echo nor-this-one")
        .run()
        .success();
    assert_eq!(out.stdout, format!("{PW}\n"));
    Ok(())
}

/// With the documented `RCLONE_PASSWORD_COMMAND="pluton config password --print"` exported,
/// pluton reads the keyring itself instead of starting a second pluton to read it.
#[test]
fn the_documented_password_command_reads_the_keyring_without_a_second_pluton() -> TestResult {
    let keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);
    // A `pluton` first on PATH that notes each time it is started, then runs the real one.
    let bin = world.path().join("bin");
    fs::create_dir_all(&bin)?;
    let log = world.path().join("second-pluton.log");
    let wrapper =
        format!("#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n", log.display(), env!("CARGO_BIN_EXE_pluton"));
    fs::write(bin.join("pluton"), wrapper)?;
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(bin.join("pluton"), fs::Permissions::from_mode(0o755))?;
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let run = |args: &[&str]| {
        on(&keyring, world.pluton(args))
            .env("PATH", &path)
            .env("RCLONE_PASSWORD_COMMAND", "pluton config password --print")
            .run()
    };
    run(&["storage", "show", "mem"]).success().stdout_has("memory").nowhere(PW);
    run(&["storage", "test", "mem"]).success();
    assert!(!log.exists(), "a second pluton was started: {:?}", fs::read_to_string(&log));
    // Without a password in the keyring, the command's own failure, named.
    on(&keyring, world.pluton(["config", "password", "--forget"])).run().success();
    run(&["storage", "show", "mem"]).code(1).stderr_has("holds no password");
    Ok(())
}

#[test]
fn print_without_an_item_fails_with_nothing_on_stdout() {
    let keyring = SecretService::start();
    let world = encrypted_world();
    let out = on(&keyring, world.pluton(["config", "password", "--print"]))
        .env("RCLONE_CONFIG_PASS", PW)
        .run()
        .code(1)
        .stderr_has("holds no password")
        .stderr_has("--store-in-keyring");
    assert_eq!(out.stdout, "");
}

#[test]
fn print_refuses_a_terminal() -> TestResult {
    let keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);
    let mut session =
        spawn_command(on(&keyring, world.pluton(["config", "password", "--print"])).into_command(), Some(30_000))?;
    let screen = session.exp_eof()?;
    assert!(screen.contains("refusing to print the password to a terminal"), "{screen}");
    assert!(!screen.contains(PW), "the password reached the terminal: {screen}");
    match session.process().wait()? {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 2),
        other => panic!("pluton did not exit normally: {other:?}"),
    }
    Ok(())
}

#[test]
fn a_wrong_password_in_the_keyring_is_named_as_the_keyring_s() {
    let keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);
    // The file gets a new password; the keyring still holds the old one.
    world.pluton(["config", "decrypt"]).env("RCLONE_CONFIG_PASS", PW).run().success();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", "the new one").run().success();

    let before = world.snapshot();
    for args in [vec!["storage", "show", "mem"], vec!["storage", "add", "memory", "--name", "M", "--no-test"]] {
        on(&keyring, world.pluton(&args))
            .run()
            .code(1)
            .stderr_has("the password in the keyring does not open rclone.conf")
            .stderr_has("--store-in-keyring")
            .nowhere(PW);
    }
    assert_eq!(world.snapshot(), before);
    // The right one, given, replaces it.
    on(&keyring, world.pluton(["config", "password", "--store-in-keyring"]))
        .env("RCLONE_CONFIG_PASS", "the new one")
        .run()
        .success();
    on(&keyring, world.pluton(["storage", "show", "mem"])).run().success();
}

#[test]
fn a_password_that_does_not_open_the_conf_is_never_stored() {
    let keyring = SecretService::start();
    let world = encrypted_world();
    on(&keyring, world.pluton(["config", "password", "--store-in-keyring"]))
        .env("RCLONE_CONFIG_PASS", "wrong")
        .run()
        .code(1)
        .stderr_has("password is wrong");
    let found = keyring.lookup(&world.conf_path());
    assert!(found.stdout.is_empty(), "a wrong password was stored: {found:?}");
}

#[test]
fn a_locked_keyring_is_reported_as_locked() {
    let mut keyring = SecretService::start();
    let world = encrypted_world();
    store(&world, &keyring);
    keyring.lock();

    let out = on(&keyring, world.pluton(["config", "password", "--print"]))
        .run()
        .code(1)
        .stderr_has("keyring is locked")
        .stderr_has("RCLONE_CONFIG_PASS");
    assert_eq!(out.stdout, "");
    let before = world.snapshot();
    on(&keyring, world.pluton(["storage", "add", "memory", "--name", "M", "--no-test"]))
        .run()
        .code(2)
        .stderr_has("keyring is locked")
        .stderr_has("--password-command");
    assert_eq!(world.snapshot(), before);
    // `list` still lists, without token status.
    on(&keyring, world.pluton(["storage", "list"]))
        .run()
        .success()
        .stdout_has("mem")
        .stderr_has("token status unavailable");
}

#[test]
fn without_a_secret_service_every_keyring_command_says_so_and_names_the_alternatives() {
    let world = encrypted_world();
    let bus_only = SecretService::bus_only();
    // No bus at all (cron, ssh), a bus address whose socket is gone, a bus with no keyring on it.
    let setups: Vec<(&str, Option<String>)> = vec![
        ("no bus", None),
        ("dead socket", Some(format!("unix:path={}", world.path().join("run/no-such-bus").display()))),
        ("bus without keyring", Some(bus_only.address.clone())),
    ];
    for (setup, address) in setups {
        for action in ["--print", "--store-in-keyring", "--forget"] {
            let run = world.pluton(["config", "password", action]).env("RCLONE_CONFIG_PASS", PW);
            let run = match &address {
                Some(a) => run.env("DBUS_SESSION_BUS_ADDRESS", a),
                None => run,
            };
            let out = run.run();
            assert_eq!(out.code, Some(1), "{setup}, {action}: {out:?}");
            assert!(out.stderr.contains("keyring is not available"), "{setup}, {action}: {}", out.stderr);
            assert!(
                out.stderr.contains("RCLONE_CONFIG_PASS") && out.stderr.contains("--password-command"),
                "{setup}, {action}: {}",
                out.stderr
            );
            assert_eq!(out.stdout, "", "{setup}, {action}");
        }
        // A command that only might use the keyring goes on without it.
        let run = world.pluton(["storage", "list"]);
        let run = match &address {
            Some(a) => run.env("DBUS_SESSION_BUS_ADDRESS", a),
            None => run,
        };
        run.run().success().stdout_has("mem").stderr_has("token status unavailable");
    }
}

#[test]
fn a_session_bus_that_never_answers_costs_seconds_not_a_hang() -> TestResult {
    let world = encrypted_world();
    // A socket that accepts connections and never says a word.
    let socket = world.path().join("run/silent-bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket)?;
    let held = std::thread::spawn(move || listener.incoming().take(8).flatten().collect::<Vec<_>>());
    let address = format!("unix:path={}", socket.display());
    let out = world
        .pluton(["config", "password", "--print"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .run()
        .code(1)
        .stderr_has("did not answer")
        .stderr_has("--password-command");
    assert_eq!(out.stdout, "");
    world.pluton(["storage", "list"]).env("DBUS_SESSION_BUS_ADDRESS", &address).run().success().stdout_has("mem");
    drop(held);
    Ok(())
}

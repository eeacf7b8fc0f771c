//! Browser sign-in end to end: real `rclone authorize`, the test provider on 127.0.0.1, and a
//! "browser" that follows the link pluton prints.

use std::time::Duration;

use crate::support::browser::{self, Stderr};
use crate::support::oauth::{DRIVE_ID, OAuthServer, Options};
use crate::support::{TestResult, World};

fn with_provider(run: crate::support::Run, provider: &OAuthServer, backend: &str) -> crate::support::Run {
    provider.env_for(backend).into_iter().fold(run, |run, (k, v)| run.env(k, v))
}

/// Starts `pluton ARGS`, opens the link it prints, and returns its exit code and stderr.
fn sign_in(world: &World, provider: &OAuthServer, backend: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut child = with_provider(world.pluton(args), provider, backend).spawn();
    let mut stderr = Stderr::of(&mut child);
    let link = stderr.link();
    browser::sign_in(&link);
    let code = child.wait().ok().and_then(|s| s.code());
    (code, stderr.rest())
}

#[test]
fn box_sign_in_stores_the_token_the_provider_issued() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let (code, stderr) = sign_in(
        &world,
        &provider,
        "box",
        &["storage", "add", "box", "--name", "Box", "--authorize", "--no-browser", "--no-test"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let issued = provider.issued();
    assert_eq!(issued.len(), 1);
    assert_eq!(world.stored_token()["access_token"], issued[0]["access_token"]);
    assert_eq!(world.stored_token()["refresh_token"], issued[0]["refresh_token"]);
    assert!(!stderr.contains(issued[0]["access_token"].as_str().unwrap_or("?")), "the token is never printed");
    assert!(stderr.contains("ssh -L 53682:127.0.0.1:53682"), "{stderr}");
    // The provider saw rclone's own redirect URI for Box.
    let auth = provider.requests().into_iter().find(|r| r.path == "/authorize").map(|r| r.query).unwrap_or_default();
    assert_eq!(auth.get("redirect_uri").map(String::as_str), Some("http://127.0.0.1:53682/"));
}

#[test]
fn putio_sign_in_keeps_a_token_that_never_expires() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options { no_refresh: true, ..Options::default() });
    let args = ["storage", "add", "putio", "--name", "Putio", "--authorize", "--no-browser", "--no-test"];
    let (code, stderr) = sign_in(&world, &provider, "putio", &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(world.stored_token()["access_token"], provider.issued()[0]["access_token"]);
    assert!(world.stored_token().get("refresh_token").is_none());
}

#[test]
fn onedrive_sign_in_is_verified_against_the_drive() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let drive = format!("drive_id={DRIVE_ID}");
    let args = ["storage", "add", "onedrive", "--name", "OneDrive", "--authorize", "--no-browser"];
    let mut run = with_provider(world.pluton(args), &provider, "onedrive");
    run = run.args(["--set", &drive, "--set", "drive_type=personal"]);
    let mut child = run.spawn();
    let mut stderr = Stderr::of(&mut child);
    let link = stderr.link();
    browser::sign_in(&link);
    let code = child.wait().ok().and_then(|s| s.code());
    let text = stderr.rest();
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("verified"), "{text}");
    let conf = world.conf();
    assert!(conf.contains(&format!("drive_id = {DRIVE_ID}\n")) && conf.contains("drive_type = personal\n"), "{conf}");
    assert_eq!(world.stored_token()["access_token"], provider.issued()[0]["access_token"]);
}

#[test]
fn an_own_client_app_signs_in_without_its_secret_on_any_command_line() -> TestResult {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options {
        client_id: Some("my-app-id".into()),
        client_secret: Some("MY-APP-SECRET-42".into()),
        ..Options::default()
    });
    let secret_file = world.path().join("client-secret");
    std::fs::write(&secret_file, "MY-APP-SECRET-42\n")?;
    let args = [
        "storage",
        "add",
        "box",
        "--name",
        "Box",
        "--authorize",
        "--no-browser",
        "--no-test",
        "--client-id",
        "my-app-id",
    ];
    let mut run = with_provider(world.pluton(args), &provider, "box");
    run = run.arg("--client-secret-file").arg(&secret_file);
    // Watch every process's command line while the sign-in runs.
    let watcher = crate::support::ArgvWatcher::start(&["MY-APP-SECRET-42"]);
    let mut child = run.spawn();
    let mut stderr = Stderr::of(&mut child);
    let link = stderr.link();
    browser::sign_in(&link);
    let code = child.wait().ok().and_then(|s| s.code());
    watcher.assert_clean();
    let text = stderr.rest();
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("redirect URI: http://127.0.0.1:53682/"), "{text}");
    assert!(!text.contains("MY-APP-SECRET-42"));
    // The provider saw the app's credentials (rclone sends them in a Basic header).
    let token_request = provider.requests().into_iter().find(|r| r.path == "/token").map(|r| r.authorization);
    assert!(token_request.flatten().is_some_and(|a| a.starts_with("Basic ")));
    let conf = world.conf();
    assert!(conf.contains("client_id = my-app-id\nclient_secret = MY-APP-SECRET-42\n"), "{conf}");
    Ok(())
}

#[test]
fn a_refused_sign_in_exits_5_and_writes_nothing() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options { deny: true, ..Options::default() });
    let before = world.snapshot();
    let mut child = with_provider(
        world.pluton(["storage", "add", "box", "--name", "Box", "--authorize", "--no-browser", "--no-test"]),
        &provider,
        "box",
    )
    .spawn();
    let mut stderr = Stderr::of(&mut child);
    let link = stderr.link();
    let _ = browser::open(&link);
    let code = child.wait().ok().and_then(|s| s.code());
    let text = stderr.rest();
    assert_eq!(code, Some(5), "{text}");
    assert!(text.contains("access_denied"), "{text}");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn a_sign_in_nobody_completes_times_out_and_frees_the_port() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let before = world.snapshot();
    let run = world.pluton(["storage", "add", "box", "--name", "Box", "--authorize", "--no-browser", "--timeout", "2"]);
    let out = with_provider(run, &provider, "box").run();
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert!(out.stderr.contains("no sign-in within 2 s"), "{}", out.stderr);
    assert_eq!(world.snapshot(), before);
    // rclone's listener is gone with its process group.
    assert!(std::net::TcpListener::bind("127.0.0.1:53682").is_ok(), "port 53682 still taken");
}

/// With 127.0.0.1:53682 taken, `--authorize` fails at once (exit 1, as before) naming the ways
/// that need no port here: `--device` where the provider has it, and `--token-file` with the
/// exact `rclone authorize` to run elsewhere; nothing is written.
#[test]
fn a_busy_port_names_the_ways_in_that_need_no_port_and_writes_nothing() {
    let _port = browser::port_53682();
    let world = World::new();
    world.write_conf("# mine\n[keep]\ntype = memory\n");
    let holder = std::net::TcpListener::bind("127.0.0.1:53682").expect("taking the port");
    let before = world.snapshot();
    for (provider, device) in [("box", false), ("putio", true), ("onedrive", true)] {
        let out = world.pluton(["storage", "add", provider, "--name", "New", "--authorize", "--no-browser"]).run();
        assert_eq!(out.code, Some(1), "{provider}: {}", out.stderr);
        assert!(out.stderr.contains("port 53682 is in use"), "{}", out.stderr);
        assert!(out.stderr.contains(&format!("rclone authorize \"{provider}\"")), "{}", out.stderr);
        assert!(out.stderr.contains("--token-file"), "{}", out.stderr);
        assert_eq!(out.stderr.contains("--device"), device, "{provider}: {}", out.stderr);
        assert_eq!(world.snapshot(), before, "{provider}: nothing is written");
    }
    // The same for reauth of an existing storage.
    drop(holder);
    world
        .pluton(["storage", "add", "putio", "--name", "Putio", "--no-test", "--token-file", "-"])
        .stdin(r#"{"access_token":"kept","token_type":"Bearer","expiry":"0001-01-01T00:00:00Z"}"#)
        .run()
        .success();
    let holder = std::net::TcpListener::bind("127.0.0.1:53682").expect("taking the port");
    let before = world.snapshot();
    let out = world.pluton(["storage", "reauth", "putio", "--authorize", "--no-browser"]).run();
    drop(holder);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("--device") && out.stderr.contains("rclone authorize \"putio\""), "{}", out.stderr);
    assert_eq!(world.snapshot(), before);
}

#[test]
fn reauth_signs_in_with_the_storages_own_app_and_replaces_only_the_token() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let old = r#"{"access_token":"old","token_type":"Bearer","refresh_token":"old-r","expiry":"2030-01-01T00:00:00Z"}"#;
    world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--no-test", "--token-file", "-"])
        .args(["--set", &format!("drive_id={DRIVE_ID}"), "--set", "drive_type=personal"])
        .args([
            "--set",
            &format!("tenant_url={}", provider.base),
            "--set",
            &format!("token_url={}/token", provider.base),
        ])
        .args(["--set", &format!("auth_url={}/authorize", provider.base)])
        .stdin(old)
        .run()
        .success();
    let before = world.conf();
    // No provider environment: the section's own auth_url/token_url lead rclone to the provider.
    let mut child = world.pluton(["storage", "reauth", "od", "--authorize", "--no-browser"]).spawn();
    let mut stderr = Stderr::of(&mut child);
    let link = stderr.link();
    browser::sign_in(&link);
    let code = child.wait().ok().and_then(|s| s.code());
    let text = stderr.rest();
    assert_eq!(code, Some(0), "{text}");
    let after = world.conf();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(world.stored_token()["access_token"], provider.issued()[0]["access_token"]);
}

const FRESH: &str = r#"{"access_token":"fresh-access","token_type":"Bearer","refresh_token":"fresh-refresh","expiry":"2099-01-01T00:00:00Z"}"#;

#[test]
fn onedrive_finds_its_only_drive_by_itself() {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let run = world.pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-"]).stdin(FRESH);
    with_provider(run, &provider, "onedrive").run().success().stderr_has("verified");
    let conf = world.conf();
    assert!(conf.contains(&format!("drive_id = {DRIVE_ID}\n")) && conf.contains("drive_type = personal\n"), "{conf}");
    assert!(!conf.contains("config_"), "rclone's setup answers are not stored:\n{conf}");
}

#[test]
fn onedrive_with_several_drives_asks_which_and_drive_picks_one() {
    let world = World::new();
    let provider = OAuthServer::start(Options {
        drives: vec![("b!personal1".into(), "personal".into()), ("b!work2".into(), "business".into())],
        ..Options::default()
    });
    let before = world.snapshot();
    let run = world.pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-"]).stdin(FRESH);
    with_provider(run, &provider, "onedrive")
        .run()
        .code(2)
        .stderr_has("2 drives")
        .stderr_has("b!work2")
        .stderr_has("--drive");
    assert_eq!(world.snapshot(), before);
    let run = world.pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-", "--drive", "business"]);
    with_provider(run.stdin(FRESH), &provider, "onedrive").run().success();
    let conf = world.conf();
    assert!(conf.contains("drive_id = b!work2\n") && conf.contains("drive_type = business\n"), "{conf}");
}

#[test]
fn onedrive_drive_id_without_a_type_is_that_drive() {
    let world = World::new();
    let provider = OAuthServer::start(Options {
        drives: vec![("b!one".into(), "business".into()), ("b!two".into(), "business".into())],
        ..Options::default()
    });
    let add = |name: &str, extra: &[&str]| {
        let run = world.pluton(["storage", "add", "onedrive", "--name", name, "--token-file", "-"]).args(extra);
        with_provider(run.stdin(FRESH), &provider, "onedrive").run()
    };
    add("Two", &["--drive", "business", "--set", "drive_id=b!two"]).success().stderr_has("verified");
    let conf = world.conf();
    assert!(conf.contains("drive_id = b!two\n") && conf.contains("drive_type = business\n"), "{conf}");
    // Without --drive, and for a drive the account does not list (another site's library):
    // the type is whatever Graph says.
    add("Lib", &["--set", &format!("drive_id={}", crate::support::oauth::SITE_DRIVE_ID)]).success();
    let conf = world.conf();
    let lib = conf.split("[lib]").nth(1).unwrap_or_default();
    assert!(lib.contains("drive_type = documentLibrary\n"), "{conf}");
    // A drive_id that contradicts --drive is refused.
    let before = world.snapshot();
    add("P", &["--drive", "personal", "--set", "drive_id=b!one"]).code(2).stderr_has("business drive");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn editing_a_onedrive_drive_id_looks_up_the_new_drives_type() {
    let world = World::new();
    let provider = OAuthServer::start(Options {
        drives: vec![("b!mine".into(), "personal".into()), ("b!work".into(), "business".into())],
        ..Options::default()
    });
    let run = |args: &[&str]| with_provider(world.pluton(args), &provider, "onedrive");
    run(&["storage", "add", "onedrive", "--name", "OD", "--token-file", "-", "--set", "drive_id=b!mine"])
        .stdin(FRESH)
        .run()
        .success();
    assert!(world.conf().contains("drive_type = personal\n"), "{}", world.conf());

    run(&["storage", "edit", "od", "--set", "drive_id=b!work"]).run().success();
    let conf = world.conf();
    assert!(conf.contains("drive_id = b!work\n") && conf.contains("drive_type = business\n"), "{conf}");

    let before = world.snapshot();
    run(&["storage", "edit", "od", "--set", "drive_id=b!nope"]).run().code(2).stderr_has("not found");
    run(&["storage", "edit", "od", "--no-test", "--set", "drive_id=b!mine"]).run().code(2).stderr_has("drive_type");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn onedrive_unknown_drive_id_is_a_clear_error_that_lists_the_drives() {
    let world = World::new();
    let provider = OAuthServer::start(Options {
        drives: vec![("b!one".into(), "business".into()), ("b!two".into(), "personal".into())],
        ..Options::default()
    });
    let before = world.snapshot();
    let run = world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-", "--set", "drive_id=b!nope"])
        .stdin(FRESH);
    with_provider(run, &provider, "onedrive")
        .run()
        .code(2)
        .stderr_has("\"b!nope\" was not found")
        .stderr_has("b!one")
        .stderr_has("b!two");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn onedrive_sharepoint_without_a_site_is_the_root_sites_library() {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let run = world
        .pluton(["storage", "add", "onedrive", "--name", "Root", "--token-file", "-", "--drive", "sharepoint"])
        .stdin(FRESH);
    with_provider(run, &provider, "onedrive").run().success();
    let conf = world.conf();
    let drive = crate::support::oauth::ROOT_SITE_DRIVE_ID;
    assert!(
        conf.contains(&format!("drive_id = {drive}\n")) && conf.contains("drive_type = documentLibrary\n"),
        "{conf}"
    );
}

#[test]
fn onedrive_dry_run_needs_the_drive_given() {
    let world = World::new();
    world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--token-file", "-", "--dry-run"])
        .stdin(FRESH)
        .run()
        .code(2)
        .stderr_has("drive_id");
    world.pluton(["storage", "add", "box", "--name", "B", "--drive", "personal"]).run().code(2).stderr_has("OneDrive");
}

#[test]
fn client_credentials_sign_in_needs_no_browser_and_keeps_the_token_rclone_fetched() -> TestResult {
    let world = World::new();
    let provider = OAuthServer::start(Options {
        client_id: Some("svc-app".into()),
        client_secret: Some("SVC-SECRET-7".into()),
        ..Options::default()
    });
    let secret = world.path().join("svc-secret");
    std::fs::write(&secret, "SVC-SECRET-7\n")?;
    let before = world.snapshot();
    // OneDrive needs the tenant for this flow.
    world
        .pluton(["storage", "add", "onedrive", "--name", "Svc", "--client-credentials", "--client-id", "svc-app"])
        .arg("--client-secret-file")
        .arg(&secret)
        .run()
        .code(2)
        .stderr_has("tenant");
    assert_eq!(world.snapshot(), before);

    let run = world
        .pluton(["storage", "add", "onedrive", "--name", "Svc", "--client-credentials", "--client-id", "svc-app"])
        .arg("--client-secret-file")
        .arg(&secret)
        .args(["--set", "tenant=contoso", "--set", &format!("drive_id={DRIVE_ID}"), "--set", "drive_type=business"]);
    with_provider(run, &provider, "onedrive").run().success().nowhere("SVC-SECRET-7");
    let grants: Vec<String> = provider.requests().iter().filter_map(|r| r.form.get("grant_type").cloned()).collect();
    assert!(grants.iter().all(|g| g == "client_credentials") && !grants.is_empty(), "{grants:?}");
    let conf = world.conf();
    assert!(conf.contains("client_credentials = true\n"), "{conf}");
    assert_eq!(world.stored_token()["access_token"], provider.issued()[0]["access_token"], "the fetched token is kept");
    Ok(())
}

#[test]
fn box_jwt_needs_a_readable_app_key_file_and_no_token() -> TestResult {
    let world = World::new();
    let key = world.path().join("box-app.json");
    std::fs::write(
        &key,
        r#"{"boxAppSettings":{"clientID":"id","clientSecret":"s","appAuth":{"publicKeyID":"k","privateKey":"-----BEGIN-----","passphrase":"p"}},"enterpriseID":"1"}"#,
    )?;
    let bad = world.path().join("not-json.json");
    std::fs::write(&bad, "hello")?;
    world
        .pluton(["storage", "add", "box", "--name", "Bad", "--no-test", "--set"])
        .arg(format!("box_config_file={}", bad.display()))
        .run()
        .code(2)
        .stderr_has("is not JSON");
    world
        .pluton(["storage", "add", "box", "--name", "JWT", "--no-test", "--set", "box_sub_type=enterprise", "--set"])
        .arg(format!("box_config_file={}", key.display()))
        .run()
        .success();
    assert!(world.conf().contains(&format!("box_config_file = {}\n", key.display())));
    assert!(!world.conf().contains("token ="));
    Ok(())
}

#[test]
fn onedrive_sharepoint_site_uses_its_document_library() {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let run = world
        .pluton(["storage", "add", "onedrive", "--name", "Team", "--token-file", "-"])
        .args(["--site", "https://contoso.sharepoint.com/sites/backups"])
        .stdin(FRESH);
    with_provider(run, &provider, "onedrive").run().success();
    let conf = world.conf();
    let drive = crate::support::oauth::SITE_DRIVE_ID;
    assert!(
        conf.contains(&format!("drive_id = {drive}\n")) && conf.contains("drive_type = documentLibrary\n"),
        "{conf}"
    );
}

#[test]
fn ctrl_c_during_a_sign_in_exits_130_and_frees_the_port() {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let before = world.snapshot();
    let mut child = with_provider(
        world.pluton(["storage", "add", "box", "--name", "Box", "--authorize", "--no-browser", "--no-test"]),
        &provider,
        "box",
    )
    .spawn();
    let mut stderr = Stderr::of(&mut child);
    stderr.link();
    let sent = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    assert!(sent.is_ok_and(|s| s.success()));
    let code = child.wait().ok().and_then(|s| s.code());
    assert_eq!(code, Some(130), "{}", stderr.rest());
    assert_eq!(world.snapshot(), before);
    // The port is free once rclone has gone (poll with a deadline rather than sleep).
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while std::net::TcpListener::bind("127.0.0.1:53682").is_err() {
        assert!(std::time::Instant::now() < deadline, "rclone authorize was left running");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// design.md §5's headless flow with the real thing on both ends of the pipe:
/// `rclone authorize box | pluton storage add box --name Box --token-file -`.
#[test]
fn the_output_of_a_real_rclone_authorize_pipes_into_add() -> TestResult {
    let _port = browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    let mut authorize = std::process::Command::new(crate::support::rclone_bin());
    authorize
        .args(["authorize", "box", "--auth-no-open-browser", "--config", "/dev/null"])
        .envs(provider.env_for("box"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = authorize.spawn()?;
    let mut stderr = Stderr::of(&mut child);
    let link = stderr.wait_for("http://127.0.0.1:53682/auth");
    let link = link[link.find("http://").unwrap_or(0)..].trim().to_string();
    browser::sign_in(&link);
    let output = child.wait_with_output()?;
    assert!(output.status.success());
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--token-file", "-", "--no-test"])
        .stdin(output.stdout)
        .run()
        .success();
    assert_eq!(world.stored_token()["access_token"], provider.issued()[0]["access_token"]);
    Ok(())
}

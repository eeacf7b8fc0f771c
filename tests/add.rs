//! `storage add` from flags: verified against real servers that rclone serves on 127.0.0.1,
//! every token format, every validation rule, and nothing written on failure.

use std::fs;
use std::net::TcpListener;

use crate::support::servers::Served;
use crate::support::{TestResult, World, rclone};

const TOKEN: &str = r#"{"access_token":"ACCESS-abc123","token_type":"Bearer","refresh_token":"REFRESH-def456","expiry":"2030-01-02T03:04:05.123456789Z","expires_in":3600}"#;

fn secret_file(world: &World, name: &str, text: &str) -> String {
    let path = world.path().join(name);
    fs::write(&path, text).expect("writing a secret file");
    path.display().to_string()
}

#[test]
fn webdav_is_verified_against_a_real_server_then_saved() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "alice", "wonderland-pass");
    fs::create_dir_all(world.path().join("dav/backups"))?;
    let pass = secret_file(&world, "pass.txt", "wonderland-pass\n");
    let out = world
        .pluton(["storage", "add", "webdav", "--name", "My NAS", "--json"])
        .args(["--set", &format!("url={}", server.url()), "--set", "vendor=other", "--set", "user=alice"])
        .args(["--set", &format!("pass=@{pass}"), "--path", "backups"])
        .run()
        .success()
        .nowhere("wonderland-pass");
    let json = out.json();
    assert_eq!(json["name"], "My NAS");
    assert_eq!(json["remote"], "my-nas");
    assert_eq!(json["provider"], "webdav");
    assert_eq!(json["path"], "backups");

    let conf = world.conf();
    assert!(conf.contains("[my-nas]\ntype = webdav\n"), "{conf}");
    assert!(!conf.contains("wonderland-pass"), "the password must be stored obscured:\n{conf}");
    // The section works for plain rclone.
    rclone(&world.conf_path(), &["lsd", "my-nas:"]).success().stdout_has("backups");
    assert!(!world.storages().contains("wonderland"), "no secret in storages.toml");
    Ok(())
}

#[test]
fn sftp_and_s3_are_verified_against_real_servers() -> TestResult {
    let world = World::new();
    let sftp = Served::sftp(&world.path().join("sftp-root"), "bob", "sftp-secret");
    let pass = secret_file(&world, "sftp-pass", "sftp-secret");
    world
        .pluton(["storage", "add", "sftp", "--name", "Shell box"])
        .args(["--set", "host=127.0.0.1", "--set", &format!("port={}", sftp.port()), "--set", "user=bob"])
        .args(["--set", &format!("pass=@{pass}"), "--set", "known_hosts_file=", "--set", "shell_type=none"])
        .run()
        .success()
        .nowhere("sftp-secret");

    fs::create_dir_all(world.path().join("s3-root/bucket"))?;
    let s3 = Served::s3(&world.path().join("s3-root"), "AKIDTEST", "s3-secret-key");
    let secret = secret_file(&world, "s3-secret", "s3-secret-key\n");
    world
        .pluton(["storage", "add", "s3", "--name", "Bucket"])
        .args(["--set", "provider=Rclone", "--set", &format!("endpoint=http://{}", s3.addr)])
        .args(["--set", "access_key_id=AKIDTEST", "--set", &format!("secret_access_key=@{secret}")])
        .args(["--path", "bucket"])
        .run()
        .success()
        .nowhere("s3-secret-key");
    rclone(&world.conf_path(), &["lsd", "bucket:"]).success().stdout_has("bucket");
    assert_eq!(world.list().len(), 2);
    Ok(())
}

#[test]
fn a_wrong_password_is_an_authorization_failure_and_writes_nothing() {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "alice", "right");
    let before = world.snapshot();
    let pass = secret_file(&world, "pass", "wrong-one");
    world
        .pluton(["storage", "add", "webdav", "--name", "NAS"])
        .args(["--set", &format!("url={}", server.url()), "--set", "user=alice", "--set", &format!("pass=@{pass}")])
        .run()
        .code(5)
        .stderr_has("401")
        .nowhere("wrong-one");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn a_closed_port_is_unreachable_and_writes_nothing() -> TestResult {
    let world = World::new();
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let before = world.snapshot();
    world
        .pluton(["storage", "add", "webdav", "--name", "NAS"])
        .args(["--set", &format!("url=http://127.0.0.1:{port}/")])
        .run()
        .code(4)
        .stderr_has("connection refused");
    assert_eq!(world.snapshot(), before);
    Ok(())
}

#[test]
fn a_server_that_never_answers_times_out_and_writes_nothing() -> TestResult {
    let world = World::new();
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    // Accept connections and never say a word.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let before = world.snapshot();
    world
        .pluton(["storage", "add", "webdav", "--name", "Silent", "--timeout", "2"])
        .args(["--set", &format!("url=http://127.0.0.1:{port}/")])
        .run()
        .code(4);
    assert_eq!(world.snapshot(), before);
    Ok(())
}

/// Every token format of design.md §5 ends up as the same compact JSON line.
#[test]
fn every_token_format_is_accepted_and_stored_compact() {
    use base64::Engine as _;
    let std = base64::engine::general_purpose::STANDARD;
    let std_nopad = base64::engine::general_purpose::STANDARD_NO_PAD;
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(TOKEN).ok()).unwrap_or_default();
    let blob = serde_json::json!({ "token": TOKEN }).to_string();
    let formats: Vec<(&str, String)> = vec![
        ("raw", TOKEN.to_string()),
        ("raw with CRLF and spaces", format!("  \r\n{TOKEN}\r\n\r\n")),
        ("pretty", pretty.clone()),
        (
            "rclone authorize output",
            format!(
                "2026/11/24 10:00:00 NOTICE: Log in and authorize rclone for access\nWaiting for code...\nGot code\n\
                 Paste the following into your remote machine --->\n{TOKEN}\n<---End paste\n"
            ),
        ),
        (
            "authorize output with CRLF",
            format!("Paste the following into your remote machine --->\r\n{pretty}\r\n<---End paste\r\n"),
        ),
        ("client-credentials blob", std_nopad.encode(&blob)),
        ("plain base64", std.encode(TOKEN)),
    ];
    for (label, input) in formats {
        let world = World::new();
        world
            .pluton(["storage", "add", "box", "--name", "Box", "--token-file", "-", "--no-test"])
            .stdin(input)
            .run()
            .success()
            .nowhere("ACCESS-abc123")
            .nowhere("REFRESH-def456");
        let conf = world.conf();
        assert!(conf.contains(&format!("token = {TOKEN}\n")), "{label}: token not stored compact:\n{conf}");
    }
}

#[test]
fn bad_tokens_are_refused_without_echoing_them() -> TestResult {
    let world = World::new();
    let before = world.snapshot();
    let cases = [
        ("", "empty"),
        ("not a token SECRETISH", "expected"),
        ("[1,2,3]", "expected"),
        (r#"{"access_token":""}"#, "access_token"),
        (r#"{"refresh_token":"SECRETISH"}"#, "access_token"),
        ("Paste the following into your remote machine --->\n<---End paste\n", "nothing"),
    ];
    for (input, message) in cases {
        world
            .pluton(["storage", "add", "box", "--name", "Box", "--token-file", "-", "--no-test"])
            .stdin(input)
            .run()
            .code(2)
            .stderr_has(message)
            .nowhere("SECRETISH");
        assert_eq!(world.snapshot(), before, "input {input:?} changed a file");
    }
    let dir = world.path().join("a-dir");
    fs::create_dir_all(&dir)?;
    for (file, message) in [(world.path().join("missing.json"), "no such file"), (dir, "is a directory")] {
        world
            .pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file"])
            .arg(&file)
            .run()
            .code(2)
            .stderr_has(message);
    }
    // A token on the command line is refused outright.
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--set", "token={\"access_token\":\"x\"}"])
        .run()
        .code(2)
        .stderr_has("--token-file");
    assert_eq!(world.snapshot(), before);
    Ok(())
}

#[test]
fn options_are_validated_against_rclones_schema_and_the_guides_limits() {
    let world = World::new();
    let token = secret_file(&world, "token.json", TOKEN);
    let before = world.snapshot();
    let cases: &[(&str, &[&str], &str)] = &[
        ("box", &["upload_cutof=60M"], "upload_cutoff"),
        ("box", &["upload_cutoff=10M"], "50"),
        ("box", &["list_chunk=5000"], "1000"),
        ("box", &["list_chunk=0"], "1000"),
        ("box", &["commit_retries=many"], "commit_retries"),
        ("box", &["box_sub_type=team"], "enterprise"),
        ("box", &["client_credentials=maybe"], "client_credentials"),
        ("onedrive", &["drive_id=x", "drive_type=personal", "chunk_size=1000k"], "320"),
        ("onedrive", &["drive_id=x", "drive_type=personal", "chunk_size=300Mi"], "250"),
        ("onedrive", &["drive_id=x", "drive_type=shared"], "documentLibrary"),
        ("onedrive", &["drive_id=x", "drive_type=personal", "region=mars"], "global"),
        ("box", &["config_token=x"], "config_"),
        ("box", &["upload_cutoff"], "KEY=VALUE"),
    ];
    for (provider, sets, message) in cases {
        let mut run = world.pluton(["storage", "add", provider, "--name", "X", "--no-test", "--token-file", &token]);
        for set in *sets {
            run = run.args(["--set", set]);
        }
        let out = run.run().code(2).nowhere("ACCESS-abc123");
        assert!(out.stderr.contains(message), "{provider} {sets:?}: stderr lacks {message:?}:\n{}", out.stderr);
        assert_eq!(world.snapshot(), before, "{provider} {sets:?} changed a file");
    }
}

#[test]
fn provider_rules_name_the_missing_flag() {
    let world = World::new();
    let before = world.snapshot();
    world.pluton(["storage", "add", "putio", "--name", "P", "--no-test"]).run().code(2).stderr_has("--token-file");
    world.pluton(["storage", "add", "box", "--name", "B", "--no-test"]).run().code(2).stderr_has("rclone authorize");
    world.pluton(["storage", "add", "webdav", "--no-test"]).run().code(2).stderr_has("--name");
    world.pluton(["storage", "add", "--name", "x", "--no-test"]).run().code(2).stderr_has("storage add box");
    world.pluton(["storage", "add", "nosuchcloud", "--name", "x"]).run().code(2).stderr_has("no provider");
    world.pluton(["storage", "add", "dropbx", "--name", "x"]).run().code(2).stderr_has("dropbox");
    world
        .pluton(["storage", "add", "box", "--name", "B", "--no-test", "--set", "box_config_file=/nonexistent.json"])
        .run()
        .code(2)
        .stderr_has("box_config_file");
    world.pluton(["storage", "add", "webdav", "--name", "W", "--timeout", "-1"]).run().code(2);
    world.pluton(["storage", "add", "webdav", "--name", "W", "--timeout", "0"]).run().code(2);
    assert_eq!(world.snapshot(), before);
}

#[test]
fn names_and_remotes_are_checked_and_derived() {
    let world = World::new();
    world.write_conf("[mine]\ntype = memory\n");
    let add = |args: &[&str]| world.pluton(["storage", "add", "memory", "--no-test"]).args(args).run();
    add(&["--name", "My Box!"]).success();
    add(&["--name", "MY BOX!"]).code(2).stderr_has("already exists");
    add(&["--name", "My  Box"]).success();
    add(&["--name", "Mine"]).success();
    let remotes: Vec<String> = world.list().iter().filter_map(|s| s["remote"].as_str().map(String::from)).collect();
    assert_eq!(remotes, ["my-box", "my-box-2", "mine-2"]);

    let before = world.snapshot();
    add(&["--name", "A", "--remote", "DEFAULT"]).code(2).stderr_has("reserved");
    add(&["--name", "A", "--remote", "bad/name"]).code(2).stderr_has("not a valid rclone remote name");
    add(&["--name", "A", "--remote", "mine"]).code(2).stderr_has("already has a remote");
    add(&["--name", ""]).code(2).stderr_has("empty");
    add(&["--name", &"n".repeat(65)]).code(2).stderr_has("64");
    assert_eq!(world.snapshot(), before);
    add(&["--name", "A", "--remote", "mine.child"]).success().stderr_has("inherits");
}

#[test]
fn dry_run_shows_the_section_with_secrets_redacted_and_writes_nothing() {
    let world = World::new();
    let token = secret_file(&world, "token.json", TOKEN);
    let before = world.snapshot();
    let out = world
        .pluton(["storage", "add", "box", "--name", "Box", "--dry-run", "--token-file", &token])
        .args(["--set", "upload_cutoff=64Mi", "--client-id", "my-app-id"])
        .env("PLUTON_CLIENT_SECRET", "APP-SECRET-1")
        .run()
        .success()
        .nowhere("ACCESS-abc123")
        .nowhere("APP-SECRET-1")
        .stdout_has("[box]")
        .stdout_has("upload_cutoff = 64Mi")
        .stdout_has("token = <redacted>");
    assert!(out.stdout.contains("client_secret = <redacted>"), "{}", out.stdout);
    assert_eq!(world.snapshot(), before);
}

#[test]
fn the_headless_pipe_flow_stores_the_token_and_client_app() {
    let world = World::new();
    let authorize_output = format!("Paste the following into your remote machine --->\n{TOKEN}\n<---End paste\n");
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--token-file", "-", "--no-test"])
        .args(["--client-id", "cid-1"])
        .env("PLUTON_CLIENT_SECRET", "csec-1")
        .stdin(authorize_output)
        .run()
        .success()
        .nowhere("csec-1");
    let conf = world.conf();
    assert!(conf.contains("client_id = cid-1\nclient_secret = csec-1\n"), "{conf}");
    assert_eq!(world.list()[0]["remote"], "box");
}

#[test]
fn a_secret_given_literally_earns_a_warning() {
    let world = World::new();
    world
        .pluton([
            "storage",
            "add",
            "webdav",
            "--name",
            "W",
            "--no-test",
            "--set",
            "url=http://x/",
            "--set",
            "pass=hunter2",
        ])
        .run()
        .success()
        .stderr_has("pass=@FILE")
        .nowhere("hunter2");
    assert!(!world.conf().contains("hunter2"), "pass is obscured");
}

#[test]
fn identifiers_rclone_only_redacts_earn_no_warning_but_credentials_do() {
    let world = World::new();
    let warning = "where `ps`";
    // drive_id, client_id, tenant, root_folder_id: identifiers, even though rclone redacts them.
    let out = world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--dry-run", "--token-file", "-"])
        .args(["--set", "client_id=my-app-id", "--set", "drive_id=b!drive-1", "--set", "drive_type=business"])
        .stdin(r#"{"access_token":"a"}"#)
        .run()
        .success();
    assert!(!out.stderr.contains(warning), "{}", out.stderr);
    let out = world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--dry-run", "--token-file", "-"])
        .args(["--client-id", "my-app-id", "--set", "drive_id=b!drive-1", "--set", "drive_type=business"])
        .args(["--set", "tenant=contoso", "--set", "root_folder_id=ROOT-1"])
        .stdin(r#"{"access_token":"a"}"#)
        .run()
        .success()
        // Still redacted where rclone redacts them.
        .stdout_has("drive_id = <redacted>")
        .nowhere("b!drive-1");
    assert!(!out.stderr.contains(warning), "{}", out.stderr);
    // A client secret and a password are credentials.
    world
        .pluton(["storage", "add", "box", "--name", "B", "--dry-run", "--token-file", "-"])
        .args(["--set", "client_id=app", "--set", "client_secret=LITERAL-SECRET-1"])
        .stdin(r#"{"access_token":"a"}"#)
        .run()
        .success()
        .stderr_has(warning)
        .stderr_has("client_secret=@FILE")
        .nowhere("LITERAL-SECRET-1");
    world
        .pluton(["storage", "add", "webdav", "--name", "W", "--dry-run", "--set", "url=http://x/"])
        .args(["--set", "user=me", "--set", "pass=LITERAL-PASS-1"])
        .run()
        .success()
        .stderr_has(warning)
        .stderr_has("pass=@FILE")
        .nowhere("LITERAL-PASS-1");
}

#[test]
fn a_token_is_never_read_from_a_terminal() {
    // `script` gives pluton a pseudo-terminal as stdin, as a person at a shell would have.
    let world = World::new();
    let command = format!("{} storage add box --name B --token-file - --no-test", env!("CARGO_BIN_EXE_pluton"));
    let out = std::process::Command::new("timeout")
        .args(["20", "script", "-qec", &command, "/dev/null"])
        .env("PLUTON_CONFIG_DIR", world.config_dir())
        .env("PLUTON_CACHE_DIR", world.path().join("cache"))
        .env("HOME", world.path().join("home"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("running script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("stdin is a terminal"), "{text}");
    assert!(text.contains("rclone authorize box | pluton storage add box"), "{text}");
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(world.snapshot().conf.is_none());
}

#[test]
fn remotes_a_wrapping_backend_refers_to_are_part_of_the_check() -> TestResult {
    let world = World::new();
    let data = world.path().join("data");
    fs::create_dir_all(data.join("inner"))?;
    world.write_conf(&format!("[base]\ntype = alias\nremote = {}\n", data.display()));
    world.pluton(["storage", "add", "alias", "--name", "Wrapped", "--set", "remote=base:inner"]).run().success();
    world.pluton(["storage", "add", "alias", "--name", "Broken", "--set", "remote=nosuch:x"]).run().code(4);
    assert_eq!(world.list().len(), 1);
    Ok(())
}

#[test]
fn providers_lists_backends_and_their_options() {
    let world = World::new();
    let out = world.pluton(["providers"]).run().success();
    let first: Vec<&str> = out.stdout.lines().skip(1).take(3).filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(first, ["putio", "box", "onedrive"]);
    world.pluton(["providers", "box"]).run().success().stdout_has("box_sub_type").stdout_has("client_secret");
    let all = world.pluton(["providers", "box", "--all"]).run().success();
    assert!(all.stdout.contains("upload_cutoff") && all.stdout.contains("50Mi"), "{}", all.stdout);
    let json = world.pluton(["providers", "onedrive", "--json"]).run().success().json();
    assert_eq!(json["name"], "onedrive");
    assert!(json["options"].as_array().is_some_and(|o| o.iter().any(|o| o["name"] == "drive_type")));
    world.pluton(["providers", "dropbx"]).run().code(2).stderr_has("dropbox");
    // The schema is cached: a second world sharing the cache needs no rclone run to answer.
    assert!(fs::read_dir(world.path().join("cache")).map(|d| d.count()).unwrap_or(0) > 0);
}

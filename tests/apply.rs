//! `storage apply` and `storage export` (design.md §9): the five ways a fleet breaks today, each
//! shown not to happen, and every bad input refused with nothing written.

use std::fs;

use crate::support::servers::Served;
use crate::support::{TestResult, World};

/// Writes `text` to `name` in the world and returns its path as a string.
fn file(world: &World, name: &str, text: &str) -> String {
    let path = world.path().join(name);
    fs::write(&path, text).expect("writing a test file");
    path.display().to_string()
}

fn token_json(access: &str) -> String {
    format!(
        r#"{{"access_token":"{access}","token_type":"Bearer","refresh_token":"r-{access}","expiry":"2099-01-01T00:00:00Z"}}"#
    )
}

/// A webdav storage against a real server, its password by file reference.
fn nas_entry(url: &str, pass_file: &str) -> String {
    format!(
        "[[storage]]\nname = \"NAS\"\nprovider = \"webdav\"\npath = \"backups\"\n\
         options = {{ url = \"{url}\", vendor = \"other\", user = \"alice\" }}\n\
         secrets = {{ pass = {{ file = \"{pass_file}\" }} }}\n"
    )
}

#[test]
fn apply_creates_verifies_and_a_rerun_changes_no_byte() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "alice", "wonderland");
    fs::create_dir_all(world.path().join("dav/backups"))?;
    let pass = file(&world, "nas.pass", "wonderland\n");
    let apply = file(&world, "storages.toml", &nas_entry(&server.url(), &pass));

    let first = world.pluton(["storage", "apply", &apply, "--json"]).run().success().nowhere("wonderland");
    let report = first.json();
    assert_eq!(report["changed"], true);
    assert_eq!(report["created"], serde_json::json!(["NAS"]));
    assert_eq!(report["storages"][0]["action"], "create");
    let conf = world.conf();
    assert!(conf.contains("[nas]\ntype = webdav\n"), "{conf}");
    assert!(!conf.contains("wonderland"), "the password is stored obscured");
    // The storage works with plain rclone.
    crate::support::rclone(&world.conf_path(), &["lsjson", "nas:backups"]).success();

    // Obscuring is randomised; an unchanged secret must still change nothing.
    let before = world.snapshot();
    let again = world.pluton(["storage", "apply", &apply, "--json"]).run().success();
    let report = again.json();
    assert_eq!(report["changed"], false);
    assert_eq!(report["unchanged"], serde_json::json!(["NAS"]));
    assert_eq!(world.snapshot(), before, "a re-run must leave both files byte-identical");
    let human = world.pluton(["storage", "apply", &apply]).run().success();
    assert!(human.stdout.contains("unchanged   NAS"), "{}", human.stdout);
    Ok(())
}

#[test]
fn only_the_differing_keys_change_and_keys_the_file_does_not_name_stay() -> TestResult {
    let world = World::new();
    world.write_conf("# my hand-made remotes\n[hand]\ntype = memory\n\n");
    let v1 = "[[storage]]\nname = \"Data\"\nprovider = \"local\"\ntest = false\n\
              options = { description = \"one\", nounc = true, case_insensitive = true }\n";
    let apply = file(&world, "s.toml", v1);
    world.pluton(["storage", "apply", &apply]).run().success();
    // A key the file does not name (rclone or a person added it) must survive.
    crate::support::rclone(&world.conf_path(), &["config", "update", "data", "links", "true", "--non-interactive"])
        .success();
    let before = world.conf();

    let v2 = "[[storage]]\nname = \"data\"\nprovider = \"local\"\ntest = false\npath = \"/srv\"\n\
              options = { description = \"two\", nounc = true, case_insensitive = \"\" }\n";
    fs::write(&apply, v2)?;
    let out = world.pluton(["storage", "apply", &apply, "--json"]).run().success();
    let step = &out.json()["storages"][0];
    assert_eq!(step["action"], "update");
    assert_eq!(step["keys"], serde_json::json!(["description", "case_insensitive", "path"]));
    let after = world.conf();
    assert_eq!(
        after,
        before.replace("description = one\n", "description = two\n").replace("case_insensitive = true\n", ""),
        "only the two keys may change"
    );
    assert!(after.starts_with("# my hand-made remotes\n[hand]\ntype = memory\n\n"), "{after}");
    assert_eq!(world.list()[0]["path"], "/srv");
    Ok(())
}

#[test]
fn an_existing_token_is_never_clobbered_unless_asked() -> TestResult {
    let world = World::new();
    let token = file(&world, "box.token", &token_json("first"));
    let apply = file(
        &world,
        "s.toml",
        &format!("[[storage]]\nname = \"Box\"\nprovider = \"box\"\ntest = false\ntoken = {{ file = \"{token}\" }}\n"),
    );
    world.pluton(["storage", "apply", &apply]).run().success().nowhere("first");
    assert_eq!(world.stored_token()["access_token"], "first");

    // rclone refreshed the token in rclone.conf (as a backup job does); the file still names
    // the old one. A re-run must not write the used refresh token back.
    let refreshed = token_json("refreshed");
    crate::support::rclone(&world.conf_path(), &["config", "update", "box", "token", &refreshed, "--non-interactive"])
        .success();
    let before = world.snapshot();
    let out = world.pluton(["storage", "apply", &apply, "--json"]).run().success();
    assert_eq!(out.json()["changed"], false);
    assert_eq!(world.snapshot(), before);
    assert_eq!(world.stored_token()["access_token"], "refreshed");

    let out = world.pluton(["storage", "apply", &apply, "--json", "--replace-tokens"]).run().success();
    assert_eq!(out.json()["storages"][0]["keys"], serde_json::json!(["token"]));
    assert_eq!(world.stored_token()["access_token"], "first");
    Ok(())
}

#[test]
fn hand_made_remotes_survive_and_prune_removes_only_managed_storages() -> TestResult {
    let world = World::new();
    let hand = "# comment kept\n[hand]\ntype = memory\n\n";
    world.write_conf(hand);
    world.pluton(["storage", "add", "memory", "--name", "Old", "--no-test"]).run().success();
    let apply = file(&world, "s.toml", "[[storage]]\nname = \"New\"\nprovider = \"memory\"\ntest = false\n");

    let out = world.pluton(["storage", "apply", &apply]).run().success();
    assert!(out.stdout.contains("not in file Old"), "{}", out.stdout);
    assert!(world.conf().starts_with(hand), "{}", world.conf());

    let check = world.pluton(["storage", "apply", &apply, "--prune", "--check", "--json"]).run().success();
    assert_eq!(check.json()["removed"], serde_json::json!(["Old"]));
    assert_eq!(world.list().len(), 2, "--check writes nothing");

    let out = world.pluton(["storage", "apply", &apply, "--prune", "--json"]).run().success();
    assert_eq!(out.json()["removed"], serde_json::json!(["Old"]));
    let names: Vec<String> = world.list().iter().filter_map(|s| s["name"].as_str().map(String::from)).collect();
    assert_eq!(names, ["New"]);
    let conf = world.conf();
    assert!(conf.starts_with(hand), "the unmanaged remote stays: {conf}");
    assert!(!conf.contains("[old]"), "{conf}");
    Ok(())
}

#[test]
fn an_unmanaged_remote_in_the_way_blocks_its_entry_unless_adopted() -> TestResult {
    let world = World::new();
    world.write_conf("[nas]\ntype = webdav\nurl = http://127.0.0.1:1/\nvendor = other\n\n");
    let apply = file(
        &world,
        "s.toml",
        "[[storage]]\nname = \"NAS\"\nprovider = \"webdav\"\ntest = false\noptions = { vendor = \"nextcloud\" }\n",
    );
    let before = world.snapshot();
    world.pluton(["storage", "apply", &apply]).run().code(2).stderr_has("--adopt").stderr_has("[nas]");
    assert_eq!(world.snapshot(), before);

    let out = world.pluton(["storage", "apply", &apply, "--adopt", "--json"]).run().success();
    assert_eq!(out.json()["created"], serde_json::json!(["NAS"]));
    assert_eq!(world.conf(), "[nas]\ntype = webdav\nurl = http://127.0.0.1:1/\nvendor = nextcloud\n\n");
    assert_eq!(world.list()[0]["remote"], "nas");
    Ok(())
}

#[test]
fn a_failed_check_writes_nothing_and_exits_with_its_code() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "alice", "right");
    let pass = file(&world, "nas.pass", "wrong");
    let good = "[[storage]]\nname = \"Mem\"\nprovider = \"memory\"\n";
    let apply = file(&world, "s.toml", &format!("{good}\n{}", nas_entry(&server.url(), &pass)));
    let before = world.snapshot();
    let out = world.pluton(["storage", "apply", &apply]).run();
    assert!(matches!(out.code, Some(4 | 5)), "{:?}\n{}", out.code, out.stderr);
    assert!(out.stderr.contains("NAS"), "the error names the entry: {}", out.stderr);
    assert_eq!(world.snapshot(), before, "one failing entry must leave the whole file unapplied");
    Ok(())
}

#[test]
fn bad_apply_files_are_refused_naming_the_entry_and_change_nothing() -> TestResult {
    let world = World::new();
    world.write_conf("[hand]\ntype = memory\n\n");
    world.pluton(["storage", "add", "memory", "--name", "Existing", "--no-test"]).run().success();
    let token = file(&world, "t.json", &token_json("x"));
    let entry = |body: &str| format!("[[storage]]\nname = \"E\"\n{body}\n");
    let cases: Vec<(String, &str)> = vec![
        ("[[storage]]\nname = \"A\"\nprovider = \"memory\"\noptions = {\n".into(), "line 4"),
        ("[[storage]]\nname = \"A\"\nprovider = \"memory\"\noptons = {}\n".into(), "unknown key \"optons\""),
        (entry("provider = \"memory\"\n[[storage]]\nname = \"e\"\nprovider = \"memory\""), "same name"),
        (entry("provider = \"nosuchcloud\""), "no provider"),
        (entry("provider = \"webdav\"\noptions = { nosuchkey = \"1\" }"), "no option"),
        (entry("provider = \"box\"\noptions = { list_chunk = \"abc\" }"), "whole number"),
        (entry("provider = \"box\"\noptions = { upload_cutoff = \"10Mi\" }"), "upload_cutoff"),
        (entry("provider = \"webdav\"\noptions = { pass = \"hunter2\" }"), "is a secret"),
        (entry("provider = \"box\"\noptions = { client_secret = \"s\" }"), "is a secret"),
        (entry("provider = \"webdav\"\nsecrets = { pass = \"hunter2\" }"), "reference"),
        (entry("provider = \"webdav\"\nsecrets = { pass = { file = \"/nonexistent/pass\" } }"), "no such file"),
        (entry("provider = \"webdav\"\nsecrets = { pass = { env = \"PLUTON_TEST_UNSET_VAR\" } }"), "not set"),
        (entry(&format!("provider = \"webdav\"\ntoken = {{ file = \"{token}\" }}")), "OAuth"),
        (entry("provider = \"box\"\ntest = false"), "token"),
        (entry("provider = \"box\"\ntoken = { env = \"HOME\" }"), "token"),
        ("[[storage]]\nname = \"existing\"\nprovider = \"webdav\"\n".into(), "provider"),
        ("[[storage]]\nname = \"Existing\"\nprovider = \"memory\"\nremote = \"other\"\n".into(), "remote"),
        ("[[storage]]\nname = \"Hand\"\nprovider = \"memory\"\n".into(), "--adopt"),
        ("[[storage]]\nprovider = \"memory\"\n".into(), "`name` is required"),
        ("[[storage]]\nname = \"A\"\n".into(), "`provider` is required"),
        ("[[storage]]\nname = \"\\u0001\"\nprovider = \"memory\"\n".into(), "control character"),
        ("[[storage]]\nname = \"A\"\nprovider = \"memory\"\nremote = \"a:b\"\n".into(), "not a valid rclone remote"),
        ("storages = []\n".into(), "unknown top-level key"),
        ("{\"storage\": [{\"name\": \"A\", \"provider\": \"memory\",}]}".into(), "not valid JSON"),
        (entry("provider = \"memory\"\ntest = \"yes\""), "true or false"),
        (entry("provider = \"onedrive\"\ntoken = { file = \"TOKEN\" }").replace("TOKEN", &token), "drive_id"),
    ];
    let before = world.snapshot();
    for (i, (text, words)) in cases.iter().enumerate() {
        let path = file(&world, &format!("bad{i}.toml"), text);
        let out = world.pluton(["storage", "apply", &path]).run();
        assert_eq!(out.code, Some(2), "case {i} {text:?}\n{}", out.stderr);
        assert!(out.stderr.contains(words), "case {i}: stderr lacks {words:?}:\n{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "case {i} panicked");
        assert!(!out.stderr.contains("hunter2"), "case {i} printed a secret");
        assert_eq!(world.snapshot(), before, "case {i} changed a file");
    }
    Ok(())
}

#[test]
fn apply_reads_json_from_stdin_and_check_writes_nothing() -> TestResult {
    let world = World::new();
    let json = r#"{"storage": [{"name": "Mem", "provider": "memory", "options": {"description": "from json"}}]}"#;
    let before = world.snapshot();
    let out = world.pluton(["storage", "apply", "-", "--check", "--json"]).stdin(json).run().success();
    assert_eq!(out.json()["changed"], true);
    assert_eq!(world.snapshot(), before);
    world.pluton(["storage", "apply", "-"]).stdin(json).run().success();
    assert!(world.conf().contains("description = from json"));
    Ok(())
}

#[test]
fn export_then_apply_is_unchanged_here_and_recreates_the_storages_on_a_fresh_host() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "alice", "s3cret-pw");
    fs::create_dir_all(world.path().join("dav/backups"))?;
    let pass = file(&world, "nas.pass", "s3cret-pw");
    let token = file(&world, "box.token", &token_json("tok-secret"));
    let apply = file(
        &world,
        "s.toml",
        &format!(
            "{}\n[[storage]]\nname = \"Box\"\nprovider = \"box\"\ntest = false\ntoken = {{ file = \"{token}\" }}\n",
            nas_entry(&server.url(), &pass)
        ),
    );
    world.pluton(["storage", "apply", &apply]).run().success();

    // With env references: the variables it names carry the secrets.
    let exported = world.pluton(["storage", "export"]).run().success().nowhere("s3cret-pw").nowhere("tok-secret");
    assert!(exported.stdout.contains(r#"pass = { env = "PLUTON_NAS_PASS" }"#), "{}", exported.stdout);
    assert!(exported.stderr.contains("PLUTON_BOX_TOKEN"), "{}", exported.stderr);
    let again = file(&world, "exported.toml", &exported.stdout);
    let before = world.snapshot();
    let out = world
        .pluton(["storage", "apply", &again, "--json"])
        .env("PLUTON_NAS_PASS", "s3cret-pw")
        .env("PLUTON_BOX_TOKEN", token_json("tok-secret"))
        .run()
        .success();
    assert_eq!(out.json()["changed"], false, "{}", out.stdout);
    assert_eq!(world.snapshot(), before);

    // With a secrets dir: copy the file and the dir to a fresh host and apply there.
    let secrets = world.path().join("export/secrets");
    let out = world
        .pluton(["storage", "export", "--secrets-dir"])
        .arg(&secrets)
        .run()
        .success()
        .nowhere("s3cret-pw")
        .nowhere("tok-secret");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&secrets)?.permissions().mode() & 0o777, 0o700);
    assert_eq!(fs::metadata(secrets.join("nas.pass"))?.permissions().mode() & 0o777, 0o600);
    let moved = file(&world, "export/storages.toml", &out.stdout);

    let fresh = World::new();
    // (No Box here to check the token against: --no-test; the NAS is checked with rclone below.)
    let created = fresh.pluton(["storage", "apply", &moved, "--json", "--no-test"]).run().success();
    assert_eq!(created.json()["created"], serde_json::json!(["NAS", "Box"]));
    assert_eq!(fresh.stored_token()["access_token"], "tok-secret");
    crate::support::rclone(&fresh.conf_path(), &["lsjson", "nas:backups"]).success();
    Ok(())
}

#[test]
fn export_refuses_a_secrets_dir_others_can_read() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let world = World::new();
    world.pluton(["storage", "add", "memory", "--name", "M", "--no-test"]).run().success();
    let dir = world.path().join("open");
    fs::create_dir(&dir)?;
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))?;
    world.pluton(["storage", "export", "--secrets-dir"]).arg(&dir).run().code(2).stderr_has("chmod 700");
    Ok(())
}

/// An apply running beside `storage add`, `edit` and other applies loses nobody's storage.
#[test]
fn applies_beside_adds_and_edits_lose_no_storage() -> TestResult {
    let world = World::new();
    world.pluton(["storage", "add", "memory", "--name", "warm", "--no-test"]).run().success();
    let files: Vec<String> = (0..4)
        .map(|a| {
            let body: String = (0..5)
                .map(|i| format!("[[storage]]\nname = \"apply{a}-{i}\"\nprovider = \"memory\"\ntest = false\n\n"))
                .collect();
            file(&world, &format!("a{a}.toml"), &body)
        })
        .collect();
    let mut children = Vec::new();
    for (a, f) in files.iter().enumerate() {
        children.push(world.pluton(["storage", "apply", f]).spawn());
        children.push(world.pluton(["storage", "add", "memory", "--name", &format!("add{a}"), "--no-test"]).spawn());
        children.push(
            world.pluton(["storage", "edit", "warm", "--set", &format!("description=e{a}"), "--no-test"]).spawn(),
        );
    }
    for mut child in children {
        let status = child.wait()?;
        assert!(status.success(), "a parallel run failed: {status}");
    }
    let list = world.list();
    assert_eq!(list.len(), 1 + 4 * 5 + 4, "{list:?}");
    let conf = pluton::rclone_conf::RcloneConf::parse(world.conf()).map_err(|e| e.to_string())?;
    for s in &list {
        let remote = s["remote"].as_str().unwrap_or_default();
        assert!(conf.has_section(remote), "[{remote}] missing");
    }
    Ok(())
}

//! list, show, rename, remove and import: the storage registry and lossless rclone.conf edits.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::support::{TestResult, World};

/// A hand-written rclone.conf with everything pluton must keep byte for byte.
const HAND_WRITTEN: &str = concat!(
    "# my rclone remotes, edited by hand\n",
    "; another comment style\n",
    "\n",
    "[alpha]\n",
    "type = memory\n",
    "description=   spaced out   \n",
    "\n",
    "# comment above beta\n",
    "[beta]\n",
    "type: alias\n",
    "remote = alpha:\n",
    "   indented = yes\n",
    "\n",
    "\n",
    "[gamma]\n",
    "type = webdav\n",
    "url = http://127.0.0.1:1/\n",
    "pass = c2VjcmV0LWZvci10ZXN0\n",
    "# trailing comment that rclone itself would drop\n",
);

#[test]
fn list_without_storages_prints_nothing_on_stdout_and_a_hint_on_stderr() {
    let world = World::new();
    let out = world.pluton(["storage", "list"]).run().success().stderr_has("pluton storage add");
    assert_eq!(out.stdout, "");
    assert_eq!(world.pluton(["storage", "list", "--json"]).run().success().stdout.trim(), "[]");
}

#[test]
fn import_rename_and_remove_keep_every_untouched_byte() -> TestResult {
    let world = World::new();
    world.write_conf(HAND_WRITTEN);
    world.pluton(["storage", "import", "--all"]).run().success().stderr_has("imported 3");
    assert_eq!(world.conf(), HAND_WRITTEN, "import must not touch rclone.conf");

    let list = world.list();
    let names: Vec<&str> = list.iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["alpha", "beta", "gamma"]);
    assert_eq!(list[1]["provider"], "alias");
    for key in ["id", "name", "provider", "remote", "path", "created_at"] {
        assert!(list[0].get(key).is_some(), "list --json lacks {key}");
    }

    world.pluton(["storage", "rename", "beta", "Beta Backups"]).run().success();
    assert_eq!(world.conf(), HAND_WRITTEN, "rename must not touch rclone.conf");
    assert_eq!(world.list()[1]["remote"], "beta", "the remote keeps its name");

    world.pluton(["storage", "remove", "beta backups", "--yes"]).run().success();
    let expected =
        HAND_WRITTEN.replace("# comment above beta\n[beta]\ntype: alias\nremote = alpha:\n   indented = yes\n\n\n", "");
    assert_eq!(world.conf(), expected);
    assert_eq!(world.list().len(), 2);
    Ok(())
}

#[test]
fn crlf_files_and_missing_final_newlines_survive_a_removal() {
    let world = World::new();
    let text = "[a]\r\ntype = memory\r\n\r\n[b]\r\ntype = memory\r\n\r\n[c]\r\ntype = memory";
    world.write_conf(text);
    world.pluton(["storage", "import", "b"]).run().success();
    world.pluton(["storage", "remove", "b", "--yes"]).run().success();
    assert_eq!(world.conf(), "[a]\r\ntype = memory\r\n\r\n[c]\r\ntype = memory");
}

/// `storage add` (checked by the real rclone) then `storage remove` gives back a hand-written
/// rclone.conf byte for byte, however it ended: comments, blank lines, CRLF, no final newline.
#[test]
fn add_then_remove_gives_back_a_hand_written_rclone_conf_byte_for_byte() {
    let crlf = HAND_WRITTEN.replace('\n', "\r\n");
    let variants = [
        HAND_WRITTEN.to_string(),
        crlf.clone(),
        HAND_WRITTEN.trim_end_matches('\n').to_string(),
        crlf.trim_end_matches(['\r', '\n']).to_string(),
        "[alpha]\ntype = memory\n".to_string(),
        "[alpha]\ntype = memory".to_string(),
        "[alpha]\ntype = memory\n\n\n".to_string(),
        "# only a comment".to_string(),
        "\n".to_string(),
        String::new(),
    ];
    for original in variants {
        let world = World::new();
        world.write_conf(&original);
        world.pluton(["storage", "add", "memory", "--name", "Passing Through"]).run().success();
        assert!(world.conf().contains("[passing-through]"), "{:?}", world.conf());
        // rclone reads the file with the new section in it.
        let listed = crate::support::rclone(&world.conf_path(), &["listremotes"]);
        assert!(listed.stdout.contains("passing-through:"), "{listed:?}");
        world.pluton(["storage", "remove", "Passing Through", "--yes"]).run().success();
        assert_eq!(world.conf(), original, "after add and remove of {original:?}");
    }
}

#[test]
fn a_symlinked_rclone_conf_is_written_through_to_its_target() -> TestResult {
    let world = World::new();
    let real = world.path().join("real-rclone.conf");
    fs::write(&real, "[a]\ntype = memory\n\n[b]\ntype = memory\n")?;
    std::os::unix::fs::symlink(&real, world.conf_path())?;
    world.pluton(["storage", "import", "--all"]).run().success();
    world.pluton(["storage", "remove", "a", "--yes"]).run().success();
    assert!(fs::symlink_metadata(world.conf_path())?.file_type().is_symlink(), "the link must stay a link");
    assert_eq!(fs::read_to_string(&real)?, "[b]\ntype = memory\n");
    Ok(())
}

#[test]
fn an_external_rclone_config_can_be_used() -> TestResult {
    let world = World::new();
    let external = world.path().join("home/rclone.conf");
    fs::write(&external, "[ext]\ntype = memory\n")?;
    world.pluton(["storage", "import", "ext"]).env("PLUTON_RCLONE_CONFIG", &external).run().success();
    world
        .pluton(["--rclone-config", external.to_str().unwrap_or_default(), "storage", "show", "ext"])
        .run()
        .success()
        .stdout_has("type = memory");
    Ok(())
}

#[test]
fn show_redacts_every_secret_and_reports_the_token() {
    let world = World::new();
    world.write_conf(
        "[box]\ntype = box\nclient_id = my-client-id\nclient_secret = CLIENT-SECRET-1\n\
         token = {\"access_token\":\"ACCESS-SECRET-1\",\"refresh_token\":\"REFRESH-SECRET-1\",\"expiry\":\"2030-01-02T03:04:05Z\"}\n\
         upload_cutoff = 60Mi\n\n[dav]\ntype = webdav\nurl = http://127.0.0.1:9/\nuser = someone\npass = OBSCURED-PASS-1\n",
    );
    world.pluton(["storage", "import", "--all"]).run().success();
    let secrets = ["CLIENT-SECRET-1", "ACCESS-SECRET-1", "REFRESH-SECRET-1", "OBSCURED-PASS-1", "my-client-id"];

    let human = world.pluton(["storage", "show", "box"]).run().success();
    let human = secrets.iter().fold(human, |out, s| out.nowhere(s));
    let human = human.stdout_has("upload_cutoff = 60Mi").stdout_has("client_secret = <redacted>");
    human.stdout_has("2030-01-02T03:04:05Z");

    let json = world.pluton(["storage", "show", "box", "--json"]).run().success();
    let value = json.json();
    assert_eq!(value["options"]["token"], "<redacted>");
    assert_eq!(value["options"]["upload_cutoff"], "60Mi");
    assert_eq!(value["token"]["present"], true);
    assert_eq!(value["token"]["expiry"], "2030-01-02T03:04:05Z");
    assert_eq!(value["remote"], "box");
    secrets.iter().fold(json, |out, s| out.nowhere(s));

    let dav = world.pluton(["storage", "show", "dav", "--json"]).run().success();
    assert_eq!(dav.json()["options"]["pass"], "<redacted>");
    assert_eq!(dav.json()["options"]["url"], "http://127.0.0.1:9/");
    assert!(dav.json().get("token").is_none(), "no token object for a non-OAuth remote");
}

#[test]
fn show_redacts_onedrive_identifiers_as_rclone_does() {
    let world = World::new();
    world.write_conf(
        "[od]\ntype = onedrive\ndrive_id = b!DRIVE-ID-1\ndrive_type = business\ntenant = TENANT-1\n\
         client_id = CLIENT-ID-1\n",
    );
    world.pluton(["storage", "import", "od"]).run().success();
    let out = world.pluton(["storage", "show", "od", "--json"]).run().success();
    assert_eq!(out.json()["options"]["drive_id"], "<redacted>");
    assert_eq!(out.json()["options"]["drive_type"], "business");
    let out = ["b!DRIVE-ID-1", "TENANT-1", "CLIENT-ID-1"].iter().fold(out, |out, s| out.nowhere(s));
    drop(out);
    world.pluton(["storage", "show", "od"]).run().success().nowhere("b!DRIVE-ID-1").nowhere("CLIENT-ID-1");
}

#[test]
fn storages_are_found_by_name_in_any_case_by_id_and_by_remote() {
    let world = World::new();
    world.write_conf("[my-remote]\ntype = memory\n");
    world.pluton(["storage", "import", "my-remote"]).run().success();
    world.pluton(["storage", "rename", "my-remote", "Work Files"]).run().success();
    let id = world.list()[0]["id"].as_str().unwrap_or_default().to_string();
    for handle in ["work files", "WORK FILES", id.as_str(), "my-remote"] {
        world.pluton(["storage", "show", handle]).run().success().stdout_has("Work Files");
    }
}

#[test]
fn an_unknown_storage_exits_3_and_suggests_close_names() {
    let world = World::new();
    world.with_remotes(&[("photos", "memory")]);
    let before = world.snapshot();
    world
        .pluton(["storage", "show", "fotos"])
        .run()
        .code(3)
        .stderr_has("no storage named \"fotos\"")
        .stderr_has("photos");
    world.pluton(["storage", "rename", "nope", "x"]).run().code(3);
    world.pluton(["storage", "remove", "nope", "--yes"]).run().code(3);
    assert_eq!(world.snapshot(), before);
}

#[test]
fn bad_new_names_are_refused_and_change_nothing() {
    let world = World::new();
    world.with_remotes(&[("one", "memory"), ("two", "memory")]);
    let before = world.snapshot();
    let long = "x".repeat(65);
    let cases: [(&str, &str); 5] = [
        ("TWO", "already exists"),
        ("   ", "empty"),
        ("bad\u{7}name", "control character"),
        (long.as_str(), "65 characters"),
        ("tab\tname", "control character"),
    ];
    for (name, message) in cases {
        world.pluton(["storage", "rename", "one", name]).run().code(2).stderr_has(message);
        assert_eq!(world.snapshot(), before, "renaming to {name:?} changed a file");
    }
    // Renaming to itself in another case is allowed: the name is the storage's own.
    world.pluton(["storage", "rename", "one", "ONE"]).run().success();
}

#[test]
fn remove_without_a_terminal_needs_yes_and_keep_remote_keeps_the_section() {
    let world = World::new();
    world.with_remotes(&[("keepme", "memory")]);
    let before = world.snapshot();
    world.pluton(["storage", "remove", "keepme"]).run().code(2).stderr_has("--yes");
    world.pluton(["--no-input", "storage", "remove", "keepme"]).run().code(2);
    assert_eq!(world.snapshot(), before);
    world.pluton(["storage", "remove", "keepme", "--yes", "--keep-remote"]).run().success();
    assert_eq!(before.conf.as_deref(), Some(world.conf().as_bytes()));
    assert!(world.list().is_empty());
}

#[test]
fn import_refuses_missing_and_typeless_sections_and_skips_managed_ones() {
    let world = World::new();
    world.write_conf("[real]\ntype = memory\n\n[notype]\nfoo = bar\n\n[real.child]\nx = 1\n");
    let before = world.snapshot();
    world.pluton(["storage", "import", "real", "ghost"]).run().code(3).stderr_has("no remote named \"ghost\"");
    world.pluton(["storage", "import", "notype"]).run().code(2).stderr_has("has no type");
    assert_eq!(world.snapshot(), before);
    world.pluton(["storage", "import"]).run().code(2);

    world.pluton(["storage", "import", "--all"]).run().success();
    let list = world.list();
    let remotes: Vec<&str> = list.iter().filter_map(|s| s["remote"].as_str()).collect();
    assert_eq!(remotes, ["real", "real.child"], "a dotted remote inherits its parent's type");
    assert_eq!(list[1]["provider"], "memory");
    world.pluton(["storage", "import", "real"]).run().success().stderr_has("already the storage");
    assert_eq!(world.list().len(), 2);
}

#[test]
fn a_corrupt_storages_toml_is_named_and_left_alone() -> TestResult {
    let world = World::new();
    fs::write(world.storages_path(), "[[storage]\nid = ")?;
    world.write_conf("[a]\ntype = memory\n");
    let before = world.snapshot();
    for args in [vec!["storage", "list"], vec!["storage", "import", "a"], vec!["storage", "show", "a"]] {
        world.pluton(&args).run().code(1).stderr_has("storages.toml is not valid");
    }
    assert_eq!(world.snapshot(), before);
    Ok(())
}

#[test]
fn an_unparseable_rclone_conf_is_refused_with_its_line() {
    let world = World::new();
    world.write_conf("[a]\ntype = memory\nthis line has no separator\n");
    let before = world.snapshot();
    world
        .pluton(["storage", "import", "--all"])
        .run()
        .code(1)
        .stderr_has("rclone.conf line 3: could not parse line: this line has no separator");
    world.write_conf("[]\nkey = value\n");
    world.pluton(["storage", "import", "--all"]).run().code(1).stderr_has("empty section name");
    world.write_conf("[a]\ntype = memory\nthis line has no separator\n");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn an_encrypted_rclone_conf_without_its_password_is_left_untouched() {
    let world = World::new();
    let text = "# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nAAAABBBBCCCC\n";
    world.write_conf(text);
    world
        .pluton(["storage", "import", "--all"])
        .run()
        .code(2)
        .stderr_has("is encrypted and no password was given")
        .stderr_has("RCLONE_CONFIG_PASS");
    world
        .pluton(["storage", "import", "--all"])
        .env("RCLONE_CONFIG_PASS", "x")
        .run()
        .code(1)
        .stderr_has("cannot decrypt")
        .stderr_has("check RCLONE_CONFIG_PASS");
    // The hint names where the wrong password came from.
    world
        .pluton(["storage", "import", "--all", "--password-command", "echo x"])
        .run()
        .code(1)
        .stderr_has("cannot decrypt")
        .stderr_has("check what --password-command");
    assert_eq!(world.conf(), text);
}

#[test]
fn new_files_are_private() -> TestResult {
    let world = World::new();
    let dir = world.path().join("fresh-config");
    world.write_conf("");
    fs::copy(world.conf_path(), world.path().join("unused"))?;
    let external = world.path().join("ext.conf");
    fs::write(&external, "[a]\ntype = memory\n")?;
    world
        .pluton(["storage", "import", "a"])
        .env("PLUTON_CONFIG_DIR", &dir)
        .env("PLUTON_RCLONE_CONFIG", &external)
        .run()
        .success();
    assert_eq!(fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
    assert_eq!(fs::metadata(dir.join("storages.toml"))?.permissions().mode() & 0o777, 0o600);
    let toml = fs::read_to_string(dir.join("storages.toml"))?;
    assert!(toml.contains("remote = \"a\""), "{toml}");
    Ok(())
}

#[test]
fn list_answers_for_ten_thousand_storages_without_rclone() -> TestResult {
    let world = World::new();
    let mut toml = String::new();
    for i in 0..10_000 {
        toml.push_str(&format!(
            "[[storage]]\nid = \"{i:08x}\"\nname = \"Storage {i}\"\nprovider = \"box\"\nremote = \"storage-{i}\"\npath = \"\"\ncreated_at = \"2026-01-01T00:00:00Z\"\n\n"
        ));
    }
    fs::write(world.storages_path(), toml)?;
    // No rclone anywhere: if list tried to start one, it would fail.
    let out = world
        .pluton(["--rclone", "/nonexistent/rclone", "storage", "list", "--json"])
        .env("PATH", world.path().join("no-bin"))
        .run()
        .success();
    assert_eq!(out.json().as_array().map(Vec::len), Some(10_000));
    world.pluton(["storage", "show", "Storage 9999"]).env("PATH", "").run().success().stdout_has("storage-9999");
    Ok(())
}

#[test]
fn parallel_imports_and_renames_lose_nothing() -> TestResult {
    let world = World::new();
    let mut conf = String::new();
    for i in 0..20 {
        conf.push_str(&format!("[r{i}]\ntype = memory\n\n"));
    }
    world.write_conf(&conf);
    let children: Vec<_> = (0..20)
        .map(|i| {
            let script = format!(
                "\"$0\" storage import r{i} && \"$0\" storage rename r{i} renamed-{i} && \"$0\" storage rename renamed-{i} final-{i}"
            );
            let mut cmd = std::process::Command::new("/bin/sh");
            cmd.arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_pluton"));
            cmd.env("PLUTON_CONFIG_DIR", world.config_dir()).env("HOME", world.path().join("home"));
            cmd.stdin(std::process::Stdio::null()).spawn()
        })
        .collect::<Result<_, _>>()?;
    for mut child in children {
        assert!(child.wait()?.success());
    }
    let mut names: Vec<String> = world.list().iter().filter_map(|s| s["name"].as_str().map(String::from)).collect();
    names.sort();
    let mut expected: Vec<String> = (0..20).map(|i| format!("final-{i}")).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(world.conf(), conf, "rclone.conf is untouched by import and rename");
    Ok(())
}

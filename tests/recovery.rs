//! Bringing back what rclone or the disk lost: kept copies of both files, `config history`,
//! `config restore`, `storage restore`, a damaged rclone.conf refused everywhere and named by
//! doctor with the exact copy to restore, and files that cannot be renamed over or written.
//! Everything with the real rclone; the mount tests need root and say so when they skip.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::{TestResult, World, rclone};

/// A world with two local storages ("One", "Two"), each with a directory of its own.
fn world_with_two() -> World {
    let world = World::new();
    for name in ["One", "Two"] {
        let dir = world.path().join(name.to_lowercase());
        std::fs::create_dir_all(&dir).expect("creating a storage's directory");
        world.pluton(["storage", "add", "local", "--name", name, "--path"]).arg(&dir).run().success();
    }
    world
}

fn history(world: &World) -> Vec<serde_json::Value> {
    let out = world.pluton(["config", "history", "--json"]).run().success();
    serde_json::from_str(&out.stdout).expect("config history --json is a JSON array")
}

/// The newest copy of `file` in `config history --json`.
fn newest(world: &World, file: &str) -> serde_json::Value {
    history(world).into_iter().find(|c| c["file"] == file).expect("a copy of the file")
}

#[test]
fn every_write_keeps_private_copies_listed_newest_first_and_capped() -> TestResult {
    let world = world_with_two();
    let copies = history(&world);
    assert!(!copies.is_empty());
    for copy in &copies {
        for key in ["id", "time", "path", "why", "size", "file"] {
            assert!(!copy[key].is_null(), "{key} missing in {copy}");
        }
        let path = Path::new(copy["path"].as_str().unwrap_or_default());
        assert_eq!(std::fs::metadata(path)?.permissions().mode() & 0o777, 0o600, "{}", path.display());
    }
    let dir = world.config_dir().join("history");
    assert_eq!(std::fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
    let ids: Vec<&str> = copies.iter().filter_map(|c| c["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, sorted, "newest first");
    // The newest rclone.conf copy holds what is in the file now, and names its remotes.
    let conf = newest(&world, "rclone.conf");
    assert_eq!(std::fs::read_to_string(conf["path"].as_str().unwrap_or_default())?, world.conf());
    assert_eq!(conf["remotes"], serde_json::json!(["one", "two"]));
    let human = world.pluton(["config", "history"]).run().success();
    assert!(human.stdout.contains("rclone.conf") && human.stdout.contains("one, two"), "{}", human.stdout);

    // PLUTON_KEEP_COPIES caps each file's copies; the oldest go.
    let names = ["One", "Uno", "Eins", "Un", "Yksi", "Jeden"];
    for pair in names.windows(2) {
        world.pluton(["storage", "rename", pair[0], pair[1]]).env("PLUTON_KEEP_COPIES", "3").run().success();
    }
    let toml_copies = history(&world).into_iter().filter(|c| c["file"] == "storages.toml").count();
    assert_eq!(toml_copies, 3);
    world
        .pluton(["config", "history"])
        .env("PLUTON_KEEP_COPIES", "many")
        .run()
        .code(2)
        .stderr_has("PLUTON_KEEP_COPIES");
    Ok(())
}

#[test]
fn storage_test_keeps_a_copy_of_what_rclone_changed_and_list_copies_nothing() -> TestResult {
    let world = world_with_two();
    let before = history(&world).len();
    // Nothing changed: neither list nor test keeps a copy.
    world.pluton(["storage", "list"]).run().success();
    world.pluton(["storage", "test", "--all"]).run().success();
    assert_eq!(history(&world).len(), before);
    // rclone itself rewrites the file (as a token refresh would).
    rclone(&world.conf_path(), &["config", "create", "scratch", "memory"]).success();
    world.pluton(["storage", "list"]).run().success();
    assert_eq!(history(&world).len(), before, "list never copies");
    world.pluton(["storage", "test", "--all"]).run().success();
    let copy = newest(&world, "rclone.conf");
    assert_eq!(copy["why"], "changed");
    assert_eq!(std::fs::read_to_string(copy["path"].as_str().unwrap_or_default())?, world.conf());
    assert!(copy["remotes"].as_array().is_some_and(|r| r.iter().any(|n| n == "scratch")));
    Ok(())
}

/// Zeroed, NUL-filled and garbage rclone.conf files: doctor fails naming the exact restore, every
/// writing command refuses with the same hint and changes nothing, and the restore brings the
/// file back byte for byte (and can itself be undone).
#[test]
fn a_damaged_rclone_conf_is_named_refused_and_restored() -> TestResult {
    let world = world_with_two();
    let good = world.conf();
    for (what, bytes, words) in [
        ("zeroed", Vec::new(), "is empty"),
        ("NULs", vec![0u8; 512], "NUL bytes"),
        ("garbage", b"\x01\x02 not a config {{{\n".to_vec(), "line 1"),
    ] {
        // The newest copy holds the good file (the one a restore just wrote, after the first).
        let id = newest(&world, "rclone.conf")["id"].as_str().unwrap_or_default().to_string();
        let restore = format!("pluton config restore {id}");
        std::fs::write(world.conf_path(), &bytes)?;
        let doctor = world.pluton(["doctor"]).run().code(1);
        assert!(doctor.stdout.contains("FAIL") && doctor.stdout.contains(&restore), "{what}: {}", doctor.stdout);
        assert!(doctor.stdout.contains(words), "{what}: {}", doctor.stdout);
        let json = world.pluton(["doctor", "--json"]).run().code(1).json();
        let failed = json["checks"].as_array().map(|c| {
            c.iter().any(|c| c["status"] == "fail" && c["hint"].as_str().is_some_and(|h| h.contains(&restore)))
        });
        assert_eq!(failed, Some(true), "{what}: {json}");
        let snapshot = world.snapshot();
        let dir = world.path().join("three");
        std::fs::create_dir_all(&dir)?;
        let add =
            world.pluton(["storage", "add", "local", "--name", "Three", "--no-test", "--path"]).arg(&dir).run().code(1);
        assert!(add.stderr.contains(&restore), "{what}: {}", add.stderr);
        world.pluton(["storage", "remove", "Two", "--yes"]).run().code(1).stderr_has(&restore);
        world.pluton(["storage", "edit", "One", "--set", "copy_links=true", "--no-test"]).run().code(1);
        assert_eq!(world.snapshot(), snapshot, "{what}: a damaged file is never written over");

        // Without a terminal a restore needs --yes; --dry-run names what comes back.
        world.pluton(["config", "restore", &id]).run().code(2).stderr_has("--yes");
        world.pluton(["config", "restore", &id, "--dry-run"]).run().success().stdout_has("one, two");
        assert_eq!(world.snapshot(), snapshot);
        world.pluton(["config", "restore", &id, "--yes"]).run().success();
        assert_eq!(world.conf(), good, "{what}");
        world.pluton(["doctor"]).run().success();
        world.pluton(["storage", "test", "--all"]).run().success();
    }
    // The damaged file that a restore replaced was kept: the restore can be undone.
    let undo = history(&world).into_iter().find(|c| c["why"] == "before-restore").expect("a before-restore copy");
    assert_eq!(std::fs::read(undo["path"].as_str().unwrap_or_default())?, b"\x01\x02 not a config {{{\n");
    world.pluton(["config", "restore", "nosuchid", "--yes"]).run().code(3).stderr_has("config history");
    Ok(())
}

#[test]
fn an_encrypted_rclone_conf_is_copied_encrypted_and_a_wrong_password_names_the_restore() -> TestResult {
    let world = world_with_two();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", "correct horse").run().success();
    let copy = newest(&world, "rclone.conf");
    let kept = std::fs::read_to_string(copy["path"].as_str().unwrap_or_default())?;
    assert!(kept.starts_with("# Encrypted rclone configuration File") || kept.contains("RCLONE_ENCRYPT_V0:"), "{kept}");
    assert!(!kept.contains("type = local"), "no plain copy of an encrypted file");
    assert_eq!(copy["encrypted"], true);
    assert!(copy["remotes"].is_null());
    let doctor = world.pluton(["doctor"]).env("RCLONE_CONFIG_PASS", "wrong").run().code(1);
    assert!(
        doctor.stdout.contains("cannot decrypt") && doctor.stdout.contains("pluton config restore"),
        "{}",
        doctor.stdout
    );
    Ok(())
}

/// An rclone that writes back an older copy drops a section; `storage restore` brings back that
/// section alone, and a removed storage comes back with its id and remote.
#[test]
fn storage_restore_brings_back_a_dropped_section_and_a_removed_storage() -> TestResult {
    let world = world_with_two();
    let whole = world.conf();
    let one_only = "[one]\ntype = local\n\n";
    world.write_conf(one_only);
    let doctor = world.pluton(["doctor"]).run().code(1);
    assert!(doctor.stdout.contains("pluton storage restore Two"), "{}", doctor.stdout);
    world.pluton(["storage", "test", "Two"]).run().code(4);
    world.pluton(["storage", "restore", "two"]).run().success().stderr_has("[two] is back");
    assert_eq!(world.conf(), whole, "the section came back and every other byte stayed");
    world.pluton(["storage", "test", "--all"]).run().success();
    // Nothing missing: nothing to do.
    let snapshot = world.snapshot();
    world.pluton(["storage", "restore", "Two"]).run().success().stderr_has("nothing to do");
    assert_eq!(world.snapshot(), snapshot);

    let listed = world.list();
    world.pluton(["storage", "remove", "One", "--yes"]).run().success();
    world.pluton(["storage", "restore", "One"]).run().success();
    let after = world.list();
    let one = |list: &[serde_json::Value]| list.iter().find(|s| s["name"] == "One").cloned();
    assert_eq!(
        one(&after).map(|s| (s["id"].clone(), s["remote"].clone())),
        one(&listed).map(|s| (s["id"].clone(), s["remote"].clone()))
    );
    assert!(rclone(&world.conf_path(), &["listremotes"]).success().stdout.contains("one:"));
    world.pluton(["storage", "restore", "Nobody"]).run().code(3);
    Ok(())
}

/// Runs `script` as root in a mount namespace of its own (so no mount outlives the test), or
/// says why it cannot and returns None.
fn in_mount_namespace(world: &World, script: &str) -> Option<crate::support::Outcome> {
    if !std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n")) {
        eprintln!("SKIPPED: mount tests need root (a bind mount and a read-only mount)");
        return None;
    }
    let probe = std::process::Command::new("unshare").args(["-m", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mount tests need `unshare -m` (mount namespaces), which this machine refuses");
        return None;
    }
    Some(world.program("unshare", ["-m", "sh", "-ec", script]).run())
}

#[test]
fn a_single_file_bind_mount_is_written_in_place() -> TestResult {
    let world = world_with_two();
    let outside = world.path().join("host-rclone.conf");
    std::fs::write(&outside, world.conf())?;
    let dir = world.path().join("three");
    std::fs::create_dir_all(&dir)?;
    let script = format!(
        "mount --bind {host} {conf}\npluton doctor | grep -q 'single-file bind mount'\n\
         pluton storage add local --name Three --no-test --path {dir}\npluton storage remove One --yes\n",
        host = outside.display(),
        conf = world.conf_path().display(),
        dir = dir.display()
    );
    let Some(out) = in_mount_namespace(&world, &script) else { return Ok(()) };
    let out = out.success();
    let host = std::fs::read_to_string(&outside)?;
    assert!(host.contains("[three]") && !host.contains("[one]"), "written through the mount: {host}\n{}", out.stderr);
    Ok(())
}

#[test]
fn a_read_only_rclone_conf_changes_nothing_and_doctor_says_so() -> TestResult {
    let world = world_with_two();
    let ro = world.path().join("ro");
    std::fs::create_dir_all(&ro)?;
    let conf = ro.join("rclone.conf");
    std::fs::write(&conf, world.conf())?;
    let before = (std::fs::read(&conf)?, world.storages());
    let script = format!(
        "mount --bind {ro} {ro}\nmount -o remount,ro,bind {ro}\n\
         if pluton --rclone-config {conf} storage remove One --yes; then exit 9; fi\n\
         pluton --rclone-config {conf} storage remove One --yes 2>&1 | grep -q 'read-only file system'\n\
         pluton --rclone-config {conf} doctor | grep -q 'read-only'\n",
        ro = ro.display(),
        conf = conf.display()
    );
    let Some(out) = in_mount_namespace(&world, &script) else { return Ok(()) };
    out.success();
    assert_eq!((std::fs::read(&conf)?, world.storages()), before, "storages.toml included, nothing changed");
    Ok(())
}

#[test]
fn an_immutable_rclone_conf_changes_nothing() -> TestResult {
    let world = world_with_two();
    let set = std::process::Command::new("chattr").arg("+i").arg(world.conf_path()).output();
    if !set.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: chattr +i is refused here (needs root and a file system with the flag): {set:?}");
        return Ok(());
    }
    let snapshot = world.snapshot();
    let out = world.pluton(["storage", "remove", "One", "--yes"]).run();
    let doctor = world.pluton(["doctor"]).run();
    let _ = std::process::Command::new("chattr").arg("-i").arg(world.conf_path()).status();
    let out = out.code(1);
    assert!(out.stderr.contains("immutable"), "{}", out.stderr);
    assert!(doctor.stdout.contains("immutable"), "{}", doctor.stdout);
    assert_eq!(world.snapshot(), snapshot);
    Ok(())
}

/// On a terminal `config restore` shows what comes back and asks; "no" writes nothing, "yes"
/// restores.
#[test]
fn config_restore_asks_on_a_terminal() -> TestResult {
    use crate::support::pty::Terminal;
    let world = world_with_two();
    let good = world.conf();
    let id = newest(&world, "rclone.conf")["id"].as_str().unwrap_or_default().to_string();
    world.write_conf("");
    let mut term = Terminal::start(world.pluton(["config", "restore", &id]));
    term.expect("remotes that come back: one, two")?;
    term.expect("back into")?;
    term.keys("n")?;
    assert_eq!(term.finish(), Some(0), "{}", term.seen);
    assert_eq!(world.conf(), "", "answered no: nothing written");
    let mut term = Terminal::start(world.pluton(["config", "restore", &id]));
    term.expect("back into")?;
    term.keys("y")?;
    assert_eq!(term.finish(), Some(0), "{}", term.seen);
    assert_eq!(world.conf(), good);
    Ok(())
}

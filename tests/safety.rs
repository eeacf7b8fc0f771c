//! The promises, each proven: bad input changes nothing, parallel runs lose nothing, and a kill
//! at any moment leaves both files whole.

use std::fs;
use std::time::Duration;

use crate::support::{TestResult, World};

/// Every bad input: its exit code, a word of its message, no panic, and byte-identical files.
#[test]
fn bad_inputs_exit_with_their_code_and_change_nothing() -> TestResult {
    let world = World::new();
    world.write_conf("# mine\n[hand]\ntype = memory\n\n");
    world.pluton(["storage", "import", "hand"]).run().success();
    world.pluton(["storage", "add", "memory", "--name", "Existing", "--no-test"]).run().success();
    let dir = world.path().join("a-directory");
    fs::create_dir_all(&dir)?;
    let newline_value = world.path().join("two-lines.txt");
    fs::write(&newline_value, "line one\nline two\n")?;
    let garbage = world.path().join("garbage.txt");
    fs::write(&garbage, "this is not a token")?;
    let long = "n".repeat(65);
    let at_newline = format!("description=@{}", newline_value.display());
    let (dir_s, garbage_s) = (dir.display().to_string(), garbage.display().to_string());

    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["storage", "add", "memory", "--name", "bad\u{1}name", "--no-test"], 2, "control character"),
        (vec!["storage", "add", "memory", "--name", &long, "--no-test"], 2, "64"),
        (vec!["storage", "add", "memory", "--name", "   ", "--no-test"], 2, "empty"),
        (vec!["storage", "add", "memory", "--name", "existing", "--no-test"], 2, "already exists"),
        (
            vec!["storage", "add", "memory", "--name", "X", "--remote", "a[b", "--no-test"],
            2,
            "not a valid rclone remote",
        ),
        (vec!["storage", "add", "memory", "--name", "X", "--remote", "DEFAULT", "--no-test"], 2, "reserved"),
        (vec!["storage", "add", "memory", "--name", "X", "--remote", "hand", "--no-test"], 2, "already has a remote"),
        (vec!["storage", "add", "memory", "--name", "X", "--set", &at_newline, "--no-test"], 2, "line break"),
        (vec!["storage", "add", "memory", "--name", "X", "--set", "description", "--no-test"], 2, "KEY=VALUE"),
        (vec!["storage", "add", "memory", "--name", "X", "--set", "nosuchkey=1", "--no-test"], 2, "no option"),
        (
            vec!["storage", "add", "box", "--name", "X", "--token-file", "/nonexistent/token", "--no-test"],
            2,
            "no such file",
        ),
        (vec!["storage", "add", "box", "--name", "X", "--token-file", &dir_s, "--no-test"], 2, "directory"),
        (
            vec!["storage", "add", "box", "--name", "X", "--token-file", &garbage_s, "--no-test"],
            2,
            "expected the token",
        ),
        (vec!["storage", "add", "box", "--name", "X", "--set", "token={}", "--no-test"], 2, "--token-file"),
        (vec!["storage", "add", "box", "--name", "X", "--set", "list_chunk=abc", "--no-test"], 2, "whole number"),
        (vec!["storage", "add", "box", "--name", "X", "--device"], 2, "--authorize --no-browser"),
        (vec!["storage", "add", "box", "--name", "X", "--drive", "personal"], 2, "OneDrive"),
        (vec!["storage", "add", "nosuchcloud", "--name", "X"], 2, "no provider"),
        (vec!["storage", "add", "memory", "--name", "X", "--timeout", "-1"], 2, ""),
        (vec!["storage", "add", "memory", "--name", "X", "--timeout", "0"], 2, ""),
        (vec!["storage", "add", "memory", "--name", "X", "--timeout", "soon"], 2, ""),
        (vec!["storage", "show", "ghost"], 3, "no storage named"),
        (vec!["storage", "rename", "ghost", "x"], 3, "no storage named"),
        (vec!["storage", "remove", "ghost", "--yes"], 3, "no storage named"),
        (vec!["storage", "test", "ghost"], 3, "no storage named"),
        (vec!["storage", "edit", "ghost", "--set", "description=x"], 3, "no storage named"),
        (vec!["storage", "usage", "ghost"], 3, "no storage named"),
        (vec!["storage", "reauth", "ghost", "--token-file", "-"], 3, "no storage named"),
        (vec!["storage", "import", "ghost"], 3, "no remote named"),
        (vec!["storage", "import", "--all", "hand"], 2, ""),
        (vec!["storage", "rename", "existing", ""], 2, "empty"),
        (vec!["storage", "rename", "existing", "tab\there"], 2, "control character"),
        (vec!["storage", "rename", "existing", "HAND"], 2, "already exists"),
        (vec!["storage", "remove", "existing"], 2, "--yes"),
        (vec!["storage", "edit", "existing", "--set", "type=s3"], 2, "provider sets the type"),
        (vec!["storage", "edit", "existing", "--unset", "token"], 2, "reauth"),
        (vec!["storage", "test", "--jobs", "0", "--all"], 2, ""),
        (vec!["providers", "nosuchcloud"], 2, "no provider"),
        (vec!["completions", "tcsh"], 2, ""),
        (vec!["--color", "sometimes", "storage", "list"], 2, ""),
    ];
    assert!(cases.len() >= 30);
    let before = world.snapshot();
    for (args, code, words) in cases {
        let out = world.pluton(&args).run();
        assert_eq!(out.code, Some(code), "{args:?}\n{}", out.stderr);
        assert!(out.stderr.contains(words), "{args:?}: stderr lacks {words:?}:\n{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{args:?} panicked");
        assert_eq!(world.snapshot(), before, "{args:?} changed a file");
    }
    Ok(())
}

#[test]
fn thirty_parallel_adds_keep_all_thirty_in_both_files() -> TestResult {
    let world = World::new();
    // Warm the schema cache, so the thirty do not all ask rclone at once.
    world.pluton(["storage", "add", "memory", "--name", "warm", "--no-test"]).run().success();
    let children: Vec<_> = (0..30)
        .map(|i| world.pluton(["storage", "add", "memory", "--name", &format!("parallel {i}"), "--no-test"]).spawn())
        .collect();
    for mut child in children {
        assert!(child.wait()?.success());
    }
    let list = world.list();
    assert_eq!(list.len(), 31);
    let conf = pluton::rclone_conf::RcloneConf::parse(world.conf()).map_err(|e| e.to_string())?;
    for storage in &list {
        let remote = storage["remote"].as_str().unwrap_or_default();
        assert!(conf.has_section(remote), "[{remote}] missing from rclone.conf");
    }
    Ok(())
}

/// Hundreds of changes, each killed with SIGKILL at a random moment: after every one, both
/// files parse and every storage's remote is in rclone.conf.
#[test]
fn a_kill_at_any_moment_leaves_both_files_whole() -> TestResult {
    let world = World::new();
    world.pluton(["storage", "add", "memory", "--name", "seed", "--no-test"]).run().success();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for i in 0..200 {
        let names: Vec<String> = world.list().iter().filter_map(|s| s["name"].as_str().map(String::from)).collect();
        let pick = names.get(random(names.len().max(1) as u64) as usize).cloned().unwrap_or_default();
        let args: Vec<String> = match random(3) {
            0 => ["storage", "add", "memory", "--name", &format!("k{i}"), "--no-test"].map(String::from).to_vec(),
            1 if !pick.is_empty() => ["storage", "rename", &pick, &format!("r{i}")].map(String::from).to_vec(),
            _ if !pick.is_empty() => ["storage", "remove", &pick, "--yes"].map(String::from).to_vec(),
            _ => ["storage", "list"].map(String::from).to_vec(),
        };
        let mut child = world.pluton(&args).spawn();
        // A random moment: anywhere from before pluton starts reading to after it has written.
        std::thread::sleep(Duration::from_micros(random(12_000)));
        let _ = child.kill();
        let _ = child.wait();

        let conf = pluton::rclone_conf::RcloneConf::parse(world.conf())
            .map_err(|e| format!("after {args:?}: rclone.conf broken: {e}"))?;
        let registry = pluton::registry::Registry::parse(&world.storages(), &world.storages_path())
            .map_err(|e| format!("after {args:?}: storages.toml broken: {e}"))?;
        for s in &registry.storages {
            assert!(conf.has_section(&s.remote), "after {args:?}: {:?} lost its remote [{}]", s.name, s.remote);
        }
        // Whatever the kills left behind never piles up: each run that takes the lock clears
        // the leftovers of processes that are gone.
        assert!(leftover_names(&world).len() <= 2, "leftovers pile up: {:?}", leftover_names(&world));
    }
    world.pluton(["storage", "add", "memory", "--name", "final", "--no-test"]).run().success();
    assert_eq!(leftover_names(&world), Vec::<String>::new());
    Ok(())
}

/// Files in the config dir that a killed pluton can leave behind (temp copies, check configs).
fn leftover_names(world: &World) -> Vec<String> {
    fs::read_dir(world.config_dir())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".pluton-") || n.starts_with(".verify-") || n.starts_with(".drives-"))
                .collect()
        })
        .unwrap_or_default()
}

/// A pluton killed while it checks a connection leaves its private config (which holds the
/// candidate's secrets); `doctor` reports it and the next command that takes the lock removes it.
#[test]
fn a_killed_check_leaves_a_private_config_that_doctor_reports_and_the_next_write_removes() -> TestResult {
    let world = World::new();
    world.pluton(["storage", "add", "memory", "--name", "seed", "--no-test"]).run().success();
    // A server that accepts connections and never answers: the check waits on it.
    let silent = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("url=http://{}/", silent.local_addr()?);
    let mut child = world
        .pluton(["storage", "add", "webdav", "--name", "Stuck", "--set", &url, "--set", "vendor=other"])
        .arg("--timeout")
        .arg("20")
        .spawn();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !leftover_names(&world).iter().any(|n| n.starts_with(".verify-")) {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no private config appeared while checking");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    child.wait()?;
    let left = leftover_names(&world);
    assert!(!left.is_empty());

    let doctor = world.pluton(["doctor", "--json"]).run();
    let report = doctor.json();
    let check = report["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "leftovers"))
        .cloned()
        .ok_or("doctor has no leftovers check")?;
    assert_eq!(check["status"], "warn", "{check}");
    assert!(check["message"].as_str().is_some_and(|m| m.contains(".verify-")), "{check}");

    world.pluton(["storage", "add", "memory", "--name", "next", "--no-test"]).run().success();
    assert_eq!(leftover_names(&world), Vec::<String>::new(), "the next write must clear them");
    let doctor = world.pluton(["doctor", "--json"]).run().json();
    let check = doctor["checks"].as_array().and_then(|c| c.iter().find(|c| c["name"] == "leftovers")).cloned();
    assert_eq!(check.map(|c| c["status"].clone()), Some(serde_json::json!("ok")));
    Ok(())
}

/// Issue 15 item 10: rclone takes no lock and rewrites the whole file (a backup job refreshing
/// a token, any `rclone config …`). pluton writing beside it must never put back a copy older
/// than rclone's last write. Each rclone run adds one key; every one of them must survive.
#[test]
fn rclone_writes_made_while_pluton_writes_are_never_lost() -> TestResult {
    let world = World::new();
    world.write_conf("[x]\ntype = memory\n\n");
    world.pluton(["storage", "add", "memory", "--name", "warm", "--no-test"]).run().success();
    let conf = world.conf_path();
    let stop = std::sync::atomic::AtomicBool::new(false);
    for round in 0..3 {
        stop.store(false, std::sync::atomic::Ordering::SeqCst);
        std::thread::scope(|scope| {
            // A busy machine, as during a backup: widens every window between read and write.
            for _ in 0..2 {
                scope.spawn(|| {
                    let mut x = 0u64;
                    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    }
                    std::hint::black_box(x);
                });
            }
            let adds = scope.spawn(|| {
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) && i < 150 {
                    world
                        .pluton(["storage", "add", "local", "--name", &format!("r{round}-{i}"), "--no-test"])
                        .run()
                        .success();
                    i += 1;
                }
            });
            for n in 0..40 {
                let key = format!("k{round}_{n}");
                crate::support::rclone(&conf, &["config", "update", "x", &key, "v", "--non-interactive"]).success();
            }
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
            let _ = adds.join();
        });
        let text = world.conf();
        let parsed = pluton::rclone_conf::RcloneConf::parse(text.clone()).map_err(|e| e.to_string())?;
        let x = parsed.section("x").ok_or("rclone.conf lost [x]")?;
        let lost: Vec<String> = (0..40).map(|n| format!("k{round}_{n}")).filter(|k| x.get(k).is_none()).collect();
        assert!(lost.is_empty(), "round {round}: pluton wrote back a copy without rclone's {lost:?}");
    }
    Ok(())
}

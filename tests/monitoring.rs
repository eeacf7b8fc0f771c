//! `storage test --metrics-file` with the real monitoring programs: promtool reads the file, a
//! real node_exporter serves it, promtool tests the shipped alert rules and systemd-analyze the
//! shipped units (docs/examples/monitoring/). The packages come from scripts/test.sh
//! (`pluton_ensure_monitoring_tools`).

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::oauth::{OAuthServer, Options};
use crate::support::servers::Served;
use crate::support::{TestResult, World};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/monitoring");

/// A program the monitoring tests need, or a failure that says how to get it.
pub(crate) fn tool(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()))
        .unwrap_or_else(|| panic!("{name} is missing: run the tests through scripts/test.sh, which installs it"))
}

fn add_webdav(world: &World, name: &str, server: &Served, pass: &str) {
    let file = world.path().join("dav.pass");
    fs::write(&file, pass).expect("writing a password file");
    world
        .pluton(["storage", "add", "webdav", "--name", name, "--no-test"])
        .args(["--set", &format!("url={}", server.url()), "--set", "user=u"])
        .args(["--set", &format!("pass=@{}", file.display())])
        .run()
        .success();
}

/// The value of the one sample of `family` whose labels include `storage="NAME"`.
fn sample(text: &str, family: &str, storage: &str) -> Option<f64> {
    let wanted = format!("storage=\"{storage}\"");
    text.lines()
        .filter(|l| l.starts_with(&format!("{family}{{")) && l.contains(&wanted))
        .find_map(|l| l.rsplit(' ').next()?.parse().ok())
}

fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or_default()
}

/// A real node_exporter with only the textfile collector, on a free port of 127.0.0.1; killed
/// on drop.
struct NodeExporter {
    child: Child,
    port: u16,
}

impl NodeExporter {
    fn start(dir: &Path) -> NodeExporter {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a port");
        let child = Command::new(tool("prometheus-node-exporter"))
            .args(["--collector.disable-defaults", "--collector.textfile"])
            .arg(format!("--collector.textfile.directory={}", dir.display()))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting prometheus-node-exporter");
        NodeExporter { child, port }
    }

    /// GET /metrics, retried until node_exporter answers (it takes a moment to listen).
    fn scrape(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(body) = get(self.port, "/metrics") {
                return body;
            }
            assert!(self.child.try_wait().ok().flatten().is_none(), "node_exporter exited");
            assert!(Instant::now() < deadline, "node_exporter did not answer on 127.0.0.1:{}", self.port);
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for NodeExporter {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(port: u16, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    if !head.starts_with("HTTP/1.0 200") && !head.starts_with("HTTP/1.1 200") {
        return Err(std::io::Error::other(head.to_string()));
    }
    Ok(body.to_string())
}

#[test]
fn the_metrics_file_passes_promtool_and_node_exporter_serves_it() -> TestResult {
    let world = World::new();
    let secret = "dav-Secret-4711";
    let good = Served::webdav(&world.path().join("good"), "u", secret);
    add_webdav(&world, "NAS \"main\" \\ 1", &good, secret);
    world
        .pluton(["storage", "add", "local", "--name", "Disk", "--no-test", "--path"])
        .arg(world.path())
        .run()
        .success();
    let closed = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    world
        .pluton(["storage", "add", "webdav", "--name", "Stopped", "--no-test"])
        .args(["--set", &format!("url=http://127.0.0.1:{closed}/")])
        .run()
        .success();
    let textfiles = world.path().join("textfiles");
    fs::create_dir(&textfiles)?;
    let file = textfiles.join("pluton.prom");

    // A failing storage: the exit code is storage test's, and the file is written all the same.
    let before = world.storages();
    world.pluton(["storage", "test", "--all", "--usage", "--metrics-file"]).arg(&file).run().code(4);
    assert_eq!(world.storages(), before, "a check never rewrites storages.toml");
    let text = fs::read_to_string(&file)?;
    assert_eq!(fs::metadata(&file)?.permissions().mode() & 0o777, 0o644);
    let names: Vec<String> =
        fs::read_dir(&textfiles)?.flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    assert_eq!(names, ["pluton.prom"], "no temp file left beside it");
    let conf = world.conf();
    let obscured = conf.lines().find_map(|l| l.strip_prefix("pass = ")).unwrap_or("no pass line");
    assert!(!text.contains(secret) && !text.contains(obscured), "a secret in the metrics:\n{text}");

    assert_eq!(sample(&text, "pluton_storage_up", "Disk"), Some(1.0), "{text}");
    assert_eq!(sample(&text, "pluton_storage_up", "Stopped"), Some(0.0));
    assert_eq!(sample(&text, "pluton_storage_auth_required", "Stopped"), Some(0.0));
    assert_eq!(sample(&text, "pluton_storage_last_success_timestamp_seconds", "Stopped"), Some(0.0));
    let checked = sample(&text, "pluton_storage_last_check_timestamp_seconds", "Disk").unwrap_or_default();
    assert!((now() - checked).abs() < 120.0, "last check is now: {checked}");
    // The local disk reports a quota; webdav (rclone serve) reports none.
    assert!(sample(&text, "pluton_storage_quota_total_bytes", "Disk").is_some_and(|b| b > 0.0), "{text}");
    assert!(!text.contains("pluton_storage_quota_total_bytes{storage=\"Stopped\""));
    assert!(text.contains(r#"storage="NAS \"main\" \\ 1",remote="nas-main-1",provider="webdav"} 1"#), "{text}");
    assert!(text.contains("pluton_storages 3\n"));
    assert!(text.contains("pluton_build_info{version=\"0.1.0\",rclone_version=\"1."), "{text}");

    let lint = Command::new(tool("promtool")).args(["check", "metrics"]).stdin(fs::File::open(&file)?).output()?;
    let said = format!("{}{}", String::from_utf8_lossy(&lint.stdout), String::from_utf8_lossy(&lint.stderr));
    assert!(lint.status.success() && said.trim().is_empty(), "promtool check metrics:\n{said}");

    let mut exporter = NodeExporter::start(&textfiles);
    let served = exporter.scrape();
    assert!(served.lines().any(|l| l == "node_textfile_scrape_error 0"), "{served}");
    let up = served
        .lines()
        .find(|l| l.starts_with("pluton_storage_up{") && l.contains("storage=\"Disk\""))
        .unwrap_or_default();
    assert!(up.ends_with(" 1") && up.contains("provider=\"local\""), "node_exporter serves pluton's series:\n{served}");
    assert!(served.contains("pluton_storage_up{provider=\"webdav\",remote=\"stopped\",storage=\"Stopped\"} 0"));
    Ok(())
}

#[test]
fn metrics_are_written_with_no_storages_and_bad_destinations_change_nothing() -> TestResult {
    let world = World::new();
    let dir = world.path().join("prom");
    fs::create_dir(&dir)?;
    let file = dir.join("pluton.prom");
    world.pluton(["storage", "test", "--all", "--metrics-file"]).arg(&file).run().success();
    let text = fs::read_to_string(&file)?;
    assert!(text.contains("pluton_storages 0\n") && text.contains("pluton_last_run_timestamp_seconds "), "{text}");
    assert!(!text.contains("pluton_storage_up{"));

    // `-`: the exposition on stdout, instead of the table.
    world.with_remotes(&[("mem", "memory")]);
    let out = world.pluton(["storage", "test", "mem", "--metrics-file", "-"]).run().success();
    assert!(out.stdout.starts_with("# HELP pluton_build_info"), "{}", out.stdout);
    assert_eq!(sample(&out.stdout, "pluton_storage_up", "mem"), Some(1.0));

    let snapshot = world.snapshot();
    let checks = fs::read(world.config_dir().join("checks.json"))?;
    let bad: [(&[&str], &str); 4] = [
        (&["--metrics-file", "-", "--json"], "stdout"),
        (&["--usage"], "--metrics-file"),
        (&["--metrics-file", "/nonexistent-dir/pluton.prom"], "does not exist"),
        (&["--metrics-file", dir.to_str().unwrap_or_default()], "is a directory"),
    ];
    for (args, says) in bad {
        world.pluton(["storage", "test", "--all"]).args(args).run().code(2).stderr_has(says);
        assert_eq!(world.snapshot(), snapshot, "{args:?}");
        assert_eq!(fs::read(world.config_dir().join("checks.json"))?, checks, "{args:?} checked nothing");
    }
    Ok(())
}

#[test]
fn the_last_check_and_success_are_remembered_across_runs_and_renames() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "u", "p");
    add_webdav(&world, "NAS", &server, "p");
    let shown = world.pluton(["storage", "show", "nas", "--json"]).run().success().json();
    assert_eq!((shown["last_check"].is_null(), shown["last_success"].is_null()), (true, true));
    world.pluton(["storage", "show", "nas"]).run().success().stdout_has("last check:  never");

    world.pluton(["storage", "test", "nas"]).run().success();
    let first = world.list()[0].clone();
    assert_eq!(first["last_status"], "ok");
    assert_eq!(first["last_success"], first["last_check"]);
    let success = first["last_success"].as_str().unwrap_or_default().to_string();
    assert!(success.ends_with('Z'), "{first}");

    // The server goes away: the check fails, and the last success is still the one before.
    drop(server);
    std::thread::sleep(Duration::from_millis(1100)); // the next check is a later second
    world.pluton(["storage", "rename", "nas", "Old NAS"]).run().success();
    let dir = world.path().join("prom");
    fs::create_dir(&dir)?;
    let file = dir.join("pluton.prom");
    let storages = world.storages();
    world.pluton(["storage", "test", "--all", "--metrics-file"]).arg(&file).run().code(4);
    assert_eq!(world.storages(), storages, "storages.toml is never rewritten by a check");
    let shown = world.pluton(["storage", "show", "old nas", "--json"]).run().success().json();
    assert_eq!(shown["last_status"], "unreachable");
    assert_eq!(shown["last_success"], success.as_str(), "kept across a rename: {shown}");
    assert_ne!(shown["last_check"], success.as_str());
    world.pluton(["storage", "show", "old nas"]).run().success().stdout_has(&format!("last passed: {success}"));
    let expected = jiff_seconds(&success);

    // The metrics file is only a view: deleted, the next run says the same.
    fs::remove_file(&file)?;
    world.pluton(["storage", "test", "--all", "--metrics-file"]).arg(&file).run().code(4);
    let text = fs::read_to_string(&file)?;
    assert_eq!(sample(&text, "pluton_storage_last_success_timestamp_seconds", "Old NAS"), Some(expected), "{text}");
    assert_eq!(sample(&text, "pluton_storage_up", "Old NAS"), Some(0.0));
    Ok(())
}

/// Seconds since the epoch of `2026-01-02T03:04:05Z`.
fn jiff_seconds(rfc3339: &str) -> f64 {
    let out = Command::new("date").args(["-u", "-d", rfc3339, "+%s"]).output().expect("running date");
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("date prints seconds")
}

/// The keepalive: a check of a storage whose access token expired makes rclone refresh it
/// (with the provider's refresh token), rclone.conf keeps the new token, and the deadline
/// series moves to about now + the provider's refresh-token lifetime.
#[test]
fn a_check_keeps_oauth_sign_ins_alive_and_moves_their_deadline() -> TestResult {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    crate::health::add_onedrive(&world, &provider, crate::health::EXPIRED);
    let token = world.path().join("token.json");
    fs::write(&token, crate::health::EXPIRED)?;
    // Box's API cannot be pointed at this machine, but its token endpoint can: rclone refreshes
    // the token before it tries (and here fails) to list.
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file"])
        .arg(&token)
        .args(["--set", &format!("token_url={}/token", provider.base)])
        .run()
        .success();
    let listed = world.list();
    assert!(listed.iter().all(|s| s["token"]["state"] == "expired"), "{listed:?}");

    let dir = world.path().join("prom");
    fs::create_dir(&dir)?;
    let file = dir.join("pluton.prom");
    let out = world.pluton(["storage", "test", "--all", "--timeout", "10", "--metrics-file"]).arg(&file).run();
    assert!(matches!(out.code, Some(4 | 5)), "Box's API is out of reach: {out:?}");

    let issued = provider.issued();
    assert_eq!(issued.len(), 2, "one refresh per storage");
    let conf = world.conf();
    for token in &issued {
        let access = token["access_token"].as_str().unwrap_or("none");
        assert!(conf.contains(access), "rclone.conf keeps the refreshed token:\n{conf}");
    }
    assert!(!conf.contains("old-refresh"));
    let text = fs::read_to_string(&file)?;
    assert!(
        !text.contains("old-refresh")
            && !issued.iter().any(|t| text.contains(t["refresh_token"].as_str().unwrap_or("?")))
    );
    assert_eq!(sample(&text, "pluton_storage_up", "OneDrive"), Some(1.0), "{text}");
    let deadline = |name: &str| sample(&text, "pluton_storage_refresh_token_deadline_timestamp_seconds", name);
    let day = 86_400.0;
    let onedrive = deadline("OneDrive").unwrap_or_default() - now();
    let boxed = deadline("Box").unwrap_or_default() - now();
    assert!((onedrive - 90.0 * day).abs() < 600.0, "OneDrive: now + 90 days, got {onedrive} s\n{text}");
    assert!((boxed - 60.0 * day).abs() < 600.0, "Box: now + 60 days, got {boxed} s\n{text}");
    assert!(world.list().iter().all(|s| s["token"]["state"] == "ok"));
    Ok(())
}

/// node_exporter may read the file at any moment: every read sees one whole file, never a
/// half-written one, while 30 runs (three at a time) rewrite it.
#[test]
fn a_reader_polling_the_metrics_file_always_sees_a_whole_file() -> TestResult {
    let world = World::new();
    // 300 storages whose sections are missing: each run checks them without starting rclone,
    // and writes a file of some 300 KB.
    let mut toml = String::new();
    for i in 0..300 {
        toml.push_str(&format!(
            "[[storage]]\nid = \"{i:08x}\"\nname = \"Storage {i}\"\nprovider = \"box\"\nremote = \"storage-{i}\"\npath = \"\"\ncreated_at = \"2026-01-01T00:00:00Z\"\n\n"
        ));
    }
    fs::write(world.storages_path(), toml)?;
    let dir = world.path().join("prom");
    fs::create_dir(&dir)?;
    let file = dir.join("pluton.prom");
    world.pluton(["storage", "test", "--all", "--metrics-file"]).arg(&file).run().code(4);
    let whole = fs::read_to_string(&file)?;
    let lines = whole.lines().count();
    assert!(whole.ends_with("pluton_storage_last_success_timestamp_seconds{storage=\"Storage 299\",remote=\"storage-299\",provider=\"box\"} 0\n"), "{whole}");

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, file, dir) = (stop.clone(), file.clone(), dir.clone());
        std::thread::spawn(move || -> Result<usize, String> {
            let mut reads = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let text = fs::read_to_string(&file).map_err(|e| format!("the file went missing: {e}"))?;
                if text.lines().count() != lines || !text.ends_with(" 0\n") || !text.starts_with("# HELP") {
                    return Err(format!("a partial file ({} bytes)", text.len()));
                }
                for entry in fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".prom") && name != "pluton.prom" {
                        return Err(format!("a temp file node_exporter would read: {name}"));
                    }
                }
                reads += 1;
            }
            Ok(reads)
        })
    };
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let runs: Vec<_> =
                (0..10).map(|_| world.pluton(["storage", "test", "--all", "--metrics-file"]).arg(&file)).collect();
            std::thread::spawn(move || runs.into_iter().map(|r| r.run().code).collect::<Vec<_>>())
        })
        .collect();
    for handle in runs {
        let codes = handle.join().map_err(|_| "a run thread panicked")?;
        assert!(codes.iter().all(|c| *c == Some(4)), "{codes:?}");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let reads = reader.join().map_err(|_| "the reader panicked")??;
    assert!(reads > 30, "the reader read while the runs wrote ({reads} reads)");
    Ok(())
}

#[test]
fn promtool_accepts_the_shipped_alert_rules_and_their_tests() {
    let promtool = tool("promtool");
    for args in [["check", "rules", "pluton.rules.yml"], ["test", "rules", "pluton.rules.test.yml"]] {
        let out = Command::new(&promtool).args(args).current_dir(EXAMPLES).output().expect("running promtool");
        assert!(
            out.status.success(),
            "promtool {args:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let rules = fs::read_to_string(Path::new(EXAMPLES).join("pluton.rules.yml")).unwrap_or_default();
    for alert in [
        "PlutonStorageDown",
        "PlutonSignInNeeded",
        "PlutonRefreshTokenLapsing",
        "PlutonStorageNotChecked",
        "PlutonStorageAlmostFull",
        "PlutonTokenOnTwoHosts",
    ] {
        assert!(rules.contains(&format!("alert: {alert}")), "{alert}");
    }
}

/// systemd-analyze checks that the units parse and that ExecStart's program exists: the test
/// verifies a copy whose /usr/bin/pluton is the pluton just built (the shipped path exists once
/// the package is installed), and runs that very command line, so it is one pluton accepts.
/// `--man=no`: the man page it names is checked here instead (it is installed with the package).
#[test]
fn systemd_accepts_the_shipped_units_and_their_command_runs() -> TestResult {
    let world = World::new();
    let service = fs::read_to_string(Path::new(EXAMPLES).join("pluton-check.service"))?;
    let timer = fs::read_to_string(Path::new(EXAMPLES).join("pluton-check.timer"))?;
    for unit in [&service, &timer] {
        assert!(unit.contains("Documentation=man:pluton-storage-test(1)"));
    }
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man/pluton-storage-test.1").is_file());
    for needed in
        ["Type=oneshot", "ExecStart=/usr/bin/pluton ", "--metrics-file /var/lib/prometheus/node-exporter/pluton.prom"]
    {
        assert!(service.contains(needed), "{needed}");
    }
    for needed in ["OnCalendar=", "RandomizedDelaySec=", "Persistent=true", "WantedBy=timers.target"] {
        assert!(timer.contains(needed), "{needed}");
    }
    let units = world.path().join("units");
    fs::create_dir(&units)?;
    let pluton = env!("CARGO_BIN_EXE_pluton");
    fs::write(units.join("pluton-check.service"), service.replace("/usr/bin/pluton", pluton))?;
    fs::write(units.join("pluton-check.timer"), &timer)?;
    let out = Command::new(tool("systemd-analyze"))
        .args(["verify", "--man=no"])
        .arg(units.join("pluton-check.service"))
        .arg(units.join("pluton-check.timer"))
        .output()?;
    let said = String::from_utf8_lossy(&out.stderr);
    let ours: Vec<&str> = said.lines().filter(|l| l.contains("pluton-check")).collect();
    assert!(out.status.success() && ours.is_empty(), "systemd-analyze verify:\n{said}");

    // The ExecStart line, run in this world (with the textfile directory moved here).
    let exec = service.lines().find_map(|l| l.strip_prefix("ExecStart=/usr/bin/pluton ")).unwrap_or_default();
    let textfiles = world.path().join("node-exporter");
    fs::create_dir(&textfiles)?;
    let args: Vec<String> = exec
        .split_whitespace()
        .map(|a| a.replace("/var/lib/prometheus/node-exporter", &textfiles.display().to_string()))
        .collect();
    world.with_remotes(&[("mem", "memory")]);
    world.pluton(&args).run().success();
    assert!(fs::read_to_string(textfiles.join("pluton.prom"))?.contains("pluton_storage_up{storage=\"mem\""));
    Ok(())
}

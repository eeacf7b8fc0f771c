//! test, edit, reauth, usage and doctor against real servers and real rclone.

use std::fs;
use std::net::TcpListener;

use crate::support::oauth::{OAuthServer, Options};
use crate::support::servers::Served;
use crate::support::{TestResult, World, rclone};

fn add_webdav(world: &World, name: &str, server: &Served, pass: &str) {
    let file = world.path().join(format!("{name}.pass"));
    fs::write(&file, pass).expect("writing a password file");
    world
        .pluton(["storage", "add", "webdav", "--name", name, "--no-test"])
        .args(["--set", &format!("url={}", server.url()), "--set", "user=u"])
        .args(["--set", &format!("pass=@{}", file.display())])
        .run()
        .success();
}

#[test]
fn test_all_reports_each_storage_and_exits_for_cron() -> TestResult {
    let world = World::new();
    let good = Served::webdav(&world.path().join("good"), "u", "p");
    let wrong = Served::webdav(&world.path().join("wrong"), "u", "other");
    add_webdav(&world, "Good", &good, "p");
    add_webdav(&world, "Wrong Pass", &wrong, "p");
    let closed = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    world
        .pluton(["storage", "add", "webdav", "--name", "Stopped", "--no-test"])
        .args(["--set", &format!("url=http://127.0.0.1:{closed}/")])
        .run()
        .success();

    world.pluton(["storage", "test", "good"]).run().success().stdout_has("ok");
    let out = world.pluton(["storage", "test", "--all", "--json"]).run().code(5);
    let results = out.json();
    let by_name =
        |n: &str| results.as_array().and_then(|a| a.iter().find(|r| r["name"] == n)).cloned().unwrap_or_default();
    assert_eq!(by_name("Good")["status"], "ok");
    assert_eq!(by_name("Good")["ok"], true);
    assert_eq!(by_name("Wrong Pass")["status"], "auth_required");
    assert_eq!(by_name("Stopped")["status"], "unreachable");
    for r in results.as_array().into_iter().flatten() {
        for key in ["name", "remote", "ok", "status", "message", "duration_ms"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    // Without the authorization failure, an unreachable storage makes it 4.
    world.pluton(["storage", "test", "good", "stopped"]).run().code(4).stdout_has("unreachable");
    world.pluton(["storage", "test", "nosuch"]).run().code(3);
    world.pluton(["storage", "test"]).run().code(2);
    Ok(())
}

#[test]
fn edit_changes_only_its_keys_and_is_verified() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "u", "p");
    world.write_conf("# keep me\n[other]\ntype = memory\n\n");
    add_webdav(&world, "NAS", &server, "p");
    let before = world.conf();

    // A change that breaks the connection is refused and writes nothing.
    fs::write(world.path().join("bad.pass"), "nope")?;
    let bad = format!("pass=@{}", world.path().join("bad.pass").display());
    world.pluton(["storage", "edit", "nas", "--set", &bad]).run().code(5);
    assert_eq!(world.conf(), before);

    world.pluton(["storage", "edit", "nas", "--set", "vendor=other", "--set", "pacer_min_sleep=20ms"]).run().success();
    let after = world.conf();
    assert!(after.starts_with("# keep me\n[other]\ntype = memory\n\n"), "{after}");
    assert!(after.contains("vendor = other\n"));
    world.pluton(["storage", "edit", "nas", "--unset", "pacer_min_sleep"]).run().success();
    assert!(!world.conf().contains("pacer_min_sleep"));

    let snapshot = world.snapshot();
    world.pluton(["storage", "edit", "nas", "--set", "type=s3"]).run().code(2);
    world.pluton(["storage", "edit", "nas", "--unset", "type"]).run().code(2).stderr_has("cannot be changed");
    world.pluton(["storage", "edit", "nas", "--unset", "nosuchkey"]).run().code(2);
    world.pluton(["storage", "edit", "nas"]).run().code(2).stderr_has("nothing to change");
    world.pluton(["storage", "edit", "nas", "--set", "nosuchoption=1"]).run().code(2);
    assert_eq!(world.snapshot(), snapshot);
    Ok(())
}

/// A OneDrive storage whose token and Graph endpoints are the test provider, so rclone can
/// refresh and list without leaving this machine.
pub(crate) fn add_onedrive(world: &World, provider: &OAuthServer, token: &str) {
    let file = world.path().join("od-token.json");
    fs::write(&file, token).expect("writing the token file");
    world
        .pluton(["storage", "add", "onedrive", "--name", "OneDrive", "--no-test", "--token-file"])
        .arg(&file)
        .args([
            "--set",
            &format!("token_url={}/token", provider.base),
            "--set",
            &format!("tenant_url={}", provider.base),
        ])
        .args(["--set", &format!("drive_id={}", crate::support::oauth::DRIVE_ID), "--set", "drive_type=personal"])
        .run()
        .success();
}

pub(crate) const EXPIRED: &str = r#"{"access_token":"old-access","token_type":"Bearer","refresh_token":"old-refresh","expiry":"2020-01-01T00:00:00Z"}"#;

#[test]
fn a_test_lets_rclone_refresh_an_expired_token_into_rclone_conf() {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    add_onedrive(&world, &provider, EXPIRED);
    world.pluton(["storage", "test", "onedrive"]).run().success();
    let issued = provider.issued();
    assert_eq!(issued.len(), 1, "one refresh");
    let access = issued[0]["access_token"].as_str().unwrap_or_default();
    assert!(world.conf().contains(access), "rclone wrote the refreshed token:\n{}", world.conf());
    assert!(!world.conf().contains("old-refresh"));
}

#[test]
fn a_revoked_refresh_token_needs_reauth() {
    let world = World::new();
    let provider = OAuthServer::start(Options { invalid_grant: true, ..Options::default() });
    add_onedrive(&world, &provider, EXPIRED);
    world.pluton(["storage", "test", "--all"]).run().code(5).stdout_has("auth needed").stdout_has("reauth");
    // A new token that cannot be refreshed either is not saved.
    let before = world.snapshot();
    world.pluton(["storage", "reauth", "onedrive", "--token-file", "-"]).stdin(EXPIRED).run().code(5);
    assert_eq!(world.snapshot(), before);
}

#[test]
fn reauth_replaces_only_the_token_with_what_rclone_verified() -> TestResult {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    add_onedrive(&world, &provider, EXPIRED);
    let before = world.conf();

    let fresh = r#"{"access_token":"new-access","token_type":"Bearer","refresh_token":"new-refresh","expiry":"2020-01-01T00:00:00Z"}"#;
    world
        .pluton(["storage", "reauth", "onedrive", "--token-file", "-"])
        .stdin(fresh)
        .run()
        .success()
        .nowhere("new-access");
    let after = world.conf();
    // The check refreshed the (expired) new token once; that refreshed token is what is kept.
    let issued = provider.issued();
    assert_eq!(issued.len(), 1);
    let kept = issued[0]["refresh_token"].as_str().unwrap_or_default();
    assert!(after.contains(kept), "{after}");
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "only the token line changes: {changed:?}");
    assert!(changed[0].0.starts_with("token = "));
    assert_eq!(before.lines().count(), after.lines().count());

    Ok(())
}

#[test]
fn reauth_no_test_takes_a_token_while_the_provider_is_unreachable() -> TestResult {
    let world = World::new();
    let provider = OAuthServer::start(Options::default());
    add_onedrive(&world, &provider, EXPIRED);
    // The provider goes away: an outage, or a host that reaches it only through a proxy.
    drop(provider);
    let fresh = r#"{"access_token":"offline-access","token_type":"Bearer","refresh_token":"offline-refresh","expiry":"2099-01-01T00:00:00Z"}"#;
    let before = world.snapshot();
    world
        .pluton(["storage", "reauth", "onedrive", "--token-file", "-"])
        .stdin(fresh)
        .run()
        .code(4)
        .nowhere("offline-access");
    assert_eq!(world.snapshot(), before, "a failed check writes nothing");

    let (conf_before, storages_before) = (world.conf(), world.storages());
    world
        .pluton(["storage", "reauth", "onedrive", "--token-file", "-", "--no-test"])
        .stdin(fresh)
        .run()
        .success()
        .stderr_has("not verified")
        .nowhere("offline-access");
    let after = world.conf();
    assert_eq!(world.stored_token()["access_token"], "offline-access");
    assert_eq!(world.stored_token()["refresh_token"], "offline-refresh");
    // Every other byte of both files is as it was.
    assert_eq!(world.storages(), storages_before);
    let strip = |text: &str| text.split_inclusive('\n').filter(|l| !l.starts_with("token = ")).collect::<String>();
    assert_eq!(strip(&after), strip(&conf_before));
    assert_eq!(after.lines().count(), conf_before.lines().count());
    Ok(())
}

#[test]
fn reauth_refuses_non_oauth_storages_and_bad_tokens() {
    let world = World::new();
    world.with_remotes(&[("mem", "memory")]);
    world.pluton(["storage", "reauth", "mem", "--token-file", "-"]).stdin("{}").run().code(2).stderr_has("OAuth");
    let token = r#"{"access_token":"a","token_type":"Bearer"}"#;
    world
        .pluton(["storage", "add", "putio", "--name", "P", "--no-test", "--token-file", "-"])
        .stdin(token)
        .run()
        .success();
    let before = world.snapshot();
    world.pluton(["storage", "reauth", "p"]).run().code(2).stderr_has("--token-file");
    world.pluton(["storage", "reauth", "p", "--token-file", "-"]).stdin("garbage").run().code(2);
    assert_eq!(world.snapshot(), before);
}

#[test]
fn usage_reports_sizes_or_says_the_backend_cannot() -> TestResult {
    let world = World::new();
    let data = world.path().join("data");
    fs::create_dir_all(&data)?;
    fs::write(data.join("file.bin"), vec![0u8; 4096])?;
    world.write_conf(&format!("[loc]\ntype = alias\nremote = {}\n\n[mem]\ntype = memory\n", data.display()));
    world.pluton(["storage", "import", "--all"]).run().success();
    let out = world.pluton(["storage", "usage", "loc", "--json"]).run().success();
    assert!(out.json()["total"].as_u64().is_some_and(|t| t > 0), "{}", out.stdout);
    world.pluton(["storage", "usage", "loc"]).run().success().stdout_has("total");
    world.pluton(["storage", "usage", "mem"]).run().code(1).stderr_has("cannot report");

    // WebDAV answers `about` with no figures at all.
    let server = Served::webdav(&world.path().join("dav"), "u", "p");
    add_webdav(&world, "Dav", &server, "p");
    world.pluton(["storage", "usage", "dav"]).run().success().stderr_has("reported no usage");
    Ok(())
}

#[test]
fn doctor_is_happy_with_a_healthy_setup_and_names_problems() -> TestResult {
    // No port lock: doctor only knocks on port 53682, so a sign-in test may hold it meanwhile
    // (the port check may then warn).
    let world = World::new();
    world.with_remotes(&[("a", "memory")]);
    let out = world.pluton(["doctor", "--json"]).run();
    let report = out.json();
    let failing: Vec<_> = report["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["status"] == "fail" || (c["status"] == "warn" && c["name"] != "port 53682"))
        .collect();
    assert!(failing.is_empty(), "{report}");

    // Break it: a storage whose section is gone, an unmanaged remote, a world-readable file.
    world.write_conf("[b]\ntype = memory\n");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(world.conf_path(), fs::Permissions::from_mode(0o644))?;
    let out = world.pluton(["doctor"]).run().code(1);
    let out = out.stdout_has("no rclone.conf section for \"a\"").stdout_has("storage import --all");
    out.stdout_has("chmod 600");
    // doctor only reads.
    assert_eq!(world.conf(), "[b]\ntype = memory\n");
    rclone(&world.conf_path(), &["listremotes"]).success();
    Ok(())
}

#[test]
fn list_and_show_flag_tokens_that_need_a_new_sign_in() {
    let world = World::new();
    world.write_conf(concat!(
        "[oldbox]\ntype = box\ntoken = {\"access_token\":\"A1\",\"refresh_token\":\"R1\",\"expiry\":\"2020-01-01T00:00:00Z\"}\n\n",
        "[putio]\ntype = putio\ntoken = {\"access_token\":\"A2\",\"token_type\":\"bearer\",\"expiry\":\"0001-01-01T00:00:00Z\"}\n\n",
        "[dav]\ntype = webdav\nurl = http://127.0.0.1:9/\n",
    ));
    world.pluton(["storage", "import", "--all"]).run().success();
    let out = world.pluton(["storage", "list"]).run().success().nowhere("A1").nowhere("R1");
    let line = |name: &str| out.stdout.lines().find(|l| l.starts_with(name)).unwrap_or_default().to_string();
    assert!(line("oldbox").ends_with("expired: reauth"), "{}", out.stdout);
    assert!(line("putio").ends_with("ok"), "{}", out.stdout);
    assert!(line("dav").ends_with('-'), "{}", out.stdout);

    let list = world.list();
    assert_eq!(list[0]["token"]["state"], "expired");
    assert_eq!(list[1]["token"]["state"], "ok");
    assert!(list[2].get("token").is_none());
    let show = world.pluton(["storage", "show", "oldbox", "--json"]).run().success();
    assert_eq!(show.json()["token"]["refresh_expires"], "2020-02-29T23:00:00Z");
    world.pluton(["storage", "show", "oldbox"]).run().success().stdout_has("pluton storage reauth");
}

/// doctor's port-53682 check as JSON.
fn port_check(world: &World) -> serde_json::Value {
    let report = world.pluton(["doctor", "--json"]).run().json();
    let checks = report["checks"].as_array().cloned().unwrap_or_default();
    checks.into_iter().find(|c| c["name"] == "port 53682").unwrap_or_default()
}

#[test]
fn doctor_reports_port_53682_busy_by_connecting_to_whatever_listens_there() -> TestResult {
    let _port = crate::support::browser::port_53682();
    let world = World::new();
    let holder = TcpListener::bind("127.0.0.1:53682")?;
    holder.set_nonblocking(true)?;
    let check = port_check(&world);
    assert_eq!(check["status"], "warn", "{check}");
    assert!(check["message"].as_str().unwrap_or_default().contains("in use"), "{check}");
    // doctor asked the listener (a connection attempt), it did not try to take the port.
    assert!(holder.accept().is_ok(), "doctor never connected to the listener on 53682");
    drop(holder);
    assert_eq!(port_check(&world)["status"], "ok");
    Ok(())
}

#[test]
fn doctor_never_takes_port_53682_from_a_sign_in_starting_beside_it() {
    let _port = crate::support::browser::port_53682();
    let world = World::new();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A sign-in that keeps starting: takes the port, holds it a moment, lets it go.
    let signin = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut refused = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                match bind_53682() {
                    Ok(socket) => drop(socket),
                    Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => refused += 1,
                    Err(e) => panic!("binding 53682: {e}"),
                }
            }
            refused
        })
    };
    // Without rclone, doctor is quick: many runs, many chances to collide.
    let no_rclone = world.path().join("no-rclone");
    for _ in 0..40 {
        world.pluton(["doctor", "--json"]).env("PLUTON_RCLONE", &no_rclone).run();
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let refused = signin.join().unwrap_or(usize::MAX);
    assert_eq!(refused, 0, "a sign-in found port 53682 taken by doctor {refused} times");
}

/// Binds 127.0.0.1:53682 without listening: the moment a sign-in takes the port. (A listener
/// here would count doctor's knock as a connection, and closing a listener with a knock still
/// queued holds the port for the closing handshake: a quirk of this loop, as rclone accepts.)
#[allow(unsafe_code)]
fn bind_53682() -> std::io::Result<std::os::fd::OwnedFd> {
    use std::os::fd::FromRawFd;
    let address = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: 53682u16.to_be(),
        sin_addr: libc::in_addr { s_addr: u32::from_be_bytes([127, 0, 0, 1]).to_be() },
        sin_zero: [0; 8],
    };
    // SAFETY: plain socket calls on a descriptor this function owns (the OwnedFd closes it);
    // bind reads `address`, which lives across the call.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let socket = std::os::fd::OwnedFd::from_raw_fd(fd);
        // As rclone (and any server) does, so that connections of earlier tests still in
        // TIME_WAIT do not count.
        let on: libc::c_int = 1;
        let on_size = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        if libc::setsockopt(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, (&raw const on).cast(), on_size) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let size = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        if libc::bind(fd, (&raw const address).cast(), size) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(socket)
    }
}

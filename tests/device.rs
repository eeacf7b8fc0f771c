//! `--device`: put.io's link code and Microsoft's device code, against the test provider.

use std::time::Duration;

use crate::support::oauth::{DRIVE_ID, DeviceOutcome, OAuthServer, Options, PUTIO_CODE, USER_CODE};
use crate::support::{Run, World};

fn onedrive(world: &World, provider: &OAuthServer, args: &[&str]) -> Run {
    let run = world.pluton(["storage", "add", "onedrive", "--name", "OD", "--device"]).args(args);
    provider.env_for("onedrive").into_iter().fold(run, |run, (k, v)| run.env(k, v))
}

#[test]
fn putio_link_code_stores_a_token_that_never_expires() {
    let world = World::new();
    let provider = OAuthServer::start(Options { pending_polls: 1, ..Options::default() });
    let out = world
        .pluton(["storage", "add", "putio", "--name", "Putio", "--device", "--no-test"])
        .env("PLUTON_PUTIO_API_URL", &provider.base)
        .run()
        .success()
        .stderr_has("https://put.io/link")
        .stderr_has(PUTIO_CODE);
    let token = world.stored_token();
    assert_eq!(token["access_token"], provider.issued()[0]["access_token"], "{}", out.stderr);
    assert_eq!(token["expiry"], "0001-01-01T00:00:00Z");
    // Polled until the code was entered: the first poll was still pending.
    let polls = provider.requests().iter().filter(|r| r.path == format!("/v2/oauth2/oob/code/{PUTIO_CODE}")).count();
    assert_eq!(polls, 2);
    let first = provider.requests().into_iter().find(|r| r.path == "/v2/oauth2/oob/code").map(|r| r.query);
    assert_eq!(first.and_then(|q| q.get("app_id").cloned()).as_deref(), Some("4131"));
}

#[test]
fn onedrive_device_code_honours_the_interval_and_slow_down_and_proves_the_refresh() {
    let world = World::new();
    let provider =
        OAuthServer::start(Options { pending_polls: 1, slow_down: true, public_client: true, ..Options::default() });
    onedrive(&world, &provider, &["--client-id", "my-public-app"])
        .run()
        .success()
        .stderr_has(USER_CODE)
        .stderr_has("https://microsoft.com/devicelogin")
        .stderr_has("verified");
    let polls: Vec<_> = provider
        .requests()
        .into_iter()
        .filter(|r| r.form.get("grant_type").is_some_and(|g| g.ends_with("device_code")))
        .collect();
    assert_eq!(polls.len(), 3, "slow_down, pending, approved");
    let gaps: Vec<Duration> = polls.windows(2).map(|w| w[1].at - w[0].at).collect();
    assert!(gaps[0] >= Duration::from_secs(6), "slow_down adds five seconds to the one-second interval: {gaps:?}");
    assert!(gaps[1] >= Duration::from_secs(6), "and keeps it wider: {gaps:?}");
    // The check made rclone refresh the new token once, without a client secret.
    let refreshes = provider
        .requests()
        .iter()
        .filter(|r| r.form.get("grant_type").map(String::as_str) == Some("refresh_token"))
        .count();
    assert_eq!(refreshes, 1);
    let issued = provider.issued();
    assert_eq!(
        world.stored_token()["access_token"],
        issued[issued.len() - 1]["access_token"],
        "the refreshed token is kept"
    );
    let conf = world.conf();
    assert!(conf.contains("client_id = my-public-app\n") && !conf.contains("client_secret"), "{conf}");
    assert!(conf.contains(&format!("drive_id = {DRIVE_ID}\n")), "{conf}");
}

#[test]
fn a_token_microsoft_will_not_refresh_for_rclones_app_is_not_saved() {
    let world = World::new();
    let provider = OAuthServer::start(Options { public_client: true, ..Options::default() });
    let before = world.snapshot();
    onedrive(&world, &provider, &[])
        .run()
        .code(5)
        .stderr_has("cannot be refreshed")
        .stderr_has("Allow public client flows")
        .stderr_has("--client-id");
    assert_eq!(world.snapshot(), before);
}

#[test]
fn a_denied_or_expired_code_writes_nothing() {
    for (outcome, words) in [(DeviceOutcome::Deny, "declined"), (DeviceOutcome::Expire, "expired")] {
        let world = World::new();
        let provider = OAuthServer::start(Options { device_outcome: outcome, ..Options::default() });
        let before = world.snapshot();
        onedrive(&world, &provider, &["--client-id", "app"]).run().code(5).stderr_has(words);
        assert_eq!(world.snapshot(), before);
    }
    // Our own timeout ends the wait too.
    let world = World::new();
    let provider = OAuthServer::start(Options { pending_polls: 100, ..Options::default() });
    onedrive(&world, &provider, &["--client-id", "app", "--timeout", "3"])
        .run()
        .code(5)
        .stderr_has("run the command again");
}

#[test]
fn providers_without_a_code_sign_in_name_the_alternatives() {
    let world = World::new();
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--device"])
        .run()
        .code(2)
        .stderr_has("--authorize --no-browser")
        .stderr_has("--token-file -");
    world
        .pluton(["storage", "add", "onedrive", "--name", "OD", "--device", "--client-id", "x"])
        .env("PLUTON_CLIENT_SECRET", "s3cr3t")
        .run()
        .code(2)
        .stderr_has("public client")
        .nowhere("s3cr3t");
}

#[test]
fn reauth_with_a_device_code_replaces_only_the_token() {
    let world = World::new();
    let provider = OAuthServer::start(Options { public_client: true, ..Options::default() });
    let old = r#"{"access_token":"old","token_type":"Bearer","refresh_token":"old-r","expiry":"2099-01-01T00:00:00Z"}"#;
    let run = world
        .pluton([
            "storage",
            "add",
            "onedrive",
            "--name",
            "OD",
            "--no-test",
            "--token-file",
            "-",
            "--client-id",
            "my-public-app",
        ])
        .args(["--set", &format!("drive_id={DRIVE_ID}"), "--set", "drive_type=personal"])
        .stdin(old);
    provider.env_for("onedrive").into_iter().fold(run, |run, (k, v)| run.env(k, v)).run().success();
    let before = world.conf();
    let run = world.pluton(["storage", "reauth", "od", "--device"]);
    provider
        .env_for("onedrive")
        .into_iter()
        .fold(run, |run, (k, v)| run.env(k, v))
        .run()
        .success()
        .stderr_has(USER_CODE);
    let after = world.conf();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let issued = provider.issued();
    assert_eq!(issued.len(), 2, "the device token and its proving refresh");
    assert_eq!(world.stored_token()["access_token"], issued[1]["access_token"]);
}

//! One storage on two hosts: a refresh token copied along with it. The metrics give each token
//! a fingerprint, so that the same one seen at two hosts can raise an alert; and where a refresh
//! token works once (Box), the host that refreshes second is told that a copy is the likely
//! cause. Real rclone refreshes against the test provider, which spends each refresh token once.

use std::fs;
use std::path::Path;

use crate::support::oauth::{OAuthServer, Options};
use crate::support::{TestResult, World};

const FAMILY: &str = "pluton_storage_token_fingerprint_info";

/// The fingerprint label of the storage's series in a metrics file.
fn fingerprint(text: &str, storage: &str) -> Option<String> {
    let wanted = format!("storage=\"{storage}\"");
    let line = text.lines().find(|l| l.starts_with(&format!("{FAMILY}{{")) && l.contains(&wanted))?;
    assert!(line.ends_with("} 1"), "{line}");
    let start = line.find("fingerprint=\"")? + "fingerprint=\"".len();
    let len = line[start..].find('"')?;
    Some(line[start..start + len].to_string())
}

/// The refresh token in rclone.conf's `token = …` line of the only storage.
fn refresh_token(world: &World) -> String {
    let conf = world.conf();
    let token = conf.lines().find_map(|l| l.strip_prefix("token = ")).unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(token).unwrap_or_default();
    json["refresh_token"].as_str().unwrap_or_default().to_string()
}

/// Moves the access token's expiry into the past, as the hours after a check do: the next use
/// refreshes it.
fn expire_access_token(world: &World) {
    let conf = world.conf();
    let text: String = conf
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix("token = ") {
            Some(token) => {
                let mut json: serde_json::Value = serde_json::from_str(token.trim_end()).unwrap_or_default();
                json["expiry"] = "2020-01-01T00:00:00Z".into();
                format!("token = {json}\n")
            }
            None => line.to_string(),
        })
        .collect();
    world.write_conf(&text);
}

/// A copy of the host's config dir (rclone.conf and storages.toml), as a cloned VM or a copied
/// backup gives another host.
fn clone_host(from: &World) -> World {
    let to = World::new();
    to.write_conf(&from.conf());
    fs::write(to.storages_path(), from.storages()).expect("copying storages.toml");
    to
}

fn test_with_metrics(world: &World, file: &Path, extra: &[&str]) -> crate::support::Outcome {
    world.pluton(["storage", "test", "Box", "--timeout", "10", "--metrics-file"]).arg(file).args(extra).run()
}

#[test]
fn a_box_token_cloned_to_a_second_host_shows_in_the_metrics_and_names_the_copy_when_refused() -> TestResult {
    let provider = OAuthServer::start(Options { single_use_refresh: true, ..Options::default() });
    let host_a = World::new();
    let token = host_a.path().join("token.json");
    fs::write(&token, crate::health::EXPIRED)?;
    // Box's API cannot be pointed at this machine, but its token endpoint can: rclone refreshes
    // the token before it tries (and here fails) to list.
    host_a
        .pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file"])
        .arg(&token)
        .args(["--set", &format!("token_url={}/token", provider.base)])
        .run()
        .success();
    // Host A's daily check refreshes the expired token; then the host is cloned.
    let a_prom = host_a.path().join("a.prom");
    let out = test_with_metrics(&host_a, &a_prom, &[]);
    assert!(matches!(out.code, Some(4 | 5)), "Box's API is out of reach: {out:?}");
    assert_eq!(provider.issued().len(), 1, "one refresh");
    let host_b = clone_host(&host_a);
    let b_prom = host_b.path().join("b.prom");

    // Both hosts check with the access token still valid: no refresh, and one fingerprint on
    // both, which is what PlutonTokenOnTwoHosts fires on.
    test_with_metrics(&host_a, &a_prom, &[]);
    test_with_metrics(&host_b, &b_prom, &[]);
    assert_eq!(provider.issued().len(), 1, "no refresh while the access token is valid");
    let (a_text, b_text) = (fs::read_to_string(&a_prom)?, fs::read_to_string(&b_prom)?);
    let shared = fingerprint(&a_text, "Box").ok_or(format!("no fingerprint:\n{a_text}"))?;
    assert_eq!(fingerprint(&b_text, "Box").as_deref(), Some(shared.as_str()), "{b_text}");
    assert!(a_text.contains(&format!("# TYPE {FAMILY} gauge")) && a_text.contains(&format!("# HELP {FAMILY} ")));
    let lint = std::process::Command::new(crate::monitoring::tool("promtool"))
        .args(["check", "metrics"])
        .stdin(fs::File::open(&a_prom)?)
        .output()?;
    assert!(lint.status.success(), "promtool check metrics: {}", String::from_utf8_lossy(&lint.stderr));
    let refresh = refresh_token(&host_a);
    assert!(!refresh.is_empty() && !a_text.contains(&refresh) && !refresh.contains(&shared), "{a_text}");

    // Hours later both access tokens have expired. Host A refreshes first and gets a new
    // refresh token; host B's copy of the old one is spent.
    expire_access_token(&host_a);
    expire_access_token(&host_b);
    test_with_metrics(&host_a, &a_prom, &[]);
    assert_eq!(provider.issued().len(), 2, "host A refreshed");
    let a_text = fs::read_to_string(&a_prom)?;
    assert_ne!(fingerprint(&a_text, "Box").as_deref(), Some(shared.as_str()), "a new token, a new fingerprint");

    let b_conf = host_b.conf();
    let out = test_with_metrics(&host_b, &b_prom, &["--json"]);
    assert_eq!(out.code, Some(5), "{out:?}");
    let checks = out.json();
    assert_eq!(checks[0]["status"], "auth_required", "{checks}");
    let message = checks[0]["message"].as_str().unwrap_or_default();
    for words in ["invalid_grant", "revoked", "copy of this storage on another host", "docs/fleets.md"] {
        assert!(message.contains(words), "{words:?} missing from {message:?}");
    }
    assert!(!message.contains(&refresh_token(&host_b)), "{message}");
    assert_eq!(host_b.conf(), b_conf, "a refused refresh leaves the token as it was");
    let b_text = fs::read_to_string(&b_prom)?;
    assert_eq!(fingerprint(&b_text, "Box").as_deref(), Some(shared.as_str()), "{b_text}");
    assert!(b_text.contains("pluton_storage_auth_required{storage=\"Box\",remote=\"box\",provider=\"box\"} 1"));

    // The person reading the table sees the same, also when several storages are checked at
    // once (through rclone's remote-control server rather than one listing).
    host_b.pluton(["storage", "add", "memory", "--name", "Mem", "--no-test"]).run().success();
    let out = host_b.pluton(["storage", "test", "--all", "--timeout", "10"]).run();
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(out.stdout.contains("another host") && out.stdout.contains("reauth"), "{}", out.stdout);
    Ok(())
}

/// A refresh token refused where tokens are not single-use (OneDrive) keeps rclone's reading,
/// revoked or expired, without blaming a copy.
#[test]
fn a_refused_onedrive_refresh_does_not_blame_a_copy() {
    let world = World::new();
    let provider = OAuthServer::start(Options { invalid_grant: true, ..Options::default() });
    crate::health::add_onedrive(&world, &provider, crate::health::EXPIRED);
    let out = world.pluton(["storage", "test", "OneDrive", "--json"]).run();
    assert_eq!(out.code, Some(5), "{out:?}");
    let message = out.json()[0]["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("invalid_grant") && !message.contains("another host"), "{message}");
}

/// docs/fleets.md's move: export with the token, remove on the old host, apply on the new one.
/// The token is on one host at a time, and the new host's first refresh works.
#[test]
fn a_storage_moved_as_fleets_md_says_keeps_one_token_on_one_host() -> TestResult {
    let provider = OAuthServer::start(Options { single_use_refresh: true, ..Options::default() });
    let old = World::new();
    let token = old.path().join("token.json");
    fs::write(&token, crate::health::EXPIRED)?;
    old.pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file"])
        .arg(&token)
        .args(["--set", &format!("token_url={}/token", provider.base)])
        .run()
        .success();
    let moving = old.path().join("pluton-move");
    fs::create_dir(&moving)?;
    let out = old.pluton(["storage", "export", "Box", "--secrets-dir"]).arg(moving.join("secrets")).run().success();
    fs::write(moving.join("box.toml"), &out.stdout)?;
    old.pluton(["storage", "remove", "Box", "--yes"]).run().success();
    assert!(!old.conf().contains("old-refresh"), "the old host keeps no copy");

    let new = World::new();
    new.pluton(["storage", "apply", "--no-test"]).arg(moving.join("box.toml")).run().success();
    let out = new.pluton(["storage", "test", "Box", "--timeout", "10", "--json"]).run();
    assert_ne!(out.json()[0]["status"], "auth_required", "the moved token refreshes: {out:?}");
    assert_eq!(provider.issued().len(), 1, "one refresh, on the new host");
    Ok(())
}

/// An older copy of the token brought back (a restored backup, a token file kept since) after
/// rclone refreshed it: the check before saving says why Box refuses it, and nothing is written.
#[test]
fn reauth_with_a_spent_box_token_names_the_likely_copy_and_writes_nothing() -> TestResult {
    let provider = OAuthServer::start(Options { single_use_refresh: true, ..Options::default() });
    let world = World::new();
    world
        .pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file", "-"])
        .args(["--set", &format!("token_url={}/token", provider.base)])
        .stdin(crate::health::EXPIRED)
        .run()
        .success();
    // The daily check spends the refresh token the file still holds.
    world.pluton(["storage", "test", "Box", "--timeout", "10"]).run();
    assert_eq!(provider.issued().len(), 1);
    let before = world.snapshot();
    let out = world.pluton(["storage", "reauth", "Box", "--token-file", "-"]).stdin(crate::health::EXPIRED).run();
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(out.stderr.contains("invalid_grant") && out.stderr.contains("another host"), "{}", out.stderr);
    assert!(!out.stderr.contains("old-refresh"), "{}", out.stderr);
    assert_eq!(world.snapshot(), before);
    Ok(())
}

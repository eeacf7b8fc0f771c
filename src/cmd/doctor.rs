//! `pluton doctor`: everything that can be checked without contacting a storage.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::rclone_conf::remote_type_in;
use crate::workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Ok,
    Info,
    Warn,
    Fail,
}

#[derive(Debug, Serialize)]
struct Check {
    name: &'static str,
    status: Level,
    message: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    hint: String,
}

fn check(name: &'static str, status: Level, message: impl Into<String>, hint: impl Into<String>) -> Check {
    Check { name, status, message: message.into(), hint: hint.into() }
}

#[derive(Serialize)]
struct Report {
    healthy: bool,
    checks: Vec<Check>,
}

pub fn run(ctx: &Context, out: &Output, json: bool) -> Result<(), Error> {
    let mut checks = vec![rclone_check(ctx)];
    checks.push(mode_check("config dir", &ctx.config_dir, true));
    checks.push(mode_check("rclone.conf mode", &ctx.rclone_conf_path, false));
    checks.push(mode_check("storages.toml mode", &ctx.storages_path, false));
    checks.extend(files_check(ctx));
    checks.push(port_check());
    checks.push(cache_check(ctx));
    checks.push(leftovers_check(ctx));

    let healthy = checks.iter().all(|c| matches!(c.status, Level::Ok | Level::Info));
    if json {
        out.json(&Report { healthy, checks }).map_err(anyhow::Error::from)?;
    } else {
        let rows: Vec<Vec<String>> = checks
            .iter()
            .map(|c| {
                let status = match c.status {
                    Level::Ok => "ok",
                    Level::Info => "info",
                    Level::Warn => "warn",
                    Level::Fail => "FAIL",
                };
                let text = if c.hint.is_empty() { c.message.clone() } else { format!("{} ({})", c.message, c.hint) };
                vec![status.to_string(), c.name.to_string(), text]
            })
            .collect();
        out.table(&["STATUS", "CHECK", "DETAIL"], &rows).map_err(anyhow::Error::from)?;
    }
    if healthy {
        Ok(())
    } else {
        Err(Error::failed("some checks need attention").with_hint("see the lines marked warn or FAIL above"))
    }
}

/// The rclone line: missing or older than 1.60.1 fails; a supported but older release says which
/// of pluton's features it limits (from the one table in `rclone::compat`).
fn rclone_check(ctx: &Context) -> Check {
    use crate::rclone::compat;
    let rclone = match ctx.rclone_found() {
        Ok(r) => r,
        Err(e) => return check("rclone", Level::Fail, e.to_string(), e.hint().unwrap_or_default()),
    };
    let version = match compat::installed(&rclone, &ctx.cache_dir) {
        Ok(v) => v,
        Err(e) => return check("rclone", Level::Fail, e.to_string(), "reinstall rclone"),
    };
    let at = rclone.bin().display();
    if version < compat::OLDEST {
        let err = compat::too_old(version, rclone.bin());
        return check("rclone", Level::Fail, err.to_string(), err.hint().unwrap_or_default());
    }
    let limits = compat::limits(version);
    if limits.is_empty() {
        return check("rclone", Level::Ok, format!("rclone {version} at {at}"), "");
    }
    check(
        "rclone",
        Level::Info,
        format!("rclone {version} at {at}; a newer rclone adds: {}", limits.join("; ")),
        format!("everything else works; for these, install a newer rclone: {}", compat::HOW_TO_UPGRADE),
    )
}

/// Files holding tokens must not be readable by other users. Where files have no Unix modes
/// (Windows), the user profile's ACL is what keeps them private: said, not checked.
fn mode_check(name: &'static str, path: &Path, dir: bool) -> Check {
    let Ok(meta) = std::fs::metadata(path) else {
        return check(name, Level::Info, format!("{} does not exist yet", path.display()), "");
    };
    let Some(mode) = crate::platform::fs::mode(&meta).map(|m| m & 0o777) else {
        return check(
            name,
            Level::Ok,
            format!("{} (no Unix modes here: your user profile's access rules keep it private)", path.display()),
            "",
        );
    };
    if mode & 0o077 != 0 {
        let fix = if dir { "700" } else { "600" };
        return check(
            name,
            Level::Warn,
            format!("{} is readable by other users (mode {mode:o})", path.display()),
            format!("chmod {fix} {}", path.display()),
        );
    }
    check(name, Level::Ok, format!("{} (mode {mode:o})", path.display()), "")
}

fn files_check(ctx: &Context) -> Vec<Check> {
    let mut checks = Vec::new();
    let registry = match workspace::read_registry(ctx) {
        Ok(r) => {
            checks.push(check("storages.toml", Level::Ok, format!("{} storages", r.storages.len()), ""));
            Some(r)
        }
        Err(e) => {
            checks.push(check(
                "storages.toml",
                Level::Fail,
                e.display_line().to_string(),
                e.hint().unwrap_or_default(),
            ));
            None
        }
    };
    if crate::rclone_conf::encrypted::file_is_encrypted(&ctx.rclone_conf_path) {
        checks.push(check("encryption", Level::Info, "rclone.conf is encrypted (rclone's format)", ""));
    }
    checks.extend(writable_checks(ctx));
    let storages = registry.as_ref().map_or(0, |r| r.storages.len());
    let raw = crate::store::read_optional(&ctx.rclone_conf_path).ok().flatten().unwrap_or_default();
    let conf = match workspace::damage::of_bytes(&raw, storages) {
        Some(what) => {
            let err = workspace::damage::refusal(ctx, &what);
            checks.push(check(
                "rclone.conf",
                Level::Fail,
                err.display_line().to_string(),
                err.hint().unwrap_or_default(),
            ));
            None
        }
        None => match workspace::read_conf(ctx) {
            Ok(c) => {
                checks.push(check(
                    "rclone.conf",
                    Level::Ok,
                    format!("parses ({} sections)", c.section_names().len()),
                    "",
                ));
                Some(c)
            }
            Err(e) => {
                checks.push(check(
                    "rclone.conf",
                    Level::Fail,
                    e.display_line().to_string(),
                    e.hint().unwrap_or_default(),
                ));
                None
            }
        },
    };
    let (Some(registry), Some(conf)) = (registry, conf) else { return checks };
    let sections = conf.sections();
    let missing: Vec<&str> = registry
        .storages
        .iter()
        .filter(|s| !sections.contains_key(s.remote.as_str()))
        .map(|s| s.name.as_str())
        .collect();
    if missing.is_empty() {
        checks.push(check("remotes", Level::Ok, "every storage has its rclone.conf section", ""));
    } else {
        let restorable = kept_sections(ctx);
        let commands: Vec<String> = registry
            .storages
            .iter()
            .filter(|s| !sections.contains_key(s.remote.as_str()) && restorable.contains(s.remote.as_str()))
            .map(|s| format!("`pluton storage restore {}`", shell_word(&s.name)))
            .collect();
        let recreate = "recreate it: `pluton storage remove NAME --keep-remote --yes`, then `pluton storage add \
             PROVIDER --name NAME …` (or `pluton storage apply`), and `pluton storage reauth NAME` if it signs in \
             with OAuth";
        let hint = if commands.len() == missing.len() {
            format!(
                "an rclone process may have written back an older rclone.conf; bring each back from the kept copies: {}",
                commands.join(", ")
            )
        } else if commands.is_empty() {
            format!(
                "an rclone process may have written back an older rclone.conf and no kept copy has the section; {recreate}"
            )
        } else {
            format!(
                "an rclone process may have written back an older rclone.conf; bring back {} from the kept copies; for the others, {recreate}",
                commands.join(", ")
            )
        };
        checks.push(check(
            "remotes",
            Level::Fail,
            format!("no rclone.conf section for {}", crate::registry::quoted_list(&missing)),
            hint,
        ));
    }
    let managed: HashSet<&str> = registry.storages.iter().map(|s| s.remote.as_str()).collect();
    let unmanaged: Vec<&str> = conf
        .section_names()
        .into_iter()
        .filter(|n| !managed.contains(n) && remote_type_in(&sections, n).is_some())
        .collect();
    if !unmanaged.is_empty() {
        checks.push(check(
            "unmanaged remotes",
            Level::Info,
            format!("{} remote(s) in rclone.conf are not storages: {}", unmanaged.len(), unmanaged.join(", ")),
            "adopt them with `pluton storage import --all`",
        ));
    }
    checks
}

/// The sections some kept (plain) copy of rclone.conf has: what `storage restore` can bring back.
fn kept_sections(ctx: &Context) -> HashSet<String> {
    crate::recovery::history(ctx)
        .into_iter()
        .filter(|e| e.copy.kind == crate::store::copies::Kind::RcloneConf)
        .flat_map(|e| e.remotes.unwrap_or_default())
        .collect()
}

/// A storage name as a shell word (quoted when it needs to be).
fn shell_word(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c)) {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}

/// Whether pluton can write its two files: a read-only file system or an immutable file fails
/// (every change would be refused); a single-file bind mount is written in place, which works.
fn writable_checks(ctx: &Context) -> Vec<Check> {
    let mut checks = Vec::new();
    for (name, path) in
        [("rclone.conf writable", &ctx.rclone_conf_path), ("storages.toml writable", &ctx.storages_path)]
    {
        if !path.exists() {
            continue;
        }
        match crate::store::check_writable(path) {
            Err(err) => {
                let err = Error::from_anyhow(err);
                checks.push(check(name, Level::Fail, err.display_line().to_string(), err.hint().unwrap_or_default()));
            }
            Ok(()) if crate::store::is_mount_point(path) => checks.push(check(
                name,
                Level::Info,
                format!("{} is a mount of its own (a single-file bind mount)", path.display()),
                "it cannot be replaced atomically, so pluton writes it in place under its lock after keeping a copy; \
                 mounting its directory instead makes every write atomic again",
            )),
            Ok(()) => {}
        }
    }
    checks
}

/// Temp files and private check configs of plutons that were killed (they may hold secrets);
/// the next command that writes removes them.
fn leftovers_check(ctx: &Context) -> Check {
    let found = crate::workspace::leftovers(ctx);
    if found.is_empty() {
        return check("leftovers", Level::Ok, "no files left behind by interrupted runs", "");
    }
    let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
    check(
        "leftovers",
        Level::Warn,
        format!("{} file(s) left behind by killed pluton runs: {}", found.len(), names.join(", ")),
        "they may hold copies of secrets; the next `pluton storage add|edit|remove|rename` removes them (or delete them)",
    )
}

/// The schema cache belongs to one rclone binary; a different rclone gets its own entry.
fn cache_check(ctx: &Context) -> Check {
    let Ok(rclone) = ctx.rclone_found() else {
        return check("schema cache", Level::Info, "no rclone, so no schema to cache", "");
    };
    if crate::rclone::schema::Schema::is_cached(&rclone, &ctx.cache_dir) {
        check("schema cache", Level::Ok, format!("current for this rclone ({})", ctx.cache_dir.display()), "")
    } else {
        check("schema cache", Level::Info, "not built yet for this rclone; the first `storage add` builds it", "")
    }
}

/// `rclone authorize` needs 127.0.0.1:53682 for the browser's redirect (probed without taking
/// it, see `authorize::port_53682`).
fn port_check() -> Check {
    use crate::rclone::authorize::{Port, port_53682};
    match port_53682() {
        Port::Free => check("port 53682", Level::Ok, "free for `rclone authorize`", ""),
        Port::Taken(how) => check(
            "port 53682",
            Level::Warn,
            format!("in use: {how}"),
            "finish or stop the other `rclone authorize` before signing in, or sign in with --device or --token-file",
        ),
        Port::Unknown(e) => check("port 53682", Level::Info, format!("could not tell whether it is free: {e}"), ""),
    }
}

//! `pluton storage test`: does each storage answer and accept its credentials? One line per
//! storage, and an exit code a cron job can act on.

use std::time::Duration;

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::rclone::diagnose::{Diagnosis, Status, diagnose};
use crate::registry::Storage;
use crate::workspace;

#[derive(Debug, Serialize)]
struct Checked {
    name: String,
    remote: String,
    ok: bool,
    status: Status,
    message: String,
    duration_ms: u128,
    #[serde(skip)]
    hint: String,
}

pub fn run(
    ctx: &Context,
    out: &Output,
    wanted: &[String],
    all: bool,
    json: bool,
    timeout_secs: u64,
    jobs: Option<u64>,
) -> Result<(), Error> {
    let registry = workspace::read_registry(ctx)?;
    let targets: Vec<Storage> = if all {
        registry.storages.clone()
    } else {
        let mut picked: Vec<Storage> = Vec::new();
        for handle in wanted {
            let s = registry.get(handle)?;
            if !picked.iter().any(|p| p.id == s.id) {
                picked.push(s.clone());
            }
        }
        picked
    };
    if targets.is_empty() {
        out.note("no storages to test: add one with `pluton storage add`");
        if json {
            out.json(&Vec::<Checked>::new()).map_err(anyhow::Error::from)?;
        }
        return Ok(());
    }
    let conf = workspace::read_conf(ctx)?;
    let timeout = Duration::from_secs(timeout_secs);

    // Storages whose section is gone fail without asking rclone.
    let (present, missing): (Vec<Storage>, Vec<Storage>) =
        targets.iter().cloned().partition(|s| conf.has_section(&s.remote));
    let mut results: Vec<Checked> = missing
        .into_iter()
        .map(|s| Checked {
            message: format!("rclone.conf has no section [{}]", s.remote),
            hint: format!("restore the section, or `pluton storage remove {:?}`", s.name),
            name: s.name,
            remote: s.remote,
            ok: false,
            status: Status::Error,
            duration_ms: 0,
        })
        .collect();

    if !present.is_empty() {
        let rclone = ctx.rclone()?;
        if present.len() == 1 {
            // One storage: one plain listing is cheaper than starting rcd and talking HTTP.
            let s = &present[0];
            let run = rclone.list_check(&s.remote, &s.path, timeout)?;
            let diagnosis =
                (!run.success() && run.code != Some(3)).then(|| diagnose(&run.stderr, run.timed_out, timeout_secs));
            results.push(checked(s, diagnosis, run.elapsed));
        } else {
            results.extend(check_many(&rclone, &present, timeout, jobs)?);
        }
    }
    // Report in the order the storages were asked for.
    results.sort_by_key(|r| targets.iter().position(|t| t.remote == r.remote));

    if json {
        out.json(&results).map_err(anyhow::Error::from)?;
    } else {
        print_lines(out, &results)?;
    }
    let failed = results.iter().filter(|r| !r.ok).count();
    if failed == 0 {
        return Ok(());
    }
    let summary = format!("{failed} of {} storages failed the check", results.len());
    if results.iter().any(|r| r.status == Status::AuthRequired) {
        Err(Error::auth(summary).with_hint("run `pluton storage reauth STORAGE` for those that need a new sign-in"))
    } else {
        Err(Error::connection(summary))
    }
}

fn check_many(
    rclone: &crate::rclone::Rclone,
    storages: &[Storage],
    timeout: Duration,
    jobs: Option<u64>,
) -> Result<Vec<Checked>, Error> {
    let rcd = rclone.start_rcd(timeout)?;
    let targets: Vec<String> = storages.iter().map(|s| format!("{}:{}", s.remote, s.path)).collect();
    let checks = rcd.check_all(&targets, timeout, jobs.map_or(8, |j| j as usize));
    Ok(storages.iter().zip(checks).map(|(s, (diagnosis, elapsed))| checked(s, diagnosis, elapsed)).collect())
}

fn checked(s: &Storage, diagnosis: Option<Diagnosis>, elapsed: Duration) -> Checked {
    let (ok, status, message, hint) = match diagnosis {
        None => (true, Status::Ok, "ok".to_string(), String::new()),
        Some(d) => (false, d.status, d.message, d.hint),
    };
    let hint = if status == Status::AuthRequired && !hint.is_empty() {
        format!("{hint}; then `pluton storage reauth {:?}`", s.name)
    } else {
        hint
    };
    Checked {
        name: s.name.clone(),
        remote: s.remote.clone(),
        ok,
        status,
        message,
        duration_ms: elapsed.as_millis(),
        hint,
    }
}

fn print_lines(out: &Output, results: &[Checked]) -> Result<(), Error> {
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let label = match r.status {
                Status::Ok => "ok",
                Status::Unreachable => "unreachable",
                Status::AuthRequired => "auth needed",
                Status::Error => "error",
            };
            let detail = if r.ok {
                String::new()
            } else if r.hint.is_empty() {
                r.message.clone()
            } else {
                format!("{} ({})", r.message, r.hint)
            };
            vec![
                label.to_string(),
                r.name.clone(),
                format!("{}:", r.remote),
                format!("{:.1}s", r.duration_ms as f64 / 1000.0),
                detail,
            ]
        })
        .collect();
    out.table(&["STATUS", "NAME", "REMOTE", "TIME", "DETAIL"], &rows).map_err(anyhow::Error::from)?;
    Ok(())
}

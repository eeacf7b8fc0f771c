//! `pluton storage test`: does each storage answer and accept its credentials? One line per
//! storage, and an exit code a cron job can act on.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::metrics::{self, Destination, Exposition, StorageMetrics};
use crate::output::Output;
use crate::quota::{self, Quota};
use crate::rclone::diagnose::{Diagnosis, Status, diagnose};
use crate::registry::Storage;
use crate::{health, token, workspace};

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

/// `storage test`'s arguments, as parsed.
pub struct Args {
    pub storages: Vec<String>,
    pub all: bool,
    pub json: bool,
    pub timeout: u64,
    pub jobs: Option<u64>,
    pub metrics_file: Option<PathBuf>,
    pub usage: bool,
}

pub fn run(ctx: &Context, out: &Output, args: &Args) -> Result<(), Error> {
    let metrics = args.metrics_file.as_deref().map(Destination::parse).transpose()?;
    let to_stdout = matches!(metrics, Some(Destination::Stdout));
    if to_stdout && args.json {
        return Err(Error::usage("--json and --metrics-file - would both print on stdout")
            .with_hint("write the metrics to a file, or leave out --json"));
    }
    let registry = workspace::read_registry(ctx)?;
    let targets: Vec<Storage> = if args.all {
        registry.storages.clone()
    } else {
        let mut picked: Vec<Storage> = Vec::new();
        for handle in &args.storages {
            let s = registry.get(handle)?;
            if !picked.iter().any(|p| p.id == s.id) {
                picked.push(s.clone());
            }
        }
        picked
    };
    let timeout = Duration::from_secs(args.timeout);
    let jobs = args.jobs.map_or(8, |j| j as usize);

    let (mut results, quotas) = if targets.is_empty() {
        (Vec::new(), HashMap::new())
    } else {
        check(ctx, &targets, timeout, jobs, metrics.is_some() && args.usage)?
    };
    // Known without a process: every command that runs rclone has checked (and cached) its version.
    let rclone_version = if metrics.is_some() { rclone_version(ctx) } else { String::new() };
    // Report in the order the storages were asked for.
    let by_remote: HashMap<&str, &Storage> = targets.iter().map(|s| (s.remote.as_str(), s)).collect();
    let position: HashMap<&str, usize> = targets.iter().enumerate().map(|(i, s)| (s.remote.as_str(), i)).collect();
    results.sort_by_key(|r| position.get(r.remote.as_str()).copied());

    let checks = remember(ctx, out, &registry, &by_remote, &results);
    // The daily check is also when rclone's own changes (a token a backup job refreshed, or one
    // these checks refreshed) get into a kept copy. A failure here costs the copy, not the check.
    if let Err(err) = workspace::notice_changes(ctx) {
        out.warn(&format!("could not keep a copy of the changed rclone.conf: {}", err.display_line()));
    }
    if targets.is_empty() {
        out.note("no storages to test: add one with `pluton storage add`");
    }
    if args.json {
        out.json(&results).map_err(anyhow::Error::from)?;
    } else if !to_stdout && !results.is_empty() {
        print_lines(out, &results)?;
    }
    if let Some(destination) = &metrics {
        let storages: Vec<(&Storage, &Checked)> =
            results.iter().filter_map(|r| by_remote.get(r.remote.as_str()).map(|s| (*s, r))).collect();
        let text = exposition(ctx, out, &storages, checks.as_ref(), &quotas, &rclone_version);
        metrics::write(destination, &text)?;
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

/// Quotas by remote name.
type Quotas = HashMap<String, Quota>;

/// Checks the storages (and, with `usage`, asks for their quotas at the same time); a storage
/// whose section is gone fails without asking rclone.
fn check(
    ctx: &Context,
    targets: &[Storage],
    timeout: Duration,
    jobs: usize,
    usage: bool,
) -> Result<(Vec<Checked>, Quotas), Error> {
    let conf = workspace::read_conf(ctx)?;
    let (present, missing): (Vec<&Storage>, Vec<&Storage>) = targets.iter().partition(|s| conf.has_section(&s.remote));
    let mut results: Vec<Checked> = missing
        .into_iter()
        .map(|s| Checked {
            message: format!("rclone.conf has no section [{}]", s.remote),
            hint: format!("restore the section, or `pluton storage remove {:?}`", s.name),
            name: s.name.clone(),
            remote: s.remote.clone(),
            ok: false,
            status: Status::Error,
            duration_ms: 0,
        })
        .collect();
    let mut quotas = HashMap::new();
    if present.is_empty() {
        return Ok((results, quotas));
    }
    let rclone = ctx.rclone()?;
    if let [s] = present[..] {
        // One storage: one plain listing is cheaper than starting rcd and talking HTTP.
        let (run, quota) = std::thread::scope(|scope| {
            let quota = usage.then(|| scope.spawn(|| quota::of_one(&rclone, &s.remote, timeout)));
            let run = rclone.list_check(&s.remote, &s.path, timeout);
            (run, quota.and_then(|h| h.join().ok()).flatten())
        });
        let run = run?;
        let diagnosis =
            (!run.success() && run.code != Some(3)).then(|| diagnose(&run.stderr, run.timed_out, timeout.as_secs()));
        results.push(checked(s, diagnosis, run.elapsed));
        quotas.extend(quota.map(|q| (s.remote.clone(), q)));
    } else {
        let rcd = rclone.start_rcd(timeout)?;
        let remotes: Vec<&str> = present.iter().map(|s| s.remote.as_str()).collect();
        let targets: Vec<String> = present.iter().map(|s| format!("{}:{}", s.remote, s.path)).collect();
        let (checks, found) = std::thread::scope(|scope| {
            let found = usage.then(|| scope.spawn(|| quota::of_many(&rcd, &remotes, timeout, jobs)));
            let checks = rcd.check_all(&targets, timeout, jobs);
            (checks, found.and_then(|h| h.join().ok()).unwrap_or_default())
        });
        results.extend(present.iter().zip(checks).map(|(s, (diagnosis, elapsed))| checked(s, diagnosis, elapsed)));
        quotas.extend(remotes.iter().zip(found).filter_map(|(r, q)| Some((r.to_string(), q?))));
    }
    Ok((results, quotas))
}

/// Remembers this run's outcomes (see `health`). The record is a convenience: if it cannot be
/// written (a config dir this user may only read), the check still counts, with a warning.
fn remember(
    ctx: &Context,
    out: &Output,
    registry: &crate::registry::Registry,
    by_remote: &HashMap<&str, &Storage>,
    results: &[Checked],
) -> Option<health::Checks> {
    if results.is_empty() {
        return health::load(ctx).ok();
    }
    let known: HashSet<&str> = registry.storages.iter().map(|s| s.id.as_str()).collect();
    let outcomes: Vec<health::Outcome> = results
        .iter()
        .filter_map(|r| by_remote.get(r.remote.as_str()).map(|s| health::Outcome { id: &s.id, status: r.status }))
        .collect();
    match health::record(ctx, &known, &outcomes, &crate::registry::now_rfc3339()) {
        Ok(checks) => Some(checks),
        Err(err) => {
            out.warn(&format!("could not remember this check: {}", err.display_line()));
            health::load(ctx).ok()
        }
    }
}

/// The metrics text for the checked storages. Token deadlines come from rclone.conf as the
/// checks left it: a check refreshes an expired access token, and with it the refresh token.
fn exposition(
    ctx: &Context,
    out: &Output,
    storages: &[(&Storage, &Checked)],
    checks: Option<&health::Checks>,
    quotas: &Quotas,
    rclone_version: &str,
) -> String {
    let now = jiff::Timestamp::now().as_second();
    let conf = if storages.is_empty() {
        None
    } else {
        workspace::read_conf(ctx)
            .map_err(|err| out.warn(&format!("token deadlines left out of the metrics: {}", err.display_line())))
            .ok()
    };
    let tokens = conf.as_ref().map(|c| c.key_values("token")).unwrap_or_default();
    let series = storages
        .iter()
        .map(|(s, r)| {
            let record = checks.map(|c| c.get(&s.id)).unwrap_or_default();
            let deadline = tokens
                .get(s.remote.as_str())
                .and_then(|t| token::status(t, &s.provider).refresh_expires)
                .and_then(|at| at.parse::<jiff::Timestamp>().ok())
                .map(|at| at.as_second());
            let token_fingerprint = tokens.get(s.remote.as_str()).and_then(|t| token::refresh_fingerprint(t));
            // This run's check is the last one even when the record could not be written.
            let last_success = if r.ok { now } else { health::epoch_seconds(record.last_success.as_deref()) };
            StorageMetrics {
                name: &s.name,
                remote: &s.remote,
                provider: &s.provider,
                up: r.ok,
                auth_required: r.status == Status::AuthRequired,
                duration_seconds: r.duration_ms as f64 / 1000.0,
                last_check: now,
                last_success,
                refresh_deadline: deadline,
                quota: quotas.get(&s.remote).copied(),
                token_fingerprint,
            }
        })
        .collect();
    metrics::render(&Exposition { version: env!("CARGO_PKG_VERSION"), rclone_version, run_at: now, storages: series })
}

/// The rclone version for `pluton_build_info` (`1.75.2`), from the per-binary cache of
/// `rclone::compat`; empty when there is no rclone.
fn rclone_version(ctx: &Context) -> String {
    ctx.rclone_found()
        .and_then(|rclone| crate::rclone::compat::installed(&rclone, &ctx.cache_dir))
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn checked(s: &Storage, diagnosis: Option<Diagnosis>, elapsed: Duration) -> Checked {
    let (ok, status, message, hint) = match diagnosis {
        None => (true, Status::Ok, "ok".to_string(), String::new()),
        Some(d) => {
            let d = d.for_provider(&s.provider);
            (false, d.status, d.message, d.hint)
        }
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

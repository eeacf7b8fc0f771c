//! What pluton remembers of each storage's checks: when `storage test` last checked it, how that
//! went, and when it last passed. `storage show`, `storage list --json` and the metrics file
//! read it; the metrics file is only a view of it, so deleting that file loses nothing.
//!
//! It lives in its own small file (`<config dir>/checks.json`) rather than in storages.toml: a
//! daily check must not rewrite the file people edit and keep in git, and it is written under
//! pluton's lock through `store` like every other file, keyed by storage id so that a rename
//! keeps the history.

use std::collections::{BTreeMap, HashSet};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::error::Error;
use crate::rclone::diagnose::Status;
use crate::{store, workspace};

const FORMAT: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Checks {
    format: u32,
    /// By storage id.
    storages: BTreeMap<String, Record>,
}

/// One storage's record; times are RFC 3339 in UTC, to the second.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub last_check: Option<String>,
    /// `ok`, `unreachable`, `auth_required` or `error`, as in `storage test --json`.
    pub last_status: Option<String>,
    pub last_success: Option<String>,
}

/// One check's outcome, to remember.
pub struct Outcome<'a> {
    pub id: &'a str,
    pub status: Status,
}

impl Checks {
    /// The record of a storage (empty when it was never checked).
    pub fn get(&self, id: &str) -> Record {
        self.storages.get(id).cloned().unwrap_or_default()
    }
}

/// Reads the record; a missing file is an empty record. A file pluton cannot read is an error
/// for the caller to report: the record is a convenience, never a reason to fail a command.
pub fn load(ctx: &Context) -> Result<Checks, Error> {
    let Some(bytes) = store::read_optional(&ctx.checks_path)? else {
        return Ok(Checks::default());
    };
    let checks: Checks = serde_json::from_slice(&bytes).map_err(|e| {
        Error::failed(format!("{} is not a check record pluton can read: {e}", ctx.checks_path.display()))
            .with_hint("remove the file; the next `pluton storage test` starts a new one")
    })?;
    Ok(checks)
}

/// Remembers this run's outcomes (checked at `at`, RFC 3339) under the lock: the record is
/// re-read there, so parallel runs each add theirs. Storages no longer in storages.toml
/// (`known`) are forgotten. Returns the record as written.
pub fn record(ctx: &Context, known: &HashSet<&str>, outcomes: &[Outcome], at: &str) -> Result<Checks, Error> {
    workspace::locked(ctx, || {
        // A record pluton cannot read is replaced: it only holds what the next checks restore.
        let mut checks = load(ctx).unwrap_or_default();
        checks.format = FORMAT;
        checks.storages.retain(|id, _| known.contains(id.as_str()));
        for outcome in outcomes {
            let entry = checks.storages.entry(outcome.id.to_string()).or_default();
            entry.last_check = Some(at.to_string());
            entry.last_status = Some(status_word(outcome.status).to_string());
            if outcome.status == Status::Ok {
                entry.last_success = Some(at.to_string());
            }
        }
        let mut text = serde_json::to_string_pretty(&checks).context("rendering the check record")?;
        text.push('\n');
        store::write_atomic(&ctx.checks_path, text.as_bytes())?;
        Ok(checks)
    })
}

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Ok => "ok",
        Status::Unreachable => "unreachable",
        Status::AuthRequired => "auth_required",
        Status::Error => "error",
    }
}

/// Seconds since the epoch of an RFC 3339 time in the record (0 when absent or unreadable, as
/// the metrics say "never").
pub fn epoch_seconds(time: Option<&str>) -> i64 {
    time.and_then(|t| t.parse::<jiff::Timestamp>().ok()).map_or(0, |t| t.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_epoch_seconds_and_never_as_zero() {
        assert_eq!(epoch_seconds(Some("2026-01-01T00:00:00Z")), 1_767_225_600);
        assert_eq!(epoch_seconds(None), 0);
        assert_eq!(epoch_seconds(Some("garbage")), 0);
    }
}

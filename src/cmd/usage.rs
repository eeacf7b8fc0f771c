//! `pluton storage usage`: total, used and free space, from `rclone about`.

use std::time::Duration;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::rclone::diagnose::{Status, diagnose};
use crate::workspace;

const FIELDS: [&str; 6] = ["total", "used", "free", "trashed", "other", "objects"];

pub fn run(ctx: &Context, out: &Output, wanted: &str, json: bool, timeout: u64) -> Result<(), Error> {
    let registry = workspace::read_registry(ctx)?;
    let storage = registry.get(wanted)?;
    let run = ctx.rclone()?.about(&storage.remote, Duration::from_secs(timeout))?;
    if !run.success() {
        let stderr = String::from_utf8_lossy(&run.stderr);
        if stderr.contains("doesn't support about") {
            return Err(Error::failed(format!("{} storages cannot report their usage", storage.provider))
                .with_hint("rclone has no way to ask this provider for its quota"));
        }
        let d = diagnose(&run.stderr, run.timed_out, timeout);
        let err = match d.status {
            Status::AuthRequired => Error::auth(format!("could not sign in to {:?}: {}", storage.name, d.message)),
            _ => Error::connection(format!("could not reach {:?}: {}", storage.name, d.message)),
        };
        return Err(err.with_hint(d.hint));
    }
    let value: serde_json::Value =
        serde_json::from_slice(&run.stdout).map_err(|_| Error::failed("`rclone about` did not print JSON"))?;
    if json {
        out.json(&value).map_err(anyhow::Error::from)?;
        return Ok(());
    }
    let mut lines = Vec::new();
    for field in FIELDS {
        if let Some(n) = value.get(field).and_then(serde_json::Value::as_u64) {
            let shown = if field == "objects" { n.to_string() } else { human_bytes(n) };
            lines.push(format!("{field:<8} {shown}"));
        }
    }
    if lines.is_empty() {
        out.note(&format!("{} reported no usage figures", storage.provider));
        return Ok(());
    }
    out.line(&lines.join("\n")).map_err(anyhow::Error::from)?;
    Ok(())
}

/// 1536 → "1.5 KiB": binary units, as rclone prints them.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{n} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_human() {
        assert_eq!(super::human_bytes(0), "0 B");
        assert_eq!(super::human_bytes(1536), "1.5 KiB");
        assert_eq!(super::human_bytes(10 * 1024 * 1024 * 1024), "10.0 GiB");
    }
}

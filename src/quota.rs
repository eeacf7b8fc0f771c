//! A storage's quota (total, used, free bytes) from `rclone about`, for the metrics of
//! `storage test --usage`. A backend without `about`, or a storage that does not answer, simply
//! has no quota: the check itself says whether the storage works.

use std::time::Duration;

use crate::rclone::Rclone;
use crate::rclone::rcd::Rcd;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quota {
    pub total: Option<u64>,
    pub used: Option<u64>,
    pub free: Option<u64>,
}

impl Quota {
    /// From `rclone about --json`'s object; `None` when it reports none of the three (webdav
    /// answers `{}`).
    pub fn from_json(value: &serde_json::Value) -> Option<Quota> {
        let field = |name: &str| value.get(name).and_then(serde_json::Value::as_u64);
        let quota = Quota { total: field("total"), used: field("used"), free: field("free") };
        (quota != Quota::default()).then_some(quota)
    }
}

/// One storage's quota: one `rclone about REMOTE:` through the runner.
pub fn of_one(rclone: &Rclone, remote: &str, timeout: Duration) -> Option<Quota> {
    let run = rclone.about(remote, timeout).ok()?;
    if !run.success() {
        return None;
    }
    serde_json::from_slice(&run.stdout).ok().as_ref().and_then(Quota::from_json)
}

/// Each remote's quota through one `rclone rcd`, `jobs` at a time, in order.
pub fn of_many(rcd: &Rcd, remotes: &[&str], timeout: Duration, jobs: usize) -> Vec<Option<Quota>> {
    crate::parallel::map_in_order(remotes, jobs, |remote| {
        rcd.about(&format!("{remote}:"), timeout).as_ref().and_then(Quota::from_json)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reported_figures_count() {
        let full = serde_json::json!({"total": 100, "used": 40, "free": 60, "trashed": 1});
        assert_eq!(Quota::from_json(&full), Some(Quota { total: Some(100), used: Some(40), free: Some(60) }));
        let partial = serde_json::json!({"used": 7});
        assert_eq!(Quota::from_json(&partial), Some(Quota { total: None, used: Some(7), free: None }));
        assert_eq!(Quota::from_json(&serde_json::json!({})), None);
    }
}

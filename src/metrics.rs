//! The Prometheus text-exposition file of `storage test --metrics-file` (design.md §12), for
//! node_exporter's textfile collector: what the checks found, the token deadlines, the quotas.
//!
//! Only names, remotes, providers, numbers and versions go in: never an option value, so never
//! a secret. The file is replaced atomically (node_exporter may read it at any moment, and a
//! half-written file would be a scrape error) and is world-readable (node_exporter runs as its
//! own user).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::error::Error;
use crate::quota::Quota;
use crate::store;

/// Where the exposition goes.
#[derive(Debug, Clone)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    /// `-` is stdout; a file's directory must exist already (it is node_exporter's textfile
    /// directory, which pluton does not invent: a typo there would export to nowhere). Checked
    /// before anything is checked or written.
    pub fn parse(raw: &Path) -> Result<Destination, Error> {
        if raw == Path::new("-") {
            return Ok(Destination::Stdout);
        }
        let path = std::path::absolute(raw).unwrap_or_else(|_| raw.to_path_buf());
        if path.is_dir() {
            return Err(Error::usage(format!("--metrics-file {} is a directory", path.display()))
                .with_hint("name the file, e.g. /var/lib/prometheus/node-exporter/pluton.prom"));
        }
        let dir = path.parent().unwrap_or(Path::new("/"));
        if !dir.is_dir() {
            return Err(Error::usage(format!("the directory of --metrics-file does not exist: {}", dir.display()))
                .with_hint("create it, or point --metrics-file at node_exporter's textfile directory"));
        }
        Ok(Destination::File(path))
    }
}

/// One storage's series.
pub struct StorageMetrics<'a> {
    pub name: &'a str,
    pub remote: &'a str,
    pub provider: &'a str,
    pub up: bool,
    pub auth_required: bool,
    pub duration_seconds: f64,
    pub last_check: i64,
    /// 0 when it never passed.
    pub last_success: i64,
    pub refresh_deadline: Option<i64>,
    pub quota: Option<Quota>,
    /// `token::refresh_fingerprint` of the storage's refresh token (none without one).
    pub token_fingerprint: Option<String>,
}

/// Everything one file says.
pub struct Exposition<'a> {
    pub version: &'a str,
    pub rclone_version: &'a str,
    pub run_at: i64,
    pub storages: Vec<StorageMetrics<'a>>,
}

type Value = fn(&StorageMetrics) -> Option<String>;

/// The per-storage families, in the order they are written.
const FAMILIES: &[(&str, &str, Value)] = &[
    ("pluton_storage_up", "Whether the storage passed its last check (1) or not (0).", |s| {
        Some(u8::from(s.up).to_string())
    }),
    (
        "pluton_storage_auth_required",
        "Whether the storage needs a new sign-in (1): run `pluton storage reauth`.",
        |s| Some(u8::from(s.auth_required).to_string()),
    ),
    ("pluton_storage_check_duration_seconds", "How long the last check took.", |s| {
        Some(format!("{:.3}", s.duration_seconds))
    }),
    ("pluton_storage_last_check_timestamp_seconds", "When pluton last checked the storage.", |s| {
        Some(s.last_check.to_string())
    }),
    (
        "pluton_storage_last_success_timestamp_seconds",
        "When the storage last passed a check (0: never), remembered by pluton across runs.",
        |s| Some(s.last_success.to_string()),
    ),
    (
        "pluton_storage_refresh_token_deadline_timestamp_seconds",
        "When the refresh token lapses if unused (Box: 60 days, OneDrive: 90 days after its last refresh).",
        |s| s.refresh_deadline.map(|t| t.to_string()),
    ),
    ("pluton_storage_quota_total_bytes", "The account's total space, from rclone about.", |s| {
        s.quota.and_then(|q| q.total).map(|n| n.to_string())
    }),
    ("pluton_storage_quota_used_bytes", "The space used, from rclone about.", |s| {
        s.quota.and_then(|q| q.used).map(|n| n.to_string())
    }),
    ("pluton_storage_quota_free_bytes", "The space free, from rclone about.", |s| {
        s.quota.and_then(|q| q.free).map(|n| n.to_string())
    }),
];

/// The exposition text. Every family is a gauge with HELP and TYPE; a family only some
/// storages have (token deadlines, quotas) is left out when none has it.
pub fn render(e: &Exposition) -> String {
    let mut out = String::with_capacity(256 + e.storages.len() * 900);
    let family = |out: &mut String, name: &str, help: &str| {
        let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n");
    };
    family(&mut out, "pluton_build_info", "The versions of pluton and of the rclone it runs.");
    let _ = writeln!(
        out,
        "pluton_build_info{{version=\"{}\",rclone_version=\"{}\"}} 1",
        escape(e.version),
        escape(e.rclone_version)
    );
    family(&mut out, "pluton_storages", "The storages this run checked (every storage with --all).");
    let _ = writeln!(out, "pluton_storages {}", e.storages.len());
    family(&mut out, "pluton_last_run_timestamp_seconds", "When pluton storage test last wrote this file.");
    let _ = writeln!(out, "pluton_last_run_timestamp_seconds {}", e.run_at);

    let labels: Vec<String> = e
        .storages
        .iter()
        .map(|s| {
            format!(
                "storage=\"{}\",remote=\"{}\",provider=\"{}\"",
                escape(s.name),
                escape(s.remote),
                escape(s.provider)
            )
        })
        .collect();
    for (name, help, value) in FAMILIES {
        let values: Vec<Option<String>> = e.storages.iter().map(value).collect();
        let optional = name.contains("quota") || name.contains("refresh_token");
        if optional && values.iter().all(Option::is_none) {
            continue;
        }
        family(&mut out, name, help);
        for (labels, value) in labels.iter().zip(values) {
            if let Some(value) = value {
                let _ = writeln!(out, "{name}{{{labels}}} {value}");
            }
        }
    }
    // One refresh token seen at two instances is a cloned storage: the first to refresh kills
    // the other's token where refresh tokens work once (the PlutonTokenOnTwoHosts alert).
    if e.storages.iter().any(|s| s.token_fingerprint.is_some()) {
        let name = "pluton_storage_token_fingerprint_info";
        family(
            &mut out,
            name,
            "A short digest of the storage's refresh token (never the token): the same value on two hosts means one token copied to both.",
        );
        for (labels, s) in labels.iter().zip(&e.storages) {
            if let Some(fingerprint) = &s.token_fingerprint {
                let _ = writeln!(out, "{name}{{{labels},fingerprint=\"{}\"}} 1", escape(fingerprint));
            }
        }
    }
    out
}

/// A label value as the exposition format wants it: backslash, double quote and line feed
/// escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Writes the text: to stdout, or atomically to the file (mode 0644, a temp name beside it that
/// does not end in `.prom`, so node_exporter never reads a half-written file).
pub fn write(destination: &Destination, text: &str) -> Result<(), Error> {
    match destination {
        Destination::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).context("writing the metrics")?;
        }
        Destination::File(path) => {
            // A pluton killed mid-write leaves its temp file here, outside pluton's config dir
            // where the lock holder would sweep it: sweep it here.
            if let Some(dir) = path.parent() {
                store::sweep_leftovers(dir);
            }
            store::write_atomic_with_mode(path, text.as_bytes(), 0o644)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage(name: &'static str) -> StorageMetrics<'static> {
        StorageMetrics {
            name,
            remote: "r",
            provider: "box",
            up: true,
            auth_required: false,
            duration_seconds: 0.25,
            last_check: 100,
            last_success: 0,
            refresh_deadline: None,
            quota: None,
            token_fingerprint: None,
        }
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(
            escape(
                r#"a\b "c"
d"#
            ),
            r#"a\\b \"c\"\nd"#
        );
        let text = render(&Exposition {
            version: "0.1.0",
            rclone_version: "1.75.2",
            run_at: 5,
            storages: vec![storage("Quote \" and \\")],
        });
        assert!(text.contains(r#"pluton_storage_up{storage="Quote \" and \\",remote="r",provider="box"} 1"#), "{text}");
    }

    #[test]
    fn optional_families_appear_only_with_a_value() {
        let e = Exposition { version: "v", rclone_version: "r", run_at: 5, storages: vec![storage("a")] };
        let text = render(&e);
        assert!(!text.contains("quota") && !text.contains("refresh_token") && !text.contains("fingerprint"), "{text}");
        assert!(
            text.contains("pluton_storage_check_duration_seconds{storage=\"a\",remote=\"r\",provider=\"box\"} 0.250")
        );
        let mut with = storage("b");
        with.quota = Some(Quota { total: Some(10), used: None, free: Some(4) });
        with.refresh_deadline = Some(99);
        let text = render(&Exposition { storages: vec![storage("a"), with], ..e });
        assert!(text.contains("pluton_storage_quota_total_bytes{storage=\"b\",remote=\"r\",provider=\"box\"} 10\n"));
        assert!(!text.contains("quota_used"));
        assert_eq!(text.matches("pluton_storage_refresh_token_deadline_timestamp_seconds{").count(), 1);
        assert!(text.contains("pluton_storages 2\n"));
    }

    #[test]
    fn token_fingerprints_are_an_info_gauge_with_one_more_label() {
        let mut with = storage("b");
        with.token_fingerprint = Some("0123456789ab".into());
        let text =
            render(&Exposition { version: "v", rclone_version: "r", run_at: 5, storages: vec![storage("a"), with] });
        assert!(text.contains("# TYPE pluton_storage_token_fingerprint_info gauge\n"), "{text}");
        assert!(text.contains("# HELP pluton_storage_token_fingerprint_info "), "{text}");
        assert!(text.contains(
            "pluton_storage_token_fingerprint_info{storage=\"b\",remote=\"r\",provider=\"box\",fingerprint=\"0123456789ab\"} 1\n"
        ));
        assert_eq!(text.matches("pluton_storage_token_fingerprint_info{").count(), 1);
    }
}

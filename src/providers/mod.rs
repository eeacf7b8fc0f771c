//! What rclone's schema cannot say on its own: value checks by option type, and the limits the
//! providers document (the seed guides) on top. This is the one place such a limit lives.

pub mod onedrive;
mod values;

use crate::error::Error;
use crate::names::close_matches;
use crate::rclone::schema::{Backend, OptionSpec, Schema};

pub use values::{parse_duration, parse_size};

const MIB: u64 = 1024 * 1024;
const KIB: u64 = 1024;

/// A documented limit for one provider option, checked after the type check.
enum Limit {
    MinSize(u64, &'static str),
    MaxSize(u64, &'static str),
    SizeMultipleOf(u64, &'static str),
    IntRange(i64, i64),
    OneOf(&'static [&'static str]),
}

/// (backend, option, limit): the providers' own documented rules.
const LIMITS: &[(&str, &str, Limit)] = &[
    ("box", "upload_cutoff", Limit::MinSize(50 * MIB, "50Mi")),
    ("box", "list_chunk", Limit::IntRange(1, 1000)),
    ("box", "commit_retries", Limit::IntRange(0, i64::MAX)),
    ("box", "box_sub_type", Limit::OneOf(&["user", "enterprise"])),
    ("onedrive", "chunk_size", Limit::SizeMultipleOf(320 * KIB, "320Ki")),
    ("onedrive", "chunk_size", Limit::MaxSize(250 * MIB, "250Mi")),
    ("onedrive", "drive_type", Limit::OneOf(&["personal", "business", "documentLibrary"])),
    ("onedrive", "region", Limit::OneOf(&["global", "us", "de", "cn"])),
    ("onedrive", "list_chunk", Limit::IntRange(1, i64::MAX)),
];

/// The backend name for what people call the three providers pluton knows best (`put.io`,
/// `One Drive`); any other name lower-cased.
pub fn normalize_provider(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    match lower.as_str() {
        "put.io" | "put-io" => "putio".into(),
        "one drive" | "one-drive" | "microsoft onedrive" => "onedrive".into(),
        _ => lower,
    }
}

/// The backend a provider name means, or an error that says why there is none: a newer rclone's
/// backend, or a typo with its close matches.
pub fn find_backend<'a>(schema: &'a Schema, provider: &str) -> Result<&'a Backend, Error> {
    schema.backend(provider).ok_or_else(|| {
        if let Some(newer) = crate::rclone::compat::missing_backend(provider, schema.version()) {
            return newer;
        }
        let close = close_matches(provider, schema.backends.iter().map(|b| b.name.as_str()));
        let err = Error::usage(format!("rclone has no provider called {provider:?}"));
        if close.is_empty() {
            err.with_hint("`pluton providers` lists every provider")
        } else {
            err.with_hint(format!("did you mean {}?", crate::registry::quoted_list(&close)))
        }
    })
}

/// Checks one `--set KEY=VALUE` against the backend's schema and limits; returns the value
/// to store (booleans normalised to true/false).
pub fn check_option(backend: &Backend, key: &str, value: &str) -> Result<String, Error> {
    if key.starts_with("config_") {
        return Err(Error::usage(format!("{key} is one of rclone's setup questions, not an option to store"))
            .with_hint(format!("`pluton providers {} --all` lists the options", backend.name)));
    }
    let Some(spec) = backend.option(key) else {
        if let Some(newer) = backend.newer_rclone_has(key) {
            return Err(newer);
        }
        let close = close_matches(key, backend.options.iter().map(|o| o.name.as_str()));
        let err = Error::usage(format!("{} has no option {key:?}", backend.name));
        return Err(if close.is_empty() {
            err.with_hint(format!("`pluton providers {} --all` lists its options", backend.name))
        } else {
            err.with_hint(format!("did you mean {}?", crate::registry::quoted_list(&close)))
        });
    };
    if value.contains(['\n', '\r']) {
        return Err(Error::usage(format!("the value of {key} contains a line break, which rclone.conf cannot hold")));
    }
    let normalised = values::check_type(spec, value).map_err(|why| {
        Error::usage(format!("{key}: {why}"))
            .with_hint(format!("`pluton providers {}` shows its allowed values", backend.name))
    })?;
    for (b, k, limit) in LIMITS {
        if *b == backend.name && *k == key {
            check_limit(key, &normalised, limit)?;
        }
    }
    Ok(normalised)
}

fn check_limit(key: &str, value: &str, limit: &Limit) -> Result<(), Error> {
    let bad = |why: String| Err(Error::usage(format!("{key}={value}: {why}")));
    match limit {
        Limit::MinSize(min, shown) => match parse_size(value) {
            Some(n) if n >= 0 && (n as u64) < *min => bad(format!("must be at least {shown}")),
            _ => Ok(()),
        },
        Limit::MaxSize(max, shown) => match parse_size(value) {
            Some(n) if n >= 0 && (n as u64) > *max => bad(format!("must be at most {shown}")),
            _ => Ok(()),
        },
        Limit::SizeMultipleOf(unit, shown) => match parse_size(value) {
            Some(n) if n > 0 && !(n as u64).is_multiple_of(*unit) => {
                bad(format!("must be a multiple of {shown} (327,680 bytes), e.g. 10Mi or 320Ki"))
            }
            _ => Ok(()),
        },
        Limit::IntRange(min, max) => match value.trim().parse::<i64>() {
            Ok(n) if n < *min || n > *max => {
                if *max == i64::MAX {
                    bad(format!("must be {min} or more"))
                } else {
                    bad(format!("must be between {min} and {max}"))
                }
            }
            Ok(_) => Ok(()),
            Err(_) => bad("must be a whole number".into()),
        },
        Limit::OneOf(allowed) => {
            if allowed.contains(&value) {
                Ok(())
            } else {
                bad(format!("must be one of {}", allowed.join(", ")))
            }
        }
    }
}

/// Options rclone requires that have no default and were not given (the token is handled by
/// the sign-in rules, and options hidden from rclone's own configurator are not asked).
pub fn missing_required<'a>(backend: &'a Backend, given: &[(String, String)]) -> Vec<&'a OptionSpec> {
    backend
        .options
        .iter()
        .filter(|o| o.required && o.default.is_empty() && o.name != "token" && o.hide & 2 == 0)
        .filter(|o| o.provider.is_empty())
        .filter(|o| !given.iter().any(|(k, _)| *k == o.name))
        .collect()
}

#[cfg(test)]
mod tests;

//! Storage names and remote names (design.md §2).
//!
//! A storage name is what people see and may change at any time. The remote name is the
//! rclone section, derived once and never renamed, because backup jobs refer to it
//! (`my-box:backups`).

use std::sync::LazyLock;

use crate::error::Error;

pub const MAX_NAME_CHARS: usize = 64;

/// A storage name as it is compared: names are unique regardless of case.
pub fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Trims and checks a storage name: 1–64 characters, no control characters.
pub fn storage_name(raw: &str) -> Result<String, Error> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::usage("the storage name is empty").with_hint("give it a name such as \"My Box\""));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(Error::usage(format!("the storage name contains a control character ({})", c.escape_unicode())));
    }
    let count = name.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(Error::usage(format!(
            "the storage name is {count} characters long; the limit is {MAX_NAME_CHARS}"
        )));
    }
    Ok(name.to_string())
}

/// rclone's own rule for remote names (`fs/fspath/path.go`). Go's `\w` is ASCII only, while
/// letters and digits of any script are allowed through `\p{L}` and `\p{N}`.
static REMOTE_NAME: LazyLock<Option<regex::Regex>> =
    LazyLock::new(|| regex::Regex::new(r"^[0-9A-Za-z_\p{L}\p{N}.+@]+(?:[ -]+[0-9A-Za-z_\p{L}\p{N}.+@-]+)*$").ok());

/// Checks a remote name the user chose with `--remote`.
pub fn remote_name(name: &str) -> Result<(), Error> {
    let valid = REMOTE_NAME.as_ref().is_some_and(|re| re.is_match(name));
    if !valid {
        return Err(Error::usage(format!("{name:?} is not a valid rclone remote name")).with_hint(
            "use letters, digits, `_`, `-`, `.`, `+`, `@` and spaces; it may not start with `-` or a space, \
             nor end with a space or a single `-`",
        ));
    }
    if name.eq_ignore_ascii_case("DEFAULT") {
        return Err(Error::usage("\"DEFAULT\" is reserved by rclone.conf and cannot name a remote")
            .with_hint("choose another --remote name"));
    }
    if crate::platform::paths::DRIVE_LETTERS && is_drive_letter(name) {
        return Err(Error::usage(format!(
            "rclone on Windows reads {name:?} as the drive {}:",
            name.to_ascii_uppercase()
        ))
        .with_hint("choose a --remote name of two characters or more"));
    }
    Ok(())
}

/// The remote name derived from a storage name: lower-case ASCII letters and digits, every
/// other run of characters becomes one `-`, trimmed of `-`; the provider's name when nothing
/// is left. A single letter gets the provider's name after it (`w-webdav`): rclone on Windows
/// reads `w:` as drive W:, and a config may move to Windows.
pub fn slug(name: &str, provider: &str) -> String {
    let base = plain_slug(name, provider);
    if is_drive_letter(&base) { format!("{base}-{}", plain_slug(provider, "storage")) } else { base }
}

/// Whether rclone on Windows would read `name:` as a drive letter.
fn is_drive_letter(name: &str) -> bool {
    name.len() == 1 && name.bytes().all(|b| b.is_ascii_alphabetic())
}

fn plain_slug(name: &str, provider: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        if provider.is_empty() { "storage".to_string() } else { plain_slug(provider, "storage") }
    } else {
        trimmed.to_string()
    }
}

/// `base`, or `base-2`, `base-3`, … : the first one `taken` says is free.
pub fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|candidate| !taken(candidate)).unwrap_or_else(|| base.to_string())
}

/// For `a.b`, the names of existing remotes it would silently inherit keys from
/// (rclone-notes §1.1), closest first.
pub fn inherits_from<'a>(name: &str, exists: impl Fn(&str) -> bool + 'a) -> Option<String> {
    let mut candidate = name;
    while let Some(i) = candidate.rfind('.') {
        candidate = &candidate[..i];
        if !candidate.is_empty() && exists(candidate) {
            return Some(candidate.to_string());
        }
    }
    None
}

/// Up to three names from `candidates` that look like `wanted`, for "did you mean" hints.
pub fn close_matches<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let mut score = strsim::jaro_winkler(&wanted, &lower);
            if lower.contains(&wanted) || (!lower.is_empty() && wanted.contains(&lower)) {
                score = score.max(0.9);
            }
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_names_are_trimmed_and_checked() {
        assert_eq!(storage_name("  My Box ").ok().as_deref(), Some("My Box"));
        assert!(storage_name("   ").is_err());
        assert!(storage_name("a\tb").is_err());
        assert!(storage_name(&"x".repeat(64)).is_ok());
        assert!(storage_name(&"x".repeat(65)).is_err());
        assert!(storage_name(&"é".repeat(64)).is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn remote_names_follow_rclones_rule() {
        for ok in ["ok name", "a.b", "a+b@c", "ünï", "名前", "٣", "a  b", "a - b", "_x", "1", "x--", "a-b-", "é"]
        {
            assert!(remote_name(ok).is_ok(), "{ok:?} should be valid");
        }
        for bad in [
            "a/b",
            "a:b",
            "a\\b",
            "a[b",
            "a*b",
            "a,b",
            "a=b",
            "a#b",
            "a;b",
            "a\"b",
            "a'b",
            "a!b",
            "",
            " a",
            "a ",
            "x-",
            "ab-",
            "a\u{203f}b",
            "e\u{301}",
            "-a",
            "DEFAULT",
            "default",
        ] {
            assert!(remote_name(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(slug("My Box", "box"), "my-box");
        assert_eq!(slug("  Work -- Files!! ", "box"), "work-files");
        assert_eq!(slug("Ünïcode Stuff", "box"), "n-code-stuff");
        assert_eq!(slug("名前", "box"), "box");
        assert_eq!(slug("***", "google cloud storage"), "google-cloud-storage");
        // A single letter is a drive to rclone on Windows.
        assert_eq!(slug("W", "webdav"), "w-webdav");
        assert_eq!(slug("é", "s3"), "s3");
        assert_eq!(slug("7", "box"), "7");
    }

    #[test]
    fn slugs_are_always_valid_remote_names() {
        for name in ["My Box", "a", "1 2 3", "x-y", "名前", "Box (work) 2"] {
            let s = slug(name, "box");
            assert!(remote_name(&s).is_ok(), "{s:?}");
        }
    }

    #[test]
    fn taken_names_get_a_number() {
        let taken = ["box", "box-2"];
        assert_eq!(first_free("box", |n| taken.contains(&n)), "box-3");
        assert_eq!(first_free("new", |n| taken.contains(&n)), "new");
    }

    #[test]
    fn dotted_names_that_would_inherit_are_found() {
        let existing = ["a", "a.b"];
        assert_eq!(inherits_from("a.b.c", |n| existing.contains(&n)).as_deref(), Some("a.b"));
        assert_eq!(inherits_from("x.y", |n| existing.contains(&n)), None);
    }
}

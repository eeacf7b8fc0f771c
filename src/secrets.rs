//! Which values are secret, and the redaction every printed string goes through.
//!
//! Two questions with two answers:
//! - *May it be shown?* (`is_secret_key`): no for everything rclone redacts. The per-backend
//!   list comes from rclone's own schema (the options it marks `Sensitive` or `IsPassword`),
//!   embedded so that commands which print a storage never have to start rclone. Names that are
//!   secret in every backend (token, password, …) are added on top, so a remote of a backend
//!   rclone adds later is still redacted.
//! - *Is it a credential?* (`is_credential`): passwords, client secrets, keys and tokens, whose
//!   value on a command line earns a warning. Identifiers that rclone merely redacts (`drive_id`,
//!   `client_id`, `tenant`, `root_folder_id`, `impersonate`, …) are not: a warning there would
//!   teach people to ignore it.

use std::collections::HashMap;
use std::sync::LazyLock;

pub const REDACTED: &str = "<redacted>";

const SENSITIVE_KEYS: &str = include_str!("sensitive_keys.txt");

static BY_BACKEND: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    SENSITIVE_KEYS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(backend, keys)| (backend.trim(), keys.split_whitespace().collect()))
        .collect()
});

/// Whether the value of `key` in a remote of type `backend` must never be shown.
pub fn is_secret_key(backend: &str, key: &str) -> bool {
    if BY_BACKEND.get(backend).is_some_and(|keys| keys.contains(&key)) {
        return true;
    }
    let key = key.to_ascii_lowercase();
    matches!(key.as_str(), "pass" | "key" | "passphrase" | "mnemonic" | "cookies" | "authorization")
        || ["token", "secret", "password", "_key", "_pass", "credentials"].iter().any(|p| key.contains(p))
}

/// Whether `key` holds a credential: a password, client secret, key or token, which anyone who
/// sees it can use. `is_password` is rclone's `IsPassword` for the option (always a credential).
pub fn is_credential(key: &str, is_password: bool) -> bool {
    if is_password {
        return true;
    }
    let key = key.to_ascii_lowercase();
    // Credentials whose names say so only to someone who knows the backend.
    if matches!(
        key.as_str(),
        "sas_url" | "connection_string" | "access_grant" | "session_id" | "cookies" | "mnemonic" | "authorization"
    ) {
        return true;
    }
    let words: Vec<&str> = key.split(['_', '-']).collect();
    // What names a thing, or points at one, is no credential: `access_key_id`, `token_url`,
    // `key_file`, `bearer_token_command`, `plex_username`.
    let last = words.last().copied().unwrap_or_default();
    if matches!(last, "id" | "uid" | "uuid" | "url" | "file" | "command" | "name" | "user" | "username" | "md5") {
        return false;
    }
    words.iter().any(|w| {
        matches!(*w, "token" | "secret" | "pass" | "passphrase" | "key" | "keys" | "pem" | "credentials")
            || w.starts_with("password")
    })
}

/// Redacts secrets inside free text, such as a line of rclone's stderr: JSON token fields,
/// `key = value` / `key=value` pairs whose key is secret, and `Bearer …` headers.
pub fn redact_text(text: &str) -> String {
    static PATTERNS: LazyLock<Vec<regex::Regex>> = LazyLock::new(|| {
        [
            // "access_token":"…", "refresh_token": "…", "client_secret":"…"
            r#"(?i)("[a-z_]*(?:token|secret|password|pass|key)"\s*:\s*")(?:[^"\\]|\\.)*(")"#,
            // token={…} / token = {…} (a whole JSON token on one line)
            r#"(?i)(\btoken\s*[=:]\s*)\{[^\n]*\}()"#,
            // client_secret=abc, pass = abc, password: abc (URL query strings included)
            // (a value starting with `@` or `<` is a file reference or already redacted)
            // (only with `=`: in prose, "refresh token: Error" is no assignment)
            r#"(?i)(\b[a-z_]*(?:secret|password|pass|token|_key)\s*=\s*)[^\s&,;"'}@<][^\s&,;"'}]*()"#,
            // Authorization: Bearer abc / Basic abc
            r"(?i)(\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}()",
        ]
        .iter()
        .filter_map(|p| regex::Regex::new(p).ok())
        .collect()
    });
    let mut out = text.to_string();
    for re in PATTERNS.iter() {
        out = re.replace_all(&out, format!("${{1}}{REDACTED}${{2}}")).into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_secrets_and_universal_secrets_are_recognised() {
        assert!(is_secret_key("box", "root_folder_id"));
        assert!(is_secret_key("webdav", "pass"));
        assert!(is_secret_key("s3", "secret_access_key"));
        assert!(is_secret_key("somefuturebackend", "api_token"));
        assert!(!is_secret_key("webdav", "url"));
        assert!(!is_secret_key("box", "upload_cutoff"));
    }

    #[test]
    fn credentials_are_told_from_identifiers_rclone_only_redacts() {
        for key in [
            "pass",
            "password2",
            "client_secret",
            "token",
            "access_token",
            "secret_access_key",
            "key_file_pass",
            "api_key",
            "key",
            "sas_url",
            "link_password",
            "service_account_credentials",
        ] {
            assert!(is_credential(key, false), "{key} is a credential");
        }
        for key in [
            "drive_id",
            "client_id",
            "root_folder_id",
            "tenant",
            "impersonate",
            "access_key_id",
            "token_url",
            "key_file",
            "user",
            "plex_username",
            "drive_type",
        ] {
            assert!(!is_credential(key, false), "{key} is no credential");
        }
        // Whatever rclone stores obscured is a credential, whatever its name.
        assert!(is_credential("anything", true));
        // Every identifier above is still redacted where rclone redacts it.
        assert!(is_secret_key("onedrive", "drive_id") && is_secret_key("onedrive", "client_id"));
    }

    #[test]
    fn tokens_and_passwords_in_text_are_redacted() {
        let line = r#"token = {"access_token":"AAA111","refresh_token":"RRR222","expiry":"2030-01-01T00:00:00Z"}"#;
        let out = redact_text(line);
        assert!(!out.contains("AAA111") && !out.contains("RRR222"), "{out}");
        let out = redact_text(r#"failed: {"access_token": "XYZ987", "token_type":"Bearer"}"#);
        assert!(!out.contains("XYZ987"), "{out}");
        assert!(out.contains("Bearer"), "{out}");
        let out = redact_text("POST client_id=abc&client_secret=S3CRET&code=x");
        assert!(!out.contains("S3CRET"), "{out}");
        assert!(out.contains("client_id=abc"), "{out}");
        let out = redact_text("Authorization: Bearer abcdefghijkl");
        assert!(!out.contains("abcdefghijkl"), "{out}");
        assert_eq!(redact_text("couldn't list files: 401 Unauthorized"), "couldn't list files: 401 Unauthorized");
        assert_eq!(redact_text("use --set pass=@FILE"), "use --set pass=@FILE");
        assert_eq!(
            redact_text("failed to refresh token: Error: Auth Error"),
            "failed to refresh token: Error: Auth Error"
        );
        assert!(!redact_text("pass = hunter2").contains("hunter2"));
    }
}

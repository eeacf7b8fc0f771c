//! One translation table from rclone's failure messages to what a person should do next.
//! Shared by every command that checks a connection (add, edit, reauth, test).

use crate::secrets::redact_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Unreachable,
    AuthRequired,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub status: Status,
    /// One line: what went wrong (rclone's words, redacted).
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// The provider refused the refresh token (`invalid_grant`): revoked, lapsed, or, where a
    /// refresh token works once, already used by someone else (see `token::single_use_refresh`).
    pub refresh_refused: bool,
}

impl Diagnosis {
    /// The diagnosis for a storage of `provider`. invalid_grant where a refresh token works once
    /// (see `token::single_use_refresh`): rclone's own words ("maybe token expired?") miss the
    /// likely cause, a copy of the storage elsewhere (another host, an older rclone.conf
    /// restored) that refreshed first.
    pub fn for_provider(mut self, provider: &str) -> Diagnosis {
        if self.refresh_refused && crate::token::single_use_refresh(provider) {
            self.message = format!(
                "the refresh token was refused (invalid_grant): {provider} refresh tokens work once, so it was \
                 revoked, or used first by a copy of this storage on another host (or by an older copy of \
                 rclone.conf restored here); to move a storage without copying its token, see docs/fleets.md"
            );
            self.hint = "sign in again, for a token of this host's own".into();
        }
        self
    }
}

/// (needle in rclone's stderr, lower-cased) → (status, what to do). First match wins, so the
/// specific entries come before the general ones.
const TABLE: &[(&str, Status, &str)] = &[
    (
        "aadsts700025",
        Status::AuthRequired,
        "Microsoft will not refresh this token with rclone's app: register your own app with \"Allow public client flows\" and pass --client-id ID",
    ),
    (
        "aadsts7000218",
        Status::AuthRequired,
        "the app does not allow public client flows: enable \"Allow public client flows\" for it, or use --authorize",
    ),
    ("empty token found", Status::AuthRequired, "the storage has no token: sign in again to get one"),
    ("invalid_grant", Status::AuthRequired, "the token expired or was revoked: sign in again to get a new one"),
    ("maybe token expired", Status::AuthRequired, "the token expired or was revoked: sign in again to get a new one"),
    ("token expired", Status::AuthRequired, "the token expired: sign in again to get a new one"),
    ("invalid_client", Status::AuthRequired, "the OAuth client id or secret is wrong: check your app's credentials"),
    ("unauthorized_client", Status::AuthRequired, "the OAuth app may not use this sign-in method: check its settings"),
    (
        "redirect_uri",
        Status::AuthRequired,
        "the app's redirect URI does not match: register http://127.0.0.1:53682/ (Box) or http://localhost:53682/",
    ),
    (
        "access_denied",
        Status::AuthRequired,
        "access was denied: for Box, an enterprise admin may have to authorize the app in the Admin Console",
    ),
    (
        "app not authorized",
        Status::AuthRequired,
        "the app is not authorized: a Box enterprise admin must approve it in the Admin Console",
    ),
    (
        "couldn't decrypt password",
        Status::Error,
        "a password option holds a value rclone cannot reveal: set it again with --set KEY=@FILE",
    ),
    (
        "401 unauthorized",
        Status::AuthRequired,
        "the server refused the credentials: check the user name and password or token",
    ),
    ("403 forbidden", Status::AuthRequired, "the server refused access: check the credentials and their permissions"),
    ("invalidaccesskeyid", Status::AuthRequired, "the access key is not known to the server: check access_key_id"),
    ("signaturedoesnotmatch", Status::AuthRequired, "the secret key is wrong: check secret_access_key"),
    ("permission denied", Status::AuthRequired, "the server refused the credentials: check them"),
    (
        "unable to authenticate",
        Status::AuthRequired,
        "the server refused the credentials: check the user name and password",
    ),
    ("429", Status::Unreachable, "the provider is rate limiting requests: wait a few minutes and try again"),
    (
        "too many requests",
        Status::Unreachable,
        "the provider is rate limiting requests: wait a few minutes and try again",
    ),
    ("rate limit", Status::Unreachable, "the provider is rate limiting requests: wait a few minutes and try again"),
    (
        "sites.read.all",
        Status::AuthRequired,
        "SharePoint sites need the Sites.Read.All permission: your organization's admin may have to grant it",
    ),
    (
        "itemnotfound",
        Status::Error,
        "the drive or folder was not found: check drive_id and, for business accounts, your permissions (ask IT)",
    ),
    (
        "file_size_limit_exceeded",
        Status::Error,
        "the file is larger than the plan allows (Box: 250 MB free, 5 GB Business, 15 GB Enterprise)",
    ),
    ("quota", Status::Error, "the account is over its storage quota: free some space or upgrade the plan"),
    ("insufficient storage", Status::Error, "the account is out of space: free some space or upgrade the plan"),
    (
        "connection refused",
        Status::Unreachable,
        "nothing answers at that address: check the URL or host and port, and that the server runs",
    ),
    ("no such host", Status::Unreachable, "the host name does not resolve: check the URL or host, and the network"),
    ("i/o timeout", Status::Unreachable, "the server did not answer in time: check the address and the network"),
    ("deadline exceeded", Status::Unreachable, "the server did not answer in time: check the address and the network"),
    ("network is unreachable", Status::Unreachable, "the network is unreachable: check this machine's connection"),
    ("tls", Status::Unreachable, "the secure connection failed: check the URL's scheme and the server's certificate"),
    ("certificate", Status::Unreachable, "the server's certificate was refused: check the URL and the certificate"),
    (
        "unable to get drive_id",
        Status::Error,
        "OneDrive needs drive_id and drive_type: pass --set drive_id=… --set drive_type=…",
    ),
    (
        "didn't find backend called",
        Status::Error,
        "rclone does not know this backend: `pluton providers` lists the ones it knows",
    ),
    ("500 internal server error", Status::Unreachable, "the server failed: try again later"),
    ("502 bad gateway", Status::Unreachable, "the server failed: try again later"),
    ("503 service unavailable", Status::Unreachable, "the service is unavailable: try again later"),
];

/// Reads a failed rclone run: its stderr, and whether our timer killed it.
pub fn diagnose(stderr: &[u8], timed_out: bool, timeout_secs: u64) -> Diagnosis {
    if timed_out {
        return Diagnosis {
            status: Status::Unreachable,
            message: format!("no answer within {timeout_secs} s"),
            hint: "the server accepted the connection but did not answer: check the address, or raise --timeout".into(),
            refresh_refused: false,
        };
    }
    let text = String::from_utf8_lossy(stderr);
    let message = last_error_line(&text);
    let lower = text.to_lowercase();
    let (status, hint) = TABLE
        .iter()
        .find(|(needle, _, _)| lower.contains(needle))
        .map(|(_, status, hint)| (*status, (*hint).to_string()))
        .unwrap_or((
            Status::Error,
            "run with --verbose, or try `pluton rclone lsd REMOTE:` for rclone's own words".into(),
        ));
    let refresh_refused = lower.contains("invalid_grant");
    Diagnosis { status, message, hint, refresh_refused }
}

/// The most telling line of rclone's stderr, without its timestamp and level, redacted.
fn last_error_line(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let pick = lines
        .iter()
        .rev()
        .find(|l| l.contains("ERROR") || l.contains("CRITICAL") || l.contains("Failed") || l.contains("Fatal"))
        .or(lines.last())
        .copied()
        .unwrap_or("rclone failed without saying why");
    let stripped = strip_log_prefix(pick);
    let mut out = redact_text(stripped);
    if out.chars().count() > 400 {
        out = out.chars().take(400).collect::<String>() + "…";
    }
    out
}

/// `2026/11/24 10:00:00 ERROR : remote: message` → `remote: message`.
fn strip_log_prefix(line: &str) -> &str {
    let mut rest = line;
    // date and time
    let mut parts = rest.splitn(3, ' ');
    if let (Some(date), Some(time), Some(tail)) = (parts.next(), parts.next(), parts.next())
        && date.len() == 10
        && date.as_bytes().get(4) == Some(&b'/')
        && time.contains(':')
    {
        rest = tail;
    }
    for level in ["CRITICAL:", "ERROR :", "NOTICE:", "INFO  :", "DEBUG :", "Failed to"] {
        if let Some(tail) = rest.strip_prefix(level) {
            return if level == "Failed to" { rest } else { tail.trim_start() };
        }
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_failures_are_classified_with_a_hint() {
        let cases = [
            (
                "2026/11/24 10:00:00 CRITICAL: Failed to create file system for \"b:\": failed to configure Box: empty token found - please run \"rclone config reconnect b:\"",
                Status::AuthRequired,
            ),
            ("couldn't fetch token: invalid_grant: maybe token expired? - try refreshing", Status::AuthRequired),
            (
                "Failed to lsd with 2 errors: last error was: couldn't list files: 401 Unauthorized: 401 Unauthorized",
                Status::AuthRequired,
            ),
            ("dial tcp 127.0.0.1:9: connect: connection refused", Status::Unreachable),
            ("dial tcp: lookup no-such-host.invalid on 1.1.1.1:53: no such host", Status::Unreachable),
            ("something nobody expected", Status::Error),
        ];
        for (stderr, status) in cases {
            let d = diagnose(stderr.as_bytes(), false, 30);
            assert_eq!(d.status, status, "{stderr}");
            assert!(!d.hint.is_empty());
        }
        let refused = diagnose(b"couldn't fetch token: invalid_grant: maybe token expired?", false, 30);
        assert!(refused.refresh_refused);
        assert!(refused.clone().for_provider("box").message.contains("copy of this storage on another host"));
        assert_eq!(refused.clone().for_provider("onedrive"), refused, "OneDrive's old refresh tokens live on");
        assert!(!diagnose(b"401 Unauthorized", false, 30).refresh_refused);
        let d = diagnose(b"", true, 7);
        assert_eq!(d.status, Status::Unreachable);
        assert!(d.message.contains("7 s"));
    }

    #[test]
    fn messages_lose_the_log_prefix_and_any_secret() {
        let d = diagnose(
            b"2026/11/24 10:00:00 ERROR : token = {\"access_token\":\"SECRET\"}: 401 Unauthorized\n",
            false,
            30,
        );
        assert!(!d.message.contains("SECRET"), "{}", d.message);
        assert!(d.message.starts_with("token"), "{}", d.message);
    }
}

//! OAuth tokens as rclone stores them: one line of JSON in the section's `token` key.

use serde::Deserialize;

/// What can be said about a stored token without refreshing it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenStatus {
    pub present: bool,
    /// The access token's expiry (RFC 3339), absent when the token never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
}

#[derive(Deserialize)]
struct StoredToken {
    #[serde(default)]
    access_token: String,
    #[serde(default)]
    expiry: Option<String>,
}

/// Reads a `token` value from rclone.conf; never returns any part of the secret.
pub fn status(value: &str) -> TokenStatus {
    match serde_json::from_str::<StoredToken>(value) {
        Ok(token) => TokenStatus {
            present: !token.access_token.is_empty(),
            // Go's zero time means "never expires" (put.io).
            expiry: token.expiry.filter(|e| !e.is_empty() && !e.starts_with("0001-01-01")),
        },
        Err(_) => TokenStatus { present: !value.trim().is_empty(), expiry: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_reads_expiry_and_ignores_go_zero_time() {
        let s = status(r#"{"access_token":"a","expiry":"2030-01-01T00:00:00Z"}"#);
        assert_eq!(s, TokenStatus { present: true, expiry: Some("2030-01-01T00:00:00Z".into()) });
        let s = status(r#"{"access_token":"a","expiry":"0001-01-01T00:00:00Z"}"#);
        assert_eq!(s.expiry, None);
        assert!(!status("").present);
    }
}

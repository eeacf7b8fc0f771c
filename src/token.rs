//! OAuth tokens: taking them in whatever form people have them (design.md §5), and reading the
//! one rclone keeps in a section's `token` key.
//!
//! Accepted, with surrounding whitespace, CRLF and log noise ignored: the token JSON (one line
//! or pretty-printed); the whole output of `rclone authorize` (the payload sits between a line
//! ending in `--->` and one starting with `<---End paste`); the base64 blob `rclone authorize`
//! prints for custom client credentials (`{"token":"<json>"}`), and plain base64 of the JSON.
//! Errors never quote the input: it may be a secret.

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// A token as one compact line of JSON, ready for rclone.conf. It cannot be printed.
pub struct Token(SecretString);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl Token {
    /// The compact JSON, for writing into rclone.conf and nowhere else.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub fn status(&self, provider: &str) -> TokenStatus {
        status(self.expose(), provider)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is empty; {EXPECTED}")]
    Empty,
    #[error("the `rclone authorize` output has nothing between its `--->` and `<---End paste` lines")]
    EmptyBetweenMarkers,
    #[error("this is not a token; {EXPECTED}")]
    NotAToken,
    #[error("the token is JSON but not an object; {EXPECTED}")]
    NotAnObject,
    #[error("the token has no access_token (or an empty one); {EXPECTED}")]
    NoAccessToken,
}

const EXPECTED: &str = "expected the token JSON ({\"access_token\":…}), the whole output of `rclone authorize`, \
                        or its base64 form";

const START_MARKER: &str = "--->";
const END_MARKER: &str = "<---End paste";

pub fn parse(input: &str) -> Result<Token, TokenError> {
    let text = input.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(TokenError::Empty);
    }
    let payload = between_markers(text)?.unwrap_or(text);
    let value = decode(payload.trim())?;
    let object = value.as_object().ok_or(TokenError::NotAnObject)?;
    let access = object.get("access_token").and_then(serde_json::Value::as_str).unwrap_or_default();
    if access.is_empty() {
        return Err(TokenError::NoAccessToken);
    }
    // serde_json keeps the key order (preserve_order), so the stored line reads like rclone's.
    Ok(Token(SecretString::from(value.to_string())))
}

/// The text between `… --->` and `<---End paste`, when the markers are there.
fn between_markers(text: &str) -> Result<Option<&str>, TokenError> {
    let Some(start_line_end) = text.lines().find(|l| l.trim_end().ends_with(START_MARKER)).map(|l| {
        let offset = l.as_ptr() as usize - text.as_ptr() as usize;
        offset + l.len()
    }) else {
        return Ok(None);
    };
    let rest = &text[start_line_end..];
    let end = rest.find(END_MARKER).unwrap_or(rest.len());
    let inner = rest[..end].trim();
    if inner.is_empty() {
        return Err(TokenError::EmptyBetweenMarkers);
    }
    Ok(Some(inner))
}

/// JSON as it is; people also paste the rclone.conf line (`token = {…}`) or quote it; else
/// base64 of the JSON or of rclone's `{"token":"…"}` wrapper.
fn decode(payload: &str) -> Result<serde_json::Value, TokenError> {
    let mut candidate = payload;
    if let Some(rest) = candidate.strip_prefix("token") {
        let rest = rest.trim_start();
        if let Some(rest) = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':')) {
            candidate = rest.trim();
        }
    }
    if candidate.len() >= 2 && candidate.starts_with('\'') && candidate.ends_with('\'') {
        candidate = &candidate[1..candidate.len() - 1];
    }
    if candidate.starts_with('{') || candidate.starts_with('[') || candidate.starts_with('"') {
        return serde_json::from_str(candidate).map_err(|_| TokenError::NotAToken);
    }
    let compact: String = candidate.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = [base64::engine::general_purpose::STANDARD, base64::engine::general_purpose::URL_SAFE]
        .iter()
        .find_map(|engine| engine.decode(compact.trim_end_matches('=')).ok().or_else(|| engine.decode(&compact).ok()))
        .or_else(|| base64::engine::general_purpose::STANDARD_NO_PAD.decode(compact.trim_end_matches('=')).ok())
        .or_else(|| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(compact.trim_end_matches('=')).ok())
        .ok_or(TokenError::NotAToken)?;
    let inner: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| TokenError::NotAToken)?;
    // rclone's blob wraps the token JSON as a string under "token".
    match inner.get("token") {
        Some(serde_json::Value::String(json)) => serde_json::from_str(json).map_err(|_| TokenError::NotAToken),
        Some(obj @ serde_json::Value::Object(_)) => Ok(obj.clone()),
        _ => Ok(inner),
    }
}

/// The same token with its expiry in the past, so that rclone refreshes it at first use.
pub fn backdated(token_json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(token_json) {
        Ok(mut value) if value.is_object() => {
            value["expiry"] = "2000-01-01T00:00:00Z".into();
            value.to_string()
        }
        _ => token_json.to_string(),
    }
}

/// What can be said about a stored token without refreshing it (never any part of it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenStatus {
    pub present: bool,
    /// The access token's expiry (RFC 3339), absent when the token never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
    /// When the refresh token lapses if rclone does not use it before (an estimate: Box
    /// refresh tokens live 60 days, OneDrive's 90 days unused; put.io tokens do not lapse).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_expires: Option<String>,
    pub state: TokenState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenState {
    /// Usable: rclone refreshes the access token by itself.
    Ok,
    /// The refresh token lapses within a week unless the storage is used.
    ExpiresSoon,
    /// Neither token can work any more: sign in again.
    Expired,
    Missing,
}

/// Days a refresh token lives unused, by provider (rclone's box docs; Microsoft's defaults).
fn refresh_lifetime_days(provider: &str) -> Option<i64> {
    match provider {
        "box" => Some(60),
        "onedrive" => Some(90),
        _ => None,
    }
}

/// Whether the provider's refresh tokens work once: redeeming one gives a new one and kills the
/// old at once, so two copies of one storage (two hosts, or an older rclone.conf restored)
/// cannot both live: the first to refresh wins, the other gets `invalid_grant`. Box (rclone's
/// box docs: "refresh tokens are single use"). Not OneDrive: Microsoft rotates refresh tokens
/// but the old one keeps working until it lapses; not put.io, whose tokens have no refresh.
pub fn single_use_refresh(provider: &str) -> bool {
    provider == "box"
}

/// A short, stable name for a stored token's refresh token, for spotting one token on two hosts
/// (the metrics' `pluton_storage_token_fingerprint_info`): the first 12 hex digits of SHA-256
/// over a fixed domain-separation prefix and the refresh token. Nothing of the token itself, and
/// 48 bits of a hash of a long random secret help nobody guess it. `None` without a refresh token.
pub fn refresh_fingerprint(value: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    let token = serde_json::from_str::<StoredToken>(value).ok()?;
    if token.refresh_token.is_empty() {
        return None;
    }
    let mut hash = Sha256::new();
    hash.update(b"pluton refresh-token fingerprint v1\0");
    hash.update(token.refresh_token.as_bytes());
    let digest = hash.finalize();
    Some(digest.iter().take(6).map(|b| format!("{b:02x}")).collect())
}

#[derive(Deserialize)]
struct StoredToken {
    #[serde(default)]
    access_token: String,
    #[serde(default)]
    refresh_token: String,
    #[serde(default)]
    expiry: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
}

/// Reads a `token` value from rclone.conf as of now.
pub fn status(value: &str, provider: &str) -> TokenStatus {
    status_at(value, provider, jiff::Timestamp::now())
}

pub fn status_at(value: &str, provider: &str, now: jiff::Timestamp) -> TokenStatus {
    let missing = TokenStatus { present: false, expiry: None, refresh_expires: None, state: TokenState::Missing };
    let Ok(token) = serde_json::from_str::<StoredToken>(value) else {
        return if value.trim().is_empty() {
            missing
        } else {
            TokenStatus { present: true, state: TokenState::Ok, ..missing }
        };
    };
    if token.access_token.is_empty() {
        return missing;
    }
    // Go's zero time means "never expires" (put.io).
    let expiry = token.expiry.filter(|e| !e.is_empty() && !e.starts_with("0001-01-01"));
    let expiry_at = expiry.as_deref().and_then(|e| e.parse::<jiff::Timestamp>().ok());
    let mut refresh_at = None;
    if let (Some(at), Some(days), false) = (expiry_at, refresh_lifetime_days(provider), token.refresh_token.is_empty())
    {
        // The token was issued about `expires_in` (else an hour) before its expiry.
        let issued = at - jiff::SignedDuration::from_secs(token.expires_in.unwrap_or(3600));
        refresh_at = Some(issued + jiff::SignedDuration::from_hours(days * 24));
    }
    let week = jiff::SignedDuration::from_hours(7 * 24);
    let state = match (expiry_at, refresh_at, token.refresh_token.is_empty()) {
        (_, Some(r), _) if r <= now => TokenState::Expired,
        (_, Some(r), _) if r <= now + week => TokenState::ExpiresSoon,
        (Some(e), None, true) if e <= now => TokenState::Expired,
        _ => TokenState::Ok,
    };
    let format = |t: jiff::Timestamp| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    TokenStatus { present: true, expiry, refresh_expires: refresh_at.map(format), state }
}

impl TokenStatus {
    /// A few words for a table cell.
    pub fn short(&self) -> String {
        match self.state {
            TokenState::Missing => "missing".into(),
            TokenState::Expired => "expired: reauth".into(),
            TokenState::ExpiresSoon => {
                format!("lapses {}", self.refresh_expires.as_deref().map(|d| &d[..10]).unwrap_or("soon"))
            }
            TokenState::Ok => "ok".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BOX: &str = r#"{"access_token":"AT-secret","token_type":"Bearer","refresh_token":"RT-secret","expiry":"2026-11-23T01:15:47.157069708+05:30","expires_in":3600}"#;

    fn parsed(input: &str) -> String {
        parse(input).map(|t| t.expose().to_string()).unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn raw_pretty_and_quoted_json() {
        assert_eq!(parsed(BOX), BOX);
        assert_eq!(parsed(&format!("\r\n  {BOX}  \r\n")), BOX);
        let pretty =
            serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(BOX).ok()).unwrap_or_default();
        assert!(pretty.contains('\n'));
        assert_eq!(parsed(&pretty), BOX);
        assert_eq!(parsed(&pretty.replace('\n', "\r\n")), BOX);
        assert_eq!(parsed(&format!("token = {BOX}")), BOX);
        assert_eq!(parsed(&format!("'{BOX}'")), BOX);
    }

    #[test]
    fn rclone_authorize_output_with_noise() {
        let out = format!(
            "2026/11/24 10:00:00 NOTICE: If your browser doesn't open automatically go to the following link: http://127.0.0.1:53682/auth?state=x\n\
             2026/11/24 10:00:00 NOTICE: Log in and authorize rclone for access\nWaiting for code...\nGot code\n\
             Paste the following into your remote machine --->\n{BOX}\n<---End paste\n"
        );
        assert_eq!(parsed(&out), BOX);
        assert_eq!(parsed(&out.replace('\n', "\r\n")), BOX);
        let putio = r#"{"access_token":"VWFL7Z","token_type":"bearer","expiry":"0001-01-01T00:00:00Z"}"#;
        assert_eq!(
            parsed(&format!("Paste the following into your remote machine --->\n{putio}\n<---End paste")),
            putio
        );
    }

    #[test]
    fn base64_forms() {
        use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE};
        let blob = serde_json::json!({ "token": BOX }).to_string();
        assert_eq!(parsed(&STANDARD_NO_PAD.encode(&blob)), BOX);
        assert_eq!(parsed(&STANDARD.encode(&blob)), BOX);
        assert_eq!(parsed(&STANDARD.encode(BOX)), BOX);
        assert_eq!(parsed(&URL_SAFE.encode(BOX)), BOX);
        let wrapped = format!(
            "Paste the following into your remote machine --->\n{}\n<---End paste\n",
            STANDARD_NO_PAD.encode(&blob)
        );
        assert_eq!(parsed(&wrapped), BOX);
    }

    #[test]
    fn long_tokens_are_fine() {
        let long = format!(r#"{{"access_token":"{}","token_type":"Bearer"}}"#, "a".repeat(20 * 1024));
        assert_eq!(parsed(&long), long);
    }

    #[test]
    fn each_failure_says_what_was_expected_and_never_echoes_the_input() {
        let cases = [
            ("", TokenError::Empty),
            ("   \r\n", TokenError::Empty),
            ("hello SECRETVALUE", TokenError::NotAToken),
            ("[1,2]", TokenError::NotAnObject),
            ("{\"access_token\":\"\"}", TokenError::NoAccessToken),
            ("{\"refresh_token\":\"SECRETVALUE\"}", TokenError::NoAccessToken),
            ("{\"access_token\":\"SECRETVALUE\"", TokenError::NotAToken),
            ("Paste the following into your remote machine --->\n\n<---End paste", TokenError::EmptyBetweenMarkers),
        ];
        for (input, expected) in cases {
            let err = parse(input).err();
            assert_eq!(err.as_ref(), Some(&expected), "{input:?}");
            let text = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(!text.contains("SECRETVALUE"));
        }
        assert!(TokenError::NotAToken.to_string().contains("rclone authorize"));
    }

    #[test]
    fn tokens_do_not_print() {
        let token = parse(BOX).ok();
        assert_eq!(format!("{token:?}"), "Some(Token(<redacted>))");
    }

    #[test]
    fn the_refresh_fingerprint_is_short_stable_hex_and_no_part_of_the_token() {
        let token =
            r#"{"access_token":"a","refresh_token":"RT-secret-0123456789abcdef","expiry":"2030-01-01T00:00:00Z"}"#;
        let fp = refresh_fingerprint(token).unwrap_or_default();
        assert_eq!(fp.len(), 12);
        assert!(fp.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{fp}");
        assert!(!token.to_lowercase().contains(&fp), "{fp}");
        // The access token does not count: one refresh token, one fingerprint.
        let other_access = token.replace("\"a\"", "\"b\"");
        assert_eq!(refresh_fingerprint(&other_access), Some(fp.clone()));
        assert_ne!(refresh_fingerprint(&token.replace("RT-", "RU-")), Some(fp));
        assert_eq!(refresh_fingerprint(r#"{"access_token":"a","expiry":"0001-01-01T00:00:00Z"}"#), None);
        assert_eq!(refresh_fingerprint("not json"), None);
        assert!(single_use_refresh("box") && !single_use_refresh("onedrive") && !single_use_refresh("putio"));
    }

    #[test]
    fn status_estimates_when_a_token_lapses() -> Result<(), jiff::Error> {
        let now: jiff::Timestamp = "2026-06-01T00:00:00Z".parse()?;
        let at = |t: &str, p: &str| status_at(t, p, now);
        let fresh = r#"{"access_token":"a","refresh_token":"r","expiry":"2026-05-31T23:30:00Z","expires_in":3600}"#;
        let s = at(fresh, "box");
        assert_eq!(s.state, TokenState::Ok);
        assert_eq!(s.refresh_expires.as_deref(), Some("2026-07-30T22:30:00Z"));
        let old = r#"{"access_token":"a","refresh_token":"r","expiry":"2026-04-05T00:00:00Z"}"#;
        assert_eq!(at(old, "box").state, TokenState::ExpiresSoon);
        assert_eq!(at(old, "onedrive").state, TokenState::Ok);
        let older = r#"{"access_token":"a","refresh_token":"r","expiry":"2026-01-01T00:00:00Z"}"#;
        assert_eq!(at(older, "box").state, TokenState::Expired);
        assert_eq!(at(older, "box").short(), "expired: reauth");
        let putio = r#"{"access_token":"a","token_type":"bearer","expiry":"0001-01-01T00:00:00Z"}"#;
        let s = at(putio, "putio");
        assert_eq!((s.state, s.expiry.as_deref(), s.refresh_expires.as_deref()), (TokenState::Ok, None, None));
        let no_refresh = r#"{"access_token":"a","expiry":"2026-05-01T00:00:00Z"}"#;
        assert_eq!(at(no_refresh, "putio").state, TokenState::Expired);
        assert_eq!(at("", "box").state, TokenState::Missing);
        assert_eq!(at(r#"{"access_token":""}"#, "box").state, TokenState::Missing);
        Ok(())
    }

    fn token_strategy() -> impl Strategy<Value = String> {
        ("[A-Za-z0-9._~+/-]{1,200}", proptest::option::of("[A-Za-z0-9._-]{1,80}"), proptest::option::of(0u32..100000))
            .prop_map(|(access, refresh, expires)| {
                let mut t = serde_json::json!({ "access_token": access, "token_type": "Bearer" });
                if let Some(r) = refresh {
                    t["refresh_token"] = r.into();
                }
                if let Some(e) = expires {
                    t["expires_in"] = e.into();
                }
                t.to_string()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics(input in ".{0,400}") {
            let _ = parse(&input);
        }

        #[test]
        fn every_wrapping_gives_the_same_compact_token(token in token_strategy(), crlf in any::<bool>(), noise in "[a-zA-Z :.]{0,40}") {
            use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
            let nl = if crlf { "\r\n" } else { "\n" };
            let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&token).ok()).unwrap_or_default();
            let blob = STANDARD_NO_PAD.encode(serde_json::json!({ "token": token }).to_string());
            let inputs = [
                token.clone(),
                pretty.replace('\n', nl),
                format!("{noise}{nl}Paste the following into your remote machine --->{nl}{token}{nl}<---End paste{nl}{noise}"),
                format!("Paste the following into your remote machine --->{nl}{pretty}{nl}<---End paste{nl}"),
                blob,
                STANDARD.encode(&token),
            ];
            for input in inputs {
                prop_assert_eq!(parsed(&input), token.clone());
            }
        }
    }
}

//! Signing in with a short code typed on any other device (`--device`): put.io's link code and
//! Microsoft's device authorization grant (RFC 8628) for OneDrive. Nothing runs a browser or
//! rclone here, and nothing reads stdin, so it works on a headless server and from a script
//! whose stderr a person watches.

use std::time::{Duration, Instant};

use secrecy::SecretString;
use serde::Deserialize;

use crate::error::Error;
use crate::options::Value;
use crate::output::{Output, Spinner};

/// rclone's put.io app: a token issued to it is one rclone can use.
const PUTIO_APP_ID: &str = "4131";
const PUTIO_LINK_PAGE: &str = "https://put.io/link";
/// put.io gives no polling interval; this is gentle on its API and quick enough for a person.
const PUTIO_POLL: Duration = Duration::from_secs(3);

/// rclone's OneDrive app and scopes (backend/onedrive); `offline_access` brings the refresh token.
pub const ONEDRIVE_CLIENT_ID: &str = "b15665d9-eda6-4092-8539-0eec376afd59";
const ONEDRIVE_SCOPES: &str =
    "Files.Read Files.ReadWrite Files.Read.All Files.ReadWrite.All Sites.Read.All offline_access";
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// (status, body) of a request, or a connection error in words.
fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>, what: &str) -> Result<(u16, String), Error> {
    let mut response = result.map_err(|e| {
        Error::connection(format!("could not reach {what}: {e}")).with_hint("check the network, then try again")
    })?;
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Ok((status, body))
}

/// Tells the person what to do: the page, the code, and a QR code of the page on a terminal.
fn show(out: &Output, page: &str, code: &str, expires: Duration) {
    eprintln!("\nTo sign in, open {page} on any device (a phone will do) and enter the code:\n\n    {code}\n");
    if !out.quiet
        && std::io::IsTerminal::is_terminal(&std::io::stderr())
        && let Ok(qr) = qrcode::QrCode::new(page.as_bytes())
    {
        let image = qr.render::<qrcode::render::unicode::Dense1x2>().quiet_zone(true).build();
        eprintln!("{image}\n");
    }
    eprintln!(
        "The code is valid for {} minutes. Waiting for you to approve it (Ctrl-C to stop)…",
        expires.as_secs() / 60
    );
}

fn countdown(spinner: &Spinner, deadline: Instant) {
    let left = deadline.saturating_duration_since(Instant::now()).as_secs();
    spinner.set_message(&format!("waiting for approval; the code expires in {}:{:02}", left / 60, left % 60));
}

fn token_value(json: serde_json::Value) -> Value {
    Value { key: "token".into(), value: SecretString::from(json.to_string()), secret: true }
}

fn expired(what: &str) -> Error {
    Error::auth(format!("the {what} expired before it was approved"))
        .with_hint("run the command again, and enter the new code")
}

/// put.io: ask for a link code, show it, poll until the user has entered it at put.io/link.
pub fn putio(out: &Output, timeout: Duration) -> Result<Value, Error> {
    let api = std::env::var("PLUTON_PUTIO_API_URL").unwrap_or_else(|_| "https://api.put.io".into());
    let api = api.trim_end_matches('/');
    let agent = agent();
    let (status, body) = answer(agent.get(format!("{api}/v2/oauth2/oob/code?app_id={PUTIO_APP_ID}")).call(), "put.io")?;
    #[derive(Deserialize)]
    struct Code {
        code: String,
    }
    let code: Code = serde_json::from_str(&body)
        .ok()
        .filter(|_| status == 200)
        .ok_or_else(|| Error::auth(format!("put.io did not hand out a link code (HTTP {status})")))?;
    show(out, PUTIO_LINK_PAGE, &code.code, timeout);
    let spinner = Spinner::start(out, "waiting for the code to be entered at put.io/link");
    let deadline = Instant::now() + timeout;
    loop {
        countdown(&spinner, deadline);
        if Instant::now() + PUTIO_POLL > deadline {
            drop(spinner);
            return Err(expired("code"));
        }
        std::thread::sleep(PUTIO_POLL);
        let (status, body) = answer(agent.get(format!("{api}/v2/oauth2/oob/code/{}", code.code)).call(), "put.io")?;
        if status == 404 || status == 410 {
            drop(spinner);
            return Err(expired("code"));
        }
        let token = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("oauth_token").and_then(|t| t.as_str()).map(str::to_string))
            .filter(|t| !t.is_empty());
        if let Some(token) = token {
            drop(spinner);
            // put.io tokens do not expire: Go's zero time says so to rclone.
            return Ok(token_value(serde_json::json!({
                "access_token": token,
                "token_type": "bearer",
                "expiry": "0001-01-01T00:00:00Z",
            })));
        }
    }
}

/// Where Microsoft's device endpoints are.
pub struct MicrosoftEndpoints {
    pub device: String,
    pub token: String,
}

impl MicrosoftEndpoints {
    /// With a token URL (`--set token_url=` or RCLONE_ONEDRIVE_TOKEN_URL) the device endpoint is
    /// its sibling; else the login host of the region, and the tenant (default `common`).
    pub fn new(token_url: Option<&str>, region: Option<&str>, tenant: Option<&str>) -> MicrosoftEndpoints {
        if let Some(token) = token_url.filter(|t| !t.is_empty()) {
            let base = token.strip_suffix("/token").unwrap_or(token);
            return MicrosoftEndpoints { device: format!("{base}/devicecode"), token: token.to_string() };
        }
        let host = match region.unwrap_or("global") {
            "us" => "https://login.microsoftonline.us",
            "de" => "https://login.microsoftonline.de",
            "cn" => "https://login.chinacloudapi.cn",
            _ => "https://login.microsoftonline.com",
        };
        let tenant = tenant.filter(|t| !t.is_empty()).unwrap_or("common");
        MicrosoftEndpoints {
            device: format!("{host}/{tenant}/oauth2/v2.0/devicecode"),
            token: format!("{host}/{tenant}/oauth2/v2.0/token"),
        }
    }
}

/// Microsoft's device authorization grant (RFC 8628): show the user code, poll the token
/// endpoint at the interval Microsoft asks for (wider after `slow_down`), until approval,
/// denial, expiry or our own timeout.
pub fn microsoft(
    out: &Output,
    endpoints: &MicrosoftEndpoints,
    client_id: &str,
    scopes: Option<&str>,
    timeout: Duration,
) -> Result<Value, Error> {
    let agent = agent();
    let scope = scopes.filter(|s| !s.is_empty()).unwrap_or(ONEDRIVE_SCOPES);
    let (status, body) = answer(
        agent.post(&endpoints.device).send_form([("client_id", client_id), ("scope", scope)]),
        "Microsoft's sign-in service",
    )?;
    #[derive(Deserialize)]
    struct DeviceCode {
        device_code: String,
        user_code: String,
        verification_uri: String,
        expires_in: u64,
        #[serde(default)]
        interval: Option<u64>,
    }
    let Ok(code) = serde_json::from_str::<DeviceCode>(&body)
        .map_err(|_| ())
        .and_then(|c| if status == 200 { Ok(c) } else { Err(()) })
    else {
        return Err(microsoft_error(&body, status));
    };
    let expires = Duration::from_secs(code.expires_in);
    show(out, &code.verification_uri, &code.user_code, expires.min(timeout));
    let spinner = Spinner::start(out, "waiting for the code to be approved");
    let started = Instant::now();
    let deadline = started + expires.min(timeout);
    let mut interval = Duration::from_secs(code.interval.unwrap_or(5).max(1));
    loop {
        countdown(&spinner, deadline);
        if Instant::now() + interval > deadline {
            drop(spinner);
            return Err(expired("code"));
        }
        std::thread::sleep(interval);
        let (status, body) = answer(
            agent.post(&endpoints.token).send_form([
                ("grant_type", DEVICE_GRANT),
                ("client_id", client_id),
                ("device_code", code.device_code.as_str()),
            ]),
            "Microsoft's sign-in service",
        )?;
        if status == 200 {
            drop(spinner);
            return rclone_token(&body);
        }
        let error = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
            .unwrap_or_default();
        match error.as_str() {
            "authorization_pending" => {}
            // RFC 8628 §3.5: slow down by five seconds, for this and every later poll.
            "slow_down" => interval += Duration::from_secs(5),
            "expired_token" => {
                drop(spinner);
                return Err(expired("code"));
            }
            "access_denied" | "authorization_declined" => {
                drop(spinner);
                return Err(Error::auth("the sign-in was declined").with_hint("run the command again and approve it"));
            }
            _ => {
                drop(spinner);
                return Err(microsoft_error(&body, status));
            }
        }
    }
}

/// Microsoft's token answer as the token rclone keeps (Go's oauth2 shape, with `expiry`).
fn rclone_token(body: &str) -> Result<Value, Error> {
    #[derive(Deserialize)]
    struct Answer {
        access_token: String,
        #[serde(default)]
        token_type: Option<String>,
        #[serde(default)]
        refresh_token: Option<String>,
        #[serde(default)]
        expires_in: Option<i64>,
    }
    let a: Answer = serde_json::from_str(body).map_err(|_| Error::auth("Microsoft answered with no usable token"))?;
    let expiry = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(a.expires_in.unwrap_or(3600));
    let mut token = serde_json::json!({
        "access_token": a.access_token,
        "token_type": a.token_type.unwrap_or_else(|| "Bearer".into()),
    });
    if let Some(refresh) = a.refresh_token {
        token["refresh_token"] = refresh.into();
    }
    token["expiry"] = expiry.strftime("%Y-%m-%dT%H:%M:%SZ").to_string().into();
    Ok(token_value(token))
}

/// One line for Microsoft's refusals; the AADSTS codes people hit get their fix.
fn microsoft_error(body: &str, status: u16) -> Error {
    let value: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let description = value
        .get("error_description")
        .or_else(|| value.get("error"))
        .and_then(|d| d.as_str())
        .map(|d| d.lines().next().unwrap_or(d).to_string())
        .unwrap_or_else(|| format!("HTTP {status}"));
    let hint = if description.contains("AADSTS7000218") || description.contains("AADSTS700025") {
        "this app does not allow public client flows: register your own app with \"Allow public client flows\" \
         enabled and pass --client-id ID (and no client secret)"
    } else {
        "try again; if it keeps failing, use --authorize or --token-file instead"
    };
    Error::auth(format!("Microsoft refused the sign-in: {}", crate::secrets::redact_text(&description))).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_the_token_url_or_the_region() {
        let e = MicrosoftEndpoints::new(Some("http://127.0.0.1:9/token"), None, None);
        assert_eq!(
            (e.device.as_str(), e.token.as_str()),
            ("http://127.0.0.1:9/devicecode", "http://127.0.0.1:9/token")
        );
        let e = MicrosoftEndpoints::new(None, Some("cn"), Some("contoso"));
        assert_eq!(e.device, "https://login.chinacloudapi.cn/contoso/oauth2/v2.0/devicecode");
        let e = MicrosoftEndpoints::new(None, None, None);
        assert_eq!(e.token, "https://login.microsoftonline.com/common/oauth2/v2.0/token");
    }

    #[test]
    fn refusals_name_the_fix() {
        let err = microsoft_error(
            r#"{"error":"invalid_client","error_description":"AADSTS7000218: The request body must contain client_assertion"}"#,
            400,
        );
        assert_eq!(err.code(), 5);
        assert!(err.hint().unwrap_or_default().contains("Allow public client flows"));
    }
}

//! A small OAuth 2 provider (plus the few Microsoft Graph endpoints rclone's OneDrive setup
//! reads), on 127.0.0.1:0, for end-to-end tests of real `rclone authorize` and token refresh.
//! Same protocol as shared/tools/fake_oauth_server.py, written in Rust so the suite carries it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use base64::Engine as _;

pub const DRIVE_ID: &str = "b!fakeDriveId0123";
pub const SITE_ID: &str = "contoso.sharepoint.com,site-1,web-1";
pub const SITE_DRIVE_ID: &str = "b!siteLibrary0456";
/// The document library of the tenant's root site (what `--drive sharepoint` without `--site` uses).
pub const ROOT_SITE_DRIVE_ID: &str = "b!rootLibrary0789";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// When set, the token endpoint checks these credentials (Basic header or form fields).
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Seconds until issued access tokens expire (0: 3600).
    pub expires_in: u64,
    /// put.io style: no refresh_token, no expires_in.
    pub no_refresh: bool,
    /// The authorization endpoint answers access_denied.
    pub deny: bool,
    /// Refreshing fails with invalid_grant.
    pub invalid_grant: bool,
    /// Box style: a refresh token works once; redeemed again, it is invalid_grant.
    pub single_use_refresh: bool,
    /// The drives Graph lists as (id, driveType); empty: one personal drive, DRIVE_ID.
    pub drives: Vec<(String, String)>,
    /// Device sign-ins (put.io's link code, Microsoft's device code) stay pending this many polls.
    pub pending_polls: u32,
    /// Microsoft: answer the first poll with `slow_down`.
    pub slow_down: bool,
    /// What the person does with the code in the end.
    pub device_outcome: DeviceOutcome,
    /// Microsoft: the device code's lifetime in seconds (0: 900).
    pub device_expires_in: u64,
    /// Refreshing with a client secret fails, as Microsoft refuses it for public-client tokens.
    pub public_client: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DeviceOutcome {
    #[default]
    Approve,
    Deny,
    Expire,
}

pub const PUTIO_CODE: &str = "PLUTON1";
pub const USER_CODE: &str = "ABCD-EFGH";

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: HashMap<String, String>,
    pub form: HashMap<String, String>,
    pub authorization: Option<String>,
    pub at: Instant,
}

struct State {
    options: Options,
    codes: Mutex<HashMap<String, String>>,
    /// Refresh tokens already redeemed (with `single_use_refresh`).
    redeemed: Mutex<std::collections::HashSet<String>>,
    requests: Mutex<Vec<Request>>,
    issued: Mutex<Vec<serde_json::Value>>,
    counter: AtomicU32,
    polls: AtomicU32,
    stop: AtomicBool,
}

pub struct OAuthServer {
    pub base: String,
    state: Arc<State>,
}

impl OAuthServer {
    pub fn start(options: Options) -> OAuthServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding the fake OAuth server");
        let base = format!("http://{}", listener.local_addr().expect("local addr"));
        let state = Arc::new(State {
            options,
            codes: Mutex::default(),
            redeemed: Mutex::default(),
            requests: Mutex::default(),
            issued: Mutex::default(),
            counter: AtomicU32::new(0),
            polls: AtomicU32::new(0),
            stop: AtomicBool::new(false),
        });
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let st = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = handle(stream, &st);
                });
            }
        });
        OAuthServer { base, state }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Every token the server handed out, in order.
    pub fn issued(&self) -> Vec<serde_json::Value> {
        self.state.issued.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Environment that points rclone's `provider` backend at this server.
    pub fn env_for(&self, provider: &str) -> Vec<(String, String)> {
        let prefix = format!("RCLONE_{}_", provider.to_uppercase());
        let mut env = vec![
            (format!("{prefix}AUTH_URL"), format!("{}/authorize", self.base)),
            (format!("{prefix}TOKEN_URL"), format!("{}/token", self.base)),
        ];
        if provider == "onedrive" {
            env.push((format!("{prefix}TENANT_URL"), self.base.clone()));
        }
        env
    }
}

impl Drop for OAuthServer {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
    }
}

fn handle(stream: TcpStream, state: &State) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (method, target) =
            (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or_default().to_string());
        let mut headers = HashMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_lowercase(), v.trim().to_string());
            }
        }
        let length: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let request = Request {
            method: method.clone(),
            path: path.to_string(),
            query: parse_form(query),
            form: parse_form(&String::from_utf8_lossy(&body)),
            authorization: headers.get("authorization").cloned(),
            at: Instant::now(),
        };
        if let Ok(mut r) = state.requests.lock() {
            r.push(request.clone());
        }
        let (status, content_type, body, location) = respond(&request, state);
        let mut head =
            format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n", body.len());
        if let Some(loc) = location {
            head.push_str(&format!("Location: {loc}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        stream.flush()?;
    }
}

type Response = (&'static str, &'static str, String, Option<String>);

fn json(status: &'static str, value: serde_json::Value) -> Response {
    (status, "application/json", value.to_string(), None)
}

fn respond(req: &Request, state: &State) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/authorize") => authorize(req, state),
        // put.io's link code (rclone's app id 4131).
        ("GET", "/v2/oauth2/oob/code") => json("200 OK", serde_json::json!({ "code": PUTIO_CODE })),
        ("GET", p) if p == format!("/v2/oauth2/oob/code/{PUTIO_CODE}") => match device_state(state) {
            Some(Ok(())) => json("200 OK", serde_json::json!({ "oauth_token": new_token(state)["access_token"] })),
            Some(Err("expired_token")) => json("404 Not Found", serde_json::json!({ "error": "not found" })),
            _ => json("200 OK", serde_json::json!({ "oauth_token": null })),
        },
        // Microsoft's device authorization endpoint, beside /token.
        ("POST", "/devicecode") => json(
            "200 OK",
            serde_json::json!({
                "device_code": "device-code-1",
                "user_code": USER_CODE,
                "verification_uri": "https://microsoft.com/devicelogin",
                "expires_in": if state.options.device_expires_in == 0 { 900 } else { state.options.device_expires_in },
                "interval": 1,
            }),
        ),
        ("POST", "/token") => token(req, state),
        ("GET", "/v2.0/me/drive" | "/v1.0/me/drive") => json("200 OK", drives(state).swap_remove(0)),
        ("GET", "/v2.0/me/drives" | "/v1.0/me/drives") => json("200 OK", serde_json::json!({ "value": drives(state) })),
        // A SharePoint site by path, and its document library.
        ("GET", p) if p.starts_with("/v2.0/sites/") && p.contains(":/") => json(
            "200 OK",
            serde_json::json!({ "id": SITE_ID, "displayName": "Backups", "webUrl": "https://contoso.sharepoint.com/sites/backups" }),
        ),
        ("GET", p) if p == format!("/v2.0/sites/{SITE_ID}/drives") => {
            json("200 OK", serde_json::json!({ "value": [site_drive()] }))
        }
        ("GET", "/v2.0/sites/root/drives") => json("200 OK", serde_json::json!({ "value": [root_site_drive()] })),
        // Listing a folder: always empty.
        ("GET", p) if p.contains("/drives/") && p.ends_with("/children") => {
            json("200 OK", serde_json::json!({ "value": [] }))
        }
        // A drive's root: how rclone learns a drive's type. An ID Graph does not know is a 404,
        // as Graph answers it.
        ("GET", p) if p.contains("/drives/") && p.ends_with("/root") => {
            let id = p.split("/drives/").nth(1).and_then(|r| r.split('/').next()).unwrap_or(DRIVE_ID);
            let kind = drives(state)
                .into_iter()
                .chain([site_drive(), root_site_drive()])
                .find(|d| d["id"] == id)
                .and_then(|d| d["driveType"].as_str().map(str::to_string));
            let Some(kind) = kind else {
                return json(
                    "404 Not Found",
                    serde_json::json!({ "error": { "code": "itemNotFound", "message": "The drive does not exist" } }),
                );
            };
            json(
                "200 OK",
                serde_json::json!({
                    "id": "root", "name": "root", "webUrl": "https://example.invalid/fake",
                    "parentReference": { "driveId": id, "driveType": kind },
                    "folder": { "childCount": 0 }
                }),
            )
        }
        _ => json("404 Not Found", serde_json::json!({ "error": "not_found", "path": req.path })),
    }
}

fn authorize(req: &Request, state: &State) -> Response {
    let Some(redirect) = req.query.get("redirect_uri") else {
        return ("400 Bad Request", "text/plain", "missing redirect_uri".into(), None);
    };
    let mut params = vec![("state".to_string(), req.query.get("state").cloned().unwrap_or_default())];
    if state.options.deny {
        params.push(("error".into(), "access_denied".into()));
        params.push(("error_description".into(), "user said no".into()));
    } else {
        let code = format!("fake-code-{}", state.counter.fetch_add(1, Ordering::SeqCst));
        if let Ok(mut codes) = state.codes.lock() {
            codes.insert(code.clone(), redirect.clone());
        }
        params.push(("code".into(), code));
    }
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    ("302 Found", "text/plain", String::new(), Some(format!("{redirect}{sep}{}", query.join("&"))))
}

fn token(req: &Request, state: &State) -> Response {
    if !client_ok(req, &state.options) {
        return json("401 Unauthorized", serde_json::json!({ "error": "invalid_client" }));
    }
    match req.form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let known = req.form.get("code").and_then(|c| state.codes.lock().ok()?.remove(c)).is_some();
            if !known {
                return json(
                    "400 Bad Request",
                    serde_json::json!({ "error": "invalid_grant", "error_description": "unknown code" }),
                );
            }
            json("200 OK", new_token(state))
        }
        Some("urn:ietf:params:oauth:grant-type:device_code") => match device_state(state) {
            Some(Ok(())) => json("200 OK", new_token(state)),
            Some(Err(error)) => json("400 Bad Request", serde_json::json!({ "error": error })),
            None => json("400 Bad Request", serde_json::json!({ "error": "authorization_pending" })),
        },
        Some("refresh_token") if state.options.public_client && secret_presented(req) => json(
            "401 Unauthorized",
            serde_json::json!({
                "error": "invalid_client",
                "error_description": "AADSTS700025: Client is public so neither 'client_assertion' nor 'client_secret' should be presented."
            }),
        ),
        Some("refresh_token") if state.options.invalid_grant => json(
            "400 Bad Request",
            serde_json::json!({ "error": "invalid_grant", "error_description": "refresh token revoked" }),
        ),
        Some("refresh_token") if state.options.single_use_refresh && !first_use(req, state) => json(
            "400 Bad Request",
            serde_json::json!({ "error": "invalid_grant", "error_description": "Refresh token has expired" }),
        ),
        Some("refresh_token" | "client_credentials") => json("200 OK", new_token(state)),
        _ => json("400 Bad Request", serde_json::json!({ "error": "unsupported_grant_type" })),
    }
}

/// Whether this refresh token is redeemed for the first time (and remembers it).
fn first_use(req: &Request, state: &State) -> bool {
    let token = req.form.get("refresh_token").cloned().unwrap_or_default();
    state.redeemed.lock().map(|mut r| r.insert(token)).unwrap_or(false)
}

fn new_token(state: &State) -> serde_json::Value {
    let n = state.counter.fetch_add(1, Ordering::SeqCst);
    let mut token =
        serde_json::json!({ "access_token": format!("fake-access-{n}-{}", nonce()), "token_type": "Bearer" });
    if !state.options.no_refresh {
        token["refresh_token"] = format!("fake-refresh-{n}-{}", nonce()).into();
        token["expires_in"] = (if state.options.expires_in == 0 { 3600 } else { state.options.expires_in }).into();
    }
    if let Ok(mut issued) = state.issued.lock() {
        issued.push(token.clone());
    }
    token
}

/// One poll of a device sign-in: `None` while pending, then the outcome.
fn device_state(state: &State) -> Option<Result<(), &'static str>> {
    let n = state.polls.fetch_add(1, Ordering::SeqCst);
    if state.options.slow_down && n == 0 {
        return Some(Err("slow_down"));
    }
    let pending = state.options.pending_polls + u32::from(state.options.slow_down);
    if n < pending {
        return None;
    }
    match state.options.device_outcome {
        DeviceOutcome::Approve => Some(Ok(())),
        DeviceOutcome::Deny => Some(Err("access_denied")),
        DeviceOutcome::Expire => Some(Err("expired_token")),
    }
}

fn secret_presented(req: &Request) -> bool {
    let in_form = req.form.get("client_secret").is_some_and(|s| !s.is_empty());
    let in_header = req.authorization.as_deref().and_then(|a| a.strip_prefix("Basic ")).is_some_and(|b| {
        let decoded = base64::engine::general_purpose::STANDARD.decode(b).unwrap_or_default();
        String::from_utf8_lossy(&decoded).split_once(':').is_some_and(|(_, secret)| !secret.is_empty())
    });
    in_form || in_header
}

fn client_ok(req: &Request, options: &Options) -> bool {
    let Some(want_id) = &options.client_id else { return true };
    let (mut id, mut secret) = (req.form.get("client_id").cloned(), req.form.get("client_secret").cloned());
    if let Some(basic) = req.authorization.as_deref().and_then(|a| a.strip_prefix("Basic ")) {
        let decoded = base64::engine::general_purpose::STANDARD.decode(basic).unwrap_or_default();
        let text = String::from_utf8_lossy(&decoded).into_owned();
        let (u, p) = text.split_once(':').unwrap_or((&text, ""));
        id = Some(decode(u));
        secret = Some(decode(p));
    }
    id.as_ref() == Some(want_id) && options.client_secret.as_ref().is_none_or(|s| secret.as_ref() == Some(s))
}

fn site_drive() -> serde_json::Value {
    serde_json::json!({ "id": SITE_DRIVE_ID, "name": "Documents", "driveType": "documentLibrary" })
}

fn root_site_drive() -> serde_json::Value {
    serde_json::json!({ "id": ROOT_SITE_DRIVE_ID, "name": "Documents", "driveType": "documentLibrary" })
}

fn drives(state: &State) -> Vec<serde_json::Value> {
    let list = if state.options.drives.is_empty() {
        vec![(DRIVE_ID.to_string(), "personal".to_string())]
    } else {
        state.options.drives.clone()
    };
    list.into_iter()
        .map(|(id, kind)| {
            serde_json::json!({ "id": id, "name": "OneDrive", "driveType": kind, "owner": { "user": { "displayName": "Fake User" } } })
        })
        .collect()
}

fn nonce() -> String {
    let t =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{:x}", t ^ u128::from(std::process::id()))
}

fn parse_form(text: &str) -> HashMap<String, String> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

//! Getting a token by signing in: `--authorize` runs `rclone authorize` and shows the user the
//! link. (`--token-file` is the other way in; see `options::token_from_file`.)

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;
use crate::options::Value;
use crate::output::Output;
use crate::rclone::Rclone;
use crate::rclone::authorize::{FailureKind, Port, Request, failure, port_53682, redirect_uri};
use crate::rclone::schema::Backend;
use crate::token;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// Options of the new section that shape the sign-in itself.
const SIGN_IN_KEYS: &[&str] =
    &["client_id", "client_secret", "auth_url", "token_url", "region", "tenant", "access_scopes", "box_sub_type"];

/// Whether a browser can open on this machine: a desktop session that is not reached over SSH.
pub fn browser_here() -> bool {
    let ssh = std::env::var_os("SSH_CONNECTION").is_some() || std::env::var_os("SSH_TTY").is_some();
    let display = ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    cfg!(target_os = "macos") || (display && !ssh)
}

pub fn authorize(
    rclone: &Rclone,
    out: &Output,
    backend: &Backend,
    values: &[Value],
    no_browser: bool,
    timeout: Duration,
) -> Result<Value, Error> {
    if !backend.is_oauth() {
        return Err(Error::usage(format!("{} does not sign in with OAuth", backend.name))
            .with_hint("leave out --authorize; `pluton providers NAME` lists the options it takes"));
    }
    let options: Vec<(String, String)> = values
        .iter()
        .filter(|v| SIGN_IN_KEYS.contains(&v.key.as_str()))
        .map(|v| (v.key.clone(), v.value.expose_secret().to_string()))
        .collect();
    if options.iter().any(|(k, _)| k == "client_id") {
        out.note(&format!("your OAuth app must list this redirect URI: {}", redirect_uri(&backend.name)));
    }
    if let Port::Taken(how) = port_53682() {
        // rclone would fail at once too; said before it starts, with the ways that need no port.
        return Err(port_taken(&backend.name, how, values));
    }
    let open_browser = !no_browser && browser_here();
    let request = Request { backend: &backend.name, prefix: &backend.prefix, options, open_browser, timeout };
    let label = backend.description.split(['(', ',']).next().unwrap_or(&backend.name).trim().to_string();
    let mut spinner = None;
    let run = rclone
        .authorize(&request, |link| {
            // The link must reach the person even with --quiet: nothing happens without it.
            eprintln!("Sign in to {label} by opening this link in a browser:\n\n    {link}\n");
            if !open_browser {
                eprintln!(
                    "(The browser must reach port 53682 of this machine: on another computer, first run\n \
                     `ssh -L 53682:127.0.0.1:53682 THIS-SERVER`, or use `rclone authorize \"{}\"` there\n \
                     and --token-file here.)",
                    backend.name
                );
            }
            eprintln!("Waiting for the sign-in (up to {} s; Ctrl-C to stop)…", timeout.as_secs());
            spinner = Some(crate::output::Spinner::start(out, "waiting for the browser sign-in"));
        })
        .map_err(Error::from)?;
    drop(spinner);
    if !run.success() {
        let (kind, reason) = failure(&run);
        return Err(match kind {
            FailureKind::PortBusy => port_taken(&backend.name, "another sign-in is running", values),
            FailureKind::TimedOut => Error::auth(format!("no sign-in within {} s", timeout.as_secs()))
                .with_hint("run the command again and open the link it prints (or raise --timeout)"),
            FailureKind::Refused => {
                Error::auth(format!("the sign-in failed: {reason}")).with_hint(refusal_hint(&reason))
            }
        });
    }
    let text = String::from_utf8_lossy(&run.stdout);
    let token =
        token::parse(&text).map_err(|e| Error::failed(format!("rclone authorize gave no usable token: {e}")))?;
    Ok(Value { key: "token".into(), value: SecretString::from(token.expose().to_string()), secret: true })
}

/// 127.0.0.1:53682 is taken, so rclone cannot take the browser's answer: the error names the
/// ways in that need no port here (exit 1, a runtime condition, as before).
fn port_taken(provider: &str, how: &str, values: &[Value]) -> Error {
    let own_app = values.iter().any(|v| v.key == "client_id");
    Error::failed(format!("port 53682 is in use: {how}, so --authorize cannot receive the sign-in"))
        .with_hint(ways_without_the_port(provider, own_app))
}

/// The ways to sign in that need no port on this machine: the code on another device (where the
/// provider has one), and a token from `rclone authorize` run elsewhere (the exact command).
fn ways_without_the_port(provider: &str, own_app: bool) -> String {
    let elsewhere = if own_app {
        // Through the environment, so that the secret stays out of that machine's process list.
        let env = provider.to_uppercase();
        format!(
            "run `RCLONE_{env}_CLIENT_ID=… RCLONE_{env}_CLIENT_SECRET=… rclone authorize \"{provider}\"` (your app's \
             id and secret) on another machine with a browser"
        )
    } else {
        format!("run `rclone authorize \"{provider}\"` on another machine with a browser")
    };
    let token = format!(
        "{elsewhere} and pass what it prints with --token-file FILE (or --token-file - on stdin, e.g. \
         `rclone authorize \"{provider}\" | ssh THIS-HOST pluton … --token-file -`)"
    );
    let stop = "or stop the other `rclone authorize` (or the program holding the port) and try again";
    if check_device_flow(provider).is_ok() {
        format!("sign in with a code on another device instead: --device; or {token}; {stop}")
    } else {
        format!("{token}; {stop}")
    }
}

fn refusal_hint(reason: &str) -> String {
    let lower = reason.to_lowercase();
    if lower.contains("access_denied") {
        "access was refused in the browser; for a Box business account an admin may first have to approve the app"
            .into()
    } else if lower.contains("invalid_client") {
        "the client id or secret is wrong: check your OAuth app's credentials".into()
    } else if lower.contains("redirect") {
        "the app's redirect URI does not match: register http://127.0.0.1:53682/ (Box) or http://localhost:53682/"
            .into()
    } else {
        "try again; if it keeps failing, sign in elsewhere with `rclone authorize` and use --token-file".into()
    }
}

pub const DEVICE_TIMEOUT: Duration = Duration::from_secs(900);

/// `--device`: put.io's link code or Microsoft's device code; other providers have none.
pub fn device(out: &Output, backend: &Backend, values: &[Value], timeout: Duration) -> Result<Value, Error> {
    let get = |key: &str| values.iter().find(|v| v.key == key).map(|v| v.value.expose_secret().to_string());
    match backend.name.as_str() {
        "putio" => crate::device::putio(out, timeout),
        "onedrive" => {
            if get("client_secret").is_some_and(|s| !s.is_empty()) {
                return Err(Error::usage("--device signs in as a public client, which has no secret")
                    .with_hint("leave out --client-secret-file (and PLUTON_CLIENT_SECRET); keep --client-id"));
            }
            let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
            let token_url = get("token_url").or_else(|| env("RCLONE_ONEDRIVE_TOKEN_URL"));
            let region = get("region").or_else(|| env("RCLONE_ONEDRIVE_REGION"));
            let endpoints = crate::device::MicrosoftEndpoints::new(
                token_url.as_deref(),
                region.as_deref(),
                get("tenant").as_deref(),
            );
            let client_id = get("client_id")
                .or_else(|| env("RCLONE_ONEDRIVE_CLIENT_ID"))
                .unwrap_or_else(|| crate::device::ONEDRIVE_CLIENT_ID.to_string());
            crate::device::microsoft(out, &endpoints, &client_id, get("access_scopes").as_deref(), timeout)
        }
        other => Err(no_device_flow(other)),
    }
}

/// Whether `--device` can sign in to this provider; the error names the alternatives.
pub fn check_device_flow(provider: &str) -> Result<(), Error> {
    if matches!(provider, "putio" | "onedrive") { Ok(()) } else { Err(no_device_flow(provider)) }
}

fn no_device_flow(provider: &str) -> Error {
    Error::usage(format!("{provider} has no sign-in with a code, so --device cannot work")).with_hint(format!(
        "on a server without a browser use --authorize --no-browser (through `ssh -L 53682:127.0.0.1:53682`), \
         or run `rclone authorize \"{provider}\"` elsewhere and pass it with --token-file -"
    ))
}

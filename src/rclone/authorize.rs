//! `rclone authorize`: the browser sign-in. rclone listens on 127.0.0.1:53682 for the
//! provider's redirect and prints the token between two markers on stdout; pluton shows the
//! user the link, waits (killing rclone's whole group on timeout or Ctrl-C so the port is
//! freed), and takes the token from stdout.
//!
//! A client secret reaches rclone only through its environment (`RCLONE_BOX_CLIENT_SECRET`),
//! never its argv: `rclone authorize box ID SECRET` would show the secret to every `ps`.

use std::ffi::OsString;
use std::time::Duration;

use anyhow::Result;

use super::{Output, Rclone, RunOptions, runner};

/// The redirect URI rclone sends to the provider; a user's own OAuth app must list it exactly.
pub fn redirect_uri(backend: &str) -> &'static str {
    if backend == "box" { "http://127.0.0.1:53682/" } else { "http://localhost:53682/" }
}

pub struct Request<'a> {
    pub backend: &'a str,
    /// rclone's flag/env prefix of the backend (`box`, `onedrive`, …).
    pub prefix: &'a str,
    /// Options that shape the sign-in (client_id, client_secret, auth_url, token_url, …),
    /// handed over as `RCLONE_<PREFIX>_<KEY>` environment variables.
    pub options: Vec<(String, String)>,
    pub open_browser: bool,
    pub timeout: Duration,
}

impl Rclone {
    /// Runs `rclone authorize`; `on_link` gets the sign-in URL as soon as rclone prints it.
    pub fn authorize(&self, request: &Request, mut on_link: impl FnMut(&str)) -> Result<Output> {
        let mut args: Vec<OsString> = vec![
            "--config".into(),
            "/dev/null".into(),
            "--ask-password=false".into(),
            "authorize".into(),
            request.backend.into(),
        ];
        if !request.open_browser {
            args.push("--auth-no-open-browser".into());
        }
        let env: Vec<(OsString, OsString)> = request
            .options
            .iter()
            .map(|(k, v)| (format!("RCLONE_{}_{}", request.prefix.to_uppercase(), k.to_uppercase()).into(), v.into()))
            .collect();
        let options = RunOptions { timeout: request.timeout, stdin: None, env };
        let mut shown = false;
        runner::run_streaming(self.bin(), &args, &options, |line| {
            if !shown && let Some(link) = find_link(line) {
                shown = true;
                on_link(link);
            }
        })
    }
}

/// Whether something holds 127.0.0.1:53682, where `rclone authorize` must listen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Port {
    Free,
    /// Taken; the words say how it showed.
    Taken(&'static str),
    /// The probe itself failed (no loopback, …): the sign-in may as well try.
    Unknown(String),
}

/// Probes the port by connecting to it, never by binding: binding it to see, even for a
/// moment, made a sign-in starting in that instant fail (and doctor may run in a loop).
pub fn port_53682() -> Port {
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], 53682));
    match std::net::TcpStream::connect_timeout(&address, Duration::from_millis(500)) {
        Ok(_) => Port::Taken("another sign-in (or another program) listens on it"),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Port::Free,
        // A listener whose queue is full lets the attempt time out: taken all the same.
        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => Port::Taken("something holds it and does not answer"),
        Err(e) => Port::Unknown(e.to_string()),
    }
}

/// The local sign-in URL in one of rclone's NOTICE lines.
fn find_link(line: &str) -> Option<&str> {
    let start = line.find("http://127.0.0.1:53682/auth")?;
    let rest = &line[start..];
    Some(rest.split_whitespace().next().unwrap_or(rest))
}

/// Why an authorize run failed, in words for a person; rclone's own reason is kept.
pub fn failure(out: &Output) -> (FailureKind, String) {
    let text = String::from_utf8_lossy(&out.stderr);
    // rclone's failure is an `Error:` (or `Fatal error:`) line, sometimes followed by the
    // provider's own words on a `Description:` line, then cobra's usage text.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let start = lines.iter().position(|l| l.contains("Error:") || l.contains("error:"));
    let mut reason = start
        .map(|i| {
            let first = lines[i];
            let first = first.find("rror:").map_or(first, |p| first[p + 5..].trim());
            let description = lines[i + 1..]
                .iter()
                .take_while(|l| !l.starts_with("Usage:"))
                .find_map(|l| l.strip_prefix("Description:").map(str::trim).filter(|d| !d.is_empty()));
            match description {
                Some(d) => format!("{first} ({d})"),
                None => first.to_string(),
            }
        })
        .unwrap_or_else(|| "rclone authorize failed".into());
    reason = crate::secrets::redact_text(&reason);
    if text.contains("address already in use") {
        return (FailureKind::PortBusy, reason);
    }
    if out.timed_out {
        return (FailureKind::TimedOut, reason);
    }
    (FailureKind::Refused, reason)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    PortBusy,
    TimedOut,
    Refused,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_failure_reason_carries_the_providers_description() {
        let out = super::Output {
            code: Some(2),
            stdout: Vec::new(),
            stderr: b"NOTICE: Waiting for code...\nError: config failed to refresh token: Error: Auth Error\nCode: \"\"\nDescription: No code returned by remote server: access_denied: user said no\nHelp: \nUsage:\n  rclone authorize\n".to_vec(),
            timed_out: false,
            elapsed: std::time::Duration::ZERO,
        };
        let (kind, reason) = super::failure(&out);
        assert_eq!(kind, super::FailureKind::Refused);
        assert_eq!(
            reason,
            "config failed to refresh token: Error: Auth Error (No code returned by remote server: access_denied: user said no)"
        );
    }

    #[test]
    fn the_link_is_found_in_rclones_notice() {
        let line =
            "2026/11/24 10:00:00 NOTICE: Please go to the following link: http://127.0.0.1:53682/auth?state=abc123";
        assert_eq!(super::find_link(line), Some("http://127.0.0.1:53682/auth?state=abc123"));
        assert_eq!(super::find_link("Waiting for code..."), None);
    }
}

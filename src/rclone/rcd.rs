//! One `rclone rcd` serving many checks at once, so testing twenty storages costs one rclone
//! start instead of twenty. It listens on 127.0.0.1 with a random user and password that reach
//! it through its environment (never argv), and dies with pluton.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};

use super::Rclone;
use super::diagnose::{Diagnosis, diagnose};
use super::runner::{Background, spawn_background};

pub struct Rcd {
    _process: Background,
    addr: String,
    auth: SecretString,
}

/// What one `operations/list` call came back with.
pub enum Listing {
    Ok,
    /// rclone answered with an error (its message, and HTTP status: 404 = path not found).
    Failed {
        status: u16,
        message: String,
    },
    /// No answer before the deadline.
    TimedOut,
}

impl Rclone {
    /// Starts `rclone rcd` on 127.0.0.1 with the fast-fail flags applied to every operation.
    pub fn start_rcd(&self, io_timeout: Duration) -> Result<Rcd> {
        self.ensure_config()?;
        let user = crate::store::random_hex(12);
        let pass = crate::store::random_hex(24);
        let secs = io_timeout.as_secs().clamp(1, 10);
        let args: Vec<OsString> = [
            "--config",
            &self.config_path().display().to_string(),
            "--ask-password=false",
            "rcd",
            "--rc-addr",
            "127.0.0.1:0",
            "--contimeout",
            &format!("{}s", secs.min(5)),
            "--timeout",
            &format!("{secs}s"),
            "--retries",
            "1",
            "--low-level-retries",
            "1",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        let mut env =
            vec![("RCLONE_RC_USER".into(), user.clone().into()), ("RCLONE_RC_PASS".into(), pass.clone().into())];
        env.extend(self.password_env());
        let process = spawn_background(self.bin(), &args, &env)?;
        let addr = process
            .wait_for_line(Instant::now() + Duration::from_secs(15), |line| {
                let start = line.find("Serving remote control on http://")? + "Serving remote control on http://".len();
                Some(line[start..].trim_end_matches('/').to_string())
            })
            .context("`rclone rcd` did not start serving within 15 s")?;
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
        Ok(Rcd { _process: process, addr, auth: SecretString::from(auth) })
    }
}

impl Rcd {
    /// Lists the top level of `fs` (`remote:path`), directories only.
    pub fn list(&self, fs: &str, timeout: Duration) -> Listing {
        let body = serde_json::json!({ "fs": fs, "remote": "", "opt": { "dirsOnly": true } }).to_string();
        match self.post("operations/list", &body, timeout) {
            Ok((200, _)) => Listing::Ok,
            Ok((status, text)) => {
                let message = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
                    .unwrap_or(text);
                Listing::Failed { status, message }
            }
            Err(err) if is_timeout(&err) => Listing::TimedOut,
            Err(err) => Listing::Failed { status: 0, message: format!("{err:#}") },
        }
    }

    /// `operations/about` for `fs` (`remote:`): the account's figures as rclone reports them, or
    /// `None` when it cannot (a backend without `about`, a storage that does not answer).
    pub fn about(&self, fs: &str, timeout: Duration) -> Option<serde_json::Value> {
        let body = serde_json::json!({ "fs": fs }).to_string();
        match self.post("operations/about", &body, timeout) {
            Ok((200, text)) => serde_json::from_str(&text).ok(),
            _ => None,
        }
    }

    /// A plain HTTP/1.0 POST: the answer ends when rclone closes the connection, so there is
    /// no chunked encoding to decode.
    fn post(&self, path: &str, body: &str, timeout: Duration) -> Result<(u16, String)> {
        let mut stream =
            TcpStream::connect(&self.addr).with_context(|| format!("connecting to rclone rcd at {}", self.addr))?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        let request = format!(
            "POST /{path} HTTP/1.0\r\nHost: {}\r\nAuthorization: Basic {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            self.auth.expose_secret(),
            body.len()
        );
        stream.write_all(request.as_bytes())?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let text = String::from_utf8_lossy(&response);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Ok((status, body.to_string()))
    }
}

impl Rcd {
    /// Lists every `remote:path` in `targets`, `jobs` at a time; for each, in order, what went
    /// wrong (`None`: it answered) and how long it took. A missing folder is no failure: the
    /// storage answered, and rclone creates the folder with the first backup.
    pub fn check_all(&self, targets: &[String], timeout: Duration, jobs: usize) -> Vec<(Option<Diagnosis>, Duration)> {
        crate::parallel::map_in_order(targets, jobs, |fs| {
            let started = Instant::now();
            let diagnosis = match self.list(fs, timeout) {
                Listing::Ok | Listing::Failed { status: 404, .. } => None,
                Listing::Failed { message, .. } => Some(diagnose(message.as_bytes(), false, timeout.as_secs())),
                Listing::TimedOut => Some(diagnose(b"", true, timeout.as_secs())),
            };
            (diagnosis, started.elapsed())
        })
    }
}

fn is_timeout(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut))
}

//! The "browser" of the sign-in tests: follows redirects between rclone's local listener and
//! the test provider, all on 127.0.0.1.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// rclone authorize always listens on 127.0.0.1:53682: tests that sign in take turns, within
/// this test binary (the mutex) and across test runs on the same machine (a lock file, so two
/// checkouts tested side by side do not steal each other's sign-in port).
pub fn port_53682() -> PortGuard {
    static LOCK: Mutex<()> = Mutex::new(());
    let guard = LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = std::env::temp_dir().join("pluton-tests-port-53682.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .expect("opening the port-53682 lock file");
    file.lock().expect("locking the port-53682 lock file");
    PortGuard { _file: file, _guard: guard }
}

/// Holds port 53682 for one test; dropping it (the file closes first) lets the next one in.
pub struct PortGuard {
    _file: std::fs::File,
    _guard: MutexGuard<'static, ()>,
}

/// Plays the person in the browser through a whole sign-in: rclone's local link, the provider's
/// consent, and back to rclone's listener with the code. rclone takes the code and exits at
/// once; now and then (on a busy machine) its listener closes the browser's connection before
/// the "Success" page is sent. That race is rclone's and harmless (the token is already
/// printed), so an unanswered final hop to rclone's listener counts as done; anything else must
/// be a 200.
pub fn sign_in(link: &str) {
    let (status, body) = open(link);
    assert!(status == 200 || status == CALLBACK_UNANSWERED, "the sign-in page answered {status}: {body}");
}

/// What `open` reports when rclone's listener closed the callback connection without answering.
pub const CALLBACK_UNANSWERED: u16 = 1;

/// GETs `url`, following redirects; returns the last status and body.
pub fn open(url: &str) -> (u16, String) {
    let mut url = url.to_string();
    for _ in 0..10 {
        let hop = get(&url);
        if hop.unanswered {
            return (CALLBACK_UNANSWERED, hop.body);
        }
        match (hop.status, hop.location) {
            (300..=399, Some(next)) => {
                url = if next.starts_with("http://") { next } else { format!("http://{}{next}", hop.host) };
            }
            _ => return (hop.status, hop.body),
        }
    }
    panic!("too many redirects")
}

/// One GET, not followed: its status and where it redirects (for a hop that leaves 127.0.0.1,
/// such as an rclone whose provider cannot be pointed at the test provider).
pub fn redirect_of(url: &str) -> (u16, String) {
    let hop = get(url);
    (hop.status, hop.location.unwrap_or_default())
}

struct Hop {
    host: String,
    status: u16,
    location: Option<String>,
    body: String,
    /// rclone's listener closed the callback connection without answering.
    unanswered: bool,
}

fn get(url: &str) -> Hop {
    let rest = url.strip_prefix("http://").expect("only http URLs on 127.0.0.1");
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    assert!(host.starts_with("127.0.0.1:") || host.starts_with("localhost:"), "the browser stays local: {url}");
    let addr = host.replace("localhost", "127.0.0.1");
    let mut stream = TcpStream::connect(&addr).expect("connecting");
    stream.set_read_timeout(Some(Duration::from_secs(20))).ok();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("sending");
    // Read the head, then exactly Content-Length bytes: rclone's listener may keep the
    // connection open after its answer.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length: Option<usize> = head.lines().find_map(|l| {
        l.split_once(':')
            .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
    });
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            let _ = reader.read_exact(&mut body);
        }
        None => {
            let _ = reader.read_to_end(&mut body);
        }
    }
    let status: u16 = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let location = head.lines().find_map(|l| {
        l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("location")).map(|(_, v)| v.trim().to_string())
    });
    let unanswered = status == 0 && head.is_empty() && addr.ends_with(":53682") && path.starts_with("/?");
    Hop { host: host.to_string(), status, location, body: String::from_utf8_lossy(&body).into_owned(), unanswered }
}

/// Reads a running pluton's stderr line by line (everything is kept for later assertions).
pub struct Stderr {
    lines: mpsc::Receiver<String>,
    pub seen: Vec<String>,
}

impl Stderr {
    pub fn of(child: &mut Child) -> Stderr {
        let pipe = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Stderr { lines: rx, seen: Vec::new() }
    }

    /// Waits (up to 30 s) for a line containing `needle` and returns it.
    pub fn wait_for(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("no line with {needle:?}; stderr so far:\n{}", self.seen.join("\n")),
            }
        }
    }

    /// The sign-in link pluton printed.
    pub fn link(&mut self) -> String {
        let line = self.wait_for("http://127.0.0.1:53682/auth");
        line.trim().to_string()
    }

    pub fn rest(mut self) -> String {
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(30)) {
            self.seen.push(line);
        }
        self.seen.join("\n")
    }
}

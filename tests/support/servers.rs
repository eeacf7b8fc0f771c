//! Real servers that rclone serves on 127.0.0.1, for connection tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running `rclone serve …`, killed on drop.
pub struct Served {
    child: Child,
    pub addr: String,
    pub root: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// `rclone serve webdav ROOT --addr 127.0.0.1:0 --user USER --pass PASS`.
    /// Credentials go to the server through rclone's environment (RCLONE_USER, RCLONE_PASS, …),
    /// not its command line, so the tests that watch every command line for secrets stay honest.
    pub fn webdav(root: &Path, user: &str, pass: &str) -> Served {
        Served::webdav_by(super::rclone_bin(), root, user, pass)
    }

    pub fn sftp(root: &Path, user: &str, pass: &str) -> Served {
        Served::sftp_by(super::rclone_bin(), root, user, pass)
    }

    /// The same servers, served by another rclone (the compatibility tests' older releases).
    pub fn webdav_by(rclone: &Path, root: &Path, user: &str, pass: &str) -> Served {
        Served::start(rclone, "webdav", root, &[("RCLONE_USER", user), ("RCLONE_PASS", pass)])
    }

    pub fn sftp_by(rclone: &Path, root: &Path, user: &str, pass: &str) -> Served {
        Served::start(rclone, "sftp", root, &[("RCLONE_USER", user), ("RCLONE_PASS", pass)])
    }

    pub fn s3(root: &Path, key: &str, secret: &str) -> Served {
        // The variable is read as a CSV list: quote the pair so its comma stays inside it.
        let auth = format!("\"{key},{secret}\"");
        Served::start(super::rclone_bin(), "s3", root, &[("RCLONE_AUTH_KEY", &auth)])
    }

    fn start(rclone: &Path, kind: &str, root: &Path, env: &[(&str, &str)]) -> Served {
        std::fs::create_dir_all(root).expect("creating the served dir");
        let scratch = root.parent().unwrap_or(root).join(format!("serve-{kind}-state"));
        std::fs::create_dir_all(&scratch).expect("creating server scratch dir");
        let conf = scratch.join("rclone.conf");
        std::fs::write(&conf, "").expect("writing the server's empty config");
        let mut child = Command::new(rclone)
            .args(["serve", kind])
            .arg(root)
            .args(["--addr", "127.0.0.1:0", "--config"])
            .arg(&conf)
            .arg("--cache-dir")
            .arg(scratch.join("cache"))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting rclone serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent && let Some(addr) = find_addr(&line) {
                    let _ = tx.send(addr);
                    sent = true;
                }
            }
        });
        let addr = rx.recv_timeout(Duration::from_secs(20)).expect("rclone serve did not report its address");
        Served { child, addr, root: root.to_path_buf() }
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap_or_default()
    }
}

/// `127.0.0.1:PORT` from a line such as `WebDav Server started on [http://127.0.0.1:40001/]`
/// or `SFTP server listening on 127.0.0.1:40001`.
fn find_addr(line: &str) -> Option<String> {
    let start = line.find("127.0.0.1:")?;
    let rest = &line[start..];
    let end = rest[10..].find(|c: char| !c.is_ascii_digit()).map_or(rest.len(), |i| i + 10);
    let addr = &rest[..end];
    (addr.len() > 10).then(|| addr.to_string())
}

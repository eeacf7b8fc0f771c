//! The one place a process starts.
//!
//! Each rclone runs in a group of its own (a process group on Unix, a job object on Windows:
//! `platform::process`), so that a timeout or Ctrl-C can kill it and everything it started (a
//! browser helper, a stuck network call) at once, leaving no process and no bound port behind.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::platform::process::{self as group, GroupId};

/// Process groups of the rclone processes running now, for the Ctrl-C handler to kill.
static GROUPS: Mutex<Option<HashSet<GroupId>>> = Mutex::new(None);
/// Set while `pluton rclone …` runs in the foreground: Ctrl-C is the child's to handle then.
static FOREGROUND_CHILD: AtomicBool = AtomicBool::new(false);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub timeout: Duration,
    /// Bytes fed to rclone's stdin; `None` means /dev/null.
    pub stdin: Option<Vec<u8>>,
    /// Extra environment (secrets go here or into a private config file, never into argv).
    pub env: Vec<(OsString, OsString)>,
}

impl RunOptions {
    pub fn with_timeout(timeout: Duration) -> Self {
        RunOptions { timeout, stdin: None, env: Vec::new() }
    }
}

#[derive(Debug)]
pub struct Output {
    /// The exit code; `None` when rclone was killed (timeout, Ctrl-C) or died of a signal.
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub timed_out: bool,
    pub elapsed: Duration,
}

impl Output {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

/// Kills every running rclone group on Ctrl-C / SIGTERM, hands the terminal back as the
/// prompt on screen (if any) found it, then leaves with exit code 130. Files are safe at any
/// moment (atomic writes), so leaving at once is correct.
pub fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        if FOREGROUND_CHILD.load(Ordering::SeqCst) {
            return;
        }
        kill_all_groups();
        let _stderr = crate::prompt::restore_terminal();
        std::process::exit(130);
    });
}

/// Whether Ctrl-C (or SIGTERM) arrived: whatever failed after it failed because of it.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

fn kill_all_groups() {
    let groups: Vec<GroupId> = GROUPS.lock().ok().and_then(|mut g| g.take()).unwrap_or_default().into_iter().collect();
    for id in &groups {
        group::kill_group(*id);
    }
    // A kill is delivered asynchronously: wait (briefly) until each leader has really died, so
    // that what it held, such as rclone authorize's port 53682, is free when pluton exits.
    group::wait_gone(&groups, Instant::now() + Duration::from_secs(2));
}

fn kill_group(id: GroupId) {
    group::kill_group(id);
}

fn register(pgid: GroupId) {
    if let Ok(mut guard) = GROUPS.lock() {
        guard.get_or_insert_with(HashSet::new).insert(pgid);
    }
}

fn unregister(pgid: GroupId) {
    if let Ok(mut guard) = GROUPS.lock()
        && let Some(set) = guard.as_mut()
    {
        set.remove(&pgid);
    }
}

/// Kills the group if the run is abandoned half-way (an early return, a panic).
struct GroupGuard(GroupId);

impl Drop for GroupGuard {
    fn drop(&mut self) {
        kill_group(self.0);
        unregister(self.0);
    }
}

pub fn run(bin: &Path, args: &[OsString], options: &RunOptions) -> Result<Output> {
    let started = Instant::now();
    let stdin = if options.stdin.is_some() { Stdio::piped() } else { Stdio::null() };
    let (mut child, pgid) = spawn_group(bin, args, &options.env, stdin, Stdio::piped())?;
    let guard = GroupGuard(pgid);

    let stdin_writer = match (child.stdin.take(), options.stdin.clone()) {
        (Some(mut pipe), Some(bytes)) => Some(thread::spawn(move || {
            // rclone may exit without reading everything; a broken pipe is not our error.
            let _ = pipe.write_all(&bytes);
        })),
        _ => None,
    };
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());

    let (tx, rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let (status, timed_out) = match rx.recv_timeout(options.timeout) {
        Ok(status) => (Some(status.context("waiting for rclone")?), false),
        Err(_) => {
            kill_group(pgid);
            (rx.recv().ok().and_then(|s| s.ok()), true)
        }
    };
    let _ = waiter.join();
    // Anything rclone left running in its group (it should be nothing) goes with it.
    drop(guard);
    if let Some(w) = stdin_writer {
        let _ = w.join();
    }
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let code = if timed_out { None } else { status.and_then(|s| s.code()) };
    Ok(Output { code, stdout, stderr, timed_out, elapsed: started.elapsed() })
}

/// Like `run`, but hands each stderr line to `on_line` as rclone writes it (so a sign-in link
/// reaches the user while rclone waits for the browser).
pub fn run_streaming(
    bin: &Path,
    args: &[OsString],
    options: &RunOptions,
    mut on_line: impl FnMut(&str),
) -> Result<Output> {
    let started = Instant::now();
    let (mut child, pgid) = spawn_group(bin, args, &options.env, Stdio::null(), Stdio::piped())?;
    let guard = GroupGuard(pgid);
    let stdout = drain(child.stdout.take());
    let (rx, stderr_thread) = stderr_lines(child.stderr.take());
    let deadline = started + options.timeout;
    let mut stderr = Vec::new();
    let mut timed_out = false;
    let status = loop {
        // Waiting for the next line doubles as the pause between looks at the child.
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(line) => {
                on_line(&line);
                stderr.extend_from_slice(line.as_bytes());
                stderr.push(b'\n');
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout | mpsc::RecvTimeoutError::Disconnected) => {}
        }
        if let Some(status) = child.try_wait().context("waiting for rclone")? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            kill_group(pgid);
            timed_out = true;
            break child.wait().ok();
        }
    };
    let _ = stderr_thread.join();
    for line in rx.try_iter() {
        on_line(&line);
        stderr.extend_from_slice(line.as_bytes());
        stderr.push(b'\n');
    }
    drop(guard);
    let stdout = stdout.join().unwrap_or_default();
    let code = if timed_out { None } else { status.and_then(|s| s.code()) };
    Ok(Output { code, stdout, stderr, timed_out, elapsed: started.elapsed() })
}

/// A long-running rclone (`rcd`) in its own process group, killed with its group on drop.
pub struct Background {
    child: std::process::Child,
    pgid: GroupId,
    /// stderr, line by line, as rclone writes it (behind a lock so the handle can be shared
    /// by the threads that use the service).
    stderr_lines: Mutex<mpsc::Receiver<String>>,
}

impl Background {
    /// Waits until a stderr line satisfies `found` (returning what it extracted), rclone exits,
    /// or the deadline passes.
    pub fn wait_for_line<T>(&self, deadline: Instant, mut found: impl FnMut(&str) -> Option<T>) -> Option<T> {
        let lines = self.stderr_lines.lock().ok()?;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let line = lines.recv_timeout(left).ok()?;
            if let Some(value) = found(&line) {
                return Some(value);
            }
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        kill_group(self.pgid);
        unregister(self.pgid);
        let _ = self.child.wait();
    }
}

pub fn spawn_background(bin: &Path, args: &[OsString], env: &[(OsString, OsString)]) -> Result<Background> {
    let (mut child, pgid) = spawn_group(bin, args, env, Stdio::null(), Stdio::null())?;
    // The reader thread ends by itself when rclone dies and closes its stderr.
    let (rx, _reader) = stderr_lines(child.stderr.take());
    Ok(Background { child, pgid, stderr_lines: Mutex::new(rx) })
}

/// Starts `bin` in a process group of its own (so a timeout or Ctrl-C can kill it with all it
/// started), stderr piped, and registers the group for the Ctrl-C handler.
fn spawn_group(
    bin: &Path,
    args: &[OsString],
    env: &[(OsString, OsString)],
    stdin: Stdio,
    stdout: Stdio,
) -> Result<(std::process::Child, GroupId)> {
    let mut command = Command::new(bin);
    command.args(args).envs(env.iter().map(|(k, v)| (k, v))).stdin(stdin).stdout(stdout).stderr(Stdio::piped());
    let (child, pgid) = group::spawn_group(&mut command).with_context(|| format!("starting {}", bin.display()))?;
    register(pgid);
    Ok((child, pgid))
}

/// stderr line by line, as it is written, through a channel.
fn stderr_lines(pipe: Option<std::process::ChildStderr>) -> (mpsc::Receiver<String>, thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel();
    let reader = thread::spawn(move || {
        use std::io::BufRead;
        let Some(pipe) = pipe else { return };
        for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (rx, reader)
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

/// Runs a command with the user's stdio in our own process group; returns its exit code, or
/// 128 + the signal that ended it, as a shell would report it.
pub fn passthrough(bin: &Path, args: &[OsString], env: &[(OsString, OsString)]) -> Result<Option<i32>> {
    FOREGROUND_CHILD.store(true, Ordering::SeqCst);
    let status = Command::new(bin)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .status()
        .with_context(|| format!("starting {}", bin.display()));
    FOREGROUND_CHILD.store(false, Ordering::SeqCst);
    let status = status?;
    Ok(group::shell_code(status))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_command_that_outlives_its_timeout_is_killed_with_its_children() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let marker = dir.path().join("child.pid");
        let script = format!("sleep 30 & echo $! > {}; wait", marker.display());
        let out = run(
            Path::new("/bin/sh"),
            &["-c".into(), script.into()],
            &RunOptions::with_timeout(Duration::from_millis(300)),
        )?;
        assert!(out.timed_out);
        assert_eq!(out.code, None);
        let pid: i32 = std::fs::read_to_string(&marker)?.trim().parse()?;
        // The grandchild was in the same group and got the same SIGKILL.
        let deadline = Instant::now() + Duration::from_secs(5);
        while Path::new(&format!("/proc/{pid}")).exists()
            && std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "))
        {
            assert!(Instant::now() < deadline, "grandchild {pid} survived the timeout");
            thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }

    #[test]
    fn both_pipes_are_drained_and_stdin_is_fed() -> Result<()> {
        let out = run(
            Path::new("/bin/sh"),
            &["-c".into(), "cat; head -c 300000 /dev/zero >&2; echo done".into()],
            &RunOptions { stdin: Some(b"hello ".to_vec()), ..RunOptions::with_timeout(Duration::from_secs(20)) },
        )?;
        assert!(out.success());
        assert_eq!(out.stdout, b"hello done\n");
        assert_eq!(out.stderr.len(), 300000);
        Ok(())
    }
}

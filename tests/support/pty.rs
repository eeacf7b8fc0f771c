//! pluton in a pseudo-terminal set up as a person's terminal is (echo on, cooked mode), with
//! everything it wrote kept raw, escape sequences included, so that tests can ask what the
//! terminal looks like afterwards: is the cursor shown, is echo back on.
#![allow(dead_code)]

use std::os::fd::AsRawFd;
use std::process::Command;

use rexpect::error::Error;
use rexpect::session::{PtySession, spawn_command};

use super::Run;

/// What a prompt sends to hide and to show the cursor.
pub const HIDE_CURSOR: &str = "\x1b[?25l";
pub const SHOW_CURSOR: &str = "\x1b[?25h";

/// The width of the test terminal.
pub const COLUMNS: usize = 100;

pub struct Terminal {
    session: PtySession,
    /// Everything pluton wrote so far (bytes as Latin-1 chars: escape sequences are ASCII).
    pub seen: String,
}

impl Terminal {
    /// Starts `run` in a new pseudo-terminal of `COLUMNS` x 30 whose echo is on, as in a
    /// person's shell (rexpect switches echo off; `stty` switches it back before pluton starts).
    pub fn start(run: Run) -> Terminal {
        let inner = run.into_command();
        let mut command = Command::new("sh");
        let setup = format!("stty cols {COLUMNS} rows 30 echo && exec \"$0\" \"$@\"");
        command.arg("-c").arg(setup).arg(inner.get_program()).args(inner.get_args());
        command.env_clear();
        for (key, value) in inner.get_envs() {
            if let Some(value) = value {
                command.env(key, value);
            }
        }
        let session = spawn_command(command, Some(30_000)).expect("starting pluton in a pseudo-terminal");
        Terminal { session, seen: String::new() }
    }

    /// Waits for `text` on the screen.
    pub fn expect(&mut self, text: &str) -> Result<(), Error> {
        let before = self.session.exp_string(text)?;
        self.seen.push_str(&before);
        self.seen.push_str(text);
        Ok(())
    }

    /// Types `text`.
    pub fn keys(&mut self, text: &str) -> Result<(), Error> {
        self.session.send(text)?;
        self.session.flush()
    }

    pub fn ctrl_c(&mut self) -> Result<(), Error> {
        self.session.send_control('c')
    }

    /// Waits for pluton to end; its exit code (None when a signal ended it).
    pub fn finish(&mut self) -> Option<i32> {
        if let Ok(rest) = self.session.exp_eof() {
            self.seen.push_str(&rest);
        }
        match self.session.process().wait() {
            Ok(rexpect::process::WaitStatus::Exited(_, code)) => Some(code),
            _ => None,
        }
    }

    /// The longest line pluton drew, in characters, escape sequences left out. A line wider
    /// than the terminal wraps, and a prompt that clears its lines then leaves some behind.
    pub fn widest_line(&self) -> usize {
        let bytes: Vec<u8> = self.seen.chars().map(|c| c as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        let plain = regex::Regex::new("\x1b\\[[0-9;?]*[A-Za-z]").map(|r| r.replace_all(&text, "").into_owned());
        plain.unwrap_or_default().split(['\r', '\n']).map(|line| line.chars().count()).max().unwrap_or(0)
    }

    /// After the last "hide the cursor", did "show the cursor" follow?
    pub fn cursor_shown(&self) -> bool {
        match self.seen.rfind(HIDE_CURSOR) {
            Some(at) => self.seen[at..].contains(SHOW_CURSOR),
            None => true,
        }
    }

    /// Whether the terminal echoes typed keys and reads whole lines (a shell needs both), read
    /// through the master side, which on Linux sees the terminal's own settings.
    #[allow(unsafe_code)]
    pub fn cooked_with_echo(&self) -> bool {
        let Ok(file) = self.session.process().get_file_handle() else { return false };
        // SAFETY: tcgetattr only writes into the termios struct we own.
        unsafe {
            let mut term: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(file.as_raw_fd(), &mut term) != 0 {
                return false;
            }
            term.c_lflag & libc::ECHO != 0 && term.c_lflag & libc::ICANON != 0 && term.c_lflag & libc::ISIG != 0
        }
    }
}

//! The terminal. Reading a long paste needs the terminal out of line mode (a Unix terminal cuts
//! a line at 4 KiB, shorter than many tokens; the Windows console has a limit of its own) and
//! without echo (the paste is a secret): crossterm's raw mode does that on both systems.
//!
//! Handing the terminal back after Ctrl-C: on Unix the settings from before a prompt are saved
//! and written back (a password prompt turns echo off, and SIGINT can arrive in the middle);
//! on Windows what pluton itself changes is crossterm's raw mode, which crossterm undoes.

/// The terminal settings from before a prompt.
#[derive(Clone, Copy)]
pub struct Saved {
    #[cfg(unix)]
    termios: libc::termios,
}

/// The settings of the terminal on stdin now, if stdin is one.
#[allow(unsafe_code)]
pub fn save() -> Option<Saved> {
    #[cfg(unix)]
    {
        // SAFETY: tcgetattr only writes into the termios struct we own, for fd 0.
        unsafe {
            let mut termios: libc::termios = std::mem::zeroed();
            (libc::tcgetattr(0, &mut termios) == 0).then_some(Saved { termios })
        }
    }
    #[cfg(not(unix))]
    {
        Some(Saved {})
    }
}

/// Puts back what `save` read (and ends any raw mode pluton started).
#[allow(unsafe_code)]
pub fn restore(saved: &Saved) {
    #[cfg(unix)]
    {
        // SAFETY: writes back settings that tcgetattr read for the same fd.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &saved.termios);
        }
    }
    #[cfg(not(unix))]
    {
        let _ = saved;
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Raw input (no line editing, no echo, Ctrl-C read as a byte) until dropped.
pub struct RawInput {
    enabled: bool,
}

impl RawInput {
    pub fn enable() -> RawInput {
        RawInput { enabled: crossterm::terminal::enable_raw_mode().is_ok() }
    }
}

impl Drop for RawInput {
    fn drop(&mut self) {
        if self.enabled {
            let _ = crossterm::terminal::disable_raw_mode();
        }
    }
}

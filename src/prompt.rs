//! The only place that talks to a person through prompts (on stderr, so stdout stays clean for
//! `--json`). Callers ask `Context::interactive` first; a prompt that cannot be shown is the
//! caller's usage error naming the flag. Ctrl-C at any prompt is an interruption (exit 130).

use dialoguer::theme::ColorfulTheme;

use crate::error::Error;

fn theme() -> ColorfulTheme {
    ColorfulTheme::default()
}

fn interrupted<E>(_: E) -> Error {
    Error::Interrupted
}

/// A yes/no question.
pub fn confirm(question: &str, default: bool) -> Result<bool, Error> {
    dialoguer::Confirm::with_theme(&theme()).with_prompt(question).default(default).interact().map_err(interrupted)
}

/// One of `items`, with arrow keys.
pub fn select(prompt: &str, items: &[String], default: usize) -> Result<usize, Error> {
    dialoguer::Select::with_theme(&theme())
        .with_prompt(prompt)
        .items(items)
        .default(default)
        .max_length(12)
        .interact()
        .map_err(interrupted)
}

/// One of many `items`, narrowed by typing.
pub fn fuzzy_select(prompt: &str, items: &[String]) -> Result<usize, Error> {
    dialoguer::FuzzySelect::with_theme(&theme())
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .max_length(12)
        .interact()
        .map_err(interrupted)
}

/// A line of text, checked as it is entered: `check` returns why a value is refused, and the
/// question is asked again with that reason.
pub fn input(prompt: &str, default: Option<&str>, check: impl Fn(&str) -> Result<(), String>) -> Result<String, Error> {
    let theme = theme();
    let mut question =
        dialoguer::Input::<String>::with_theme(&theme).with_prompt(prompt).allow_empty(default.is_some());
    if let Some(d) = default {
        question = question.default(d.to_string()).show_default(!d.is_empty());
    }
    question.validate_with(|value: &String| check(value)).interact_text().map_err(interrupted)
}

/// A hidden password prompt.
pub fn password(prompt: &str) -> Result<secrecy::SecretString, Error> {
    dialoguer::Password::with_theme(&theme())
        .with_prompt(prompt)
        .allow_empty_password(false)
        .interact()
        .map(secrecy::SecretString::from)
        .map_err(interrupted)
}

/// A new password, asked twice.
pub fn new_password(prompt: &str) -> Result<secrecy::SecretString, Error> {
    dialoguer::Password::with_theme(&theme())
        .with_prompt(prompt)
        .with_confirmation("Again", "the two entries differ")
        .interact()
        .map(secrecy::SecretString::from)
        .map_err(interrupted)
}

/// Reads pasted text of any length. A terminal in its normal (canonical) mode cuts a line at
/// 4 KiB, shorter than many tokens, so the terminal is switched to non-canonical mode without
/// echo (the paste is a secret) while reading; it ends at `<---End paste`, at an empty line
/// after some text, or at Ctrl-D.
pub fn paste() -> Result<secrecy::SecretString, Error> {
    use std::io::Read;
    let _raw = RawInput::enable();
    eprintln!("(waiting for the paste)");
    let mut text = Vec::new();
    let mut byte = [0u8; 1];
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    loop {
        match lock.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Error::Interrupted),
        }
        match byte[0] {
            3 => return Err(Error::Interrupted), // Ctrl-C, read as a byte with ISIG off
            4 => break,                          // Ctrl-D
            b'\r' => text.push(b'\n'),
            b => text.push(b),
        }
        let done_marker = text.ends_with(b"<---End paste\n");
        let blank_after_text = text.ends_with(b"\n\n") && text.iter().any(|b| !b.is_ascii_whitespace());
        if done_marker || blank_after_text {
            break;
        }
    }
    eprintln!("(received {} bytes)", text.len());
    Ok(secrecy::SecretString::from(String::from_utf8_lossy(&text).into_owned()))
}

/// Non-canonical, no-echo input on a terminal stdin until dropped.
struct RawInput {
    saved: Option<libc::termios>,
}

impl RawInput {
    #[allow(unsafe_code)]
    fn enable() -> RawInput {
        // SAFETY: tcgetattr/tcsetattr only read and write the termios struct we own, on fd 0.
        unsafe {
            let mut term: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut term) != 0 {
                return RawInput { saved: None };
            }
            let saved = term;
            term.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG);
            term.c_cc[libc::VMIN] = 1;
            term.c_cc[libc::VTIME] = 0;
            libc::tcsetattr(0, libc::TCSANOW, &term);
            RawInput { saved: Some(saved) }
        }
    }
}

impl Drop for RawInput {
    #[allow(unsafe_code)]
    fn drop(&mut self) {
        if let Some(saved) = self.saved {
            // SAFETY: restores the settings read in `enable`.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &saved);
            }
        }
    }
}

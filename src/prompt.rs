//! The only place that talks to a person through prompts (on stderr, so stdout stays clean for
//! `--json`). Callers ask `Context::interactive` first; a prompt that cannot be shown is the
//! caller's usage error naming the flag. Ctrl-C at any prompt is an interruption (exit 130),
//! and however a prompt ends, the terminal is handed back as the prompt found it.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use dialoguer::theme::ColorfulTheme;

use crate::error::Error;
use crate::platform::term;

fn theme() -> ColorfulTheme {
    ColorfulTheme::default()
}

/// The prompt on screen, if any: the terminal's settings from before it, and whether an
/// interruption must end its line (the cursor waits at the end of a question's line, but below
/// a list).
static SAVED: Mutex<Option<term::Saved>> = Mutex::new(None);
static ON_SCREEN: AtomicBool = AtomicBool::new(false);
static MID_LINE: AtomicBool = AtomicBool::new(false);

/// Shows a prompt, and hands the terminal back as the prompt found it however it ends.
/// dialoguer hides the cursor for lists and yes/no questions and shows it again only when they
/// are answered; a password prompt switches echo off until Enter; the paste switches line
/// editing off. Ctrl-C ends pluton either from the interrupt handler's thread
/// (`process::exit`, so no destructor runs: it calls `restore_terminal`) or as an error that
/// comes back through here; both restore the terminal, whichever comes first.
fn ask<T, E>(mid_line: bool, prompt: impl FnOnce() -> Result<T, E>) -> Result<T, Error> {
    save_terminal(mid_line);
    match prompt() {
        Ok(answer) => {
            // Answered: the prompt has put back what it changed.
            ON_SCREEN.store(false, Ordering::SeqCst);
            Ok(answer)
        }
        Err(_) => {
            drop(restore_terminal());
            Err(Error::Interrupted)
        }
    }
}

fn save_terminal(mid_line: bool) {
    let current = term::save();
    if let Ok(mut saved) = SAVED.lock() {
        *saved = current;
    }
    MID_LINE.store(mid_line, Ordering::SeqCst);
    ON_SCREEN.store(true, Ordering::SeqCst);
}

/// Shows the cursor, ends the prompt's line and restores the terminal settings from before the
/// prompt on screen, if one is; does nothing otherwise (and only once). The interrupt handler
/// calls it before leaving and keeps the returned lock on stderr until the process is gone, so
/// that no prompt draws (and hides the cursor) again in between.
pub fn restore_terminal() -> std::io::StderrLock<'static> {
    let mut stderr = std::io::stderr().lock();
    if ON_SCREEN.swap(false, Ordering::SeqCst) {
        let end = if MID_LINE.load(Ordering::SeqCst) { "\r\n" } else { "" };
        let _ = write!(stderr, "\x1b[?25h{end}");
        let _ = stderr.flush();
        if let Some(saved) = SAVED.lock().ok().and_then(|s| *s) {
            term::restore(&saved);
        }
    }
    stderr
}

/// Items cut to the terminal's width. dialoguer clears a list by counting the lines it drew,
/// and an item wider than the terminal wraps into more rows than that: rows of the list stayed
/// on screen above the answer (and wrapped items made it erase lines above the prompt).
fn fit_to_terminal(items: &[String]) -> Vec<String> {
    let columns = usize::from(dialoguer::console::Term::stderr().size().1);
    // Two columns for the "❯ " marker, and the last column left alone.
    let room = columns.saturating_sub(3).max(12);
    let fitted: Vec<String> = items.iter().map(|item| cut(item, room)).collect();
    // FuzzySelect finds the chosen item by its text: cut items must stay distinct.
    let distinct = fitted.iter().collect::<std::collections::HashSet<_>>().len() == fitted.len();
    if distinct { fitted } else { items.to_vec() }
}

/// `item` in at most `room` bytes, ending in "…" when cut. Bytes, not characters: no character
/// takes more columns than bytes, and dialoguer measures items in bytes.
fn cut(item: &str, room: usize) -> String {
    if item.len() <= room {
        return item.to_string();
    }
    let mut out = String::new();
    for c in item.chars() {
        if out.len() + c.len_utf8() + '…'.len_utf8() > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A yes/no question.
pub fn confirm(question: &str, default: bool) -> Result<bool, Error> {
    ask(true, || dialoguer::Confirm::with_theme(&theme()).with_prompt(question).default(default).interact())
}

/// One of `items`, with arrow keys.
pub fn select(prompt: &str, items: &[String], default: usize) -> Result<usize, Error> {
    ask(false, || {
        dialoguer::Select::with_theme(&theme())
            .with_prompt(prompt)
            .items(fit_to_terminal(items))
            .default(default)
            .max_length(12)
            .interact()
    })
}

/// One of many `items`, narrowed by typing.
pub fn fuzzy_select(prompt: &str, items: &[String]) -> Result<usize, Error> {
    ask(false, || {
        dialoguer::FuzzySelect::with_theme(&theme())
            .with_prompt(prompt)
            .items(fit_to_terminal(items))
            .default(0)
            .max_length(12)
            .interact()
    })
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
    ask(true, || question.validate_with(|value: &String| check(value)).interact_text())
}

/// A hidden password prompt.
pub fn password(prompt: &str) -> Result<secrecy::SecretString, Error> {
    ask(true, || dialoguer::Password::with_theme(&theme()).with_prompt(prompt).allow_empty_password(false).interact())
        .map(secrecy::SecretString::from)
}

/// A new password, asked twice.
pub fn new_password(prompt: &str) -> Result<secrecy::SecretString, Error> {
    ask(true, || {
        dialoguer::Password::with_theme(&theme())
            .with_prompt(prompt)
            .with_confirmation("Again", "the two entries differ")
            .interact()
    })
    .map(secrecy::SecretString::from)
}

/// Reads pasted text of any length. A terminal in its normal (canonical) mode cuts a line at
/// 4 KiB, shorter than many tokens, so the terminal is switched to non-canonical mode without
/// echo (the paste is a secret) while reading; it ends at `<---End paste`, at an empty line
/// after some text, or at Ctrl-D.
pub fn paste() -> Result<secrecy::SecretString, Error> {
    eprintln!("(waiting for the paste)");
    ask(false, read_paste)
}

fn read_paste() -> Result<secrecy::SecretString, Error> {
    use std::io::Read;
    let _raw = term::RawInput::enable();
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

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn items_are_cut_to_the_room_in_bytes_and_marked() {
        assert_eq!(cut("webdav         WebDAV", 40), "webdav         WebDAV");
        let long = "s3             Amazon S3 Compliant Storage Providers including AWS, Alibaba, Ceph";
        let fitted = cut(long, 30);
        assert!(fitted.len() <= 30 && fitted.ends_with('…') && long.starts_with(fitted.trim_end_matches('…')));
        // Never inside a character.
        let wide = "ü".repeat(40);
        let fitted = cut(&wide, 21);
        assert!(fitted.len() <= 21 && fitted.ends_with('…'), "{fitted}");
    }
}

//! What pluton prints. stdout carries results only (tables, JSON); notes, warnings and errors
//! go to stderr. Every message passes through the redactor on its way out, so a secret that
//! slipped into an error from rclone's stderr still never reaches the screen or a log.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::secrets::redact_text;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub quiet: bool,
    pub color: bool,
}

impl Output {
    /// A result line on stdout.
    pub fn line(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{text}")
    }

    /// A secret on stdout, as it is: only for `config password --print`, which refuses a
    /// terminal. Every other output passes through the redactor.
    pub fn secret_line(&self, secret: &secrecy::SecretString) -> io::Result<()> {
        use secrecy::ExposeSecret;
        let mut out = io::stdout().lock();
        writeln!(out, "{}", secret.expose_secret())?;
        out.flush()
    }

    /// Pretty JSON on stdout.
    pub fn json<T: Serialize>(&self, value: &T) -> io::Result<()> {
        let mut out = io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::other)?;
        writeln!(out)
    }

    /// A table with a header row, columns padded to their widest cell.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
        self.table_with(headers, rows.len(), |i| rows[i].iter().map(|c| Cow::Borrowed(c.as_str())))
    }

    /// A table of `count` rows that are made on demand, twice each (to measure the columns,
    /// then to print): with thousands of rows nothing holds them all at once.
    pub fn table_with<'a, R>(&self, headers: &[&str], count: usize, row: impl Fn(usize) -> R) -> io::Result<()>
    where
        R: IntoIterator<Item = Cow<'a, str>>,
    {
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for i in 0..count {
            for (w, cell) in widths.iter_mut().zip(row(i)) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let mut out = io::BufWriter::new(io::stdout().lock());
        let header = pad_row(headers.iter().map(|h| h.to_string()), &widths);
        if self.color {
            writeln!(out, "\x1b[1m{header}\x1b[0m")?;
        } else {
            writeln!(out, "{header}")?;
        }
        for i in 0..count {
            writeln!(out, "{}", pad_row(row(i).into_iter().map(|c| clean(&c)), &widths))?;
        }
        out.flush()
    }

    /// Progress and information for people, on stderr; silent with `--quiet`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{}", clean(&redact_text(text)));
        }
    }

    /// Something the user should act on, even with `--quiet`.
    pub fn warn(&self, text: &str) {
        let text = clean(&redact_text(text));
        if self.color && io::stderr().is_terminal() {
            eprintln!("\x1b[33mwarning:\x1b[0m {text}");
        } else {
            eprintln!("warning: {text}");
        }
    }
}

/// A spinner with a message on stderr while something slow runs. indicatif draws nothing when
/// stderr is not a terminal, and `--quiet` hides it too, so scripts and logs see no noise.
pub struct Spinner(indicatif::ProgressBar);

impl Spinner {
    pub fn start(out: &Output, message: &str) -> Spinner {
        let bar = if out.quiet {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.set_message(clean(&redact_text(message)));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Spinner(bar)
    }
}

impl Spinner {
    pub fn set_message(&self, message: &str) {
        self.0.set_message(clean(&redact_text(message)));
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// The error line `main` prints, and its hint.
pub fn error(message: &str, hint: Option<&str>) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let _ = writeln!(err, "pluton: {}", clean(&redact_text(message)));
    if let Some(hint) = hint {
        let _ = writeln!(err, "  hint: {}", clean(&redact_text(hint)));
    }
}

fn pad_row(cells: impl Iterator<Item = String>, widths: &[usize]) -> String {
    let cells: Vec<String> = cells.collect();
    let last = cells.len().saturating_sub(1);
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        line.push_str(cell);
        if i < last {
            line.push_str(&" ".repeat(width.saturating_sub(cell.chars().count()) + 2));
        }
    }
    line
}

/// Replaces control characters (a name from a hand-edited file could carry an escape
/// sequence) so that nothing printed can drive the terminal.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_padded_and_control_characters_replaced() {
        assert_eq!(pad_row(["a".to_string(), "b".to_string()].into_iter(), &[3, 1]), "a    b");
        assert_eq!(clean("x\x1b[31my"), "x\u{fffd}[31my");
    }
}

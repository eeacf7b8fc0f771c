//! Shell completion that knows the user's storages, rclone's providers and each provider's
//! options, answered by the binary itself at run time.
//!
//! # How it works, and why this way
//!
//! `pluton completions SHELL` prints a small script (bash, zsh, fish) that, on each TAB, runs
//! `pluton` again with `_PLUTON_COMPLETE=SHELL` in its environment and the line being
//! completed, and hands the answer to the shell. `main` checks for that variable before
//! anything else (no interrupt handler, no `Context` that might ask for a password), so a
//! completion run reads only storages.toml (its fast path), rclone.conf's section headers
//! (never an encrypted one) and the cached rclone schema. It never starts rclone, never
//! prompts, never writes, and prints nothing when anything fails.
//!
//! Which argument is being completed, and with what, is decided by clap_complete's dynamic
//! engine (`clap_complete::engine::complete`, the `unstable-dynamic` feature, as jj uses it),
//! walking the very `clap::Command` that parses real runs: subcommands, flags and `ValueEnum`
//! values (`--drive`, `--color`, the shells) can never drift from the parser. The values only
//! pluton knows come from completers attached in `cli.rs` with one line each
//! (`#[arg(add = completion::storage())]`). The feature is unstable, so Cargo.toml pins
//! clap_complete with `=`.
//!
//! The engine's own shell adapters (`CompleteEnv`) are not used, for three reasons that the
//! tests exercise: (1) `--set KEY=<TAB>` must know the PROVIDER (or the STORAGE's provider)
//! given earlier on the line, and `--config-dir DIR` on the line must choose the files read,
//! so the completers need the whole line, which this module reads first ([`line::Line`]);
//! (2) their bash adapter hands back names with spaces unquoted, and sees `--set a=b` split at
//! the `=` (bash's word breaks); ours reads `COMP_LINE` itself and quotes each answer the way
//! the word was typed; (3) `CompleteEnv` prints clap's error text on failure, and completion
//! must print nothing. elvish and powershell keep clap_complete's static scripts (commands,
//! flags and fixed values).

mod line;
mod shells;
mod values;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

pub use shells::script;

/// The environment variable that turns a run of `pluton` into a completion request.
const VAR: &str = "_PLUTON_COMPLETE";

/// Completer for an argument that takes a storage (name, id or remote name):
/// `#[arg(add = crate::completion::storage())]`.
pub fn storage() -> ArgValueCompleter {
    ArgValueCompleter::new(values::storages)
}

/// Completer for a provider (rclone backend) name, with its description.
pub fn provider() -> ArgValueCompleter {
    ArgValueCompleter::new(values::providers)
}

/// Completer for `--set KEY=VALUE`: the keys of the provider named on the line (or of the
/// storage named on the line), then the key's documented values.
pub fn set_option() -> ArgValueCompleter {
    ArgValueCompleter::new(values::set_option)
}

/// Completer for `--unset KEY`.
pub fn unset_option() -> ArgValueCompleter {
    ArgValueCompleter::new(values::unset_option)
}

/// Completer for remotes in rclone.conf that are not storages yet.
pub fn unmanaged_remote() -> ArgValueCompleter {
    ArgValueCompleter::new(values::unmanaged_remotes)
}

/// When this run is a completion request from one of pluton's shell scripts, answers it and
/// returns the exit code; otherwise `None` and the run goes on as usual.
pub fn answer_if_requested() -> Option<ExitCode> {
    let shell = std::env::var(VAR).ok()?;
    let Some(shell) = shells::Shell::from_name(&shell) else { return Some(ExitCode::SUCCESS) };
    let mut out = Vec::new();
    if let Some((words, current)) = shell.read_request(std::env::args_os().skip(1)) {
        let candidates = candidates(&words);
        shell.write(&candidates, &current, &mut out);
    }
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(&out);
    Some(ExitCode::SUCCESS)
}

/// The candidates for the last of `words` (the program name first), best first.
fn candidates(words: &[String]) -> Vec<CompletionCandidate> {
    let Some((_, before)) = words.split_last() else { return Vec::new() };
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    values::init(line::Line::read(&cmd, before));
    let args: Vec<OsString> = words.iter().map(OsString::from).collect();
    let cwd = std::env::current_dir().ok();
    let mut candidates =
        clap_complete::engine::complete(&mut cmd, args, words.len() - 1, cwd.as_deref()).unwrap_or_default();
    // On an empty word the engine offers every flag as well; a person who wants a flag types
    // `-` first, so the flags only come when nothing else would.
    let is_flag = |c: &CompletionCandidate| c.get_value().to_string_lossy().starts_with('-');
    if words.last().is_some_and(String::is_empty) && candidates.iter().any(|c| !is_flag(c)) {
        candidates.retain(|c| !is_flag(c));
    }
    candidates
}

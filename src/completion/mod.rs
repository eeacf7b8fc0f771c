//! Shell completion that knows the user's storages, rclone's providers and each provider's
//! options, answered by the binary itself at run time.
//!
//! # How it works, and why this way
//!
//! `pluton completions SHELL` prints a small script (bash, zsh, fish, PowerShell) that, on each TAB, runs
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
//! pluton knows come from completers that [`command`] attaches to that command by argument
//! name (`storage`, `provider`, `--set`, …), so `cli.rs` stays the parser's alone and the
//! dependency points one way, from completion to the CLI. The feature is unstable, so
//! Cargo.toml pins clap_complete with `=`.
//!
//! The engine's own shell adapters (`CompleteEnv`) are not used, for three reasons that the
//! tests exercise: (1) `--set KEY=<TAB>` must know the PROVIDER (or the STORAGE's provider)
//! given earlier on the line, and `--config-dir DIR` on the line must choose the files read,
//! so the completers need the whole line, which this module reads first ([`line::Line`]);
//! (2) their bash adapter hands back names with spaces unquoted, and sees `--set a=b` split at
//! the `=` (bash's word breaks); ours reads `COMP_LINE` itself and quotes each answer the way
//! the word was typed; (3) `CompleteEnv` prints clap's error text on failure, and completion
//! must print nothing. elvish keeps clap_complete's static script (commands, flags and fixed
//! values).

mod line;
mod shells;
mod values;

use std::ffi::{OsStr, OsString};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

pub use shells::script;

/// The environment variable that turns a run of `pluton` into a completion request.
const VAR: &str = "_PLUTON_COMPLETE";

/// The completer for each argument, by the argument's id (its field name in `cli.rs`), in every
/// subcommand that has one.
fn completer(id: &str) -> Option<ArgValueCompleter> {
    Some(match id {
        // A storage: name, id or remote name.
        "storage" | "storages" => tagged("STORAGE", values::storages),
        // A provider (rclone backend), with its description.
        "provider" => tagged("PROVIDER", values::providers),
        // `--set KEY=VALUE`: the keys of the provider named on the line (or of the storage
        // named on the line), then the key's documented values.
        "set" => tagged("--set", values::set_option),
        "unset" => tagged("--unset", values::unset_option),
        // Remotes in rclone.conf that are not storages yet.
        "remotes" => tagged("REMOTE", values::unmanaged_remotes),
        _ => return None,
    })
}

/// A completer whose candidates carry their group's tag already. The engine tags every
/// untagged candidate with the argument's rendered help form (`Arg`'s `Display`, styled), once
/// per candidate: at 1,000 storages that formatting was a third of a TAB's work. The tag only
/// groups candidates (one group per argument either way); no shell script of ours prints it.
fn tagged(tag: &'static str, values: fn(&OsStr) -> Vec<CompletionCandidate>) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &OsStr| -> Vec<CompletionCandidate> {
        values(current).into_iter().map(|c| c.tag(Some(tag.into()))).collect()
    })
}

/// pluton's command line with the completers attached, built.
pub fn command() -> clap::Command {
    fn attach(mut cmd: clap::Command) -> clap::Command {
        // `mut_args`, not `mut_arg`: clap's `mut_arg` takes the argument out and pushes it back
        // last, and positionals get their index from that order when the command is built, so
        // `rename STORAGE NEW_NAME` became `rename NEW_NAME STORAGE` for the completion engine
        // and TAB offered storages for the new name. `mut_args` changes each one in place.
        cmd = cmd.mut_args(|arg| match completer(arg.get_id().as_str()) {
            Some(completer) => arg.add(completer),
            None => arg,
        });
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            cmd = cmd.mut_subcommand(name, attach);
        }
        cmd
    }
    let mut cmd = attach(crate::cli::Cli::command());
    cmd.build();
    cmd
}

/// When this run is a completion request from one of pluton's shell scripts, answers it and
/// returns the exit code; otherwise `None` and the run goes on as usual.
pub fn answer_if_requested() -> Option<ExitCode> {
    let shell = std::env::var(VAR).ok()?;
    let Some(shell) = shells::Shell::from_name(&shell) else { return Some(ExitCode::SUCCESS) };
    let mut out = Vec::new();
    let mut cmd = command();
    if let Some((words, current)) = shell.read_request(std::env::args_os().skip(1), &cmd) {
        let candidates = candidates(&mut cmd, &words);
        shell.write(&candidates, &current, &mut out);
    }
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(&out);
    // The process ends right after this: freeing clap's whole command tree one allocation at a
    // time was 8% of a TAB's instructions, for memory the exit returns anyway.
    std::mem::forget(cmd);
    Some(ExitCode::SUCCESS)
}

/// The candidates for the last of `words` (the program name first), best first.
fn candidates(cmd: &mut clap::Command, words: &[String]) -> Vec<CompletionCandidate> {
    let Some((_, before)) = words.split_last() else { return Vec::new() };
    values::init(line::Line::read(cmd, before));
    let args: Vec<OsString> = words.iter().map(OsString::from).collect();
    let cwd = std::env::current_dir().ok();
    let mut candidates =
        clap_complete::engine::complete(cmd, args, words.len() - 1, cwd.as_deref()).unwrap_or_default();
    // On an empty word the engine offers every flag as well; a person who wants a flag types
    // `-` first, so the flags only come when nothing else would.
    let is_flag = |c: &CompletionCandidate| c.get_value().to_string_lossy().starts_with('-');
    if words.last().is_some_and(String::is_empty) && candidates.iter().any(|c| !is_flag(c)) {
        candidates.retain(|c| !is_flag(c));
    }
    candidates
}

#[cfg(test)]
mod tests {
    /// Attaching completers leaves every positional where the parser has it: the engine finds
    /// the argument at a position by its index.
    #[test]
    fn completers_keep_the_parsers_positional_order() {
        use clap::CommandFactory;
        fn positionals(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            let mut args: Vec<&clap::Arg> = cmd.get_positionals().collect();
            args.sort_by_key(|a| a.get_index());
            out.extend(args.iter().map(|a| format!("{path} {}={:?}", a.get_id(), a.get_index())));
            for sub in cmd.get_subcommands() {
                positionals(sub, &format!("{path} {}", sub.get_name()), out);
            }
        }
        let mut parser = crate::cli::Cli::command();
        parser.build();
        let (mut want, mut got) = (Vec::new(), Vec::new());
        positionals(&parser, "pluton", &mut want);
        positionals(&super::command(), "pluton", &mut got);
        assert_eq!(got, want);
    }

    /// Every argument that takes a storage, a provider, an option or a remote has its completer:
    /// renaming a field in cli.rs must not silently lose its completion.
    #[test]
    fn every_storage_provider_and_option_argument_completes() {
        fn walk(cmd: &clap::Command, path: &str, found: &mut Vec<String>) {
            for arg in cmd.get_arguments().filter(|a| super::completer(a.get_id().as_str()).is_some()) {
                let completes = arg.get::<clap_complete::engine::ArgValueCompleter>().is_some();
                assert!(completes, "{path} {} has no completer", arg.get_id());
                found.push(format!("{path} {}", arg.get_id()));
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), found);
            }
        }
        let mut found = Vec::new();
        walk(&super::command(), "pluton", &mut found);
        for wanted in [
            "pluton providers provider",
            "pluton storage add provider",
            "pluton storage add set",
            "pluton storage show storage",
            "pluton storage test storages",
            "pluton storage edit storage",
            "pluton storage edit set",
            "pluton storage edit unset",
            "pluton storage reauth storage",
            "pluton storage rename storage",
            "pluton storage remove storage",
            "pluton storage usage storage",
            "pluton storage export storages",
            "pluton storage import remotes",
        ] {
            assert!(found.iter().any(|f| f == wanted), "{wanted} is not completed; completed: {found:?}");
        }
    }
}

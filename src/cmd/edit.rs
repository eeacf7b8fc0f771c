//! `pluton storage edit`: change some keys of one section, verified in a private copy first.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::context::Context;
use crate::error::Error;
use crate::fleet::plan::{SectionOp, Step};
use crate::input::Inputs;
use crate::options::{self, Value};
use crate::output::Output;
use crate::secrets::is_secret_key;
use crate::verify::verify;
use crate::workspace::Workspace;

use super::StoredStorage;

pub fn run(
    ctx: &Context,
    out: &Output,
    wanted: &str,
    sets: &[String],
    unsets: &[String],
    no_test: bool,
    timeout: u64,
) -> Result<(), Error> {
    if sets.is_empty() && unsets.is_empty() {
        return Err(Error::usage("nothing to change").with_hint("pass --set KEY=VALUE or --unset KEY"));
    }
    let stored = StoredStorage::load(ctx, wanted)?;
    let backend = stored.backend(ctx)?;

    let mut inputs = Inputs::default();
    let mut values = options::from_flags(out, &backend, sets, &mut inputs)?;
    for key in unsets {
        match key.as_str() {
            "type" => {
                return Err(Error::usage("the provider of a storage cannot be changed")
                    .with_hint("add a new storage with the other provider instead"));
            }
            "token" => return Err(Error::usage("the token is replaced with `pluton storage reauth`, not unset")),
            _ if values.iter().any(|v| &v.key == key) => {
                return Err(Error::usage(format!("{key} is both set and unset")));
            }
            _ if stored.section.get(key).is_none() => {
                return Err(Error::usage(format!("[{}] has no option {key}", stored.storage.remote))
                    .with_hint("`pluton storage show STORAGE` lists the options it has"));
            }
            _ => {}
        }
    }

    // The section as it will be: every other key as it is, in its place.
    let mut entries: Vec<(String, String)> =
        stored.section.entries.iter().filter(|(k, _)| !unsets.contains(k)).cloned().collect();
    for v in &values {
        let value = v.value.expose_secret().to_string();
        match entries.iter_mut().find(|(k, _)| *k == v.key) {
            Some(entry) => entry.1 = value,
            None => entries.push((v.key.clone(), value)),
        }
    }
    let all: Vec<Value> = entries
        .iter()
        .filter(|(k, _)| k != "type")
        .map(|(k, v)| Value {
            key: k.clone(),
            value: SecretString::from(v.clone()),
            secret: is_secret_key(&backend.name, k),
        })
        .collect();
    options::check_requirements(&backend, &all)?;
    let given = |key: &str| values.iter().any(|v| v.key == key);
    if backend.name == "onedrive" && given("drive_id") && !given("drive_type") {
        // The new drive_id is that drive, of whatever type Graph says (as in `storage add`).
        if no_test {
            return Err(Error::usage("--no-test cannot look up the type of the new drive")
                .with_hint("pass --set drive_type=personal|business|documentLibrary as well"));
        }
        out.note("looking up the OneDrive drive …");
        entries.retain(|(k, _)| k != "drive_type");
        entries = crate::providers::onedrive::discover_drive(
            &ctx.rclone()?,
            &ctx.config_dir,
            &stored.storage.remote,
            &entries,
            (None, None),
            None,
            Duration::from_secs(timeout),
        )?;
        let drive_type = entries.iter().find(|(k, _)| k == "drive_type").map(|(_, v)| v.clone()).unwrap_or_default();
        values.push(Value { key: "drive_type".into(), value: SecretString::from(drive_type), secret: false });
    }

    let remote = &stored.storage.remote;
    let mut verified = std::collections::HashMap::new();
    if !no_test {
        let checked = verify(
            &ctx.rclone()?,
            &ctx.config_dir,
            &stored.conf,
            remote,
            &entries,
            &stored.storage.path,
            crate::verify::Check::within(Duration::from_secs(timeout)),
        )?;
        verified.insert(remote.clone(), checked.entries);
    }

    // A plan of one: these keys set or removed. The plan's section holds the file's token, so
    // a token rclone refreshed while looking up a drive or checking is the one kept (a Box
    // refresh token works once), unless the real file's token moved on meanwhile.
    let planned = stored.section.entries.clone();
    let ops: Vec<SectionOp> = values
        .iter()
        .map(|v| SectionOp::Set(v.key.clone(), v.value.expose_secret().to_string()))
        .chain(unsets.iter().map(|k| SectionOp::Unset(k.clone())))
        .collect();
    let step = Step::update(&stored.storage.name, remote, planned, ops);
    let mut ws = Workspace::open(ctx)?;
    if !ws.conf().has_section(remote) {
        return Err(Error::failed(format!("[{remote}] vanished from rclone.conf while it was being checked")));
    }
    crate::fleet::commit::apply_steps(&mut ws, std::slice::from_ref(&step), &verified)?;
    ws.commit()?;
    let changed: Vec<&str> = values.iter().map(|v| v.key.as_str()).chain(unsets.iter().map(String::as_str)).collect();
    out.note(&format!("updated {:?}: {}", stored.storage.name, changed.join(", ")));
    Ok(())
}

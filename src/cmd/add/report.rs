//! What `storage add` shows: the section it would write (`--dry-run`), the summary before the
//! check on a terminal, and the storage it added (`--json`: the object `storage list` prints).
//! Secret values are always shown as `<redacted>`.

use secrecy::ExposeSecret;

use crate::context::Context;
use crate::error::Error;
use crate::options::Value;
use crate::output::Output;
use crate::registry::Storage;
use crate::secrets::REDACTED;

use super::super::StorageJson;
use super::Candidate;

/// `key = value` for each value, secrets redacted.
fn shown(values: &[Value]) -> impl Iterator<Item = String> + '_ {
    values.iter().map(|v| {
        let value = if v.secret { REDACTED.to_string() } else { v.value.expose_secret().to_string() };
        format!("{} = {value}", v.key)
    })
}

/// `--dry-run`: what would be written where, and nothing is.
pub(super) fn dry_run(ctx: &Context, out: &Output, c: &Candidate, json: bool) -> Result<(), Error> {
    let storage = Storage::unsaved(&c.name, &c.backend.name, &c.remote, &c.path);
    if json {
        out.json(&StorageJson::from(&storage)).map_err(anyhow::Error::from)?;
        return Ok(());
    }
    let (name, remote, path) = (&c.name, &c.remote, &c.path);
    let mut lines = vec![
        format!("would add storage {name:?} (nothing was written)"),
        format!("to {}:", ctx.rclone_conf_path.display()),
        format!("[{remote}]"),
        format!("type = {}", c.backend.name),
    ];
    lines.extend(shown(&c.values));
    lines.push(format!("to {}: name {name:?}, remote {remote:?}, path {path:?}", ctx.storages_path.display()));
    out.line(&lines.join("\n")).map_err(anyhow::Error::from)?;
    Ok(())
}

/// On a terminal, before the check: what was chosen.
pub(super) fn summary(out: &Output, c: &Candidate) {
    let mut lines =
        vec![format!("\n{:?}: {} storage, rclone remote {}:, path {:?}", c.name, c.backend.name, c.remote, c.path)];
    lines.extend(shown(&c.values).map(|line| format!("  {line}")));
    out.note(&lines.join("\n"));
}

/// The storage was saved: a note, and with `--json` the storage object.
pub(super) fn added(out: &Output, storage: &Storage, verified: &str, json: bool) -> Result<(), Error> {
    out.note(&format!("added {:?} as {}: ({verified})", storage.name, storage.remote));
    if json {
        out.json(&StorageJson::from(storage)).map_err(anyhow::Error::from)?;
    }
    Ok(())
}

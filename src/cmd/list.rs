use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::workspace;

use super::StorageJson;

/// Reads storages.toml only: no rclone, no rclone.conf, so it stays fast with thousands.
pub fn run(ctx: &Context, out: &Output, json: bool) -> Result<(), Error> {
    let registry = workspace::read_registry(ctx)?;
    if json {
        let items: Vec<StorageJson> = registry.storages.iter().map(StorageJson::from).collect();
        out.json(&items).map_err(anyhow::Error::from)?;
        return Ok(());
    }
    if registry.storages.is_empty() {
        out.note(
            "no storages yet: add one with `pluton storage add`, or adopt remotes already in rclone.conf \
             with `pluton storage import --all`",
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = registry
        .storages
        .iter()
        .map(|s| vec![s.name.clone(), s.provider.clone(), s.remote.clone(), s.path.clone()])
        .collect();
    out.table(&["NAME", "PROVIDER", "REMOTE", "PATH"], &rows).map_err(anyhow::Error::from)?;
    Ok(())
}

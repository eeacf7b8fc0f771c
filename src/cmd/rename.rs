//! `pluton storage rename`: a new name in storages.toml. rclone.conf is never read or written
//! (the remote keeps its name), so an encrypted one needs no password here.

use crate::context::Context;
use crate::error::Error;
use crate::names;
use crate::output::Output;
use crate::workspace;

pub fn run(ctx: &Context, out: &Output, wanted: &str, new_name: &str) -> Result<(), Error> {
    let new_name = names::storage_name(new_name)?;
    let storage = workspace::edit_registry(ctx, |registry| {
        let storage = registry.get(wanted)?.clone();
        if let Some(other) = registry.name_taken(&new_name, Some(&storage.id)) {
            return Err(Error::usage(format!("a storage named {:?} already exists", other.name))
                .with_hint("storage names are unique regardless of case; choose another name"));
        }
        registry.rename(&storage.id, &new_name)?;
        Ok(storage)
    })?;
    out.note(&format!("renamed {:?} to {new_name:?}; its rclone remote is still {}:", storage.name, storage.remote));
    Ok(())
}

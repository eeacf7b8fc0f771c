use crate::context::Context;
use crate::error::Error;
use crate::names;
use crate::output::Output;
use crate::workspace::Workspace;

pub fn run(ctx: &Context, out: &Output, wanted: &str, new_name: &str) -> Result<(), Error> {
    let new_name = names::storage_name(new_name)?;
    let mut ws = Workspace::open(ctx)?;
    let storage = ws.registry.get(wanted)?.clone();
    if let Some(other) = ws.registry.name_taken(&new_name, Some(&storage.id)) {
        return Err(Error::usage(format!("a storage named {:?} already exists", other.name))
            .with_hint("storage names are unique regardless of case; choose another name"));
    }
    ws.registry.rename(&storage.id, &new_name)?;
    ws.commit()?;
    out.note(&format!("renamed {:?} to {new_name:?}; its rclone remote is still {}:", storage.name, storage.remote));
    Ok(())
}

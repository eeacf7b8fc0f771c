use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::prompt;
use crate::workspace::{self, Workspace};

pub fn run(ctx: &Context, out: &Output, wanted: &str, yes: bool, keep_remote: bool) -> Result<(), Error> {
    if !yes {
        // Look the storage up before asking, so a typo fails without a question.
        let registry = workspace::read_registry(ctx)?;
        let storage = registry.get(wanted)?;
        if !ctx.interactive {
            return Err(Error::usage(format!("removing {:?} needs confirmation", storage.name))
                .with_hint("pass --yes to remove without asking"));
        }
        let what = if keep_remote {
            format!("Forget storage {:?} (rclone.conf keeps [{}])?", storage.name, storage.remote)
        } else {
            format!("Remove storage {:?} and its rclone remote [{}]?", storage.name, storage.remote)
        };
        if !prompt::confirm(&what, false)? {
            out.note("nothing removed");
            return Ok(());
        }
    }
    if keep_remote {
        // Only pluton's metadata goes: rclone.conf (and its password, if encrypted) is not needed.
        let storage = workspace::edit_registry(ctx, |registry| {
            let storage = registry.get(wanted)?.clone();
            registry.remove(&storage.id)?;
            Ok(storage)
        })?;
        out.note(&format!("removed {:?}; rclone.conf still has [{}]", storage.name, storage.remote));
        return Ok(());
    }
    let mut ws = Workspace::open(ctx)?;
    let storage = ws.registry.get(wanted)?.clone();
    ws.registry.remove(&storage.id)?;
    ws.remove_section(&storage.remote)?;
    ws.commit()?;
    out.note(&format!("removed {:?} and its remote [{}]", storage.name, storage.remote));
    Ok(())
}

//! `pluton storage restore NAME`: one storage back from the kept copies.

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::recovery;

pub fn run(ctx: &Context, out: &Output, wanted: &str) -> Result<(), Error> {
    let restored = recovery::restore_storage(ctx, wanted)?;
    let s = &restored.storage;
    match (&restored.entry_from, &restored.section_from) {
        (None, None) => {
            out.note(&format!(
                "{:?} is whole (its entry and its section [{}] are there); nothing to do",
                s.name, s.remote
            ));
            return Ok(());
        }
        (entry, section) => {
            if let Some(copy) = entry {
                out.note(&format!(
                    "{:?} is a storage again (id {}), from copy {} of storages.toml",
                    s.name, s.id, copy.id
                ));
            }
            if let Some(copy) = section {
                out.note(&format!(
                    "[{}] is back in rclone.conf, from copy {} ({}, {})",
                    s.remote,
                    copy.id,
                    copy.time(),
                    copy.why.describe()
                ));
            }
        }
    }
    out.note(&format!(
        "check it with `pluton storage test {:?}`; if its sign-in was refreshed after that copy, \
         `pluton storage reauth {:?}` gets a new one",
        s.name, s.name
    ));
    Ok(())
}

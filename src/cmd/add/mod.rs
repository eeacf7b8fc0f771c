//! `pluton storage add`: everything from flags (and, on a terminal, the wizard), checked before
//! anything is touched, verified in a private copy, then saved under the lock. The same pipeline
//! as every change of state (see `crate::fleet`), one step a file:
//!
//! - `resolve`: flags and wizard answers into a candidate section, every check that needs no
//!   network first; `sign_in` is its part that gets the token (and asks how);
//! - `check`: the candidate verified with rclone in a private copy;
//! - `commit` (here): one locked write of both files;
//! - `report`: what a person or a script is shown.

mod check;
mod report;
mod resolve;
mod sign_in;

use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::Error;
use crate::options::Value;
use crate::output::Output;
use crate::rclone::schema::Backend;
use crate::registry::Storage;
use crate::workspace::Workspace;

pub fn run(ctx: &Context, out: &Output, mut args: AddArgs) -> Result<(), Error> {
    let mut candidate = resolve::resolve(ctx, out, &mut args)?;
    if args.dry_run {
        return report::dry_run(ctx, out, &candidate, args.json);
    }
    if ctx.interactive {
        report::summary(out, &candidate);
    }
    let Some(verified) = check::check(ctx, out, &args, &mut candidate)? else {
        out.note("nothing was saved");
        return Ok(());
    };
    let storage = commit(ctx, &args, candidate)?;
    report::added(out, &storage, &verified, args.json)
}

/// A storage about to be added: everything resolved, nothing written.
struct Candidate {
    name: String,
    remote: String,
    path: String,
    backend: Backend,
    /// What the flags and the wizard gave, for the summary and for "change settings".
    values: Vec<Value>,
    /// The section to write (with the token and OneDrive's drive once they are known).
    entries: Vec<(String, String)>,
    /// rclone.conf as read before the check (sections the candidate refers to come from it).
    conf: crate::rclone_conf::RcloneConf,
    rclone: crate::rclone::Rclone,
}

/// Commit: under the lock, with both files read afresh (another pluton may have added a storage
/// while this one was checked), the section and the storage are written as a plan of one.
fn commit(ctx: &Context, args: &AddArgs, c: Candidate) -> Result<Storage, Error> {
    let mut ws = Workspace::open(ctx)?;
    if let Some(other) = ws.registry.name_taken(&c.name, None) {
        return Err(resolve::name_taken(&other.name));
    }
    let remote = match &args.remote {
        Some(r) => {
            resolve::check_remote_free(r, ws.conf(), &ws.registry)?;
            r.clone()
        }
        None if resolve::remote_taken(&c.remote, ws.conf(), &ws.registry) => {
            resolve::derive_remote(&c.name, &c.backend.name, ws.conf(), &ws.registry)
        }
        None => c.remote,
    };
    let step = crate::fleet::plan::Step::create(&c.name, &remote, &c.path, &c.backend.name, c.entries);
    crate::fleet::commit::apply_steps(&mut ws, std::slice::from_ref(&step), &Default::default())?;
    let storage =
        ws.registry.remote_managed(&remote).cloned().ok_or_else(|| Error::failed("the new storage vanished"))?;
    ws.commit()?;
    Ok(storage)
}

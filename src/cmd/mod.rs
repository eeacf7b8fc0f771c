//! One module per command: each reads its resolved arguments, calls the domain, and hands the
//! result to the output layer.

mod import;
mod list;
mod rclone;
mod remove;
mod rename;
mod show;

use crate::cli::{Command, StorageCommand};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;

pub fn execute(command: Command, ctx: &Context) -> Result<(), Error> {
    let out = Output { quiet: ctx.quiet, color: ctx.color };
    match command {
        Command::Storage(storage) => match storage {
            StorageCommand::List { json } => list::run(ctx, &out, json),
            StorageCommand::Show { storage, json } => show::run(ctx, &out, &storage, json),
            StorageCommand::Rename { storage, new_name } => rename::run(ctx, &out, &storage, &new_name),
            StorageCommand::Remove { storage, yes, keep_remote } => remove::run(ctx, &out, &storage, yes, keep_remote),
            StorageCommand::Import { remotes, all } => import::run(ctx, &out, &remotes, all),
        },
        Command::Rclone { args } => rclone::run(ctx, &args),
    }
}

/// The storage object of `list --json`, `add --json` and the base of `show --json`.
#[derive(serde::Serialize)]
pub struct StorageJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub provider: &'a str,
    pub remote: &'a str,
    pub path: &'a str,
    pub created_at: &'a str,
}

impl<'a> From<&'a crate::registry::Storage> for StorageJson<'a> {
    fn from(s: &'a crate::registry::Storage) -> Self {
        StorageJson {
            id: &s.id,
            name: &s.name,
            provider: &s.provider,
            remote: &s.remote,
            path: &s.path,
            created_at: &s.created_at,
        }
    }
}

/// The current time as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

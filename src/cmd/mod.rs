//! One module per command: each reads its resolved arguments, calls the domain, and hands the
//! result to the output layer.

mod add;
mod apply;
mod completions;
mod config;
mod doctor;
mod edit;
mod export;
mod history;
mod import;
mod list;
mod providers;
mod rclone;
mod reauth;
mod remove;
mod rename;
mod restore;
mod show;
mod test;
mod usage;

use crate::cli::{Command, StorageCommand};
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;

pub fn execute(command: Command, ctx: &Context) -> Result<(), Error> {
    let out = Output { quiet: ctx.quiet, color: ctx.color };
    match command {
        Command::Storage(storage) => match storage {
            StorageCommand::Add(args) => add::run(ctx, &out, *args),
            StorageCommand::List { json } => list::run(ctx, &out, json),
            StorageCommand::Apply(args) => apply::run(ctx, &out, &args),
            StorageCommand::Export { storages, json, secrets_dir } => {
                export::run(ctx, &out, &storages, json, secrets_dir.as_deref())
            }
            StorageCommand::Show { storage, json } => show::run(ctx, &out, &storage, json),
            StorageCommand::Rename { storage, new_name } => rename::run(ctx, &out, &storage, &new_name),
            StorageCommand::Remove { storage, yes, keep_remote } => remove::run(ctx, &out, &storage, yes, keep_remote),
            StorageCommand::Import { remotes, all } => import::run(ctx, &out, &remotes, all),
            StorageCommand::Restore { storage } => restore::run(ctx, &out, &storage),
            StorageCommand::Edit { storage, set, unset, no_test, timeout } => {
                edit::run(ctx, &out, &storage, &set, &unset, no_test, timeout)
            }
            StorageCommand::Reauth { storage, token_file, authorize, no_browser, device, no_test, timeout } => {
                let source = reauth::Source { token_file: token_file.as_deref(), authorize, no_browser, device };
                reauth::run(ctx, &out, &storage, source, no_test, timeout)
            }
            StorageCommand::Usage { storage, json, timeout } => usage::run(ctx, &out, &storage, json, timeout),
            StorageCommand::Test { storages, all, json, timeout, jobs, metrics_file, usage } => {
                let args = test::Args { storages, all, json, timeout, jobs, metrics_file, usage };
                test::run(ctx, &out, &args)
            }
        },
        Command::Completions { shell } => completions::run(shell),
        Command::Config(command) => config::run(ctx, &out, command),
        Command::Doctor { json } => doctor::run(ctx, &out, json),
        Command::Providers { provider, json, all } => providers::run(ctx, &out, provider.as_deref(), json, all),
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

/// What `storage show --json` and `storage list --json` say of a storage's checks (design.md
/// §12): always present, `null` when it was never checked.
#[derive(serde::Serialize)]
pub struct ChecksJson {
    pub last_check: Option<String>,
    pub last_status: Option<String>,
    pub last_success: Option<String>,
}

impl From<crate::health::Record> for ChecksJson {
    fn from(r: crate::health::Record) -> Self {
        ChecksJson { last_check: r.last_check, last_status: r.last_status, last_success: r.last_success }
    }
}

/// The check record for `show` and `list`: a record pluton cannot read only costs a warning.
pub fn read_checks(ctx: &Context, out: &Output) -> crate::health::Checks {
    crate::health::load(ctx).unwrap_or_else(|err| {
        out.warn(&format!("last checks unavailable: {}", err.display_line()));
        crate::health::Checks::default()
    })
}

/// A storage together with its rclone section, for commands that change or use one.
pub struct StoredStorage {
    pub storage: crate::registry::Storage,
    pub section: crate::rclone_conf::Section,
    /// rclone.conf as it was read (a check copies the remotes the section refers to from it).
    pub conf: crate::rclone_conf::RcloneConf,
}

impl StoredStorage {
    pub fn load(ctx: &Context, wanted: &str) -> Result<StoredStorage, Error> {
        let registry = crate::workspace::read_registry(ctx)?;
        let storage = registry.get(wanted)?.clone();
        let conf = crate::workspace::read_conf(ctx)?;
        let section = conf.section(&storage.remote).ok_or_else(|| {
            Error::failed(format!("rclone.conf has no section [{}] for {:?}", storage.remote, storage.name))
                .with_hint(format!("restore the section, or `pluton storage remove {:?}`", storage.name))
        })?;
        Ok(StoredStorage { storage, section, conf })
    }

    /// rclone's schema for this storage's backend.
    pub fn backend(&self, ctx: &Context) -> Result<crate::rclone::schema::Backend, Error> {
        let schema = crate::rclone::schema::Schema::load(&ctx.rclone_without_password()?, &ctx.cache_dir)?;
        let kind = self.section.get("type").unwrap_or(&self.storage.provider);
        schema.backend(kind).cloned().ok_or_else(|| {
            if let Some(newer) = crate::rclone::compat::missing_backend(kind, schema.version()) {
                return newer;
            }
            Error::failed(format!("the installed rclone has no backend called {kind:?}"))
                .with_hint("update rclone, or check the section's `type`")
        })
    }
}

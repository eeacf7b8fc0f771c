//! Resolve: the flags, then the wizard for what they left open, then the sign-in and OneDrive's
//! drive, into the section to add. Every check that needs no network comes before anything that
//! does, and nothing is written.

use secrecy::ExposeSecret;

use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::Error;
use crate::input::Inputs;
use crate::names;
use crate::options::{self, Value};
use crate::output::Output;
use crate::rclone::schema::{Backend, Schema};
use crate::rclone_conf::RcloneConf;
use crate::registry::Registry;
use crate::workspace;

use super::{Candidate, check, sign_in};

pub(super) fn resolve(ctx: &Context, out: &Output, args: &mut AddArgs) -> Result<Candidate, Error> {
    let path = check_flags_alone(ctx, args)?;
    let registry = workspace::read_registry(ctx)?;
    if let Some(other) = args.name.as_deref().and_then(|n| registry.name_taken(n.trim(), None)) {
        return Err(name_taken(&other.name));
    }
    let conf = workspace::read_conf(ctx)?;
    if let Some(remote) = &args.remote {
        check_remote_free(remote, &conf, &registry)?;
    }

    let rclone = ctx.rclone()?;
    let named = args.provider.as_deref().map(crate::providers::normalize_provider);
    // A named provider needs its own backend only: reading it alone from a warm cache skips
    // deserializing the other seventy (a tenth of `add`'s instructions at 1,000 storages, by
    // callgrind). The wizard, and a name rclone does not know (whose error suggests close
    // ones), read them all, as `storage apply` does.
    let schema = match &named {
        Some(p) => match Schema::load_only(&rclone, &ctx.cache_dir, &[p.as_str()])? {
            only if only.backend(p).is_some() => only,
            _ => Schema::load(&rclone, &ctx.cache_dir)?,
        },
        None => Schema::load(&rclone, &ctx.cache_dir)?,
    };
    let provider = match named {
        Some(p) => p,
        None => crate::wizard::provider(&schema)?,
    };
    let backend = crate::providers::find_backend(&schema, &provider)?;
    let name = match args.name.as_deref() {
        Some(raw) => names::storage_name(raw)?,
        None => crate::wizard::name(&registry, &conf, backend)?,
    };
    sign_in::check_flags(args, backend)?;
    if (args.drive.is_some() || args.site.is_some()) && backend.name != "onedrive" {
        return Err(Error::usage("--drive and --site are for OneDrive").with_hint("leave them out"));
    }

    let mut values = values(ctx, out, args, backend)?;
    let pending = sign_in::pending_token(args);
    options::check_requirements(backend, values.iter().chain(pending.as_ref()))?;
    let remote = match &args.remote {
        Some(r) => r.clone(),
        None => derive_remote(&name, &backend.name, &conf, &registry),
    };
    if let Some(parent) = names::inherits_from(&remote, |n| conf.has_section(n)) {
        out.warn(&format!("remote {remote:?} inherits every option it lacks from [{parent}] (rclone's dotted names)"));
    }
    let find_drive = needs_drive_lookup(backend, &values);
    if find_drive && args.dry_run {
        return Err(Error::usage("--dry-run cannot look up the OneDrive drive")
            .with_hint("pass --set drive_id=ID --set drive_type=personal|business|documentLibrary"));
    }

    sign_in::sign_in(&rclone, out, args, backend, &mut values)?;
    let mut entries: Vec<(String, String)> = vec![("type".into(), backend.name.clone())];
    entries.extend(values.iter().map(|v| (v.key.clone(), v.value.expose_secret().to_string())));
    if find_drive {
        entries = onedrive_drive(ctx, out, args, &rclone, &remote, &entries)?;
    }
    Ok(Candidate { name, remote, path, backend: backend.clone(), values, entries, conf, rclone })
}

/// What can be refused from the flags alone, before any file is read; returns the clean path.
/// Without a terminal nothing is asked: a missing value is a usage error naming its flag.
fn check_flags_alone(ctx: &Context, args: &AddArgs) -> Result<String, Error> {
    if args.provider.is_none() && !ctx.interactive {
        return Err(Error::usage("which provider? none was given")
            .with_hint("name it first, e.g. `pluton storage add box`; `pluton providers` lists them all"));
    }
    if args.name.is_none() && !ctx.interactive {
        return Err(ctx.missing("a storage name", "--name NAME"));
    }
    if let Some(raw) = args.name.as_deref() {
        names::storage_name(raw)?;
    }
    if let Some(remote) = &args.remote {
        names::remote_name(remote)?;
    }
    clean_path(args.path.as_deref().unwrap_or_default())
}

/// The section's values: `--set`, the client app, the token file, the wizard's answers, and
/// client credentials, each checked against the schema.
fn values(ctx: &Context, out: &Output, args: &mut AddArgs, backend: &Backend) -> Result<Vec<Value>, Error> {
    if args.client_credentials {
        options::check_client_credentials(backend)?;
    }
    let mut inputs = Inputs::default();
    let mut values = options::from_flags(out, backend, &args.set, &mut inputs)?;
    options::client_app(
        backend,
        args.client_id.as_deref(),
        args.client_secret_file.as_deref(),
        &mut inputs,
        &mut values,
    )?;
    if let Some(source) = &args.token_file {
        values.push(options::token_from_file(backend, source, &mut inputs)?);
    }
    if ctx.interactive {
        sign_in::ask_what_is_missing(args, backend, &mut values)?;
    }
    if args.client_credentials {
        options::client_credentials(backend, &mut values)?;
    }
    Ok(values)
}

/// OneDrive cannot be used without its drive; unless given, it is found after sign-in.
fn needs_drive_lookup(backend: &Backend, values: &[Value]) -> bool {
    let has = |key: &str| values.iter().any(|v| v.key == key && !v.value.expose_secret().is_empty());
    backend.name == "onedrive" && !(has("drive_id") && has("drive_type"))
}

fn onedrive_drive(
    ctx: &Context,
    out: &Output,
    args: &AddArgs,
    rclone: &crate::rclone::Rclone,
    remote: &str,
    entries: &[(String, String)],
) -> Result<Vec<(String, String)>, Error> {
    use crate::providers::onedrive::{DriveChooser, DriveKind, discover_drive};
    out.note("looking up the OneDrive drives this account can use …");
    let kind = if args.site.is_some() { Some(DriveKind::Sharepoint) } else { args.drive };
    let chooser: Option<DriveChooser> = if ctx.interactive { Some(&crate::wizard::choose_drive) } else { None };
    discover_drive(
        rclone,
        &ctx.config_dir,
        remote,
        entries,
        (kind, args.site.as_deref()),
        chooser,
        check::check_timeout(args.timeout),
    )
}

pub(super) fn name_taken(existing: &str) -> Error {
    Error::usage(format!("a storage named {existing:?} already exists"))
        .with_hint("storage names are unique regardless of case; choose another --name")
}

fn clean_path(raw: &str) -> Result<String, Error> {
    if raw.chars().any(char::is_control) {
        return Err(Error::usage("--path contains a control character"));
    }
    // A leading `/` is kept: OneDrive business reaches team folders as `/TeamFolder/path`.
    Ok(raw.trim().to_string())
}

pub(super) fn remote_taken(remote: &str, conf: &RcloneConf, registry: &Registry) -> bool {
    // Case-insensitively: rclone's environment variables upper-case remote names, so `Box`
    // and `box` could not be told apart there.
    conf.section_names().iter().any(|s| s.eq_ignore_ascii_case(remote))
        || registry.storages.iter().any(|s| s.remote.eq_ignore_ascii_case(remote))
}

pub(super) fn check_remote_free(remote: &str, conf: &RcloneConf, registry: &Registry) -> Result<(), Error> {
    if remote_taken(remote, conf, registry) {
        return Err(Error::usage(format!("rclone.conf already has a remote named {remote:?}"))
            .with_hint("choose another --remote, or adopt the existing one with `pluton storage import`"));
    }
    Ok(())
}

pub(super) fn derive_remote(name: &str, provider: &str, conf: &RcloneConf, registry: &Registry) -> String {
    let base = names::slug(name, provider);
    names::first_free(&base, |candidate| remote_taken(candidate, conf, registry))
}

//! `pluton storage add`: everything from flags, checked before anything is touched, verified in
//! a private copy, then saved under the lock.

use std::time::Duration;

use secrecy::ExposeSecret;

use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::Error;
use crate::input::Inputs;
use crate::names;
use crate::options::{self, Value};
use crate::output::Output;
use crate::rclone::schema::{Backend, Schema};
use crate::registry::Storage;
use crate::secrets::REDACTED;
use crate::verify::verify;
use crate::workspace::{self, Workspace};

use super::StorageJson;

/// The same pipeline as every change of state (see `crate::fleet`): resolve what the flags and
/// the wizard ask for into a section, verify it in a private copy, commit it under the lock.
pub fn run(ctx: &Context, out: &Output, mut args: AddArgs) -> Result<(), Error> {
    let mut candidate = resolve(ctx, out, &mut args)?;
    if args.dry_run {
        let c = &candidate;
        return print_dry_run(ctx, out, &args, &c.name, &c.remote, &c.path, &c.backend.name, &c.values);
    }
    if ctx.interactive {
        let c = &candidate;
        print_summary(out, &c.name, &c.remote, &c.path, &c.backend.name, &c.values);
    }
    let Some(verified_note) = verify_candidate(ctx, out, &args, &mut candidate)? else {
        out.note("nothing was saved");
        return Ok(());
    };
    let storage = commit(ctx, &args, candidate)?;
    out.note(&format!("added {:?} as {}: ({verified_note})", storage.name, storage.remote));
    if args.json {
        out.json(&StorageJson::from(&storage)).map_err(anyhow::Error::from)?;
    }
    Ok(())
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

/// Resolve: flags, then the wizard for what they left open, then the sign-in and OneDrive's
/// drive; every check that needs no network comes before anything that does.
fn resolve(ctx: &Context, out: &Output, args: &mut AddArgs) -> Result<Candidate, Error> {
    // Without a terminal nothing is asked: a missing value is a usage error naming its flag.
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
    let path = clean_path(args.path.as_deref().unwrap_or_default())?;
    let registry = workspace::read_registry(ctx)?;
    if let Some(other) = args.name.as_deref().and_then(|n| registry.name_taken(n.trim(), None)) {
        return Err(name_taken(&other.name));
    }
    let conf = workspace::read_conf(ctx)?;
    if let Some(remote) = &args.remote {
        check_remote_free(remote, &conf, &registry)?;
    }

    let rclone = ctx.rclone()?;
    let schema = Schema::load(&rclone, &ctx.cache_dir)?;
    let provider = match args.provider.as_deref() {
        Some(p) => crate::providers::normalize_provider(p),
        None => crate::wizard::provider(&schema)?,
    };
    let backend = crate::providers::find_backend(&schema, &provider)?;
    let name = match args.name.as_deref() {
        Some(raw) => names::storage_name(raw)?,
        None => crate::wizard::name(&registry, &conf, backend)?,
    };
    if args.device {
        // Said before anything else is checked: the person needs another way in.
        crate::signin::check_device_flow(&backend.name)?;
    }
    if (args.drive.is_some() || args.site.is_some()) && backend.name != "onedrive" {
        return Err(Error::usage("--drive and --site are for OneDrive").with_hint("leave them out"));
    }

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
        ask_what_is_missing(args, backend, &mut values)?;
    }
    if args.client_credentials {
        options::client_credentials(backend, &mut values)?;
    }
    if args.authorize || args.device {
        if !backend.is_oauth() {
            return Err(Error::usage(format!("{} does not sign in with OAuth", backend.name))
                .with_hint("leave out --authorize; `pluton providers NAME` lists the options it takes"));
        }
        if args.dry_run {
            return Err(Error::usage("--dry-run cannot sign in")
                .with_hint("leave out --authorize or --device to see the section"));
        }
    }
    // Everything else is checked before a browser is sent anywhere; the token is what is
    // missing then.
    let placeholder = (args.authorize || args.device).then(|| Value {
        key: "token".into(),
        value: secrecy::SecretString::from("{\"access_token\":\"pending\"}".to_string()),
        secret: true,
    });
    options::check_requirements(backend, values.iter().chain(placeholder.as_ref()))?;

    let remote = match &args.remote {
        Some(r) => r.clone(),
        None => derive_remote(&name, &backend.name, &conf, &registry),
    };
    if let Some(parent) = names::inherits_from(&remote, |n| conf.has_section(n)) {
        out.warn(&format!("remote {remote:?} inherits every option it lacks from [{parent}] (rclone's dotted names)"));
    }

    let is_onedrive = backend.name == "onedrive";
    let has_value =
        |values: &[Value], key: &str| values.iter().any(|v| v.key == key && !v.value.expose_secret().is_empty());
    // OneDrive cannot be used without its drive; unless given, it is found after sign-in.
    let find_drive = is_onedrive && !(has_value(&values, "drive_id") && has_value(&values, "drive_type"));
    if find_drive && args.dry_run {
        return Err(Error::usage("--dry-run cannot look up the OneDrive drive")
            .with_hint("pass --set drive_id=ID --set drive_type=personal|business|documentLibrary"));
    }

    if args.authorize {
        let timeout = args.timeout.map_or(crate::signin::DEFAULT_TIMEOUT, Duration::from_secs);
        values.push(crate::signin::authorize(&rclone, out, backend, &values, args.no_browser, timeout)?);
    }
    if args.device {
        let timeout = args.timeout.map_or(crate::signin::DEVICE_TIMEOUT, Duration::from_secs);
        values.push(crate::signin::device(out, backend, &values, timeout)?);
    }

    let mut entries: Vec<(String, String)> = vec![("type".into(), backend.name.clone())];
    entries.extend(values.iter().map(|v| (v.key.clone(), v.value.expose_secret().to_string())));
    if find_drive {
        out.note("looking up the OneDrive drives this account can use …");
        let kind =
            if args.site.is_some() { Some(crate::providers::onedrive::DriveKind::Sharepoint) } else { args.drive };
        let chooser: Option<crate::providers::onedrive::DriveChooser> =
            if ctx.interactive { Some(&crate::wizard::choose_drive) } else { None };
        entries = crate::providers::onedrive::discover_drive(
            &rclone,
            &ctx.config_dir,
            &remote,
            &entries,
            (kind, args.site.as_deref()),
            chooser,
            check_timeout(args.timeout),
        )?;
    }

    Ok(Candidate { name, remote, path, backend: backend.clone(), values, entries, conf, rclone })
}

/// Verify: the section in a private copy, with the fast-fail flags. On a terminal a failure
/// offers retry, change settings, save anyway or quit (`None`). Returns how it was verified.
fn verify_candidate(ctx: &Context, out: &Output, args: &AddArgs, c: &mut Candidate) -> Result<Option<String>, Error> {
    let is_onedrive = c.backend.name == "onedrive";
    let mut verified_note = String::from("not verified (--no-test)");
    let mut test = !args.no_test;
    while test {
        out.note(&format!("checking {}:{} …", c.remote, c.path));
        // A OneDrive device-code token must prove it can be refreshed (a public client's token
        // cannot be refreshed with a client secret), so the check makes rclone refresh it once.
        let check =
            crate::verify::Check { timeout: check_timeout(args.timeout), force_refresh: args.device && is_onedrive };
        let spinner = crate::output::Spinner::start(out, &format!("checking {}:{}", c.remote, c.path));
        let result = verify(&c.rclone, &ctx.config_dir, &c.conf, &c.remote, &c.entries, &c.path, check);
        drop(spinner);
        match result {
            Ok(checked) => {
                if checked.path_missing {
                    out.note(&format!(
                        "the folder {:?} does not exist yet; rclone creates it with the first backup",
                        c.path
                    ));
                }
                verified_note = format!("verified in {:.1} s", checked.elapsed.as_secs_f64());
                c.entries = checked.entries;
                test = false;
            }
            Err(err) if ctx.interactive && matches!(err.code(), 4 | 5) => {
                crate::output::error(&err.display_line().to_string(), err.hint());
                match crate::wizard::after_failure()? {
                    crate::wizard::AfterFailure::Retry => {}
                    crate::wizard::AfterFailure::Change => {
                        crate::wizard::advanced_options(&c.backend, &mut c.values)?;
                        let token = c.entries.iter().find(|(k, _)| k == "token").cloned();
                        c.entries = vec![("type".into(), c.backend.name.clone())];
                        c.entries.extend(
                            c.values
                                .iter()
                                .filter(|v| v.key != "token")
                                .map(|v| (v.key.clone(), v.value.expose_secret().to_string())),
                        );
                        c.entries.extend(token);
                    }
                    crate::wizard::AfterFailure::SaveAnyway => {
                        verified_note = "saved without a working check".into();
                        test = false;
                    }
                    crate::wizard::AfterFailure::Quit => return Ok(None),
                }
            }
            Err(err) => return Err(err),
        }
    }

    Ok(Some(verified_note))
}

/// Commit: under the lock, with both files read afresh (another pluton may have added a storage
/// while this one was checked), the section and the storage are written as a plan of one.
fn commit(ctx: &Context, args: &AddArgs, c: Candidate) -> Result<Storage, Error> {
    let mut ws = Workspace::open(ctx)?;
    if let Some(other) = ws.registry.name_taken(&c.name, None) {
        return Err(name_taken(&other.name));
    }
    let remote = match &args.remote {
        Some(r) => {
            check_remote_free(r, ws.conf(), &ws.registry)?;
            r.clone()
        }
        None if remote_taken(&c.remote, ws.conf(), &ws.registry) => {
            derive_remote(&c.name, &c.backend.name, ws.conf(), &ws.registry)
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

fn check_timeout(flag: Option<u64>) -> Duration {
    Duration::from_secs(flag.unwrap_or(30))
}

fn name_taken(existing: &str) -> Error {
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

fn remote_taken(remote: &str, conf: &crate::rclone_conf::RcloneConf, registry: &crate::registry::Registry) -> bool {
    // Case-insensitively: rclone's environment variables upper-case remote names, so `Box`
    // and `box` could not be told apart there.
    conf.section_names().iter().any(|s| s.eq_ignore_ascii_case(remote))
        || registry.storages.iter().any(|s| s.remote.eq_ignore_ascii_case(remote))
}

fn check_remote_free(
    remote: &str,
    conf: &crate::rclone_conf::RcloneConf,
    registry: &crate::registry::Registry,
) -> Result<(), Error> {
    if remote_taken(remote, conf, registry) {
        return Err(Error::usage(format!("rclone.conf already has a remote named {remote:?}"))
            .with_hint("choose another --remote, or adopt the existing one with `pluton storage import`"));
    }
    Ok(())
}

fn derive_remote(
    name: &str,
    provider: &str,
    conf: &crate::rclone_conf::RcloneConf,
    registry: &crate::registry::Registry,
) -> String {
    let base = names::slug(name, provider);
    names::first_free(&base, |candidate| remote_taken(candidate, conf, registry))
}

#[allow(clippy::too_many_arguments)]
fn print_dry_run(
    ctx: &Context,
    out: &Output,
    args: &AddArgs,
    name: &str,
    remote: &str,
    path: &str,
    provider: &str,
    values: &[Value],
) -> Result<(), Error> {
    let storage = Storage::unsaved(name, provider, remote, path);
    if args.json {
        out.json(&StorageJson::from(&storage)).map_err(anyhow::Error::from)?;
        return Ok(());
    }
    let mut lines = vec![
        format!("would add storage {name:?} (nothing was written)"),
        format!("to {}:", ctx.rclone_conf_path.display()),
        format!("[{remote}]"),
        format!("type = {provider}"),
    ];
    for v in values {
        let shown = if v.secret { REDACTED.to_string() } else { v.value.expose_secret().to_string() };
        lines.push(format!("{} = {shown}", v.key));
    }
    lines.push(format!("to {}: name {name:?}, remote {remote:?}, path {path:?}", ctx.storages_path.display()));
    out.line(&lines.join("\n")).map_err(anyhow::Error::from)?;
    Ok(())
}

/// The wizard's part: how an OAuth storage signs in, which OneDrive drive, the provider's basic
/// options, and then "Edit advanced options?". Only what the flags left open is asked.
fn ask_what_is_missing(args: &mut AddArgs, backend: &Backend, values: &mut Vec<Value>) -> Result<(), Error> {
    use crate::wizard::SignIn;
    let given = |values: &[Value], key: &str| values.iter().any(|v| v.key == key);
    let signed_in = args.token_file.is_some()
        || args.authorize
        || args.device
        || args.client_credentials
        || ["token", "box_config_file", "access_token", "service_account_file", "service_account_credentials"]
            .iter()
            .any(|k| given(values, k));
    if backend.is_oauth() {
        if !signed_in {
            match crate::wizard::sign_in(backend, values, crate::signin::browser_here())? {
                SignIn::Browser { no_browser } => {
                    args.authorize = true;
                    args.no_browser = no_browser;
                }
                SignIn::Device => args.device = true,
                SignIn::Pasted(token) => values.push(Value { key: "token".into(), value: token, secret: true }),
                SignIn::ClientCredentials => args.client_credentials = true,
                SignIn::Jwt(path) => {
                    values.push(Value { key: "box_config_file".into(), value: path.into(), secret: false });
                }
            }
        }
        if backend.name == "onedrive" && !given(values, "drive_id") && args.drive.is_none() && args.site.is_none() {
            let (kind, site) = crate::wizard::onedrive(values)?;
            args.drive = kind;
            args.site = site;
        }
    } else {
        crate::wizard::basic_options(backend, values)?;
    }
    crate::wizard::advanced_options(backend, values)
}

fn print_summary(out: &Output, name: &str, remote: &str, path: &str, provider: &str, values: &[Value]) {
    let mut lines = vec![format!("\n{name:?}: {provider} storage, rclone remote {remote}:, path {path:?}")];
    for v in values {
        let shown = if v.secret { REDACTED.to_string() } else { v.value.expose_secret().to_string() };
        lines.push(format!("  {} = {shown}", v.key));
    }
    out.note(&lines.join("\n"));
}

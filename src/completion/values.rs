//! The values completion offers: storage and remote names, provider names, option keys and
//! values. Read only from pluton's files and the cached rclone schema; nothing here starts a
//! process, asks for anything or writes, and every failure simply means fewer candidates.

use std::ffi::OsStr;
use std::sync::OnceLock;

use clap_complete::engine::{CompletionCandidate, PathCompleter, ValueCompleter};

use super::line::Line;
use crate::context::Context;
use crate::rclone::schema::{Backend, Schema};
use crate::registry::{Registry, Storage};

/// What the completers know about the line: set once by the completion entry point before the
/// engine runs them.
pub struct State {
    pub line: Line,
    ctx: Option<Context>,
    registry: OnceLock<Registry>,
    schema: OnceLock<Option<Schema>>,
    backend: OnceLock<Option<Backend>>,
}

static STATE: OnceLock<State> = OnceLock::new();

/// The providers pluton knows best, offered when no rclone schema has been cached yet (the
/// first `pluton storage add` or `pluton providers` caches it; completion never runs rclone).
const FALLBACK_PROVIDERS: [(&str, &str); 3] = [("box", "Box"), ("onedrive", "Microsoft OneDrive"), ("putio", "Put.io")];

pub fn init(line: Line) {
    use clap::FromArgMatches;
    // The global flags are parsed again by clap, with a harmless subcommand, so that the
    // environment (PLUTON_CONFIG_DIR, PLUTON_CACHE_DIR, …) applies exactly as in a real run.
    let argv = std::iter::once("pluton".to_string()).chain(line.globals.iter().cloned()).chain(["doctor".into()]);
    let global = crate::cli::Cli::command_for_env()
        .try_get_matches_from(argv)
        .ok()
        .and_then(|matches| crate::cli::Cli::from_arg_matches(&matches).ok())
        .map(|cli| cli.global);
    let ctx = global.as_ref().and_then(|g| Context::from_global(g).ok());
    let _ =
        STATE.set(State { line, ctx, registry: OnceLock::new(), schema: OnceLock::new(), backend: OnceLock::new() });
}

fn state() -> Option<&'static State> {
    STATE.get()
}

impl State {
    fn registry(&self) -> &Registry {
        self.registry.get_or_init(|| {
            let Some(ctx) = &self.ctx else { return Registry::default() };
            Registry::load(&ctx.storages_path).unwrap_or_default()
        })
    }

    fn storages(&self) -> &[Storage] {
        &self.registry().storages
    }

    /// Every backend of the cached schema (for PROVIDER).
    fn schema(&self) -> Option<&Schema> {
        self.schema.get_or_init(|| self.cached(None)).as_ref()
    }

    /// Only looked up when a completion needs the schema (most TABs never do), never by
    /// running rclone.
    fn cached(&self, only: Option<&[&str]>) -> Option<Schema> {
        let ctx = self.ctx.as_ref()?;
        let rclone = ctx.rclone_found().ok();
        Schema::cached_only(rclone.as_ref().map(|r| r.bin()), &ctx.cache_dir, only)
    }

    /// The backend whose options `--set` / `--unset` complete: the PROVIDER on the line, or
    /// the provider of the STORAGE on the line. Only that backend is read from the cache.
    fn backend(&self) -> Option<&Backend> {
        self.backend
            .get_or_init(|| {
                let name = match self.line.positional("provider") {
                    Some(provider) => provider.to_string(),
                    None => self.registry().find(self.line.positional("storage")?)?.provider.clone(),
                };
                self.cached(Some(&[name.as_str()]))?.backends.into_iter().next()
            })
            .as_ref()
    }
}

fn starts_with(current: &OsStr) -> impl Fn(&str) -> bool + '_ {
    let current = current.to_string_lossy();
    move |value: &str| value.starts_with(current.as_ref())
}

/// Storage names, and the remote names (which every STORAGE argument accepts too).
pub fn storages(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(state) = state() else { return Vec::new() };
    let matches = starts_with(current);
    let mut out = Vec::new();
    for s in state.storages() {
        if matches(&s.name) {
            out.push(CompletionCandidate::new(&s.name).help(Some(format!("{} storage", s.provider).into())));
        }
        if s.remote != s.name && matches(&s.remote) {
            out.push(CompletionCandidate::new(&s.remote).help(Some(format!("remote of {}", s.name).into())));
        }
    }
    out
}

/// rclone backends (those rclone itself lists), with their descriptions.
pub fn providers(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(state) = state() else { return Vec::new() };
    let matches = starts_with(current);
    let candidate = |name: &str, help: &str| CompletionCandidate::new(name).help(Some(help.to_string().into()));
    match state.schema() {
        Some(schema) => {
            let mut backends: Vec<&Backend> = schema.backends.iter().filter(|b| !b.hide && matches(&b.name)).collect();
            backends.sort_by(|a, b| a.name.cmp(&b.name));
            backends.into_iter().map(|b| candidate(&b.name, &b.description)).collect()
        }
        None => FALLBACK_PROVIDERS.iter().filter(|(n, _)| matches(n)).map(|(n, d)| candidate(n, d)).collect(),
    }
}

/// `--set`: `KEY=` for each option of the provider; after the `=`, the option's documented
/// values (or true/false); after `=@`, a file.
pub fn set_option(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    // A file needs no schema.
    if let Some((key, path)) = current.split_once('=').and_then(|(k, v)| Some((k, v.strip_prefix('@')?))) {
        return PathCompleter::any()
            .complete(OsStr::new(path))
            .into_iter()
            .map(|c| c.add_prefix(format!("{key}=@")))
            .collect();
    }
    let Some(backend) = state().and_then(State::backend) else { return Vec::new() };
    let Some((key, value)) = current.split_once('=') else {
        return keys(backend, &current, "=");
    };
    let Some(option) = backend.option(key) else { return Vec::new() };
    let mut values: Vec<(String, String)> =
        option.examples.iter().map(|e| (e.value.clone(), first_line(&e.help).to_string())).collect();
    if values.is_empty() && option.type_name == "bool" {
        values = vec![("true".into(), String::new()), ("false".into(), String::new())];
    }
    values
        .into_iter()
        .filter(|(v, _)| v.starts_with(value))
        .map(|(v, help)| CompletionCandidate::new(format!("{key}={v}")).help((!help.is_empty()).then(|| help.into())))
        .collect()
}

/// `--unset`: the provider's option keys.
pub fn unset_option(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(backend) = state().and_then(State::backend) else { return Vec::new() };
    keys(backend, &current.to_string_lossy(), "")
}

fn keys(backend: &Backend, prefix: &str, suffix: &str) -> Vec<CompletionCandidate> {
    backend
        .options
        .iter()
        // hide & 1: hidden from the command line by rclone itself.
        .filter(|o| o.hide & 1 == 0 && o.name.starts_with(prefix))
        .map(|o| {
            CompletionCandidate::new(format!("{}{suffix}", o.name)).help(Some(first_line(&o.help).to_string().into()))
        })
        .collect()
}

/// Remotes in rclone.conf that are not storages yet (`storage import`). An encrypted
/// rclone.conf is not opened: that would need its password.
pub fn unmanaged_remotes(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(state) = state() else { return Vec::new() };
    let Some(ctx) = &state.ctx else { return Vec::new() };
    let Ok(text) = std::fs::read_to_string(&ctx.rclone_conf_path) else { return Vec::new() };
    if crate::rclone_conf::encrypted::is_encrypted(&text) {
        return Vec::new();
    }
    let Ok(conf) = crate::rclone_conf::RcloneConf::parse(text) else { return Vec::new() };
    // What `storage import` takes: sections rclone reads as remotes (with a type), once each.
    let sections = conf.sections();
    let managed: std::collections::HashSet<&str> = state.storages().iter().map(|s| s.remote.as_str()).collect();
    let matches = starts_with(current);
    conf.section_names()
        .into_iter()
        .filter(|name| !managed.contains(name) && matches(name))
        .filter(|name| crate::rclone_conf::remote_type_in(&sections, name).is_some())
        .map(CompletionCandidate::new)
        .collect()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default().trim()
}

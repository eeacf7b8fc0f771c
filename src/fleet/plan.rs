//! Plan: what the wanted storages mean for the storages and sections that exist. Pure: the same
//! wanted list, registry and rclone.conf always give the same plan, so it can be made once to
//! verify and again under the lock to commit, and the two compared.

use secrecy::ExposeSecret;

use super::resolve::Wanted;
use crate::error::Error;
use crate::rclone_conf::RcloneConf;
use crate::registry::{Registry, Storage};

/// A section's keys and values, borrowed from rclone.conf.
type Entries<'a> = Vec<(&'a str, &'a str)>;

/// What happens to one storage; the words are the contract of `storage apply` (design.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Remove,
    #[serde(rename = "not in file")]
    NotInFile,
}

impl Action {
    pub fn word(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Remove => "remove",
            Action::NotInFile => "not in file",
        }
    }
}

/// A change to one rclone.conf section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionOp {
    Append(Vec<(String, String)>),
    Set(String, String),
    Unset(String),
    Remove,
}

/// A change to storages.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryOp {
    Add(Storage),
    SetPath { id: String, path: String },
    Remove { id: String },
}

/// One storage's part of the plan.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    pub action: Action,
    /// The keys that change (never their values).
    pub keys: Vec<String>,
    pub remote: String,
    pub path: String,
    /// The section as it will be: what a check lists, in a private copy.
    pub section: Vec<(String, String)>,
    /// Check the connection before saving.
    pub test: bool,
    pub section_ops: Vec<SectionOp>,
    pub registry_ops: Vec<RegistryOp>,
    /// An existing section that pluton did not manage is taken over (`--adopt`).
    pub adopted: bool,
}

impl Step {
    /// A new storage and its new section (`storage add`, and apply's creations).
    pub fn create(name: &str, remote: &str, path: &str, provider: &str, entries: Vec<(String, String)>) -> Step {
        let storage = Storage::unsaved(name, provider, remote, path);
        Step {
            name: name.to_string(),
            action: Action::Create,
            keys: entries.iter().skip(1).map(|(k, _)| k.clone()).collect(),
            remote: remote.to_string(),
            path: path.to_string(),
            section: entries.clone(),
            test: false,
            section_ops: vec![SectionOp::Append(entries)],
            registry_ops: vec![RegistryOp::Add(storage)],
            adopted: false,
        }
    }

    /// Keys of an existing section set or removed (`storage edit`, `storage reauth`).
    /// `section` is the section as it will be: what a check lists.
    pub fn update(name: &str, remote: &str, section: Vec<(String, String)>, ops: Vec<SectionOp>) -> Step {
        let keys = ops
            .iter()
            .filter_map(|op| match op {
                SectionOp::Set(k, _) | SectionOp::Unset(k) => Some(k.clone()),
                _ => None,
            })
            .collect();
        Step {
            name: name.to_string(),
            action: Action::Update,
            keys,
            remote: remote.to_string(),
            path: String::new(),
            section,
            test: false,
            section_ops: ops,
            registry_ops: vec![],
            adopted: false,
        }
    }

    pub fn changes(&self) -> bool {
        matches!(self.action, Action::Create | Action::Update | Action::Remove)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub prune: bool,
    pub adopt: bool,
    pub replace_tokens: bool,
    pub no_test: bool,
}

/// The plan for every wanted storage (file order), then for the managed storages the file does
/// not name (`remove` with `--prune`, else `not in file`).
pub fn plan(wanted: &[Wanted], registry: &Registry, conf: &RcloneConf, flags: Flags) -> Result<Vec<Step>, Error> {
    let sections = conf.borrowed_sections();
    let by_name: std::collections::HashMap<String, &Storage> =
        registry.storages.iter().map(|s| (crate::names::fold(&s.name), s)).collect();
    // Remotes this plan creates, so two new storages never derive the same one.
    let mut claimed: Vec<String> = Vec::new();
    // The storages the file names (by id): the others are pruned or reported.
    let mut named = std::collections::HashSet::with_capacity(wanted.len());
    let mut steps = Vec::with_capacity(wanted.len());
    for w in wanted {
        let step = match by_name.get(&crate::names::fold(&w.entry.name)) {
            Some(existing) => {
                named.insert(existing.id.as_str());
                update_step(w, existing, sections.get(existing.remote.as_str()), flags)?
            }
            None => create_step(w, registry, &sections, &mut claimed, flags)?,
        };
        steps.push(step);
    }
    for s in &registry.storages {
        if named.contains(s.id.as_str()) {
            continue;
        }
        let (action, section_ops, registry_ops) = if flags.prune {
            (Action::Remove, vec![SectionOp::Remove], vec![RegistryOp::Remove { id: s.id.clone() }])
        } else {
            (Action::NotInFile, vec![], vec![])
        };
        steps.push(Step {
            name: s.name.clone(),
            action,
            keys: vec![],
            remote: s.remote.clone(),
            path: s.path.clone(),
            section: vec![],
            test: false,
            section_ops,
            registry_ops,
            adopted: false,
        });
    }
    Ok(steps)
}

fn update_step(w: &Wanted, existing: &Storage, section: Option<&Entries>, flags: Flags) -> Result<Step, Error> {
    if !existing.provider.eq_ignore_ascii_case(&w.entry.provider) {
        return Err(Error::usage(format!(
            "{}: the storage exists with provider {:?}, the file says {:?}",
            w.entry.label(),
            existing.provider,
            w.entry.provider
        ))
        .with_hint("a storage's provider cannot change: give the new one another name (and --prune the old one)"));
    }
    if let Some(remote) = w.entry.remote.as_deref().filter(|r| *r != existing.remote) {
        return Err(Error::usage(format!(
            "{}: the storage's remote is {:?}, the file says {remote:?}",
            w.entry.label(),
            existing.remote
        ))
        .with_hint(
            "a remote is named once, at creation; remove `remote` from the entry or set it to the current one",
        ));
    }
    let Some(section) = section else {
        return Err(Error::failed(format!(
            "{}: rclone.conf has no section [{}] for this storage",
            w.entry.label(),
            existing.remote
        ))
        .with_hint(format!(
            "recreate it with `pluton storage remove {:?} --yes` and apply again, or restore the section",
            existing.name
        )));
    };
    let mut step = changes_to_section(w, existing.remote.clone(), section, flags);
    step.name = existing.name.clone();
    let wanted_path = w.entry.path.clone().unwrap_or_else(|| existing.path.clone());
    if wanted_path != existing.path {
        step.keys.push("path".into());
        step.registry_ops.push(RegistryOp::SetPath { id: existing.id.clone(), path: wanted_path.clone() });
    }
    step.path = wanted_path;
    if step.keys.is_empty() {
        return Ok(step);
    }
    step.action = Action::Update;
    step.test = w.entry.test && !flags.no_test;
    Ok(with_section(step, section))
}

/// The set/unset operations that turn `current` into what `w` wants; keys `w` does not name stay.
/// The step's `section` is left empty: `with_section` fills it for a step that changes anything
/// (an unchanged one, the usual case on a converged host, need not copy it).
fn changes_to_section(w: &Wanted, remote: String, current: &[(&str, &str)], flags: Flags) -> Step {
    let get = |key: &str| current.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let mut ops = Vec::new();
    for k in &w.keys {
        if k.matches(get(&k.key)) {
            continue;
        }
        ops.push(match k.stored() {
            Some(stored) => SectionOp::Set(k.key.clone(), stored.to_string()),
            None => SectionOp::Unset(k.key.clone()),
        });
    }
    // A token that exists is rclone's to keep fresh: the declared one only replaces it when asked.
    if let Some(token) = &w.token {
        let current_token = get("token").filter(|t| !t.is_empty());
        let replace = current_token.is_none() || flags.replace_tokens;
        if replace && current_token != Some(token.expose_secret()) {
            ops.push(SectionOp::Set("token".into(), token.expose_secret().to_string()));
        }
    }
    let mut step = Step::update(&w.entry.name, &remote, Vec::new(), ops);
    step.action = Action::Unchanged;
    step
}

/// `step.section`: the `current` section with the step's sets and unsets applied.
fn with_section(mut step: Step, current: &[(&str, &str)]) -> Step {
    let mut section: Vec<(String, String)> = current.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    for op in &step.section_ops {
        match op {
            SectionOp::Set(key, value) => match section.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1.clone_from(value),
                None => section.push((key.clone(), value.clone())),
            },
            SectionOp::Unset(key) => section.retain(|(k, _)| k != key),
            SectionOp::Append(_) | SectionOp::Remove => {}
        }
    }
    step.section = section;
    step
}

fn create_step(
    w: &Wanted,
    registry: &Registry,
    sections: &std::collections::HashMap<&str, Entries>,
    claimed: &mut Vec<String>,
    flags: Flags,
) -> Result<Step, Error> {
    let taken = |r: &str| {
        sections.keys().any(|s| s.eq_ignore_ascii_case(r))
            || registry.storages.iter().any(|s| s.remote.eq_ignore_ascii_case(r))
            || claimed.iter().any(|c| c.eq_ignore_ascii_case(r))
    };
    // The remote the entry names, or the one its name gives: if rclone.conf already has it and
    // pluton does not manage it, it is somebody's hand-made remote, never silently shadowed.
    let natural = w.entry.remote.clone().unwrap_or_else(|| crate::names::slug(&w.entry.name, &w.entry.provider));
    let unmanaged = sections.contains_key(natural.as_str()) && registry.remote_managed(&natural).is_none();
    let path = w.entry.path.clone().unwrap_or_default();
    if unmanaged {
        if !flags.adopt {
            return Err(Error::usage(format!(
                "{}: rclone.conf already has a remote [{natural}] that pluton does not manage",
                w.entry.label()
            ))
            .with_hint("pass --adopt to make it this storage (its keys are then updated to the file's), or set `remote` to another name"));
        }
        let section = &sections[natural.as_str()];
        let kind = section.iter().find(|(k, _)| *k == "type").map_or("", |(_, v)| *v);
        if !kind.eq_ignore_ascii_case(&w.entry.provider) {
            return Err(Error::usage(format!(
                "{}: cannot adopt [{natural}]: it is a {kind:?} remote, the file says {:?}",
                w.entry.label(),
                w.entry.provider
            )));
        }
        let mut step = with_section(changes_to_section(w, natural.clone(), section, flags), section);
        step.action = Action::Create;
        step.adopted = true;
        step.path = path.clone();
        step.registry_ops.push(RegistryOp::Add(Storage::unsaved(&w.entry.name, &w.entry.provider, &natural, &path)));
        step.test = w.entry.test && !flags.no_test;
        claimed.push(natural);
        return Ok(step);
    }
    let remote = match &w.entry.remote {
        Some(r) if taken(r) => {
            return Err(Error::usage(format!("{}: the remote {r:?} is already taken", w.entry.label()))
                .with_hint("choose another `remote`, or leave it out to derive one from the name"));
        }
        Some(r) => r.clone(),
        None => crate::names::first_free(&natural, taken),
    };
    check_new_storage(w)?;
    claimed.push(remote.clone());
    let mut step = Step::create(&w.entry.name, &remote, &path, &w.entry.provider, w.new_entries());
    step.test = w.entry.test && !flags.no_test;
    Ok(step)
}

/// What a new storage needs beyond valid options: a way to sign in, rclone's required options,
/// and, for OneDrive, its drive (rclone cannot use a OneDrive remote without it).
fn check_new_storage(w: &Wanted) -> Result<(), Error> {
    let has = |key: &str| w.keys.iter().any(|k| k.key == key && k.value.is_some());
    if w.entry.provider == "onedrive" && !(has("drive_id") && has("drive_type")) {
        return Err(Error::usage(format!("{}: a new OneDrive storage needs options drive_id and drive_type", w.entry.label()))
            .with_hint("`pluton storage export` of a working storage writes them; `pluton storage add onedrive` finds them after sign-in"));
    }
    Ok(())
}

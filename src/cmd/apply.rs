//! `pluton storage apply FILE|-`: converge this host on a declared list of storages
//! (design.md §9), through the pipeline in `crate::fleet`.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use secrecy::SecretString;

use crate::cli::ApplyArgs;
use crate::context::Context;
use crate::error::Error;
use crate::fleet::plan::{self, Action, Flags, Step};
use crate::fleet::{commit, file, resolve};
use crate::options::Value;
use crate::output::Output;
use crate::rclone::schema::Schema;
use crate::verify::{Candidate, verify_many};
use crate::workspace::{self, Workspace};

pub fn run(ctx: &Context, out: &Output, args: &ApplyArgs) -> Result<(), Error> {
    // 1–2. Read and check the whole file, and every secret it refers to, before anything else.
    let (text, origin, base) = read_file(&args.file)?;
    let declared = file::parse(&text, &origin, &base)?;
    let mut providers: Vec<String> =
        declared.iter().map(|d| crate::providers::normalize_provider(&d.entry.provider)).collect();
    providers.sort_unstable();
    providers.dedup();
    let providers: Vec<&str> = providers.iter().map(String::as_str).collect();
    // Only the backends the file names (fast on a warm cache); all of them when a name is
    // unknown, so the error can suggest the close ones.
    let rclone = ctx.rclone_without_password()?;
    let mut schema = Schema::load_only(&rclone, &ctx.cache_dir, &providers)?;
    if providers.iter().any(|p| schema.backend(p).is_none()) {
        schema = Schema::load(&rclone, &ctx.cache_dir)?;
    }
    let wanted = resolve::resolve_all(&declared, &schema)?;
    let flags = Flags {
        prune: args.prune,
        adopt: args.adopt,
        replace_tokens: args.replace_tokens,
        no_test: args.no_test || args.check,
    };

    // 3. Plan against the files as they are.
    let registry = workspace::read_registry(ctx)?;
    let conf = workspace::read_conf(ctx)?;
    let steps = plan::plan(&wanted, &registry, &conf, flags)?;
    check_new_sections(&steps, &schema)?;
    if args.check {
        report(out, &steps, args.json, true)?;
        return Ok(());
    }
    if !steps.iter().any(Step::changes) {
        // The usual run on a converged host: nothing to check, nothing to write.
        return report(out, &steps, args.json, false);
    }

    // 4. Verify what is new or changed, all at once, in a private copy.
    let verified = verify(ctx, out, &conf, &steps, args)?;

    // 5. Under the lock, plan again on the files as they are now (another pluton may have
    // written meanwhile) and commit that plan, provided every section it checks was checked.
    let mut ws = Workspace::open(ctx)?;
    let fresh = plan::plan(&wanted, &ws.registry, ws.conf(), flags)?;
    for step in fresh.iter().filter(|s| s.test) {
        let same = steps.iter().any(|s| s.remote == step.remote && s.test && s.section == step.section);
        if !same {
            return Err(Error::failed(format!(
                "{:?} changed while apply was checking it; nothing was written",
                step.name
            ))
            .with_hint("run apply again"));
        }
    }
    commit::apply_steps(&mut ws, &fresh, &verified)?;
    ws.commit()?;
    report(out, &fresh, args.json, false)
}

/// The file's text, how messages name it, and the directory relative `file` references start from.
fn read_file(path: &Path) -> Result<(String, String, std::path::PathBuf), Error> {
    let mut inputs = crate::input::Inputs::default();
    let text = inputs.read(path, "apply")?;
    let text = secrecy::ExposeSecret::expose_secret(&text).to_string();
    if path.as_os_str() == "-" {
        let cwd = std::env::current_dir().map_err(anyhow::Error::from)?;
        return Ok((text, "stdin".into(), cwd));
    }
    let base = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    Ok((text, path.display().to_string(), base))
}

/// What a new section needs beyond valid options (a way to sign in, rclone's required options),
/// checked like `storage add` does.
fn check_new_sections(steps: &[Step], schema: &Schema) -> Result<(), Error> {
    for step in steps.iter().filter(|s| s.action == Action::Create && !s.adopted) {
        let Some(kind) = step.section.iter().find(|(k, _)| k == "type").map(|(_, v)| v.as_str()) else { continue };
        let Some(backend) = schema.backend(kind) else { continue };
        let values: Vec<Value> = step
            .section
            .iter()
            .filter(|(k, _)| k != "type")
            .map(|(k, v)| Value { key: k.clone(), value: SecretString::from(v.clone()), secret: true })
            .collect();
        crate::options::check_requirements(backend, &values).map_err(|e| {
            let hint = e.hint().map(str::to_string);
            let err = Error::usage(format!("storage {:?}: {}", step.name, e.display_line()));
            match hint {
                Some(h) => err.with_hint(h),
                None => err,
            }
        })?;
    }
    Ok(())
}

fn verify(
    ctx: &Context,
    out: &Output,
    conf: &crate::rclone_conf::RcloneConf,
    steps: &[Step],
    args: &ApplyArgs,
) -> Result<HashMap<String, Vec<(String, String)>>, Error> {
    let to_check: Vec<&Step> = steps.iter().filter(|s| s.test).collect();
    if to_check.is_empty() {
        return Ok(HashMap::new());
    }
    let labels: Vec<String> = to_check.iter().map(|s| format!("storage {:?}", s.name)).collect();
    let candidates: Vec<Candidate> = to_check
        .iter()
        .zip(&labels)
        .map(|(s, label)| Candidate { label, remote: &s.remote, entries: &s.section, path: &s.path })
        .collect();
    out.note(&format!("checking {} storage(s) …", candidates.len()));
    let spinner = crate::output::Spinner::start(out, &format!("checking {} storage(s)", candidates.len()));
    let results = verify_many(
        &ctx.rclone()?,
        &ctx.config_dir,
        conf,
        &candidates,
        Duration::from_secs(args.timeout),
        args.jobs as usize,
    );
    drop(spinner);
    Ok(to_check.iter().map(|s| s.remote.clone()).zip(results?).collect())
}

#[derive(serde::Serialize)]
struct StepJson<'a> {
    name: &'a str,
    action: Action,
    keys: &'a [String],
}

#[derive(serde::Serialize)]
struct Report<'a> {
    changed: bool,
    created: Vec<&'a str>,
    updated: Vec<&'a str>,
    unchanged: Vec<&'a str>,
    removed: Vec<&'a str>,
    storages: Vec<StepJson<'a>>,
}

fn report(out: &Output, steps: &[Step], json: bool, check: bool) -> Result<(), Error> {
    let names = |action: Action| steps.iter().filter(|s| s.action == action).map(|s| s.name.as_str()).collect();
    let report = Report {
        changed: steps.iter().any(Step::changes),
        created: names(Action::Create),
        updated: names(Action::Update),
        unchanged: names(Action::Unchanged),
        removed: names(Action::Remove),
        storages: steps.iter().map(|s| StepJson { name: &s.name, action: s.action, keys: &s.keys }).collect(),
    };
    if json {
        out.json(&report).map_err(anyhow::Error::from)?;
    } else {
        let lines: Vec<String> = steps
            .iter()
            .map(|s| {
                let mut line = format!("{:<11} {}", s.action.word(), s.name);
                if s.adopted {
                    line.push_str(&format!(" (adopts [{}])", s.remote));
                }
                if matches!(s.action, Action::Create | Action::Update) && !s.keys.is_empty() {
                    line.push_str(&format!(" (keys: {})", s.keys.join(", ")));
                }
                line
            })
            .collect();
        if !lines.is_empty() {
            out.line(&lines.join("\n")).map_err(anyhow::Error::from)?;
        }
    }
    let summary = format!(
        "{} created, {} updated, {} unchanged, {} removed",
        report.created.len(),
        report.updated.len(),
        report.unchanged.len(),
        report.removed.len()
    );
    if check {
        out.note(&format!("would be: {summary} (--check: nothing was written)"));
    } else {
        out.note(&summary);
    }
    Ok(())
}

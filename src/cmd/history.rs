//! `pluton config history` and `pluton config restore ID`: the kept copies of rclone.conf and
//! storages.toml, and putting one back.

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::prompt;
use crate::recovery;

#[derive(Serialize)]
struct CopyJson {
    id: String,
    time: String,
    file: &'static str,
    why: &'static str,
    size: u64,
    /// The remotes it holds (for a storages.toml copy, its storages' remotes); null when it
    /// cannot be read without a password.
    remotes: Option<Vec<String>>,
    encrypted: bool,
    path: String,
}

pub fn history(ctx: &Context, out: &Output, json: bool) -> Result<(), Error> {
    let entries = recovery::history(ctx);
    if json {
        let items: Vec<CopyJson> = entries
            .into_iter()
            .map(|e| CopyJson {
                time: e.copy.time(),
                file: e.copy.kind.file_name(),
                why: e.copy.why.word(),
                size: e.copy.size,
                path: e.copy.path.display().to_string(),
                id: e.copy.id,
                remotes: e.remotes,
                encrypted: e.encrypted,
            })
            .collect();
        return out.json(&items).map_err(|e| anyhow::Error::from(e).into());
    }
    if entries.is_empty() {
        out.note(&format!(
            "no copies kept yet in {}: pluton keeps one before each change it makes",
            ctx.history_dir.display()
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let remotes = match (&e.remotes, e.encrypted) {
                (Some(r), _) if r.is_empty() => "(none)".to_string(),
                (Some(r), _) => r.join(", "),
                (None, true) => "(encrypted)".to_string(),
                (None, false) => "(unreadable)".to_string(),
            };
            vec![
                e.copy.id.clone(),
                e.copy.time(),
                e.copy.kind.file_name().to_string(),
                e.copy.why.word().to_string(),
                e.copy.size.to_string(),
                remotes,
            ]
        })
        .collect();
    out.table(&["ID", "TIME", "FILE", "WHY", "BYTES", "REMOTES"], &rows).map_err(anyhow::Error::from)?;
    out.note(&format!("copies are in {}; put one back with `pluton config restore ID`", ctx.history_dir.display()));
    Ok(())
}

pub fn restore(ctx: &Context, out: &Output, id: &str, yes: bool, dry_run: bool) -> Result<(), Error> {
    let plan = recovery::plan_restore(ctx, id)?;
    let file = plan.copy.kind.file_name();
    let target = plan.target.display().to_string();
    if plan.identical {
        out.note(&format!("{target} already holds copy {} byte for byte; nothing to do", plan.copy.id));
        return Ok(());
    }
    let summary = match &plan.diff {
        Some(d) => {
            let list = |names: &[String]| if names.is_empty() { "none".to_string() } else { names.join(", ") };
            let what = if file == "rclone.conf" { "remotes" } else { "storages" };
            format!(
                "{what} that come back: {}; that go: {}; that change: {}",
                list(&d.back),
                list(&d.gone),
                list(&d.changed)
            )
        }
        None => "one side is encrypted or unreadable, so the change is not shown by name".to_string(),
    };
    if dry_run {
        out.line(&format!(
            "would put copy {} ({}, {}) back into {target}; {summary}",
            plan.copy.id,
            plan.copy.time(),
            plan.copy.why.describe()
        ))
        .map_err(anyhow::Error::from)?;
        out.note("dry run: nothing was written");
        return Ok(());
    }
    if !yes {
        if !ctx.interactive {
            return Err(Error::usage(format!("restoring {file} from copy {} needs confirmation", plan.copy.id))
                .with_hint("pass --yes to restore without asking (--dry-run shows what changes)"));
        }
        out.note(&summary);
        let question = format!("Put copy {} ({}) back into {target}?", plan.copy.id, plan.copy.time());
        if !prompt::confirm(&question, false)? {
            out.note("nothing restored");
            return Ok(());
        }
    }
    let kept = recovery::restore(ctx, &plan)?;
    let undo = match kept {
        Some(copy) => format!("; what it held is copy {} (`pluton config restore {}` undoes this)", copy.id, copy.id),
        None => String::new(),
    };
    out.note(&format!("restored {target} from copy {}{undo}", plan.copy.id));
    Ok(())
}

//! `pluton storage export [STORAGE...]`: an apply file that reproduces the storages, secrets
//! only by reference.

use std::path::Path;

use crate::context::Context;
use crate::error::Error;
use crate::fleet::export::{self, Secrets};
use crate::output::Output;
use crate::rclone::schema::Schema;
use crate::workspace;

pub fn run(
    ctx: &Context,
    out: &Output,
    wanted: &[String],
    json: bool,
    secrets_dir: Option<&Path>,
) -> Result<(), Error> {
    let registry = workspace::read_registry(ctx)?;
    let mut storages = Vec::new();
    for handle in wanted {
        let s = registry.get(handle)?;
        if !storages.iter().any(|p: &&crate::registry::Storage| p.id == s.id) {
            storages.push(s);
        }
    }
    if wanted.is_empty() {
        storages = registry.storages.iter().collect();
    }
    let conf = workspace::read_conf(ctx)?;
    let schema = Schema::load(&ctx.rclone_without_password()?, &ctx.cache_dir)?;
    let secrets = match secrets_dir {
        Some(dir) => Secrets::Dir(dir),
        None => Secrets::Env,
    };
    let exported = export::export(&storages, &conf, &schema, &secrets)?;
    if json {
        out.json(&exported.document).map_err(anyhow::Error::from)?;
    } else {
        let text = export::to_toml(&exported.document);
        out.line(text.trim_end()).map_err(anyhow::Error::from)?;
    }
    for key in &exported.skipped {
        out.warn(&format!("{key} left out: the installed rclone has no such option, so apply would refuse it"));
    }
    if !exported.variables.is_empty() {
        out.note(&format!("apply will need these variables set: {}", exported.variables.join(" ")));
    }
    if let Some(dir) = secrets_dir {
        out.note(&format!("secrets and tokens written to {} (0600); keep it beside the file", dir.display()));
    }
    Ok(())
}

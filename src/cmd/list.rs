use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::token::{self, TokenStatus};
use crate::workspace;

use super::StorageJson;

#[derive(Serialize)]
struct ListJson<'a> {
    #[serde(flatten)]
    storage: StorageJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<TokenStatus>,
    #[serde(flatten)]
    checks: super::ChecksJson,
}

/// Reads storages.toml and rclone.conf once each; never rclone, so it stays fast with thousands.
pub fn run(ctx: &Context, out: &Output, json: bool) -> Result<(), Error> {
    let registry = workspace::read_registry(ctx)?;
    // Token status comes from rclone.conf. A file pluton cannot read (encrypted, broken) must
    // not hide the list: say so and show the storages without it.
    // `list` never stops to ask for the password of an encrypted rclone.conf: without one at
    // hand, it lists the storages without their token status.
    let locked =
        crate::rclone_conf::encrypted::file_is_encrypted(&ctx.rclone_conf_path) && !ctx.password_without_prompt();
    let read = if locked {
        Err(Error::usage("rclone.conf is encrypted and no password was given (set RCLONE_CONFIG_PASS)"))
    } else {
        workspace::read_conf(ctx)
    };
    let conf = match read {
        Ok(conf) => Some(conf),
        Err(err) => {
            out.warn(&format!("token status unavailable: {}", err.display_line()));
            None
        }
    };
    // Only the token of each remote is needed: borrow those values instead of copying every
    // section (this keeps `list` small and quick with thousands of storages).
    let tokens: HashMap<&str, Cow<str>> = conf.as_ref().map(|c| c.key_values("token")).unwrap_or_default();
    let present: HashSet<&str> = conf.as_ref().map(|c| c.section_names().into_iter().collect()).unwrap_or_default();
    let token_of = |s: &crate::registry::Storage| tokens.get(s.remote.as_str()).map(|t| token::status(t, &s.provider));
    if json {
        let checks = super::read_checks(ctx, out);
        let items: Vec<ListJson> = registry
            .storages
            .iter()
            .map(|s| ListJson { storage: StorageJson::from(s), token: token_of(s), checks: checks.get(&s.id).into() })
            .collect();
        out.json(&items).map_err(anyhow::Error::from)?;
        return Ok(());
    }
    if registry.storages.is_empty() {
        out.note(
            "no storages yet: add one with `pluton storage add`, or adopt remotes already in rclone.conf \
             with `pluton storage import --all`",
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = registry
        .storages
        .iter()
        .map(|s| {
            let token = match (conf.is_some(), present.contains(s.remote.as_str())) {
                (true, false) => "no section!".to_string(),
                _ => token_of(s).map(|t| t.short()).unwrap_or_else(|| "-".into()),
            };
            vec![s.name.clone(), s.provider.clone(), format!("{}:", s.remote), s.path.clone(), token]
        })
        .collect();
    out.table(&["NAME", "PROVIDER", "REMOTE", "PATH", "TOKEN"], &rows).map_err(anyhow::Error::from)?;
    Ok(())
}

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::rclone_conf::RcloneConf;
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
    let text = if locked {
        Err(Error::usage("rclone.conf is encrypted and no password was given (set RCLONE_CONFIG_PASS)"))
    } else {
        workspace::read_conf_text(ctx)
    };
    // Only each remote's token is needed, and whether its section exists: one pass over the
    // text, borrowing the values, without the line model (at 10,000 remotes that model was
    // the largest thing `list` held).
    let (text, unreadable) = match text {
        Ok(text) => (text, None),
        Err(err) => (String::new(), Some(err)),
    };
    let sections = match unreadable {
        Some(err) => Err(err),
        None => RcloneConf::key_per_section(&text, "token").map_err(|err| workspace::parse_error(ctx, err)),
    };
    let sections: Option<HashMap<&str, Option<&str>>> = match sections {
        Ok(sections) => Some(sections),
        Err(err) => {
            out.warn(&format!("token status unavailable: {}", err.display_line()));
            None
        }
    };
    let token_of = |s: &crate::registry::Storage| {
        let token = sections.as_ref()?.get(s.remote.as_str())?.as_ref()?;
        Some(token::status(token, &s.provider))
    };
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
    // Row by row, twice (to measure, then to print), rather than a table of 50,000 strings.
    let row = |i: usize| -> [Cow<str>; 5] {
        let s = &registry.storages[i];
        let token: Cow<str> = match sections.as_ref().map(|m| m.contains_key(s.remote.as_str())) {
            Some(false) => "no section!".into(),
            _ => token_of(s).map_or("-".into(), |t| t.short().into()),
        };
        [
            s.name.as_str().into(),
            s.provider.as_str().into(),
            format!("{}:", s.remote).into(),
            s.path.as_str().into(),
            token,
        ]
    };
    out.table_with(&["NAME", "PROVIDER", "REMOTE", "PATH", "TOKEN"], registry.storages.len(), row)
        .map_err(anyhow::Error::from)?;
    Ok(())
}

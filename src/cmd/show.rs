use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::secrets::{REDACTED, is_secret_key};
use crate::token::{self, TokenStatus};
use crate::workspace;

use super::StorageJson;

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    storage: StorageJson<'a>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    options: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<TokenStatus>,
    #[serde(flatten)]
    checks: super::ChecksJson,
}

pub fn run(ctx: &Context, out: &Output, wanted: &str, json: bool) -> Result<(), Error> {
    let registry = workspace::read_registry(ctx)?;
    let storage = registry.get(wanted)?;
    let conf = workspace::read_conf(ctx)?;
    let section = conf.section(&storage.remote);
    if section.is_none() {
        out.warn(&format!(
            "rclone.conf has no section [{}] for this storage; run `pluton storage remove {:?}` or restore the section",
            storage.remote, storage.name
        ));
    }
    let entries = section.map(|s| s.entries).unwrap_or_default();
    let options: Vec<(String, String)> = entries
        .iter()
        .map(|(k, v)| {
            let shown =
                if is_secret_key(&storage.provider, k) && !v.is_empty() { REDACTED.to_string() } else { v.clone() };
            (k.clone(), shown)
        })
        .collect();
    let token = entries.iter().find(|(k, _)| k == "token").map(|(_, v)| token::status(v, &storage.provider));
    let checks = super::read_checks(ctx, out).get(&storage.id);

    if json {
        let value = ShowJson {
            storage: StorageJson::from(storage),
            description: &storage.description,
            tags: &storage.tags,
            options: options.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect(),
            token,
            checks: checks.into(),
        };
        out.json(&value).map_err(anyhow::Error::from)?;
        return Ok(());
    }

    let mut lines = vec![
        format!("name:        {}", storage.name),
        format!("id:          {}", storage.id),
        format!("provider:    {}", storage.provider),
        format!("remote:      {}:", storage.remote),
        format!("path:        {}", if storage.path.is_empty() { "(root)" } else { &storage.path }),
        format!("created:     {}", storage.created_at),
    ];
    if !storage.description.is_empty() {
        lines.push(format!("description: {}", storage.description));
    }
    if !storage.tags.is_empty() {
        lines.push(format!("tags:        {}", storage.tags.join(", ")));
    }
    if let Some(t) = &token {
        let mut state = t.short();
        let mut details = Vec::new();
        if let Some(expiry) = &t.expiry {
            details.push(format!("access token expires {expiry}"));
        }
        if let Some(lapse) = &t.refresh_expires {
            details.push(format!("refresh token lapses {lapse} if unused"));
        }
        if t.present && t.expiry.is_none() {
            details.push("does not expire".to_string());
        }
        if !details.is_empty() {
            state.push_str(&format!(" ({})", details.join("; ")));
        }
        if matches!(t.state, token::TokenState::Expired | token::TokenState::Missing) {
            state.push_str(&format!("; run `pluton storage reauth {:?}`", storage.name));
        }
        lines.push(format!("token:       {state}"));
    }
    let last_check = match (&checks.last_check, &checks.last_status) {
        (Some(at), Some(status)) => format!("{at} ({})", status.replace('_', " ")),
        (Some(at), None) => at.clone(),
        (None, _) => "never (run `pluton storage test`)".to_string(),
    };
    lines.push(format!("last check:  {last_check}"));
    lines.push(format!("last success: {}", checks.last_success.as_deref().unwrap_or("never")));
    if !options.is_empty() {
        lines.push("options:".to_string());
        lines.extend(options.iter().map(|(k, v)| format!("  {k} = {v}")));
    }
    out.line(&lines.join("\n")).map_err(anyhow::Error::from)?;
    Ok(())
}

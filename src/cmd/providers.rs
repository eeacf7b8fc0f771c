//! `pluton providers [PROVIDER]`: the backends rclone knows and their options.

use serde::Serialize;

use crate::context::Context;
use crate::error::Error;
use crate::names::close_matches;
use crate::output::Output;
use crate::rclone::schema::{Backend, Schema};

/// The three providers pluton is built around come first.
const FIRST: [&str; 3] = ["putio", "box", "onedrive"];

#[derive(Serialize)]
struct Summary<'a> {
    name: &'a str,
    description: &'a str,
}

pub fn run(ctx: &Context, out: &Output, provider: Option<&str>, json: bool, all: bool) -> Result<(), Error> {
    // The schema never needs rclone.conf, so an encrypted one's password is not asked for.
    let schema = Schema::load(&ctx.rclone_without_password()?, &ctx.cache_dir)?;
    let Some(wanted) = provider else {
        let mut backends: Vec<&Backend> = schema.backends.iter().filter(|b| !b.hide).collect();
        backends.sort_by_key(|b| (FIRST.iter().position(|f| *f == b.name).unwrap_or(FIRST.len()), b.name.clone()));
        if json {
            let items: Vec<Summary> =
                backends.iter().map(|b| Summary { name: &b.name, description: &b.description }).collect();
            out.json(&items).map_err(anyhow::Error::from)?;
        } else {
            let rows: Vec<Vec<String>> =
                backends.iter().map(|b| vec![b.name.clone(), first_line(&b.description)]).collect();
            out.table(&["PROVIDER", "DESCRIPTION"], &rows).map_err(anyhow::Error::from)?;
            out.note("`pluton providers NAME` lists a provider's options");
        }
        return Ok(());
    };
    let Some(backend) = schema.backend(wanted) else {
        let close = close_matches(wanted, schema.backends.iter().map(|b| b.name.as_str()));
        let err = Error::usage(format!("rclone has no provider called {wanted:?}"));
        return Err(if close.is_empty() {
            err.with_hint("`pluton providers` lists every provider")
        } else {
            err.with_hint(format!("did you mean {}?", crate::registry::quoted_list(&close)))
        });
    };
    if json {
        out.json(backend).map_err(anyhow::Error::from)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = backend
        .options
        .iter()
        .filter(|o| all || (!o.advanced && o.hide == 0))
        .map(|o| {
            let mut flags = Vec::new();
            if o.required {
                flags.push("required");
            }
            if o.is_password || o.sensitive {
                flags.push("secret");
            }
            if o.advanced {
                flags.push("advanced");
            }
            let mut help = first_line(&o.help);
            if !o.examples.is_empty() && o.examples.len() <= 8 {
                let values: Vec<&str> = o.examples.iter().map(|e| e.value.as_str()).collect();
                help = format!("{help} [{}]", values.join(", "));
            }
            vec![o.name.clone(), o.type_name.clone(), o.default.clone(), flags.join(","), help]
        })
        .collect();
    out.table(&["OPTION", "TYPE", "DEFAULT", "FLAGS", "HELP"], &rows).map_err(anyhow::Error::from)?;
    if !all {
        out.note(&format!("advanced options: `pluton providers {} --all`; set any with --set KEY=VALUE", backend.name));
    }
    Ok(())
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().trim_end_matches('.').to_string()
}

use crate::context::Context;
use crate::error::Error;
use crate::names;
use crate::output::Output;
use crate::rclone_conf::remote_type_in;
use crate::registry::Storage;
use crate::workspace::Workspace;

/// Adopts existing rclone remotes as storages. rclone.conf is only read.
pub fn run(ctx: &Context, out: &Output, wanted: &[String], all: bool) -> Result<(), Error> {
    let mut ws = Workspace::open(ctx)?;
    let conf = ws.conf();
    let sections = conf.sections();
    let names_in_order = conf.section_names();

    // Check every named remote before changing anything.
    let remotes: Vec<String> = if all {
        names_in_order.iter().filter(|n| remote_type_in(&sections, n).is_some()).map(|n| n.to_string()).collect()
    } else {
        for name in wanted {
            if !sections.contains_key(name.as_str()) {
                let close = names::close_matches(name, names_in_order.iter().copied());
                let err = Error::not_found(format!("rclone.conf has no remote named {name:?}"));
                return Err(if close.is_empty() {
                    err.with_hint("`pluton rclone listremotes` shows the remotes rclone.conf has")
                } else {
                    err.with_hint(format!("did you mean {}?", crate::registry::quoted_list(&close)))
                });
            }
            if remote_type_in(&sections, name).is_none() {
                return Err(Error::usage(format!(
                    "[{name}] in rclone.conf has no type, so it is not an rclone remote"
                ))
                .with_hint("add a `type = …` line to it, or leave it out"));
            }
        }
        wanted.to_vec()
    };
    // Each remote with its type, so that the registry can change while nothing is borrowed.
    let candidates: Vec<(String, String)> = remotes
        .into_iter()
        .map(|remote| {
            let provider = remote_type_in(&sections, &remote).unwrap_or_default();
            (remote, provider)
        })
        .collect();

    let mut imported = Vec::new();
    for (remote, provider) in candidates {
        if let Some(existing) = ws.registry.remote_managed(&remote) {
            out.note(&format!("[{remote}] is already the storage {:?}", existing.name));
            continue;
        }
        let base: String = remote.trim().chars().take(names::MAX_NAME_CHARS).collect();
        let base = names::storage_name(&base).unwrap_or_else(|_| names::slug(&remote, &provider));
        let name = names::first_free(&base, |n| ws.registry.name_taken(n, None).is_some());
        let storage = Storage {
            id: ws.registry.new_id(),
            name,
            provider,
            remote: remote.clone(),
            path: String::new(),
            created_at: crate::registry::now_rfc3339(),
            description: String::new(),
            tags: Vec::new(),
        };
        imported.push(format!("{} ({}:)", storage.name, storage.remote));
        ws.registry.add(storage)?;
    }
    ws.commit()?;
    if imported.is_empty() {
        out.note("nothing to import");
    } else {
        out.note(&format!("imported {}: {}", imported.len(), imported.join(", ")));
    }
    Ok(())
}

//! Commit: a plan's steps applied to the locked workspace, with what the check left in the
//! private copy (a token rclone refreshed there is the one to keep: Box's are single-use).

use std::collections::HashMap;

use super::plan::{RegistryOp, SectionOp, Step};
use crate::error::Error;
use crate::workspace::Workspace;

/// Applies `steps` to `ws` (the caller commits it). `verified` maps a remote to its section as
/// the check left it.
pub fn apply_steps(
    ws: &mut Workspace,
    steps: &[Step],
    verified: &HashMap<String, Vec<(String, String)>>,
) -> Result<(), Error> {
    let token_of = |entries: &[(String, String)]| entries.iter().find(|(k, _)| k == "token").map(|(_, v)| v.clone());
    for step in steps {
        let checked = verified.get(&step.remote);
        for op in &step.section_ops {
            match op {
                SectionOp::Append(entries) => ws.append_section(&step.remote, checked.unwrap_or(entries))?,
                SectionOp::Set(key, value) => {
                    if !ws.set_value(&step.remote, key, value)? {
                        return Err(Error::failed(format!(
                            "[{}] vanished from rclone.conf while it was being changed",
                            step.remote
                        )));
                    }
                }
                SectionOp::Unset(key) => ws.unset(&step.remote, key)?,
                SectionOp::Remove => ws.remove_section(&step.remote)?,
            }
        }
        // An existing section that was checked: rclone may have refreshed its token in the
        // private copy. Keep that one, unless the real file's token moved on meanwhile.
        let appended = step.section_ops.iter().any(|op| matches!(op, SectionOp::Append(_)));
        if let (Some(checked), false) = (checked, appended) {
            let now = ws.conf().section(&step.remote).and_then(|s| s.get("token").map(str::to_string));
            let planned = token_of(&step.section);
            if let Some(fresh) = token_of(checked).filter(|t| Some(t) != planned.as_ref())
                && now == planned
            {
                ws.set_value_if(&step.remote, "token", &fresh, now.as_deref())?;
            }
        }
        for op in &step.registry_ops {
            match op {
                RegistryOp::Add(storage) => {
                    let mut storage = storage.clone();
                    storage.id = ws.registry.new_id();
                    storage.created_at = crate::registry::now_rfc3339();
                    ws.registry.add(storage)?;
                }
                RegistryOp::SetPath { id, path } => ws.registry.set_path(id, path)?,
                RegistryOp::Remove { id } => ws.registry.remove(id)?,
            }
        }
    }
    Ok(())
}

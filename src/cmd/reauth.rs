//! `pluton storage reauth`: a new token for an OAuth storage, verified (unless `--no-test`), and
//! then only the `token` line of its section replaced.

use std::path::Path;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::context::Context;
use crate::error::Error;
use crate::fleet::plan::{SectionOp, Step};
use crate::input::Inputs;
use crate::options::{self, Value};
use crate::output::Output;
use crate::verify::verify;
use crate::workspace::Workspace;

use super::StoredStorage;

pub struct Source<'a> {
    pub token_file: Option<&'a Path>,
    pub authorize: bool,
    pub no_browser: bool,
    pub device: bool,
}

pub fn run(
    ctx: &Context,
    out: &Output,
    wanted: &str,
    source: Source,
    no_test: bool,
    timeout: Option<u64>,
) -> Result<(), Error> {
    let stored = StoredStorage::load(ctx, wanted)?;
    let backend = stored.backend(ctx)?;
    if !backend.is_oauth() {
        return Err(Error::usage(format!(
            "{:?} is a {} storage, which does not use OAuth tokens",
            stored.storage.name, backend.name
        ))
        .with_hint("change its credentials with `pluton storage edit STORAGE --set KEY=@FILE`"));
    }
    let rclone = ctx.rclone()?;
    // Sign in with the same app (client id/secret, endpoints) the storage already uses.
    let current: Vec<Value> = stored
        .section
        .entries
        .iter()
        .map(|(k, v)| Value { key: k.clone(), value: SecretString::from(v.clone()), secret: true })
        .collect();
    let token = match (source.token_file, source.authorize, source.device) {
        (Some(file), _, _) => options::token_from_file(&backend, file, &mut Inputs::default())?,
        (None, true, _) => {
            let wait = timeout.map_or(crate::signin::DEFAULT_TIMEOUT, Duration::from_secs);
            crate::signin::authorize(&rclone, out, &backend, &current, source.no_browser, wait)?
        }
        (None, false, true) => {
            let wait = timeout.map_or(crate::signin::DEVICE_TIMEOUT, Duration::from_secs);
            crate::signin::device(out, &backend, &current, wait)?
        }
        (None, false, false) => {
            return Err(ctx.missing("a new token", "--authorize, --device, or --token-file FILE (- for stdin)").with_hint(format!(
                "--authorize opens a browser sign-in; elsewhere run `rclone authorize \"{}\"` and pass what it prints \
                 with --token-file",
                backend.name
            )));
        }
    };
    let token = token.value.expose_secret().to_string();

    let (final_token, checked_note) = if no_test {
        (token, "not verified (--no-test)".to_string())
    } else {
        let mut entries = stored.section.entries.clone();
        match entries.iter_mut().find(|(k, _)| k == "token") {
            Some(entry) => entry.1 = token,
            None => entries.push(("token".into(), token)),
        }
        let checked = verify(
            &rclone,
            &ctx.config_dir,
            &stored.conf,
            &stored.storage.remote,
            &entries,
            &stored.storage.path,
            crate::verify::Check {
                timeout: Duration::from_secs(if source.device { 30 } else { timeout.unwrap_or(30) }),
                force_refresh: source.device && backend.name == "onedrive",
            },
        )?;
        // What rclone left in the private copy: the new token, or the one it refreshed from it.
        let token = checked.entries.iter().find(|(k, _)| k == "token").map(|(_, v)| v.clone()).unwrap_or_default();
        (token, format!("verified in {:.1} s", checked.elapsed.as_secs_f64()))
    };

    let remote = &stored.storage.remote;
    // A plan of one: only the token line changes.
    let step =
        Step::update(&stored.storage.name, remote, Vec::new(), vec![SectionOp::Set("token".into(), final_token)]);
    let mut ws = Workspace::open(ctx)?;
    crate::fleet::commit::apply_steps(&mut ws, std::slice::from_ref(&step), &Default::default())?;
    ws.commit()?;
    out.note(&format!("{:?} has a new token ({checked_note})", stored.storage.name));
    Ok(())
}

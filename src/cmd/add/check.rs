//! Verify: the candidate section in a private copy of rclone.conf, listed by rclone with the
//! fast-fail flags; on a terminal a failure offers retry, change settings, save anyway or quit.

use std::time::Duration;

use secrecy::ExposeSecret;

use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::verify::verify;

use super::Candidate;

/// Verify: the section in a private copy, with the fast-fail flags. On a terminal a failure
/// offers retry, change settings, save anyway or quit (`None`). Returns how it was verified.
pub(super) fn check(ctx: &Context, out: &Output, args: &AddArgs, c: &mut Candidate) -> Result<Option<String>, Error> {
    let is_onedrive = c.backend.name == "onedrive";
    let mut verified_note = String::from("not verified (--no-test)");
    let mut test = !args.no_test;
    while test {
        out.note(&format!("checking {}:{} …", c.remote, c.path));
        // A OneDrive device-code token must prove it can be refreshed (a public client's token
        // cannot be refreshed with a client secret), so the check makes rclone refresh it once.
        let check =
            crate::verify::Check { timeout: check_timeout(args.timeout), force_refresh: args.device && is_onedrive };
        let spinner = crate::output::Spinner::start(out, &format!("checking {}:{}", c.remote, c.path));
        let result = verify(&c.rclone, &ctx.config_dir, &c.conf, &c.remote, &c.entries, &c.path, check);
        drop(spinner);
        match result {
            Ok(checked) => {
                if checked.path_missing {
                    out.note(&format!(
                        "the folder {:?} does not exist yet; rclone creates it with the first backup",
                        c.path
                    ));
                }
                verified_note = format!("verified in {:.1} s", checked.elapsed.as_secs_f64());
                c.entries = checked.entries;
                test = false;
            }
            Err(err) if ctx.interactive && matches!(err.code(), 4 | 5) => {
                crate::output::error(&err.display_line().to_string(), err.hint());
                match crate::wizard::after_failure()? {
                    crate::wizard::AfterFailure::Retry => {}
                    crate::wizard::AfterFailure::Change => {
                        crate::wizard::advanced_options(&c.backend, &mut c.values)?;
                        let token = c.entries.iter().find(|(k, _)| k == "token").cloned();
                        c.entries = vec![("type".into(), c.backend.name.clone())];
                        c.entries.extend(
                            c.values
                                .iter()
                                .filter(|v| v.key != "token")
                                .map(|v| (v.key.clone(), v.value.expose_secret().to_string())),
                        );
                        c.entries.extend(token);
                    }
                    crate::wizard::AfterFailure::SaveAnyway => {
                        verified_note = "saved without a working check".into();
                        test = false;
                    }
                    crate::wizard::AfterFailure::Quit => return Ok(None),
                }
            }
            Err(err) => return Err(err),
        }
    }

    Ok(Some(verified_note))
}

pub(super) fn check_timeout(flag: Option<u64>) -> Duration {
    Duration::from_secs(flag.unwrap_or(30))
}

use std::ffi::OsString;

use crate::context::Context;
use crate::error::Error;

/// rclone commands that never open rclone.conf: for them an encrypted rclone.conf's password is
/// neither needed nor asked for (`pluton rclone version` in a cron job without the password).
const WITHOUT_CONFIG: &[&str] =
    &["version", "help", "obscure", "reveal", "completion", "genautocomplete", "gendocs", "selfupdate"];

pub fn run(ctx: &Context, args: &[OsString]) -> Result<(), Error> {
    let command = args.iter().map(|a| a.to_string_lossy()).find(|a| !a.starts_with('-'));
    let rclone = match command {
        Some(c) if WITHOUT_CONFIG.contains(&c.as_ref()) => ctx.rclone_without_password()?,
        _ => ctx.rclone()?,
    };
    match rclone.passthrough(args, ctx.interactive)? {
        Some(0) => Ok(()),
        Some(code) => Err(Error::PassThrough(u8::try_from(code).unwrap_or(1))),
        None => Err(Error::PassThrough(1)),
    }
}

use std::ffi::OsString;

use crate::context::Context;
use crate::error::Error;

pub fn run(ctx: &Context, args: &[OsString]) -> Result<(), Error> {
    let rclone = ctx.rclone()?;
    match rclone.passthrough(args, ctx.interactive)? {
        Some(0) => Ok(()),
        Some(code) => Err(Error::PassThrough(u8::try_from(code).unwrap_or(1))),
        None => Err(Error::PassThrough(1)),
    }
}

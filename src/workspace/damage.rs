//! A damaged rclone.conf: told apart from one that is merely empty or new, and never written
//! over. Damage is what a crash, a full disk or a second writer leaves: no bytes at all where
//! there were remotes, NUL bytes, bytes that are not text, lines rclone cannot read, or an
//! encrypted file the password does not open. Any command that would write refuses, and it and
//! `doctor` name the copy to restore: the newest kept copy that reads as a whole rclone.conf.

use crate::context::Context;
use crate::error::Error;
use crate::rclone_conf::{RcloneConf, encrypted};
use crate::store::copies::{Copy, Kind};

/// What is wrong with rclone.conf's bytes as found, before they are parsed; `None` when
/// nothing is (parse errors are told by the parser, with their line).
pub fn of_bytes(bytes: &[u8], storages: usize) -> Option<String> {
    if bytes.contains(&0) {
        let nul = bytes.iter().filter(|b| **b == 0).count();
        return Some(if nul == bytes.len() {
            format!("is filled with NUL bytes ({nul} of them, no text)")
        } else {
            format!("holds {nul} NUL byte(s) (a crash or a full disk while it was written)")
        });
    }
    // Empty is how a new rclone.conf starts; it is damage when storages need sections in it.
    if storages > 0 && bytes.iter().all(u8::is_ascii_whitespace) {
        let what = if bytes.is_empty() { "is empty" } else { "holds nothing but blank space" };
        return Some(format!("{what}, but {storages} storage(s) need their sections in it"));
    }
    None
}

/// The newest kept copy of rclone.conf that reads as a whole file (an encrypted one counts when
/// its header is whole: its password is the user's).
pub fn newest_readable_copy(ctx: &Context) -> Option<Copy> {
    ctx.copies().of(Kind::RcloneConf).into_iter().find(|copy| {
        let Ok(bytes) = copy.read() else { return false };
        if bytes.contains(&0) || bytes.iter().all(u8::is_ascii_whitespace) {
            return false;
        }
        let Ok(text) = String::from_utf8(bytes) else { return false };
        encrypted::is_encrypted(&text) || RcloneConf::parse(text).is_ok()
    })
}

/// What to do about a damaged rclone.conf: the exact restore command, or why there is none.
pub fn restore_hint(ctx: &Context) -> String {
    match newest_readable_copy(ctx) {
        Some(copy) => format!(
            "restore the newest copy that reads whole ({}, {}): `pluton config restore {}` \
             (`pluton config history` lists every copy); nothing was written",
            copy.time(),
            copy.why.describe(),
            copy.id
        ),
        None => "pluton kept no readable copy of it; fix the file by hand or from a backup (nothing was written)"
            .to_string(),
    }
}

/// The error every command gives for a damaged rclone.conf.
pub fn refusal(ctx: &Context, what: &str) -> Error {
    Error::failed(format!("{} {what}", ctx.rclone_conf_path.display())).with_hint(restore_hint(ctx))
}

//! `pluton config encrypt|decrypt|password`: rclone.conf's encryption. Passwords come from the
//! environment, a password command, the keyring or a hidden prompt; never from argv.

use std::io::IsTerminal;

use secrecy::ExposeSecret;

use crate::cli::ConfigCommand;
use crate::context::Context;
use crate::error::Error;
use crate::keyring::{self, Unavailable};
use crate::output::Output;
use crate::workspace::{self, Workspace};

pub fn run(ctx: &Context, out: &Output, command: ConfigCommand) -> Result<(), Error> {
    let path = ctx.rclone_conf_path.display().to_string();
    match command {
        ConfigCommand::Encrypt => {
            if crate::rclone_conf::encrypted::file_is_encrypted(&ctx.rclone_conf_path) {
                return Err(Error::usage(format!("{path} is already encrypted")));
            }
            let password = new_password(ctx)?;
            let mut ws = Workspace::open(ctx)?;
            ws.set_password(Some(password));
            ws.commit()?;
            out.note(&format!(
                "encrypted {path}; pluton and rclone now need its password (RCLONE_CONFIG_PASS, --password-command, or the keyring)"
            ));
        }
        ConfigCommand::Decrypt => {
            if !crate::rclone_conf::encrypted::file_is_encrypted(&ctx.rclone_conf_path) {
                return Err(Error::usage(format!("{path} is not encrypted")));
            }
            let mut ws = Workspace::open(ctx)?;
            ws.set_password(None);
            ws.commit()?;
            out.note(&format!("{path} is plain text again (mode 0600 keeps it private)"));
        }
        ConfigCommand::History { json } => super::history::history(ctx, out, json)?,
        ConfigCommand::Restore { id, yes, dry_run } => super::history::restore(ctx, out, &id, yes, dry_run)?,
        ConfigCommand::Password { store_in_keyring: true, .. } => store_in_keyring(ctx, out)?,
        ConfigCommand::Password { forget: true, .. } => forget(ctx, out)?,
        ConfigCommand::Password { print: true, .. } => print(ctx, out)?,
        // clap's group makes exactly one of the three flags required.
        ConfigCommand::Password { .. } => {
            return Err(Error::usage("say what to do with the password")
                .with_hint("pass --store-in-keyring, --forget or --print"));
        }
    }
    Ok(())
}

/// Stores the password in the keyring, once it is known to open rclone.conf.
fn store_in_keyring(ctx: &Context, out: &Output) -> Result<(), Error> {
    let path = ctx.rclone_conf_path.display().to_string();
    if !crate::rclone_conf::encrypted::file_is_encrypted(&ctx.rclone_conf_path) {
        return Err(Error::usage(format!("{path} is not encrypted, so it has no password"))
            .with_hint("encrypt it first with `pluton config encrypt`"));
    }
    // The password the user gives (not the keyring's own), and only one that opens the file.
    let password = ctx.offered_password()?;
    workspace::read_conf(ctx)?;
    keyring::store(&ctx.rclone_conf_path, &password, ctx.interactive).map_err(Unavailable::into_error)?;
    out.note(&format!(
        "the password of {path} is in the OS keyring (service {}, user {}); pluton finds it there from now on, \
         and rclone with --password-command \"pluton config password --print\"",
        keyring::SERVICE,
        keyring::account(&ctx.rclone_conf_path).display()
    ));
    Ok(())
}

fn forget(ctx: &Context, out: &Output) -> Result<(), Error> {
    let path = ctx.rclone_conf_path.display().to_string();
    if keyring::forget(&ctx.rclone_conf_path, ctx.interactive).map_err(Unavailable::into_error)? {
        out.note(&format!(
            "removed the password of {path} from the OS keyring; pluton and rclone now need RCLONE_CONFIG_PASS \
             or --password-command"
        ));
    } else {
        out.note(&format!("the OS keyring holds no password for {path}; nothing to remove"));
    }
    Ok(())
}

/// The password on stdout, for rclone's `--password-command`. From the keyring alone: never
/// RCLONE_PASSWORD_COMMAND, which may well be this very command, and never to a terminal.
fn print(ctx: &Context, out: &Output) -> Result<(), Error> {
    if std::io::stdout().is_terminal() {
        return Err(Error::usage("refusing to print the password to a terminal")
            .with_hint("--print is for rclone: rclone --password-command \"pluton config password --print\" …"));
    }
    let path = ctx.rclone_conf_path.display().to_string();
    match keyring::lookup(&ctx.rclone_conf_path, ctx.interactive) {
        Ok(Some(password)) => out.secret_line(&password).map_err(|e| Error::Runtime(e.into())),
        Ok(None) => Err(Error::failed(format!("the OS keyring holds no password for {path}"))
            .with_hint("store it with `pluton config password --store-in-keyring`")),
        Err(trouble) => Err(trouble.into_error()),
    }
}

/// The new password for `encrypt`: RCLONE_CONFIG_PASS or the password command, else asked
/// twice on a terminal.
fn new_password(ctx: &Context) -> Result<secrecy::SecretString, Error> {
    let given = std::env::var("RCLONE_CONFIG_PASS").ok().filter(|p| !p.is_empty());
    let password = match given {
        Some(pw) => secrecy::SecretString::from(pw),
        None if ctx.has_password_command() => ctx.config_password()?,
        None if ctx.interactive => crate::prompt::new_password("New password for rclone.conf")?,
        None => {
            return Err(Error::usage("no password was given for the encryption")
                .with_hint("set RCLONE_CONFIG_PASS or pass --password-command CMD (a password is never an argument)"));
        }
    };
    if password.expose_secret().is_empty() {
        return Err(Error::usage("the password is empty"));
    }
    Ok(password)
}

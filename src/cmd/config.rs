//! `pluton config encrypt|decrypt|password`: rclone.conf's encryption. Passwords come from the
//! environment, a password command, the keyring or a hidden prompt; never from argv.

use secrecy::ExposeSecret;

use crate::cli::ConfigCommand;
use crate::context::Context;
use crate::error::Error;
use crate::output::Output;
use crate::workspace::{self, Workspace};

pub fn run(ctx: &Context, out: &Output, command: ConfigCommand) -> Result<(), Error> {
    let path = ctx.rclone_conf_path.display().to_string();
    match command {
        ConfigCommand::Encrypt => {
            if workspace::conf_is_encrypted(&ctx.rclone_conf_path) {
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
            if !workspace::conf_is_encrypted(&ctx.rclone_conf_path) {
                return Err(Error::usage(format!("{path} is not encrypted")));
            }
            let mut ws = Workspace::open(ctx)?;
            ws.set_password(None);
            ws.commit()?;
            out.note(&format!("{path} is plain text again (mode 0600 keeps it private)"));
        }
        ConfigCommand::Password { store_in_keyring: _ } => {
            if !workspace::conf_is_encrypted(&ctx.rclone_conf_path) {
                return Err(Error::usage(format!("{path} is not encrypted, so it has no password"))
                    .with_hint("encrypt it first with `pluton config encrypt`"));
            }
            // Only a password that opens the file is stored.
            let password = ctx.config_password()?;
            workspace::read_conf(ctx)?;
            crate::keyring::store(&ctx.rclone_conf_path, &password)?;
            out.note("the password is in the OS keyring; pluton finds it there from now on");
        }
    }
    Ok(())
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

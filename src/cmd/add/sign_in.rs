//! How the new storage signs in: the wizard's questions for what the flags left open (how to
//! sign in, OneDrive's drive type, the basic and advanced options), then the sign-in itself
//! (`--authorize`, `--device`), only after everything else was checked.

use std::time::Duration;

use crate::cli::AddArgs;
use crate::error::Error;
use crate::options::Value;
use crate::output::Output;
use crate::rclone::Rclone;
use crate::rclone::schema::Backend;

/// What `--authorize` / `--device` need that can be said before anything else: the provider has
/// that way in, and `--dry-run` (which never signs in) was not asked for.
pub(super) fn check_flags(args: &AddArgs, backend: &Backend) -> Result<(), Error> {
    if args.device {
        // Said before anything else is checked: the person needs another way in.
        crate::signin::check_device_flow(&backend.name)?;
    }
    if args.authorize || args.device {
        if !backend.is_oauth() {
            return Err(Error::usage(format!("{} does not sign in with OAuth", backend.name))
                .with_hint("leave out --authorize; `pluton providers NAME` lists the options it takes"));
        }
        if args.dry_run {
            return Err(Error::usage("--dry-run cannot sign in")
                .with_hint("leave out --authorize or --device to see the section"));
        }
    }
    Ok(())
}

/// The token a sign-in will bring, standing in for it while the rest is checked (nothing is
/// sent to a browser before every other value is known to be right).
pub(super) fn pending_token(args: &AddArgs) -> Option<Value> {
    (args.authorize || args.device).then(|| Value {
        key: "token".into(),
        value: secrecy::SecretString::from("{\"access_token\":\"pending\"}".to_string()),
        secret: true,
    })
}

/// Signs in as the flags (or the wizard) chose, adding the token to `values`.
pub(super) fn sign_in(
    rclone: &Rclone,
    out: &Output,
    args: &AddArgs,
    backend: &Backend,
    values: &mut Vec<Value>,
) -> Result<(), Error> {
    if args.authorize {
        let timeout = args.timeout.map_or(crate::signin::DEFAULT_TIMEOUT, Duration::from_secs);
        let token = crate::signin::authorize(rclone, out, backend, values, args.no_browser, timeout)?;
        values.push(token);
    }
    if args.device {
        let timeout = args.timeout.map_or(crate::signin::DEVICE_TIMEOUT, Duration::from_secs);
        let token = crate::signin::device(out, backend, values, timeout)?;
        values.push(token);
    }
    Ok(())
}

/// The wizard's part: how an OAuth storage signs in, which OneDrive drive, the provider's basic
/// options, and then "Edit advanced options?". Only what the flags left open is asked.
pub(super) fn ask_what_is_missing(args: &mut AddArgs, backend: &Backend, values: &mut Vec<Value>) -> Result<(), Error> {
    use crate::wizard::SignIn;
    let given = |values: &[Value], key: &str| values.iter().any(|v| v.key == key);
    let signed_in = args.token_file.is_some()
        || args.authorize
        || args.device
        || args.client_credentials
        || ["token", "box_config_file", "access_token", "service_account_file", "service_account_credentials"]
            .iter()
            .any(|k| given(values, k));
    if backend.is_oauth() {
        if !signed_in {
            let port_free = !matches!(crate::rclone::authorize::port_53682(), crate::rclone::authorize::Port::Taken(_));
            match crate::wizard::sign_in(backend, values, crate::signin::browser_here(), port_free)? {
                SignIn::Browser { no_browser } => {
                    args.authorize = true;
                    args.no_browser = no_browser;
                }
                SignIn::Device => args.device = true,
                SignIn::Pasted(token) => values.push(Value { key: "token".into(), value: token, secret: true }),
                SignIn::ClientCredentials => args.client_credentials = true,
                SignIn::Jwt(path) => {
                    values.push(Value { key: "box_config_file".into(), value: path.into(), secret: false });
                }
            }
        }
        if backend.name == "onedrive" && !given(values, "drive_id") && args.drive.is_none() && args.site.is_none() {
            let (kind, site) = crate::wizard::onedrive(values)?;
            args.drive = kind;
            args.site = site;
        }
    } else {
        crate::wizard::basic_options(backend, values)?;
    }
    crate::wizard::advanced_options(backend, values)
}

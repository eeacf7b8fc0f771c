//! The only place that talks to a person through prompts. Callers ask `Context::interactive`
//! first; a prompt that cannot be shown is the caller's usage error naming the flag.

use crate::error::Error;

/// A yes/no question on stderr. Ctrl-C or a closed terminal counts as an interruption.
pub fn confirm(question: &str, default: bool) -> Result<bool, Error> {
    dialoguer::Confirm::new().with_prompt(question).default(default).interact().map_err(|_| Error::Interrupted)
}

/// A hidden password prompt on stderr.
pub fn password(prompt: &str) -> Result<secrecy::SecretString, Error> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .map(secrecy::SecretString::from)
        .map_err(|_| Error::Interrupted)
}

/// A new password, asked twice.
pub fn new_password(prompt: &str) -> Result<secrecy::SecretString, Error> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .with_confirmation("Again", "the two entries differ")
        .interact()
        .map(secrecy::SecretString::from)
        .map_err(|_| Error::Interrupted)
}

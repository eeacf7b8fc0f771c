//! The one error type that reaches `main`, and the exit codes of design.md §6.
//!
//! Inside the program, functions return `anyhow::Result` with context that says what was being
//! done; at the edge every failure becomes one of these variants, which decides the exit code.
//! Messages never carry a secret: they are built from names, paths and rclone's redacted stderr.

use std::fmt;

/// Exit codes, as documented in `--help` and README.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const RUNTIME: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NOT_FOUND: u8 = 3;
    pub const CONNECTION: u8 = 4;
    pub const AUTH: u8 = 5;
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flag, name, token or option; or input that is missing and cannot be asked for.
    #[error("{message}")]
    Usage { message: String, hint: Option<String> },

    /// The storage (or remote) the user named does not exist.
    #[error("{message}")]
    NotFound { message: String, hint: Option<String> },

    /// The storage could not be reached: refused, timed out, server error.
    #[error("{message}")]
    Connection { message: String, hint: Option<String> },

    /// The provider wants a new sign-in: token expired, revoked, or refused.
    #[error("{message}")]
    Auth { message: String, hint: Option<String> },

    /// A runtime failure with advice: rclone missing, a file pluton cannot use.
    #[error("{message}")]
    Failed { message: String, hint: Option<String> },

    /// Ctrl-C (or SIGTERM) while pluton was working.
    #[error("interrupted")]
    Interrupted,

    /// A child process (`pluton rclone …`) ended with this code; passed through unchanged.
    #[error("rclone exited with code {0}")]
    PassThrough(u8),

    /// Anything else: I/O, rclone missing or failing, an unexpected state.
    #[error(transparent)]
    Runtime(#[from] anyhow::Error),
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), hint: None }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Error::NotFound { message: message.into(), hint: None }
    }

    pub fn connection(message: impl Into<String>) -> Self {
        Error::Connection { message: message.into(), hint: None }
    }

    pub fn auth(message: impl Into<String>) -> Self {
        Error::Auth { message: message.into(), hint: None }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Error::Failed { message: message.into(), hint: None }
    }

    /// Adds (or replaces) the "what to do next" line printed under the message.
    pub fn with_hint(mut self, text: impl Into<String>) -> Self {
        match &mut self {
            Error::Usage { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Connection { hint, .. }
            | Error::Auth { hint, .. }
            | Error::Failed { hint, .. } => *hint = Some(text.into()),
            _ => {}
        }
        self
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Usage { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Connection { hint, .. }
            | Error::Auth { hint, .. }
            | Error::Failed { hint, .. } => hint.as_deref(),
            _ => None,
        }
    }

    pub fn code(&self) -> u8 {
        match self {
            Error::Usage { .. } => exit::USAGE,
            Error::NotFound { .. } => exit::NOT_FOUND,
            Error::Connection { .. } => exit::CONNECTION,
            Error::Auth { .. } => exit::AUTH,
            Error::Interrupted => exit::INTERRUPTED,
            Error::PassThrough(code) => *code,
            Error::Failed { .. } | Error::Runtime(_) => exit::RUNTIME,
        }
    }

    /// The one line `main` prints: the message with its context chain, `: `-joined the way
    /// anyhow's alternate format does it.
    pub fn display_line(&self) -> DisplayLine<'_> {
        DisplayLine(self)
    }
}

/// Lets a `Result<T, anyhow::Error>` that is really a typed `Error` (wrapped with context on
/// the way up) come back out as that typed error.
impl Error {
    pub fn from_anyhow(err: anyhow::Error) -> Self {
        match err.downcast::<Error>() {
            Ok(typed) => typed,
            Err(other) => Error::Runtime(other),
        }
    }
}

pub struct DisplayLine<'a>(&'a Error);

impl fmt::Display for DisplayLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Error::Runtime(inner) => write!(f, "{inner:#}"),
            other => write!(f, "{other}"),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_design() {
        assert_eq!(Error::usage("x").code(), 2);
        assert_eq!(Error::not_found("x").code(), 3);
        assert_eq!(Error::connection("x").code(), 4);
        assert_eq!(Error::auth("x").code(), 5);
        assert_eq!(Error::Interrupted.code(), 130);
        assert_eq!(Error::Runtime(anyhow::anyhow!("x")).code(), 1);
    }

    #[test]
    fn runtime_errors_print_their_context_chain_on_one_line() {
        let err = Error::Runtime(anyhow::anyhow!("permission denied").context("reading /x/storages.toml"));
        assert_eq!(err.display_line().to_string(), "reading /x/storages.toml: permission denied");
    }

    #[test]
    fn typed_errors_survive_a_trip_through_anyhow() {
        let wrapped: anyhow::Error = Error::not_found("no storage named x").into();
        assert_eq!(Error::from_anyhow(wrapped).code(), 3);
    }
}

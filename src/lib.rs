//! pluton: connect cloud storage destinations for backups, on top of rclone.

pub mod cli;
pub(crate) mod cmd;
pub mod completion;
pub mod context;
pub mod device;
pub mod error;
pub mod fleet;
pub mod health;
pub mod input;
pub mod keyring;
pub mod metrics;
pub mod names;
pub mod options;
pub mod output;
mod parallel;
pub mod platform;
mod prompt;
pub mod providers;
pub mod quota;
pub mod rclone;
pub mod rclone_conf;
pub mod recovery;
pub mod registry;
pub mod secrets;
pub mod signin;
pub mod store;
pub mod token;
pub mod toml_scan;
pub mod verify;
pub mod wizard;
pub mod workspace;

use cli::Cli;
use error::Error;

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    rclone::install_interrupt_handler();
    let ctx = context::Context::from_global(&cli.global)?;
    cmd::execute(cli.command, &ctx)
}

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Error;

/// Completion scripts come from the same clap definition as parsing and `--help`, so they
/// cannot drift; the copies in `completions/` are checked by a test.
pub fn run(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "pluton", &mut out);
    use std::io::Write;
    std::io::stdout().lock().write_all(&out).map_err(anyhow::Error::from)?;
    Ok(())
}

use crate::error::Error;

/// The script for `shell` (see `crate::completion`); the copies in `completions/` are checked
/// by a test.
pub fn run(shell: clap_complete::Shell) -> Result<(), Error> {
    use std::io::Write;
    std::io::stdout().lock().write_all(&crate::completion::script(shell)).map_err(anyhow::Error::from)?;
    Ok(())
}

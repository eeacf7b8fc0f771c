use std::process::ExitCode;

use pluton::error::Error;

fn main() -> ExitCode {
    // A TAB in a shell: answered before anything else runs (see pluton::completion).
    if let Some(code) = pluton::completion::answer_if_requested() {
        return code;
    }
    let cli = pluton::cli::Cli::parse_command_line();
    match pluton::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::PassThrough(code)) => ExitCode::from(code),
        // The interrupt handler is killing rclone and about to exit 130; an error that the
        // killing caused must not win the race with a different code.
        Err(_) if pluton::rclone::interrupted() => ExitCode::from(130),
        Err(err) => {
            // A closed stdout (`pluton storage list | head -1`) is not a failure.
            if let Error::Runtime(inner) = &err
                && inner.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            pluton::output::error(&err.display_line().to_string(), err.hint());
            ExitCode::from(err.code())
        }
    }
}

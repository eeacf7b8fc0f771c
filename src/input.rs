//! Values the user hands over in files or on stdin: tokens (`--token-file`), secrets
//! (`--client-secret-file`, `--set KEY=@FILE`). They are read into secret strings at once.
//!
//! stdin can be read only once, and never from a terminal: a person typing a token into a
//! silent terminal would wait forever for nothing, so that is refused with a hint.

use std::io::{IsTerminal, Read};
use std::path::Path;

use secrecy::SecretString;

use crate::error::Error;

/// Largest input accepted: far above any token (Box tokens are ~1 KiB, long JWTs ~16 KiB).
const MAX_INPUT: u64 = 1024 * 1024;

/// Reads each source once; remembers whether stdin was used.
#[derive(Debug, Default)]
pub struct Inputs {
    stdin_used_by: Option<String>,
}

impl Inputs {
    /// Reads `FILE`, or stdin for `-`. `flag` names the option in errors (`--token-file`).
    pub fn read(&mut self, source: &Path, flag: &str) -> Result<SecretString, Error> {
        if source.as_os_str() == "-" {
            return self.read_stdin(flag);
        }
        let meta = std::fs::metadata(source)
            .map_err(|e| Error::usage(format!("{flag}: cannot read {}: {}", source.display(), io_reason(&e))))?;
        if meta.is_dir() {
            return Err(Error::usage(format!("{flag}: {} is a directory, not a file", source.display())));
        }
        let mut text = String::new();
        std::fs::File::open(source)
            .and_then(|f| f.take(MAX_INPUT + 1).read_to_string(&mut text))
            .map_err(|e| Error::usage(format!("{flag}: cannot read {}: {}", source.display(), io_reason(&e))))?;
        if text.len() as u64 > MAX_INPUT {
            return Err(Error::usage(format!("{flag}: {} is larger than 1 MiB", source.display())));
        }
        Ok(SecretString::from(text))
    }

    fn read_stdin(&mut self, flag: &str) -> Result<SecretString, Error> {
        if let Some(first) = &self.stdin_used_by {
            return Err(Error::usage(format!("{flag} and {first} both want stdin; only one of them can read it"))
                .with_hint("give one of them a file instead of -"));
        }
        self.stdin_used_by = Some(flag.to_string());
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return Err(Error::usage(format!("{flag} - reads from a pipe, but stdin is a terminal")).with_hint(
                "pipe it in (`rclone authorize box | pluton storage add box --name Box --token-file -`) \
                 or save it to a file and pass the file's path",
            ));
        }
        let mut text = String::new();
        stdin
            .lock()
            .take(MAX_INPUT + 1)
            .read_to_string(&mut text)
            .map_err(|e| Error::usage(format!("{flag}: cannot read stdin: {}", io_reason(&e))))?;
        if text.len() as u64 > MAX_INPUT {
            return Err(Error::usage(format!("{flag}: stdin holds more than 1 MiB")));
        }
        Ok(SecretString::from(text))
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "it is not UTF-8 text".into(),
        _ => err.to_string(),
    }
}

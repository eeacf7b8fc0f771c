//! Every difference between the operating systems pluton runs on, each behind one small API:
//! files (modes, atomic replace, whether a process is alive), the terminal (raw input, handing
//! the terminal back), child processes (a group or job that dies with its leader) and the
//! default paths that help texts name. The `#[cfg(unix)]` / `#[cfg(windows)]` live here and
//! nowhere else: commands and the domain never say `cfg`, the way rclone keeps
//! `lib/file/file_windows.go` beside `file_other.go`.

pub mod fs;
pub mod paths;
pub mod process;
pub mod term;

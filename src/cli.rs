//! Every command-line type and its help text; nothing else. Completions and the man page are
//! generated from these definitions.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    runtime error (I/O, rclone missing or failing)
  2    usage error or invalid input (bad flag, name, token or option; input missing without a terminal)
  3    storage not found
  4    connection check failed (unreachable, timeout, server error)
  5    authorization needed (token expired or revoked: run `pluton storage reauth`)
  130  interrupted";

#[derive(Debug, Parser)]
#[command(
    name = "pluton",
    version,
    about = "Connect cloud storage (put.io, Box, OneDrive and every rclone backend) for backups",
    long_about = "Connect cloud storage (put.io, Box, OneDrive and every rclone backend) for backups.\n\n\
        pluton keeps each storage's metadata in storages.toml and its connection (tokens, passwords) \
        in an rclone.conf section, so every backup tool that speaks rclone can use it: a storage whose \
        remote is `my-box` is `my-box:` to rclone.",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Directory of storages.toml, rclone.conf and the lock [default: ~/.config/pluton]
    #[arg(long, global = true, env = "PLUTON_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// rclone config file to use instead of <config dir>/rclone.conf
    #[arg(long, global = true, env = "PLUTON_RCLONE_CONFIG", value_name = "FILE")]
    pub rclone_config: Option<PathBuf>,

    /// rclone binary to run [default: the first `rclone` on PATH]
    #[arg(long, global = true, env = "PLUTON_RCLONE", value_name = "PATH")]
    pub rclone: Option<PathBuf>,

    /// Never prompt: fail with the name of the missing flag instead
    #[arg(long, global = true, env = "PLUTON_NO_INPUT")]
    pub no_input: bool,

    /// Print only results and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more about what pluton does (secrets are still redacted)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// When to use colour (NO_COLOR is honoured with `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, inspect and manage storages
    #[command(subcommand)]
    Storage(StorageCommand),

    /// Run rclone with pluton's rclone.conf
    #[command(
        long_about = "Run rclone with pluton's rclone.conf, passing every argument through and \
            returning rclone's exit code.",
        after_help = "Examples:\n  pluton rclone lsd my-box:\n  pluton rclone about my-box:",
        disable_help_flag = true
    )]
    Rclone {
        /// Arguments for rclone
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
        args: Vec<OsString>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// List storages
    #[command(after_help = "Examples:\n  pluton storage list\n  pluton storage list --json | jq -r '.[].remote'")]
    List {
        /// Print a JSON array: [{"id","name","provider","remote","path","created_at"}]
        #[arg(long)]
        json: bool,
    },

    /// Show one storage and its rclone options (secrets redacted)
    #[command(after_help = "STORAGE is a storage's name (any case), its id, or its rclone remote name.")]
    Show {
        /// The storage: name, id or remote name
        storage: String,
        /// Print JSON: the list object plus "options" and "token"
        #[arg(long)]
        json: bool,
    },

    /// Give a storage a new name (its rclone remote keeps its name)
    #[command(after_help = "The rclone remote is never renamed, so jobs that use `my-box:` keep working.")]
    Rename {
        /// The storage: name, id or remote name
        storage: String,
        /// The new name: 1-64 characters, unique regardless of case
        new_name: String,
    },

    /// Remove a storage and its rclone.conf section
    #[command(after_help = "On a terminal pluton asks before removing; without one, pass --yes.")]
    Remove {
        /// The storage: name, id or remote name
        storage: String,
        /// Do not ask for confirmation
        #[arg(short, long)]
        yes: bool,
        /// Keep the remote's section in rclone.conf; forget only pluton's metadata
        #[arg(long)]
        keep_remote: bool,
    },

    /// Adopt remotes that already exist in rclone.conf as storages
    #[command(after_help = "The storage's name is the remote's name; rclone.conf is not changed.\n\n\
        Examples:\n  pluton storage import --all\n  pluton storage import my-box my-drive")]
    Import {
        /// Remote names to import
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        remotes: Vec<String>,
        /// Import every remote that is not yet a storage
        #[arg(long)]
        all: bool,
    },
}

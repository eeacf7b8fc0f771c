//! Every command-line type and its help text; nothing else. Completions and the man page are
//! generated from these definitions.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

// Every line fits 80 columns, so a narrow terminal never wraps a comment onto a line of its own.
const ROOT_AFTER_HELP: &str = "\
Examples:
  pluton storage add box --name Box --authorize      # sign in with a browser
  rclone authorize box | ssh server \\
    pluton storage add box --name Box --token-file -  # the same, headless
  pluton storage list
  pluton storage test --all        # for cron: 0 when all work, else 4 or 5

Exit codes:
  0    success
  1    runtime error (I/O, rclone missing or failing)
  2    usage error or invalid input (bad flag, name, token or option;
       input missing without a terminal)
  3    storage not found
  4    connection check failed (unreachable, timeout, server error)
  5    authorization needed (token expired or revoked: `pluton storage reauth`)
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
    after_help = ROOT_AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line (exiting with clap's message and code 2 on a usage error).
    pub fn parse_command_line() -> Cli {
        use clap::FromArgMatches;
        let mut command = Cli::command_for_env();
        let matches = command.get_matches_mut();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit())
    }

    /// The command as this environment makes it: an environment variable set to the empty
    /// string counts as unset, as design.md §4 says for the boolean ones and as
    /// PLUTON_CACHE_DIR always did (clap took `PLUTON_CONFIG_DIR=` for `--config-dir ""` and
    /// refused every command). Completion parses its global flags through this too.
    pub fn command_for_env() -> clap::Command {
        use clap::CommandFactory;
        let mut command = Cli::command();
        let empty: Vec<clap::Id> = command
            .get_arguments()
            .filter(|arg| arg.get_env().is_some_and(|name| std::env::var_os(name).is_some_and(|v| v.is_empty())))
            .map(|arg| arg.get_id().clone())
            .collect();
        for id in empty {
            command = command.mut_arg(id, |arg| arg.env(None));
        }
        command
    }
}

#[derive(Debug, Args)]
pub struct Global {
    #[arg(
        long,
        global = true,
        env = "PLUTON_CONFIG_DIR",
        value_name = "DIR",
        help = concat!("Directory of storages.toml, rclone.conf and the lock [default: ", crate::default_config_dir!(), "]")
    )]
    pub config_dir: Option<PathBuf>,

    /// rclone config file to use instead of <config dir>/rclone.conf
    #[arg(long, global = true, env = "PLUTON_RCLONE_CONFIG", value_name = "FILE")]
    pub rclone_config: Option<PathBuf>,

    /// rclone binary to run [default: the first `rclone` on PATH]
    #[arg(long, global = true, env = "PLUTON_RCLONE", value_name = "PATH")]
    pub rclone: Option<PathBuf>,

    /// Command that prints the password of an encrypted rclone.conf (as rclone's own flag;
    /// RCLONE_CONFIG_PASS in the environment is used first)
    #[arg(long, global = true, env = "RCLONE_PASSWORD_COMMAND", value_name = "CMD", hide_env_values = true)]
    pub password_command: Option<String>,

    /// Never prompt: fail with the name of the missing flag instead
    #[arg(long, global = true, env = "PLUTON_NO_INPUT", value_parser = EnvBool)]
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

/// The value of a boolean flag that an environment variable can also set. clap's own parser
/// takes only `true`/`false`, so `PLUTON_NO_INPUT=1` failed every command; design.md §4 promises
/// 1/0, true/false, yes/no and on/off in any case, and an empty value counts as unset.
#[derive(Debug, Clone, Copy)]
pub struct EnvBool;

impl clap::builder::TypedValueParser for EnvBool {
    type Value = bool;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<bool, clap::Error> {
        let text = value.to_string_lossy();
        match text.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "" | "0" | "false" | "no" | "off" => Ok(false),
            _ => {
                // The flag itself takes no value, so a bad one came from the environment.
                let source = arg.and_then(clap::Arg::get_env).map_or_else(
                    || arg.map(|a| format!("--{}", a.get_id())).unwrap_or_default(),
                    |env| env.to_string_lossy().into_owned(),
                );
                let message = format!(
                    "{source}={text} is not a yes/no value; use 1/0, true/false, yes/no or on/off (any case), \
                     or leave it empty\n"
                );
                Err(clap::Error::raw(clap::error::ErrorKind::InvalidValue, message).with_cmd(cmd))
            }
        }
    }
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
    #[command(
        subcommand,
        after_help = "Examples:\n  pluton storage add box --name Box --authorize\n  pluton storage list\n  \
        pluton storage test --all"
    )]
    Storage(StorageCommand),

    /// Check rclone, pluton's files and every storage's section, and say what to fix
    #[command(after_help = "Exit code 0 when everything is healthy, 1 when something needs fixing.\n\
        doctor reads files and asks rclone for its version; it does not contact any storage \
        (that is `pluton storage test --all`).\n\n\
        Examples:\n  pluton doctor\n  \
        pluton doctor --json | jq -r '.checks[] | select(.status == \"warn\" or .status == \"fail\") | .message'")]
    Doctor {
        /// Print JSON: {"healthy": bool, "checks": [{"name","status","message","hint"}]}
        #[arg(long)]
        json: bool,
    },

    /// List the storage providers (rclone backends) and their options
    #[command(after_help = "Examples:\n  pluton providers\n  pluton providers box\n  pluton providers onedrive --json")]
    Providers {
        /// Show this provider's options
        provider: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Include advanced and hidden options
        #[arg(long)]
        all: bool,
    },

    /// Encrypt or decrypt rclone.conf, or keep its password in the OS keyring
    #[command(
        subcommand,
        after_help = "Examples:\n  RCLONE_CONFIG_PASS=\"$(pass show rclone)\" pluton config encrypt\n  \
        pluton config password --store-in-keyring\n  pluton config decrypt"
    )]
    Config(ConfigCommand),

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  pluton completions bash > ~/.local/share/bash-completion/completions/pluton\n  \
        pluton completions zsh > ~/.zfunc/_pluton\n  pluton completions fish > ~/.config/fish/completions/pluton.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

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
pub enum ConfigCommand {
    /// Encrypt rclone.conf with a password (rclone's own format, so rclone reads it too)
    #[command(after_help = "The password comes from RCLONE_CONFIG_PASS, --password-command, or (on a terminal)\n\
        a prompt; never from the command line. rclone then needs it too: RCLONE_CONFIG_PASS or\n\
        --password-command, which pluton passes to every rclone it runs.\n\n\
        Examples:\n  pluton config encrypt                      # on a terminal: asks for the password twice\n  \
        RCLONE_CONFIG_PASS=\"$(pass show rclone)\" pluton config encrypt")]
    Encrypt,
    /// Remove the encryption of rclone.conf (needs its password)
    #[command(after_help = "The password comes from RCLONE_CONFIG_PASS, --password-command, the OS keyring, or \
        (on a terminal) a prompt.\n\n\
        Examples:\n  pluton config decrypt\n  pluton config decrypt --password-command \"pass show rclone\"")]
    Decrypt,
    /// Keep the password of an encrypted rclone.conf in the OS keyring, or take it out again
    #[command(
        group = clap::ArgGroup::new("action").required(true).args(["store_in_keyring", "forget", "print"]),
        after_help = concat!(
            "The keyring item is service `pluton`, user the absolute path of rclone.conf (symlinks\n\
            resolved): ",
            crate::keyring_item_hint!(),
            ".\n--print reads the keyring alone (never RCLONE_CONFIG_PASS or RCLONE_PASSWORD_COMMAND).\n\n\
            Examples:\n",
            crate::password_examples!(),
            "  rclone --config ",
            crate::default_config_dir!(),
            crate::path_separator!(),
            "rclone.conf lsd my-box:\n  \
            pluton config password --forget"
        )
    )]
    Password {
        /// Keep the password in the OS keyring, so pluton finds it without RCLONE_CONFIG_PASS
        #[arg(long)]
        store_in_keyring: bool,

        /// Remove the password from the OS keyring
        #[arg(long)]
        forget: bool,

        /// Print the password from the OS keyring for rclone's --password-command (refused when
        /// stdout is a terminal)
        #[arg(long)]
        print: bool,
    },

    /// List the kept copies of rclone.conf and storages.toml, newest first
    #[command(after_help = "pluton keeps a copy of rclone.conf and storages.toml before it changes either, and of\n\
        rclone.conf when a command (at least `storage test`) finds it changed by someone else, such as\n\
        rclone refreshing a token. The copies are 0600 files in <config dir>/history (0700), an\n\
        encrypted rclone.conf copied as it is; the newest 30 of each file stay (PLUTON_KEEP_COPIES=N).\n\n\
        Examples:\n  pluton config history\n  pluton config history --json | jq -r '.[0].id'")]
    History {
        /// Print JSON: an array of {"id","time","file","why","size","remotes","path"}
        #[arg(long)]
        json: bool,
    },

    /// Put a kept copy back (the file it replaces is kept as a copy first, so this can be undone)
    #[command(after_help = "On a terminal pluton asks before restoring; without one, pass --yes.\n\n\
        Examples:\n  pluton config restore 20261206-061500-042 --dry-run\n  \
        pluton config restore 20261206-061500-042 --yes")]
    Restore {
        /// The copy's id, as `pluton config history` shows it (a unique prefix will do)
        id: String,
        /// Do not ask for confirmation
        #[arg(short, long)]
        yes: bool,
        /// Show which remotes or storages would come back, go or change; write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

const APPLY_LONG_ABOUT: &str = "\
Make this host's storages what a file declares. The file (TOML, or JSON when it starts with `{`) \
lists [[storage]] entries; a storage missing here is created, one that differs gets only the \
differing keys rewritten, the rest is left alone. Running it again changes nothing.

Every entry is checked first (names, providers, options against rclone's schema, every secret \
and token readable); created and changed storages are verified in a private copy; only then are \
rclone.conf and storages.toml written, each in one atomic write. Any failure writes nothing.

Secrets and tokens are never written in the file, only referred to: { file = \"PATH\" } or \
{ env = \"VARIABLE\" }. A storage's existing token is never replaced (rclone refreshes it in \
rclone.conf) unless --replace-tokens. `key = \"\"` removes an option; options the file does not \
name are kept.";

const APPLY_AFTER_HELP: &str = "\
File format:
  [[storage]]
  name = \"NAS\"                       # required; matched case-insensitively
  provider = \"webdav\"                # required (rclone backend)
  remote = \"nas\"                     # optional; chosen at creation only
  path = \"backups/web1\"              # optional
  test = true                        # optional; verify when created or changed
  options = { url = \"https://nas.example/dav\", vendor = \"other\", user = \"backup\" }
  secrets = { pass = { file = \"/etc/pluton/nas.pass\" } }   # or { env = \"VAR\" }

  [[storage]]
  name = \"Box\"
  provider = \"box\"
  token = { file = \"/etc/pluton/box.token\" }   # anything --token-file takes

Output: one line per storage (create, update (keys: …), unchanged, remove, not in file), never a \
value. --json: {\"changed\", \"created\", \"updated\", \"unchanged\", \"removed\", \"storages\": \
[{\"name\", \"action\", \"keys\"}]}. Exit code: 0, or that of the first failure (2 for the file, \
4/5 for a connection check).

Examples:
  pluton storage apply /etc/pluton/storages.toml
  pluton storage apply storages.toml --check          # what would change; writes nothing
  pluton storage apply storages.toml --json --prune   # for Ansible: read \"changed\"
  cat storages.json | pluton storage apply -";

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The apply file, or `-` for stdin
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Print what would change and exit 0; write nothing, check no connection
    #[arg(long)]
    pub check: bool,
    /// Remove the storages pluton manages that the file does not name (never other remotes)
    #[arg(long)]
    pub prune: bool,
    /// Take over a remote already in rclone.conf that pluton does not manage, when an entry
    /// names it
    #[arg(long)]
    pub adopt: bool,
    /// Replace existing storages' tokens with the declared ones
    #[arg(long)]
    pub replace_tokens: bool,
    /// Save without checking connections first
    #[arg(long)]
    pub no_test: bool,
    /// How many storages to check at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub jobs: u64,
    /// Seconds each connection check may take
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Print JSON: {"changed", "created", "updated", "unchanged", "removed", "storages"}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// Connect a new storage: verify it with rclone, then save it
    #[command(long_about = ADD_LONG_ABOUT, after_help = ADD_AFTER_HELP)]
    Add(Box<AddArgs>),

    /// List storages
    #[command(after_help = "Examples:\n  pluton storage list\n  pluton storage list --json | jq -r '.[].remote'")]
    List {
        /// Print a JSON array: [{"id","name","provider","remote","path","created_at",
        /// "last_check","last_status","last_success"}]
        #[arg(long)]
        json: bool,
    },

    /// Show one storage and its rclone options (secrets redacted)
    #[command(after_help = "STORAGE is a storage's name (any case), its id, or its rclone remote name.\n\n\
        Examples:\n  pluton storage show my-box\n  pluton storage show my-box --json | jq .options")]
    Show {
        /// The storage: name, id or remote name
        storage: String,
        /// Print JSON: the list object (with the last check) plus "options" and "token"
        #[arg(long)]
        json: bool,
    },

    /// Check that storages answer and accept their credentials
    #[command(after_help = "Exit codes: 0 when every storage passed, 5 when any needs a new sign-in \
        (`pluton storage reauth`), else 4.\n\n\
        Examples:\n  pluton storage test --all\n  pluton storage test my-box --json\n\n\
        A cron line that mails only when something needs a person:\n  \
        0 6 * * *  pluton storage test --all --quiet || echo \"pluton: storages need attention\"\n\n\
        For Prometheus: node_exporter's textfile collector reads the file; the shipped systemd timer \
        (pluton-check.timer, see docs/monitoring.md) runs this once a day, which also keeps Box and \
        OneDrive sign-ins from lapsing unused:\n  \
        pluton storage test --all --usage --metrics-file /var/lib/prometheus/node-exporter/pluton.prom\n  \
        systemctl enable --now pluton-check.timer\n\n\
        The metrics file is written (atomically, mode 0644) also when checks fail; the exit code stays as \
        above. `--metrics-file -` prints it on stdout instead of the table.")]
    Test {
        /// Storages to check: names, ids or remote names
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        storages: Vec<String>,
        /// Check every storage
        #[arg(long)]
        all: bool,
        /// Print a JSON array: [{"name","remote","ok","status","message","duration_ms"}]
        #[arg(long)]
        json: bool,
        /// Seconds each storage may take
        #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
        /// How many storages to check at once [default: up to 8]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=64))]
        jobs: Option<u64>,
        /// Also write the results as Prometheus metrics (node_exporter textfile) to PATH; `-`: stdout
        #[arg(long, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
        metrics_file: Option<std::path::PathBuf>,
        /// Add each storage's quota (total/used/free bytes, from `rclone about`) to the metrics
        #[arg(long, requires = "metrics_file")]
        usage: bool,
    },

    /// Change a storage's rclone options (checked, and verified before they are saved)
    #[command(after_help = "Only the keys named change; every other line of rclone.conf stays as it was.\n\n\
        Examples:\n  pluton storage edit my-box --set upload_cutoff=100Mi\n  \
        pluton storage edit nas --set pass=@new-pass.txt\n  pluton storage edit my-box --unset root_folder_id")]
    Edit {
        /// The storage: name, id or remote name
        storage: String,
        /// Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin)
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// Remove an option (rclone then uses its default)
        #[arg(long, value_name = "KEY")]
        unset: Vec<String>,
        /// Save without checking the connection first
        #[arg(long)]
        no_test: bool,
        /// Seconds to wait for the connection check
        #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },

    /// Make this host's storages what a file declares (idempotent; for Ansible, cloud-init, cron)
    #[command(long_about = APPLY_LONG_ABOUT, after_help = APPLY_AFTER_HELP)]
    Apply(ApplyArgs),

    /// Print an apply file that reproduces the storages (secrets only by reference)
    #[command(after_help = "Each secret and token becomes { env = \"PLUTON_<REMOTE>_<KEY>\" } (the \
        variables to set are listed on stderr), or with --secrets-dir a { file = \"DIR/<remote>.<key>\" } \
        written there (0600; DIR 0700). The output itself never holds a secret. Relative file \
        paths are read relative to the apply file's directory.\n\n\
        Examples:\n  pluton storage export > storages.toml\n  \
        pluton storage export my-box nas --json\n  \
        pluton storage export --secrets-dir secrets > storages.toml    # then copy both to the new host\n  \
        pluton storage apply storages.toml                             # on the new host")]
    Export {
        /// Storages to export: names, ids or remote names [default: all]
        storages: Vec<String>,
        /// Print JSON instead of TOML
        #[arg(long)]
        json: bool,
        /// Write each secret and token into a file in DIR and refer to it
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        secrets_dir: Option<PathBuf>,
    },

    /// Give an OAuth storage a new token (after it expired or was revoked)
    #[command(after_help = "Only the token line of the storage's section changes. The new token is \
        checked against the provider first; --no-test saves it unchecked (a proxy, an outage).\n\n\
        Examples:\n  pluton storage reauth my-box --authorize\n  \
        rclone authorize box | ssh server pluton storage reauth my-box --token-file -\n  \
        pluton storage reauth my-box --token-file token.txt --no-test")]
    Reauth {
        /// The storage: name, id or remote name
        storage: String,
        /// Read the new token from FILE, or stdin with `-` (any format `storage add` accepts)
        #[arg(long, value_name = "FILE|-", conflicts_with = "authorize")]
        token_file: Option<PathBuf>,
        /// Sign in with a browser: pluton runs `rclone authorize` and shows the link to open
        #[arg(long)]
        authorize: bool,
        /// With --authorize: only print the link, do not try to open a browser here
        #[arg(long, requires = "authorize")]
        no_browser: bool,
        /// Sign in with a short code entered on any other device (put.io, OneDrive)
        #[arg(long, conflicts_with_all = ["authorize", "token_file"])]
        device: bool,
        /// Save the new token without checking the connection first
        #[arg(long)]
        no_test: bool,
        /// Seconds to wait for the connection check [default: 30], or for the browser sign-in
        /// with --authorize [default: 300]
        #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: Option<u64>,
    },

    /// Show a storage's total, used and free space
    #[command(after_help = "Asks the provider through `rclone about`; not every backend can tell.\n\n\
        Examples:\n  pluton storage usage my-box\n  pluton storage usage my-box --json | jq .free")]
    Usage {
        /// The storage: name, id or remote name
        storage: String,
        /// Print JSON: {"total","used","free","trashed",…} in bytes
        #[arg(long)]
        json: bool,
        /// Seconds to wait for the provider
        #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },

    /// Give a storage a new name (its rclone remote keeps its name)
    #[command(after_help = "The rclone remote is never renamed, so jobs that use `my-box:` keep working.\n\n\
        Examples:\n  pluton storage rename my-box \"Box (old account)\"")]
    Rename {
        /// The storage: name, id or remote name
        storage: String,
        /// The new name: 1-64 characters, unique regardless of case
        new_name: String,
    },

    /// Remove a storage and its rclone.conf section
    #[command(after_help = "On a terminal pluton asks before removing; without one, pass --yes.\n\n\
        Examples:\n  pluton storage remove my-box\n  pluton storage remove my-box --yes --keep-remote   # forget it, keep [my-box] in rclone.conf")]
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

    /// Bring back a storage: its rclone.conf section and its entry, from the newest copies that have them
    #[command(
        after_help = "For a storage whose section vanished (an rclone process wrote back an older rclone.conf)\n\
        or that was removed: the section comes from the newest kept copy of rclone.conf that has it, the\n\
        entry (same id and remote) from the newest copy of storages.toml; every other byte stays as it is.\n\
        A token in an older copy may have been used up since: `pluton storage test NAME` tells.\n\n\
        Examples:\n  pluton storage restore my-box"
    )]
    Restore {
        /// The storage: name, id or remote name (as it is now, or as it was when it was removed)
        storage: String,
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

const ADD_LONG_ABOUT: &str = "Connect a new storage.

pluton writes the candidate rclone section into a private temporary config, lists the storage \
with rclone to prove it works (unless --no-test), and only then adds the section to rclone.conf \
and the storage to storages.toml. A failed check changes nothing.

OAuth providers (put.io, Box, OneDrive, …) need a token. Ways to sign in:
  --authorize               a browser here (pluton runs `rclone authorize` and shows the link)
  --authorize --no-browser  only print the link, e.g. to open through `ssh -L 53682:127.0.0.1:53682`
  --device                  a code to enter on any other device, e.g. a phone (put.io, OneDrive)
  --token-file FILE|-       the output of `rclone authorize PROVIDER` run on another machine
                            (the whole output is fine: pluton finds the token between the markers)
  --client-id ID --client-secret-file FILE   your own OAuth app, with either of the above
  --set box_config_file=PATH                 Box JWT (service account), no token needed
  --set client_credentials=true              the client credentials flow, no browser";

const ADD_AFTER_HELP: &str = "Examples:
  pluton storage add box --name Box --authorize
  pluton storage add onedrive --name OneDrive --device      # on a server: approve on your phone
  rclone authorize box | ssh server pluton storage add box --name Box --token-file -
  pluton storage add putio --name Putio --token-file token.json
  pluton storage add onedrive --name OneDrive --token-file token.json \\
      --set drive_id=b!abc --set drive_type=personal
  pluton storage add webdav --name NAS --set url=https://nas.local/dav --set user=me --set pass=@pass.txt
  pluton storage add s3 --name Bucket --set provider=AWS --set access_key_id=AKIA… \\
      --set secret_access_key=@secret.txt --set region=eu-west-1 --path backups

Options are rclone's: `pluton providers PROVIDER` lists them with their defaults and allowed values.";

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The provider: an rclone backend such as putio, box, onedrive, webdav, s3, sftp
    pub provider: Option<String>,

    /// The storage's name, as people see it (1-64 characters, unique regardless of case)
    #[arg(long)]
    pub name: Option<String>,

    /// The rclone remote (section) name [default: derived from the name, e.g. "My Box" → my-box]
    #[arg(long, value_name = "REMOTE")]
    pub remote: Option<String>,

    /// Default folder inside the storage for backups (e.g. backups/laptop)
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,

    /// Read the OAuth token from FILE, or from stdin with `-`: the token JSON, the whole output of
    /// `rclone authorize`, or its base64 form
    #[arg(long, value_name = "FILE|-", conflicts_with = "authorize")]
    pub token_file: Option<PathBuf>,

    /// Sign in with a browser: pluton runs `rclone authorize` and shows the link to open
    #[arg(long)]
    pub authorize: bool,

    /// With --authorize: do not try to open a browser here, only print the link (open it on a
    /// machine whose browser can reach this one's port 53682, e.g. through `ssh -L 53682:127.0.0.1:53682`)
    #[arg(long, requires = "authorize")]
    pub no_browser: bool,

    /// Sign in with a short code entered on any other device, a phone will do (put.io, OneDrive);
    /// needs no browser and no rclone here
    #[arg(long, conflicts_with_all = ["authorize", "token_file"])]
    pub device: bool,

    /// Your own OAuth app's client id
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,

    /// Read your own OAuth app's client secret from FILE, or stdin with `-` (or set PLUTON_CLIENT_SECRET)
    #[arg(long, value_name = "FILE|-")]
    pub client_secret_file: Option<PathBuf>,

    /// Set an rclone option; KEY=@FILE reads the value from FILE (`@-` from stdin), which keeps
    /// secrets out of your shell history and of `ps`
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// Sign in as your own app, with no browser and no user (OAuth client credentials flow;
    /// needs --client-id and --client-secret-file; OneDrive also --set tenant=…)
    #[arg(long, requires = "client_id", conflicts_with_all = ["authorize", "token_file"])]
    pub client_credentials: bool,

    /// OneDrive: which kind of drive to use when the account has several (found after sign-in;
    /// one drive is picked by itself). sharepoint without --site is the root site's document
    /// library, as in rclone; --set drive_id=ID names one drive exactly
    #[arg(long, value_enum, value_name = "KIND")]
    pub drive: Option<crate::providers::onedrive::DriveKind>,

    /// OneDrive: the SharePoint site whose document library to use, by URL or name
    /// (e.g. https://contoso.sharepoint.com/sites/backups)
    #[arg(long, value_name = "URL")]
    pub site: Option<String>,

    /// Save without checking the connection first
    #[arg(long)]
    pub no_test: bool,

    /// Seconds to wait for the connection check [default: 30], for the browser sign-in with
    /// --authorize [default: 300], or for the code's approval with --device [default: 900]
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: Option<u64>,

    /// Show what would be written (secrets redacted) and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Print the new storage as JSON
    #[arg(long)]
    pub json: bool,
}

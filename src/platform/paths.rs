//! The default locations as each OS's help texts name them. The paths themselves come from the
//! `directories` crate (in `context`); these are what `--help` and the docs say, written the
//! way a user of that OS writes them, so that the help is true wherever it is read.
//!
//! Macros rather than constants so that `concat!` can build whole help texts from them.

/// pluton's config dir (storages.toml, rclone.conf, the lock).
#[cfg(windows)]
#[macro_export]
macro_rules! default_config_dir {
    () => {
        r"%APPDATA%\pluton\config"
    };
}
/// pluton's config dir (storages.toml, rclone.conf, the lock).
#[cfg(target_os = "macos")]
#[macro_export]
macro_rules! default_config_dir {
    () => {
        "~/Library/Application Support/pluton"
    };
}
/// pluton's config dir (storages.toml, rclone.conf, the lock).
#[cfg(not(any(windows, target_os = "macos")))]
#[macro_export]
macro_rules! default_config_dir {
    () => {
        "~/.config/pluton"
    };
}

/// pluton's cache dir (rclone's provider schema, per rclone binary).
#[cfg(windows)]
#[macro_export]
macro_rules! default_cache_dir {
    () => {
        r"%LOCALAPPDATA%\pluton\cache"
    };
}
/// pluton's cache dir (rclone's provider schema, per rclone binary).
#[cfg(target_os = "macos")]
#[macro_export]
macro_rules! default_cache_dir {
    () => {
        "~/Library/Caches/pluton"
    };
}
/// pluton's cache dir (rclone's provider schema, per rclone binary).
#[cfg(not(any(windows, target_os = "macos")))]
#[macro_export]
macro_rules! default_cache_dir {
    () => {
        "~/.cache/pluton"
    };
}

/// Between a directory and a file name in the paths help texts show.
#[cfg(windows)]
#[macro_export]
macro_rules! path_separator {
    () => {
        r"\"
    };
}
/// Between a directory and a file name in the paths help texts show.
#[cfg(not(windows))]
#[macro_export]
macro_rules! path_separator {
    () => {
        "/"
    };
}

/// Where a person finds the keyring item of `config password --store-in-keyring`.
#[cfg(windows)]
#[macro_export]
macro_rules! keyring_item_hint {
    () => {
        r"Credential Manager lists it under Windows Credentials as `<path of rclone.conf>.pluton`"
    };
}
/// Where a person finds the keyring item of `config password --store-in-keyring`.
#[cfg(target_os = "macos")]
#[macro_export]
macro_rules! keyring_item_hint {
    () => {
        "`security find-generic-password -s pluton -a \"$HOME/Library/Application Support/pluton/rclone.conf\"` shows it"
    };
}
/// Where a person finds the keyring item of `config password --store-in-keyring`.
#[cfg(not(any(windows, target_os = "macos")))]
#[macro_export]
macro_rules! keyring_item_hint {
    () => {
        "`secret-tool lookup service pluton username ~/.config/pluton/rclone.conf` shows it"
    };
}

/// The first lines of `config password --help`'s examples, in this OS's shell: how to hand
/// pluton the password once and tell rclone where to get it.
#[cfg(windows)]
#[macro_export]
macro_rules! password_examples {
    () => {
        "  $env:RCLONE_CONFIG_PASS = Read-Host -MaskInput; pluton config password --store-in-keyring\n  \
         $env:RCLONE_PASSWORD_COMMAND = \"pluton config password --print\"\n"
    };
}
/// The first lines of `config password --help`'s examples, in this OS's shell: how to hand
/// pluton the password once and tell rclone where to get it.
#[cfg(not(windows))]
#[macro_export]
macro_rules! password_examples {
    () => {
        "  RCLONE_CONFIG_PASS=\"$(pass show rclone)\" pluton config password --store-in-keyring\n  \
         export RCLONE_PASSWORD_COMMAND=\"pluton config password --print\"\n"
    };
}

/// Whether paths here start with drive letters, so that rclone reads a one-letter remote
/// (`w:`) as a drive.
pub const DRIVE_LETTERS: bool = cfg!(windows);

#[cfg(test)]
mod tests {
    /// The help text names what `directories` really gives on this OS.
    #[test]
    fn the_named_defaults_are_the_real_ones() {
        let Some(dirs) = directories::ProjectDirs::from("", "", "pluton") else {
            return;
        };
        let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) else {
            return;
        };
        if cfg!(windows) {
            return; // %APPDATA% is expanded by no one here; the Wine tests look at it.
        }
        let named = |text: &str| home.join(text.trim_start_matches("~/"));
        assert_eq!(dirs.config_dir(), named(default_config_dir!()));
        assert_eq!(dirs.cache_dir(), named(default_cache_dir!()));
    }
}

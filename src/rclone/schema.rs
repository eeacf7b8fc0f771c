//! rclone's provider schema (`rclone config providers`): every backend and its options, with
//! types, defaults, allowed values and which ones are secret.
//!
//! Loading it costs an rclone run and a megabyte of JSON, so a slimmed copy is cached in the
//! cache dir, keyed by the rclone binary itself (path, size, mtime): a warm cache starts no
//! process at all, and a new rclone gets a new schema automatically.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

use super::compat::{self, Version};
use super::{Rclone, RunOptions};
use crate::store;

/// Bumped when the cached format changes, so old caches are ignored.
const CACHE_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Schema {
    pub rclone_version: String,
    pub backends: Vec<Backend>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Backend {
    pub name: String,
    pub description: String,
    pub prefix: String,
    pub hide: bool,
    pub features: Vec<String>,
    pub options: Vec<OptionSpec>,
    /// The release whose schema this is (set when loaded, not cached with it): what a missing
    /// option means depends on it (see `compat`).
    #[serde(skip)]
    pub rclone_version: Option<Version>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OptionSpec {
    pub name: String,
    pub help: String,
    /// rclone's type name: string, bool, int, SizeSuffix, Duration, Encoding, Tristate, …
    pub type_name: String,
    /// The default as a person would type it (rclone's ValueStr, else DefaultStr).
    pub default: String,
    pub required: bool,
    pub is_password: bool,
    pub sensitive: bool,
    pub advanced: bool,
    pub exclusive: bool,
    /// 1: hidden from the command line, 2: from the configurator, 3: both.
    pub hide: u8,
    pub examples: Vec<Example>,
    /// Only for these `provider` values of the remote (comma list, `!` negates); empty: all.
    pub provider: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    pub value: String,
    pub help: String,
    pub provider: String,
}

#[derive(Serialize, Deserialize)]
struct Cached {
    format: u32,
    key: String,
    schema: Schema,
}

impl Schema {
    pub fn load(rclone: &Rclone, cache_dir: &Path) -> Result<Schema> {
        let key = super::binary::key(rclone.bin());
        let cache = cache_path(cache_dir, &key);
        if let Some(schema) = read_cache(&cache, Some(&key)) {
            return Ok(schema.finished());
        }
        let schema = Schema::from_rclone(rclone)?;
        let cached = Cached { format: CACHE_FORMAT, key, schema };
        // A cache that cannot be written only costs the next run another rclone call.
        if let Ok(bytes) = serde_json::to_vec(&cached) {
            let _ = store::write_atomic(&cache, &bytes);
        }
        Ok(cached.schema.finished())
    }

    /// Like `load`, but only the backends named (any case): a warm cache then deserializes two
    /// backends instead of seventy, which is most of the time `storage apply` spends on a file of
    /// local storages. Names rclone does not know are simply absent, as with `load`.
    pub fn load_only(rclone: &Rclone, cache_dir: &Path, names: &[&str]) -> Result<Schema> {
        let key = super::binary::key(rclone.bin());
        if let Some(schema) = read_cache_only(&cache_path(cache_dir, &key), Some(&key), names) {
            return Ok(schema.finished());
        }
        let mut schema = Schema::load(rclone, cache_dir)?;
        schema.backends.retain(|b| names.iter().any(|n| b.name.eq_ignore_ascii_case(n.trim())));
        Ok(schema)
    }

    /// Whether the cache already holds the schema of this very rclone binary.
    pub fn is_cached(rclone: &Rclone, cache_dir: &Path) -> bool {
        let key = super::binary::key(rclone.bin());
        read_cache(&cache_path(cache_dir, &key), Some(&key)).is_some()
    }

    /// The cached schema, read without running anything (shell completion must never start
    /// rclone): that of the rclone binary `bin` when it has one, else the newest cached schema
    /// of any rclone (an older rclone's options beat none), else `None`. `only`: just these
    /// backends, as `load_only` (`--set <TAB>` needs one backend's options, not seventy).
    pub fn cached_only(bin: Option<&Path>, cache_dir: &Path, only: Option<&[&str]>) -> Option<Schema> {
        let read = |path: &Path, key: Option<&str>| match only {
            Some(names) => read_cache_only(path, key, names),
            None => read_cache(path, key),
        };
        if let Some(bin) = bin {
            let key = super::binary::key(bin);
            if let Some(schema) = read(&cache_path(cache_dir, &key), Some(&key)) {
                return Some(schema.finished());
            }
        }
        let mut caches: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(cache_dir)
            .ok()?
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("rclone-schema-"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        caches.sort();
        caches.into_iter().rev().find_map(|(_, path)| read(&path, None)).map(Schema::finished)
    }

    fn from_rclone(rclone: &Rclone) -> Result<Schema> {
        // The schema does not depend on any config: rclone's memory-only config keeps it from
        // touching (or creating) the user's file.
        let rclone = rclone.with_config(PathBuf::from("/dev/null"));
        let out = rclone.run(["config", "providers"], RunOptions::with_timeout(Duration::from_secs(30)))?;
        if !out.success() {
            anyhow::bail!(
                "`rclone config providers` failed: {}",
                crate::secrets::redact_text(String::from_utf8_lossy(&out.stderr).trim())
            );
        }
        let backends = parse_providers(&out.stdout)?;
        let rclone_version = rclone.version().unwrap_or_default();
        Ok(Schema { rclone_version, backends })
    }

    /// What the cache does not hold: which release each backend comes from, and the seed
    /// providers' sign-in where this release's schema leaves it out.
    fn finished(mut self) -> Schema {
        let version = Version::parse(&self.rclone_version);
        for backend in &mut self.backends {
            backend.rclone_version = version;
            complete_sign_in(backend);
        }
        self
    }

    /// The installed release, when `rclone version` answered as rclone does.
    pub fn version(&self) -> Option<Version> {
        Version::parse(&self.rclone_version)
    }

    /// A backend by name, in any case.
    pub fn backend(&self, name: &str) -> Option<&Backend> {
        let wanted = name.trim();
        self.backends.iter().find(|b| b.name.eq_ignore_ascii_case(wanted))
    }
}

impl Backend {
    pub fn option(&self, key: &str) -> Option<&OptionSpec> {
        self.options.iter().find(|o| o.name == key)
    }

    /// Why this rclone has no `key` when a newer release has it (see `compat`); `None` when no
    /// release is known to have it.
    pub fn newer_rclone_has(&self, key: &str) -> Option<crate::error::Error> {
        compat::missing_option(&self.name, key, self.rclone_version?)
    }

    /// Signs in with OAuth: it keeps a token and can use a client app of the user's own (or is
    /// one of the seed providers, which sign in with OAuth in every supported rclone).
    pub fn is_oauth(&self) -> bool {
        self.option("token").is_some()
            && (self.option("client_id").is_some() || compat::signs_in_with_oauth(&self.name))
    }
}

/// What the installed rclone's schema leaves out of the seed providers' sign-in: put.io signs in
/// with OAuth in every supported release, though 1.60.1 lists no `token` option for it.
fn complete_sign_in(backend: &mut Backend) {
    if compat::signs_in_with_oauth(&backend.name) && backend.option("token").is_none() {
        backend.options.push(OptionSpec {
            name: "token".into(),
            help: "OAuth Access Token as a JSON blob.".into(),
            type_name: "string".into(),
            default: String::new(),
            required: false,
            is_password: false,
            sensitive: true,
            advanced: true,
            exclusive: false,
            hide: 0,
            examples: Vec::new(),
            provider: String::new(),
        });
    }
}

/// The JSON rclone prints, reduced to what pluton uses.
pub fn parse_providers(json: &[u8]) -> Result<Vec<Backend>> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct RawBackend {
        name: String,
        #[serde(default)]
        description: String,
        #[serde(default)]
        prefix: String,
        #[serde(default)]
        hide: bool,
        #[serde(default)]
        options: Option<Vec<RawOption>>,
        #[serde(default)]
        overview: Option<RawOverview>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct RawOverview {
        #[serde(default)]
        features: Option<Vec<String>>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct RawOption {
        name: String,
        #[serde(default)]
        help: String,
        #[serde(default, rename = "Type")]
        type_name: String,
        #[serde(default)]
        default_str: String,
        #[serde(default)]
        value_str: String,
        #[serde(default)]
        required: bool,
        #[serde(default)]
        is_password: bool,
        #[serde(default)]
        sensitive: bool,
        #[serde(default)]
        advanced: bool,
        #[serde(default)]
        exclusive: bool,
        #[serde(default)]
        hide: u8,
        #[serde(default)]
        examples: Option<Vec<RawExample>>,
        #[serde(default)]
        provider: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct RawExample {
        #[serde(default)]
        value: String,
        #[serde(default)]
        help: String,
        #[serde(default)]
        provider: String,
    }
    let raw: Vec<RawBackend> = serde_json::from_slice(json).context("reading `rclone config providers` output")?;
    Ok(raw
        .into_iter()
        .map(|b| Backend {
            name: b.name,
            description: b.description,
            prefix: b.prefix,
            hide: b.hide,
            features: b.overview.and_then(|o| o.features).unwrap_or_default(),
            rclone_version: None,
            options: b
                .options
                .unwrap_or_default()
                .into_iter()
                .map(|o| OptionSpec {
                    default: if o.value_str.is_empty() { o.default_str } else { o.value_str },
                    name: o.name,
                    help: o.help,
                    type_name: o.type_name,
                    required: o.required,
                    is_password: o.is_password,
                    sensitive: o.sensitive,
                    advanced: o.advanced,
                    exclusive: o.exclusive,
                    hide: o.hide,
                    examples: o
                        .examples
                        .unwrap_or_default()
                        .into_iter()
                        .map(|e| Example { value: e.value, help: e.help, provider: e.provider })
                        .collect(),
                    provider: o.provider,
                })
                .collect(),
        })
        .collect())
}

fn cache_path(cache_dir: &Path, key: &str) -> PathBuf {
    cache_dir.join(format!("rclone-schema-{}.json", super::binary::key_hash(key)))
}

/// A cache file's schema; `key`: only when it is that binary's (`None`: any rclone's).
fn read_cache(path: &Path, key: Option<&str>) -> Option<Schema> {
    let bytes = std::fs::read(path).ok()?;
    let cached: Cached = serde_json::from_slice(&bytes).ok()?;
    (cached.format == CACHE_FORMAT && key.is_none_or(|k| cached.key == k)).then_some(cached.schema)
}

/// The cache with each backend left as raw JSON until its name says it is wanted.
fn read_cache_only(path: &Path, key: Option<&str>, names: &[&str]) -> Option<Schema> {
    #[derive(Deserialize)]
    struct Lazy<'a> {
        format: u32,
        key: String,
        #[serde(borrow)]
        schema: LazySchema<'a>,
    }
    #[derive(Deserialize)]
    struct LazySchema<'a> {
        rclone_version: String,
        #[serde(borrow)]
        backends: Vec<&'a serde_json::value::RawValue>,
    }
    #[derive(Deserialize)]
    struct NameOnly<'a> {
        #[serde(borrow)]
        name: std::borrow::Cow<'a, str>,
    }
    let bytes = std::fs::read(path).ok()?;
    let cached: Lazy = serde_json::from_slice(&bytes).ok()?;
    if cached.format != CACHE_FORMAT || key.is_some_and(|k| cached.key != k) {
        return None;
    }
    // The cache is written from `Backend`, whose first field is its name: read the name off the
    // front instead of scanning each backend a second time (most of the cost, for seventy
    // backends of which a file names one or two); anything else is parsed properly.
    let name_of = |raw: &'_ str| -> Option<String> {
        let quick = raw.strip_prefix("{\"name\":\"").and_then(|rest| rest.split_once('"')).map(|(n, _)| n);
        match quick {
            Some(name) if !name.contains('\\') => Some(name.to_string()),
            _ => serde_json::from_str::<NameOnly>(raw).ok().map(|n| n.name.into_owned()),
        }
    };
    let mut backends = Vec::new();
    for raw in cached.schema.backends {
        let name = name_of(raw.get())?;
        if names.iter().any(|n| name.eq_ignore_ascii_case(n.trim())) {
            backends.push(serde_json::from_str::<Backend>(raw.get()).ok()?);
        }
    }
    Some(Schema { rclone_version: cached.schema.rclone_version, backends })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[{"Name":"box","Description":"Box","Prefix":"box","Hide":false,
      "Overview":{"Features":["About"]},
      "Options":[
        {"Name":"client_id","Help":"OAuth Client Id","Type":"string","DefaultStr":"","ValueStr":"","Sensitive":true},
        {"Name":"token","Help":"OAuth Access Token as a JSON blob.","Type":"string","Advanced":true,"Sensitive":true},
        {"Name":"upload_cutoff","Help":"Cutoff","Type":"SizeSuffix","Default":52428800,"DefaultStr":"50Mi","ValueStr":"50Mi","Advanced":true},
        {"Name":"box_sub_type","Type":"string","DefaultStr":"user","ValueStr":"user","Examples":[{"Value":"user","Help":"Rclone should act on behalf of a user."},{"Value":"enterprise","Help":"Rclone should act on behalf of a service account."}]}
      ]}]"#;

    #[test]
    fn parses_the_fields_pluton_uses() -> Result<()> {
        let backends = parse_providers(SAMPLE.as_bytes())?;
        let schema = Schema { rclone_version: "rclone v1".into(), backends };
        let b = schema.backend("BOX").context("box")?;
        assert!(b.is_oauth());
        assert_eq!(b.features, ["About"]);
        let cutoff = b.option("upload_cutoff").context("upload_cutoff")?;
        assert_eq!((cutoff.type_name.as_str(), cutoff.default.as_str(), cutoff.advanced), ("SizeSuffix", "50Mi", true));
        assert_eq!(b.option("box_sub_type").map(|o| o.examples.len()), Some(2));
        assert!(b.option("client_id").is_some_and(|o| o.sensitive));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_warm_cache_starts_no_rclone() -> Result<()> {
        if which::which("rclone").is_err() {
            eprintln!("rclone not on PATH; skipping");
            return Ok(());
        }
        let dir = tempfile::tempdir()?;
        // A private copy of rclone, so that it can be made unrunnable after the first load.
        let bin = dir.path().join("rclone");
        // Copied by `cp`, not by this process: a file this (multi-threaded) test process had open
        // for writing could be inherited by a concurrent fork and make the exec fail (ETXTBSY).
        let copied = std::process::Command::new("cp").arg(which::which("rclone")?).arg(&bin).status()?;
        assert!(copied.success());
        let conf = dir.path().join("rclone.conf");
        let cache = dir.path().join("cache");
        let first = Schema::load(&Rclone::new(bin.clone(), conf.clone()), &cache)?;
        assert!(first.backend("onedrive").is_some_and(|b| b.is_oauth()));
        assert!(first.rclone_version.starts_with("rclone v"));
        // Same path, size and mtime, but it can no longer run: only the cache can answer.
        crate::platform::fs::set_mode(&bin, 0o600)?;
        let second = Schema::load(&Rclone::new(bin.clone(), conf.clone()), &cache)?;
        assert_eq!(second.backends.len(), first.backends.len());
        // Loading only some backends reads the same cache and gives those, whole.
        let some = Schema::load_only(&Rclone::new(bin.clone(), conf.clone()), &cache, &["Box", "local", "nosuch"])?;
        let names: Vec<&str> = some.backends.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["local", "box"], "in the schema's own order");
        assert_eq!(some.backend("box").map(|b| b.options.len()), first.backend("box").map(|b| b.options.len()));
        // A corrupt cache is rebuilt (and here, with rclone unrunnable, that fails loudly).
        for entry in std::fs::read_dir(&cache)? {
            std::fs::write(entry?.path(), b"{not json")?;
        }
        assert!(Schema::load(&Rclone::new(bin, conf), &cache).is_err());
        Ok(())
    }
}

//! The apply file (design.md §9): TOML, or JSON when its first non-blank character is `{`.
//!
//! It is read into plain declarations first, every entry checked for its shape, so that an
//! error names the entry (its `name`, or its position) and the key, not only a line number. The
//! values are checked against rclone's schema in `resolve`, and nothing is read from a secret
//! file or the environment before the whole file has the right shape.

mod fast;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::Error;

/// Where a secret or token comes from: never the file itself, so the file can live in git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A file's contents, one trailing newline stripped. Relative paths are relative to the
    /// apply file's directory (the working directory when it came from stdin).
    File(PathBuf),
    /// An environment variable.
    Env(String),
}

/// Which storage an entry is and where it goes: what every stage of apply carries along, from
/// the entry as written (`Declared`) to the entry resolved against rclone's schema (`Wanted`).
#[derive(Debug, Clone)]
pub struct Entry {
    /// 1-based position in the file, for messages about entries without a usable name.
    pub position: usize,
    pub name: String,
    /// The provider: as written in the file; rclone's backend name once resolved.
    pub provider: String,
    pub remote: Option<String>,
    pub path: Option<String>,
    pub test: bool,
}

impl Entry {
    /// How messages name this entry: `storage "NAS"` or `storage #3` when it has no name yet.
    pub fn label(&self) -> String {
        label(self.position, Some(&self.name))
    }
}

/// One `[[storage]]` entry as written.
#[derive(Debug, Clone)]
pub struct Declared {
    pub entry: Entry,
    /// Plain options in file order; values as rclone.conf text (`""` removes the key).
    pub options: Vec<(String, String)>,
    pub secrets: Vec<(String, Reference)>,
    pub token: Option<Reference>,
}

fn label(position: usize, name: Option<&str>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => format!("storage {:?} (entry {position})", n.trim()),
        _ => format!("storage entry {position}"),
    }
}

const ENTRY_KEYS: &[&str] = &["name", "provider", "remote", "path", "test", "options", "secrets", "token"];

/// Parses the text of an apply file. `base` is the directory relative `file` references start from.
pub fn parse(text: &str, origin: &str, base: &Path) -> Result<Vec<Declared>, Error> {
    let json = text.trim_start().starts_with('{');
    let raws = match parse_typed(text, json) {
        Some(raws) => raws,
        None => parse_generic(text, origin, json)?,
    };
    let mut declared: Vec<Declared> = Vec::with_capacity(raws.len());
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::with_capacity(raws.len());
    for (i, raw) in raws.into_iter().enumerate() {
        let d = raw.check(i + 1, base)?;
        match seen.entry(crate::names::fold(&d.entry.name)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                return Err(Error::usage(format!(
                    "{} has the same name as {} (names are unique regardless of case)",
                    d.entry.label(),
                    declared[*first.get()].entry.label()
                )));
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(declared.len());
            }
        }
        declared.push(d);
    }
    Ok(declared)
}

/// The generic reader: a value tree, walked with an error for the first thing out of shape.
fn parse_generic(text: &str, origin: &str, json: bool) -> Result<Vec<Raw>, Error> {
    let document: Value = if json {
        serde_json::from_str(text).map_err(|e| {
            Error::usage(format!("{origin} is not valid JSON: {e}"))
                .with_hint("fix the JSON at that line and column; `pluton storage apply --help` shows the format")
        })?
    } else {
        toml::from_str::<Value>(text).map_err(|e| {
            let at = e.span().map(|span| line_column(text, span.start)).unwrap_or_default();
            Error::usage(format!("{origin}{at} is not valid TOML: {}", e.message().trim()))
                .with_hint("fix the TOML there; `pluton storage apply --help` shows the format")
        })?
    };
    let Value::Object(top) = document else {
        return Err(Error::usage(format!("{origin} must be a table with a `storage` list")));
    };
    if let Some(other) = top.keys().find(|k| *k != "storage") {
        return Err(Error::usage(format!("{origin}: unknown top-level key {other:?}"))
            .with_hint("an apply file holds only [[storage]] entries"));
    }
    match top.get("storage") {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().enumerate().map(|(i, entry)| raw_from(i + 1, entry)).collect(),
        Some(_) => Err(Error::usage(format!("{origin}: `storage` must be a list of entries ([[storage]] in TOML)"))),
    }
}

/// An entry with the right shape, not yet checked: what every reader produces.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    provider: String,
    remote: Option<String>,
    path: Option<String>,
    test: Option<bool>,
    #[serde(default)]
    options: Ordered<Scalar>,
    #[serde(default)]
    secrets: Ordered<RawRef>,
    token: Option<RawRef>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRef {
    file: Option<String>,
    env: Option<String>,
}

/// The file read straight into types, the quick way for the usual file; any error sends the
/// file to the generic reader, which names the entry and key that are wrong.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Typed {
    #[serde(default)]
    storage: Vec<Raw>,
}

/// A table's keys and values in file order.
#[derive(Debug, PartialEq)]
struct Ordered<V>(Vec<(String, V)>);

impl<V> Default for Ordered<V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for Ordered<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = map.next_entry()? {
                    items.push(item);
                }
                Ok(Ordered(items))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// An option's value as rclone.conf holds it: strings as they are, numbers and booleans as text.
#[derive(Debug, PartialEq)]
struct Scalar(String);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string())))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The quick readers: `None` when the file is not of the usual shape (or not valid at all).
/// TOML goes first to a hand-written reader of the usual file, then to the toml crate.
fn parse_typed(text: &str, json: bool) -> Option<Vec<Raw>> {
    if json {
        return serde_json::from_str::<Typed>(text).ok().map(|t| t.storage);
    }
    fast::parse(text).or_else(|| toml::from_str::<Typed>(text).ok().map(|t| t.storage))
}

/// The generic reader's shape checks for one entry, each error naming the entry and key.
fn raw_from(position: usize, entry: &Value) -> Result<Raw, Error> {
    let Value::Object(map) = entry else {
        return Err(Error::usage(format!("{} is not a table", label(position, None))));
    };
    let who = label(position, map.get("name").and_then(Value::as_str));
    let bad = |what: String| Error::usage(format!("{who}: {what}"));
    if let Some(unknown) = map.keys().find(|k| !ENTRY_KEYS.contains(&k.as_str())) {
        let close = crate::names::close_matches(unknown, ENTRY_KEYS.iter().copied());
        let err = bad(format!("unknown key {unknown:?}"));
        return Err(if close.is_empty() {
            err.with_hint(format!("an entry takes {}", ENTRY_KEYS.join(", ")))
        } else {
            err.with_hint(format!("did you mean {}?", crate::registry::quoted_list(&close)))
        });
    }
    let string = |key: &str, required: bool| -> Result<Option<String>, Error> {
        match map.get(key) {
            None if required => Err(bad(format!("`{key}` is required"))),
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad(format!("`{key}` must be a string"))),
        }
    };
    let test = match map.get("test") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(bad("`test` must be true or false".into())),
    };
    let options = match map.get("options") {
        None => Vec::new(),
        Some(Value::Object(o)) => o
            .iter()
            .map(|(k, v)| {
                option_text(v)
                    .map(|t| (k.clone(), Scalar(t)))
                    .ok_or_else(|| bad(format!("options.{k}: must be a string, number or boolean")))
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(bad("`options` must be a table of key = value".into())),
    };
    let secrets = match map.get("secrets") {
        None => Vec::new(),
        Some(Value::Object(o)) => o
            .iter()
            .map(|(k, v)| raw_ref(v).map(|r| (k.clone(), r)).map_err(|why| bad(format!("secrets.{k}: {why}"))))
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(bad("`secrets` must be a table of key = { file = \"…\" } or { env = \"…\" }".into())),
    };
    let token = match map.get("token") {
        None => None,
        Some(v) => Some(raw_ref(v).map_err(|why| bad(format!("token: {why}")))?),
    };
    Ok(Raw {
        name: string("name", true)?.unwrap_or_default(),
        provider: string("provider", true)?.unwrap_or_default(),
        remote: string("remote", false)?,
        path: string("path", false)?,
        test,
        options: Ordered(options),
        secrets: Ordered(secrets),
        token,
    })
}

const REFERENCE_SHAPE: &str =
    "write { file = \"/path/to/file\" } or { env = \"VARIABLE\" }; a literal value never goes in the file";

fn raw_ref(v: &Value) -> Result<RawRef, String> {
    let Value::Object(map) = v else {
        return Err(format!("must be a reference, not a value: {REFERENCE_SHAPE}"));
    };
    let text = |key: &str| match map.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(REFERENCE_SHAPE.to_string()),
    };
    if map.keys().any(|k| k != "file" && k != "env") {
        return Err(REFERENCE_SHAPE.to_string());
    }
    Ok(RawRef { file: text("file")?, env: text("env")? })
}

impl Raw {
    /// The checks both readers share: names, remote, path and references.
    fn check(self, position: usize, base: &Path) -> Result<Declared, Error> {
        // Worded only for an error: this runs for every entry of files of thousands.
        let bad = |what: String| Error::usage(format!("{}: {what}", label(position, Some(&self.name))));
        let name = crate::names::storage_name(&self.name).map_err(|e| bad(e.display_line().to_string()))?;
        if self.provider.trim().is_empty() {
            return Err(bad("`provider` is empty".into()).with_hint("`pluton providers` lists them"));
        }
        if let Some(r) = &self.remote {
            crate::names::remote_name(r).map_err(|e| bad(format!("remote: {}", e.display_line())))?;
        }
        if self.path.as_deref().is_some_and(|p| p.chars().any(char::is_control)) {
            return Err(bad("`path` contains a control character".into()));
        }
        let secrets = self
            .secrets
            .0
            .into_iter()
            .map(|(k, r)| reference(r, base).map(|r| (k.clone(), r)).map_err(|why| bad(format!("secrets.{k}: {why}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let token = match self.token {
            None => None,
            Some(r) => Some(reference(r, base).map_err(|why| bad(format!("token: {why}")))?),
        };
        let options: Vec<(String, String)> = self.options.0.into_iter().map(|(k, v)| (k, v.0)).collect();
        for (key, _) in &secrets {
            if options.iter().any(|(k, _)| k == key) {
                return Err(bad(format!("{key} is in both `options` and `secrets`")));
            }
        }
        Ok(Declared {
            entry: Entry {
                position,
                name,
                provider: self.provider,
                remote: self.remote,
                path: self.path,
                test: self.test.unwrap_or(true),
            },
            options,
            secrets,
            token,
        })
    }
}

/// An option's value as rclone.conf holds it: strings as they are, numbers and booleans as text.
fn option_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Exactly one of `file` and `env`, not empty; a relative file is relative to `base`.
fn reference(r: RawRef, base: &Path) -> Result<Reference, String> {
    match (r.file, r.env) {
        (Some(f), None) if !f.is_empty() => {
            let path = Path::new(&f);
            Ok(Reference::File(if path.is_relative() { base.join(path) } else { path.to_path_buf() }))
        }
        (None, Some(e)) if !e.is_empty() => Ok(Reference::Env(e)),
        _ => Err(REFERENCE_SHAPE.to_string()),
    }
}

/// ` line L, column C` (1-based; columns count characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> String {
    // A span from the parser is on a character boundary; if it ever is not, count to the end.
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(" line {line}, column {column}")
}

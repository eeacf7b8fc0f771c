//! The apply file (design.md §9): TOML, or JSON when its first non-blank character is `{`.
//!
//! It is read into plain declarations first, every entry checked for its shape, so that an
//! error names the entry (its `name`, or its position) and the key, not only a line number. The
//! values are checked against rclone's schema in `resolve`, and nothing is read from a secret
//! file or the environment before the whole file has the right shape.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

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

/// One `[[storage]]` entry as written.
#[derive(Debug, Clone)]
pub struct Declared {
    /// 1-based position in the file, for messages about entries without a usable name.
    pub position: usize,
    pub name: String,
    pub provider: String,
    pub remote: Option<String>,
    pub path: Option<String>,
    pub test: bool,
    /// Plain options in file order; values as rclone.conf text (`""` removes the key).
    pub options: Vec<(String, String)>,
    pub secrets: Vec<(String, Reference)>,
    pub token: Option<Reference>,
}

impl Declared {
    /// How messages name this entry: `storage "NAS"` or `storage #3` when it has no name yet.
    pub fn label(&self) -> String {
        label(self.position, Some(&self.name))
    }
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
    let document: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| {
            Error::usage(format!("{origin} is not valid JSON: {e}"))
                .with_hint("fix the JSON at that line and column; `pluton storage apply --help` shows the format")
        })?
    } else {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|span| line_column(text, span.start)).unwrap_or_default();
            Error::usage(format!("{origin}{at} is not valid TOML: {}", e.message().trim()))
                .with_hint("fix the TOML there; `pluton storage apply --help` shows the format")
        })?;
        serde_json::to_value(table).map_err(|e| Error::usage(format!("{origin}: {e}")))?
    };
    let Value::Object(top) = document else {
        return Err(Error::usage(format!("{origin} must be a table with a `storage` list")));
    };
    if let Some(other) = top.keys().find(|k| *k != "storage") {
        return Err(Error::usage(format!("{origin}: unknown top-level key {other:?}"))
            .with_hint("an apply file holds only [[storage]] entries"));
    }
    let entries = match top.get("storage") {
        None => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(Error::usage(format!("{origin}: `storage` must be a list of entries ([[storage]] in TOML)")));
        }
    };
    let mut declared: Vec<Declared> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let d = entry_from(i + 1, entry, base)?;
        if let Some(first) = declared.iter().find(|o| same_name(&o.name, &d.name)) {
            return Err(Error::usage(format!(
                "{} has the same name as {} (names are unique regardless of case)",
                d.label(),
                first.label()
            )));
        }
        declared.push(d);
    }
    Ok(declared)
}

pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn entry_from(position: usize, entry: &Value, base: &Path) -> Result<Declared, Error> {
    let Value::Object(map) = entry else {
        return Err(Error::usage(format!("{} is not a table", label(position, None))));
    };
    let name_raw = map.get("name").and_then(Value::as_str);
    let who = label(position, name_raw);
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
    let name = string("name", true)?.unwrap_or_default();
    let name = crate::names::storage_name(&name).map_err(|e| bad(e.display_line().to_string()))?;
    let provider = string("provider", true)?.unwrap_or_default();
    if provider.trim().is_empty() {
        return Err(bad("`provider` is empty".into()).with_hint("`pluton providers` lists them"));
    }
    let remote = string("remote", false)?;
    if let Some(r) = &remote {
        crate::names::remote_name(r).map_err(|e| bad(format!("remote: {}", e.display_line())))?;
    }
    let path = string("path", false)?;
    if path.as_deref().is_some_and(|p| p.chars().any(char::is_control)) {
        return Err(bad("`path` contains a control character".into()));
    }
    let test = match map.get("test") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(bad("`test` must be true or false".into())),
    };
    let options = match map.get("options") {
        None => Vec::new(),
        Some(Value::Object(o)) => o
            .iter()
            .map(|(k, v)| {
                option_text(v)
                    .map(|t| (k.clone(), t))
                    .ok_or_else(|| bad(format!("options.{k}: must be a string, number or boolean")))
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(bad("`options` must be a table of key = value".into())),
    };
    let secrets = match map.get("secrets") {
        None => Vec::new(),
        Some(Value::Object(o)) => o
            .iter()
            .map(|(k, v)| reference(v, base).map(|r| (k.clone(), r)).map_err(|why| bad(format!("secrets.{k}: {why}"))))
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(bad("`secrets` must be a table of key = { file = \"…\" } or { env = \"…\" }".into())),
    };
    let token = match map.get("token") {
        None => None,
        Some(v) => Some(reference(v, base).map_err(|why| bad(format!("token: {why}")))?),
    };
    for (key, _) in &secrets {
        if options.iter().any(|(k, _)| k == key) {
            return Err(bad(format!("{key} is in both `options` and `secrets`")));
        }
    }
    Ok(Declared { position, name, provider, remote, path, test, options, secrets, token })
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

fn reference(v: &Value, base: &Path) -> Result<Reference, String> {
    let shape = "write { file = \"/path/to/file\" } or { env = \"VARIABLE\" }; a literal value never goes in the file";
    let Value::Object(map) = v else {
        return Err(format!("must be a reference, not a value: {shape}"));
    };
    let only = |m: &Map<String, Value>, key: &str| m.len() == 1 && m.contains_key(key);
    match (map.get("file"), map.get("env")) {
        (Some(Value::String(f)), None) if only(map, "file") && !f.is_empty() => {
            let path = Path::new(f);
            Ok(Reference::File(if path.is_relative() { base.join(path) } else { path.to_path_buf() }))
        }
        (None, Some(Value::String(e))) if only(map, "env") && !e.is_empty() => Ok(Reference::Env(e.clone())),
        _ => Err(shape.to_string()),
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

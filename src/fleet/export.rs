//! Export: the storages that exist, as an apply file that reproduces them. Every secret and
//! token becomes a reference (an environment variable's name, or a file written beside), so
//! the file itself holds no secret and can be printed, diffed and kept in git.

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value, json};

use super::resolve::is_secret_option;
use crate::error::Error;
use crate::rclone::schema::Schema;
use crate::rclone_conf::RcloneConf;
use crate::registry::Storage;

/// Where the secrets go.
pub enum Secrets<'a> {
    /// `{ env = "PLUTON_<REMOTE>_<KEY>" }`: the caller sets the variables before `apply`.
    Env,
    /// `{ file = "<DIR>/<remote>.<key>" }`, written there (0600, DIR 0700).
    Dir(&'a Path),
}

/// The exported document and what a person must know about it.
pub struct Exported {
    /// `{"storage": [...]}`, in the shape `file::parse` reads.
    pub document: Value,
    /// The variables `apply` will need (with `Secrets::Env`).
    pub variables: Vec<String>,
    /// Keys left out because the installed rclone does not know them (apply would refuse them).
    pub skipped: Vec<String>,
}

/// One secret value to hand over, by reference.
struct Secret {
    key: String,
    value: SecretString,
}

pub fn export(storages: &[&Storage], conf: &RcloneConf, schema: &Schema, secrets: &Secrets) -> Result<Exported, Error> {
    if let Secrets::Dir(dir) = secrets {
        prepare_dir(dir)?;
    }
    let sections = conf.sections();
    let mut entries = Vec::with_capacity(storages.len());
    let mut variables = Vec::new();
    let mut skipped = Vec::new();
    for s in storages {
        let section = sections.get(s.remote.as_str()).ok_or_else(|| {
            Error::failed(format!("rclone.conf has no section [{}] for {:?}", s.remote, s.name))
                .with_hint(format!("restore the section, or `pluton storage remove {:?}`", s.name))
        })?;
        let backend = schema.backend(&s.provider);
        let mut options = Map::new();
        let mut found: Vec<Secret> = Vec::new();
        let mut token = None;
        for (key, raw) in &section.entries {
            match key.as_str() {
                "type" => continue,
                "token" if !raw.is_empty() => {
                    token = Some(SecretString::from(raw.clone()));
                    continue;
                }
                _ => {}
            }
            let Some(backend) = backend.filter(|b| b.option(key).is_some() && !key.starts_with("config_")) else {
                skipped.push(format!("[{}] {key}", s.remote));
                continue;
            };
            if is_secret_option(backend, key) {
                let obscured = backend.option(key).is_some_and(|o| o.is_password);
                // What apply takes is the plain value; it obscures it again itself.
                let plain = if obscured {
                    crate::rclone::obscure::reveal(raw).unwrap_or_else(|_| raw.clone())
                } else {
                    raw.clone()
                };
                found.push(Secret { key: key.clone(), value: SecretString::from(plain) });
            } else {
                options.insert(key.clone(), Value::String(raw.clone()));
            }
        }
        let mut entry = Map::new();
        entry.insert("name".into(), json!(s.name));
        entry.insert("provider".into(), json!(s.provider));
        entry.insert("remote".into(), json!(s.remote));
        if !s.path.is_empty() {
            entry.insert("path".into(), json!(s.path));
        }
        if !options.is_empty() {
            entry.insert("options".into(), Value::Object(options));
        }
        let mut refs = Map::new();
        for secret in &found {
            refs.insert(secret.key.clone(), reference(&s.remote, &secret.key, &secret.value, secrets, &mut variables)?);
        }
        if !refs.is_empty() {
            entry.insert("secrets".into(), Value::Object(refs));
        }
        if let Some(token) = &token {
            entry.insert("token".into(), reference(&s.remote, "token", token, secrets, &mut variables)?);
        }
        entries.push(Value::Object(entry));
    }
    Ok(Exported { document: json!({ "storage": entries }), variables, skipped })
}

/// `PLUTON_<REMOTE>_<KEY>`: upper case, every character a shell variable cannot hold as `_`.
pub fn variable_name(remote: &str, key: &str) -> String {
    format!("PLUTON_{remote}_{key}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .collect()
}

fn reference(
    remote: &str,
    key: &str,
    value: &SecretString,
    secrets: &Secrets,
    variables: &mut Vec<String>,
) -> Result<Value, Error> {
    match secrets {
        Secrets::Env => {
            let var = variable_name(remote, key);
            variables.push(var.clone());
            Ok(json!({ "env": var }))
        }
        Secrets::Dir(dir) => {
            let path = dir.join(format!("{remote}.{key}"));
            write_secret(&path, value)?;
            Ok(json!({ "file": path.display().to_string() }))
        }
    }
}

/// The secrets dir: created 0700, or an existing one that only its owner can read.
fn prepare_dir(dir: &Path) -> Result<(), Error> {
    let mode = |meta: &std::fs::Metadata| crate::platform::fs::mode(meta).unwrap_or(0) & 0o777;
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(Error::usage(format!("--secrets-dir {} is not a directory", dir.display()))),
        Ok(meta) if mode(&meta) & 0o077 != 0 => Err(Error::usage(format!(
            "--secrets-dir {} can be read by other users (mode {:o})",
            dir.display(),
            mode(&meta)
        ))
        .with_hint(format!("run `chmod 700 {}`, or name a new directory", dir.display()))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(crate::store::create_private_dir(dir)?),
        Err(e) => Err(Error::failed(format!("cannot use --secrets-dir {}: {e}", dir.display()))),
    }
}

fn write_secret(path: &Path, value: &SecretString) -> Result<(), Error> {
    let text = format!("{}\n", value.expose_secret());
    crate::store::write_atomic(path, text.as_bytes())?;
    // An existing file keeps its mode in write_atomic; a secret file is private whatever it was.
    crate::platform::fs::set_mode(path, crate::store::PRIVATE_FILE)
        .map_err(|e| Error::failed(format!("cannot make {} private: {e}", path.display())))?;
    Ok(())
}

/// The document as TOML, one `[[storage]]` table per storage with inline tables for
/// `options`, `secrets` and `token`, the way a person would write it.
pub fn to_toml(document: &Value) -> String {
    use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};
    let mut doc = DocumentMut::new();
    let mut tables = ArrayOfTables::new();
    let empty = Vec::new();
    for entry in document.get("storage").and_then(Value::as_array).unwrap_or(&empty) {
        let Some(map) = entry.as_object() else { continue };
        let mut table = Table::new();
        for (key, v) in map {
            match v {
                Value::String(s) => {
                    table.insert(key, value(s.as_str()));
                }
                Value::Object(inner) => {
                    let mut inline = InlineTable::new();
                    for (k, iv) in inner {
                        match iv {
                            Value::String(s) => {
                                inline.insert(k, s.as_str().into());
                            }
                            Value::Object(reference) => {
                                let mut r = InlineTable::new();
                                for (rk, rv) in reference {
                                    r.insert(rk, rv.as_str().unwrap_or_default().into());
                                }
                                inline.insert(k, toml_edit::Value::InlineTable(r));
                            }
                            _ => {}
                        }
                    }
                    table.insert(key, Item::Value(toml_edit::Value::InlineTable(inline)));
                }
                _ => {}
            }
        }
        tables.push(table);
    }
    doc.insert("storage", Item::ArrayOfTables(tables));
    doc.to_string()
}

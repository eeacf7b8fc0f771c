//! Resolve: each declared entry becomes the storage it wants to be, checked against rclone's
//! schema and the providers' limits, with its secrets and token read. Nothing is compared with
//! what exists yet (that is `plan`), and nothing is written.

use secrecy::{ExposeSecret, SecretString};

use super::file::{Declared, Entry, Reference};
use crate::error::Error;
use crate::rclone::schema::{Backend, Schema};

/// One key the storage should have.
pub struct WantedKey {
    pub key: String,
    /// The plain value (revealed, for options rclone stores obscured); `None` removes the key.
    pub value: Option<SecretString>,
    /// rclone stores this option obscured (`IsPassword`): compare revealed, write obscured.
    pub obscured: bool,
    /// The value as written into rclone.conf: obscured once, here, so that planning twice (to
    /// verify, then under the lock to commit) gives the same section.
    stored: Option<SecretString>,
}

/// A storage as the file wants it.
pub struct Wanted {
    /// Its provider is rclone's backend name, its path trimmed.
    pub entry: Entry,
    pub keys: Vec<WantedKey>,
    /// Compacted token JSON.
    pub token: Option<SecretString>,
}

impl Wanted {
    /// The keys to write into a new section, obscuring what rclone keeps obscured; the token last.
    pub fn new_entries(&self) -> Vec<(String, String)> {
        let mut entries = vec![("type".to_string(), self.entry.provider.clone())];
        for k in &self.keys {
            if let Some(v) = k.stored() {
                entries.push((k.key.clone(), v.to_string()));
            }
        }
        if let Some(t) = &self.token {
            entries.push(("token".into(), t.expose_secret().to_string()));
        }
        entries
    }
}

impl WantedKey {
    /// How the value is written into rclone.conf (`None`: the key is removed).
    pub fn stored(&self) -> Option<&str> {
        self.stored.as_ref().map(|s| s.expose_secret())
    }

    /// Whether the value rclone.conf holds (`current`) already is the wanted one. An obscured
    /// value is compared by what it reveals: obscuring is randomised, so the text differs on
    /// every run although the secret does not.
    pub fn matches(&self, current: Option<&str>) -> bool {
        match (&self.value, current) {
            (None, None) => true,
            (None, Some(_)) | (Some(_), None) => false,
            (Some(wanted), Some(current)) if self.obscured => {
                crate::rclone::obscure::reveal(current).is_ok_and(|plain| plain == wanted.expose_secret())
            }
            (Some(wanted), Some(current)) => current == wanted.expose_secret(),
        }
    }
}

/// Whether `key` holds a secret proper (a password, an app's secret, a key, a token), which an
/// apply file may give only by reference. Identifiers that rclone merely redacts (`client_id`,
/// `drive_id`, `root_folder_id`, `tenant`) are plain options.
pub fn is_secret_option(backend: &Backend, key: &str) -> bool {
    crate::secrets::is_credential(key, backend.option(key).is_some_and(|o| o.is_password))
}

/// Resolves every entry, in file order; the first error stops it.
pub fn resolve_all(declared: &[Declared], schema: &Schema) -> Result<Vec<Wanted>, Error> {
    declared.iter().map(|d| resolve(d, schema)).collect()
}

fn resolve(d: &Declared, schema: &Schema) -> Result<Wanted, Error> {
    let bad = |what: String| Error::usage(format!("{}: {what}", d.entry.label()));
    let provider = crate::providers::normalize_provider(&d.entry.provider);
    let recheck = |e: Error| {
        let hint = e.hint().map(str::to_string);
        let err = bad(e.display_line().to_string());
        match hint {
            Some(h) => err.with_hint(h),
            None => err,
        }
    };
    let backend = crate::providers::find_backend(schema, &provider).map_err(recheck)?;
    let mut keys: Vec<WantedKey> = Vec::new();
    for (key, raw) in &d.options {
        match key.as_str() {
            "type" => return Err(bad("options.type is not needed: `provider` sets the type".into())),
            "token" => {
                return Err(bad("the token does not go in `options`".into())
                    .with_hint("write token = { file = \"/path/to/token\" } or token = { env = \"VARIABLE\" }"));
            }
            _ => {}
        }
        if backend.option(key).is_some() && is_secret_option(backend, key) {
            return Err(bad(format!("options.{key} is a secret and must not be written in the file")).with_hint(
                format!("move it to secrets: secrets = {{ {key} = {{ file = \"/path\" }} }} (or {{ env = \"VAR\" }})"),
            ));
        }
        keys.push(wanted_key(backend, key, raw).map_err(recheck)?);
    }
    for (key, reference) in &d.secrets {
        if matches!(key.as_str(), "type" | "token") {
            return Err(bad(format!("secrets.{key}: the {key} is not a secret option"))
                .with_hint("the provider sets the type; a token goes in token = { file = \"…\" }"));
        }
        let value = read_reference(reference).map_err(|why| bad(format!("secrets.{key}: {why}")))?;
        keys.push(wanted_key(backend, key, value.expose_secret()).map_err(recheck)?);
    }
    let token = match &d.token {
        None => None,
        Some(reference) => {
            if !backend.is_oauth() {
                return Err(bad(format!("{} does not sign in with OAuth, so it takes no token", backend.name))
                    .with_hint("leave out `token`; `pluton providers NAME` lists the options it takes"));
            }
            let text = read_reference(reference).map_err(|why| bad(format!("token: {why}")))?;
            let parsed = crate::token::parse(text.expose_secret()).map_err(|e| bad(format!("token: {e}")))?;
            Some(SecretString::from(parsed.expose().to_string()))
        }
    };
    Ok(Wanted {
        entry: Entry {
            provider: backend.name.clone(),
            path: d.entry.path.as_ref().map(|p| p.trim().to_string()),
            ..d.entry.clone()
        },
        keys,
        token,
    })
}

fn wanted_key(backend: &Backend, key: &str, raw: &str) -> Result<WantedKey, Error> {
    let obscured = backend.option(key).is_some_and(|o| o.is_password);
    if raw.is_empty() {
        // `key = ""` removes the key; the key must still be one the backend knows (the check
        // of an unknown key says so and names close matches).
        if backend.option(key).is_none() {
            crate::providers::check_option(backend, key, "")?;
        }
        return Ok(WantedKey { key: key.to_string(), value: None, obscured, stored: None });
    }
    let checked = crate::providers::check_option(backend, key, raw)?;
    let stored = if obscured { crate::rclone::obscure::obscure(&checked) } else { checked.clone() };
    Ok(WantedKey {
        key: key.to_string(),
        value: Some(SecretString::from(checked)),
        obscured,
        stored: Some(SecretString::from(stored)),
    })
}

/// Reads a secret: a file's contents (one trailing newline stripped) or a variable's value.
fn read_reference(reference: &Reference) -> Result<SecretString, String> {
    match reference {
        Reference::File(path) => {
            let mut inputs = crate::input::Inputs::default();
            let text = inputs.read(path, "file").map_err(|e| e.display_line().to_string())?;
            let text = text.expose_secret();
            let text = text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text);
            Ok(SecretString::from(text.to_string()))
        }
        Reference::Env(var) => match std::env::var(var) {
            Ok(v) => Ok(SecretString::from(v)),
            Err(std::env::VarError::NotPresent) => Err(format!("the environment variable {var} is not set")),
            Err(std::env::VarError::NotUnicode(_)) => Err(format!("the environment variable {var} is not UTF-8")),
        },
    }
}

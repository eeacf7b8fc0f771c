//! Options for a storage's rclone section, from the command line: `--set KEY=VALUE`,
//! `KEY=@FILE`, the client app flags and the token, each checked against rclone's schema and the
//! providers' rules before anything is written. Shared by `add`, `edit` and `reauth`.

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;
use crate::input::Inputs;
use crate::output::Output;
use crate::providers;
use crate::rclone::obscure::obscure;
use crate::rclone::schema::Backend;
use crate::secrets::{is_credential, is_secret_key};
use crate::token;

/// One option of the new section. Every value is held as a secret until it is written, so
/// nothing can print one by accident; `secret` says whether it may ever be shown.
pub struct Value {
    pub key: String,
    pub value: SecretString,
    pub secret: bool,
}

/// `--set KEY=VALUE` / `KEY=@FILE` / `KEY=@-`, each checked against the schema.
pub fn from_flags(out: &Output, backend: &Backend, sets: &[String], inputs: &mut Inputs) -> Result<Vec<Value>, Error> {
    let mut values: Vec<Value> = Vec::new();
    for spec in sets {
        let Some((key, raw)) = spec.split_once('=') else {
            return Err(Error::usage(format!("--set {spec:?} is not KEY=VALUE"))
                .with_hint("write --set key=value, or --set key=@file to read the value from a file"));
        };
        let key = key.trim().to_string();
        match key.as_str() {
            "type" => {
                return Err(Error::usage("--set type=… is not needed: the provider sets the type")
                    .with_hint(format!("the provider here is {}", backend.name)));
            }
            "token" => {
                return Err(Error::usage("a token is never taken from --set").with_hint(
                    "pass it with --token-file FILE or --token-file - (the command line is visible to every user in `ps`)",
                ));
            }
            _ => {}
        }
        if values.iter().any(|v| v.key == key) {
            return Err(Error::usage(format!("--set {key}=… is given twice")));
        }
        let spec_of = backend.option(&key);
        let is_password = spec_of.is_some_and(|o| o.is_password);
        // Never shown (rclone redacts it), but only a credential earns the `ps` warning.
        let secret = is_password || spec_of.is_some_and(|o| o.sensitive) || is_secret_key(&backend.name, &key);
        let value = match raw.strip_prefix('@') {
            Some(file) => {
                let text = inputs.read(Path::new(file), &format!("--set {key}=@"))?;
                SecretString::from(strip_one_newline(text.expose_secret()).to_string())
            }
            None => {
                if is_credential(&key, is_password) && !raw.is_empty() {
                    out.warn(&format!(
                        "{key} was given on the command line, where `ps` and your shell history can see it; \
                         next time use --set {key}=@FILE"
                    ));
                }
                SecretString::from(raw.to_string())
            }
        };
        let checked = providers::check_option(backend, &key, value.expose_secret())?;
        let stored = if is_password { obscure(&checked) } else { checked };
        values.push(Value { key, value: SecretString::from(stored), secret });
    }
    Ok(values)
}

/// A file's value without the newline editors and `echo` put at its end.
fn strip_one_newline(text: &str) -> &str {
    text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text)
}

/// `--client-id` and `--client-secret-file` (or PLUTON_CLIENT_SECRET): the user's own OAuth app.
pub fn client_app(
    backend: &Backend,
    client_id: Option<&str>,
    client_secret_file: Option<&Path>,
    inputs: &mut Inputs,
    values: &mut Vec<Value>,
) -> Result<(), Error> {
    let secret = match (client_secret_file, std::env::var("PLUTON_CLIENT_SECRET")) {
        (Some(file), _) => Some(inputs.read(file, "--client-secret-file")?),
        (None, Ok(env)) if !env.is_empty() => Some(SecretString::from(env)),
        _ => None,
    };
    if (client_id.is_some() || secret.is_some()) && backend.option("client_id").is_none() {
        if let Some(newer) = backend.newer_rclone_has("client_id") {
            return Err(newer);
        }
        return Err(Error::usage(format!("{} has no OAuth client app to configure", backend.name))
            .with_hint("leave out --client-id and --client-secret-file"));
    }
    for (key, value, is_secret) in [
        ("client_id", client_id.map(|id| SecretString::from(id.to_string())), false),
        ("client_secret", secret.map(|s| SecretString::from(strip_one_newline(s.expose_secret()).to_string())), true),
    ] {
        let Some(value) = value else { continue };
        if values.iter().any(|v| v.key == key) {
            return Err(Error::usage(format!("{key} is given both with --set and with its own flag")));
        }
        let checked = providers::check_option(backend, key, value.expose_secret())?;
        values.push(Value { key: key.into(), value: SecretString::from(checked), secret: is_secret });
    }
    Ok(())
}

/// `--client-credentials`: the app signs in as itself (RFC 6749 §4.4); rclone fetches the
/// token on first use, so no token is needed now, but the app's secret is.
pub fn client_credentials(backend: &Backend, values: &mut Vec<Value>) -> Result<(), Error> {
    check_client_credentials(backend)?;
    let has = |key: &str| values.iter().any(|v| v.key == key && !v.value.expose_secret().is_empty());
    if !has("client_secret") {
        return Err(Error::usage("--client-credentials needs the app's secret")
            .with_hint("pass --client-secret-file FILE (or set PLUTON_CLIENT_SECRET)"));
    }
    if backend.name == "onedrive" && !has("tenant") {
        return Err(Error::usage("OneDrive's client credentials sign-in needs the tenant")
            .with_hint("pass --set tenant=YOUR-TENANT-ID (the Directory ID of the app's Azure tenant)"));
    }
    values.retain(|v| v.key != "client_credentials");
    values.push(Value {
        key: "client_credentials".into(),
        value: SecretString::from("true".to_string()),
        secret: false,
    });
    Ok(())
}

/// Whether this rclone can sign in to the backend with client credentials at all: said before
/// the client app itself is checked, since it is the reason the app was given.
pub fn check_client_credentials(backend: &Backend) -> Result<(), Error> {
    if backend.option("client_credentials").is_some() {
        return Ok(());
    }
    Err(backend.newer_rclone_has("client_credentials").unwrap_or_else(|| {
        Error::usage(format!("{} has no client credentials sign-in", backend.name))
            .with_hint("use --authorize or --token-file")
    }))
}

/// `--token-file FILE|-`: read, parsed in any of the accepted formats, held as a secret.
pub fn token_from_file(backend: &Backend, source: &Path, inputs: &mut Inputs) -> Result<Value, Error> {
    if !backend.is_oauth() {
        return Err(Error::usage(format!("{} does not use OAuth tokens", backend.name))
            .with_hint("leave out --token-file; `pluton providers NAME` lists the options it takes"));
    }
    let text = inputs.read(source, "--token-file")?;
    let token = token::parse(text.expose_secret())
        .map_err(|e| Error::usage(format!("--token-file: {e}")).with_hint(authorize_hint(&backend.name)))?;
    Ok(Value { key: "token".into(), value: SecretString::from(token.expose().to_string()), secret: true })
}

pub fn authorize_hint(provider: &str) -> String {
    format!(
        "run `rclone authorize \"{provider}\"` on a machine with a browser and pass what it prints with \
         --token-file FILE, or pipe it: `rclone authorize \"{provider}\" | ssh server pluton storage add {provider} \
         --name NAME --token-file -`"
    )
}

/// What the schema cannot say: an OAuth storage needs a way to sign in, OneDrive needs its
/// drive, Box's JWT file must be readable JSON, and rclone's required options must be there.
pub fn check_requirements<'a>(backend: &Backend, values: impl IntoIterator<Item = &'a Value>) -> Result<(), Error> {
    let values: Vec<&Value> = values.into_iter().collect();
    let has = |key: &str| values.iter().any(|v| v.key == key && !v.value.expose_secret().is_empty());
    let is_true = |key: &str| values.iter().any(|v| v.key == key && v.value.expose_secret() == "true");
    if let Some(v) = values.iter().find(|v| v.key == "box_config_file") {
        check_box_config_file(v.value.expose_secret())?;
    }
    if backend.is_oauth() {
        let other_sign_in = is_true("client_credentials")
            || ["box_config_file", "access_token", "service_account_file", "service_account_credentials"]
                .iter()
                .any(|k| has(k));
        if !has("token") && !other_sign_in {
            return Err(
                Error::usage(format!("{} needs an OAuth token", backend.name)).with_hint(authorize_hint(&backend.name))
            );
        }
    }
    let given: Vec<(String, String)> = values.iter().map(|v| (v.key.clone(), String::new())).collect();
    let missing = providers::missing_required(backend, &given);
    if let Some(first) = missing.first() {
        let flags: Vec<String> = missing.iter().map(|o| format!("--set {}=…", o.name)).collect();
        return Err(Error::usage(format!("{} needs {}", backend.name, first.name))
            .with_hint(format!("pass {}", flags.join(" "))));
    }
    Ok(())
}

/// Box JWT: `box_config_file` names the app's JSON key file, which rclone reads at every run.
pub fn check_box_config_file(path: &str) -> Result<(), Error> {
    let bad = |why: &str| {
        Error::usage(format!("box_config_file {path:?} {why}"))
            .with_hint("download the app's JSON key file from the Box Developer Console (Configuration → App Settings)")
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(&format!("cannot be read: {e}")))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|_| bad("is not JSON"))?;
    let app = json.get("boxAppSettings");
    let has = |v: Option<&serde_json::Value>, key: &str| v.and_then(|v| v.get(key)).is_some();
    if !(has(app, "clientID") && has(app, "clientSecret") && has(app.and_then(|a| a.get("appAuth")), "privateKey")) {
        return Err(bad("lacks boxAppSettings.clientID, clientSecret or appAuth.privateKey"));
    }
    Ok(())
}

//! `pluton storage add` for a person at a terminal: it asks for whatever the flags did not give,
//! then the flags path does the rest. Every answer is checked as it is typed, with the same
//! rules as the flags.

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;
use crate::names;
use crate::options::Value;
use crate::prompt;
use crate::providers;
use crate::rclone::schema::{Backend, OptionSpec, Schema};
use crate::rclone_conf::RcloneConf;
use crate::registry::Registry;
use crate::secrets::is_secret_key;

/// The three providers pluton is built around come first.
const FIRST: [&str; 3] = ["putio", "box", "onedrive"];

pub fn provider(schema: &Schema) -> Result<String, Error> {
    let mut backends: Vec<&Backend> = schema.backends.iter().filter(|b| !b.hide).collect();
    backends.sort_by_key(|b| (FIRST.iter().position(|f| *f == b.name).unwrap_or(FIRST.len()), b.name.clone()));
    let items: Vec<String> =
        backends.iter().map(|b| format!("{:<14} {}", b.name, first_line(&b.description))).collect();
    let i = prompt::fuzzy_select("Provider (type to search)", &items)?;
    Ok(backends[i].name.clone())
}

/// A storage name, refused while empty, too long, or taken; the remote it will get is shown.
pub fn name(registry: &Registry, conf: &RcloneConf, backend: &Backend) -> Result<String, Error> {
    let default = first_line(&backend.description).split(['(', ',']).next().unwrap_or(&backend.name).trim().to_string();
    let answer = prompt::input("Storage name", Some(&default), |raw| {
        let name = names::storage_name(raw).map_err(|e| e.to_string())?;
        match registry.name_taken(&name, None) {
            Some(other) => Err(format!("a storage named {:?} already exists; choose another name", other.name)),
            None => Ok(()),
        }
    })?;
    let name = names::storage_name(&answer)?;
    let base = names::slug(&name, &backend.name);
    let remote = names::first_free(&base, |c| {
        conf.section_names().iter().any(|s| s.eq_ignore_ascii_case(c))
            || registry.storages.iter().any(|s| s.remote.eq_ignore_ascii_case(c))
    });
    eprintln!("  rclone will know it as {remote}:");
    Ok(name)
}

/// How an OAuth storage signs in, as the person chose it.
pub enum SignIn {
    Browser { no_browser: bool },
    Device,
    Pasted(SecretString),
    ClientCredentials,
    Jwt(String),
}

/// The sign-in methods each provider's guide describes, each with a line of explanation.
/// `port_free`: whether 127.0.0.1:53682 is free; when it is taken, the ways that need it (the
/// browser, the link, an own app signed in by browser) are not offered, and the person is told
/// why.
pub fn sign_in(
    backend: &Backend,
    values: &mut Vec<Value>,
    browser_here: bool,
    port_free: bool,
) -> Result<SignIn, Error> {
    #[derive(Clone, Copy, PartialEq)]
    enum M {
        Browser,
        Link,
        Device,
        Paste,
        OwnApp,
        Jwt,
        Ccg,
    }
    let name = backend.name.as_str();
    let mut methods: Vec<(M, String)> = Vec::new();
    let device = matches!(name, "putio" | "onedrive");
    if !port_free {
        eprintln!(
            "  port 53682 is in use (another sign-in, or another program), so a browser sign-in cannot work now;\n  \
             these ways need no port here:"
        );
    }
    if device && !browser_here {
        methods
            .push((M::Device, "Enter a code on another device (a phone will do): best without a browser here".into()));
    } else if device && !port_free {
        methods.push((M::Device, "Enter a code on another device (a phone will do)".into()));
    }
    if port_free {
        methods.push((M::Browser, "Sign in with a browser on this machine".into()));
        methods.push((M::Link, "Show the sign-in link only (open it through `ssh -L 53682:127.0.0.1:53682`)".into()));
    }
    if device && browser_here && port_free {
        methods.push((M::Device, "Enter a code on another device (a phone will do)".into()));
    }
    methods.push((M::Paste, format!("Paste a token from `rclone authorize \"{name}\"` run on another machine")));
    // Only where this rclone takes a client app (1.60.1's put.io does not); it signs in by browser.
    if port_free && backend.option("client_id").is_some() {
        methods.push((M::OwnApp, "Use your own OAuth app (client id and secret), then sign in with a browser".into()));
    }
    if name == "box" {
        methods.push((M::Jwt, "JWT service account: the app's JSON key file (Business/Enterprise)".into()));
    }
    if backend.option("client_credentials").is_some() {
        methods.push((M::Ccg, "Client credentials: your app signs in as itself, no browser".into()));
    }
    let labels: Vec<String> = methods.iter().map(|(_, l)| l.clone()).collect();
    let choice = methods[prompt::select("How do you want to sign in?", &labels, 0)?].0;
    let own_app = |values: &mut Vec<Value>| -> Result<(), Error> {
        let id = prompt::input("Client ID", None, |v| {
            if v.trim().is_empty() { Err("the client ID is needed".into()) } else { Ok(()) }
        })?;
        values.push(Value { key: "client_id".into(), value: SecretString::from(id.trim().to_string()), secret: false });
        let secret = prompt::password("Client secret")?;
        values.push(Value { key: "client_secret".into(), value: secret, secret: true });
        let uri = crate::rclone::authorize::redirect_uri(name);
        eprintln!("  your app must list this redirect URI: {uri}");
        Ok(())
    };
    Ok(match choice {
        M::Browser => SignIn::Browser { no_browser: false },
        M::Link => SignIn::Browser { no_browser: true },
        M::Device => SignIn::Device,
        M::Paste => SignIn::Pasted(paste_token(name)?),
        M::OwnApp => {
            own_app(values)?;
            SignIn::Browser { no_browser: !browser_here }
        }
        M::Jwt => {
            let path = prompt::input("Path of the app's JSON key file", None, |p| {
                crate::options::check_box_config_file(p.trim()).map_err(|e| e.to_string())
            })?;
            SignIn::Jwt(path.trim().to_string())
        }
        M::Ccg => {
            own_app(values)?;
            SignIn::ClientCredentials
        }
    })
}

/// The paste step: the exact command to run elsewhere, then any token format, re-asked with
/// the reason until it parses.
fn paste_token(provider: &str) -> Result<SecretString, Error> {
    eprintln!(
        "\nOn a machine with a browser, run:\n\n    rclone authorize \"{provider}\"\n\n\
         then paste all it printed here (the token between the arrows is enough),\n\
         and finish with an empty line:"
    );
    loop {
        let text = prompt::paste()?;
        match crate::token::parse(text.expose_secret()) {
            Ok(token) => return Ok(SecretString::from(token.expose().to_string())),
            Err(e) => eprintln!("  that did not work: {e}. Paste again:"),
        }
    }
}

/// OneDrive: which drive (kind, or SharePoint site) and which region.
pub fn onedrive(values: &mut Vec<Value>) -> Result<(Option<providers::onedrive::DriveKind>, Option<String>), Error> {
    use providers::onedrive::DriveKind;
    let kinds = ["OneDrive Personal", "OneDrive for Business", "SharePoint document library"].map(String::from);
    let kind = match prompt::select("Drive type", &kinds, 0)? {
        0 => DriveKind::Personal,
        1 => DriveKind::Business,
        _ => DriveKind::Sharepoint,
    };
    let site = if kind == DriveKind::Sharepoint {
        let url = prompt::input("SharePoint site URL or name (empty: the root site)", Some(""), |_| Ok(()))?;
        Some(url.trim().to_string()).filter(|u| !u.is_empty())
    } else {
        None
    };
    if !values.iter().any(|v| v.key == "region") {
        let regions = ["global (Microsoft Cloud Global)", "us (US Government)", "de (Germany)", "cn (China, 21Vianet)"]
            .map(String::from);
        let region = ["global", "us", "de", "cn"][prompt::select("Region", &regions, 0)?];
        if region != "global" {
            values.push(Value { key: "region".into(), value: SecretString::from(region.to_string()), secret: false });
        }
    }
    Ok((Some(kind), site))
}

/// A drive among several.
pub fn choose_drive(drives: &[crate::rclone::config_state::Choice]) -> Result<usize, Error> {
    let items: Vec<String> = drives.iter().map(|d| format!("{} ({})", first_line(&d.help), d.value)).collect();
    prompt::select("Which drive?", &items, 0)
}

/// The basic options of a backend rclone's own configurator would ask (required ones must be
/// answered; Enter keeps a default), passwords hidden, each checked like `--set`.
pub fn basic_options(backend: &Backend, values: &mut Vec<Value>) -> Result<(), Error> {
    let wanted: Vec<&OptionSpec> = backend
        .options
        .iter()
        .filter(|o| !o.advanced && o.hide == 0 && o.provider.is_empty() && !values.iter().any(|v| v.key == o.name))
        .collect();
    for option in wanted {
        ask_option(backend, option, values)?;
    }
    Ok(())
}

/// The advanced options each provider's guide lists, in its order: offered first.
const GUIDE_ORDER: &[(&str, &[&str])] = &[
    ("putio", &["client_id", "client_secret", "client_credentials"]),
    (
        "box",
        &[
            "root_folder_id",
            "box_config_file",
            "client_credentials",
            "upload_cutoff",
            "commit_retries",
            "list_chunk",
            "owned_by",
            "impersonate",
        ],
    ),
    ("onedrive", &["region", "chunk_size", "hard_delete"]),
];

/// "Edit advanced options?" and then any of them, until "done".
pub fn advanced_options(backend: &Backend, values: &mut Vec<Value>) -> Result<(), Error> {
    let mut advanced: Vec<&OptionSpec> =
        backend.options.iter().filter(|o| o.advanced && o.hide & 2 == 0 && o.name != "token").collect();
    let guide: &[&str] = GUIDE_ORDER.iter().find(|(b, _)| *b == backend.name).map_or(&[], |(_, o)| o);
    advanced.sort_by_key(|o| guide.iter().position(|g| *g == o.name).unwrap_or(guide.len()));
    if advanced.is_empty() || !prompt::confirm("Edit advanced options?", false)? {
        return Ok(());
    }
    loop {
        let mut items = vec!["done".to_string()];
        items.extend(advanced.iter().map(|o| {
            let current = values
                .iter()
                .find(|v| v.key == o.name)
                .map(|v| if v.secret { "<set>".to_string() } else { v.value.expose_secret().to_string() });
            let shown = current
                .unwrap_or_else(|| format!("default {}", if o.default.is_empty() { "none" } else { &o.default }));
            format!("{:<24} [{shown}] {}", o.name, first_line(&o.help))
        }));
        let i = prompt::fuzzy_select("Option to change (type to search; \"done\" to finish)", &items)?;
        if i == 0 {
            return Ok(());
        }
        values.retain(|v| v.key != advanced[i - 1].name);
        ask_option(backend, advanced[i - 1], values)?;
    }
}

/// Whether an option's answer is typed without echo: a credential (a password, client secret,
/// key or token: the list that earns the `--set` warning), never an identifier that rclone only
/// redacts (`drive_id`, `client_id`, `access_key_id`) or a path (`key_file`), which a person
/// must see to type right.
fn typed_hidden(option: &OptionSpec) -> bool {
    crate::secrets::is_credential(&option.name, option.is_password)
}

fn ask_option(backend: &Backend, option: &OptionSpec, values: &mut Vec<Value>) -> Result<(), Error> {
    let mut help = first_line(&option.help).to_string();
    if !option.examples.is_empty() && option.examples.len() <= 8 {
        let allowed: Vec<&str> = option.examples.iter().map(|e| e.value.as_str()).collect();
        help = format!("{help} [{}]", allowed.join(", "));
    }
    eprintln!("  {}: {help}", option.name);
    // Shown as `<redacted>` later when rclone calls it sensitive; typed hidden only when it is
    // a credential (see `typed_hidden`).
    let secret = option.is_password || is_secret_key(&backend.name, &option.name);
    let raw = if typed_hidden(option) {
        if !option.required && !prompt::confirm(&format!("Set {}?", option.name), false)? {
            return Ok(());
        }
        prompt::password(&option.name)?
    } else {
        let default = if option.required && option.default.is_empty() { None } else { Some(option.default.as_str()) };
        let answer = prompt::input(&option.name, default, |v| {
            if v.trim().is_empty() {
                return if option.required && option.default.is_empty() {
                    Err(format!("{} is needed", option.name))
                } else {
                    Ok(())
                };
            }
            providers::check_option(backend, &option.name, v.trim()).map(|_| ()).map_err(|e| e.to_string())
        })?;
        if answer.trim().is_empty() || answer.trim() == option.default {
            return Ok(());
        }
        SecretString::from(answer.trim().to_string())
    };
    let checked = providers::check_option(backend, &option.name, raw.expose_secret())?;
    let stored = if option.is_password { crate::rclone::obscure::obscure(&checked) } else { checked };
    values.push(Value { key: option.name.clone(), value: SecretString::from(stored), secret });
    Ok(())
}

/// What to do when the connection check failed.
pub enum AfterFailure {
    Retry,
    Change,
    SaveAnyway,
    Quit,
}

pub fn after_failure() -> Result<AfterFailure, Error> {
    let items = [
        "Try again",
        "Change settings (advanced options)",
        "Save anyway, without a working check",
        "Quit without saving",
    ]
    .map(String::from);
    Ok(match prompt::select("The connection check failed. What now?", &items, 0)? {
        0 => AfterFailure::Retry,
        1 => AfterFailure::Change,
        2 => AfterFailure::SaveAnyway,
        _ => AfterFailure::Quit,
    })
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default().trim().trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(name: &str, is_password: bool) -> OptionSpec {
        OptionSpec {
            name: name.into(),
            help: String::new(),
            type_name: "string".into(),
            default: String::new(),
            required: false,
            is_password,
            sensitive: true,
            advanced: false,
            exclusive: false,
            hide: 0,
            examples: Vec::new(),
            provider: String::new(),
        }
    }

    #[test]
    fn only_credentials_are_typed_hidden() {
        for visible in ["drive_id", "client_id", "access_key_id", "key_file", "pubkey_file", "token_url", "tenant"] {
            assert!(!typed_hidden(&option(visible, false)), "{visible} is typed visibly");
        }
        for hidden in ["client_secret", "secret_access_key", "key_pem", "bearer_token", "token"] {
            assert!(typed_hidden(&option(hidden, false)), "{hidden} is typed hidden");
        }
        assert!(typed_hidden(&option("pass", true)), "rclone's IsPassword options always");
    }
}

//! OneDrive needs `drive_id` and `drive_type` before rclone can use a remote. They are found
//! with rclone's own configurator, in a private config that holds the new token: it asks
//! Microsoft Graph for the drives the account can reach, and pluton picks one (or the user
//! does, with `--drive`, `--site` or `--set drive_id=`).

use std::path::Path;
use std::time::Duration;

use crate::error::Error;
use crate::rclone::Rclone;
use crate::rclone::config_state::Choice;
use crate::rclone_conf::RcloneConf;
use crate::store;

/// Asks a person which of several drives to use (the wizard), returning its index.
pub type DriveChooser<'a> = &'a dyn Fn(&[Choice]) -> Result<usize, Error>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DriveKind {
    Personal,
    Business,
    Sharepoint,
}

/// Runs the drive discovery for the section `entries` and returns the section as rclone left
/// it: with `drive_id` and `drive_type` (and any token it refreshed on the way).
pub fn discover_drive(
    rclone: &Rclone,
    private_parent: &Path,
    remote: &str,
    entries: &[(String, String)],
    (kind, site): (Option<DriveKind>, Option<&str>),
    choose: Option<DriveChooser>,
    timeout: Duration,
) -> Result<Vec<(String, String)>, Error> {
    store::create_private_dir(private_parent)?;
    let dir = tempfile::Builder::new()
        .prefix(&store::private_dir_prefix("drives"))
        .tempdir_in(private_parent)
        .map_err(|e| Error::failed(format!("creating a private directory: {e}")))?;
    let path = dir.path().join("rclone.conf");
    let mut conf = RcloneConf::empty();
    conf.append_section(remote, entries).map_err(|e| Error::usage(e.to_string()))?;
    let private = rclone.with_config(path.clone());
    private.write_private_config(&path, conf.as_str())?;

    let mut answers: Vec<(&str, &str)> = vec![("config_refresh_token", "false")];
    match (kind, site) {
        (_, Some(url)) => answers.extend([("config_type", "url"), ("config_site_url", url)]),
        (Some(DriveKind::Sharepoint), None) => answers.push(("config_type", "sharepoint")),
        _ => answers.push(("config_type", "onedrive")),
    }
    let step = private.config_update(remote, &answers, timeout).map_err(|e| Error::connection(format!("{e:#}")))?;
    let question = step.option.as_ref().map(|q| q.name.as_str());
    if question != Some("config_driveid") {
        let why =
            if step.error.is_empty() { format!("rclone stopped at {:?}", step.state) } else { step.error.clone() };
        return Err(Error::connection(format!("could not list the account's drives: {}", first_line(&why)))
            .with_hint("check the token and the site URL, or pass --set drive_id=ID --set drive_type=TYPE"));
    }
    let drives: Vec<Choice> = step.option.and_then(|q| q.examples).unwrap_or_default();
    let id = match (pick(&drives, kind), choose) {
        // Several drives and a person to ask: they choose.
        (Err(_), Some(choose)) if drives.len() > 1 => drives[choose(&drives)?.min(drives.len() - 1)].value.clone(),
        (picked, _) => picked?,
    };
    let mut finish = answers.clone();
    finish.extend([("config_driveid", id.as_str()), ("config_drive_ok", "true")]);
    let done = private.config_update(remote, &finish, timeout).map_err(|e| Error::connection(format!("{e:#}")))?;
    if !done.state.is_empty() {
        return Err(Error::connection(format!("could not use drive {id:?}: {}", first_line(&done.error)))
            .with_hint("pass --set drive_id=ID --set drive_type=TYPE"));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::failed(format!("reading the private config: {e}")))?;
    let conf =
        RcloneConf::parse(text).map_err(|e| Error::failed(format!("rclone left an unreadable private config: {e}")))?;
    let section = conf.section(remote).ok_or_else(|| Error::failed("rclone dropped the section it was configuring"))?;
    if section.get("drive_id").is_none_or(str::is_empty) || section.get("drive_type").is_none_or(str::is_empty) {
        return Err(Error::failed("rclone finished without writing drive_id and drive_type"));
    }
    Ok(section.entries)
}

/// One drive: the only one there is, or the only one of the asked kind.
fn pick(drives: &[Choice], kind: Option<DriveKind>) -> Result<String, Error> {
    let wanted = |d: &&Choice| match kind {
        Some(DriveKind::Personal) => d.help.contains("(personal)"),
        Some(DriveKind::Business) => d.help.contains("(business)"),
        Some(DriveKind::Sharepoint) | None => true,
    };
    let candidates: Vec<&Choice> = drives.iter().filter(wanted).collect();
    match candidates.as_slice() {
        [one] => Ok(one.value.clone()),
        [] => Err(Error::usage("the account has no drive of that kind").with_hint(list_hint(drives))),
        _ => Err(Error::usage(format!("the account has {} drives; which one?", candidates.len()))
            .with_hint(list_hint(&candidates.into_iter().cloned().collect::<Vec<_>>()))),
    }
}

fn list_hint(drives: &[Choice]) -> String {
    if drives.is_empty() {
        return "pass --set drive_id=ID --set drive_type=personal|business|documentLibrary".into();
    }
    let listed: Vec<String> = drives.iter().map(|d| format!("{} = {}", d.value, first_line(&d.help))).collect();
    format!(
        "pass --set drive_id=ID (and --set drive_type=…), or --drive personal|business; drives: {}",
        listed.join("; ")
    )
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(id: &str, help: &str) -> Choice {
        Choice { value: id.into(), help: help.into() }
    }

    #[test]
    fn one_drive_is_picked_and_several_need_a_choice() {
        let one = [choice("a", "OneDrive (personal)")];
        assert_eq!(pick(&one, None).ok().as_deref(), Some("a"));
        let two = [choice("a", "OneDrive (personal)"), choice("b", "OneDrive (business)")];
        assert_eq!(pick(&two, Some(DriveKind::Business)).ok().as_deref(), Some("b"));
        let err = pick(&two, None).err().map(|e| e.hint().unwrap_or_default().to_string()).unwrap_or_default();
        assert!(err.contains("a = OneDrive (personal)") && err.contains("--drive"), "{err}");
        assert!(pick(&one, Some(DriveKind::Business)).is_err());
    }
}

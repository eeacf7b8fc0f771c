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
    let dir = store::private_dir(private_parent, "drives")?;
    let path = dir.path().join("rclone.conf");
    let mut conf = RcloneConf::empty();
    conf.append_section(remote, entries).map_err(|e| Error::usage(e.to_string()))?;
    let private = rclone.with_config(path.clone());
    private.write_private_config(&path, conf.as_str())?;

    let mut answers: Vec<(&str, &str)> = vec![("config_refresh_token", "false")];
    match (kind, site) {
        (_, Some(url)) => answers.extend([("config_type", "url"), ("config_site_url", url)]),
        // No site: rclone's "sharepoint" choice, the root site's document library.
        (Some(DriveKind::Sharepoint), None) => answers.push(("config_type", "sharepoint")),
        _ => answers.push(("config_type", "onedrive")),
    }
    // A drive_id the user gave is that drive, listed or not (a library of another site is not):
    // rclone asks Graph for it and writes its type.
    let given = entries.iter().find(|(k, _)| k == "drive_id").map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    let id = match &given {
        Some(id) => id.clone(),
        None => {
            let drives = list_drives(&private, remote, &answers, timeout)?;
            match (pick(&drives, kind), choose) {
                // Several drives and a person to ask: they choose.
                (Err(_), Some(choose)) if drives.len() > 1 => {
                    drives[choose(&drives)?.min(drives.len() - 1)].value.clone()
                }
                (picked, _) => picked?,
            }
        }
    };
    let mut finish = answers.clone();
    finish.extend([("config_driveid", id.as_str()), ("config_drive_ok", "true")]);
    let done = private.config_update(remote, &finish, timeout).map_err(|e| Error::connection(format!("{e:#}")))?;
    if !done.state.is_empty() {
        let list = || list_drives(&private, remote, &answers, timeout).unwrap_or_default();
        return Err(unusable_drive(&id, given.is_some(), &done.error, list));
    }
    // Encrypted like the real file when that is: read back with the same password.
    let conf = private.read_private_config(&path)?;
    let section = conf.section(remote).ok_or_else(|| Error::failed("rclone dropped the section it was configuring"))?;
    let drive_type = section.get("drive_type").unwrap_or_default();
    if section.get("drive_id").is_none_or(str::is_empty) || drive_type.is_empty() {
        return Err(Error::failed("rclone finished without writing drive_id and drive_type"));
    }
    if given.is_some() && kind.is_some_and(|k| (k == DriveKind::Personal) != (drive_type == "personal")) {
        let wanted = if kind == Some(DriveKind::Personal) { "a personal one" } else { "a business or SharePoint one" };
        return Err(Error::usage(format!("drive {id:?} is a {drive_type} drive, not {wanted} as --drive says"))
            .with_hint("leave out --drive: a given drive_id decides the drive and its type"));
    }
    Ok(section.entries)
}

/// Why rclone could not finish with drive `id`: a drive the user gave that Graph does not know
/// is their mistake (with the account's drives, from `list`, to choose from); anything else is
/// the connection's.
fn unusable_drive(id: &str, given: bool, error: &str, list: impl FnOnce() -> Vec<Choice>) -> Error {
    if given && drive_not_found(error) {
        return Error::usage(format!(
            "drive_id {id:?} was not found: Microsoft Graph knows no drive with that ID that this account can reach"
        ))
        .with_hint(list_hint(&list()));
    }
    if given && error.contains("Failed to query available drives") {
        return Error::connection(format!("could not list the account's drives: {}", first_line(error)))
            .with_hint("check the token; with --set drive_type=TYPE too, pluton does not need to ask Graph");
    }
    Error::connection(format!("could not use drive {id:?}: {}", first_line(error)))
        .with_hint("pass --set drive_id=ID --set drive_type=TYPE")
}

/// rclone's configurator up to its drive question: the drives Graph lists for the account (or
/// for the site).
fn list_drives(
    private: &Rclone,
    remote: &str,
    answers: &[(&str, &str)],
    timeout: Duration,
) -> Result<Vec<Choice>, Error> {
    let step = private.config_update(remote, answers, timeout).map_err(|e| Error::connection(format!("{e:#}")))?;
    let question = step.option.as_ref().map(|q| q.name.as_str());
    if question != Some("config_driveid") {
        let why =
            if step.error.is_empty() { format!("rclone stopped at {:?}", step.state) } else { step.error.clone() };
        return Err(Error::connection(format!("could not list the account's drives: {}", first_line(&why)))
            .with_hint("check the token and the site URL, or pass --set drive_id=ID --set drive_type=TYPE"));
    }
    Ok(step.option.and_then(|q| q.examples).unwrap_or_default())
}

/// Whether rclone's "Failed to query root for drive" means there is no such drive (Graph
/// answers 404 itemNotFound, or 400 for an ID it cannot even parse), not an outage.
fn drive_not_found(error: &str) -> bool {
    error.contains("Failed to query root for drive")
        && ["404", "itemNotFound", "400 Bad Request", "invalidRequest"].iter().any(|m| error.contains(m))
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
        return "pass --set drive_id=ID --set drive_type=personal|business|documentLibrary, or leave drive_id out \
                and pluton lists the account's drives"
            .into();
    }
    let listed: Vec<String> = drives.iter().map(|d| format!("{} = {}", d.value, first_line(&d.help))).collect();
    format!("pass --set drive_id=ID, or --drive personal|business; drives: {}", listed.join("; "))
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

    #[test]
    fn only_graph_saying_no_such_drive_counts_as_not_found() {
        let missing = r#"Failed to query root for drive "b!x": HTTP error 404 (404 Not Found) returned body: "{\"error\": {\"code\": \"itemNotFound\"}}""#;
        assert!(drive_not_found(missing));
        assert!(drive_not_found(
            r#"Failed to query root for drive "x": HTTP error 400 (400 Bad Request) returned body: "invalidRequest""#
        ));
        assert!(!drive_not_found(
            r#"Failed to query root for drive "b!x": Get "https://graph…": dial tcp: connection refused"#
        ));
        assert!(!drive_not_found("Failed to query available drives: /me/drives: HTTP error 404"));
    }
}

//! rclone's non-interactive configurator (`rclone config update NAME … --non-interactive`,
//! rclone-notes §4), run against a private config that already holds the section (and so the
//! token: nothing secret goes on the command line, only the answers to rclone's questions).

use std::ffi::OsString;
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::Deserialize;

use super::{Rclone, RunOptions};

/// One answer of rclone's configurator: the next question, or `state == ""` when done.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Step {
    pub state: String,
    pub option: Option<Question>,
    #[serde(default)]
    pub error: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Question {
    pub name: String,
    #[serde(default)]
    pub examples: Option<Vec<Choice>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Choice {
    pub value: String,
    #[serde(default)]
    pub help: String,
}

impl Rclone {
    /// `rclone config update REMOTE KEY VALUE… --non-interactive`: pre-answers questions by
    /// their `config_…` names and returns where the configurator stopped.
    pub fn config_update(&self, remote: &str, answers: &[(&str, &str)], timeout: Duration) -> Result<Step> {
        let mut args: Vec<OsString> = vec!["config".into(), "update".into(), remote.into()];
        for (k, v) in answers {
            args.push((*k).into());
            args.push((*v).into());
        }
        args.push("--non-interactive".into());
        let out = self.run(args, RunOptions::with_timeout(timeout))?;
        if !out.success() {
            anyhow::bail!(
                "rclone's configurator failed: {}",
                crate::secrets::redact_text(String::from_utf8_lossy(&out.stderr).trim())
            );
        }
        serde_json::from_slice(&out.stdout).context("reading rclone's configurator answer")
    }
}

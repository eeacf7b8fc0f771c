//! rclone's "obscure" for options it marks IsPassword (rclone-notes §2): AES-256-CTR with a
//! fixed, public key and a random IV, base64url without padding. It only keeps passwords from
//! being read at a glance; the file's mode is what protects them. pluton does it itself so that
//! a password never has to pass through rclone's argv.

use aes::cipher::{KeyIvInit, StreamCipher};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

type Aes256Ctr = ctr::Ctr128BE<aes::Aes256>;

/// rclone's published key (fs/config/obscure/obscure.go).
const KEY: [u8; 32] = [
    0x9c, 0x93, 0x5b, 0x48, 0x73, 0x0a, 0x55, 0x4d, 0x6b, 0xfd, 0x7c, 0x63, 0xc8, 0x86, 0xa9, 0x2b, 0xd3, 0x90, 0x19,
    0x8e, 0xb8, 0x12, 0x8a, 0xfb, 0xf4, 0xde, 0x16, 0x2b, 0x8b, 0x95, 0xf6, 0x38,
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevealError {
    #[error("the value is not base64url")]
    NotBase64,
    #[error("the value is too short to be an obscured password")]
    TooShort,
    #[error("the revealed value is not UTF-8 text")]
    NotUtf8,
}

pub fn obscure(plain: &str) -> String {
    let mut iv = [0u8; 16];
    if getrandom::fill(&mut iv).is_err() {
        // No OS randomness: a time-derived IV still yields a value rclone can reveal.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        iv = now.to_le_bytes();
    }
    let mut data = plain.as_bytes().to_vec();
    Aes256Ctr::new(&KEY.into(), &iv.into()).apply_keystream(&mut data);
    let mut out = iv.to_vec();
    out.extend_from_slice(&data);
    URL_SAFE_NO_PAD.encode(out)
}

pub fn reveal(obscured: &str) -> Result<String, RevealError> {
    let bytes = URL_SAFE_NO_PAD.decode(obscured.trim()).map_err(|_| RevealError::NotBase64)?;
    if bytes.len() < 16 {
        return Err(RevealError::TooShort);
    }
    let (iv, data) = bytes.split_at(16);
    let mut data = data.to_vec();
    let iv: [u8; 16] = iv.try_into().map_err(|_| RevealError::TooShort)?;
    Aes256Ctr::new(&KEY.into(), &iv.into()).apply_keystream(&mut data);
    String::from_utf8(data).map_err(|_| RevealError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::process::{Command, Stdio};

    #[test]
    fn round_trips() {
        for plain in ["", "hunter2", "pässwörd ✓ 名前", &"x".repeat(45)] {
            let o = obscure(plain);
            assert_eq!(reveal(&o).as_deref(), Ok(plain));
            assert_ne!(o, obscure(plain), "a fresh IV every time");
        }
        assert_eq!(obscure("").len(), 22);
        assert_eq!(obscure("hunter2").len(), 31);
        assert_eq!(reveal("***"), Err(RevealError::NotBase64));
        assert_eq!(reveal("AAAA"), Err(RevealError::TooShort));
    }

    fn rclone_available() -> bool {
        Command::new("rclone").arg("version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
    }

    #[test]
    fn agrees_with_the_real_rclone_both_ways() -> Result<(), Box<dyn std::error::Error>> {
        if !rclone_available() {
            eprintln!("rclone not on PATH; skipping");
            return Ok(());
        }
        let dir = tempfile::tempdir()?;
        let conf = dir.path().join("rclone.conf");
        std::fs::write(&conf, "")?;
        let plain = "s3cret pass ü";
        // rclone obscures (secret on stdin), we reveal.
        let mut child = Command::new("rclone")
            .args(["obscure", "-"])
            .env("RCLONE_CONFIG", &conf)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        child.stdin.take().ok_or("no stdin")?.write_all(format!("{plain}\n").as_bytes())?;
        let out = child.wait_with_output()?;
        assert_eq!(reveal(String::from_utf8(out.stdout)?.trim())?, plain);
        // We obscure, rclone reveals (`--`: a base64url value may start with `-`).
        let out =
            Command::new("rclone").args(["reveal", "--", &obscure(plain)]).env("RCLONE_CONFIG", &conf).output()?;
        assert_eq!(String::from_utf8(out.stdout)?.trim_end_matches('\n'), plain);
        Ok(())
    }
}

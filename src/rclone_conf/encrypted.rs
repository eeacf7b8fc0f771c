//! rclone's encrypted config (rclone-notes §1.6): after optional comment and blank lines, a
//! `RCLONE_ENCRYPT_V0:` line, then standard base64 of a 24-byte nonce followed by a NaCl
//! secretbox of the plain INI. The key is SHA-256 of `[` + NFKC(password) + `][rclone-config]`.
//!
//! pluton decrypts into memory only, and every write of an encrypted file is encrypted again
//! with a fresh nonce: the plain text never reaches the disk.

use base64::Engine as _;
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Key, Nonce, XSalsa20Poly1305};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

pub const MARKER: &str = "RCLONE_ENCRYPT_V0:";
const HEADER: &str = "# Encrypted rclone configuration File\n\n";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptError {
    #[error("the encrypted part is not valid base64")]
    NotBase64,
    #[error("the password is wrong, or the file is damaged")]
    WrongPassword,
    #[error("the decrypted configuration is not UTF-8 text")]
    NotText,
}

/// Whether `text` is an encrypted rclone config.
pub fn is_encrypted(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'))
        .is_some_and(|l| l.starts_with(MARKER))
}

fn key(password: &SecretString) -> Key {
    let normalized: String = password.expose_secret().nfkc().collect();
    let mut hasher = Sha256::new();
    hasher.update(b"[");
    hasher.update(normalized.as_bytes());
    hasher.update(b"][rclone-config]");
    hasher.finalize()
}

pub fn decrypt(text: &str, password: &SecretString) -> Result<String, CryptError> {
    let mut lines =
        text.lines().map(str::trim).skip_while(|l| l.is_empty() || l.starts_with('#') || l.starts_with(';'));
    let first = lines.next().unwrap_or_default();
    let mut payload: String = first.strip_prefix(MARKER).unwrap_or_default().to_string();
    for line in lines {
        payload.push_str(line);
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(payload.trim()).map_err(|_| CryptError::NotBase64)?;
    if bytes.len() < 24 + 16 {
        return Err(CryptError::WrongPassword);
    }
    let (nonce, sealed) = bytes.split_at(24);
    let plain = XSalsa20Poly1305::new(&key(password))
        .decrypt(Nonce::from_slice(nonce), sealed)
        .map_err(|_| CryptError::WrongPassword)?;
    String::from_utf8(plain).map_err(|_| CryptError::NotText)
}

pub fn encrypt(plain: &str, password: &SecretString) -> String {
    let mut nonce = [0u8; 24];
    if getrandom::fill(&mut nonce).is_err() {
        // Without OS randomness, a time-derived nonce is still unique per write.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        nonce[..16].copy_from_slice(&now.to_le_bytes());
    }
    let sealed =
        XSalsa20Poly1305::new(&key(password)).encrypt(Nonce::from_slice(&nonce), plain.as_bytes()).unwrap_or_default();
    let mut bytes = nonce.to_vec();
    bytes.extend_from_slice(&sealed);
    format!("{HEADER}{MARKER}\n{}\n", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Whether the rclone.conf at `path` is encrypted (its first few KiB tell), without reading the
/// whole file.
pub fn file_is_encrypted(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok() && is_encrypted(&String::from_utf8_lossy(&head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_a_wrong_password() {
        let pw = SecretString::from("s3cret ✓".to_string());
        let text = encrypt("[a]\ntype = memory\n", &pw);
        assert!(is_encrypted(&text));
        assert!(!text.contains("memory"));
        assert_eq!(decrypt(&text, &pw).as_deref(), Ok("[a]\ntype = memory\n"));
        assert_eq!(decrypt(&text, &SecretString::from("nope".to_string())), Err(CryptError::WrongPassword));
        assert!(!is_encrypted("[a]\ntype = memory\n"));
    }

    /// A file encrypted by the real rclone opens with the same password, and rclone opens ours.
    #[test]
    fn agrees_with_rclone() -> Result<(), Box<dyn std::error::Error>> {
        let Ok(bin) = which::which("rclone") else {
            eprintln!("rclone not on PATH; skipping");
            return Ok(());
        };
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("rclone.conf");
        std::fs::write(&path, "[mem]\ntype = memory\n")?;
        let status = std::process::Command::new(&bin)
            .args(["config", "encryption", "set", "--password-command", "echo pass word", "--config"])
            .arg(&path)
            .stdin(std::process::Stdio::null())
            .status()?;
        assert!(status.success());
        let pw = SecretString::from("pass word".to_string());
        let theirs = std::fs::read_to_string(&path)?;
        assert!(decrypt(&theirs, &pw)?.contains("[mem]"));

        std::fs::write(&path, encrypt("[ours]\ntype = memory\n", &pw))?;
        let out = std::process::Command::new(&bin)
            .args(["listremotes", "--ask-password=false", "--config"])
            .arg(&path)
            .env("RCLONE_CONFIG_PASS", "pass word")
            .stdin(std::process::Stdio::null())
            .output()?;
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ours:", "{}", String::from_utf8_lossy(&out.stderr));
        Ok(())
    }
}

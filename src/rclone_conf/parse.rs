//! Line classification, following rclone's INI reader (goconfig `read.go`, rclone-notes §1.1):
//! each line is trimmed; empty → blank; `#`/`;` first → comment; `[`…`]` → section header;
//! otherwise the first `=` or `:` (not at position 0) splits key and value, and anything else
//! makes rclone refuse the whole file.

use super::{Line, LineKind};

/// The marker rclone puts before the base64 of an encrypted config (rclone-notes §1.6).
pub const ENCRYPTED_MARKER: &str = "RCLONE_ENCRYPT_V0:";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} (line {line})")]
pub struct ParseError {
    /// 1-based line number, as an editor shows it.
    pub line: usize,
    pub kind: ParseErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    #[error("could not parse line: {}", shown_line(.0))]
    BadLine(String),
    #[error("empty section name not allowed")]
    EmptySectionName,
    #[error("the file is encrypted")]
    Encrypted,
}

/// A line rclone could not read, as an error may show it: control characters escaped (a NUL or
/// an escape sequence must not reach the terminal), cut to 40 characters, and not at all when
/// it may hold a secret (a token or password line that lost its `=`).
fn shown_line(line: &str) -> String {
    let lower = line.to_ascii_lowercase();
    if ["token", "secret", "pass", "key"].iter().any(|w| lower.contains(w)) {
        return "(not shown: it may hold a secret)".to_string();
    }
    let mut shown: String =
        line.chars().take(40).flat_map(|c| if c.is_control() { c.escape_debug().collect() } else { vec![c] }).collect();
    if line.chars().count() > 40 {
        shown.push('…');
    }
    shown
}

pub(crate) fn lines(text: &str) -> Result<Vec<Line>, ParseError> {
    // Exactly one Line per line: a guess from the length over-reserved by a third, and at
    // 10,000 remotes this Vec is the largest thing `storage list` holds.
    let mut out = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    scan(text, |line| out.push(line))?;
    Ok(out)
}

/// Classifies each line in order and hands it to `each`, keeping nothing: what `lines` stores,
/// for a reader that needs one pass only.
pub(crate) fn scan(text: &str, mut each: impl FnMut(Line)) -> Result<(), ParseError> {
    let mut start = 0;
    // The section a key line belongs to: None before the first header (rclone's DEFAULT),
    // Some(true) inside a named section, Some(false) after `[]`.
    let mut named_section: Option<bool> = None;
    let mut seen_content = false;
    for (number, raw) in text.split_inclusive('\n').enumerate() {
        let span = start..start + raw.len();
        start = span.end;
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = if number == 0 { content.strip_prefix('\u{feff}').unwrap_or(content) } else { content };
        let offset = span.start + (content.len() - lead.len());
        let (trimmed, trim_start) = trim_with_offset(lead);
        let at = offset + trim_start;
        let err = |kind| ParseError { line: number + 1, kind };

        let kind = if trimmed.is_empty() {
            LineKind::Blank
        } else if trimmed.starts_with(['#', ';']) {
            LineKind::Comment
        } else if !seen_content && trimmed.starts_with(ENCRYPTED_MARKER) {
            return Err(err(ParseErrorKind::Encrypted));
        } else if trimmed.len() >= 2 && trimmed.starts_with('[') && trimmed.ends_with(']') {
            let inner = &trimmed[1..trimmed.len() - 1];
            let (name, name_start) = trim_with_offset(inner);
            named_section = Some(!name.is_empty());
            let s = at + 1 + name_start;
            LineKind::Header(s..s + name.len())
        } else {
            if named_section == Some(false) {
                return Err(err(ParseErrorKind::EmptySectionName));
            }
            match trimmed.find(['=', ':']) {
                Some(i) if i > 0 => {
                    let (key, key_start) = trim_with_offset(&trimmed[..i]);
                    let (value, value_start) = trim_with_offset(&trimmed[i + 1..]);
                    let k = at + key_start;
                    let v = at + i + 1 + value_start;
                    LineKind::Entry { key: k..k + key.len(), value: v..v + value.len() }
                }
                _ => return Err(err(ParseErrorKind::BadLine(trimmed.to_string()))),
            }
        };
        if !matches!(kind, LineKind::Blank | LineKind::Comment) {
            seen_content = true;
        }
        each(Line { span, kind });
    }
    Ok(())
}

/// Trims whitespace the way Go's `strings.TrimSpace` does and says where the rest starts.
fn trim_with_offset(s: &str) -> (&str, usize) {
    let left = s.trim_start();
    let start = s.len() - left.len();
    (left.trim_end(), start)
}

#[cfg(test)]
mod shown_tests {
    use super::shown_line;

    #[test]
    fn a_bad_line_is_shown_escaped_cut_and_never_with_a_secret() {
        assert_eq!(shown_line("\u{1}\u{2} not a config {{{"), "\\u{1}\\u{2} not a config {{{");
        assert_eq!(shown_line(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
        assert_eq!(shown_line("token {\"access_token\":\"abc\"}"), "(not shown: it may hold a secret)");
        assert_eq!(shown_line("garbage"), "garbage");
    }
}

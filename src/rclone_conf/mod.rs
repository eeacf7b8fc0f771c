//! rclone.conf as a byte-exact list of lines.
//!
//! rclone itself rewrites the whole file on every save (rclone-notes §1.2): comments at the end
//! vanish, quoting is lost, duplicate sections merge. pluton must not do that to a file a user
//! wrote by hand, so it keeps the file as text, classifies each line the way rclone's INI reader
//! (goconfig) does, and edits by splicing: every byte outside the lines it changes stays as it
//! was, including CRLF endings, odd spacing and a missing final newline.

pub mod encrypted;
mod parse;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

pub use parse::{ParseError, ParseErrorKind};

/// How one line reads to rclone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    Comment,
    /// `[name]`; the range is the trimmed name inside the brackets.
    Header(Range<usize>),
    /// `key = value`; ranges of the trimmed key and the trimmed raw value.
    Entry {
        key: Range<usize>,
        value: Range<usize>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Byte range of the whole line including its line ending.
    pub span: Range<usize>,
    pub kind: LineKind,
}

/// A parsed rclone.conf. Cheap to query; every edit splices `text` and re-parses.
#[derive(Debug, Clone)]
pub struct RcloneConf {
    text: String,
    lines: Vec<Line>,
}

/// The key/value pairs of one remote, as rclone reads them: a key given twice keeps its
/// first position and its last value; duplicate sections merge the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<(String, String)>,
}

impl Section {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Why a key or value cannot be written into rclone.conf.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("{what} contains a line break, which rclone.conf cannot hold")]
    LineBreak { what: String },
    #[error("option name {0:?} is not valid: use letters, digits and `_`")]
    BadKey(String),
}

impl RcloneConf {
    pub fn parse(text: String) -> Result<Self, ParseError> {
        let lines = parse::lines(&text)?;
        Ok(RcloneConf { text, lines })
    }

    pub fn empty() -> Self {
        RcloneConf { text: String::new(), lines: Vec::new() }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    fn slice(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    /// The line ending this file uses: CRLF if its first line ends so, else LF.
    fn newline(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Every section name once, in order of first appearance (`DEFAULT` excluded).
    pub fn section_names(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.lines
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Header(r) => Some(self.slice(r)),
                _ => None,
            })
            .filter(|name| *name != "DEFAULT" && seen.insert(*name))
            .collect()
    }

    pub fn has_section(&self, name: &str) -> bool {
        self.headers().any(|(_, n)| n == name)
    }

    fn headers(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines.iter().enumerate().filter_map(|(i, l)| match &l.kind {
            LineKind::Header(r) => Some((i, self.slice(r))),
            _ => None,
        })
    }

    /// All sections, merged as rclone merges them, keyed by name. One pass over the file, for
    /// commands that look at every storage.
    pub fn sections(&self) -> HashMap<&str, Section> {
        self.borrowed_sections()
            .into_iter()
            .map(|(name, entries)| {
                let entries = entries.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                (name, Section { name: name.to_string(), entries })
            })
            .collect()
    }

    /// `sections`, borrowed from the file: for commands that compare thousands of sections
    /// and copy none of them.
    pub fn borrowed_sections(&self) -> HashMap<&str, Vec<(&str, &str)>> {
        let mut map: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        let mut current: Option<&str> = None;
        for line in &self.lines {
            match &line.kind {
                LineKind::Header(r) => {
                    let name = self.slice(r);
                    map.entry(name).or_default();
                    current = Some(name);
                }
                LineKind::Entry { key, value } => {
                    if let Some(entries) = current.and_then(|n| map.get_mut(n)) {
                        let (key, value) = (self.slice(key), unquoted(self.slice(value)));
                        match entries.iter_mut().find(|(k, _)| *k == key) {
                            Some(entry) => entry.1 = value,
                            None => entries.push((key, value)),
                        }
                    }
                }
                _ => {}
            }
        }
        map.remove("DEFAULT");
        map
    }

    /// The value of one key in every section that has it (the last one wins, as for rclone),
    /// borrowed from the file: for commands that need one thing from thousands of remotes.
    /// One `key`'s value per section, read straight from `text` without building the line
    /// model: every section (`DEFAULT` included) is a key of the map, with `None` where it has
    /// no such key. The same as [`RcloneConf::key_values`] and [`RcloneConf::section_names`]
    /// (a property test holds them equal), in one pass and without the model's memory, for
    /// `storage list` at thousands of remotes.
    pub fn key_per_section<'t>(text: &'t str, key: &str) -> Result<HashMap<&'t str, Option<&'t str>>, ParseError> {
        let mut map: HashMap<&str, Option<&str>> = HashMap::new();
        let mut current: Option<&str> = None;
        parse::scan(text, |line| match line.kind {
            LineKind::Header(r) => {
                let name = &text[r];
                map.entry(name).or_insert(None);
                current = Some(name);
            }
            LineKind::Entry { key: k, value } if &text[k.clone()] == key => {
                if let Some(section) = current {
                    map.insert(section, Some(unquoted(&text[value])));
                }
            }
            _ => {}
        })?;
        Ok(map)
    }

    pub fn key_values(&self, key: &str) -> HashMap<&str, std::borrow::Cow<'_, str>> {
        let mut map = HashMap::new();
        let mut current: Option<&str> = None;
        for line in &self.lines {
            match &line.kind {
                LineKind::Header(r) => current = Some(self.slice(r)),
                LineKind::Entry { key: k, value } if self.slice(k) == key => {
                    if let Some(section) = current {
                        map.insert(section, unquoted(self.slice(value)).into());
                    }
                }
                _ => {}
            }
        }
        map
    }

    /// One section, merged as rclone reads it.
    pub fn section(&self, name: &str) -> Option<Section> {
        let mut found = false;
        let mut inside = false;
        let mut entries = Vec::new();
        for line in &self.lines {
            match &line.kind {
                LineKind::Header(r) => {
                    inside = self.slice(r) == name;
                    found |= inside;
                }
                LineKind::Entry { key, value } if inside => {
                    set_entry(&mut entries, self.slice(key), &unquote(self.slice(value)));
                }
                _ => {}
            }
        }
        found.then(|| Section { name: name.to_string(), entries })
    }

    /// The backend type of a remote, following rclone's dotted-name fallback: `[a.b]` without
    /// a `type` takes the one of `[a]`.
    pub fn remote_type(&self, name: &str) -> Option<String> {
        let sections = self.sections();
        remote_type_in(&sections, name)
    }

    /// The raw bytes of every occurrence of a section (header through its last entry), as
    /// they stand in the file.
    pub fn section_text(&self, name: &str) -> String {
        let mut out = String::new();
        for range in self.section_line_ranges(name) {
            for line in &self.lines[range] {
                out.push_str(self.slice(&line.span));
            }
        }
        out
    }

    /// Line-index ranges of every occurrence of `name`: from its header through its last
    /// entry or comment before the next header. Blank lines and the comments directly above
    /// the next header belong to the gap, not to this section.
    fn section_line_ranges(&self, name: &str) -> Vec<Range<usize>> {
        let headers: Vec<(usize, &str)> = self.headers().collect();
        let mut ranges = Vec::new();
        for (n, (start, header)) in headers.iter().enumerate() {
            if *header != name {
                continue;
            }
            let limit = headers.get(n + 1).map_or(self.lines.len(), |(i, _)| *i);
            let mut end = *start + 1;
            for i in *start + 1..limit {
                if matches!(self.lines[i].kind, LineKind::Entry { .. }) {
                    end = i + 1;
                }
            }
            ranges.push(*start..end);
        }
        ranges
    }

    /// Appends a new section after the file's last line with content, separated from it by one
    /// blank line. Whatever ended the file (blank lines, one newline, or none at all) ends it
    /// again after the new section, so a hand-written file keeps its own ending, and
    /// `remove_section` (which takes the section and that separator) gives back the same bytes.
    /// A file with no content at all gets the section as rclone writes one, a blank line after.
    pub fn append_section(&mut self, name: &str, entries: &[(String, String)]) -> Result<(), ValueError> {
        let nl = self.newline();
        let mut block = format!("[{name}]");
        for (key, value) in entries {
            block.push_str(nl);
            block.push_str(entry_line(key, value, nl)?.trim_end_matches(['\r', '\n']));
        }
        let end = self.last_content_end();
        let mut text = std::mem::take(&mut self.text);
        match end {
            Some(at) => text.insert_str(at, &format!("{nl}{nl}{block}")),
            None => {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push_str(nl);
                }
                text.push_str(&format!("{block}{nl}{nl}"));
            }
        }
        self.reparse(text);
        Ok(())
    }

    /// Where the last line that is not blank ends, before its line ending.
    fn last_content_end(&self) -> Option<usize> {
        self.lines.iter().rev().find(|l| l.kind != LineKind::Blank).map(|l| self.content_end(l))
    }

    /// The end of a line without its line ending.
    fn content_end(&self, line: &Line) -> usize {
        line.span.start + self.slice(&line.span).trim_end_matches(['\r', '\n']).len()
    }

    /// Sets one key of an existing section: its line is rewritten in place (the last one, if
    /// the key appears twice, since that is the value rclone uses), or a new line is added
    /// after the section's last entry. Returns false if the section does not exist.
    pub fn set_value(&mut self, section: &str, key: &str, value: &str) -> Result<bool, ValueError> {
        let nl = self.newline();
        let new_line = entry_line(key, value, nl)?;
        let ranges = self.section_line_ranges(section);
        let Some(first) = ranges.first().cloned() else {
            return Ok(false);
        };
        let existing = ranges
            .iter()
            .flat_map(|r| r.clone())
            .rfind(|&i| matches!(&self.lines[i].kind, LineKind::Entry { key: k, .. } if self.slice(k) == key));
        let (at, remove) = match existing {
            Some(i) => {
                let span = self.lines[i].span.clone();
                // Keep the original line ending (or its absence at the end of the file).
                let ending = &self.text[span.clone()][self.text[span.clone()].trim_end_matches(['\r', '\n']).len()..];
                let replacement = format!("{}{}", new_line.trim_end_matches(['\r', '\n']), ending);
                (span, replacement)
            }
            None => {
                let last = &self.lines[first.end - 1];
                let at = last.span.end;
                let mut insert = String::new();
                if !self.text[..at].ends_with('\n') {
                    insert.push_str(nl);
                }
                insert.push_str(&new_line);
                (at..at, insert)
            }
        };
        let mut text = std::mem::take(&mut self.text);
        text.replace_range(at, &remove);
        self.reparse(text);
        Ok(true)
    }

    /// Removes every line of `key` from a section. Returns whether anything was removed.
    pub fn unset(&mut self, section: &str, key: &str) -> bool {
        let spans: Vec<Range<usize>> = self
            .section_line_ranges(section)
            .into_iter()
            .flatten()
            .filter(|&i| matches!(&self.lines[i].kind, LineKind::Entry { key: k, .. } if self.slice(k) == key))
            .map(|i| self.lines[i].span.clone())
            .collect();
        self.remove_spans(&spans)
    }

    /// Removes a section (every occurrence): its header, its lines, the comment lines directly
    /// above its header (rclone treats them as the section's), and the blank lines after it.
    /// Blank lines before it stay: they may be part of how the previous section ends. The
    /// exception is a section that ends the file (only blank lines after it), as
    /// `append_section` adds one: it goes with the line break and blank lines that separate it
    /// from the content before it, and the file keeps its own ending, so an append then a remove
    /// gives back the same bytes. Returns whether the section existed.
    pub fn remove_section(&mut self, name: &str) -> bool {
        let mut spans: Vec<Range<usize>> = Vec::new();
        for range in self.section_line_ranges(name) {
            let mut start = range.start;
            while start > 0 && self.lines[start - 1].kind == LineKind::Comment {
                start -= 1;
            }
            let mut end = range.end;
            while end < self.lines.len() && self.lines[end].kind == LineKind::Blank {
                end += 1;
            }
            // The content before it, unless that goes too (an occurrence right before this one).
            let before = self.lines[..start]
                .iter()
                .rev()
                .find(|l| l.kind != LineKind::Blank)
                .map(|l| self.content_end(l))
                .filter(|at| spans.last().is_none_or(|removed| removed.end <= *at));
            let span = match before {
                Some(at) if end == self.lines.len() => at..self.content_end(&self.lines[range.end - 1]),
                _ => self.lines[start].span.start..self.lines[end - 1].span.end,
            };
            // Two occurrences next to each other: one span covering both.
            match spans.last_mut() {
                Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
                _ => spans.push(span),
            }
        }
        self.remove_spans(&spans)
    }

    /// Replaces a section's body with `entries`, keeping its position, its header line and
    /// the comments above it. Used to bring back a section verified in a private copy.
    pub fn replace_section(&mut self, name: &str, entries: &[(String, String)]) -> Result<bool, ValueError> {
        let nl = self.newline();
        let ranges = self.section_line_ranges(name);
        let Some(first) = ranges.first().cloned() else {
            return Ok(false);
        };
        let mut body = String::new();
        for (key, value) in entries {
            body.push_str(&entry_line(key, value, nl)?);
        }
        let header = &self.lines[first.start];
        let body_start = header.span.end;
        let body_end = self.lines[first.end - 1].span.end;
        let mut text = self.text.clone();
        let mut prefix = String::new();
        if !self.text[..body_start].ends_with('\n') {
            prefix.push_str(nl);
        }
        // The replaced body ended where the old one did; keep a missing final newline missing.
        let old_body_ended_in_newline = self.text[..body_end].ends_with('\n') || body_end == body_start;
        let mut replacement = format!("{prefix}{body}");
        if !old_body_ended_in_newline && body_end == self.text.len() {
            replacement.truncate(replacement.trim_end_matches(['\r', '\n']).len());
        }
        // Later duplicates of the section merge into the first one; drop them.
        let later: Vec<Range<usize>> =
            ranges[1..].iter().map(|r| self.lines[r.start].span.start..self.lines[r.end - 1].span.end).collect();
        for span in later.iter().rev() {
            text.replace_range(span.clone(), "");
        }
        text.replace_range(body_start..body_end, &replacement);
        self.reparse(text);
        Ok(true)
    }

    fn remove_spans(&mut self, spans: &[Range<usize>]) -> bool {
        if spans.is_empty() {
            return false;
        }
        let mut text = std::mem::take(&mut self.text);
        for span in spans.iter().rev() {
            text.replace_range(span.clone(), "");
        }
        self.reparse(text);
        true
    }

    fn reparse(&mut self, text: String) {
        // Every edit writes only lines this module built from validated keys and values, so
        // the result parses whenever the input did; keep the old model if that ever fails.
        match parse::lines(&text) {
            Ok(lines) => {
                self.lines = lines;
                self.text = text;
            }
            Err(err) => debug_assert!(false, "edit produced an unparseable file: {err}"),
        }
    }
}

/// Looks up a remote's type in already-merged sections, with the dotted-name fallback.
pub fn remote_type_in(sections: &HashMap<&str, Section>, name: &str) -> Option<String> {
    let mut candidate = name;
    loop {
        if let Some(t) = sections.get(candidate).and_then(|s| s.get("type")).filter(|t| !t.is_empty()) {
            return Some(t.to_string());
        }
        candidate = &candidate[..candidate.rfind('.')?];
    }
}

fn set_entry(entries: &mut Vec<(String, String)>, key: &str, value: &str) {
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = value.to_string(),
        None => entries.push((key.to_string(), value.to_string())),
    }
}

/// rclone strips one layer of backticks or of triple double-quotes around a value.
pub fn unquote(raw: &str) -> String {
    unquoted(raw).to_string()
}

fn unquoted(raw: &str) -> &str {
    if raw.len() >= 2 && raw.starts_with('`') && raw.ends_with('`') {
        return &raw[1..raw.len() - 1];
    }
    if raw.len() >= 6 && raw.starts_with("\"\"\"") && raw.ends_with("\"\"\"") {
        return &raw[3..raw.len() - 3];
    }
    raw
}

/// `key = value` plus the line ending, quoted so that rclone reads back exactly `value`.
fn entry_line(key: &str, value: &str, nl: &str) -> Result<String, ValueError> {
    let key_ok = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.starts_with(['#', ';', '[']);
    if !key_ok {
        return Err(ValueError::BadKey(key.to_string()));
    }
    if value.contains(['\n', '\r']) {
        return Err(ValueError::LineBreak { what: format!("the value of {key}") });
    }
    Ok(format!("{key} = {}{nl}", quote(value)))
}

/// Protects what rclone's reader would otherwise change: surrounding spaces are trimmed and
/// one layer of backticks or `"""` is stripped, so such values get wrapped in a layer of
/// quotes the reader removes again.
fn quote(value: &str) -> String {
    let needs = value != value.trim()
        || (value.len() >= 2 && value.starts_with('`') && value.ends_with('`'))
        || (value.len() >= 6 && value.starts_with("\"\"\"") && value.ends_with("\"\"\""));
    if !needs {
        value.to_string()
    } else if !value.contains('`') {
        format!("`{value}`")
    } else {
        format!("\"\"\"{value}\"\"\"")
    }
}

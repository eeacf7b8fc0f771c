//! A fast reader for storages.toml as pluton writes it.
//!
//! The general TOML parser costs ~30 ms and ~30 MB for 10,000 storages, and `list` must stay in
//! milliseconds. pluton's own file is a plain list of `[[storage]]` tables of simple strings, so
//! this reader handles exactly that (comments and blank lines included) and gives up, returning
//! `None`, on anything else; the caller then uses the full TOML parser, which also produces the
//! precise error for a broken file. A property test checks both readers agree.

use super::Storage;

pub fn parse(text: &str) -> Option<Vec<Storage>> {
    let mut storages = Vec::with_capacity(text.len() / 160 + 1);
    let mut current: Option<Partial> = None;
    // Byte-level trimming and searching: this loop runs once per line of a file that may hold
    // tens of thousands of storages. TOML whitespace is ASCII, so `trim_ascii` is exact.
    for raw in text.as_bytes().split(|b| *b == b'\n') {
        // Splitting at an ASCII byte keeps every piece valid UTF-8.
        let line = std::str::from_utf8(raw.trim_ascii()).ok()?;
        if line.is_empty() || line.starts_with('#') {
            if !crate::toml_scan::end_of_line(line) {
                return None;
            }
            continue;
        }
        if line == "[[storage]]" {
            if let Some(done) = current.take() {
                storages.push(done.finish()?);
            }
            current = Some(Partial::default());
            continue;
        }
        let partial = current.as_mut()?;
        let eq = line.bytes().position(|b| b == b'=')?;
        let key = line[..eq].trim_ascii();
        let value = line[eq + 1..].trim_ascii();
        if key == "tags" {
            partial.tags = Some(array(value)?);
            continue;
        }
        let value = string(value)?;
        let slot = match key {
            "id" => &mut partial.id,
            "name" => &mut partial.name,
            "provider" => &mut partial.provider,
            "remote" => &mut partial.remote,
            "path" => &mut partial.path,
            "created_at" => &mut partial.created_at,
            "description" => &mut partial.description,
            _ => return None,
        };
        if slot.replace(value).is_some() {
            return None; // a duplicate key is an error the full parser must report
        }
    }
    if let Some(done) = current.take() {
        storages.push(done.finish()?);
    }
    Some(storages)
}

#[derive(Default)]
struct Partial {
    id: Option<String>,
    name: Option<String>,
    provider: Option<String>,
    remote: Option<String>,
    path: Option<String>,
    created_at: Option<String>,
    description: Option<String>,
    tags: Option<Vec<String>>,
}

impl Partial {
    fn finish(self) -> Option<Storage> {
        Some(Storage {
            id: self.id?,
            name: self.name?,
            provider: self.provider?,
            remote: self.remote?,
            path: self.path.unwrap_or_default(),
            created_at: self.created_at?,
            description: self.description.unwrap_or_default(),
            tags: self.tags.unwrap_or_default(),
        })
    }
}

/// A basic string followed by nothing but an optional comment.
fn string(value: &str) -> Option<String> {
    let (value, tail) = crate::toml_scan::basic_string(value)?;
    crate::toml_scan::end_of_line(tail).then_some(value)
}

/// `["a", "b"]` on one line.
fn array(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.trim_end().strip_suffix(']')?.trim();
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| if s.contains('\\') || s.matches('"').count() != 2 { None } else { string(s) })
        .collect()
}

//! A fast reader for storages.toml as pluton writes it.
//!
//! The general TOML parser costs ~30 ms and ~30 MB for 10,000 storages, and `list` must stay in
//! milliseconds. pluton's own file is a plain list of `[[storage]]` tables of simple strings, so
//! this reader handles exactly that (comments and blank lines included) and gives up, returning
//! `None`, on anything else; the caller then uses the full TOML parser, which also produces the
//! precise error for a broken file. A property test checks both readers agree.

use super::Storage;
use crate::toml_scan::{array, basic_string, set_once, tables};

pub fn parse(text: &str) -> Option<Vec<Storage>> {
    // Every `[[storage]]` line holds two `[`, so half their count bounds the tables from above:
    // the Vec never doubles (a guess from the length left a third of it empty at 10,000). A
    // byte count, because a substring search for `[[` cost a seventh of a completion.
    let capacity = text.bytes().filter(|&b| b == b'[').count() / 2;
    tables(text, "storage", capacity, set, Partial::finish)
}

/// One `key = value` of a storage; the rest of the line after the value.
fn set<'a>(partial: &mut Partial, key: &str, value: &'a str) -> Option<&'a str> {
    if key == "tags" {
        let (tags, tail) = array(value, basic_string)?;
        set_once(&mut partial.tags, tags)?;
        return Some(tail);
    }
    let (value, tail) = basic_string(value)?;
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
    set_once(slot, value)?;
    Some(tail)
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

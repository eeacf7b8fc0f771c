//! storages.toml: pluton's list of storages and their metadata. Never a secret: tokens and
//! passwords live only in rclone.conf, which rclone itself keeps current.
//!
//! Reads go through serde (fast, for `list` with thousands of storages); writes go through
//! toml_edit on the file's own text, so comments and formatting a person added survive.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::error::Error;
use crate::names;

mod fast;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Storage {
    pub id: String,
    pub name: String,
    pub provider: String,
    pub remote: String,
    #[serde(default)]
    pub path: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Storage {
    /// A storage not yet saved: its id and creation time are given when it is added.
    pub fn unsaved(name: &str, provider: &str, remote: &str, path: &str) -> Storage {
        Storage {
            id: String::new(),
            name: name.to_string(),
            provider: provider.to_string(),
            remote: remote.to_string(),
            path: path.to_string(),
            created_at: String::new(),
            description: String::new(),
            tags: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct FileModel {
    #[serde(default, rename = "storage")]
    storages: Vec<Storage>,
}

/// The storages, in the order they were added, plus the file's text for lossless edits.
#[derive(Debug, Default)]
pub struct Registry {
    pub storages: Vec<Storage>,
    doc: Option<DocumentMut>,
}

impl Registry {
    /// Parses the file's text. `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Registry> {
        if let Some(storages) = fast::parse(text) {
            return Ok(Registry { storages, doc: None });
        }
        let model: FileModel = toml::from_str(text).map_err(|err| {
            anyhow::anyhow!(
                "{} is not valid: {}; fix it by hand or move it away to start afresh",
                path.display(),
                one_line(&err.to_string())
            )
        })?;
        Ok(Registry { storages: model.storages, doc: None })
    }

    pub fn load(path: &Path) -> Result<Registry> {
        match crate::store::read_optional(path)? {
            None => Ok(Registry::default()),
            Some(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| anyhow::anyhow!("{} is not valid UTF-8 text", path.display()))?;
                Registry::parse(&text, path)
            }
        }
    }

    /// Loads the file for editing: the same data plus an editable document.
    pub fn load_for_edit(path: &Path) -> Result<Registry> {
        let text = match crate::store::read_optional(path)? {
            None => String::new(),
            Some(bytes) => {
                String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{} is not valid UTF-8 text", path.display()))?
            }
        };
        let mut registry = Registry::parse(&text, path)?;
        let doc: DocumentMut = text.parse()?;
        registry.doc = Some(doc);
        Ok(registry)
    }

    /// Finds a storage by id, by name (case-insensitive) or by remote name, in that order.
    pub fn find(&self, wanted: &str) -> Option<&Storage> {
        let trimmed = wanted.trim();
        let lower = trimmed.to_lowercase();
        // ASCII names compare without allocating; others are lower-cased in full.
        let ascii = trimmed.is_ascii();
        let same_name = |s: &Storage| {
            if ascii && s.name.is_ascii() {
                s.name.eq_ignore_ascii_case(trimmed)
            } else {
                s.name.to_lowercase() == lower
            }
        };
        self.storages
            .iter()
            .find(|s| s.id == trimmed)
            .or_else(|| self.storages.iter().find(|s| same_name(s)))
            .or_else(|| self.storages.iter().find(|s| s.remote == trimmed))
    }

    /// Like `find`, but a miss is the "storage not found" error with close names as a hint.
    pub fn get(&self, wanted: &str) -> Result<&Storage, Error> {
        self.find(wanted).ok_or_else(|| self.not_found(wanted))
    }

    pub fn not_found(&self, wanted: &str) -> Error {
        let candidates = self.storages.iter().flat_map(|s| [s.name.as_str(), s.remote.as_str()]);
        let mut close = names::close_matches(wanted, candidates);
        close.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let err = Error::not_found(format!("no storage named {wanted:?}"));
        if close.is_empty() {
            err.with_hint("`pluton storage list` shows your storages")
        } else {
            err.with_hint(format!("did you mean {}?", quoted_list(&close)))
        }
    }

    pub fn name_taken(&self, name: &str, except_id: Option<&str>) -> Option<&Storage> {
        let lower = name.to_lowercase();
        self.storages.iter().find(|s| Some(s.id.as_str()) != except_id && s.name.to_lowercase() == lower)
    }

    pub fn remote_managed(&self, remote: &str) -> Option<&Storage> {
        self.storages.iter().find(|s| s.remote == remote)
    }

    /// A new id that no storage has: 8 hex digits, short enough to type.
    pub fn new_id(&self) -> String {
        loop {
            let id = crate::store::random_hex(4);
            if !self.storages.iter().any(|s| s.id == id) {
                return id;
            }
        }
    }

    fn doc_mut(&mut self) -> Result<&mut DocumentMut> {
        self.doc.as_mut().context("storages.toml was loaded read-only; this is a bug in pluton")
    }

    fn tables_mut(&mut self) -> Result<&mut ArrayOfTables> {
        let doc = self.doc_mut()?;
        if doc.get("storage").is_none() {
            doc.insert("storage", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        doc.get_mut("storage")
            .and_then(Item::as_array_of_tables_mut)
            .context("`storage` in storages.toml is not an array of tables ([[storage]])")
    }

    fn table_of(&mut self, id: &str) -> Result<&mut Table> {
        self.tables_mut()?
            .iter_mut()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
            .with_context(|| format!("storage {id} vanished from storages.toml while editing it"))
    }

    pub fn add(&mut self, storage: Storage) -> Result<()> {
        let mut table = Table::new();
        table.insert("id", value(&storage.id));
        table.insert("name", value(&storage.name));
        table.insert("provider", value(&storage.provider));
        table.insert("remote", value(&storage.remote));
        table.insert("path", value(&storage.path));
        table.insert("created_at", value(&storage.created_at));
        if !storage.description.is_empty() {
            table.insert("description", value(&storage.description));
        }
        if !storage.tags.is_empty() {
            table.insert("tags", value(storage.tags.iter().collect::<toml_edit::Array>()));
        }
        self.tables_mut()?.push(table);
        self.storages.push(storage);
        Ok(())
    }

    pub fn rename(&mut self, id: &str, new_name: &str) -> Result<()> {
        self.set_text(id, "name", new_name)?;
        if let Some(s) = self.storages.iter_mut().find(|s| s.id == id) {
            s.name = new_name.to_string();
        }
        Ok(())
    }

    /// Changes a storage's default path inside its remote.
    pub fn set_path(&mut self, id: &str, path: &str) -> Result<()> {
        self.set_text(id, "path", path)?;
        if let Some(s) = self.storages.iter_mut().find(|s| s.id == id) {
            s.path = path.to_string();
        }
        Ok(())
    }

    /// Sets one string of a storage's table, keeping a comment a person wrote after the value.
    fn set_text(&mut self, id: &str, key: &str, text: &str) -> Result<()> {
        let table = self.table_of(id)?;
        let decor = table.get(key).and_then(Item::as_value).map(|v| v.decor().clone());
        table.insert(key, value(text));
        if let (Some(decor), Some(v)) = (decor, table.get_mut(key).and_then(Item::as_value_mut)) {
            *v.decor_mut() = decor;
        }
        Ok(())
    }

    pub fn remove(&mut self, id: &str) -> Result<()> {
        let tables = self.tables_mut()?;
        tables.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
        self.storages.retain(|s| s.id != id);
        Ok(())
    }

    /// The text to write back.
    pub fn render(&self) -> Result<String> {
        let doc = self.doc.as_ref().context("storages.toml was loaded read-only; this is a bug in pluton")?;
        Ok(doc.to_string())
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// When a storage is created, as storages.toml records it (`created_at`): UTC, to the second.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(id: &str, name: &str, remote: &str) -> Storage {
        Storage {
            id: id.into(),
            name: name.into(),
            provider: "box".into(),
            remote: remote.into(),
            path: String::new(),
            created_at: "2026-01-01T00:00:00Z".into(),
            description: String::new(),
            tags: vec![],
        }
    }

    #[test]
    fn edits_keep_comments_and_round_trip() -> Result<()> {
        let text = "# my notes\n[[storage]]\nid = \"aa\"\nname = \"One\" # inline\nprovider = \"box\"\nremote = \"one\"\npath = \"\"\ncreated_at = \"x\"\n";
        let mut reg = Registry::parse(text, Path::new("s.toml"))?;
        reg.doc = Some(text.parse()?);
        reg.add(sample("bb", "Two", "two"))?;
        reg.rename("aa", "Uno")?;
        let out = reg.render()?;
        assert!(out.starts_with("# my notes\n"), "{out}");
        assert!(out.contains("# inline"), "{out}");
        let again = Registry::parse(&out, Path::new("s.toml"))?;
        assert_eq!(again.storages.len(), 2);
        assert_eq!(again.storages[0].name, "Uno");
        reg.remove("aa")?;
        let again = Registry::parse(&reg.render()?, Path::new("s.toml"))?;
        assert_eq!(again.storages, vec![sample("bb", "Two", "two")]);
        Ok(())
    }

    #[test]
    fn lookup_by_id_name_or_remote() -> Result<()> {
        let reg = Registry { storages: vec![sample("a1", "My Box", "my-box")], doc: None };
        assert!(reg.find("a1").is_some());
        assert!(reg.find("my box").is_some());
        assert!(reg.find("my-box").is_some());
        assert!(reg.find("other").is_none());
        let err = reg.get("my bx").err().map(|e| e.hint().unwrap_or_default().to_string());
        assert!(err.is_some_and(|h| h.starts_with("did you mean \"My Box\"")));
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// The fast reader and the full TOML parser agree on every file pluton writes, and on
        /// hand-edited variants; where the fast one gives up, the full one decides.
        #[test]
        fn fast_and_full_readers_agree(
            items in proptest::collection::vec(
                ("[a-f0-9]{8}", "\\PC{0,20}", "[a-z]{1,8}", "[a-z0-9-]{1,10}", "\\PC{0,10}", proptest::collection::vec("[ -~]{0,6}", 0..3)),
                0..8,
            ),
            comment in proptest::option::of("# [ -~]{0,20}\n"),
        ) {
            let mut reg = Registry { storages: vec![], doc: Some(DocumentMut::new()) };
            for (id, name, provider, remote, description, tags) in items {
                let mut s = sample(&id, &name, &remote);
                s.provider = provider;
                s.description = description;
                s.tags = tags;
                reg.add(s).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            }
            let text = format!("{}{}", comment.unwrap_or_default(), reg.render().unwrap_or_default());
            let full: Option<FileModel> = toml::from_str(&text).ok();
            let full = full.map(|m| m.storages);
            if let Some(fast) = fast::parse(&text) {
                proptest::prop_assert_eq!(Some(fast), full);
            }
        }
    }

    #[test]
    fn the_fast_reader_handles_what_pluton_writes_and_declines_the_rest() {
        let ours = "# note\n[[storage]]\nid = \"a1\"\nname = \"Say \\\"hi\\\"\" # inline\nprovider = \"box\"\nremote = \"r\"\npath = \"\"\ncreated_at = \"t\"\ntags = [\"x\", \"y\"]\n";
        let parsed = fast::parse(ours).unwrap_or_default();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].name, "Say \"hi\"");
        assert_eq!(parsed[0].tags, ["x", "y"]);
        for other in [
            "[[storage]]\nid = 'literal'\n",
            "[[storage]]\nid = \"a\\u0041\"\n",
            "[other]\nx = 1\n",
            "[[storage]]\nid = \"a\"\nid = \"b\"\n",
            "[[storage]]\nname = \"\"\"multi\"\"\"\n",
            "# a bell \u{7} in a comment, which TOML forbids\n",
        ] {
            assert!(fast::parse(other).is_none(), "{other:?}");
        }
        // Whole entries with what only looks like TOML: a control character in a comment, not
        // its whitespace, a duplicate key, an empty array element. The toml crate refuses each, so the fast reader must not answer.
        let whole = "[[storage]]\nid = \"a\"\nname = \"n\"\nprovider = \"p\"\nremote = \"r\"\ncreated_at = \"t\"\n";
        assert!(fast::parse(whole).is_some());
        for odd in [
            "path = \"x\" # \u{7f}",
            "\u{c}path = \"x\"",
            "tags = [\"x\"]\ntags = [\"y\"]",
            "tags = [\"x\",,\"y\"]",
            "tags = [\"x\"\u{a0}]",
        ] {
            let text = format!("{whole}{odd}\n");
            assert!(toml::from_str::<FileModel>(&text).is_err(), "{text:?}");
            assert!(fast::parse(&text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn corrupt_files_name_the_file() {
        let err = Registry::parse("[[storage]\nid=", Path::new("/x/storages.toml")).err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("/x/storages.toml is not valid"), "{msg}");
    }
}

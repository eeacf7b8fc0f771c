//! A fast reader for the usual apply file: `[[storage]]` tables whose keys each fit on one line,
//! `options`, `secrets` and `token` as inline tables (the shape `storage export` writes and the
//! docs show).
//!
//! Re-applying an unchanged file on every Ansible or cron run should cost little more than
//! `storage list`, and the toml crate alone takes several times that for a thousand entries.
//! Anything else, valid or not, returns `None` and goes to the toml crate, which decides and
//! words the errors; a property test checks that where this reader answers, it agrees.

use super::{Ordered, Raw, RawRef, Scalar};
use crate::toml_scan::{basic_string, bool_or_integer, inline_table, set_once, tables};

pub(super) fn parse(text: &str) -> Option<Vec<Raw>> {
    tables(text, "storage", text.len() / 120 + 1, set, Partial::finish)
}

/// One `key = value` of an entry; the rest of the line after the value.
fn set<'a>(entry: &mut Partial, key: &str, value: &'a str) -> Option<&'a str> {
    Some(match key {
        "name" | "provider" | "remote" | "path" => {
            let (text, tail) = basic_string(value)?;
            let slot = match key {
                "name" => &mut entry.name,
                "provider" => &mut entry.provider,
                "remote" => &mut entry.remote,
                _ => &mut entry.path,
            };
            set_once(slot, text)?;
            tail
        }
        "test" => {
            let (word, tail) = bool_or_integer(value)?;
            set_once(&mut entry.test, word.parse::<bool>().ok()?)?;
            tail
        }
        "options" => {
            let (items, tail) = inline_table(value, scalar)?;
            set_once(&mut entry.options, items)?;
            tail
        }
        "secrets" => {
            let (items, tail) = inline_table(value, reference)?;
            set_once(&mut entry.secrets, items)?;
            tail
        }
        "token" => {
            let (token, tail) = reference(value)?;
            set_once(&mut entry.token, token)?;
            tail
        }
        _ => return None,
    })
}

fn scalar(s: &str) -> Option<(Scalar, &str)> {
    if s.starts_with('"') {
        let (text, rest) = basic_string(s)?;
        return Some((Scalar(text), rest));
    }
    let (word, rest) = bool_or_integer(s)?;
    Some((Scalar(word.to_string()), rest))
}

fn reference(s: &str) -> Option<(RawRef, &str)> {
    let (items, rest) = inline_table(s, basic_string)?;
    let mut r = RawRef { file: None, env: None };
    for (key, value) in items {
        match key.as_str() {
            "file" => r.file = Some(value),
            "env" => r.env = Some(value),
            _ => return None,
        }
    }
    Some((r, rest))
}

#[derive(Default)]
struct Partial {
    name: Option<String>,
    provider: Option<String>,
    remote: Option<String>,
    path: Option<String>,
    test: Option<bool>,
    options: Option<Vec<(String, Scalar)>>,
    secrets: Option<Vec<(String, RawRef)>>,
    token: Option<RawRef>,
}

impl Partial {
    fn finish(self) -> Option<Raw> {
        Some(Raw {
            name: self.name?,
            provider: self.provider?,
            remote: self.remote,
            path: self.path,
            test: self.test,
            options: Ordered(self.options.unwrap_or_default()),
            secrets: Ordered(self.secrets.unwrap_or_default()),
            token: self.token,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{Raw, Typed};
    use super::parse;

    fn full(text: &str) -> Option<Vec<Raw>> {
        toml::from_str::<Typed>(text).ok().map(|t| t.storage)
    }

    /// A TOML basic string; control characters as `\u` escapes, which the fast reader declines.
    fn quote(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// Option values: the usual ones and the ones the fast reader must leave to the toml crate.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            2 => "\\PC{0,8}".prop_map(|s| quote(&s)),
            2 => "[ -~]{0,8}".prop_map(|s| quote(&s)),
            1 => " ?[a-z\"\\\\#,}]{0,4} ?".prop_map(|s| quote(&s)),
            2 => (-1000i64..100_000).prop_map(|n| n.to_string()),
            1 => any::<i64>().prop_map(|n| n.to_string()),
            2 => any::<bool>().prop_map(|b| b.to_string()),
            1 => any::<f64>().prop_map(|f| f.to_string()),
            1 => prop::sample::select(vec!["007", "+1", "1_000", "-0", "1979-05-27", "'lit'", "\"a\\tb\"", "[1]", "{ x = 1 }", "\"\"\"m\"\"\""])
                .prop_map(str::to_string),
        ]
    }

    fn reference() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => ("file|env", "[ -~]{0,8}").prop_map(|(k, v)| format!("{{ {k} = {} }}", quote(&v))),
            1 => prop::sample::select(vec!["{}", "{ file = \"a\", env = \"B\" }", "{ path = \"x\" }", "\"literal\"", "{ file = 1 }"])
                .prop_map(str::to_string),
        ]
    }

    fn table(items: &[(String, String)], trailing_comma: bool) -> String {
        let inner: Vec<String> = items.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        match (inner.is_empty(), trailing_comma) {
            (true, _) => "{}".into(),
            (false, false) => format!("{{ {} }}", inner.join(", ")),
            (false, true) => format!("{{ {}, }}", inner.join(", ")),
        }
    }

    /// One entry's lines, before the styling below.
    fn entry() -> impl Strategy<Value = Vec<String>> {
        (
            ("\\PC{0,12}", "[a-z]{1,8}", proptest::option::of("[a-z0-9-]{1,8}"), proptest::option::of("\\PC{0,10}")),
            (
                proptest::option::of(prop_oneof![8 => any::<bool>().prop_map(|b| b.to_string()), 1 => Just("1".to_string()), 1 => Just("\"yes\"".to_string())]),
                proptest::option::of(proptest::collection::vec(("[a-z_]{1,4}", value()), 0..4)),
                proptest::option::of(proptest::collection::vec(("[a-z_]{1,4}", reference()), 0..3)),
                proptest::option::of(reference()),
                any::<bool>(),
            ),
            (0usize..24, prop::sample::select(vec!["", "name = \"again\"", "extra = \"x\"", "options.x = \"1\"", "[storage.options]\ny = \"2\""])),
        )
            .prop_map(|((name, provider, remote, path), (test, options, secrets, token, comma), (rotate, odd))| {
                let mut lines = vec![format!("name = {}", quote(&name)), format!("provider = {}", quote(&provider))];
                lines.extend(remote.map(|r| format!("remote = {}", quote(&r))));
                lines.extend(path.map(|p| format!("path = {}", quote(&p))));
                lines.extend(test.map(|t| format!("test = {t}")));
                lines.extend(options.map(|o| format!("options = {}", table(&o, comma && o.len() == 1))));
                lines.extend(secrets.map(|s| format!("secrets = {}", table(&s, false))));
                lines.extend(token.map(|t| format!("token = {t}")));
                let n = lines.len();
                lines.rotate_left(rotate % n);
                if !odd.is_empty() && rotate % 8 == 0 {
                    lines.push(odd.to_string());
                }
                lines
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Where the fast reader answers, the toml crate reads the same entries.
        #[test]
        fn fast_and_full_readers_agree(
            entries in proptest::collection::vec(entry(), 0..5),
            style in (prop::sample::select(vec![" = ", "=", "\t=  "]), prop::sample::select(vec!["\n", "\r\n"]), any::<bool>(), any::<bool>()),
            preamble in prop::sample::select(vec!["", "# fleet\n", "\n\n", "", "# fleet\n", "\n\n", "top = 1\n", "# bad \u{7f}\n", "[[storage ]]\n"]),
        ) {
            let (eq, newline, comments, indent) = style;
            let mut text = preamble.to_string();
            for lines in entries {
                text.push_str(if comments { "[[storage]] # host" } else { "[[storage]]" });
                text.push_str(newline);
                for line in lines {
                    let line = line.replacen(" = ", eq, 1);
                    text.push_str(if indent { "  " } else { "" });
                    text.push_str(&line);
                    text.push_str(if comments { " # note" } else { "" });
                    text.push_str(newline);
                }
                text.push_str(newline);
            }
            if let Some(fast) = parse(&text) {
                prop_assert_eq!(Some(fast), full(&text), "{}", text);
            }
        }
    }

    #[test]
    fn the_usual_files_are_read_here() {
        let usual = "# fleet\n[[storage]]\nname = \"Fleet 0\"\nprovider = \"local\"\npath = \"/srv/backup/0\"\ntest = false\n\
                     options = { description = \"host 0\", copy_links = true, chunks = 12 }\n\n\
                     [[storage]] # the NAS\r\nname = \"NAS \\\"1\\\"\"\r\nprovider = \"webdav\"\r\n\
                     secrets = { pass = { file = \"secrets/nas.pass\" } }\r\ntoken = { env = \"NAS_TOKEN\" }\r\n";
        let fast = parse(usual);
        assert!(fast.as_ref().is_some_and(|e| e.len() == 2 && e[1].name == "NAS \"1\""), "{fast:?}");
        assert_eq!(fast, full(usual));
        assert_eq!(parse(""), Some(vec![]));

        // So does the example the docs show.
        let example = include_str!("../../../docs/examples/fleet/storages.example.toml");
        assert!(parse(example).is_some_and(|e| e.len() >= 3), "{example}");
        assert_eq!(parse(example), full(example));

        // What `storage export` writes comes this way too.
        let exported = super::super::super::export::to_toml(&serde_json::json!({"storage": [{
            "name": "Box 1", "provider": "box", "path": "backups",
            "options": {"box_sub_type": "user"},
            "token": {"env": "PLUTON_BOX_1_TOKEN"},
            "secrets": {"client_secret": {"file": "/run/secrets/box.client_secret"}},
        }]}));
        assert!(parse(&exported).is_some(), "{exported}");
        assert_eq!(parse(&exported), full(&exported));
    }

    #[test]
    fn anything_unusual_is_left_to_the_toml_crate() {
        for other in [
            "name = \"top\"\n",
            "[[storage]]\nprovider = \"local\"\n",
            "[[storage]]\nname = 'literal'\nprovider = \"local\"\n",
            "[[storage]]\nname = \"a\"\nname = \"b\"\nprovider = \"local\"\n",
            "[[storage]]\nname = \"a\"\nprovider = \"local\"\n[storage.options]\nx = \"1\"\n",
            "[[storage]]\nname = \"a\"\nprovider = \"local\"\noptions = { x = 1.5 }\n",
            "[[storage]]\nname = \"a\"\nprovider = \"local\"\noptions = {\n  x = \"1\"\n}\n",
            "[[storage]]\nname = \"a\"\nprovider = \"local\"\ntest = \"no\"\n",
            "[[storage]]\nname = \"a\"\nprovider = \"local\"\nunknown = \"x\"\n",
            "[[storage]]\nname = \"a\"\nprovider = \"local\"\r",
        ] {
            assert_eq!(parse(other), None, "{other:?}");
        }
    }
}

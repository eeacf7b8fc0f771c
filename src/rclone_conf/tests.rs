//! The rclone.conf model: parsing as rclone does, and edits that touch only their section.

use proptest::prelude::*;

use super::*;

fn conf(text: &str) -> RcloneConf {
    match RcloneConf::parse(text.to_string()) {
        Ok(c) => c,
        Err(e) => panic!("{text:?} should parse: {e}"),
    }
}

fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn parses_like_rclone() {
    let c = conf(
        "\u{feff}# top\nglobal = 1\n[a]\r\n  type : memory \r\nk=v=w\n; c\n[a.b]\nx = 1\n\n[ spaced ]\ntype = alias\n",
    );
    assert_eq!(c.section_names(), ["a", "a.b", "spaced"]);
    assert_eq!(c.section("a").and_then(|s| s.get("type").map(str::to_string)).as_deref(), Some("memory"));
    assert_eq!(c.section("a").and_then(|s| s.get("k").map(str::to_string)).as_deref(), Some("v=w"));
    assert_eq!(c.remote_type("a.b").as_deref(), Some("memory"), "dotted names inherit");
    assert_eq!(c.remote_type("spaced").as_deref(), Some("alias"));
    assert_eq!(c.remote_type("nosuch"), None);
}

#[test]
fn duplicate_sections_and_keys_merge_as_rclone_merges_them() {
    let c = conf("[a]\nx = 1\ny = 2\n[b]\ntype = memory\n[a]\nx = 3\nz = `  quoted  `\nw = \"\"\"tri\"\"\"\n");
    let a = c.section("a").unwrap_or_default();
    assert_eq!(a.entries, entries(&[("x", "3"), ("y", "2"), ("z", "  quoted  "), ("w", "tri")]));
    assert_eq!(c.section_names(), ["a", "b"]);
}

#[test]
fn unparseable_and_encrypted_files_are_refused_with_their_line() {
    let err = RcloneConf::parse("[a]\ntype = memory\nno separator here\n".into()).err();
    assert_eq!(err.map(|e| (e.line, e.kind)), Some((3, ParseErrorKind::BadLine("no separator here".into()))));
    let err = RcloneConf::parse("[a]\n=value\n".into()).err();
    assert!(matches!(err.map(|e| e.kind), Some(ParseErrorKind::BadLine(_))));
    let err = RcloneConf::parse("[]\nkey = v\n".into()).err();
    assert_eq!(err.map(|e| e.kind), Some(ParseErrorKind::EmptySectionName));
    let err = RcloneConf::parse("# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nabc\n".into()).err();
    assert_eq!(err.map(|e| e.kind), Some(ParseErrorKind::Encrypted));
}

#[test]
fn appending_keeps_the_files_line_endings() -> Result<(), ValueError> {
    let mut c = conf("");
    c.append_section("n", &entries(&[("type", "memory")]))?;
    assert_eq!(c.as_str(), "[n]\ntype = memory\n\n");
    c.append_section("m", &entries(&[("type", "memory")]))?;
    assert_eq!(c.as_str(), "[n]\ntype = memory\n\n[m]\ntype = memory\n\n");
    // A hand-written file keeps its own ending after the new section.
    let mut c = conf("[a]\ntype = memory");
    c.append_section("n", &entries(&[("type", "memory")]))?;
    assert_eq!(c.as_str(), "[a]\ntype = memory\n\n[n]\ntype = memory");
    let mut c = conf("[a]\r\ntype = memory\r\n# last words\r\n");
    c.append_section("n", &entries(&[("type", "memory"), ("k", " spaced ")]))?;
    assert_eq!(c.as_str(), "[a]\r\ntype = memory\r\n# last words\r\n\r\n[n]\r\ntype = memory\r\nk = ` spaced `\r\n");
    assert_eq!(c.section("n").and_then(|s| s.get("k").map(str::to_string)).as_deref(), Some(" spaced "));
    Ok(())
}

#[test]
fn set_value_rewrites_in_place_or_appends_after_the_last_entry() -> Result<(), ValueError> {
    let mut c = conf("[a]\ntype = memory\nx = 1\n# note\n\n[b]\ntype = memory");
    assert!(c.set_value("a", "x", "2")?);
    assert!(c.set_value("a", "y", "3")?);
    assert!(c.set_value("b", "type", "alias")?);
    assert!(!c.set_value("nosuch", "k", "v")?);
    assert_eq!(c.as_str(), "[a]\ntype = memory\nx = 2\ny = 3\n# note\n\n[b]\ntype = alias");
    Ok(())
}

#[test]
fn bad_values_and_keys_are_refused_and_change_nothing() {
    let mut c = conf("[a]\ntype = memory\n");
    let before = c.as_str().to_string();
    assert!(c.set_value("a", "k", "line\nbreak").is_err());
    assert!(c.set_value("a", "k", "cr\rhere").is_err());
    assert!(c.set_value("a", "bad key", "v").is_err());
    assert!(c.set_value("a", "[x]", "v").is_err());
    assert!(c.append_section("n", &entries(&[("k", "a\nb")])).is_err());
    assert_eq!(c.as_str(), before);
}

#[test]
fn unset_and_remove_take_only_their_lines() {
    let mut c =
        conf("# head\n\n[a]\ntype = memory\nx = 1\n\n# about b\n[b]\ntype = memory\nx = 2\n\n[c]\ntype = memory\n");
    assert!(c.unset("a", "x"));
    assert!(!c.unset("a", "x"));
    assert!(c.remove_section("b"));
    assert_eq!(c.as_str(), "# head\n\n[a]\ntype = memory\n\n[c]\ntype = memory\n");
    // The last section goes with the blank line before it; the file keeps its final newline.
    assert!(c.remove_section("c"));
    assert_eq!(c.as_str(), "# head\n\n[a]\ntype = memory\n");
    assert!(!c.remove_section("c"));
}

#[test]
fn removing_the_last_section_keeps_the_files_own_ending() {
    for (text, left) in [
        ("[a]\nx = 1\n\n# about b\n[b]\ny = 2", "[a]\nx = 1"),
        ("[a]\r\nx = 1\r\n\r\n[b]\r\ny = 2\r\n\r\n\r\n", "[a]\r\nx = 1\r\n\r\n\r\n"),
        // A comment after the section's last entry is not the section's: the old rule holds.
        ("[a]\nx = 1\n\n[b]\ny = 2\n# kept\n", "[a]\nx = 1\n\n# kept\n"),
        // Two occurrences side by side go together.
        ("[b]\nx = 1\n\n[b]\ny = 2\n", ""),
        ("# only b\n[b]\ny = 2\n\n", ""),
    ] {
        let mut c = conf(text);
        assert!(c.remove_section("b"), "{text:?}");
        assert_eq!(c.as_str(), left, "{text:?}");
    }
}

#[test]
fn replace_section_keeps_its_place_and_header() -> Result<(), ValueError> {
    let mut c = conf("[a]\ntype = memory\n\n# about b\n[ b ]\ntype = box\ntoken = old\n\n[c]\ntype = memory");
    assert!(c.replace_section("b", &entries(&[("type", "box"), ("token", "new")]))?);
    assert_eq!(c.as_str(), "[a]\ntype = memory\n\n# about b\n[ b ]\ntype = box\ntoken = new\n\n[c]\ntype = memory");
    Ok(())
}

// ---- property tests over generated files -------------------------------------------------

#[derive(Debug, Clone)]
enum GenLine {
    Blank,
    Comment(String),
    Header(String),
    Entry(String, String, u8),
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "box", "my-box", "x.y", "Mixed Case", "d"]).prop_map(String::from)
}

fn line() -> impl Strategy<Value = GenLine> {
    prop_oneof![
        1 => Just(GenLine::Blank),
        1 => "[#;][ -~]{0,20}".prop_map(GenLine::Comment),
        2 => name().prop_map(GenLine::Header),
        5 => ("[a-z_]{1,8}", "[ -~]{0,20}", 0u8..4).prop_map(|(k, v, style)| GenLine::Entry(k, v, style)),
    ]
}

/// A file rclone can read: random lines, each entry after some header, CRLF or LF, maybe a
/// BOM, maybe no final newline.
fn file() -> impl Strategy<Value = String> {
    (name(), prop::collection::vec(line(), 0..30), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(first, lines, crlf, bom, final_nl)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut out = String::new();
            if bom {
                out.push('\u{feff}');
            }
            out.push_str(&format!("[{first}]{nl}"));
            for l in lines {
                let text = match l {
                    GenLine::Blank => String::new(),
                    GenLine::Comment(c) => c,
                    GenLine::Header(h) => format!("  [ {h}]"),
                    GenLine::Entry(k, v, 0) => format!("{k} = {v}"),
                    GenLine::Entry(k, v, 1) => format!("{k}={v}"),
                    GenLine::Entry(k, v, 2) => format!("  {k}: {v}"),
                    GenLine::Entry(k, v, _) => format!("{k} =   {v}   "),
                };
                out.push_str(&text);
                out.push_str(nl);
            }
            if !final_nl {
                out.truncate(out.trim_end_matches(['\r', '\n']).len());
            }
            out
        },
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Set(String, String),
    Unset(String),
    Remove,
    Replace(Vec<(String, String)>),
}

fn edit() -> impl Strategy<Value = Edit> {
    let key = "[a-z_]{1,8}";
    let value = "[ -~]{0,20}";
    prop_oneof![
        (key, value).prop_map(|(k, v)| Edit::Set(k, v)),
        key.prop_map(Edit::Unset),
        Just(Edit::Remove),
        prop::collection::vec((key, value), 0..4).prop_map(Edit::Replace),
    ]
}

/// The file with one section's occurrences blanked out, to compare everything else.
/// (The line ending of a section's last line is left out: when the section after it, the
/// file's last, is removed, that line ends the file as the file ended before.)
fn others(c: &RcloneConf, target: &str) -> Vec<(String, String)> {
    c.section_names()
        .into_iter()
        .filter(|n| *n != target)
        .map(|n| (n.to_string(), c.section_text(n).trim_end_matches(['\r', '\n']).to_string()))
        .collect()
}

/// Everything before the first section header (comments, DEFAULT keys).
fn preamble(c: &RcloneConf) -> String {
    let text = c.as_str();
    let first =
        text.lines().position(|l| l.trim_start_matches('\u{feff}').trim().starts_with('[')).unwrap_or(usize::MAX);
    text.split_inclusive('\n').take(first).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_never_panics(text in "\\PC{0,200}") {
        let _ = RcloneConf::parse(text);
    }

    #[test]
    fn edits_leave_every_other_section_byte_identical(text in file(), target in name(), e in edit()) {
        let original = conf(&text);
        let mut edited = original.clone();
        let existed = original.has_section(&target);
        let ok = match &e {
            Edit::Set(k, v) => edited.set_value(&target, k, v).is_ok(),
            Edit::Unset(k) => { edited.unset(&target, k); true }
            Edit::Remove => { edited.remove_section(&target); true }
            Edit::Replace(pairs) => edited.replace_section(&target, pairs).is_ok(),
        };
        prop_assert!(ok);
        // The result is still a file rclone can read.
        prop_assert!(RcloneConf::parse(edited.as_str().to_string()).is_ok());
        prop_assert_eq!(others(&original, &target), others(&edited, &target));
        if original.section_names().first().copied() != Some(target.as_str()) {
            prop_assert_eq!(preamble(&original), preamble(&edited));
        }
        // The edited section reads back as intended.
        let section = edited.section(&target);
        match &e {
            Edit::Set(k, v) if existed => prop_assert_eq!(section.and_then(|s| s.get(k).map(str::to_string)), Some(v.trim_end_matches(['\r', '\n']).to_string())),
            Edit::Unset(k) => prop_assert!(section.is_none_or(|s| s.get(k).is_none())),
            Edit::Remove => prop_assert!(section.is_none()),
            Edit::Replace(pairs) if existed => {
                let mut want: Vec<(String, String)> = Vec::new();
                for (k, v) in pairs {
                    set_entry(&mut want, k, v);
                }
                prop_assert_eq!(section.map(|s| s.entries), Some(want));
            }
            _ => prop_assert_eq!(edited.as_str(), original.as_str()),
        }
    }

    /// `storage list`'s one-pass reader says what the line model says: the same sections, the
    /// same value of the key in each, the same files refused.
    #[test]
    fn one_pass_key_reader_agrees_with_the_model(text in file(), key in prop_oneof![Just("token".to_string()), Just("type".to_string()), "[a-z_]{1,3}"]) {
        let model = conf(&text);
        let scanned = RcloneConf::key_per_section(&text, &key);
        prop_assert!(scanned.is_ok());
        let scanned = scanned.unwrap_or_default();
        let with_key: HashMap<&str, std::borrow::Cow<str>> =
            scanned.iter().filter_map(|(n, v)| Some((*n, std::borrow::Cow::Borrowed((*v)?)))).collect();
        prop_assert_eq!(with_key, model.key_values(&key));
        let mut names: Vec<&str> = scanned.keys().copied().filter(|n| *n != "DEFAULT").collect();
        let mut want = model.section_names();
        names.sort_unstable();
        want.sort_unstable();
        prop_assert_eq!(names, want);
    }

    #[test]
    fn one_pass_key_reader_refuses_what_the_model_refuses(text in "\\PC{0,200}") {
        prop_assert_eq!(RcloneConf::key_per_section(&text, "token").err(), RcloneConf::parse(text.clone()).err());
    }

    #[test]
    fn append_then_remove_gives_back_the_same_bytes(text in file(), rclone_style in any::<bool>(), pairs in prop::collection::vec(("[a-z_]{1,8}", "[ -~]{0,20}"), 1..5)) {
        // Hand-written files end as they may (one newline, none, blank lines); files as rclone
        // leaves them end every section with a blank line.
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let text = if rclone_style { format!("{}{nl}{nl}", text.trim_end_matches(['\r', '\n'])) } else { text };
        let original = conf(&text);
        let mut edited = original.clone();
        prop_assert!(edited.append_section("brand-new", &pairs).is_ok());
        prop_assert_eq!(others(&original, "brand-new"), others(&edited, "brand-new"));
        prop_assert!(edited.remove_section("brand-new"));
        prop_assert_eq!(edited.as_str(), original.as_str());
    }
}

/// rclone itself agrees with the model: `rclone config dump` of edited files shows exactly
/// what `sections()` says.
#[test]
fn rclone_reads_edited_files_as_the_model_does() -> Result<(), Box<dyn std::error::Error>> {
    let Ok(bin) = which::which("rclone") else {
        eprintln!("rclone not on PATH; skipping");
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let samples = [
        "# c\n[a]\ntype = memory\nx = 1\n\n[b]\r\ntype: alias\r\nremote = a:\r\n",
        "[a]\ntype = memory\n[a]\ny = `  two  `\n; end",
        "\u{feff}[z]\n  type =   local   \nnounc = true # not a comment\n",
    ];
    for (i, text) in samples.iter().enumerate() {
        let mut c = conf(text);
        c.set_value("a", "added", " spaced value ")?;
        c.append_section("new", &entries(&[("type", "memory"), ("q", "`x`")]))?;
        let path = dir.path().join(format!("{i}.conf"));
        std::fs::write(&path, c.as_str())?;
        let out = std::process::Command::new(&bin)
            .args(["config", "dump", "--config"])
            .arg(&path)
            .env_remove("RCLONE_CONFIG")
            .stdin(std::process::Stdio::null())
            .output()?;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let dumped: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
            serde_json::from_slice(&out.stdout)?;
        let ours: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> = c
            .sections()
            .into_iter()
            .filter(|(_, s)| !s.entries.is_empty())
            .map(|(n, s)| (n.to_string(), s.entries.into_iter().collect()))
            .collect();
        assert_eq!(dumped, ours, "sample {i}:\n{}", c.as_str());
    }
    Ok(())
}

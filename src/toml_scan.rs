//! The small part of TOML that pluton's fast readers scan by hand: bare keys, basic strings
//! with only `\"` and `\\` escapes, booleans, decimal integers, comments.
//!
//! Both fast readers (`registry::fast` for storages.toml, `fleet::file::fast` for apply files)
//! exist because the toml crate costs milliseconds per thousand entries, which commands that
//! answer in milliseconds cannot pay. Every function here returns `None` on anything outside
//! this subset, valid TOML or not; the reader then gives the whole file to the toml crate, which
//! decides (and words the error for a broken file). So a `None` is always safe, and a `Some`
//! must be exactly what the toml crate would read: each reader has a property test for that.

/// TOML's whitespace: spaces and tabs, nothing else.
pub fn trim(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

pub fn trim_start(s: &str) -> &str {
    s.trim_start_matches([' ', '\t'])
}

/// One line of the subset.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// Blank, or only a comment.
    Blank,
    /// `[[name]]`, perhaps followed by a comment.
    ArrayHeader(&'a str),
    /// `key = value`: the bare key and the value's text, which the reader scans.
    KeyValue(&'a str, &'a str),
}

/// A file of nothing but `[[header]]` tables, each read key by key into a `P` and finished into
/// a `T`: `set` takes one `key = value` and returns the rest of the line after the value (`None`
/// for a key or value it does not take). `None` as soon as any line is outside the subset, so the
/// caller hands the file to the toml crate, which words every error.
pub fn tables<'a, P: Default, T>(
    text: &'a str,
    header: &str,
    capacity: usize,
    mut set: impl FnMut(&mut P, &'a str, &'a str) -> Option<&'a str>,
    finish: impl Fn(P) -> Option<T>,
) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(capacity);
    let mut current: Option<P> = None;
    for line in lines(text) {
        match line? {
            Line::Blank => {}
            Line::ArrayHeader(name) if name == header => {
                if let Some(done) = current.replace(P::default()) {
                    out.push(finish(done)?);
                }
            }
            Line::ArrayHeader(_) => return None,
            Line::KeyValue(key, value) => {
                if !end_of_line(set(current.as_mut()?, key, value)?) {
                    return None;
                }
            }
        }
    }
    if let Some(done) = current {
        out.push(finish(done)?);
    }
    Some(out)
}

/// The lines of `text` (each without its `\n` or `\r\n`; a lone `\r` is not a line break in
/// TOML and sends the line to `None`), each `None` when it is none of the `Line`s.
pub fn lines(text: &str) -> impl Iterator<Item = Option<Line<'_>>> {
    text.split_inclusive('\n').map(|piece| {
        let line = match piece.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => piece,
        };
        let line = trim(line);
        if line.is_empty() || line.starts_with('#') {
            return end_of_line(line).then_some(Line::Blank);
        }
        if let Some(rest) = line.strip_prefix("[[") {
            let (name, rest) = bare_key(rest)?;
            return end_of_line(rest.strip_prefix("]]")?).then_some(Line::ArrayHeader(name));
        }
        let (key, value) = key_value(line)?;
        Some(Line::KeyValue(key, value))
    })
}

/// Fills a key once: a key given twice is an error the toml crate must report.
pub fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.replace(value).is_none().then_some(())
}

/// Whether `rest` holds nothing but whitespace and perhaps a comment (which TOML forbids to
/// hold control characters other than tab).
pub fn end_of_line(rest: &str) -> bool {
    let rest = trim_start(rest);
    rest.is_empty() || (rest.starts_with('#') && !rest.chars().any(|c| (c < ' ' && c != '\t') || c == '\x7f'))
}

/// A bare key (`A-Za-z0-9_-`) at the start of `s`, and what follows it.
pub fn bare_key(s: &str) -> Option<(&str, &str)> {
    let end = s.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-')).unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

/// `key =` at the start of a line: the key and the text of the value.
pub fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = bare_key(line)?;
    let value = trim_start(rest).strip_prefix('=')?;
    Some((key, trim_start(value)))
}

/// A basic string `"…"` at the start of `s`: its value and what follows the closing quote.
pub fn basic_string(s: &str) -> Option<(String, &str)> {
    let rest = s.strip_prefix('"')?;
    // The common case, no escapes: one pass over the bytes, one slice, one allocation.
    let bytes = rest.as_bytes();
    let mut end = 0;
    let mut ascii = true;
    while end < bytes.len() && bytes[end] != b'"' && bytes[end] != b'\\' {
        let b = bytes[end];
        if (b < 0x20 && b != b'\t') || b == 0x7f {
            return None;
        }
        ascii &= b < 0x80;
        end += 1;
    }
    if end < bytes.len() && bytes[end] == b'"' {
        let inner = &rest[..end];
        // Stricter than TOML (which allows U+0080–U+009F): giving up is always safe.
        if !ascii && inner.chars().any(char::is_control) {
            return None;
        }
        return Some((inner.to_string(), &rest[end + 1..]));
    }
    let mut out = String::with_capacity(rest.len());
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &rest[i + 1..])),
            '\\' => match chars.next()?.1 {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                _ => return None,
            },
            c if c.is_control() && c != '\t' => return None,
            c => out.push(c),
        }
    }
    None
}

/// `true`, `false` or a decimal integer that fits an `i64` at the start of `s`, as the text
/// rclone.conf would hold (the toml crate reads `+1`, `1_000` or `007` differently or not at
/// all, so those are left to it), and what follows it.
pub fn bool_or_integer(s: &str) -> Option<(&str, &str)> {
    // The word runs to the first character no number, date or float could hold, so that
    // `1.5`, `1e3` or `1979-05-27` are one word and rejected whole.
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'_' | b'.' | b':')))
        .unwrap_or(s.len());
    let (word, rest) = s.split_at(end);
    let digits = word.strip_prefix('-').unwrap_or(word);
    let integer = word == "0"
        || (!digits.is_empty()
            && digits.len() <= 18
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit()));
    (word == "true" || word == "false" || integer).then_some((word, rest))
}

/// An inline table `{ key = value, … }` on one line at the start of `s`, each value read by
/// `value`: its items in order and what follows the closing brace. A key given twice, a
/// trailing comma or a dotted key is left to the toml crate.
pub fn inline_table<'a, V>(
    s: &'a str,
    value: impl Fn(&'a str) -> Option<(V, &'a str)>,
) -> Option<(Vec<(String, V)>, &'a str)> {
    let mut rest = trim_start(s.strip_prefix('{')?);
    let mut items: Vec<(String, V)> = Vec::new();
    if let Some(after) = rest.strip_prefix('}') {
        return Some((items, after));
    }
    loop {
        let (key, after) = key_value(rest)?;
        let (v, after) = value(after)?;
        if items.iter().any(|(k, _)| k == key) {
            return None;
        }
        items.push((key.to_string(), v));
        let after = trim_start(after);
        match after.strip_prefix(',') {
            Some(next) => rest = trim_start(next),
            None => return Some((items, after.strip_prefix('}')?)),
        }
    }
}

/// An array `[value, …]` on one line at the start of `s`, each value read by `value`: its items
/// and what follows the closing bracket. A trailing comma is left to the toml crate.
pub fn array<'a, V>(s: &'a str, value: impl Fn(&'a str) -> Option<(V, &'a str)>) -> Option<(Vec<V>, &'a str)> {
    let mut rest = trim_start(s.strip_prefix('[')?);
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return Some((items, after));
    }
    loop {
        let (v, after) = value(rest)?;
        items.push(v);
        let after = trim_start(after);
        match after.strip_prefix(',') {
            Some(next) => rest = trim_start(next),
            None => return Some((items, after.strip_prefix(']')?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_outside_the_subset_are_declined() {
        assert_eq!(bool_or_integer("42, x"), Some(("42", ", x")));
        assert_eq!(bool_or_integer("-7}"), Some(("-7", "}")));
        assert_eq!(bool_or_integer("true }"), Some(("true", " }")));
        for other in ["007", "-0", "+1", "1_000", "1.5", "1e3", "1979-05-27", "inf", "truex", "0x1f", ""] {
            assert_eq!(bool_or_integer(other), None, "{other:?}");
        }
    }

    #[test]
    fn strings_keep_their_tail_and_decline_other_escapes() {
        assert_eq!(basic_string("\"a \\\"b\\\" c\" # x"), Some(("a \"b\" c".to_string(), " # x")));
        assert_eq!(basic_string("\"\""), Some((String::new(), "")));
        for other in ["'literal'", "\"a\\u0041\"", "\"open", "\"a\u{1}\""] {
            assert_eq!(basic_string(other), None, "{other:?}");
        }
    }

    #[test]
    fn inline_tables_in_order_and_declined_when_unusual() {
        let (items, rest) = inline_table("{ b = \"1\", a = \"2\" } # c", |v| basic_string(v)).unwrap_or_default();
        assert_eq!(items, [("b".to_string(), "1".to_string()), ("a".to_string(), "2".to_string())]);
        assert_eq!(rest, " # c");
        assert_eq!(inline_table("{}", |v| basic_string(v)).map(|(i, _)| i.len()), Some(0));
        for other in
            ["{ a = \"1\", }", "{ a = \"1\", a = \"2\" }", "{ a.b = \"1\" }", "{ a = \"1\"", "{ \"a\" = \"1\" }"]
        {
            assert!(inline_table(other, |v| basic_string(v)).is_none(), "{other:?}");
        }
    }

    #[test]
    fn comments_hold_no_control_characters() {
        assert!(end_of_line("  # fine\t"));
        assert!(end_of_line(""));
        assert!(!end_of_line(" # bad \u{7f}"));
        assert!(!end_of_line(" x"));
    }

    #[test]
    fn lines_are_blank_headers_or_keys() {
        let text = "# c\r\n\t[[storage]] # s\nkey = \"v\"\n\n[[a.b]]\n[t]\nx\n\x0c\ny = 1\r";
        let got: Vec<Option<Line>> = lines(text).collect();
        assert_eq!(
            got,
            [
                Some(Line::Blank),
                Some(Line::ArrayHeader("storage")),
                Some(Line::KeyValue("key", "\"v\"")),
                Some(Line::Blank),
                None,
                None,
                None,
                None,
                Some(Line::KeyValue("y", "1\r")),
            ]
        );
    }

    #[test]
    fn arrays_in_order_and_declined_when_unusual() {
        assert_eq!(array("[\"a\", \"b\"] #", basic_string), Some((vec!["a".to_string(), "b".to_string()], " #")));
        assert_eq!(array("[ ]", basic_string).map(|(v, _)| v.len()), Some(0));
        for other in ["[\"a\",]", "[\"a\",,\"b\"]", "[,]", "[\"a\"\u{a0}]", "[\"a\""] {
            assert!(array(other, basic_string).is_none(), "{other:?}");
        }
    }
}

//! The command line being completed: split into words as the shell would, and read for what
//! the completers need to know from earlier on the line (the subcommand, its positional
//! arguments, and the global flags that move pluton's files).

use clap::Command;

/// One word of a line as the shell splits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// With quotes and backslashes removed: what pluton will receive.
    pub value: String,
    /// As typed.
    pub raw: String,
    /// The line ends inside a quote that this word opened.
    pub open_quote: bool,
}

/// Splits a (partial) command line like a POSIX shell: blanks separate words, `'…'` and `"…"`
/// quote, a backslash escapes. Lenient, because the line is unfinished: an open quote simply
/// runs to the end. When the line ends in a blank, the last word is the empty word being
/// started there.
pub fn split(line: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if current.is_none() && (c == ' ' || c == '\t' || c == '\n') {
            continue;
        }
        let word = current.get_or_insert_with(|| Word { value: String::new(), raw: String::new(), open_quote: false });
        match c {
            ' ' | '\t' | '\n' => {
                words.extend(current.take());
                continue;
            }
            '\\' => {
                word.raw.push(c);
                if let Some(next) = chars.next() {
                    word.raw.push(next);
                    if next != '\n' {
                        word.value.push(next);
                    }
                }
            }
            '\'' | '"' => {
                word.raw.push(c);
                word.open_quote = true;
                while let Some(inner) = chars.next() {
                    word.raw.push(inner);
                    if inner == c {
                        word.open_quote = false;
                        break;
                    }
                    // Inside double quotes a backslash escapes only these.
                    if c == '"' && inner == '\\' && chars.peek().is_some_and(|n| matches!(n, '"' | '\\' | '$' | '`')) {
                        if let Some(next) = chars.next() {
                            word.raw.push(next);
                            word.value.push(next);
                        }
                        continue;
                    }
                    word.value.push(inner);
                }
            }
            c => {
                word.raw.push(c);
                word.value.push(c);
            }
        }
    }
    words.push(current.unwrap_or(Word { value: String::new(), raw: String::new(), open_quote: false }));
    words
}

/// What the words before the one being completed say.
#[derive(Debug, Default, Clone)]
pub struct Line {
    /// The subcommands named, e.g. `["storage", "add"]`.
    pub path: Vec<String>,
    /// The positional arguments given to the last subcommand so far.
    pub positionals: Vec<String>,
    /// The ids of that subcommand's positional arguments, in order (`storage`, `provider`, …).
    pub positional_ids: Vec<String>,
    /// `--config-dir`, `--rclone-config` and `--rclone` as given (the last one wins), to be
    /// parsed again by clap so that their environment variables apply exactly as in a real run.
    pub globals: Vec<String>,
}

/// Global flags whose values decide which files completion reads.
const FILE_GLOBALS: [&str; 3] = ["config-dir", "rclone-config", "rclone"];

impl Line {
    /// Reads `words` (the program name first, the word being completed excluded) against the
    /// command definition.
    pub fn read(cmd: &Command, words: &[String]) -> Line {
        let mut line = Line::default();
        let mut current = cmd;
        let mut iter = words.iter().skip(1);
        let mut escaped = false;
        while let Some(word) = iter.next() {
            if escaped || word == "-" || !word.starts_with('-') {
                if !escaped
                    && line.positionals.is_empty()
                    && let Some(sub) = current.find_subcommand(word)
                {
                    line.path.push(sub.get_name().to_string());
                    current = sub;
                    line.positional_ids = sub.get_positionals().map(|a| a.get_id().to_string()).collect();
                    continue;
                }
                line.positionals.push(word.clone());
                continue;
            }
            if word == "--" {
                escaped = true;
                continue;
            }
            if let Some(long) = word.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_string())),
                    None => (long, None),
                };
                let takes_value = current
                    .get_arguments()
                    .find(|a| a.get_long() == Some(name))
                    .is_some_and(|a| a.get_num_args().is_some_and(|n| n.takes_values()));
                let value = match inline {
                    Some(value) => Some(value),
                    None if takes_value => iter.next().cloned(),
                    None => None,
                };
                if let (true, Some(value)) = (FILE_GLOBALS.contains(&name), value) {
                    line.globals.push(format!("--{name}={value}"));
                }
                continue;
            }
            // Short flags, possibly bundled; one that takes a value ends the bundle.
            let shorts = &word[1..];
            for (i, c) in shorts.char_indices() {
                let takes_value = current
                    .get_arguments()
                    .find(|a| a.get_short() == Some(c))
                    .is_some_and(|a| a.get_num_args().is_some_and(|n| n.takes_values()));
                if takes_value {
                    if i + c.len_utf8() == shorts.len() {
                        iter.next();
                    }
                    break;
                }
            }
        }
        line
    }

    /// The value given so far for the positional argument with this id (`storage`, `provider`).
    pub fn positional(&self, id: &str) -> Option<&str> {
        let index = self.positional_ids.iter().position(|p| p == id)?;
        self.positionals.get(index).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(line: &str) -> Vec<String> {
        split(line).into_iter().map(|w| w.value).collect()
    }

    #[test]
    fn splits_like_a_shell_and_keeps_the_word_being_typed() {
        assert_eq!(values("pluton storage test "), ["pluton", "storage", "test", ""]);
        assert_eq!(values("pluton storage test My\\ B"), ["pluton", "storage", "test", "My B"]);
        assert_eq!(values("pluton 'a b' \"c \\\"d\" e"), ["pluton", "a b", "c \"d", "e"]);
        let last = split("pluton storage test \"My B").pop().map(|w| (w.value, w.raw, w.open_quote));
        assert_eq!(last, Some(("My B".to_string(), "\"My B".to_string(), true)));
        assert_eq!(values(""), [""]);
    }

    #[test]
    fn reads_subcommands_positionals_and_file_globals() {
        use clap::CommandFactory;
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let words: Vec<String> =
            ["pluton", "--config-dir", "/c", "storage", "add", "--name", "x y", "box", "--set", "a=b", "--rclone=/r"]
                .map(String::from)
                .to_vec();
        let line = Line::read(&cmd, &words);
        assert_eq!(line.path, ["storage", "add"]);
        assert_eq!(line.positionals, ["box"]);
        assert_eq!(line.positional("provider"), Some("box"));
        assert_eq!(line.globals, ["--config-dir=/c", "--rclone=/r"]);
    }
}

//! The shape of the code: no import circle among src/'s modules. A module may use its parent's
//! and its children's items (that is how Rust modules share); between any other two modules
//! the imports point one way, so the tree reads from the top (`cmd`) to the bottom (`store`,
//! `error`) without going round. docs/design.md draws the rooms and arrows this keeps true.
//!
//! The check reads every `crate::…` and `super::…` path of non-test code (including grouped
//! `use crate::{a::X, b}` lines) and resolves it to the deepest module that has a file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`rclone::schema`; the crate root is "") → the modules it refers to.
type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn src_has_no_import_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    read_tree(&src, &src, &mut files);
    assert!(files.len() > 20, "read {} files of src/", files.len());
    let circles = circles(&graph(&files));
    assert!(circles.is_empty(), "import circles among src/ modules: {circles:#?}");
}

#[test]
fn the_check_finds_a_circle_between_siblings_and_ignores_parent_and_child() {
    let files: BTreeMap<String, String> = [
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a/mod.rs", "mod inner;\nuse crate::b::Thing;\npub fn f() { inner::g() }\n"),
        ("a/inner.rs", "use super::f;\n"),
        ("b.rs", "use crate::{c::{self, Other}, error};\n"),
        ("c.rs", "pub fn x() { super::a::f() }\n"),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .collect();
    let found = circles(&graph(&files));
    assert_eq!(found, [vec!["a".to_string(), "b".into(), "c".into()]], "a → b → c → a, and nothing else");
    let mut no_circle = files.clone();
    no_circle.insert("c.rs".into(), "// super::a::f() only in a comment\n".into());
    assert!(circles(&graph(&no_circle)).is_empty());
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("reading src/").flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under src/").to_string_lossy().into_owned();
            files.insert(relative, std::fs::read_to_string(&path).expect("reading a source file"));
        }
    }
}

/// `cmd/add.rs` → `cmd::add`; `cmd/mod.rs` → `cmd`; `lib.rs`/`main.rs` → "".
fn module_of(file: &str) -> Option<String> {
    let stem = file.strip_suffix(".rs")?;
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if matches!(stem, "lib" | "main") {
        return Some(String::new());
    }
    // Test-only modules (`providers/tests.rs`) are not part of the program's shape.
    if stem == "tests" || stem.ends_with("/tests") {
        return None;
    }
    Some(stem.replace('/', "::"))
}

fn graph(files: &BTreeMap<String, String>) -> Graph {
    let modules: BTreeSet<String> = files.keys().filter_map(|f| module_of(f)).collect();
    let mut graph = Graph::new();
    for (file, text) in files {
        let Some(module) = module_of(file) else { continue };
        let parent = module.rsplit_once("::").map_or(String::new(), |(p, _)| p.to_string());
        let targets = graph.entry(module.clone()).or_default();
        for path in paths(code_of(text)) {
            let absolute = if let Some(rest) = path.strip_prefix("crate::") {
                rest.to_string()
            } else if let Some(rest) = path.strip_prefix("super::") {
                if parent.is_empty() { rest.to_string() } else { format!("{parent}::{rest}") }
            } else {
                continue;
            };
            // The deepest module the path names.
            let mut target = String::new();
            let mut prefix = String::new();
            for part in absolute.split("::") {
                prefix = if prefix.is_empty() { part.to_string() } else { format!("{prefix}::{part}") };
                if modules.contains(&prefix) {
                    target = prefix.clone();
                }
            }
            let related = |a: &str, b: &str| a.is_empty() || b.is_empty() || b.starts_with(&format!("{a}::"));
            if target != module && !related(&target, &module) && !related(&module, &target) {
                targets.insert(target);
            }
        }
    }
    graph
}

/// The program's code: without the trailing `#[cfg(test)]` module and comment lines.
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::…`/`super::…` path in the code, with grouped `use` trees expanded.
fn paths(code: String) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':'));
        if !starts {
            i += 1;
            continue;
        }
        let (tree, end) = use_tree(&bytes, i);
        out.extend(expand(&tree));
        i = end.max(i + 1);
    }
    out
}

/// The path (or use tree) starting at `start`: identifiers, `::`, and balanced braces.
fn use_tree(chars: &[char], start: usize) -> (String, usize) {
    let mut depth = 0;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' | ' ' | '\n' | '\t' if depth > 0 => {}
            c if c.is_alphanumeric() || c == '_' || c == ':' || c == '*' => {}
            _ if depth == 0 => break,
            _ => {}
        }
        i += 1;
    }
    (chars[start..i].iter().filter(|c| !c.is_whitespace()).collect(), i)
}

/// `crate::{a::{self, X}, b}` → `crate::a`, `crate::a::X`, `crate::b`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else { return vec![tree.trim_end_matches("::").to_string()] };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut from) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| if p == "self" { vec![prefix.to_string()] } else { expand(&format!("{prefix}::{p}")) })
        .collect()
}

/// The circles of the graph: its strongly connected components of more than one module
/// (Tarjan), each sorted.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, node: &'a str) {
        let n = w.index.len();
        w.index.insert(node, n);
        w.low.insert(node, n);
        w.stack.push(node);
        w.on_stack.insert(node);
        for next in w.graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !w.index.contains_key(next) {
                visit(w, next);
                let low = w.low[node].min(w.low[next]);
                w.low.insert(node, low);
            } else if w.on_stack.contains(next) {
                let low = w.low[node].min(w.index[next]);
                w.low.insert(node, low);
            }
        }
        if w.low[node] == w.index[node] {
            let mut component = Vec::new();
            while let Some(top) = w.stack.pop() {
                w.on_stack.remove(top);
                component.push(top.to_string());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                w.found.push(component);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.found
}

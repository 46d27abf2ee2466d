//! The core's module graph (issue 24 §3): which top-level modules of `core/src` name which
//! (`crate::x` in code, outside comments and test modules), and no cycle among them. The
//! engine gives places on the board of `allocation`, which names no engine; batch
//! `matching` names only the error contract. A new cycle fails here, and so do bindings
//! grown past 40% of the core's lines (issue 24's target, decision 0006).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Re-exports at the crate root, by the module they come from.
const ROOT_NAMES: [(&str, &str); 18] = [
    ("Engine", "lifecycle"),
    ("LifecycleError", "lifecycle"),
    ("Policy", "policy"),
    ("PolicyBook", "policy"),
    ("PolicyError", "policy"),
    ("Iin", "iin"),
    ("IinError", "iin"),
    ("CalendarError", "calendar"),
    ("WorkCalendar", "calendar"),
    ("InputError", "input"),
    ("InternalError", "internal"),
    ("Lang", "lang"),
    ("LocalizedText", "lang"),
    ("LocalizedError", "error"),
    ("ErrorCode", "error"),
    ("ErrorKind", "error"),
    ("Period", "period"),
    ("PeriodUnit", "period"),
];

/// Every `.rs` file under `core/src/<dir>` (all of `core/src` for `""`), by its path
/// relative to `core/src`, with its text up to its test module.
fn sources(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src");
    let mut out = Vec::new();
    let mut stack = vec![src.join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text
                    .split("#[cfg(test)]")
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                out.push((path.strip_prefix(&src).unwrap().to_owned(), code));
            }
        }
    }
    out
}

/// The graph: module → the modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, code) in sources("") {
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        let uses = out.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let target = ROOT_NAMES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(name.as_str(), |(_, m)| m);
                let is_module = target.starts_with(|c: char| c.is_ascii_lowercase());
                if is_module && target != module {
                    uses.insert(target.to_owned());
                }
            }
        }
    }
    out
}

/// The modules `from` reaches.
fn reach(g: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(m) = todo.pop() {
        for next in g.get(&m).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn no_module_cycle() {
    let g = graph();
    assert!(g.len() > 15, "the core's modules are read: {:?}", g.keys());
    let mut cyclic: BTreeSet<String> = BTreeSet::new();
    for m in g.keys() {
        if reach(&g, m).contains(m) {
            cyclic.insert(m.clone());
        }
    }
    assert!(
        cyclic.is_empty(),
        "modules on a cycle: {cyclic:?} in {g:#?}"
    );
}

#[test]
fn the_board_and_matching_are_layers_under_the_engine() {
    let g = graph();
    assert!(
        g["lifecycle"].contains("allocation"),
        "the engine uses the board"
    );
    for layer in ["allocation", "matching"] {
        assert!(
            !reach(&g, layer).contains("lifecycle"),
            "{layer} reaches the engine"
        );
    }
    let allowed: BTreeSet<&str> = ["error", "lang"].into();
    let extra: Vec<_> = g["matching"]
        .iter()
        .filter(|u| !allowed.contains(u.as_str()))
        .collect();
    assert!(extra.is_empty(), "matching names {extra:?}");
}

#[test]
fn the_lowest_modules_name_no_domain() {
    let g = graph();
    for low in ["lang", "error", "check", "document", "text", "versioned"] {
        let uses = &g[low];
        let allowed: BTreeSet<&str> = ["lang", "check", "text"].into();
        let extra: Vec<_> = uses
            .iter()
            .filter(|u| !allowed.contains(u.as_str()))
            .collect();
        assert!(extra.is_empty(), "{low} names {extra:?}");
    }
}

/// The simulation drives the engine through its public API only (issue 24 §3): no
/// crate-private method of the engine or the board is called from `simulation/`, and no
/// engine field is read.
#[test]
fn the_simulation_uses_the_engines_public_api() {
    let names = |text: &str, prefix: &str| -> Vec<String> {
        text.match_indices(prefix)
            .map(|(i, _)| {
                text[i + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    };
    let (mut private, mut public) = (BTreeSet::new(), BTreeSet::new());
    for dir in ["lifecycle", "allocation"] {
        for (_, text) in sources(dir) {
            private.extend(names(&text, "pub(crate) fn "));
            public.extend(names(&text, "    pub fn "));
        }
    }
    // A name the engine also has in public (`restore`) is the public one.
    let private: BTreeSet<String> = private.difference(&public).cloned().collect();
    assert!(
        private.len() > 20,
        "the private methods are read: {private:?}"
    );
    let fields = [".board", ".records", ".histories", ".index."];
    for (_, text) in sources("simulation") {
        for name in &private {
            for (i, _) in text.match_indices(&format!(".{name}(")) {
                let before = &text[..i];
                let receiver = before
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("");
                assert!(
                    !receiver.ends_with("engine"),
                    "the simulation calls the engine's private `{name}`"
                );
            }
        }
        for field in fields {
            assert!(
                !text.contains(&format!("engine{field}")),
                "the simulation reads the engine's `{field}`"
            );
        }
    }
}

/// Lines of the tracked files under `dir` that `keep` accepts (`wc -l`: newlines).
fn tracked_lines(dir: &str, keep: impl Fn(&str) -> bool) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let listed = std::process::Command::new("git")
        .args(["ls-files", dir])
        .current_dir(&root)
        .output()
        .expect("git lists the tracked files (the test runs in a clone)");
    String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .filter(|path| keep(path))
        .map(|path| {
            let text = std::fs::read_to_string(root.join(path)).unwrap();
            text.matches('\n').count()
        })
        .sum()
}

/// Issue 24's target, counted as decision 0006 counts it: the bindings' own code (sources
/// and scripts, tests and benches left out) is at most 40% of the core's lines. Over it,
/// fold what the bindings repeat, or let the core answer what they compose.
#[test]
fn the_bindings_stay_within_forty_percent_of_the_core() {
    const CODE: [&str; 10] = [
        "rs", "py", "pyi", "js", "ts", "mjs", "sh", "kt", "swift", "c",
    ];
    let binding_code = |path: &str| {
        let test = ["/test/", "/tests/", "test.mjs", "/bench/"]
            .iter()
            .any(|t| path.contains(t));
        let ext = Path::new(path).extension().and_then(|e| e.to_str());
        !test && ext.is_some_and(|e| CODE.contains(&e))
    };
    let bindings: Vec<usize> = ["bindings-wasm", "bindings-python", "bindings-mobile"]
        .iter()
        .map(|dir| tracked_lines(dir, binding_code))
        .collect();
    let core = tracked_lines("core", |path| {
        Path::new(path).extension().is_some_and(|e| e == "rs")
    });
    let total: usize = bindings.iter().sum();
    assert!(
        core > 10_000 && bindings.iter().all(|&n| n > 1_000),
        "{bindings:?} of {core}"
    );
    assert!(
        total * 100 <= core * 40,
        "binding code is {total} lines ({bindings:?}: wasm, python, mobile) over a core of \
         {core}: {:.1}% > 40% (issue 24, docs/decisions/0006)",
        percent(total, core)
    );
}

#[allow(clippy::cast_precision_loss)] // line counts
fn percent(part: usize, whole: usize) -> f64 {
    part as f64 * 100.0 / whole as f64
}

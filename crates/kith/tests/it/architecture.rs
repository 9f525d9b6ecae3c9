//! docs/architecture.md lists the workspace's crates and what each depends on; this checks
//! the list against `cargo metadata`.

use std::collections::BTreeMap;
use std::path::Path;

/// `crate -> dep, dep` lines of the documented graph.
fn documented() -> BTreeMap<String, Vec<String>> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/architecture.md"))
            .expect("docs/architecture.md");
    let block = doc.split("```text\n").nth(1).and_then(|b| b.split("```").next()).expect("the graph block");
    block
        .lines()
        .filter_map(|line| {
            let (name, deps) = line.split_once("->")?;
            let mut deps: Vec<String> =
                deps.split(',').map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned).collect();
            deps.sort();
            Some((name.trim().to_owned(), deps))
        })
        .collect()
}

#[test]
fn architecture_matches_cargo_metadata() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let ours: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let actual: BTreeMap<String, Vec<String>> = packages
        .iter()
        .map(|p| {
            let mut deps: Vec<String> = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|d| ours.contains(d))
                .map(str::to_owned)
                .collect();
            deps.sort();
            deps.dedup();
            (p["name"].as_str().unwrap_or_default().to_owned(), deps)
        })
        .collect();
    assert_eq!(documented(), actual, "docs/architecture.md's crate graph is out of date");
}

/// The modules of a crate's `src` folder, by path (`pages::log`), with their source less
/// comments and tests.
fn modules(src: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, src: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, src, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).expect("inside src").with_extension("");
                let name = rel.to_string_lossy().replace('/', "::");
                let name = if name == "lib" || name == "main" { "crate".to_owned() } else { name };
                let text = std::fs::read_to_string(&path).expect("source");
                let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
                let code: Vec<&str> = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
                out.insert(name, code.join("\n"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

/// Which modules each module uses: `crate::a::b` and `crate::{a, b}`, `super::x`, and a
/// child named by its path (`log::submit` in the parent of `log`).
fn uses(modules: &BTreeMap<String, String>) -> BTreeMap<String, Vec<String>> {
    let longest = |parts: &[&str]| {
        (1..=parts.len()).rev().map(|k| parts[..k].join("::")).find(|m| modules.contains_key(m))
    };
    let mut graph = BTreeMap::new();
    for (name, code) in modules {
        let parent = name.rsplit_once("::").map(|(p, _)| p.to_owned());
        let mut to = Vec::new();
        let mut paths: Vec<(bool, String)> = Vec::new();
        for (root, is_super) in [("crate::", false), ("super::", true)] {
            for (at, _) in code.match_indices(root) {
                let rest = &code[at + root.len()..];
                let list: Vec<String> = match rest.strip_prefix('{') {
                    Some(group) => group
                        .split('}')
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .map(|p| p.trim().to_owned())
                        .collect(),
                    None => vec![
                        rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect(),
                    ],
                };
                paths.extend(list.into_iter().map(|p| (is_super, p)));
            }
        }
        for (is_super, path) in paths {
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            let found = match (is_super, &parent) {
                (false, _) => longest(&parts),
                (true, Some(parent)) => {
                    let mut full: Vec<&str> = parent.split("::").collect();
                    full.extend(&parts);
                    longest(&full).or_else(|| Some(parent.clone()))
                }
                (true, None) => None,
            };
            to.extend(found.filter(|f| f != name && f != "crate"));
        }
        let prefix = if name == "crate" { String::new() } else { format!("{name}::") };
        for child in modules.keys().filter(|c| c.starts_with(&prefix) && !c[prefix.len()..].contains("::")) {
            let short = &child[prefix.len()..];
            let named = code.match_indices(&format!("{short}::")).any(|(at, _)| {
                at == 0 || !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            });
            if named {
                to.push(child.clone());
            }
        }
        to.sort();
        to.dedup();
        graph.insert(name.clone(), to);
    }
    graph
}

/// A cycle of modules that use each other, if there is one.
fn cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        graph: &BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_owned());
            return Some(found);
        }
        if done.iter().any(|d| d == at) {
            return None;
        }
        path.push(at.to_owned());
        for next in graph.get(at).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(at.to_owned());
        None
    }
    let mut done = Vec::new();
    graph.keys().find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_module_check_finds_a_cycle_through_a_parent() {
    let modules: BTreeMap<String, String> = [
        ("crate", "mod pages; mod app;"),
        ("app", "use crate::pages;"),
        ("pages", "use crate::app::AppState; fn r() { log::submit }"),
        ("pages::log", "use super::Flash;"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    let graph = uses(&modules);
    assert_eq!(graph["pages"], ["app", "pages::log"]);
    assert_eq!(graph["pages::log"], ["pages"]);
    assert!(cycle(&graph).is_some());
}

/// The web app's modules depend one way: state and errors at the bottom, the pages and the
/// API above them, the router and the server on top.
#[test]
fn the_web_apps_modules_depend_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../kith-web/src");
    let graph = uses(&modules(&src));
    assert!(graph.len() > 40, "read the web app's modules: {graph:?}");
    assert_eq!(cycle(&graph), None, "modules of kith-web that use each other");
}

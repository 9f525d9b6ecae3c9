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

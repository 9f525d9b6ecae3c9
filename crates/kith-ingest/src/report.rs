//! What an import did, and the JSON document `kith import --json` and the API print.

use crate::Format;
use kith_import::{Place, Skip};
use serde_json::{Value, json};

/// A name in the file found as a person whose name differs from it, and how: `map`, `alias`
/// or `first_name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub in_file: String,
    pub person: String,
    pub how: &'static str,
}

impl Match {
    /// In words, for the preview and the command line.
    pub fn words(&self) -> String {
        let how = match self.how {
            "map" => "by the map",
            "alias" => "by an alias",
            "first_name" => "by first name, the only one with it",
            other => other,
        };
        format!("{} → {} ({how})", self.in_file, self.person)
    }
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub format: Format,
    /// Names of the people added, given new aliases, and matched, in the order met.
    pub created: Vec<String>,
    pub merged: Vec<String>,
    pub matched: Vec<String>,
    /// How names in the file that differ from a person's name were matched.
    pub matches: Vec<Match>,
    pub interactions: usize,
    /// Imported before and brought up to date by a longer export of the same chat.
    pub updated: usize,
    pub plans: usize,
    pub already_present: usize,
    pub birthdays: usize,
    pub skipped: Vec<Skip>,
}

impl Report {
    /// The document of `kith import --json` (docs/cli-json.md), which the API answers too.
    pub fn to_json(&self, file: &str, dry_run: bool) -> Value {
        let skipped: Vec<_> = self
            .skipped
            .iter()
            .map(|s| {
                let (line, record) = match s.at {
                    Place::Line(n) => (Some(n), None),
                    Place::Record(n) => (None, Some(n)),
                };
                json!({"line": line, "record": record, "reason": s.reason})
            })
            .collect();
        json!({
            "format": self.format.as_str(),
            "file": file,
            "dry_run": dry_run,
            "people": {
                "created": self.created,
                "merged": self.merged,
                "matched": self.matched,
                "matched_how": self.matches.iter().map(|m| json!({"in_file": m.in_file, "person": m.person, "how": m.how})).collect::<Vec<_>>(),
            },
            "interactions": self.interactions,
            "plans": self.plans,
            "already_present": self.already_present,
            "updated": self.updated,
            "birthdays": self.birthdays,
            "skipped": skipped,
        })
    }
}

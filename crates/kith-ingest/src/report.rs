//! What an import did, and the JSON document `kith import --json` and the API print.

use crate::Format;
use kith_import::{Place, Skip};
use serde_json::{Value, json};

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub format: Format,
    /// Names of the people added, given new aliases, and matched, in the order met.
    pub created: Vec<String>,
    pub merged: Vec<String>,
    pub matched: Vec<String>,
    pub interactions: usize,
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
            "people": {"created": self.created, "merged": self.merged, "matched": self.matched},
            "interactions": self.interactions,
            "plans": self.plans,
            "already_present": self.already_present,
            "birthdays": self.birthdays,
            "skipped": skipped,
        })
    }
}

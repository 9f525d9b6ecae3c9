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
    pub plans: usize,
    pub already_present: usize,
    /// Imported before and brought up to date by a newer export: plans moved or cancelled
    /// because the file holds a newer version of their event, chat days grown in a longer
    /// export of the same chat.
    pub updated: usize,
    pub birthdays: usize,
    /// Occurrences of recurring events outside the import's window (see docs/import.md).
    pub outside_window: usize,
    /// Every card that went into a person already here, or met earlier in the file.
    pub merges: Vec<Merge>,
    pub skipped: Vec<Skip>,
    /// What the person should know that skipped nothing (a time zone read as `--tz`).
    pub warnings: Vec<Skip>,
}

/// A card merged into a person of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The card's number in the file.
    pub record: usize,
    /// The card's name.
    pub name: String,
    /// The person it went into.
    pub into: String,
    /// The earlier card of the file that made that person, if one did (else they were
    /// already in kith).
    pub with_record: Option<usize>,
}

impl Report {
    /// The document of `kith import --json` (docs/cli-json.md), which the API answers too.
    pub fn to_json(&self, file: &str, dry_run: bool) -> Value {
        let places = |list: &[Skip]| -> Vec<Value> {
            list.iter()
                .map(|s| {
                    let (line, record) = match s.at {
                        Place::Line(n) => (Some(n), None),
                        Place::Record(n) => (None, Some(n)),
                    };
                    json!({"line": line, "record": record, "reason": s.reason})
                })
                .collect()
        };
        let merges: Vec<Value> = self
            .merges
            .iter()
            .map(
                |m| json!({"record": m.record, "name": m.name, "into": m.into, "with_record": m.with_record}),
            )
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
            "outside_window": self.outside_window,
            "merges": merges,
            "skipped": places(&self.skipped),
            "warnings": places(&self.warnings),
        })
    }
}

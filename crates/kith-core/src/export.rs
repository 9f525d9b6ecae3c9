//! The export document: everything a person has in kith, as one versioned JSON document
//! (documented in docs/export.md). `kith export` writes it, `kith import-json` restores it.

use crate::{CheckIn, Interaction, Person, Plan};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The value of the document's `format` field.
pub const EXPORT_FORMAT: &str = "kith-export";
/// The version this build writes and reads.
pub const EXPORT_VERSION: u32 = 1;

/// A whole export. Every value inside goes through the same validation as typed input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDocument {
    pub format: String,
    pub version: u32,
    pub exported_at: Timestamp,
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
}

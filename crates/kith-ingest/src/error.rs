//! Why an import could not be done, as data: each caller words it in its own terms
//! (the CLI's flags, the web form's fields).

use crate::Format;
use kith_import::ImportError;
use kith_store::StoreError;

/// Why an import could not be done. Nothing was written: the caller rolls back.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file is not the format it was said to be, is cut short, or leaves something only
    /// the person can settle (the date order).
    #[error("{error}")]
    File { format: Format, error: ImportError },
    /// A map entry is not `Name=Person`.
    #[error("invalid map entry {entry:?}")]
    BadMap { entry: String },
    /// A map entry names someone who is not in kith (`target` as a name key).
    #[error("the map names {target:?}, who is not in kith")]
    UnknownPerson { target: String },
    /// A group export where kith cannot tell which sender is the user.
    #[error("cannot tell which sender is you: {}", quoted(.senders))]
    WhoIsMe { senders: Vec<String> },
    #[error("could not open the file: {0}")]
    Open(#[source] std::io::Error),
    #[error("could not read the file: {0}")]
    Read(#[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `"A", "B"`: names as the messages quote them.
pub fn quoted(names: &[String]) -> String {
    names.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
}

pub type Result<T, E = IngestError> = std::result::Result<T, E>;

//! What every parser reports besides its records: where each skipped record was and why,
//! and the one error for a file that is not the format it was said to be.

use std::fmt;

/// Where in a file something is: a line for text formats, a record number for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// A 1-based line number.
    Line(usize),
    /// A 1-based record number (a card, an event, a message) and the line it starts on.
    Record(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Record(n) => write!(f, "record {n}"),
        }
    }
}

/// A record the parser left out, and why, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skip {
    pub at: Place,
    pub reason: String,
}

impl Skip {
    /// A skip at `at` for `reason`.
    pub fn new(at: Place, reason: impl Into<String>) -> Self {
        Self { at, reason: reason.into() }
    }
}

/// A file that cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file is not the format it was said to be, or it is cut short.
    #[error("not a valid {expected} file: {why}")]
    WrongFormat {
        /// The format expected, in words ("WhatsApp chat export").
        expected: &'static str,
        at: Place,
        why: String,
    },
    /// The file settles something only the user can (the date order of a chat export).
    #[error("{why}")]
    Ambiguous { why: String },
}

impl ImportError {
    pub(crate) fn wrong(expected: &'static str, at: Place, why: impl Into<String>) -> Self {
        ImportError::WrongFormat { expected, at, why: why.into() }
    }
}

/// Checks that every `BEGIN:{what}` at the start of a line has its `END:{what}`, so a file
/// cut short is an error that names the line where the unfinished block began.
pub(crate) fn check_blocks(text: &str, what: &str, expected: &'static str) -> Result<(), ImportError> {
    let begin = format!("BEGIN:{what}");
    let end = format!("END:{what}");
    let mut open: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end().trim_start_matches('\u{feff}');
        if line.eq_ignore_ascii_case(&begin) {
            open.get_or_insert(i + 1);
        } else if line.eq_ignore_ascii_case(&end) {
            open = None;
        }
    }
    match open {
        Some(line) => Err(ImportError::wrong(
            expected,
            Place::Line(line),
            format!("{begin} here has no {end}; the file may be cut short"),
        )),
        None => Ok(()),
    }
}

//! Free text the person writes: notes. Bounded, trimmed, without control characters other
//! than line breaks, so that every surface can show it safely.

use crate::Invalid;
use serde::{Deserialize, Serialize};

/// The longest note kept, in characters.
pub const NOTE_MAX_CHARS: usize = 4000;

/// A non-empty note of at most [`NOTE_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Note(String);

impl Note {
    /// Parses a note for `field`. Surrounding white space is trimmed.
    ///
    /// # Errors
    /// When the note is empty, too long, or holds control characters.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Invalid::new(field, raw, "some text (leave the option out for no note)"));
        }
        if text.chars().count() > NOTE_MAX_CHARS {
            return Err(Invalid::new(field, shorten(text), format!("at most {NOTE_MAX_CHARS} characters")));
        }
        if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(Invalid::new(field, shorten(text), "text without control characters"));
        }
        Ok(Self(text.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Note {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse("note", &s)
    }
}

impl From<Note> for String {
    fn from(n: Note) -> String {
        n.0
    }
}

/// Shortens long text for an error message.
pub(crate) fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

//! How to import: the command line's flags and the web form's options, as one value.

use crate::Format;
use kith_import::whatsapp::DateOrder;

/// How to import: the command line's flags, the web form's options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub format: Format,
    /// `Name in the file=Person in kith` entries.
    pub map: Vec<String>,
    /// Add a person for each chat member, contact number or attendee that matches no one.
    pub create_people: bool,
    /// Calendar events that have already happened count as attended.
    pub assume_attended: bool,
    /// The order of day, month and year in a WhatsApp export, when the file cannot tell.
    pub date_order: Option<DateOrder>,
    /// The user's own name in a group export, when kith cannot tell.
    pub me: Option<String>,
    /// Hours after which a message from them without a reply counts as unanswered.
    pub unanswered_after: u32,
}

impl Options {
    /// The defaults of `kith import FORMAT FILE` without flags.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            map: Vec::new(),
            create_people: false,
            assume_attended: false,
            date_order: None,
            me: None,
            unanswered_after: 48,
        }
    }
}

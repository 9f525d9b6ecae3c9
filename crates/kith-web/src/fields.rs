//! Submitted form fields, kept as typed so a form with an error shows them again, and the
//! errors that go beside each field.

use kith_core::Invalid;
use std::collections::BTreeMap;

/// The fields of a submitted form, in order; a name may repeat (check boxes, multiple selects).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value for `name`, trimmed; `None` when missing or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// The raw value for `name`, as typed, for showing again.
    pub fn raw(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every non-blank value for `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty()).collect()
    }

    /// Whether `name` was sent with `value` (for re-checking boxes).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }
}

/// Errors by field name, each a sentence for the person.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field`, or an empty string.
    pub fn of(&self, field: &str) -> &str {
        self.0.get(field).map_or("", String::as_str)
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.entry(field.to_owned()).or_insert_with(|| message.into());
    }

    /// Records a parse failure under the form field it came from.
    pub fn invalid(&mut self, field: &str, e: &Invalid) {
        self.add(field, words(e));
    }

    /// Keeps the value when it parsed, or records why not.
    pub fn take<T>(&mut self, field: &str, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.invalid(field, &e);
                None
            }
        }
    }
}

/// An [`Invalid`] in plain words, without the field name the form already shows.
pub fn words(e: &Invalid) -> String {
    if e.value.is_empty() {
        format!("Please give {}.", e.expected)
    } else {
        format!("“{}” doesn’t fit here: please give {}.", e.value, e.expected)
    }
}

/// One choice of a set of radio buttons or chips: its value, its words, whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// `back` when it is a path on this site, else Today.
pub fn safe_back(back: Option<&str>) -> String {
    back.filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\')).unwrap_or("/").to_owned()
}

//! The one error every parser in the domain returns: which field, what value, and what
//! would have been accepted. The CLI, the web forms and the importers all render it.

use std::fmt;

/// A value that does not fit its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The field or flag name, as the user typed it (`felt`, `minutes`, `circle`).
    pub field: &'static str,
    /// The value that was given, verbatim.
    pub value: String,
    /// What would have been accepted, in plain words.
    pub expected: String,
}

impl Invalid {
    /// Builds the error for `field` holding `value`, where `expected` was wanted.
    pub fn new(field: &'static str, value: impl fmt::Display, expected: impl Into<String>) -> Self {
        Self { field, value: value.to_string(), expected: expected.into() }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} {:?}: expected {}", self.field, self.value, self.expected)
    }
}

impl std::error::Error for Invalid {}

/// Parses an integer in `range` for `field`, naming the range when it does not fit.
///
/// # Errors
/// When `raw` is not a whole number or lies outside `range`.
pub fn int_in(field: &'static str, raw: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, Invalid> {
    let expected = || format!("a whole number from {} to {}", range.start(), range.end());
    let n: i64 = raw.trim().parse().map_err(|_| Invalid::new(field, raw, expected()))?;
    if range.contains(&n) { Ok(n) } else { Err(Invalid::new(field, raw, expected())) }
}

//! Typed identifiers, so a plan id can never be passed where a person id belongs.
//! Ids are random UUIDs: their first eight characters are almost always unique, which
//! keeps the short prefixes people type (as in git) short.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// The start of an id as someone typed it, ready to look up: at least four hex digits
/// (dashes, which ids are shown with, left out), in lower case. `None` when it cannot be the
/// start of any id.
pub fn id_prefix(raw: &str) -> Option<String> {
    let prefix = raw.trim().to_lowercase().replace('-', "");
    (prefix.len() >= 4 && prefix.chars().all(|c| c.is_ascii_hexdigit())).then_some(prefix)
}

/// Sixteen fresh random bytes for a new record's id: what the command line, the web app and
/// imports pass wherever a rule takes an id source. The rules themselves only take one as a
/// parameter, so a test can give them ids of its own.
pub fn random_bytes() -> [u8; 16] {
    *Uuid::new_v4().as_bytes()
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps an existing UUID (read from storage or an export).
            pub fn from_uuid(id: Uuid) -> Self { Self(id) }
            /// Makes an id from 16 random bytes supplied by the caller (the core has no
            /// randomness of its own).
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
            }
            /// The UUID inside.
            pub fn uuid(self) -> Uuid { self.0 }
            /// The first eight characters: what lists show and what people type.
            pub fn short(self) -> String { self.0.simple().to_string()[..8].to_owned() }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.hyphenated().fmt(f) }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Uuid::parse_str(s).map(Self) }
        }
    };
}

typed_id!(
    /// Identifies a person.
    PersonId
);
typed_id!(
    /// Identifies an interaction.
    InteractionId
);
typed_id!(
    /// Identifies a plan.
    PlanId
);
typed_id!(
    /// Identifies a daily check-in.
    CheckInId
);
typed_id!(
    /// Identifies a step on the re-engagement ladder.
    StepId
);
typed_id!(
    /// Identifies one try of a step.
    AttemptId
);
typed_id!(
    /// Identifies a thought record.
    ThoughtId
);
typed_id!(
    /// Identifies a span of days marked as away.
    AwayId
);

#[cfg(test)]
mod prefix_tests {
    use super::*;

    #[test]
    fn a_typed_id_start_needs_four_hex_digits() {
        assert_eq!(id_prefix(" 0CFC-8b1c ").as_deref(), Some("0cfc8b1c"));
        assert_eq!(id_prefix("0cf"), None);
        assert_eq!(id_prefix("0cfz"), None);
        assert_eq!(id_prefix("----"), None);
    }
}

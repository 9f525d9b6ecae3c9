//! What a use case can refuse, in terms each surface can word for its own readers.

use kith_core::ladder::Anxiety;
use kith_core::{InteractionId, Invalid, Outcome, PlanId};
use kith_store::StoreError;

/// Why a use case did not go ahead. Nothing is written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A value that does not fit its field.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Nobody is known by what was typed (an id, a name, an alias, or a first name only one
    /// person has). `close` holds up to three similar names, to ask "did you mean".
    #[error("no one called {name:?}")]
    NoSuchPerson { name: String, close: Vec<String>, nobody_yet: bool },
    /// A merge named the same person twice.
    #[error("both names are {name}, the same person")]
    SamePerson { name: String },
    /// No people were named where at least one is needed.
    #[error("nobody was named")]
    NoPeople,
    /// What was typed cannot be the start of any id (fewer than four hex digits).
    #[error("{}", .record.invalid(.typed))]
    BadId { record: crate::records::Record, typed: String },
    /// No record of the kind has an id starting so.
    #[error("{}", .record.none(.typed))]
    NoSuchId { record: crate::records::Record, typed: String },
    /// Several records have ids starting so; `ids` are theirs in full.
    #[error("{}", .record.many(.ids.len(), .typed))]
    Ambiguous { record: crate::records::Record, typed: String, ids: Vec<String> },
    /// The same entry was logged a moment ago; logging it again needs `again`.
    #[error("you logged the same a moment ago ({}); nothing was added", .earlier.short())]
    Repeat { earlier: InteractionId },
    /// The plan already has an outcome; only a plan still planned can be settled.
    #[error("plan {} is already {}", .plan.short(), .outcome.label())]
    PlanSettled { plan: PlanId, outcome: Outcome },
    /// How it went was given for a plan added without a prediction to compare it with.
    #[error("plan {} has no prediction to compare how it went with", .plan.short())]
    NoPrediction { plan: PlanId, felt_anxiety: Anxiety },
    /// The day has a check-in already, and replacing it was not asked for.
    #[error("there is already a check-in for {date}")]
    CheckInExists { date: jiff::civil::Date },
    /// The day has no check-in to change or delete.
    #[error("there is no check-in for {date}")]
    NoCheckIn { date: jiff::civil::Date },
}

//! kith's domain: validated types for people, interactions, plans and check-ins, and the
//! rules that turn them into insight. Pure: no I/O, no async, no clock. Callers read the
//! clock once and pass "now" in, so every rule is reproducible in tests.

pub mod checkin;
pub mod export;
pub mod id;
pub mod insights;
pub mod interaction;
pub mod invalid;
pub mod person;
pub mod plan;
pub mod settings;
pub mod suggest;
pub mod text;
pub mod when;

pub use checkin::{Affected, AloneTime, Capacity, CheckIn, Scale};
pub use id::{CheckInId, InteractionId, PersonId, PlanId};
pub use interaction::{Felt, Initiator, Interaction, Minutes, Mode, Source, Tag};
pub use invalid::Invalid;
pub use person::{Alias, Cadence, Circle, Person, PersonName};
pub use plan::{Outcome, Plan};
pub use text::Note;
pub use when::{Moment, parse_when};

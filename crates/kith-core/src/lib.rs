//! kith's domain: validated types for people, interactions, plans and check-ins, and the
//! rules that turn them into insight. Pure: no I/O, no async, no clock. Callers read the
//! clock once and pass "now" in, so every rule is reproducible in tests.

pub mod away;
pub mod checkin;
pub mod day_start;
pub mod demo;
pub mod export;
pub mod id;
pub mod insights;
pub mod interaction;
pub mod invalid;
pub mod ladder;
pub mod lives;
pub mod person;
pub mod plan;
pub mod settings;
pub mod suggest;
pub mod text;
pub mod when;

pub use away::{Away, AwayDays};
pub use checkin::{Affected, AloneTime, Capacity, CheckIn, CheckInChanges, Scale};
pub use day_start::DayStart;
pub use demo::{DemoData, demo_year, heavy_use};
pub use id::{AttemptId, AwayId, CheckInId, InteractionId, PersonId, PlanId, StepId, ThoughtId};
pub use insights::capacity::{CapacityCheck, HeavyDay, PlanRef, capacity_check};
pub use insights::map::{ConnectionMap, MapEntry, Quadrant, connection_map};
pub use insights::mood_links::{Factor, MoodLink, MoodLinks, mood_links};
pub use insights::one_a_day::{
    DayRate, OneADay, one_a_day, one_a_day_milestone, one_a_day_needs_a_longer_look,
};
pub use insights::reach_out::{Due, ReachOut, reach_out};
pub use insights::reciprocity::{Reciprocity, reciprocity};
pub use insights::report::{Balance, Change, Period, PeriodStats, Report, report};
pub use insights::score::{ConnectionScore, Trend, WeekScore, connection_score, interaction_points};
pub use insights::signals::{
    Detection, Evidence, Lapse, Signal, SignalKind, SignalReport, Window, detect_signals, signal_report,
};
pub use insights::suggestions::{
    NotNow, SuggestedPerson, Suggestion, SuggestionKind, instead_of_cancelling, not_now_until, suggestions,
};
pub use insights::support::{SupportCard, SupportContact, SupportReason, support_card};
pub use insights::today::{Today, TodayPlan, today_summary};
pub use insights::{Earlier, History};
pub use interaction::{Felt, Initiator, Interaction, InteractionChanges, Minutes, Mode, Source, Tag};
pub use invalid::Invalid;
pub use person::{Alias, Birthdate, Cadence, Circle, Person, PersonName};
pub use plan::{Outcome, Plan};
pub use settings::Settings;
pub use text::Note;
pub use when::{Lean, Moment, parse_when, parse_when_leaning, parse_when_past};

//! A social plan and what became of it. How much notice a cancellation gave is derived
//! from when the outcome happened, never stored twice.

use crate::person::one_of;
use crate::{InteractionId, Invalid, Mode, Moment, Note, PersonId, PlanId, Source};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What became of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pending,
    Attended,
    CancelledByMe,
    CancelledByThem,
    Rescheduled,
    NoShow,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 6] = [
        Outcome::Pending,
        Outcome::Attended,
        Outcome::CancelledByMe,
        Outcome::CancelledByThem,
        Outcome::Rescheduled,
        Outcome::NoShow,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Attended => "attended",
            Outcome::CancelledByMe => "cancelled_by_me",
            Outcome::CancelledByThem => "cancelled_by_them",
            Outcome::Rescheduled => "rescheduled",
            Outcome::NoShow => "no_show",
        }
    }

    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pending => "planned",
            Outcome::Attended => "done",
            Outcome::CancelledByMe => "cancelled by me",
            Outcome::CancelledByThem => "cancelled by them",
            Outcome::Rescheduled => "moved",
            Outcome::NoShow => "missed",
        }
    }

    /// Parses a stable name.
    ///
    /// # Errors
    /// When `raw` names no outcome.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == raw.trim())
            .ok_or_else(|| Invalid::new("outcome", raw, one_of(Self::ALL.iter().map(|o| o.as_str()))))
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A plan to see or talk to people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: PlanId,
    /// At least one person.
    pub people: Vec<PersonId>,
    pub start: Moment,
    pub mode: Mode,
    pub note: Option<Note>,
    pub created_at: Timestamp,
    pub outcome: Outcome,
    /// When the outcome happened: the moment of cancelling, or the start for a kept plan.
    pub outcome_at: Option<Timestamp>,
    /// The interaction an attended plan became.
    pub interaction: Option<InteractionId>,
    /// The plan this one replaced, when it was moved.
    pub moved_from: Option<PlanId>,
    pub source: Source,
}

impl Plan {
    /// How long before the start the outcome happened; negative when it came after the start.
    /// `None` while pending.
    pub fn notice(&self) -> Option<SignedDuration> {
        self.outcome_at.map(|at| self.start.timestamp().duration_since(at))
    }

    /// A cancellation by me with less notice than `threshold`, or not turning up at all:
    /// the "flaking" that DESIGN.md idea 3 watches.
    pub fn is_last_minute_by_me(&self, threshold: SignedDuration) -> bool {
        match self.outcome {
            Outcome::NoShow => true,
            Outcome::CancelledByMe => self.notice().is_some_and(|n| n < threshold),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(outcome: Outcome, start: &str, outcome_at: Option<&str>) -> Plan {
        Plan {
            id: PlanId::from_random_bytes([1; 16]),
            people: vec![PersonId::from_random_bytes([2; 16])],
            start: Moment::parse_rfc3339("start", start).expect("valid"),
            mode: Mode::InPerson,
            note: None,
            created_at: "2026-11-01T10:00:00Z".parse().expect("valid"),
            outcome,
            outcome_at: outcome_at.map(|t| t.parse().expect("valid")),
            interaction: None,
            moved_from: None,
            source: Source::manual(),
        }
    }

    #[test]
    fn cancelling_two_hours_before_counts_as_last_minute() {
        let p = plan(Outcome::CancelledByMe, "2026-11-20T19:00:00+00:00", Some("2026-11-20T17:00:00Z"));
        assert_eq!(p.notice(), Some(SignedDuration::from_hours(2)));
        assert!(p.is_last_minute_by_me(SignedDuration::from_hours(24)));
    }

    #[test]
    fn cancelling_three_days_ahead_is_saying_no_in_good_time() {
        let p = plan(Outcome::CancelledByMe, "2026-11-20T19:00:00+00:00", Some("2026-11-17T19:00:00Z"));
        assert!(!p.is_last_minute_by_me(SignedDuration::from_hours(24)));
    }

    #[test]
    fn their_cancellation_is_never_my_flaking() {
        let p = plan(Outcome::CancelledByThem, "2026-11-20T19:00:00+00:00", Some("2026-11-20T18:00:00Z"));
        assert!(!p.is_last_minute_by_me(SignedDuration::from_hours(24)));
    }
}

//! A social plan and what became of it. How much notice a cancellation gave is derived
//! from when the outcome happened, never stored twice.

use crate::person::one_of;
use crate::{
    Felt, Initiator, Interaction, InteractionId, Invalid, Minutes, Mode, Moment, Note, PersonId, PlanId,
    Source,
};
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
    /// A new plan the user made at `now`, still to come.
    pub fn planned(
        id: PlanId,
        people: Vec<PersonId>,
        start: Moment,
        mode: Mode,
        note: Option<Note>,
        now: Timestamp,
    ) -> Plan {
        Plan {
            id,
            people,
            start,
            mode,
            note,
            created_at: now,
            outcome: Outcome::Pending,
            outcome_at: None,
            interaction: None,
            moved_from: None,
            source: Source::manual(),
        }
    }

    /// How long before the start the outcome happened; negative when it came after the start.
    /// `None` while pending.
    pub fn notice(&self) -> Option<SignedDuration> {
        self.outcome_at.map(|at| self.start.timestamp().duration_since(at))
    }

    /// It happened: returns the interaction it became, at its start (or at `now`, when marked
    /// done before the start), and records it and the outcome on the plan.
    pub fn attend(
        &mut self,
        id: InteractionId,
        minutes: Option<Minutes>,
        felt: Option<Felt>,
        now: Timestamp,
    ) -> Interaction {
        let at = if self.start.timestamp() > now {
            Moment::in_zone(now, &jiff::tz::TimeZone::fixed(self.start.offset()))
        } else {
            self.start
        };
        self.outcome = Outcome::Attended;
        self.outcome_at = Some(at.timestamp());
        self.interaction = Some(id);
        Interaction {
            id,
            at,
            minutes,
            mode: self.mode,
            initiator: Some(Initiator::Me),
            people: self.people.clone(),
            felt,
            meaningful: true,
            tags: Vec::new(),
            note: self.note.clone(),
            unanswered: 0,
            source: Source::manual(),
            plan: Some(self.id),
        }
    }

    /// It was called off, by me or them, at `at`.
    pub fn cancel(&mut self, by: Initiator, at: Timestamp) {
        self.outcome = match by {
            Initiator::Me => Outcome::CancelledByMe,
            Initiator::Them => Outcome::CancelledByThem,
        };
        self.outcome_at = Some(at);
    }

    /// I did not turn up; the outcome happened at the start.
    pub fn miss(&mut self) {
        self.outcome = Outcome::NoShow;
        self.outcome_at = Some(self.start.timestamp());
    }

    /// It moved to `to`: this plan is kept as rescheduled at `now`, and the new, pending plan
    /// (with id `new_id`) is returned.
    pub fn reschedule(&mut self, new_id: PlanId, to: Moment, now: Timestamp) -> Plan {
        self.outcome = Outcome::Rescheduled;
        self.outcome_at = Some(now);
        Plan {
            id: new_id,
            start: to,
            created_at: now,
            outcome: Outcome::Pending,
            outcome_at: None,
            interaction: None,
            moved_from: Some(self.id),
            source: Source::manual(),
            ..self.clone()
        }
    }

    /// A cancellation by me with less notice than `threshold`, or not turning up at all:
    /// the "flaking" the late-cancellation signal watches.
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
    fn a_plan_kept_becomes_its_interaction_at_the_start() {
        let mut p = plan(Outcome::Pending, "2026-11-20T19:00:00+01:00", None);
        let after: Timestamp = "2026-11-21T08:00:00Z".parse().expect("valid");
        let i = p.attend(InteractionId::from_random_bytes([3; 16]), None, None, after);
        assert_eq!(i.at, p.start);
        assert_eq!((p.outcome, p.interaction, i.plan), (Outcome::Attended, Some(i.id), Some(p.id)));
        assert_eq!(i.people, p.people);
    }

    #[test]
    fn a_plan_marked_done_early_is_logged_at_that_moment() {
        let mut p = plan(Outcome::Pending, "2026-11-20T19:00:00+01:00", None);
        let early: Timestamp = "2026-11-20T16:00:00Z".parse().expect("valid");
        let i = p.attend(InteractionId::from_random_bytes([3; 16]), None, None, early);
        assert_eq!(i.at.timestamp(), early);
        assert_eq!(i.at.offset(), p.start.offset());
    }

    #[test]
    fn a_moved_plan_points_back_to_the_one_it_replaced() {
        let mut p = plan(Outcome::Pending, "2026-11-20T19:00:00+01:00", None);
        let now: Timestamp = "2026-11-19T10:00:00Z".parse().expect("valid");
        let to = Moment::parse_rfc3339("to", "2026-11-27T19:00:00+01:00").expect("valid");
        let new = p.reschedule(PlanId::from_random_bytes([9; 16]), to, now);
        assert_eq!((p.outcome, p.outcome_at), (Outcome::Rescheduled, Some(now)));
        assert_eq!((new.outcome, new.moved_from, new.start), (Outcome::Pending, Some(p.id), to));
    }

    #[test]
    fn their_cancellation_is_never_my_flaking() {
        let p = plan(Outcome::CancelledByThem, "2026-11-20T19:00:00+00:00", Some("2026-11-20T18:00:00Z"));
        assert!(!p.is_last_minute_by_me(SignedDuration::from_hours(24)));
    }
}

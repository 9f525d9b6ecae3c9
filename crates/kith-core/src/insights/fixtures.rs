//! Small builders for the insight tests: a fixed "now", people, interactions, plans and
//! check-ins on given local days.

use crate::insights::days::shift;
use crate::{
    Affected, AloneTime, Capacity, CheckIn, CheckInId, Felt, Interaction, InteractionId, Minutes, Mode,
    Moment, Outcome, Person, PersonId, PersonName, Plan, PlanId, Scale, Source, Tag,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Zoned};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

fn bytes() -> [u8; 16] {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&n.to_be_bytes());
    b
}

/// Friday 20 November 2026, 18:00 in Berlin.
pub fn now() -> Zoned {
    "2026-11-20T18:00:00+01:00[Europe/Berlin]".parse().expect("valid zoned")
}

pub fn today() -> Date {
    now().date()
}

/// The local day `n` days before today.
pub fn ago(n: i64) -> Date {
    shift(today(), -n)
}

/// A moment on `day` at `hour`:00 in Berlin.
pub fn at(day: Date, hour: i8) -> Moment {
    let z = day.at(hour, 0, 0, 0).to_zoned(TimeZone::get("Europe/Berlin").expect("tz")).expect("valid");
    Moment::from_zoned(&z)
}

pub fn person(name: &str) -> Person {
    Person {
        id: PersonId::from_random_bytes(bytes()),
        name: PersonName::parse(name).expect("valid name"),
        circle: crate::Circle::Friend,
        cadence: None,
        aliases: vec![],
        note: None,
        archived: false,
        snoozed_until: None,
        created_at: "2025-01-01T00:00:00Z".parse().expect("valid"),
    }
}

/// A meaningful, unrated 30-minute in-person interaction with `who` on `day` at noon.
pub fn met(who: &Person, day: Date) -> Interaction {
    Interaction {
        id: InteractionId::from_random_bytes(bytes()),
        at: at(day, 12),
        minutes: Some(Minutes::new("minutes", 30).expect("valid")),
        mode: Mode::InPerson,
        initiator: None,
        people: vec![who.id],
        felt: None,
        meaningful: true,
        tags: vec![],
        note: None,
        unanswered: 0,
        source: Source::manual(),
        plan: None,
    }
}

/// Chainable tweaks for an interaction.
pub trait InteractionExt {
    fn felt(self, f: i64) -> Self;
    fn by(self, mode: Mode) -> Self;
    fn minutes(self, m: i64) -> Self;
    fn trivial(self) -> Self;
    fn tag(self, t: &str) -> Self;
    fn unanswered(self, n: u32) -> Self;
}

impl InteractionExt for Interaction {
    fn felt(mut self, f: i64) -> Self {
        self.felt = Some(Felt::new(f).expect("valid felt"));
        self
    }
    fn by(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }
    fn minutes(mut self, m: i64) -> Self {
        self.minutes = Some(Minutes::new("minutes", m).expect("valid"));
        self
    }
    fn trivial(mut self) -> Self {
        self.meaningful = false;
        self
    }
    fn tag(mut self, t: &str) -> Self {
        self.tags.push(Tag::parse(t).expect("valid tag"));
        self
    }
    fn unanswered(mut self, n: u32) -> Self {
        self.unanswered = n;
        self
    }
}

/// A plan with `who` on `day` at 19:00, created two weeks before.
pub fn plan(who: &Person, day: Date, outcome: Outcome) -> Plan {
    let start = at(day, 19);
    let outcome_at = match outcome {
        Outcome::Pending => None,
        Outcome::CancelledByMe | Outcome::CancelledByThem | Outcome::Rescheduled => {
            Some(start.timestamp() - SignedDuration::from_hours(72))
        }
        Outcome::Attended | Outcome::NoShow => Some(start.timestamp()),
    };
    Plan {
        id: PlanId::from_random_bytes(bytes()),
        people: vec![who.id],
        start,
        mode: Mode::InPerson,
        note: None,
        created_at: start.timestamp() - SignedDuration::from_hours(24 * 14),
        outcome,
        outcome_at,
        interaction: None,
        moved_from: None,
        source: Source::manual(),
    }
}

/// A plan I cancelled `hours` before it started.
pub fn cancelled(who: &Person, day: Date, hours: i64) -> Plan {
    let mut p = plan(who, day, Outcome::CancelledByMe);
    p.outcome_at = Some(p.start.timestamp() - SignedDuration::from_hours(hours));
    p
}

/// A check-in on `day` with the given mood and social capacity, nothing affected.
pub fn checkin(day: Date, mood: i64, capacity: i64) -> CheckIn {
    CheckIn {
        id: CheckInId::from_random_bytes(bytes()),
        date: day,
        at: at(day, 21),
        energy: Some(Scale::new("energy", 3).expect("valid")),
        mood: Scale::new("mood", mood).expect("valid"),
        stress: Some(Scale::new("stress", 3).expect("valid")),
        capacity: Capacity::new(capacity).expect("valid"),
        alone: AloneTime { minutes: None, restored: None },
        affected: Some(Affected::NONE),
        note: None,
    }
}

/// Chainable tweaks for a check-in.
pub trait CheckInExt {
    fn restored(self, yes: bool) -> Self;
    fn affected(self, words: &str) -> Self;
}

impl CheckInExt for CheckIn {
    fn restored(mut self, yes: bool) -> Self {
        self.alone =
            AloneTime { minutes: Some(Minutes::new("alone", 120).expect("valid")), restored: Some(yes) };
        self
    }
    fn affected(mut self, words: &str) -> Self {
        self.affected = Some(Affected::parse(words).expect("valid words"));
        self
    }
}

//! The rules that turn a person's history into insight: the connection map, the weekly
//! score, one a day, capacity, withdrawal signals, the support card, who to reach out to,
//! and the report. Each is a pure function of (history, settings, now), explained in
//! `docs/insights.md`.
//!
//! Days are the user's local days: stored records carry their own UTC offset
//! ([`crate::Moment::local_date`]), and "today" is `now.date()` in the user's zone. No rule
//! divides seconds by 86,400.

pub mod capacity;
pub mod days;
pub mod map;
pub mod mood_links;
pub mod one_a_day;
pub mod reach_out;
pub mod reciprocity;
pub mod report;
pub mod score;
pub mod signals;
pub mod suggestions;
pub mod support;
pub mod today;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod personas;

use crate::insights::days::{DayRange, day_number, first_local_day};
use crate::insights::suggestions::NotNow;
use crate::ladder::{Attempt, Step};
use crate::{Away, CheckIn, Interaction, Moment, Person, PersonId, Plan};
use jiff::civil::Date;
use std::collections::HashMap;

/// Everything the rules read, borrowed from wherever the caller keeps it. No order is
/// assumed: the rules sort or group what they need.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    /// Everyone, archived people included (the rules skip them where they should).
    pub people: &'a [Person],
    /// Every interaction, in any order.
    pub interactions: &'a [Interaction],
    /// Every plan, whatever became of it.
    pub plans: &'a [Plan],
    /// Every daily check-in.
    pub checkins: &'a [CheckIn],
    /// Steps on the re-engagement ladder (empty unless given with [`History::with_ladder`]).
    pub steps: &'a [Step],
    /// Every try of a step.
    pub attempts: &'a [Attempt],
    /// Spans of days the person marked as away (empty unless given with
    /// [`History::with_away`]). The rules leave these days out.
    pub away: &'a [Away],
    /// Kinds of suggestion the person said "not now" to (empty unless given with
    /// [`History::with_not_now`]).
    pub not_now: &'a [NotNow],
    /// What the rules need from before the records above, when the caller read only a
    /// recent window of them (see [`Settings::lookback_days`](crate::Settings::lookback_days)).
    pub earlier: Earlier<'a>,
}

/// The few facts from before a recent window that a rule reads: when the history began,
/// each person's last contact, and the days with meaningful contact (for a long streak).
/// Empty when the caller passes the whole history.
#[derive(Debug, Clone, Copy, Default)]
pub struct Earlier<'a> {
    /// The local day of the very first interaction.
    pub first_interaction: Option<Date>,
    /// The local day of the very first record of any kind (interaction, plan, check-in).
    pub first_record: Option<Date>,
    /// Each person's latest interaction before the window.
    pub last_contact: &'a [(PersonId, Moment)],
    /// Days before the window with at least one meaningful interaction, in any order.
    pub meaningful_days: &'a [Date],
}

impl<'a> History<'a> {
    /// Bundles the four kinds of record.
    pub fn new(
        people: &'a [Person],
        interactions: &'a [Interaction],
        plans: &'a [Plan],
        checkins: &'a [CheckIn],
    ) -> Self {
        Self {
            people,
            interactions,
            plans,
            checkins,
            steps: &[],
            attempts: &[],
            away: &[],
            not_now: &[],
            earlier: Earlier::default(),
        }
    }

    /// Adds the ladder's steps and tries, which the withdrawal signals also read.
    pub fn with_ladder(self, steps: &'a [Step], attempts: &'a [Attempt]) -> Self {
        Self { steps, attempts, ..self }
    }

    /// Adds the spans of days the person was away.
    pub fn with_away(self, away: &'a [Away]) -> Self {
        Self { away, ..self }
    }

    /// Adds the kinds of suggestion hidden for now.
    pub fn with_not_now(self, not_now: &'a [NotNow]) -> Self {
        Self { not_now, ..self }
    }

    /// The same records, with facts from before them.
    pub fn with_earlier(self, earlier: Earlier<'a>) -> Self {
        Self { earlier, ..self }
    }

    /// The day number of the first interaction known, loaded or earlier.
    pub(crate) fn first_interaction_day(&self) -> Option<i64> {
        let loaded = first_local_day(self.interactions, |i| i.at);
        let earlier = self.earlier.first_interaction.map(day_number);
        match (loaded, earlier) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The first local day with a record of any kind (interaction, plan, check-in, or one
    /// from before the loaded records), up to `today`: where what kith has observed begins.
    pub(crate) fn first_record_day(&self, today: i64) -> Option<i64> {
        let past = DayRange { first: i64::from(i32::MIN), last: today };
        let interactions = self.first_interaction_day().filter(|d| *d <= today);
        let earlier = self.earlier.first_record.map(day_number).filter(|d| *d <= today);
        let plans = self.plans.iter().filter_map(|p| past.day_of(p.start)).min();
        let checkins = self.checkins.iter().map(|c| day_number(c.date)).filter(|d| *d <= today).min();
        [interactions, plans, checkins, earlier].into_iter().flatten().min()
    }

    /// People by id, for turning ids into names.
    pub(crate) fn people_by_id(&self) -> HashMap<PersonId, &'a Person> {
        self.people.iter().map(|p| (p.id, p)).collect()
    }

    /// The names of `ids`, skipping any that are unknown.
    pub(crate) fn names(by_id: &HashMap<PersonId, &Person>, ids: &[PersonId]) -> Vec<String> {
        ids.iter().filter_map(|id| by_id.get(id)).map(|p| p.name.as_str().to_owned()).collect()
    }
}

/// Rounds to two decimals for output, so JSON stays readable and stable (and never
/// shows `-0.0`, which an empty float sum gives).
pub(crate) fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

/// "once", "twice", "3 times".
pub fn times(n: u32) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// Joins names as people write them: "Sam", "Sam and Ana", "Sam, Ana and Lee".
pub(crate) fn join_names(names: &[String]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "someone".to_owned(),
    }
}

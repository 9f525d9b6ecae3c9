//! Generated data for `kith demo` and for the benchmarks: a realistic year in one person's
//! social life ([`demo_year`]) and ten years of heavy use ([`heavy_use`]). Pure and
//! deterministic: the same seed and "now" give the same data, byte for byte, so a newcomer,
//! a test and a benchmark all see the same picture. Every value goes through the same
//! constructors as typed input, so the demo can never hold what a user could not.

mod cast;
mod checkins;
mod heavy;
pub(crate) mod rng;
mod year;

#[cfg(test)]
mod tests;

use crate::{CheckIn, Interaction, Moment, Person, Plan};
use jiff::Span;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

pub use heavy::heavy_use;
pub use year::{WITHDRAWAL_DAYS, demo_year};

/// Everything a demo fills a database with. Interactions are in time order, plans in order
/// of their start, check-ins in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoData {
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
}

impl DemoData {
    /// Puts each list in its documented order. Sorts are stable, so equal times keep the
    /// (deterministic) order they were made in.
    fn sorted(mut self) -> Self {
        self.interactions.sort_by_key(|i| i.at.timestamp());
        self.plans.sort_by_key(|p| p.start.timestamp());
        self.checkins.sort_by_key(|c| c.date);
        self
    }
}

/// The moment `hour:minute` on the local `date` in `tz`. Built from the civil date, never by
/// adding 86,400 seconds, so days stay right across clock changes; a time skipped by a
/// clock change moves forward past the gap. `None` only outside jiff's range of years.
fn local_moment(date: Date, hour: i64, minute: i64, tz: &TimeZone) -> Option<Moment> {
    let time = Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, 0, 0).ok()?;
    let at = tz.to_timestamp(date.to_datetime(time)).ok()?;
    Some(Moment::in_zone(at, tz))
}

/// The local day `days` after `date` (before it, when negative).
fn shift_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(Span::new().try_days(days).ok()?).ok()
}

/// `count` consecutive local days ending with `last`, oldest first.
fn days_ending(last: Date, count: usize) -> Vec<Date> {
    let back = i64::try_from(count).unwrap_or(i64::MAX).saturating_sub(1);
    let first = shift_days(last, -back).unwrap_or(last);
    first.series(Span::new().days(1)).take_while(|d| *d <= last).take(count).collect()
}

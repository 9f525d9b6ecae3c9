//! Time away: a span of local days the person marks as away (a holiday, an illness, a
//! stretch in hospital). The insight rules leave these days out, so coming back from three
//! weeks abroad is never read as three weeks of withdrawal.

use crate::insights::days::day_number;
use crate::{AwayId, Invalid, Note};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The longest span one entry may cover, in days: a long illness or a season abroad fits;
/// a typo in the year does not.
pub const AWAY_MAX_DAYS: i64 = 366;

/// Days away, from `from` to `to`, both included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Away {
    pub id: AwayId,
    pub from: Date,
    pub to: Date,
    pub note: Option<Note>,
}

impl Away {
    /// A span of days away.
    ///
    /// # Errors
    /// When `to` is before `from`, or the span is longer than [`AWAY_MAX_DAYS`].
    pub fn new(id: AwayId, from: Date, to: Date, note: Option<Note>) -> Result<Self, Invalid> {
        if to < from {
            return Err(Invalid::new("to", to, format!("a day on or after {from}")));
        }
        if day_number(to) - day_number(from) + 1 > AWAY_MAX_DAYS {
            return Err(Invalid::new("to", to, format!("at most {AWAY_MAX_DAYS} days after {from}")));
        }
        Ok(Self { id, from, to, note })
    }

    /// Whether `date` is one of the days away.
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// How many days it covers.
    pub fn days(&self) -> i64 {
        day_number(self.to) - day_number(self.from) + 1
    }
}

/// The days away among `spans`, as day numbers, for quick lookups by the rules.
#[derive(Debug, Clone, Default)]
pub struct AwayDays(std::collections::BTreeSet<i64>);

impl AwayDays {
    /// Every day covered by any of `spans`.
    pub fn of(spans: &[Away]) -> Self {
        Self(spans.iter().flat_map(|a| day_number(a.from)..=day_number(a.to)).collect())
    }

    /// Adds the days from `first` to `last` (day numbers, both included).
    pub fn add(&mut self, first: i64, last: i64) {
        self.0.extend(first..=last);
    }

    /// Whether day number `day` is a day away.
    pub fn contains(&self, day: i64) -> bool {
        self.0.contains(&day)
    }

    /// How many of the days from `first` to `last` (day numbers, both included) are away.
    pub fn count_in(&self, first: i64, last: i64) -> i64 {
        if first > last {
            return 0;
        }
        i64::try_from(self.0.range(first..=last).count()).unwrap_or(i64::MAX)
    }

    /// Whether no day is away.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn id() -> AwayId {
        AwayId::from_random_bytes([7; 16])
    }

    #[test]
    fn a_span_runs_forward_and_not_too_far() {
        assert!(Away::new(id(), date(2026, 8, 1), date(2026, 7, 31), None).is_err());
        assert!(Away::new(id(), date(2026, 1, 1), date(2027, 1, 2), None).is_err());
        let a = Away::new(id(), date(2026, 8, 1), date(2026, 8, 21), None).expect("valid");
        assert_eq!(a.days(), 21);
        assert!(a.contains(date(2026, 8, 21)) && !a.contains(date(2026, 8, 22)));
    }

    #[test]
    fn overlapping_spans_count_each_day_once() {
        let spans = [
            Away::new(id(), date(2026, 8, 1), date(2026, 8, 10), None).expect("valid"),
            Away::new(id(), date(2026, 8, 5), date(2026, 8, 14), None).expect("valid"),
        ];
        let days = AwayDays::of(&spans);
        let (first, last) = (day_number(date(2026, 7, 30)), day_number(date(2026, 8, 20)));
        assert_eq!(days.count_in(first, last), 14);
        assert!(days.contains(day_number(date(2026, 8, 14))));
        assert!(!days.contains(day_number(date(2026, 8, 15))));
    }
}

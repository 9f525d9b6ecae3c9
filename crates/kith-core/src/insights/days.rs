//! Local-day arithmetic. A day number counts civil days since 1970-01-01, computed from the
//! calendar date alone, so a day with a clock change is still one day (never seconds divided
//! by 86,400).

use crate::{DayStart, Moment};
use jiff::civil::Date;

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's `days_from_civil`).
pub fn day_number(date: Date) -> i64 {
    let (y, m, d) = (i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day number (Howard Hinnant's `civil_from_days`). Day numbers
/// outside jiff's range clamp to its first or last day.
pub fn date_of(day: i64) -> Date {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let clamp = if day < 0 { Date::MIN } else { Date::MAX };
    match (i16::try_from(y), i8::try_from(m), i8::try_from(d)) {
        (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).unwrap_or(clamp),
        _ => clamp,
    }
}

/// The date `days` after `date` (before it when negative).
pub fn shift(date: Date, days: i64) -> Date {
    date_of(day_number(date) + days)
}

/// The earliest local day among `items`, working out the calendar date only of those
/// within a day and a bit of the earliest instant.
pub fn first_local_day<T>(items: &[T], at: impl Fn(&T) -> Moment) -> Option<i64> {
    const MARGIN: i64 = 2 * 26 * 3600;
    let earliest = items.iter().map(|i| at(i).epoch_seconds()).min()?;
    items
        .iter()
        .map(&at)
        .filter(|m| m.epoch_seconds() <= earliest.saturating_add(MARGIN))
        .map(|m| day_number(m.local_date()))
        .min()
}

/// An inclusive range of local days, as day numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub first: i64,
    pub last: i64,
}

impl DayRange {
    /// The `len` days ending on (and including) `last`.
    pub fn ending(last: i64, len: i64) -> Self {
        Self { first: last - len.max(1) + 1, last }
    }

    /// Whether `day` falls inside.
    pub fn contains(self, day: i64) -> bool {
        (self.first..=self.last).contains(&day)
    }

    /// How many days it spans.
    pub fn len(self) -> i64 {
        (self.last - self.first + 1).max(0)
    }

    /// Whether it spans no day.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The local day `m` fell on, when it falls inside. A cheap comparison of instants
    /// rules out anything more than a day and a bit outside first, so a scan over ten
    /// years of records only works out the calendar date of the ones nearby; the answer
    /// itself always comes from [`Moment::local_date`].
    pub fn day_of(self, m: Moment) -> Option<i64> {
        // UTC offsets stay within ±26 hours, so a local day lies within these instants.
        const MARGIN: i64 = 26 * 3600;
        const DAY: i64 = 24 * 3600;
        let s = m.epoch_seconds();
        if s < self.first.saturating_mul(DAY) - MARGIN || s > (self.last + 1).saturating_mul(DAY) + MARGIN {
            return None;
        }
        let day = day_number(m.local_date());
        self.contains(day).then_some(day)
    }

    /// The day `m` belongs to when days begin at `start` (a call at 00:30 on the evening
    /// before), when that day falls inside. With [`DayStart::MIDNIGHT`] it is
    /// [`DayRange::day_of`].
    pub fn day_of_starting(self, m: Moment, start: DayStart) -> Option<i64> {
        self.day_of(start.shifted(m))
    }

    /// The first day as a date.
    pub fn from_date(self) -> Date {
        date_of(self.first)
    }

    /// The last day as a date.
    pub fn to_date(self) -> Date {
        date_of(self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn the_epoch_is_day_zero_and_leap_days_count() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2024, 3, 1)) - day_number(date(2024, 2, 28)), 2);
        assert_eq!(day_number(date(2023, 3, 1)) - day_number(date(2023, 2, 28)), 1);
        assert_eq!(date_of(day_number(date(2026, 3, 8))), date(2026, 3, 8));
    }

    #[test]
    fn a_day_with_a_clock_change_is_still_one_day() {
        assert_eq!(day_number(date(2026, 3, 9)) - day_number(date(2026, 3, 8)), 1);
        assert_eq!(shift(date(2026, 10, 25), 1), date(2026, 10, 26));
    }

    proptest! {
        #[test]
        fn the_quick_check_never_drops_a_moment_inside(secs in -4_000_000_000i64..4_000_000_000, off in -93_600i64..93_600, len in 1i64..40) {
            let m = Moment::from_parts(secs, off).expect("in range");
            let day = day_number(m.local_date());
            for first in [day - len + 1, day, day - len / 2] {
                prop_assert_eq!(DayRange { first, last: first + len - 1 }.day_of(m), Some(day));
            }
            prop_assert_eq!(DayRange { first: day + 1, last: day + len }.day_of(m), None);
            prop_assert_eq!(DayRange { first: day - len, last: day - 1 }.day_of(m), None);
        }

        #[test]
        fn day_numbers_agree_with_jiff(n in -200_000i64..200_000) {
            let d = date_of(n);
            prop_assert_eq!(day_number(d), n);
            let next = d.tomorrow().expect("in range");
            prop_assert_eq!(day_number(next), n + 1);
        }
    }
}

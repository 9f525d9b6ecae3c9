//! When a day begins. People do not end their day at midnight: a call at 00:30 belongs to
//! the evening before. [`DayStart`] is the local time of day from which a new day counts,
//! and the day a moment belongs to is the calendar date of its local time moved back by it.
//! One a day, check-ins and the report read days this way; the calendar date a record
//! carries ([`Moment::local_date`]) is left as it is.

use crate::{Invalid, Moment};
use jiff::civil::{Date, DateTime, Time};
use jiff::{SignedDuration, Zoned};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The local time of day a new day begins, from 00:00 to 12:00 (a start after noon would
/// put most of an afternoon on the day before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DayStart(Time);

impl DayStart {
    /// Midnight: days are calendar days.
    pub const MIDNIGHT: Self = Self(Time::midnight());

    /// A whole hour after midnight, for defaults written in code.
    pub(crate) const fn hour(h: i8) -> Self {
        Self(Time::constant(h, 0, 0, 0))
    }

    /// Parses "HH:MM", from 00:00 to 12:00.
    ///
    /// # Errors
    /// When the text is not a time of day in that range.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(field, raw, "a time of day from 00:00 to 12:00, such as 04:00");
        let (h, m) = raw.trim().split_once(':').ok_or_else(bad)?;
        let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || m.len() != 2 || !digits(m) {
            return Err(bad());
        }
        let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        let time = Time::new(h, m, 0, 0).map_err(|_| bad())?;
        (time <= Time::constant(12, 0, 0, 0)).then_some(Self(time)).ok_or_else(bad)
    }

    /// How far after midnight the day begins.
    pub fn after_midnight(self) -> SignedDuration {
        self.0.duration_since(Time::midnight())
    }

    /// Seconds after midnight the day begins.
    pub fn seconds(self) -> i64 {
        self.after_midnight().as_secs()
    }

    /// The day a local date and time belongs to.
    pub fn day_of_local(self, local: DateTime) -> Date {
        local.checked_sub(self.after_midnight()).map_or(local.date(), |d| d.date())
    }

    /// The day a moment belongs to, on the clock of the offset it was kept with.
    pub fn day_of(self, m: Moment) -> Date {
        self.day_of_local(m.local())
    }

    /// The day it is now: before the day start, still the day before.
    pub fn today(self, now: &Zoned) -> Date {
        self.day_of_local(now.datetime())
    }

    /// The day that `raw` names (any of the [`WHEN_FORMS`](crate::when::WHEN_FORMS)), counted
    /// from the day it is now: at 00:30, "today" is the evening before, "yesterday" the day
    /// before that, and "friday" the Friday that has most recently begun.
    ///
    /// # Errors
    /// When `raw` is none of the forms.
    pub fn parse_day(self, field: &'static str, raw: &str, now: &Zoned) -> Result<Date, Invalid> {
        let shifted = now.checked_sub(self.after_midnight()).unwrap_or_else(|_| now.clone());
        crate::parse_when(field, raw, &shifted).map(|z| z.date())
    }

    /// A moment moved back by the day start, so that its calendar date
    /// ([`Moment::local_date`]) is the day it belongs to. Lets day arithmetic written for
    /// calendar dates read days that start later.
    pub fn shifted(self, m: Moment) -> Moment {
        Moment::from_parts(m.epoch_seconds().saturating_sub(self.seconds()), i64::from(m.offset().seconds()))
            .unwrap_or(m)
    }
}

impl fmt::Display for DayStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

impl TryFrom<String> for DayStart {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse("starts_at", &s)
    }
}

impl From<DayStart> for String {
    fn from(d: DayStart) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn four() -> DayStart {
        DayStart::parse("starts_at", "04:00").expect("valid")
    }

    fn at(raw: &str) -> Moment {
        Moment::parse_rfc3339("at", raw).expect("valid")
    }

    #[test]
    fn a_call_at_half_past_midnight_belongs_to_the_evening_before() {
        assert_eq!(four().day_of(at("2026-11-21T00:30:00+01:00")), date(2026, 11, 20));
        assert_eq!(four().day_of(at("2026-11-21T03:59:00+01:00")), date(2026, 11, 20));
        assert_eq!(four().day_of(at("2026-11-21T04:00:00+01:00")), date(2026, 11, 21));
        assert_eq!(DayStart::MIDNIGHT.day_of(at("2026-11-21T00:30:00+01:00")), date(2026, 11, 21));
    }

    #[test]
    fn today_before_the_day_start_is_still_yesterday() {
        let now: Zoned = "2026-11-21T00:30:00+01:00[Europe/Berlin]".parse().expect("valid");
        assert_eq!(four().today(&now), date(2026, 11, 20));
        assert_eq!(DayStart::MIDNIGHT.today(&now), date(2026, 11, 21));
    }

    #[test]
    fn a_day_typed_at_half_past_midnight_counts_from_the_evening_before() {
        let now: Zoned = "2026-11-21T00:30:00+01:00[Europe/Berlin]".parse().expect("valid");
        let day = |raw: &str| four().parse_day("date", raw, &now).expect("valid");
        assert_eq!(day("today"), date(2026, 11, 20));
        assert_eq!(day("yesterday"), date(2026, 11, 19));
        assert_eq!(day("friday"), date(2026, 11, 20), "Friday is still under way");
        assert_eq!(day("2026-11-21"), date(2026, 11, 21), "a date typed out is that date");
        assert_eq!(DayStart::MIDNIGHT.parse_day("date", "today", &now).expect("valid"), date(2026, 11, 21));
        assert!(four().parse_day("date", "someday", &now).is_err());
    }

    #[test]
    fn a_shifted_moment_falls_on_its_day() {
        let m = at("2026-11-21T00:30:00+01:00");
        assert_eq!(four().shifted(m).local_date(), date(2026, 11, 20));
        assert_eq!(four().shifted(m).offset(), m.offset());
    }

    #[test]
    fn only_a_time_from_midnight_to_noon_is_a_day_start() {
        assert_eq!(four().to_string(), "04:00");
        assert_eq!(DayStart::parse("starts_at", "0:30").expect("valid").to_string(), "00:30");
        for bad in ["4", "04:0", "13:00", "12:01", "24:00", "-1:00", "04:00pm", ""] {
            let err = DayStart::parse("starts_at", bad).expect_err(bad);
            assert!(err.expected.contains("00:00 to 12:00"), "{bad}: {err}");
        }
    }
}

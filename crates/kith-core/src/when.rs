//! Moments in time as people type and read them. A [`Moment`] is an instant with the UTC
//! offset the user was at, so the local day it fell on stays right even after travel or a
//! change of clocks (ECOSYSTEM.md pitfall 17).

use crate::Invalid;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{Span, Timestamp, Zoned};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant, to the second, with the user's UTC offset at that instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Moment {
    at: Timestamp,
    offset: Offset,
}

impl Moment {
    /// The moment `at`, as seen in zone `tz`. Sub-second precision is dropped.
    pub fn in_zone(at: Timestamp, tz: &TimeZone) -> Self {
        let at = Timestamp::from_second(at.as_second()).unwrap_or(at);
        Self { at, offset: tz.to_offset(at) }
    }

    /// The moment of a zoned datetime, keeping its offset.
    pub fn from_zoned(z: &Zoned) -> Self {
        Self::in_zone(z.timestamp(), &TimeZone::fixed(z.offset()))
    }

    /// Rebuilds a moment from storage: seconds since the epoch and an offset in seconds.
    ///
    /// # Errors
    /// When either number is out of range.
    pub fn from_parts(epoch_seconds: i64, offset_seconds: i64) -> Result<Self, Invalid> {
        let at = Timestamp::from_second(epoch_seconds).map_err(|_| {
            Invalid::new("at", epoch_seconds, "seconds since 1970 within years -9999 to 9999")
        })?;
        let offset = i32::try_from(offset_seconds)
            .ok()
            .and_then(|s| Offset::from_seconds(s).ok())
            .ok_or_else(|| Invalid::new("offset", offset_seconds, "a UTC offset within ±25 hours"))?;
        Ok(Self { at, offset })
    }

    /// The instant.
    pub fn timestamp(self) -> Timestamp {
        self.at
    }

    /// The UTC offset the user was at.
    pub fn offset(self) -> Offset {
        self.offset
    }

    /// The local date and time on the user's clock.
    pub fn local(self) -> DateTime {
        self.offset.to_datetime(self.at)
    }

    /// The local day it fell on.
    pub fn local_date(self) -> Date {
        self.local().date()
    }

    /// Seconds since the epoch.
    pub fn epoch_seconds(self) -> i64 {
        self.at.as_second()
    }

    /// Parses RFC 3339 text with an offset, such as `2026-11-20T18:00:00+01:00`.
    ///
    /// # Errors
    /// When the text is not RFC 3339 with a numeric offset or `Z`.
    pub fn parse_rfc3339(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(field, raw, "an RFC 3339 time such as 2026-11-20T18:00:00+01:00");
        let at: Timestamp = raw.trim().parse().map_err(|_| bad())?;
        let pieces = jiff::fmt::temporal::Pieces::parse(raw.trim()).map_err(|_| bad())?;
        let offset = match pieces.offset() {
            Some(jiff::fmt::temporal::PiecesOffset::Numeric(n)) => n.offset(),
            Some(_) => Offset::UTC,
            None => return Err(bad()),
        };
        Ok(Self::in_zone(at, &TimeZone::fixed(offset)))
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.at.display_with_offset(self.offset))
    }
}

impl TryFrom<String> for Moment {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse_rfc3339("at", &s)
    }
}

impl From<Moment> for String {
    fn from(m: Moment) -> String {
        m.to_string()
    }
}

/// The forms `--at` and `--to` accept, for error messages.
pub const WHEN_FORMS: &str = "RFC 3339 (2026-11-20T18:00:00+01:00), YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", \
HH:MM, \"today 18:00\", \"yesterday 19:30\", \"tomorrow 12:00\", a weekday (\"friday 19:00\"), \
or a shift from now such as -2h, -30m, -3d or +1w";

/// Which way a bare weekday points: back for something that happened, ahead for a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// "friday" is the most recent Friday (today, if it is Friday).
    Past,
    /// "friday" is the coming Friday (today, if it is Friday).
    Future,
}

const WEEKDAYS: [(&str, jiff::civil::Weekday); 7] = [
    ("mon", jiff::civil::Weekday::Monday),
    ("tue", jiff::civil::Weekday::Tuesday),
    ("wed", jiff::civil::Weekday::Wednesday),
    ("thu", jiff::civil::Weekday::Thursday),
    ("fri", jiff::civil::Weekday::Friday),
    ("sat", jiff::civil::Weekday::Saturday),
    ("sun", jiff::civil::Weekday::Sunday),
];

/// `fri`, `friday`, `Friday` (at least three letters of the English name).
fn parse_weekday(word: &str) -> Option<jiff::civil::Weekday> {
    let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    (word.len() >= 3)
        .then(|| {
            WEEKDAYS
                .iter()
                .zip(full)
                .find(|((short, _), long)| word.starts_with(short) && long.starts_with(word))
        })
        .flatten()
        .map(|((_, day), _)| *day)
}

/// Parses when something happened or will happen, relative to `now` in the user's zone.
///
/// A date alone means noon that day; `today`, `yesterday` and `tomorrow` alone keep the
/// current time of day; a bare time later than now is the day just gone (at 00:30, `23:30`
/// was an hour ago), since what happened is in the past; local times that a clock change
/// skips move forward past the gap.
///
/// # Errors
/// When `raw` is none of the [`WHEN_FORMS`].
pub fn parse_when(field: &'static str, raw: &str, now: &Zoned) -> Result<Zoned, Invalid> {
    parse_when_leaning(field, raw, now, Lean::Past)
}

/// [`parse_when`] for something that has happened: a time later than `now` is refused, and
/// the error says where future times belong: `plans_at`, such as "kith plan add".
///
/// # Errors
/// When `raw` is none of the [`WHEN_FORMS`], or is later than `now`.
pub fn parse_when_past(
    field: &'static str,
    raw: &str,
    now: &Zoned,
    plans_at: &str,
) -> Result<Zoned, Invalid> {
    let at = parse_when(field, raw, now)?;
    if at.timestamp() > now.timestamp() {
        let expected = format!("a time that has already happened (plans hold the future: {plans_at})");
        return Err(Invalid::new(field, raw, expected));
    }
    Ok(at)
}

/// [`parse_when`], with bare weekdays pointing the given way (and, looking back, a bare
/// time later than now on the day before).
///
/// # Errors
/// When `raw` is none of the [`WHEN_FORMS`].
pub fn parse_when_leaning(field: &'static str, raw: &str, now: &Zoned, lean: Lean) -> Result<Zoned, Invalid> {
    let text = raw.trim().to_lowercase();
    let bad = || Invalid::new(field, raw, WHEN_FORMS);
    let tz = now.time_zone().clone();
    let at_local = |dt: DateTime| dt.to_zoned(tz.clone()).map_err(|_| bad());

    if let Some(shift) = parse_shift(&text) {
        return now.checked_add(shift).map_err(|_| bad());
    }
    if let Ok(moment) = Moment::parse_rfc3339(field, &text.to_uppercase()) {
        return Ok(moment.timestamp().to_zoned(tz));
    }
    let (day_word, time_part) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text.as_str(), None),
    };
    let relative_day = match day_word {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        word => parse_weekday(word).map(|day| {
            let ahead =
                i64::from(day.to_monday_zero_offset() - now.weekday().to_monday_zero_offset()).rem_euclid(7);
            match lean {
                Lean::Future => ahead,
                Lean::Past => (ahead - 7) % 7,
            }
        }),
    };
    let time = time_part.map(|t| parse_clock(t).ok_or_else(bad)).transpose()?;
    if let Some(days) = relative_day {
        let date = now.date().checked_add(Span::new().days(days)).map_err(|_| bad())?;
        return at_local(date.to_datetime(time.unwrap_or(now.time())));
    }
    if let Ok(date) = day_word.parse::<Date>() {
        return at_local(date.to_datetime(time.unwrap_or(Time::constant(12, 0, 0, 0))));
    }
    if time_part.is_none()
        && let Some(clock) = parse_clock(day_word)
    {
        let day = match lean {
            Lean::Past if clock > now.time() => now.date().yesterday().map_err(|_| bad())?,
            _ => now.date(),
        };
        return at_local(day.to_datetime(clock));
    }
    Err(bad())
}

/// `-2h`, `+30m`, `-3d`, `+1w`.
fn parse_shift(text: &str) -> Option<Span> {
    let sign = match text.chars().next()? {
        '-' => -1,
        '+' => 1,
        _ => return None,
    };
    let body = &text[1..];
    let unit = body.chars().last()?;
    let n: i64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
    let n = sign * n;
    match unit {
        'm' => Span::new().try_minutes(n).ok(),
        'h' => Span::new().try_hours(n).ok(),
        'd' => Span::new().try_days(n).ok(),
        'w' => Span::new().try_weeks(n).ok(),
        _ => None,
    }
}

/// `18:00`, `7:05`.
fn parse_clock(text: &str) -> Option<Time> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    if h.to_string().len() > 2 || m.to_string().len() > 2 {
        return None;
    }
    Time::new(h, m, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_text_makes_the_parser_panic(raw in "\\PC{0,30}") {
            let _ = parse_when("at", &raw, &now());
        }

        #[test]
        fn shifts_move_now_by_exactly_that_much(hours in -10_000i64..10_000) {
            let text = format!("{hours:+}h");
            let moved = parse_when("at", &text, &now()).expect("a shift parses");
            prop_assert_eq!(moved.timestamp().as_second() - now().timestamp().as_second(), hours * 3600);
        }
    }

    fn now() -> Zoned {
        "2026-03-08T10:15:00-04:00[America/New_York]".parse().expect("valid zoned")
    }

    fn when(raw: &str) -> String {
        parse_when("at", raw, &now())
            .map(|z| z.strftime("%Y-%m-%d %H:%M %:z").to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn every_documented_form_parses() {
        assert_eq!(when("2026-03-01T18:00:00+01:00"), "2026-03-01 12:00 -05:00");
        assert_eq!(when("2026-03-01"), "2026-03-01 12:00 -05:00");
        assert_eq!(when("2026-03-01 19:30"), "2026-03-01 19:30 -05:00");
        assert_eq!(when("today 18:00"), "2026-03-08 18:00 -04:00");
        assert_eq!(when("yesterday 19:30"), "2026-03-07 19:30 -05:00");
        assert_eq!(when("tomorrow 9:00"), "2026-03-09 09:00 -04:00");
        assert_eq!(when("-2h"), "2026-03-08 08:15 -04:00");
        assert_eq!(when("+1w"), "2026-03-15 10:15 -04:00");
        assert_eq!(when("9:00"), "2026-03-08 09:00 -04:00");
        assert_eq!(when("21:00"), "2026-03-07 21:00 -05:00", "later than now: last night");
        assert_eq!(when("friday 19:00"), "2026-03-06 19:00 -05:00");
        assert_eq!(when("sun 9:00"), "2026-03-08 09:00 -04:00");
    }

    #[test]
    fn a_bare_time_later_than_now_is_the_day_just_gone() {
        let half_past_midnight: Zoned = "2026-11-21T00:30:00+01:00[Europe/Berlin]".parse().expect("valid");
        let at = |raw: &str, lean| {
            parse_when_leaning("at", raw, &half_past_midnight, lean)
                .map(|z| z.strftime("%Y-%m-%d %H:%M").to_string())
                .expect("valid")
        };
        assert_eq!(at("23:30", Lean::Past), "2026-11-20 23:30", "an hour ago, yesterday");
        assert_eq!(at("00:10", Lean::Past), "2026-11-21 00:10", "earlier tonight");
        assert_eq!(at("23:30", Lean::Future), "2026-11-21 23:30", "a plan for tonight");
    }

    #[test]
    fn a_time_still_to_come_is_refused_for_what_happened() {
        let past = |raw: &str| parse_when_past("at", raw, &now(), "kith plan add");
        let err = past("tomorrow 18:00").expect_err("future");
        assert_eq!(err.value, "tomorrow 18:00");
        assert!(err.expected.contains("plans hold the future: kith plan add"), "{err}");
        assert!(past("+1m").is_err());
        assert!(past("yesterday 19:30").is_ok());
        assert!(past("-0m").is_ok(), "now itself has happened");
        assert!(past("next tuesday-ish").expect_err("nonsense").expected.contains("yesterday 19:30"));
    }

    #[test]
    fn a_weekday_for_a_plan_is_the_coming_one() {
        let ahead = |raw: &str| {
            parse_when_leaning("at", raw, &now(), Lean::Future)
                .map(|z| z.strftime("%a %Y-%m-%d %H:%M").to_string())
        };
        assert_eq!(ahead("friday 19:00").expect("valid"), "Fri 2026-03-13 19:00");
        assert_eq!(ahead("Mon 8:00").expect("valid"), "Mon 2026-03-09 08:00");
        assert!(ahead("fr 19:00").is_err(), "two letters are too few to be sure");
    }

    #[test]
    fn a_time_skipped_by_the_clock_change_moves_past_the_gap() {
        assert_eq!(when("2026-03-08 02:30"), "2026-03-08 03:30 -04:00");
    }

    #[test]
    fn nonsense_names_the_accepted_forms() {
        let err = parse_when("at", "next tuesday-ish", &now()).expect_err("nonsense");
        assert!(err.expected.contains("yesterday 19:30"));
        assert!(parse_when("at", "25:00", &now()).is_err());
        assert!(parse_when("at", "-2y", &now()).is_err());
    }

    #[test]
    fn moments_keep_their_offset_and_local_day_through_text() {
        let m = Moment::parse_rfc3339("at", "2026-11-22T23:30:00-05:00").expect("valid");
        assert_eq!(m.local_date().to_string(), "2026-11-22");
        let back: Moment = m.to_string().try_into().expect("round trip");
        assert_eq!(back, m);
        assert_eq!(back.offset(), m.offset());
    }
}

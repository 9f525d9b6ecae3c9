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

/// What a refused time is answered with: three examples people can copy, not the grammar.
pub const WHEN_FORMS: &str = "a time such as \"7pm\", \"yesterday 19:30\" or \"2 hours ago\"";

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

/// The times of day a part of the day stands for: "this morning" is 09:00, "afternoon"
/// 15:00, "evening" 19:00, "night" (and "tonight", "last night") 21:00, "noon" 12:00 and
/// "midnight" 00:00.
const PARTS_OF_DAY: [(&str, i8); 7] = [
    ("morning", 9),
    ("afternoon", 15),
    ("evening", 19),
    ("night", 21),
    ("tonight", 21),
    ("noon", 12),
    ("midnight", 0),
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
/// When `raw` is none of the forms README.md lists (the error gives [`WHEN_FORMS`]).
pub fn parse_when(field: &'static str, raw: &str, now: &Zoned) -> Result<Zoned, Invalid> {
    parse_when_leaning(field, raw, now, Lean::Past)
}

/// [`parse_when`] for something that has happened: a time later than `now` is refused, and
/// the error says where future times belong: `plans_at`, such as "kith plan add".
///
/// # Errors
/// When `raw` is not a time kith reads, or is later than `now`.
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
/// Accepted, in any case and spacing: RFC 3339; `2026-11-20` (noon) and `2026-11-20 19:30`;
/// a clock (`19:30`, `7:05`, `7pm`, `7:30pm`, `7 pm`, `noon`, `midnight`); a day (`today`,
/// `yesterday`, `tomorrow`, a weekday, `next friday`, `last friday`, `this friday`)
/// optionally followed by a clock or a part of the day (`morning`, `afternoon`, `evening`,
/// `night`), with an optional `at` between; `this morning`, `this evening`, `tonight`,
/// `last night`; and shifts from now: `-2h`, `+1w`, `2 hours ago`, `30 min ago`, `in 3 days`.
///
/// # Errors
/// When `raw` is none of these.
pub fn parse_when_leaning(field: &'static str, raw: &str, now: &Zoned, lean: Lean) -> Result<Zoned, Invalid> {
    let text = words(raw);
    let bad = || Invalid::new(field, raw, WHEN_FORMS);
    let tz = now.time_zone().clone();
    let at_local = |dt: DateTime| dt.to_zoned(tz.clone()).map_err(|_| bad());

    if let Some(shift) = parse_shift(&text).or_else(|| parse_spoken_shift(&text)) {
        return now.checked_add(shift).map_err(|_| bad());
    }
    if let Ok(moment) = Moment::parse_rfc3339(field, &text.to_uppercase()) {
        return Ok(moment.timestamp().to_zoned(tz));
    }
    let on = |days: i64, time: Option<Time>| -> Result<Zoned, Invalid> {
        let date = now.date().checked_add(Span::new().days(days)).map_err(|_| bad())?;
        at_local(date.to_datetime(time.unwrap_or(now.time())))
    };
    // Phrases that carry their own day.
    match text.as_str() {
        "last night" => return on(-1, Some(Time::constant(21, 0, 0, 0))),
        "tonight" => return on(0, Some(Time::constant(21, 0, 0, 0))),
        _ => {}
    }
    if let Some(part) = text.strip_prefix("this ").and_then(part_of_day) {
        return on(0, Some(part));
    }
    let (day_words, time_part) = split_day_and_time(&text);
    let time = time_part.map(|t| parse_clock(t).or_else(|| part_of_day(t)).ok_or_else(bad)).transpose()?;
    let relative_day = match day_words {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        words => weekday_offset(words, now, lean),
    };
    if let Some(days) = relative_day {
        return on(days, time);
    }
    if let Ok(date) = day_words.parse::<Date>() {
        return at_local(date.to_datetime(time.unwrap_or(Time::constant(12, 0, 0, 0))));
    }
    if time_part.is_none()
        && let Some(clock) = parse_clock(day_words)
    {
        let day = match lean {
            Lean::Past if clock > now.time() => now.date().yesterday().map_err(|_| bad())?,
            _ => now.date(),
        };
        return at_local(day.to_datetime(clock));
    }
    Err(bad())
}

/// `raw` in lower case with single spaces, and "7 pm" written "7pm".
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace().map(str::to_lowercase) {
        let word = match word.strip_suffix("a.m.").or_else(|| word.strip_suffix("p.m.")) {
            Some(before) => format!("{before}{}m", &word[before.len()..before.len() + 1]),
            None => word,
        };
        let joins = matches!(word.as_str(), "am" | "pm") && out.ends_with(|c: char| c.is_ascii_digit());
        if !out.is_empty() && !joins {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Splits "next friday at 7pm" into the day ("next friday") and the time ("7pm"): the time
/// is the last word when it is a clock or a part of the day.
fn split_day_and_time(text: &str) -> (&str, Option<&str>) {
    let Some((day, last)) = text.rsplit_once(' ') else { return (text, None) };
    if parse_clock(last).is_none() && part_of_day(last).is_none() {
        return (text, None);
    }
    (day.strip_suffix(" at").unwrap_or(day), Some(last))
}

/// Days from today to the weekday `words` name: "friday" leans as `lean` says (today
/// included); "next friday" is the first one after today, "last friday" the last one before
/// it, "this friday" the one in the coming seven days (today included).
fn weekday_offset(words: &str, now: &Zoned, lean: Lean) -> Option<i64> {
    let (which, word) = match words.split_once(' ') {
        Some((w @ ("next" | "last" | "this"), day)) => (Some(w), day),
        Some(_) => return None,
        None => (None, words),
    };
    let day = parse_weekday(word)?;
    let ahead = i64::from(day.to_monday_zero_offset() - now.weekday().to_monday_zero_offset()).rem_euclid(7);
    Some(match (which, lean) {
        (Some("next"), _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (Some("last"), _) => {
            if ahead == 0 {
                -7
            } else {
                ahead - 7
            }
        }
        (Some(_), _) | (None, Lean::Future) => ahead,
        (None, Lean::Past) => (ahead - 7) % 7,
    })
}

/// `morning`, `afternoon`, `evening`, `night`, `noon`, `midnight`.
fn part_of_day(word: &str) -> Option<Time> {
    PARTS_OF_DAY.iter().find(|(name, _)| *name == word).and_then(|(_, hour)| Time::new(*hour, 0, 0, 0).ok())
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
    span(sign * n, &unit.to_string())
}

/// `2 hours ago`, `30 min ago`, `in 3 days`, `in 1 week`.
fn parse_spoken_shift(text: &str) -> Option<Span> {
    let (sign, rest) =
        if let Some(rest) = text.strip_suffix(" ago") { (-1, rest) } else { (1, text.strip_prefix("in ")?) };
    let (n, unit) = rest.split_once(' ')?;
    let n: i64 = match n {
        "a" | "an" | "one" => 1,
        n => n.parse().ok()?,
    };
    span(sign * n, unit)
}

/// A span of `n` of `unit`: m, min, mins, minute(s); h, hr(s), hour(s); d, day(s); w, week(s).
fn span(n: i64, unit: &str) -> Option<Span> {
    match unit {
        "m" | "min" | "mins" | "minute" | "minutes" => Span::new().try_minutes(n).ok(),
        "h" | "hr" | "hrs" | "hour" | "hours" => Span::new().try_hours(n).ok(),
        "d" | "day" | "days" => Span::new().try_days(n).ok(),
        "w" | "week" | "weeks" => Span::new().try_weeks(n).ok(),
        _ => None,
    }
}

/// `18:00`, `7:05`, `7pm`, `7:30pm`, `7 pm`, `12am` (midnight), `noon`, `midnight`.
fn parse_clock(text: &str) -> Option<Time> {
    if let Some(t) = part_of_day(text).filter(|_| matches!(text, "noon" | "midnight")) {
        return Some(t);
    }
    let (digits, pm) = match text.strip_suffix("pm").or_else(|| text.strip_suffix("am")) {
        Some(d) => (d.trim_end(), Some(text.ends_with("pm"))),
        None => (text, None),
    };
    let (h, m) = match (digits.split_once(':'), pm) {
        (Some((h, m)), _) => (h, m),
        (None, Some(_)) => (digits, "0"),
        (None, None) => return None,
    };
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    if h.to_string().len() > 2 || m.to_string().len() > 2 {
        return None;
    }
    let h = match pm {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
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
    fn the_words_people_use_for_times_parse() {
        // Now is Sunday 2026-03-08 10:15 in New York (the clocks went forward at 02:00).
        assert_eq!(when("7pm"), "2026-03-07 19:00 -05:00", "later than now: yesterday");
        assert_eq!(when("9am"), "2026-03-08 09:00 -04:00");
        assert_eq!(when("7:30pm"), "2026-03-07 19:30 -05:00");
        assert_eq!(when("7 PM"), "2026-03-07 19:00 -05:00");
        assert_eq!(when("7 p.m."), "2026-03-07 19:00 -05:00");
        assert_eq!(when("12am"), "2026-03-08 00:00 -05:00", "midnight");
        assert_eq!(when("yesterday 12pm"), "2026-03-07 12:00 -05:00", "noon");
        assert_eq!(when("19:30"), "2026-03-07 19:30 -05:00");
        assert_eq!(when("last night"), "2026-03-07 21:00 -05:00");
        assert_eq!(when("yesterday evening"), "2026-03-07 19:00 -05:00");
        assert_eq!(when("this morning"), "2026-03-08 09:00 -04:00");
        assert_eq!(when("2 hours ago"), "2026-03-08 08:15 -04:00");
        assert_eq!(when("30 min ago"), "2026-03-08 09:45 -04:00");
        assert_eq!(when("an hour ago"), "2026-03-08 09:15 -04:00");
        assert_eq!(when("in 3 days"), "2026-03-11 10:15 -04:00");
        assert_eq!(when("friday at 7pm"), "2026-03-06 19:00 -05:00");
        assert_eq!(when("  Yesterday   at 19:30 "), "2026-03-07 19:30 -05:00");
        assert_eq!(when("last friday"), "2026-03-06 10:15 -05:00");
        assert_eq!(when("last sunday evening"), "2026-03-01 19:00 -05:00", "not today: the one before");
        let ahead = |raw: &str| {
            parse_when_leaning("at", raw, &now(), Lean::Future)
                .map(|z| z.strftime("%a %Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|e| e.to_string())
        };
        assert_eq!(ahead("next friday 7pm"), "Fri 2026-03-13 19:00");
        assert_eq!(ahead("next sunday"), "Sun 2026-03-15 10:15", "next is never today");
        assert_eq!(ahead("this sunday 6pm"), "Sun 2026-03-08 18:00");
        assert_eq!(ahead("tonight"), "Sun 2026-03-08 21:00");
        assert_eq!(ahead("tomorrow morning"), "Mon 2026-03-09 09:00");
        for nonsense in ["13pm", "0am", "7:75pm", "in 3 fortnights", "next 7pm", "friday at", "this"] {
            assert!(parse_when("at", nonsense, &now()).is_err(), "{nonsense}");
        }
    }

    #[test]
    fn a_refused_time_shows_three_examples() {
        let err = parse_when("at", "whenever", &now()).expect_err("refused");
        assert_eq!(err.expected, WHEN_FORMS);
        assert_eq!(WHEN_FORMS.matches('"').count(), 6, "three quoted examples: {WHEN_FORMS}");
        for example in WHEN_FORMS.split('"').skip(1).step_by(2) {
            assert!(parse_when("at", example, &now()).is_ok(), "the example {example} parses");
        }
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

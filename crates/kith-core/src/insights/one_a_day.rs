//! One a day: at least one meaningful connection each day, of any mode
//! and length, where a day begins at `day.starts_at` (a call at 00:30 is the evening before). A forgiving streak (a few quiet days in a row do not break it) and the
//! share of the last 7 and 28 days that had one.

use crate::DayStart;
use crate::insights::days::{DayRange, day_number};
use crate::insights::{History, round2};
use crate::settings::OneADaySettings;
use jiff::Zoned;
use jiff::civil::Date;
use serde::Serialize;

/// How many of the last days had a meaningful connection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayRate {
    pub days: u32,
    pub out_of: u32,
    pub rate: f64,
}

/// One-a-day status as of today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneADay {
    pub date: Date,
    /// Whether today already holds a meaningful connection.
    pub today_done: bool,
    /// Days with a meaningful connection in the current run. Today, while still empty, does
    /// not end a run; up to `grace_days` quiet days in a row do not either (they are not
    /// counted, only forgiven).
    pub streak_days: u32,
    /// Quiet days inside the current run that grace forgave: not counted, not breaking it.
    pub forgiven_days: u32,
    pub grace_days: u32,
    /// The last 7 local days, today included.
    pub last_7: DayRate,
    /// The last 28 local days, today included.
    pub last_28: DayRate,
    pub text: String,
}

/// One-a-day status as of `now`, with days beginning at `start` (`day.starts_at`): a call
/// at 00:30 counts for the evening before.
pub fn one_a_day(history: &History<'_>, settings: &OneADaySettings, start: DayStart, now: &Zoned) -> OneADay {
    let date = start.today(now);
    let today = day_number(date);
    let grace = i64::from(settings.grace_days);
    // The first interaction's calendar day, less one: with a later day start it may belong
    // to the day before.
    let earliest = history.first_interaction_day().map_or(today, |d| d - 1);
    // Look back 64 days first and further only while the run reaches the edge, so a long
    // history costs a long look only for a long streak.
    let mut look_back = 64;
    let (days, streak_days, forgiven_days) = loop {
        let range = DayRange::ending(today, look_back);
        let earlier =
            history.earlier.meaningful_days.iter().map(|d| day_number(*d)).filter(|d| range.contains(*d));
        let mut days: Vec<i64> = history
            .interactions
            .iter()
            .filter(|i| i.meaningful)
            .filter_map(|i| range.day_of_starting(i.at, start))
            .chain(earlier)
            .collect();
        days.sort_unstable();
        days.dedup();
        let run = streak(&days, today, grace);
        if run.open_to.is_none_or(|cursor| cursor - grace > range.first) || range.first <= earliest {
            break (days, run.days, run.forgiven);
        }
        look_back *= 4;
    };
    let today_done = days.last() == Some(&today);
    let rate = |len: i64| {
        let n = days.iter().rev().take_while(|d| **d > today - len).count();
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        let out_of = u32::try_from(len).unwrap_or(1);
        DayRate { days: n, out_of, rate: round2(f64::from(n) / f64::from(out_of)) }
    };
    let (last_7, last_28) = (rate(7), rate(28));
    let text = describe(today_done, streak_days, forgiven_days, last_7);
    OneADay {
        date,
        today_done,
        streak_days,
        forgiven_days,
        grace_days: settings.grace_days,
        last_7,
        last_28,
        text,
    }
}

/// The current run, walking back from today.
struct Run {
    /// Days with a connection in it.
    days: u32,
    /// Quiet days inside it that grace forgave.
    forgiven: u32,
    /// When the run did not end among the days given, the day it would continue from.
    open_to: Option<i64>,
}

/// Walks back from today over sorted, distinct days with a connection.
fn streak(days: &[i64], today: i64, grace: i64) -> Run {
    // Today is still open: an empty today is not a gap.
    let mut cursor = if days.last() == Some(&today) { today } else { today - 1 };
    let (mut count, mut forgiven) = (0u32, 0i64);
    for &day in days.iter().rev() {
        let quiet = cursor - day;
        if quiet > grace.max(0) {
            return Run { days: count, forgiven: u32::try_from(forgiven).unwrap_or(u32::MAX), open_to: None };
        }
        count += 1;
        forgiven += quiet;
        cursor = day - 1;
    }
    Run { days: count, forgiven: u32::try_from(forgiven).unwrap_or(u32::MAX), open_to: Some(cursor) }
}

/// "5 days running with a meaningful connection", and the quiet days forgiven in the run
/// when there were any: ", one quiet day forgiven".
fn running(days: u32, forgiven: u32) -> String {
    let forgiven = match forgiven {
        0 => String::new(),
        1 => ", one quiet day forgiven".to_owned(),
        n => format!(", {n} quiet days forgiven"),
    };
    match days {
        1 => format!("1 day with a meaningful connection{forgiven}"),
        n => format!("{n} days running with a meaningful connection{forgiven}"),
    }
}

/// Words for a one-a-day milestone (`milestones_days`) reached by a meaningful connection
/// logged on the local day `logged`. `days` are the local days that already had one, at
/// least the last [`OneADaySettings::milestone_window_days`] before `today` (any order,
/// repeats allowed). `None` when no milestone was reached, including when `logged` already
/// had a connection. A run that ends is never mentioned.
pub fn one_a_day_milestone(
    days: &[Date],
    logged: Date,
    today: Date,
    settings: &OneADaySettings,
) -> Option<String> {
    let grace = i64::from(settings.grace_days);
    let today_n = day_number(today);
    let run = |extra: Option<Date>| {
        let mut d: Vec<i64> =
            days.iter().copied().chain(extra).map(day_number).filter(|d| *d <= today_n).collect();
        d.sort_unstable();
        d.dedup();
        streak(&d, today_n, grace)
    };
    let (before, after) = (run(None), run(Some(logged)));
    let reached =
        settings.milestones_days.iter().copied().filter(|m| before.days < *m && after.days >= *m).max()?;
    Some(format!("That makes {}. Every one counted, however small.", running(reached, after.forgiven)))
}

/// Whether days known only from `covered_from` on are too few to tell whether logging on
/// `logged` reaches a milestone: `logged` is not counted yet, and the run, with or without
/// it, reaches the edge of what is known, or `logged` is before it. (A day already counted
/// changes no run, so it reaches nothing, however long the run.) `kith log` reads a few weeks first and the whole
/// [`OneADaySettings::milestone_window_days`] only when this says so, which is rare.
pub fn one_a_day_needs_a_longer_look(
    days: &[Date],
    covered_from: Date,
    logged: Date,
    today: Date,
    settings: &OneADaySettings,
) -> bool {
    if days.contains(&logged) && logged >= covered_from {
        return false;
    }
    let grace = i64::from(settings.grace_days);
    let (today_n, from) = (day_number(today), day_number(covered_from));
    let reaches_the_edge = |extra: Option<Date>| {
        let mut d: Vec<i64> =
            days.iter().copied().chain(extra).map(day_number).filter(|d| *d <= today_n).collect();
        d.sort_unstable();
        d.dedup();
        streak(&d, today_n, grace).open_to.is_some_and(|cursor| cursor - grace <= from)
    };
    day_number(logged) < from || reaches_the_edge(None) || reaches_the_edge(Some(logged))
}

fn describe(today_done: bool, streak: u32, forgiven: u32, week: DayRate) -> String {
    let week = format!("Connected on {} of the last {} days.", week.days, week.out_of);
    match (today_done, streak) {
        (true, n) if n > 1 => {
            format!("You connected with someone today: {}. {week}", running(n, forgiven))
        }
        (true, _) => format!("You connected with someone today. {week}"),
        (false, n) if n > 0 => format!(
            "Nothing logged yet today, and your run is still open: {}. A five-minute call or a chat \
             with a neighbour counts. {week}",
            running(n, forgiven)
        ),
        (false, _) => {
            format!("Today is a fresh start: a five-minute call or a chat with a neighbour counts. {week}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::days::shift;
    use crate::insights::fixtures::*;
    use crate::{Interaction, Person};
    use proptest::prelude::*;

    fn status(log: &[Interaction], grace: u32) -> OneADay {
        let people: [Person; 0] = [];
        let settings = OneADaySettings { grace_days: grace, ..OneADaySettings::defaults() };
        one_a_day(&History::new(&people, log, &[], &[]), &settings, DayStart::hour(4), &now())
    }

    #[test]
    fn one_quiet_day_is_forgiven_but_two_end_the_run() {
        let sam = person("Sam");
        let log: Vec<_> = [0, 1, 3, 4, 7, 8].into_iter().map(|d| met(&sam, ago(d))).collect();
        let s = status(&log, 1);
        assert!(s.today_done);
        assert_eq!(s.streak_days, 4, "days 0, 1, 3, 4; days 5 and 6 are two quiet days");
        assert_eq!(s.forgiven_days, 1, "day 2");
        assert!(
            s.text.starts_with(
                "You connected with someone today: 4 days running with a meaningful connection, one quiet day forgiven."
            ),
            "{}",
            s.text
        );
        let two = status(&log, 2);
        assert_eq!((two.streak_days, two.forgiven_days), (6, 3));
        assert!(
            two.text.contains("6 days running with a meaningful connection, 3 quiet days forgiven."),
            "{}",
            two.text
        );
        assert_eq!(status(&log, 2).streak_days, 6);
        assert_eq!(status(&log, 0).streak_days, 2);
    }

    #[test]
    fn a_call_after_midnight_counts_for_the_evening_before() {
        let sam = person("Sam");
        let mut log: Vec<_> = [1, 2].into_iter().map(|d| met(&sam, ago(d))).collect();
        let mut call = met(&sam, today()).by(crate::Mode::Voice);
        call.at = at(shift(today(), 1), 0);
        log.push(call);
        let half_past_midnight: Zoned = "2026-11-21T00:30:00+01:00[Europe/Berlin]".parse().expect("valid");
        let settings = OneADaySettings { grace_days: 0, ..OneADaySettings::defaults() };
        let status =
            |start| one_a_day(&History::new(&[], &log, &[], &[]), &settings, start, &half_past_midnight);
        let s = status(DayStart::hour(4));
        assert_eq!(s.date, today(), "at 00:30 it is still Friday");
        assert!(s.today_done);
        assert_eq!(s.streak_days, 3, "Wednesday, Thursday and Friday's late call");
        let midnight = status(DayStart::MIDNIGHT);
        assert_eq!(midnight.date, shift(today(), 1));
        assert_eq!(midnight.streak_days, 1, "with days from midnight Friday was quiet");
    }

    #[test]
    fn an_empty_today_does_not_end_the_run() {
        let sam = person("Sam");
        let log: Vec<_> = [1, 2, 3].into_iter().map(|d| met(&sam, ago(d))).collect();
        let s = status(&log, 0);
        assert!(!s.today_done);
        assert_eq!(s.streak_days, 3);
        assert_eq!(s.forgiven_days, 0, "an empty today is not forgiven, only open");
        assert!(
            s.text.starts_with("Nothing logged yet today, and your run is still open: 3 days running with a meaningful connection."),
            "{}",
            s.text
        );
    }

    #[test]
    fn trivial_contact_does_not_count_and_rates_cover_7_and_28_days() {
        let sam = person("Sam");
        let mut log: Vec<_> = [0, 2, 4, 10, 27, 28].into_iter().map(|d| met(&sam, ago(d))).collect();
        log.push(met(&sam, ago(1)).trivial());
        let s = status(&log, 1);
        assert_eq!((s.last_7.days, s.last_7.out_of), (3, 7));
        assert_eq!((s.last_28.days, s.last_28.out_of), (5, 28));
        assert_eq!(s.streak_days, 3);
    }

    #[test]
    fn the_words_never_shame() {
        let s = status(&[], 1);
        assert_eq!(s.streak_days, 0);
        for word in ["fail", "broke", "lost", "should"] {
            assert!(!s.text.to_lowercase().contains(word), "{}", s.text);
        }
    }

    #[test]
    fn a_run_longer_than_the_first_look_back_is_counted_whole() {
        let sam = person("Sam");
        let log: Vec<_> = (0..300).filter(|d| d % 2 == 0).map(|d| met(&sam, ago(d))).collect();
        assert_eq!(status(&log, 1).streak_days, 150);
        let mut broken = log.clone();
        broken.retain(|i| i.at.local_date() != ago(100) && i.at.local_date() != ago(102));
        assert_eq!(status(&broken, 1).streak_days, 50);
    }

    #[test]
    fn reaching_a_week_running_is_acknowledged_once_and_quiet_days_are_forgiven() {
        let s = OneADaySettings::defaults();
        // Days 1 to 7 ago with day 4 quiet: six counted days, one forgiven.
        let days: Vec<Date> = [1, 2, 3, 5, 6, 7].into_iter().map(ago).collect();
        let words = one_a_day_milestone(&days, today(), today(), &s).expect("seven days");
        assert_eq!(
            words,
            "That makes 7 days running with a meaningful connection, one quiet day forgiven. Every one counted, however small."
        );
        for word in ["!", "points", "badge", "fail", "broke"] {
            assert!(!words.contains(word), "{word} in {words}");
        }
        let mut with_today = days.clone();
        with_today.push(today());
        assert_eq!(one_a_day_milestone(&with_today, today(), today(), &s), None, "already counted today");
        assert_eq!(one_a_day_milestone(&days[..5], today(), today(), &s), None, "six is no milestone");
        let strict = OneADaySettings { grace_days: 0, ..OneADaySettings::defaults() };
        assert_eq!(one_a_day_milestone(&days, today(), today(), &strict), None, "without grace, 3 days");
    }

    #[test]
    fn the_milestone_window_covers_the_largest_milestone_with_its_quiet_days() {
        let s = OneADaySettings::defaults();
        assert_eq!(s.milestone_window_days(), 365 * 2 + 1 + 2);
        // A run every other day, read only through the window: the same answer as from the
        // whole history, whether the run is just reaching the largest milestone or far past it.
        let window = i64::from(s.milestone_window_days());
        for last in [728, 1_000] {
            let days: Vec<Date> = (1..=last).filter(|d| d % 2 == 0).map(ago).collect();
            let seen: Vec<Date> = days.iter().copied().filter(|d| *d >= ago(window)).collect();
            assert!(seen.len() < days.len() || last == 728);
            assert_eq!(
                one_a_day_milestone(&seen, today(), today(), &s),
                one_a_day_milestone(&days, today(), today(), &s),
                "run back to {last} days ago"
            );
        }
        let days: Vec<Date> = (1..=728).filter(|d| d % 2 == 0).map(ago).collect();
        assert!(one_a_day_milestone(&days, today(), today(), &s).expect("365").contains("365 days"));
    }

    proptest! {
        /// A short look first, and the whole window only when the short look says so, gives
        /// the answer of the whole window.
        #[test]
        fn a_short_look_then_the_window_when_needed_answers_as_the_window(
            past in proptest::collection::vec(1i64..120, 0..110),
            logged_ago in 0i64..50,
            grace in 0u32..3,
            short in 7i64..40,
        ) {
            let s = OneADaySettings { grace_days: grace, milestones_days: vec![3, 7, 14, 30, 60] };
            let days: Vec<Date> = past.iter().map(|d| ago(*d)).collect();
            let from = ago(short);
            let seen: Vec<Date> = days.iter().copied().filter(|d| *d >= from).collect();
            let logged = ago(logged_ago);
            let answer = if one_a_day_needs_a_longer_look(&seen, from, logged, today(), &s) {
                one_a_day_milestone(&days, logged, today(), &s)
            } else {
                one_a_day_milestone(&seen, logged, today(), &s)
            };
            prop_assert_eq!(answer, one_a_day_milestone(&days, logged, today(), &s));
        }

        #[test]
        fn logging_a_meaningful_interaction_today_never_lowers_the_streak(
            past in proptest::collection::vec(0i64..60, 0..40),
            grace in 0u32..4,
        ) {
            let sam = person("Sam");
            let mut log: Vec<_> = past.iter().map(|d| met(&sam, ago(*d))).collect();
            let before = status(&log, grace);
            log.push(met(&sam, today()).minutes(5));
            let after = status(&log, grace);
            prop_assert!(after.streak_days >= before.streak_days);
            prop_assert!(after.today_done);
            prop_assert!(after.last_7.days >= before.last_7.days);
        }
    }
}

//! A forgiving streak on the ladder: weeks (Monday to Sunday, local days) with at least
//! one step done. A quiet week within `streak_grace_weeks` carries the streak over without
//! counting; the week in progress never ends it. A milestone reached is acknowledged in
//! plain words (no points, no confetti, no shame for gaps); a streak that ends is
//! simply not mentioned.

use super::Attempt;
use crate::settings::LadderSettings;
use jiff::civil::{Date, date};
use serde::Serialize;
use std::collections::BTreeSet;

/// The ladder streak as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LadderStreak {
    /// Weeks with a step done in the streak; quiet weeks carried over are not counted.
    pub weeks: u32,
    /// The Monday of the streak's first week, while there is a streak.
    pub since: Option<Date>,
    /// Quiet weeks carried over inside the streak.
    pub quiet_weeks: u32,
}

/// Weeks counted from Monday 5 January 1970, so a week always starts on a Monday.
fn week_of(day: Date) -> i64 {
    let days = day.since(date(1970, 1, 5)).map_or(0, |s| i64::from(s.get_days()));
    days.div_euclid(7)
}

fn monday_of(week: i64) -> Option<Date> {
    date(1970, 1, 5).checked_add(jiff::Span::new().days(week.saturating_mul(7))).ok()
}

/// The streak on `today`, from the tries done (at their outcome's local day) up to then.
pub fn ladder_streak(attempts: &[Attempt], today: Date, settings: &LadderSettings) -> LadderStreak {
    let now = week_of(today);
    let weeks: BTreeSet<i64> = attempts
        .iter()
        .filter(|a| a.done().is_some())
        .filter_map(|a| a.outcome_at.map(|m| m.local_date()))
        .filter(|d| *d <= today)
        .map(week_of)
        .collect();
    let grace = i64::from(settings.streak_grace_weeks);
    let none = LadderStreak { weeks: 0, since: None, quiet_weeks: 0 };
    let Some(&latest) = weeks.last() else { return none };
    // The week in progress is never a quiet week: it may still have a step in it.
    if now - latest - 1 > grace {
        return none;
    }
    let (mut count, mut quiet, mut first) = (1u32, 0u32, latest);
    for &w in weeks.iter().rev().skip(1) {
        let gap = first - w - 1;
        if gap > grace {
            break;
        }
        count += 1;
        quiet += u32::try_from(gap).unwrap_or(0);
        first = w;
    }
    LadderStreak { weeks: count, since: monday_of(first), quiet_weeks: quiet }
}

/// Words for a milestone reached between `before` and `after` (the streak without and
/// with the latest try), or `None` when no milestone in `streak_milestones_weeks` was
/// reached.
pub fn streak_words(
    before: &LadderStreak,
    after: &LadderStreak,
    settings: &LadderSettings,
) -> Option<String> {
    let reached = settings
        .streak_milestones_weeks
        .iter()
        .copied()
        .filter(|m| before.weeks < *m && after.weeks >= *m)
        .max()?;
    let mut text = format!(
        "That makes {reached} weeks in a row with a step taken. Small steps, kept up, are how this gets easier."
    );
    if after.quiet_weeks > 0 {
        text.push_str(" A quiet week along the way took nothing away from it.");
    }
    Some(text)
}

/// The streak as it stands, for the ladder page: "3 weeks in a row with a step done", or
/// `None` without a streak, which is said nothing about (no shame for gaps).
pub fn streak_line(streak: &LadderStreak) -> Option<String> {
    let mut text = match streak.weeks {
        0 => return None,
        1 => "A week with a step done.".to_owned(),
        n => format!("{n} weeks in a row with a step done."),
    };
    match streak.quiet_weeks {
        0 => {}
        1 => text.push_str(" A quiet week along the way took nothing away from it."),
        _ => text.push_str(" Quiet weeks along the way took nothing away from it."),
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{done, let_go, settings, step};
    use super::*;
    use crate::insights::fixtures::{ago, today};

    /// A step done on each of these days ago (today is Friday 20 November 2026).
    fn done_on(days: &[i64]) -> Vec<Attempt> {
        let s = step("Text Sam", 3);
        days.iter().map(|d| done(&s, *d, 5, 3)).collect()
    }

    #[test]
    fn weeks_with_a_step_done_make_a_streak_and_the_week_in_progress_never_ends_it() {
        // Fridays 3 and 2 weeks ago, and Tuesday last week; nothing yet this week.
        let tries = done_on(&[21, 14, 10]);
        let s = ladder_streak(&tries, today(), &settings());
        assert_eq!((s.weeks, s.quiet_weeks), (3, 0));
        assert_eq!(s.since, Some(date(2026, 10, 26)), "the Monday three weeks back");
    }

    #[test]
    fn one_quiet_week_is_carried_over_and_two_end_the_streak() {
        let carried = ladder_streak(&done_on(&[21, 14, 0]), today(), &settings());
        assert_eq!((carried.weeks, carried.quiet_weeks), (3, 1), "one quiet week, not counted");
        let ended = ladder_streak(&done_on(&[35, 14, 0]), today(), &settings());
        assert_eq!(ended.weeks, 2, "two quiet weeks in a row: a new streak began");
        let lapsed = ladder_streak(&done_on(&[21]), today(), &settings());
        assert_eq!(lapsed, LadderStreak { weeks: 0, since: None, quiet_weeks: 0 });
        let strict = LadderSettings { streak_grace_weeks: 0, ..settings() };
        assert_eq!(ladder_streak(&done_on(&[21, 14, 0]), today(), &strict).weeks, 1);
    }

    #[test]
    fn a_step_let_go_is_not_a_step_done_and_later_tries_do_not_count_yet() {
        let s = step("Group class", 8);
        let tries = vec![let_go(&s, 7, 8), done(&s, -7, 5, 3)];
        assert_eq!(ladder_streak(&tries, today(), &settings()).weeks, 0);
        assert_eq!(ladder_streak(&tries, ago(-7), &settings()).weeks, 1);
    }

    #[test]
    fn reaching_a_milestone_is_acknowledged_once_in_calm_words() {
        let before = ladder_streak(&done_on(&[28, 14, 7]), today(), &settings());
        let after = ladder_streak(&done_on(&[28, 14, 7, 0]), today(), &settings());
        assert_eq!((before.weeks, after.weeks), (3, 4));
        let t = streak_words(&before, &after, &settings()).expect("four weeks is a milestone");
        assert!(t.starts_with("That makes 4 weeks in a row with a step taken."), "{t}");
        assert!(t.contains("A quiet week along the way took nothing away from it."), "{t}");
        for word in ["!", "points", "badge", "broke", "missed", "fail"] {
            assert!(!t.contains(word), "{word} in {t}");
        }
        assert_eq!(streak_words(&after, &after, &settings()), None, "said once, when reached");
        let three = ladder_streak(&done_on(&[14, 7, 0]), today(), &settings());
        assert_eq!(streak_words(&before, &three, &settings()), None, "3 is no milestone");
    }

    #[test]
    fn the_streak_as_it_stands_is_said_plainly_and_no_streak_is_not_mentioned() {
        let three = ladder_streak(&done_on(&[14, 7, 0]), today(), &settings());
        assert_eq!(streak_line(&three).as_deref(), Some("3 weeks in a row with a step done."));
        let carried = ladder_streak(&done_on(&[21, 14, 0]), today(), &settings());
        let words = streak_line(&carried).expect("a streak");
        assert!(words.ends_with("A quiet week along the way took nothing away from it."), "{words}");
        let one = ladder_streak(&done_on(&[0]), today(), &settings());
        assert_eq!(streak_line(&one).as_deref(), Some("A week with a step done."));
        assert_eq!(streak_line(&ladder_streak(&done_on(&[35]), today(), &settings())), None);
    }
}

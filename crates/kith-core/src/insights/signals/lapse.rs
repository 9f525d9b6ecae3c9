//! Logging lapses: a run of days with nothing logged and no check-in, outside any days marked
//! away. kith cannot tell a quiet time from days that were simply not written down, so a lapse
//! is named kindly and left out of every comparison, never counted as zero contacts.

use crate::AwayDays;
use crate::insights::History;
use crate::insights::days::{DayRange, date_of, day_number};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeSet;

/// A run of days with nothing logged and no check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lapse {
    pub from: Date,
    pub to: Date,
    pub days: u32,
    /// One plain sentence, asking rather than assuming.
    pub text: String,
}

/// The days in `range` on which something was recorded: an interaction of any kind, a
/// check-in, or a plan that was settled (kept, cancelled, missed).
pub(crate) fn recorded_days(history: &History<'_>, range: DayRange) -> BTreeSet<i64> {
    let mut days: BTreeSet<i64> = history.interactions.iter().filter_map(|i| range.day_of(i.at)).collect();
    days.extend(history.checkins.iter().map(|c| day_number(c.date)).filter(|d| range.contains(*d)));
    for p in history.plans.iter().filter(|p| p.outcome != crate::Outcome::Pending) {
        if let Some(at) = p.outcome_at {
            let when = p.start.offset().to_datetime(at.min(p.start.timestamp())).date();
            let day = day_number(when);
            if range.contains(day) {
                days.insert(day);
            }
        }
    }
    days
}

/// Every run of unrecorded days inside `range` long enough to be a lapse, oldest first, as
/// day ranges: at least `min_days`, and so long that the person's usual pace of recording
/// (the share of days in `range` with a record) would leave such a silence with a chance
/// of at most `max_chance`. Away days neither break a run nor count toward it: they are
/// accounted for already. Days before `first_record` are not a lapse: there was nothing to
/// log yet.
pub(crate) fn lapses(
    history: &History<'_>,
    away: &AwayDays,
    range: DayRange,
    first_record: i64,
    min_days: u32,
    max_chance: f64,
) -> Vec<DayRange> {
    let recorded = recorded_days(history, range);
    let from = range.first.max(first_record);
    let days = (range.last - from + 1 - away.count_in(from, range.last)).max(1);
    let share = (recorded.len() as f64 / days as f64).clamp(0.0, 1.0);
    // The shortest silence rarer than `max_chance` when each day has a record with chance `share`.
    let rare = if share >= 1.0 {
        1
    } else if share <= 0.0 {
        i64::MAX
    } else {
        (max_chance.clamp(1e-12, 1.0).ln() / (1.0 - share).ln()).ceil() as i64
    };
    let min = i64::from(min_days.max(1)).max(rare);
    let mut runs = vec![];
    let mut start: Option<i64> = None;
    let mut quiet = 0i64;
    for day in from..=range.last {
        if away.contains(day) {
            continue;
        }
        if recorded.contains(&day) {
            if let Some(first) = start.take().filter(|_| quiet >= min) {
                runs.push(DayRange { first, last: day - 1 });
            }
            quiet = 0;
        } else {
            start.get_or_insert(day);
            quiet += 1;
        }
    }
    if let Some(first) = start.filter(|_| quiet >= min) {
        runs.push(DayRange { first, last: range.last });
    }
    runs
}

/// The latest lapse that reaches into the last `recent_days`, as it is shown.
pub(crate) fn latest_lapse(
    runs: &[DayRange],
    away: &AwayDays,
    today: i64,
    recent_days: u32,
) -> Option<Lapse> {
    let recent = DayRange::ending(today, i64::from(recent_days.max(1)));
    let run = runs.iter().rev().find(|r| r.last >= recent.first)?;
    let days = run.len() - away.count_in(run.first, run.last);
    let days = u32::try_from(days).unwrap_or(u32::MAX);
    let text = if run.last >= today {
        format!(
            "Nothing logged for {days} days: a quiet time, or just not written down? \
             If you were away, mark those days and kith will leave them out."
        )
    } else {
        format!(
            "Nothing was logged for {days} days, from {} to {}: a quiet time, or just not written down? \
             kith leaves those days out of its comparisons; if you were away, you can mark them.",
            date_of(run.first).strftime("%a %-d %b"),
            date_of(run.last).strftime("%a %-d %b"),
        )
    };
    Some(Lapse { from: date_of(run.first), to: date_of(run.last), days, text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;
    use crate::{Away, AwayId};

    fn range(from: i64, to: i64) -> DayRange {
        DayRange { first: day_number(ago(from)), last: day_number(ago(to)) }
    }

    #[test]
    fn twelve_quiet_days_are_a_lapse_and_a_quiet_weekend_is_not() {
        let sam = person("Sam");
        let log: Vec<_> =
            (13..40).chain([2, 3, 4]).filter(|d| *d % 3 != 0).map(|d| met(&sam, ago(d))).collect();
        let h = History::new(std::slice::from_ref(&sam), &log, &[], &[]);
        let runs = lapses(&h, &AwayDays::default(), range(40, 0), day_number(ago(40)), 7, 0.01);
        assert_eq!(runs, vec![range(12, 5)]);
        let lapse = latest_lapse(&runs, &AwayDays::default(), day_number(today()), 14).expect("a lapse");
        assert_eq!(lapse.days, 8);
        assert!(lapse.text.contains("not written down"), "{}", lapse.text);
    }

    #[test]
    fn days_marked_away_are_not_a_lapse_and_a_check_in_breaks_one() {
        let sam = person("Sam");
        let log: Vec<_> = (20..40).map(|d| met(&sam, ago(d))).collect();
        let away = [Away::new(AwayId::from_random_bytes([1; 16]), ago(19), ago(0), None).expect("valid")];
        let h = History::new(std::slice::from_ref(&sam), &log, &[], &[]).with_away(&away);
        let days = AwayDays::of(&away);
        assert!(lapses(&h, &days, range(40, 0), day_number(ago(40)), 7, 0.01).is_empty());
        let checkins = [checkin(ago(10), 3, 3)];
        let h = History::new(std::slice::from_ref(&sam), &log, &[], &checkins);
        let runs = lapses(&h, &AwayDays::default(), range(40, 0), day_number(ago(40)), 7, 0.01);
        assert_eq!(runs, vec![range(19, 11), range(9, 0)]);
        let ongoing = latest_lapse(&runs, &AwayDays::default(), day_number(today()), 14).expect("ongoing");
        assert!(ongoing.text.starts_with("Nothing logged for 10 days"), "{}", ongoing.text);
    }

    #[test]
    fn the_silence_that_counts_as_a_lapse_depends_on_the_usual_pace_of_recording() {
        let sam = person("Sam");
        // A record every third day, and fourteen days without one (32 to 19 days ago): at that
        // pace (17 days in 61) fourteen quiet days happen often enough; fifteen would not.
        let log: Vec<_> =
            (0..=60).filter(|d| d % 3 == 0 && !(21..=30).contains(d)).map(|d| met(&sam, ago(d))).collect();
        let h = History::new(std::slice::from_ref(&sam), &log, &[], &[]);
        assert!(lapses(&h, &AwayDays::default(), range(60, 0), day_number(ago(60)), 7, 0.01).is_empty());
        // A record every other day, five days away, and the last eight days quiet: at that
        // pace (25 days in the 56 not away) eight quiet days are rare.
        let log: Vec<_> =
            (8..=60).filter(|d| d % 2 == 0 && !(51..=55).contains(d)).map(|d| met(&sam, ago(d))).collect();
        let away = [Away::new(AwayId::from_random_bytes([2; 16]), ago(55), ago(51), None).expect("valid")];
        let h = History::new(std::slice::from_ref(&sam), &log, &[], &[]).with_away(&away);
        let runs = lapses(&h, &AwayDays::of(&away), range(60, 0), day_number(ago(60)), 7, 0.01);
        assert_eq!(runs, vec![range(7, 0)]);
    }

    #[test]
    fn a_settled_plan_is_a_record_and_breaks_a_silence() {
        let sam = person("Sam");
        let log: Vec<_> =
            (13..40).chain([2, 3, 4]).filter(|d| *d % 3 != 0).map(|d| met(&sam, ago(d))).collect();
        let plans = [plan(&sam, ago(8), crate::Outcome::Attended)];
        let h = History::new(std::slice::from_ref(&sam), &log, &plans, &[]);
        assert!(lapses(&h, &AwayDays::default(), range(40, 0), day_number(ago(40)), 7, 0.01).is_empty());
    }

    #[test]
    fn days_away_inside_a_lapse_are_not_counted_in_its_length() {
        let away = [Away::new(AwayId::from_random_bytes([3; 16]), ago(10), ago(8), None).expect("valid")];
        let lapse =
            latest_lapse(&[range(12, 0)], &AwayDays::of(&away), day_number(today()), 14).expect("a lapse");
        assert_eq!((lapse.from, lapse.to, lapse.days), (ago(12), today(), 10));
        assert!(lapse.text.starts_with("Nothing logged for 10 days"), "{}", lapse.text);
    }
}

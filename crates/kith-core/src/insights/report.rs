//! `kith report`: a week or a month against the one before, and the balance of it:
//! online against offline, energising against draining time, giving support as
//! well as getting it. Periods are rolling days (beginning at `day.starts_at`) ending today, so a report on a
//! Tuesday compares like with like.

use crate::insights::History;
use crate::insights::days::{DayRange, day_number};
use crate::insights::mood_links::{MoodLinks, mood_links};
use crate::insights::reciprocity::{Reciprocity, reciprocity};
use crate::insights::score::interaction_points;
use crate::insights::signals::{SignalReport, signal_report};
use crate::insights::{round2, times};
use crate::settings::Settings;
use crate::{Outcome, PersonId};
use jiff::civil::Date;
use jiff::{SignedDuration, Zoned};
use serde::Serialize;
use std::collections::HashSet;

/// How long a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    Month,
}

/// Where the time went.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Balance {
    /// Text and social media.
    pub online_count: u32,
    pub online_minutes: u32,
    /// In person, voice and video.
    pub offline_count: u32,
    pub offline_minutes: u32,
    /// Interactions rated above 0.
    pub energising_count: u32,
    pub energising_minutes: u32,
    /// Interactions rated below 0.
    pub draining_count: u32,
    pub draining_minutes: u32,
    /// Interactions tagged with a giving tag (`helped`, `volunteer`).
    pub giving: u32,
    /// Interactions tagged with a getting tag (`supported`, `got-help`).
    pub getting: u32,
}

/// One period's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodStats {
    pub from: Date,
    pub to: Date,
    pub days: u32,
    pub interactions: u32,
    pub meaningful: u32,
    pub minutes: u32,
    pub people_seen: u32,
    pub score: f64,
    /// Local days with a meaningful connection.
    pub connected_days: u32,
    pub plans_kept: u32,
    pub plans_cancelled_by_me: u32,
    /// Of `plans_cancelled_by_me`, those cancelled with less than `signals.last_minute_hours`
    /// of notice.
    pub late_cancellations: u32,
    /// Plans I did not turn up to.
    pub plans_missed: u32,
    pub balance: Balance,
}

/// Current minus previous, for the headline numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub interactions: i64,
    pub meaningful: i64,
    pub minutes: i64,
    pub people_seen: i64,
    pub score: f64,
    pub connected_days: i64,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Period,
    pub current: PeriodStats,
    pub previous: PeriodStats,
    pub change: Change,
    pub signals: SignalReport,
    /// Who reached out first over the last `report.reciprocity_days`, where it was noted.
    pub reciprocity: Reciprocity,
    /// Which people, modes and activities went with a better next day.
    pub mood_links: MoodLinks,
    /// Plain sentences, one per line of the summary.
    pub text: Vec<String>,
}

/// The report for the `period` ending today, as of `now`.
pub fn report(history: &History<'_>, settings: &Settings, period: Period, now: &Zoned) -> Report {
    let len = i64::from(match period {
        Period::Week => settings.report.week_days,
        Period::Month => settings.report.month_days,
    })
    .max(1);
    let today = day_number(settings.day.starts_at.today(now));
    let current_range = DayRange::ending(today, len);
    let previous_range = DayRange::ending(current_range.first - 1, len);
    let current = stats(history, settings, current_range);
    let previous = stats(history, settings, previous_range);
    let diff = |a: u32, b: u32| i64::from(a) - i64::from(b);
    let change = Change {
        interactions: diff(current.interactions, previous.interactions),
        meaningful: diff(current.meaningful, previous.meaningful),
        minutes: diff(current.minutes, previous.minutes),
        people_seen: diff(current.people_seen, previous.people_seen),
        score: round2(current.score - previous.score),
        connected_days: diff(current.connected_days, previous.connected_days),
    };
    let mut text = describe(&current, &previous);
    let reciprocity = reciprocity(history, settings, None, settings.report.reciprocity_days, now);
    text.extend(reciprocity.one_sided(settings.report.reciprocity_min_noted));
    Report {
        period,
        current,
        previous,
        change,
        signals: signal_report(history, settings, now),
        reciprocity,
        mood_links: mood_links(history, settings, now),
        text,
    }
}

fn stats(history: &History<'_>, settings: &Settings, range: DayRange) -> PeriodStats {
    let giving: HashSet<&str> = settings.report.giving_tags.iter().map(String::as_str).collect();
    let getting: HashSet<&str> = settings.report.getting_tags.iter().map(String::as_str).collect();
    let mut b = Balance::default();
    let (mut interactions, mut meaningful, mut minutes, mut score) = (0u32, 0u32, 0u32, 0.0);
    let mut people: HashSet<PersonId> = HashSet::new();
    let mut days: HashSet<i64> = HashSet::new();
    let start = settings.day.starts_at;
    for (i, day) in
        history.interactions.iter().filter_map(|i| range.day_of_starting(i.at, start).map(|d| (i, d)))
    {
        let m = u32::try_from(i.minutes.map_or(0, |m| m.get())).unwrap_or(0);
        interactions += 1;
        minutes += m;
        score += interaction_points(i, &settings.score);
        people.extend(i.people.iter().copied());
        if i.meaningful {
            meaningful += 1;
            days.insert(day);
        }
        let (count, mins) = if i.mode.is_online() {
            (&mut b.online_count, &mut b.online_minutes)
        } else {
            (&mut b.offline_count, &mut b.offline_minutes)
        };
        *count += 1;
        *mins += m;
        match i.felt.map(|f| f.value().signum()) {
            Some(1) => {
                (b.energising_count, b.energising_minutes) =
                    (b.energising_count + 1, b.energising_minutes + m)
            }
            Some(-1) => {
                (b.draining_count, b.draining_minutes) = (b.draining_count + 1, b.draining_minutes + m)
            }
            _ => {}
        }
        b.giving += u32::from(i.tags.iter().any(|t| giving.contains(t.as_str())));
        b.getting += u32::from(i.tags.iter().any(|t| getting.contains(t.as_str())));
    }
    let threshold = SignedDuration::from_hours(i64::from(settings.signals.last_minute_hours));
    let (mut kept, mut cancelled, mut late, mut missed) = (0u32, 0u32, 0u32, 0u32);
    for p in history.plans.iter().filter(|p| range.contains(day_number(start.day_of(p.start)))) {
        kept += u32::from(p.outcome == Outcome::Attended);
        cancelled += u32::from(p.outcome == Outcome::CancelledByMe);
        late += u32::from(p.outcome == Outcome::CancelledByMe && p.is_last_minute_by_me(threshold));
        missed += u32::from(p.outcome == Outcome::NoShow);
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    PeriodStats {
        from: range.from_date(),
        to: range.to_date(),
        days: count(usize::try_from(range.len()).unwrap_or(0)),
        interactions,
        meaningful,
        minutes,
        people_seen: count(people.len()),
        score: round2(score),
        connected_days: count(days.len()),
        plans_kept: kept,
        plans_cancelled_by_me: cancelled,
        late_cancellations: late,
        plans_missed: missed,
        balance: b,
    }
}

fn describe(now: &PeriodStats, before: &PeriodStats) -> Vec<String> {
    let b = &now.balance;
    let mut lines = vec![
        format!(
            "{} meaningful connections on {} of {} days, with {} people (before: {} on {} days).",
            now.meaningful,
            now.connected_days,
            now.days,
            now.people_seen,
            before.meaningful,
            before.connected_days
        ),
        format!("Connection score {} (before: {}).", now.score.round(), before.score.round()),
        format!(
            "Offline {} ({} min), online {} ({} min).",
            times(b.offline_count),
            b.offline_minutes,
            times(b.online_count),
            b.online_minutes
        ),
        format!(
            "Time that lifted you: {} min; time that drained you: {} min.",
            b.energising_minutes, b.draining_minutes
        ),
    ];
    if b.giving + b.getting > 0 {
        lines.push(format!("You gave support {} and received it {}.", times(b.giving), times(b.getting)));
    }
    if now.plans_kept + now.plans_cancelled_by_me + now.plans_missed > 0 {
        let late = match now.late_cancellations {
            0 => String::new(),
            n if n == now.plans_cancelled_by_me => " (all at the last minute)".to_owned(),
            n => format!(" ({n} at the last minute)"),
        };
        let missed = match now.plans_missed {
            0 => String::new(),
            n => format!(", {n} missed"),
        };
        lines.push(format!(
            "{} kept, {} cancelled by you{late}{missed}.",
            plan_count(now.plans_kept),
            now.plans_cancelled_by_me
        ));
    }
    lines
}

/// "1 plan", "3 plans".
fn plan_count(n: u32) -> String {
    format!("{n} plan{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;
    use crate::insights::fixtures::*;

    #[test]
    fn late_cancellations_are_counted_among_cancellations_and_missed_plans_apart() {
        let (sam, ana) = (person("Sam"), person("Ana"));
        let mut plans = vec![
            cancelled(&sam, ago(1), 2),
            cancelled(&ana, ago(2), 3),
            cancelled(&sam, ago(3), 72),
            plan(&ana, ago(4), Outcome::NoShow),
            plan(&sam, ago(5), Outcome::NoShow),
        ];
        plans.push(plan(&ana, ago(6), Outcome::Attended));
        let people = [sam, ana];
        let r = report(&History::new(&people, &[], &plans, &[]), &Settings::defaults(), Period::Week, &now());
        let c = &r.current;
        assert_eq!((c.plans_cancelled_by_me, c.late_cancellations, c.plans_missed), (3, 2, 2));
        assert!(
            r.text.iter().any(|l| l == "1 plan kept, 3 cancelled by you (2 at the last minute), 2 missed."),
            "{:?}",
            r.text
        );
    }

    #[test]
    fn a_week_is_compared_with_the_week_before_and_balanced() {
        let (sam, ana) = (person("Sam"), person("Ana"));
        let log = vec![
            met(&sam, ago(0)).felt(2).minutes(60),
            met(&ana, ago(2)).by(Mode::Text).minutes(10).felt(-1),
            met(&ana, ago(3)).tag("helped"),
            met(&sam, ago(8)),
            met(&sam, ago(20)),
        ];
        let plans = vec![plan(&sam, ago(1), Outcome::Attended), cancelled(&ana, ago(4), 2)];
        let people = [sam, ana];
        let r =
            report(&History::new(&people, &log, &plans, &[]), &Settings::defaults(), Period::Week, &now());
        assert_eq!((r.current.days, r.current.interactions, r.previous.interactions), (7, 3, 1));
        assert_eq!(r.change.interactions, 2);
        assert_eq!(r.current.people_seen, 2);
        let b = &r.current.balance;
        assert_eq!((b.offline_count, b.offline_minutes, b.online_count, b.online_minutes), (2, 90, 1, 10));
        assert_eq!((b.energising_minutes, b.draining_minutes, b.giving, b.getting), (60, 10, 1, 0));
        assert_eq!((r.current.plans_kept, r.current.late_cancellations), (1, 1));
        assert!(
            r.text.iter().any(|l| l == "1 plan kept, 1 cancelled by you (all at the last minute)."),
            "{:?}",
            r.text
        );
        assert!(
            r.text.iter().any(|l| l.contains("gave support once and received it 0 times")),
            "{:?}",
            r.text
        );
        assert!(r.text.iter().any(|l| l == "Offline twice (90 min), online once (10 min)."), "{:?}", r.text);
        assert!(!r.text.iter().any(|l| l.contains("reached out first")), "who went first was never noted");
    }

    #[test]
    fn a_call_after_midnight_is_reported_on_the_evening_before() {
        let sam = person("Sam");
        // 02:00 on the first day of this week belongs to the last day of the week before.
        let mut late = met(&sam, ago(6));
        late.at = crate::insights::fixtures::at(ago(6), 2);
        let log = [late];
        let people = [sam];
        let h = History::new(&people, &log, &[], &[]);
        let r = report(&h, &Settings::defaults(), Period::Week, &now());
        assert_eq!((r.current.interactions, r.previous.interactions), (0, 1));
        let mut midnight = Settings::defaults();
        midnight.day.starts_at = crate::DayStart::MIDNIGHT;
        let r = report(&h, &midnight, Period::Week, &now());
        assert_eq!((r.current.interactions, r.previous.interactions), (1, 0));
    }

    #[test]
    fn a_month_covers_thirty_days() {
        let r = report(&History::new(&[], &[], &[], &[]), &Settings::defaults(), Period::Month, &now());
        assert_eq!(r.current.days, 30);
        assert_eq!(r.previous.to, ago(30));
    }

    #[test]
    fn weeks_of_always_reaching_out_first_are_named_in_the_report() {
        let sam = person("Sam");
        let log: Vec<_> = (0..6)
            .map(|d| {
                let mut i = met(&sam, ago(d * 4)).by(Mode::Text);
                i.initiator = Some(crate::Initiator::Me);
                i
            })
            .collect();
        let people = [sam];
        let r = report(&History::new(&people, &log, &[], &[]), &Settings::defaults(), Period::Week, &now());
        assert_eq!((r.reciprocity.me_first, r.reciprocity.them_first, r.reciprocity.days), (6, 0, 28));
        assert!(
            r.text.iter().any(|l| l.starts_with("In the last 4 weeks you reached out first every time")),
            "{:?}",
            r.text
        );
        let five = &log[..5];
        let r = report(&History::new(&people, five, &[], &[]), &Settings::defaults(), Period::Week, &now());
        assert!(
            !r.text.iter().any(|l| l.contains("reached out first")),
            "five noted is too few: {:?}",
            r.text
        );
    }
}

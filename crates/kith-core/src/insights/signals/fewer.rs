//! `fewer_meaningful_contacts`: meaningful contact fell well below the person's own usual
//! pace, by more than their ordinary week-to-week ups and downs explain.
//!
//! Several windows ending today are tried (a week to four, setting
//! `signals.contacts_windows_days`), each against the weeks just before it: a sudden stop
//! in someone who connects daily shows within a week, while someone who connects once a week
//! needs about four before silence means anything. Each week of the baseline gives one count;
//! their spread, beyond what chance alone gives, sets how surprising a quiet stretch is
//! (a negative binomial count). Days marked away and logging lapses are left out of every
//! count and every length.

use super::chance::at_most_spread;
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, dates, span_words};
use crate::insights::days::DayRange;
use crate::settings::SignalSettings;

/// What one window found.
struct Found {
    p: f64,
    window: DayRange,
    baseline: DayRange,
    recent: Vec<i64>,
    base_count: u32,
    expected: f64,
}

pub(crate) fn fewer_meaningful_contacts(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    if ctx.restful_solitude {
        return None;
    }
    let s = ctx.settings;
    let today = ctx.recent.last;
    let longest = s.contacts_windows_days.iter().copied().max().unwrap_or(0).max(1);
    let range = DayRange { first: today - i64::from(longest) - i64::from(s.baseline_days) + 1, last: today };
    let mut counts = vec![0u32; usize::try_from(range.len()).unwrap_or(0)];
    for i in ctx.history.interactions.iter().filter(|i| i.meaningful) {
        let day = range.day_of(i.at).filter(|d| !ctx.unobserved.contains(*d));
        if let Some(c) =
            day.and_then(|d| usize::try_from(d - range.first).ok()).and_then(|at| counts.get_mut(at))
        {
            *c += 1;
        }
    }
    let at =
        |day: i64| usize::try_from(day - range.first).ok().and_then(|i| counts.get(i)).copied().unwrap_or(0);
    let observed = |day: i64| day >= ctx.first_day && day >= range.first && !ctx.unobserved.contains(day);
    let mut best: Option<Found> = None;
    for len in s.contacts_windows_days.iter().map(|d| i64::from(*d).max(1)) {
        let window = DayRange::ending(today, len);
        let seen: Vec<i64> = (window.first..=window.last).filter(|d| observed(*d)).collect();
        if (seen.len() as i64) * 2 < len {
            continue;
        }
        let x: u32 = seen.iter().map(|d| at(*d)).sum();
        // The baseline, a week at a time, going back from the day before the window.
        let mut weeks = vec![];
        let mut end = window.first - 1;
        let first = (window.first - i64::from(s.baseline_days)).max(ctx.first_day);
        while end - 6 >= first {
            let days: Vec<i64> = (end - 6..=end).filter(|d| observed(*d)).collect();
            if days.len() >= 4 {
                weeks.push((days.len() as f64, days.iter().map(|d| f64::from(at(*d))).sum::<f64>()));
            }
            end -= 7;
        }
        if weeks.len() < 3 {
            continue;
        }
        let (seen_days, total) = weeks.iter().fold((0.0, 0.0), |(d, c), (wd, wc)| (d + wd, c + wc));
        let per_day = total / seen_days;
        let usual_week = per_day * 7.0;
        if usual_week < s.contacts_min_baseline_per_week {
            continue;
        }
        let spread = week_spread(&weeks, usual_week, s);
        let expected = per_day * seen.len() as f64;
        if expected < s.contacts_min_expected || f64::from(x) > expected * s.contacts_drop_to {
            continue;
        }
        let size = (seen.len() as f64 / 7.0) / spread;
        let p = at_most_spread(x as usize, expected, size);
        if p <= ctx.weak.max(s.contacts_max_chance) && best.as_ref().is_none_or(|b| p < b.p) {
            let recent = seen.iter().copied().filter(|d| at(*d) > 0).collect();
            let baseline = DayRange { first, last: window.first - 1 };
            best = Some(Found { p, window, baseline, recent, base_count: total as u32, expected });
        }
    }
    let f = best?;
    let x: u32 = f.recent.iter().map(|d| at(*d)).sum();
    let away = f.window.len() - (f.window.first..=f.window.last).filter(|d| observed(*d)).count() as i64;
    let text = format!(
        "{x} meaningful contact{} in the last {}{}; at your usual pace from the {} before it would have been about {}. \
         Even one short call counts.",
        if x == 1 { "" } else { "s" },
        span_words(f.window.len()),
        if away > 0 { format!(" (leaving out {away} days away or not logged)") } else { String::new() },
        span_words(f.baseline.len()),
        f.expected.round()
    );
    let signal = Signal {
        kind: SignalKind::FewerMeaningfulContacts,
        since: f.window.from_date(),
        evidence: Evidence {
            recent: Window::new(f.window, x, None),
            baseline: Window::new(f.baseline, f.base_count, None),
            dates: dates(f.recent),
            tags: vec![],
            plan_ids: vec![],
        },
        text,
    };
    Some(Candidate { signal, chance: f.p })
}

/// How much more the baseline's weeks (days seen, contacts) vary than chance alone gives:
/// variance = mean + spread * mean^2 (per 7 days), the person's own spread drawn toward
/// `signals.contacts_spread_prior` as if that were four more weeks, and never below
/// `signals.contacts_spread_floor`.
fn week_spread(weeks: &[(f64, f64)], usual_week: f64, s: &SignalSettings) -> f64 {
    let scaled: Vec<f64> = weeks.iter().map(|(d, c)| c * 7.0 / d).collect();
    let n = scaled.len() as f64;
    let var = scaled.iter().map(|w| (w - usual_week).powi(2)).sum::<f64>() / (n - 1.0);
    let own = (var - usual_week) / (usual_week * usual_week);
    ((own * n + s.contacts_spread_prior * 4.0) / (n + 4.0)).max(s.contacts_spread_floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_spread_of_weeks_is_their_variance_beyond_chance_drawn_toward_the_prior() {
        let s = SignalSettings::defaults();
        // Weeks of 4 and 10 contacts, mean 7: variance 4 * 9 / 3 = 12, own spread
        // (12 - 7) / 49, drawn toward 0.25 as if by four more weeks.
        let uneven = [(7.0, 4.0), (7.0, 10.0), (7.0, 4.0), (7.0, 10.0)];
        assert!(close(week_spread(&uneven, 7.0, &s), ((12.0 - 7.0) / 49.0 * 4.0 + 0.25 * 4.0) / 8.0));
        // A week seen on 5 days counts at its weekly pace: 10 contacts in 5 days is 14 a week.
        // Weeks of 14, 0, 14 and 0: variance 4 * 49 / 3.
        let part = [(5.0, 10.0), (7.0, 0.0), (7.0, 14.0), (7.0, 0.0)];
        let own = (4.0 * 49.0 / 3.0 - 7.0) / 49.0;
        assert!(close(week_spread(&part, 7.0, &s), (own * 4.0 + 0.25 * 4.0) / 8.0));
        // Far steadier than chance: the floor.
        let steady = [(7.0, 7.0); 8];
        assert!(close(week_spread(&steady, 7.0, &s), 0.1));
        // Very uneven weeks: 0 and 14, variance 8 * 49 / 7 = 56, own spread (56 - 7) / 49 = 1.
        let wild = [
            (7.0, 0.0),
            (7.0, 14.0),
            (7.0, 0.0),
            (7.0, 14.0),
            (7.0, 0.0),
            (7.0, 14.0),
            (7.0, 0.0),
            (7.0, 14.0),
        ];
        assert!(close(week_spread(&wild, 7.0, &s), (1.0 * 8.0 + 0.25 * 4.0) / 12.0));
    }
}

//! `kith today`: one a day, who to reach out to, today's plans, capacity, and a short
//! summary of signals with the support card when it applies.

use crate::Outcome;
use crate::insights::History;
use crate::insights::capacity::{CapacityCheck, PlanRef, capacity_check};
use crate::insights::one_a_day::{OneADay, one_a_day};
use crate::insights::reach_out::{ReachOut, reach_out};
use crate::insights::signals::{Lapse, Signal, signal_report};
use crate::insights::suggestions::{Suggestion, suggestions};
use crate::insights::support::SupportCard;
use crate::settings::Settings;
use jiff::Zoned;
use jiff::civil::Date;
use serde::Serialize;

/// A plan today and what became of it so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TodayPlan {
    #[serde(flatten)]
    pub plan: PlanRef,
    pub outcome: Outcome,
}

/// Everything `kith today` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    pub date: Date,
    pub one_a_day: OneADay,
    pub reach_out: Vec<ReachOut>,
    pub plans: Vec<TodayPlan>,
    pub capacity: CapacityCheck,
    pub enough_history: bool,
    /// Days with nothing logged lately, with a kind question ("I was away" marks them).
    pub lapse: Option<Lapse>,
    pub signals: Vec<Signal>,
    pub support: Option<SupportCard>,
    /// At most a couple of small ideas for today, from the person's own records.
    pub suggestions: Vec<Suggestion>,
}

/// Today's picture, as of `now`.
pub fn today_summary(history: &History<'_>, settings: &Settings, now: &Zoned) -> Today {
    // Today is the day under way: before `day.starts_at`, still the evening before.
    let start = settings.day.starts_at;
    let today = start.today(now);
    let by_id = history.people_by_id();
    let mut plans: Vec<TodayPlan> = history
        .plans
        .iter()
        .filter(|p| start.day_of(p.start) == today)
        .map(|p| TodayPlan { plan: PlanRef::of(p, &by_id), outcome: p.outcome })
        .collect();
    plans.sort_by_key(|p| p.plan.start);
    let signals = signal_report(history, settings, now);
    Today {
        date: today,
        one_a_day: one_a_day(history, &settings.one_a_day, settings.day.starts_at, now),
        reach_out: reach_out(history, settings, now),
        plans,
        capacity: capacity_check(history, &settings.capacity, &settings.map, now),
        enough_history: signals.enough_history,
        lapse: signals.lapse,
        signals: signals.signals,
        suggestions: suggestions(history, settings, now, signals.support.is_some()),
        support: signals.support,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;

    #[test]
    fn at_half_past_midnight_today_is_still_the_evening_before_with_its_plans() {
        let sam = person("Sam");
        let evening = plan(&sam, today(), Outcome::Pending);
        let plans = [evening];
        let people = [sam];
        let h = History::new(&people, &[], &plans, &[]);
        let after_midnight: Zoned = "2026-11-21T00:30:00+01:00[Europe/Berlin]".parse().expect("valid");
        let t = today_summary(&h, &Settings::defaults(), &after_midnight);
        assert_eq!(t.date, today());
        assert_eq!(t.plans.len(), 1, "the evening's plan is still today's");
    }

    #[test]
    fn today_gathers_every_part_under_the_documented_names() {
        let mut sam = person("Sam");
        sam.cadence = Some(crate::Cadence::from_days(7).expect("valid"));
        let log = vec![met(&sam, ago(10)).felt(1), met(&sam, today()).by(crate::Mode::Voice)];
        let plans = vec![plan(&sam, today(), Outcome::Pending), plan(&sam, ago(1), Outcome::Attended)];
        let people = [sam];
        let t = today_summary(&History::new(&people, &log, &plans, &[]), &Settings::defaults(), &now());
        assert_eq!(t.plans.len(), 1);
        assert_eq!(t.plans[0].plan.people, vec!["Sam".to_owned()]);
        assert!(t.one_a_day.today_done);
        assert!(t.reach_out.is_empty(), "talked today");
        let json = serde_json::to_value(&t).expect("json");
        for key in ["date", "one_a_day", "reach_out", "plans", "signals", "support", "suggestions"] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["date"], "2026-11-20");
        assert_eq!(json["plans"][0]["outcome"], "pending");
        assert!(json["plans"][0]["plan_id"].is_string());
    }
}

//! `kith today`: one a day, who to reach out to, today's plans, capacity, and a short
//! summary of signals with the support card when it applies.

use crate::Outcome;
use crate::insights::History;
use crate::insights::capacity::{CapacityCheck, PlanRef, capacity_check};
use crate::insights::days::day_number;
use crate::insights::one_a_day::{OneADay, one_a_day};
use crate::insights::reach_out::{ReachOut, reach_out};
use crate::insights::signals::{Lapse, Signal, signal_report};
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
}

/// Today's picture, as of `now`.
pub fn today_summary(history: &History<'_>, settings: &Settings, now: &Zoned) -> Today {
    let day = day_number(now.date());
    let by_id = history.people_by_id();
    let mut plans: Vec<TodayPlan> = history
        .plans
        .iter()
        .filter(|p| day_number(p.start.local_date()) == day)
        .map(|p| TodayPlan { plan: PlanRef::of(p, &by_id), outcome: p.outcome })
        .collect();
    plans.sort_by_key(|p| p.plan.start);
    let signals = signal_report(history, settings, now);
    Today {
        date: now.date(),
        one_a_day: one_a_day(history, &settings.one_a_day, settings.day.starts_at, now),
        reach_out: reach_out(history, settings, now),
        plans,
        capacity: capacity_check(history, &settings.capacity, &settings.map, now),
        enough_history: signals.enough_history,
        lapse: signals.lapse,
        signals: signals.signals,
        support: signals.support,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;

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
        for key in ["date", "one_a_day", "reach_out", "plans", "signals", "support"] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["date"], "2026-11-20");
        assert_eq!(json["plans"][0]["outcome"], "pending");
        assert!(json["plans"][0]["plan_id"].is_string());
    }
}

//! `late_cancellations`: plans I cancelled at short notice, or missed, make up a larger
//! share of recent plans than usual. kith treats this as one way pulling away can show; it
//! makes no claim that it comes first (docs/insights.md).

use super::chance::{at_least, usual_share};
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates, span_words};
use crate::Outcome;
use crate::insights::days::day_number;
use jiff::SignedDuration;

pub(crate) fn late_cancellations(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    let s = ctx.settings;
    let threshold = SignedDuration::from_hours(i64::from(s.last_minute_hours));
    // Each settled plan: the day it happened (when I cancelled, or the day of the plan),
    // and whether it was late.
    let settled: Vec<(i64, bool, crate::PlanId)> = ctx
        .history
        .plans
        .iter()
        .filter(|p| p.outcome != Outcome::Pending)
        .filter_map(|p| {
            let at = p.outcome_at?;
            let day = day_number(p.start.offset().to_datetime(at.min(p.start.timestamp())).date());
            Some((day, is_late(p, threshold), p.id))
        })
        .collect();
    let windows = [s.recent_days, s.late_long_window_days];
    let mut best: Option<(f64, Candidate)> = None;
    for len in windows {
        let (recent, baseline) = ctx.window(len, s.late_baseline_days.max(s.baseline_days));
        let counted = ctx.split(&settled, recent, baseline);
        let (recent_plans, base_plans, base_late) = (counted.recent, counted.baseline, counted.baseline_hits);
        let late_days = counted.days();
        let late_plans: Vec<crate::PlanId> = counted.hits.iter().map(|(_, _, id)| *id).collect();
        let recent_late = late_days.len();
        let share = |late: usize, of: usize| if of == 0 { 0.0 } else { late as f64 / of as f64 };
        let (recent_share, base_share) = (share(recent_late, recent_plans), share(base_late, base_plans));
        let chance = at_least(recent_late, recent_plans, usual_share(base_late, base_plans));
        let raised = recent_late >= usize::try_from(s.late_min_count.max(1)).unwrap_or(1)
            && recent_share >= base_share + s.late_rate_rise
            && chance <= ctx.weak;
        if !raised || best.as_ref().is_some_and(|(p, _)| *p <= chance) {
            continue;
        }
        let evidence = Evidence {
            recent: Window::new(recent, count(recent_late), Some(count(recent_plans))),
            baseline: Window::new(baseline, count(base_late), Some(count(base_plans))),
            dates: dates(late_days),
            tags: vec![],
            plan_ids: late_plans,
        };
        let Some(since) = evidence.dates.first().copied() else { continue };
        let text = format!(
            "{recent_late} of {recent_plans} plans in the last {} were cancelled or moved at short notice, or missed; \
             in the {} before it was {}. Cancelling can be the right call, and a rising share is worth noticing.",
            span_words(recent.len()),
            span_words(baseline.len()),
            usual(base_late, base_plans),
        );
        let signal = Signal { kind: SignalKind::LateCancellations, since, evidence, text };
        best = Some((chance, Candidate { signal, chance }));
    }
    best.map(|(_, c)| c)
}

/// Cancelled by me or moved with less notice than `threshold`, or missed.
fn is_late(p: &crate::Plan, threshold: SignedDuration) -> bool {
    p.is_last_minute_by_me(threshold)
        || (p.outcome == Outcome::Rescheduled && p.notice().is_some_and(|n| n < threshold))
}

fn usual(late: usize, plans: usize) -> String {
    match (late, plans) {
        (_, 0) => "no plans to compare with".to_owned(),
        (0, n) => format!("none of {n}"),
        (l, n) => format!("{l} of {n}"),
    }
}

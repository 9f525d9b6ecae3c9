//! `late_cancellations`: plans I cancelled at short notice, or missed, make up a larger
//! share of recent plans than usual. kith treats this as one way pulling away can show; it
//! makes no claim that it comes first (docs/insights.md).

use super::chance::{at_least, usual_share};
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use crate::Outcome;
use crate::insights::days::day_number;
use jiff::SignedDuration;

pub(crate) fn late_cancellations(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    let s = ctx.settings;
    let threshold = SignedDuration::from_hours(i64::from(s.last_minute_hours));
    let (mut recent_plans, mut base_plans, mut base_late) = (0usize, 0usize, 0usize);
    let (mut late_days, mut late_plans) = (vec![], vec![]);
    for p in ctx.history.plans {
        if p.outcome == Outcome::Pending {
            continue;
        }
        // The day it happened: when I cancelled, or the day of the plan.
        let Some(at) = p.outcome_at else { continue };
        let day = day_number(p.start.offset().to_datetime(at.min(p.start.timestamp())).date());
        let late = p.is_last_minute_by_me(threshold);
        if ctx.recent.contains(day) {
            recent_plans += 1;
            if late {
                late_days.push(day);
                late_plans.push(p.id);
            }
        } else if ctx.baseline.contains(day) {
            base_plans += 1;
            base_late += usize::from(late);
        }
    }
    let recent_late = late_days.len();
    let share = |late: usize, of: usize| if of == 0 { 0.0 } else { late as f64 / of as f64 };
    let (recent_share, base_share) = (share(recent_late, recent_plans), share(base_late, base_plans));
    let raised = recent_late >= usize::try_from(s.late_min_count.max(1)).unwrap_or(1)
        && recent_share >= base_share + s.late_rate_rise
        && at_least(recent_late, recent_plans, usual_share(base_late, base_plans)) <= ctx.weak;
    let chance = at_least(recent_late, recent_plans, usual_share(base_late, base_plans));
    if !raised {
        return None;
    }
    let evidence = Evidence {
        recent: Window::new(ctx.recent, count(recent_late), Some(count(recent_plans))),
        baseline: Window::new(ctx.baseline, count(base_late), Some(count(base_plans))),
        dates: dates(late_days),
        tags: vec![],
        plan_ids: late_plans,
    };
    let since = *evidence.dates.first()?;
    let text = format!(
        "{recent_late} of {recent_plans} plans in {} were cancelled at short notice or missed; in {} it was {}. \
         Cancelling can be the right call, and a rising share is worth noticing.",
        ctx.recent_words(),
        ctx.baseline_words(),
        usual(base_late, base_plans),
    );
    Some(Candidate { signal: Signal { kind: SignalKind::LateCancellations, since, evidence, text }, chance })
}

fn usual(late: usize, plans: usize) -> String {
    match (late, plans) {
        (_, 0) => "no plans to compare with".to_owned(),
        (0, n) => format!("none of {n}"),
        (l, n) => format!("{l} of {n}"),
    }
}

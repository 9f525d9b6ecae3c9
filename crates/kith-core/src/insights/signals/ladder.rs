//! `steps_abandoned`: more ladder tries let go ("not this time") than usual. Letting a
//! step go is allowed, so this is evidence beside the other signals, never a verdict. It
//! compares shares of the person's own finished tries, so someone who is not using the
//! ladder has no tries and is never flagged, and with no tries in the baseline there is
//! nothing to compare with and nothing is raised.

use super::chance::{at_least, usual_share};
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use crate::ladder::AttemptOutcome;

pub(crate) fn steps_abandoned(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    let s = ctx.settings;
    let (mut recent, mut base, mut base_let_go) = (0usize, 0usize, 0usize);
    let mut let_go_days = Vec::new();
    for a in ctx.history.attempts {
        let Some(at) = a.outcome_at else { continue };
        let Some(day) = ctx.day_of(at) else { continue };
        let let_go = a.outcome == AttemptOutcome::NotThisTime;
        if ctx.recent.contains(day) {
            recent += 1;
            if let_go {
                let_go_days.push(day);
            }
        } else {
            base += 1;
            base_let_go += usize::from(let_go);
        }
    }
    let recent_let_go = let_go_days.len();
    let share = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let raised = base > 0
        && recent_let_go >= usize::try_from(s.let_go_min_count.max(1)).unwrap_or(3)
        && share(recent_let_go, recent) >= share(base_let_go, base) + s.let_go_rise
        && at_least(recent_let_go, recent, usual_share(base_let_go, base)) <= ctx.weak;
    let chance = at_least(recent_let_go, recent, usual_share(base_let_go, base));
    if !raised {
        return None;
    }
    let evidence = Evidence {
        recent: Window::new(ctx.recent, count(recent_let_go), Some(count(recent))),
        baseline: Window::new(ctx.baseline, count(base_let_go), Some(count(base))),
        dates: dates(let_go_days),
        tags: vec![],
        plan_ids: vec![],
    };
    let since = *evidence.dates.first()?;
    let text = format!(
        "{recent_let_go} of {recent} ladder steps in {} were let go for now; in {} it was {base_let_go} of {base}. \
         Letting a step go is allowed; a smaller step may fit better right now.",
        ctx.recent_words(),
        ctx.baseline_words(),
    );
    Some(Candidate { signal: Signal { kind: SignalKind::StepsAbandoned, since, evidence, text }, chance })
}

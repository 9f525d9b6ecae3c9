//! Signals about how contact goes: `unanswered_messages` and `draining_social_time`.

use super::chance::{Bar, at_least, cautious_share};
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates, span_words};
use crate::insights::days::DayRange;
use jiff::SignedDuration;

/// More messages left without a reply than usual, on more days than chance explains.
pub(crate) fn unanswered_messages(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    let s = ctx.settings;
    // Younger messages may still be answered.
    let settled_before =
        ctx.now.timestamp() - SignedDuration::from_hours(i64::from(s.unanswered_after_hours));
    let (mut recent, mut base, mut days, mut base_days) = (0u32, 0u32, vec![], vec![]);
    for i in
        ctx.history.interactions.iter().filter(|i| i.unanswered > 0 && i.at.timestamp() <= settled_before)
    {
        let Some(day) = ctx.day_of(i.at) else { continue };
        if ctx.recent.contains(day) {
            recent = recent.saturating_add(i.unanswered);
            days.push(day);
        } else if ctx.baseline.contains(day) {
            base = base.saturating_add(i.unanswered);
            base_days.push(day);
        }
    }
    let (days, base_days) = (dates(days), dates(base_days));
    let scale = ctx.recent.len() as f64 / ctx.baseline.len().max(1) as f64;
    let expected = f64::from(base) * scale;
    // Days with unanswered messages, out of the days in each window.
    let usual = cautious_share(base_days.len(), usize::try_from(ctx.baseline.len()).unwrap_or(0));
    let recent_len = usize::try_from(ctx.recent.len()).unwrap_or(0);
    let raised = days.len() >= usize::try_from(s.unanswered_min_days.max(1)).unwrap_or(usize::MAX)
        && f64::from(recent) >= s.unanswered_rise_factor * expected
        && at_least(days.len(), recent_len, usual) <= ctx.weak;
    let chance = at_least(days.len(), recent_len, usual);
    if !raised {
        return None;
    }
    let text = format!(
        "{recent} messages were left without a reply on {} days in {}; at your usual pace it would be about {}. \
         A one-line reply is enough to keep a thread alive.",
        days.len(),
        ctx.recent_words(),
        expected.round()
    );
    let signal = Signal {
        kind: SignalKind::UnansweredMessages,
        since: *days.first()?,
        evidence: Evidence {
            recent: Window::new(ctx.recent, recent, None),
            baseline: Window::new(ctx.baseline, base, None),
            dates: days,
            tags: vec![],
            plan_ids: vec![],
        },
        text,
    };
    Some(Candidate { signal, chance })
}

/// A larger share of rated social time felt draining than usual: in the recent window, or
/// over `signals.draining_long_window_days` for someone whose fortnight holds too few ratings
/// to tell.
pub(crate) fn draining_social_time(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    let s = ctx.settings;
    let span = DayRange::ending(ctx.recent.last, i64::from(s.span_days()));
    let rated: Vec<(i64, bool, ())> = ctx
        .history
        .interactions
        .iter()
        .filter_map(|i| Some((span.day_of(i.at)?, i.felt?.value() < 0, ())))
        .collect();
    let mut best: Option<Candidate> = None;
    for len in [s.recent_days, s.draining_long_window_days] {
        let (recent, baseline) = ctx.window(len, s.baseline_days);
        let counted = ctx.split(&rated, recent, baseline);
        let (recent_draining, recent_rated) = (counted.hits.len(), counted.recent);
        let (base_draining, base_rated) = (counted.baseline_hits, counted.baseline);
        let bar = Bar {
            min_answers: s.draining_min_rated,
            share: s.draining_share,
            rise: s.draining_rise,
            max_chance: ctx.weak,
        };
        let Some(chance) = counted.tally().rose_past(&bar) else { continue };
        if best.as_ref().is_some_and(|b| b.chance <= chance) {
            continue;
        }
        let evidence = Evidence {
            recent: Window::new(recent, count(recent_draining), Some(count(recent_rated))),
            baseline: Window::new(baseline, count(base_draining), Some(count(base_rated))),
            dates: dates(counted.days()),
            tags: vec![],
            plan_ids: vec![],
        };
        let text = format!(
            "{recent_draining} of {recent_rated} rated times with people in the last {} felt draining; in the {} before it was \
             {base_draining} of {base_rated}. It may help to lean toward the people who lift you for a while.",
            span_words(recent.len()),
            span_words(baseline.len()),
        );
        let Some(since) = evidence.dates.first().copied() else { continue };
        let signal = Signal { kind: SignalKind::DrainingSocialTime, since, evidence, text };
        best = Some(Candidate { signal, chance });
    }
    best
}

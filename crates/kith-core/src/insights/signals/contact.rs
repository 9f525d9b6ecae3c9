//! Signals about contact itself: `fewer_meaningful_contacts`, `unanswered_messages` and
//! `draining_social_time`.

use super::chance::{Bar, Tally, at_least, at_most, cautious_share};
use super::{Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use jiff::SignedDuration;

/// Meaningful contacts dropped to a fraction of the usual rate, by more than chance.
pub(crate) fn fewer_meaningful_contacts(ctx: &Ctx<'_, '_>) -> Option<Signal> {
    if ctx.restful_solitude {
        return None;
    }
    let s = ctx.settings;
    let (mut recent_days, mut base) = (vec![], 0usize);
    for i in ctx.history.interactions.iter().filter(|i| i.meaningful) {
        let Some(day) = ctx.day_of(i.at) else { continue };
        if ctx.recent.contains(day) {
            recent_days.push(day);
        } else if ctx.baseline.contains(day) {
            base += 1;
        }
    }
    let recent = recent_days.len() as f64;
    let base_per_day = base as f64 / ctx.baseline.len().max(1) as f64;
    let expected = base_per_day * ctx.recent.len() as f64;
    let raised = base_per_day * 7.0 >= s.contacts_min_baseline_per_week
        && recent <= expected * s.contacts_drop_to
        && at_most(recent_days.len(), expected) <= s.max_chance;
    if !raised {
        return None;
    }
    let text = format!(
        "{} meaningful contacts in {}; at your usual rate from {} it would have been about {}. \
         Even one short call counts.",
        recent_days.len(),
        ctx.recent_words(),
        ctx.baseline_words(),
        expected.round()
    );
    Some(Signal {
        kind: SignalKind::FewerMeaningfulContacts,
        since: ctx.recent.from_date(),
        evidence: Evidence {
            recent: Window::new(ctx.recent, count(recent_days.len()), None),
            baseline: Window::new(ctx.baseline, count(base), None),
            dates: dates(recent_days),
            tags: vec![],
            plan_ids: vec![],
        },
        text,
    })
}

/// More messages left without a reply than usual, on more days than chance explains.
pub(crate) fn unanswered_messages(ctx: &Ctx<'_, '_>) -> Option<Signal> {
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
        && at_least(days.len(), recent_len, usual) <= s.max_chance;
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
    Some(Signal {
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
    })
}

/// A larger share of rated social time felt draining than usual.
pub(crate) fn draining_social_time(ctx: &Ctx<'_, '_>) -> Option<Signal> {
    let s = ctx.settings;
    let (mut recent_rated, mut base_rated, mut base_draining) = (0usize, 0usize, 0usize);
    let mut draining_days = vec![];
    for i in ctx.history.interactions {
        let Some(felt) = i.felt else { continue };
        let Some(day) = ctx.day_of(i.at) else { continue };
        let draining = felt.value() < 0;
        if ctx.recent.contains(day) {
            recent_rated += 1;
            if draining {
                draining_days.push(day);
            }
        } else if ctx.baseline.contains(day) {
            base_rated += 1;
            base_draining += usize::from(draining);
        }
    }
    let recent_draining = draining_days.len();
    let tally = Tally { recent: (recent_draining, recent_rated), baseline: (base_draining, base_rated) };
    let bar = Bar {
        min_answers: s.draining_min_rated,
        share: s.draining_share,
        rise: s.draining_rise,
        max_chance: s.max_chance,
    };
    if !tally.rose_past(&bar) {
        return None;
    }
    let evidence = Evidence {
        recent: Window::new(ctx.recent, count(recent_draining), Some(count(recent_rated))),
        baseline: Window::new(ctx.baseline, count(base_draining), Some(count(base_rated))),
        dates: dates(draining_days),
        tags: vec![],
        plan_ids: vec![],
    };
    let text = format!(
        "{recent_draining} of {recent_rated} rated times with people in {} felt draining; in {} it was \
         {base_draining} of {base_rated}. It may help to lean toward the people who lift you for a while.",
        ctx.recent_words(),
        ctx.baseline_words()
    );
    Some(Signal { kind: SignalKind::DrainingSocialTime, since: *evidence.dates.first()?, evidence, text })
}

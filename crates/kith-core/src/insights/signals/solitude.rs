//! Time alone. `unrestorative_alone_time` is raised when time alone stops restoring the
//! person; and time alone that does restore, with a steady mood, is what keeps a quiet,
//! happy life from being called withdrawal: an introvert who is fine is left in peace.

use super::chance::{Bar, Tally};
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use crate::insights::days::day_number;

/// Recent check-ins say time alone restores and mood is steady, and neither is worse than
/// in the baseline: a quiet life that still feels as good as it did is the person's choice.
/// When time alone restores less, or mood sank, a quieter life is no longer taken as chosen.
pub(crate) fn is_restful(ctx: &Ctx<'_, '_>) -> bool {
    let s = ctx.settings;
    let Some((restored, mood, answers)) = feel(ctx, ctx.recent) else { return false };
    let steady_now = answers >= usize::try_from(s.alone_min_answers).unwrap_or(usize::MAX)
        && restored >= s.restored_share
        && mood >= s.steady_mood_at_least;
    let no_worse = feel(ctx, ctx.baseline).is_none_or(|(was_restored, was_mood, _)| {
        restored >= was_restored - s.restful_max_fall && mood >= was_mood - s.restful_max_mood_fall
    });
    steady_now && no_worse
}

/// The share of answers saying time alone restored, the mean mood, and how many answers,
/// over the check-ins in `range`.
fn feel(ctx: &Ctx<'_, '_>, range: crate::insights::days::DayRange) -> Option<(f64, f64, usize)> {
    let checkins: Vec<_> =
        ctx.history.checkins.iter().filter(|c| range.contains(day_number(c.date))).collect();
    let answers: Vec<bool> = checkins.iter().filter_map(|c| c.alone.restored).collect();
    if answers.is_empty() || checkins.is_empty() {
        return None;
    }
    let restored = answers.iter().filter(|r| **r).count() as f64 / answers.len() as f64;
    let mood = checkins.iter().map(|c| c.mood.get() as f64).sum::<f64>() / checkins.len() as f64;
    Some((restored, mood, answers.len()))
}

/// A larger share of check-ins than usual say time alone did not restore.
pub(crate) fn unrestorative_alone_time(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    let s = ctx.settings;
    let (mut recent_answers, mut base_answers, mut base_not) = (0usize, 0usize, 0usize);
    let mut not_days = vec![];
    for c in ctx.history.checkins {
        let Some(restored) = c.alone.restored else { continue };
        let day = day_number(c.date);
        if ctx.recent.contains(day) {
            recent_answers += 1;
            if !restored {
                not_days.push(day);
            }
        } else if ctx.baseline.contains(day) {
            base_answers += 1;
            base_not += usize::from(!restored);
        }
    }
    let recent_not = not_days.len();
    let tally = Tally { recent: (recent_not, recent_answers), baseline: (base_not, base_answers) };
    let bar = Bar {
        min_answers: s.alone_min_answers,
        share: s.alone_unrestored_share,
        rise: s.alone_rise,
        max_chance: ctx.weak,
    };
    let chance = tally.rose_past(&bar)?;
    let evidence = Evidence {
        recent: Window::new(ctx.recent, count(recent_not), Some(count(recent_answers))),
        baseline: Window::new(ctx.baseline, count(base_not), Some(count(base_answers))),
        dates: dates(not_days),
        tags: vec![],
        plan_ids: vec![],
    };
    let text = format!(
        "On {recent_not} of {recent_answers} check-ins in {}, time alone did not feel restful; in {} it was \
         {base_not} of {base_answers}. Rest that does not restore can mean it is time for a little company.",
        ctx.recent_words(),
        ctx.baseline_words()
    );
    let signal =
        Signal { kind: SignalKind::UnrestorativeAloneTime, since: *evidence.dates.first()?, evidence, text };
    Some(Candidate { signal, chance })
}

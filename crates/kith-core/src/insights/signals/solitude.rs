//! Time alone. `unrestorative_alone_time` is raised when time alone stops restoring the
//! person; and time alone that does restore, with a steady mood, is what keeps a quiet,
//! happy life from being called withdrawal (DESIGN.md "An introvert who is fine").

use super::chance::{Bar, Tally};
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use crate::insights::days::day_number;

/// Recent check-ins say time alone restores, and mood is steady.
pub(crate) fn is_restful(ctx: &Ctx<'_, '_>) -> bool {
    let s = ctx.settings;
    let recent: Vec<_> =
        ctx.history.checkins.iter().filter(|c| ctx.recent.contains(day_number(c.date))).collect();
    let answers: Vec<bool> = recent.iter().filter_map(|c| c.alone.restored).collect();
    if answers.is_empty() || recent.is_empty() {
        return false;
    }
    let restored = answers.iter().filter(|r| **r).count() as f64 / answers.len() as f64;
    let mood = recent.iter().map(|c| c.mood.get() as f64).sum::<f64>() / recent.len() as f64;
    answers.len() >= usize::try_from(s.alone_min_answers).unwrap_or(usize::MAX)
        && restored >= s.restored_share
        && mood >= s.steady_mood_at_least
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

//! `dropped_activities`: activity tags that came up most weeks before and not at all in the
//! recent window, for longer than chance explains. A weekly habit is noticed after about
//! three weeks without it; a patchier one takes longer.

use super::chance::usual_share;
use super::{Candidate, Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use crate::insights::days::date_of;
use crate::insights::join_names;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct TagTally {
    weeks: BTreeSet<i64>,
    count: usize,
    last: i64,
    recent: usize,
}

pub(crate) fn dropped_activities(ctx: &Ctx<'_, '_>) -> Option<Candidate> {
    if ctx.restful_solitude {
        return None;
    }
    let s = ctx.settings;
    let mut tags: BTreeMap<&str, TagTally> = BTreeMap::new();
    for i in ctx.history.interactions.iter().filter(|i| !i.tags.is_empty()) {
        let Some(day) = ctx.day_of(i.at) else { continue };
        let (in_recent, in_base) = (ctx.recent.contains(day), ctx.baseline.contains(day));
        if !in_recent && !in_base {
            continue;
        }
        for tag in &i.tags {
            let t = tags.entry(tag.as_str()).or_default();
            if in_recent {
                t.recent += 1;
            } else {
                t.count += 1;
                t.weeks.insert((day - ctx.baseline.first) / 7);
                t.last = t.last.max(day);
            }
        }
    }
    let min_weeks = usize::try_from(s.activity_min_weeks.max(1)).unwrap_or(usize::MAX);
    // Each regular habit that stopped, with the chance it would have gone quiet this long.
    let stopped: Vec<(&str, &TagTally, f64)> = tags
        .iter()
        .filter(|(_, t)| t.recent == 0 && t.weeks.len() >= min_weeks)
        .filter_map(|(name, t)| {
            // Weeks from the one it first came up in to the one it last came up in.
            let span = t.weeks.last().zip(t.weeks.first()).map_or(0, |(l, f)| l - f);
            let active = usize::try_from(span + 1).unwrap_or(1);
            let chance = quiet_chance(ctx, t, usual_share(t.weeks.len(), active));
            (t.weeks.len() as f64 / active as f64 >= s.activity_regular_share && chance <= s.max_chance)
                .then_some((*name, t, chance))
        })
        .collect();
    let chance = stopped.iter().map(|(_, _, c)| *c).fold(0.0, f64::max);
    let dropped: Vec<(&str, &TagTally)> = stopped.iter().map(|(name, t, _)| (*name, *t)).collect();
    let base_count: usize = dropped.iter().map(|(_, t)| t.count).sum();
    let since = dropped.iter().map(|(_, t)| t.last + 1).min()?;
    let names: Vec<String> = dropped.iter().map(|(n, _)| (*n).to_owned()).collect();
    let text = format!(
        "{} came up most weeks in {} and not at all in {}. If you miss {}, a small first step back could help.",
        join_names(&names),
        ctx.baseline_words(),
        ctx.recent_words(),
        if names.len() == 1 { "it" } else { "them" }
    );
    let signal = Signal {
        kind: SignalKind::DroppedActivities,
        since: date_of(since),
        evidence: Evidence {
            recent: Window::new(ctx.recent, 0, None),
            baseline: Window::new(ctx.baseline, count(base_count), None),
            dates: dates(dropped.iter().map(|(_, t)| t.last).collect()),
            tags: names,
            plan_ids: vec![],
        },
        text,
    };
    Some(Candidate { signal, chance })
}

/// The chance that a habit kept in a share `weekly` of weeks would miss every week since it
/// last came up; days away and logging lapses do not count as weeks missed.
fn quiet_chance(ctx: &Ctx<'_, '_>, t: &TagTally, weekly: f64) -> f64 {
    let today = ctx.recent.last;
    let observed = (t.last + 1..=today).filter(|d| !ctx.unobserved.contains(*d)).count();
    (1.0 - weekly).powi(i32::try_from(observed / 7).unwrap_or(i32::MAX))
}

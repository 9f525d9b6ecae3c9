//! `dropped_activities`: activity tags that came up most weeks before and not at all in the
//! recent window.

use super::{Ctx, Evidence, Signal, SignalKind, Window, count, dates};
use crate::insights::days::{date_of, day_number};
use crate::insights::join_names;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct TagTally {
    weeks: BTreeSet<i64>,
    count: usize,
    last: i64,
    recent: usize,
}

pub(crate) fn dropped_activities(ctx: &Ctx<'_, '_>) -> Option<Signal> {
    if ctx.restful_solitude {
        return None;
    }
    let s = ctx.settings;
    let base_weeks = (ctx.baseline.len() + 6) / 7;
    if base_weeks < 2 {
        return None;
    }
    let mut tags: BTreeMap<&str, TagTally> = BTreeMap::new();
    for i in ctx.history.interactions.iter().filter(|i| !i.tags.is_empty()) {
        let day = day_number(i.at.local_date());
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
    let ratio = ctx.recent.len() as f64 / ctx.baseline.len().max(1) as f64;
    let dropped: Vec<(&str, &TagTally)> = tags
        .iter()
        .filter(|(_, t)| t.recent == 0)
        .filter(|(_, t)| t.weeks.len() as f64 / base_weeks as f64 >= s.activity_regular_share)
        .filter(|(_, t)| t.count as f64 * ratio >= s.activity_min_expected)
        .map(|(name, t)| (*name, t))
        .collect();
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
    Some(Signal {
        kind: SignalKind::DroppedActivities,
        since: date_of(since),
        evidence: Evidence {
            recent: Window::new(ctx.recent, 0, None),
            baseline: Window::new(ctx.baseline, count(base_count), None),
            dates: dates(dropped.iter().map(|(_, t)| t.last).collect()),
            tags: names,
        },
        text,
    })
}

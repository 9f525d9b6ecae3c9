//! Withdrawal signals. Each compares the recent window with the person's
//! own baseline (the weeks just before it), never with other people, and carries its
//! evidence: dates, counts, baseline against recent, and a plain sentence. With too little
//! history nothing is raised. These are signals, never a verdict about the person.

mod activities;
mod chance;
mod contact;
mod fewer;
mod flaking;
mod ladder;
mod lapse;
mod solitude;

pub use lapse::Lapse;

use crate::AwayDays;
use crate::insights::History;
use crate::insights::days::{DayRange, day_number};
use crate::insights::round2;
use crate::insights::support::{SupportCard, support_card};
use crate::settings::{Settings, SignalSettings};
use jiff::Zoned;
use jiff::civil::Date;
use serde::Serialize;

/// The kinds of signal. The ids are a stable contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    LateCancellations,
    FewerMeaningfulContacts,
    UnansweredMessages,
    UnrestorativeAloneTime,
    DrainingSocialTime,
    DroppedActivities,
    StepsAbandoned,
}

impl SignalKind {
    /// The stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::LateCancellations => "late_cancellations",
            SignalKind::FewerMeaningfulContacts => "fewer_meaningful_contacts",
            SignalKind::UnansweredMessages => "unanswered_messages",
            SignalKind::UnrestorativeAloneTime => "unrestorative_alone_time",
            SignalKind::DrainingSocialTime => "draining_social_time",
            SignalKind::DroppedActivities => "dropped_activities",
            SignalKind::StepsAbandoned => "steps_abandoned",
        }
    }
}

/// What happened in one window: how many, out of how many, and the rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub from: Date,
    pub to: Date,
    pub days: u32,
    /// How many of the things the signal counts.
    pub count: u32,
    /// Out of how many, where the signal is a share (plans, check-ins, rated interactions).
    pub out_of: Option<u32>,
    /// `count` per 7 days.
    pub per_week: f64,
    /// `count / out_of`, where there is an `out_of`.
    pub share: Option<f64>,
}

impl Window {
    pub(crate) fn new(range: DayRange, count: u32, out_of: Option<u32>) -> Self {
        let days = u32::try_from(range.len()).unwrap_or(0);
        let per_week = if days == 0 { 0.0 } else { f64::from(count) * 7.0 / f64::from(days) };
        let share = out_of.filter(|n| *n > 0).map(|n| round2(f64::from(count) / f64::from(n)));
        Self {
            from: range.from_date(),
            to: range.to_date(),
            days,
            count,
            out_of,
            per_week: round2(per_week),
            share,
        }
    }
}

/// Why a signal was raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub recent: Window,
    pub baseline: Window,
    /// The days that show it (the late cancellations, the unrestful days, the last time
    /// each dropped activity happened...).
    pub dates: Vec<Date>,
    /// For dropped activities: which ones.
    pub tags: Vec<String>,
    /// For late cancellations: the plans, so they can be shown.
    pub plan_ids: Vec<crate::PlanId>,
}

impl Evidence {
    /// Whether the evidence holds something to show: a baseline to compare with, and
    /// either days in the recent window or a difference from the baseline.
    pub fn is_substantive(&self) -> bool {
        self.baseline.days > 0
            && self.recent.days > 0
            && (!self.dates.is_empty() || self.recent.count != self.baseline.count)
    }
}

/// One signal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    /// The first day it shows.
    pub since: Date,
    pub evidence: Evidence,
    /// One plain, kind sentence.
    pub text: String,
}

/// The signals raised as of a day, before the support card is added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    pub enough_history: bool,
    /// The latest run of days with nothing logged, when it reaches into the recent window.
    pub lapse: Option<Lapse>,
    /// Local days from the first record to today.
    pub history_days: u32,
    pub signals: Vec<Signal>,
}

/// What `kith signals` shows: the signals and, when the check-ins call for it, the support
/// card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalReport {
    pub enough_history: bool,
    /// Days with nothing logged lately, named rather than counted as zero contacts.
    pub lapse: Option<Lapse>,
    pub history_days: u32,
    pub signals: Vec<Signal>,
    pub support: Option<SupportCard>,
    /// A plain summary sentence.
    pub text: String,
}

/// The windows every rule compares, and what they read.
pub(crate) struct Ctx<'h, 'a> {
    pub history: &'h History<'a>,
    pub settings: &'h SignalSettings,
    pub now: &'h Zoned,
    pub recent: DayRange,
    pub baseline: DayRange,
    /// Time alone restores the person and mood is steady: fewer contacts is their choice.
    pub restful_solitude: bool,
    /// The first local day with any record.
    pub first_day: i64,
    /// Days left out of every comparison: marked away, or inside a logging lapse.
    pub unobserved: AwayDays,
    /// The chance up to which a rule offers its evidence for combining with others
    /// (`signals.combine_each_max_chance`, or its own bar when that is looser).
    pub weak: f64,
}

/// What [`Ctx::split`] counted: the recent hits, and how many in each window.
pub(crate) struct Split<'i, T> {
    pub hits: Vec<&'i (i64, bool, T)>,
    pub recent: usize,
    pub baseline: usize,
    pub baseline_hits: usize,
}

impl<T> Split<'_, T> {
    /// The days of the recent hits.
    pub fn days(&self) -> Vec<i64> {
        self.hits.iter().map(|(day, _, _)| *day).collect()
    }

    /// Hits out of all, recently and in the baseline.
    pub fn tally(&self) -> chance::Tally {
        chance::Tally {
            recent: (self.hits.len(), self.recent),
            baseline: (self.baseline_hits, self.baseline),
        }
    }
}

/// A rule's finding, with the chance that ordinary variation would give it.
pub(crate) struct Candidate {
    pub signal: Signal,
    pub chance: f64,
}

impl Ctx<'_, '_> {
    /// The local day of `m` when it falls in the baseline or the recent window.
    pub fn day_of(&self, m: crate::Moment) -> Option<i64> {
        DayRange { first: self.baseline.first, last: self.recent.last }.day_of(m)
    }

    /// A window of `len` days ending today, and up to `baseline_days` before it (never before
    /// the first record): for the rules that look over more than one window.
    pub fn window(&self, len: u32, baseline_days: u32) -> (DayRange, DayRange) {
        let recent = DayRange::ending(self.recent.last, i64::from(len.max(1)));
        let first = (recent.first - i64::from(baseline_days)).max(self.first_day);
        (recent, DayRange { first, last: recent.first - 1 })
    }

    /// Counts `items` (a day, whether it is what the rule looks for, and what to show for
    /// it) in `recent` and in `baseline`, leaving out days away and logging lapses.
    pub fn split<'i, T>(
        &self,
        items: &'i [(i64, bool, T)],
        recent: DayRange,
        baseline: DayRange,
    ) -> Split<'i, T> {
        let mut out = Split { hits: vec![], recent: 0, baseline: 0, baseline_hits: 0 };
        for item in items.iter().filter(|(day, _, _)| !self.unobserved.contains(*day)) {
            let (day, hit, _) = item;
            if recent.contains(*day) {
                out.recent += 1;
                if *hit {
                    out.hits.push(item);
                }
            } else if baseline.contains(*day) {
                out.baseline += 1;
                out.baseline_hits += usize::from(*hit);
            }
        }
        out
    }

    /// "the last 2 weeks", "the last 10 days".
    pub fn recent_words(&self) -> String {
        format!("the last {}", span_words(self.recent.len()))
    }

    /// "the 8 weeks before".
    pub fn baseline_words(&self) -> String {
        format!("the {} before", span_words(self.baseline.len()))
    }
}

pub(crate) fn span_words(days: i64) -> String {
    match days {
        7 => "week".to_owned(),
        d if d % 7 == 0 => format!("{} weeks", d / 7),
        1 => "day".to_owned(),
        d => format!("{d} days"),
    }
}

/// Detects withdrawal signals as of `now`.
pub fn detect_signals(history: &History<'_>, settings: &SignalSettings, now: &Zoned) -> Detection {
    let today = day_number(now.date());
    let first = history.first_record_day(today);
    let history_days = first.map_or(0, |f| today - f + 1);
    let recent = DayRange::ending(today, i64::from(settings.recent_days.max(1)));
    let enough_history = history_days >= i64::from(settings.min_history_days.max(settings.recent_days + 7));
    let history_days = u32::try_from(history_days).unwrap_or(u32::MAX);
    let away = AwayDays::of(history.away);
    let mut unobserved = away.clone();
    let lapse = first.and_then(|first| {
        let range = DayRange::ending(today, i64::from(settings.span_days()));
        let runs =
            lapse::lapses(history, &away, range, first, settings.lapse_min_days, settings.lapse_max_chance);
        for run in &runs {
            unobserved.add(run.first, run.last);
        }
        lapse::latest_lapse(&runs, &away, today, settings.recent_days)
    });
    let Some(first) = first.filter(|_| enough_history) else {
        return Detection { enough_history: false, lapse, history_days, signals: vec![] };
    };
    let len = i64::from(settings.baseline_days).min(recent.first - first);
    let baseline = DayRange { first: recent.first - len, last: recent.first - 1 };
    let mut ctx = Ctx {
        history,
        settings,
        now,
        recent,
        baseline,
        restful_solitude: false,
        first_day: first,
        unobserved,
        weak: settings.combine_each_max_chance.max(settings.max_chance).max(settings.late_max_chance),
    };
    ctx.restful_solitude = solitude::is_restful(&ctx);
    let candidates: Vec<Candidate> = [
        flaking::late_cancellations(&ctx),
        fewer::fewer_meaningful_contacts(&ctx),
        contact::unanswered_messages(&ctx),
        solitude::unrestorative_alone_time(&ctx),
        contact::draining_social_time(&ctx),
        activities::dropped_activities(&ctx),
        ladder::steps_abandoned(&ctx),
    ]
    .into_iter()
    .flatten()
    .filter(|c| c.signal.evidence.is_substantive())
    .collect();
    let signals = combine(candidates, settings);
    Detection { enough_history, lapse, history_days, signals }
}

/// The signals raised from the rules' findings: each that is unusual enough on its own, and
/// all of those that together are unusual enough (Fisher's method), since fewer contacts,
/// late cancellations, time alone that does not restore and draining time say more together
/// than each alone. Dropped activities and steps let go stand on their own.
fn combine(candidates: Vec<Candidate>, s: &SignalSettings) -> Vec<Signal> {
    let own_bar = |k: SignalKind| match k {
        SignalKind::FewerMeaningfulContacts => s.contacts_max_chance,
        SignalKind::LateCancellations => s.late_max_chance,
        _ => s.max_chance,
    };
    let joins = |k: SignalKind| !matches!(k, SignalKind::DroppedActivities | SignalKind::StepsAbandoned);
    let joining: Vec<f64> = candidates.iter().filter(|c| joins(c.signal.kind)).map(|c| c.chance).collect();
    let together = joining.len() >= 2 && chance::combined(&joining) <= s.combined_max_chance;
    candidates
        .into_iter()
        .filter_map(|c| {
            if c.chance <= own_bar(c.signal.kind) {
                Some(c.signal)
            } else if together && joins(c.signal.kind) {
                let mut signal = c.signal;
                signal.text.push_str(" On its own this could be chance; together with the other signals here, it is less likely to be.");
                Some(signal)
            } else {
                None
            }
        })
        .collect()
}

/// Signals plus the support card, as `kith signals` shows them.
pub fn signal_report(history: &History<'_>, settings: &Settings, now: &Zoned) -> SignalReport {
    let d = detect_signals(history, &settings.signals, now);
    let support = support_card(history, &settings.support, &settings.support_contacts, now);
    let text = if !d.enough_history {
        format!(
            "Not enough history yet: signals start after {} days of records (you have {}). Nothing is raised until then.",
            settings.signals.min_history_days, d.history_days
        )
    } else if d.signals.is_empty() {
        "No signals: compared with your own usual weeks, nothing stands out.".to_owned()
    } else {
        format!(
            "{} compared with your own usual weeks. Signals are things to notice, not verdicts.",
            match d.signals.len() {
                1 => "One thing stands out".to_owned(),
                n => format!("{n} things stand out"),
            }
        )
    };
    SignalReport {
        enough_history: d.enough_history,
        lapse: d.lapse,
        history_days: d.history_days,
        signals: d.signals,
        support,
        text,
    }
}

/// Sorted, distinct dates from day numbers.
pub(crate) fn dates(mut days: Vec<i64>) -> Vec<Date> {
    days.sort_unstable();
    days.dedup();
    days.into_iter().map(crate::insights::days::date_of).collect()
}

pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;

//! Every number behind every insight, with its reasoning: each is a documented default the
//! person can change in a TOML file, never a hidden constant, and `kith config show` prints
//! the values in force. Each section has `#[serde(default)]`, so a file that sets one number
//! keeps the rest.
//!
//! The rules read these values defensively: a zero window or a negative weight never panics,
//! it is clamped to the nearest sensible value.

use crate::DayStart;
use serde::{Deserialize, Serialize};

/// All the numbers behind the insights, by rule. See `docs/insights.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// People to reach when things feel heavy, each as "NAME: how to reach", for example
    /// "Dr Okafor: 020 7946 0958". The support card lists them exactly as written.
    pub support_contacts: Vec<String>,
    /// When a new day begins, for one a day, check-ins and the report.
    pub day: DaySettings,
    /// The connection map: who lifts you, who drains you, and how often you see them.
    pub map: MapSettings,
    /// The weekly connection score.
    pub score: ScoreSettings,
    /// One meaningful connection a day.
    pub one_a_day: OneADaySettings,
    /// Planned social load against the social battery.
    pub capacity: CapacitySettings,
    /// Withdrawal signals, each against the person's own baseline.
    pub signals: SignalSettings,
    /// When to suggest talking to a professional.
    pub support: SupportSettings,
    /// Who to reach out to today.
    pub reach_out: ReachOutSettings,
    /// The weekly or monthly report.
    pub report: ReportSettings,
    /// The re-engagement ladder: when a step is comfortable or mastered, and when let-go
    /// tries become a signal (docs/ladder.md).
    pub ladder: LadderSettings,
    /// Today's suggestions: small ideas from the person's own records.
    pub suggestions: SuggestionSettings,
}

impl Settings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            support_contacts: Vec::new(),
            day: DaySettings::defaults(),
            map: MapSettings::defaults(),
            score: ScoreSettings::defaults(),
            one_a_day: OneADaySettings::defaults(),
            capacity: CapacitySettings::defaults(),
            signals: SignalSettings::defaults(),
            support: SupportSettings::defaults(),
            reach_out: ReachOutSettings::defaults(),
            report: ReportSettings::defaults(),
            ladder: LadderSettings::defaults(),
            suggestions: SuggestionSettings::defaults(),
        }
    }
}

impl Settings {
    /// The longest stretch of past days any rule reads records from, plus two days for
    /// records kept with another UTC offset. A caller may read only this window and pass the
    /// few older facts the rules still need as [`Earlier`](crate::Earlier); the answers are
    /// the same as from the whole history.
    pub fn lookback_days(&self) -> u32 {
        let windows = [
            self.map.window_days,
            self.reach_out.rhythm_window_days,
            self.signals.span_days(),
            self.signals.min_history_days,
            self.support.recent_days.saturating_add(self.support.stays_days),
            self.report.week_days.saturating_mul(2),
            self.report.month_days.saturating_mul(2),
            self.report.reciprocity_days,
            self.report.mood_links_days.saturating_add(1),
            self.score.weeks_shown.saturating_add(1).saturating_mul(7),
            self.capacity.checkin_days,
            self.suggestions.window_days,
            self.suggestions.narrow_days.saturating_mul(2),
            64,
        ];
        windows.into_iter().max().unwrap_or(0).saturating_add(2)
    }
}

// `Default` exists only so serde can fill in missing sections; it is the documented defaults.
impl Default for Settings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// Where one day ends and the next begins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaySettings {
    /// The local time ("HH:MM", 00:00 to 12:00) from which a new day counts. A call at 00:30
    /// belongs to the evening before: it counts toward that day's one a day, a check-in typed
    /// then is for that day, and the report puts it there. Four in the morning: late enough
    /// for a late night, early enough that nobody's morning begins before it. A design choice.
    pub starts_at: DayStart,
}

impl DaySettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self { starts_at: DayStart::hour(4) }
    }
}

impl Default for DaySettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// The connection map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapSettings {
    /// Days of history the map looks at. Ninety days covers a season: long enough to see
    /// people you meet monthly three times, short enough to follow how things change.
    /// A design choice.
    pub window_days: u32,
    /// How fast old ratings fade: a rating this many days old counts half as much as one
    /// from today, so the map follows how time with someone feels now. A design choice.
    pub half_life_days: u32,
    /// Fewer rated interactions than this and the person is "not enough to say" rather
    /// than guessed from one evening. A design choice.
    pub min_rated: u32,
    /// Interactions per month from which contact counts as frequent. Four a month is about
    /// weekly. A design choice.
    pub frequent_per_month: f64,
    /// A weighted mean feeling (-2 draining .. +2 energising) below this counts as draining.
    /// At 0, neutral people are never called draining.
    pub draining_below: f64,
    /// Days of history (from the first record) before the map suggests seeing anyone less.
    /// Four weeks: a first fortnight may be a visit, a move or a crisis, and advice to pull
    /// back from someone should rest on more than that. A design choice.
    pub min_history_days: u32,
}

impl MapSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            window_days: 90,
            half_life_days: 30,
            min_rated: 3,
            frequent_per_month: 4.0,
            draining_below: 0.0,
            min_history_days: 28,
        }
    }
}

impl Default for MapSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// The weekly connection score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreSettings {
    /// Weight of time together in person: the reference. In person is at least as good as
    /// a voice call: quality over quantity.
    pub in_person: f64,
    /// Weight of a voice call. Hearing each other bonds more than text and is not more
    /// awkward (Kumar & Epley 2021); a call after stress had effects close to being together
    /// in one small study (Seltzer et al. 2010, 61 girls and their mothers).
    pub voice: f64,
    /// Weight of a video call: the same as voice, because the research points at hearing a
    /// voice, not seeing a face, as what matters (Kumar & Epley 2021).
    pub video: f64,
    /// Weight of messages. In one small study, messaging after stress did not bring the
    /// hormonal response that talking did (Seltzer et al. 2012); the exact number is a
    /// design choice.
    pub text: f64,
    /// Weight of social media contact (likes, comments): the lightest touch. A design choice.
    pub social: f64,
    /// Length of a "standard" interaction, in minutes: one this long scores its full weight.
    pub reference_minutes: u32,
    /// The least a short interaction counts for, as a share of its weight (a five-minute
    /// call still counts).
    pub min_duration_factor: f64,
    /// The most a long interaction counts for, as a multiple of its weight: diminishing
    /// returns, since the square root of the length is used. A design choice.
    pub max_duration_factor: f64,
    /// How much how it felt changes the score, per point of feeling (-2..+2): at 0.25, an
    /// energising (+2) hour counts 1.5 times, a draining (-2) one half.
    pub felt_weight: f64,
    /// Points for one standard, neutral, in-person interaction, so scores read as whole
    /// numbers.
    pub points: f64,
    /// This week within this share of last week (same weekdays) counts as steady.
    pub steady_band: f64,
    /// How many weeks of scores to return for charts.
    pub weeks_shown: u32,
}

impl ScoreSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            in_person: 1.0,
            voice: 0.8,
            video: 0.8,
            text: 0.35,
            social: 0.15,
            reference_minutes: 30,
            min_duration_factor: 0.4,
            max_duration_factor: 2.0,
            felt_weight: 0.25,
            points: 10.0,
            steady_band: 0.15,
            weeks_shown: 8,
        }
    }
}

impl Default for ScoreSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// One meaningful connection a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OneADaySettings {
    /// Quiet days in a row that do not break a streak. One missed day is life, not failure;
    /// a streak that breaks on the first miss teaches people to give up. A design choice.
    pub grace_days: u32,
    /// Runs of days, counted as for the streak, that `kith log` acknowledges in words when a
    /// connection logged reaches one: a week first, then ever wider gaps, so that an
    /// acknowledgement stays rare enough to mean something. A design choice.
    pub milestones_days: Vec<u32>,
}

impl OneADaySettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self { grace_days: 1, milestones_days: vec![7, 14, 30, 60, 100, 200, 365] }
    }

    /// How many days back a reader must look to tell whether a milestone was just reached: a
    /// run of the largest milestone spans at most that many counted days, each followed by
    /// up to `grace_days` quiet ones, plus today and a day for another UTC offset.
    pub fn milestone_window_days(&self) -> u32 {
        let largest = self.milestones_days.iter().copied().max().unwrap_or(0);
        largest
            .saturating_mul(self.grace_days.saturating_add(1))
            .saturating_add(self.grace_days)
            .saturating_add(2)
    }
}

impl Default for OneADaySettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// Capacity and saying no.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CapacitySettings {
    /// Days of check-ins whose social capacity is averaged: a week smooths one bad night.
    pub checkin_days: u32,
    /// Days of plans ahead that are weighed.
    pub horizon_days: u32,
    /// Plans a week a full social battery (5 of 5) can carry: about one a day. A lower
    /// battery carries proportionally fewer. A design choice.
    pub full_battery_plans_per_week: f64,
    /// Load of a plan to meet in person: the reference.
    pub load_in_person: f64,
    /// Load of a planned voice or video call: less than meeting, since there is no travel
    /// and it is easier to keep short. A design choice.
    pub load_call: f64,
    /// Load of a planned text or social media exchange. A design choice.
    pub load_online: f64,
    /// A day whose planned load reaches this is heavy, and the next free day is suggested
    /// for recovery.
    pub heavy_day_load: f64,
    /// A plan with at least this many other people is a large group: on a low battery it is
    /// among the first to suggest moving, after time that drains you. Four others: past a
    /// table of five, talk splits into several conversations to follow, and one person's
    /// absence changes the evening least. A design choice.
    pub large_group_at_least: u32,
}

impl CapacitySettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            checkin_days: 7,
            horizon_days: 7,
            full_battery_plans_per_week: 7.0,
            load_in_person: 1.0,
            load_call: 0.5,
            load_online: 0.2,
            heavy_day_load: 2.0,
            large_group_at_least: 4,
        }
    }
}

impl Default for CapacitySettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// Withdrawal signals. Every comparison is with the person's own
/// baseline: the weeks just before the recent window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignalSettings {
    /// The recent window, in days. Two weeks: long enough that one quiet weekend is not a
    /// pattern, short enough to notice a change within a fortnight.
    pub recent_days: u32,
    /// The baseline: at most this many days before the recent window. Eight weeks.
    pub baseline_days: u32,
    /// With less history than this (in days), nothing is raised: "not enough history yet".
    /// Never less than the recent window plus a week, so there is a baseline to compare.
    pub min_history_days: u32,
    /// A cancellation with less notice than this, in hours, is last-minute.
    pub last_minute_hours: u32,
    /// Last-minute cancellations (or plans missed) in the recent window before it is a
    /// signal, when their share also rose and chance would rarely give it. Two: someone with
    /// few plans who cancels the last two late, against a baseline with none, is worth
    /// noticing.
    pub late_min_count: u32,
    /// Late cancellations are also looked for over this many days ending today (besides the
    /// recent window), each against the baseline before it: someone with a plan or two a
    /// week needs about a month for a change in how plans go to show.
    pub late_long_window_days: u32,
    /// Late cancellations are compared with the plans of this many days before the window
    /// (or `baseline_days`, when that is longer): plans are few, and eight weeks of one or
    /// two a week hold too few to say how often plans usually fall through.
    pub late_baseline_days: u32,
    /// The share of recent plans cancelled late must exceed the baseline share by this.
    pub late_rate_rise: f64,
    /// Fewer meaningful contacts: the count in a window must be at most this share of what
    /// the usual pace would give. At 0.5, a quieter stretch (a deadline, a cold) stays
    /// ordinary; falling to a trickle does not.
    pub contacts_drop_to: f64,
    /// Fewer meaningful contacts is only judged when the baseline has at least this many a
    /// week; below it, even a month holds too few to tell change from chance.
    pub contacts_min_baseline_per_week: f64,
    /// The windows, in days ending today, in which fewer meaningful contacts is looked for;
    /// each is compared with the `baseline_days` before it. A week catches a sudden stop in
    /// someone who connects daily; four weeks are needed for someone who connects weekly.
    pub contacts_windows_days: Vec<u32>,
    /// A window is judged only when the usual pace would fill it with at least this many
    /// meaningful contacts: with fewer, silence is too ordinary to mean anything.
    pub contacts_min_expected: f64,
    /// The least week-to-week spread assumed, beyond chance (the negative binomial's
    /// dispersion: a week's variance is mean + spread x mean^2). Eight baseline weeks
    /// estimate a person's own spread roughly; this keeps an unusually even stretch from
    /// making the next quiet week look alarming. 0.1 is a week-to-week wobble of about a
    /// third. A design choice, tested on generated lives (docs/insights.md).
    pub contacts_spread_floor: f64,
    /// Fewer meaningful contacts is raised when the person's own ups and downs would give so
    /// few this rarely. Three in a thousand per window: with three overlapping windows judged
    /// daily, steady lives see under one flag a year in all (docs/insights.md).
    pub contacts_max_chance: f64,
    /// A change in a share (late cancellations, draining time, unrestful time alone,
    /// unanswered messages, steps let go) or a dropped activity is raised on its own only when
    /// ordinary variation around the person's own baseline would produce it less often than
    /// this. One in a thousand: week-to-week noise stays quiet, and a quiet, happy life is
    /// not flagged for the odd draining evening.
    pub max_chance: f64,
    /// Late cancellations are raised on their own at this chance: plans are few, so a bar
    /// as high as `max_chance` would wait too long, and steady lives rarely cross this one
    /// (docs/insights.md).
    pub late_max_chance: f64,
    /// Importers count a message as unanswered once it waited this many hours; interactions
    /// younger than this are left out, since they may still be answered.
    pub unanswered_after_hours: u32,
    /// Days in the recent window with messages left unanswered before it is a signal. Six
    /// of fourteen: messages pile up on many days, not one busy weekend (messages come in
    /// bursts, so days are counted, not messages).
    pub unanswered_min_days: u32,
    /// Unanswered messages per week must reach this multiple of the baseline rate.
    pub unanswered_rise_factor: f64,
    /// Check-ins that answered "did time alone restore you" needed in each window.
    pub alone_min_answers: u32,
    /// Recent share of answers saying time alone did not restore, before it is a signal.
    pub alone_unrestored_share: f64,
    /// ... and how far it must rise above the baseline share.
    pub alone_rise: f64,
    /// Draining time is also looked for over this many days ending today (besides the recent
    /// window), each against the baseline before it: someone who meets a friend or two a week
    /// rates too few evenings in a fortnight to tell a change from chance.
    pub draining_long_window_days: u32,
    /// Rated interactions needed in each window to judge how social time feels.
    pub draining_min_rated: u32,
    /// Recent share of rated interactions that felt draining, before it is a signal.
    pub draining_share: f64,
    /// ... and how far it must rise above the baseline share.
    pub draining_rise: f64,
    /// An activity tag is regular when it came up in at least this share of the baseline
    /// weeks from the first to the last week it came up in.
    pub activity_regular_share: f64,
    /// ... and in at least this many different weeks: a month of a habit before its stopping
    /// is noticed.
    pub activity_min_weeks: u32,
    /// Restful solitude is not withdrawal (an introvert who is fine): when at
    /// least this share of recent alone-time answers say it restored, and mood is steady,
    /// fewer contacts and dropped activities are not raised.
    pub restored_share: f64,
    /// ... where "mood is steady" means a recent mean mood (1-5) of at least this.
    pub steady_mood_at_least: f64,
    /// ... and only while the share of check-ins saying time alone restored has not fallen
    /// by more than this from the baseline: time alone that restores less is not a quiet
    /// life chosen.
    pub restful_max_fall: f64,
    /// ... nor the mean mood (1-5) by more than this.
    pub restful_max_mood_fall: f64,
    /// Ladder tries let go ("not this time") in the recent window before it is a signal.
    /// Letting one or two go is ordinary; three in two weeks is a pattern worth noticing.
    /// Someone not using the ladder has no tries, so this never concerns them.
    pub let_go_min_count: u32,
    /// ... and the recent share of finished tries let go must exceed the baseline share by
    /// this (the baseline needs tries of its own: no baseline, no signal).
    pub let_go_rise: f64,
    /// Days in a row with nothing logged and no check-in (outside days marked away) that are
    /// named as a logging lapse: "a quiet time, or just not written down?". Lapse days are
    /// left out of every comparison rather than counted as zero contacts. A week: a quiet
    /// weekend is ordinary, a silent week is more likely a gap in the record. A design choice.
    pub lapse_min_days: u32,
    /// ... and only when so long a silence would be this rare at the person's usual pace of
    /// logging (the share of days with a record in the weeks looked at). Someone who writes
    /// something most days has a lapse after a week; someone who logs twice a week only
    /// after about three. A design choice.
    pub lapse_max_chance: f64,
    /// A finding this unlikely under the person's usual pattern, though not unlikely enough
    /// on its own, is weighed together with the others: fewer contacts, late cancellations,
    /// unrestful time alone, draining time and unanswered messages. A design choice.
    pub combine_each_max_chance: f64,
    /// ... and they are all raised when together they would arise by chance at most this
    /// often (Fisher's method of combining independent tests).
    pub combined_max_chance: f64,
    /// The week-to-week spread assumed for someone before their own weeks say otherwise
    /// (see `contacts_spread_floor`); a person's own estimate is pulled toward it as if it
    /// were four more baseline weeks, since eight weeks alone estimate a spread roughly.
    /// 0.25 is a week-to-week wobble of about a half. A design choice.
    pub contacts_spread_prior: f64,
}

impl SignalSettings {
    /// The most days before today, today included, that any signal reads.
    pub fn span_days(&self) -> u32 {
        let longest = self.contacts_windows_days.iter().copied().max().unwrap_or(0);
        longest
            .max(self.recent_days)
            .max(self.late_long_window_days)
            .max(self.draining_long_window_days)
            .saturating_add(self.baseline_days.max(self.late_baseline_days))
    }

    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            recent_days: 14,
            baseline_days: 56,
            min_history_days: 28,
            last_minute_hours: 24,
            late_min_count: 2,
            late_rate_rise: 0.2,
            late_long_window_days: 28,
            late_baseline_days: 182,
            contacts_drop_to: 0.5,
            contacts_min_baseline_per_week: 0.75,
            contacts_windows_days: vec![14, 21, 28],
            contacts_min_expected: 3.0,
            contacts_spread_floor: 0.1,
            contacts_max_chance: 0.003,
            max_chance: 0.001,
            late_max_chance: 0.005,
            unanswered_after_hours: 48,
            unanswered_min_days: 6,
            unanswered_rise_factor: 2.0,
            alone_min_answers: 5,
            alone_unrestored_share: 0.6,
            alone_rise: 0.3,
            draining_long_window_days: 28,
            draining_min_rated: 5,
            draining_share: 0.4,
            draining_rise: 0.25,
            activity_regular_share: 0.75,
            activity_min_weeks: 4,
            restored_share: 0.6,
            steady_mood_at_least: 3.0,
            restful_max_fall: 0.3,
            restful_max_mood_fall: 0.5,
            let_go_min_count: 3,
            let_go_rise: 0.3,
            lapse_min_days: 7,
            lapse_max_chance: 0.01,
            combine_each_max_chance: 0.05,
            combined_max_chance: 0.001,
            contacts_spread_prior: 0.25,
        }
    }
}

impl Default for SignalSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// When the check-ins suggest talking to a professional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportSettings {
    /// Days of check-ins looked at. Two weeks, the span many screening questions ask about.
    pub recent_days: u32,
    /// Fewer check-ins than this in the window and nothing is said either way.
    pub min_checkins: u32,
    /// Sleep, eating, mood or motivation affected on at least this share of check-ins...
    pub affected_share: f64,
    /// ... and on at least this many days.
    pub affected_min_days: u32,
    /// A mood (1-5) at or below this is low.
    pub low_mood_at_most: u32,
    /// Mood low on more than this share of check-ins is "most days".
    pub low_mood_share: f64,
    /// ... and on at least this many days: with only a few check-ins, three low days of five
    /// happen by chance too often to speak of "most days".
    pub low_mood_min_days: u32,
    /// Days the card stays after the check-ins last called for it, when check-ins thin
    /// out: people who are struggling often stop checking in, and the card should not vanish
    /// exactly then. Two weeks, the span the card looks at. A design choice.
    pub stays_days: u32,
}

impl SupportSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            recent_days: 14,
            min_checkins: 5,
            affected_share: 0.5,
            affected_min_days: 5,
            low_mood_at_most: 2,
            low_mood_share: 0.5,
            low_mood_min_days: 5,
            stays_days: 14,
        }
    }
}

impl Default for SupportSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// Who to reach out to today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReachOutSettings {
    /// At most this many people a day: a short list gets acted on, a long one gets skipped.
    pub max_people: u32,
    /// Days of history used to learn someone's usual rhythm.
    pub rhythm_window_days: u32,
    /// Days with contact needed (in that window) before a rhythm is learned.
    pub min_contact_days: u32,
    /// Without a set cadence, someone is suggested once the gap since last contact reaches
    /// this multiple of their usual gap ("well past their usual rhythm").
    pub well_past_factor: f64,
    /// ... and at least this many days.
    pub min_days_since: u32,
    /// A social battery (0-5) at or below this is a low day: suggest a text.
    pub low_capacity_at_most: u32,
    /// At or below this (and above low) is a medium day: suggest a call. Above it: meet.
    pub medium_capacity_at_most: u32,
}

impl ReachOutSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            max_people: 3,
            rhythm_window_days: 365,
            min_contact_days: 4,
            well_past_factor: 2.0,
            min_days_since: 7,
            low_capacity_at_most: 1,
            medium_capacity_at_most: 3,
        }
    }
}

impl Default for ReachOutSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// The weekly or monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    /// Days in a "week" report (the last 7 local days, compared with the 7 before).
    pub week_days: u32,
    /// Days in a "month" report (the last 30 local days, compared with the 30 before).
    pub month_days: u32,
    /// Activity tags that mean the person gave support.
    pub giving_tags: Vec<String>,
    /// Activity tags that mean the person received support.
    pub getting_tags: Vec<String>,
    /// Days over which the report looks at who reached out first: four weeks, long enough
    /// that one busy week is not a pattern.
    pub reciprocity_days: u32,
    /// The report speaks of it only when who reached out first was noted (`--by me` or
    /// `--by them`) at least this many times in those days, and it was always the same side.
    pub reciprocity_min_noted: u32,
    /// Mood links look at this many days, each against the check-in of the day after.
    pub mood_links_days: u32,
    /// No link is looked for with fewer days that have a check-in the day after: kith says
    /// "not enough data yet" instead.
    pub mood_links_min_days: u32,
    /// A person, mode or activity is compared only with at least this many days with it and
    /// as many without it.
    pub mood_links_min_each: u32,
    /// ... and named only when the mood the day after is at least this much better on
    /// average (points of 1-5) ...
    pub mood_links_min_difference: f64,
    /// ... and the difference is at least this many standard errors (Welch's t): about what
    /// chance alone gives once in a hundred comparisons, stricter than the usual 2 because
    /// many people, modes and activities are compared at once.
    pub mood_links_min_t: f64,
    /// At most this many links are shown, the largest differences first.
    pub mood_links_max: u32,
}

impl ReportSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            week_days: 7,
            month_days: 30,
            giving_tags: vec!["helped".into(), "volunteer".into()],
            getting_tags: vec!["supported".into(), "got-help".into()],
            reciprocity_days: 28,
            reciprocity_min_noted: 6,
            mood_links_days: 90,
            mood_links_min_days: 14,
            mood_links_min_each: 5,
            mood_links_min_difference: 0.5,
            mood_links_min_t: 2.5,
            mood_links_max: 5,
        }
    }
}

impl Default for ReportSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

/// The re-engagement ladder (docs/ladder.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LadderSettings {
    /// A try whose felt anxiety (0-10) is at or below this was done comfortably. Three of
    /// ten: some nerves remain, and they no longer run the show. A design choice.
    pub comfortable_at_most: u32,
    /// A step is mastered once it has been done at least this many times, the last time
    /// comfortably and no more anxious than the time before: repetition with falling
    /// anxiety, as graded-step programmes aim for. A design choice.
    pub mastered_after: u32,
    /// A predicted anxiety (0-10) at or above this gets a gentle look back at how earlier
    /// predictions turned out, before the step.
    pub high_anxiety_at_least: u32,
    /// How many of the latest finished tries that look back covers.
    pub look_back_tries: u32,
    /// Quiet weeks (Monday to Sunday, no step done) that a ladder streak carries over
    /// without ending: one, because a week of illness, travel or a bad patch is ordinary,
    /// and a streak that breaks on it would shame the very gaps the ladder must forgive.
    /// Quiet weeks are never counted as streak weeks. A design choice.
    pub streak_grace_weeks: u32,
    /// Streak lengths, in weeks with a step done, that are acknowledged in words. Early
    /// ones come soon enough to encourage; the gaps then widen so an acknowledgement stays
    /// rare enough to mean something. Eight weeks is about the median time a new habit
    /// took to become automatic in Lally et al. 2010 (96 volunteers; median 66 days, range
    /// 18 to 254). A design choice.
    pub streak_milestones_weeks: Vec<u32>,
}

impl LadderSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            comfortable_at_most: 3,
            mastered_after: 2,
            high_anxiety_at_least: 7,
            look_back_tries: 10,
            streak_grace_weeks: 1,
            streak_milestones_weeks: vec![2, 4, 8, 12, 26, 52],
        }
    }
}

impl Default for LadderSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of settings lists every number in force, with its default, so a new
    /// setting cannot be left out of it.
    #[test]
    fn the_readme_lists_every_setting_with_its_default() {
        let readme = include_str!("../../../README.md");
        let json = serde_json::to_value(Settings::defaults()).expect("serialises");
        let sections = json.as_object().expect("an object");
        let mut missing = Vec::new();
        for (section, values) in sections {
            let Some(values) = values.as_object() else { continue };
            for (key, value) in values {
                let shown = match value {
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", "),
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) if n.is_f64() => format!("{:?}", n.as_f64().unwrap_or(0.0)),
                    other => other.to_string(),
                };
                let row = format!("| `{section}.{key}` | {shown} |");
                if !readme.contains(&row) {
                    missing.push(row);
                }
            }
        }
        assert!(missing.is_empty(), "rows missing from README.md's settings table: {missing:#?}");
    }

    #[test]
    fn a_partial_file_keeps_every_other_default() {
        let json = r#"{"one_a_day": {"grace_days": 2}, "signals": {"recent_days": 21}}"#;
        let s: Settings = serde_json::from_str(json).expect("valid");
        assert_eq!(s.one_a_day.grace_days, 2);
        assert_eq!(s.signals.recent_days, 21);
        assert_eq!(s.signals.baseline_days, 56);
        assert_eq!(s.map, MapSettings::defaults());
    }

    #[test]
    fn the_defaults_round_trip_through_toml() {
        let text = toml::to_string(&Settings::defaults()).expect("serialises");
        assert!(text.contains("[signals]"), "{text}");
        let back: Settings = toml::from_str(&text).expect("parses");
        assert_eq!(back, Settings::defaults());
        let partial: Settings = toml::from_str("[map]\nwindow_days = 60\n").expect("parses");
        assert_eq!(partial.map.window_days, 60);
        assert_eq!(partial.map.min_rated, 3);
    }

    #[test]
    fn video_weighs_as_much_as_voice_and_both_more_than_text() {
        let s = ScoreSettings::defaults();
        assert!(s.in_person >= s.voice && s.voice == s.video && s.video > s.text && s.text > s.social);
    }
}

/// Today's suggestions (docs/insights.md, "Suggestions"). Every person, activity and group a
/// suggestion names comes from the person's own records or from `groups` below.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SuggestionSettings {
    /// At most this many a day: one or two ideas get tried, a list gets skipped. On a
    /// low-battery day, and on a day the support card shows, at most one.
    pub max_per_day: u32,
    /// Days of records the suggestions read.
    pub window_days: u32,
    /// Someone "lifts you" when time with them has felt at least this on average (-2 to +2,
    /// recency-weighted as on the map, with at least `map.min_rated` ratings). Half a point
    /// above neutral: more often good than not.
    pub lifts_at_least: f64,
    /// Activity tags that are also self-care (`together_and_restful`): time for yourself and
    /// time together at once.
    pub restful_tags: Vec<String>,
    /// `together_and_restful` names someone only once this many days have passed since you
    /// last met them in person, so it never nags about someone you just saw.
    pub see_again_after_days: u32,
    /// `call_instead_of_text`: at least `texts_only_min` messages with someone who lifts you
    /// in this many days, and no call or meeting with them in the same days.
    pub texts_only_days: u32,
    /// ... this many messages at least.
    pub texts_only_min: u32,
    /// `balance_drain`: at least `drain_min_times` times rated draining (below zero) with
    /// one person in this many days.
    pub drain_days: u32,
    /// ... this many times at least: once is a bad day, twice is a stretch.
    pub drain_min_times: u32,
    /// `shared_activity`: no meaningful time in person with anyone in this many days ...
    pub quiet_days: u32,
    /// ... after at least this many meaningful times in person in the window: a step back
    /// towards something the person did before, not a new demand.
    pub quiet_min_before: u32,
    /// `give_support`: nothing tagged with one of `report.giving_tags` in this many days
    /// (and at least this many days of records, so a newcomer is not told so).
    pub giving_rare_days: u32,
    /// `join_a_group`: meaningful contact with at most `narrow_people_at_most` people in this
    /// many days, fewer than in the same number of days before.
    pub narrow_days: u32,
    /// ... this many people at most.
    pub narrow_people_at_most: u32,
    /// Groups and activities the person would like to join or go back to ("the choir",
    /// "Tuesday climbing"), for `join_a_group`. Empty: that kind never appears, since kith
    /// never invents a listing.
    pub groups: Vec<String>,
    /// "Not now" hides a kind of suggestion for this many days, today included.
    pub not_now_days: u32,
}

impl SuggestionSettings {
    /// The documented defaults.
    pub fn defaults() -> Self {
        Self {
            max_per_day: 2,
            window_days: 90,
            lifts_at_least: 0.5,
            restful_tags: [
                "walk", "hike", "coffee", "tea", "cooking", "yoga", "swim", "park", "garden", "class",
            ]
            .map(String::from)
            .to_vec(),
            see_again_after_days: 7,
            texts_only_days: 21,
            texts_only_min: 3,
            drain_days: 14,
            drain_min_times: 2,
            quiet_days: 14,
            quiet_min_before: 2,
            giving_rare_days: 30,
            narrow_days: 28,
            narrow_people_at_most: 2,
            groups: Vec::new(),
            not_now_days: 7,
        }
    }
}

impl Default for SuggestionSettings {
    fn default() -> Self {
        Self::defaults()
    }
}

//! The weekly connection score: quality over quantity. Each interaction
//! counts by mode, by length with diminishing returns, and by how it felt. Weeks start on
//! Monday, in local days.

use crate::insights::days::{DayRange, date_of, day_number};
use crate::insights::{History, round2};
use crate::settings::ScoreSettings;
use crate::{Interaction, Mode};
use jiff::Zoned;
use jiff::civil::Date;
use serde::Serialize;

/// One week's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekScore {
    /// The Monday the week starts on.
    pub week_start: Date,
    pub score: f64,
    pub interactions: u32,
}

/// Whether this week is going better or worse than last week by the same weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Steady,
    Down,
}

/// This week, last week, and the trend between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnectionScore {
    /// This week so far (Monday to today).
    pub this_week: WeekScore,
    /// All of last week.
    pub last_week: WeekScore,
    /// Last week from Monday to the same weekday and time of day as now: what "this week so
    /// far" is compared with, so a Tuesday is never measured against a whole week, nor a
    /// Friday morning against all of last Friday.
    pub last_week_same_days: f64,
    pub trend: Trend,
    /// The last weeks, oldest first, ending with this week.
    pub weeks: Vec<WeekScore>,
    pub text: String,
}

/// The points one interaction earns: `points × mode × length × feeling`.
pub fn interaction_points(i: &Interaction, s: &ScoreSettings) -> f64 {
    let mode = match i.mode {
        Mode::InPerson => s.in_person,
        Mode::Voice => s.voice,
        Mode::Video => s.video,
        Mode::Text => s.text,
        Mode::Social => s.social,
    }
    .max(0.0);
    // Square root: the first half hour matters more than the fourth (diminishing returns).
    let length = i.minutes.map_or(1.0, |m| {
        let ratio = m.get() as f64 / f64::from(s.reference_minutes.max(1));
        ratio.sqrt().clamp(s.min_duration_factor.max(0.0), s.max_duration_factor.max(s.min_duration_factor))
    });
    let felt = i.felt.map_or(1.0, |f| (1.0 + s.felt_weight * f.value() as f64).max(0.0));
    s.points * mode * length * felt
}

/// The score for this week so far, last week and the weeks before, as of `now`.
pub fn connection_score(history: &History<'_>, settings: &ScoreSettings, now: &Zoned) -> ConnectionScore {
    let today = day_number(now.date());
    let weekday = i64::from(now.date().weekday().to_monday_zero_offset());
    let this_monday = today - weekday;
    let weeks_shown = i64::from(settings.weeks_shown.max(2));
    let first = this_monday - 7 * (weeks_shown - 1);
    let mut scores = vec![(0.0_f64, 0_u32); usize::try_from(weeks_shown).unwrap_or(2)];
    let mut same_days = 0.0;
    // The same moment last week: on last week's matching weekday, only what came before it
    // counts, since this week's today is not over either.
    let same_day_last_week = this_monday - 7 + weekday;
    let week_ago = now.checked_sub(jiff::Span::new().weeks(1)).map_or(now.timestamp(), |z| z.timestamp());
    for i in history.interactions {
        let Some(day) = DayRange { first, last: today }.day_of(i.at) else { continue };
        let points = interaction_points(i, settings);
        if let Some(slot) = usize::try_from((day - first) / 7).ok().and_then(|w| scores.get_mut(w)) {
            slot.0 += points;
            slot.1 += 1;
        }
        if (this_monday - 7..same_day_last_week).contains(&day)
            || (day == same_day_last_week && i.at.timestamp() <= week_ago)
        {
            same_days += points;
        }
    }
    let weeks: Vec<WeekScore> = scores
        .iter()
        .enumerate()
        .map(|(n, (score, count))| WeekScore {
            week_start: date_of(first + 7 * n as i64),
            score: round2(*score),
            interactions: *count,
        })
        .collect();
    let pick = |back: usize| weeks.get(weeks.len().saturating_sub(back)).cloned();
    let empty = |start| WeekScore { week_start: date_of(start), score: 0.0, interactions: 0 };
    let this_week = pick(1).unwrap_or_else(|| empty(this_monday));
    let last_week = pick(2).unwrap_or_else(|| empty(this_monday - 7));
    let trend = trend(this_week.score, same_days, settings.steady_band);
    let text = describe(this_week.score, same_days, trend);
    ConnectionScore { this_week, last_week, last_week_same_days: round2(same_days), trend, weeks, text }
}

fn trend(now: f64, before: f64, band: f64) -> Trend {
    let band = band.max(0.0);
    if now > before * (1.0 + band) && now - before >= 1.0 {
        Trend::Up
    } else if now < before * (1.0 - band) && before - now >= 1.0 {
        Trend::Down
    } else {
        Trend::Steady
    }
}

fn describe(now: f64, before: f64, trend: Trend) -> String {
    let (now, before) = (now.round(), before.round());
    match trend {
        Trend::Up => format!("This week so far: {now} points, up from {before} by this day last week."),
        Trend::Steady => format!("This week so far: {now} points, about the same as by this day last week."),
        Trend::Down => format!(
            "This week so far: {now} points, against {before} by this day last week. Quieter weeks happen; \
             one call can change the picture."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;

    fn points(i: &Interaction) -> f64 {
        interaction_points(i, &ScoreSettings::defaults())
    }

    #[test]
    fn in_person_beats_a_call_which_beats_text_which_beats_social() {
        let sam = person("Sam");
        let by = |m| points(&met(&sam, today()).by(m));
        assert!(by(Mode::InPerson) > by(Mode::Voice));
        assert_eq!(by(Mode::Voice), by(Mode::Video));
        assert!(by(Mode::Video) > by(Mode::Text));
        assert!(by(Mode::Text) > by(Mode::Social));
    }

    #[test]
    fn longer_time_counts_more_but_with_diminishing_returns() {
        let sam = person("Sam");
        let (m30, m120) = (points(&met(&sam, today())), points(&met(&sam, today()).minutes(120)));
        assert!(m120 > m30, "{m120} vs {m30}");
        assert!(m120 < 4.0 * m30, "four times as long must not count four times");
        assert!(points(&met(&sam, today()).minutes(5)) > 0.0, "five minutes still counts");
    }

    #[test]
    fn how_it_felt_moves_the_score() {
        let sam = person("Sam");
        assert!(points(&met(&sam, today()).felt(2)) > points(&met(&sam, today())));
        assert!(points(&met(&sam, today()).felt(-2)) < points(&met(&sam, today())));
    }

    #[test]
    fn this_week_is_compared_with_last_week_up_to_the_same_weekday() {
        // now is Friday 2026-11-20; this week began Monday 16th.
        let sam = person("Sam");
        let mut log = vec![met(&sam, ago(1)), met(&sam, ago(2)), met(&sam, ago(3))];
        log.push(met(&sam, ago(8))); // last Thursday
        log.push(met(&sam, ago(6))); // last Saturday: after "this day last week"
        let people = [sam];
        let s = connection_score(&History::new(&people, &log, &[], &[]), &ScoreSettings::defaults(), &now());
        assert_eq!(s.this_week.week_start.to_string(), "2026-11-16");
        assert_eq!(s.this_week.interactions, 3);
        assert_eq!(s.last_week.interactions, 2);
        assert_eq!(s.last_week_same_days, 10.0);
        assert_eq!(s.trend, Trend::Up);
        assert_eq!(s.weeks.len(), 8);
    }

    #[test]
    fn a_friday_evening_is_compared_with_last_week_up_to_the_same_hour() {
        // now is Friday 18:00: last Friday's lunch counts, last Friday's late dinner not yet.
        let sam = person("Sam");
        let mut dinner = met(&sam, ago(7));
        dinner.at = at(ago(7), 21);
        let log = vec![met(&sam, ago(7)), dinner, met(&sam, ago(11)), met(&sam, today())];
        let people = [sam];
        let s = connection_score(&History::new(&people, &log, &[], &[]), &ScoreSettings::defaults(), &now());
        assert_eq!(s.last_week.interactions, 3);
        assert_eq!(s.last_week_same_days, 20.0, "Monday and Friday lunch, not Friday 21:00");
        let morning: Zoned = "2026-11-20T08:00:00+01:00[Europe/Berlin]".parse().expect("valid");
        let s =
            connection_score(&History::new(&people, &log, &[], &[]), &ScoreSettings::defaults(), &morning);
        assert_eq!(s.last_week_same_days, 10.0, "at 08:00 only last Monday had happened by then");
    }

    #[test]
    fn an_empty_history_is_steady_at_zero() {
        let s = connection_score(&History::new(&[], &[], &[], &[]), &ScoreSettings::defaults(), &now());
        assert_eq!((s.this_week.score, s.trend), (0.0, Trend::Steady));
    }
}

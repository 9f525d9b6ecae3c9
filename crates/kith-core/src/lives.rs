//! Generated lives, to measure the withdrawal signals on whole populations rather than on
//! hand-picked rows (docs/insights.md, "How well the signals work"). A [`Life`] says how
//! someone usually connects and, optionally, how and when they start to withdraw; [`live`]
//! draws their records day by day from a seeded generator, so the same seed always gives
//! the same life.
//!
//! Ordinary weeks vary more than a fixed rate would allow: each week's rate is the usual rate
//! times a gamma-distributed factor with mean 1 (so weekly counts are negative binomial, as
//! real contact counts are), on top of a season, holidays, and days nobody wrote down.

use crate::demo::rng::Rng;
use crate::insights::days::{date_of, day_number};
use crate::{
    Affected, AloneTime, Away, AwayId, Capacity, CheckIn, Circle, Felt, Initiator, Interaction, Minutes,
    Mode, Moment, Outcome, Person, PersonName, Plan, Scale, Source, Tag,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// How a withdrawal begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Onset {
    /// Meaningful contact fades to a fifth of the usual rate over two weeks, the weekly
    /// activity with it; plans are cancelled late a little more often as it goes, and time
    /// alone restores a little less often (0.45 against 0.7), mood a little lower.
    GradualFade,
    /// Meaningful contact falls to a fifth at once, half of plans are cancelled at the last
    /// minute, and time alone restores a little less often, mood a little lower.
    AbruptStop,
    /// Contact goes on as usual, but plans are cancelled at the last minute or missed.
    Flaking,
    /// Contact goes on as usual, but time with people feels draining far more often.
    DrainingTime,
    /// Check-ins turn heavy (low mood, time alone that does not restore, sleep and motivation
    /// affected) and contact falls to about two thirds.
    HeavyCheckIns,
}

impl Onset {
    /// Every onset shape.
    pub const ALL: [Onset; 5] =
        [Onset::GradualFade, Onset::AbruptStop, Onset::Flaking, Onset::DrainingTime, Onset::HeavyCheckIns];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Onset::GradualFade => "gradual_fade",
            Onset::AbruptStop => "abrupt_stop",
            Onset::Flaking => "flaking",
            Onset::DrainingTime => "draining_time",
            Onset::HeavyCheckIns => "heavy_check_ins",
        }
    }
}

/// How someone lives.
#[derive(Debug, Clone, PartialEq)]
pub struct Life {
    /// Usual meaningful contacts a week.
    pub per_week: f64,
    /// Week-to-week spread: the coefficient of variation of a week's rate around the usual
    /// one (0 is a fixed rate; 0.5 is a typical life).
    pub spread: f64,
    /// How much the rate swings over the year, as a share of it (0.25: a quarter more in
    /// summer, a quarter less in winter).
    pub season: f64,
    /// Plans made a week.
    pub plans_per_week: f64,
    /// Share of days with a check-in (0: never checks in).
    pub checkin_share: f64,
    /// A quiet, content life: time alone restores, mood is steady.
    pub restful: bool,
    /// Works nights: contact happens late in the evening and after midnight.
    pub night_shift: bool,
    /// Holidays, as (first day, length in days, marked away in kith), days from the start.
    pub holidays: Vec<(i64, i64, bool)>,
    /// Stretches of days nothing was written down (contact went on), as (first day, length).
    pub lapses: Vec<(i64, i64)>,
    /// How and on which day (from the start) withdrawal begins, if it does.
    pub onset: Option<(Onset, i64)>,
}

impl Life {
    /// An ordinary life at `per_week` meaningful contacts a week, checking in on most days.
    pub fn ordinary(per_week: f64) -> Self {
        Self {
            per_week,
            spread: 0.5,
            season: 0.0,
            plans_per_week: (per_week * 0.4).clamp(0.3, 4.0),
            checkin_share: 0.7,
            restful: false,
            night_shift: false,
            holidays: vec![],
            lapses: vec![],
            onset: None,
        }
    }
}

/// The records of a generated life.
#[derive(Debug, Clone)]
pub struct Lived {
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
    pub away: Vec<Away>,
}

/// What a day of a life is like after the onset (1 before it).
struct Phase {
    contact: f64,
    late_share: f64,
    draining_share: f64,
    heavy: bool,
    /// How much less often time alone restores, and how much lower mood sits (0 to 1).
    low: f64,
}

fn phase(life: &Life, day: i64) -> Phase {
    let usual = Phase { contact: 1.0, late_share: 0.04, draining_share: 0.1, heavy: false, low: 0.0 };
    let Some((onset, from)) = life.onset.filter(|(_, from)| day >= *from) else { return usual };
    let since = (day - from) as f64;
    match onset {
        Onset::GradualFade => {
            let t = (since / 14.0).min(1.0);
            Phase { contact: 1.0 - 0.8 * t, late_share: 0.04 + 0.2 * t, low: t, ..usual }
        }
        Onset::AbruptStop => Phase { contact: 0.2, late_share: 0.5, low: 1.0, ..usual },
        Onset::Flaking => Phase { late_share: 0.5, ..usual },
        Onset::DrainingTime => Phase { draining_share: 0.55, ..usual },
        Onset::HeavyCheckIns => Phase { contact: 0.65, heavy: true, ..usual },
    }
}

/// Draws `days` days of `life` from `start`, in the time zone `tz`.
pub fn live(seed: u64, life: &Life, start: Date, days: i64, tz: &TimeZone) -> Lived {
    let mut rng = Rng::new(seed, 0x11FE);
    let friends = (life.per_week * 1.5).clamp(2.0, 12.0) as usize;
    let created: Timestamp = moment(start, 9, 0, tz).timestamp() - SignedDuration::from_hours(24 * 30);
    let people: Vec<Person> = (0..friends)
        .map(|n| Person {
            id: rng.person_id(),
            name: PersonName::parse(&format!("Friend {}", n + 1)).unwrap_or_else(|_| unreachable_name()),
            circle: Circle::Friend,
            cadence: None,
            aliases: vec![],
            note: None,
            archived: false,
            snoozed_until: None,
            created_at: created,
        })
        .collect();
    // Three lives in five keep a weekly activity.
    let activity = rng.chance(0.6).then(|| Tag::parse("climbing").ok()).flatten();
    let mut out = Lived { people, interactions: vec![], plans: vec![], checkins: vec![], away: vec![] };
    let first = day_number(start);
    let mut week_factor = 1.0;
    let off = |ranges: &[(i64, i64)], d: i64| ranges.iter().any(|(f, n)| (*f..*f + *n).contains(&d));
    let holidays: Vec<(i64, i64)> = life.holidays.iter().map(|(f, n, _)| (*f, *n)).collect();
    for (f, n, marked) in &life.holidays {
        if *marked {
            let (from, to) = (date_of(first + f), date_of(first + f + n - 1));
            if let Ok(a) = Away::new(AwayId::from_random_bytes(rng.bytes()), from, to, None) {
                out.away.push(a);
            }
        }
    }
    for d in 0..days {
        let date = date_of(first + d);
        if d % 7 == 0 {
            week_factor = gamma_mean_one(&mut rng, life.spread);
        }
        let away = off(&holidays, d);
        let unlogged = off(&life.lapses, d);
        let ph = phase(life, d);
        let season = 1.0 + life.season * (std::f64::consts::TAU * (d as f64) / 365.0).sin();
        let rate = life.per_week / 7.0 * week_factor * season * ph.contact;
        if !away && !unlogged {
            for _ in 0..poisson(&mut rng, rate) {
                let i = contact(&mut rng, life, &out.people, date, &ph, tz, None);
                out.interactions.push(i);
            }
            // A weekly activity (climbing on Tuesdays, say), kept most weeks, and less as
            // contact falls.
            if let Some(tag) = activity.as_ref().filter(|_| d % 7 == 1 && rng.chance(0.85 * ph.contact)) {
                let mut i = contact(&mut rng, life, &out.people, date, &ph, tz, Some(tag));
                i.mode = Mode::InPerson;
                i.tags = vec![tag.clone()];
                out.interactions.push(i);
            }
            if rng.chance(0.15) {
                let mut i = contact(&mut rng, life, &out.people, date, &ph, tz, None);
                i.meaningful = false;
                i.mode = Mode::Text;
                i.minutes = None;
                i.unanswered = u32::from(rng.chance(0.3));
                out.interactions.push(i);
            }
        }
        if !away && rng.chance(life.plans_per_week / 7.0) {
            let p = plan(&mut rng, &out.people, date, &ph, tz, unlogged);
            out.plans.push(p);
        }
        if !away && !unlogged && rng.chance(life.checkin_share) {
            out.checkins.push(checkin(&mut rng, life, date, &ph, tz));
        }
    }
    out
}

fn unreachable_name() -> PersonName {
    PersonName::parse("Friend").unwrap_or_else(|_| unreachable_name())
}

fn moment(date: Date, hour: i8, minute: i8, tz: &TimeZone) -> Moment {
    let z = date
        .at(hour, minute, 0, 0)
        .to_zoned(tz.clone())
        .unwrap_or_else(|_| Timestamp::UNIX_EPOCH.to_zoned(tz.clone()));
    Moment::from_zoned(&z)
}

fn contact(
    rng: &mut Rng,
    life: &Life,
    people: &[Person],
    date: Date,
    ph: &Phase,
    tz: &TimeZone,
    activity: Option<&Tag>,
) -> Interaction {
    let who = rng.pick(people).map(|p| p.id).into_iter().collect();
    let (hour, date) = if life.night_shift {
        let h = rng.range(22, 25);
        if h >= 24 { (h - 24, crate::insights::days::shift(date, 1)) } else { (h, date) }
    } else {
        (rng.range(8, 21), date)
    };
    let mode = match rng.below(10) {
        0..=3 => Mode::InPerson,
        4..=5 => Mode::Voice,
        6 => Mode::Video,
        _ => Mode::Text,
    };
    let felt = rng.chance(0.7).then(|| {
        let v = if rng.chance(ph.draining_share) { -rng.range(1, 2) } else { rng.range(0, 2) };
        Felt::new(v).ok()
    });
    let tags = activity.map(|t| vec![t.clone()]).unwrap_or_default();
    Interaction {
        id: rng.interaction_id(),
        at: moment(date, i8::try_from(hour).unwrap_or(12), i8::try_from(rng.range(0, 59)).unwrap_or(0), tz),
        minutes: Minutes::new("minutes", rng.range(5, 120)).ok(),
        mode,
        initiator: Some(if rng.chance(0.5) { Initiator::Me } else { Initiator::Them }),
        people: who,
        felt: felt.flatten(),
        meaningful: true,
        tags,
        note: None,
        unanswered: 0,
        source: Source::manual(),
        plan: None,
    }
}

fn plan(rng: &mut Rng, people: &[Person], date: Date, ph: &Phase, tz: &TimeZone, unlogged: bool) -> Plan {
    let start = moment(date, 19, 0, tz);
    let at = start.timestamp();
    let hours = |h: i64| at - SignedDuration::from_hours(h);
    let roll = rng.unit();
    let (outcome, outcome_at) = if unlogged {
        (Outcome::Pending, None)
    } else if roll < ph.late_share {
        if rng.chance(0.8) {
            (Outcome::CancelledByMe, Some(hours(rng.range(1, 12))))
        } else {
            (Outcome::NoShow, Some(at))
        }
    } else if roll < ph.late_share + 0.08 {
        (Outcome::CancelledByMe, Some(hours(rng.range(48, 120))))
    } else if roll < ph.late_share + 0.13 {
        (Outcome::CancelledByThem, Some(hours(rng.range(2, 72))))
    } else {
        (Outcome::Attended, Some(at))
    };
    Plan {
        id: rng.plan_id(),
        people: rng.pick(people).map(|p| p.id).into_iter().collect(),
        start,
        mode: Mode::InPerson,
        note: None,
        created_at: at - SignedDuration::from_hours(24 * rng.range(3, 14)),
        outcome,
        outcome_at,
        interaction: None,
        moved_from: None,
        source: Source::manual(),
    }
}

fn checkin(rng: &mut Rng, life: &Life, date: Date, ph: &Phase, tz: &TimeZone) -> CheckIn {
    let scale = |rng: &mut Rng, lo: i64, hi: i64, field: &'static str| {
        Scale::new(field, rng.range(lo, hi))
            .unwrap_or_else(|_| Scale::new(field, 3).unwrap_or_else(|_| unreachable!()))
    };
    let (mood, restored, energy) = if ph.heavy {
        ((1, 2), 0.15, (1, 2))
    } else if life.restful {
        ((3, 5), 0.9, (2, 4))
    } else if rng.chance(ph.low) {
        ((2, 4), 0.45, (2, 4))
    } else {
        // An ordinary day: mood mostly 3 or 4, now and then 2 or 5.
        let m = [2, 3, 3, 3, 4, 4, 4, 4, 5, 5][usize::try_from(rng.below(10)).unwrap_or(0)];
        ((m, m), 0.7, (2, 5))
    };
    let affected = if ph.heavy {
        Affected {
            sleep: rng.chance(0.7),
            eating: rng.chance(0.3),
            mood: rng.chance(0.6),
            motivation: rng.chance(0.7),
        }
    } else {
        Affected {
            sleep: rng.chance(0.08),
            eating: false,
            mood: rng.chance(0.05),
            motivation: rng.chance(0.08),
        }
    };
    CheckIn {
        id: rng.checkin_id(),
        date,
        at: moment(date, 21, 30, tz),
        energy: Some(scale(rng, energy.0, energy.1, "energy")),
        mood: scale(rng, mood.0, mood.1, "mood"),
        stress: Some(scale(rng, 2, 4, "stress")),
        capacity: Capacity::new(rng.range(1, 5)).unwrap_or_else(|_| unreachable!()),
        alone: AloneTime { minutes: Minutes::new("alone", 120).ok(), restored: Some(rng.chance(restored)) },
        affected: Some(affected),
        note: None,
    }
}

/// A gamma-distributed factor with mean 1 and coefficient of variation `cv` (Marsaglia and
/// Tsang's method); exactly 1 when `cv` is 0.
fn gamma_mean_one(rng: &mut Rng, cv: f64) -> f64 {
    if cv <= 0.0 {
        return 1.0;
    }
    let shape = 1.0 / (cv * cv);
    let boost = shape < 1.0;
    let k = if boost { shape + 1.0 } else { shape };
    let d = k - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    let g = loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = rng.unit().max(f64::MIN_POSITIVE);
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            break d * v;
        }
    };
    let g = if boost { g * rng.unit().max(f64::MIN_POSITIVE).powf(1.0 / shape) } else { g };
    g / shape
}

/// A standard normal draw (Box and Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u = rng.unit().max(f64::MIN_POSITIVE);
    let v = rng.unit();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A Poisson draw with mean `mean` (Knuth's method: the means here are small).
fn poisson(rng: &mut Rng, mean: f64) -> u32 {
    let limit = (-mean).exp();
    let (mut n, mut p) = (0u32, rng.unit());
    while p > limit {
        n += 1;
        p *= rng.unit();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn tz() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("tz")
    }

    #[test]
    fn the_same_seed_gives_the_same_life() {
        let a = live(7, &Life::ordinary(4.0), date(2026, 1, 5), 120, &tz());
        let b = live(7, &Life::ordinary(4.0), date(2026, 1, 5), 120, &tz());
        assert_eq!(a.interactions, b.interactions);
        assert_eq!(a.checkins, b.checkins);
    }

    #[test]
    fn weeks_vary_more_than_a_fixed_rate_would_and_the_rate_holds_on_average() {
        let life = Life { plans_per_week: 0.0, ..Life::ordinary(4.0) };
        let lived = live(3, &life, date(2026, 1, 5), 7 * 300, &tz());
        let mut weeks = vec![0f64; 300];
        for i in lived.interactions.iter().filter(|i| i.meaningful) {
            let w = (day_number(i.at.local_date()) - day_number(date(2026, 1, 5))) / 7;
            weeks[usize::try_from(w).expect("in range")] += 1.0;
        }
        let mean = weeks.iter().sum::<f64>() / 300.0;
        let var = weeks.iter().map(|w| (w - mean).powi(2)).sum::<f64>() / 299.0;
        assert!((mean - 4.0).abs() < 0.4, "mean {mean}");
        assert!(var > 1.5 * mean, "variance {var} against mean {mean}: not overdispersed");
    }

    #[test]
    fn an_abrupt_stop_cuts_contact_and_a_marked_holiday_is_away() {
        let life = Life {
            holidays: vec![(10, 14, true)],
            onset: Some((Onset::AbruptStop, 100)),
            ..Life::ordinary(8.0)
        };
        let lived = live(5, &life, date(2026, 1, 5), 200, &tz());
        let count = |from: i64, to: i64| {
            lived
                .interactions
                .iter()
                .filter(|i| i.meaningful)
                .filter(|i| {
                    let d = day_number(i.at.local_date()) - day_number(date(2026, 1, 5));
                    (from..to).contains(&d)
                })
                .count()
        };
        assert!(count(100, 200) * 2 < count(0, 100), "{} against {}", count(100, 200), count(0, 100));
        assert_eq!(count(10, 24), 0);
        assert_eq!(lived.away.len(), 1);
        assert_eq!(lived.away[0].days(), 14);
    }
}

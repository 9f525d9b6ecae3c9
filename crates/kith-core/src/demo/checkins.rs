//! The demo year's daily check-ins: an ordinary year of good and tired days, then, in the
//! withdrawal stretch, energy and mood sinking, time alone that no longer restores, and
//! sleep and motivation affected (what the support card watches).

use super::rng::Rng;
use super::{WITHDRAWAL_DAYS, local_moment};
use crate::{Affected, AloneTime, Capacity, CheckIn, CheckInId, Invalid, Minutes, Moment, Note, Scale};
use jiff::Zoned;
use jiff::civil::{Date, Weekday};

/// Notes written on a few ordinary days.
const NOTES: &[&str] = &[
    "Good day. Long lunch outside.",
    "Busy at work but fine.",
    "Tired after the deadline.",
    "Slept badly, better by the evening.",
    "Quiet evening in, just what I needed.",
];

/// Notes written on a few days of the withdrawal stretch.
const LOW_NOTES: &[&str] = &[
    "Cancelled on Priya again. Just wanted to be in bed.",
    "Didn't answer anyone today.",
    "Stayed in all weekend and still feel flat.",
    "Woke at 4 and couldn't get back to sleep.",
];

/// One check-in on most local `days`, none after `now`.
pub(super) fn year_of_checkins(seed: u64, now: &Zoned, days: &[Date], stretch_start: Date) -> Vec<CheckIn> {
    let mut rng = Rng::new(seed, 2);
    let tz = now.time_zone();
    let mut out = Vec::with_capacity(days.len());
    for &date in days {
        let withdrawn = date >= stretch_start;
        // Some evenings nobody checks in; a few more when things are hard.
        if rng.chance(if withdrawn { 0.15 } else { 0.08 }) {
            continue;
        }
        let Some(at) = local_moment(date, rng.range(20, 22), rng.range(0, 59), tz) else { continue };
        if at.timestamp() > now.timestamp() {
            continue;
        }
        // The slide deepens: about half the days are low at the start of the stretch, nearly
        // all by its end; the others are merely flat.
        let into = stretch_start.until(date).map_or(0, |span| span.get_days());
        let depth = 0.5 + 0.5 * f64::from(into) / (WITHDRAWAL_DAYS - 1) as f64;
        let day = match (withdrawn, rng.chance(depth)) {
            (false, _) => ordinary_day(&mut rng, date),
            (true, true) => low_day(&mut rng),
            (true, false) => flat_day(&mut rng),
        };
        let note = if rng.chance(0.06) || (withdrawn && rng.chance(0.2)) {
            rng.pick(if withdrawn { LOW_NOTES } else { NOTES }).and_then(|n| Note::parse("note", n).ok())
        } else {
            None
        };
        if let Ok(mut checkin) = checkin(rng.checkin_id(), date, at, &day, note) {
            // Now and then an ordinary evening gets only the quick check-in: mood and the
            // social battery. Chosen by the date, so the rest of the year stays as it was.
            if !withdrawn && date.day() % 9 == 4 {
                checkin = CheckIn {
                    energy: None,
                    stress: None,
                    alone: AloneTime { minutes: None, restored: None },
                    affected: None,
                    note: None,
                    ..checkin
                };
            }
            out.push(checkin);
        }
    }
    out
}

fn checkin(id: CheckInId, date: Date, at: Moment, day: &Day, note: Option<Note>) -> Result<CheckIn, Invalid> {
    Ok(CheckIn {
        id,
        date,
        at,
        energy: Some(Scale::new("energy", day.energy)?),
        mood: Scale::new("mood", day.mood)?,
        stress: Some(Scale::new("stress", day.stress)?),
        capacity: Capacity::new(day.capacity)?,
        alone: AloneTime { minutes: Minutes::new("alone", day.alone).ok(), restored: day.restored },
        affected: Some(day.affected),
        note,
    })
}

struct Day {
    energy: i64,
    mood: i64,
    stress: i64,
    capacity: i64,
    alone: i64,
    restored: Option<bool>,
    affected: Affected,
}

/// Mostly 3s and 4s; Mondays are a little more stressful, weekends a little lighter.
fn ordinary_day(rng: &mut Rng, date: Date) -> Day {
    let weekend = matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday);
    let lift = i64::from(weekend);
    let monday = i64::from(date.weekday() == Weekday::Monday);
    Day {
        energy: (rng.range(2, 4) + lift).clamp(1, 5),
        mood: (rng.range(3, 4) + rng.range(-1, 1) * i64::from(rng.chance(0.3)) + lift).clamp(1, 5),
        stress: (rng.range(2, 3) + monday - lift).clamp(1, 5),
        capacity: (rng.range(2, 4) + lift).clamp(0, 5),
        alone: rng.range(30, 180),
        restored: if rng.chance(0.1) { None } else { Some(rng.chance(0.88)) },
        affected: Affected {
            sleep: rng.chance(0.06),
            eating: rng.chance(0.02),
            mood: rng.chance(0.03),
            motivation: rng.chance(0.04),
        },
    }
}

/// A day in the withdrawal stretch that is not yet low: tired, alone time that only
/// sometimes helps.
fn flat_day(rng: &mut Rng) -> Day {
    Day {
        energy: rng.range(2, 3),
        mood: rng.range(2, 4),
        stress: rng.range(3, 4),
        capacity: rng.range(1, 3),
        alone: rng.range(120, 300),
        restored: Some(rng.chance(0.4)),
        affected: Affected {
            sleep: rng.chance(0.3),
            eating: rng.chance(0.05),
            mood: rng.chance(0.1),
            motivation: rng.chance(0.2),
        },
    }
}

/// A day in the withdrawal stretch: low, long hours alone that do not help.
fn low_day(rng: &mut Rng) -> Day {
    Day {
        energy: rng.range(1, 3),
        mood: rng.range(1, 3),
        stress: rng.range(3, 5),
        capacity: rng.range(0, 2),
        alone: rng.range(180, 480),
        restored: Some(rng.chance(0.15)),
        affected: Affected {
            sleep: rng.chance(0.55),
            eating: rng.chance(0.2),
            mood: rng.chance(0.4),
            motivation: rng.chance(0.5),
        },
    }
}

//! Who to reach out to today: people past the cadence the person set, or
//! well past their usual rhythm; energising people first; draining people (once rated often
//! enough to say, as on the map) never pushed;
//! snoozed and archived people left alone; each with a mode that fits today's social
//! battery.

use crate::insights::days::{DayRange, day_number};
use crate::insights::map::person_energy;
use crate::insights::{History, round2};
use crate::settings::Settings;
use crate::{Mode, Moment, Outcome, PersonId};
use jiff::Zoned;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Why someone is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Past the cadence the person set for them.
    Cadence,
    /// Well past their usual rhythm, learned from history.
    Rhythm,
}

/// One person to reach out to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachOut {
    pub person_id: PersonId,
    pub name: String,
    pub why: String,
    /// A mode that fits today's social battery: `text`, `voice` or `in_person`.
    pub mode: Mode,
    /// The mode in plain words ("a short message", "a call", "meet up, maybe for a walk").
    pub mode_text: &'static str,
    pub due: Due,
    /// Days since the last contact; `None` when there has been none.
    pub days_since: Option<u32>,
    /// The gap after which they are suggested.
    pub due_after_days: u32,
    /// Recency-weighted mean of how time with them felt; `None` without ratings.
    pub energy: Option<f64>,
}

struct Contact {
    /// The latest contact before the rhythm window, when there is none inside it.
    before: Option<Moment>,
    days: Vec<i64>,
}

/// People to reach out to today, at most `reach_out.max_people`, as of `now`.
pub fn reach_out(history: &History<'_>, settings: &Settings, now: &Zoned) -> Vec<ReachOut> {
    let s = &settings.reach_out;
    let today = day_number(now.date());
    let window = DayRange::ending(today, i64::from(s.rhythm_window_days.max(1)));
    let mut contacts: HashMap<PersonId, Contact> = HashMap::new();
    for i in history.interactions {
        let day = window.day_of(i.at);
        if day.is_none() && i.at.epoch_seconds() > now.timestamp().as_second() {
            continue;
        }
        for id in &i.people {
            let c = contacts.entry(*id).or_insert(Contact { before: None, days: vec![] });
            match day {
                Some(d) => c.days.push(d),
                None => c.before = c.before.max(Some(i.at)),
            }
        }
    }
    for (id, at) in history.earlier.last_contact {
        let c = contacts.entry(*id).or_insert(Contact { before: None, days: vec![] });
        c.before = c.before.max(Some(*at));
    }
    // Someone with a plan coming up is already taken care of.
    let planned: HashSet<PersonId> = history
        .plans
        .iter()
        .filter(|p| p.outcome == Outcome::Pending && p.start.timestamp() >= now.timestamp())
        .flat_map(|p| p.people.iter().copied())
        .collect();
    let energy = person_energy(history, window, settings.map.half_life_days);
    let (mode, mode_text) = todays_mode(history, settings, today);

    let mut due: Vec<(u8, f64, ReachOut)> = history
        .people
        .iter()
        .filter(|p| !p.archived && p.snoozed_until.is_none_or(|d| d < now.date()))
        .filter(|p| !planned.contains(&p.id))
        .filter_map(|p| {
            let (mean, rated) = energy.get(&p.id).map_or((None, 0), |e| (e.0, e.2));
            // Draining people are never pushed, but as on the map, nobody
            // counts as draining before `map.min_rated` ratings: one hard evening is not who
            // someone is.
            let enough = rated >= settings.map.min_rated.max(1);
            if enough && mean.is_some_and(|e| e < settings.map.draining_below) {
                return None;
            }
            let contact = contacts.get_mut(&p.id);
            let last = contact.as_ref().and_then(|c| {
                let before = c.before.map(|m| day_number(m.local_date())).filter(|d| *d <= today);
                c.days.iter().copied().max().or(before)
            });
            let rhythm = contact.and_then(|c| usual_gap(&mut c.days, s.min_contact_days));
            let (kind, after) = match (p.cadence, rhythm) {
                (Some(c), _) => (Due::Cadence, c.days()),
                (None, Some(gap)) => (
                    Due::Rhythm,
                    ((gap as f64 * s.well_past_factor).ceil() as i64).max(i64::from(s.min_days_since)),
                ),
                (None, None) => return None,
            };
            let created = day_number(p.created_at.to_zoned(now.time_zone().clone()).date());
            let since = today - last.unwrap_or(created);
            if since < after.max(1) {
                return None;
            }
            let why = why(kind, last.map(|_| since), after, rhythm);
            let group = u8::from(!mean.is_some_and(|e| e > 0.0));
            let entry = ReachOut {
                person_id: p.id,
                name: p.name.as_str().to_owned(),
                why,
                mode,
                mode_text,
                due: kind,
                days_since: last.map(|_| u32::try_from(since).unwrap_or(u32::MAX)),
                due_after_days: u32::try_from(after).unwrap_or(u32::MAX),
                energy: mean.map(round2),
            };
            Some((group, since as f64 / after.max(1) as f64, entry))
        })
        .collect();
    due.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then_with(|| a.2.name.cmp(&b.2.name)));
    due.into_iter().take(usize::try_from(s.max_people).unwrap_or(3)).map(|(_, _, r)| r).collect()
}

/// The median gap in days between distinct contact days, once there are enough of them.
fn usual_gap(days: &mut Vec<i64>, min_days: u32) -> Option<i64> {
    days.sort_unstable();
    days.dedup();
    if days.len() < usize::try_from(min_days.max(2)).unwrap_or(2) {
        return None;
    }
    let mut gaps: Vec<i64> = days.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied()
}

/// The mode that fits today's social battery; a call when there is no check-in today.
fn todays_mode(history: &History<'_>, settings: &Settings, today: i64) -> (Mode, &'static str) {
    let s = &settings.reach_out;
    let capacity = history.checkins.iter().find(|c| day_number(c.date) == today).map(|c| c.capacity.get());
    match capacity {
        Some(c) if c <= i64::from(s.low_capacity_at_most) => (Mode::Text, "a short message"),
        Some(c) if c > i64::from(s.medium_capacity_at_most) => (Mode::InPerson, "meet up, maybe for a walk"),
        _ => (Mode::Voice, "a call"),
    }
}

fn why(kind: Due, since: Option<i64>, after: i64, rhythm: Option<i64>) -> String {
    match (kind, since) {
        (Due::Cadence, Some(d)) => {
            format!("It has been {d} days; you hoped to be in touch about every {after}.")
        }
        (Due::Cadence, None) => {
            format!("Nothing logged together yet; you hoped to be in touch about every {after} days.")
        }
        (Due::Rhythm, d) => format!(
            "It has been {} days; you are usually in touch about every {}.",
            d.unwrap_or(after),
            rhythm.map_or_else(|| "few weeks".to_owned(), |g| format!("{g} days"))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::days::shift;
    use crate::insights::fixtures::*;
    use crate::{Cadence, CheckIn, Interaction, Person, Plan};

    fn suggest(
        people: &[Person],
        log: &[Interaction],
        plans: &[Plan],
        checkins: &[CheckIn],
    ) -> Vec<ReachOut> {
        reach_out(&History::new(people, log, plans, checkins), &Settings::defaults(), &now())
    }

    fn every(mut p: Person, days: i64) -> Person {
        p.cadence = Some(Cadence::from_days(days).expect("valid"));
        p
    }

    #[test]
    fn people_past_their_cadence_come_first_when_they_lift_you() {
        let (sam, ana, kim) = (every(person("Sam"), 14), every(person("Ana"), 14), every(person("Kim"), 7));
        let log = vec![
            met(&sam, ago(20)).felt(2),
            met(&ana, ago(30)),
            met(&kim, ago(10)).felt(-2),
            met(&kim, ago(12)).felt(-1),
            met(&kim, ago(15)).felt(-1),
        ];
        let r = suggest(&[sam, ana, kim], &log, &[], &[]);
        let names: Vec<_> = r.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["Sam", "Ana"], "energising first; draining Kim never pushed");
        assert_eq!(r[0].days_since, Some(20));
        assert!(r[0].why.contains("20 days") && r[0].why.contains("every 14"), "{}", r[0].why);
    }

    #[test]
    fn one_draining_rating_does_not_drop_someone_from_reach_out() {
        let kim = every(person("Kim"), 7);
        let once = vec![met(&kim, ago(10)).felt(-2), met(&kim, ago(12))];
        let r = suggest(std::slice::from_ref(&kim), &once, &[], &[]);
        assert_eq!(r.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["Kim"], "one hard evening");
        let often =
            vec![met(&kim, ago(10)).felt(-2), met(&kim, ago(12)).felt(-1), met(&kim, ago(14)).felt(-1)];
        assert!(suggest(&[kim], &often, &[], &[]).is_empty(), "three draining ratings: not pushed");
    }

    #[test]
    fn well_past_the_usual_rhythm_counts_without_a_cadence() {
        let (sam, lee) = (person("Sam"), person("Lee"));
        let mut log: Vec<_> = (1..8).map(|w| met(&sam, ago(25 + w * 5))).collect();
        log.extend((0..8).map(|w| met(&lee, ago(2 + w * 5))));
        let r = suggest(&[sam, lee], &log, &[], &[]);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].name.as_str(), r[0].due, r[0].due_after_days), ("Sam", Due::Rhythm, 10));
    }

    #[test]
    fn snoozed_archived_and_already_planned_people_are_left_alone() {
        let mut snoozed = every(person("Sam"), 7);
        snoozed.snoozed_until = Some(shift(today(), 3));
        let mut archived = every(person("Ana"), 7);
        archived.archived = true;
        let planned = every(person("Lee"), 7);
        let mut woke = every(person("Kim"), 7);
        woke.snoozed_until = Some(ago(1));
        let plans = vec![plan(&planned, shift(today(), 2), crate::Outcome::Pending)];
        let log: Vec<_> =
            [&snoozed, &archived, &planned, &woke].into_iter().map(|p| met(p, ago(30))).collect();
        let r = suggest(&[snoozed, archived, planned, woke], &log, &plans, &[]);
        assert_eq!(r.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["Kim"]);
    }

    #[test]
    fn the_mode_follows_todays_social_battery() {
        let sam = every(person("Sam"), 7);
        let log = vec![met(&sam, ago(30))];
        let people = [sam];
        let mode = |cap: Option<i64>| {
            let checkins: Vec<_> = cap.map(|c| checkin(today(), 3, c)).into_iter().collect();
            suggest(&people, &log, &[], &checkins)[0].mode
        };
        assert_eq!(mode(Some(1)), Mode::Text);
        assert_eq!(mode(Some(3)), Mode::Voice);
        assert_eq!(mode(Some(5)), Mode::InPerson);
        assert_eq!(mode(None), Mode::Voice);
    }
}

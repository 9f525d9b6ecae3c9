//! The connection map: for each person, how time with them feels
//! (a recency-weighted mean of the ratings) and how often it happens (interactions a month),
//! placed in one of four quadrants with one suggestion each.

use crate::insights::days::{DayRange, day_number};
use crate::insights::{History, round2};
use crate::settings::MapSettings;
use crate::{Cadence, Mode, Person, PersonId};
use jiff::Zoned;
use serde::Serialize;
use std::collections::HashMap;

/// Average days in a month, for "per month" rates.
const DAYS_PER_MONTH: f64 = 30.44;

/// Where a person sits on the map. The ids are a stable contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    EnergisingFrequent,
    EnergisingRare,
    DrainingFrequent,
    DrainingRare,
}

impl Quadrant {
    /// The stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::EnergisingFrequent => "energising_frequent",
            Quadrant::EnergisingRare => "energising_rare",
            Quadrant::DrainingFrequent => "draining_frequent",
            Quadrant::DrainingRare => "draining_rare",
        }
    }

    /// The plain name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::EnergisingFrequent => "Lifts you, often: protect",
            Quadrant::EnergisingRare => "Lifts you, rarely: see more",
            Quadrant::DrainingFrequent => "Drains you, often: stretch out",
            Quadrant::DrainingRare => "Drains you, rarely: let it be",
        }
    }
}

/// One person on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapEntry {
    pub person_id: PersonId,
    pub name: String,
    /// `None` when there are too few rated interactions to say.
    pub quadrant: Option<Quadrant>,
    /// Recency-weighted mean of how it felt, -2 (draining) to +2 (energising); `None` when
    /// there are too few ratings.
    pub energy: Option<f64>,
    /// Interactions a month over the window.
    pub per_month: f64,
    /// Interactions in the window.
    pub interactions: u32,
    /// Of those, how many were rated.
    pub rated: u32,
    /// For frequent draining contact: a lower cadence to try, in days.
    pub suggested_cadence_days: Option<u32>,
    /// One plain, kind suggestion.
    pub suggestion: String,
}

/// The whole map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnectionMap {
    pub window_days: u32,
    pub people: Vec<MapEntry>,
}

#[derive(Default)]
struct Tally {
    count: u32,
    rated: u32,
    weighted: f64,
    weights: f64,
    modes: [u32; 5],
}

/// Per person: weighted mean feeling and tally over the window. Shared with reach-out.
pub(crate) fn person_energy(
    history: &History<'_>,
    window: DayRange,
    half_life_days: u32,
) -> HashMap<PersonId, (Option<f64>, u32, u32, [u32; 5])> {
    let mut tallies: HashMap<PersonId, Tally> = HashMap::new();
    let half_life = f64::from(half_life_days.max(1));
    for i in history.interactions {
        let Some(day) = window.day_of(i.at) else { continue };
        let weight = 0.5_f64.powf((window.last - day) as f64 / half_life);
        let mode = Mode::ALL.iter().position(|m| *m == i.mode).unwrap_or(0);
        for id in &i.people {
            let t = tallies.entry(*id).or_default();
            t.count += 1;
            if let Some(m) = t.modes.get_mut(mode) {
                *m += 1;
            }
            if let Some(f) = i.felt {
                t.rated += 1;
                t.weighted += weight * f.value() as f64;
                t.weights += weight;
            }
        }
    }
    tallies
        .into_iter()
        .map(|(id, t)| {
            let mean = (t.weights > 0.0).then(|| t.weighted / t.weights);
            (id, (mean, t.count, t.rated, t.modes))
        })
        .collect()
}

/// Places every person who is not archived on the map, as of `now`.
pub fn connection_map(history: &History<'_>, settings: &MapSettings, now: &Zoned) -> ConnectionMap {
    let today = day_number(now.date());
    let window = DayRange::ending(today, i64::from(settings.window_days));
    // Frequency is read over the days kith has observed: from the first record of any kind,
    // or the window's start when the history is longer. A newcomer's month is not spread
    // over three.
    let first = history.first_record_day(today).unwrap_or(window.first);
    let observed = (today - first.max(window.first) + 1).max(1);
    let span = observed as f64;
    let tallies = person_energy(history, window, settings.half_life_days);

    let placed: Vec<(&Person, Placed)> = history
        .people
        .iter()
        .filter(|p| !p.archived)
        .map(|p| {
            let (mean, count, rated, modes) = tallies.get(&p.id).copied().unwrap_or((None, 0, 0, [0; 5]));
            let per_month = f64::from(count) / span * DAYS_PER_MONTH;
            let energy = mean.filter(|_| rated >= settings.min_rated.max(1));
            let quadrant = energy.map(|e| {
                let frequent = per_month >= settings.frequent_per_month;
                match (e < settings.draining_below, frequent) {
                    (false, true) => Quadrant::EnergisingFrequent,
                    (false, false) => Quadrant::EnergisingRare,
                    (true, true) => Quadrant::DrainingFrequent,
                    (true, false) => Quadrant::DrainingRare,
                }
            });
            (p, Placed { quadrant, energy, per_month, count, rated, modes })
        })
        .collect();
    // Someone who lifts you, to name next to advice about someone who drains you: the most
    // energising, and among equals the one seen least (they are the ones to see more of).
    let lifter = placed
        .iter()
        .filter(|(_, e)| matches!(e.quadrant, Some(Quadrant::EnergisingFrequent | Quadrant::EnergisingRare)))
        .min_by(|(a, x), (b, y)| {
            y.energy
                .unwrap_or(0.0)
                .total_cmp(&x.energy.unwrap_or(0.0))
                .then(x.per_month.total_cmp(&y.per_month))
                .then_with(|| a.name.as_str().cmp(b.name.as_str()))
        })
        .map(|(p, _)| p.name.as_str());
    let seen = Seen { observed, lifter };

    let mut people: Vec<MapEntry> = placed
        .into_iter()
        .map(|(p, e)| {
            let name = p.name.as_str().to_owned();
            let (suggestion, suggested_cadence_days) = suggest(&name, p.cadence, &e, &seen, settings);
            MapEntry {
                person_id: p.id,
                name,
                quadrant: e.quadrant,
                energy: e.energy.map(round2),
                per_month: round2(e.per_month),
                interactions: e.count,
                rated: e.rated,
                suggested_cadence_days,
                suggestion,
            }
        })
        .collect();
    people.sort_by(|a, b| {
        let q = |e: &MapEntry| e.quadrant.map_or(4, |q| q as u8);
        q(a).cmp(&q(b))
            .then(b.energy.unwrap_or(0.0).total_cmp(&a.energy.unwrap_or(0.0)))
            .then_with(|| a.name.cmp(&b.name))
    });
    ConnectionMap { window_days: settings.window_days, people }
}

/// Where one person landed, before the words.
struct Placed {
    quadrant: Option<Quadrant>,
    energy: Option<f64>,
    per_month: f64,
    count: u32,
    rated: u32,
    modes: [u32; 5],
}

/// What the words for everyone share: how many days kith has observed, and someone who
/// lifts you.
struct Seen<'a> {
    observed: i64,
    lifter: Option<&'a str>,
}

fn suggest(
    name: &str,
    cadence: Option<Cadence>,
    e: &Placed,
    seen: &Seen<'_>,
    settings: &MapSettings,
) -> (String, Option<u32>) {
    match e.quadrant {
        Some(Quadrant::EnergisingFrequent) => (
            format!("Time with {name} lifts you, and it happens often. Protect it, even in busy weeks."),
            None,
        ),
        Some(Quadrant::EnergisingRare) => (
            format!(
                "Time with {name} lifts you, but it is rare (about {} a month). Could you see them a little more?",
                round1(e.per_month)
            ),
            None,
        ),
        Some(Quadrant::DrainingFrequent) => draining_frequent(name, cadence, e, seen, settings),
        Some(Quadrant::DrainingRare) => {
            (format!("Time with {name} can take some energy, and it is rare. Let it be."), None)
        }
        None => (
            format!(
                "Not enough to say yet: {} of {} rated times with {name}. Rate how it felt next time.",
                e.rated,
                settings.min_rated.max(1)
            ),
            None,
        ),
    }
}

/// Frequent time that drains: stretch it out, unless the history is too short to say or it
/// already keeps to the cadence the person chose; and always the other half, time with
/// someone who lifts you.
fn draining_frequent(
    name: &str,
    cadence: Option<Cadence>,
    e: &Placed,
    seen: &Seen<'_>,
    settings: &MapSettings,
) -> (String, Option<u32>) {
    let balance = match seen.lifter {
        Some(lifter) => format!("To balance it, plan some time with {lifter}, who lifts you."),
        None => "To balance it, plan some time with someone who lifts you.".to_owned(),
    };
    if seen.observed < i64::from(settings.min_history_days) {
        return (
            format!(
                "Time with {name} has often left you drained lately. With {} days of history it is too \
                 early to suggest seeing them less; kith will say more after {}. {balance}",
                seen.observed, settings.min_history_days
            ),
            None,
        );
    }
    if let Some(cadence) = cadence {
        // As often as the chosen cadence asks, give or take one meeting over the days seen, is
        // not too often: the person decided that rhythm.
        let asked = seen.observed as f64 / cadence.days().max(1) as f64;
        let every = every_days(cadence.days());
        if f64::from(e.count) <= asked + 1.0 {
            return (
                format!(
                    "Time with {name} often leaves you drained, and you see them as often as you chose \
                     ({every}). A gentle limit on how long it lasts may help more than seeing them less. \
                     {balance}"
                ),
                None,
            );
        }
        return (
            format!(
                "Time with {name} often leaves you drained, and you see them more often than the {every} \
                 you chose. Coming back to that rhythm could ease it. {balance}"
            ),
            Some(u32::try_from(cadence.days()).unwrap_or(u32::MAX)),
        );
    }
    let (now_word, next_word, days) = lower_cadence(e.per_month);
    let noun = dominant_noun(e.modes);
    (
        format!(
            "Time with {name} often leaves you drained. The {now_word} {noun} could become {next_word}, \
             or you could set a gentle limit on how long it lasts. {balance}"
        ),
        Some(days),
    )
}

/// "every day", "every week", "every 10 days".
fn every_days(days: i64) -> String {
    match days {
        1 => "every day".to_owned(),
        7 => "every week".to_owned(),
        14 => "every two weeks".to_owned(),
        n => format!("every {n} days"),
    }
}

/// The rhythm now, the gentler rhythm to suggest, and that rhythm in days.
fn lower_cadence(per_month: f64) -> (&'static str, &'static str, u32) {
    if per_month >= 15.0 {
        ("daily", "a weekly one", 7)
    } else if per_month >= 6.0 {
        ("twice-weekly", "a weekly one", 7)
    } else {
        ("weekly", "one every two weeks", 14)
    }
}

fn dominant_noun(modes: [u32; 5]) -> &'static str {
    let best =
        modes.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i))).map_or(0, |(i, _)| i);
    match Mode::ALL.get(best) {
        Some(Mode::InPerson) | None => "meeting",
        Some(Mode::Voice) => "call",
        Some(Mode::Video) => "video call",
        Some(Mode::Text) => "message exchange",
        Some(Mode::Social) => "scroll through their posts",
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;

    fn map(history: &History<'_>) -> ConnectionMap {
        connection_map(history, &MapSettings::defaults(), &now())
    }

    #[test]
    fn people_land_in_the_quadrant_their_ratings_and_frequency_put_them() {
        let (sam, ana, lee, kim) = (person("Sam"), person("Ana"), person("Lee"), person("Kim"));
        let mut log = vec![];
        for d in 0..80 {
            log.push(met(&sam, ago(d)).felt(2));
            log.push(met(&lee, ago(d)).felt(-1).by(Mode::Voice));
        }
        for d in [3, 40, 75] {
            log.push(met(&ana, ago(d)).felt(1));
            log.push(met(&kim, ago(d)).felt(-2));
        }
        let people = [sam, ana, lee, kim];
        let m = map(&History::new(&people, &log, &[], &[]));
        let q = |n: &str| m.people.iter().find(|e| e.name == n).and_then(|e| e.quadrant);
        assert_eq!(q("Sam"), Some(Quadrant::EnergisingFrequent));
        assert_eq!(q("Ana"), Some(Quadrant::EnergisingRare));
        assert_eq!(q("Lee"), Some(Quadrant::DrainingFrequent));
        assert_eq!(q("Kim"), Some(Quadrant::DrainingRare));
        let lee = m.people.iter().find(|e| e.name == "Lee").expect("listed");
        assert!(lee.suggestion.contains("daily call could become a weekly one"), "{}", lee.suggestion);
        assert_eq!(lee.suggested_cadence_days, Some(7));
    }

    fn entry<'m>(m: &'m ConnectionMap, name: &str) -> &'m MapEntry {
        m.people.iter().find(|e| e.name == name).expect("listed")
    }

    #[test]
    fn frequency_is_read_over_the_days_observed_from_the_first_record() {
        let sam = person("Sam");
        let log: Vec<_> = [1, 4, 8].into_iter().map(|d| met(&sam, ago(d)).felt(2)).collect();
        let people = [sam];
        // Nine days of history: three times in nine days is frequent.
        let new = map(&History::new(&people, &log, &[], &[]));
        assert_eq!(entry(&new, "Sam").quadrant, Some(Quadrant::EnergisingFrequent));
        assert_eq!(entry(&new, "Sam").per_month, round2(3.0 / 9.0 * DAYS_PER_MONTH));
        // Check-ins from sixty days ago: kith has watched for sixty days, so it is rare.
        let checkins = [checkin(ago(59), 3, 3)];
        let longer = map(&History::new(&people, &log, &[], &checkins));
        assert_eq!(entry(&longer, "Sam").quadrant, Some(Quadrant::EnergisingRare));
        assert_eq!(entry(&longer, "Sam").per_month, round2(3.0 / 60.0 * DAYS_PER_MONTH));
    }

    #[test]
    fn no_advice_to_see_someone_less_before_enough_history() {
        let lee = person("Lee");
        let early: Vec<_> = (0..14).map(|d| met(&lee, ago(d)).felt(-1)).collect();
        let people = [lee.clone()];
        let m = map(&History::new(&people, &early, &[], &[]));
        let e = entry(&m, "Lee");
        assert_eq!(e.quadrant, Some(Quadrant::DrainingFrequent));
        assert_eq!(e.suggested_cadence_days, None);
        assert!(e.suggestion.contains("too early to suggest seeing them less"), "{}", e.suggestion);
        assert!(e.suggestion.contains("after 28"), "{}", e.suggestion);
        let later: Vec<_> = (0..40).map(|d| met(&lee, ago(d)).felt(-1)).collect();
        let m = map(&History::new(&people, &later, &[], &[]));
        assert_eq!(entry(&m, "Lee").suggested_cadence_days, Some(7));
        let patient = MapSettings { min_history_days: 60, ..MapSettings::defaults() };
        let m = connection_map(&History::new(&people, &later, &[], &[]), &patient, &now());
        assert_eq!(entry(&m, "Lee").suggested_cadence_days, None, "the setting is read");
    }

    #[test]
    fn seeing_someone_as_often_as_their_cadence_asks_is_not_too_often() {
        let mut lee = person("Lee");
        lee.cadence = Some(Cadence::from_days(7).expect("valid"));
        let weekly: Vec<_> = (0..12).map(|w| met(&lee, ago(w * 7)).felt(-1)).collect();
        let people = [lee.clone()];
        let m = map(&History::new(&people, &weekly, &[], &[]));
        let e = entry(&m, "Lee");
        assert_eq!(e.quadrant, Some(Quadrant::DrainingFrequent), "weekly is frequent");
        assert_eq!(e.suggested_cadence_days, None);
        assert!(e.suggestion.contains("as often as you chose (every week)"), "{}", e.suggestion);
        assert!(!e.suggestion.contains("every two weeks"), "{}", e.suggestion);
        let twice: Vec<_> = (0..24).map(|n| met(&lee, ago(n * 7 / 2)).felt(-1)).collect();
        let m = map(&History::new(&people, &twice, &[], &[]));
        let e = entry(&m, "Lee");
        assert_eq!(e.suggested_cadence_days, Some(7), "back to the rhythm they chose");
        assert!(e.suggestion.contains("more often than the every week you chose"), "{}", e.suggestion);
    }

    #[test]
    fn stretching_out_comes_with_time_with_someone_who_lifts_you() {
        let (lee, sam, ana) = (person("Lee"), person("Sam"), person("Ana"));
        let mut log: Vec<_> = (0..40).map(|d| met(&lee, ago(d)).felt(-1)).collect();
        log.extend([5, 30, 60].into_iter().map(|d| met(&sam, ago(d)).felt(2)));
        log.extend([6, 31, 61].into_iter().map(|d| met(&ana, ago(d)).felt(1)));
        let people = [lee.clone(), sam, ana];
        let m = map(&History::new(&people, &log, &[], &[]));
        let e = entry(&m, "Lee");
        assert!(e.suggestion.contains("could become a weekly one"), "{}", e.suggestion);
        assert!(
            e.suggestion.ends_with("To balance it, plan some time with Sam, who lifts you."),
            "{}",
            e.suggestion
        );
        let alone = [lee];
        let m = map(&History::new(&alone, &log, &[], &[]));
        assert!(entry(&m, "Lee").suggestion.ends_with("plan some time with someone who lifts you."));
    }

    #[test]
    fn too_few_ratings_is_not_enough_to_say() {
        let sam = person("Sam");
        let log = vec![met(&sam, ago(1)).felt(2), met(&sam, ago(2)).felt(2), met(&sam, ago(3))];
        let people = [sam];
        let m = map(&History::new(&people, &log, &[], &[]));
        assert_eq!(m.people[0].quadrant, None);
        assert_eq!(m.people[0].energy, None);
        assert!(m.people[0].suggestion.starts_with("Not enough to say"), "{}", m.people[0].suggestion);
    }

    #[test]
    fn recent_ratings_outweigh_old_ones() {
        let sam = person("Sam");
        let mut log: Vec<_> = (60..70).map(|d| met(&sam, ago(d)).felt(-2)).collect();
        log.extend((0..5).map(|d| met(&sam, ago(d)).felt(2)));
        let people = [sam];
        let m = map(&History::new(&people, &log, &[], &[]));
        assert!(m.people[0].energy.expect("rated") > 0.0, "{:?}", m.people[0]);
    }

    #[test]
    fn interactions_outside_the_window_and_archived_people_are_left_out() {
        let (sam, mut gone) = (person("Sam"), person("Gone"));
        gone.archived = true;
        let log = vec![met(&sam, ago(200)).felt(2), met(&gone, ago(1)).felt(2)];
        let people = [sam, gone];
        let m = map(&History::new(&people, &log, &[], &[]));
        assert_eq!(m.people.len(), 1);
        assert_eq!(m.people[0].interactions, 0);
        assert_eq!(m.window_days, 90);
    }

    #[test]
    fn the_json_uses_the_documented_names() {
        let sam = person("Sam");
        let log: Vec<_> = (0..3).map(|d| met(&sam, ago(d)).felt(1)).collect();
        let people = [sam];
        let json = serde_json::to_value(map(&History::new(&people, &log, &[], &[]))).expect("json");
        let p = &json["people"][0];
        assert_eq!(json["window_days"], 90);
        assert_eq!(p["quadrant"], "energising_frequent");
        for key in ["name", "energy", "per_month", "suggestion", "person_id"] {
            assert!(p.get(key).is_some(), "missing {key}");
        }
    }
}

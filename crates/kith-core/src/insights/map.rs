//! The connection map (DESIGN.md idea 1): for each person, how time with them feels
//! (a recency-weighted mean of the ratings) and how often it happens (interactions a month),
//! placed in one of four quadrants with one suggestion each.

use crate::insights::days::{DayRange, day_number};
use crate::insights::{History, round2};
use crate::settings::MapSettings;
use crate::{Mode, PersonId};
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
    // A history shorter than the window would understate how often: count only the days
    // that had any record at all.
    let first = history.first_interaction_day().unwrap_or(window.first);
    let span = (today - first.max(window.first) + 1).max(1) as f64;
    let tallies = person_energy(history, window, settings.half_life_days);

    let mut people: Vec<MapEntry> = history
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
            let name = p.name.as_str().to_owned();
            let (suggestion, suggested_cadence_days) =
                suggest(&name, quadrant, per_month, rated, modes, settings);
            MapEntry {
                person_id: p.id,
                name,
                quadrant,
                energy: energy.map(round2),
                per_month: round2(per_month),
                interactions: count,
                rated,
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

fn suggest(
    name: &str,
    quadrant: Option<Quadrant>,
    per_month: f64,
    rated: u32,
    modes: [u32; 5],
    settings: &MapSettings,
) -> (String, Option<u32>) {
    match quadrant {
        Some(Quadrant::EnergisingFrequent) => (
            format!("Time with {name} lifts you, and it happens often. Protect it, even in busy weeks."),
            None,
        ),
        Some(Quadrant::EnergisingRare) => (
            format!(
                "Time with {name} lifts you, but it is rare (about {} a month). Could you see them a little more?",
                round1(per_month)
            ),
            None,
        ),
        Some(Quadrant::DrainingFrequent) => {
            let (now_word, next_word, days) = lower_cadence(per_month);
            let noun = dominant_noun(modes);
            (
                format!(
                    "Time with {name} often leaves you drained. The {now_word} {noun} could become {next_word}, \
                     or you could set a gentle limit on how long it lasts."
                ),
                Some(days),
            )
        }
        Some(Quadrant::DrainingRare) => {
            (format!("Time with {name} can take some energy, and it is rare. Let it be."), None)
        }
        None => (
            format!(
                "Not enough to say yet: {rated} of {} rated times with {name}. Rate how it felt next time.",
                settings.min_rated.max(1)
            ),
            None,
        ),
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

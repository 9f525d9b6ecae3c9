//! Mood links: which people, modes and activities went with a better mood and energy the
//! day after, from the person's own check-ins. A link is claimed only with enough days on
//! both sides and a difference larger than ordinary ups and downs would give; otherwise kith
//! says it does not know yet. A link is never a cause.

use crate::insights::days::{DayRange, day_number};
use crate::insights::{History, round2};
use crate::settings::Settings;
use crate::{Mode, PersonId};
use jiff::Zoned;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// What a link is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Person,
    Mode,
    Activity,
}

/// One thing that went with a better next day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoodLink {
    pub factor: Factor,
    /// The person's name, the mode (`voice`) or the activity tag.
    pub name: String,
    /// Days with it, and days without it, that had a check-in the day after.
    pub days_with: u32,
    pub days_without: u32,
    /// Mean mood and energy (1-5) the day after, with it and without it.
    pub mood_with: f64,
    pub mood_without: f64,
    /// `None` when none of those days' check-ins answered energy (quick check-ins).
    pub energy_with: Option<f64>,
    pub energy_without: Option<f64>,
    pub text: String,
}

/// The links over the last `report.mood_links_days`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoodLinks {
    pub window_days: u32,
    /// Days in the window with a check-in the day after: what is compared.
    pub days_compared: u32,
    /// Whether there were enough such days to look at all.
    pub enough_data: bool,
    /// The clearest links, best first.
    pub links: Vec<MoodLink>,
    /// One sentence: what was found, or why nothing is claimed.
    pub text: String,
}

/// Mood and energy (1-5) from one check-in.
/// The next day's mood, and its energy when that was answered.
type MoodEnergy = (f64, Option<f64>);

/// Which people, modes and activities went with a better mood the day after, as of `now`.
pub fn mood_links(history: &History<'_>, settings: &Settings, now: &Zoned) -> MoodLinks {
    let s = &settings.report;
    let start = settings.day.starts_at;
    let today = day_number(start.today(now));
    // Day D is compared when the check-in of D + 1 exists, so the window ends yesterday.
    let window = DayRange::ending(today - 1, i64::from(s.mood_links_days.max(1)));
    let next_day: HashMap<i64, MoodEnergy> = history
        .checkins
        .iter()
        .map(|c| (day_number(c.date) - 1, (c.mood.get() as f64, c.energy.map(|e| e.get() as f64))))
        .filter(|(d, _)| window.contains(*d))
        .collect();
    let names: HashMap<PersonId, &str> = history.people.iter().map(|p| (p.id, p.name.as_str())).collect();
    let mut present: HashMap<(Factor, String), BTreeSet<i64>> = HashMap::new();
    for i in history.interactions {
        let Some(day) = window.day_of_starting(i.at, start) else { continue };
        if !next_day.contains_key(&day) {
            continue;
        }
        for id in &i.people {
            if let Some(name) = names.get(id) {
                present.entry((Factor::Person, (*name).to_owned())).or_default().insert(day);
            }
        }
        present.entry((Factor::Mode, i.mode.as_str().to_owned())).or_default().insert(day);
        for tag in &i.tags {
            present.entry((Factor::Activity, tag.as_str().to_owned())).or_default().insert(day);
        }
    }
    let days_compared = u32::try_from(next_day.len()).unwrap_or(u32::MAX);
    let enough_data = days_compared >= s.mood_links_min_days;
    let mut links = Vec::new();
    if enough_data {
        for ((factor, name), days) in present {
            let (with, without): (Vec<_>, Vec<_>) = next_day.iter().partition(|(d, _)| days.contains(d));
            let values =
                |v: Vec<(&i64, &MoodEnergy)>| -> Vec<MoodEnergy> { v.into_iter().map(|(_, x)| *x).collect() };
            let (with, without) = (values(with), values(without));
            let min_each = s.mood_links_min_each.max(2) as usize;
            if with.len() < min_each || without.len() < min_each {
                continue;
            }
            let mood = |v: &[MoodEnergy]| v.iter().map(|x| x.0).collect::<Vec<_>>();
            let energy = |v: &[MoodEnergy]| v.iter().filter_map(|x| x.1).collect::<Vec<_>>();
            let (mw, mo) = (mood(&with), mood(&without));
            let diff = mean(&mw) - mean(&mo);
            if diff < s.mood_links_min_difference || welch_t(&mw, &mo) < s.mood_links_min_t {
                continue;
            }
            let (ew, eo) = (energy(&with), energy(&without));
            let what = match factor {
                Factor::Person => format!("time with {name}"),
                Factor::Mode => format!(
                    "a day with {}",
                    Mode::parse(&name).map_or(name.clone(), |m| m.label().to_owned())
                ),
                Factor::Activity => format!("a day with {}", name.replace('-', " ")),
            };
            links.push(MoodLink {
                factor,
                text: format!(
                    "The day after {what} ({} days), your mood was {:.1} of 5 on average, against {:.1} after other days{}",
                    with.len(),
                    mean(&mw),
                    mean(&mo),
                    match (mean_of(&ew), mean_of(&eo)) {
                        (Some(w), Some(o)) => format!("; energy {w:.1} against {o:.1}."),
                        _ => ".".to_owned(),
                    }
                ),
                name,
                days_with: u32::try_from(with.len()).unwrap_or(u32::MAX),
                days_without: u32::try_from(without.len()).unwrap_or(u32::MAX),
                mood_with: round2(mean(&mw)),
                mood_without: round2(mean(&mo)),
                energy_with: mean_of(&ew).map(round2),
                energy_without: mean_of(&eo).map(round2),
            });
        }
    }
    links.sort_by(|a, b| {
        (b.mood_with - b.mood_without)
            .total_cmp(&(a.mood_with - a.mood_without))
            .then_with(|| a.factor.cmp(&b.factor))
            .then_with(|| a.name.cmp(&b.name))
    });
    links.truncate(s.mood_links_max.max(1) as usize);
    let text = if !enough_data {
        format!(
            "Not enough data yet for mood links: {days_compared} days with a check-in the day after, of the {} needed.",
            s.mood_links_min_days
        )
    } else if links.is_empty() {
        format!(
            "No clear mood links yet: over {days_compared} days with a check-in the day after, nothing stands out beyond ordinary ups and downs."
        )
    } else {
        format!(
            "Over {days_compared} days with a check-in the day after, these went with a better next day. A link is not a cause, and with many things compared one may be chance."
        )
    };
    MoodLinks { window_days: s.mood_links_days, days_compared, enough_data, links, text }
}

fn mean(v: &[f64]) -> f64 {
    mean_of(v).unwrap_or(0.0)
}

/// The mean, or `None` for no values.
fn mean_of(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Welch's t statistic of `a`'s mean above `b`'s: how many standard errors apart they are.
/// Infinite when both are constant and differ.
fn welch_t(a: &[f64], b: &[f64]) -> f64 {
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0).max(1.0)
    };
    let se = (var(a) / a.len() as f64 + var(b) / b.len() as f64).sqrt();
    let diff = mean(a) - mean(b);
    if se == 0.0 { if diff > 0.0 { f64::INFINITY } else { 0.0 } } else { diff / se }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;
    use crate::{CheckIn, Interaction, Person};

    /// Sixty days: a walk with Sam every third day, each followed by a good day (mood 4 or 5);
    /// other days followed by mood 2 or 3. Ana every other day, with no pattern.
    fn life(days: i64) -> (Vec<Person>, Vec<Interaction>, Vec<CheckIn>) {
        let (sam, ana) = (person("Sam"), person("Ana"));
        let mut log = Vec::new();
        let mut checkins = Vec::new();
        for d in 1..=days {
            let walked = d % 3 == 0;
            if walked {
                log.push(met(&sam, ago(d)).tag("walk"));
            }
            if d % 2 == 0 {
                log.push(met(&ana, ago(d)).by(Mode::Text));
            }
            let mood = if walked { 4 + d % 2 } else { 2 + d % 2 };
            checkins.push(checkin(ago(d - 1), mood, 3));
        }
        (vec![sam, ana], log, checkins)
    }

    fn links(days: i64) -> MoodLinks {
        let (people, log, checkins) = life(days);
        mood_links(&History::new(&people, &log, &[], &checkins), &Settings::defaults(), &now())
    }

    #[test]
    fn what_went_with_a_better_next_day_is_named_with_its_counts() {
        let found = links(60);
        assert!(found.enough_data);
        assert_eq!(found.days_compared, 60);
        let names: Vec<(Factor, &str)> = found.links.iter().map(|l| (l.factor, l.name.as_str())).collect();
        assert!(
            names.contains(&(Factor::Person, "Sam")) && names.contains(&(Factor::Activity, "walk")),
            "{names:?}"
        );
        assert!(!names.iter().any(|(_, n)| *n == "Ana" || *n == "text"), "no pattern with Ana: {names:?}");
        let sam = found.links.iter().find(|l| l.name == "Sam").expect("Sam");
        assert_eq!((sam.days_with, sam.days_without), (20, 40));
        assert_eq!((sam.mood_with, sam.mood_without), (4.5, 2.5));
        assert!(
            sam.text.starts_with("The day after time with Sam (20 days), your mood was 4.5 of 5"),
            "{}",
            sam.text
        );
    }

    #[test]
    fn few_check_ins_say_not_enough_data_and_claim_nothing() {
        let found = links(10);
        assert!(!found.enough_data && found.links.is_empty());
        assert_eq!(
            found.text,
            "Not enough data yet for mood links: 10 days with a check-in the day after, of the 14 needed."
        );
    }

    #[test]
    fn a_difference_ordinary_ups_and_downs_could_give_is_not_claimed() {
        // Twenty days: the three days with Sam happen to be a little better; too few to say.
        let sam = person("Sam");
        let log: Vec<Interaction> = [2, 9, 15].map(|d| met(&sam, ago(d))).to_vec();
        let checkins: Vec<CheckIn> = (1..=20)
            .map(|d| checkin(ago(d - 1), if [2, 9, 15].contains(&d) { 4 } else { 2 + d % 3 }, 3))
            .collect();
        let people = [sam];
        let found = mood_links(&History::new(&people, &log, &[], &checkins), &Settings::defaults(), &now());
        assert!(found.enough_data && found.links.is_empty(), "{:?}", found.links);
        assert!(found.text.starts_with("No clear mood links yet"), "{}", found.text);
    }

    #[test]
    fn energy_is_compared_only_where_it_was_answered() {
        let (people, log, mut checkins) = life(60);
        let with_energy =
            mood_links(&History::new(&people, &log, &[], &checkins), &Settings::defaults(), &now());
        let sam = with_energy.links.iter().find(|l| l.name == "Sam").expect("Sam");
        assert_eq!((sam.energy_with, sam.energy_without), (Some(3.0), Some(3.0)));
        assert!(sam.text.ends_with("energy 3.0 against 3.0."), "{}", sam.text);
        // Quick check-ins leave energy out: mood is still compared, energy is not made up.
        for c in &mut checkins {
            c.energy = None;
        }
        let quick = mood_links(&History::new(&people, &log, &[], &checkins), &Settings::defaults(), &now());
        let sam = quick.links.iter().find(|l| l.name == "Sam").expect("Sam, on mood alone");
        assert_eq!((sam.mood_with, sam.energy_with, sam.energy_without), (4.5, None, None));
        assert!(!sam.text.contains("energy"), "{}", sam.text);
    }
}

//! Emotions named on an interaction (before and after) or on a day's check-in, kept apart
//! from those records so naming a feeling stays optional everywhere. And which people,
//! modes and activities go with pleasant feelings afterwards, with the counts behind each.

use super::{Attempt, Emotion};
use crate::{Interaction, InteractionId, PersonId};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What a list of emotions was named for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NamedFor {
    Interaction(InteractionId),
    /// A check-in, by its day (one per day; replacing it keeps the words).
    Checkin(Date),
}

/// Emotions named for one interaction or check-in. For a check-in, `after` holds how the
/// day feels and `before` stays empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmotionsNamed {
    pub named_for: NamedFor,
    pub before: Vec<Emotion>,
    pub after: Vec<Emotion>,
}

/// How often time of one kind left only pleasant feelings afterwards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feelings {
    /// A person id, a mode or an activity tag.
    pub key: String,
    /// Interactions with emotions named afterwards.
    pub named: u32,
    /// Of those, how many named only pleasant ones.
    pub pleasant: u32,
}

/// Which people, modes and activities go with pleasant feelings afterwards, most named
/// first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeelingsReport {
    pub by_person: Vec<Feelings>,
    pub by_mode: Vec<Feelings>,
    pub by_tag: Vec<Feelings>,
}

/// Counts interactions with emotions named afterwards (on the interaction itself, or on
/// the ladder try it was logged for), by person, mode and activity tag.
pub fn feelings_after(
    interactions: &[Interaction],
    named: &[EmotionsNamed],
    attempts: &[Attempt],
) -> FeelingsReport {
    let mut after: HashMap<InteractionId, &[Emotion]> = HashMap::new();
    for a in attempts {
        if let Some(i) = a.done().and_then(|d| d.interaction)
            && !a.emotions_after.is_empty()
        {
            after.insert(i, &a.emotions_after);
        }
    }
    for n in named {
        if let NamedFor::Interaction(i) = n.named_for
            && !n.after.is_empty()
        {
            after.insert(i, &n.after);
        }
    }
    let (mut people, mut modes, mut tags) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    fn add(map: &mut BTreeMap<String, (u32, u32)>, key: String, pleasant: bool) {
        let slot = map.entry(key).or_default();
        *slot = (slot.0 + 1, slot.1 + u32::from(pleasant));
    }
    for i in interactions {
        let Some(words) = after.get(&i.id) else { continue };
        let pleasant = words.iter().all(|e| e.word().is_pleasant());
        for p in &i.people {
            add(&mut people, p.to_string(), pleasant);
        }
        add(&mut modes, i.mode.as_str().to_owned(), pleasant);
        for t in &i.tags {
            add(&mut tags, t.as_str().to_owned(), pleasant);
        }
    }
    let list = |map: BTreeMap<String, (u32, u32)>| {
        let mut v: Vec<Feelings> =
            map.into_iter().map(|(key, (named, pleasant))| Feelings { key, named, pleasant }).collect();
        v.sort_by(|a, b| b.named.cmp(&a.named).then_with(|| a.key.cmp(&b.key)));
        v
    };
    FeelingsReport { by_person: list(people), by_mode: list(modes), by_tag: list(tags) }
}

/// The person of a `by_person` key.
pub fn person_of(f: &Feelings) -> Option<PersonId> {
    f.key.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{done, step};
    use super::*;
    use crate::Tag;
    use crate::insights::fixtures::{ago, met, person};

    fn words(list: &str) -> Vec<Emotion> {
        super::super::parse_emotions("after", list).expect("valid")
    }

    #[test]
    fn pleasant_feelings_afterwards_are_counted_by_person_mode_and_activity() {
        let (sam, jo) = (person("Sam"), person("Jo"));
        let mut walk = met(&sam, ago(3));
        walk.tags = vec![Tag::parse("walk").expect("valid")];
        let meeting = met(&jo, ago(2));
        let unnamed = met(&jo, ago(1));
        let named = vec![
            EmotionsNamed {
                named_for: NamedFor::Interaction(walk.id),
                before: words("tired"),
                after: words("warm, calm"),
            },
            EmotionsNamed {
                named_for: NamedFor::Interaction(meeting.id),
                before: vec![],
                after: words("stressed, relieved"),
            },
            EmotionsNamed { named_for: NamedFor::Checkin(ago(0)), before: vec![], after: words("content") },
        ];
        let r = feelings_after(&[walk, meeting, unnamed], &named, &[]);
        let by =
            |list: &[Feelings], key: &str| list.iter().find(|f| f.key == key).map(|f| (f.named, f.pleasant));
        assert_eq!(by(&r.by_person, &sam.id.to_string()), Some((1, 1)));
        assert_eq!(by(&r.by_person, &jo.id.to_string()), Some((1, 0)), "a mixed evening is not all pleasant");
        assert_eq!(by(&r.by_mode, "in_person"), Some((2, 1)));
        assert_eq!(by(&r.by_tag, "walk"), Some((1, 1)));
    }

    #[test]
    fn a_ladder_try_lends_its_feelings_to_the_interaction_it_was_logged_as() {
        let sam = person("Sam");
        let call = met(&sam, ago(1));
        let mut tried = done(&step("Call Sam", 4), 1, 6, 2);
        if let super::super::AttemptOutcome::Done(d) = &mut tried.outcome {
            d.interaction = Some(call.id);
        }
        tried.emotions_after = words("relieved");
        let r = feelings_after(&[call], &[], &[tried]);
        assert_eq!(r.by_mode, vec![Feelings { key: "in_person".into(), named: 1, pleasant: 1 }]);
    }
}

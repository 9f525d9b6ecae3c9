//! A starter set of small, generic steps, from a friendly word with someone serving you
//! (Sandstrom & Dunn 2014: such brief exchanges lift mood and belonging) up to a group
//! activity. Steps that are about someone in particular take the person's own people when
//! given, so the ladder is built from their real contacts.

use super::{Difficulty, Step, StepTitle};
use crate::{Mode, Person, StepId};
use jiff::Timestamp;
use serde::Serialize;

/// A step of the starter set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StarterStep {
    /// The title when no one is named; `{person}` marks where a name goes.
    pub title: &'static str,
    /// Who fills `{person}` when no one is given.
    pub someone: &'static str,
    pub difficulty: u8,
    pub mode: Mode,
}

impl StarterStep {
    /// Whether the step is about someone in particular.
    pub fn is_with_someone(&self) -> bool {
        self.title.contains("{person}")
    }
}

const fn s(title: &'static str, someone: &'static str, difficulty: u8, mode: Mode) -> StarterStep {
    StarterStep { title, someone, difficulty, mode }
}

/// The starter set, easiest first.
pub fn starter_set() -> &'static [StarterStep] {
    const SET: [StarterStep; 8] = [
        s(
            "Swap a few friendly words with someone serving you, a cashier or a barista",
            "",
            1,
            Mode::InPerson,
        ),
        s("Reply to one message from {person} you have been meaning to answer", "someone", 2, Mode::Text),
        s("Send {person} a short hello, no question needed", "a friend you trust", 3, Mode::Text),
        s("Say hello to a neighbour and ask them one thing", "", 3, Mode::InPerson),
        s("Call {person} for ten minutes", "a friend you trust", 5, Mode::Voice),
        s("Go for a short walk with {person}", "a friend", 6, Mode::InPerson),
        s("Have a coffee or a meal with {person}", "a friend", 7, Mode::InPerson),
        s("Go to a group activity or a class once", "", 8, Mode::InPerson),
    ];
    &SET
}

/// The starter set as steps. Steps about someone take `people` in turn (the first person
/// for the easiest such step); with no one given they name "a friend you trust" and the
/// like, and are left without a person.
pub fn starter_steps(
    people: &[Person],
    created_at: Timestamp,
    mut random: impl FnMut() -> [u8; 16],
) -> Vec<Step> {
    let mut who = people.iter().cycle();
    starter_set()
        .iter()
        .filter_map(|st| {
            let person = if st.is_with_someone() && !people.is_empty() { who.next() } else { None };
            let name = person.map_or(st.someone, |p| p.name.as_str());
            let title = StepTitle::parse(&st.title.replace("{person}", name)).ok()?;
            let id = StepId::from_random_bytes(random());
            let difficulty = Difficulty::new(i64::from(st.difficulty)).ok()?;
            Some(Step::new(id, title, person.map(|p| p.id), st.mode, difficulty, created_at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::bytes;
    use super::*;
    use crate::insights::fixtures::person;

    #[test]
    fn the_starter_set_climbs_from_a_cashier_to_a_group() {
        let set = starter_set();
        assert!(set.windows(2).all(|w| w[0].difficulty <= w[1].difficulty));
        assert!(set[0].title.contains("cashier"));
        let steps = starter_steps(&[], "2026-11-01T00:00:00Z".parse().expect("valid"), bytes);
        assert_eq!(steps.len(), set.len());
        assert!(steps.iter().all(|s| s.person.is_none() && !s.title.as_str().contains('{')));
        assert!(steps.iter().any(|s| s.title.as_str() == "Call a friend you trust for ten minutes"));
    }

    #[test]
    fn steps_about_someone_take_the_persons_own_people_in_turn() {
        let (sam, priya) = (person("Sam"), person("Priya"));
        let steps = starter_steps(
            &[sam.clone(), priya.clone()],
            "2026-11-01T00:00:00Z".parse().expect("valid"),
            bytes,
        );
        let with: Vec<(&str, Option<crate::PersonId>)> =
            steps.iter().filter(|s| s.person.is_some()).map(|s| (s.title.as_str(), s.person)).collect();
        assert_eq!(with[0], ("Reply to one message from Sam you have been meaning to answer", Some(sam.id)));
        assert_eq!(with[1], ("Send Priya a short hello, no question needed", Some(priya.id)));
        assert_eq!(with.len(), 5);
        assert!(steps[0].person.is_none(), "the cashier is nobody in particular");
    }
}

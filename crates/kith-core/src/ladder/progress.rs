//! Where each step stands, and which one to suggest next: the easiest step not yet done
//! comfortably. A step repeated with falling anxiety is mastered (settings `[ladder]`).

use super::{Attempt, AttemptOutcome, Step, StepStatus};
use crate::settings::LadderSettings;
use crate::{AttemptId, StepId};
use serde::Serialize;
use std::collections::HashMap;

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Not done yet (there may be a prediction waiting).
    NotYet,
    /// Done, but not yet comfortably.
    Trying,
    /// Done at least once with anxiety at or below `comfortable_at_most`.
    Comfortable,
    /// Done `mastered_after` times or more, the last time comfortably and with anxiety no
    /// higher than the time before.
    Mastered,
    /// Taken off the ladder by the person.
    SetAside,
}

impl StepState {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::NotYet => "not_yet",
            StepState::Trying => "trying",
            StepState::Comfortable => "comfortable",
            StepState::Mastered => "mastered",
            StepState::SetAside => "set_aside",
        }
    }

    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            StepState::NotYet => "not yet",
            StepState::Trying => "tried",
            StepState::Comfortable => "done comfortably",
            StepState::Mastered => "mastered",
            StepState::SetAside => "set aside",
        }
    }
}

/// One step and its tries so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepProgress {
    pub step: Step,
    pub state: StepState,
    /// Tries that happened.
    pub done: u32,
    /// Tries let go ("not this time").
    pub let_go: u32,
    /// Felt anxiety of each try that happened, oldest first: the falling line to show.
    pub felt_anxiety: Vec<i64>,
    /// A prediction made and not yet followed by an outcome.
    pub open_attempt: Option<AttemptId>,
    /// Whether this is the suggested next step.
    pub is_next: bool,
}

/// The whole ladder: active steps from easiest to hardest, then those set aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ladder {
    pub steps: Vec<StepProgress>,
    /// The easiest active step not yet done comfortably.
    pub next: Option<StepId>,
    pub mastered: u32,
    pub comfortable: u32,
    /// One plain sentence.
    pub text: String,
}

impl Ladder {
    /// The progress of one step.
    pub fn get(&self, id: StepId) -> Option<&StepProgress> {
        self.steps.iter().find(|p| p.step.id == id)
    }
}

/// Where each step stands as of the given tries.
pub fn ladder(steps: &[Step], attempts: &[Attempt], settings: &LadderSettings) -> Ladder {
    let mut by_step: HashMap<StepId, Vec<&Attempt>> = HashMap::new();
    for a in attempts {
        by_step.entry(a.step).or_default().push(a);
    }
    let mut out: Vec<StepProgress> = steps
        .iter()
        .map(|s| {
            let mut tries = by_step.remove(&s.id).unwrap_or_default();
            tries.sort_by_key(|a| (a.outcome_at.unwrap_or(a.predicted_at), a.predicted_at, a.id));
            progress(s, &tries, settings)
        })
        .collect();
    out.sort_by_key(|p| {
        (
            p.state == StepState::SetAside,
            p.step.difficulty,
            p.open_attempt.is_none(),
            p.step.created_at,
            p.step.id,
        )
    });
    let next = out.iter().position(|p| matches!(p.state, StepState::NotYet | StepState::Trying));
    if let Some(i) = next
        && let Some(p) = out.get_mut(i)
    {
        p.is_next = true;
    }
    let next = next.and_then(|i| out.get(i)).map(|p| p.step.id);
    let count = |state| u32::try_from(out.iter().filter(|p| p.state == state).count()).unwrap_or(0);
    let (mastered, comfortable) = (count(StepState::Mastered), count(StepState::Comfortable));
    let text = summary(&out, next, mastered, comfortable);
    Ladder { steps: out, next, mastered, comfortable, text }
}

fn progress(step: &Step, tries: &[&Attempt], s: &LadderSettings) -> StepProgress {
    let felt: Vec<i64> = tries.iter().filter_map(|a| a.done()).map(|d| d.felt_anxiety.get()).collect();
    let let_go = tries.iter().filter(|a| a.outcome == AttemptOutcome::NotThisTime).count();
    let open_attempt = tries.iter().rev().find(|a| a.outcome == AttemptOutcome::Open).map(|a| a.id);
    let comfortable = i64::from(s.comfortable_at_most);
    let mastered = felt.len() >= usize::try_from(s.mastered_after.max(2)).unwrap_or(2)
        && match felt.as_slice() {
            [.., before, last] => *last <= comfortable && last <= before,
            _ => false,
        };
    let state = if step.status == StepStatus::SetAside {
        StepState::SetAside
    } else if mastered {
        StepState::Mastered
    } else if felt.iter().any(|f| *f <= comfortable) {
        StepState::Comfortable
    } else if felt.is_empty() {
        StepState::NotYet
    } else {
        StepState::Trying
    };
    StepProgress {
        step: step.clone(),
        state,
        done: u32::try_from(felt.len()).unwrap_or(u32::MAX),
        let_go: u32::try_from(let_go).unwrap_or(u32::MAX),
        felt_anxiety: felt,
        open_attempt,
        is_next: false,
    }
}

fn summary(steps: &[StepProgress], next: Option<StepId>, mastered: u32, comfortable: u32) -> String {
    if steps.is_empty() {
        return "No steps yet. `kith step starter` adds a few small ones to begin with.".to_owned();
    }
    let done = mastered + comfortable;
    let mut text = match done {
        0 => "No step done comfortably yet; every ladder starts at the bottom rung.".to_owned(),
        1 => "1 step done comfortably so far.".to_owned(),
        n => format!("{n} steps done comfortably so far."),
    };
    match next.and_then(|id| steps.iter().find(|p| p.step.id == id)) {
        Some(p) => text.push_str(&format!(" Next, when you are ready: {}.", p.step.title)),
        None if steps.iter().any(|p| p.state != StepState::SetAside) => {
            text.push_str(
                " Every step on the ladder is done comfortably: time to add a harder one, if you want to.",
            );
        }
        None => {}
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn the_next_step_is_the_easiest_not_yet_done_comfortably() {
        let (cashier, text, walk) =
            (step("Chat with a cashier", 2), step("Text Sam", 3), step("Walk with Sam", 6));
        let tries = vec![done(&cashier, 1, 5, 2), done(&text, 2, 7, 6)];
        let l = ladder(&[walk.clone(), text.clone(), cashier.clone()], &tries, &settings());
        let order: Vec<&str> = l.steps.iter().map(|p| p.step.title.as_str()).collect();
        assert_eq!(order, ["Chat with a cashier", "Text Sam", "Walk with Sam"]);
        assert_eq!(l.steps[0].state, StepState::Comfortable);
        assert_eq!(l.steps[1].state, StepState::Trying);
        assert_eq!(l.next, Some(text.id), "tried but still anxious: stays the next rung");
        assert!(l.steps[1].is_next && !l.steps[2].is_next);
    }

    #[test]
    fn repeated_with_falling_anxiety_is_mastered_and_rising_is_not() {
        let s = step("Call Priya", 4);
        let falling = vec![done(&s, 15, 7, 6), done(&s, 8, 5, 4), done(&s, 1, 4, 3)];
        assert_eq!(
            ladder(std::slice::from_ref(&s), &falling, &settings()).steps[0].state,
            StepState::Mastered
        );
        assert_eq!(ladder(std::slice::from_ref(&s), &falling, &settings()).steps[0].felt_anxiety, [6, 4, 3]);

        let rising = vec![done(&s, 8, 5, 1), done(&s, 1, 5, 3)];
        assert_eq!(
            ladder(std::slice::from_ref(&s), &rising, &settings()).steps[0].state,
            StepState::Comfortable
        );
        let once = vec![done(&s, 1, 5, 1)];
        assert_eq!(ladder(&[s], &once, &settings()).steps[0].state, StepState::Comfortable);
    }

    #[test]
    fn set_aside_steps_go_last_and_are_never_suggested() {
        let mut hard = step("Group class", 1);
        hard.status = StepStatus::SetAside;
        let easy = step("Wave to a neighbour", 5);
        let l = ladder(&[hard.clone(), easy.clone()], &[], &settings());
        assert_eq!(l.next, Some(easy.id));
        assert_eq!(l.steps[1].state, StepState::SetAside);
    }

    #[test]
    fn an_empty_ladder_says_how_to_start_and_a_finished_one_says_so() {
        assert!(ladder(&[], &[], &settings()).text.contains("kith step starter"));
        let s = step("Text Sam", 3);
        let l = ladder(std::slice::from_ref(&s), &[done(&s, 1, 3, 1)], &settings());
        assert_eq!(l.next, None);
        assert!(l.text.contains("Every step"), "{}", l.text);
    }
}

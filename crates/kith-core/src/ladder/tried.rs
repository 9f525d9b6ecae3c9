//! What a try recorded comes to, the same on every surface: the ladder and the ladder
//! streak with the try counted, and the words to say about it. Only the sentence for a
//! prediction noted is the surface's own, because it says how to come back to the step
//! (a command to type, or the page to return to).

use super::{
    Attempt, AttemptOutcome, Ladder, LadderStreak, Step, StepState, celebrate_outcome, ladder, ladder_streak,
    prediction_prompt, streak_words,
};
use crate::settings::LadderSettings;
use jiff::civil::Date;

/// A try recorded, worked out against the tries before it.
#[derive(Debug, Clone, PartialEq)]
pub struct TryWords {
    /// The ladder with the try counted.
    pub ladder: Ladder,
    /// The ladder streak on the day given, with the try counted.
    pub streak: LadderStreak,
    /// The words for a streak milestone the try reached, if it reached one.
    pub streak_words: Option<String>,
    /// For a prediction noted: the look back at earlier predictions, when it is high
    /// ([`prediction_prompt`]). For an outcome: its acknowledgement ([`celebrate_outcome`]).
    pub words: Option<String>,
    /// Whether the try is a prediction still waiting for its outcome.
    pub is_noted: bool,
}

impl TryWords {
    /// The whole message. For a prediction noted, `noted` (the surface's sentence, saying
    /// how to come back with the outcome) comes first and the look back follows after
    /// `separator`; for an outcome, the acknowledgement. The streak words end either.
    pub fn message(&self, noted: &str, separator: char) -> String {
        let mut text = if self.is_noted {
            let mut t = noted.to_owned();
            if let Some(look_back) = &self.words {
                t.push(separator);
                t.push_str(look_back);
            }
            t
        } else {
            self.words.clone().unwrap_or_default()
        };
        if let Some(streak) = &self.streak_words {
            text.push(' ');
            text.push_str(streak);
        }
        text
    }
}

/// Works out what `attempt`, a try of `step`, comes to. `earlier` are all the tries
/// before it (without any earlier version of this one); the streak is as of `today`.
pub fn try_words(
    step: &Step,
    attempt: &Attempt,
    steps: &[Step],
    earlier: &[Attempt],
    today: Date,
    settings: &LadderSettings,
) -> TryWords {
    let mut all = earlier.to_vec();
    all.push(attempt.clone());
    let after = ladder(steps, &all, settings);
    let streak_before = ladder_streak(earlier, today, settings);
    let streak = ladder_streak(&all, today, settings);
    let streak_words = streak_words(&streak_before, &streak, settings);
    let is_noted = attempt.outcome == AttemptOutcome::Open;
    let words = if is_noted {
        prediction_prompt(earlier, attempt.predicted_anxiety, settings)
    } else {
        let before = ladder(steps, earlier, settings).get(step.id).map_or(StepState::NotYet, |p| p.state);
        Some(celebrate_outcome(attempt, before, &after))
    };
    TryWords { ladder: after, streak, streak_words, words, is_noted }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{done, let_go, predicted, settings, step};
    use super::*;
    use crate::insights::fixtures::today;

    #[test]
    fn a_prediction_noted_comes_first_and_a_high_one_looks_back_at_earlier_tries() {
        let s = step("Call Sam", 6);
        let earlier = vec![done(&s, 14, 8, 3), done(&s, 7, 7, 2)];
        let noted = predicted(&s, 0, 8);
        let w = try_words(&s, &noted, std::slice::from_ref(&s), &earlier, today(), &settings());
        assert!(w.is_noted);
        assert_eq!(w.streak_words, None, "a prediction is no step done");
        let look_back = w.words.clone().expect("a high prediction with tries to look back on");
        assert_eq!(w.message("Noted.", '\n'), format!("Noted.\n{look_back}"));
        assert_eq!(w.ladder.get(s.id).map(|p| p.open_attempt), Some(Some(noted.id)));
    }

    #[test]
    fn a_low_prediction_is_just_noted() {
        let s = step("Say hello to the barista", 1);
        let w = try_words(&s, &predicted(&s, 0, 2), std::slice::from_ref(&s), &[], today(), &settings());
        assert_eq!(w.message("Noted, come back later.", ' '), "Noted, come back later.");
    }

    #[test]
    fn an_outcome_is_acknowledged_against_the_ladder_before_it() {
        let s = step("Text Sam", 2);
        let first = done(&s, 7, 5, 4);
        let w = try_words(&s, &first, std::slice::from_ref(&s), &[], today(), &settings());
        assert!(!w.is_noted);
        assert_eq!(w.ladder.get(s.id).map(|p| p.state), Some(StepState::Trying));
        let said = w.message("never said for an outcome", '\n');
        assert!(said.starts_with("You did it: Text Sam."), "{said}");
        assert!(!said.contains("never said"), "{said}");
    }

    #[test]
    fn a_step_let_go_is_acknowledged_without_judgement() {
        let s = step("Group class", 8);
        let w = try_words(&s, &let_go(&s, 0, 8), std::slice::from_ref(&s), &[], today(), &settings());
        assert_eq!(w.streak.weeks, 0);
        assert!(w.message("", ' ').starts_with("Not this time, and that is all right."));
    }

    #[test]
    fn a_milestone_reached_ends_the_message_and_counts_from_the_day_given() {
        let s = step("Text Sam", 3);
        let earlier = vec![done(&s, 28, 5, 3), done(&s, 14, 5, 3), done(&s, 7, 5, 3)];
        let w = try_words(&s, &done(&s, 0, 5, 3), std::slice::from_ref(&s), &earlier, today(), &settings());
        assert_eq!(w.streak.weeks, 4);
        let words = w.streak_words.clone().expect("four weeks is a milestone");
        assert!(w.message("", ' ').ends_with(&format!(" {words}")));
        let week_ago = try_words(
            &s,
            &done(&s, 0, 5, 3),
            std::slice::from_ref(&s),
            &earlier,
            today() - jiff::Span::new().days(7),
            &settings(),
        );
        assert_eq!(week_ago.streak_words, None, "the try today is not counted a week ago");
    }
}

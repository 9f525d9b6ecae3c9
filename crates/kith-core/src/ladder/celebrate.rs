//! Words for the moments that matter on the ladder: before a step that feels big, after a
//! step done, after a step let go. Plain acknowledgement, never points, badges or confetti,
//! and never shame: letting a step go is a choice the person is allowed to make.

use super::{Anxiety, Attempt, AttemptOutcome, Ladder, PlanPrediction, StepState};
use crate::Moment;
use crate::settings::LadderSettings;
use std::cmp::Ordering;

/// What to say after an outcome is recorded. `before` is the step's state before this try;
/// `after` is the ladder with the try included.
pub fn celebrate_outcome(attempt: &Attempt, before: StepState, after: &Ladder) -> String {
    let Some(now) = after.get(attempt.step) else { return String::new() };
    let title = now.step.title.as_str();
    let mut text = match &attempt.outcome {
        AttemptOutcome::Open => return String::new(),
        AttemptOutcome::NotThisTime => {
            let mut t = format!(
                "Not this time, and that is all right. \"{title}\" stays on your ladder for when it feels possible."
            );
            if let Some(easier) = after
                .steps
                .iter()
                .find(|p| p.step.difficulty < now.step.difficulty && p.state != StepState::SetAside)
            {
                t.push_str(&format!(" A smaller step could come first: {}.", easier.step.title));
            }
            return t;
        }
        AttemptOutcome::Done(d) => {
            let mut t = format!("You did it: {title}.");
            match attempt.went_better() {
                Some(Ordering::Greater) if attempt.expected.is_none() => t.push_str(&format!(
                    " You expected anxiety of {} and felt {}: easier than you feared.",
                    attempt.predicted_anxiety.get(),
                    d.felt_anxiety.get()
                )),
                Some(Ordering::Greater) => t.push_str(" It went better than you expected."),
                Some(Ordering::Less) => t.push_str(
                    " It was harder than you expected, and you did it anyway; that counts for a lot.",
                ),
                _ => t.push_str(" It went about as you expected."),
            }
            t
        }
    };
    match (before, now.state) {
        (b, StepState::Mastered) if b != StepState::Mastered => {
            text.push_str(" Done again with the anxiety coming down: this step looks mastered.");
        }
        (StepState::NotYet | StepState::Trying, StepState::Comfortable) => {
            text.push_str(" Done comfortably.");
        }
        _ => {}
    }
    if let Some(next) = after.next.and_then(|id| after.get(id)).filter(|n| n.step.id != attempt.step)
        && matches!(now.state, StepState::Mastered | StepState::Comfortable)
    {
        text.push_str(&format!(" The next rung, whenever you are ready: {}.", next.step.title));
    }
    text
}

/// A gentle look back before a step expected to be hard: how the person's own earlier
/// predictions turned out. `None` when the expected anxiety is below
/// `high_anxiety_at_least` or there is nothing to look back on. When none of the earlier
/// ones went better than predicted, the numbers would only confirm the fear, so they are
/// left out and the words say what is still true: the person went through with them.
pub fn prediction_prompt(
    attempts: &[Attempt],
    predicted: Anxiety,
    settings: &LadderSettings,
) -> Option<String> {
    prediction_prompt_with_plans(attempts, &[], predicted, settings)
}

/// The same look back, before a step or a plan, over the latest finished tries and plans
/// with a checked prediction together.
pub fn prediction_prompt_with_plans(
    attempts: &[Attempt],
    plans: &[PlanPrediction],
    predicted: Anxiety,
    settings: &LadderSettings,
) -> Option<String> {
    if predicted.get() < i64::from(settings.high_anxiety_at_least) {
        return None;
    }
    // (when, is a plan, went better than expected)
    let mut finished: Vec<(Option<Moment>, bool, bool)> = attempts
        .iter()
        .filter(|a| a.done().is_some())
        .map(|a| (a.outcome_at, false, a.went_better() == Some(Ordering::Greater)))
        .chain(plans.iter().filter_map(|p| {
            let c = p.checked.as_ref()?;
            Some((Some(c.at), true, p.went_better() == Some(Ordering::Greater)))
        }))
        .collect();
    finished.sort_by_key(|f| f.0);
    let take = usize::try_from(settings.look_back_tries.max(1)).unwrap_or(10);
    let recent = &finished[finished.len().saturating_sub(take)..];
    if recent.is_empty() {
        return None;
    }
    let better = recent.iter().filter(|f| f.2).count();
    let plans = recent.iter().filter(|f| f.1).count();
    if better == 0 {
        let things = match (plans, recent.len()) {
            (0, 1) => "a step like this",
            (0, _) => "steps like this",
            (1, 1) => "a plan like this",
            (p, n) if p == n => "plans like this",
            _ => "steps and plans like this",
        };
        return Some(format!(
            "That is a big number, and the nerves are real. You have gone through with {things} before. \
             Take this one gently: going counts, however it goes, and so does leaving early if you need to."
        ));
    }
    let noun = match (plans, recent.len()) {
        (0, 1) => "try",
        (0, _) => "tries",
        (1, 1) => "plan",
        (p, n) if p == n => "plans",
        _ => "steps and plans",
    };
    Some(format!(
        "That is a big number, and the nerves are real. Of your last {} {noun}, {better} went better than you \
         expected. Is what you fear as likely as it feels right now?",
        recent.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::ladder;
    use super::*;

    #[test]
    fn a_first_try_easier_than_feared_says_so_with_the_numbers() {
        let (text_sam, walk) = (step("Text Sam", 3), step("Walk with Sam", 6));
        let a = done(&text_sam, 0, 7, 2);
        let after = ladder(&[text_sam, walk], std::slice::from_ref(&a), &settings());
        let t = celebrate_outcome(&a, StepState::NotYet, &after);
        assert!(t.starts_with("You did it: Text Sam."), "{t}");
        assert!(t.contains("expected anxiety of 7 and felt 2"), "{t}");
        assert!(t.contains("Done comfortably. The next rung, whenever you are ready: Walk with Sam."), "{t}");
        assert!(!t.contains('!'), "calm words, no exclamations: {t}");
    }

    #[test]
    fn mastering_a_step_is_named() {
        let s = step("Call Priya", 4);
        let (first, second) = (done(&s, 7, 6, 3), done(&s, 0, 5, 2));
        let after = ladder(std::slice::from_ref(&s), &[first, second.clone()], &settings());
        let t = celebrate_outcome(&second, StepState::Comfortable, &after);
        assert!(t.contains("this step looks mastered"), "{t}");
    }

    #[test]
    fn letting_a_step_go_carries_no_shame_and_offers_a_smaller_one() {
        let (small, big) = (step("Wave to a neighbour", 2), step("Group class", 8));
        let a = let_go(&big, 0, 9);
        let after = ladder(&[small, big], std::slice::from_ref(&a), &settings());
        let t = celebrate_outcome(&a, StepState::NotYet, &after);
        assert!(t.starts_with("Not this time, and that is all right."), "{t}");
        assert!(t.contains("A smaller step could come first: Wave to a neighbour."), "{t}");
        for word in ["fail", "should", "missed", "points"] {
            assert!(!t.contains(word), "{word} in {t}");
        }
    }

    #[test]
    fn a_high_prediction_gets_a_look_back_at_earlier_ones() {
        let s = step("Coffee with Ana", 6);
        let history = vec![done(&s, 20, 8, 3), done(&s, 10, 8, 4), done(&s, 5, 5, 6)];
        let t = prediction_prompt(&history, Anxiety::new(8).expect("valid"), &settings()).expect("prompted");
        assert!(t.contains("Of your last 3 tries, 2 went better than you expected"), "{t}");
        assert_eq!(prediction_prompt(&history, Anxiety::new(4).expect("valid"), &settings()), None);
        assert_eq!(prediction_prompt(&[], Anxiety::new(9).expect("valid"), &settings()), None);
    }

    #[test]
    fn when_nothing_went_better_than_predicted_the_look_back_is_not_shown() {
        let s = step("Coffee with Ana", 6);
        let hard = vec![done(&s, 20, 6, 6), done(&s, 10, 5, 8)];
        let t = prediction_prompt(&hard, Anxiety::new(8).expect("valid"), &settings()).expect("prompted");
        assert!(!t.contains("went better"), "no count that only confirms the fear: {t}");
        assert!(!t.contains(" 0 "), "{t}");
        assert!(t.contains("You have gone through with steps like this before."), "{t}");
        for word in ["fail", "worse", "should", "!"] {
            assert!(!t.contains(word), "{word} in {t}");
        }
    }

    #[test]
    fn before_a_plan_the_look_back_covers_plans_and_steps() {
        use crate::insights::fixtures::{ago, at, person, plan};
        let s = step("Coffee with Ana", 6);
        let history = vec![done(&s, 20, 8, 3)];
        let sam = person("Sam");
        let p = plan(&sam, ago(5), crate::Outcome::Attended);
        let mut pred = PlanPrediction::new(&p, Anxiety::new(9).expect("valid"), None, at(ago(6), 9));
        pred.check(&p, Anxiety::new(9).expect("valid"), None, at(ago(5), 22)).expect("attended");
        let high = Anxiety::new(8).expect("valid");
        let t = prediction_prompt_with_plans(&history, std::slice::from_ref(&pred), high, &settings())
            .expect("prompted");
        assert!(t.contains("Of your last 2 steps and plans, 1 went better than you expected"), "{t}");
        let t = prediction_prompt_with_plans(&[], std::slice::from_ref(&pred), high, &settings())
            .expect("prompted");
        assert!(t.contains("You have gone through with a plan like this before."), "{t}");
        assert_eq!(prediction_prompt_with_plans(&[], &[], high, &settings()), None);
    }
}

//! Predictions checked: what was expected before each try against what happened. People
//! tend to expect contact with others to go worse than it does (Epley & Schroeder 2014);
//! seeing one's own record of that, with the counts, is the point of this report. Steps
//! and plans are counted apart (the existing fields are the steps') and together.

use super::{Attempt, AttemptOutcome, PlanPrediction, Step};
use crate::insights::round2;
use crate::{Mode, PersonId, Plan, PlanId, StepId};
use jiff::civil::Date;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// One finished try, for a chart of expected against felt over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictionPoint {
    pub date: Date,
    pub step: StepId,
    pub predicted_anxiety: i64,
    pub felt_anxiety: i64,
    pub expected: Option<i64>,
    pub went: Option<i64>,
}

/// One plan whose prediction was checked, for the same chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanPredictionPoint {
    pub date: Date,
    pub plan: PlanId,
    pub predicted_anxiety: i64,
    pub felt_anxiety: i64,
    pub expected: Option<i64>,
    pub went: Option<i64>,
}

/// Predicted against actual for plans with a prediction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanTally {
    /// Plans with a prediction.
    pub predicted: u32,
    /// Of those, plans that happened and had how it went recorded.
    pub done: u32,
    pub better: u32,
    pub as_expected: u32,
    pub harder: u32,
    /// Plans with a prediction cancelled by the person or not turned up to.
    pub let_go: u32,
    pub mean_predicted_anxiety: Option<f64>,
    pub mean_felt_anxiety: Option<f64>,
    /// Oldest first.
    pub points: Vec<PlanPredictionPoint>,
}

/// How tries with one mode or one person felt afterwards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AfterFeelings {
    /// `mode` for the by-mode list, a person id for the by-person list.
    pub key: String,
    /// Tries that happened and had emotions named afterwards.
    pub named: u32,
    /// Of those, how many named only pleasant emotions.
    pub pleasant: u32,
}

/// Predicted against actual, over every finished try.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictionReport {
    /// Tries that happened.
    pub done: u32,
    /// Of those, how many went better than expected.
    pub better: u32,
    pub as_expected: u32,
    pub harder: u32,
    /// Tries let go.
    pub let_go: u32,
    pub mean_predicted_anxiety: Option<f64>,
    pub mean_felt_anxiety: Option<f64>,
    /// Oldest first.
    pub points: Vec<PredictionPoint>,
    pub by_mode: Vec<AfterFeelings>,
    pub by_person: Vec<AfterFeelings>,
    /// Plans with a prediction, counted apart from steps.
    pub plans: PlanTally,
    /// Steps and plans that happened, together.
    pub total_done: u32,
    /// Of those, how many went better than expected.
    pub total_better: u32,
    /// Plain sentences with the counts.
    pub text: String,
}

/// Compares each try's prediction with its outcome; plans are left out (see
/// [`prediction_report_with_plans`]).
pub fn prediction_report(steps: &[Step], attempts: &[Attempt]) -> PredictionReport {
    prediction_report_with_plans(steps, attempts, &[], &[])
}

/// Compares each prediction, of tries and of plans, with its outcome. `plans` are looked
/// up by the predictions' plan ids, to count those let go.
pub fn prediction_report_with_plans(
    steps: &[Step],
    attempts: &[Attempt],
    plans: &[Plan],
    predictions: &[PlanPrediction],
) -> PredictionReport {
    let steps: HashMap<StepId, &Step> = steps.iter().map(|s| (s.id, s)).collect();
    let mut finished: Vec<&Attempt> = attempts.iter().filter(|a| a.done().is_some()).collect();
    finished.sort_by_key(|a| (a.outcome_at, a.id));
    let mut compared = Compared::default();
    let mut points = Vec::new();
    let mut by_mode: BTreeMap<Mode, (u32, u32)> = BTreeMap::new();
    let mut by_person: BTreeMap<PersonId, (u32, u32)> = BTreeMap::new();
    for a in &finished {
        let Some(d) = a.done() else { continue };
        compared.count(a.went_better());
        points.push(PredictionPoint {
            date: a.outcome_at.unwrap_or(a.predicted_at).local_date(),
            step: a.step,
            predicted_anxiety: a.predicted_anxiety.get(),
            felt_anxiety: d.felt_anxiety.get(),
            expected: a.expected.map(|e| e.get()),
            went: d.went.map(|w| w.get()),
        });
        if a.emotions_after.is_empty() {
            continue;
        }
        let pleasant = u32::from(a.emotions_after.iter().all(|e| e.word().is_pleasant()));
        if let Some(s) = steps.get(&a.step) {
            let slot = by_mode.entry(s.mode).or_default();
            *slot = (slot.0 + 1, slot.1 + pleasant);
            if let Some(p) = s.person {
                let slot = by_person.entry(p).or_default();
                *slot = (slot.0 + 1, slot.1 + pleasant);
            }
        }
    }
    let Compared { better, same, harder } = compared;
    let done = better + same + harder;
    let let_go = u32::try_from(attempts.iter().filter(|a| a.outcome == AttemptOutcome::NotThisTime).count())
        .unwrap_or(u32::MAX);
    let (mean_predicted_anxiety, mean_felt_anxiety) =
        (mean(&points, |p| p.predicted_anxiety), mean(&points, |p| p.felt_anxiety));
    let plans = plan_tally(plans, predictions);
    let mut text = if done == 0 && plans.done > 0 {
        String::new()
    } else {
        sentence(done, better, same, harder, mean_predicted_anxiety, mean_felt_anxiety)
    };
    if plans.done > 0 {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&plan_sentence(&plans));
    }
    let feelings = |key: String, (named, pleasant): (u32, u32)| AfterFeelings { key, named, pleasant };
    PredictionReport {
        done,
        better,
        as_expected: same,
        harder,
        let_go,
        mean_predicted_anxiety,
        mean_felt_anxiety,
        points,
        by_mode: by_mode.into_iter().map(|(m, c)| feelings(m.as_str().to_owned(), c)).collect(),
        by_person: by_person.into_iter().map(|(p, c)| feelings(p.to_string(), c)).collect(),
        total_done: done + plans.done,
        total_better: better + plans.better,
        plans,
        text,
    }
}

/// How outcomes compared with their predictions, counted.
#[derive(Default)]
struct Compared {
    better: u32,
    same: u32,
    harder: u32,
}

impl Compared {
    fn count(&mut self, went_better: Option<Ordering>) {
        match went_better {
            Some(Ordering::Greater) => self.better += 1,
            Some(Ordering::Equal) => self.same += 1,
            _ => self.harder += 1,
        }
    }
}

/// The mean of one number over the points, to two decimals; `None` without points.
fn mean<T>(points: &[T], of: impl Fn(&T) -> i64) -> Option<f64> {
    (!points.is_empty()).then(|| round2(points.iter().map(of).sum::<i64>() as f64 / points.len() as f64))
}

/// " (2 about as expected, 1 harder than expected)", or nothing when none were.
fn the_rest(same: u32, harder: u32) -> String {
    let rest: Vec<String> = [(same, "about as expected"), (harder, "harder than expected")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, words)| format!("{n} {words}"))
        .collect();
    if rest.is_empty() { String::new() } else { format!(" ({})", rest.join(", ")) }
}

fn plan_tally(plans: &[Plan], predictions: &[PlanPrediction]) -> PlanTally {
    let by_id: HashMap<PlanId, &Plan> = plans.iter().map(|p| (p.id, p)).collect();
    let mut checked: Vec<&PlanPrediction> = predictions.iter().filter(|p| p.checked.is_some()).collect();
    checked.sort_by_key(|p| (p.checked.as_ref().map(|c| c.at), p.plan));
    let mut compared = Compared::default();
    let mut points = Vec::new();
    for p in &checked {
        let Some(c) = &p.checked else { continue };
        compared.count(p.went_better());
        points.push(PlanPredictionPoint {
            date: c.at.local_date(),
            plan: p.plan,
            predicted_anxiety: p.anxiety.get(),
            felt_anxiety: c.felt_anxiety.get(),
            expected: p.expected.map(|e| e.get()),
            went: c.went.map(|w| w.get()),
        });
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let let_go =
        predictions.iter().filter(|p| by_id.get(&p.plan).is_some_and(|plan| p.is_let_go(plan))).count();
    let Compared { better, same, harder } = compared;
    PlanTally {
        predicted: count(predictions.len()),
        done: better + same + harder,
        better,
        as_expected: same,
        harder,
        let_go: count(let_go),
        mean_predicted_anxiety: mean(&points, |p| p.predicted_anxiety),
        mean_felt_anxiety: mean(&points, |p| p.felt_anxiety),
        points,
    }
}

/// "Of 4 plans you made a prediction for, 3 went better than you expected (1 about as
/// expected)."
fn plan_sentence(t: &PlanTally) -> String {
    let plans = if t.done == 1 { "plan" } else { "plans" };
    let mut text =
        format!("Of {} {plans} with a prediction, {} went better than you expected", t.done, t.better);
    text.push_str(&the_rest(t.as_expected, t.harder));
    text.push('.');
    text
}

fn sentence(
    done: u32,
    better: u32,
    same: u32,
    harder: u32,
    predicted: Option<f64>,
    felt: Option<f64>,
) -> String {
    if done == 0 {
        return "No step tried yet: after the first one, this shows how your expectations compare with what happened."
            .to_owned();
    }
    let steps = if done == 1 { "step" } else { "steps" };
    let mut text = format!("In {better} of {done} {steps} it went better than you expected");
    text.push_str(&the_rest(same, harder));
    text.push('.');
    if let (Some(p), Some(f)) = (predicted, felt) {
        text.push_str(&format!(" On average you expected anxiety of {p:.1} out of 10 and felt {f:.1}."));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{Emotion, Expectation};
    use super::*;

    #[test]
    fn counts_how_often_it_went_better_than_expected() {
        let s = step("Text Sam", 3);
        let mut tries: Vec<Attempt> = (0..12).map(|d| done(&s, 30 - d, 7, 3)).collect();
        tries.extend([
            done(&s, 10, 4, 4),
            done(&s, 9, 4, 4),
            done(&s, 8, 2, 6),
            let_go(&s, 7, 8),
            predicted(&s, 1, 5),
        ]);
        let r = prediction_report(&[s], &tries);
        assert_eq!((r.done, r.better, r.as_expected, r.harder, r.let_go), (15, 12, 2, 1, 1));
        assert!(r.text.starts_with("In 12 of 15 steps it went better than you expected"), "{}", r.text);
        assert!(r.text.contains("2 about as expected, 1 harder than expected"), "{}", r.text);
        assert_eq!(r.points.len(), 15);
        assert_eq!(r.points[0].date, crate::insights::fixtures::ago(30));
    }

    #[test]
    fn a_rated_outcome_is_compared_with_the_rated_expectation() {
        let s = step("Coffee with Ana", 6);
        let mut a = done(&s, 2, 3, 8);
        a.expected = Some(Expectation::new(4).expect("valid"));
        if let AttemptOutcome::Done(d) = &mut a.outcome {
            d.went = Some(Expectation::new(7).expect("valid"));
        }
        let r = prediction_report(&[s], &[a]);
        assert_eq!(r.better, 1, "more anxious than expected, yet it went better than expected");
        assert!(r.text.starts_with("In 1 of 1 step"), "{}", r.text);
    }

    #[test]
    fn pleasant_feelings_afterwards_are_counted_by_mode() {
        let mut call = step("Call Priya", 4);
        call.mode = Mode::Voice;
        let mut a = done(&call, 3, 6, 3);
        a.emotions_after =
            vec![Emotion::parse("relieved").expect("valid"), Emotion::parse("warm").expect("valid")];
        let mut b = done(&call, 2, 6, 3);
        b.emotions_after = vec![Emotion::parse("awkward").expect("valid")];
        let r = prediction_report(&[call], &[a, b, done(&step("x", 1), 1, 1, 1)]);
        assert_eq!(r.by_mode, vec![AfterFeelings { key: "voice".into(), named: 2, pleasant: 1 }]);
    }

    #[test]
    fn plans_are_counted_apart_from_steps_and_together() {
        use crate::insights::fixtures::{ago, at, person, plan};
        use crate::{Outcome, ladder::Anxiety};
        let s = step("Text Sam", 3);
        let tries = vec![done(&s, 20, 7, 3), done(&s, 10, 4, 4)];
        let sam = person("Sam");
        let anxiety = |n| Anxiety::new(n).expect("valid");
        let (kept, easy, cancelled, waiting) = (
            plan(&sam, ago(8), Outcome::Attended),
            plan(&sam, ago(4), Outcome::Attended),
            plan(&sam, ago(3), Outcome::CancelledByMe),
            plan(&sam, ago(-2), Outcome::Pending),
        );
        let mut predictions: Vec<PlanPrediction> = [(&kept, 8), (&easy, 5), (&cancelled, 9), (&waiting, 6)]
            .into_iter()
            .map(|(p, n)| PlanPrediction::new(p, anxiety(n), None, at(ago(9), 9)))
            .collect();
        predictions[0].check(&kept, anxiety(4), None, at(ago(8), 22)).expect("attended");
        predictions[1].check(&easy, anxiety(6), None, at(ago(4), 22)).expect("attended");
        let plans = [kept.clone(), easy, cancelled, waiting];
        let r = prediction_report_with_plans(&[s], &tries, &plans, &predictions);
        assert_eq!((r.done, r.better, r.as_expected), (2, 1, 1), "the step fields stay the steps'");
        let t = &r.plans;
        assert_eq!((t.predicted, t.done, t.better, t.harder, t.let_go), (4, 2, 1, 1, 1));
        assert_eq!((r.total_done, r.total_better), (4, 2));
        assert_eq!((t.points[0].plan, t.points[0].date), (kept.id, ago(8)), "oldest first");
        assert_eq!(t.mean_felt_anxiety, Some(5.0));
        assert!(r.text.starts_with("In 1 of 2 steps it went better"), "{}", r.text);
        assert!(
            r.text.contains(
                "Of 2 plans with a prediction, 1 went better than you expected (1 harder than expected)."
            ),
            "{}",
            r.text
        );
        let only_plans = prediction_report_with_plans(&[], &[], &plans, &predictions);
        assert!(only_plans.text.starts_with("Of 2 plans"), "{}", only_plans.text);
    }

    #[test]
    fn with_nothing_tried_it_says_what_it_will_show() {
        let r = prediction_report(&[], &[]);
        assert_eq!(r.done, 0);
        assert!(r.mean_felt_anxiety.is_none());
        assert!(r.text.starts_with("No step tried yet"));
    }
}

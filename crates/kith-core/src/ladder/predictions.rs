//! Predictions checked: what was expected before each try against what happened. People
//! tend to expect contact with others to go worse than it does (Epley & Schroeder 2014);
//! seeing one's own record of that, with the counts, is the point of this report.

use super::{Attempt, AttemptOutcome, Step};
use crate::insights::round2;
use crate::{Mode, PersonId, StepId};
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
    /// One plain sentence with the counts.
    pub text: String,
}

/// Compares each prediction with its outcome.
pub fn prediction_report(steps: &[Step], attempts: &[Attempt]) -> PredictionReport {
    let steps: HashMap<StepId, &Step> = steps.iter().map(|s| (s.id, s)).collect();
    let mut finished: Vec<&Attempt> = attempts.iter().filter(|a| a.done().is_some()).collect();
    finished.sort_by_key(|a| (a.outcome_at, a.id));
    let (mut better, mut same, mut harder) = (0u32, 0u32, 0u32);
    let mut points = Vec::new();
    let mut by_mode: BTreeMap<Mode, (u32, u32)> = BTreeMap::new();
    let mut by_person: BTreeMap<PersonId, (u32, u32)> = BTreeMap::new();
    for a in &finished {
        let Some(d) = a.done() else { continue };
        match a.went_better() {
            Some(Ordering::Greater) => better += 1,
            Some(Ordering::Equal) => same += 1,
            _ => harder += 1,
        }
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
    let done = better + same + harder;
    let let_go = u32::try_from(attempts.iter().filter(|a| a.outcome == AttemptOutcome::NotThisTime).count())
        .unwrap_or(u32::MAX);
    let mean = |f: fn(&PredictionPoint) -> i64| {
        (!points.is_empty()).then(|| round2(points.iter().map(f).sum::<i64>() as f64 / points.len() as f64))
    };
    let (mean_predicted_anxiety, mean_felt_anxiety) =
        (mean(|p| p.predicted_anxiety), mean(|p| p.felt_anxiety));
    let text = sentence(done, better, same, harder, mean_predicted_anxiety, mean_felt_anxiety);
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
        text,
    }
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
    let rest: Vec<String> = [(same, "about as expected"), (harder, "harder than expected")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, words)| format!("{n} {words}"))
        .collect();
    if !rest.is_empty() {
        text.push_str(&format!(" ({})", rest.join(", ")));
    }
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
    fn with_nothing_tried_it_says_what_it_will_show() {
        let r = prediction_report(&[], &[]);
        assert_eq!(r.done, 0);
        assert!(r.mean_felt_anxiety.is_none());
        assert!(r.text.starts_with("No step tried yet"));
    }
}

//! Predictions on plans: before a plan, how anxious the person expects to be and
//! how well they expect it to go; after it happened, how it was. Kept beside the plan
//! rather than on it, so plans without a prediction (most of them, and every imported
//! one) stay as they are. Compared like the tries of steps (Epley & Schroeder 2014:
//! people expect contact to go worse than it does).

use super::{Anxiety, Expectation};
use crate::{Moment, Outcome, Plan, PlanId};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// What was expected of a plan, and, once recorded, how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPrediction {
    pub plan: PlanId,
    /// When the prediction was made.
    pub predicted_at: Moment,
    /// Anxiety expected, 0-10.
    pub anxiety: Anxiety,
    /// How well it is expected to go, when rated.
    pub expected: Option<Expectation>,
    /// How it went, once the plan happened and that was recorded.
    pub checked: Option<PlanChecked>,
}

/// How a plan with a prediction went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanChecked {
    /// Anxiety felt during it.
    pub felt_anxiety: Anxiety,
    /// How well it went, when rated.
    pub went: Option<Expectation>,
    /// When it was recorded.
    pub at: Moment,
}

/// Why a plan's prediction cannot be checked as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The plan did not happen (cancelled, missed, moved or still to come).
    #[error("the plan is {outcome}, so there is nothing to compare the prediction with")]
    NotAttended { outcome: Outcome },
    /// The check belongs to another plan.
    #[error("this prediction belongs to another plan")]
    OtherPlan,
}

impl PlanPrediction {
    /// A prediction made at `now` for `plan`.
    pub fn new(plan: &Plan, anxiety: Anxiety, expected: Option<Expectation>, now: Moment) -> Self {
        Self { plan: plan.id, predicted_at: now, anxiety, expected, checked: None }
    }

    /// Records how `plan` went; it must be this prediction's plan, and attended.
    ///
    /// # Errors
    /// See [`CheckError`].
    pub fn check(
        &mut self,
        plan: &Plan,
        felt_anxiety: Anxiety,
        went: Option<Expectation>,
        at: Moment,
    ) -> Result<(), CheckError> {
        if plan.id != self.plan {
            return Err(CheckError::OtherPlan);
        }
        if plan.outcome != Outcome::Attended {
            return Err(CheckError::NotAttended { outcome: plan.outcome });
        }
        self.checked = Some(PlanChecked { felt_anxiety, went, at });
        Ok(())
    }

    /// Whether it went better than predicted, by the same rule as a try of a step: rated
    /// higher than expected when both were rated, otherwise less anxious than expected.
    /// `None` until checked.
    pub fn went_better(&self) -> Option<Ordering> {
        let c = self.checked.as_ref()?;
        Some(match (self.expected, c.went) {
            (Some(e), Some(w)) => w.cmp(&e),
            _ => self.anxiety.cmp(&c.felt_anxiety),
        })
    }

    /// Whether the plan was let go: cancelled by the person or not turned up to. Said
    /// without judgement, as for a step let go.
    pub fn is_let_go(&self, plan: &Plan) -> bool {
        plan.id == self.plan && matches!(plan.outcome, Outcome::CancelledByMe | Outcome::NoShow)
    }
}

/// Words for a plan that happened, once how it went is recorded: the prediction set beside
/// what happened, in the same calm register as a step done. `None` until checked.
pub fn plan_outcome_words(prediction: &PlanPrediction) -> Option<String> {
    let c = prediction.checked.as_ref()?;
    Some(match prediction.went_better()? {
        Ordering::Greater if prediction.expected.is_none() || c.went.is_none() => format!(
            "You expected anxiety of {} and felt {}: easier than you feared.",
            prediction.anxiety.get(),
            c.felt_anxiety.get()
        ),
        Ordering::Greater => "It went better than you expected.".to_owned(),
        Ordering::Equal => "It went about as you expected.".to_owned(),
        Ordering::Less => {
            "It was harder than you expected, and you went anyway; that counts for a lot.".to_owned()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::{ago, at, person, plan};

    fn anxiety(n: i64) -> Anxiety {
        Anxiety::new(n).expect("valid")
    }

    #[test]
    fn a_plan_that_happened_is_compared_with_what_was_expected() {
        let sam = person("Sam");
        let mut p = plan(&sam, ago(2), Outcome::Attended);
        let mut pred = PlanPrediction::new(&p, anxiety(8), None, at(ago(5), 9));
        assert_eq!(pred.went_better(), None, "nothing to compare yet");
        pred.check(&p, anxiety(3), None, at(ago(2), 22)).expect("attended");
        assert_eq!(pred.went_better(), Some(Ordering::Greater), "less anxious than feared");
        pred.expected = Some(Expectation::new(6).expect("valid"));
        pred.check(&p, anxiety(3), Some(Expectation::new(4).expect("valid")), at(ago(2), 22)).expect("ok");
        assert_eq!(pred.went_better(), Some(Ordering::Less), "both rated: the ratings decide");
        let words = plan_outcome_words(&pred).expect("checked");
        assert!(words.starts_with("It was harder than you expected, and you went anyway"), "{words}");
        pred.expected = None;
        let words = plan_outcome_words(&pred).expect("checked");
        assert_eq!(words, "You expected anxiety of 8 and felt 3: easier than you feared.");
        p.outcome = Outcome::CancelledByMe;
        assert!(pred.is_let_go(&p));
    }

    #[test]
    fn a_plan_that_did_not_happen_cannot_be_checked() {
        let sam = person("Sam");
        let p = plan(&sam, ago(2), Outcome::CancelledByThem);
        let mut pred = PlanPrediction::new(&p, anxiety(6), None, at(ago(5), 9));
        assert_eq!(
            pred.check(&p, anxiety(2), None, at(ago(2), 22)),
            Err(CheckError::NotAttended { outcome: Outcome::CancelledByThem })
        );
        assert!(!pred.is_let_go(&p), "their cancellation is not the person letting it go");
        let other = plan(&sam, ago(1), Outcome::Attended);
        assert_eq!(pred.check(&other, anxiety(2), None, at(ago(1), 22)), Err(CheckError::OtherPlan));
        assert_eq!(pred.checked, None);
    }
}

//! Small steps back: a ladder of re-engagement steps ordered by
//! how hard they feel, tries recorded with the anxiety expected before and felt after,
//! emotions named from a small vocabulary, predictions checked against what happened, and
//! thought records. Every number behind a rule is in [`crate::settings::LadderSettings`]
//! and explained in `docs/ladder.md`.
//!
//! The grounding: graded steps ordered by difficulty are what behavioural activation
//! programmes use (docs/references.md); people mispredict how talking to others will go, and
//! usually expect it to go worse than it does (Epley & Schroeder 2014), which is why a
//! try records the prediction before the outcome; a brief friendly exchange with a
//! stranger such as a barista lifts mood and belonging (Sandstrom & Dunn 2014), which is
//! why the starter set begins there.

mod celebrate;
mod emotion;
mod expecting;
mod named;
mod predictions;
mod progress;
mod starter;
mod step;
mod streak;
mod thought;
mod tried;
mod trying;

pub use celebrate::{celebrate_outcome, prediction_prompt, prediction_prompt_with_plans};
pub use emotion::{EMOTIONS, Emotion, EmotionWord, parse_emotions};
pub use expecting::{CheckError, PlanChecked, PlanPrediction, plan_outcome_words};
pub use named::{EmotionsNamed, Feelings, FeelingsReport, NamedFor, feelings_after, person_of};
pub use predictions::{
    PlanPredictionPoint, PlanTally, PredictionReport, prediction_report, prediction_report_with_plans,
};
pub use progress::{Ladder, StepProgress, StepState, ladder};
pub use starter::{StarterStep, starter_set, starter_steps};
pub use step::{
    Anxiety, Attempt, AttemptOutcome, Belief, Difficulty, Done, Expectation, Step, StepStatus, StepTitle,
};
pub use streak::{LadderStreak, ladder_streak, streak_line, streak_words};
pub use thought::ThoughtRecord;
pub use tried::{TryWords, try_words};
pub use trying::{Afterwards, Finish, Prediction, TryError, TryRecord, record_try};

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod personas;

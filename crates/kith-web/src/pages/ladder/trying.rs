//! One try of a step, recorded from either surface (the step page, the API) exactly as
//! `kith step try` records it, and the words that go with each half.

use super::random_bytes;
use crate::app::AppState;
use crate::error::AppError;
use crate::view::{self, Names};
use kith_core::ladder::{self, Afterwards, Attempt, AttemptOutcome, Prediction, Step, StepState, TryError};
use kith_core::settings::LadderSettings;
use kith_core::*;
use kith_store::{Access, Repo};

/// A try recorded, with what to say about it.
pub struct Tried {
    pub step: Step,
    pub attempt: Attempt,
    pub interaction: Option<Interaction>,
    pub state: StepState,
    pub next: Option<StepId>,
    pub message: String,
    pub streak: ladder::LadderStreak,
    pub streak_words: Option<String>,
    pub names: Names,
}

impl Tried {
    pub fn json(&self) -> serde_json::Value {
        crate::dto::tried(
            &crate::dto::Tried {
                step: &self.step,
                attempt: &self.attempt,
                interaction: self.interaction.as_ref(),
                state: self.state,
                next: self.next,
                message: &self.message,
                streak: &self.streak,
                streak_words: self.streak_words.as_deref(),
            },
            &self.names,
        )
    }
}

/// The words for a try, from what is stored: a prediction noted (with a look back at
/// earlier ones when it is high), or the acknowledgement of the outcome. `earlier` are the
/// tries before this one; the ladder is worked out before and after it.
pub fn words_for(
    step: &Step,
    attempt: &Attempt,
    steps: &[Step],
    earlier: &[Attempt],
    settings: &LadderSettings,
) -> String {
    if attempt.outcome == AttemptOutcome::Open {
        let mut t = format!(
            "Noted: you expect anxiety of {} out of 10 for “{}”. When you have tried it, come back here and say how it went.",
            attempt.predicted_anxiety.get(),
            step.title
        );
        if let Some(prompt) = ladder::prediction_prompt(earlier, attempt.predicted_anxiety, settings) {
            t.push(' ');
            t.push_str(&prompt);
        }
        return t;
    }
    let before = ladder::ladder(steps, earlier, settings).get(step.id).map_or(StepState::NotYet, |p| p.state);
    let mut all = earlier.to_vec();
    all.push(attempt.clone());
    let mut words = ladder::celebrate_outcome(attempt, before, &ladder::ladder(steps, &all, settings));
    if let (_, Some(streak)) = streak_after(attempt, earlier, settings) {
        words.push(' ');
        words.push_str(&streak);
    }
    words
}

/// The ladder streak once `attempt` is counted, and the words when it reached a milestone,
/// as of the day the try was finished.
fn streak_after(
    attempt: &Attempt,
    earlier: &[Attempt],
    settings: &LadderSettings,
) -> (ladder::LadderStreak, Option<String>) {
    let today = attempt.outcome_at.unwrap_or(attempt.predicted_at).local_date();
    let before = ladder::ladder_streak(earlier, today, settings);
    let mut all = earlier.to_vec();
    all.push(attempt.clone());
    let after = ladder::ladder_streak(&all, today, settings);
    let words = ladder::streak_words(&before, &after, settings);
    (after, words)
}

fn try_error(e: &TryError, step: &Step) -> AppError {
    let day = |m: &Moment| m.local().strftime("%a %-d %b at %H:%M").to_string();
    match e {
        TryError::AlreadyWaiting { since } => AppError::Conflict {
            code: "prediction_waiting",
            message: format!(
                "A prediction for “{}” is already waiting (made {}): say how it went first, or that it did not happen this time.",
                step.title,
                day(since)
            ),
        },
        TryError::NothingWaiting => AppError::Conflict {
            code: "nothing_waiting",
            message: format!(
                "“{}” has no prediction waiting: a try starts before the step, with how anxious you expect to feel.",
                step.title
            ),
        },
        TryError::Empty => Invalid::new("anxiety", "", "how anxious you expect to feel, from 0 to 10").into(),
        TryError::BeforePrediction { outcome, prediction } => {
            Invalid::new("at", day(outcome), format!("a time after the prediction ({})", day(prediction)))
                .into()
        }
    }
}

/// Records either half of a try of step `id` in one transaction, exactly as `kith step try`
/// does: the core's `record_try`, the interaction logged first for a step with someone that
/// happened, then the try.
///
/// # Errors
/// When the step does not exist, or the try breaks a rule of `record_try`.
pub async fn try_step(
    state: &AppState,
    id: StepId,
    before: Option<Prediction>,
    after: Option<Afterwards>,
) -> Result<Tried, AppError> {
    let settings = state.settings()?.ladder;
    let now = Moment::from_zoned(&state.now());

    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Write).await?;
    let steps = tx.steps().await?;
    let step = steps.iter().find(|s| s.id == id).cloned().ok_or(AppError::NotFound { what: "step" })?;
    let mut earlier = tx.attempts(None).await?;
    let record = ladder::record_try(&step, &earlier, before, after, now, random_bytes)
        .map_err(|e| try_error(&e, &step))?;
    if let Some(i) = &record.interaction {
        tx.insert_interaction(i).await?;
    }
    tx.save_attempt(&record.attempt).await?;
    let people = tx.people(true).await?;
    tx.commit().await?;
    drop(pooled);
    state.changed();
    earlier.retain(|a| a.id != record.attempt.id);
    let message = words_for(&step, &record.attempt, &steps, &earlier, &settings);
    let (streak, streak_words) = streak_after(&record.attempt, &earlier, &settings);
    earlier.push(record.attempt.clone());
    let after = ladder::ladder(&steps, &earlier, &settings);
    Ok(Tried {
        state: after.get(id).map_or(StepState::NotYet, |p| p.state),
        next: after.next,
        step,
        attempt: record.attempt,
        interaction: record.interaction,
        message,
        streak,
        streak_words,
        names: view::names(&people),
    })
}

//! One try of a step, saved the same way from every surface (the step page, the API and
//! `kith step try`), and the web's words for each half.

use crate::app::AppState;
use crate::error::AppError;
use crate::view::{self, Names};
use kith_app::ladder::save_try;
use kith_core::id::random_bytes;
use kith_core::ladder::{self, Afterwards, Attempt, Prediction, Step, StepState, TryError};
use kith_core::settings::LadderSettings;
use kith_core::*;
use kith_store::Repo;

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
/// tries before this one.
pub fn words_for(
    step: &Step,
    attempt: &Attempt,
    steps: &[Step],
    earlier: &[Attempt],
    settings: &LadderSettings,
) -> String {
    worked_out(step, attempt, steps, earlier, settings).message(&noted(step, attempt), ' ')
}

/// What the try comes to, with the streak as of the day the try was finished.
fn worked_out(
    step: &Step,
    attempt: &Attempt,
    steps: &[Step],
    earlier: &[Attempt],
    settings: &LadderSettings,
) -> ladder::TryWords {
    let today = attempt.outcome_at.unwrap_or(attempt.predicted_at).local_date();
    ladder::try_words(step, attempt, steps, earlier, today, settings)
}

/// A prediction noted, and how to come back to it.
fn noted(step: &Step, attempt: &Attempt) -> String {
    format!(
        "Noted: you expect anxiety of {} out of 10 for “{}”. When you have tried it, come back here and say how it went.",
        attempt.predicted_anxiety.get(),
        step.title
    )
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

/// Records either half of a try of step `id` in one transaction, with [`kith_app::ladder::save_try`].
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
    let mut tx = pooled.begin_write().await?;
    let steps = tx.steps().await?;
    let step = steps.iter().find(|s| s.id == id).cloned().ok_or(AppError::NotFound { what: "step" })?;
    let saved = save_try(tx, &step, before, after, now, &mut random_bytes, try_error).await?;
    drop(pooled);
    state.changed();
    let w = worked_out(&step, &saved.attempt, &steps, &saved.earlier, &settings);
    Ok(Tried {
        state: w.ladder.get(id).map_or(StepState::NotYet, |p| p.state),
        next: w.ladder.next,
        message: w.message(&noted(&step, &saved.attempt), ' '),
        step,
        attempt: saved.attempt,
        interaction: saved.interaction,
        streak: w.streak,
        streak_words: w.streak_words,
        names: view::names(&saved.people),
    })
}

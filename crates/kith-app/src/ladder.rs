//! One try of a ladder step, saved alike from the step page, the API and `kith step try`.

use crate::Ids;
use kith_core::ladder::{self, Afterwards, Attempt, Prediction, Step, TryError};
use kith_core::{Interaction, Moment, Person};
use kith_store::{Repo, StoreError, Tx};

/// What a try saved comes to, read in the same transaction.
pub struct SavedTry {
    pub attempt: Attempt,
    pub interaction: Option<Interaction>,
    /// All the tries before this one, without any earlier version of it.
    pub earlier: Vec<Attempt>,
    pub people: Vec<Person>,
}

/// Saves either half of a try of `step` and commits, exactly alike from the step page, the
/// API and `kith step try`: the core's `record_try` over all the tries so far, the
/// interaction logged first for a step with someone that happened, then the try. `refuse`
/// turns a broken rule of `record_try` into the surface's own error.
///
/// # Errors
/// When the store fails, or the try breaks a rule of `record_try`.
pub async fn save_try<E: From<StoreError>>(
    mut tx: Tx<'_>,
    step: &Step,
    before: Option<Prediction>,
    after: Option<Afterwards>,
    now: Moment,
    ids: &mut impl Ids,
    refuse: impl FnOnce(&TryError, &Step) -> E,
) -> Result<SavedTry, E> {
    let mut earlier = tx.attempts(None).await?;
    let record = ladder::record_try(step, &earlier, before, after, now, || ids.next_id())
        .map_err(|e| refuse(&e, step))?;
    if let Some(i) = &record.interaction {
        tx.insert_interaction(i).await?;
    }
    tx.save_attempt(&record.attempt).await?;
    let people = tx.people(true).await?;
    tx.commit().await?;
    earlier.retain(|a| a.id != record.attempt.id);
    Ok(SavedTry { attempt: record.attempt, interaction: record.interaction, earlier, people })
}

//! Interactions written down by hand, the way the command line, the log page and the API all
//! keep them: the same entry typed twice within [`Interaction::REPEAT_MINUTES`] is caught,
//! each entry notes when it was logged, and the latest one can be taken back within the same
//! minutes.

use crate::{Repo, StoreError};
use jiff::{SignedDuration, Timestamp};
use kith_core::Interaction;

/// When the entries that still count as "a moment ago" at `now` began.
fn window_start(now: Timestamp) -> Timestamp {
    now - SignedDuration::from_mins(Interaction::REPEAT_MINUTES)
}

/// An entry logged in the last few minutes that says the same as `interaction`, if any.
///
/// # Errors
/// When the store cannot be read.
pub async fn repeat_of<R: Repo>(
    repo: &mut R,
    interaction: &Interaction,
    now: Timestamp,
) -> Result<Option<Interaction>, StoreError> {
    Ok(repo.logged_since(window_start(now)).await?.into_iter().find(|i| i.repeats(interaction)))
}

/// Adds `interaction` as logged by hand at `now`.
///
/// # Errors
/// When the store refuses the write.
pub async fn insert<R: Repo>(
    repo: &mut R,
    interaction: &Interaction,
    now: Timestamp,
) -> Result<(), StoreError> {
    repo.insert_interaction(interaction).await?;
    repo.mark_logged(interaction.id, now).await
}

/// The entry logged last, when it was logged in the last few minutes (what undo takes back).
///
/// # Errors
/// When the store cannot be read.
pub async fn latest<R: Repo>(repo: &mut R, now: Timestamp) -> Result<Option<Interaction>, StoreError> {
    Ok(repo.logged_since(window_start(now)).await?.into_iter().next())
}

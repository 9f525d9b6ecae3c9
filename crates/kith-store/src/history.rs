//! Reading what the insight rules need, in one go, inside the caller's transaction.

use crate::StoreError;
use crate::repo::{InteractionFilter, PlanFilter, Repo};
use jiff::Zoned;
use kith_core::{CheckIn, History, Interaction, Person, Plan, Settings};

/// Everything the rules read for one answer.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
}

impl Loaded {
    /// The records as the rules take them.
    pub fn history(&self) -> History<'_> {
        History::new(&self.people, &self.interactions, &self.plans, &self.checkins)
    }
}

/// Reads what the rules need to answer as of `now` with `settings`.
///
/// # Errors
/// When a read fails or a stored value no longer parses.
pub async fn load_history<R: Repo>(
    repo: &mut R,
    settings: &Settings,
    now: &Zoned,
) -> Result<Loaded, StoreError> {
    let _ = (settings, now);
    let people = repo.people(true).await?;
    let interactions = repo.interactions(&InteractionFilter::default()).await?;
    let plans = repo.plans(&PlanFilter::default()).await?;
    let checkins = repo.checkins(None).await?;
    Ok(Loaded { people, interactions, plans, checkins })
}

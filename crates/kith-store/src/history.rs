//! Reading what the insight rules need, inside the caller's transaction: the records of the
//! longest window any rule looks at, and the few older facts the rules still read. The
//! answers are the same as from the whole history (a test compares them), at a fraction of
//! the cost: ten years hold 50,000 interactions, a year a tenth of that.

use crate::StoreError;
use crate::repo::{EarlierFacts, InteractionFilter, PlanFilter, Repo};
use jiff::{SignedDuration, Zoned};
use kith_core::ladder::{Attempt, Step};
use kith_core::{Away, CheckIn, Earlier, History, Interaction, NotNow, Person, Plan, Settings};

/// Everything the rules read for one answer.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
    pub earlier: EarlierFacts,
    /// The re-engagement ladder's steps and tries, which the withdrawal signals also read.
    pub steps: Vec<Step>,
    pub attempts: Vec<Attempt>,
    /// Spans of days marked as away, which the rules leave out.
    pub away: Vec<Away>,
    /// Kinds of suggestion hidden for now.
    pub not_now: Vec<NotNow>,
}

impl Loaded {
    /// The records as the rules take them.
    pub fn history(&self) -> History<'_> {
        History::new(&self.people, &self.interactions, &self.plans, &self.checkins)
            .with_earlier(Earlier {
                first_interaction: self.earlier.first_interaction,
                first_record: self.earlier.first_record,
                last_contact: &self.earlier.last_contact,
                meaningful_days: &self.earlier.meaningful_days,
            })
            .with_ladder(&self.steps, &self.attempts)
            .with_away(&self.away)
            .with_not_now(&self.not_now)
    }
}

/// Reads what the rules need to answer as of `now` with `settings`: records from the last
/// [`Settings::lookback_days`] (plans to come as well), the spans of days away that reach
/// into that window, and the earlier facts.
///
/// # Errors
/// When a read fails or a stored value no longer parses.
pub async fn load_history<R: Repo>(
    repo: &mut R,
    settings: &Settings,
    now: &Zoned,
) -> Result<Loaded, StoreError> {
    let lookback = SignedDuration::from_hours(24 * i64::from(settings.lookback_days()));
    let since = now.timestamp().checked_sub(lookback).unwrap_or(jiff::Timestamp::MIN);
    let since_day = since.to_zoned(now.time_zone().clone()).date();
    let people = repo.people(true).await?;
    let interactions =
        repo.interactions(&InteractionFilter { since: Some(since), ..Default::default() }).await?;
    let plans = repo.plans(&PlanFilter { since: Some(since), until: None }).await?;
    let checkins = repo.checkins(Some(since_day)).await?;
    let grace = settings.one_a_day.grace_days;
    let earlier = repo.earlier_facts(since, since_day, settings.day.starts_at, grace).await?;
    let (steps, attempts) = (repo.steps().await?, repo.attempts(None).await?);
    let away = repo.away(Some(since_day)).await?;
    let not_now = repo.not_now(settings.day.starts_at.today(now)).await?;
    Ok(Loaded { people, interactions, plans, checkins, earlier, steps, attempts, away, not_now })
}

/// Reads the whole history, for comparison with [`load_history`] in tests.
///
/// # Errors
/// When a read fails or a stored value no longer parses.
pub async fn load_everything<R: Repo>(repo: &mut R) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        people: repo.people(true).await?,
        interactions: repo.interactions(&InteractionFilter::default()).await?,
        plans: repo.plans(&PlanFilter::default()).await?,
        checkins: repo.checkins(None).await?,
        earlier: EarlierFacts::default(),
        steps: repo.steps().await?,
        attempts: repo.attempts(None).await?,
        away: repo.away(None).await?,
        not_now: repo.not_now(jiff::civil::Date::MIN).await?,
    })
}

//! Plans and what became of them: adding one (with a prediction of how anxious it may feel),
//! settling it (done, cancelled, missed, moved), changing and deleting it. What `kith plan`,
//! the plans page and `/api/v1/plans` each call.

use crate::{Error, Ids, people, records};
use jiff::Timestamp;
use kith_core::ladder::{Anxiety, Expectation, PlanPrediction};
use kith_core::{
    Felt, Initiator, Interaction, InteractionId, Minutes, Mode, Moment, Note, Outcome, Person, Plan, PlanId,
};
use kith_store::Repo;

/// A plan to add, with every value already checked.
#[derive(Debug, Clone)]
pub struct NewPlan {
    /// Who, by id, name, alias or a first name only one person has.
    pub who: Vec<String>,
    pub start: Moment,
    pub mode: Mode,
    pub note: Option<Note>,
    /// How anxious the person expects to feel (0-10), and how well they expect it to go.
    pub anxiety: Option<Anxiety>,
    pub expect: Option<Expectation>,
}

/// What adding a plan wrote.
#[derive(Debug, Clone)]
pub struct Planned {
    pub plan: Plan,
    pub prediction: Option<PlanPrediction>,
    /// Everyone it is with, in the order named.
    pub people: Vec<Person>,
}

/// Adds `new` at `now` in the caller's transaction, with its prediction when one was made.
///
/// # Errors
/// Someone named is not in kith, nobody was named, or the store failed.
pub async fn add<R: Repo>(
    repo: &mut R,
    new: NewPlan,
    now: Moment,
    ids: &mut impl Ids,
) -> Result<Planned, Error> {
    let people = people::people(repo, &new.who).await?;
    let plan = Plan::planned(
        PlanId::from_random_bytes(ids.next_id()),
        people.iter().map(|p| p.id).collect(),
        new.start,
        new.mode,
        new.note,
        now.timestamp(),
    );
    let prediction = new.anxiety.map(|a| PlanPrediction::new(&plan, a, new.expect, now));
    repo.insert_plan(&plan).await?;
    if let Some(p) = &prediction {
        repo.save_plan_prediction(p).await?;
    }
    Ok(Planned { plan, prediction, people })
}

/// What became of a plan.
#[derive(Debug, Clone)]
pub enum Settle {
    /// It happened. `check`: the anxiety felt and how well it went, against the prediction.
    Done { minutes: Option<Minutes>, felt: Option<Felt>, check: Option<(Anxiety, Option<Expectation>)> },
    /// Called off by me or them, at `at` (now when not said).
    Cancelled { by: Initiator, at: Option<Timestamp> },
    /// I did not turn up.
    Missed,
    /// It moved to `to`: the plan is kept as moved and a new one made.
    Moved { to: Moment },
}

/// A plan settled.
#[derive(Debug, Clone)]
pub struct Settled {
    /// The plan as it is now.
    pub plan: Plan,
    /// The new plan, when it moved.
    pub moved_to: Option<Plan>,
    /// The interaction it became, when it happened (none when only how it went was added).
    pub interaction: Option<Interaction>,
    /// The plan's prediction, with how it went when that was said.
    pub prediction: Option<PlanPrediction>,
}

/// Settles the plan whose id starts with `id` in the caller's transaction. A plan already
/// marked done can still be given how it went against its prediction, once.
///
/// # Errors
/// No such plan (or several), a plan already settled, how it went for a plan without a
/// prediction, or the store failed. Nothing is written then.
pub async fn settle<R: Repo>(
    repo: &mut R,
    id: &str,
    settle: Settle,
    now: Moment,
    ids: &mut impl Ids,
) -> Result<Settled, Error> {
    let mut plan = records::plan(repo, id).await?;
    let (mut moved_to, mut interaction, mut prediction) = (None, None, None);
    match settle {
        Settle::Done { minutes, felt, check } => {
            prediction = repo.plan_predictions(Some(plan.id)).await?.pop();
            if let (Some((felt_anxiety, _)), None) = (check, &prediction) {
                return Err(Error::NoPrediction { plan: plan.id, felt_anxiety });
            }
            let late_check = plan.outcome == Outcome::Attended
                && check.is_some()
                && minutes.is_none()
                && felt.is_none()
                && prediction.as_ref().is_some_and(|p| p.checked.is_none());
            if !late_check {
                pending(&plan)?;
                let i = plan.attend(
                    InteractionId::from_random_bytes(ids.next_id()),
                    minutes,
                    felt,
                    now.timestamp(),
                );
                repo.insert_interaction(&i).await?;
                repo.update_plan(&plan).await?;
                interaction = Some(i);
            }
            if let (Some(p), Some((felt_anxiety, went))) = (prediction.as_mut(), check) {
                p.check(&plan, felt_anxiety, went, now).map_err(|e| {
                    kith_core::Invalid::new("felt_anxiety", felt_anxiety.get(), e.to_string())
                })?;
                repo.save_plan_prediction(p).await?;
            }
        }
        Settle::Cancelled { by, at } => {
            pending(&plan)?;
            plan.cancel(by, at.unwrap_or(now.timestamp()));
            repo.update_plan(&plan).await?;
        }
        Settle::Missed => {
            pending(&plan)?;
            plan.miss();
            repo.update_plan(&plan).await?;
        }
        Settle::Moved { to } => {
            pending(&plan)?;
            let new = plan.reschedule(PlanId::from_random_bytes(ids.next_id()), to, now.timestamp());
            repo.update_plan(&plan).await?;
            repo.insert_plan(&new).await?;
            moved_to = Some(new);
        }
    }
    Ok(Settled { plan, moved_to, interaction, prediction })
}

/// Only a plan still planned can be settled.
fn pending(plan: &Plan) -> Result<(), Error> {
    match plan.outcome {
        Outcome::Pending => Ok(()),
        outcome => Err(Error::PlanSettled { plan: plan.id, outcome }),
    }
}

/// A change to a plan: each `Some` replaces that part.
#[derive(Debug, Clone, Default)]
pub struct PlanEdit {
    pub start: Option<Moment>,
    pub mode: Option<Mode>,
    /// Everyone it is with, by id, name, alias or unique first name.
    pub people: Option<Vec<String>>,
    /// `Some(None)` removes the note.
    pub note: Option<Option<Note>>,
}

impl PlanEdit {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.mode.is_none() && self.people.is_none() && self.note.is_none()
    }
}

/// Changes the plan whose id starts with `id` in the caller's transaction, whatever became
/// of it, and returns it as it now is. To record that a plan moved, settle it as moved.
///
/// # Errors
/// No such plan (or several), someone named is not in kith, or the store failed.
pub async fn edit<R: Repo>(repo: &mut R, id: &str, edit: PlanEdit) -> Result<Plan, Error> {
    let mut plan = records::plan(repo, id).await?;
    if let Some(keys) = edit.people {
        plan.people = people::people(repo, &keys).await?.iter().map(|p| p.id).collect();
    }
    plan.start = edit.start.unwrap_or(plan.start);
    plan.mode = edit.mode.unwrap_or(plan.mode);
    if let Some(note) = edit.note {
        plan.note = note;
    }
    repo.edit_plan(&plan).await?;
    Ok(plan)
}

/// Deletes the plan whose id starts with `id` (one made by mistake), with its links and
/// prediction, in the caller's transaction, and returns what it was.
///
/// # Errors
/// No such plan (or several), or the store failed.
pub async fn delete<R: Repo>(repo: &mut R, id: &str) -> Result<Plan, Error> {
    let plan = records::plan(repo, id).await?;
    repo.delete_plan(plan.id).await?;
    Ok(plan)
}

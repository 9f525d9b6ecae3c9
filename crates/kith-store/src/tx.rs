//! A transaction on whichever backend the store opened.

use crate::StoreError;
use crate::repo::{Counts, EarlierFacts, InteractionFilter, MergeCounts, NewPerson, PlanFilter, Repo};
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::DayStart;
use kith_core::ladder::{Attempt, EmotionsNamed, PlanPrediction, Step, ThoughtRecord};
use kith_core::{
    Away, AwayId, CheckIn, Interaction, InteractionId, NotNow, Person, PersonId, Plan, PlanId, StepId,
};
use std::sync::atomic::{AtomicBool, Ordering};

type Res<T> = Result<T, StoreError>;

/// One transaction. Dropping it without [`Tx::commit`] rolls it back.
///
/// A statement that fails on the database marks the connection as failed (see
/// [`crate::Store::has_failed`]): after a lost connection or a full disk, a long-running
/// server drops that connection and opens a fresh one instead of reusing it.
pub struct Tx<'c> {
    backend: Backend<'c>,
    failed: &'c AtomicBool,
}

enum Backend<'c> {
    Sqlite(crate::sqlite::Tx<'c>),
    Postgres(crate::postgres::Tx<'c>),
}

macro_rules! dispatch {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {{
        let result = match &mut $self.backend {
            Backend::Sqlite(tx) => tx.$method($($arg),*).await,
            Backend::Postgres(tx) => tx.$method($($arg),*).await,
        };
        note_failure($self.failed, result)
    }};
}

/// Marks the connection when a statement failed on the database itself; a value kith
/// refuses (a name taken, a stored row it cannot read) leaves the connection as it was.
pub(crate) fn note_failure<T>(failed: &AtomicBool, result: Res<T>) -> Res<T> {
    if let Err(StoreError::Database { .. }) = &result {
        failed.store(true, Ordering::Relaxed);
    }
    result
}

impl<'c> Tx<'c> {
    pub(crate) fn sqlite(tx: crate::sqlite::Tx<'c>, failed: &'c AtomicBool) -> Self {
        Tx { backend: Backend::Sqlite(tx), failed }
    }

    pub(crate) fn postgres(tx: crate::postgres::Tx<'c>, failed: &'c AtomicBool) -> Self {
        Tx { backend: Backend::Postgres(tx), failed }
    }

    /// Commits everything done in this transaction.
    ///
    /// # Errors
    /// When the commit fails; then nothing was written.
    pub async fn commit(self) -> Res<()> {
        let result = match self.backend {
            Backend::Sqlite(tx) => tx.commit().await,
            Backend::Postgres(tx) => tx.commit().await,
        };
        note_failure(self.failed, result)
    }
}

impl Repo for Tx<'_> {
    async fn insert_person(&mut self, person: &Person) -> Res<()> {
        dispatch!(self.insert_person(person))
    }
    async fn insert_people(&mut self, people: &[NewPerson<'_>]) -> Res<()> {
        dispatch!(self.insert_people(people))
    }
    async fn update_person(&mut self, person: &Person) -> Res<()> {
        dispatch!(self.update_person(person))
    }
    async fn person_by_id(&mut self, id: PersonId) -> Res<Option<Person>> {
        dispatch!(self.person_by_id(id))
    }

    async fn person_by_name(&mut self, name: &str) -> Res<Option<Person>> {
        dispatch!(self.person_by_name(name))
    }
    async fn person_by_alias(&mut self, alias_key: &str) -> Res<Option<Person>> {
        dispatch!(self.person_by_alias(alias_key))
    }
    async fn people(&mut self, include_archived: bool) -> Res<Vec<Person>> {
        dispatch!(self.people(include_archived))
    }
    async fn merge_people(&mut self, from: &Person, into: &Person) -> Res<MergeCounts> {
        dispatch!(self.merge_people(from, into))
    }
    async fn insert_interaction(&mut self, interaction: &Interaction) -> Res<bool> {
        dispatch!(self.insert_interaction(interaction))
    }
    async fn interactions(&mut self, filter: &InteractionFilter) -> Res<Vec<Interaction>> {
        dispatch!(self.interactions(filter))
    }
    async fn interaction_span(&mut self) -> Res<Option<(Timestamp, Timestamp)>> {
        dispatch!(self.interaction_span())
    }
    async fn interactions_by_prefix(&mut self, prefix: &str) -> Res<Vec<Interaction>> {
        dispatch!(self.interactions_by_prefix(prefix))
    }
    async fn mark_logged(&mut self, id: InteractionId, at: Timestamp) -> Res<()> {
        dispatch!(self.mark_logged(id, at))
    }
    async fn logged_since(&mut self, since: Timestamp) -> Res<Vec<Interaction>> {
        dispatch!(self.logged_since(since))
    }
    async fn update_interaction(&mut self, interaction: &Interaction) -> Res<bool> {
        dispatch!(self.update_interaction(interaction))
    }
    async fn delete_interaction(&mut self, id: InteractionId) -> Res<bool> {
        dispatch!(self.delete_interaction(id))
    }
    async fn delete_checkin(&mut self, date: Date) -> Res<bool> {
        dispatch!(self.delete_checkin(date))
    }
    async fn edit_plan(&mut self, plan: &Plan) -> Res<bool> {
        dispatch!(self.edit_plan(plan))
    }
    async fn delete_plan(&mut self, id: PlanId) -> Res<bool> {
        dispatch!(self.delete_plan(id))
    }
    async fn insert_plan(&mut self, plan: &Plan) -> Res<bool> {
        dispatch!(self.insert_plan(plan))
    }
    async fn insert_plans(&mut self, plans: &[Plan]) -> Res<Vec<bool>> {
        dispatch!(self.insert_plans(plans))
    }
    async fn update_plan(&mut self, plan: &Plan) -> Res<()> {
        dispatch!(self.update_plan(plan))
    }
    async fn imported_plans(&mut self, source: &str) -> Res<Vec<(Plan, Option<String>)>> {
        dispatch!(self.imported_plans(source))
    }
    async fn update_imported_plan(&mut self, plan: &Plan, version: &str) -> Res<()> {
        dispatch!(self.update_imported_plan(plan, version))
    }
    async fn delete_plans(&mut self, ids: &[PlanId]) -> Res<()> {
        dispatch!(self.delete_plans(ids))
    }
    async fn set_plan_versions(&mut self, versions: &[(PlanId, String)]) -> Res<()> {
        dispatch!(self.set_plan_versions(versions))
    }
    async fn plans_by_prefix(&mut self, prefix: &str) -> Res<Vec<Plan>> {
        dispatch!(self.plans_by_prefix(prefix))
    }
    async fn plans(&mut self, filter: &PlanFilter) -> Res<Vec<Plan>> {
        dispatch!(self.plans(filter))
    }
    async fn checkin_on(&mut self, date: Date) -> Res<Option<CheckIn>> {
        dispatch!(self.checkin_on(date))
    }
    async fn put_checkin(&mut self, checkin: &CheckIn) -> Res<()> {
        dispatch!(self.put_checkin(checkin))
    }
    async fn put_checkins(&mut self, checkins: &[CheckIn]) -> Res<()> {
        dispatch!(self.put_checkins(checkins))
    }
    async fn checkins(&mut self, since: Option<Date>) -> Res<Vec<CheckIn>> {
        dispatch!(self.checkins(since))
    }
    async fn earlier_facts(
        &mut self,
        before: Timestamp,
        before_day: Date,
        start: DayStart,
        grace_days: u32,
    ) -> Res<EarlierFacts> {
        dispatch!(self.earlier_facts(before, before_day, start, grace_days))
    }
    async fn counts(&mut self) -> Res<Counts> {
        dispatch!(self.counts())
    }
    async fn meaningful_days(&mut self, since: Date, until: Date, start: DayStart) -> Res<Vec<Date>> {
        dispatch!(self.meaningful_days(since, until, start))
    }
    async fn insert_step(&mut self, step: &Step) -> Res<()> {
        dispatch!(self.insert_step(step))
    }
    async fn update_step(&mut self, step: &Step) -> Res<()> {
        dispatch!(self.update_step(step))
    }
    async fn steps(&mut self) -> Res<Vec<Step>> {
        dispatch!(self.steps())
    }
    async fn steps_by_prefix(&mut self, prefix: &str) -> Res<Vec<Step>> {
        dispatch!(self.steps_by_prefix(prefix))
    }
    async fn save_attempt(&mut self, attempt: &Attempt) -> Res<()> {
        dispatch!(self.save_attempt(attempt))
    }
    async fn attempts(&mut self, step: Option<StepId>) -> Res<Vec<Attempt>> {
        dispatch!(self.attempts(step))
    }
    async fn insert_thought(&mut self, record: &ThoughtRecord) -> Res<()> {
        dispatch!(self.insert_thought(record))
    }
    async fn thoughts(&mut self) -> Res<Vec<ThoughtRecord>> {
        dispatch!(self.thoughts())
    }
    async fn move_steps(&mut self, from: PersonId, into: PersonId) -> Res<i64> {
        dispatch!(self.move_steps(from, into))
    }
    async fn put_emotions(&mut self, named: &EmotionsNamed) -> Res<()> {
        dispatch!(self.put_emotions(named))
    }
    async fn emotions_named(&mut self) -> Res<Vec<EmotionsNamed>> {
        dispatch!(self.emotions_named())
    }
    async fn save_plan_prediction(&mut self, prediction: &PlanPrediction) -> Res<()> {
        dispatch!(self.save_plan_prediction(prediction))
    }
    async fn plan_predictions(&mut self, plan: Option<PlanId>) -> Res<Vec<PlanPrediction>> {
        dispatch!(self.plan_predictions(plan))
    }
    async fn web_secret(&mut self, name: &str) -> Res<Option<String>> {
        dispatch!(self.web_secret(name))
    }
    async fn put_web_secret(&mut self, name: &str, value: &str) -> Res<()> {
        dispatch!(self.put_web_secret(name, value))
    }
    async fn set_birthday(&mut self, person: PersonId, birthday: Option<kith_core::Birthdate>) -> Res<()> {
        dispatch!(self.set_birthday(person, birthday))
    }
    async fn birthdays(&mut self) -> Res<Vec<(PersonId, kith_core::Birthdate)>> {
        dispatch!(self.birthdays())
    }
    async fn insert_interactions(&mut self, interactions: &[Interaction]) -> Res<Vec<bool>> {
        dispatch!(self.insert_interactions(interactions))
    }
    async fn insert_away(&mut self, spans: &[Away]) -> Res<()> {
        dispatch!(self.insert_away(spans))
    }
    async fn away(&mut self, since: Option<Date>) -> Res<Vec<Away>> {
        dispatch!(self.away(since))
    }
    async fn away_by_prefix(&mut self, prefix: &str) -> Res<Vec<Away>> {
        dispatch!(self.away_by_prefix(prefix))
    }
    async fn delete_away(&mut self, id: AwayId) -> Res<bool> {
        dispatch!(self.delete_away(id))
    }
    async fn set_not_now(&mut self, hide: NotNow) -> Res<()> {
        dispatch!(self.set_not_now(hide))
    }
    async fn not_now(&mut self, today: Date) -> Res<Vec<NotNow>> {
        dispatch!(self.not_now(today))
    }
    async fn interaction_source_ids(&mut self, source: &str) -> Res<Vec<String>> {
        dispatch!(self.interaction_source_ids(source))
    }
    async fn refresh_imported(&mut self, interactions: &[Interaction]) -> Res<usize> {
        dispatch!(self.refresh_imported(interactions))
    }
}

//! The operations kith needs from storage, inside one transaction. Both backends
//! implement this trait with the same SQL; callers are written once, generic over it.

use crate::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::ladder::{Attempt, EmotionsNamed, PlanPrediction, Step, ThoughtRecord};
use kith_core::{
    Away, AwayId, Birthdate, CheckIn, DayStart, Interaction, InteractionId, Moment, NotNow, Person, PersonId,
    Plan, PlanId, StepId,
};
use std::future::Future;

type Res<T> = Result<T, StoreError>;

/// Which interactions to read. Bounds are inclusive; `None` means unbounded.
#[derive(Debug, Clone, Default)]
pub struct InteractionFilter {
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub person: Option<PersonId>,
}

/// Which plans to read, by start time. Bounds are inclusive; `None` means unbounded.
#[derive(Debug, Clone, Default)]
pub struct PlanFilter {
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

/// How many rows each table holds for the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub people: i64,
    pub interactions: i64,
    pub plans: i64,
    pub checkins: i64,
    /// The ladder's steps.
    pub steps: i64,
    /// Tries of steps.
    pub attempts: i64,
    pub thought_records: i64,
    /// Lists of emotions named, one per interaction or check-in day.
    pub emotions_named: i64,
    /// Plans with a prediction.
    pub plan_predictions: i64,
    /// Spans of days marked as away.
    pub away: i64,
}

impl Counts {
    /// Whether the account holds no records at all, the ladder's included.
    pub fn is_empty(&self) -> bool {
        [
            self.people,
            self.interactions,
            self.plans,
            self.checkins,
            self.steps,
            self.attempts,
            self.thought_records,
            self.emotions_named,
            self.plan_predictions,
            self.away,
        ]
        .iter()
        .all(|n| *n == 0)
    }
}

/// What a merge moved from one person to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct MergeCounts {
    pub interactions: i64,
    pub plans: i64,
    pub aliases: i64,
}

/// The few facts from before a recent window that the insight rules read (see
/// [`kith_core::Earlier`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EarlierFacts {
    /// The local day of the first interaction of all.
    pub first_interaction: Option<Date>,
    /// The local day of the first record of any kind.
    pub first_record: Option<Date>,
    /// Each person's latest interaction before the window.
    pub last_contact: Vec<(PersonId, Moment)>,
    /// Local days up to the window's first day with meaningful contact, oldest first: those
    /// of the run that reaches the window, no quiet stretch in it longer than the grace.
    pub meaningful_days: Vec<Date>,
}

/// A person to add, with their birthday when known.
#[derive(Debug, Clone, Copy)]
pub struct NewPerson<'a> {
    pub person: &'a Person,
    pub birthday: Option<Birthdate>,
}

/// Storage operations within one transaction.
pub trait Repo: Send {
    /// Adds a person.
    ///
    /// # Errors
    /// [`StoreError::Taken`] when the name (in any case) is already used.
    fn insert_person(&mut self, person: &Person) -> impl Future<Output = Res<()>> + Send;
    /// Adds many people with their aliases and birthdays (an import), a few statements for
    /// hundreds of people.
    ///
    /// # Errors
    /// [`StoreError::Taken`] naming a person whose name (in any case) is already used.
    fn insert_people(&mut self, people: &[NewPerson<'_>]) -> impl Future<Output = Res<()>> + Send;
    /// Saves changed fields and aliases of an existing person.
    fn update_person(&mut self, person: &Person) -> impl Future<Output = Res<()>> + Send;
    /// The person with this id, archived or not.
    fn person_by_id(&mut self, id: PersonId) -> impl Future<Output = Res<Option<Person>>> + Send;
    /// The person with this name, compared without case.
    fn person_by_name(&mut self, name: &str) -> impl Future<Output = Res<Option<Person>>> + Send;
    /// The person one of whose aliases has this key ([`kith_core::Alias::key`]).
    fn person_by_alias(&mut self, alias_key: &str) -> impl Future<Output = Res<Option<Person>>> + Send;
    /// Everyone, by name; archived people only when asked for.
    fn people(&mut self, include_archived: bool) -> impl Future<Output = Res<Vec<Person>>> + Send;
    /// Moves every interaction, plan and alias of `from` to `into`, keeps `from`'s name as
    /// an alias of `into`, and deletes `from`.
    fn merge_people(&mut self, from: &Person, into: &Person)
    -> impl Future<Output = Res<MergeCounts>> + Send;

    /// Adds an interaction. Returns false, changing nothing, when one with the same source
    /// and source id exists (a re-import).
    fn insert_interaction(&mut self, interaction: &Interaction) -> impl Future<Output = Res<bool>> + Send;
    /// Interactions in time order.
    fn interactions(
        &mut self,
        filter: &InteractionFilter,
    ) -> impl Future<Output = Res<Vec<Interaction>>> + Send;
    /// The earliest and latest interaction times, if any.
    fn interaction_span(&mut self) -> impl Future<Output = Res<Option<(Timestamp, Timestamp)>>> + Send;
    /// Interactions whose id starts with `prefix` (lower-case hex, with or without hyphens).
    fn interactions_by_prefix(&mut self, prefix: &str) -> impl Future<Output = Res<Vec<Interaction>>> + Send;
    /// Records that `id` was written down by hand at `at` (for undo and for catching a repeat).
    fn mark_logged(&mut self, id: InteractionId, at: Timestamp) -> impl Future<Output = Res<()>> + Send;
    /// Interactions written down by hand at or after `since`, the latest first.
    fn logged_since(&mut self, since: Timestamp) -> impl Future<Output = Res<Vec<Interaction>>> + Send;
    /// Replaces an interaction's time, mode, people, length, feeling, tags and note; false
    /// when there is none with its id. Its source, plan and emotions named stay.
    fn update_interaction(&mut self, interaction: &Interaction) -> impl Future<Output = Res<bool>> + Send;
    /// Deletes an interaction with its links to people and the emotions named on it; a plan
    /// or a ladder try it came from keeps its outcome and loses only the link. False when
    /// there was none with this id.
    fn delete_interaction(&mut self, id: InteractionId) -> impl Future<Output = Res<bool>> + Send;

    /// Adds a plan. Returns false, changing nothing, when one with the same source and
    /// source id exists.
    fn insert_plan(&mut self, plan: &Plan) -> impl Future<Output = Res<bool>> + Send;
    /// Adds many plans with few statements (imports). Returns, for each, whether it was
    /// added. A plan moved from another must come after it, in this list or before it.
    fn insert_plans(&mut self, plans: &[Plan]) -> impl Future<Output = Res<Vec<bool>>> + Send;
    /// Saves a plan's outcome, outcome time and interaction.
    fn update_plan(&mut self, plan: &Plan) -> impl Future<Output = Res<()>> + Send;
    /// Every plan imported from `source` (`ics`), each with the version of the record it was
    /// last written from (see [`Repo::set_plan_versions`]).
    fn imported_plans(
        &mut self,
        source: &str,
    ) -> impl Future<Output = Res<Vec<(Plan, Option<String>)>>> + Send;
    /// Moves an imported plan (its start) and saves its outcome, as a newer version of its
    /// record says, with that version.
    fn update_imported_plan(&mut self, plan: &Plan, version: &str) -> impl Future<Output = Res<()>> + Send;
    /// Deletes plans, with their links to people and their predictions. Only for imported
    /// plans nothing else refers to: an occurrence a newer version of its series no longer has.
    fn delete_plans(&mut self, ids: &[PlanId]) -> impl Future<Output = Res<()>> + Send;
    /// Records which version of their record plans were written from.
    fn set_plan_versions(&mut self, versions: &[(PlanId, String)]) -> impl Future<Output = Res<()>> + Send;
    /// Replaces a plan's start, mode, people and note; false when there is none with its id.
    fn edit_plan(&mut self, plan: &Plan) -> impl Future<Output = Res<bool>> + Send;
    /// Deletes a plan with its links and prediction; a plan moved from it, and an
    /// interaction it became, lose only the link. False when there was none with this id.
    fn delete_plan(&mut self, id: PlanId) -> impl Future<Output = Res<bool>> + Send;
    /// Plans whose id starts with `prefix` (lower-case hex, with or without hyphens).
    fn plans_by_prefix(&mut self, prefix: &str) -> impl Future<Output = Res<Vec<Plan>>> + Send;
    /// Plans in start order.
    fn plans(&mut self, filter: &PlanFilter) -> impl Future<Output = Res<Vec<Plan>>> + Send;

    /// The check-in for a local day.
    fn checkin_on(&mut self, date: Date) -> impl Future<Output = Res<Option<CheckIn>>> + Send;
    /// Saves a check-in, replacing the one for the same day when there is one.
    fn put_checkin(&mut self, checkin: &CheckIn) -> impl Future<Output = Res<()>> + Send;
    /// Deletes the check-in for `date` (the emotions named on that day stay); false when
    /// there was none.
    fn delete_checkin(&mut self, date: Date) -> impl Future<Output = Res<bool>> + Send;
    /// Saves many check-ins with few statements (imports), each replacing the one for its day.
    fn put_checkins(&mut self, checkins: &[CheckIn]) -> impl Future<Output = Res<()>> + Send;
    /// Check-ins from `since` on, by day.
    fn checkins(&mut self, since: Option<Date>) -> impl Future<Output = Res<Vec<CheckIn>>> + Send;

    /// What the insight rules need from before `before` (whose local day is `before_day`),
    /// with days beginning at `start` for the days with a meaningful connection. Of those
    /// days, only the ones a one-a-day run could still reach from `before_day` are read:
    /// back from it while no quiet stretch is longer than `grace_days`.
    fn earlier_facts(
        &mut self,
        before: Timestamp,
        before_day: Date,
        start: DayStart,
        grace_days: u32,
    ) -> impl Future<Output = Res<EarlierFacts>> + Send;

    /// Row counts.
    fn counts(&mut self) -> impl Future<Output = Res<Counts>> + Send;
    /// The distinct days from `since` to `until` (inclusive) with a meaningful interaction,
    /// where a day begins at `start` (a call at 00:30 belongs to the evening before), oldest
    /// first: one query on an index, for `kith log`'s one-a-day words.
    fn meaningful_days(
        &mut self,
        since: Date,
        until: Date,
        start: DayStart,
    ) -> impl Future<Output = Res<Vec<Date>>> + Send;

    /// Adds a step to the ladder.
    fn insert_step(&mut self, step: &Step) -> impl Future<Output = Res<()>> + Send;
    /// Saves a step's title, person, mode, difficulty and status.
    fn update_step(&mut self, step: &Step) -> impl Future<Output = Res<()>> + Send;
    /// Every step, set-aside ones included, by difficulty.
    fn steps(&mut self) -> impl Future<Output = Res<Vec<Step>>> + Send;
    /// Steps whose id starts with `prefix` (lower-case hex, with or without hyphens).
    fn steps_by_prefix(&mut self, prefix: &str) -> impl Future<Output = Res<Vec<Step>>> + Send;
    /// Saves a try: adds it, or replaces the stored one with the same id (the outcome
    /// recorded after the prediction).
    fn save_attempt(&mut self, attempt: &Attempt) -> impl Future<Output = Res<()>> + Send;
    /// Tries of one step, or of every step, oldest prediction first.
    fn attempts(&mut self, step: Option<StepId>) -> impl Future<Output = Res<Vec<Attempt>>> + Send;
    /// Adds a thought record.
    fn insert_thought(&mut self, record: &ThoughtRecord) -> impl Future<Output = Res<()>> + Send;
    /// Every thought record, oldest first.
    fn thoughts(&mut self) -> impl Future<Output = Res<Vec<ThoughtRecord>>> + Send;
    /// Moves the steps of `from` to `into` (before a merge removes `from`); returns how many.
    fn move_steps(&mut self, from: PersonId, into: PersonId) -> impl Future<Output = Res<i64>> + Send;
    /// Saves the emotions named for an interaction or a check-in's day, replacing any
    /// named for it before.
    fn put_emotions(&mut self, named: &EmotionsNamed) -> impl Future<Output = Res<()>> + Send;
    /// Every list of emotions named, interactions first.
    fn emotions_named(&mut self) -> impl Future<Output = Res<Vec<EmotionsNamed>>> + Send;
    /// Saves a plan's prediction: adds it, or replaces the stored one for the same plan
    /// (how it went, recorded afterwards).
    fn save_plan_prediction(&mut self, prediction: &PlanPrediction) -> impl Future<Output = Res<()>> + Send;
    /// The prediction of one plan, or of every plan, oldest first.
    fn plan_predictions(
        &mut self,
        plan: Option<PlanId>,
    ) -> impl Future<Output = Res<Vec<PlanPrediction>>> + Send;
    /// A secret the web app keeps (the calendar feed's token), by name.
    fn web_secret(&mut self, name: &str) -> impl Future<Output = Res<Option<String>>> + Send;
    /// Sets a web secret, replacing its old value.
    fn put_web_secret(&mut self, name: &str, value: &str) -> impl Future<Output = Res<()>> + Send;
    /// Sets or clears a person's birthday.
    fn set_birthday(
        &mut self,
        person: PersonId,
        birthday: Option<Birthdate>,
    ) -> impl Future<Output = Res<()>> + Send;
    /// Every known birthday, by person.
    fn birthdays(&mut self) -> impl Future<Output = Res<Vec<(PersonId, Birthdate)>>> + Send;

    /// Adds spans of days away (one, or a whole export's), a few hundred a statement.
    fn insert_away(&mut self, spans: &[Away]) -> impl Future<Output = Res<()>> + Send;
    /// Spans of days away that end on or after `since` (all of them without it), by first
    /// day.
    fn away(&mut self, since: Option<Date>) -> impl Future<Output = Res<Vec<Away>>> + Send;
    /// Spans of days away whose id starts with `prefix` (lower-case hex, with or without
    /// hyphens).
    fn away_by_prefix(&mut self, prefix: &str) -> impl Future<Output = Res<Vec<Away>>> + Send;
    /// Removes a span of days away; false when there was none with this id.
    fn delete_away(&mut self, id: AwayId) -> impl Future<Output = Res<bool>> + Send;

    /// Hides a kind of suggestion up to and including `hide.until`, replacing an earlier day.
    fn set_not_now(&mut self, hide: NotNow) -> impl Future<Output = Res<()>> + Send;
    /// The kinds of suggestion hidden on `today` or later.
    fn not_now(&mut self, today: Date) -> impl Future<Output = Res<Vec<NotNow>>> + Send;

    /// Adds many interactions with few statements (importers). Returns, for each, whether it
    /// was added: false, changing nothing, when one with the same source and source id exists.
    fn insert_interactions(
        &mut self,
        interactions: &[Interaction],
    ) -> impl Future<Output = Res<Vec<bool>>> + Send;

    /// The source ids of every interaction imported from `source` (an importer's name).
    fn interaction_source_ids(&mut self, source: &str) -> impl Future<Output = Res<Vec<String>>> + Send;

    /// Brings interactions imported before up to date with a newer export (a chat day with
    /// more messages, or a message now known to be unanswered): for each, the one with the
    /// same source and source id gets its initiator, meaningful, note and unanswered count,
    /// unless the person has said how it felt (then it is theirs and stays as it is).
    /// Returns how many changed.
    fn refresh_imported(&mut self, interactions: &[Interaction]) -> impl Future<Output = Res<usize>> + Send;
}

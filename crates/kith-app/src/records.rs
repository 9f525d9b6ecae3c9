//! Records found by the short ids people type, as git takes the start of a commit id: at
//! least four hex digits (the dashes ids are shown with may be left out), any case.

use crate::Error;
use kith_core::ladder::Step;
use kith_core::{Away, Interaction, Plan};
use kith_store::Repo;

/// A kind of record that has short ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Interaction,
    Plan,
    Step,
    Away,
}

impl Record {
    /// "plan", "days away".
    pub fn name(self) -> &'static str {
        match self {
            Record::Interaction => "interaction",
            Record::Plan => "plan",
            Record::Step => "step",
            Record::Away => "days away",
        }
    }

    /// Why `typed` cannot be an id of this kind.
    pub fn invalid(self, typed: &str) -> String {
        match self {
            Record::Away => format!("invalid id {typed:?} for days away"),
            _ => format!("invalid {} id {typed:?}", self.name()),
        }
    }

    /// That no record of this kind has an id starting `typed`.
    pub fn none(self, typed: &str) -> String {
        match self {
            Record::Away => format!("no days away have an id starting {typed:?}"),
            _ => format!("no {} has an id starting {typed:?}", self.name()),
        }
    }

    /// "plans", "spans of days away".
    pub fn plural(self) -> String {
        match self {
            Record::Away => "spans of days away".to_owned(),
            _ => format!("{}s", self.name()),
        }
    }

    /// That `count` records of this kind have ids starting `typed`.
    pub fn many(self, count: usize, typed: &str) -> String {
        format!("{count} {} have ids starting {typed:?}", self.plural())
    }
}

/// The one record of `found` (what a prefix look-up returned), or why there is none or
/// more than one.
fn one<T>(record: Record, typed: &str, mut found: Vec<T>, id: impl Fn(&T) -> String) -> Result<T, Error> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::NoSuchId { record, typed: typed.to_owned() }),
        _ => Err(Error::Ambiguous { record, typed: typed.to_owned(), ids: found.iter().map(id).collect() }),
    }
}

/// The start of an id of `record`'s kind as typed, ready to look up.
fn prefix(record: Record, typed: &str) -> Result<String, Error> {
    kith_core::id::id_prefix(typed).ok_or_else(|| Error::BadId { record, typed: typed.to_owned() })
}

/// The interaction whose id starts with `typed`.
///
/// # Errors
/// Not an id, none or several with it, or the store failed.
pub async fn interaction<R: Repo>(repo: &mut R, typed: &str) -> Result<Interaction, Error> {
    let found = repo.interactions_by_prefix(&prefix(Record::Interaction, typed)?).await?;
    one(Record::Interaction, typed, found, |i| i.id.to_string())
}

/// The plan whose id starts with `typed`.
///
/// # Errors
/// Not an id, none or several with it, or the store failed.
pub async fn plan<R: Repo>(repo: &mut R, typed: &str) -> Result<Plan, Error> {
    let found = repo.plans_by_prefix(&prefix(Record::Plan, typed)?).await?;
    one(Record::Plan, typed, found, |p| p.id.to_string())
}

/// The ladder step whose id starts with `typed`.
///
/// # Errors
/// Not an id, none or several with it, or the store failed.
pub async fn step<R: Repo>(repo: &mut R, typed: &str) -> Result<Step, Error> {
    let found = repo.steps_by_prefix(&prefix(Record::Step, typed)?).await?;
    one(Record::Step, typed, found, |s| s.id.to_string())
}

/// The span of days away whose id starts with `typed`.
///
/// # Errors
/// Not an id, none or several with it, or the store failed.
pub async fn away<R: Repo>(repo: &mut R, typed: &str) -> Result<Away, Error> {
    let found = repo.away_by_prefix(&prefix(Record::Away, typed)?).await?;
    one(Record::Away, typed, found, |a| a.id.to_string())
}

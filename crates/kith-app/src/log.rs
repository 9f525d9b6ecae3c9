//! Logging an interaction, and changing, deleting or taking one back: what `kith log`, the
//! log page and `POST /api/v1/interactions` (and their edit and delete) each call.

use crate::{Error, Ids, people, records};
use jiff::Timestamp;
use kith_core::ladder::{Emotion, EmotionsNamed, NamedFor};
use kith_core::{
    Circle, Felt, Initiator, Interaction, InteractionChanges, InteractionId, Minutes, Mode, Moment, Note,
    Person, PersonId, PersonName, Tag,
};
use kith_store::{Repo, logged};

/// Someone an interaction was with, as the surface was told.
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    /// Someone already in kith, by id, name, alias or a first name only one person has.
    Known(String),
    /// Someone by name (or alias), added to kith in the circle "other" when nobody is
    /// known by it yet. A first name alone is not taken for someone else's.
    KnownOrNew(PersonName),
}

/// An interaction to log, with every value already checked.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub who: Vec<Who>,
    pub at: Moment,
    pub mode: Mode,
    pub minutes: Option<Minutes>,
    pub felt: Option<Felt>,
    pub initiator: Option<Initiator>,
    /// False for something brief or shallow: kept, but not counted toward one a day.
    pub meaningful: bool,
    pub tags: Vec<Tag>,
    pub note: Option<Note>,
    /// Feelings named before and after, kept beside the interaction.
    pub before: Vec<Emotion>,
    pub after: Vec<Emotion>,
    /// Log it even when the same was logged a moment ago.
    pub again: bool,
}

impl NewEntry {
    /// A meaningful entry of `mode` at `at` with `who`, nothing else said yet.
    pub fn new(who: Vec<Who>, at: Moment, mode: Mode) -> Self {
        Self {
            who,
            at,
            mode,
            minutes: None,
            felt: None,
            initiator: None,
            meaningful: true,
            tags: Vec::new(),
            note: None,
            before: Vec::new(),
            after: Vec::new(),
            again: false,
        }
    }
}

/// What logging wrote.
#[derive(Debug, Clone)]
pub struct Logged {
    pub interaction: Interaction,
    /// Everyone it was with, in the order named.
    pub people: Vec<Person>,
    /// Those of them added to kith by this entry.
    pub added: Vec<Person>,
}

/// Logs `entry` at `now` in the caller's transaction (which commits it): finds or adds the
/// people, refuses a repeat of an entry logged in the last ten minutes unless `again`, and
/// keeps the feelings named.
///
/// # Errors
/// Someone named is not in kith, nobody was named, the entry repeats one logged a moment
/// ago, or the store failed. Nothing is written then.
pub async fn log<R: Repo>(
    repo: &mut R,
    entry: NewEntry,
    now: Timestamp,
    ids: &mut impl Ids,
) -> Result<Logged, Error> {
    let mut found: Vec<Person> = Vec::with_capacity(entry.who.len());
    let mut added = Vec::new();
    for who in entry.who {
        let person = match who {
            Who::Known(key) => people::person(repo, &key).await?,
            Who::KnownOrNew(name) => match people::find_exact(repo, name.as_str()).await? {
                Some(p) => p,
                None => {
                    let p = Person::new(PersonId::from_random_bytes(ids.next_id()), name, Circle::Other, now);
                    added.push(p.clone());
                    p
                }
            },
        };
        if !found.iter().any(|p| p.id == person.id) {
            found.push(person);
        }
    }
    if found.is_empty() {
        return Err(Error::NoPeople);
    }
    let mut interaction = Interaction::logged(
        InteractionId::from_random_bytes(ids.next_id()),
        entry.at,
        entry.mode,
        found.iter().map(|p| p.id).collect(),
    );
    interaction.minutes = entry.minutes;
    interaction.felt = entry.felt;
    interaction.initiator = entry.initiator;
    interaction.meaningful = entry.meaningful;
    interaction.tags = entry.tags;
    interaction.note = entry.note;
    if !entry.again
        && let Some(earlier) = logged::repeat_of(repo, &interaction, now).await?
    {
        return Err(Error::Repeat { earlier: earlier.id });
    }
    for p in &added {
        repo.insert_person(p).await?;
    }
    logged::insert(repo, &interaction, now).await?;
    if !entry.before.is_empty() || !entry.after.is_empty() {
        let named_for = NamedFor::Interaction(interaction.id);
        repo.put_emotions(&EmotionsNamed { named_for, before: entry.before, after: entry.after }).await?;
    }
    Ok(Logged { interaction, people: found, added })
}

/// A change to a logged interaction; `people`, when given, names everyone it was with.
#[derive(Debug, Clone, Default)]
pub struct Edit {
    pub changes: InteractionChanges,
    pub people: Option<Vec<String>>,
}

/// Applies `edit` to the interaction whose id starts with `id`, in the caller's
/// transaction, and returns it as it now is.
///
/// # Errors
/// No such interaction (or several), someone named is not in kith, or the store failed.
pub async fn edit<R: Repo>(repo: &mut R, id: &str, edit: Edit) -> Result<Interaction, Error> {
    let found = records::interaction(repo, id).await?;
    let mut changes = edit.changes;
    if let Some(keys) = edit.people {
        changes.people = Some(people::people(repo, &keys).await?.iter().map(|p| p.id).collect());
    }
    let edited = changes.applied_to(&found);
    repo.update_interaction(&edited).await?;
    Ok(edited)
}

/// Deletes the interaction whose id starts with `id`, in the caller's transaction, and
/// returns what it was.
///
/// # Errors
/// No such interaction (or several), or the store failed.
pub async fn delete<R: Repo>(repo: &mut R, id: &str) -> Result<Interaction, Error> {
    let found = records::interaction(repo, id).await?;
    repo.delete_interaction(found.id).await?;
    Ok(found)
}

/// Takes back the entry logged last, when it was logged within the last
/// [`Interaction::REPEAT_MINUTES`] minutes, and returns it; `None` when there is none.
///
/// # Errors
/// When the store failed.
pub async fn undo<R: Repo>(repo: &mut R, now: Timestamp) -> Result<Option<Interaction>, Error> {
    let Some(last) = logged::latest(repo, now).await? else { return Ok(None) };
    repo.delete_interaction(last.id).await?;
    Ok(Some(last))
}

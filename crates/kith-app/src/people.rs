//! People: finding them by what someone typed (one rule for the command line, the pages and
//! the API), adding, changing, archiving and merging them.

use crate::{Error, Ids};
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::person::name_key;
use kith_core::{Alias, Cadence, Circle, Note, Person, PersonId, PersonName};
#[cfg(doc)]
use kith_store::StoreError;
use kith_store::{MergeCounts, Repo};

/// The person `key` names, in this order: their id in full; their name, in any case and
/// spacing; one of their aliases; or a first name only one person (not archived) has. The
/// name and the alias are looked up by the store's index, so a name typed in full costs one
/// row; [`find_in`] is the same rule over a list already read.
///
/// # Errors
/// When the store cannot be read.
pub async fn find<R: Repo>(repo: &mut R, key: &str) -> Result<Option<Person>, Error> {
    if let Some(p) = find_exact(repo, key).await? {
        return Ok(Some(p));
    }
    let mut everyone = repo.people(true).await?;
    Ok(only_first_name(&everyone, key).map(|i| everyone.swap_remove(i)))
}

/// The person `key` names by their id in full, their name (any case and spacing) or an
/// alias, without guessing from a first name: who is meant when someone new might be added.
///
/// # Errors
/// When the store cannot be read.
pub async fn find_exact<R: Repo>(repo: &mut R, key: &str) -> Result<Option<Person>, Error> {
    if let Ok(id) = key.trim().parse::<PersonId>() {
        return Ok(repo.person_by_id(id).await?);
    }
    if let Some(p) = repo.person_by_name(key).await? {
        return Ok(Some(p));
    }
    match Alias::parse(key) {
        Ok(alias) => Ok(repo.person_by_alias(&alias.key()).await?),
        Err(_) => Ok(None),
    }
}

/// The person `key` names among `people`, by the same rule as [`find`]: what a surface
/// that already holds everyone (the API's snapshot) calls instead of reading the store.
pub fn find_in<'a>(people: &'a [Person], key: &str) -> Option<&'a Person> {
    if let Ok(id) = key.trim().parse::<PersonId>() {
        return people.iter().find(|p| p.id == id);
    }
    let name = name_key(key);
    if let Some(p) = people.iter().find(|p| p.name.key() == name) {
        return Some(p);
    }
    if let Ok(alias) = Alias::parse(key) {
        let alias = alias.key();
        if let Some(p) = people.iter().find(|p| p.aliases.iter().any(|a| a.key() == alias)) {
            return Some(p);
        }
    }
    only_first_name(people, key).map(|i| &people[i])
}

/// The person `key` names among `people` (see [`find_in`]).
///
/// # Errors
/// [`Error::NoSuchPerson`] with the closest names when nobody is known by it.
pub fn person_in<'a>(people: &'a [Person], key: &str) -> Result<&'a Person, Error> {
    find_in(people, key).ok_or_else(|| nobody_called(people, key))
}

/// The people `keys` name among `people`, each once, in the order first named; at least one.
///
/// # Errors
/// [`Error::NoPeople`] for an empty list, or the first key that names nobody.
pub fn ids_in(people: &[Person], keys: &[impl AsRef<str>]) -> Result<Vec<PersonId>, Error> {
    let mut ids = Vec::with_capacity(keys.len());
    for key in keys {
        let id = person_in(people, key.as_ref())?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Error::NoPeople);
    }
    Ok(ids)
}

/// That nobody among `everyone` is called `key`, with up to three similar names.
fn nobody_called(everyone: &[Person], key: &str) -> Error {
    let names = everyone.iter().map(|p| p.name.as_str());
    let close = kith_core::suggest::closest(key, names, 3).into_iter().map(str::to_owned).collect();
    Error::NoSuchPerson { name: key.trim().to_owned(), close, nobody_yet: everyone.is_empty() }
}

/// The index of the one person (not archived) whose first name is `key`, if only one has it.
fn only_first_name(people: &[Person], key: &str) -> Option<usize> {
    let key = name_key(key);
    let mut found = (0..people.len())
        .filter(|&i| !people[i].archived && people[i].name.key().split(' ').next() == Some(key.as_str()));
    match (found.next(), found.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The person `key` names (see [`find`]).
///
/// # Errors
/// [`Error::NoSuchPerson`] with the closest names when nobody is known by it.
pub async fn person<R: Repo>(repo: &mut R, key: &str) -> Result<Person, Error> {
    if let Some(p) = find(repo, key).await? {
        return Ok(p);
    }
    Err(nobody_called(&repo.people(true).await?, key))
}

/// The people `keys` name, each once, in the order first named; at least one.
///
/// # Errors
/// [`Error::NoPeople`] for an empty list, or the first key that names nobody.
pub async fn people<R: Repo>(repo: &mut R, keys: &[impl AsRef<str>]) -> Result<Vec<Person>, Error> {
    let mut found: Vec<Person> = Vec::with_capacity(keys.len());
    for key in keys {
        let p = person(repo, key.as_ref()).await?;
        if !found.iter().any(|f| f.id == p.id) {
            found.push(p);
        }
    }
    if found.is_empty() {
        return Err(Error::NoPeople);
    }
    Ok(found)
}

/// Someone to add, with every value already checked.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub name: PersonName,
    pub circle: Circle,
    pub cadence: Option<Cadence>,
    pub aliases: Vec<Alias>,
    pub note: Option<Note>,
}

/// Adds `new` at `now` in the caller's transaction.
///
/// # Errors
/// The name (or an alias) is someone else's already ([`StoreError::Taken`] inside
/// [`Error::Store`]), or the store failed.
pub async fn add<R: Repo>(
    repo: &mut R,
    new: NewPerson,
    now: Timestamp,
    ids: &mut impl Ids,
) -> Result<Person, Error> {
    let mut person = Person::new(PersonId::from_random_bytes(ids.next_id()), new.name, new.circle, now);
    person.cadence = new.cadence;
    person.aliases = new.aliases;
    person.note = new.note;
    repo.insert_person(&person).await?;
    Ok(person)
}

/// A change to a person: each `Some` replaces that detail (`Some(None)` removes an optional
/// one); aliases are added and removed by their key.
#[derive(Debug, Clone, Default)]
pub struct PersonEdit {
    pub name: Option<PersonName>,
    pub circle: Option<Circle>,
    pub cadence: Option<Option<Cadence>>,
    pub note: Option<Option<Note>>,
    pub archived: Option<bool>,
    /// Quiet reach-out suggestions about them until this day.
    pub snoozed_until: Option<Date>,
    pub add_aliases: Vec<Alias>,
    pub remove_aliases: Vec<Alias>,
}

/// Changes the person `key` names (see [`find`]) in the caller's transaction, and returns
/// them as they now are. Archiving is `archived: Some(true)`: their history stays, and kith
/// stops suggesting them.
///
/// # Errors
/// Nobody is known by `key`, the new name is someone else's ([`StoreError::Taken`]), or the
/// store failed.
pub async fn edit<R: Repo>(repo: &mut R, key: &str, edit: PersonEdit) -> Result<Person, Error> {
    let mut person = person(repo, key).await?;
    if let Some(name) = edit.name {
        person.name = name;
    }
    person.circle = edit.circle.unwrap_or(person.circle);
    if let Some(cadence) = edit.cadence {
        person.cadence = cadence;
    }
    if let Some(note) = edit.note {
        person.note = note;
    }
    person.archived = edit.archived.unwrap_or(person.archived);
    if let Some(until) = edit.snoozed_until {
        person.snoozed_until = Some(until);
    }
    let removed: Vec<String> = edit.remove_aliases.iter().map(Alias::key).collect();
    person.aliases.retain(|a| !removed.contains(&a.key()));
    person.aliases.extend(edit.add_aliases);
    repo.update_person(&person).await?;
    Ok(person)
}

/// Two people merged: who went into whom, and what moved.
#[derive(Debug, Clone)]
pub struct Merged {
    pub from: Person,
    pub into: Person,
    pub moved: MergeCounts,
}

/// The two people a merge would fold together, `from` into `into`, found before anything is
/// written (so a surface can ask first).
///
/// # Errors
/// Either is not known, both name the same person ([`Error::SamePerson`]), or the store
/// failed.
pub async fn merging<R: Repo>(repo: &mut R, from: &str, into: &str) -> Result<(Person, Person), Error> {
    let (from, into) = (person(repo, from).await?, person(repo, into).await?);
    if from.id == into.id {
        return Err(Error::SamePerson { name: from.name.to_string() });
    }
    Ok((from, into))
}

/// Folds `from` into `into` in the caller's transaction: their interactions, plans and
/// ladder steps move, and `from`'s name becomes one of `into`'s aliases.
///
/// # Errors
/// When the store failed.
pub async fn merge<R: Repo>(repo: &mut R, from: Person, into: Person) -> Result<Merged, Error> {
    repo.move_steps(from.id, into.id).await?;
    let moved = repo.merge_people(&from, &into).await?;
    Ok(Merged { from, into, moved })
}

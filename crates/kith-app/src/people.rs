//! Finding people by what someone typed: one rule for the command line, the pages and the
//! API.

use crate::Error;
use kith_core::person::name_key;
use kith_core::{Alias, Person, PersonId};
use kith_store::Repo;

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
        return Ok(repo.people(true).await?.into_iter().find(|p| p.id == id));
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

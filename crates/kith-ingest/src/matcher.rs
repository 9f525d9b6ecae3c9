//! Finding the person behind a name, number or address in an imported file: `--map` first,
//! then a person's name, then one of their aliases, then a first name only one person has
//! (as the command line finds people); with `--create-people`, a new person for whoever
//! matches no one. Everyone is loaded once, so a big import asks the database
//! nothing per record; people added or changed are written together by [`Matcher::write`],
//! a few statements for a thousand contacts.

use crate::{IngestError, Result, random_bytes};
use jiff::Timestamp;
use kith_core::person::name_key;
use kith_core::{Alias, Birthdate, Cadence, Circle, Note, Person, PersonId, PersonName};
use kith_store::{NewPerson, Repo};
use std::collections::{BTreeSet, HashMap};

/// How a name in a file was matched to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Map,
    Name,
    Alias,
    /// The name in the file and the person's name share a first name that only this person
    /// has, and one of them is just that first name ("Sam Lee" in the file, "Sam" in kith).
    FirstName,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Map => "map",
            How::Name => "name",
            How::Alias => "alias",
            How::FirstName => "first_name",
        }
    }
}

/// Everyone in the database, indexed by name and alias, plus what this import changed.
pub struct Matcher {
    people: Vec<Person>,
    by_name: HashMap<String, usize>,
    by_alias: HashMap<String, usize>,
    /// People (not archived) by the first word of their name.
    by_first: HashMap<String, Vec<usize>>,
    /// Each name in the file matched to someone whose name differs from it, and how: the
    /// name in the file as written, the person, how.
    pub how: Vec<(String, usize, How)>,
    /// `--map` entries: the name in the file (as a key) to the person's name (as a key).
    map: HashMap<String, String>,
    pub created: Vec<usize>,
    pub merged: Vec<usize>,
    pub matched: Vec<usize>,
    /// Added by this import and not yet in the database.
    unwritten: BTreeSet<usize>,
    /// In the database, with aliases this import added.
    changed: BTreeSet<usize>,
    /// Birthdays to save, by person.
    birthdays: HashMap<usize, Birthdate>,
    now: Timestamp,
}

impl Matcher {
    pub async fn load<R: Repo>(repo: &mut R, map: HashMap<String, String>, now: Timestamp) -> Result<Self> {
        let people = repo.people(true).await?;
        let mut m = Self {
            people: Vec::new(),
            by_name: HashMap::new(),
            by_alias: HashMap::new(),
            by_first: HashMap::new(),
            how: Vec::new(),
            map,
            created: Vec::new(),
            merged: Vec::new(),
            matched: Vec::new(),
            unwritten: BTreeSet::new(),
            changed: BTreeSet::new(),
            birthdays: HashMap::new(),
            now,
        };
        for p in people {
            m.index(p);
        }
        Ok(m)
    }

    fn index(&mut self, p: Person) -> usize {
        let i = self.people.len();
        self.by_name.insert(p.name.key(), i);
        if !p.archived
            && let Some(first) = p.name.key().split(' ').next()
        {
            self.by_first.entry(first.to_owned()).or_default().push(i);
        }
        for a in &p.aliases {
            self.by_alias.entry(a.key()).or_insert(i);
        }
        self.people.push(p);
        i
    }

    /// Every person's name key with their index, for matching names inside event titles.
    pub fn names(&self) -> impl Iterator<Item = (String, usize)> + '_ {
        let mapped =
            self.map.iter().filter_map(|(from, to)| self.by_name.get(to).map(|i| (from.clone(), *i)));
        self.by_name.iter().map(|(k, i)| (k.clone(), *i)).chain(mapped)
    }

    /// The person `label` (a name, a number, an address) stands for, if anyone.
    pub fn find(&mut self, label: &str) -> Option<usize> {
        let key = name_key(label);
        let found = self
            .map
            .get(&key)
            .and_then(|to| self.by_name.get(to))
            .map(|i| (*i, How::Map))
            .or_else(|| self.by_name.get(&key).map(|i| (*i, How::Name)))
            .or_else(|| {
                Alias::parse(label).ok().and_then(|a| self.by_alias.get(&a.key())).map(|i| (*i, How::Alias))
            })
            .or_else(|| self.by_first_name(&key).map(|i| (i, How::FirstName)));
        let (i, how) = found?;
        if !self.created.contains(&i) && !self.matched.contains(&i) {
            self.matched.push(i);
        }
        if how != How::Name && !self.how.iter().any(|(l, p, _)| *p == i && name_key(l) == key) {
            self.how.push((label.trim().to_owned(), i, how));
        }
        Some(i)
    }

    /// The one person a name matches by its first name: "Sam" finds the only Sam (as the
    /// command line does), and "Sam Lee" finds a person called just "Sam" when no one else's
    /// name starts with Sam. Numbers and addresses never match this way.
    fn by_first_name(&self, key: &str) -> Option<usize> {
        if key.contains(['@', '+']) || key.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut words = key.split(' ');
        let first = words.next().filter(|f| !f.is_empty())?;
        let several = words.next().is_some();
        match self.by_first.get(first).map(Vec::as_slice) {
            Some([only]) if !several || self.people[*only].name.key() == first => Some(*only),
            _ => None,
        }
    }

    /// Counts person `i` as matched by this import (unless it created or merged them).
    pub fn mark_matched(&mut self, i: usize) {
        if !self.created.contains(&i) && !self.merged.contains(&i) && !self.matched.contains(&i) {
            self.matched.push(i);
        }
    }

    /// Adds a person named `name` with `aliases` (written by [`Matcher::write`]); a name
    /// that cannot be a person's name (empty, a comma) gives `None`.
    pub fn create(&mut self, name: &str, aliases: Vec<Alias>) -> Option<usize> {
        let Ok(parsed) = PersonName::parse(&name.replace(',', " ")) else { return None };
        if let Some(i) = self.by_name.get(&parsed.key()).copied() {
            self.add_aliases(i, aliases);
            return Some(i);
        }
        let mut unique: Vec<Alias> = Vec::new();
        for a in aliases {
            if !unique.iter().any(|u| u.key() == a.key()) {
                unique.push(a);
            }
        }
        let mut person =
            Person::new(PersonId::from_random_bytes(random_bytes()), parsed, Circle::Other, self.now);
        person.aliases = unique;
        let i = self.index(person);
        self.created.push(i);
        self.unwritten.insert(i);
        Some(i)
    }

    /// Gives person `i` the aliases they lack (written by [`Matcher::write`]); counts them as
    /// merged when any were new.
    pub fn add_aliases(&mut self, i: usize, aliases: Vec<Alias>) {
        let Some(person) = self.people.get_mut(i) else { return };
        let mut changed = false;
        for a in aliases {
            if !person.aliases.iter().any(|have| have.key() == a.key()) {
                self.by_alias.entry(a.key()).or_insert(i);
                person.aliases.push(a);
                changed = true;
            }
        }
        if changed {
            if !self.unwritten.contains(&i) {
                self.changed.insert(i);
            }
            if !self.created.contains(&i) && !self.merged.contains(&i) {
                self.merged.push(i);
            }
        } else if !self.created.contains(&i) && !self.matched.contains(&i) && !self.merged.contains(&i) {
            self.matched.push(i);
        }
    }

    /// Gives person `i` a birthday (written by [`Matcher::write`]).
    pub fn set_birthday(&mut self, i: usize, day: Birthdate) {
        self.birthdays.insert(i, day);
    }

    /// The person `label` names exactly (their name, or a `--map` entry), without looking at
    /// aliases: contacts merge only when their names agree.
    pub fn find_by_name(&mut self, label: &str) -> Option<usize> {
        let key = name_key(label);
        self.map.get(&key).and_then(|to| self.by_name.get(to)).or_else(|| self.by_name.get(&key)).copied()
    }

    /// Fills in the circle, cadence and note of person `i` that are still at their defaults
    /// (written by [`Matcher::write`]).
    pub fn fill_details(
        &mut self,
        i: usize,
        circle: Option<Circle>,
        cadence: Option<Cadence>,
        note: Option<Note>,
    ) {
        let Some(person) = self.people.get_mut(i) else { return };
        let mut changed = false;
        if let Some(c) = circle.filter(|c| person.circle == Circle::Other && *c != Circle::Other) {
            person.circle = c;
            changed = true;
        }
        if let Some(c) = cadence.filter(|_| person.cadence.is_none()) {
            person.cadence = Some(c);
            changed = true;
        }
        if let Some(n) = note.filter(|_| person.note.is_none()) {
            person.note = Some(n);
            changed = true;
        }
        if changed && !self.unwritten.contains(&i) {
            self.changed.insert(i);
        }
    }

    /// Writes the people this import added or changed since the last write: the new ones
    /// in batches with their aliases and birthdays, then each changed one. Call it before
    /// writing anything that refers to people.
    ///
    /// # Errors
    /// When the store refuses.
    pub async fn write<R: Repo>(&mut self, repo: &mut R) -> Result<()> {
        let unwritten = std::mem::take(&mut self.unwritten);
        let new: Vec<NewPerson<'_>> = unwritten
            .iter()
            .map(|i| NewPerson { person: &self.people[*i], birthday: self.birthdays.remove(i) })
            .collect();
        repo.insert_people(&new).await?;
        for i in std::mem::take(&mut self.changed) {
            repo.update_person(&self.people[i]).await?;
        }
        for (i, day) in std::mem::take(&mut self.birthdays) {
            repo.set_birthday(self.people[i].id, Some(day)).await?;
        }
        Ok(())
    }

    pub fn id(&self, i: usize) -> PersonId {
        self.people[i].id
    }

    pub fn name(&self, i: usize) -> String {
        self.people[i].name.to_string()
    }
}

/// Parses `--map "Chat Name=Person"` values (map lines on the web page).
pub fn parse_map(raw: &[String]) -> Result<HashMap<String, String>> {
    raw.iter()
        .map(|entry| match entry.split_once('=') {
            Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                Ok((name_key(from), name_key(to)))
            }
            _ => Err(IngestError::BadMap { entry: entry.clone() }),
        })
        .collect()
}

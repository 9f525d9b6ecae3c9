//! Finding the person behind a name, number or address in an imported file: `--map` first,
//! then a person's name, then one of their aliases; with `--create-people`, a new person for
//! whoever matches no one. Everyone is loaded once, so a big import asks the database
//! nothing per record.

use crate::{IngestError, Result, random_bytes};
use jiff::Timestamp;
use kith_core::person::name_key;
use kith_core::{Alias, Circle, Person, PersonId, PersonName};
use kith_store::Repo;
use std::collections::HashMap;

/// Everyone in the database, indexed by name and alias, plus what this import changed.
pub struct Matcher {
    people: Vec<Person>,
    by_name: HashMap<String, usize>,
    by_alias: HashMap<String, usize>,
    /// `--map` entries: the name in the file (as a key) to the person's name (as a key).
    map: HashMap<String, String>,
    pub created: Vec<usize>,
    pub merged: Vec<usize>,
    pub matched: Vec<usize>,
    now: Timestamp,
}

impl Matcher {
    pub async fn load<R: Repo>(repo: &mut R, map: HashMap<String, String>, now: Timestamp) -> Result<Self> {
        let people = repo.people(true).await?;
        let mut m = Self {
            people: Vec::new(),
            by_name: HashMap::new(),
            by_alias: HashMap::new(),
            map,
            created: Vec::new(),
            merged: Vec::new(),
            matched: Vec::new(),
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
            .or_else(|| self.by_name.get(&key))
            .or_else(|| Alias::parse(label).ok().and_then(|a| self.by_alias.get(&a.key())))
            .copied();
        if let Some(i) = found
            && !self.created.contains(&i)
            && !self.matched.contains(&i)
        {
            self.matched.push(i);
        }
        found
    }

    /// Counts person `i` as matched by this import (unless it created or merged them).
    pub fn mark_matched(&mut self, i: usize) {
        if !self.created.contains(&i) && !self.merged.contains(&i) && !self.matched.contains(&i) {
            self.matched.push(i);
        }
    }

    /// The first of `aliases` someone already has.
    pub fn find_alias(&self, aliases: &[Alias]) -> Option<usize> {
        aliases.iter().find_map(|a| self.by_alias.get(&a.key()).copied())
    }

    /// Adds a person named `name` with `aliases`; a name that cannot be a person's name
    /// (empty, a comma) gives `None`.
    pub async fn create<R: Repo>(
        &mut self,
        repo: &mut R,
        name: &str,
        aliases: Vec<Alias>,
    ) -> Result<Option<usize>> {
        let Ok(parsed) = PersonName::parse(&name.replace(',', " ")) else { return Ok(None) };
        if let Some(i) = self.by_name.get(&parsed.key()).copied() {
            self.add_aliases(repo, i, aliases).await?;
            return Ok(Some(i));
        }
        let mut unique: Vec<Alias> = Vec::new();
        for a in aliases {
            if !unique.iter().any(|u| u.key() == a.key()) {
                unique.push(a);
            }
        }
        let person = Person {
            id: PersonId::from_random_bytes(random_bytes()),
            name: parsed,
            circle: Circle::Other,
            cadence: None,
            aliases: unique,
            note: None,
            archived: false,
            snoozed_until: None,
            created_at: self.now,
        };
        repo.insert_person(&person).await?;
        let i = self.index(person);
        self.created.push(i);
        Ok(Some(i))
    }

    /// Gives person `i` the aliases they lack; counts them as merged when any were new.
    pub async fn add_aliases<R: Repo>(&mut self, repo: &mut R, i: usize, aliases: Vec<Alias>) -> Result<()> {
        let Some(person) = self.people.get_mut(i) else { return Ok(()) };
        let mut changed = false;
        for a in aliases {
            if !person.aliases.iter().any(|have| have.key() == a.key()) {
                self.by_alias.entry(a.key()).or_insert(i);
                person.aliases.push(a);
                changed = true;
            }
        }
        if changed {
            repo.update_person(person).await?;
            if !self.created.contains(&i) && !self.merged.contains(&i) {
                self.merged.push(i);
            }
        } else if !self.created.contains(&i) && !self.matched.contains(&i) && !self.merged.contains(&i) {
            self.matched.push(i);
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

//! Turning what the person typed into records: names into people (with "did you mean"),
//! short ids into plans, steps and days away.

use crate::exit::BadInput;
use anyhow::Result;
use kith_core::{Away, Interaction, Person, Plan};
use kith_store::Repo;

/// Splits `Sam, Priya` into names, refusing an empty list.
pub fn split_names(raw: &str) -> Result<Vec<&str>> {
    let names: Vec<&str> = raw.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return Err(BadInput::new(format!("no names in {raw:?}"))
            .hint("give a name, or several separated by commas: \"Sam, Priya\"")
            .into());
    }
    Ok(names)
}

/// Finds a person by name (any case) or, failing that, by alias.
pub async fn find_person<R: Repo>(repo: &mut R, name: &str) -> Result<Option<Person>> {
    if let Some(p) = repo.person_by_name(name).await? {
        return Ok(Some(p));
    }
    let alias = kith_core::Alias::parse(name).map_err(crate::exit::invalid)?;
    Ok(repo.person_by_alias(&alias.key()).await?)
}

/// The person called `name` (or known by it as an alias, or the only one with that first
/// name), or bad input that suggests the closest names.
pub async fn person<R: Repo>(repo: &mut R, name: &str, new_hint: Option<&str>) -> Result<Person> {
    if let Some(p) = find_person(repo, name).await? {
        return Ok(p);
    }
    let mut everyone = repo.people(true).await?;
    let key = kith_core::person::name_key(name);
    let same_first_name: Vec<usize> = (0..everyone.len())
        .filter(|&i| !everyone[i].archived && everyone[i].name.key().split(' ').next() == Some(key.as_str()))
        .collect();
    if let [only] = same_first_name.as_slice() {
        return Ok(everyone.swap_remove(*only));
    }
    let names: Vec<&str> = everyone.iter().map(|p| p.name.as_str()).collect();
    let close = kith_core::suggest::closest(name, names.iter().copied(), 3);
    let mut hint = match close.as_slice() {
        [] if everyone.is_empty() => "nobody is in kith yet.".to_owned(),
        [] => "no similar names.".to_owned(),
        some => format!(
            "did you mean {}?",
            some.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(" or ")
        ),
    };
    match new_hint {
        Some(extra) => hint.push_str(&format!(" Or {extra}")),
        None => hint.push_str(&format!(" To add them: kith person add {name:?}")),
    }
    Err(BadInput::new(format!("no one called {name:?}")).hint(hint).into())
}

/// How a kind of record is named when a short id for it is refused or matches no one.
pub struct ShortId<'a> {
    /// What was typed.
    pub prefix: &'a str,
    /// "invalid plan id \"xy\"".
    pub invalid: String,
    /// The command that lists the ids: "kith plan list".
    pub list: &'static str,
    /// "no plan has an id starting \"abcd\"".
    pub none: String,
    /// "3 plans have ids starting \"abcd\"", given the count.
    pub many: fn(usize, &str) -> String,
}

impl ShortId<'_> {
    /// The short id to look up: at least 4 hex digits (or dashes), in lower case.
    pub fn clean(&self) -> Result<String> {
        let clean = self.prefix.trim().to_lowercase();
        if clean.len() < 4 || !clean.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            let list = self.list.split(" --").next().unwrap_or(self.list);
            return Err(BadInput::new(self.invalid.clone())
                .hint(format!("give at least the first 4 characters of the id shown by `{list}`"))
                .into());
        }
        Ok(clean)
    }

    /// The one record found, or why there is none or more than one.
    pub fn one<T>(&self, mut found: Vec<T>, id: impl Fn(&T) -> String) -> Result<T> {
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err(BadInput::new(self.none.clone()).hint(format!("`{}` shows the ids", self.list)).into()),
            n => Err(BadInput::new((self.many)(n, self.prefix))
                .hint(format!(
                    "type more of the id: {}",
                    found.iter().map(|r| id(r)[..13].to_owned()).collect::<Vec<_>>().join(", ")
                ))
                .into()),
        }
    }
}

/// The plan whose id starts with `prefix`.
pub async fn plan<R: Repo>(repo: &mut R, prefix: &str) -> Result<Plan> {
    let short = ShortId {
        prefix,
        invalid: format!("invalid plan id {prefix:?}"),
        list: "kith plan list",
        none: format!("no plan has an id starting {prefix:?}"),
        many: |n, prefix| format!("{n} plans have ids starting {prefix:?}"),
    };
    let found = repo.plans_by_prefix(&short.clean()?).await?;
    short.one(found, |p| p.id.to_string())
}

/// The people `names` names (comma-separated), each once, in order.
pub async fn people_ids<R: Repo>(repo: &mut R, names: &str) -> Result<Vec<kith_core::PersonId>> {
    let mut ids = Vec::new();
    for name in split_names(names)? {
        let p = person(repo, name, Some("add them first with kith person add")).await?;
        if !ids.contains(&p.id) {
            ids.push(p.id);
        }
    }
    Ok(ids)
}

/// The interaction whose id starts with `prefix`.
pub async fn interaction<R: Repo>(repo: &mut R, prefix: &str) -> Result<Interaction> {
    let short = ShortId {
        prefix,
        invalid: format!("invalid interaction id {prefix:?}"),
        list: "kith history",
        none: format!("no interaction has an id starting {prefix:?}"),
        many: |n, prefix| format!("{n} interactions have ids starting {prefix:?}"),
    };
    let found = repo.interactions_by_prefix(&short.clean()?).await?;
    short.one(found, |i| i.id.to_string())
}

/// The span of days away whose id starts with `prefix`.
pub async fn away<R: Repo>(repo: &mut R, prefix: &str) -> Result<Away> {
    let short = ShortId {
        prefix,
        invalid: format!("invalid id {prefix:?} for days away"),
        list: "kith away list",
        none: format!("no days away have an id starting {prefix:?}"),
        many: |n, prefix| format!("{n} spans of days away have ids starting {prefix:?}"),
    };
    let found = repo.away_by_prefix(&short.clean()?).await?;
    short.one(found, |a| a.id.to_string())
}

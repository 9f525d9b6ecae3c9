//! Turning what the person typed into records, with kith-app's one rule for each (names into
//! people, short ids into plans, interactions, steps and days away), and the command line's
//! words when nothing fits: exit 2, with "did you mean" or the command that lists the ids.

use crate::exit::BadInput;
use anyhow::Result;
use kith_app::records::{self, Record};
use kith_core::ladder::Step;
use kith_core::{Interaction, Person, Plan};
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

/// The command line's words for a use case's refusal. `add_hint` ends the hint when nobody
/// is known by a name ("Or log with --new to add them"); without it the hint says how to
/// add them.
pub fn refused(e: kith_app::Error, add_hint: Option<&str>) -> anyhow::Error {
    use kith_app::Error as E;
    let bad = match e {
        E::Store(e) => return e.into(),
        E::Invalid(e) => return crate::exit::invalid(e),
        E::NoSuchPerson { name, close, nobody_yet } => {
            let mut hint = match close.as_slice() {
                [] if nobody_yet => "nobody is in kith yet.".to_owned(),
                [] => "no similar names.".to_owned(),
                some => format!(
                    "did you mean {}?",
                    some.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(" or ")
                ),
            };
            match add_hint {
                Some(extra) => hint.push_str(&format!(" Or {extra}")),
                None => hint.push_str(&format!(" To add them: kith person add {name:?}")),
            }
            BadInput::new(format!("no one called {name:?}")).hint(hint)
        }
        E::NoPeople => BadInput::new("nobody was named").hint("give a name, or several separated by commas"),
        E::BadId { record, ref typed } => {
            let list = list_command(record);
            let list = list.split(" --").next().unwrap_or(list);
            BadInput::new(record.invalid(typed))
                .hint(format!("give at least the first 4 characters of the id shown by `{list}`"))
        }
        E::NoSuchId { record, ref typed } => {
            BadInput::new(record.none(typed)).hint(format!("`{}` shows the ids", list_command(record)))
        }
        E::Ambiguous { record, ref typed, ref ids } => {
            BadInput::new(record.many(ids.len(), typed)).hint(format!(
                "type more of the id: {}",
                ids.iter().map(|id| id.get(..13).unwrap_or(id)).collect::<Vec<_>>().join(", ")
            ))
        }
        E::Repeat { .. } => BadInput::new(e.to_string()).hint("add --again if it really happened twice"),
        E::SamePerson { .. } => {
            BadInput::new(e.to_string()).hint("name two different people: kith person merge DUPLICATE KEEP")
        }
        E::CheckInExists { .. } => BadInput::new(e.to_string()).hint("add --replace to replace it"),
        E::NoCheckIn { date } => BadInput::new(e.to_string())
            .hint(format!("to add one: kith checkin --date {date} --mood N --capacity N")),
        E::PlanSettled { .. } => BadInput::new(e.to_string())
            .hint("only a plan that is still planned can be marked done, cancelled, missed or moved"),
        E::NoPrediction { .. } => BadInput::new(e.to_string()).hint(
            "a prediction is made when adding a plan, with --anxiety N; leave out --felt-anxiety and --went to mark it done",
        ),
    };
    bad.into()
}

/// The command that lists the ids of a kind of record.
fn list_command(record: Record) -> &'static str {
    match record {
        Record::Interaction => "kith history",
        Record::Plan => "kith plan list",
        Record::Step => "kith step list --all",
        Record::Away => "kith away list",
    }
}

/// The person called `name` (or known by it as an alias, or the only one with that first
/// name), or bad input that suggests the closest names.
pub async fn person<R: Repo>(repo: &mut R, name: &str, new_hint: Option<&str>) -> Result<Person> {
    kith_app::people::person(repo, name).await.map_err(|e| refused(e, new_hint))
}

/// The plan whose id starts with `prefix`.
pub async fn plan<R: Repo>(repo: &mut R, prefix: &str) -> Result<Plan> {
    records::plan(repo, prefix).await.map_err(|e| refused(e, None))
}

/// The interaction whose id starts with `prefix`.
pub async fn interaction<R: Repo>(repo: &mut R, prefix: &str) -> Result<Interaction> {
    records::interaction(repo, prefix).await.map_err(|e| refused(e, None))
}

/// The ladder step whose id starts with `prefix`.
pub async fn step<R: Repo>(repo: &mut R, prefix: &str) -> Result<Step> {
    records::step(repo, prefix).await.map_err(|e| refused(e, None))
}

//! `kith person`: the people in the user's life.

use crate::cli::{parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::{json, resolve};
use anyhow::Result;
use kith_app::people::{self, Merged, NewPerson, PersonEdit};
use kith_core::*;
use kith_store::{Access, InteractionFilter, Repo, StoreError};
use serde_json::json;
use std::fmt::Write as _;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add someone: kith person add "Sam Lee" --circle friend --cadence 14
    Add {
        name: String,
        /// family, friend, partner, colleague, community, professional or other
        #[arg(long, default_value = "friend")]
        circle: String,
        /// How often you would like to be in touch, in days
        #[arg(long, value_name = "DAYS")]
        cadence: Option<String>,
        /// A phone number, email or chat name that importers can match (repeatable)
        #[arg(long, value_name = "A")]
        alias: Vec<String>,
        /// A note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Everyone, by name
    List {
        /// Include archived people
        #[arg(long)]
        archived: bool,
    },
    /// One person, with your recent time together
    Show { name: String },
    /// Change someone's details
    Edit {
        name: String,
        /// A new name
        #[arg(long = "name", value_name = "NEW_NAME")]
        rename: Option<String>,
        #[arg(long)]
        circle: Option<String>,
        /// Days between contacts you would like, or `none`
        #[arg(long, value_name = "DAYS|none")]
        cadence: Option<String>,
        /// Add an alias (repeatable)
        #[arg(long, value_name = "A")]
        alias: Vec<String>,
        /// Remove an alias (repeatable)
        #[arg(long, value_name = "A")]
        remove_alias: Vec<String>,
        /// Replace the note (`--note ""` removes it)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Bring an archived person back
        #[arg(long)]
        unarchive: bool,
    },
    /// Keep someone's history but stop suggesting them
    Archive { name: String },
    /// Fold a duplicate into another person: their history moves, their name becomes an alias
    /// (asks first on a terminal)
    Merge {
        from: String,
        into: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
}

impl Command {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Command::Add { name, circle, cadence, alias, note } => {
                let new = NewPerson {
                    name: PersonName::parse(&name).map_err(invalid)?,
                    circle: Circle::parse(&circle).map_err(invalid)?,
                    cadence: parse_opt(cadence.as_deref(), Cadence::parse)?,
                    aliases: alias
                        .iter()
                        .map(|a| Alias::parse(a))
                        .collect::<Result<_, _>>()
                        .map_err(invalid)?,
                    note: parse_opt(note.as_deref(), |n| Note::parse("note", n))?,
                };
                let now = ctx.now.timestamp();
                let mut tx = ctx.begin(Access::Write).await?;
                let person =
                    people::add(&mut tx, new, now, &mut random_bytes).await.map_err(|e| match e {
                        kith_app::Error::Store(StoreError::Taken { value, .. }) => BadInput::new(format!(
                            "{value:?} is already in kith"
                        ))
                        .hint("names are unique whatever the case; use another name or `kith person edit`")
                        .into(),
                        other => resolve::refused(other, None),
                    })?;
                tx.commit().await?;
                ctx.print(&json::person(&person), &format!("added {} ({})", person.name, person.circle))
            }
            Command::List { archived } => {
                let mut tx = ctx.begin(Access::Read).await?;
                let people = tx.people(archived).await?;
                drop(tx);
                let mut text = String::new();
                for p in &people {
                    let cadence = p.cadence.map(|c| format!("every {} days", c.days())).unwrap_or_default();
                    let flag = if p.archived { "  (archived)" } else { "" };
                    let _ =
                        writeln!(text, "{:<24} {:<13} {cadence}{flag}", p.name.as_str(), p.circle.as_str());
                }
                if people.is_empty() {
                    text = "nobody yet: add someone with kith person add NAME".into();
                }
                let list: Vec<_> = people.iter().map(json::person).collect();
                ctx.print(&json!({ "people": list }), &text)
            }
            Command::Show { name } => {
                let mut tx = ctx.begin(Access::Read).await?;
                let person = resolve::person(&mut tx, &name, None).await?;
                let filter = InteractionFilter { person: Some(person.id), ..Default::default() };
                let together = tx.interactions(&filter).await?;
                let everyone = tx.people(true).await?;
                drop(tx);
                let names = json::names(&everyone);
                let recent: Vec<&Interaction> = together.iter().rev().take(10).collect();
                let mut text = format!("{} ({})", person.name, person.circle);
                if let Some(c) = person.cadence {
                    let _ = write!(text, ", in touch every {} days", c.days());
                }
                if person.archived {
                    text.push_str(", archived");
                }
                if !person.aliases.is_empty() {
                    let aliases: Vec<&str> = person.aliases.iter().map(|a| a.as_str()).collect();
                    let _ = write!(text, "\n  also known as {}", aliases.join(", "));
                }
                if let Some(n) = &person.note {
                    let _ = write!(text, "\n  note: {}", n.as_str());
                }
                let _ = write!(text, "\n  {} interactions in all", together.len());
                if let Some(last) = together.last() {
                    let days = (ctx.now.date() - last.at.local_date()).get_days();
                    let _ = write!(text, "; the last one {}", ago(days));
                }
                for i in &recent {
                    let who: Vec<&str> =
                        i.people.iter().filter_map(|p| names.get(p).map(String::as_str)).collect();
                    let _ = write!(text, "\n  {}", crate::cli::log::describe(i, &who.join(", ")));
                }
                let settings = crate::cli::config::load_settings()?;
                let people = [person.clone()];
                let first = kith_core::reciprocity(
                    &kith_core::History::new(&people, &together, &[], &[]),
                    &settings,
                    Some(person.id),
                    settings.map.window_days,
                    &ctx.now,
                );
                if let Some(words) = first.with_person(person.name.as_str(), 1) {
                    let _ = write!(text, "\n  {words}");
                }
                let mut out = json::person(&person);
                out["interactions"] = together.len().into();
                out["reached_out_first"] = serde_json::to_value(first)?;
                out["recent"] = recent.iter().map(|i| json::interaction(i, &names)).collect();
                ctx.print(&out, &text)
            }
            Command::Edit { name, rename, circle, cadence, alias, remove_alias, note, unarchive } => {
                let rename = parse_opt(rename.as_deref(), PersonName::parse)?;
                let circle = parse_opt(circle.as_deref(), Circle::parse)?;
                let cadence = match cadence.as_deref() {
                    Some("none") => Some(None),
                    other => parse_opt(other, Cadence::parse)?.map(Some),
                };
                let added: Vec<Alias> =
                    alias.iter().map(|a| Alias::parse(a)).collect::<Result<_, _>>().map_err(invalid)?;
                let removed: Vec<Alias> = remove_alias
                    .iter()
                    .map(|a| Alias::parse(a))
                    .collect::<Result<_, _>>()
                    .map_err(invalid)?;
                let note = match note.as_deref().map(str::trim) {
                    Some("") => Some(None),
                    other => parse_opt(other, |n| Note::parse("note", n))?.map(Some),
                };
                let edit = PersonEdit {
                    name: rename,
                    circle,
                    cadence,
                    note,
                    archived: unarchive.then_some(false),
                    add_aliases: added,
                    remove_aliases: removed,
                    ..PersonEdit::default()
                };
                let mut tx = ctx.begin(Access::Write).await?;
                let person = people::edit(&mut tx, &name, edit).await.map_err(|e| match e {
                    kith_app::Error::Store(StoreError::Taken { value, .. }) => {
                        BadInput::new(format!("{value:?} is already someone else's name"))
                            .hint("pick another name, or merge the two with `kith person merge`")
                            .into()
                    }
                    other => resolve::refused(other, None),
                })?;
                tx.commit().await?;
                ctx.print(&json::person(&person), &format!("saved {}", person.name))
            }
            Command::Archive { name } => {
                let mut tx = ctx.begin(Access::Write).await?;
                let archive = PersonEdit { archived: Some(true), ..PersonEdit::default() };
                let person =
                    people::edit(&mut tx, &name, archive).await.map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                let text =
                    format!("archived {}: their history stays, and kith will not suggest them", person.name);
                ctx.print(&json::person(&person), &text)
            }
            Command::Merge { from, into, yes } => {
                let mut tx = ctx.begin(Access::Write).await?;
                let (from, into) =
                    people::merging(&mut tx, &from, &into).await.map_err(|e| resolve::refused(e, None))?;
                let question = format!(
                    "Merge {} into {}? {}'s history moves to {} and the name {} is kept as an alias; this cannot be undone.",
                    from.name, into.name, from.name, into.name, from.name
                );
                let with_yes =
                    format!("kith person merge {:?} {:?} --yes", from.name.as_str(), into.name.as_str());
                if !crate::cli::confirm(yes, &question, &with_yes)? {
                    drop(tx);
                    return ctx.print(&json!({"merged": false}), "kept them apart; nothing changed");
                }
                let Merged { from, into, moved } =
                    people::merge(&mut tx, from, into).await.map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                let text = format!(
                    "merged {} into {}: {} interactions, {} plans and {} aliases moved",
                    from.name, into.name, moved.interactions, moved.plans, moved.aliases
                );
                ctx.print(&json!({"from": from.id, "into": into.id, "moved": moved}), &text)
            }
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct SnoozeArgs {
    /// Who
    name: String,
    /// For how many days (1 to 365)
    #[arg(long, value_name = "N")]
    days: String,
}

impl SnoozeArgs {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let days = kith_core::invalid::int_in("days", &self.days, 1..=365).map_err(invalid)?;
        let until = ctx.now.date().checked_add(jiff::Span::new().days(days))?;
        let mut tx = ctx.begin(Access::Write).await?;
        let snooze = PersonEdit { snoozed_until: Some(until), ..PersonEdit::default() };
        let person =
            people::edit(&mut tx, &self.name, snooze).await.map_err(|e| resolve::refused(e, None))?;
        tx.commit().await?;
        let text = format!(
            "kith will not suggest {} until {}. Taking a break from someone is allowed",
            person.name,
            until.strftime("%a %-d %b")
        );
        ctx.print(&json::person(&person), &text)
    }
}

/// "today", "yesterday", "12 days ago".
pub fn ago(days: i32) -> String {
    match days {
        ..=0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

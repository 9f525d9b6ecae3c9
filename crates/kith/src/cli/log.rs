//! `kith log`: capture an interaction in seconds, and fix one: `kith log edit`, `delete`
//! and `undo`.

use crate::cli::config::load_settings;
use crate::cli::{confirm, parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::{json, resolve};
use anyhow::Result;
use kith_app::log::{Logged, NewEntry, Who};
use kith_core::ladder;
use kith_core::*;
use kith_store::{Access, Repo};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    fix: Option<Fix>,
    /// Who: a name, or several separated by commas ("Sam, Priya")
    #[arg(required = true)]
    people: Option<String>,
    /// How: in_person, voice, video, text or social
    #[arg(long, required = true)]
    mode: Option<String>,
    /// How long, in minutes
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    minutes: Option<String>,
    /// How it felt, from -2 (draining) to +2 (energising)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    felt: Option<String>,
    /// When it started [default: now]; see `kith help log` for the forms
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, long_help = WHEN_HELP)]
    at: Option<String>,
    /// Who reached out: me or them
    #[arg(long, value_name = "me|them")]
    by: Option<String>,
    /// An activity tag such as walk or climbing (repeatable)
    #[arg(long, value_name = "T")]
    tag: Vec<String>,
    /// A note
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// It was brief or shallow: keep it, but it does not count toward one a day
    #[arg(long)]
    trivial: bool,
    /// Add anyone not yet in kith (circle: other) instead of stopping
    #[arg(long)]
    new: bool,
    /// How you felt before, words from `kith emotions`, comma-separated
    #[arg(long, value_name = "WORDS")]
    before: Option<String>,
    /// How you felt afterwards, words from `kith emotions`, comma-separated
    #[arg(long, value_name = "WORDS")]
    after: Option<String>,
    /// Log it even though the same was logged a moment ago
    #[arg(long)]
    again: bool,
}

/// Fixing what was logged.
#[derive(Debug, clap::Subcommand)]
pub enum Fix {
    /// Change a logged interaction: only what you give changes
    Edit(EditArgs),
    /// Delete a logged interaction (asks first on a terminal)
    Delete {
        /// Its id, or the first characters of it, as `kith history` shows
        id: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
    /// Take back the last interaction you logged, within 10 minutes of logging it
    Undo,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// Its id, or the first characters of it, as `kith history` shows
    id: String,
    /// Who, replacing everyone: a name, or several separated by commas
    #[arg(long, value_name = "NAMES")]
    people: Option<String>,
    #[arg(long)]
    mode: Option<String>,
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    minutes: Option<String>,
    /// -2 (draining) to +2 (energising), or none
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    felt: Option<String>,
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, long_help = WHEN_HELP)]
    at: Option<String>,
    /// Who reached out: me or them
    #[arg(long, value_name = "me|them")]
    by: Option<String>,
    /// Activity tags, replacing the ones it has (repeatable)
    #[arg(long, value_name = "T")]
    tag: Vec<String>,
    /// A note; an empty one removes it
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// It was brief or shallow: it does not count toward one a day
    #[arg(long, conflicts_with = "meaningful")]
    trivial: bool,
    /// It counts toward one a day after all
    #[arg(long)]
    meaningful: bool,
}

/// Days `kith log` reads first to tell whether a connection reaches a one-a-day milestone.
const FIRST_LOOK_DAYS: i64 = 21;

pub const WHEN_HELP: &str = "When, as you would say it: 7pm, 7:30pm, 19:30, \"yesterday 19:30\", \"last night\", \
\"yesterday evening\", \"this morning\", \"friday 7pm\" (the last one when logging, the coming one for a plan), \
\"next friday 7pm\", \"2 hours ago\", \"in 3 days\", -2h, +1w, 2026-11-20 (noon), \"2026-11-20 19:30\" or RFC 3339. \
A bare time still to come today means yesterday when logging.";

impl Args {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        if let Some(fix) = self.fix {
            return fix.run(ctx).await;
        }
        let (Some(who), Some(mode_text)) = (self.people.clone(), self.mode.clone()) else {
            return Err(BadInput::new("kith log needs who and --mode")
                .hint("for example: kith log Sam --mode call")
                .into());
        };
        let names = resolve::split_names(&who)?;
        let mode = Mode::parse(&mode_text).map_err(invalid)?;
        let minutes = parse_opt(self.minutes.as_deref(), |r| Minutes::parse("minutes", r))?;
        let felt = parse_opt(self.felt.as_deref(), Felt::parse)?;
        let initiator = parse_opt(self.by.as_deref(), Initiator::parse)?;
        let tags = self.tag.iter().map(|t| Tag::parse(t)).collect::<Result<Vec<_>, _>>().map_err(invalid)?;
        let note = parse_opt(self.note.as_deref(), |r| Note::parse("note", r))?;
        let before =
            parse_opt(self.before.as_deref(), |r| ladder::parse_emotions("before", r))?.unwrap_or_default();
        let after =
            parse_opt(self.after.as_deref(), |r| ladder::parse_emotions("after", r))?.unwrap_or_default();
        let at = match self.at.as_deref() {
            Some(raw) => {
                let at = parse_when("at", raw, &ctx.now).map_err(invalid)?;
                if at.timestamp() > ctx.now.timestamp() {
                    let when = at.strftime("%a %-d %b at %H:%M");
                    return Err(BadInput::new(format!(
                        "cannot log --at {raw:?}: that is {when}, still to come"
                    ))
                    .hint(format!(
                        "plans hold the future: kith plan add {who:?} --at {raw:?} --mode {mode_text}"
                    ))
                    .into());
                }
                at
            }
            None => ctx.now.clone(),
        };
        let who = names
            .iter()
            .map(|n| match self.new {
                true => PersonName::parse(n).map(Who::KnownOrNew).map_err(invalid),
                false => Ok(Who::Known((*n).to_owned())),
            })
            .collect::<Result<Vec<_>>>()?;
        let settings = if self.trivial { None } else { Some(load_settings()?) };
        let day_start = settings.as_ref().map_or(DayStart::MIDNIGHT, |s| s.day.starts_at);
        let one_a_day = settings.map(|s| s.one_a_day);
        let entry = NewEntry {
            minutes,
            felt,
            initiator,
            meaningful: !self.trivial,
            tags,
            note,
            before,
            after,
            again: self.again,
            ..NewEntry::new(who, Moment::from_zoned(&at), mode)
        };

        let (today, now) = (day_start.today(&ctx.now), ctx.now.timestamp());
        let mut tx = ctx.begin(Access::Write).await?;
        // One-a-day words: the days that already had a meaningful connection, first over a
        // few weeks, and over the window that can decide any milestone only when the run
        // reaches further back (kith log stays fast on a long history).
        let milestone = match &one_a_day {
            Some(settings) if entry.meaningful => {
                let logged = day_start.day_of(entry.at);
                let back = |days: i64| today.checked_sub(jiff::Span::new().days(days)).unwrap_or(today);
                let window = i64::from(settings.milestone_window_days());
                let first_look = back(FIRST_LOOK_DAYS.min(window));
                let mut days = tx.meaningful_days(first_look, today, day_start).await?;
                if kith_core::one_a_day_needs_a_longer_look(&days, first_look, logged, today, settings) {
                    days = tx.meaningful_days(back(window), today, day_start).await?;
                }
                kith_core::one_a_day_milestone(&days, logged, today, settings)
            }
            _ => None,
        };
        let (before, after) = (entry.before.clone(), entry.after.clone());
        let Logged { interaction, people, added } =
            kith_app::log::log(&mut tx, entry, now, &mut random_bytes)
                .await
                .map_err(|e| resolve::refused(e, Some("log with --new to add them")))?;
        tx.commit().await?;
        let added: Vec<String> = added.iter().map(|p| p.name.to_string()).collect();

        let names_by_id = json::names(&people);
        let who = people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
        let mut text = format!("logged {}", describe(&interaction, &who));
        if !added.is_empty() {
            text.push_str(&format!(" (added {} to your people)", added.join(", ")));
        }
        if let Some(words) = &milestone {
            text.push('\n');
            text.push_str(words);
        }
        let mut out = json::interaction(&interaction, &names_by_id);
        if let Some(o) = out.as_object_mut() {
            let words = |list: &[ladder::Emotion]| list.iter().map(|e| e.as_str()).collect::<Vec<_>>();
            o.insert("emotions_before".into(), words(&before).into());
            o.insert("emotions_after".into(), words(&after).into());
            o.insert("one_a_day_milestone".into(), milestone.clone().into());
        }
        ctx.print(&out, &text)
    }
}

impl Fix {
    async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Fix::Edit(args) => args.run(ctx).await,
            Fix::Delete { id, yes } => {
                let mut tx = ctx.begin(Access::Write).await?;
                let found = resolve::interaction(&mut tx, &id).await?;
                let who = who(&mut tx, &found).await?;
                let question = format!("Delete {}?", describe(&found, &who));
                if !confirm(yes, &question, &format!("kith log delete {} --yes", found.id.short()))? {
                    drop(tx);
                    return ctx.print(&serde_json::json!({ "deleted": null }), "kept it; nothing changed");
                }
                kith_app::log::delete(&mut tx, &found.id.to_string())
                    .await
                    .map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                let text = format!("deleted {}", describe(&found, &who));
                ctx.print(&serde_json::json!({ "deleted": found.id }), &text)
            }
            Fix::Undo => {
                let now = ctx.now.timestamp();
                let mut tx = ctx.begin(Access::Write).await?;
                let Some(last) =
                    kith_app::log::undo(&mut tx, now).await.map_err(|e| resolve::refused(e, None))?
                else {
                    return Err(BadInput::new(format!(
                        "nothing was logged in the last {} minutes",
                        Interaction::REPEAT_MINUTES
                    ))
                    .hint("to delete an older entry: kith history shows ids, then kith log delete ID")
                    .into());
                };
                let who = who(&mut tx, &last).await?;
                tx.commit().await?;
                let text = format!("took back {}", describe(&last, &who));
                ctx.print(&serde_json::json!({ "deleted": last.id }), &text)
            }
        }
    }
}

impl EditArgs {
    async fn run(self, ctx: &mut Context) -> Result<()> {
        let at = match self.at.as_deref() {
            Some(raw) => {
                let at = parse_when("at", raw, &ctx.now).map_err(invalid)?;
                if at.timestamp() > ctx.now.timestamp() {
                    return Err(BadInput::new(format!("cannot move it to {raw:?}: that is still to come"))
                        .hint("plans hold the future: kith plan add")
                        .into());
                }
                Some(Moment::from_zoned(&at))
            }
            None => None,
        };
        let none_or = |raw: &str| raw.trim().eq_ignore_ascii_case("none");
        let changes = InteractionChanges {
            at,
            minutes: match self.minutes.as_deref() {
                Some(raw) if none_or(raw) => Some(None),
                Some(raw) => Some(Some(Minutes::parse("minutes", raw).map_err(invalid)?)),
                None => None,
            },
            mode: parse_opt(self.mode.as_deref(), Mode::parse)?,
            initiator: parse_opt(self.by.as_deref(), Initiator::parse)?.map(Some),
            people: None,
            felt: match self.felt.as_deref() {
                Some(raw) if none_or(raw) => Some(None),
                Some(raw) => Some(Some(Felt::parse(raw).map_err(invalid)?)),
                None => None,
            },
            meaningful: if self.trivial { Some(false) } else { self.meaningful.then_some(true) },
            tags: if self.tag.is_empty() {
                None
            } else {
                Some(self.tag.iter().map(|t| Tag::parse(t)).collect::<Result<Vec<_>, _>>().map_err(invalid)?)
            },
            note: match self.note.as_deref() {
                Some(raw) if raw.trim().is_empty() => Some(None),
                Some(raw) => Some(Some(Note::parse("note", raw).map_err(invalid)?)),
                None => None,
            },
        };
        let people = self.people.as_deref().map(resolve::split_names).transpose()?;
        if changes.is_empty() && people.is_none() {
            return Err(BadInput::new("nothing to change")
                .hint("give what changes, for example: kith log edit ID --minutes 30 --felt 1")
                .into());
        }
        let edit = kith_app::log::Edit {
            changes,
            people: people.map(|p| p.iter().map(|n| n.to_string()).collect()),
        };
        let mut tx = ctx.begin(Access::Write).await?;
        let edited = kith_app::log::edit(&mut tx, &self.id, edit)
            .await
            .map_err(|e| resolve::refused(e, Some("add them first with kith person add")))?;
        let people = tx.people(true).await?;
        tx.commit().await?;
        let text = format!("changed: {}", describe(&edited, &names_of(&people, &edited)));
        ctx.print(&json::interaction(&edited, &json::names(&people)), &text)
    }
}

/// The names of the people an interaction was with, joined: "Sam Lee, Priya".
fn names_of(people: &[Person], i: &Interaction) -> String {
    let names: Vec<&str> = i
        .people
        .iter()
        .filter_map(|id| people.iter().find(|p| p.id == *id))
        .map(|p| p.name.as_str())
        .collect();
    names.join(", ")
}

async fn who<R: Repo>(repo: &mut R, i: &Interaction) -> Result<String> {
    Ok(names_of(&repo.people(true).await?, i))
}

/// "45 min voice call with Sam on Fri 20 Nov at 18:00, felt +2"
pub fn describe(i: &Interaction, who: &str) -> String {
    let mut out = match i.minutes {
        Some(m) => format!("{} min {}", m.get(), i.mode.label()),
        None => i.mode.label().to_owned(),
    };
    out.push_str(&format!(" with {who}"));
    out.push_str(&format!(" on {}", i.at.local().strftime("%a %-d %b at %H:%M")));
    if let Some(f) = i.felt {
        out.push_str(&format!(", felt {:+}", f.value()));
    }
    if !i.meaningful {
        out.push_str(", marked trivial");
    }
    out
}

//! `kith plan`: plans and what became of them. How much notice a cancellation gave is
//! kept, because a rising share of last-minute cancellations is one of the changes the
//! withdrawal signals compare with the person's own usual weeks (docs/insights.md).

use crate::cli::config::load_settings;
use crate::cli::log::WHEN_HELP;
use crate::cli::{parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::{json, resolve};
use anyhow::Result;
use jiff::SignedDuration;
use kith_app::plans::{NewPlan, PlanEdit, Planned, Settle, Settled};
use kith_core::ladder::{self, Anxiety, Expectation};
use kith_core::*;
use kith_store::{Access, PlanFilter, Repo};
use serde_json::json;
use std::fmt::Write as _;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Plan to see someone: kith plan add Sam --at "tomorrow 19:00" --mode in_person
    Add {
        /// Who: a name, or several separated by commas
        people: String,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, long_help = WHEN_HELP)]
        at: String,
        /// in_person, voice, video, text or social
        #[arg(long)]
        mode: String,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Before: how anxious you expect to feel, 0 (calm) to 10 (extremely anxious)
        #[arg(long, value_name = "N")]
        anxiety: Option<String>,
        /// Before: how well you expect it to go, 0 (very badly) to 10 (very well)
        #[arg(long, value_name = "N")]
        expect: Option<String>,
    },
    /// Plans, with the short ids other plan commands take
    List {
        /// Only plans still to come
        #[arg(long, conflicts_with = "past")]
        upcoming: bool,
        /// Only plans whose time has passed
        #[arg(long)]
        past: bool,
    },
    /// It happened: records the interaction it became, and how it went against what you
    /// expected (--felt-anxiety, for a plan added with --anxiety)
    Done {
        id: String,
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        minutes: Option<String>,
        /// How it felt, from -2 (draining) to +2 (energising)
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        felt: Option<String>,
        /// After: how anxious you felt, 0 (calm) to 10 (extremely anxious)
        #[arg(long, value_name = "N")]
        felt_anxiety: Option<String>,
        /// After: how well it went, 0 (very badly) to 10 (very well)
        #[arg(long, value_name = "N")]
        went: Option<String>,
    },
    /// It was called off, by me or them
    Cancel {
        id: String,
        #[arg(long, value_name = "me|them")]
        by: String,
        /// When it was called off [default: now]
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// I did not turn up
    Missed { id: String },
    /// It moved to another time: the old plan is kept as moved, a new one is made
    Moved {
        id: String,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        to: String,
    },
    /// Change a plan's time, mode, people or note (to record that it moved, use `moved`)
    Edit {
        id: String,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        mode: Option<String>,
        /// Who, replacing everyone: a name, or several separated by commas
        #[arg(long, value_name = "NAMES")]
        people: Option<String>,
        /// A note; an empty one removes it
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Delete a plan made by mistake (asks first on a terminal); a plan that did not happen
    /// is better cancelled or missed, which kith learns from
    Delete {
        id: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
}

impl Command {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Command::Add { people, at, mode, note, anxiety, expect } => {
                let names = resolve::split_names(&people)?;
                let start = parse_when_leaning("at", &at, &ctx.now, Lean::Future).map_err(invalid)?;
                let mode = Mode::parse(&mode).map_err(invalid)?;
                let note = parse_opt(note.as_deref(), |n| Note::parse("note", n))?;
                let anxiety = parse_opt(anxiety.as_deref(), Anxiety::parse)?;
                let expect = parse_opt(expect.as_deref(), Expectation::parse)?;
                if anxiety.is_none() && expect.is_some() {
                    return Err(BadInput::new("the prediction needs --anxiety N")
                        .hint("how anxious you expect to feel, from 0 (calm) to 10 (extremely anxious)")
                        .into());
                }
                let settings = if anxiety.is_some() { Some(load_settings()?) } else { None };
                let moment = Moment::from_zoned(&ctx.now);
                let who = names.iter().map(|n| (*n).to_owned()).collect();
                let new = NewPlan { who, start: Moment::from_zoned(&start), mode, note, anxiety, expect };
                let mut tx = ctx.begin(Access::Write).await?;
                // The look back covers earlier steps and plans; read before this plan is
                // added, and only when it may be shown.
                let prompt = match (anxiety, &settings) {
                    (Some(a), Some(s)) if a.get() >= i64::from(s.ladder.high_anxiety_at_least) => {
                        let (tries, plans) = (tx.attempts(None).await?, tx.plan_predictions(None).await?);
                        ladder::prediction_prompt_with_plans(&tries, &plans, a, &s.ladder)
                    }
                    _ => None,
                };
                let Planned { plan, prediction, people: who } =
                    kith_app::plans::add(&mut tx, new, moment, &mut random_bytes)
                        .await
                        .map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                let names = json::names(&who);
                let mut text = format!("planned {} ({})", summary(&plan, &names), plan.id.short());
                if let Some(p) = &prediction {
                    let _ = write!(
                        text,
                        "\nnoted: you expect anxiety of {} out of 10. Afterwards: kith plan done {} --felt-anxiety N",
                        p.anxiety.get(),
                        plan.id.short()
                    );
                }
                if let Some(prompt) = &prompt {
                    let _ = write!(text, "\n{prompt}");
                }
                let mut out = json::plan_with(&plan, prediction.as_ref(), &names);
                if let Some(map) = out.as_object_mut() {
                    map.insert("prompt".into(), json!(prompt));
                }
                ctx.print(&out, &text)
            }
            Command::List { upcoming, past } => {
                let now = ctx.now.timestamp();
                let filter = match (upcoming, past) {
                    (true, _) => PlanFilter { since: Some(now), until: None },
                    (_, true) => PlanFilter { since: None, until: Some(now - SignedDuration::from_secs(1)) },
                    _ => PlanFilter::default(),
                };
                let mut tx = ctx.begin(Access::Read).await?;
                let plans = tx.plans(&filter).await?;
                let predictions = tx.plan_predictions(None).await?;
                let names = json::names(&tx.people(true).await?);
                drop(tx);
                let prediction_of = |p: &Plan| predictions.iter().find(|x| x.plan == p.id);
                let mut text = String::new();
                for p in &plans {
                    let _ =
                        writeln!(text, "{}  {:<18} {}", p.id.short(), p.outcome.label(), summary(p, &names));
                }
                if plans.is_empty() {
                    text = "no plans yet: kith plan add NAME --at WHEN --mode MODE".into();
                }
                let list: Vec<_> =
                    plans.iter().map(|p| json::plan_with(p, prediction_of(p), &names)).collect();
                ctx.print(&json!({ "plans": list }), &text)
            }
            Command::Done { id, minutes, felt, felt_anxiety, went } => {
                let minutes = parse_opt(minutes.as_deref(), |r| Minutes::parse("minutes", r))?;
                let felt = parse_opt(felt.as_deref(), Felt::parse)?;
                let felt_anxiety =
                    parse_opt(felt_anxiety.as_deref(), |r| as_flag("felt_anxiety", Anxiety::parse(r)))?;
                let went = parse_opt(went.as_deref(), |r| as_flag("went", Expectation::parse(r)))?;
                if felt_anxiety.is_none() && went.is_some() {
                    return Err(BadInput::new("to record how it went, give --felt-anxiety N")
                        .hint("how anxious you felt, from 0 (calm) to 10 (extremely anxious)")
                        .into());
                }
                let done = Settle::Done { minutes, felt, check: felt_anxiety.map(|a| (a, went)) };
                let (Settled { plan, interaction, prediction, .. }, names) = settle(ctx, &id, done).await?;
                let who =
                    plan.people.iter().filter_map(|p| names.get(p).cloned()).collect::<Vec<_>>().join(", ");
                let mut text = match &interaction {
                    Some(i) => format!("well done: {} is logged", crate::cli::log::describe(i, &who)),
                    None => format!("noted how the plan with {who} went"),
                };
                let words = prediction.as_ref().and_then(ladder::plan_outcome_words);
                if let Some(w) = &words {
                    let _ = write!(text, "\n{w}");
                } else if prediction.is_some() {
                    let _ = write!(
                        text,
                        "\nto compare it with what you expected: kith plan done {} --felt-anxiety N",
                        plan.id.short()
                    );
                }
                ctx.print(
                    &json!({
                        "plan": json::plan_with(&plan, prediction.as_ref(), &names),
                        "interaction": interaction.as_ref().map(|i| json::interaction(i, &names)),
                        "message": words,
                    }),
                    &text,
                )
            }
            Command::Cancel { id, by, at } => {
                let by = Initiator::parse(&by).map_err(invalid)?;
                let at =
                    at.as_deref().map(|raw| parse_when("at", raw, &ctx.now).map_err(invalid)).transpose()?;
                let cancelled = Settle::Cancelled { by, at: at.map(|a| a.timestamp()) };
                let (Settled { plan, .. }, names) = settle(ctx, &id, cancelled).await?;
                let notice = plan.notice().map(notice_words).unwrap_or_default();
                let mut text = match by {
                    Initiator::Me => format!(
                        "cancelled {notice}. Saying no is allowed; kith keeps how close to the start it was"
                    ),
                    Initiator::Them => format!("noted: they cancelled {notice}"),
                };
                let mut out = json::plan(&plan, &names);
                if by == Initiator::Me
                    && plan.start.timestamp() > ctx.now.timestamp()
                    && let Some(offer) = smaller_instead(ctx, &plan).await?
                {
                    let who: Vec<&str> =
                        plan.people.iter().filter_map(|id| names.get(id).map(String::as_str)).collect();
                    let who = who.join(", ");
                    let at = plan.start.local().strftime("%Y-%m-%d %H:%M");
                    let _ = write!(
                        text,
                        "\n{}\n  a call instead: kith plan add \"{who}\" --at \"{at}\" --mode call\n  \
                         another time:   kith plan add \"{who}\" --at WHEN --mode in_person\n  \
                         not now:        kith today --not-now instead_of_cancelling",
                        offer.text
                    );
                    out["suggestion"] = serde_json::to_value(&offer)?;
                }
                ctx.print(&out, &text)
            }
            Command::Missed { id } => {
                let (Settled { plan, .. }, names) = settle(ctx, &id, Settle::Missed).await?;
                ctx.print(
                    &json::plan(&plan, &names),
                    "noted as missed. It happens; kith keeps it so patterns can show",
                )
            }
            Command::Moved { id, to } => {
                let new_start = parse_when_leaning("to", &to, &ctx.now, Lean::Future).map_err(invalid)?;
                let to = Settle::Moved { to: Moment::from_zoned(&new_start) };
                let (settled, names) = settle(ctx, &id, to).await?;
                let (old, new) = (settled.plan, settled.moved_to.expect("a moved plan has a new one"));
                let text = format!("moved to {} (new id {})", summary(&new, &names), new.id.short());
                ctx.print(
                    &json!({"moved": json::plan(&old, &names), "plan": json::plan(&new, &names)}),
                    &text,
                )
            }
            Command::Edit { id, at, mode, people, note } => {
                let start = at
                    .as_deref()
                    .map(|raw| parse_when_leaning("at", raw, &ctx.now, Lean::Future).map_err(invalid))
                    .transpose()?;
                let mode = parse_opt(mode.as_deref(), Mode::parse)?;
                let note = match note.as_deref() {
                    Some(raw) if raw.trim().is_empty() => Some(None),
                    Some(raw) => Some(Some(Note::parse("note", raw).map_err(invalid)?)),
                    None => None,
                };
                let people = people.as_deref().map(resolve::split_names).transpose()?;
                let edit = PlanEdit {
                    start: start.map(|s| Moment::from_zoned(&s)),
                    mode,
                    people: people.map(|p| p.iter().map(|n| (*n).to_owned()).collect()),
                    note,
                };
                if edit.is_empty() {
                    return Err(BadInput::new("nothing to change")
                        .hint("give what changes, for example: kith plan edit ID --at \"friday 19:00\"")
                        .into());
                }
                let mut tx = ctx.begin(Access::Write).await?;
                let plan = kith_app::plans::edit(&mut tx, &id, edit)
                    .await
                    .map_err(|e| resolve::refused(e, Some("add them first with kith person add")))?;
                let names = json::names(&tx.people(true).await?);
                tx.commit().await?;
                let text = format!("changed: {}", summary(&plan, &names));
                ctx.print(&json::plan(&plan, &names), &text)
            }
            Command::Delete { id, yes } => {
                let mut tx = ctx.begin(Access::Write).await?;
                let plan = resolve::plan(&mut tx, &id).await?;
                let names = json::names(&tx.people(true).await?);
                let question = format!("Delete the plan {}?", summary(&plan, &names));
                let with_yes = format!("kith plan delete {} --yes", plan.id.short());
                if !crate::cli::confirm(yes, &question, &with_yes)? {
                    drop(tx);
                    return ctx.print(&json!({"deleted": null}), "kept it; nothing changed");
                }
                kith_app::plans::delete(&mut tx, &plan.id.to_string())
                    .await
                    .map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                ctx.print(
                    &json!({"deleted": plan.id}),
                    &format!("deleted the plan {}", summary(&plan, &names)),
                )
            }
        }
    }
}

/// Renames the field of a domain error to the flag that carried the value.
fn as_flag<T>(flag: &'static str, r: Result<T, Invalid>) -> Result<T, Invalid> {
    r.map_err(|e| Invalid { field: flag, ..e })
}

/// After I cancel a meeting still to come: the gentle offer of a smaller form (moved, or a
/// call), unless today's social battery is low or the person said "not now" to it. Reads
/// only today's check-in and the hidden kinds; the cancel is already saved.
async fn smaller_instead(ctx: &mut Context, plan: &Plan) -> Result<Option<Suggestion>> {
    let settings = load_settings()?;
    let today = settings.day.starts_at.today(&ctx.now);
    let mut tx = ctx.begin(Access::Read).await?;
    let checkins = tx.checkins(Some(today)).await?;
    let not_now = tx.not_now(today).await?;
    let people = tx.people(true).await?;
    drop(tx);
    let history = History::new(&people, &[], &[], &checkins).with_not_now(&not_now);
    Ok(instead_of_cancelling(&history, &settings, &ctx.now, &plan.people, plan.mode))
}

/// Settles the plan `id` as `how`, with the names of everyone, in one transaction.
async fn settle(ctx: &mut Context, id: &str, how: Settle) -> Result<(Settled, json::Names)> {
    let moment = Moment::from_zoned(&ctx.now);
    let mut tx = ctx.begin(Access::Write).await?;
    let settled = kith_app::plans::settle(&mut tx, id, how, moment, &mut random_bytes)
        .await
        .map_err(|e| resolve::refused(e, None))?;
    let names = json::names(&tx.people(true).await?);
    tx.commit().await?;
    Ok((settled, names))
}

/// "in person with Sam on Fri 20 Nov at 19:00"
fn summary(p: &Plan, names: &json::Names) -> String {
    let who: Vec<&str> = p.people.iter().filter_map(|id| names.get(id).map(String::as_str)).collect();
    format!(
        "{} with {} on {}",
        p.mode.label(),
        who.join(", "),
        p.start.local().strftime("%a %-d %b %Y at %H:%M")
    )
}

/// "2 hours before the start", "3 days before the start", "after the start".
pub fn notice_words(notice: SignedDuration) -> String {
    let minutes = notice.as_secs() / 60;
    let (n, unit) = match minutes {
        ..=-1 => return "after the start".into(),
        0..=59 => (minutes, "minute"),
        60..=2879 => (minutes / 60, "hour"),
        _ => (minutes / 1440, "day"),
    };
    format!("{n} {unit}{} before the start", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_reads_naturally() {
        assert_eq!(notice_words(SignedDuration::from_mins(1)), "1 minute before the start");
        assert_eq!(notice_words(SignedDuration::from_mins(90)), "1 hour before the start");
        assert_eq!(notice_words(SignedDuration::from_hours(30)), "30 hours before the start");
        assert_eq!(notice_words(SignedDuration::from_hours(72)), "3 days before the start");
        assert_eq!(notice_words(SignedDuration::from_mins(-5)), "after the start");
    }
}

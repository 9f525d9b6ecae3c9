//! `kith plan`: plans and what became of them. How much notice a cancellation gave is
//! kept, because last-minute cancelling is one of the earliest signals of burnout
//! (DESIGN.md idea 3).

use crate::cli::log::WHEN_HELP;
use crate::cli::{parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::{json, resolve};
use anyhow::Result;
use jiff::SignedDuration;
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
    /// It happened: records the interaction it became
    Done {
        id: String,
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        minutes: Option<String>,
        /// How it felt, from -2 (draining) to +2 (energising)
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        felt: Option<String>,
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
}

impl Command {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Command::Add { people, at, mode, note } => {
                let names = resolve::split_names(&people)?;
                let start = parse_when_leaning("at", &at, &ctx.now, Lean::Future).map_err(invalid)?;
                let mode = Mode::parse(&mode).map_err(invalid)?;
                let note = parse_opt(note.as_deref(), |n| Note::parse("note", n))?;
                let now = ctx.now.timestamp();
                let mut tx = ctx.begin(Access::Write).await?;
                let mut who: Vec<Person> = Vec::new();
                for name in names {
                    let p = resolve::person(&mut tx, name, None).await?;
                    if !who.iter().any(|w| w.id == p.id) {
                        who.push(p);
                    }
                }
                let plan = Plan::planned(
                    PlanId::from_random_bytes(random_bytes()),
                    who.iter().map(|p| p.id).collect(),
                    Moment::from_zoned(&start),
                    mode,
                    note,
                    now,
                );
                tx.insert_plan(&plan).await?;
                tx.commit().await?;
                let text = format!("planned {} ({})", summary(&plan, &json::names(&who)), plan.id.short());
                ctx.print(&json::plan(&plan, &json::names(&who)), &text)
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
                let names = json::names(&tx.people(true).await?);
                drop(tx);
                let mut text = String::new();
                for p in &plans {
                    let _ =
                        writeln!(text, "{}  {:<18} {}", p.id.short(), p.outcome.label(), summary(p, &names));
                }
                if plans.is_empty() {
                    text = "no plans yet: kith plan add NAME --at WHEN --mode MODE".into();
                }
                let list: Vec<_> = plans.iter().map(|p| json::plan(p, &names)).collect();
                ctx.print(&json!({ "plans": list }), &text)
            }
            Command::Done { id, minutes, felt } => {
                let minutes = parse_opt(minutes.as_deref(), |r| Minutes::parse("minutes", r))?;
                let felt = parse_opt(felt.as_deref(), Felt::parse)?;
                let now = ctx.now.timestamp();
                let mut tx = ctx.begin(Access::Write).await?;
                let mut plan = pending(resolve::plan(&mut tx, &id).await?)?;
                let interaction =
                    plan.attend(InteractionId::from_random_bytes(random_bytes()), minutes, felt, now);
                tx.insert_interaction(&interaction).await?;
                tx.update_plan(&plan).await?;
                let names = json::names(&tx.people(true).await?);
                tx.commit().await?;
                let who =
                    plan.people.iter().filter_map(|p| names.get(p).cloned()).collect::<Vec<_>>().join(", ");
                let text = format!("well done: {} is logged", crate::cli::log::describe(&interaction, &who));
                ctx.print(&json!({"plan": json::plan(&plan, &names), "interaction": json::interaction(&interaction, &names)}), &text)
            }
            Command::Cancel { id, by, at } => {
                let by = Initiator::parse(&by).map_err(invalid)?;
                let when = match at.as_deref() {
                    Some(raw) => parse_when("at", raw, &ctx.now).map_err(invalid)?.timestamp(),
                    None => ctx.now.timestamp(),
                };
                let outcome = match by {
                    Initiator::Me => Outcome::CancelledByMe,
                    Initiator::Them => Outcome::CancelledByThem,
                };
                let (plan, names) = settle(ctx, &id, outcome, Some(when)).await?;
                let notice = plan.notice().map(notice_words).unwrap_or_default();
                let text = match by {
                    Initiator::Me => format!(
                        "cancelled {notice}. Saying no is allowed; kith keeps how close to the start it was"
                    ),
                    Initiator::Them => format!("noted: they cancelled {notice}"),
                };
                ctx.print(&json::plan(&plan, &names), &text)
            }
            Command::Missed { id } => {
                let (plan, names) = settle(ctx, &id, Outcome::NoShow, None).await?;
                ctx.print(
                    &json::plan(&plan, &names),
                    "noted as missed. It happens; kith keeps it so patterns can show",
                )
            }
            Command::Moved { id, to } => {
                let new_start = parse_when_leaning("to", &to, &ctx.now, Lean::Future).map_err(invalid)?;
                let now = ctx.now.timestamp();
                let mut tx = ctx.begin(Access::Write).await?;
                let mut old = pending(resolve::plan(&mut tx, &id).await?)?;
                let new = old.reschedule(
                    PlanId::from_random_bytes(random_bytes()),
                    Moment::from_zoned(&new_start),
                    now,
                );
                tx.update_plan(&old).await?;
                tx.insert_plan(&new).await?;
                let names = json::names(&tx.people(true).await?);
                tx.commit().await?;
                let text = format!("moved to {} (new id {})", summary(&new, &names), new.id.short());
                ctx.print(
                    &json!({"moved": json::plan(&old, &names), "plan": json::plan(&new, &names)}),
                    &text,
                )
            }
        }
    }
}

/// Only a pending plan can get an outcome.
fn pending(plan: Plan) -> Result<Plan> {
    if plan.outcome == Outcome::Pending {
        Ok(plan)
    } else {
        Err(BadInput::new(format!("plan {} is already {}", plan.id.short(), plan.outcome.label()))
            .hint("only a plan that is still planned can be marked done, cancelled, missed or moved")
            .into())
    }
}

/// Gives a pending plan its outcome, at `when` or, without one, at its start.
async fn settle(
    ctx: &mut Context,
    id: &str,
    outcome: Outcome,
    when: Option<jiff::Timestamp>,
) -> Result<(Plan, json::Names)> {
    let mut tx = ctx.begin(Access::Write).await?;
    let mut plan = pending(resolve::plan(&mut tx, id).await?)?;
    plan.outcome = outcome;
    plan.outcome_at = Some(when.unwrap_or(plan.start.timestamp()));
    tx.update_plan(&plan).await?;
    let names = json::names(&tx.people(true).await?);
    tx.commit().await?;
    Ok((plan, names))
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

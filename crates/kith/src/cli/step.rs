//! `kith step`: the re-engagement ladder. Steps ordered by how hard they
//! feel, each try recorded as a prediction before and an outcome after, and the words that
//! acknowledge a step done. The rules live in `kith_core::ladder`; this module parses,
//! stores and renders.

mod attempt;
pub mod dto;

use crate::cli::config::load_settings;
use crate::cli::random_bytes;
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::resolve;
use anyhow::Result;
use kith_core::ladder::{self, Difficulty, Step, StepStatus, StepTitle};
use kith_core::{Mode, Person, StepId};
use kith_store::{Access, PlanFilter, Repo};
use serde_json::json;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a step: kith step add "Text Sam a hello" --difficulty 3 --person Sam --mode text
    Add {
        /// What the step is, in a few words
        title: String,
        /// How hard it feels now, from 0 (easy) to 10 (very hard)
        #[arg(long, value_name = "N")]
        difficulty: String,
        /// Who it is with, when it is with someone in particular
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        /// in_person (the default), voice, video, text or social
        #[arg(long)]
        mode: Option<String>,
    },
    /// The ladder, easiest first, with the next step suggested
    List {
        /// Show steps set aside too
        #[arg(long)]
        all: bool,
    },
    /// Try a step: first the prediction (--anxiety), afterwards the outcome (--felt-anxiety
    /// or --not-this-time); asks on a terminal when run without flags
    Try(attempt::Args),
    /// Add a starter set of small steps; steps about someone take the people you name
    Starter {
        /// Someone you trust, for the steps about someone (repeatable; taken in turn)
        #[arg(long, value_name = "NAME")]
        person: Vec<String>,
    },
    /// Change a step: how hard it feels now, its title, person or mode
    Edit {
        id: String,
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// How hard it feels now, from 0 (easy) to 10 (very hard)
        #[arg(long, value_name = "N")]
        difficulty: Option<String>,
        /// Who it is with; `none` for nobody in particular
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        #[arg(long)]
        mode: Option<String>,
    },
    /// Take a step off the ladder for now (its history stays), or put it back with --undo
    SetAside {
        id: String,
        #[arg(long)]
        undo: bool,
    },
    /// Predicted against actual, for steps and for plans with a prediction: how often it
    /// went better than you expected
    Report,
}

impl Command {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Command::Add { title, difficulty, person, mode } => {
                add(ctx, &title, &difficulty, person, mode).await
            }
            Command::List { all } => list(ctx, all).await,
            Command::Try(args) => args.run(ctx).await,
            Command::Starter { person } => starter(ctx, &person).await,
            Command::Edit { id, title, difficulty, person, mode } => {
                edit(ctx, &id, title, difficulty, person, mode).await
            }
            Command::SetAside { id, undo } => set_aside(ctx, &id, undo).await,
            Command::Report => report(ctx).await,
        }
    }
}

async fn add(
    ctx: &mut Context,
    title: &str,
    difficulty: &str,
    person: Option<String>,
    mode: Option<String>,
) -> Result<()> {
    let title = StepTitle::parse(title).map_err(invalid)?;
    let difficulty = Difficulty::parse(difficulty).map_err(invalid)?;
    let mode = mode.as_deref().map(Mode::parse).transpose().map_err(invalid)?.unwrap_or(Mode::InPerson);
    let created_at = ctx.now.timestamp();
    let mut tx = ctx.begin(Access::Write).await?;
    let who = match person.as_deref() {
        Some(name) => Some(resolve::person(&mut tx, name, None).await?),
        None => None,
    };
    let id = StepId::from_random_bytes(random_bytes());
    let step = Step::new(id, title, who.as_ref().map(|p| p.id), mode, difficulty, created_at);
    tx.insert_step(&step).await?;
    let people = tx.people(true).await?;
    tx.commit().await?;
    let names = crate::json::names(&people);
    let text =
        format!("added step {} \"{}\" (difficulty {})", step.id.short(), step.title, step.difficulty.get());
    ctx.print(&dto::step(&step, &names), &text)
}

async fn list(ctx: &mut Context, all: bool) -> Result<()> {
    let settings = load_settings()?;
    let mut tx = ctx.begin(Access::Read).await?;
    let (steps, attempts, people) = (tx.steps().await?, tx.attempts(None).await?, tx.people(true).await?);
    drop(tx);
    let mut l = ladder::ladder(&steps, &attempts, &settings.ladder);
    if !all {
        l.steps.retain(|p| p.step.status == StepStatus::Active);
    }
    let names = crate::json::names(&people);
    ctx.print(&dto::ladder(&l, &names), &dto::ladder_text(&l, &names))
}

async fn starter(ctx: &mut Context, names: &[String]) -> Result<()> {
    let created_at = ctx.now.timestamp();
    let mut tx = ctx.begin(Access::Write).await?;
    let mut people: Vec<Person> = Vec::new();
    for name in names {
        let p = resolve::person(&mut tx, name, None).await?;
        if !people.iter().any(|q| q.id == p.id) {
            people.push(p);
        }
    }
    let steps = ladder::starter_steps(&people, created_at, random_bytes);
    for s in &steps {
        tx.insert_step(s).await?;
    }
    let everyone = tx.people(true).await?;
    tx.commit().await?;
    let names = crate::json::names(&everyone);
    let mut text = format!("added {} starter steps, easiest first:\n", steps.len());
    for s in &steps {
        text.push_str(&format!("  {}  {:>2}  {}\n", s.id.short(), s.difficulty.get(), s.title));
    }
    if people.is_empty() {
        text.push_str(
            "Edit them to fit your people: `kith step starter --person NAME` names someone you trust.",
        );
    } else {
        text.push_str("Start with the first one whenever you are ready: kith step try ID");
    }
    ctx.print(&json!({"steps": steps.iter().map(|s| dto::step(s, &names)).collect::<Vec<_>>()}), &text)
}

async fn edit(
    ctx: &mut Context,
    id: &str,
    title: Option<String>,
    difficulty: Option<String>,
    person: Option<String>,
    mode: Option<String>,
) -> Result<()> {
    if title.is_none() && difficulty.is_none() && person.is_none() && mode.is_none() {
        return Err(BadInput::new("nothing to change")
            .hint("give --difficulty N, --title TEXT, --person NAME|none or --mode MODE")
            .into());
    }
    let title = title.as_deref().map(StepTitle::parse).transpose().map_err(invalid)?;
    let difficulty = difficulty.as_deref().map(Difficulty::parse).transpose().map_err(invalid)?;
    let mode = mode.as_deref().map(Mode::parse).transpose().map_err(invalid)?;
    let mut tx = ctx.begin(Access::Write).await?;
    let mut step = resolve_step(&mut tx, id).await?;
    let before = step.difficulty;
    if let Some(name) = person.as_deref() {
        step.person = match name.trim().to_lowercase().as_str() {
            "none" | "" => None,
            _ => Some(resolve::person(&mut tx, name, None).await?.id),
        };
    }
    step.title = title.unwrap_or(step.title);
    step.difficulty = difficulty.unwrap_or(step.difficulty);
    step.mode = mode.unwrap_or(step.mode);
    tx.update_step(&step).await?;
    let people = tx.people(true).await?;
    tx.commit().await?;
    let mut text = format!("changed \"{}\"", step.title);
    if step.difficulty < before {
        text.push_str(&format!(
            "; it feels easier now ({} instead of {}), which is progress too",
            step.difficulty.get(),
            before.get()
        ));
    }
    ctx.print(&dto::step(&step, &crate::json::names(&people)), &text)
}

async fn set_aside(ctx: &mut Context, id: &str, undo: bool) -> Result<()> {
    let now = ctx.now.timestamp();
    let mut tx = ctx.begin(Access::Write).await?;
    let mut step = resolve_step(&mut tx, id).await?;
    (step.status, step.set_aside_at) =
        if undo { (StepStatus::Active, None) } else { (StepStatus::SetAside, Some(now)) };
    tx.update_step(&step).await?;
    let people = tx.people(true).await?;
    tx.commit().await?;
    let text = if undo {
        format!("\"{}\" is back on your ladder", step.title)
    } else {
        format!("set \"{}\" aside for now; its history stays, and --undo puts it back", step.title)
    };
    ctx.print(&dto::step(&step, &crate::json::names(&people)), &text)
}

async fn report(ctx: &mut Context) -> Result<()> {
    let mut tx = ctx.begin(Access::Read).await?;
    let (steps, attempts, people) = (tx.steps().await?, tx.attempts(None).await?, tx.people(true).await?);
    let predictions = tx.plan_predictions(None).await?;
    let plans = if predictions.is_empty() { Vec::new() } else { tx.plans(&PlanFilter::default()).await? };
    drop(tx);
    let r = ladder::prediction_report_with_plans(&steps, &attempts, &plans, &predictions);
    let names = crate::json::names(&people);
    ctx.print(&dto::prediction_report(&r, &names), &dto::prediction_text(&r, &names))
}

pub use crate::resolve::step as resolve_step;

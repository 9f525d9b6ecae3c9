//! The commands that give back insight: `today`, `map`, `score`, `signals`, `report`. Each
//! reads the history in one read transaction and hands it, with the settings and "now", to
//! a pure rule in kith-core; this module only renders.

mod chart;
mod render;

use crate::cli::config::load_settings;
use crate::context::Context;
use anyhow::Result;
use kith_core::insights::report::Period;
use kith_core::settings::Settings;
use kith_core::{CheckIn, History, Interaction, Person, Plan};
use kith_store::{Access, InteractionFilter, PlanFilter, Repo};

/// Everything the rules read.
pub struct Loaded {
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
    pub settings: Settings,
}

impl Loaded {
    pub fn history(&self) -> History<'_> {
        History::new(&self.people, &self.interactions, &self.plans, &self.checkins)
    }
}

/// Reads everything in one read transaction, so every rule sees the same moment.
pub async fn load(ctx: &mut Context) -> Result<Loaded> {
    let settings = load_settings()?;
    let mut tx = ctx.begin(Access::Read).await?;
    let people = tx.people(true).await?;
    let interactions = tx.interactions(&InteractionFilter::default()).await?;
    let plans = tx.plans(&PlanFilter::default()).await?;
    let checkins = tx.checkins(None).await?;
    drop(tx);
    Ok(Loaded { people, interactions, plans, checkins, settings })
}

pub async fn today(ctx: &mut Context) -> Result<()> {
    let data = load(ctx).await?;
    let today = kith_core::today_summary(&data.history(), &data.settings, &ctx.now);
    ctx.print(&serde_json::to_value(&today)?, &render::today(&today, &ctx.now))
}

pub async fn map(ctx: &mut Context) -> Result<()> {
    let data = load(ctx).await?;
    let map = kith_core::connection_map(&data.history(), &data.settings.map, &ctx.now);
    ctx.print(&serde_json::to_value(&map)?, &render::map(&map, &data.settings.map))
}

pub async fn score(ctx: &mut Context) -> Result<()> {
    let data = load(ctx).await?;
    let score = kith_core::connection_score(&data.history(), &data.settings.score, &ctx.now);
    ctx.print(&serde_json::to_value(&score)?, &render::score(&score))
}

pub async fn signals(ctx: &mut Context) -> Result<()> {
    let data = load(ctx).await?;
    let report = kith_core::signal_report(&data.history(), &data.settings, &ctx.now);
    ctx.print(&serde_json::to_value(&report)?, &render::signals(&report))
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The last 7 days against the 7 before (the default)
    #[arg(long, conflicts_with = "month")]
    week: bool,
    /// The last 30 days against the 30 before
    #[arg(long)]
    month: bool,
}

impl ReportArgs {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let period = if self.month { Period::Month } else { Period::Week };
        let data = load(ctx).await?;
        let report = kith_core::report(&data.history(), &data.settings, period, &ctx.now);
        ctx.print(&serde_json::to_value(&report)?, &render::report(&report))
    }
}

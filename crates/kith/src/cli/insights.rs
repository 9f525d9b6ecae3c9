//! The commands that give back insight: `today`, `map`, `score`, `signals`, `report`. Each
//! reads the history in one read transaction and hands it, with the settings and "now", to
//! a pure rule in kith-core; this module only renders.

mod chart;
mod render;

use crate::cli::config::load_settings;
use crate::context::Context;
use anyhow::Result;
use kith_core::insights::report::Period;
use kith_core::ladder::{Attempt, Step};
use kith_core::settings::Settings;
use kith_store::{Access, Loaded, Repo, load_history};

/// The settings in force and what the rules read, in one read transaction, so every rule
/// sees the same moment.
pub async fn load(ctx: &mut Context) -> Result<(Settings, Loaded)> {
    let settings = load_settings()?;
    let now = ctx.now.clone();
    let mut tx = ctx.begin(Access::Read).await?;
    let loaded = load_history(&mut tx, &settings, &now).await?;
    Ok((settings, loaded))
}

/// As [`load`], with the ladder's steps and tries, which the withdrawal signals also read
/// (`steps_abandoned`).
pub async fn load_with_ladder(ctx: &mut Context) -> Result<(Settings, Loaded, Vec<Step>, Vec<Attempt>)> {
    let settings = load_settings()?;
    let now = ctx.now.clone();
    let mut tx = ctx.begin(Access::Read).await?;
    let loaded = load_history(&mut tx, &settings, &now).await?;
    let (steps, attempts) = (tx.steps().await?, tx.attempts(None).await?);
    Ok((settings, loaded, steps, attempts))
}

pub async fn today(ctx: &mut Context) -> Result<()> {
    let (settings, data, steps, attempts) = load_with_ladder(ctx).await?;
    let today = kith_core::today_summary(&data.history().with_ladder(&steps, &attempts), &settings, &ctx.now);
    ctx.print(&serde_json::to_value(&today)?, &render::today(&today, &ctx.now))
}

pub async fn map(ctx: &mut Context) -> Result<()> {
    let (settings, data) = load(ctx).await?;
    let map = kith_core::connection_map(&data.history(), &settings.map, &ctx.now);
    ctx.print(&serde_json::to_value(&map)?, &render::map(&map, &settings.map))
}

pub async fn score(ctx: &mut Context) -> Result<()> {
    let (settings, data) = load(ctx).await?;
    let score = kith_core::connection_score(&data.history(), &settings.score, &ctx.now);
    ctx.print(&serde_json::to_value(&score)?, &render::score(&score))
}

pub async fn signals(ctx: &mut Context) -> Result<()> {
    let (settings, data, steps, attempts) = load_with_ladder(ctx).await?;
    let report =
        kith_core::signal_report(&data.history().with_ladder(&steps, &attempts), &settings, &ctx.now);
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
        let (settings, data) = load(ctx).await?;
        let report = kith_core::report(&data.history(), &settings, period, &ctx.now);
        ctx.print(&serde_json::to_value(&report)?, &render::report(&report))
    }
}

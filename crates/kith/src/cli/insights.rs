//! The commands that give back insight: `today`, `map`, `score`, `signals`, `report`. Each
//! reads the history in one read transaction and hands it, with the settings and "now", to
//! a pure rule in kith-core; this module only renders.

mod chart;
mod render;

use crate::cli::config::load_settings;
use crate::context::Context;
use crate::exit::invalid;
use anyhow::Result;
use kith_core::insights::report::Period;
use kith_core::settings::Settings;
use kith_core::{NotNow, SuggestionKind, not_now_until};
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

/// No people and no interactions at all: a first run, which `kith today` greets. `loaded`
/// holds a recent window of interactions; the first interaction of all covers older ones.
fn is_empty(loaded: &Loaded) -> bool {
    loaded.people.is_empty() && loaded.interactions.is_empty() && loaded.earlier.first_interaction.is_none()
}

#[derive(Debug, Default, clap::Args)]
pub struct TodayArgs {
    /// Hide a kind of suggestion for a while (`suggestions.not_now_days`, 7), then show
    /// today without it: together_and_restful, shared_activity, call_instead_of_text,
    /// give_support, join_a_group, balance_drain, instead_of_cancelling
    #[arg(long, value_name = "KIND")]
    not_now: Option<String>,
    /// With --not-now: hide it for this many days instead, today included
    #[arg(long, value_name = "N", requires = "not_now", value_parser = clap::value_parser!(u32).range(1..=365))]
    days: Option<u32>,
}

impl TodayArgs {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        if let Some(kind) = &self.not_now {
            let kind = SuggestionKind::parse(kind)
                .map_err(|e| invalid(kith_core::Invalid { field: "not-now", ..e }))?;
            let settings = load_settings()?;
            let days = self.days.unwrap_or(settings.suggestions.not_now_days);
            let until = not_now_until(settings.day.starts_at.today(&ctx.now), days);
            let mut tx = ctx.begin(Access::Write).await?;
            tx.set_not_now(NotNow { kind, until }).await?;
            tx.commit().await?;
            if !ctx.json {
                println!(
                    "Not now: no {} suggestions until after {until}.\n",
                    kind.as_str().replace('_', " ")
                );
            }
        }
        let (settings, data) = load(ctx).await?;
        let today = kith_core::today_summary(&data.history(), &settings, &ctx.now);
        let welcome = is_empty(&data);
        let mut json = serde_json::to_value(&today)?;
        if let Some(fields) = json.as_object_mut() {
            fields.insert("welcome".into(), welcome.into());
        }
        let mut text = if welcome { render::welcome() } else { String::new() };
        text.push_str(&render::today(&today, &ctx.now));
        ctx.print(&json, &text)
    }
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
    let (settings, data) = load(ctx).await?;
    let report = kith_core::signal_report(&data.history(), &settings, &ctx.now);
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

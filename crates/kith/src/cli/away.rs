//! `kith away`: days marked as away (a holiday, an illness, a stay in hospital). The insight
//! rules leave these days out, so coming back from three weeks abroad never reads as three
//! weeks of withdrawal.

use crate::cli::random_bytes;
use crate::context::Context;
use crate::exit::invalid;
use crate::{json, resolve};
use anyhow::Result;
use kith_store::{Access, Repo};
use serde_json::json;
use std::fmt::Write as _;

/// The forms a day flag takes, for `--help`.
const DAY_HELP: &str = "A day: YYYY-MM-DD, \"today\", \"yesterday\", \"tomorrow\", a weekday such as \
\"friday\" (the last one), or a shift from today such as -3d or +1w. A time given with it is ignored.";

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Mark days as away: kith away add --from 2026-08-01 --to 2026-08-12 --note "Lisbon"
    Add {
        /// The first day away
        #[arg(long, value_name = "DATE", allow_hyphen_values = true, long_help = DAY_HELP)]
        from: String,
        /// The last day away (included); at most a year after --from
        #[arg(long, value_name = "DATE", allow_hyphen_values = true, long_help = DAY_HELP)]
        to: String,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Days marked as away, with the short ids `kith away remove` takes
    List,
    /// Count these days again: removes the span with this id (a unique prefix of at least 4 characters)
    Remove { id: String },
}

impl Command {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Command::Add { from, to, note } => {
                let away = kith_app::away::read(
                    Some(&from),
                    Some(&to),
                    note.as_deref(),
                    &ctx.now,
                    &mut random_bytes,
                )
                .map_err(|problems| {
                    problems
                        .into_iter()
                        .next()
                        .map(invalid)
                        .unwrap_or_else(|| anyhow::anyhow!("no days were given"))
                })?;
                let mut tx = ctx.begin(Access::Write).await?;
                kith_app::away::add(&mut tx, &away).await.map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                let text = format!("{} ({})", json::away_marked(&away, ctx.now.date()), away.id.short());
                ctx.print(&json::away(&away), &text)
            }
            Command::List => {
                let mut tx = ctx.begin(Access::Read).await?;
                let spans = tx.away(None).await?;
                drop(tx);
                let today = ctx.now.date();
                let mut text = String::new();
                for a in &spans {
                    let note = a.note.as_ref().map(|n| format!("  {}", n.as_str())).unwrap_or_default();
                    let _ = writeln!(
                        text,
                        "{}  {:<9} {}{note}",
                        a.id.short(),
                        json::days_words(a.days()),
                        json::away_dates(a, today)
                    );
                }
                if spans.is_empty() {
                    text = "no days marked away: kith away add --from DATE --to DATE".into();
                }
                let list: Vec<_> = spans.iter().map(json::away).collect();
                ctx.print(&json!({ "away": list }), text.trim_end())
            }
            Command::Remove { id } => {
                let mut tx = ctx.begin(Access::Write).await?;
                let away =
                    kith_app::away::remove(&mut tx, &id).await.map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                let text = format!(
                    "removed {} away ({}): kith counts these days again",
                    json::days_words(away.days()),
                    json::away_dates(&away, ctx.now.date())
                );
                ctx.print(&json!({ "removed": json::away(&away) }), &text)
            }
        }
    }
}

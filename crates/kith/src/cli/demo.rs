//! `kith demo`: a realistic generated year, so a newcomer sees a real picture at once.

use crate::cli::transfer::insert_all;
use crate::context::{Context, data_dir};
use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use kith_core::demo::{DemoData, demo_year, heavy_use};
use kith_store::{Access, Location, Repo};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The seed of the generator: the same seed and --now give the same data
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Ten years of heavy use instead (200 people, 50,000 interactions, 5,000 plans,
    /// 3,650 check-ins), as the benchmarks use
    #[arg(long)]
    heavy: bool,
}

impl Args {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.explicit_db {
            // Without --db the demo gets a file of its own, never the person's real data.
            let path = data_dir()?.join("demo.db");
            for suffix in ["", "-wal", "-shm"] {
                let file = format!("{}{suffix}", path.display());
                match std::fs::remove_file(&file) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(e)
                            .with_context(|| format!("could not replace the old demo database {file}"));
                    }
                    _ => {}
                }
            }
            ctx.location = Location::Sqlite(path);
        }
        let data: DemoData = if self.heavy {
            heavy_use(self.seed, &ctx.now, 200, 50_000, 5_000, 3_650)
        } else {
            demo_year(self.seed, &ctx.now)
        };
        let location = ctx.location.to_string();
        let mut tx = ctx.begin(Access::Write).await?;
        let existing = tx.counts().await?;
        if !existing.is_empty() {
            return Err(BadInput::new(format!("{location} already holds data"))
                .hint("the demo fills only an empty database: give --db a new file name, or leave --db out to use the demo's own file")
                .into());
        }
        insert_all(
            &mut tx,
            &data.people,
            &Default::default(),
            &data.plans,
            &data.interactions,
            &data.checkins,
        )
        .await?;
        tx.commit().await?;
        let db_arg = if location.contains(' ') { format!("\"{location}\"") } else { location.clone() };
        let text = format!(
            "made a demo year in {location}: {} people, {} interactions, {} plans, {} check-ins.\n\
             Look around with, for example:\n  kith --db {db_arg} map\n  kith --db {db_arg} signals\n  kith --db {db_arg} report --month\n  kith --db {db_arg} history --since -7d",
            data.people.len(),
            data.interactions.len(),
            data.plans.len(),
            data.checkins.len()
        );
        ctx.print(
            &json!({"db": location, "people": data.people.len(), "interactions": data.interactions.len(), "plans": data.plans.len(), "checkins": data.checkins.len()}),
            &text,
        )?;
        if ctx.json {
            return Ok(());
        }
        // Show the newcomer the picture straight away.
        println!("\nThis is what `kith today` shows for the demo person:\n");
        crate::cli::insights::TodayArgs::default().run(ctx).await
    }
}

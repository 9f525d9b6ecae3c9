//! `kith serve`: the web app on this computer. Wiring only; the app is in kith-web.

use crate::cli::transfer::insert_all;
use crate::context::Context;
use crate::exit::{BadInput, Failure};
use anyhow::{Context as _, Result};
use kith_store::{Access, Location};
use kith_web::{AppState, Clock, Config};
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on
    #[arg(long, default_value = "127.0.0.1:7070", value_name = "IP:PORT")]
    addr: String,
    /// Serve a fresh temporary database filled with a generated demo year (your data is not touched)
    #[arg(long)]
    demo: bool,
    /// Allow an address other computers can reach. kith has no accounts yet: anyone who
    /// can reach the port can read and change everything
    #[arg(long)]
    allow_remote: bool,
    /// The longest a client may take to send a request's headers, in seconds
    #[arg(long, default_value_t = 10, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// The longest wait for the next piece of a request's body (an upload), in seconds
    #[arg(long, default_value_t = 15, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    body_timeout: u64,
    /// How many uploads may arrive at once; more are asked to try again shortly (429)
    #[arg(long, default_value_t = kith_web::upload::MAX_RECEIVING, value_name = "N", value_parser = at_least_one)]
    max_uploads: usize,
}

fn at_least_one(raw: &str) -> Result<usize, String> {
    raw.parse().ok().filter(|n| *n >= 1).ok_or_else(|| format!("{raw:?} is not a whole number of at least 1"))
}

impl Args {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let addr: SocketAddr = self.addr.parse().map_err(|_| {
            BadInput::new(format!("invalid --addr {:?}: expected an IP address and a port", self.addr))
                .hint("for example --addr 127.0.0.1:7070")
        })?;
        kith_web::check_addr(addr, self.allow_remote).map_err(|message| {
            BadInput::new(message).hint(
                "serve on 127.0.0.1 (the default), or add --allow-remote if you trust everyone on that network",
            )
        })?;
        let clock = if ctx.fixed_now {
            Clock::Fixed(ctx.now.clone())
        } else {
            Clock::System(ctx.now.time_zone().clone())
        };
        let started = std::time::SystemTime::now();
        // Installed before anything else, so a stop asked for while starting is not lost.
        let stop = kith_web::stop_signal();
        let demo_dir = if self.demo { Some(make_demo(ctx).await?) } else { None };
        let settings_path = match &demo_dir {
            Some(dir) => dir.join("settings.toml"),
            None => kith_store::settings_file::path()?,
        };
        check_integrity(ctx).await?;
        let location = ctx.location.clone();
        if let Some(store) = ctx.take_store() {
            store.close().await?;
        }
        let state = AppState::open(Config {
            location: location.clone(),
            settings_path,
            clock,
            allow_remote: self.allow_remote,
        })
        .await
        .with_context(|| format!("could not open the database {location}"))?;
        state.set_max_uploads(self.max_uploads);
        let swept = state.uploads().sweep_left_behind(started);
        if swept > 0 {
            eprintln!(
                "notice: deleted {swept} upload folder(s) that a kith serve which was stopped abruptly left behind"
            );
        }
        let limits = kith_web::Limits {
            header_timeout: Duration::from_secs(self.header_timeout),
            body_timeout: Duration::from_secs(self.body_timeout),
        };
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("could not serve on {addr}"))?;
        let what = if self.demo { "the demo year" } else { "your data" };
        println!("kith is serving {what} on http://{addr}/ (Ctrl-C to stop)");
        kith_web::serve_until(state, listener, limits, stop).await;
        if let Some(dir) = demo_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        eprintln!("kith stopped");
        Ok(())
    }
}

/// Refuses to serve a database that fails SQLite's quick check: serving it would show
/// wrong answers and write more onto damaged pages.
async fn check_integrity(ctx: &mut Context) -> Result<()> {
    let problems = match ctx.store().await?.quick_check().await {
        Ok(problems) => problems,
        Err(e) => match e.damage_detail() {
            Some(detail) => vec![detail.to_owned()],
            None => return Err(e.into()),
        },
    };
    if problems == ["ok"] {
        return Ok(());
    }
    let first = problems.first().map_or("", String::as_str);
    Err(anyhow::Error::new(
        Failure::new(format!(
            "not serving {}: the database failed its check ({} problem(s), the first: {first})",
            ctx.location,
            problems.len()
        ))
        .hint(crate::exit::DAMAGED_HINT),
    ))
}

/// A fresh folder (owner-only) with a demo database, which the server then uses.
async fn make_demo(ctx: &mut Context) -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("kith-demo-{}", uuid::Uuid::new_v4().simple()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).with_context(|| format!("could not create {}", dir.display()))?;
    ctx.location = Location::Sqlite(dir.join("demo.db"));
    let data = kith_core::demo_year(7, &ctx.now);
    let mut tx = ctx.begin(Access::Write).await?;
    insert_all(&mut tx, &data.people, &Default::default(), &data.plans, &data.interactions, &data.checkins)
        .await?;
    tx.commit().await?;
    Ok(dir)
}

//! The command line: global options and one module per group of commands.

mod away;
mod checkin;
mod config;
mod demo;
mod history;
mod import;
mod insights;
mod log;
mod output;
mod person;
mod plan;
mod serve;
mod step;
mod thought;
mod transfer;

use crate::context::Context;
use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};

/// kith: keep up the connections that matter to you, and notice early when you pull away.
///
/// Log who you spent time with and how it felt, plans and what became of them, and a short
/// daily check-in. Everything stays in one file on your computer.
#[derive(Debug, Parser)]
#[command(name = "kith", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The database: a SQLite file path, or a postgres:// URL [default: $XDG_DATA_HOME/kith/kith.db]
    #[arg(long, global = true, env = "KITH_DB", value_name = "PATH|URL", hide_env_values = true)]
    db: Option<String>,
    /// Fix "now" for reproducible output, as RFC 3339 (2026-11-23T09:00:00Z)
    #[arg(long, global = true, env = "KITH_NOW", value_name = "RFC3339")]
    now: Option<String>,
    /// Your time zone, as an IANA name such as Europe/London [default: the system zone]
    #[arg(long, global = true, env = "KITH_TZ", value_name = "IANA_NAME")]
    tz: Option<String>,
    /// Print results as JSON (field names documented in docs/cli-json.md)
    #[arg(long, global = true)]
    json: bool,
    /// Log more to stderr: -v info, -vv debug, -vvv trace (otherwise KITH_LOG, an EnvFilter string such as warn,kith_web=debug)
    #[arg(short = 'v', long = "verbose", global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Today: one a day, who to reach out to, plans, ideas, capacity, signals
    Today(insights::TodayArgs),
    /// The connection map: who lifts you and who drains you, how often
    Map,
    /// The weekly connection score: this week, last week and the trend
    Score,
    /// Withdrawal signals against your own usual weeks, with their evidence
    Signals,
    /// A week or month in review, against the one before
    Report(insights::ReportArgs),
    /// Quiet reach-out suggestions about someone for a while, without guilt
    Snooze(person::SnoozeArgs),
    /// The numbers behind the insights, and your support contacts
    #[command(subcommand)]
    Config(config::Command),
    /// Add, list, show, edit, archive and merge people
    #[command(subcommand)]
    Person(person::Command),
    /// Log an interaction: kith log Sam --mode voice --minutes 20 --felt +1
    Log(log::Args),
    /// Plans and what became of them
    #[command(subcommand)]
    Plan(plan::Command),
    /// Today's check-in: mood and social battery, then energy, stress and more if you like (asks when run without flags)
    Checkin(checkin::Args),
    /// Days away (a holiday, an illness): kith leaves them out of signals, one a day and reach-out
    #[command(subcommand)]
    Away(away::Command),
    /// What happened, newest last
    History(history::Args),
    /// Small steps back: the ladder, each try predicted and checked
    #[command(subcommand)]
    Step(step::Command),
    /// Thought records: a thought, the evidence, a kinder way to see it
    #[command(subcommand)]
    Thought(thought::Command),
    /// The emotion words, by energy and pleasantness, with what each means
    Emotions {
        /// Instead: which people, modes and activities go with pleasant feelings afterwards
        #[arg(long)]
        report: bool,
    },
    /// Everything as one JSON document on stdout (docs/export.md); or plans as ics, people as vcf, interactions as csv
    Export(transfer::ExportArgs),
    /// Bring in a calendar, contacts, or a chat or call export (docs/import.md)
    Import(import::Args),
    /// Restore a document written by `kith export`
    ImportJson(transfer::ImportArgs),
    /// Fill a database with a realistic generated year, to try kith out
    Demo(demo::Args),
    /// The web app on this computer: kith serve --demo to try it on a generated year
    Serve(serve::Args),
    /// Look after the database itself
    #[command(subcommand)]
    Db(DbCommand),
    /// Print shell completions: kith completions bash > ~/.local/share/bash-completion/completions/kith
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
enum DbCommand {
    /// Check the database's consistency; prints ok when all is well
    Check,
    /// Apply migrations with full checksum checks (kith also migrates on its own when needed)
    Migrate,
}

impl Cli {
    /// How many times `-v` was given.
    pub fn verbose(&self) -> u8 {
        self.verbose
    }

    /// Whether the command is the server, which wants a runtime with worker threads.
    pub fn is_server(&self) -> bool {
        matches!(self.command, Command::Serve(_))
    }
}

pub async fn run(cli: Cli) -> Result<()> {
    if let Command::Completions { shell } = cli.command {
        clap_complete::generate(shell, &mut Cli::command(), "kith", &mut std::io::stdout());
        return Ok(());
    }
    let mut ctx = Context::new(cli.db, cli.now, cli.tz, cli.json)?;
    match cli.command {
        Command::Today(args) => args.run(&mut ctx).await?,
        Command::Map => insights::map(&mut ctx).await?,
        Command::Score => insights::score(&mut ctx).await?,
        Command::Signals => insights::signals(&mut ctx).await?,
        Command::Report(args) => args.run(&mut ctx).await?,
        Command::Snooze(args) => args.run(&mut ctx).await?,
        Command::Config(cmd) => cmd.run(&ctx)?,
        Command::Person(cmd) => cmd.run(&mut ctx).await?,
        Command::Log(args) => args.run(&mut ctx).await?,
        Command::Plan(cmd) => cmd.run(&mut ctx).await?,
        Command::Checkin(args) => args.run(&mut ctx).await?,
        Command::Away(cmd) => cmd.run(&mut ctx).await?,
        Command::History(args) => args.run(&mut ctx).await?,
        Command::Step(cmd) => cmd.run(&mut ctx).await?,
        Command::Thought(cmd) => cmd.run(&mut ctx).await?,
        Command::Emotions { report: false } => thought::emotions(&ctx)?,
        Command::Emotions { report: true } => thought::feelings_report(&mut ctx).await?,
        Command::Export(args) => args.run(&mut ctx).await?,
        Command::Import(args) => args.run(&mut ctx).await?,
        Command::ImportJson(args) => args.run(&mut ctx).await?,
        Command::Demo(args) => args.run(&mut ctx).await?,
        Command::Serve(args) => args.run(&mut ctx).await?,
        Command::Db(DbCommand::Check) => db_check(&mut ctx).await?,
        Command::Db(DbCommand::Migrate) => {
            let store = ctx.store().await?;
            store.migrate().await?;
            let version = store.schema_version().await?;
            ctx.print(
                &serde_json::json!({"schema_version": version}),
                &format!("the schema is at version {version}"),
            )?;
        }
        Command::Completions { .. } => {}
    }
    ctx.close().await
}

/// `kith db check`: SQLite's integrity check, or what kept the file from opening at all.
async fn db_check(ctx: &mut Context) -> Result<()> {
    let checked = match ctx.store().await {
        Ok(store) => store.integrity_check().await.map_err(anyhow::Error::from),
        Err(e) => Err(e),
    };
    let lines = match checked {
        Ok(lines) => lines,
        Err(e) => {
            let store = e.chain().find_map(|c| c.downcast_ref::<kith_store::StoreError>());
            match store.and_then(|s| s.damage_detail()) {
                Some(detail) => vec![detail.to_owned()],
                None => return Err(e),
            }
        }
    };
    let ok = lines == ["ok"];
    ctx.print(
        &serde_json::json!({"ok": ok, "problems": if ok { Vec::new() } else { lines.clone() }}),
        &lines.join("\n"),
    )?;
    if !ok {
        return Err(anyhow::Error::new(
            crate::exit::Failure::new(format!("the database {} has problems (listed above)", ctx.location))
                .hint(crate::exit::RESTORE_HINT),
        ));
    }
    Ok(())
}

pub use kith_core::id::random_bytes;

/// Whether to go ahead with something that cannot be undone: yes with `--yes`; otherwise
/// `question` is asked on a terminal, and without one the command stops (exit 2) with
/// `with_yes`, the command that would do it, as the hint.
pub fn confirm(yes: bool, question: &str, with_yes: &str) -> Result<bool> {
    use std::io::IsTerminal;
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(crate::exit::BadInput::new(format!("{question} Nothing was changed"))
            .hint(format!("add --yes to go ahead: {with_yes}"))
            .into());
    }
    ask_yes_no(&format!("{question} [y/N]"))
}

/// Asks a yes-or-no question on the terminal; anything but y or yes is no.
pub fn ask_yes_no(question: &str) -> Result<bool> {
    use std::io::{BufRead, Write};
    eprint!("{question} ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// Parses an optional flag value with a domain parser, naming the flag on failure.
pub fn parse_opt<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<T, kith_core::Invalid>,
) -> Result<Option<T>> {
    raw.map(|r| parse(r).map_err(crate::exit::invalid)).transpose()
}

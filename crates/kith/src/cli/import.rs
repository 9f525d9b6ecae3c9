//! `kith import FORMAT FILE`: a calendar, contacts, or a chat or call export, matched to the
//! people already in kith and written in one transaction (docs/import.md). `--dry-run`
//! does all the same work and rolls it back. The matching and writing is kith-ingest's, shared
//! with the web app's upload; this module reads the flags, shows progress and reports.

mod progress;

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use kith_import::ImportError;
use kith_import::whatsapp::DateOrder;
use kith_ingest::{Format, IngestError, Options, Report};
use kith_store::Access;
use std::path::PathBuf;

/// The formats `kith import` reads, named and described as kith-ingest names them.
fn formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let names = Format::ALL.map(|f| PossibleValue::new(f.as_str()).help(f.label()));
    PossibleValuesParser::new(names).try_map(|name| Format::parse(&name).ok_or("not a format kith imports"))
}

/// `--date-order` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrderArg {
    /// 31/12/2026
    Dmy,
    /// 12/31/2026
    Mdy,
    /// 2026/12/31
    Ymd,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What kind of file it is
    #[arg(value_parser = formats())]
    format: Format,
    /// The file to import
    file: PathBuf,
    /// Show what would be created, matched, merged and skipped, and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Match a name in the file to a person in kith: --map "Chat Name=Person" (repeatable)
    #[arg(long, value_name = "NAME=PERSON")]
    map: Vec<String>,
    /// Add a person for each chat member, contact number or attendee that matches no one
    #[arg(long)]
    create_people: bool,
    /// Count calendar events that have already happened as attended (else they stay planned)
    #[arg(long)]
    assume_attended: bool,
    /// The order of day, month and year in a WhatsApp export, when the file cannot tell
    #[arg(long, value_enum, value_name = "dmy|mdy|ymd")]
    date_order: Option<DateOrderArg>,
    /// Your own name in a WhatsApp or Telegram group export, when kith cannot tell
    #[arg(long, value_name = "NAME")]
    me: Option<String>,
    /// Hours after which a message from them without a reply counts as unanswered
    #[arg(long, value_name = "HOURS", default_value_t = 48)]
    unanswered_after: u32,
}

impl Args {
    fn options(&self) -> Options {
        Options {
            format: self.format,
            map: self.map.clone(),
            create_people: self.create_people,
            assume_attended: self.assume_attended,
            date_order: self.date_order.map(|o| match o {
                DateOrderArg::Dmy => DateOrder::Dmy,
                DateOrderArg::Mdy => DateOrder::Mdy,
                DateOrderArg::Ymd => DateOrder::Ymd,
            }),
            me: self.me.clone(),
            unanswered_after: self.unanswered_after,
        }
    }

    /// Imports, or previews with `--dry-run`. A database file this command had to create is
    /// removed again when it ends up holding nothing: after a dry run or a failed import.
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let fresh = ctx.sqlite_file().filter(|p| !p.exists()).map(std::path::Path::to_path_buf);
        let result = self.import(ctx).await;
        if let Some(path) = fresh
            && (self.dry_run || result.is_err())
        {
            if let Some(store) = ctx.take_store() {
                store.close().await.ok();
            }
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut file = path.clone().into_os_string();
                file.push(suffix);
                // Gone already is as good as removed.
                std::fs::remove_file(&file).ok();
            }
        }
        result
    }

    async fn import(&self, ctx: &mut Context) -> Result<()> {
        let shown = self.file.display().to_string();
        let options = self.options();
        let now = ctx.now.clone();
        ctx.store().await?.prepare_bulk_write().await?;
        let mut tx = ctx.begin(Access::Write).await?;
        let report = kith_ingest::run(&mut tx, &options, || self.open(&shown), &now)
            .await
            .map_err(|e| self.failed(e, &shown))?;
        if self.dry_run {
            // Rolled back: the dry run did all the work of the import and keeps none of it.
            drop(tx);
        } else {
            tx.commit().await.with_context(|| format!("could not import {shown}; nothing was imported"))?;
        }
        self.report(ctx, &shown, &report)
    }

    /// An import that could not be done, in the command line's words and flags.
    fn failed(&self, e: IngestError, shown: &str) -> anyhow::Error {
        match e {
            IngestError::File { format, error } => bad_file(error, shown, format),
            IngestError::BadMap { entry } => BadInput::new(format!("invalid --map {entry:?}"))
                .hint("write --map \"Name in the file=Person in kith\", for example --map \"Mum=Anna Lee\"")
                .into(),
            IngestError::UnknownPerson { target } => {
                BadInput::new(format!("--map names {target:?}, who is not in kith"))
                    .hint("check the spelling with `kith person list`, or add them with `kith person add`")
                    .into()
            }
            IngestError::WhoIsMe { senders } => BadInput::new(format!(
                "cannot tell which sender in {shown} is you: {}",
                kith_ingest::quoted(&senders)
            ))
            .hint("name yourself with --me NAME (and the others with --map \"Name=Person\" if their names differ in kith); nothing was imported")
            .into(),
            IngestError::Open(io) => with_nothing_written(
                anyhow::Error::new(io).context(format!("could not open {shown}")),
                shown,
            ),
            IngestError::Read(io) => with_nothing_written(
                anyhow::Error::new(io).context(format!("could not read {shown}")),
                shown,
            ),
            IngestError::Store(store) => with_nothing_written(store.into(), shown),
        }
    }

    fn report(&self, ctx: &Context, shown: &str, o: &Report) -> Result<()> {
        let value = o.to_json(shown, self.dry_run);
        let verb = if self.dry_run { "would import" } else { "imported" };
        let mut text = format!(
            "{verb} {shown}: {} new people, {} people given new aliases, {} people matched; {} interactions and {} plans ({} already here)",
            o.created.len(),
            o.merged.len(),
            o.matched.len(),
            o.interactions,
            o.plans,
            o.already_present,
        );
        if o.updated > 0 {
            text.push_str(&if self.format == kith_ingest::Format::Ics {
                format!("; updated {} plans (a newer version of their event)", o.updated)
            } else {
                format!("; {} days brought up to date by a longer export", o.updated)
            });
        }
        if o.birthdays > 0 {
            text.push_str(&format!("; {} birthdays", o.birthdays));
        }
        if o.outside_window > 0 {
            text.push_str(&format!(
                "\n  {} occurrences of repeating events fall outside the last 365 days and the next 60, and were left out",
                o.outside_window
            ));
        }
        for (label, shown_names) in [("new", &o.created), ("new aliases", &o.merged)] {
            if let Some(first) = shown_names.get(..shown_names.len().min(20)).filter(|f| !f.is_empty()) {
                let more = shown_names.len() - first.len();
                let tail = if more > 0 {
                    format!(" and {more} more (--json lists them all)")
                } else {
                    String::new()
                };
                text.push_str(&format!("\n  {label}: {}{tail}", first.join(", ")));
            }
        }
        let shown_matches: Vec<String> = o.matches.iter().take(20).map(kith_ingest::Match::words).collect();
        if !shown_matches.is_empty() {
            text.push_str(&format!("\n  matched: {}", shown_matches.join(", ")));
        }
        for m in &o.merges {
            let with = m.with_record.map_or_else(|| "already in kith".to_owned(), |r| format!("record {r}"));
            text.push_str(&format!(
                "\n  merged: {shown}: record {} ({}) into {} ({with})",
                m.record, m.name, m.into
            ));
        }
        for w in &o.warnings {
            text.push_str(&format!("\nwarning: {shown}: {}: {}", w.at, w.reason));
        }
        if !o.skipped.is_empty() {
            text.push_str(&format!("\n{} skipped:", o.skipped.len()));
            for s in &o.skipped {
                text.push_str(&format!("\n  {shown}: {}: {}", s.at, s.reason));
            }
        }
        if self.dry_run {
            text.push_str("\nnothing was written (--dry-run)");
        }
        ctx.print(&value, &text)
    }

    /// The file, behind a progress line on stderr when it is big and stderr is a terminal.
    fn open(&self, shown: &str) -> std::io::Result<progress::Progress<std::fs::File>> {
        let file = std::fs::File::open(&self.file)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(progress::Progress::new(file, size, shown))
    }
}

/// Turns a parser's error into bad input naming the file and the format expected.
pub fn bad_file(e: ImportError, shown: &str, format: kith_ingest::Format) -> anyhow::Error {
    let hint = match &e {
        ImportError::Ambiguous { .. } => {
            "say which with --date-order dmy, mdy or ymd (as your phone shows dates); nothing was imported"
                .to_owned()
        }
        ImportError::WrongFormat { .. } => format!(
            "check that {shown} is the file you meant and that it is complete (kith import {} reads it); nothing was imported",
            format.as_str()
        ),
    };
    let place = match &e {
        ImportError::WrongFormat { at: kith_import::Place::Line(n), .. } => format!(":{n}"),
        ImportError::WrongFormat { at: kith_import::Place::Record(n), .. } => format!(" (record {n})"),
        ImportError::Ambiguous { .. } => String::new(),
    };
    BadInput::new(format!("cannot import {shown}{place}: {e}")).hint(hint).into()
}

fn with_nothing_written(e: anyhow::Error, shown: &str) -> anyhow::Error {
    if e.chain().any(|c| c.downcast_ref::<BadInput>().is_some()) {
        e
    } else {
        e.context(format!("could not import {shown}; nothing was imported"))
    }
}

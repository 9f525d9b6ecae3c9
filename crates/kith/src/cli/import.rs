//! `kith import FORMAT FILE`: a calendar, contacts, or a chat or call export, matched to the
//! people already in kith and written in one transaction (docs/import.md). `--dry-run`
//! does all the same work and rolls it back.

mod chats;
mod matcher;
mod progress;
mod records;

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use kith_import::{ImportError, Skip};
use kith_store::Access;
use matcher::Matcher;
use serde_json::json;
use std::path::PathBuf;

/// The formats `kith import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// iCalendar (.ics): events with people become plans
    Ics,
    /// vCard (.vcf): contacts become people, or add aliases to people already here
    Vcf,
    /// WhatsApp "Export chat" (.txt): one text interaction per chat per day
    Whatsapp,
    /// Android "SMS Backup & Restore" (.xml): texts per contact per day, and calls
    Sms,
    /// Telegram Desktop export (result.json): one text interaction per chat per day
    Telegram,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ics => "ics",
            Format::Vcf => "vcf",
            Format::Whatsapp => "whatsapp",
            Format::Sms => "sms",
            Format::Telegram => "telegram",
        }
    }
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
    #[arg(value_enum)]
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

/// What an import did, or would do with `--dry-run`.
#[derive(Debug, Default)]
pub struct Outcome {
    pub interactions: usize,
    pub plans: usize,
    pub already_present: usize,
    pub birthdays: usize,
    pub skipped: Vec<Skip>,
}

impl Args {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let shown = self.file.display().to_string();
        let map = matcher::parse_map(&self.map)?;
        let now = ctx.now.clone();
        let mut tx = ctx.begin(Access::Write).await?;
        let mut people = Matcher::load(&mut tx, map.clone(), now.timestamp()).await?;
        for target in map.values() {
            if !people.names().any(|(k, _)| &k == target) {
                return Err(BadInput::new(format!("--map names {target:?}, who is not in kith"))
                    .hint("check the spelling with `kith person list`, or add them with `kith person add`")
                    .into());
            }
        }
        let outcome = match self.format {
            Format::Ics => records::ics(&self, &shown, &mut tx, &mut people, &now).await,
            Format::Vcf => records::vcf(&self, &shown, &mut tx, &mut people).await,
            Format::Whatsapp | Format::Sms | Format::Telegram => {
                chats::import(&self, &shown, &mut tx, &mut people, &now).await
            }
        };
        let outcome = outcome.map_err(|e| with_nothing_written(e, &shown))?;
        if self.dry_run {
            // Rolled back: the dry run did all the work of the import and keeps none of it.
            drop(tx);
        } else {
            tx.commit().await.with_context(|| format!("could not import {shown}; nothing was imported"))?;
        }
        self.report(ctx, &shown, &people, &outcome)
    }

    fn report(&self, ctx: &Context, shown: &str, people: &Matcher, o: &Outcome) -> Result<()> {
        let names = |list: &[usize]| list.iter().map(|i| people.name(*i)).collect::<Vec<_>>();
        let skipped: Vec<_> = o
            .skipped
            .iter()
            .map(|s| {
                let (line, record) = match s.at {
                    kith_import::Place::Line(n) => (Some(n), None),
                    kith_import::Place::Record(n) => (None, Some(n)),
                };
                json!({"line": line, "record": record, "reason": s.reason})
            })
            .collect();
        let value = json!({
            "format": self.format.as_str(),
            "file": shown,
            "dry_run": self.dry_run,
            "people": {"created": names(&people.created), "merged": names(&people.merged), "matched": names(&people.matched)},
            "interactions": o.interactions,
            "plans": o.plans,
            "already_present": o.already_present,
            "birthdays": o.birthdays,
            "skipped": skipped,
        });
        let verb = if self.dry_run { "would import" } else { "imported" };
        let mut text = format!(
            "{verb} {shown}: {} new people, {} people given new aliases, {} people matched; {} interactions and {} plans ({} already here)",
            people.created.len(),
            people.merged.len(),
            people.matched.len(),
            o.interactions,
            o.plans,
            o.already_present,
        );
        if o.birthdays > 0 {
            text.push_str(&format!("; {} birthdays", o.birthdays));
        }
        for (label, list) in [("new", &people.created), ("new aliases", &people.merged)] {
            let shown_names = names(list);
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

    pub fn read_text(&self, shown: &str) -> Result<String> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        self.open(shown)?.read_to_end(&mut bytes).with_context(|| format!("could not read {shown}"))?;
        // Old vCards and chat exports are not always UTF-8: keep what can be read.
        Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }
}

impl Args {
    /// The file, behind a progress line on stderr when it is big and stderr is a terminal.
    pub fn open(&self, shown: &str) -> Result<progress::Progress<std::fs::File>> {
        let file = std::fs::File::open(&self.file).with_context(|| format!("could not open {shown}"))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(progress::Progress::new(file, size, shown))
    }
}

/// Turns a parser's error into bad input naming the file and the format expected.
pub fn bad_file(e: ImportError, shown: &str, format: Format) -> anyhow::Error {
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

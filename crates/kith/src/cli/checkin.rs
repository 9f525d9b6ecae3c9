//! `kith checkin`: the short daily check-in. Mood and the social battery are all it needs;
//! the other answers are optional. Run without flags on a terminal, it asks the questions one
//! by one (`--quick`: only those two).

use crate::cli::config::load_settings;
use crate::cli::{ask_yes_no, parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::json;
use anyhow::Result;
use kith_core::checkin::{Affected, parse_yes_no};
use kith_core::ladder;
use kith_core::*;
use kith_store::{Access, Repo};
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mood today, 1 (low) to 5 (good)
    #[arg(long, value_name = "N")]
    mood: Option<String>,
    /// Social capacity, the "social battery": 0 (nothing left) to 5 (full)
    #[arg(long, value_name = "N")]
    capacity: Option<String>,
    /// Energy today, 1 (empty) to 5 (full of it) [optional]
    #[arg(long, value_name = "N")]
    energy: Option<String>,
    /// Stress today, 1 (calm) to 5 (overwhelmed) [optional]
    #[arg(long, value_name = "N")]
    stress: Option<String>,
    /// Minutes spent alone today
    #[arg(long, value_name = "MINUTES")]
    alone: Option<String>,
    /// Did time alone restore you? yes or no
    #[arg(long, value_name = "yes|no")]
    restored: Option<String>,
    /// What felt affected today: sleep, eating, mood, motivation (comma-separated) or none;
    /// left out, the question counts as not asked
    #[arg(long, value_name = "LIST")]
    affected: Option<String>,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// The day it is about [default: today]
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    date: Option<String>,
    /// Replace the check-in already saved for that day
    #[arg(long)]
    replace: bool,
    /// How the day feels, words from `kith emotions`, comma-separated
    #[arg(long, value_name = "WORDS")]
    emotions: Option<String>,
    /// On a terminal, ask only mood and the social battery
    #[arg(long)]
    quick: bool,
}

/// The questions asked on a terminal, with the flag each one fills; `--quick` asks the
/// first two.
const QUESTIONS: [(&str, &str); 8] = [
    ("mood", "Mood, 1 (low) to 5 (good)"),
    ("capacity", "Social battery, 0 (nothing left) to 5 (full)"),
    ("energy", "Energy today, 1 (empty) to 5 (full) (Enter to skip)"),
    ("stress", "Stress, 1 (calm) to 5 (overwhelmed) (Enter to skip)"),
    ("alone", "Minutes alone today (Enter to skip)"),
    ("restored", "Did time alone restore you? yes/no (Enter to skip)"),
    ("affected", "Anything affected: sleep, eating, mood, motivation, or none (Enter for none)"),
    ("note", "A note (Enter to skip)"),
];

/// An answer the check-in cannot do without.
fn required<'a>(field: &'static str, value: &'a Option<String>) -> Result<&'a str, Invalid> {
    value.as_deref().ok_or_else(|| Invalid::new(field, "", "an answer"))
}

impl Args {
    fn is_empty(&self) -> bool {
        [
            &self.energy,
            &self.mood,
            &self.stress,
            &self.capacity,
            &self.alone,
            &self.restored,
            &self.affected,
            &self.note,
            &self.emotions,
        ]
        .iter()
        .all(|f| f.is_none())
    }

    /// Asks each question on the terminal, again until the answer fits. The question about
    /// what felt affected, once asked, is answered: Enter means nothing was.
    fn ask(mut self) -> Result<Self> {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        let asked = if self.quick { &QUESTIONS[..2] } else { &QUESTIONS[..] };
        for &(field, question) in asked {
            loop {
                eprint!("{question}: ");
                std::io::stderr().flush()?;
                let answer = lines.next().transpose()?.unwrap_or_default().trim().to_owned();
                let value = (!answer.is_empty()).then_some(answer);
                let slot = match field {
                    "energy" => &mut self.energy,
                    "mood" => &mut self.mood,
                    "stress" => &mut self.stress,
                    "capacity" => &mut self.capacity,
                    "alone" => &mut self.alone,
                    "restored" => &mut self.restored,
                    "affected" => &mut self.affected,
                    _ => &mut self.note,
                };
                *slot = if field == "affected" { value.or_else(|| Some("none".into())) } else { value };
                match self.validate_one(field) {
                    Ok(()) => break,
                    Err(e) => eprintln!("  {}; expected {}", e, e.expected),
                }
            }
        }
        Ok(self)
    }

    fn validate_one(&self, field: &str) -> Result<(), Invalid> {
        match field {
            "energy" => self.energy.as_deref().map_or(Ok(()), |r| Scale::parse("energy", r).map(drop)),
            "mood" => Scale::parse("mood", required("mood", &self.mood)?).map(drop),
            "stress" => self.stress.as_deref().map_or(Ok(()), |r| Scale::parse("stress", r).map(drop)),
            "capacity" => Capacity::parse(required("capacity", &self.capacity)?).map(drop),
            "alone" => self.alone.as_deref().map_or(Ok(()), |r| Minutes::parse("alone", r).map(drop)),
            "restored" => self.restored.as_deref().map_or(Ok(()), |r| parse_yes_no("restored", r).map(drop)),
            "affected" => self.affected.as_deref().map_or(Ok(()), |r| Affected::parse(r).map(drop)),
            _ => self.note.as_deref().map_or(Ok(()), |r| Note::parse("note", r).map(drop)),
        }
    }

    pub async fn run(mut self, ctx: &mut Context) -> Result<()> {
        // Which day a check-in is for: days begin at `day.starts_at`, so at 00:30 "today"
        // is still the evening before, and "yesterday" the day before that.
        let day_start = load_settings()?.day.starts_at;
        let day = match self.date.as_deref() {
            Some(raw) => day_start.parse_day("date", raw, &ctx.now).map_err(invalid)?,
            None => day_start.today(&ctx.now),
        };
        if self.is_empty() && std::io::stdin().is_terminal() {
            // Asked before the questions, so no answer is typed only to be refused.
            if !self.replace && ctx.begin(Access::Read).await?.checkin_on(day).await?.is_some() {
                if !ask_yes_no(&format!("You already checked in for {day}. Replace that check-in? [y/N]"))? {
                    let text = format!("kept your check-in for {day}; nothing changed");
                    return ctx.print(&serde_json::json!({ "kept": day.to_string() }), &text);
                }
                self.replace = true;
            }
            self = self.ask()?;
        }
        let args = self;
        let missing: Vec<&str> = [("--mood", &args.mood), ("--capacity", &args.capacity)]
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(f, _)| *f)
            .collect();
        if !missing.is_empty() {
            return Err(BadInput::new(format!("the check-in needs {}", missing.join(", ")))
                .hint("for example: kith checkin --mood 3 --capacity 3 (energy, stress and the rest are optional; or run it with no flags on a terminal to be asked)")
                .into());
        }
        let required = |v: &Option<String>| v.clone().unwrap_or_default();
        let checkin = CheckIn {
            id: CheckInId::from_random_bytes(random_bytes()),
            date: day,
            at: Moment::from_zoned(&ctx.now),
            energy: parse_opt(args.energy.as_deref(), |r| Scale::parse("energy", r))?,
            mood: Scale::parse("mood", &required(&args.mood)).map_err(invalid)?,
            stress: parse_opt(args.stress.as_deref(), |r| Scale::parse("stress", r))?,
            capacity: Capacity::parse(&required(&args.capacity)).map_err(invalid)?,
            alone: AloneTime {
                minutes: parse_opt(args.alone.as_deref(), |r| Minutes::parse("alone", r))?,
                restored: parse_opt(args.restored.as_deref(), |r| parse_yes_no("restored", r))?,
            },
            affected: parse_opt(args.affected.as_deref(), Affected::parse)?,
            note: parse_opt(args.note.as_deref(), |n| Note::parse("note", n))?,
        };
        let emotions = parse_opt(args.emotions.as_deref(), |r| ladder::parse_emotions("emotions", r))?;
        let mut tx = ctx.begin(Access::Write).await?;
        if !args.replace && tx.checkin_on(day).await?.is_some() {
            return Err(BadInput::new(format!("there is already a check-in for {day}"))
                .hint("add --replace to replace it")
                .into());
        }
        tx.put_checkin(&checkin).await?;
        if let Some(after) = emotions.clone() {
            let named_for = ladder::NamedFor::Checkin(day);
            tx.put_emotions(&ladder::EmotionsNamed { named_for, before: vec![], after }).await?;
        }
        tx.commit().await?;
        let mut text = format!("checked in for {day}. Thank you for taking a moment");
        if checkin.capacity.get() <= 1 {
            text.push_str("; your social battery is low, so a quiet evening is a fine plan");
        }
        let mut out = json::checkin(&checkin);
        if let Some(o) = out.as_object_mut() {
            let words: Vec<&str> = emotions.iter().flatten().map(|e| e.as_str()).collect();
            o.insert("emotions".into(), words.into());
        }
        ctx.print(&out, &text)
    }
}

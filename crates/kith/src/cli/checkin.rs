//! `kith checkin`: the short daily check-in. Mood and the social battery are all it needs;
//! the other answers are optional. Run without flags on a terminal, it asks the questions one
//! by one (`--quick`: only those two).

use crate::cli::config::load_settings;
use crate::cli::{ask_yes_no, parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::{BadInput, invalid};
use crate::{json, resolve};
use anyhow::Result;
use kith_app::checkins;
use kith_core::checkin::{Affected, parse_yes_no};
use kith_core::ladder;
use kith_core::*;
use kith_store::{Access, Repo};
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    fix: Option<Fix>,
    #[command(flatten)]
    answers: Answers,
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

/// The answers of a check-in, as flags.
#[derive(Debug, Default, clap::Args)]
pub struct Answers {
    /// Mood today, 1 (low) to 5 (good)
    #[arg(long, value_name = "N")]
    pub mood: Option<String>,
    /// Social capacity, the "social battery": 0 (nothing left) to 5 (full)
    #[arg(long, value_name = "N")]
    pub capacity: Option<String>,
    /// Energy today, 1 (empty) to 5 (full of it) [optional]
    #[arg(long, value_name = "N")]
    pub energy: Option<String>,
    /// Stress today, 1 (calm) to 5 (overwhelmed) [optional]
    #[arg(long, value_name = "N")]
    pub stress: Option<String>,
    /// Minutes spent alone today
    #[arg(long, value_name = "MINUTES")]
    pub alone: Option<String>,
    /// Did time alone restore you? yes or no
    #[arg(long, value_name = "yes|no")]
    pub restored: Option<String>,
    /// What felt affected today: sleep, eating, mood, motivation (comma-separated) or none;
    /// left out, the question counts as not asked
    #[arg(long, value_name = "LIST")]
    pub affected: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// Fixing a check-in.
#[derive(Debug, clap::Subcommand)]
pub enum Fix {
    /// Change a day's check-in: only the answers you give change
    Edit {
        /// The day: 2026-11-20, yesterday, friday...
        #[arg(allow_hyphen_values = true)]
        date: String,
        #[command(flatten)]
        answers: Answers,
    },
    /// Delete a day's check-in (asks first on a terminal)
    Delete {
        /// The day: 2026-11-20, yesterday, friday...
        #[arg(allow_hyphen_values = true)]
        date: String,
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
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
            &self.answers.energy,
            &self.answers.mood,
            &self.answers.stress,
            &self.answers.capacity,
            &self.answers.alone,
            &self.answers.restored,
            &self.answers.affected,
            &self.answers.note,
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
                    "energy" => &mut self.answers.energy,
                    "mood" => &mut self.answers.mood,
                    "stress" => &mut self.answers.stress,
                    "capacity" => &mut self.answers.capacity,
                    "alone" => &mut self.answers.alone,
                    "restored" => &mut self.answers.restored,
                    "affected" => &mut self.answers.affected,
                    _ => &mut self.answers.note,
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
            "energy" => {
                self.answers.energy.as_deref().map_or(Ok(()), |r| Scale::parse("energy", r).map(drop))
            }
            "mood" => Scale::parse("mood", required("mood", &self.answers.mood)?).map(drop),
            "stress" => {
                self.answers.stress.as_deref().map_or(Ok(()), |r| Scale::parse("stress", r).map(drop))
            }
            "capacity" => Capacity::parse(required("capacity", &self.answers.capacity)?).map(drop),
            "alone" => self.answers.alone.as_deref().map_or(Ok(()), |r| Minutes::parse("alone", r).map(drop)),
            "restored" => {
                self.answers.restored.as_deref().map_or(Ok(()), |r| parse_yes_no("restored", r).map(drop))
            }
            "affected" => self.answers.affected.as_deref().map_or(Ok(()), |r| Affected::parse(r).map(drop)),
            _ => self.answers.note.as_deref().map_or(Ok(()), |r| Note::parse("note", r).map(drop)),
        }
    }

    pub async fn run(mut self, ctx: &mut Context) -> Result<()> {
        if let Some(fix) = self.fix.take() {
            return fix.run(ctx).await;
        }
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
        let missing: Vec<&str> = [("--mood", &args.answers.mood), ("--capacity", &args.answers.capacity)]
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
        let answers = checkins::Answers {
            energy: parse_opt(args.answers.energy.as_deref(), |r| Scale::parse("energy", r))?,
            stress: parse_opt(args.answers.stress.as_deref(), |r| Scale::parse("stress", r))?,
            alone: AloneTime {
                minutes: parse_opt(args.answers.alone.as_deref(), |r| Minutes::parse("alone", r))?,
                restored: parse_opt(args.answers.restored.as_deref(), |r| parse_yes_no("restored", r))?,
            },
            affected: parse_opt(args.answers.affected.as_deref(), Affected::parse)?,
            note: parse_opt(args.answers.note.as_deref(), |n| Note::parse("note", n))?,
            emotions: parse_opt(args.emotions.as_deref(), |r| ladder::parse_emotions("emotions", r))?
                .unwrap_or_default(),
            ..checkins::Answers::new(
                day,
                Scale::parse("mood", &required(&args.answers.mood)).map_err(invalid)?,
                Capacity::parse(&required(&args.answers.capacity)).map_err(invalid)?,
            )
        };
        let emotions = answers.emotions.clone();
        let now = Moment::from_zoned(&ctx.now);
        let mut tx = ctx.begin(Access::Write).await?;
        let checkin = checkins::check_in(&mut tx, answers, args.replace, now, &mut random_bytes)
            .await
            .map_err(|e| resolve::refused(e, None))?
            .checkin;
        tx.commit().await?;
        let mut text = format!("checked in for {day}. Thank you for taking a moment");
        if checkin.capacity.get() <= 1 {
            text.push_str("; your social battery is low, so a quiet evening is a fine plan");
        }
        let mut out = json::checkin(&checkin);
        if let Some(o) = out.as_object_mut() {
            let words: Vec<&str> = emotions.iter().map(|e| e.as_str()).collect();
            o.insert("emotions".into(), words.into());
        }
        ctx.print(&out, &text)
    }
}

impl Fix {
    async fn run(self, ctx: &mut Context) -> Result<()> {
        let day_start = load_settings()?.day.starts_at;
        let (Fix::Edit { date, .. } | Fix::Delete { date, .. }) = &self;
        let day = day_start.parse_day("date", date, &ctx.now).map_err(invalid)?;
        match self {
            Fix::Edit { answers: a, .. } => {
                let none = |raw: &str| raw.trim().is_empty() || raw.trim().eq_ignore_ascii_case("none");
                let optional = |raw: Option<&str>, field: &'static str| -> Result<Option<Option<Scale>>> {
                    Ok(match raw {
                        Some(raw) if none(raw) => Some(None),
                        raw => parse_opt(raw, |r| Scale::parse(field, r))?.map(Some),
                    })
                };
                let changes = CheckInChanges {
                    mood: parse_opt(a.mood.as_deref(), |r| Scale::parse("mood", r))?,
                    capacity: parse_opt(a.capacity.as_deref(), Capacity::parse)?,
                    energy: optional(a.energy.as_deref(), "energy")?,
                    stress: optional(a.stress.as_deref(), "stress")?,
                    alone_minutes: parse_opt(a.alone.as_deref(), |r| Minutes::parse("alone", r))?.map(Some),
                    restored: parse_opt(a.restored.as_deref(), |r| parse_yes_no("restored", r))?.map(Some),
                    affected: parse_opt(a.affected.as_deref(), Affected::parse)?.map(Some),
                    note: match a.note.as_deref() {
                        Some(raw) if raw.trim().is_empty() => Some(None),
                        raw => parse_opt(raw, |n| Note::parse("note", n))?.map(Some),
                    },
                };
                if changes == CheckInChanges::default() {
                    return Err(BadInput::new("nothing to change")
                        .hint(format!("give what changes, for example: kith checkin edit {day} --mood 3"))
                        .into());
                }
                let mut tx = ctx.begin(Access::Write).await?;
                let changed =
                    checkins::edit(&mut tx, day, &changes).await.map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                ctx.print(&json::checkin(&changed), &format!("changed the check-in for {day}"))
            }
            Fix::Delete { yes, .. } => {
                let mut tx = ctx.begin(Access::Write).await?;
                if tx.checkin_on(day).await?.is_none() {
                    return Err(resolve::refused(kith_app::Error::NoCheckIn { date: day }, None));
                }
                let question = format!("Delete the check-in for {day}?");
                if !crate::cli::confirm(yes, &question, &format!("kith checkin delete {day} --yes"))? {
                    drop(tx);
                    return ctx.print(&serde_json::json!({"deleted": null}), "kept it; nothing changed");
                }
                checkins::delete(&mut tx, day).await.map_err(|e| resolve::refused(e, None))?;
                tx.commit().await?;
                ctx.print(
                    &serde_json::json!({"deleted": day.to_string()}),
                    &format!("deleted the check-in for {day}"),
                )
            }
        }
    }
}

//! `kith step try`: one try of a step, in two halves. Before: how anxious you expect to be,
//! how well you expect it to go, what you fear, how you feel. After: how anxious you were,
//! how it went, what happened, how you feel, or that you let it go this time. A step with
//! someone is also logged as an interaction with them.

use super::{dto, resolve_step};
use crate::cli::config::load_settings;
use crate::cli::parse_opt;
use crate::context::Context;
use crate::exit::BadInput;
use crate::json;
use anyhow::Result;
use kith_core::id::random_bytes;
use kith_core::ladder::{
    self, Afterwards, Anxiety, Emotion, Expectation, Finish, Prediction, Step, StepState, TryError,
    parse_emotions,
};
use kith_core::{Felt, Invalid, Minutes, Moment, Note, parse_when};
use kith_store::{Access, Repo};
use std::io::{BufRead, IsTerminal, Write};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The step: the first 4 or more characters of its id (`kith step list`)
    id: String,
    /// Before: how anxious you expect to feel, 0 (calm) to 10 (extremely anxious)
    #[arg(long, value_name = "N")]
    anxiety: Option<String>,
    /// Before: how well you expect it to go, 0 (very badly) to 10 (very well)
    #[arg(long, value_name = "N")]
    expect: Option<String>,
    /// Before: what you fear will happen
    #[arg(long, value_name = "TEXT")]
    fear: Option<String>,
    /// Before: how you feel now, words from `kith emotions`, comma-separated
    #[arg(long, value_name = "WORDS")]
    before: Option<String>,
    /// After: how anxious you felt, 0 (calm) to 10 (extremely anxious)
    #[arg(long, value_name = "N")]
    felt_anxiety: Option<String>,
    /// After: how well it went, 0 (very badly) to 10 (very well)
    #[arg(long, value_name = "N")]
    went: Option<String>,
    /// After: how the time felt, from -2 (draining) to +2 (energising)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    felt: Option<String>,
    /// After: what happened, in your words
    #[arg(long, value_name = "TEXT")]
    happened: Option<String>,
    /// After: how you feel now, words from `kith emotions`, comma-separated
    #[arg(long, value_name = "WORDS")]
    after: Option<String>,
    /// After: how long it took, in minutes (for the interaction it is logged as)
    #[arg(long, value_name = "N")]
    minutes: Option<String>,
    /// After: when it happened [default: now]
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    at: Option<String>,
    /// After: you decided not to, this time. That is allowed, and kept without judgement
    #[arg(long, conflicts_with_all = ["felt_anxiety", "went", "felt", "happened", "minutes"])]
    not_this_time: bool,
}

/// Renames the field of a domain error to the flag that carried the value.
fn as_flag<T>(flag: &'static str, r: Result<T, Invalid>) -> Result<T, Invalid> {
    r.map_err(|e| Invalid { field: flag, ..e })
}

/// What was typed, parsed.
struct Parsed {
    anxiety: Option<Anxiety>,
    expect: Option<Expectation>,
    fear: Option<Note>,
    before: Vec<Emotion>,
    felt_anxiety: Option<Anxiety>,
    went: Option<Expectation>,
    felt: Option<Felt>,
    happened: Option<Note>,
    after: Vec<Emotion>,
    minutes: Option<Minutes>,
    at: Option<Moment>,
    not_this_time: bool,
}

impl Parsed {
    fn has_before(&self) -> bool {
        self.anxiety.is_some() || self.expect.is_some() || self.fear.is_some() || !self.before.is_empty()
    }

    fn has_after(&self) -> bool {
        self.not_this_time
            || self.felt_anxiety.is_some()
            || self.went.is_some()
            || self.felt.is_some()
            || self.happened.is_some()
            || !self.after.is_empty()
            || self.minutes.is_some()
    }
}

impl Args {
    fn is_empty(&self) -> bool {
        !self.not_this_time
            && [
                &self.anxiety,
                &self.expect,
                &self.fear,
                &self.before,
                &self.felt_anxiety,
                &self.went,
                &self.felt,
                &self.happened,
                &self.after,
                &self.minutes,
                &self.at,
            ]
            .iter()
            .all(|f| f.is_none())
    }

    fn parse(&self, ctx: &Context) -> Result<Parsed> {
        let emotions = |flag, raw: Option<&str>| -> Result<Vec<Emotion>> {
            Ok(parse_opt(raw, |r| parse_emotions(flag, r))?.unwrap_or_default())
        };
        Ok(Parsed {
            anxiety: parse_opt(self.anxiety.as_deref(), Anxiety::parse)?,
            expect: parse_opt(self.expect.as_deref(), Expectation::parse)?,
            fear: parse_opt(self.fear.as_deref(), |r| Note::parse("fear", r))?,
            before: emotions("before", self.before.as_deref())?,
            felt_anxiety: parse_opt(self.felt_anxiety.as_deref(), |r| {
                as_flag("felt_anxiety", Anxiety::parse(r))
            })?,
            went: parse_opt(self.went.as_deref(), |r| as_flag("went", Expectation::parse(r)))?,
            felt: parse_opt(self.felt.as_deref(), Felt::parse)?,
            happened: parse_opt(self.happened.as_deref(), |r| Note::parse("happened", r))?,
            after: emotions("after", self.after.as_deref())?,
            minutes: parse_opt(self.minutes.as_deref(), |r| Minutes::parse("minutes", r))?,
            at: parse_opt(self.at.as_deref(), |r| parse_when("at", r, &ctx.now))?
                .map(|z| Moment::from_zoned(&z)),
            not_this_time: self.not_this_time,
        })
    }

    pub async fn run(mut self, ctx: &mut Context) -> Result<()> {
        if self.is_empty() {
            if !std::io::stdin().is_terminal() {
                return Err(BadInput::new("`kith step try` needs the prediction or the outcome")
                    .hint(format!(
                        "before the step: kith step try {0} --anxiety N [--fear TEXT]; afterwards: kith step try {0} --felt-anxiety N [--happened TEXT] (or --not-this-time)",
                        self.id
                    ))
                    .into());
            }
            let mut tx = ctx.begin(Access::Read).await?;
            let step = resolve_step(&mut tx, &self.id).await?;
            let open = tx.attempts(Some(step.id)).await?.iter().any(dto::is_open);
            drop(tx);
            eprintln!("{}", step.title);
            self = if open { self.ask_after()? } else { self.ask_before()? };
        }
        let p = self.parse(ctx)?;
        let now = Moment::from_zoned(&ctx.now);
        let today = ctx.now.date();
        let settings = load_settings()?;
        let mut tx = ctx.begin(Access::Write).await?;
        let step = resolve_step(&mut tx, &self.id).await?;
        let steps = tx.steps().await?;
        let before = match p.anxiety {
            Some(anxiety) => Some(Prediction {
                anxiety,
                expected: p.expect,
                fear: p.fear.clone(),
                emotions: p.before.clone(),
            }),
            None if p.has_before() => {
                return Err(BadInput::new("the prediction needs --anxiety N")
                    .hint("how anxious you expect to feel, from 0 (calm) to 10 (extremely anxious)")
                    .into());
            }
            None => None,
        };
        let after = if !p.has_after() {
            None
        } else {
            let finish = if p.not_this_time {
                Finish::NotThisTime
            } else {
                let felt_anxiety = p.felt_anxiety.ok_or_else(|| {
                    BadInput::new("to record how it went, give --felt-anxiety N")
                        .hint("how anxious you felt, from 0 to 10; or --not-this-time if it did not happen")
                })?;
                Finish::Done {
                    felt_anxiety,
                    went: p.went,
                    felt: p.felt,
                    happened: p.happened.clone(),
                    minutes: p.minutes,
                }
            };
            Some(Afterwards { finish, emotions: p.after.clone(), at: p.at.unwrap_or(now) })
        };
        let saved =
            kith_app::ladder::save_try(tx, &step, before, after, now, &mut random_bytes, try_error).await?;
        let (attempt, interaction, people) = (saved.attempt, saved.interaction, saved.people);
        let w = ladder::try_words(&step, &attempt, &steps, &saved.earlier, today, &settings.ladder);
        let noted = format!(
            "noted: you expect anxiety of {} out of 10 for \"{}\". When you have tried it: kith step try {} --felt-anxiety N (or --not-this-time)",
            attempt.predicted_anxiety.get(),
            step.title,
            step.id.short()
        );
        let message = w.message(&noted, '\n');
        let state = w.ladder.get(step.id).map_or(StepState::NotYet, |s| s.state);
        let names = json::names(&people);
        let mut text = message.clone();
        if let Some(i) = &interaction {
            let who = i.people.first().and_then(|p| names.get(p)).map_or("them", String::as_str);
            text.push_str(&format!("\nlogged {}", crate::cli::log::describe(i, who)));
        }
        let out = dto::tried(
            &dto::Tried {
                step: &step,
                attempt: &attempt,
                interaction: interaction.as_ref(),
                state,
                next: w.ladder.next,
                message: &message,
                streak: &w.streak,
                streak_words: w.streak_words.as_deref(),
            },
            &names,
        );
        ctx.print(&out, &text)
    }

    fn ask_before(mut self) -> Result<Self> {
        eprintln!("Before you try it.");
        self.anxiety =
            ask("How anxious do you expect to feel, 0 (calm) to 10", true, |r| Anxiety::parse(r).map(drop))?;
        self.expect = ask(
            "How well do you expect it to go, 0 (badly) to 10 (very well) (Enter to skip)",
            false,
            |r| Expectation::parse(r).map(drop),
        )?;
        self.fear = ask("What do you fear will happen? (Enter to skip)", false, |r| {
            Note::parse("fear", r).map(drop)
        })?;
        self.before = ask("How do you feel now? Words from `kith emotions` (Enter to skip)", false, |r| {
            parse_emotions("before", r).map(drop)
        })?;
        Ok(self)
    }

    fn ask_after(mut self) -> Result<Self> {
        eprintln!("How did it go?");
        let happened = ask("Did it happen? yes/no", true, |r| {
            kith_core::checkin::parse_yes_no("happened", r).map(drop)
        })?;
        if happened.as_deref().and_then(|r| kith_core::checkin::parse_yes_no("happened", r).ok())
            == Some(false)
        {
            self.not_this_time = true;
            return Ok(self);
        }
        self.felt_anxiety =
            ask("How anxious did you feel, 0 (calm) to 10", true, |r| Anxiety::parse(r).map(drop))?;
        self.went = ask("How well did it go, 0 (badly) to 10 (very well) (Enter to skip)", false, |r| {
            Expectation::parse(r).map(drop)
        })?;
        self.felt =
            ask("How did the time feel, -2 (draining) to +2 (energising) (Enter to skip)", false, |r| {
                Felt::parse(r).map(drop)
            })?;
        self.happened =
            ask("What happened? (Enter to skip)", false, |r| Note::parse("happened", r).map(drop))?;
        self.after = ask("How do you feel now? Words from `kith emotions` (Enter to skip)", false, |r| {
            parse_emotions("after", r).map(drop)
        })?;
        Ok(self)
    }
}

/// What to tell the person when a try cannot be recorded as given.
fn try_error(e: &TryError, step: &Step) -> anyhow::Error {
    let id = step.id.short();
    let (message, hint) = match e {
        TryError::AlreadyWaiting { since } => (
            format!(
                "a prediction for this step is already waiting (made {})",
                since.local().strftime("%a %-d %b")
            ),
            format!("record how it went: kith step try {id} --felt-anxiety N (or --not-this-time)"),
        ),
        TryError::NothingWaiting => (
            format!("\"{}\" has no prediction waiting", step.title),
            format!("a try starts before the step, with what you expect: kith step try {id} --anxiety N"),
        ),
        TryError::Empty => (
            "`kith step try` needs the prediction or the outcome".to_owned(),
            format!(
                "before the step: kith step try {id} --anxiety N; afterwards: kith step try {id} --felt-anxiety N"
            ),
        ),
        TryError::BeforePrediction { outcome, prediction } => (
            format!(
                "--at {} is before the prediction ({})",
                outcome.local().strftime("%a %-d %b at %H:%M"),
                prediction.local().strftime("%a %-d %b at %H:%M")
            ),
            "give the time it happened, after the prediction, or leave --at out for now".to_owned(),
        ),
    };
    BadInput::new(message).hint(hint).into()
}

/// Asks one question on the terminal until the answer fits; `None` for a skipped one.
fn ask(
    question: &str,
    required: bool,
    check: impl Fn(&str) -> Result<(), Invalid>,
) -> Result<Option<String>> {
    let stdin = std::io::stdin();
    loop {
        eprint!("{question}: ");
        std::io::stderr().flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let answer = line.trim();
        if answer.is_empty() && !required {
            return Ok(None);
        }
        match check(answer) {
            Ok(()) => return Ok(Some(answer.to_owned())),
            Err(e) => eprintln!("  {e}; expected {}", e.expected),
        }
    }
}

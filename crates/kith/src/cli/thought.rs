//! `kith thought`: thought records. A situation, the thought it brought and how strongly
//! it was believed, the evidence for and against, a kinder way to see it, and how strongly
//! the first thought is believed afterwards. And `kith emotions`, the vocabulary used
//! wherever feelings are named.

use crate::cli::step::dto;
use crate::cli::{parse_opt, random_bytes};
use crate::context::Context;
use crate::exit::invalid;
use anyhow::Result;
use kith_core::ladder::{Belief, EMOTIONS, Feelings, ThoughtRecord, feelings_after, person_of};
use kith_core::{Invalid, Moment, Note, ThoughtId};
use kith_store::{Access, Repo};
use serde_json::json;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write a thought record: kith thought add --situation TEXT --thought TEXT --belief 80
    Add {
        /// What was happening
        #[arg(long, value_name = "TEXT")]
        situation: String,
        /// The thought that came
        #[arg(long, value_name = "TEXT")]
        thought: String,
        /// How strongly you believe it, 0 (not at all) to 100 (completely)
        #[arg(long, value_name = "N")]
        belief: String,
        /// What supports the thought
        #[arg(long = "for", value_name = "TEXT")]
        evidence_for: Option<String>,
        /// What does not fit the thought
        #[arg(long = "against", value_name = "TEXT")]
        evidence_against: Option<String>,
        /// A kinder, more balanced way to see it
        #[arg(long, value_name = "TEXT")]
        kinder: Option<String>,
        /// How strongly you believe the first thought now, 0 to 100
        #[arg(long, value_name = "N")]
        belief_after: Option<String>,
    },
    /// Thought records, oldest first
    List,
}

fn belief(flag: &'static str, raw: &str) -> Result<Belief, Invalid> {
    Belief::parse(raw).map_err(|e| Invalid { field: flag, ..e })
}

impl Command {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            Command::Add {
                situation,
                thought,
                belief: b,
                evidence_for,
                evidence_against,
                kinder,
                belief_after,
            } => {
                let record = ThoughtRecord {
                    id: ThoughtId::from_random_bytes(random_bytes()),
                    at: Moment::from_zoned(&ctx.now),
                    situation: Note::parse("situation", &situation).map_err(invalid)?,
                    thought: Note::parse("thought", &thought).map_err(invalid)?,
                    belief: belief("belief", &b).map_err(invalid)?,
                    evidence_for: parse_opt(evidence_for.as_deref(), |r| Note::parse("for", r))?,
                    evidence_against: parse_opt(evidence_against.as_deref(), |r| Note::parse("against", r))?,
                    kinder: parse_opt(kinder.as_deref(), |r| Note::parse("kinder", r))?,
                    belief_after: parse_opt(belief_after.as_deref(), |r| belief("belief_after", r))?,
                };
                let mut tx = ctx.begin(Access::Write).await?;
                tx.insert_thought(&record).await?;
                tx.commit().await?;
                let mut text = "thought record saved. Writing it down is a step in itself".to_owned();
                if let Some(change) = record.belief_change().filter(|c| *c < 0) {
                    text.push_str(&format!(
                        "; the thought loosened its grip by {} points ({} to {})",
                        -change,
                        record.belief.get(),
                        record.belief.get() + change
                    ));
                }
                ctx.print(&dto::thought(&record), &text)
            }
            Command::List => {
                let mut tx = ctx.begin(Access::Read).await?;
                let records = tx.thoughts().await?;
                drop(tx);
                let mut text = String::new();
                for r in &records {
                    text.push_str(&format!(
                        "{}  {}\n  thought: {} ({}/100{})\n",
                        r.at.local().strftime("%a %-d %b %Y"),
                        r.situation.as_str(),
                        r.thought.as_str(),
                        r.belief.get(),
                        r.belief_after.map(|b| format!(", later {}/100", b.get())).unwrap_or_default()
                    ));
                    if let Some(k) = &r.kinder {
                        text.push_str(&format!("  kinder: {}\n", k.as_str()));
                    }
                }
                if records.is_empty() {
                    text.push_str(
                        "No thought records yet: kith thought add --situation TEXT --thought TEXT --belief N",
                    );
                }
                ctx.print(&json!({"thoughts": records.iter().map(dto::thought).collect::<Vec<_>>()}), &text)
            }
        }
    }
}

/// `kith emotions`: the vocabulary, high energy first, unpleasant to pleasant in each row.
pub fn emotions(ctx: &Context) -> Result<()> {
    let mut text =
        String::from("Emotion words by energy (high to low) and pleasantness (unpleasant to pleasant):\n");
    for energy in (1..=4u8).rev() {
        text.push_str(&format!("\nenergy {energy}\n"));
        for e in EMOTIONS.iter().filter(|e| e.energy == energy) {
            text.push_str(&format!("  {:<12} {}  {}\n", e.word, e.pleasantness, e.meaning));
        }
    }
    ctx.print(&kith_app::dto::emotions(), &text)
}

/// `kith emotions --report`: which people, modes and activities go with pleasant feelings
/// afterwards, with the counts behind each line.
pub async fn feelings_report(ctx: &mut Context) -> Result<()> {
    let mut tx = ctx.begin(Access::Read).await?;
    let interactions = tx.interactions(&kith_store::InteractionFilter::default()).await?;
    let (named, attempts, people) =
        (tx.emotions_named().await?, tx.attempts(None).await?, tx.people(true).await?);
    drop(tx);
    let r = feelings_after(&interactions, &named, &attempts);
    let names = crate::json::names(&people);
    let name =
        |f: &Feelings| person_of(f).and_then(|id| names.get(&id)).map_or("someone removed", String::as_str);
    let row = |f: &Feelings, label: &str| {
        format!("  {label}: {} of {} times all pleasant afterwards\n", f.pleasant, f.named)
    };
    let mut text = String::new();
    for (title, list, label) in [
        ("people", &r.by_person, None),
        ("modes", &r.by_mode, Some("mode")),
        ("activities", &r.by_tag, Some("tag")),
    ] {
        if list.is_empty() {
            continue;
        }
        text.push_str(&format!("{title}\n"));
        for f in list {
            let shown = match label {
                None => name(f).to_owned(),
                Some("mode") => {
                    kith_core::Mode::parse(&f.key).map_or(f.key.clone(), |m| m.label().to_owned())
                }
                Some(_) => format!("#{}", f.key),
            };
            text.push_str(&row(f, &shown));
        }
    }
    if text.is_empty() {
        text.push_str("No feelings named after time with people yet: kith log ... --after WORDS names them.");
    }
    let out = kith_app::dto::feelings(&r, &names);
    ctx.print(&out, &text)
}

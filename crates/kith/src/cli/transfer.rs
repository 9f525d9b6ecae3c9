//! `kith export` and `kith import-json`: everything as one versioned JSON document, and
//! back. The export streams interactions in windows of time, so memory stays small.

use crate::cli::output::Output;
use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use jiff::{SignedDuration, Timestamp};
use kith_core::export::{Birthday, EXPORT_FORMAT, EXPORT_VERSION, ExportDocument};
use kith_core::ladder::{Attempt, Step, ThoughtRecord};
use kith_core::{CheckIn, Interaction, InteractionId, Person, PersonId, Plan, PlanId, StepId};
use kith_store::{Access, InteractionFilter, NewPerson, PlanFilter, Repo, StoreError};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

/// How much time each read covers when streaming.
const WINDOW: SignedDuration = SignedDuration::from_hours(24 * 120);

/// Consecutive, non-overlapping windows covering `span` from `since` on.
pub fn windows(
    span: Option<(Timestamp, Timestamp)>,
    since: Option<Timestamp>,
) -> Vec<(Timestamp, Timestamp)> {
    let Some((first, last)) = span else { return Vec::new() };
    let mut start = since.map_or(first, |s| s.max(first));
    let mut out = Vec::new();
    while start <= last {
        let end = start.checked_add(WINDOW).unwrap_or(Timestamp::MAX);
        out.push((start, end - SignedDuration::from_secs(1)));
        start = end;
    }
    out
}

/// The formats `kith export` writes besides its own JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Plans as an iCalendar file, for a calendar app
    Ics,
    /// People as vCard 3.0 cards, for an address book
    Vcf,
    /// Interactions as CSV, for a spreadsheet
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// ics, vcf or csv; leave out for the complete JSON document that `kith import-json` restores
    #[arg(value_enum)]
    format: Option<ExportFormat>,
    /// Write to FILE instead of standard output; it is created readable by you only (0600)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

impl ExportArgs {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let mut out = Output::open(self.output.as_deref())?;
        match self.format {
            None => export(ctx, &mut out).await?,
            Some(format) => export_as(ctx, format, &mut out).await?,
        }
        out.finish()
    }
}

/// `kith export ics|vcf|csv`, written to stdout.
async fn export_as(ctx: &mut Context, format: ExportFormat, out: &mut Output) -> Result<()> {
    use kith_import::write;
    let now = ctx.now.timestamp();
    let mut tx = ctx.begin(Access::Read).await?;
    let people = tx.people(true).await?;
    let by_id: std::collections::HashMap<PersonId, &Person> = people.iter().map(|p| (p.id, p)).collect();
    match format {
        ExportFormat::Vcf => {
            let birthdays: std::collections::HashMap<PersonId, kith_core::Birthdate> =
                tx.birthdays().await?.into_iter().collect();
            out.write_all(write::people_vcf(&people, |id| birthdays.get(&id).copied()).as_bytes())?;
        }
        ExportFormat::Ics => {
            let plans = tx.plans(&PlanFilter::default()).await?;
            let person = |id: PersonId| {
                by_id.get(&id).map(|p| {
                    let email =
                        p.aliases.iter().map(|a| a.as_str()).find(|a| a.contains('@') && !a.contains(' '));
                    (p.name.to_string(), email.map(str::to_owned))
                })
            };
            out.write_all(write::plans_ics(&plans, person, now).as_bytes())?;
        }
        ExportFormat::Csv => {
            let name = |id: PersonId| by_id.get(&id).map_or_else(|| id.to_string(), |p| p.name.to_string());
            out.write_all(write::csv_header().as_bytes())?;
            let span = tx.interaction_span().await?;
            for (since, until) in windows(span, None) {
                let filter = InteractionFilter { since: Some(since), until: Some(until), person: None };
                for i in tx.interactions(&filter).await? {
                    out.write_all(write::interaction_csv(&i, name).as_bytes())?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

pub async fn export(ctx: &mut Context, out: &mut Output) -> Result<()> {
    let exported_at = ctx.now.timestamp();
    let mut tx = ctx.begin(Access::Read).await?;
    let people = tx.people(true).await?;
    let plans = tx.plans(&PlanFilter::default()).await?;
    let checkins = tx.checkins(None).await?;
    let (steps, attempts, thoughts) = (tx.steps().await?, tx.attempts(None).await?, tx.thoughts().await?);
    let named = tx.emotions_named().await?;
    let plan_predictions = tx.plan_predictions(None).await?;
    let birthdays: Vec<Birthday> =
        tx.birthdays().await?.into_iter().map(|(person, date)| Birthday { person, date }).collect();
    let away = tx.away(None).await?;
    // Every "not now", including those whose day has passed: they are the person's too.
    let not_now = tx.not_now(jiff::civil::Date::constant(1, 1, 1)).await?;
    let span = tx.interaction_span().await?;
    let head = json!({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": exported_at});
    let head = serde_json::to_string(&head)?;
    write!(out, "{},", head.trim_end_matches('}'))?;
    write!(out, "\n\"people\":")?;
    serde_json::to_writer(&mut *out, &people)?;
    write!(out, ",\n\"plans\":")?;
    serde_json::to_writer(&mut *out, &plans)?;
    write!(out, ",\n\"checkins\":")?;
    serde_json::to_writer(&mut *out, &checkins)?;
    write!(out, ",\n\"steps\":")?;
    serde_json::to_writer(&mut *out, &steps)?;
    write!(out, ",\n\"attempts\":")?;
    serde_json::to_writer(&mut *out, &attempts)?;
    write!(out, ",\n\"thought_records\":")?;
    serde_json::to_writer(&mut *out, &thoughts)?;
    write!(out, ",\n\"emotions_named\":")?;
    serde_json::to_writer(&mut *out, &named)?;
    write!(out, ",\n\"plan_predictions\":")?;
    serde_json::to_writer(&mut *out, &plan_predictions)?;
    write!(out, ",\n\"birthdays\":")?;
    serde_json::to_writer(&mut *out, &birthdays)?;
    write!(out, ",\n\"away\":")?;
    serde_json::to_writer(&mut *out, &away)?;
    write!(out, ",\n\"not_now\":")?;
    serde_json::to_writer(&mut *out, &not_now)?;
    write!(out, ",\n\"interactions\":[")?;
    let mut first = true;
    for (since, until) in windows(span, None) {
        for i in tx
            .interactions(&InteractionFilter { since: Some(since), until: Some(until), person: None })
            .await?
        {
            if !first {
                write!(out, ",")?;
            }
            first = false;
            writeln!(out)?;
            serde_json::to_writer(&mut *out, &i)?;
        }
    }
    writeln!(out, "]}}")?;
    out.flush()?;
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file written by `kith export` (- for standard input)
    file: PathBuf,
}

impl ImportArgs {
    pub async fn run(self, ctx: &mut Context) -> Result<()> {
        let shown = self.file.display().to_string();
        // The whole document is read first: serde_json parses a string many times faster
        // than a reader, and the parsed document is held whole anyway.
        let (text, shown) = if shown == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)
                .context("could not read standard input")?;
            (text, "standard input".to_owned())
        } else {
            let text =
                std::fs::read_to_string(&self.file).with_context(|| format!("could not read {shown}"))?;
            (text, shown)
        };
        let doc: ExportDocument = serde_json::from_str(&text).map_err(|e| bad_document(&shown, &e))?;
        drop(text);
        if doc.format != EXPORT_FORMAT || doc.version != EXPORT_VERSION {
            return Err(BadInput::new(format!(
                "{shown} is a {:?} document version {}, not a {EXPORT_FORMAT} version {EXPORT_VERSION}",
                doc.format, doc.version
            ))
            .hint("import a file written by `kith export` of this version")
            .into());
        }
        check_references(&doc, &shown)?;
        let counts = (doc.people.len(), doc.interactions.len(), doc.plans.len(), doc.checkins.len());
        let ladder_counts = (doc.steps.len(), doc.attempts.len(), doc.thought_records.len());
        ctx.store().await?.prepare_bulk_write().await?;
        let mut tx = ctx.begin(Access::Write).await?;
        let inserted = async {
            let birthdays = doc.birthdays.iter().map(|b| (b.person, b.date)).collect();
            let skipped =
                insert_all(&mut tx, &doc.people, &birthdays, &doc.plans, &doc.interactions, &doc.checkins)
                    .await?;
            insert_ladder(&mut tx, &doc.steps, &doc.attempts, &doc.thought_records).await?;
            for n in &doc.emotions_named {
                tx.put_emotions(n).await?;
            }
            for p in &doc.plan_predictions {
                tx.save_plan_prediction(p).await?;
            }
            tx.insert_away(&doc.away).await?;
            for hide in &doc.not_now {
                tx.set_not_now(*hide).await?;
            }
            Ok(skipped)
        };
        let skipped = inserted
            .await
            .map_err(|e| match e {
                StoreError::Taken { value, .. } => BadInput::new(format!("{shown}: {value:?} is already in this database"))
                    .hint("import into a new database (--db NEW_FILE), or merge or rename the person first; nothing was imported")
                    .into(),
                other => anyhow::Error::new(other).context(format!("could not import {shown}; nothing was imported")),
            })?;
        tx.commit().await?;
        let mut text = format!(
            "imported {} people, {} interactions ({} already here), {} plans, {} check-ins, {} steps with {} tries and {} thought records",
            counts.0,
            counts.1,
            skipped,
            counts.2,
            counts.3,
            ladder_counts.0,
            ladder_counts.1,
            ladder_counts.2
        );
        if !doc.plan_predictions.is_empty() {
            text.push_str(&format!(", and {} predictions on plans", doc.plan_predictions.len()));
        }
        if !doc.away.is_empty() {
            let n = doc.away.len();
            text.push_str(&format!(", and {n} span{} of days away", if n == 1 { "" } else { "s" }));
        }
        ctx.print(
            &json!({"people": counts.0, "interactions": counts.1, "already_present": skipped, "plans": counts.2, "checkins": counts.3,
                "steps": ladder_counts.0, "attempts": ladder_counts.1, "thought_records": ladder_counts.2,
                "emotions_named": doc.emotions_named.len(), "plan_predictions": doc.plan_predictions.len(),
                "away": doc.away.len(), "not_now": doc.not_now.len()}),
            &text,
        )
    }
}

fn bad_document(file: &str, e: &serde_json::Error) -> anyhow::Error {
    BadInput::new(format!("{file}:{}:{}: not a kith export: {e}", e.line(), e.column()))
        .hint("the file must be a document written by `kith export`; fix or remove the value at that place")
        .into()
}

/// Every person and plan an interaction or plan refers to must be in the document.
fn check_references(doc: &ExportDocument, file: &str) -> Result<()> {
    let people: HashSet<PersonId> = doc.people.iter().map(|p| p.id).collect();
    let plans: HashSet<PlanId> = doc.plans.iter().map(|p| p.id).collect();
    let missing = |what: &str, id: String, whom: String| -> anyhow::Error {
        BadInput::new(format!("{file}: {what} {id} refers to {whom}, which is not in the file"))
            .hint("the document is incomplete; export it again")
            .into()
    };
    for i in &doc.interactions {
        if let Some(p) = i.people.iter().find(|p| !people.contains(p)) {
            return Err(missing("interaction", i.id.to_string(), format!("person {p}")));
        }
        if let Some(plan) = i.plan.filter(|p| !plans.contains(p)) {
            return Err(missing("interaction", i.id.to_string(), format!("plan {plan}")));
        }
    }
    for plan in &doc.plans {
        if let Some(p) = plan.people.iter().find(|p| !people.contains(p)) {
            return Err(missing("plan", plan.id.to_string(), format!("person {p}")));
        }
    }
    let mut born: HashSet<PersonId> = HashSet::new();
    for b in &doc.birthdays {
        if !people.contains(&b.person) {
            return Err(missing("birthday", b.date.to_string(), format!("person {}", b.person)));
        }
        if !born.insert(b.person) {
            return Err(BadInput::new(format!("{file}: person {} has two birthdays", b.person))
                .hint("a person has at most one birthday; remove one of them and import again")
                .into());
        }
    }
    let mut predicted: HashSet<PlanId> = HashSet::new();
    for p in &doc.plan_predictions {
        if !plans.contains(&p.plan) {
            return Err(missing("plan prediction", p.plan.to_string(), format!("plan {}", p.plan)));
        }
        if !predicted.insert(p.plan) {
            return Err(BadInput::new(format!("{file}: plan {} has two predictions", p.plan))
                .hint("a plan has at most one prediction; remove one of them and import again")
                .into());
        }
    }
    let steps: HashSet<StepId> = doc.steps.iter().map(|s| s.id).collect();
    for s in &doc.steps {
        if let Some(p) = s.person.filter(|p| !people.contains(p)) {
            return Err(missing("step", s.id.to_string(), format!("person {p}")));
        }
    }
    let interactions: HashSet<InteractionId> = doc.interactions.iter().map(|i| i.id).collect();
    for a in &doc.attempts {
        if !steps.contains(&a.step) {
            return Err(missing("attempt", a.id.to_string(), format!("step {}", a.step)));
        }
        if let Some(i) = a.done().and_then(|d| d.interaction).filter(|i| !interactions.contains(i)) {
            return Err(missing("attempt", a.id.to_string(), format!("interaction {i}")));
        }
    }
    for n in &doc.emotions_named {
        if let kith_core::ladder::NamedFor::Interaction(i) = n.named_for
            && !interactions.contains(&i)
        {
            return Err(missing("emotions named", i.to_string(), format!("interaction {i}")));
        }
    }
    Ok(())
}

/// Inserts the ladder after the records it refers to (people, interactions).
pub async fn insert_ladder<R: Repo>(
    repo: &mut R,
    steps: &[Step],
    attempts: &[Attempt],
    thoughts: &[ThoughtRecord],
) -> Result<(), StoreError> {
    for s in steps {
        repo.insert_step(s).await?;
    }
    for a in attempts {
        repo.save_attempt(a).await?;
    }
    for t in thoughts {
        repo.insert_thought(t).await?;
    }
    Ok(())
}

/// Inserts whole records, a few hundred a statement, in an order that satisfies every
/// reference. Returns how many interactions were already present (same source and source id).
pub async fn insert_all<R: Repo>(
    repo: &mut R,
    people: &[Person],
    birthdays: &HashMap<PersonId, kith_core::Birthdate>,
    plans: &[Plan],
    interactions: &[Interaction],
    checkins: &[CheckIn],
) -> Result<usize, StoreError> {
    let new: Vec<NewPerson<'_>> = people
        .iter()
        .map(|person| NewPerson { person, birthday: birthdays.get(&person.id).copied() })
        .collect();
    repo.insert_people(&new).await?;
    repo.insert_plans(&moved_after_their_original(plans)).await?;
    let skipped = repo.insert_interactions(interactions).await?.iter().filter(|added| !**added).count();
    repo.put_checkins(checkins).await?;
    Ok(skipped)
}

/// `plans` ordered so that a plan moved from another comes after it (a chain of moves in
/// order); a plan whose original is not in the list keeps its place.
fn moved_after_their_original(plans: &[Plan]) -> Vec<Plan> {
    let ids: HashSet<PlanId> = plans.iter().map(|p| p.id).collect();
    let mut placed: HashSet<PlanId> = HashSet::with_capacity(plans.len());
    let mut ordered = Vec::with_capacity(plans.len());
    let mut left: Vec<&Plan> = plans.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        let (ready, rest): (Vec<&Plan>, Vec<&Plan>) = left
            .into_iter()
            .partition(|p| p.moved_from.is_none_or(|m| placed.contains(&m) || !ids.contains(&m)));
        placed.extend(ready.iter().map(|p| p.id));
        ordered.extend(ready.into_iter().cloned());
        if rest.len() == before {
            // A cycle of moves cannot be satisfied; the database refuses it with its reason.
            ordered.extend(rest.into_iter().cloned());
            break;
        }
        left = rest;
    }
    ordered
}

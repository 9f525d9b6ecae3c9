//! The JSON shapes of the CLI's `--json` and the web app's API (docs/cli-json.md): one contract
//! for both, written once. Every object that can be referred to carries its `id`; instants are
//! RFC 3339 with the user's offset.

use kith_core::checkin::Affected;
use kith_core::ladder::{
    Attempt, AttemptOutcome, Emotion, Ladder, LadderStreak, PlanPrediction, PredictionReport, Step,
    StepProgress, ThoughtRecord,
};
use kith_core::{Away, CheckIn, Interaction, Person, PersonId, Plan, Scale};
use serde_json::{Value, json};

pub use crate::view::{Names, away_dates, away_marked, days_words, names};

/// A person as the JSON names them: `{"id", "name"}`, the name "(someone removed)" for an id
/// no longer among `names`.
#[derive(serde::Serialize)]
struct Named<'a> {
    id: PersonId,
    name: &'a str,
}

impl<'a> Named<'a> {
    fn of(id: PersonId, names: &'a Names) -> Self {
        Named { id, name: names.get(&id).map_or("(someone removed)", String::as_str) }
    }
}

fn who(ids: &[PersonId], names: &Names) -> Value {
    serde_json::to_value(Who { ids, names }).unwrap_or(Value::Null)
}

pub fn person(p: &Person) -> Value {
    json!({
        "id": p.id,
        "name": p.name.as_str(),
        "circle": p.circle.as_str(),
        "cadence_days": p.cadence.map(|c| c.days()),
        "aliases": p.aliases.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        "note": p.note.as_ref().map(|n| n.as_str()),
        "archived": p.archived,
        "snoozed_until": p.snoozed_until.map(|d| d.to_string()),
        "created_at": p.created_at.to_string(),
    })
}

pub fn interaction(i: &Interaction, names: &Names) -> Value {
    serde_json::to_value(InteractionOut::new(i, names)).unwrap_or(Value::Null)
}

/// An interaction in the JSON contract, borrowing from the record, so that a long list
/// (`kith history --json`) is written straight to its writer with nothing built per field.
/// The fields are in the order of their names, as [`interaction`]'s object has them.
#[derive(serde::Serialize)]
pub struct InteractionOut<'a> {
    at: Shown<kith_core::Moment>,
    felt: Option<i64>,
    id: kith_core::InteractionId,
    initiator: Option<&'static str>,
    local_date: Shown<jiff::civil::Date>,
    meaningful: bool,
    minutes: Option<i64>,
    mode: &'static str,
    note: Option<&'a str>,
    people: Who<'a>,
    plan_id: Option<kith_core::PlanId>,
    short_id: String,
    source: &'a str,
    source_id: Option<&'a str>,
    tags: Tags<'a>,
    unanswered: u32,
}

impl<'a> InteractionOut<'a> {
    pub fn new(i: &'a Interaction, names: &'a Names) -> Self {
        InteractionOut {
            at: Shown(i.at),
            felt: i.felt.map(|f| f.value()),
            id: i.id,
            initiator: i.initiator.map(|x| x.as_str()),
            local_date: Shown(i.at.local_date()),
            meaningful: i.meaningful,
            minutes: i.minutes.map(|m| m.get()),
            mode: i.mode.as_str(),
            note: i.note.as_ref().map(|n| n.as_str()),
            people: Who { ids: &i.people, names },
            plan_id: i.plan,
            short_id: i.id.short(),
            source: &i.source.kind,
            source_id: i.source.id.as_deref(),
            tags: Tags(&i.tags),
            unanswered: i.unanswered,
        }
    }
}

/// A value written as its `Display` text, without building the string first.
struct Shown<T>(T);

impl<T: std::fmt::Display> serde::Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// People as `[{"id", "name"}]`, named from `names`.
struct Who<'a> {
    ids: &'a [PersonId],
    names: &'a Names,
}

impl serde::Serialize for Who<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ids.iter().map(|id| Named::of(*id, self.names)))
    }
}

/// Tags as a list of words.
struct Tags<'a>(&'a [kith_core::Tag]);

impl serde::Serialize for Tags<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|t| t.as_str()))
    }
}

pub fn plan(p: &Plan, names: &Names) -> Value {
    json!({
        "id": p.id,
        "short_id": p.id.short(),
        "start": p.start.to_string(),
        "local_date": p.start.local_date().to_string(),
        "people": who(&p.people, names),
        "mode": p.mode.as_str(),
        "note": p.note.as_ref().map(|n| n.as_str()),
        "created_at": p.created_at.to_string(),
        "outcome": p.outcome.as_str(),
        "outcome_at": p.outcome_at.map(|t| t.to_string()),
        "notice_minutes": p.notice().map(|n| n.as_secs() / 60),
        "interaction_id": p.interaction,
        "moved_from": p.moved_from,
    })
}

/// A plan with its prediction, when it has one: the plan's object plus `prediction`
/// (`null` without one).
pub fn plan_with(p: &Plan, prediction: Option<&PlanPrediction>, names: &Names) -> Value {
    let mut v = plan(p, names);
    if let Some(map) = v.as_object_mut() {
        map.insert("prediction".into(), prediction.map_or(Value::Null, plan_prediction));
    }
    v
}

/// What was expected of a plan and, once recorded, how it went.
pub fn plan_prediction(p: &PlanPrediction) -> Value {
    let checked = p.checked.as_ref();
    json!({
        "predicted_at": p.predicted_at.to_string(),
        "anxiety": p.anxiety.get(),
        "expected": p.expected.map(|e| e.get()),
        "felt_anxiety": checked.map(|c| c.felt_anxiety.get()),
        "went": checked.and_then(|c| c.went).map(|w| w.get()),
        "checked_at": checked.map(|c| c.at.to_string()),
        "went_better": p.went_better().map(|o| match o {
            std::cmp::Ordering::Greater => "better",
            std::cmp::Ordering::Equal => "as_expected",
            std::cmp::Ordering::Less => "harder",
        }),
    })
}

/// A span of days away: both days included, `days` counting them.
pub fn away(a: &Away) -> Value {
    json!({
        "id": a.id,
        "short_id": a.id.short(),
        "from": a.from.to_string(),
        "to": a.to.to_string(),
        "days": a.days(),
        "note": a.note.as_ref().map(|n| n.as_str()),
    })
}

pub fn checkin(c: &CheckIn) -> Value {
    json!({
        "id": c.id,
        "date": c.date.to_string(),
        "at": c.at.to_string(),
        "energy": c.energy.map(Scale::get),
        "mood": c.mood.get(),
        "stress": c.stress.map(Scale::get),
        "capacity": c.capacity.get(),
        "alone_minutes": c.alone.minutes.map(|m| m.get()),
        "alone_restored": c.alone.restored,
        "affected": c.affected.map(Affected::words),
        "note": c.note.as_ref().map(|n| n.as_str()),
    })
}

// The ladder: steps, their progress and tries, the prediction report and
// thought records.

fn one(id: Option<PersonId>, names: &Names) -> Value {
    id.map_or(Value::Null, |id| serde_json::to_value(Named::of(id, names)).unwrap_or(Value::Null))
}

fn words(list: &[Emotion]) -> Vec<&'static str> {
    list.iter().map(|e| e.as_str()).collect()
}

pub fn step(s: &Step, names: &Names) -> Value {
    json!({
        "id": s.id,
        "short_id": s.id.short(),
        "title": s.title.as_str(),
        "person": one(s.person, names),
        "mode": s.mode.as_str(),
        "difficulty": s.difficulty.get(),
        "status": s.status.as_str(),
        "created_at": s.created_at.to_string(),
        "set_aside_at": s.set_aside_at.map(|t| t.to_string()),
    })
}

/// A step with where it stands on the ladder.
pub fn progress(p: &StepProgress, names: &Names) -> Value {
    let mut v = step(&p.step, names);
    if let Some(o) = v.as_object_mut() {
        o.insert("state".into(), json!(p.state.as_str()));
        o.insert("done".into(), json!(p.done));
        o.insert("let_go".into(), json!(p.let_go));
        o.insert("felt_anxiety".into(), json!(p.felt_anxiety));
        o.insert("open_attempt_id".into(), json!(p.open_attempt));
        o.insert("is_next".into(), json!(p.is_next));
    }
    v
}

pub fn ladder(l: &Ladder, names: &Names) -> Value {
    json!({
        "steps": l.steps.iter().map(|p| progress(p, names)).collect::<Vec<_>>(),
        "next": l.next,
        "mastered": l.mastered,
        "comfortable": l.comfortable,
        "text": l.text,
    })
}

pub fn attempt(a: &Attempt) -> Value {
    let done = a.done();
    json!({
        "id": a.id,
        "step_id": a.step,
        "predicted_at": a.predicted_at.to_string(),
        "predicted_anxiety": a.predicted_anxiety.get(),
        "expected": a.expected.map(|e| e.get()),
        "fear": a.fear.as_ref().map(|n| n.as_str()),
        "emotions_before": words(&a.emotions_before),
        "outcome": a.outcome.as_str(),
        "outcome_at": a.outcome_at.map(|m| m.to_string()),
        "felt_anxiety": done.map(|d| d.felt_anxiety.get()),
        "went": done.and_then(|d| d.went).map(|w| w.get()),
        "felt": done.and_then(|d| d.felt).map(|f| f.value()),
        "happened": done.and_then(|d| d.happened.as_ref()).map(|n| n.as_str()),
        "interaction_id": done.and_then(|d| d.interaction),
        "emotions_after": words(&a.emotions_after),
    })
}

pub fn prediction_report(r: &PredictionReport, names: &Names) -> Value {
    let by_person: Vec<Value> = r
        .by_person
        .iter()
        .map(|f| {
            let id = f.key.parse::<PersonId>().ok();
            json!({"person": one(id, names), "named": f.named, "pleasant": f.pleasant})
        })
        .collect();
    json!({
        "done": r.done,
        "better": r.better,
        "as_expected": r.as_expected,
        "harder": r.harder,
        "let_go": r.let_go,
        "mean_predicted_anxiety": r.mean_predicted_anxiety,
        "mean_felt_anxiety": r.mean_felt_anxiety,
        "points": r.points,
        "by_mode": r.by_mode.iter().map(|f| json!({"mode": f.key, "named": f.named, "pleasant": f.pleasant})).collect::<Vec<_>>(),
        "by_person": by_person,
        "plans": r.plans,
        "total_done": r.total_done,
        "total_better": r.total_better,
        "text": r.text,
    })
}

pub fn thought(t: &ThoughtRecord) -> Value {
    json!({
        "id": t.id,
        "at": t.at.to_string(),
        "situation": t.situation.as_str(),
        "thought": t.thought.as_str(),
        "belief": t.belief.get(),
        "evidence_for": t.evidence_for.as_ref().map(|n| n.as_str()),
        "evidence_against": t.evidence_against.as_ref().map(|n| n.as_str()),
        "kinder": t.kinder.as_ref().map(|n| n.as_str()),
        "belief_after": t.belief_after.map(|b| b.get()),
    })
}

/// Whether the outcome is still to come.
pub fn is_open(a: &Attempt) -> bool {
    a.outcome == AttemptOutcome::Open
}

/// What `kith step try --json` and the API answer after either half of a try: `phase` is
/// `predicted`, `done` or `not_this_time`, `message` the words shown for it.
pub struct Tried<'a> {
    pub step: &'a Step,
    pub attempt: &'a Attempt,
    pub interaction: Option<&'a Interaction>,
    pub state: kith_core::ladder::StepState,
    pub next: Option<kith_core::StepId>,
    pub message: &'a str,
    /// The ladder streak after this try, and the words when it reached a milestone.
    pub streak: &'a LadderStreak,
    pub streak_words: Option<&'a str>,
}

pub fn tried(t: &Tried<'_>, names: &Names) -> Value {
    let phase = match t.attempt.outcome {
        AttemptOutcome::Open => "predicted",
        AttemptOutcome::Done(_) => "done",
        AttemptOutcome::NotThisTime => "not_this_time",
    };
    json!({
        "phase": phase,
        "step": step(t.step, names),
        "attempt": attempt(t.attempt),
        "interaction": t.interaction.map(|i| interaction(i, names)),
        "state": t.state.as_str(),
        "next": t.next,
        "message": t.message,
        "streak": t.streak,
        "streak_words": t.streak_words,
    })
}

/// `kith emotions --report`: which people, modes and tags go with pleasant feelings afterwards.
pub fn feelings(r: &kith_core::ladder::FeelingsReport, names: &Names) -> Value {
    let group = |list: &[kith_core::ladder::Feelings]| -> Vec<Value> {
        list.iter().map(|f| json!({"key": f.key, "named": f.named, "pleasant": f.pleasant})).collect()
    };
    let by_person: Vec<Value> = r
        .by_person
        .iter()
        .map(|f| {
            let name = kith_core::ladder::person_of(f)
                .and_then(|id| names.get(&id))
                .map_or("someone removed", String::as_str);
            json!({"person": {"id": f.key, "name": name}, "named": f.named, "pleasant": f.pleasant})
        })
        .collect();
    json!({"by_person": by_person, "by_mode": group(&r.by_mode), "by_tag": group(&r.by_tag)})
}

/// `kith emotions --json`: the vocabulary, each word with its energy (1-4), pleasantness
/// (1-4) and meaning.
pub fn emotions() -> Value {
    json!({"emotions": kith_core::ladder::EMOTIONS})
}

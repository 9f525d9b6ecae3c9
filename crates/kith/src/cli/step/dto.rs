//! The `--json` shapes of the ladder (docs/cli-json.md), and its terminal text.

use crate::json::Names;
use kith_core::PersonId;
use kith_core::ladder::{
    Attempt, AttemptOutcome, Ladder, PredictionReport, Step, StepProgress, ThoughtRecord,
};
use serde_json::{Value, json};

fn who(id: Option<PersonId>, names: &Names) -> Value {
    id.map_or(
        Value::Null,
        |id| json!({"id": id, "name": names.get(&id).map_or("(someone removed)", String::as_str)}),
    )
}

fn words(list: &[kith_core::ladder::Emotion]) -> Vec<&'static str> {
    list.iter().map(|e| e.as_str()).collect()
}

pub fn step(s: &Step, names: &Names) -> Value {
    json!({
        "id": s.id,
        "short_id": s.id.short(),
        "title": s.title.as_str(),
        "person": who(s.person, names),
        "mode": s.mode.as_str(),
        "difficulty": s.difficulty.get(),
        "status": s.status.as_str(),
        "created_at": s.created_at.to_string(),
        "set_aside_at": s.set_aside_at.map(|t| t.to_string()),
    })
}

fn progress(p: &StepProgress, names: &Names) -> Value {
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

pub fn ladder_text(l: &Ladder, names: &Names) -> String {
    let mut out = String::new();
    for p in &l.steps {
        let marker = if p.is_next { "→" } else { " " };
        let with =
            p.step.person.and_then(|id| names.get(&id)).map(|n| format!(" (with {n})")).unwrap_or_default();
        let trail = if p.felt_anxiety.is_empty() {
            String::new()
        } else {
            format!(", anxiety {}", p.felt_anxiety.iter().map(i64::to_string).collect::<Vec<_>>().join(" → "))
        };
        let waiting = if p.open_attempt.is_some() { ", prediction waiting" } else { "" };
        out.push_str(&format!(
            "{marker} {}  {:>2}  {}{with}  [{}{trail}{waiting}]\n",
            p.step.id.short(),
            p.step.difficulty.get(),
            p.step.title,
            p.state.label()
        ));
    }
    out.push_str(&l.text);
    out
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
            json!({"person": who(id, names), "named": f.named, "pleasant": f.pleasant})
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

pub fn prediction_text(r: &PredictionReport, names: &Names) -> String {
    let mut out = r.text.clone();
    if r.let_go > 0 {
        out.push_str(&format!("\n{} let go for now, which is allowed.", r.let_go));
    }
    if r.plans.let_go > 0 {
        let plans = if r.plans.let_go == 1 { "plan" } else { "plans" };
        out.push_str(&format!(
            "\n{} {plans} with a prediction called off by you, which is allowed too.",
            r.plans.let_go
        ));
    }
    for f in &r.by_mode {
        let mode = kith_core::Mode::parse(&f.key).map_or(f.key.as_str(), |m| m.label());
        out.push_str(&format!("\n{mode}: pleasant feelings afterwards {} of {} times", f.pleasant, f.named));
    }
    for f in &r.by_person {
        let name =
            f.key.parse::<PersonId>().ok().and_then(|id| names.get(&id)).map_or("someone", String::as_str);
        out.push_str(&format!(
            "\nwith {name}: pleasant feelings afterwards {} of {} times",
            f.pleasant, f.named
        ));
    }
    out
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

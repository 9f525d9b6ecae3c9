//! The JSON shapes of the CLI's `--json` and the web app's API (docs/cli-json.md): one contract
//! for both, written once. Every object that can be referred to carries its `id`; instants are
//! RFC 3339 with the user's offset.

use kith_core::ladder::PlanPrediction;
use kith_core::{CheckIn, Interaction, Person, PersonId, Plan};
use serde_json::{Value, json};

pub use crate::view::{Names, names};

fn who(ids: &[PersonId], names: &Names) -> Value {
    ids.iter()
        .map(|id| json!({"id": id, "name": names.get(id).map_or("(someone removed)", String::as_str)}))
        .collect()
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
    json!({
        "id": i.id,
        "at": i.at.to_string(),
        "local_date": i.at.local_date().to_string(),
        "minutes": i.minutes.map(|m| m.get()),
        "mode": i.mode.as_str(),
        "initiator": i.initiator.map(|x| x.as_str()),
        "people": who(&i.people, names),
        "felt": i.felt.map(|f| f.value()),
        "meaningful": i.meaningful,
        "tags": i.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "note": i.note.as_ref().map(|n| n.as_str()),
        "unanswered": i.unanswered,
        "source": i.source.kind,
        "source_id": i.source.id,
        "plan_id": i.plan,
    })
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

pub fn checkin(c: &CheckIn) -> Value {
    json!({
        "id": c.id,
        "date": c.date.to_string(),
        "at": c.at.to_string(),
        "energy": c.energy.get(),
        "mood": c.mood.get(),
        "stress": c.stress.get(),
        "capacity": c.capacity.get(),
        "alone_minutes": c.alone.minutes.map(|m| m.get()),
        "alone_restored": c.alone.restored,
        "affected": c.affected.words(),
        "note": c.note.as_ref().map(|n| n.as_str()),
    })
}

//! The ladder's operations and shapes in the OpenAPI document.

use super::schema::{list_of, mode, nullable, object, ok, op, path_id, r, text, words_up_to};
use serde_json::{Value, json};

fn int(min: i64, max: i64) -> Value {
    json!({"type": "integer", "minimum": min, "maximum": max})
}

fn note() -> Value {
    words_up_to(kith_core::text::NOTE_MAX_CHARS, true)
}

pub(super) fn words() -> Value {
    let words: Vec<&str> = kith_core::ladder::EMOTIONS.iter().map(|e| e.word).collect();
    let one = words.join("|");
    json!({"description": "words from GET /v1/emotions; an array or a comma-separated string", "oneOf": [
        {"type": "array", "items": {"enum": words}},
        {"type": "string", "pattern": format!("^\\s*({one})?(\\s*,\\s*({one})?)*\\s*$")},
    ]})
}

/// Adds the ladder's paths and schemas to `doc`.
pub fn extend(doc: &mut Value) {
    let step_id = || path_id("a step id or a unique prefix of at least four characters");
    let paths = json!({
        "/v1/steps": {
            "get": {
                "summary": "The ladder, easiest first, with the next step (as `kith step list --json`)",
                "parameters": [{"name": "all", "in": "query", "description": "include steps set aside", "schema": {"type": "boolean"}}],
                "responses": {"200": ok("The ladder", r("Ladder"))},
            },
            "post": op("Add a step", Some(object(json!({"title": words_up_to(kith_core::ladder::StepTitle::MAX_CHARS, false), "difficulty": int(0, 10), "person": {"type": "string", "pattern": "\\S", "description": "the id, name, alias or unique first name of the person the step is about"}, "mode": mode()}), &["title", "difficulty"])), ("201", r("Step"))),
        },
        "/v1/steps/starter": {
            "post": op("Add the starter set; steps about someone take the people given, in turn", Some(object(json!({"people": {"type": "array", "items": text()}}), &[])), ("201", object(json!({"steps": {"type": "array", "items": r("Step")}}), &["steps"]))),
        },
        "/v1/steps/{id}": {
            "parameters": step_id(),
            "get": op("A step, where it stands, and its tries", None, ("200", r("StepProgress"))),
        },
        "/v1/steps/{id}/tries": {
            "parameters": step_id(),
            "post": op("Start a try: the prediction (409 when one is already waiting)", Some(object(json!({"anxiety": int(0, 10), "expected": int(0, 10), "fear": note(), "emotions_before": words()}), &["anxiety"])), ("201", r("Tried"))),
        },
        "/v1/steps/{id}/outcome": {
            "parameters": step_id(),
            "post": op("Finish the try waiting: how it went, or not this time (409 when none is waiting). A step with someone that happened is logged as an interaction", Some({
                let mut body = object(json!({"felt_anxiety": int(0, 10), "went": int(0, 10), "felt": int(-2, 2), "happened": note(), "emotions_after": words(), "minutes": int(0, 1440), "at": text(), "not_this_time": {"type": "boolean"}}), &[]);
                // How anxious it felt, unless it did not happen this time.
                body["anyOf"] = json!([{"required": ["felt_anxiety"]}, {"required": ["not_this_time"], "properties": {"not_this_time": {"const": true}}}]);
                body
            }), ("200", r("Tried"))),
        },
        "/v1/steps/{id}/set-aside": {
            "parameters": step_id(),
            "post": op("Take a step off the ladder for now, or put it back with undo", Some(object(json!({"undo": {"type": "boolean"}}), &[])), ("200", r("Step"))),
        },
        "/v1/thoughts": {
            "get": op("Thought records, oldest first", None, ("200", list_of("thoughts", "Thought"))),
            "post": op("Write a thought record", Some(object(json!({"situation": note(), "thought": note(), "belief": int(0, 100), "evidence_for": note(), "evidence_against": note(), "kinder": note(), "belief_after": int(0, 100)}), &["situation", "thought", "belief"])), ("201", r("Thought"))),
        },
        "/v1/emotions": {
            "get": op("The emotion words by energy (1-4) and pleasantness (1-4), with their meanings", None, ("200", json!({"type": "object"}))),
        },
        "/v1/ladder/report": {
            "get": op("Predictions against outcomes, of steps and of plans with a prediction (`plans`, `total_done`, `total_better`), as `kith step report --json`, with the feelings report as `feelings`", None, ("200", json!({"type": "object"}))),
        },
    });
    let person =
        json!({"oneOf": [{"type": "null"}, object(json!({"id": text(), "name": text()}), &["id", "name"])]});
    let step = json!({"id": text(), "short_id": text(), "title": text(), "person": person, "mode": text(), "difficulty": int(0, 10), "status": {"enum": ["active", "set_aside"]}, "created_at": text(), "set_aside_at": nullable("string")});
    let mut progress = step.clone();
    for (k, v) in [
        ("state", json!({"enum": ["not_yet", "trying", "comfortable", "mastered", "set_aside"]})),
        ("done", json!({"type": "integer"})),
        ("let_go", json!({"type": "integer"})),
        ("felt_anxiety", json!({"type": "array", "items": {"type": "integer"}})),
        ("open_attempt_id", nullable("string")),
        ("is_next", json!({"type": "boolean"})),
        ("tries", json!({"type": "array", "items": r("Attempt")})),
    ] {
        progress[k] = v;
    }
    let schemas = json!({
        "Step": object(step, &["id", "short_id", "title", "person", "mode", "difficulty", "status"]),
        "StepProgress": object(progress, &["id", "title", "state", "is_next"]),
        "Ladder": object(json!({"steps": {"type": "array", "items": r("StepProgress")}, "next": nullable("string"), "mastered": {"type": "integer"}, "comfortable": {"type": "integer"}, "text": text()}), &["steps", "next", "text"]),
        "Attempt": object(json!({"id": text(), "step_id": text(), "predicted_at": text(), "predicted_anxiety": int(0, 10), "expected": nullable("integer"), "fear": nullable("string"), "emotions_before": {"type": "array", "items": text()}, "outcome": {"enum": ["open", "done", "not_this_time"]}, "outcome_at": nullable("string"), "felt_anxiety": nullable("integer"), "went": nullable("integer"), "felt": nullable("integer"), "happened": nullable("string"), "interaction_id": nullable("string"), "emotions_after": {"type": "array", "items": text()}}), &["id", "step_id", "predicted_at", "predicted_anxiety", "outcome"]),
        "Tried": object(json!({"phase": {"enum": ["predicted", "done", "not_this_time"]}, "step": r("Step"), "attempt": r("Attempt"), "interaction": {"oneOf": [{"type": "null"}, r("Interaction")]}, "state": text(), "next": nullable("string"), "message": text()}), &["phase", "step", "attempt", "state", "message"]),
        "Thought": object(json!({"id": text(), "at": text(), "situation": text(), "thought": text(), "belief": int(0, 100), "evidence_for": nullable("string"), "evidence_against": nullable("string"), "kinder": nullable("string"), "belief_after": nullable("integer")}), &["id", "at", "situation", "thought", "belief"]),
    });
    for (section, add) in [("paths", paths), ("components", json!({"schemas": schemas}))] {
        merge(&mut doc[section], add);
    }
}

fn merge(into: &mut Value, add: Value) {
    match (into, add) {
        (Value::Object(into), Value::Object(add)) => {
            for (k, v) in add {
                merge(into.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, add) => *slot = add,
    }
}

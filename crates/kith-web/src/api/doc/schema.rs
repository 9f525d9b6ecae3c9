//! The pieces the OpenAPI document is built of: references, objects, operations with every
//! error they can answer, and the shapes of the values kith takes.

use serde_json::{Value, json};

pub(super) fn ok(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

pub(super) fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

pub(super) fn list_of(key: &str, name: &str) -> Value {
    json!({"type": "object", "properties": {key: {"type": "array", "items": r(name)}}, "required": [key]})
}

pub(super) fn errors() -> Value {
    json!({
        "404": ok("Not found", r("Error")),
        "409": ok("Conflicts with what is stored (a name taken, a plan already settled)", r("Error")),
        "422": ok("A value does not fit; `field` names it", r("Error")),
    })
}

/// The database cannot be reached or its disk is full: nothing was saved, try again.
pub(super) fn unavailable() -> Value {
    let mut answer = ok(
        "The database cannot be reached or its disk is full (code `unavailable`); nothing was saved: send the same request again after `Retry-After` seconds",
        r("Error"),
    );
    answer["headers"] = json!({"Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}});
    answer
}

/// An operation. A body is required when it names a required field; either way it takes
/// no fields but those it names.
pub(super) fn op(summary: &str, body: Option<Value>, success: (&str, Value)) -> Value {
    let mut responses = errors();
    responses[success.0] = ok(summary, success.1);
    let mut o = json!({"summary": summary, "responses": responses});
    if let Some(mut schema) = body {
        let required = schema["required"].as_array().is_some_and(|r| !r.is_empty());
        schema["additionalProperties"] = json!(false);
        o["requestBody"] = json!({"required": required, "content": {"application/json": {"schema": schema}}});
    }
    o
}

/// Characters no text kith keeps may hold: control characters, line breaks and tabs aside
/// where `lines` is true.
pub(super) fn no_control(lines: bool) -> Value {
    if lines {
        json!({"type": "string", "pattern": "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]"})
    } else {
        json!({"type": "string", "pattern": "[\\x00-\\x1f\\x7f-\\x9f]"})
    }
}

/// Text that is not only white space, of at most `max` characters, without control
/// characters (line breaks and tabs allowed where `lines` is true): a note, a title.
pub(super) fn words_up_to(max: usize, lines: bool) -> Value {
    json!({"type": "string", "maxLength": max, "pattern": "\\S", "not": no_control(lines)})
}

/// A mode: its name, or one of the other words people use for it (`call`, `zoom`, `sms`).
pub(super) fn mode() -> Value {
    let mut words: Vec<&str> = kith_core::Mode::ALL.iter().map(|m| m.as_str()).collect();
    words.extend(kith_core::Mode::WORDS.iter().flat_map(|(_, w)| w.iter().copied()));
    json!({"enum": words, "description": "in_person, voice, video, text or social, or a word such as call, zoom, sms or irl"})
}

/// `schema`, or null.
pub(super) fn or_null(mut schema: Value) -> Value {
    let t = schema["type"].clone();
    schema["type"] = json!([t, "null"]);
    schema
}

/// A person's name: 1 to 80 characters, not only white space, without commas or control
/// characters.
pub(super) fn name() -> Value {
    json!({"type": "string", "maxLength": kith_core::person::NAME_MAX_CHARS, "pattern": "\\S", "not": {"type": "string", "pattern": "[,\\x00-\\x1f\\x7f-\\x9f]"}})
}

/// A tag: one word of at most 40 characters; a leading # is dropped.
pub(super) fn tag() -> Value {
    json!({"type": "string", "maxLength": 40, "pattern": "[^#\\s]", "not": {"type": "string", "pattern": "[\\s,\\x00-\\x1f\\x7f-\\x9f]"}})
}

/// Every answer an operation may give besides its success: the JSON error envelope for a
/// request that does not fit (400 not JSON, 413 too large, 415 not sent as JSON, 422 a value
/// that does not fit), an id or a name that names nothing (404), and 503.
pub(super) fn every_error(operation: &mut Value) {
    let has_body = operation.get("requestBody").is_some();
    let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else { return };
    responses.entry("404").or_insert_with(|| ok("No such id, name or path (code `not_found`)", r("Error")));
    responses.entry("400").or_insert_with(|| ok("The body is not JSON or the query string does not fit (codes `bad_json`, `missing_body`, `bad_query`)", r("Error")));
    responses.entry("422").or_insert_with(|| ok("A value does not fit; `field` names it", r("Error")));
    if has_body {
        responses.entry("413").or_insert_with(|| ok("The body is too large (code `too_large`)", r("Error")));
        responses.entry("415").or_insert_with(|| {
            ok("The body was not sent as JSON (code `unsupported_media_type`)", r("Error"))
        });
    }
    responses.entry("503").or_insert_with(unavailable);
}

pub(super) fn path_id(what: &str) -> Value {
    json!([{"name": "id", "in": "path", "required": true, "description": what, "schema": {"type": "string"}}])
}

pub(super) fn text() -> Value {
    json!({"type": "string"})
}

pub(super) fn nullable(t: &str) -> Value {
    json!({"type": [t, "null"]})
}

pub(super) fn object(props: Value, required: &[&str]) -> Value {
    json!({"type": "object", "properties": props, "required": required})
}

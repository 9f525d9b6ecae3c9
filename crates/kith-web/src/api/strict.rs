//! The API's contract, kept: every request body is read against the schema the OpenAPI
//! document (`doc.rs`) gives its operation before a handler sees it. A body of the wrong
//! media type, JSON that does not parse, a value of the wrong type, a field the operation does
//! not take or one it needs left out is answered with the JSON error envelope and changes
//! nothing. The document is the one place the shapes are written, so what the API says it
//! takes and what it takes cannot drift apart.

use super::doc;
use crate::app::AppState;
use crate::error::{ApiError, AppError};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Query, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The OpenAPI document, built once.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(doc::document)
}

/// Where the document describes the API's operations from: `/api` is its server.
const PREFIX: &str = "/api";

/// A request body that fits its operation's schema. An operation whose body is optional
/// and sent none reads as an empty object.
pub struct Body(pub Value);

/// A query string read into `T`, refused as JSON when it does not fit.
pub struct Params<T>(pub T);

fn refuse(
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
    hint: &str,
) -> ApiError {
    ApiError(AppError::Request { status, code, message, field, hint: Some(hint.to_owned()) })
}

const SEE_DOC: &str = "The API document at /api/openapi.json describes each operation's body.";

impl FromRequest<AppState> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let spec = req
            .extensions()
            .get::<MatchedPath>()
            .and_then(|m| operation(m.as_str(), req.method()))
            .and_then(|o| o.get("requestBody"));
        let json = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(is_json);
        let bytes = Bytes::from_request(req, state).await.map_err(unread)?;
        let Some(spec) = spec else {
            // The operation takes no body: whatever came is not read.
            return Ok(Body(Value::Object(Map::new())));
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            if spec["required"].as_bool().unwrap_or(false) {
                return Err(refuse(
                    StatusCode::BAD_REQUEST,
                    "missing_body",
                    "This request needs a JSON body, and none came.".to_owned(),
                    None,
                    "Send a JSON object with Content-Type: application/json.",
                ));
            }
            return Ok(Body(Value::Object(Map::new())));
        }
        if !json {
            return Err(refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "The body must be JSON.".to_owned(),
                None,
                "Send it with Content-Type: application/json.",
            ));
        }
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
            refuse(
                StatusCode::BAD_REQUEST,
                "bad_json",
                format!("The body is not valid JSON (line {}, column {}).", e.line(), e.column()),
                None,
                "Check the quotes, commas and brackets; a JSON validator shows where it goes wrong.",
            )
        })?;
        check(&spec["content"]["application/json"]["schema"], &value, "").map_err(|m| {
            refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                m.message,
                m.field,
                m.hint.as_deref().unwrap_or(SEE_DOC),
            )
        })?;
        Ok(Body(value))
    }
}

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(q)) => Ok(Params(q)),
            Err(e) => Err(refuse(
                StatusCode::BAD_REQUEST,
                "bad_query",
                format!("The query string does not fit this request: {}.", e.body_text()),
                None,
                "The API document at /api/openapi.json lists each operation's query parameters.",
            )),
        }
    }
}

/// The JSON media types: `application/json`, and `application/...+json`.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A body that could not be read: over the limit, or cut short.
fn unread(e: BytesRejection) -> ApiError {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        refuse(
            status,
            "too_large",
            "The body is larger than this request takes.".to_owned(),
            None,
            "Files go to /api/v1/import/{format}, which takes up to 256 MiB.",
        )
    } else {
        refuse(
            StatusCode::BAD_REQUEST,
            "bad_body",
            format!("The body could not be read: {}.", e.body_text()),
            None,
            SEE_DOC,
        )
    }
}

/// The document's operation for a matched route and method.
fn operation(route: &str, method: &Method) -> Option<&'static Value> {
    let path = route.strip_prefix(PREFIX).unwrap_or(route);
    document()["paths"].get(path)?.get(method.as_str().to_ascii_lowercase())
}

/// Why a value does not fit, and where.
#[derive(Debug)]
pub(crate) struct Misfit {
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

fn misfit(at: &str, schema: &Value, why: String) -> Misfit {
    Misfit {
        field: (!at.is_empty()).then(|| at.to_owned()),
        message: why,
        hint: schema.get("description").and_then(Value::as_str).map(|d| format!("It takes {d}.")),
    }
}

/// `#/components/schemas/NAME` read from the document.
fn resolve(schema: &Value) -> &Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/components/schemas/")
            .and_then(|name| document()["components"]["schemas"].get(name))
            .unwrap_or(schema),
        None => schema,
    }
}

/// "“felt” should be a whole number from -2 to 2 (it was 7)."
fn should_be(at: &str, schema: &Value, value: &Value) -> String {
    let given = match value {
        Value::String(s) if s.chars().count() > 40 => {
            format!("“{}…”", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("“{s}”"),
        Value::Number(_) | Value::Bool(_) | Value::Null => format!("“{value}”"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    };
    format!("{} should be {} (it was {given}).", named(at), expected(schema))
}

fn named(at: &str) -> String {
    if at.is_empty() { "The body".to_owned() } else { format!("“{at}”") }
}

/// Checks `value` against the part of JSON Schema the document uses: `$ref`, `oneOf`,
/// `anyOf`, `not`, `const`, `type` (with `null`), `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`,
/// `items`, `minItems`, `maxItems`, `properties`, `required` and `additionalProperties`.
pub(crate) fn check(schema: &Value, value: &Value, at: &str) -> Result<(), Misfit> {
    let schema = resolve(schema);
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = options.iter().filter(|o| check(o, value, at).is_ok()).count();
        if fits != 1 {
            return Err(misfit(at, schema, should_be(at, schema, value)));
        }
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array)
        && let Some(Err(first)) = options
            .iter()
            .map(|o| check(o, value, at))
            .find(Result::is_err)
            .filter(|_| options.iter().all(|o| check(o, value, at).is_err()))
    {
        return Err(first);
    }
    if let Some(wanted) = schema.get("const")
        && wanted != value
    {
        return Err(misfit(at, schema, format!("{} should be {wanted}.", named(at))));
    }
    if let Some(never) = schema.get("not")
        && check(never, value, at).is_ok()
    {
        return Err(misfit(at, schema, should_be(at, schema, value)));
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !types.iter().any(|t| is_type(value, t)) {
            return Err(misfit(at, schema, should_be(at, schema, value)));
        }
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array)
        && !choices.contains(value)
    {
        return Err(misfit(at, schema, should_be(at, schema, value)));
    }
    match value {
        Value::String(s) => {
            let chars = s.chars().count() as u64;
            let short = schema.get("minLength").and_then(Value::as_u64).is_some_and(|n| chars < n);
            let long = schema.get("maxLength").and_then(Value::as_u64).is_some_and(|n| chars > n);
            let unmatched = schema.get("pattern").and_then(Value::as_str).is_some_and(|p| !matches(p, s));
            if short || long || unmatched {
                return Err(misfit(at, schema, should_be(at, schema, value)));
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            let low = schema.get("minimum").and_then(Value::as_f64).is_some_and(|m| x < m);
            let high = schema.get("maximum").and_then(Value::as_f64).is_some_and(|m| x > m);
            if low || high {
                return Err(misfit(at, schema, should_be(at, schema, value)));
            }
        }
        Value::Array(items) => {
            let n = items.len() as u64;
            let few = schema.get("minItems").and_then(Value::as_u64).is_some_and(|m| n < m);
            let many = schema.get("maxItems").and_then(Value::as_u64).is_some_and(|m| n > m);
            if few || many {
                return Err(misfit(at, schema, should_be(at, schema, value)));
            }
            if let Some(each) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(each, item, &format!("{at}[{i}]"))?;
                }
            }
        }
        Value::Object(map) => {
            let inner = |key: &str| if at.is_empty() { key.to_owned() } else { format!("{at}.{key}") };
            for key in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                if let Some(key) = key.as_str()
                    && !map.contains_key(key)
                {
                    let what = schema.get("properties").and_then(|p| p.get(key)).unwrap_or(&Value::Null);
                    return Err(misfit(&inner(key), what, format!("“{}” is needed here.", inner(key))));
                }
            }
            let properties = schema.get("properties").and_then(Value::as_object);
            let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
            for (key, v) in map {
                match properties.and_then(|p| p.get(key)) {
                    Some(s) => check(s, v, &inner(key))?,
                    None if closed => {
                        let known: Vec<&str> =
                            properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
                        return Err(Misfit {
                            field: Some(inner(key)),
                            message: format!("“{}” is not something this request takes.", inner(key)),
                            hint: Some(format!("It takes {}.", list_words(&known, "and"))),
                        });
                    }
                    None => {}
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Whether `text` holds a match of `pattern`, as JSON Schema's `pattern` asks. The document's
/// patterns are few and fixed, so each is compiled once; one that does not compile matches
/// everything (the document's own tests keep that from happening).
fn matches(pattern: &str, text: &str) -> bool {
    static COMPILED: OnceLock<std::sync::Mutex<std::collections::HashMap<String, Option<regex::Regex>>>> =
        OnceLock::new();
    let mut compiled = COMPILED.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    compiled
        .entry(pattern.to_owned())
        .or_insert_with(|| regex::Regex::new(pattern).ok())
        .as_ref()
        .is_none_or(|re| re.is_match(text))
}

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => {
            value.as_i64().is_some() || value.as_f64().is_some_and(|x| x.is_finite() && x.fract() == 0.0)
        }
        _ => false,
    }
}

fn list_words(items: &[&str], last: &str) -> String {
    match items {
        [] => "nothing".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

/// What a schema takes, in words: "a whole number from 1 to 365", "one of me or them".
fn expected(schema: &Value) -> String {
    let schema = resolve(schema);
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        if let Some(described) = schema.get("description").and_then(Value::as_str) {
            return described.to_owned();
        }
        let each: Vec<String> = options.iter().map(expected).collect();
        let each: Vec<&str> = each.iter().map(String::as_str).collect();
        return list_words(&each, "or");
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array) {
        let words: Vec<String> =
            choices.iter().map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_owned)).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        return format!("one of {}", list_words(&words, "or"));
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let null = types.contains(&"null");
    let words = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "integer" | "number" => {
                let noun = if *t == "integer" { "a whole number" } else { "a number" };
                match (
                    schema.get("minimum").and_then(Value::as_f64),
                    schema.get("maximum").and_then(Value::as_f64),
                ) {
                    (Some(lo), Some(hi)) => format!("{noun} from {lo} to {hi}"),
                    (Some(lo), None) => format!("{noun} of at least {lo}"),
                    (None, Some(hi)) => format!("{noun} of at most {hi}"),
                    (None, None) => noun.to_owned(),
                }
            }
            "string" => {
                let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0);
                match schema.get("maxLength").and_then(Value::as_u64) {
                    Some(max) if min > 0 => format!("text of {min} to {max} characters"),
                    Some(max) => format!("text of at most {max} characters"),
                    None if min > 0 || schema.get("pattern").is_some() => "text that is not empty".to_owned(),
                    None => "text".to_owned(),
                }
            }
            "boolean" => "true or false".to_owned(),
            "array" => match schema.get("items").map(expected) {
                Some(each) => format!("a list, each {each}"),
                None => "a list".to_owned(),
            },
            "object" => "a JSON object".to_owned(),
            other => other.to_owned(),
        })
        .collect::<Vec<String>>();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut out = if words.is_empty() { "a value".to_owned() } else { list_words(&words, "or") };
    if null {
        out.push_str(", or null to leave it unset");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fits(schema: Value, value: Value) -> Result<(), Misfit> {
        check(&schema, &value, "")
    }

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction() {
        let days = json!({"type": "integer", "minimum": 1, "maximum": 365});
        assert!(fits(days.clone(), json!(182)).is_ok());
        assert!(fits(days.clone(), json!(182.0)).is_ok());
        assert!(fits(days.clone(), json!(182.5)).is_err());
        let e = fits(days, json!(0)).expect_err("below the minimum");
        assert_eq!(e.message, "The body should be a whole number from 1 to 365 (it was “0”).");
    }

    #[test]
    fn unknown_fields_and_missing_ones_are_named() {
        let body = json!({"type": "object", "additionalProperties": false, "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1}, "note": {"type": ["string", "null"]}}});
        let e = fits(body.clone(), json!({"name": "Sam", "nmae": "x"})).expect_err("unknown");
        assert_eq!(e.field.as_deref(), Some("nmae"));
        assert_eq!(e.hint.as_deref(), Some("It takes name and note."));
        let e = fits(body.clone(), json!({"note": null})).expect_err("missing");
        assert_eq!((e.field.as_deref(), e.message.as_str()), (Some("name"), "“name” is needed here."));
        let e = fits(body.clone(), json!({"name": 42})).expect_err("a number for a name");
        assert_eq!(e.message, "“name” should be text that is not empty (it was “42”).");
        assert!(fits(body, json!({"name": "Sam", "note": null})).is_ok());
    }

    #[test]
    fn lists_are_checked_item_by_item_and_one_of_takes_exactly_one() {
        let people = json!({"oneOf": [{"type": "array", "items": {"type": "string"}, "minItems": 1}, {"type": "string"}]});
        assert!(fits(people.clone(), json!(["Sam", "Alex"])).is_ok());
        assert!(fits(people.clone(), json!("Sam, Alex")).is_ok());
        let e = fits(people.clone(), json!({})).expect_err("an object");
        assert_eq!(e.message, "The body should be a list, each text or text (it was an object).");
        let nested = json!({"type": "object", "properties": {"people": {"type": "array", "items": {"type": "string"}}}});
        let e = fits(nested, json!({"people": ["Sam", 3]})).expect_err("a number in the list");
        assert_eq!(e.field.as_deref(), Some("people[1]"));
    }

    #[test]
    fn patterns_and_lengths_hold() {
        let name = json!({"type": "string", "pattern": "\\S", "maxLength": 5});
        assert!(fits(name.clone(), json!("Sam")).is_ok());
        assert!(fits(name.clone(), json!("   ")).is_err());
        assert!(fits(name, json!("Samantha")).is_err());
    }

    #[test]
    fn every_pattern_in_the_document_compiles() {
        fn walk(v: &Value, found: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(p)) = m.get("pattern") {
                        found.push(p.clone());
                    }
                    m.values().for_each(|x| walk(x, found));
                }
                Value::Array(items) => items.iter().for_each(|x| walk(x, found)),
                _ => {}
            }
        }
        let mut found = vec![];
        walk(document(), &mut found);
        assert!(found.len() >= 5, "{found:?}");
        for p in found {
            assert!(regex::Regex::new(&p).is_ok(), "{p}");
        }
    }

    #[test]
    fn json_media_types_are_recognised() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/merge-patch+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/x-www-form-urlencoded"));
    }
}

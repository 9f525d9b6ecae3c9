//! The OpenAPI 3.1 document for `/api/v1`, written by hand: the API is small, its shapes
//! are the CLI's documented `--json` contract, and a hand-written document keeps the build
//! free of a schema generator.

mod ladder;
mod schema;

use schema::*;
use serde_json::{Value, json};

/// The whole document.
pub fn document() -> Value {
    let mut doc = whole();
    ladder::extend(&mut doc);
    if let Some(paths) = doc["paths"].as_object_mut() {
        for operations in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, operation) in operations.iter_mut() {
                if method != "parameters" {
                    every_error(operation);
                }
            }
        }
    }
    doc
}

fn whole() -> Value {
    let when = json!({"type": "string", "description": "RFC 3339, YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", HH:MM, \"today 18:00\", \"friday 19:00\", or a shift such as -2h or +1w, as the CLI's WHEN"});
    let day = json!({"type": "string", "description": "a day: YYYY-MM-DD, \"today\", \"yesterday\", a weekday such as \"friday\" (the last one), or a shift such as -3d, as the CLI's DATE"});
    let people = json!({"description": "ids, names, aliases or unique first names; an array or a comma-separated string", "oneOf": [{"type": "array", "items": {"type": "string"}, "minItems": 1}, {"type": "string", "pattern": "[^,\\s]"}]});
    let note = words_up_to(kith_core::text::NOTE_MAX_CHARS, true);
    let tags = json!({"type": "array", "items": tag()});
    let circle =
        json!({"enum": ["partner", "family", "friend", "colleague", "community", "professional", "other"]});
    let who =
        json!({"type": "array", "items": object(json!({"id": text(), "name": text()}), &["id", "name"])});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "kith",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The operations of kith's command line, as JSON. Shapes match `kith --json` (docs/cli-json.md). Served on this computer only, by default.",
        },
        "servers": [{"url": "/api"}],
        "paths": {
            "/v1/people": {
                "get": op("Everyone not archived", None, ("200", list_of("people", "Person"))),
                "post": op("Add a person", Some(object(json!({"name": name(), "circle": circle.clone(), "cadence_days": {"type": "integer", "minimum": 1, "maximum": 730}, "aliases": {"type": "array", "items": words_up_to(200, false)}, "note": note.clone()}), &["name"])), ("201", r("Person"))),
            },
            "/v1/people/{id}": {
                "parameters": path_id("the person's id, name, alias or unique first name"),
                "get": op("A person, with how many interactions and the last ten", None, ("200", r("Person"))),
                "patch": op("Change a person; null clears cadence or note", Some(object(json!({"name": name(), "circle": circle, "cadence_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 730}, "note": or_null(note.clone()), "archived": {"type": "boolean"}}), &[])), ("200", r("Person"))),
            },
            "/v1/people/{id}/snooze": {
                "parameters": path_id("the person"),
                "post": op("Quiet reach-out suggestions about someone for a while", Some(object(json!({"days": {"type": "integer", "minimum": 1, "maximum": 365}}), &["days"])), ("200", r("Person"))),
            },
            "/v1/interactions": {
                "get": {
                    "summary": "Interactions, oldest first",
                    "parameters": [
                        {"name": "since", "in": "query", "schema": when.clone()},
                        {"name": "person", "in": "query", "schema": text()},
                    ],
                    "responses": {"200": ok("Interactions", list_of("interactions", "Interaction"))},
                },
                "post": op("Log an interaction (409 repeat when the same was logged within 10 minutes, unless again is true)", Some(object(json!({"people": people.clone(), "mode": mode(), "minutes": {"type": "integer", "minimum": 0, "maximum": 1440}, "felt": {"type": "integer", "minimum": -2, "maximum": 2}, "at": when.clone(), "by": {"enum": ["me", "them"]}, "tags": tags.clone(), "note": note.clone(), "trivial": {"type": "boolean"}, "again": {"type": "boolean"}, "new": {"type": "boolean", "description": "add anyone named who is not in kith yet (circle: other), as `kith log --new`"}, "emotions_before": ladder::words(), "emotions_after": ladder::words()}), &["people", "mode"])), ("201", r("Interaction"))),
            },
            "/v1/interactions/{id}": {
                "parameters": path_id("the interaction's id, or a unique prefix of at least four characters"),
                "patch": op("Change a logged interaction: what the body names changes; null removes a length, a feeling or a note", Some(object(json!({"people": people.clone(), "mode": mode(), "minutes": {"type": ["integer", "null"], "minimum": 0, "maximum": 1440}, "felt": {"type": ["integer", "null"], "minimum": -2, "maximum": 2}, "at": when.clone(), "by": {"enum": ["me", "them"]}, "tags": tags, "note": or_null(note.clone()), "trivial": {"type": "boolean"}}), &[])), ("200", r("Interaction"))),
                "delete": op("Delete a logged interaction, with its links to people and the emotions named on it", None, ("200", object(json!({"deleted": text()}), &["deleted"]))),
            },
            "/v1/plans": {
                "get": {
                    "summary": "Plans in start order",
                    "parameters": [{"name": "upcoming", "in": "query", "schema": {"type": "boolean"}}],
                    "responses": {"200": ok("Plans", list_of("plans", "Plan"))},
                },
                "post": op("Add a plan, optionally with a prediction (anxiety, expect: 0-10)", Some(object(json!({"people": people, "at": when.clone(), "mode": mode(), "note": note.clone(), "anxiety": {"type": "integer", "minimum": 0, "maximum": 10}, "expect": {"type": "integer", "minimum": 0, "maximum": 10}}), &["people", "at", "mode"])), ("201", r("Plan"))),
            },
            "/v1/plans/{id}/done": {
                "parameters": path_id("a plan id or a unique prefix of at least four characters"),
                "post": op("Mark a plan kept; records the interaction it became, and how it went against its prediction (felt_anxiety, went: 0-10)", Some({
                    let mut body = object(json!({"minutes": {"type": "integer", "minimum": 0, "maximum": 1440}, "felt": {"type": "integer", "minimum": -2, "maximum": 2}, "felt_anxiety": {"type": "integer", "minimum": 0, "maximum": 10}, "went": {"type": "integer", "minimum": 0, "maximum": 10}}), &[]);
                    // How well it went only with how anxious it felt.
                    body["anyOf"] = json!([{"not": {"required": ["went"]}}, {"required": ["felt_anxiety"]}]);
                    body
                }), ("200", object(json!({"plan": r("Plan"), "interaction": r("Interaction")}), &["plan", "interaction"]))),
            },
            "/v1/plans/{id}/cancel": {
                "parameters": path_id("a plan id or prefix"),
                "post": op("Cancel a plan, keeping how much notice it gave", Some(object(json!({"by": {"enum": ["me", "them"]}, "at": when.clone()}), &["by"])), ("200", r("Plan"))),
            },
            "/v1/plans/{id}/missed": {
                "parameters": path_id("a plan id or prefix"),
                "post": op("Mark a plan missed", None, ("200", r("Plan"))),
            },
            "/v1/plans/{id}/moved": {
                "parameters": path_id("a plan id or prefix"),
                "post": op("Move a plan: the old one is kept as moved and a new one made", Some(object(json!({"to": when.clone()}), &["to"])), ("200", object(json!({"moved": r("Plan"), "plan": r("Plan")}), &["moved", "plan"]))),
            },
            "/v1/plans/{id}": {
                "parameters": path_id("a plan id or prefix"),
                "patch": op("Change a plan's time, mode, people or note (null removes the note)", Some(object(json!({"at": when.clone(), "mode": mode(), "people": people.clone(), "note": or_null(note.clone())}), &[])), ("200", r("Plan"))),
                "delete": op("Delete a plan made by mistake, with its links and prediction", None, ("200", object(json!({"deleted": text()}), &["deleted"]))),
            },
            "/v1/checkins/{date}": {
                "parameters": [{"name": "date", "in": "path", "required": true, "description": "the day: 2026-11-20, today, yesterday", "schema": {"type": "string"}}],
                "patch": op("Change a day's check-in: the answers the body names; null leaves energy, stress, time alone, whether it restored, what felt affected or the note unanswered", Some(object(json!({"mood": {"type": "integer", "minimum": 1, "maximum": 5}, "capacity": {"type": "integer", "minimum": 0, "maximum": 5}, "energy": {"type": ["integer", "null"], "minimum": 1, "maximum": 5}, "stress": {"type": ["integer", "null"], "minimum": 1, "maximum": 5}, "alone_minutes": {"type": ["integer", "null"], "minimum": 0, "maximum": 1440}, "alone_restored": nullable("boolean"), "affected": {"type": ["array", "null"], "items": {"enum": ["sleep", "eating", "mood", "motivation"]}}, "note": or_null(note.clone())}), &[])), ("200", r("CheckIn"))),
                "delete": op("Delete a day's check-in", None, ("200", object(json!({"deleted": text()}), &["deleted"]))),
            },
            "/v1/checkins": {
                "get": {
                    "summary": "Check-ins by day",
                    "parameters": [{"name": "since", "in": "query", "schema": when.clone()}],
                    "responses": {"200": ok("Check-ins", list_of("checkins", "CheckIn"))},
                },
                "post": op("Today's check-in (409 when there is one, unless replace is true)", Some(object(json!({"energy": {"type": "integer", "minimum": 1, "maximum": 5}, "mood": {"type": "integer", "minimum": 1, "maximum": 5}, "stress": {"type": "integer", "minimum": 1, "maximum": 5}, "capacity": {"type": "integer", "minimum": 0, "maximum": 5}, "alone_minutes": {"type": "integer", "minimum": 0, "maximum": 1440}, "alone_restored": {"type": "boolean"}, "affected": {"type": "array", "items": {"enum": ["sleep", "eating", "mood", "motivation"]}}, "note": note.clone(), "date": when, "replace": {"type": "boolean"}, "emotions": ladder::words()}), &["mood", "capacity"])), ("201", r("CheckIn"))),
            },
            "/v1/away": {
                "get": op("Days marked as away, by first day (as `kith away list --json`)", None, ("200", list_of("away", "Away"))),
                "post": op("Mark days as away: from and to (both included, at most 366 days) take what WHEN takes, the time ignored; the rules leave these days out", Some(object(json!({"from": day.clone(), "to": day, "note": note}), &["from", "to"])), ("201", r("Away"))),
            },
            "/v1/away/{id}": {
                "parameters": path_id("the id of days away, or a unique prefix of at least four characters"),
                "delete": op("Remove days away: kith counts them again", None, ("200", object(json!({"removed": r("Away")}), &["removed"]))),
            },
            "/v1/today": {"get": op("Today: one a day, reach out, plans, capacity, signals, support, and at most two suggestions, each with kind, text, why and people (as `kith today --json`)", None, ("200", json!({"type": "object"})))},
            "/v1/suggestions/not-now": {"post": op("Not now: hide a kind of suggestion for `days` days (default: the setting suggestions.not_now_days), today included (as `kith today --not-now KIND`)", Some(object(json!({"kind": {"enum": ["together_and_restful", "shared_activity", "call_instead_of_text", "give_support", "join_a_group", "balance_drain", "instead_of_cancelling"]}, "days": {"type": "integer", "minimum": 1, "maximum": 365}}), &["kind"])), ("200", object(json!({"kind": text(), "until": {"type": "string", "format": "date"}}), &["kind", "until"])))},
            "/v1/map": {"get": op("The connection map (as `kith map --json`)", None, ("200", json!({"type": "object"})))},
            "/v1/score": {"get": op("The weekly connection score (as `kith score --json`)", None, ("200", json!({"type": "object"})))},
            "/v1/signals": {"get": op("Signals with their evidence (as `kith signals --json`)", None, ("200", json!({"type": "object"})))},
            "/v1/import/{format}": {"post": {
                "summary": "Import a calendar, contacts, or a chat or call export (as `kith import FORMAT FILE --json`); the body is the file, up to 256 MiB, written to a private temporary file as it arrives. With dry_run=true nothing is written: the answer says what would be created, matched, merged and skipped. One transaction; importing the same file again adds nothing new.",
                "parameters": [
                    {"name": "format", "in": "path", "required": true, "schema": {"enum": ["ics", "vcf", "whatsapp", "sms", "telegram", "messenger", "google-chat", "google-voice"]}},
                    {"name": "dry_run", "in": "query", "description": "preview only: do the whole import and write nothing", "schema": {"type": "boolean"}},
                    {"name": "create_people", "in": "query", "description": "add a person for each chat member, number or attendee that matches no one", "schema": {"type": "boolean"}},
                    {"name": "assume_attended", "in": "query", "description": "calendar events already past count as attended", "schema": {"type": "boolean"}},
                    {"name": "map", "in": "query", "description": "Name in the file=Person in kith; repeat for several", "schema": {"type": "array", "items": text()}, "style": "form", "explode": true},
                    {"name": "date_order", "in": "query", "description": "the order of day, month and year in a WhatsApp export, when the file cannot tell", "schema": {"enum": ["dmy", "mdy", "ymd"]}},
                    {"name": "me", "in": "query", "description": "your own name in a group export, when kith cannot tell", "schema": text()},
                    {"name": "tz", "in": "query", "description": "the IANA zone the file's times are read in (default: the server's)", "schema": text()},
                    {"name": "unanswered_after", "in": "query", "description": "hours before a message without a reply counts as unanswered (default 48)", "schema": {"type": "integer", "minimum": 1}},
                    {"name": "name", "in": "query", "description": "the file's name, shown in messages and as `file` (default upload)", "schema": text()},
                ],
                "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {
                    "200": ok("What was imported, or would be with dry_run", r("ImportResult")),
                    "413": ok("The file is over 256 MiB", r("Error")),
                    "422": ok("The file is not the format named or is cut short (the message names the line or record), or an option does not fit; `field` names it. Nothing was written.", r("Error")),
                    "408": ok("The body stopped arriving for longer than the server's body timeout (code `timeout`). Nothing was written.", r("Error")),
                    "429": ok("As many uploads as the server takes at once are arriving (code `busy`); the `Retry-After` header says in how many seconds to send again. Nothing was read.", r("Error")),
                },
            }},
            "/v1/report": {"get": {
                "summary": "A week or month in review (as `kith report --json`)",
                "parameters": [{"name": "period", "in": "query", "schema": {"enum": ["week", "month"]}}],
                "responses": {"200": ok("The report", json!({"type": "object"})), "422": ok("A value does not fit", r("Error"))},
            }},
        },
        "components": {"schemas": {
            "ImportResult": object(json!({"format": text(), "file": text(), "dry_run": {"type": "boolean"}, "people": object(json!({"created": {"type": "array", "items": text()}, "merged": {"type": "array", "items": text()}, "matched": {"type": "array", "items": text()}, "matched_how": {"type": "array", "items": object(json!({"in_file": text(), "person": text(), "how": {"enum": ["map", "alias", "first_name"]}}), &["in_file", "person", "how"])}}), &["created", "merged", "matched", "matched_how"]), "interactions": {"type": "integer"}, "plans": {"type": "integer"}, "already_present": {"type": "integer"}, "updated": {"type": "integer"}, "birthdays": {"type": "integer"}, "outside_window": {"type": "integer"}, "merges": {"type": "array", "items": object(json!({"record": {"type": "integer"}, "name": text(), "into": text(), "with_record": nullable("integer")}), &["record", "name", "into", "with_record"])}, "skipped": {"type": "array", "items": object(json!({"line": nullable("integer"), "record": nullable("integer"), "reason": text()}), &["line", "record", "reason"])}, "warnings": {"type": "array", "items": object(json!({"line": nullable("integer"), "record": nullable("integer"), "reason": text()}), &["line", "record", "reason"])}}), &["format", "file", "dry_run", "people", "interactions", "plans", "already_present", "updated", "birthdays", "outside_window", "merges", "skipped", "warnings"]),
            "Error": object(json!({"error": object(json!({"code": text(), "message": text(), "field": nullable("string"), "hint": text()}), &["code", "message", "field"])}), &["error"]),
            "Person": object(json!({"id": text(), "name": text(), "circle": text(), "cadence_days": nullable("integer"), "aliases": {"type": "array", "items": text()}, "note": nullable("string"), "archived": {"type": "boolean"}, "snoozed_until": nullable("string"), "created_at": text()}), &["id", "name", "circle", "cadence_days", "aliases", "note", "archived", "snoozed_until", "created_at"]),
            "Interaction": object(json!({"id": text(), "short_id": text(), "at": text(), "local_date": text(), "minutes": nullable("integer"), "mode": text(), "initiator": nullable("string"), "people": who.clone(), "felt": nullable("integer"), "meaningful": {"type": "boolean"}, "tags": {"type": "array", "items": text()}, "note": nullable("string"), "unanswered": {"type": "integer"}, "source": text(), "source_id": nullable("string"), "plan_id": nullable("string")}), &["id", "at", "local_date", "mode", "people", "meaningful"]),
            "Plan": object(json!({"id": text(), "short_id": text(), "start": text(), "local_date": text(), "people": who, "mode": text(), "note": nullable("string"), "created_at": text(), "outcome": {"enum": ["pending", "attended", "cancelled_by_me", "cancelled_by_them", "rescheduled", "no_show"]}, "outcome_at": nullable("string"), "notice_minutes": nullable("integer"), "interaction_id": nullable("string"), "moved_from": nullable("string"), "prediction": {"type": ["object", "null"], "description": "what was expected (anxiety, expected) and how it went (felt_anxiety, went, checked_at, went_better); docs/cli-json.md"}}), &["id", "short_id", "start", "people", "mode", "outcome"]),
            "Away": object(json!({"id": text(), "short_id": text(), "from": text(), "to": text(), "days": {"type": "integer", "minimum": 1, "maximum": 366}, "note": nullable("string")}), &["id", "short_id", "from", "to", "days", "note"]),
            "CheckIn": object(json!({"id": text(), "date": text(), "at": text(), "energy": nullable("integer"), "mood": {"type": "integer"}, "stress": nullable("integer"), "capacity": {"type": "integer"}, "alone_minutes": {"type": ["integer", "null"], "minimum": 0, "maximum": 1440}, "alone_restored": nullable("boolean"), "affected": {"type": ["array", "null"], "items": text()}, "note": nullable("string")}), &["id", "date", "at", "energy", "mood", "stress", "capacity", "affected"]),
        }},
    })
}

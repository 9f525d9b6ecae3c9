//! The JSON API under `/api/v1`: the CLI's operations, with the CLI's `--json` shapes
//! (docs/cli-json.md), and its OpenAPI document at `/api/openapi.json`. Errors are
//! `{"error": {"code", "message", "field"}}`.

mod answer;
mod doc;
use crate::dto;
mod import;
mod input;
mod ladder;
mod strict;

use answer::{Answer, Created, find};
pub(crate) use strict::{Body, Params};

use crate::app::AppState;
use crate::error::{ApiError, AppError};
use crate::pages::plans::{parse_check, settle};
use crate::view;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use input::Input;
use kith_app::checkins;
use kith_app::log::{NewEntry, Who};
use kith_app::people::{self, NewPerson, PersonEdit};
use kith_app::plans::{NewPlan, PlanEdit, Settle, Settled};
use kith_core::id::random_bytes;
use kith_core::ladder::{Anxiety, Expectation};
use kith_core::*;
use kith_store::{Access, InteractionFilter, PlanFilter, Repo};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(|| async { Json(strict::document().clone()) }))
        .route("/v1/people", get(people).post(add_person))
        .route("/v1/people/{id}", get(person).patch(edit_person))
        .route("/v1/people/{id}/snooze", post(snooze))
        .route("/v1/interactions", get(interactions).post(log))
        .route("/v1/interactions/{id}", axum::routing::patch(edit_interaction).delete(delete_interaction))
        .route("/v1/plans", get(plans).post(add_plan))
        .route("/v1/plans/{id}/done", post(plan_done))
        .route("/v1/plans/{id}/cancel", post(plan_cancel))
        .route("/v1/plans/{id}/missed", post(plan_missed))
        .route("/v1/plans/{id}/moved", post(plan_moved))
        .route("/v1/plans/{id}", axum::routing::patch(edit_plan).delete(delete_plan))
        .route("/v1/checkins/{date}", axum::routing::patch(edit_checkin).delete(delete_checkin))
        .route("/v1/checkins", get(checkins).post(checkin))
        .route("/v1/away", get(away_list).post(add_away))
        .route("/v1/away/{id}", delete(remove_away))
        .route("/v1/suggestions/not-now", post(suggestion_not_now))
        .route("/v1/today", get(today))
        .route("/v1/map", get(map))
        .route("/v1/score", get(score))
        .route("/v1/signals", get(signals))
        .route("/v1/report", get(report))
        .merge(ladder::routes())
        .route("/v1/import/{format}", post(import::import))
        .fallback(no_such_operation)
        .method_not_allowed_fallback(method_not_allowed)
}

/// A path the API does not have, answered in its own JSON.
async fn no_such_operation() -> ApiError {
    ApiError(AppError::Request {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: "There is no such operation.".to_owned(),
        field: None,
        hint: Some("The API document at /api/openapi.json lists every operation.".to_owned()),
    })
}

/// A path the API has, asked with a method it does not take there.
async fn method_not_allowed() -> ApiError {
    ApiError(AppError::Request {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: "This path does not take that method.".to_owned(),
        field: None,
        hint: Some("The API document at /api/openapi.json lists the methods each path takes.".to_owned()),
    })
}

async fn people(State(state): State<AppState>) -> Answer {
    let snapshot = state.snapshot().await?;
    let list: Vec<Value> = snapshot.loaded.people.iter().filter(|p| !p.archived).map(dto::person).collect();
    Ok(Json(json!({ "people": list })))
}

async fn person(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    let snapshot = state.snapshot().await?;
    let p = find(&snapshot.loaded.people, &id)?;
    let names = view::names(&snapshot.loaded.people);
    let mut theirs: Vec<&Interaction> =
        snapshot.loaded.interactions.iter().filter(|i| i.people.contains(&p.id)).collect();
    theirs.sort_by_key(|i| std::cmp::Reverse(i.at.timestamp()));
    let mut out = dto::person(p);
    out["interactions"] = json!(theirs.len());
    out["recent"] = theirs.iter().take(10).map(|i| dto::interaction(i, &names)).collect();
    Ok(Json(out))
}

async fn add_person(State(state): State<AppState>, Body(body): Body) -> Created {
    let input = Input(&body);
    let new = NewPerson {
        name: PersonName::parse(&input.required("name")?)?,
        circle: input.text("circle").map_or(Ok(Circle::Friend), |c| Circle::parse(&c))?,
        cadence: input.text("cadence_days").map(|c| Cadence::parse(&c)).transpose()?,
        aliases: input.list("aliases").iter().map(|a| Alias::parse(a)).collect::<Result<_, _>>()?,
        note: input.text("note").map(|n| Note::parse("note", &n)).transpose()?,
    };
    let now = state.now().timestamp();
    let person = state.write(async |tx| Ok(people::add(tx, new, now, &mut random_bytes).await?)).await?;
    Ok((StatusCode::CREATED, Json(dto::person(&person))))
}

async fn edit_person(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let snapshot = state.snapshot().await?;
    let id = find(&snapshot.loaded.people, &id)?.id;
    let input = Input(&body);
    let name = input.text("name").map(|n| PersonName::parse(&n)).transpose()?;
    let circle = input.text("circle").map(|c| Circle::parse(&c)).transpose()?;
    let cadence = match body.get("cadence_days") {
        Some(Value::Null) => Some(None),
        Some(_) => Some(Some(Cadence::parse(&input.required("cadence_days")?)?)),
        None => None,
    };
    let note = match body.get("note") {
        Some(Value::Null) => Some(None),
        Some(_) => Some(Some(Note::parse("note", &input.required("note")?)?)),
        None => None,
    };
    let edit = PersonEdit {
        name,
        circle,
        cadence,
        note,
        archived: input.bool("archived")?,
        ..PersonEdit::default()
    };
    let p = crate::pages::people::update(&state, id, edit).await?;
    Ok(Json(dto::person(&p)))
}

async fn snooze(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let snapshot = state.snapshot().await?;
    let id = find(&snapshot.loaded.people, &id)?.id;
    let days = kith_core::invalid::int_in("days", &Input(&body).required("days")?, 1..=365)?;
    let until = state.now().date().checked_add(jiff::Span::new().days(days)).unwrap_or(state.now().date());
    let snooze = PersonEdit { snoozed_until: Some(until), ..PersonEdit::default() };
    let p = crate::pages::people::update(&state, id, snooze).await?;
    Ok(Json(dto::person(&p)))
}

#[derive(Debug, serde::Deserialize)]
struct HistoryQuery {
    since: Option<String>,
    person: Option<String>,
}

async fn interactions(State(state): State<AppState>, Params(q): Params<HistoryQuery>) -> Answer {
    let now = state.now();
    let since = q.since.as_deref().map(|s| parse_when("since", s, &now)).transpose()?;
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let people = tx.people(true).await?;
    let person = q.person.as_deref().map(|p| find(&people, p).map(|p| p.id)).transpose()?;
    let list = tx
        .interactions(&InteractionFilter { since: since.map(|s| s.timestamp()), until: None, person })
        .await?;
    let names = view::names(&people);
    Ok(Json(json!({ "interactions": list.iter().map(|i| dto::interaction(i, &names)).collect::<Vec<_>>() })))
}

async fn log(State(state): State<AppState>, Body(body): Body) -> Created {
    let now = state.now();
    let input = Input(&body);
    let mode = Mode::parse(&input.required("mode")?)?;
    let at = input
        .text("at")
        .map(|a| parse_when_past("at", &a, &now, "POST /api/v1/plans"))
        .transpose()?
        .unwrap_or(now.clone());
    let add_new = input.bool("new")?.unwrap_or(false);
    let who = input
        .list("people")
        .into_iter()
        .map(|key| match add_new {
            true => PersonName::parse(&key).map(Who::KnownOrNew),
            false => Ok(Who::Known(key)),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let entry = NewEntry {
        minutes: input.text("minutes").map(|m| Minutes::parse("minutes", &m)).transpose()?,
        felt: input.text("felt").map(|f| Felt::parse(&f)).transpose()?,
        initiator: input.text("by").map(|b| Initiator::parse(&b)).transpose()?,
        meaningful: !input.bool("trivial")?.unwrap_or(false),
        tags: input.list("tags").iter().map(|t| Tag::parse(t)).collect::<Result<Vec<_>, _>>()?,
        note: input.text("note").map(|n| Note::parse("note", &n)).transpose()?,
        before: ladder::emotions(&input, "emotions_before")?,
        after: ladder::emotions(&input, "emotions_after")?,
        again: input.bool("again")?.unwrap_or(false),
        ..NewEntry::new(who, Moment::from_zoned(&at), mode)
    };
    let logged = state
        .write(async |tx| Ok(kith_app::log::log(tx, entry, now.timestamp(), &mut random_bytes).await?))
        .await?;
    let names = view::names(&logged.people);
    Ok((StatusCode::CREATED, Json(dto::interaction(&logged.interaction, &names))))
}

/// `PATCH /v1/interactions/{id}`: what the body names changes, the rest stays; `null` (or
/// an empty note) removes a length, a feeling or a note.
async fn edit_interaction(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let now = state.now();
    let input = Input(&body);
    let given = |key: &str| body.get(key).is_some();
    let cleared = |key: &str| body.get(key).is_some_and(Value::is_null);
    let changes = InteractionChanges {
        at: input
            .text("at")
            .map(|a| parse_when_past("at", &a, &now, "POST /api/v1/plans").map(|z| Moment::from_zoned(&z)))
            .transpose()?,
        minutes: if cleared("minutes") {
            Some(None)
        } else {
            input.text("minutes").map(|m| Minutes::parse("minutes", &m).map(Some)).transpose()?
        },
        mode: input.text("mode").map(|m| Mode::parse(&m)).transpose()?,
        initiator: input.text("by").map(|b| Initiator::parse(&b).map(Some)).transpose()?,
        people: None,
        felt: if cleared("felt") {
            Some(None)
        } else {
            input.text("felt").map(|f| Felt::parse(&f).map(Some)).transpose()?
        },
        meaningful: input.bool("trivial")?.map(|t| !t),
        tags: if given("tags") {
            Some(input.list("tags").iter().map(|t| Tag::parse(t)).collect::<Result<Vec<_>, _>>()?)
        } else {
            None
        },
        note: match input.text("note") {
            Some(n) => Some(Some(Note::parse("note", &n)?)),
            None if given("note") => Some(None),
            None => None,
        },
    };
    let edit = kith_app::log::Edit { changes, people: given("people").then(|| input.list("people")) };
    let (edited, people) = state
        .write(async |tx| {
            let edited = kith_app::log::edit(tx, &id, edit).await?;
            Ok((edited, tx.people(true).await?))
        })
        .await?;
    Ok(Json(dto::interaction(&edited, &view::names(&people))))
}

/// `DELETE /v1/interactions/{id}`: the interaction, its links and the emotions named on it.
async fn delete_interaction(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    let found = state.write(async |tx| Ok(kith_app::log::delete(tx, &id).await?)).await?;
    Ok(Json(json!({ "deleted": found.id })))
}

#[derive(Debug, serde::Deserialize)]
struct PlanQuery {
    upcoming: Option<bool>,
}

async fn plans(State(state): State<AppState>, Params(q): Params<PlanQuery>) -> Answer {
    let now = state.now().timestamp();
    let filter = if q.upcoming == Some(true) {
        PlanFilter { since: Some(now), until: None }
    } else {
        PlanFilter::default()
    };
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let list = tx.plans(&filter).await?;
    let predictions = tx.plan_predictions(None).await?;
    let names = view::names(&tx.people(true).await?);
    let prediction_of = |p: &Plan| predictions.iter().find(|x| x.plan == p.id);
    Ok(Json(json!({
        "plans": list.iter().map(|p| dto::plan_with(p, prediction_of(p), &names)).collect::<Vec<_>>()
    })))
}

async fn add_plan(State(state): State<AppState>, Body(body): Body) -> Created {
    let now = state.now();
    let input = Input(&body);
    let start = parse_when_leaning("at", &input.required("at")?, &now, Lean::Future)?;
    let mode = Mode::parse(&input.required("mode")?)?;
    let note = input.text("note").map(|n| Note::parse("note", &n)).transpose()?;
    let anxiety = input.text("anxiety").map(|a| Anxiety::parse(&a)).transpose()?;
    let expected = input.text("expect").map(|e| Expectation::parse(&e)).transpose()?;
    if anxiety.is_none() && expected.is_some() {
        return Err(AppError::Invalid(Invalid::new(
            "anxiety",
            "",
            "a whole number from 0 (calm) to 10 (extremely anxious), with expect",
        ))
        .into());
    }
    let new = NewPlan {
        who: input.list("people"),
        start: Moment::from_zoned(&start),
        mode,
        note,
        anxiety,
        expect: expected,
    };
    let moment = Moment::from_zoned(&now);
    let planned =
        state.write(async |tx| Ok(kith_app::plans::add(tx, new, moment, &mut random_bytes).await?)).await?;
    let names = view::names(&planned.people);
    Ok((StatusCode::CREATED, Json(dto::plan_with(&planned.plan, planned.prediction.as_ref(), &names))))
}

async fn settled(state: &AppState, raw: &str, how: Settle) -> Answer {
    let Settled { plan, moved_to, interaction, .. } = settle(state, raw, how).await?;
    let snapshot = state.snapshot().await?;
    let names = view::names(&snapshot.loaded.people);
    let prediction = {
        let mut pooled = state.pool().get().await?;
        let mut tx = pooled.store().begin(Access::Read).await?;
        tx.plan_predictions(Some(plan.id)).await?.pop()
    };
    let shown = dto::plan_with(&plan, prediction.as_ref(), &names);
    Ok(Json(match (moved_to, interaction) {
        (Some(new), _) => json!({"moved": shown, "plan": dto::plan_with(&new, None, &names)}),
        (_, Some(i)) => json!({"plan": shown, "interaction": dto::interaction(&i, &names)}),
        _ => shown,
    }))
}

async fn plan_done(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let input = Input(&body);
    let minutes = input.text("minutes").map(|m| Minutes::parse("minutes", &m)).transpose()?;
    let felt = input.text("felt").map(|f| Felt::parse(&f)).transpose()?;
    let check = parse_check(input.text("felt_anxiety").as_deref(), input.text("went").as_deref())?;
    settled(&state, &id, Settle::Done { minutes, felt, check }).await
}

async fn plan_cancel(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let input = Input(&body);
    let by = Initiator::parse(&input.required("by")?)?;
    let at = input.text("at").map(|a| parse_when("at", &a, &state.now())).transpose()?;
    settled(&state, &id, Settle::Cancelled { by, at: at.map(|a| a.timestamp()) }).await
}

async fn plan_missed(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    settled(&state, &id, Settle::Missed).await
}

async fn plan_moved(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let to = parse_when_leaning("to", &Input(&body).required("to")?, &state.now(), Lean::Future)?;
    settled(&state, &id, Settle::Moved { to: Moment::from_zoned(&to) }).await
}

#[derive(Debug, serde::Deserialize)]
struct CheckInQuery {
    since: Option<String>,
}

async fn checkins(State(state): State<AppState>, Params(q): Params<CheckInQuery>) -> Answer {
    let since =
        q.since.as_deref().map(|s| parse_when("since", s, &state.now()).map(|z| z.date())).transpose()?;
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let list = tx.checkins(since).await?;
    Ok(Json(json!({ "checkins": list.iter().map(dto::checkin).collect::<Vec<_>>() })))
}

async fn checkin(State(state): State<AppState>, Body(body): Body) -> Created {
    let now = state.now();
    let input = Input(&body);
    // Days begin at `day.starts_at`: at 00:30, "today" is still the evening before.
    let day_start = state.settings()?.day.starts_at;
    let date = input
        .text("date")
        .map(|d| day_start.parse_day("date", &d, &now))
        .transpose()?
        .unwrap_or(day_start.today(&now));
    let answers = checkins::Answers {
        energy: input.text("energy").map(|e| Scale::parse("energy", &e)).transpose()?,
        stress: input.text("stress").map(|s| Scale::parse("stress", &s)).transpose()?,
        alone: AloneTime {
            minutes: input.text("alone_minutes").map(|m| Minutes::parse("alone_minutes", &m)).transpose()?,
            restored: input.bool("alone_restored")?,
        },
        // Left out, the question was not asked; an empty list says nothing was affected.
        affected: match body.get("affected") {
            None | Some(Value::Null) => None,
            Some(_) => Some(Affected::parse(&input.list("affected").join(","))?),
        },
        note: input.text("note").map(|n| Note::parse("note", &n)).transpose()?,
        emotions: ladder::emotions(&input, "emotions")?,
        ..checkins::Answers::new(
            date,
            Scale::parse("mood", &input.required("mood")?)?,
            Capacity::parse(&input.required("capacity")?)?,
        )
    };
    let replace = input.bool("replace")?.unwrap_or(false);
    let now = Moment::from_zoned(&now);
    let saved = state
        .write(async |tx| Ok(checkins::check_in(tx, answers, replace, now, &mut random_bytes).await?))
        .await?;
    Ok((StatusCode::CREATED, Json(dto::checkin(&saved.checkin))))
}

async fn away_list(State(state): State<AppState>) -> Answer {
    let list = state.read(async |tx| Ok(tx.away(None).await?)).await?;
    Ok(Json(json!({ "away": list.iter().map(dto::away).collect::<Vec<_>>() })))
}

async fn add_away(State(state): State<AppState>, Body(body): Body) -> Created {
    let input = Input(&body);
    let (from, to, note) = (input.text("from"), input.text("to"), input.text("note"));
    let away = crate::pages::away::parse(from.as_deref(), to.as_deref(), note.as_deref(), &state.now())
        .map_err(|problems| {
            problems.into_iter().next().map_or(AppError::NotFound { what: "days" }, AppError::Invalid)
        })?;
    crate::pages::away::save(&state, &away).await?;
    Ok((StatusCode::CREATED, Json(dto::away(&away))))
}

async fn remove_away(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    let away = crate::pages::away::remove(&state, &id).await?;
    Ok(Json(json!({ "removed": dto::away(&away) })))
}

async fn suggestion_not_now(State(state): State<AppState>, Body(body): Body) -> Answer {
    let input = Input(&body);
    let hide = crate::pages::suggestions::not_now(
        &state,
        input.text("kind").as_deref(),
        input.text("days").as_deref(),
    )
    .await?;
    to_json(&hide)
}

fn to_json<T: serde::Serialize>(value: &T) -> Answer {
    Ok(Json(serde_json::to_value(value).map_err(|_| AppError::NotFound { what: "answer" })?))
}

async fn today(State(state): State<AppState>) -> Answer {
    let now = state.now();
    let s = state.snapshot().await?;
    to_json(&*s.memo("today", now.strftime("%Y-%m-%dT%H:%M").to_string(), || {
        today_summary(&s.loaded.history(), &s.settings, &now)
    }))
}

async fn map(State(state): State<AppState>) -> Answer {
    let now = state.now();
    let s = state.snapshot().await?;
    to_json(&connection_map(&s.loaded.history(), &s.settings.map, &now))
}

async fn score(State(state): State<AppState>) -> Answer {
    let now = state.now();
    let s = state.snapshot().await?;
    to_json(&connection_score(&s.loaded.history(), &s.settings.score, &now))
}

async fn signals(State(state): State<AppState>) -> Answer {
    let now = state.now();
    let s = state.snapshot().await?;
    to_json(&signal_report(&s.loaded.history(), &s.settings, &now))
}

#[derive(Debug, serde::Deserialize)]
struct ReportQuery {
    period: Option<String>,
}

async fn report(State(state): State<AppState>, Params(q): Params<ReportQuery>) -> Answer {
    let period = match q.period.as_deref() {
        None | Some("week") => Period::Week,
        Some("month") => Period::Month,
        Some(other) => return Err(AppError::Invalid(Invalid::new("period", other, "week or month")).into()),
    };
    let now = state.now();
    let s = state.snapshot().await?;
    to_json(&kith_core::report(&s.loaded.history(), &s.settings, period, &now))
}

/// `PATCH /v1/plans/{id}`: the time, mode, people or note the body names.
async fn edit_plan(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let now = state.now();
    let input = Input(&body);
    let edit = PlanEdit {
        start: input
            .text("at")
            .map(|at| parse_when_leaning("at", &at, &now, Lean::Future).map(|z| Moment::from_zoned(&z)))
            .transpose()?,
        mode: input.text("mode").map(|m| Mode::parse(&m)).transpose()?,
        people: body.get("people").is_some().then(|| input.list("people")),
        note: match body.get("note") {
            Some(_) => Some(input.text("note").map(|n| Note::parse("note", &n)).transpose()?),
            None => None,
        },
    };
    let (plan, people) = state
        .write(async |tx| {
            let plan = kith_app::plans::edit(tx, &id, edit).await?;
            Ok((plan, tx.people(true).await?))
        })
        .await?;
    Ok(Json(dto::plan(&plan, &view::names(&people))))
}

/// `DELETE /v1/plans/{id}`: a plan made by mistake, with its links and prediction.
async fn delete_plan(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    let plan = state.write(async |tx| Ok(kith_app::plans::delete(tx, &id).await?)).await?;
    Ok(Json(json!({ "deleted": plan.id })))
}

/// The check-in of the day `raw` names (a date, "yesterday", ...), or 404: a path that names
/// no day names no check-in.
async fn checkin_of(state: &AppState, raw: &str) -> Result<CheckIn, AppError> {
    let day = day_named(state, raw)?;
    state.read(async |tx| tx.checkin_on(day).await?.ok_or(AppError::NotFound { what: "check-in" })).await
}

/// The day `raw` names (a date, "yesterday", ...), or 404 for the check-in of a day that a
/// path cannot name.
fn day_named(state: &AppState, raw: &str) -> Result<jiff::civil::Date, AppError> {
    let day_start = state.settings()?.day.starts_at;
    day_start.parse_day("date", raw, &state.now()).map_err(|_| AppError::NotFound { what: "check-in" })
}

/// `PATCH /v1/checkins/{date}`: the answers the body names; `null` leaves energy, stress,
/// time alone, whether it restored, what felt affected or the note unanswered.
async fn edit_checkin(State(state): State<AppState>, Path(date): Path<String>, Body(body): Body) -> Answer {
    let saved = checkin_of(&state, &date).await?;
    let input = Input(&body);
    let cleared = |key: &str| body.get(key).is_some_and(Value::is_null);
    // Given, a value replaces the answer; null leaves it unanswered; left out, it stays.
    let optional = |key: &'static str| -> Result<Option<Option<Scale>>, AppError> {
        if cleared(key) {
            return Ok(Some(None));
        }
        Ok(input.text(key).map(|v| Scale::parse(key, &v).map(Some)).transpose()?)
    };
    let changes = CheckInChanges {
        mood: input.text("mood").map(|m| Scale::parse("mood", &m)).transpose()?,
        capacity: input.text("capacity").map(|c| Capacity::parse(&c)).transpose()?,
        energy: optional("energy")?,
        stress: optional("stress")?,
        alone_minutes: if cleared("alone_minutes") {
            Some(None)
        } else {
            input.text("alone_minutes").map(|m| Minutes::parse("alone_minutes", &m).map(Some)).transpose()?
        },
        restored: if cleared("alone_restored") {
            Some(None)
        } else {
            input.bool("alone_restored")?.map(Some)
        },
        affected: match body.get("affected") {
            Some(Value::Null) => Some(None),
            Some(_) => Some(Some(Affected::parse(&input.list("affected").join(","))?)),
            None => None,
        },
        note: match input.text("note") {
            Some(n) => Some(Some(Note::parse("note", &n)?)),
            None if body.get("note").is_some() => Some(None),
            None => None,
        },
    };
    let changed = state.write(async |tx| Ok(checkins::edit(tx, saved.date, &changes).await?)).await?;
    Ok(Json(dto::checkin(&changed)))
}

/// `DELETE /v1/checkins/{date}`.
async fn delete_checkin(State(state): State<AppState>, Path(date): Path<String>) -> Answer {
    let day = day_named(&state, &date)?;
    let deleted = state.write(async |tx| Ok(checkins::delete(tx, day).await?)).await?;
    Ok(Json(json!({ "deleted": deleted.date.to_string() })))
}

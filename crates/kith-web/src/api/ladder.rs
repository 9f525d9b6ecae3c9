//! The ladder's part of the API: steps, tries in two halves, set aside, thought
//! records, the emotion vocabulary and the ladder report, with `kith step … --json`'s shapes.

use super::answer::{Answer, Created, find};
use super::input::Input;
use super::strict::{Body, Params};
use crate::app::AppState;
use crate::dto;
use crate::error::AppError;
use crate::pages::ladder::{self as pages, load, step_id, try_step};
use crate::pages::thoughts;
use crate::view;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use kith_core::id::random_bytes;
use kith_core::ladder::{
    self, Afterwards, Anxiety, Difficulty, Expectation, Finish, Prediction, Step, StepStatus, StepTitle,
    parse_emotions,
};
use kith_core::*;
use kith_store::{Access, Repo};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/steps", get(steps).post(add_step))
        .route("/v1/steps/starter", post(starter))
        .route("/v1/steps/{id}", get(step))
        .route("/v1/steps/{id}/tries", post(predict))
        .route("/v1/steps/{id}/outcome", post(outcome))
        .route("/v1/steps/{id}/set-aside", post(set_aside))
        .route("/v1/thoughts", get(thoughts_list).post(add_thought))
        .route("/v1/emotions", get(|| async { Json(dto::emotions()) }))
        .route("/v1/ladder/report", get(report))
}

/// Renames the field of a domain error to the JSON field that carried the value.
fn as_field<T>(field: &'static str, r: Result<T, Invalid>) -> Result<T, Invalid> {
    r.map_err(|e| Invalid { field, ..e })
}

pub(super) fn emotions(input: &Input<'_>, field: &'static str) -> Result<Vec<ladder::Emotion>, Invalid> {
    parse_emotions(field, &input.list(field).join(","))
}

#[derive(Debug, serde::Deserialize)]
struct StepsQuery {
    all: Option<bool>,
}

async fn steps(State(state): State<AppState>, Params(q): Params<StepsQuery>) -> Answer {
    let data = load(&state).await?;
    let mut l = ladder::ladder(&data.steps, &data.attempts, &data.settings);
    if q.all != Some(true) {
        l.steps.retain(|p| p.step.status == StepStatus::Active);
    }
    Ok(Json(dto::ladder(&l, &data.names)))
}

async fn add_step(State(state): State<AppState>, Body(body): Body) -> Created {
    let input = Input(&body);
    let title = StepTitle::parse(&input.required("title")?)?;
    let difficulty = Difficulty::parse(&input.required("difficulty")?)?;
    let mode = input.text("mode").map_or(Ok(Mode::InPerson), |m| Mode::parse(&m))?;
    let data = load(&state).await?;
    let person = match input.text("person") {
        Some(key) => Some(find(&data.people, &key)?.id),
        None => None,
    };
    let id = StepId::from_random_bytes(random_bytes());
    let step = Step::new(id, title, person, mode, difficulty, state.now().timestamp());
    pages::insert_steps(&state, std::slice::from_ref(&step)).await?;
    Ok((StatusCode::CREATED, Json(dto::step(&step, &data.names))))
}

async fn starter(State(state): State<AppState>, Body(body): Body) -> Created {
    let data = load(&state).await?;
    let mut chosen = Vec::new();
    for key in Input(&body).list("people") {
        chosen.push(find(&data.people, &key)?.id);
    }
    let steps = pages::starter_steps(&state, &chosen).await?;
    let list: Vec<Value> = steps.iter().map(|s| dto::step(s, &data.names)).collect();
    Ok((StatusCode::CREATED, Json(json!({ "steps": list }))))
}

async fn step(State(state): State<AppState>, Path(id): Path<String>) -> Answer {
    let id = step_id(&state, &id).await?;
    let data = load(&state).await?;
    let l = ladder::ladder(&data.steps, &data.attempts, &data.settings);
    let p = l.get(id).ok_or(AppError::NotFound { what: "step" })?;
    let mut out = dto::progress(p, &data.names);
    let mut tries: Vec<&ladder::Attempt> = data.attempts.iter().filter(|a| a.step == id).collect();
    tries.sort_by_key(|a| (a.predicted_at, a.id));
    out["tries"] = tries.iter().map(|a| dto::attempt(a)).collect();
    Ok(Json(out))
}

/// The first half of a try: the prediction.
async fn predict(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Created {
    let input = Input(&body);
    let before = Prediction {
        anxiety: Anxiety::parse(&input.required("anxiety")?)?,
        expected: input.text("expected").map(|e| as_field("expected", Expectation::parse(&e))).transpose()?,
        fear: input.text("fear").map(|f| Note::parse("fear", &f)).transpose()?,
        emotions: emotions(&input, "emotions_before")?,
    };
    let id = step_id(&state, &id).await?;
    let tried = try_step(&state, id, Some(before), None).await?;
    Ok((StatusCode::CREATED, Json(tried.json())))
}

/// The second half: how it went, or `"not_this_time": true`.
async fn outcome(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let input = Input(&body);
    let now = state.now();
    let finish = if input.bool("not_this_time")?.unwrap_or(false) {
        Finish::NotThisTime
    } else {
        Finish::Done {
            felt_anxiety: as_field("felt_anxiety", Anxiety::parse(&input.required("felt_anxiety")?))?,
            went: input.text("went").map(|w| as_field("went", Expectation::parse(&w))).transpose()?,
            felt: input.text("felt").map(|f| Felt::parse(&f)).transpose()?,
            happened: input.text("happened").map(|h| Note::parse("happened", &h)).transpose()?,
            minutes: input.text("minutes").map(|m| Minutes::parse("minutes", &m)).transpose()?,
        }
    };
    let at = input.text("at").map(|a| parse_when("at", &a, &now)).transpose()?.unwrap_or(now);
    let after =
        Afterwards { finish, emotions: emotions(&input, "emotions_after")?, at: Moment::from_zoned(&at) };
    let id = step_id(&state, &id).await?;
    let tried = try_step(&state, id, None, Some(after)).await?;
    Ok(Json(tried.json()))
}

async fn set_aside(State(state): State<AppState>, Path(id): Path<String>, Body(body): Body) -> Answer {
    let undo = Input(&body).bool("undo")?.unwrap_or(false);
    let id = step_id(&state, &id).await?;
    let (step, names) = pages::set_aside_step(&state, id, undo).await?;
    Ok(Json(dto::step(&step, &names)))
}

async fn thoughts_list(State(state): State<AppState>) -> Answer {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let records = tx.thoughts().await?;
    Ok(Json(json!({ "thoughts": records.iter().map(dto::thought).collect::<Vec<_>>() })))
}

async fn add_thought(State(state): State<AppState>, Body(body): Body) -> Created {
    let input = Input(&body);
    let record = thoughts::parse(|f| input.text(f), Moment::from_zoned(&state.now())).map_err(|bad| {
        bad.into_iter().next().map_or(AppError::NotFound { what: "thought" }, AppError::from)
    })?;
    thoughts::save(&state, &record).await?;
    Ok((StatusCode::CREATED, Json(dto::thought(&record))))
}

/// `kith step report --json`, with `kith emotions --report --json` as `feelings`.
async fn report(State(state): State<AppState>) -> Answer {
    let data = load(&state).await?;
    let (r, feelings) = pages::reports(&state, &data).await?;
    let names = view::names(&data.people);
    let mut out = dto::prediction_report(&r, &names);
    out["feelings"] = dto::feelings(&feelings, &names);
    Ok(Json(out))
}

//! Fixing a plan: the page each plan coming up links to, to change its time, how it happens
//! or its note, or to delete a plan made by mistake. Who it is with stays (the CLI and the
//! API can change that); what became of it is the plans page's outcome buttons.

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::Choice;
use crate::fields::{FieldErrors, Fields};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_app::plans::PlanEdit;
use kith_core::when::{Lean, parse_when_leaning};
use kith_core::*;
use kith_store::{Access, Repo};

#[derive(Template, WebTemplate)]
#[template(path = "plan_edit.html")]
pub struct PlanEditPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub id: String,
    /// "Sam Lee, Priya".
    pub who: String,
    pub modes: Vec<Choice>,
    pub form: Fields,
    pub errors: FieldErrors,
}

async fn found(state: &AppState, raw: &str) -> Result<(Plan, String), AppError> {
    let id: PlanId = raw.parse().map_err(|_| AppError::NotFound { what: "plan" })?;
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let plan = tx
        .plans_by_prefix(&id.uuid().simple().to_string())
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound { what: "plan" })?;
    let who = crate::view::who(&plan.people, &crate::view::names(&tx.people(true).await?));
    Ok((plan, who))
}

fn page_of(plan: &Plan, who: String, form: Fields, errors: FieldErrors) -> PlanEditPage {
    let chosen = form.get("mode").unwrap_or("").to_owned();
    let modes = Mode::ALL
        .iter()
        .map(|m| Choice { value: m.as_str().into(), label: m.label().into(), checked: chosen == m.as_str() })
        .collect();
    PlanEditPage { title: "Change a plan", nav: "plans", id: plan.id.to_string(), who, modes, form, errors }
}

pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Result<PlanEditPage, AppError> {
    let (plan, who) = found(&state, &id).await?;
    let form = Fields(vec![
        ("at".into(), plan.start.local().strftime("%Y-%m-%d %H:%M").to_string()),
        ("mode".into(), plan.mode.as_str().to_owned()),
        ("note".into(), plan.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default()),
    ]);
    Ok(page_of(&plan, who, form, FieldErrors::default()))
}

pub async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let now = state.now();
    let (plan, who) = found(&state, &id).await?;
    let mut errors = FieldErrors::default();
    let given = |field| form.get(field).map(str::trim).filter(|v| !v.is_empty());
    let at = match given("at") {
        Some(raw) => errors.take("at", parse_when_leaning("at", raw, &now, Lean::Future)),
        None => {
            errors.take::<jiff::Zoned>("at", Err(Invalid::new("at", "", "a time such as \"friday 19:00\"")))
        }
    };
    let mode = errors.take("mode", Mode::parse(form.get("mode").unwrap_or("")));
    let note = errors.take("note", given("note").map(|n| Note::parse("note", n)).transpose());
    let (Some(at), Some(mode), Some(note), true) = (at, mode, note, errors.is_empty()) else {
        return Ok(page_of(&plan, who, form, errors).into_response());
    };
    let edit =
        PlanEdit { start: Some(Moment::from_zoned(&at)), mode: Some(mode), people: None, note: Some(note) };
    state.write(async |tx| Ok(kith_app::plans::edit(tx, &plan.id.to_string(), edit).await?)).await?;
    Ok(Redirect::to("/plans?saved=changed").into_response())
}

pub async fn delete(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let (plan, _) = found(&state, &id).await?;
    state.write(async |tx| Ok(kith_app::plans::delete(tx, &plan.id.to_string()).await?)).await?;
    Ok(Redirect::to("/plans?saved=deleted").into_response())
}

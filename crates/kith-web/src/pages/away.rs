//! Time away: spans of days the person marks as away, added and removed on the settings
//! page, or in one tap from Today when kith names a stretch with nothing logged. The rules
//! leave these days out (docs/insights.md).

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{FieldErrors, Fields};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Zoned;
use kith_core::id::random_bytes;
use kith_core::{Away, Invalid};

/// A span of days away from `from`, `to` and an optional note, as the settings form, the
/// Today page and the API send them (see [`kith_app::away::read`]).
///
/// # Errors
/// Each field that does not fit, named by its field.
pub fn parse(
    from: Option<&str>,
    to: Option<&str>,
    note: Option<&str>,
    now: &Zoned,
) -> Result<Away, Vec<Invalid>> {
    kith_app::away::read(from, to, note, now, &mut random_bytes)
}

/// Saves a span of days away in one transaction.
///
/// # Errors
/// When the store refuses.
pub async fn save(state: &AppState, away: &Away) -> Result<(), AppError> {
    state.write(async |tx| Ok(kith_app::away::add(tx, away).await?)).await
}

/// Removes the span whose id is `raw`, or starts with it (at least four characters), in one
/// transaction, and returns it.
///
/// # Errors
/// Not an id, no span with it, or a prefix several spans share.
pub async fn remove(state: &AppState, raw: &str) -> Result<Away, AppError> {
    state.write(async |tx| Ok(kith_app::away::remove(tx, raw).await?)).await
}

/// The settings page's form: from, to and a note. A refused form comes back with the error
/// beside its field and what was typed kept.
pub async fn add(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    match parse(form.get("from"), form.get("to"), form.get("note"), &state.now()) {
        Ok(away) => {
            save(&state, &away).await?;
            Ok(Redirect::to(&format!("/settings?saved=away&undo_away={}", away.id)).into_response())
        }
        Err(problems) => {
            let mut errors = FieldErrors::default();
            for e in &problems {
                errors.invalid(&format!("away-{}", e.field), e);
            }
            let page = super::settings::render_with_away(&state, &headers, form, errors).await?;
            Ok(page.into_response())
        }
    }
}

/// "I was away", from Today: marks the stretch with nothing logged that kith named.
pub async fn lapse(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let away = parse(form.get("from"), form.get("to"), None, &state.now()).map_err(|problems| {
        problems.into_iter().next().map_or(AppError::NotFound { what: "days" }, AppError::Invalid)
    })?;
    save(&state, &away).await?;
    Ok(Redirect::to(&format!("/?saved=away&undo_away={}", away.id)).into_response())
}

/// The remove button beside a span on the settings page.
pub async fn remove_one(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    remove(&state, &id).await?;
    Ok(Redirect::to("/settings?saved=away_removed").into_response())
}

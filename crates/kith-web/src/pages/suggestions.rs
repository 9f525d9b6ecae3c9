//! "Not now" for a suggestion on Today: hides its kind for `suggestions.not_now_days`
//! (or the days given), in one transaction. The API's `POST /api/v1/suggestions/not-now`
//! takes the same fields.

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::Fields;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use kith_core::{Invalid, NotNow, SuggestionKind, not_now_until};
use kith_store::Repo;

/// Hides the kind named `kind` for `days` days (the setting when `None`), today included.
///
/// # Errors
/// An unknown kind, a number of days outside 1 to 365, or a store that refuses.
pub async fn not_now(state: &AppState, kind: Option<&str>, days: Option<&str>) -> Result<NotNow, AppError> {
    let kind = SuggestionKind::parse(kind.unwrap_or_default())?;
    let settings = state.settings()?;
    let days = match days.map(str::trim).filter(|d| !d.is_empty()) {
        None => settings.suggestions.not_now_days,
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=365).contains(d))
            .ok_or_else(|| Invalid::new("days", raw, "a whole number of days from 1 to 365"))?,
    };
    let hide = NotNow { kind, until: not_now_until(settings.day.starts_at.today(&state.now()), days) };
    state.write(async |tx| Ok(tx.set_not_now(hide).await?)).await?;
    Ok(hide)
}

/// The "Not now" button beside a suggestion on Today.
pub async fn not_now_form(
    State(state): State<AppState>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    not_now(&state, form.get("kind"), form.get("days")).await?;
    Ok(Redirect::to("/?saved=not_now").into_response())
}

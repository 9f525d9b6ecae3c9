//! Settings: support contacts, the numbers behind the rules (as a form, and as the TOML file
//! holds them), the calendar feed's address with a way to make a new one, and time away.

use crate::app::AppState;
use crate::error::AppError;
use crate::feed;
use crate::fields::{FieldErrors, Fields};
use crate::pages::settings_form::{self, SettingGroup};
use crate::view;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use kith_store::{Repo, settings_file};

#[derive(Template, WebTemplate)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    /// The span of days away just marked, which the thank-you offers to undo.
    pub undo_away: Option<String>,
    pub title: &'static str,
    pub nav: &'static str,
    pub flash: &'static str,
    pub contacts: String,
    /// Every number as a field, a group per section.
    pub groups: Vec<SettingGroup>,
    /// The numbers' form came back: some values were refused.
    pub numbers_refused: bool,
    pub numbers: String,
    pub path: String,
    pub feed_url: String,
    /// People with a cadence set: name, id, days.
    pub cadences: Vec<(String, String, i64)>,
    /// Spans of days away, newest first.
    pub away: Vec<AwayRow>,
    /// The time-away form as typed, when it was refused.
    pub away_form: Fields,
    pub errors: FieldErrors,
}

/// A span of days away as listed.
pub struct AwayRow {
    pub id: String,
    pub dates: String,
    pub days: String,
    pub note: String,
}

/// The numbers without the contacts, which have their own box.
fn numbers_text(settings: &kith_core::Settings) -> Result<String, AppError> {
    let mut numbers = settings.clone();
    numbers.support_contacts.clear();
    let text = settings_file::to_toml(&numbers)?;
    Ok(text.lines().filter(|l| !l.starts_with("support_contacts")).collect::<Vec<_>>().join("\n"))
}

/// The page with the time-away form refused: `form` as typed, `errors` beside its fields.
///
/// # Errors
/// When the settings or the store cannot be read.
pub async fn render_with_away(
    state: &AppState,
    headers: &HeaderMap,
    form: Fields,
    errors: FieldErrors,
) -> Result<SettingsPage, AppError> {
    let mut page = render(state, headers, "", None, errors).await?;
    page.away_form = form;
    Ok(page)
}

/// The page with the numbers' form refused: the fields as typed, each error beside its field.
async fn render_with_numbers(
    state: &AppState,
    headers: &HeaderMap,
    form: &Fields,
    errors: FieldErrors,
) -> Result<SettingsPage, AppError> {
    let groups = settings_form::groups(&state.settings()?, Some(form), &errors);
    let mut page = render(state, headers, "", None, errors).await?;
    page.groups = groups;
    page.numbers_refused = true;
    Ok(page)
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    flash: &'static str,
    form: Option<Fields>,
    errors: FieldErrors,
) -> Result<SettingsPage, AppError> {
    let settings = state.settings()?;
    let (contacts, numbers) = match form {
        Some(f) => (f.raw("contacts"), f.raw("numbers")),
        None => (settings.support_contacts.join("\n"), numbers_text(&settings)?),
    };
    let token = feed::token(state).await?;
    let snapshot = state.snapshot().await?;
    let mut cadences: Vec<(String, String, i64)> = snapshot
        .loaded
        .people
        .iter()
        .filter(|p| !p.archived)
        .filter_map(|p| p.cadence.map(|c| (p.name.to_string(), p.id.to_string(), c.days())))
        .collect();
    cadences.sort_by_key(|c| (c.2, c.0.to_lowercase()));
    let today = state.now().date();
    let away = state
        .read(async |tx| Ok(tx.away(None).await?))
        .await?
        .iter()
        .rev()
        .map(|a| AwayRow {
            id: a.id.to_string(),
            dates: view::away_dates(a, today),
            days: view::days_words(a.days()),
            note: a.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
        })
        .collect();
    Ok(SettingsPage {
        undo_away: None,
        title: "Settings",
        nav: "settings",
        flash,
        contacts,
        groups: settings_form::groups(&settings, None, &FieldErrors::default()),
        numbers_refused: false,
        numbers,
        path: state.config().settings_path.display().to_string(),
        feed_url: feed::url(headers, &token),
        cadences,
        away,
        away_form: Fields::default(),
        errors,
    })
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(flash): Query<super::flash::Flash>,
) -> Result<SettingsPage, AppError> {
    let mut page = render(&state, &headers, flash.message(), None, FieldErrors::default()).await?;
    page.undo_away = flash.away_to_undo(page.away.iter().filter_map(|a| a.id.parse().ok()));
    Ok(page)
}

pub async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let mut settings = match settings_file::parse(&form.raw("numbers")) {
        Ok(s) => s,
        Err((line, message)) => {
            errors.add("numbers", format!("Line {line}: {message}. Nothing was changed."));
            return Ok(render(&state, &headers, "", Some(form), errors).await?.into_response());
        }
    };
    settings.support_contacts =
        form.raw("contacts").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    settings_file::save(&state.config().settings_path, &settings)?;
    state.changed();
    Ok(Redirect::to("/settings?saved=settings").into_response())
}

/// Saves the numbers' form: a blank field goes back to its default; nothing is saved while
/// any value is refused.
pub async fn save_numbers(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    match settings_form::read(&state.settings()?, &form) {
        Ok(settings) => {
            settings_file::save(&state.config().settings_path, &settings)?;
            state.changed();
            Ok(Redirect::to("/settings?saved=settings").into_response())
        }
        Err(errors) => Ok(render_with_numbers(&state, &headers, &form, errors).await?.into_response()),
    }
}

pub async fn rotate_feed(State(state): State<AppState>) -> Result<Response, AppError> {
    feed::rotate(&state).await?;
    Ok(Redirect::to("/settings?saved=feed").into_response())
}

//! The daily check-in: energy, mood, stress, social battery, time alone, and whether
//! sleep, eating, mood or motivation were affected. One per day; sending it again replaces it.
//! Only mood and the social battery are needed: Today offers those two as a quick check-in.

use super::emotions::{self, Picker};
use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{FieldErrors, Fields};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_app::checkins;
use kith_core::checkin::parse_yes_no;
use kith_core::id::random_bytes;
use kith_core::ladder;
use kith_core::*;
use kith_store::{Access, Repo};

pub struct Scale5 {
    pub name: &'static str,
    pub label: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub from: i64,
    /// May be left out (energy and stress).
    pub optional: bool,
    pub chosen: String,
    pub error: String,
}

impl Scale5 {
    pub fn values(&self) -> Vec<String> {
        (self.from..=5).map(|v| v.to_string()).collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "checkin.html")]
pub struct CheckInPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub date: String,
    /// The day as YYYY-MM-DD, when it is not today: the form and delete carry it.
    pub other_day: Option<String>,
    /// Today, as YYYY-MM-DD: the latest day the "another day" picker offers.
    pub today: String,
    pub already: bool,
    pub scales: Vec<Scale5>,
    /// How the day feels, in two taps (optional).
    pub emotions: Picker,
    pub form: Fields,
    pub errors: FieldErrors,
}

fn scales(form: &Fields, errors: &FieldErrors) -> Vec<Scale5> {
    let s = |name, label, low, high, from, optional| Scale5 {
        name,
        label,
        low,
        high,
        from,
        optional,
        chosen: form.raw(name),
        error: errors.of(name).to_owned(),
    };
    vec![
        s("mood", "Mood", "low", "good", 1, false),
        s("capacity", "Social battery", "nothing left", "full", 0, false),
        s("energy", "Energy", "empty", "full", 1, true),
        s("stress", "Stress", "calm", "overwhelmed", 1, true),
    ]
}

/// Today (days begin at `day.starts_at`: at 00:30 the check-in is still for the evening
/// before), or the earlier day `raw` names; a day still to come is refused.
fn day_of(state: &AppState, raw: Option<&str>) -> Result<jiff::civil::Date, AppError> {
    let now = state.now();
    let starts = state.settings()?.day.starts_at;
    let today = starts.today(&now);
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else { return Ok(today) };
    let day = starts.parse_day("date", raw, &now)?;
    if day > today {
        return Err(
            Invalid::new("date", raw, "today or an earlier day: a check-in says how a day went").into()
        );
    }
    Ok(day)
}

/// Which day the check-in page is for: `?date=YYYY-MM-DD`, or today.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DayQuery {
    date: Option<String>,
}

async fn render(
    state: &AppState,
    day: jiff::civil::Date,
    form: Fields,
    errors: FieldErrors,
) -> Result<CheckInPage, AppError> {
    let today_date = state.settings()?.day.starts_at.today(&state.now());
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let existing = tx.checkin_on(day).await?;
    let named = match existing {
        Some(_) => tx.emotions_named().await?,
        None => Vec::new(),
    };
    drop(tx);
    let for_day = ladder::NamedFor::Checkin(day);
    let named_today: Vec<&str> = named
        .iter()
        .filter(|n| n.named_for == for_day)
        .flat_map(|n| n.after.iter().map(|e| e.as_str()))
        .collect();
    // Show today's answers when there are some and nothing was just typed.
    let form = match (&existing, form.0.is_empty()) {
        (Some(c), true) => Fields(
            [
                ("energy", c.energy.map(|e| e.get().to_string()).unwrap_or_default()),
                ("mood", c.mood.get().to_string()),
                ("stress", c.stress.map(|s| s.get().to_string()).unwrap_or_default()),
                ("capacity", c.capacity.get().to_string()),
                ("alone", c.alone.minutes.map(|m| m.get().to_string()).unwrap_or_default()),
                (
                    "restored",
                    c.alone.restored.map(|r| if r { "yes" } else { "no" }).unwrap_or_default().to_owned(),
                ),
                ("note", c.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .chain(c.affected.iter().flat_map(|a| a.words()).map(|w| ("affected".to_owned(), w.to_owned())))
            .chain(named_today.iter().map(|w| ("emotions".to_owned(), (*w).to_owned())))
            .collect(),
        ),
        _ => form,
    };
    Ok(CheckInPage {
        title: "Check in",
        nav: "checkin",
        date: day.strftime("%A %-d %B").to_string(),
        other_day: (day != today_date).then(|| day.to_string()),
        today: today_date.to_string(),
        already: existing.is_some(),
        scales: scales(&form, &errors),
        emotions: emotions::from_form("emotions", "How does the day feel?", &form, &errors),
        form,
        errors,
    })
}

pub async fn page(State(state): State<AppState>, Query(q): Query<DayQuery>) -> Result<CheckInPage, AppError> {
    let day = day_of(&state, q.date.as_deref())?;
    render(&state, day, Fields::default(), FieldErrors::default()).await
}

/// Deletes the check-in of today, or of the day the form names, as `kith checkin delete`.
pub async fn delete(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let day = day_of(&state, form.get("date"))?;
    state.write(async |tx| Ok(checkins::delete(tx, day).await?)).await?;
    Ok(Redirect::to("/?saved=deleted").into_response())
}

pub async fn submit(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let now = state.now();
    let day = day_of(&state, form.get("date"))?;
    let mut errors = FieldErrors::default();
    let (mood, capacity) = mood_and_battery(&form, &mut errors);
    let energy = form.get("energy").and_then(|raw| errors.take("energy", Scale::parse("energy", raw)));
    let stress = form.get("stress").and_then(|raw| errors.take("stress", Scale::parse("stress", raw)));
    let alone = form.get("alone").and_then(|m| errors.take("alone", Minutes::parse("alone", m)));
    let restored = form.get("restored").and_then(|r| errors.take("restored", parse_yes_no("restored", r)));
    let affected = errors.take("affected", Affected::parse(&form.all("affected").join(",")));
    let note = form.get("note").and_then(|n| errors.take("note", Note::parse("note", n)));
    let named = errors.take("emotions", emotions::parse(&form, "emotions", "emotions")).unwrap_or_default();
    // The whole form shows the question, so no box ticked means nothing was affected.
    let (Some(mood), Some(capacity), Some(affected), true) = (mood, capacity, affected, errors.is_empty())
    else {
        return Ok(render(&state, day, form, errors).await?.into_response());
    };
    // The page shows the day's answers to change, so saving replaces them.
    let answers = checkins::Answers {
        energy,
        stress,
        alone: AloneTime { minutes: alone, restored },
        affected: Some(affected),
        note,
        emotions: named,
        ..checkins::Answers::new(day, mood, capacity)
    };
    let now = Moment::from_zoned(&now);
    let new = state
        .write(async |tx| Ok(checkins::check_in(tx, answers, true, now, &mut random_bytes).await?.new))
        .await?;
    Ok(Redirect::to(&thanks(new, day)).into_response())
}

/// Today's thank-you for a check-in; a new one (not one that replaced the day's answers,
/// which undoing could not bring back) can be undone from it.
fn thanks(new: bool, day: jiff::civil::Date) -> String {
    if new { format!("/?saved=checkin&undo_checkin={day}") } else { "/?saved=checkin".to_owned() }
}

/// Mood and the social battery, the two answers every check-in needs.
fn mood_and_battery(form: &Fields, errors: &mut FieldErrors) -> (Option<Scale>, Option<Capacity>) {
    let mood = match form.get("mood") {
        Some(raw) => errors.take("mood", Scale::parse("mood", raw)),
        None => {
            errors.add("mood", "Please choose a number.");
            None
        }
    };
    let capacity = match form.get("capacity") {
        Some(raw) => errors.take("capacity", Capacity::parse(raw)),
        None => {
            errors.add("capacity", "Please choose a number.");
            None
        }
    };
    (mood, capacity)
}

/// The quick check-in on Today: mood and the social battery in two taps. When today has a
/// check-in already, those two answers are updated and the rest of it is kept; otherwise the
/// other questions stay unanswered, which is not the same as answering them.
pub async fn quick(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let now = state.now();
    let mut errors = FieldErrors::default();
    let date = state.settings()?.day.starts_at.today(&now);
    let (Some(mood), Some(capacity)) = mood_and_battery(&form, &mut errors) else {
        return Ok(render(&state, date, form, errors).await?.into_response());
    };
    let now = Moment::from_zoned(&now);
    let new = state
        .write(async |tx| Ok(checkins::quick(tx, date, mood, capacity, now, &mut random_bytes).await?.new))
        .await?;
    Ok(Redirect::to(&thanks(new, date)).into_response())
}

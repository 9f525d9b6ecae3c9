//! Plans and what became of them: add one, then mark it done, cancelled (by me or them),
//! missed or moved. How much notice a cancellation gave is kept, because a rising share of
//! last-minute cancellations is one of the changes the withdrawal signals look for.

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::Choice;
use crate::fields::{FieldErrors, Fields};
use crate::view;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::SignedDuration;
use kith_app::plans::{NewPlan, Settle, Settled};
use kith_core::id::random_bytes;
use kith_core::ladder::{Anxiety, Expectation, PlanPrediction, plan_outcome_words};
use kith_core::*;
use kith_store::{Access, PlanFilter, Repo};
use std::collections::HashMap;

pub struct PlanRow {
    pub id: String,
    pub when: String,
    pub who: String,
    pub mode: &'static str,
    pub note: String,
    pub outcome: &'static str,
    pub notice: String,
    /// Its time has come: only then can it have been done or missed, and how it felt be told.
    pub started: bool,
    /// Whether the plan was added with a prediction; then "Done" can say how it went.
    pub predicted: bool,
    /// What was expected, when predicted: "expected anxiety 8 of 10, and it to go 3 of 10".
    pub expected: String,
    /// How it went against that, once recorded (the core's words).
    pub went: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans.html")]
pub struct PlansPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub flash: &'static str,
    pub upcoming: Vec<PlanRow>,
    pub past: Vec<PlanRow>,
    pub people: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub form: Fields,
    pub errors: FieldErrors,
    /// After "I cancelled" on a meeting still to come: a smaller form offered, once.
    pub offer: Option<OfferView>,
    /// The plan just added, which the thank-you offers to undo.
    pub undo: Option<String>,
}

/// The offer of a call at the same time instead of a cancelled meeting.
pub struct OfferView {
    pub text: String,
    /// The people's ids and the start ("YYYY-MM-DD HH:MM"), for the "Plan a call" form.
    pub people: Vec<String>,
    pub at: String,
}

/// `?offer=ID`: the plan just cancelled, whose smaller form to offer.
#[derive(serde::Deserialize)]
pub struct OfferQuery {
    pub offer: Option<String>,
}

fn row(p: &Plan, prediction: Option<&PlanPrediction>, names: &view::Names, now: &jiff::Zoned) -> PlanRow {
    let expected = prediction.map_or(String::new(), |pr| {
        let went = pr.expected.map(|e| format!(", and it to go {} of 10", e.get())).unwrap_or_default();
        format!("expected anxiety {} of 10{went}", pr.anxiety.get())
    });
    PlanRow {
        id: p.id.to_string(),
        when: p.start.local().strftime("%a %-d %b, %H:%M").to_string(),
        who: view::who(&p.people, names),
        mode: p.mode.label(),
        note: p.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
        outcome: p.outcome.label(),
        notice: match p.outcome {
            Outcome::CancelledByMe | Outcome::CancelledByThem => {
                p.notice().map(view::notice_words).unwrap_or_default()
            }
            _ => String::new(),
        },
        started: p.start.timestamp() <= now.timestamp(),
        predicted: prediction.is_some(),
        expected,
        went: prediction.and_then(plan_outcome_words).unwrap_or_default(),
    }
}

async fn render(
    state: &AppState,
    flash: &'static str,
    form: Fields,
    errors: FieldErrors,
) -> Result<PlansPage, AppError> {
    let now = state.now();
    let since = now.timestamp() - SignedDuration::from_hours(24 * 14);
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let plans = tx.plans(&PlanFilter { since: Some(since), until: None }).await?;
    let people = tx.people(false).await?;
    let predictions: HashMap<PlanId, PlanPrediction> =
        tx.plan_predictions(None).await?.into_iter().map(|p| (p.plan, p)).collect();
    drop(tx);
    let names = view::names(&people);
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for p in &plans {
        let shown = row(p, predictions.get(&p.id), &names, &now);
        if p.outcome == Outcome::Pending
            && p.start.timestamp() >= now.timestamp() - SignedDuration::from_hours(24)
        {
            upcoming.push(shown);
        } else {
            past.push(shown);
        }
    }
    past.reverse();
    let mut people: Vec<Choice> = people
        .iter()
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.name.to_string(),
            checked: form.has("people", &p.id.to_string()),
        })
        .collect();
    people.sort_by_key(|c| c.label.to_lowercase());
    let chosen_mode = form.get("mode").map(str::to_owned);
    let modes = Mode::ALL
        .iter()
        .map(|m| Choice {
            value: m.as_str().into(),
            label: m.label().into(),
            checked: chosen_mode.as_deref().unwrap_or("in_person") == m.as_str(),
        })
        .collect();
    Ok(PlansPage {
        title: "Plans",
        nav: "plans",
        flash,
        upcoming,
        past,
        people,
        modes,
        form,
        errors,
        offer: None,
        undo: None,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Query(flash): Query<super::flash::Flash>,
    Query(offer): Query<OfferQuery>,
) -> Result<PlansPage, AppError> {
    let mut page = render(&state, flash.message(), Fields::default(), FieldErrors::default()).await?;
    // Offered only while the plan is still there, coming up, and was just added.
    page.undo =
        flash.undo.as_deref().and_then(|id| id.parse::<PlanId>().ok()).map(|id| id.to_string()).filter(
            |id| flash.saved.as_deref() == Some("planned") && page.upcoming.iter().any(|p| p.id == *id),
        );
    if let Some(id) = offer.offer.as_deref().and_then(|id| id.parse::<PlanId>().ok()) {
        page.offer = smaller_instead(&state, id).await?;
        if let Some(o) = &page.offer {
            // "Another time" is the form above, with the same people chosen.
            for choice in &mut page.people {
                choice.checked = o.people.contains(&choice.value);
            }
        }
    }
    Ok(page)
}

/// The offer for plan `id` when it is a meeting still to come that I cancelled, unless
/// today's social battery is low or the person said "not now" to the kind.
async fn smaller_instead(state: &AppState, id: PlanId) -> Result<Option<OfferView>, AppError> {
    let now = state.now();
    let settings = state.settings()?;
    let today = settings.day.starts_at.today(&now);
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let Some(plan) = tx.plans_by_prefix(&id.uuid().simple().to_string()).await?.into_iter().next() else {
        return Ok(None);
    };
    if plan.outcome != Outcome::CancelledByMe || plan.start.timestamp() <= now.timestamp() {
        return Ok(None);
    }
    let (checkins, not_now, people) =
        (tx.checkins(Some(today)).await?, tx.not_now(today).await?, tx.people(true).await?);
    drop(tx);
    let history = kith_core::History::new(&people, &[], &[], &checkins).with_not_now(&not_now);
    Ok(kith_core::instead_of_cancelling(&history, &settings, &now, &plan.people, plan.mode).map(|s| {
        OfferView {
            text: s.text,
            people: plan.people.iter().map(ToString::to_string).collect(),
            at: plan.start.local().strftime("%Y-%m-%d %H:%M").to_string(),
        }
    }))
}

pub async fn add(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let now = state.now();
    let mut errors = FieldErrors::default();
    let people: Vec<PersonId> = form.all("people").iter().filter_map(|p| p.parse().ok()).collect();
    if people.is_empty() {
        errors.add("people", "Please choose at least one person.");
    }
    let start = match form.get("at") {
        Some(raw) => errors.take("at", parse_when_leaning("at", raw, &now, Lean::Future)),
        None => {
            errors.add("at", "Please say when, for example \"friday 19:00\" or \"2026-12-01 18:30\".");
            None
        }
    };
    let mode = errors.take("mode", Mode::parse(form.get("mode").unwrap_or("in_person")));
    let note = form.get("note").and_then(|n| errors.take("note", Note::parse("note", n)));
    // A prediction is optional; what is expected needs the anxiety, as on the command line.
    let filled = |field: &str| form.get(field).map(str::trim).filter(|v| !v.is_empty());
    let anxiety = filled("anxiety").and_then(|a| errors.take("anxiety", Anxiety::parse(a)));
    let expected = filled("expect").and_then(|e| errors.take("expect", Expectation::parse(e)));
    if expected.is_some() && filled("anxiety").is_none() {
        errors.add("anxiety", "Please say how anxious you expect to feel too, from 0 to 10.");
    }
    let (Some(start), Some(mode), true) = (start, mode, errors.is_empty()) else {
        return Ok(render(&state, "", form, errors).await?.into_response());
    };
    let who = people.iter().map(PersonId::to_string).collect();
    let new = NewPlan { who, start: Moment::from_zoned(&start), mode, note, anxiety, expect: expected };
    let moment = Moment::from_zoned(&now);
    let plan = state
        .write(async |tx| Ok(kith_app::plans::add(tx, new, moment, &mut random_bytes).await?))
        .await?
        .plan;
    Ok(Redirect::to(&format!("/plans?saved=planned&undo={}", plan.id)).into_response())
}

/// How a plan went against its prediction, as the API's `/done` and the plans page's "Done"
/// take it: `felt_anxiety` and, only with it, `went` (each 0-10). `None` without either.
///
/// # Errors
/// A value out of range, or `went` without `felt_anxiety`, named by its field.
pub fn parse_check(
    felt_anxiety: Option<&str>,
    went: Option<&str>,
) -> Result<Option<(Anxiety, Option<Expectation>)>, Invalid> {
    let felt_anxiety = felt_anxiety
        .map(|a| Anxiety::parse(a).map_err(|e| Invalid { field: "felt_anxiety", ..e }))
        .transpose()?;
    let went = went.map(|w| Expectation::parse(w).map_err(|e| Invalid { field: "went", ..e })).transpose()?;
    if felt_anxiety.is_none() && went.is_some() {
        return Err(Invalid::new(
            "felt_anxiety",
            "",
            "a whole number from 0 (calm) to 10 (extremely anxious), with went",
        ));
    }
    Ok(felt_anxiety.map(|a| (a, went)))
}

/// Settles the plan whose id starts with `id` as `how`, in one transaction.
///
/// # Errors
/// When the plan does not exist or is no longer pending.
pub async fn settle(state: &AppState, id: &str, how: Settle) -> Result<Settled, AppError> {
    let now = Moment::from_zoned(&state.now());
    state.write(async |tx| Ok(kith_app::plans::settle(tx, id, how, now, &mut random_bytes).await?)).await
}

pub async fn outcome(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let id: PlanId = id.parse().map_err(|_| AppError::NotFound { what: "plan" })?;
    let now = state.now();
    let what = form.get("outcome").unwrap_or("");
    let settle_as = match what {
        // Blank answers are no answer: a plan with a prediction can still be done in one tap.
        "attended" => {
            let given = |field| form.get(field).map(str::trim).filter(|v| !v.is_empty());
            match parse_check(given("felt_anxiety"), given("went")) {
                Ok(check) => Settle::Done { minutes: None, felt: None, check },
                Err(e) => {
                    let mut errors = FieldErrors::default();
                    errors.invalid(&format!("{}-{id}", e.field), &e);
                    let page = render(&state, "", form, errors).await?;
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
                }
            }
        }
        "cancelled_by_me" => Settle::Cancelled { by: Initiator::Me, at: None },
        "cancelled_by_them" => Settle::Cancelled { by: Initiator::Them, at: None },
        "no_show" => Settle::Missed,
        "rescheduled" => match form.get("to").map(|raw| parse_when_leaning("to", raw, &now, Lean::Future)) {
            Some(Ok(to)) => Settle::Moved { to: Moment::from_zoned(&to) },
            other => {
                let mut errors = FieldErrors::default();
                match other {
                    Some(Err(e)) => errors.invalid(&format!("to-{id}"), &e),
                    _ => errors.add(&format!("to-{id}"), "Please say when it moves to."),
                }
                return Ok(render(&state, "", form, errors).await?.into_response());
            }
        },
        other => {
            return Err(Outcome::parse(other)
                .err()
                .map_or(AppError::NotFound { what: "outcome" }, AppError::from));
        }
    };
    let plan = settle(&state, &id.to_string(), settle_as).await?.plan;
    let offer = if plan.outcome == Outcome::CancelledByMe && plan.start.timestamp() > now.timestamp() {
        format!("&offer={}", plan.id)
    } else {
        String::new()
    };
    Ok(Redirect::to(&format!("/plans?saved={}{offer}", plan.outcome.as_str())).into_response())
}

//! One step's page: its tries so far, and the half of a try that is due. Before: how
//! anxious you expect to feel, how well you expect it to go, what you fear, how you feel.
//! After: how anxious you felt, how it went, how the time felt, what happened, how you feel
//! now, or "not this time". The words after each half are worked out here from what is
//! stored, never taken from the address.

use super::{Loaded, StepRow, load, row, try_step, words_for};
use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{FieldErrors, Fields};
use crate::pages::emotions::{self, Picker};
use crate::view;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_core::ladder::{
    self, Afterwards, Anxiety, Attempt, AttemptOutcome, Expectation, Finish, Prediction,
};
use kith_core::*;

/// A row of chips for one rating.
pub struct Rating {
    pub name: &'static str,
    pub legend: &'static str,
    pub hint: &'static str,
    pub values: Vec<(String, String)>,
    pub chosen: String,
    pub error: String,
}

fn rating(
    name: &'static str,
    legend: &'static str,
    hint: &'static str,
    range: std::ops::RangeInclusive<i64>,
    form: &Fields,
    errors: &FieldErrors,
) -> Rating {
    let values = range
        .map(|v| (v.to_string(), if v > 0 && name == "felt" { format!("+{v}") } else { v.to_string() }))
        .collect();
    Rating { name, legend, hint, values, chosen: form.raw(name), error: errors.of(name).to_owned() }
}

/// One try, as the step page lists it.
pub struct TryRow {
    pub when: String,
    pub outcome: &'static str,
    pub predicted: i64,
    pub felt: String,
    pub expected: String,
    pub went: String,
    pub fear: String,
    pub happened: String,
    pub before: String,
    pub after: String,
}

fn try_row(a: &Attempt) -> TryRow {
    let d = a.done();
    let words = |list: &[ladder::Emotion]| list.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(", ");
    TryRow {
        when: a.outcome_at.unwrap_or(a.predicted_at).local().strftime("%a %-d %b %Y").to_string(),
        outcome: match a.outcome {
            AttemptOutcome::Open => "waiting to be tried",
            AttemptOutcome::Done(_) => "done",
            AttemptOutcome::NotThisTime => "not this time",
        },
        predicted: a.predicted_anxiety.get(),
        felt: d.map(|d| d.felt_anxiety.get().to_string()).unwrap_or_default(),
        expected: a.expected.map(|e| e.get().to_string()).unwrap_or_default(),
        went: d.and_then(|d| d.went).map(|w| w.get().to_string()).unwrap_or_default(),
        fear: a.fear.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
        happened: d.and_then(|d| d.happened.as_ref()).map(|n| n.as_str().to_owned()).unwrap_or_default(),
        before: words(&a.emotions_before),
        after: words(&a.emotions_after),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "step.html")]
pub struct StepPage {
    pub title: &'static str,
    pub nav: &'static str,
    /// The words for the half just recorded, from the stored try.
    pub words: String,
    /// The interaction the try was logged as, in words, with a link to the person.
    pub logged: String,
    pub logged_person: String,
    pub step: StepRow,
    /// The prediction waiting for its outcome, in words.
    pub waiting: String,
    /// A look back at earlier predictions, when the one waiting is high.
    pub prompt: String,
    pub tries: Vec<TryRow>,
    pub before_ratings: Vec<Rating>,
    pub after_ratings: Vec<Rating>,
    pub before: Picker,
    pub after: Picker,
    pub form: Fields,
    pub errors: FieldErrors,
}

async fn render(
    state: &AppState,
    id: StepId,
    saved: Option<&str>,
    form: Fields,
    errors: FieldErrors,
) -> Result<StepPage, AppError> {
    let Loaded { steps, attempts, names, settings, .. } = load(state).await?;
    let step = steps.iter().find(|s| s.id == id).ok_or(AppError::NotFound { what: "step" })?;
    let l = ladder::ladder(&steps, &attempts, &settings);
    let progress = l.get(id).ok_or(AppError::NotFound { what: "step" })?;
    let mut mine: Vec<&Attempt> = attempts.iter().filter(|a| a.step == id).collect();
    mine.sort_by_key(|a| (a.outcome_at.unwrap_or(a.predicted_at), a.predicted_at, a.id));
    let open = mine.iter().rev().find(|a| a.outcome == AttemptOutcome::Open).copied();
    let others = |this: &Attempt| attempts.iter().filter(|a| a.id != this.id).cloned().collect::<Vec<_>>();
    // The half just recorded: the open prediction, or the latest outcome.
    let just = match saved {
        Some("predicted") => open,
        Some("done" | "not_this_time") => mine
            .iter()
            .rev()
            .find(|a| a.outcome != AttemptOutcome::Open && a.outcome.as_str() == saved.unwrap_or(""))
            .copied(),
        _ => None,
    };
    let words = just.map(|a| words_for(step, a, &steps, &others(a), &settings)).unwrap_or_default();
    let (mut logged, mut logged_person) = (String::new(), String::new());
    if let Some(a) = just
        && let Some(d) = a.done()
        && d.interaction.is_some()
        && let Some(p) = step.person
    {
        logged = format!(
            "Logged as time with {}: it counts toward one a day like any other contact.",
            view::who(&[p], &names)
        );
        logged_person = p.to_string();
    }
    let (waiting, prompt) = match open {
        Some(a) => (
            format!(
                "Waiting since {}: you expected anxiety of {} out of 10{}.",
                a.predicted_at.local().strftime("%a %-d %b"),
                a.predicted_anxiety.get(),
                a.expected.map(|e| format!(", and for it to go {} out of 10", e.get())).unwrap_or_default()
            ),
            // Shown once with the words above, right after the prediction.
            if saved == Some("predicted") {
                String::new()
            } else {
                ladder::prediction_prompt(&others(a), a.predicted_anxiety, &settings).unwrap_or_default()
            },
        ),
        None => (String::new(), String::new()),
    };
    Ok(StepPage {
        title: "A step",
        nav: "ladder",
        words,
        logged,
        logged_person,
        step: row(progress, &names),
        waiting,
        prompt,
        tries: mine.iter().rev().map(|a| try_row(a)).collect(),
        before_ratings: vec![
            rating(
                "anxiety",
                "How anxious do you expect to feel?",
                "0 calm to 10 extremely anxious",
                0..=10,
                &form,
                &errors,
            ),
            rating(
                "expect",
                "How well do you expect it to go? (optional)",
                "0 very badly to 10 very well",
                0..=10,
                &form,
                &errors,
            ),
        ],
        after_ratings: vec![
            rating(
                "felt_anxiety",
                "How anxious did you feel?",
                "0 calm to 10 extremely anxious",
                0..=10,
                &form,
                &errors,
            ),
            rating(
                "went",
                "How well did it go? (optional)",
                "0 very badly to 10 very well",
                0..=10,
                &form,
                &errors,
            ),
            rating(
                "felt",
                "How did the time feel? (optional)",
                "-2 draining to +2 energising",
                -2..=2,
                &form,
                &errors,
            ),
        ],
        before: emotions::from_form("before", "How do you feel now?", &form, &errors),
        after: emotions::from_form("after", "How do you feel now?", &form, &errors),
        form,
        errors,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(flash): Query<crate::pages::flash::Flash>,
) -> Result<StepPage, AppError> {
    let id: StepId = id.parse().map_err(|_| AppError::NotFound { what: "step" })?;
    render(&state, id, flash.saved.as_deref(), Fields::default(), FieldErrors::default()).await
}

/// Either half of a try, from the forms on the step page.
pub async fn try_submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let id: StepId = id.parse().map_err(|_| AppError::NotFound { what: "step" })?;
    let now = state.now();
    let mut errors = FieldErrors::default();
    let mut required = |name: &'static str, words: &str| match form.get(name) {
        Some(raw) => errors.take(name, Anxiety::parse(raw).map_err(|e| Invalid { field: name, ..e })),
        None => {
            errors.add(name, words);
            None
        }
    };
    let (before, after) = if form.get("phase") == Some("after") {
        let finish = if form.get("outcome") == Some("not_this_time") {
            Some(Finish::NotThisTime)
        } else {
            let felt_anxiety = required(
                "felt_anxiety",
                "Please choose how anxious you felt, from 0 (calm) to 10; or choose “Not this time”.",
            );
            let went = form.get("went").and_then(|r| {
                errors.take("went", Expectation::parse(r).map_err(|e| Invalid { field: "went", ..e }))
            });
            let felt = form.get("felt").and_then(|r| errors.take("felt", Felt::parse(r)));
            let happened =
                form.get("happened").and_then(|r| errors.take("happened", Note::parse("happened", r)));
            let minutes =
                form.get("minutes").and_then(|r| errors.take("minutes", Minutes::parse("minutes", r)));
            felt_anxiety.map(|felt_anxiety| Finish::Done { felt_anxiety, went, felt, happened, minutes })
        };
        let emotions = errors.take("after", emotions::parse(&form, "after", "after")).unwrap_or_default();
        (None, finish.map(|finish| Afterwards { finish, emotions, at: Moment::from_zoned(&now) }))
    } else {
        let anxiety =
            required("anxiety", "Please choose how anxious you expect to feel, from 0 (calm) to 10.");
        let expected = form.get("expect").and_then(|r| errors.take("expect", Expectation::parse(r)));
        let fear = form.get("fear").and_then(|r| errors.take("fear", Note::parse("fear", r)));
        let emotions = errors.take("before", emotions::parse(&form, "before", "before")).unwrap_or_default();
        (anxiety.map(|anxiety| Prediction { anxiety, expected, fear, emotions }), None)
    };
    if !errors.is_empty() || (before.is_none() && after.is_none()) {
        return Ok(render(&state, id, None, form, errors).await?.into_response());
    }
    let tried = try_step(&state, id, before, after).await?;
    let phase = match tried.attempt.outcome {
        AttemptOutcome::Open => "predicted",
        AttemptOutcome::Done(_) => "done",
        AttemptOutcome::NotThisTime => "not_this_time",
    };
    Ok(Redirect::to(&format!("/ladder/{id}?saved={phase}")).into_response())
}

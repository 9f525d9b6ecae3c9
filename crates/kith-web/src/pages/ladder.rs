//! Small steps back: the ladder of steps ordered by how hard they feel, the next
//! one suggested, a form to add a step or the starter set, and how predictions turned out.
//! The rules are `kith_core::ladder`'s, as for `kith step`; a try is recorded by
//! [`try_step`], which the step page and the API share.

pub mod step;
mod trying;

pub use trying::{try_step, words_for};

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::Choice;
use crate::fields::{FieldErrors, Fields};
use crate::view::{self, Names};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_core::id::random_bytes;
use kith_core::ladder::{self, Attempt, Difficulty, Step, StepProgress, StepState, StepStatus, StepTitle};
use kith_core::settings::LadderSettings;
use kith_core::*;
use kith_store::{Access, InteractionFilter, PlanFilter, Repo};

/// One step as the pages show it.
pub struct StepRow {
    pub id: String,
    pub title: String,
    pub with: String,
    pub mode: &'static str,
    pub difficulty: i64,
    pub state: &'static str,
    pub state_label: &'static str,
    pub is_next: bool,
    pub waiting: bool,
    pub set_aside: bool,
    /// Anxiety felt on each try, oldest first: "6 → 4 → 3".
    pub trail: String,
}

/// How a state is named on the pages; "tried" is the core's word for the CLI's list.
pub fn state_words(state: StepState) -> &'static str {
    match state {
        StepState::NotYet => "not yet",
        StepState::Trying => "trying",
        StepState::Comfortable => "comfortable",
        StepState::Mastered => "mastered",
        StepState::SetAside => "set aside",
    }
}

pub fn row(p: &StepProgress, names: &Names) -> StepRow {
    StepRow {
        id: p.step.id.to_string(),
        title: p.step.title.to_string(),
        with: p.step.person.map(|id| view::who(&[id], names)).unwrap_or_default(),
        mode: p.step.mode.label(),
        difficulty: p.step.difficulty.get(),
        state: p.state.as_str(),
        state_label: state_words(p.state),
        is_next: p.is_next,
        waiting: p.open_attempt.is_some(),
        set_aside: p.step.status == StepStatus::SetAside,
        trail: p.felt_anxiety.iter().map(i64::to_string).collect::<Vec<_>>().join(" → "),
    }
}

/// A count and the sentence it stands behind.
pub struct Counted {
    pub text: String,
    pub pleasant: u32,
    pub named: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "ladder.html")]
pub struct LadderPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub flash: &'static str,
    pub summary: String,
    pub next: Option<StepRow>,
    pub steps: Vec<StepRow>,
    pub people: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub difficulties: Vec<String>,
    pub form: Fields,
    pub errors: FieldErrors,
    pub report: ladder::PredictionReport,
    /// Weeks in a row with a step done, and the words for them; no words without a streak.
    pub streak: ladder::LadderStreak,
    pub streak_text: Option<String>,
    pub after_tries: Vec<Counted>,
    pub feelings: Vec<Counted>,
}

/// Everything the ladder pages read, in one read transaction.
pub struct Loaded {
    pub steps: Vec<Step>,
    pub attempts: Vec<Attempt>,
    pub people: Vec<Person>,
    pub names: Names,
    pub settings: LadderSettings,
}

pub async fn load(state: &AppState) -> Result<Loaded, AppError> {
    let settings = state.settings()?.ladder;
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let (steps, attempts, people) = (tx.steps().await?, tx.attempts(None).await?, tx.people(true).await?);
    drop(tx);
    let names = view::names(&people);
    Ok(Loaded { steps, attempts, people, names, settings })
}

fn mode_label(key: &str) -> String {
    Mode::parse(key).map_or(key.to_owned(), |m| m.label().to_owned())
}

fn person_label(key: &str, names: &Names) -> String {
    key.parse::<PersonId>()
        .ok()
        .and_then(|id| names.get(&id))
        .map_or("someone removed", String::as_str)
        .to_owned()
}

/// Predictions against outcomes, of steps and of plans (as `kith step report`), and the
/// feelings named after time with people: what the ladder page and
/// `GET /api/v1/ladder/report` both show.
pub async fn reports(
    state: &AppState,
    data: &Loaded,
) -> Result<(ladder::PredictionReport, ladder::FeelingsReport), AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let named = tx.emotions_named().await?;
    let interactions = tx.interactions(&InteractionFilter::default()).await?;
    let predictions = tx.plan_predictions(None).await?;
    // As the CLI: the plans are only needed to count predictions let go.
    let plans = if predictions.is_empty() { Vec::new() } else { tx.plans(&PlanFilter::default()).await? };
    drop(tx);
    let report = ladder::prediction_report_with_plans(&data.steps, &data.attempts, &plans, &predictions);
    Ok((report, ladder::feelings_after(&interactions, &named, &data.attempts)))
}

async fn render(
    state: &AppState,
    flash: &'static str,
    form: Fields,
    errors: FieldErrors,
) -> Result<LadderPage, AppError> {
    let data = load(state).await?;
    let l = ladder::ladder(&data.steps, &data.attempts, &data.settings);
    let (report, feelings) = reports(state, &data).await?;
    let streak = ladder::ladder_streak(&data.attempts, state.now().date(), &data.settings);
    let streak_text = ladder::streak_line(&streak);
    let count = |text: String, f: (u32, u32)| Counted { text, pleasant: f.0, named: f.1 };
    let after_tries = report
        .by_mode
        .iter()
        .map(|f| count(mode_label(&f.key), (f.pleasant, f.named)))
        .chain(
            report
                .by_person
                .iter()
                .map(|f| count(format!("with {}", person_label(&f.key, &data.names)), (f.pleasant, f.named))),
        )
        .collect();
    let feelings = feelings
        .by_person
        .iter()
        .map(|f| count(format!("with {}", person_label(&f.key, &data.names)), (f.pleasant, f.named)))
        .chain(feelings.by_mode.iter().map(|f| count(mode_label(&f.key), (f.pleasant, f.named))))
        .chain(feelings.by_tag.iter().map(|f| count(format!("#{}", f.key), (f.pleasant, f.named))))
        .collect();
    let summary = if l.steps.is_empty() {
        "No steps yet. The starter set below adds a few small ones to begin with, or add your own.".to_owned()
    } else {
        // The next step has its own line with a link; the summary keeps the rest.
        let next =
            l.next.and_then(|id| l.get(id)).map(|p| format!(" Next, when you are ready: {}.", p.step.title));
        next.map_or(l.text.clone(), |n| l.text.replace(&n, ""))
    };
    let chosen_person = form.get("person").map(str::to_owned);
    let mut people: Vec<Choice> = data
        .people
        .iter()
        .filter(|p| !p.archived)
        .map(|p| Choice {
            value: p.id.to_string(),
            label: p.name.to_string(),
            checked: chosen_person.as_deref() == Some(p.id.to_string().as_str())
                || form.has("people", &p.id.to_string()),
        })
        .collect();
    people.sort_by_key(|c| c.label.to_lowercase());
    let chosen_mode = form.get("mode").unwrap_or("in_person").to_owned();
    let modes = Mode::ALL
        .iter()
        .map(|m| Choice {
            value: m.as_str().into(),
            label: m.label().into(),
            checked: chosen_mode == m.as_str(),
        })
        .collect();
    let next = l.steps.iter().find(|p| p.is_next).map(|p| row(p, &data.names));
    Ok(LadderPage {
        title: "Ladder",
        nav: "ladder",
        flash,
        summary,
        next,
        steps: l.steps.iter().map(|p| row(p, &data.names)).collect(),
        people,
        modes,
        difficulties: (0..=Difficulty::MAX).map(|d| d.to_string()).collect(),
        form,
        errors,
        report,
        streak,
        streak_text,
        after_tries,
        feelings,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Query(flash): Query<super::flash::Flash>,
) -> Result<LadderPage, AppError> {
    render(&state, flash.message(), Fields::default(), FieldErrors::default()).await
}

/// Adds a step from the form on the ladder page.
pub async fn add(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let title = errors.take("title", StepTitle::parse(form.get("title").unwrap_or("")));
    let difficulty = match form.get("difficulty") {
        Some(raw) => errors.take("difficulty", Difficulty::parse(raw)),
        None => {
            errors.add("difficulty", "Please choose how hard it feels now, from 0 (easy) to 10 (very hard).");
            None
        }
    };
    let mode = errors.take("mode", Mode::parse(form.get("mode").unwrap_or("in_person")));
    let person = match form.get("person").map(str::parse::<PersonId>) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            errors.add("person", "That person is not in kith any more; please choose again.");
            None
        }
    };
    let (Some(title), Some(difficulty), Some(mode), true) = (title, difficulty, mode, errors.is_empty())
    else {
        return Ok(render(&state, "", form, errors).await?.into_response());
    };
    let id = StepId::from_random_bytes(random_bytes());
    let step = Step::new(id, title, person, mode, difficulty, state.now().timestamp());
    insert_steps(&state, &[step]).await?;
    Ok(Redirect::to("/ladder?saved=step").into_response())
}

/// Saves new steps in one transaction; a person who is not (or no longer) in kith is refused.
pub async fn insert_steps(state: &AppState, steps: &[Step]) -> Result<(), AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.begin_write().await?;
    let people = tx.people(true).await?;
    for s in steps {
        if let Some(p) = s.person
            && !people.iter().any(|q| q.id == p)
        {
            return Err(Invalid::new("person", p.to_string(), "one of your people").into());
        }
        tx.insert_step(s).await?;
    }
    tx.commit().await?;
    drop(pooled);
    state.changed();
    Ok(())
}

/// The starter set, its steps about someone taking the people chosen, in turn.
pub async fn starter_steps(state: &AppState, chosen: &[PersonId]) -> Result<Vec<Step>, AppError> {
    let data = load(state).await?;
    let mut people: Vec<Person> = Vec::new();
    for id in chosen {
        let p = data
            .people
            .iter()
            .find(|p| p.id == *id)
            .ok_or_else(|| Invalid::new("people", id.to_string(), "your people"))?;
        if !people.iter().any(|q| q.id == p.id) {
            people.push(p.clone());
        }
    }
    let steps = ladder::starter_steps(&people, state.now().timestamp(), random_bytes);
    insert_steps(state, &steps).await?;
    Ok(steps)
}

pub async fn starter(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let mut chosen = Vec::new();
    for raw in form.all("people") {
        match raw.parse::<PersonId>() {
            Ok(id) => chosen.push(id),
            Err(_) => {
                let mut errors = FieldErrors::default();
                errors.add("people", "That person is not in kith any more; please choose again.");
                return Ok(render(&state, "", form, errors).await?.into_response());
            }
        }
    }
    starter_steps(&state, &chosen).await?;
    Ok(Redirect::to("/ladder?saved=starter").into_response())
}

/// A step id, or any unique prefix of at least four characters (as the CLI takes).
pub async fn step_id(state: &AppState, raw: &str) -> Result<StepId, AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    Ok(kith_app::records::step(&mut tx, raw).await?.id)
}

/// Takes a step off the ladder for now, or puts it back; its history stays.
pub async fn set_aside_step(state: &AppState, id: StepId, undo: bool) -> Result<(Step, Names), AppError> {
    let now = state.now().timestamp();
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.begin_write().await?;
    let mut step =
        tx.steps().await?.into_iter().find(|s| s.id == id).ok_or(AppError::NotFound { what: "step" })?;
    (step.status, step.set_aside_at) =
        if undo { (StepStatus::Active, None) } else { (StepStatus::SetAside, Some(now)) };
    tx.update_step(&step).await?;
    let people = tx.people(true).await?;
    tx.commit().await?;
    drop(pooled);
    state.changed();
    Ok((step, view::names(&people)))
}

pub async fn set_aside(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let id: StepId = id.parse().map_err(|_| AppError::NotFound { what: "step" })?;
    let undo = form.get("undo").is_some();
    set_aside_step(&state, id, undo).await?;
    Ok(Redirect::to(if undo { "/ladder?saved=back" } else { "/ladder?saved=set_aside" }).into_response())
}

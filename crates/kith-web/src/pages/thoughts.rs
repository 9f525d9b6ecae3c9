//! Thought records: a situation, the thought it brought and how strongly it was
//! believed (0-100), the evidence for and against, a kinder way to see it, and how strongly
//! the first thought is believed afterwards. As `kith thought add` and `kith thought list`.

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{FieldErrors, Fields};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_core::id::random_bytes;
use kith_core::ladder::{Belief, ThoughtRecord};
use kith_core::*;
use kith_store::{Access, Repo};

pub struct ThoughtRow {
    pub when: String,
    pub situation: String,
    pub thought: String,
    pub belief: i64,
    pub belief_after: String,
    pub evidence_for: String,
    pub evidence_against: String,
    pub kinder: String,
    /// "the thought loosened its grip by 30 points", when it did.
    pub change: String,
}

fn row(r: &ThoughtRecord) -> ThoughtRow {
    let text = |n: &Option<Note>| n.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default();
    ThoughtRow {
        when: r.at.local().strftime("%a %-d %b %Y").to_string(),
        situation: r.situation.as_str().to_owned(),
        thought: r.thought.as_str().to_owned(),
        belief: r.belief.get(),
        belief_after: r.belief_after.map(|b| b.get().to_string()).unwrap_or_default(),
        evidence_for: text(&r.evidence_for),
        evidence_against: text(&r.evidence_against),
        kinder: text(&r.kinder),
        change: r
            .belief_change()
            .filter(|c| *c < 0)
            .map(|c| format!("The thought loosened its grip by {} points.", -c))
            .unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "thoughts.html")]
pub struct ThoughtsPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub flash: &'static str,
    pub records: Vec<ThoughtRow>,
    pub form: Fields,
    pub errors: FieldErrors,
}

async fn render(
    state: &AppState,
    flash: &'static str,
    form: Fields,
    errors: FieldErrors,
) -> Result<ThoughtsPage, AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let records = tx.thoughts().await?;
    drop(tx);
    Ok(ThoughtsPage {
        title: "Thought records",
        nav: "ladder",
        flash,
        records: records.iter().rev().map(row).collect(),
        form,
        errors,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Query(flash): Query<super::flash::Flash>,
) -> Result<ThoughtsPage, AppError> {
    render(&state, flash.message(), Fields::default(), FieldErrors::default()).await
}

fn belief(field: &'static str, raw: &str) -> Result<Belief, Invalid> {
    Belief::parse(raw).map_err(|e| Invalid { field, ..e })
}

/// Saves a thought record in one transaction.
pub async fn save(state: &AppState, record: &ThoughtRecord) -> Result<(), AppError> {
    state.write(async |tx| Ok(tx.insert_thought(record).await?)).await?;
    Ok(())
}

/// A thought record from named text fields (the form's or the API's), with every field that
/// does not fit reported.
pub fn parse(get: impl Fn(&str) -> Option<String>, at: Moment) -> Result<ThoughtRecord, Vec<Invalid>> {
    fn take<T>(bad: &mut Vec<Invalid>, r: Result<T, Invalid>) -> Option<T> {
        r.map_err(|e| bad.push(e)).ok()
    }
    let mut bad = Vec::new();
    let required = |field: &'static str| get(field).ok_or_else(|| Invalid::new(field, "", "a few words"));
    let situation = take(&mut bad, required("situation").and_then(|s| Note::parse("situation", &s)));
    let thought = take(&mut bad, required("thought").and_then(|s| Note::parse("thought", &s)));
    let believed = take(
        &mut bad,
        get("belief")
            .ok_or_else(|| {
                Invalid::new("belief", "", "a whole number from 0 (not at all) to 100 (completely)")
            })
            .and_then(|b| belief("belief", &b)),
    );
    let note = |field: &'static str| get(field).map(|s| Note::parse(field, &s)).transpose();
    let evidence_for = take(&mut bad, note("evidence_for")).flatten();
    let evidence_against = take(&mut bad, note("evidence_against")).flatten();
    let kinder = take(&mut bad, note("kinder")).flatten();
    let belief_after =
        take(&mut bad, get("belief_after").map(|b| belief("belief_after", &b)).transpose()).flatten();
    match (situation, thought, believed) {
        (Some(situation), Some(thought), Some(belief)) if bad.is_empty() => Ok(ThoughtRecord {
            id: ThoughtId::from_random_bytes(random_bytes()),
            at,
            situation,
            thought,
            belief,
            evidence_for,
            evidence_against,
            kinder,
            belief_after,
        }),
        _ => Err(bad),
    }
}

pub async fn add(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let at = Moment::from_zoned(&state.now());
    match parse(|f| form.get(f).map(str::to_owned), at) {
        Ok(record) => {
            save(&state, &record).await?;
            Ok(Redirect::to("/thoughts?saved=thought").into_response())
        }
        Err(bad) => {
            let mut errors = FieldErrors::default();
            for e in &bad {
                errors.invalid(e.field, e);
            }
            Ok(render(&state, "", form, errors).await?.into_response())
        }
    }
}

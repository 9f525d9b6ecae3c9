//! Quick log: who, how, how it felt. Three taps for the common case (a person, a mode, a
//! feeling, which also sends the form); minutes, time, note and tags are optional.

use super::emotions::{self, Picker};
use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{Choice, FieldErrors, Fields};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_app::log::{NewEntry, Who};
use kith_core::id::random_bytes;
use kith_core::*;
use std::collections::HashMap;

#[derive(Template, WebTemplate)]
#[template(path = "log.html")]
pub struct LogPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub top: Vec<Choice>,
    pub others: Vec<Choice>,
    pub modes: Vec<Choice>,
    /// How you felt before and after, in two taps each (optional).
    pub before: Picker,
    pub after: Picker,
    pub form: Fields,
    pub errors: FieldErrors,
    /// The same was logged a moment ago: the page asks before logging it again.
    pub repeat: bool,
}

/// The people to offer first: the ones seen most recently.
fn choices(
    people: &[Person],
    interactions: &[Interaction],
    chosen: Option<&str>,
) -> (Vec<Choice>, Vec<Choice>) {
    let mut last: HashMap<PersonId, jiff::Timestamp> = HashMap::new();
    for i in interactions {
        for p in &i.people {
            let t = i.at.timestamp();
            last.entry(*p).and_modify(|l| *l = (*l).max(t)).or_insert(t);
        }
    }
    let mut active: Vec<&Person> = people.iter().filter(|p| !p.archived).collect();
    active.sort_by_key(|p| std::cmp::Reverse(last.get(&p.id).copied()));
    let choice = |p: &&Person| Choice {
        value: p.id.to_string(),
        label: p.name.to_string(),
        checked: chosen == Some(p.id.to_string().as_str()),
    };
    let mut top: Vec<Choice> = active.iter().take(8).map(choice).collect();
    // Someone chosen from a "log it" link is always among the buttons.
    if let Some(c) = chosen
        && !top.iter().any(|t| t.value == c)
        && let Some(p) = active.iter().find(|p| p.id.to_string() == c)
    {
        top.insert(0, choice(p));
    }
    let mut others: Vec<Choice> = active.iter().skip(8).map(choice).collect();
    others.sort_by_key(|c| c.label.to_lowercase());
    (top, others)
}

fn modes(chosen: Option<&str>) -> Vec<Choice> {
    Mode::ALL
        .iter()
        .map(|m| Choice {
            value: m.as_str().into(),
            label: m.label().into(),
            checked: chosen == Some(m.as_str()),
        })
        .collect()
}

async fn render(state: &AppState, form: Fields, errors: FieldErrors) -> Result<LogPage, AppError> {
    let snapshot = state.snapshot().await?;
    let (top, others) = choices(&snapshot.loaded.people, &snapshot.loaded.interactions, form.get("person"));
    let mark = |mut c: Choice, field: &str| {
        c.checked = form.has(field, &c.value);
        c
    };
    let top = top.into_iter().map(|c| mark(c, "person")).collect();
    let others = others.into_iter().map(|c| mark(c, "person_other")).collect();
    Ok(LogPage {
        title: "Log",
        nav: "log",
        top,
        others,
        modes: modes(form.get("mode")),
        before: emotions::from_form("before", "Before: how did you feel?", &form, &errors),
        after: emotions::from_form("after", "Afterwards: how do you feel?", &form, &errors),
        form,
        errors,
        repeat: false,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<LogPage, AppError> {
    render(&state, Fields(query), FieldErrors::default()).await
}

/// The parts of an interaction the log form and the edit form share, as typed.
pub struct Details {
    pub mode: Option<Mode>,
    pub felt: Option<Felt>,
    pub minutes: Option<Minutes>,
    /// `None` when the time did not parse (the error says why); now when left empty.
    pub at: Option<jiff::Zoned>,
    pub initiator: Option<Initiator>,
    pub note: Option<Note>,
    pub tags: Vec<Tag>,
}

/// Reads the shared fields of `form`, recording what does not fit in `errors`.
pub fn details(form: &Fields, now: &jiff::Zoned, errors: &mut FieldErrors) -> Details {
    let mode = match form.get("mode") {
        Some(m) => errors.take("mode", Mode::parse(m)),
        None => {
            errors.add("mode", "Please choose how you were in touch.");
            None
        }
    };
    let at = match form.get("at") {
        Some(raw) => errors.take("at", parse_when_past("at", raw, now, "add it on the Plans page")),
        None => Some(now.clone()),
    };
    Details {
        mode,
        felt: form.get("felt").and_then(|f| errors.take("felt", Felt::parse(f))),
        minutes: form.get("minutes").and_then(|m| errors.take("minutes", Minutes::parse("minutes", m))),
        at,
        initiator: form.get("by").and_then(|b| errors.take("by", Initiator::parse(b))),
        note: form.get("note").and_then(|n| errors.take("note", Note::parse("note", n))),
        tags: form
            .get("tags")
            .map(|t| {
                t.split([',', ' '])
                    .filter(|t| !t.is_empty())
                    .filter_map(|t| errors.take("tags", Tag::parse(t)))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

pub async fn submit(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let now = state.now();
    let mut errors = FieldErrors::default();
    let Details { mode, felt, minutes, at, initiator, note, tags } = details(&form, &now, &mut errors);
    let before = errors.take("before", emotions::parse(&form, "before", "before")).unwrap_or_default();
    let after = errors.take("after", emotions::parse(&form, "after", "after")).unwrap_or_default();
    let new_name = form.get("new_person").and_then(|n| errors.take("new_person", PersonName::parse(n)));
    let chosen: Vec<&str> =
        form.all("person").into_iter().chain(form.all("person_other")).filter(|c| !c.is_empty()).collect();
    if chosen.is_empty() && new_name.is_none() && !errors.0.contains_key("new_person") {
        errors.add("person", "Please choose who you were with, or type a new name.");
    }
    if chosen.iter().any(|c| c.parse::<PersonId>().is_err()) {
        errors.add("person", "Someone chosen is not in kith any more; please choose again.");
    }
    let (Some(mode), Some(at), true) = (mode, at, errors.is_empty()) else {
        return Ok(render(&state, form, errors).await?.into_response());
    };
    let who =
        chosen.iter().map(|c| Who::Known((*c).to_owned())).chain(new_name.map(Who::KnownOrNew)).collect();
    let entry = NewEntry {
        minutes,
        felt,
        initiator,
        meaningful: form.get("trivial").is_none(),
        tags,
        note,
        before,
        after,
        again: form.get("again").is_some(),
        ..NewEntry::new(who, Moment::from_zoned(&at), mode)
    };
    let logged = state
        .try_write(async |tx| kith_app::log::log(tx, entry, now.timestamp(), &mut random_bytes).await)
        .await?;
    let interaction = match logged {
        Ok(logged) => logged.interaction,
        Err(kith_app::Error::Repeat { .. }) => {
            let mut page = render(&state, form, FieldErrors::default()).await?;
            page.repeat = true;
            return Ok(page.into_response());
        }
        Err(kith_app::Error::NoSuchPerson { .. }) => {
            errors.add("person", "Someone chosen is not in kith any more; please choose again.");
            return Ok(render(&state, form, errors).await?.into_response());
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/?saved=logged&undo={}", interaction.id)).into_response())
}

/// Deletes a logged interaction (the Undo after logging, and Delete on a person's page),
/// then goes back to `back` when it is a page of kith's own, else to Today.
pub async fn delete(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<InteractionId>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    state.write(async |tx| Ok(kith_app::log::delete(tx, &id.to_string()).await?)).await?;
    let back = crate::fields::safe_back(form.get("back"));
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{sep}saved=deleted")).into_response())
}

//! Fixing a logged interaction: the edit page each entry links to, with Save and Delete.
//! The same fields as the log form, read by the same code; who it was with stays (the CLI
//! and the API can change that).

use super::log::{Details, details};
use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{Choice, safe_back};
use crate::fields::{FieldErrors, Fields};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_core::*;
use kith_store::{Access, Repo};

#[derive(Template, WebTemplate)]
#[template(path = "entry.html")]
pub struct EntryPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub id: String,
    /// "Sam Lee, Priya".
    pub who: String,
    pub modes: Vec<Choice>,
    pub felts: Vec<Choice>,
    /// Where Save and Delete go back to: a page of kith's own.
    pub back: String,
    pub form: Fields,
    pub errors: FieldErrors,
}

#[derive(Debug, serde::Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// The entry's values as the form shows them.
fn form_of(i: &Interaction) -> Fields {
    let pairs = [
        ("mode", i.mode.as_str().to_owned()),
        ("felt", i.felt.map(|f| f.value().to_string()).unwrap_or_default()),
        ("minutes", i.minutes.map(|m| m.get().to_string()).unwrap_or_default()),
        ("at", i.at.local().strftime("%Y-%m-%d %H:%M").to_string()),
        ("by", i.initiator.map(|b| b.as_str().to_owned()).unwrap_or_default()),
        ("note", i.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default()),
        ("tags", i.tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(", ")),
    ];
    let mut fields: Vec<(String, String)> = pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    if !i.meaningful {
        fields.push(("trivial".into(), "yes".into()));
    }
    Fields(fields)
}

async fn found(state: &AppState, id: InteractionId) -> Result<(Interaction, String), AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Read).await?;
    let entry = tx
        .interactions_by_prefix(&id.uuid().simple().to_string())
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound { what: "interaction" })?;
    let who = crate::view::who(&entry.people, &crate::view::names(&tx.people(true).await?));
    Ok((entry, who))
}

fn page_of(id: InteractionId, who: String, back: String, form: Fields, errors: FieldErrors) -> EntryPage {
    let chosen = |field: &str, value: &str| form.get(field).unwrap_or("") == value;
    let modes = Mode::ALL
        .iter()
        .map(|m| Choice {
            value: m.as_str().into(),
            label: m.label().into(),
            checked: chosen("mode", m.as_str()),
        })
        .collect();
    let felts = [
        ("2", "Energising"),
        ("1", "Good"),
        ("0", "Neutral"),
        ("-1", "A bit draining"),
        ("-2", "Draining"),
        ("", "Not said"),
    ]
    .into_iter()
    .map(|(v, l)| Choice { value: v.into(), label: l.into(), checked: chosen("felt", v) })
    .collect();
    EntryPage { title: "Change an entry", nav: "", id: id.to_string(), who, modes, felts, back, form, errors }
}

pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<InteractionId>,
    Query(back): Query<Back>,
) -> Result<EntryPage, AppError> {
    let (entry, who) = found(&state, id).await?;
    Ok(page_of(id, who, safe_back(back.back.as_deref()), form_of(&entry), FieldErrors::default()))
}

pub async fn save(
    State(state): State<AppState>,
    Path(id): Path<InteractionId>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let now = state.now();
    let (entry, who) = found(&state, id).await?;
    let back = safe_back(form.get("back"));
    let mut errors = FieldErrors::default();
    let Details { mode, felt, minutes, at, initiator, note, tags } = details(&form, &now, &mut errors);
    let (Some(mode), Some(at), true) = (mode, at, errors.is_empty()) else {
        return Ok(page_of(id, who, back, form, errors).into_response());
    };
    // Every field is on the form, so each replaces what was there; an empty one clears it.
    let changes = InteractionChanges {
        at: Some(Moment::from_zoned(&at)),
        minutes: Some(minutes),
        mode: Some(mode),
        initiator: Some(initiator),
        people: None,
        felt: Some(felt),
        meaningful: Some(form.get("trivial").is_none()),
        tags: Some(tags),
        note: Some(note),
    };
    let edit = kith_app::log::Edit { changes, people: None };
    state.write(async |tx| Ok(kith_app::log::edit(tx, &entry.id.to_string(), edit).await?)).await?;
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{sep}saved=changed")).into_response())
}

#[cfg(test)]
mod tests {
    use crate::fields::safe_back;

    #[test]
    fn going_back_stays_on_this_site() {
        assert_eq!(safe_back(Some("/people/abc")), "/people/abc");
        for elsewhere in ["//evil.example", "https://evil.example", "/\\evil.example", ""] {
            assert_eq!(safe_back(Some(elsewhere)), "/", "{elsewhere}");
        }
        assert_eq!(safe_back(None), "/");
    }
}

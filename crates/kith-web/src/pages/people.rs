//! People: the list, a page per person (history, how time with them has felt, cadence,
//! quadrant, snooze), adding someone, and the connection map.

use crate::app::AppState;
use crate::charts;
use crate::error::AppError;
use crate::fields::{FieldErrors, Fields};
use crate::view;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kith_app::people::{self, NewPerson, PersonEdit};
use kith_core::id::random_bytes;
use kith_core::person::name_key;
use kith_core::*;

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub circle: &'static str,
    pub last: String,
    pub quadrant: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "people.html")]
pub struct PeoplePage {
    pub title: &'static str,
    pub nav: &'static str,
    pub people: Vec<PersonRow>,
    /// Everyone not archived, before the search.
    pub everyone: usize,
    pub circles: Vec<&'static str>,
    /// The search: `q` (a part of a name or an alias) and `circle`.
    pub search: Fields,
    pub form: Fields,
    pub errors: FieldErrors,
}

fn map_at(snapshot: &crate::cache::Snapshot, now: &jiff::Zoned) -> std::sync::Arc<ConnectionMap> {
    snapshot.memo("map", now.date().to_string(), || {
        connection_map(&snapshot.loaded.history(), &snapshot.settings.map, now)
    })
}

/// What the people list is narrowed to: `q` (a part of a name or an alias, in any case) and
/// `circle`, read once from the search.
struct Search<'a> {
    q: String,
    circle: Option<&'a str>,
}

impl<'a> Search<'a> {
    fn of(fields: &'a Fields) -> Self {
        Self {
            q: fields.get("q").map(name_key).unwrap_or_default(),
            circle: fields.get("circle").filter(|c| !c.is_empty()),
        }
    }

    fn finds(&self, p: &Person) -> bool {
        let named = self.q.is_empty()
            || name_key(p.name.as_str()).contains(&self.q)
            || p.aliases.iter().any(|a| name_key(a.as_str()).contains(&self.q));
        named && self.circle.is_none_or(|c| p.circle.as_str() == c)
    }
}

async fn render_list(
    state: &AppState,
    search: Fields,
    form: Fields,
    errors: FieldErrors,
) -> Result<PeoplePage, AppError> {
    let now = state.now();
    let snapshot = state.snapshot().await?;
    let map = map_at(&snapshot, &now);
    // The loaded window covers the last year or so; before it, each person's last contact
    // comes with the earlier facts.
    let mut last: std::collections::HashMap<PersonId, Moment> =
        snapshot.loaded.earlier.last_contact.iter().copied().collect();
    for i in &snapshot.loaded.interactions {
        for p in &i.people {
            let e = last.entry(*p).or_insert(i.at);
            if i.at.timestamp() > e.timestamp() {
                *e = i.at;
            }
        }
    }
    let active: Vec<&Person> = snapshot.loaded.people.iter().filter(|p| !p.archived).collect();
    let everyone = active.len();
    let wanted = Search::of(&search);
    let people = active
        .into_iter()
        .filter(|p| wanted.finds(p))
        .map(|p| PersonRow {
            id: p.id.to_string(),
            name: p.name.to_string(),
            circle: p.circle.as_str(),
            last: last
                .get(&p.id)
                .map(|m| m.local().strftime("%-d %b %Y").to_string())
                .unwrap_or_else(|| "not yet".into()),
            quadrant: map
                .people
                .iter()
                .find(|e| e.person_id == p.id)
                .and_then(|e| e.quadrant)
                .map_or(String::new(), |q| short(q).to_owned()),
        })
        .collect();
    Ok(PeoplePage {
        title: "People",
        nav: "people",
        people,
        everyone,
        circles: Circle::ALL.iter().map(|c| c.as_str()).collect(),
        search,
        form,
        errors,
    })
}

pub async fn list(
    State(state): State<AppState>,
    Query(search): Query<Vec<(String, String)>>,
) -> Result<PeoplePage, AppError> {
    render_list(&state, Fields(search), Fields::default(), FieldErrors::default()).await
}

pub async fn add(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let name = errors.take("name", PersonName::parse(form.get("name").unwrap_or("")));
    let circle = errors.take("circle", Circle::parse(form.get("circle").unwrap_or("friend")));
    let cadence = form.get("cadence").and_then(|c| errors.take("cadence", Cadence::parse(c)));
    let (Some(name), Some(circle), true) = (name, circle, errors.is_empty()) else {
        return Ok(render_list(&state, Fields::default(), form, errors).await?.into_response());
    };
    let new = NewPerson { name, circle, cadence, aliases: Vec::new(), note: None };
    let now = state.now().timestamp();
    let added = state.try_write(async |tx| people::add(tx, new, now, &mut random_bytes).await).await?;
    let person = match added {
        Ok(person) => person,
        Err(kith_app::Error::Store(kith_store::StoreError::Taken { value, .. })) => {
            errors.add("name", format!("“{value}” is already one of your people."));
            return Ok(render_list(&state, Fields::default(), form, errors).await?.into_response());
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/people/{}?saved=person", person.id)).into_response())
}

pub struct HistoryRow {
    /// The interaction's id, for its edit page.
    pub id: String,
    pub when: String,
    pub mode: &'static str,
    pub minutes: String,
    pub felt: &'static str,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub title: String,
    pub nav: &'static str,
    pub flash: &'static str,
    pub id: String,
    pub name: String,
    pub circle: &'static str,
    pub circles: Vec<&'static str>,
    pub cadence: String,
    pub note: String,
    pub snoozed: String,
    pub quadrant: String,
    pub suggestion: String,
    pub per_month: String,
    pub total: usize,
    pub history: Vec<HistoryRow>,
    pub felt_chart: String,
    /// "15 April" or "15 April 1990", from contacts or settings; empty when unknown.
    pub birthday: String,
    /// Who reached out first lately, where it was noted; empty when it never was.
    pub reached_out_first: String,
    pub errors: FieldErrors,
}

pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(flash): Query<super::flash::Flash>,
) -> Result<axum::response::Html<String>, AppError> {
    let pid: PersonId = id.parse().map_err(|_| AppError::NotFound { what: "person" })?;
    let snapshot = state.snapshot().await?;
    if !snapshot.loaded.people.iter().any(|p| p.id == pid) {
        return Err(AppError::NotFound { what: "person" });
    }
    let now = state.now();
    let birthday = snapshot.birthdays.get(&pid).copied();
    let key =
        format!("person|{pid}|{}|{}", now.strftime("%Y-%m-%dT%H:%M"), flash.saved.as_deref().unwrap_or(""));
    snapshot
        .page(key, || person_page(&snapshot, pid, birthday, &now, flash.message(), FieldErrors::default()))
}

/// "15 April", or "15 April 1990" when the year is known.
fn birthday_words(b: kith_core::Birthdate) -> String {
    let month = jiff::civil::Date::new(2000, b.month(), b.day())
        .map(|d| d.strftime("%B").to_string())
        .unwrap_or_default();
    match b.year() {
        Some(year) => format!("{} {month} {year}", b.day()),
        None => format!("{} {month}", b.day()),
    }
}

async fn render_person(
    state: &AppState,
    id: &str,
    flash: &'static str,
    errors: FieldErrors,
) -> Result<PersonPage, AppError> {
    let id: PersonId = id.parse().map_err(|_| AppError::NotFound { what: "person" })?;
    let snapshot = state.snapshot().await?;
    let birthday = snapshot.birthdays.get(&id).copied();
    person_page(&snapshot, id, birthday, &state.now(), flash, errors)
}

fn person_page(
    snapshot: &crate::cache::Snapshot,
    id: PersonId,
    birthday: Option<kith_core::Birthdate>,
    now: &jiff::Zoned,
    flash: &'static str,
    errors: FieldErrors,
) -> Result<PersonPage, AppError> {
    let person =
        snapshot.loaded.people.iter().find(|p| p.id == id).ok_or(AppError::NotFound { what: "person" })?;
    let map = map_at(snapshot, now);
    let entry = map.people.iter().find(|e| e.person_id == id);
    let theirs: Vec<&Interaction> =
        snapshot.loaded.interactions.iter().filter(|i| i.people.contains(&id)).collect();
    let year_ago = now.date().checked_sub(jiff::Span::new().days(365)).unwrap_or(now.date());
    let mut points: Vec<(jiff::civil::Date, i64)> = theirs
        .iter()
        .filter(|i| i.at.local_date() >= year_ago)
        .filter_map(|i| i.felt.map(|f| (i.at.local_date(), f.value())))
        .collect();
    points.sort_by_key(|p| p.0);
    let mut recent: Vec<&&Interaction> = theirs.iter().collect();
    recent.sort_by_key(|i| std::cmp::Reverse(i.at.timestamp()));
    let history = recent
        .iter()
        .take(20)
        .map(|i| HistoryRow {
            id: i.id.to_string(),
            when: i.at.local().strftime("%a %-d %b %Y, %H:%M").to_string(),
            mode: i.mode.label(),
            minutes: i.minutes.map(|m| format!("{} min", m.get())).unwrap_or_default(),
            felt: view::felt_words(i.felt.map(|f| f.value())),
            note: i.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
        })
        .collect();
    Ok(PersonPage {
        title: person.name.to_string(),
        nav: "people",
        flash,
        id: id.to_string(),
        name: person.name.to_string(),
        circle: person.circle.as_str(),
        circles: Circle::ALL.iter().map(|c| c.as_str()).collect(),
        cadence: person.cadence.map(|c| c.days().to_string()).unwrap_or_default(),
        note: person.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
        snoozed: person
            .snoozed_until
            .filter(|d| *d >= now.date())
            .map(|d| d.strftime("%a %-d %b").to_string())
            .unwrap_or_default(),
        quadrant: entry
            .and_then(|e| e.quadrant)
            .map_or("Not enough to say yet".into(), |q| short(q).to_owned()),
        suggestion: entry.map(|e| e.suggestion.clone()).unwrap_or_default(),
        per_month: entry.map(|e| format!("{:.1}", e.per_month)).unwrap_or_default(),
        total: theirs.len(),
        history,
        felt_chart: charts::felt_over_time(&points),
        birthday: birthday.map(birthday_words).unwrap_or_default(),
        reached_out_first: kith_core::reciprocity(
            &snapshot.loaded.history(),
            &snapshot.settings,
            Some(id),
            snapshot.settings.map.window_days,
            now,
        )
        .with_person(person.name.as_str(), 1)
        .unwrap_or_default(),
        errors,
    })
}

pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let circle = errors.take("circle", Circle::parse(form.get("circle").unwrap_or("friend")));
    let cadence = form.get("cadence").and_then(|c| errors.take("cadence", Cadence::parse(c)));
    let note = form.get("note").and_then(|n| errors.take("note", Note::parse("note", n)));
    let pid: PersonId = id.parse().map_err(|_| AppError::NotFound { what: "person" })?;
    let (Some(circle), true) = (circle, errors.is_empty()) else {
        return Ok(render_person(&state, &id, "", errors).await?.into_response());
    };
    let edit = PersonEdit {
        circle: Some(circle),
        cadence: Some(cadence),
        note: Some(note),
        ..PersonEdit::default()
    };
    update(&state, pid, edit).await?;
    Ok(Redirect::to(&format!("/people/{id}?saved=person")).into_response())
}

pub async fn snooze(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Fields>,
) -> Result<Response, AppError> {
    let pid: PersonId = id.parse().map_err(|_| AppError::NotFound { what: "person" })?;
    let days = kith_core::invalid::int_in("days", form.get("days").unwrap_or("14"), 1..=365)?;
    let until = state.now().date().checked_add(jiff::Span::new().days(days)).unwrap_or(state.now().date());
    update(&state, pid, PersonEdit { snoozed_until: Some(until), ..PersonEdit::default() }).await?;
    Ok(Redirect::to(&format!("/people/{id}?saved=snoozed")).into_response())
}

/// Changes one person in one transaction.
///
/// # Errors
/// Nobody has the id, the new name is someone else's, or the store failed.
pub async fn update(state: &AppState, id: PersonId, edit: PersonEdit) -> Result<Person, AppError> {
    state.write(async |tx| Ok(people::edit(tx, &id.to_string(), edit).await?)).await
}

pub struct MapRow {
    pub id: String,
    pub name: String,
    pub energy: String,
    pub per_month: String,
    pub suggestion: String,
}

pub struct MapGroup {
    pub label: &'static str,
    pub people: Vec<MapRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "map.html")]
pub struct MapPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub window_days: u32,
    pub chart: String,
    pub groups: Vec<MapGroup>,
    pub unrated: Vec<String>,
}

pub async fn map(State(state): State<AppState>) -> Result<axum::response::Html<String>, AppError> {
    let now = state.now();
    let snapshot = state.snapshot().await?;
    let key = format!("map|{}", now.strftime("%Y-%m-%dT%H:%M"));
    snapshot.page(key, || Ok(map_page(&snapshot, &now)))
}

fn map_page(snapshot: &crate::cache::Snapshot, now: &jiff::Zoned) -> MapPage {
    let map = map_at(snapshot, now);
    let quadrants = [
        Quadrant::EnergisingRare,
        Quadrant::EnergisingFrequent,
        Quadrant::DrainingFrequent,
        Quadrant::DrainingRare,
    ];
    let groups = quadrants
        .iter()
        .map(|q| MapGroup {
            label: q.label(),
            people: map
                .people
                .iter()
                .filter(|e| e.quadrant == Some(*q))
                .map(|e| MapRow {
                    id: e.person_id.to_string(),
                    name: e.name.clone(),
                    energy: e.energy.map(|v| format!("{v:+.1}")).unwrap_or_default(),
                    per_month: format!("{:.1}", e.per_month),
                    suggestion: e.suggestion.clone(),
                })
                .collect(),
        })
        .collect();
    MapPage {
        title: "Connection map",
        nav: "map",
        window_days: map.window_days,
        chart: charts::quadrant_chart(&map, snapshot.settings.map.frequent_per_month),
        groups,
        unrated: map.people.iter().filter(|e| e.quadrant.is_none()).map(|e| e.name.clone()).collect(),
    }
}

/// The quadrant's plain name without its suggestion ("Lifts you, rarely").
fn short(q: Quadrant) -> &'static str {
    q.label().split(':').next().unwrap_or_default()
}

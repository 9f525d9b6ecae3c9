//! The HTML pages. Each handler reads what it needs, builds a small view of plain strings,
//! and hands it to a compiled template; forms post back, and on success redirect (so a
//! reload never posts twice) with a short thank-you.

pub mod away;
mod checkin;
pub mod emotions;
mod entry;
mod flash;
mod import;
pub mod ladder;
mod log;
pub mod people;
mod plan_edit;
pub mod plans;
mod report;
mod settings;
mod settings_form;
pub mod suggestions;
pub mod thoughts;
mod today;

use crate::app::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(today::page))
        .route("/log", get(log::page).post(log::submit))
        .route("/interactions/{id}/delete", post(log::delete))
        .route("/interactions/{id}/edit", get(entry::page).post(entry::save))
        .route("/checkin", get(checkin::page).post(checkin::submit))
        .route("/checkin/quick", post(checkin::quick))
        .route("/checkin/delete", post(checkin::delete))
        .route("/plans", get(plans::page).post(plans::add))
        .route("/plans/{id}/outcome", post(plans::outcome))
        .route("/plans/{id}/edit", get(plan_edit::page).post(plan_edit::save))
        .route("/plans/{id}/delete", post(plan_edit::delete))
        .route("/people", get(people::list).post(people::add))
        .route("/people/{id}", get(people::show).post(people::edit))
        .route("/people/{id}/snooze", post(people::snooze))
        .route("/map", get(people::map))
        .route("/report", get(report::page))
        .route("/settings", get(settings::page).post(settings::save))
        .route("/settings/feed", post(settings::rotate_feed))
        .route("/settings/numbers", post(settings::save_numbers))
        .route("/away", post(away::add))
        .route("/away/lapse", post(away::lapse))
        .route("/suggestions/not-now", post(suggestions::not_now_form))
        .route("/away/{id}/remove", post(away::remove_one))
        .route("/ladder", get(ladder::page).post(ladder::add))
        .route("/ladder/starter", post(ladder::starter))
        .route("/ladder/{id}", get(ladder::step::page))
        .route("/ladder/{id}/try", post(ladder::step::try_submit))
        .route("/ladder/{id}/set-aside", post(ladder::set_aside))
        .route("/thoughts", get(thoughts::page).post(thoughts::add))
        // The upload counts its own bytes against upload::LIMIT (a clear page when over).
        .route("/import", get(import::page).post(import::preview).layer(DefaultBodyLimit::disable()))
        .route("/import/confirm", post(import::confirm))
        .route("/import/cancel", post(import::cancel))
        .route("/static/kith.css", get(css))
        .route("/favicon.svg", get(favicon))
}

async fn favicon() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "max-age=86400")],
        include_str!("../static/favicon.svg"),
    )
}

async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")],
        include_str!("../static/kith.css"),
    )
}

//! `/calendar.ics`: plans, reach-out reminders and birthdays as an iCalendar feed a calendar app can
//! subscribe to. The address carries a secret token, kept in the database so it survives
//! restarts, shown in settings and replaceable there.

use crate::app::AppState;
use crate::error::AppError;
use crate::view;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kith_core::{Outcome, reach_out};
use kith_store::{Access, PlanFilter, Repo};
use std::fmt::Write as _;

const TOKEN: &str = "feed_token";

pub fn routes() -> Router<AppState> {
    Router::new().route("/calendar.ics", get(calendar))
}

fn fresh_token() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

/// The feed's token, made on first use.
///
/// # Errors
/// When the database cannot be read or written.
pub async fn token(state: &AppState) -> Result<String, AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.begin_write().await?;
    if let Some(t) = tx.web_secret(TOKEN).await? {
        return Ok(t);
    }
    let t = fresh_token();
    tx.put_web_secret(TOKEN, &t).await?;
    tx.commit().await?;
    Ok(t)
}

/// Replaces the token, so the old address stops working.
///
/// # Errors
/// When the database cannot be written.
pub async fn rotate(state: &AppState) -> Result<String, AppError> {
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.begin_write().await?;
    let t = fresh_token();
    tx.put_web_secret(TOKEN, &t).await?;
    tx.commit().await?;
    Ok(t)
}

/// The feed's full address, on the host the browser used.
pub fn url(headers: &HeaderMap, token: &str) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:7070");
    format!("http://{host}/calendar.ics?token={token}")
}

#[derive(Debug, serde::Deserialize)]
pub struct FeedQuery {
    token: Option<String>,
}

/// Compares without stopping at the first difference, so timing does not leak the token.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn calendar(State(state): State<AppState>, Query(q): Query<FeedQuery>) -> Result<Response, AppError> {
    // Only read here: a wrong token is answered at once, never queued behind a writer. A
    // token not made yet cannot have been given out, so any token is then wrong.
    let expected = {
        let mut pooled = state.pool().get().await?;
        let mut tx = pooled.store().begin(Access::Read).await?;
        tx.web_secret(TOKEN).await?
    };
    if !q.token.as_deref().zip(expected.as_deref()).is_some_and(|(t, e)| same(t, e)) {
        return Ok((StatusCode::NOT_FOUND, "not found: this calendar address is unknown or was replaced; copy the current one from kith's settings\n").into_response());
    }
    let now = state.now();
    let since = now.timestamp() - jiff::SignedDuration::from_hours(24 * 60);
    let (plans, people, birthdays) = {
        let mut pooled = state.pool().get().await?;
        let mut tx = pooled.store().begin(Access::Read).await?;
        (
            tx.plans(&PlanFilter { since: Some(since), until: None }).await?,
            tx.people(true).await?,
            tx.birthdays().await?,
        )
    };
    let names = view::names(&people);
    let snapshot = state.snapshot().await?;
    let reach = reach_out(&snapshot.loaded.history(), &snapshot.settings, &now);
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kith//kith web//EN\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:kith\r\n",
    );
    let stamp = now.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
    for p in plans.iter().filter(|p| matches!(p.outcome, Outcome::Pending | Outcome::Attended)) {
        let start = p.start.timestamp();
        let end = start + jiff::SignedDuration::from_hours(1);
        event(
            &mut out,
            &format!("plan-{}@kith", p.id),
            &stamp,
            &format!(
                "DTSTART:{}\r\nDTEND:{}",
                start.strftime("%Y%m%dT%H%M%SZ"),
                end.strftime("%Y%m%dT%H%M%SZ")
            ),
            &format!("{} with {}", p.mode.label(), view::who(&p.people, &names)),
            p.note.as_ref().map(|n| n.as_str()).unwrap_or(""),
        );
    }
    let today = now.date();
    for r in &reach {
        event(
            &mut out,
            &format!("reach-{}-{}@kith", r.person_id, today),
            &stamp,
            &format!(
                "DTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}",
                today.strftime("%Y%m%d"),
                today.tomorrow().unwrap_or(today).strftime("%Y%m%d")
            ),
            &format!("Reach out to {}", r.name),
            &format!("{}. Maybe {}.", r.why, r.mode_text),
        );
    }
    // Birthdays as yearly all-day events, from the year of birth when known (2000, a leap
    // year, when not, so the 29th of February has a first occurrence).
    for (id, b) in &birthdays {
        let Some(person) = people.iter().find(|p| p.id == *id && !p.archived) else { continue };
        let Ok(first) = jiff::civil::Date::new(b.year().unwrap_or(2000), b.month(), b.day()) else {
            continue;
        };
        event(
            &mut out,
            &format!("birthday-{id}@kith"),
            &stamp,
            &format!(
                "DTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nRRULE:FREQ=YEARLY",
                first.strftime("%Y%m%d"),
                first.tomorrow().unwrap_or(first).strftime("%Y%m%d")
            ),
            &format!("{}'s birthday", person.name),
            "",
        );
    }
    out.push_str("END:VCALENDAR\r\n");
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], out)
        .into_response())
}

fn event(out: &mut String, uid: &str, stamp: &str, when: &str, summary: &str, description: &str) {
    let _ = write!(out, "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{stamp}\r\n{when}\r\n");
    fold(out, &format!("SUMMARY:{}", text(summary)));
    if !description.is_empty() {
        fold(out, &format!("DESCRIPTION:{}", text(description)));
    }
    out.push_str("END:VEVENT\r\n");
}

/// Escapes iCalendar TEXT (RFC 5545 section 3.3.11).
fn text(raw: &str) -> String {
    raw.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

/// Folds a content line at 75 octets without splitting a character (RFC 5545 section 3.1).
fn fold(out: &mut String, line: &str) {
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        fold(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn text_escapes_the_separators() {
        assert_eq!(text("a, b; c\nd"), "a\\, b\\; c\\nd");
    }
}

//! What happens around every request: one log line (method, route template, status,
//! milliseconds, and for a failure its cause; never a path's ids, a query, a name or a
//! note), `Cache-Control: no-store` on every answer that does not choose its own (pages and
//! API answers carry personal data, which no cache should keep), and for a form whose save
//! failed, a page that says so and keeps what was typed, so one tap sends it again.

use crate::error::{Failure, RETRY_AFTER};
use askama::Template;
use axum::body::{Body, HttpBody};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The largest form kept for sending again; the pages' forms are a few hundred bytes.
const KEEP_FORM: u64 = 64 * 1024;

/// A form post kept until its answer is known.
struct Kept {
    /// Where it was posted (path and query, as the form's own `action` had it).
    action: String,
    /// Its fields in order, or `None` for a file upload, which cannot be sent again from a page.
    fields: Option<Vec<(String, String)>>,
}

pub async fn observe(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let (request, kept) = keep_form(request).await;
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let status = response.status();
    if status.is_server_error()
        && let Some(kept) = kept
    {
        response = not_saved(response, &kept);
    }
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let route = route.as_deref().unwrap_or("(no route)");
    let code = status.as_u16();
    if status.is_server_error() {
        let cause = response.extensions().get::<Failure>().map_or("(no cause given)", |f| f.0.as_str());
        if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(%method, route, status = code, ms, cause, "request");
        } else {
            tracing::error!(%method, route, status = code, ms, cause, "request");
        }
    } else {
        tracing::info!(%method, route, status = code, ms, "request");
    }
    response
}

/// Reads a page's form post into memory (it is small), so it can be offered again.
async fn keep_form(request: Request) -> (Request, Option<Kept>) {
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let is_page_post = request.method() == Method::POST && !request.uri().path().starts_with("/api/");
    if !is_page_post {
        return (request, None);
    }
    let action = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_owned();
    if content_type.starts_with("multipart/form-data") {
        return (request, Some(Kept { action, fields: None }));
    }
    let small = request.body().size_hint().upper().is_some_and(|n| n <= KEEP_FORM);
    if !content_type.starts_with("application/x-www-form-urlencoded") || !small {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, usize::try_from(KEEP_FORM).unwrap_or(usize::MAX)).await {
        Ok(bytes) => {
            let fields = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes).ok();
            let kept = fields.map(|fields| Kept { action, fields: Some(fields) });
            (Request::from_parts(parts, Body::from(bytes)), kept)
        }
        // The connection broke mid-body; the handler sees an empty form and says so.
        Err(_) => (Request::from_parts(parts, Body::empty()), None),
    }
}

#[derive(Template)]
#[template(path = "not_saved.html")]
struct NotSaved<'a> {
    title: &'static str,
    nav: &'static str,
    reason: &'static str,
    action: &'a str,
    fields: Option<&'a [(String, String)]>,
    /// The fields that hold something, shown so the person sees their words are kept.
    shown: Vec<&'a (String, String)>,
}

/// The answer to a form whose save failed: the same status and headers, and a page that
/// says it was not saved, with what was typed ready to send again.
fn not_saved(response: Response, kept: &Kept) -> Response {
    let (mut parts, _) = response.into_parts();
    let reason = if parts.status == StatusCode::SERVICE_UNAVAILABLE {
        "kith cannot reach its database; it will try again."
    } else {
        "Something went wrong on kith's side."
    };
    let fields = kept.fields.as_deref();
    let page = NotSaved {
        title: "Not saved",
        nav: "",
        reason,
        action: &kept.action,
        fields,
        shown: fields.unwrap_or_default().iter().filter(|(_, v)| !v.trim().is_empty()).collect(),
    };
    let html = page.render().unwrap_or_else(|_| format!("This was not saved. {reason} Please try again."));
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    parts.headers.remove(header::CONTENT_LENGTH);
    if parts.status == StatusCode::SERVICE_UNAVAILABLE {
        parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
    }
    Response::from_parts(parts, Body::from(html))
}

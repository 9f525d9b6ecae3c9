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
use futures_util::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The largest form kept for sending again; the pages' forms are a few hundred bytes.
const KEEP_FORM: u64 = 64 * 1024;

/// A form post kept until its answer is known.
struct Kept {
    /// Where it was posted (path and query, as the form's own `action` had it).
    action: String,
    /// A copy of the form as it is read, or `None` for a file upload, which cannot be sent
    /// again from a page.
    form: Option<Arc<Mutex<FormCopy>>>,
}

pub async fn observe(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let (request, kept) = keep_form(request);
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

/// Keeps a copy of a page's form post as the handler reads it (a form is small), so it can
/// be offered again. The handler reads the body as always: a body that stalls or breaks is
/// its to answer, and nothing is read that it would not read.
fn keep_form(request: Request) -> (Request, Option<Kept>) {
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let is_page_post = request.method() == Method::POST && !request.uri().path().starts_with("/api/");
    if !is_page_post {
        return (request, None);
    }
    let action = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_owned();
    if content_type.starts_with("multipart/form-data") {
        return (request, Some(Kept { action, form: None }));
    }
    let length = request.body().size_hint().exact();
    if !content_type.starts_with("application/x-www-form-urlencoded") || length.is_some_and(|n| n > KEEP_FORM)
    {
        return (request, None);
    }
    let copy = Arc::new(Mutex::new(FormCopy { bytes: Vec::new(), length, whole: true }));
    let sink = copy.clone();
    let (parts, body) = request.into_parts();
    let body = Body::from_stream(body.into_data_stream().map(move |chunk| {
        if let (Ok(bytes), Ok(mut copy)) = (&chunk, sink.lock()) {
            if (copy.bytes.len() + bytes.len()) as u64 <= KEEP_FORM {
                copy.bytes.extend_from_slice(bytes);
            } else {
                copy.whole = false;
            }
        }
        chunk
    }));
    (Request::from_parts(parts, body), Some(Kept { action, form: Some(copy) }))
}

/// The bytes of a form post as the handler read them.
struct FormCopy {
    bytes: Vec<u8>,
    /// Its length, when the client said it.
    length: Option<u64>,
    /// False once it outgrew [`KEEP_FORM`].
    whole: bool,
}

impl Kept {
    /// The form's fields, when all of it was read and it parses.
    fn fields(&self) -> Option<Vec<(String, String)>> {
        let copy = self.form.as_ref()?.lock().ok()?;
        let complete = copy.whole && copy.length.is_none_or(|n| n == copy.bytes.len() as u64);
        complete.then(|| serde_urlencoded::from_bytes(&copy.bytes).ok()).flatten()
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
    /// A file upload, which has to be chosen again.
    upload: bool,
    /// The words typed, by what they were for, shown so the person sees they are kept.
    shown: Vec<(String, &'a str)>,
}

/// What a form field was for, in words, or `None` for a field that holds no words to show
/// (a choice of person, a hidden token).
fn field_label(name: &str, value: &str) -> Option<String> {
    if value.trim().is_empty() || value.parse::<uuid::Uuid>().is_ok() || name == "token" {
        return None;
    }
    let label = match name {
        "new_person" => "New person",
        "at" | "to" => "When",
        "felt" => "How it felt",
        "by" => "Who reached out",
        "felt_anxiety" => "Anxiety felt",
        "went" => "How it went",
        "expect" => "Expected to go",
        other => {
            let words = other.replace(['_', '-'], " ");
            let mut chars = words.chars();
            return chars.next().map(|c| c.to_uppercase().chain(chars).collect());
        }
    };
    Some(label.to_owned())
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
    let fields = kept.fields();
    let fields = fields.as_deref();
    let page = NotSaved {
        title: "Not saved",
        nav: "",
        reason,
        action: &kept.action,
        fields,
        upload: kept.form.is_none(),
        shown: fields
            .unwrap_or_default()
            .iter()
            .filter_map(|(name, value)| field_label(name, value).map(|label| (label, value.as_str())))
            .collect(),
    };
    let html = page.render().unwrap_or_else(|_| format!("This was not saved. {reason} Please try again."));
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    parts.headers.remove(header::CONTENT_LENGTH);
    if parts.status == StatusCode::SERVICE_UNAVAILABLE {
        parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
    }
    Response::from_parts(parts, Body::from(html))
}

#[cfg(test)]
mod tests {
    use super::field_label;

    #[test]
    fn kept_fields_are_named_in_words_and_choices_of_people_are_not_shown() {
        assert_eq!(field_label("new_person", "Noor").as_deref(), Some("New person"));
        assert_eq!(field_label("note", "the bakery").as_deref(), Some("Note"));
        assert_eq!(field_label("felt", "2").as_deref(), Some("How it felt"));
        assert_eq!(field_label("person", "0f8fad5b-d9cb-469f-a165-70867728950e"), None);
        assert_eq!(field_label("note", "  "), None);
        assert_eq!(field_label("token", "abc"), None);
    }
}

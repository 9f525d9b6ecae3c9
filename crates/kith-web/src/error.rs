//! One error type for the web app and how it is shown: a kind HTML page for the browser,
//! and `{"error": {"code", "message", "field"}}` for the API.

use askama::Template;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use kith_core::Invalid;
use kith_store::StoreError;
use kith_store::settings_file::SettingsError;

/// What can go wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("{}", crate::fields::words(.0))]
    Invalid(#[from] Invalid),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A file that cannot be imported (not the format named, cut short, a question only the
    /// person can answer); `field` is the form field or query parameter to change.
    #[error("{message}")]
    BadUpload { code: &'static str, message: String, field: &'static str },
    /// An upload over the limit (`upload::LIMIT`).
    #[error("{message}")]
    TooLarge { message: String },
    /// Every place for an upload is taken; the client is told when to try again.
    #[error("{message}")]
    Busy { message: String, retry_after: u64 },
    /// A request body that stopped arriving (`kith serve --body-timeout`).
    #[error("{message}")]
    Stalled { message: String },
    /// An upload that is no longer kept: imported already, cancelled or expired.
    #[error("{message}")]
    Gone { message: String },
    /// An API request whose form does not fit its operation (crate::api's strict reading):
    /// not JSON, JSON of the wrong shape, a method or a media type the operation does not
    /// take. `field` names the part of the body at fault, as `people[1]`.
    #[error("{message}")]
    Request {
        status: StatusCode,
        code: &'static str,
        message: String,
        field: Option<String>,
        hint: Option<String>,
    },
    #[error("could not serve on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not keep or read the upload: {0}")]
    Upload(#[from] std::io::Error),
    #[error("could not render the page: {0}")]
    Render(#[from] askama::Error),
    #[error("could not render the page: {0}")]
    Rendered(String),
}

/// The web's words for a use case's refusal: an unknown person or id is 404 `not_found`,
/// a prefix several records share 409 `ambiguous`, a repeat 409 `repeat`.
impl From<kith_app::Error> for AppError {
    fn from(e: kith_app::Error) -> Self {
        use kith_app::Error as E;
        match e {
            E::Store(e) => AppError::Store(e),
            E::Invalid(e) => AppError::Invalid(e),
            E::NoSuchPerson { name, .. } => AppError::Request {
                status: StatusCode::NOT_FOUND,
                code: "not_found",
                message: format!("None of your people has the name, alias or id “{name}”."),
                field: None,
                hint: Some("GET /api/v1/people lists them; POST /api/v1/people adds someone.".to_owned()),
            },
            E::NoPeople => AppError::Invalid(Invalid::new("people", "", "at least one person")),
            E::SamePerson { name } => AppError::Invalid(Invalid::new("into", name, "a different person")),
            E::BadId { record, .. } | E::NoSuchId { record, .. } => {
                AppError::NotFound { what: record.name() }
            }
            E::Ambiguous { record, typed, .. } => AppError::Conflict {
                code: "ambiguous",
                message: format!(
                    "Several {} have ids starting “{typed}”: give more characters of the id.",
                    record.plural()
                ),
            },
            E::PlanSettled { outcome, .. } => AppError::Conflict {
                code: "plan_settled",
                message: format!("This plan is already marked {}.", outcome.label()),
            },
            E::NoPrediction { felt_anxiety, .. } => AppError::Conflict {
                code: "no_prediction",
                message: format!(
                    "This plan was added without an anxiety prediction, so an anxiety of {} has nothing to be compared with: leave it out.",
                    felt_anxiety.get()
                ),
            },
            E::CheckInExists { date } => AppError::Conflict {
                code: "checkin_exists",
                message: format!(
                    "There is already a check-in for {date}; send \"replace\": true to replace it."
                ),
            },
            E::NoCheckIn { .. } => AppError::NotFound { what: "check-in" },
            E::Repeat { earlier } => AppError::Conflict {
                code: "repeat",
                message: format!(
                    "The same was logged a moment ago ({}); nothing was added. Send \"again\": true if it really happened twice.",
                    earlier.short()
                ),
            },
        }
    }
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Request { status, .. } => *status,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadUpload { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Gone { .. } => StatusCode::GONE,
            AppError::Busy { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Stalled { .. } => StatusCode::REQUEST_TIMEOUT,
            AppError::Store(StoreError::Taken { .. }) => StatusCode::CONFLICT,
            AppError::Store(e) if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "not_found",
            AppError::Request { code, .. } => code,
            AppError::Invalid(_) => "invalid",
            AppError::Conflict { code, .. } | AppError::BadUpload { code, .. } => code,
            AppError::TooLarge { .. } => "too_large",
            AppError::Gone { .. } => "gone",
            AppError::Busy { .. } => "busy",
            AppError::Stalled { .. } => "timeout",
            AppError::Store(StoreError::Taken { .. }) => "taken",
            AppError::Store(e) if e.is_unavailable() => "unavailable",
            _ => "internal",
        }
    }

    /// What the person is told on a page; internal detail stays in the log. A form whose
    /// save failed gets its own page that keeps what was typed (`crate::observe`).
    fn public_message(&self) -> String {
        match self.status() {
            StatusCode::SERVICE_UNAVAILABLE => UNAVAILABLE_PAGE.into(),
            StatusCode::INTERNAL_SERVER_ERROR => INTERNAL_PAGE.into(),
            _ => self.to_string(),
        }
    }

    /// What an API client is told; internal detail stays in the log.
    fn api_message(&self) -> String {
        match self.status() {
            StatusCode::SERVICE_UNAVAILABLE => UNAVAILABLE_API.into(),
            StatusCode::INTERNAL_SERVER_ERROR => INTERNAL_API.into(),
            _ => self.to_string(),
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid(e) => Some(e.field),
            AppError::BadUpload { field, .. } => Some(field),
            AppError::Request { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// What to do about it, where there is more to say than the message.
    fn hint(&self) -> Option<&str> {
        match self {
            AppError::Request { hint, .. } => hint.as_deref(),
            _ => None,
        }
    }

    /// Why it failed, for the log: the whole error, except where it would quote a stored or
    /// typed value (a row kith cannot read, a line of the settings file).
    fn cause(&self) -> String {
        match self {
            AppError::Store(StoreError::Corrupt { table, id, problem }) => {
                format!("the stored {table} row {id} holds a value kith cannot read in {}", problem.field)
            }
            AppError::Settings(SettingsError::Invalid { path, line, .. }) => {
                format!("{path}:{line}: the settings file cannot be read there")
            }
            _ => self.to_string(),
        }
    }

    /// Adds what some answers need: when to try again after a 429 or while the database is
    /// out of reach, and the cause, kept for the request log (`crate::observe`), never shown.
    fn finish(&self, mut response: Response) -> Response {
        if let AppError::Busy { retry_after, .. } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        } else if self.status() == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
        }
        response.extensions_mut().insert(Failure(self.cause()));
        response
    }
}

/// Seconds a client is asked to wait before trying again while the database is out of reach.
pub const RETRY_AFTER: &str = "5";

/// What a page says while the database is out of reach; it reloads itself after `RETRY_AFTER`.
pub const UNAVAILABLE_PAGE: &str =
    "kith cannot reach its database; it will try again. This page reloads on its own in a few seconds.";
/// What the API says while the database is out of reach.
pub const UNAVAILABLE_API: &str = "kith cannot reach its database; it will try again. Nothing was saved: send the same request again in a moment.";
const INTERNAL_PAGE: &str = "Something went wrong on kith's side; please try again in a moment.";
const INTERNAL_API: &str = "Something went wrong on kith's side and nothing was saved; please send the same request again in a moment.";

/// Why a request failed, in full, for the log only (never shown to the person).
#[derive(Debug, Clone)]
pub struct Failure(pub String);

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    message: String,
    nav: &'static str,
    /// Reload the page after this many seconds (while the database is out of reach).
    refresh: Option<&'static str>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let unavailable = self.status() == StatusCode::SERVICE_UNAVAILABLE;
        let page = ErrorPage {
            title: match self.status() {
                StatusCode::NOT_FOUND => "Not found".into(),
                StatusCode::SERVICE_UNAVAILABLE => "Waiting for the database".into(),
                _ => "Sorry".into(),
            },
            message: self.public_message(),
            nav: "",
            refresh: unavailable.then_some(RETRY_AFTER),
        };
        let body = page.render().unwrap_or_else(|_| self.public_message());
        self.finish((self.status(), Html(body)).into_response())
    }
}

/// The same errors, as JSON for `/api`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let mut body = serde_json::json!({"error": {
            "code": e.code(),
            "message": e.api_message(),
            "field": e.field(),
        }});
        if let Some(hint) = e.hint() {
            body["error"]["hint"] = serde_json::json!(hint);
        }
        e.finish((e.status(), Json(body)).into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logged_cause_never_quotes_a_stored_or_typed_value() {
        let corrupt = AppError::Store(StoreError::Corrupt {
            table: "person",
            id: "0f3a".into(),
            problem: Invalid { field: "name", value: "Marguerite Okonkwo".into(), expected: "a name".into() },
        });
        let settings = AppError::Settings(SettingsError::Invalid {
            path: "settings.toml".into(),
            line: 4,
            message: "invalid string \"07700 900123\"".into(),
        });
        for (e, secret) in [(corrupt, "Marguerite"), (settings, "07700")] {
            assert!(e.to_string().contains(secret), "the full error has it: {e}");
            let cause = e.cause();
            assert!(!cause.contains(secret), "{cause}");
            assert!(cause.contains("person row 0f3a") || cause.contains("settings.toml:4"), "{cause}");
        }
    }
}

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

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadUpload { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Gone { .. } => StatusCode::GONE,
            AppError::Busy { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Stalled { .. } => StatusCode::REQUEST_TIMEOUT,
            AppError::Store(StoreError::Taken { .. }) => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict { code, .. } | AppError::BadUpload { code, .. } => code,
            AppError::TooLarge { .. } => "too_large",
            AppError::Gone { .. } => "gone",
            AppError::Busy { .. } => "busy",
            AppError::Stalled { .. } => "timeout",
            AppError::Store(StoreError::Taken { .. }) => "taken",
            _ => "internal",
        }
    }

    /// What the person is told; internal detail stays in the log.
    fn public_message(&self) -> String {
        match self.status() {
            StatusCode::INTERNAL_SERVER_ERROR => {
                "Something went wrong on kith's side. Nothing you sent was lost; please try again in a moment.".into()
            }
            _ => self.to_string(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid(e) => Some(e.field),
            AppError::BadUpload { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Adds the headers some answers need: when to try again after a 429.
    fn finish(&self, mut response: Response) -> Response {
        if let AppError::Busy { retry_after, .. } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        }
        response
    }

    fn log(&self) {
        if self.status() == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %self, "request failed");
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    message: String,
    nav: &'static str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let page = ErrorPage {
            title: if self.status() == StatusCode::NOT_FOUND { "Not found".into() } else { "Sorry".into() },
            message: self.public_message(),
            nav: "",
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
        e.log();
        let body = serde_json::json!({"error": {
            "code": e.code(),
            "message": e.public_message(),
            "field": e.field(),
        }});
        e.finish((e.status(), Json(body)).into_response())
    }
}

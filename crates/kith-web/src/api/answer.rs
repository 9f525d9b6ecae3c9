//! What every operation answers with, and the person a path or a body names.

use crate::error::{ApiError, AppError};
use axum::Json;
use axum::http::StatusCode;
use kith_core::Person;
use serde_json::Value;

/// An operation's answer: JSON, or a JSON error.
pub(super) type Answer = Result<Json<Value>, ApiError>;

/// The answer of an operation that adds a record: 201 with it, or a JSON error.
pub(super) type Created = Result<(StatusCode, Json<Value>), ApiError>;

/// Finds a person by id, exact name (any case), alias, or a first name only one person has.
pub(super) fn find<'a>(people: &'a [Person], key: &str) -> Result<&'a Person, AppError> {
    Ok(kith_app::people::person_in(people, key)?)
}

//! `POST /api/v1/import/{format}`: the file as the body, the options as query parameters,
//! and the answer of `kith import --json` (docs/cli-json.md); `?dry_run=true` is the
//! preview and writes nothing.

use crate::app::AppState;
use crate::error::{ApiError, AppError};
use crate::fields::Fields;
use crate::upload;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use kith_ingest::Format;
use serde_json::Value;

pub async fn import(
    State(state): State<AppState>,
    Path(format): Path<String>,
    Query(query): Query<Fields>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let format = Format::parse(&format).ok_or_else(|| AppError::BadUpload {
        code: "invalid",
        field: "format",
        message: format!("“{format}” is not a format kith imports: use ics, vcf, whatsapp, sms, telegram, messenger, google-chat or google-voice."),
    })?;
    let request = upload::request(&query, format, state.now().time_zone())?;
    let dry_run = match query.get("dry_run").map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "no" | "0") => false,
        Some("true" | "yes" | "1") => true,
        Some(other) => {
            return Err(AppError::BadUpload {
                code: "invalid",
                field: "dry_run",
                message: format!("“{other}” doesn’t fit here: please give true or false."),
            }
            .into());
        }
    };
    let name = upload::base_name(query.get("name").unwrap_or("upload"));
    let _place = state.uploads().start_receiving()?;
    let limit = state.uploads().limit();
    // Refuse a body announced as too big before reading any of it.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(upload::too_large(limit).into());
    }
    // Written to a private file as it arrives (like the import page), never held in memory.
    let (file, _) = upload::spool(state.uploads(), body.into_data_stream(), upload::broken_body).await?;
    let path = file.path().to_owned();
    let (report, _) = state.import(&request, &name, || std::fs::File::open(&path), |_| !dry_run).await?;
    Ok(Json(report.to_json(&name, dry_run)))
}

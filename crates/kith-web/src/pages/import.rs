//! Import: upload a calendar, contacts, or a chat or call export; see what it would
//! create, match, merge and skip (the CLI's `--dry-run`); then confirm to import exactly
//! that in one transaction (docs/web.md "Import", docs/import.md).

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::{FieldErrors, Fields};
use crate::upload::{self, Waiting};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kith_ingest::{Format, Report};
use std::io::{Read, Seek};
use std::time::Instant;

/// Text fields bigger than this are not options.
const FIELD_LIMIT: usize = 64 * 1024;

#[derive(Template, WebTemplate)]
#[template(path = "import.html")]
pub struct ImportPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub flash: &'static str,
    /// (value, label) for the format list; "auto" first.
    pub formats: Vec<(&'static str, &'static str)>,
    pub form: Fields,
    pub tz: String,
    pub errors: FieldErrors,
    pub limit_mib: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "import_preview.html")]
pub struct PreviewPage {
    pub title: &'static str,
    pub nav: &'static str,
    /// Said when a confirm found that the import would now do something else.
    pub notice: &'static str,
    pub token: String,
    pub file: String,
    pub options: Vec<String>,
    /// What the import would do, shown as it is.
    pub report: Report,
    pub minutes_kept: u64,
}

impl PreviewPage {
    fn new(token: String, waiting: &Waiting, notice: &'static str) -> Self {
        let o = &waiting.request.options;
        let mut options = Vec::new();
        if o.create_people {
            options.push("add people who match no one".to_owned());
        }
        if o.assume_attended {
            options.push("past events count as attended".to_owned());
        }
        if let Some(order) = o.date_order {
            options.push(format!("dates read as {}", order.as_str()));
        }
        if let Some(me) = &o.me {
            options.push(format!("you are “{me}”"));
        }
        for m in &o.map {
            options.push(format!("map {m}"));
        }
        if o.unanswered_after != 48 {
            options.push(format!("unanswered after {} hours", o.unanswered_after));
        }
        options.push(format!("times in {}", waiting.request.tz.iana_name().unwrap_or("UTC")));
        Self {
            title: "Check the import",
            nav: "import",
            notice,
            token,
            file: waiting.name.clone(),
            options,
            report: waiting.preview.clone(),
            minutes_kept: upload::KEPT_FOR.as_secs() / 60,
        }
    }
}

fn form_page(state: &AppState, flash: &'static str, form: Fields, errors: FieldErrors) -> ImportPage {
    let mut formats = vec![("auto", "Guess from the file")];
    formats.extend(Format::ALL.iter().map(|f| (f.as_str(), f.label())));
    ImportPage {
        title: "Import",
        nav: "import",
        flash,
        formats,
        form,
        tz: state.now().time_zone().iana_name().unwrap_or("UTC").to_owned(),
        errors,
        limit_mib: state.uploads().limit() / (1024 * 1024),
    }
}

pub async fn page(State(state): State<AppState>, Query(flash): Query<super::flash::Flash>) -> ImportPage {
    form_page(&state, flash.message(), Fields::default(), FieldErrors::default())
}

/// The form again with the error beside its field, at the error's status; the file has
/// to be chosen again (a browser never refills a file field), and nothing was written.
fn refused(state: &AppState, form: Fields, e: AppError) -> Result<Response, AppError> {
    let (status, field, message) = match &e {
        AppError::BadUpload { field, message, .. } => {
            (StatusCode::UNPROCESSABLE_ENTITY, *field, message.clone())
        }
        AppError::TooLarge { message } => (StatusCode::PAYLOAD_TOO_LARGE, "file", message.clone()),
        _ => return Err(e),
    };
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    Ok((status, form_page(state, "", form, errors)).into_response())
}

fn multipart_error(e: MultipartError) -> AppError {
    if upload::is_stall(&e) {
        upload::stalled()
    } else if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        upload::too_large(upload::LIMIT)
    } else {
        AppError::BadUpload {
            code: "bad_request",
            field: "file",
            message: format!(
                "The upload did not arrive whole ({}). Please choose the file and try again.",
                e.body_text()
            ),
        }
    }
}

/// The form's text fields, and the file written to a private temporary file.
async fn receive(
    state: &AppState,
    mut multipart: Multipart,
    fields: &mut Fields,
) -> Result<Option<(tempfile::NamedTempFile, String)>, AppError> {
    let mut file = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().map(upload::base_name);
            let (spool, size) = upload::spool(state.uploads(), field, multipart_error).await?;
            if size > 0 {
                file = Some((spool, file_name.unwrap_or_else(|| "upload".into())));
            }
        } else {
            let mut text = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                if text.len() + chunk.len() > FIELD_LIMIT {
                    return Err(AppError::BadUpload {
                        code: "invalid",
                        field: "map",
                        message: "The options are too long: keep each box under 64 KiB.".into(),
                    });
                }
                text.extend_from_slice(&chunk);
            }
            fields.0.push((name, String::from_utf8_lossy(&text).into_owned()));
        }
    }
    Ok(file)
}

/// The upload: read it, preview it (a dry run), and keep it for the confirm.
pub async fn preview(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let limit = state.uploads().limit();
    let mut form = Fields::default();
    let _place = state.uploads().start_receiving()?;
    // Refuse a body announced as too big before reading any of it.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit.saturating_add(FIELD_LIMIT * 8)) {
        return refused(&state, form, upload::too_large(limit));
    }
    let multipart = match multipart {
        Ok(m) => m,
        Err(e) => {
            let e = AppError::BadUpload {
                code: "bad_request",
                field: "file",
                message: format!(
                    "The upload could not be read ({}). Please choose the file and try again.",
                    e.body_text()
                ),
            };
            return refused(&state, form, e);
        }
    };
    let received = receive(&state, multipart, &mut form).await;
    let (mut file, name) = match received {
        Ok(Some(f)) => f,
        Ok(None) => {
            let e = AppError::BadUpload {
                code: "invalid",
                field: "file",
                message: "Please choose a file to import; the one sent was empty.".into(),
            };
            return refused(&state, form, e);
        }
        Err(e) => return refused(&state, form, e),
    };
    let format = match form.get("format").filter(|f| *f != "auto") {
        Some(f) => Format::parse(f),
        None => {
            let mut head = Vec::with_capacity(4096);
            file.rewind()?;
            file.as_file_mut().take(4096).read_to_end(&mut head)?;
            Format::guess(&name, &head)
        }
    };
    let Some(format) = format else {
        let e = AppError::BadUpload {
            code: "invalid",
            field: "format",
            message: format!("kith cannot tell what kind of file {name} is: please choose its kind."),
        };
        return refused(&state, form, e);
    };
    let request = match upload::request(&form, format, state.now().time_zone()) {
        Ok(r) => r,
        Err(e) => return refused(&state, form, e),
    };
    let path = file.path().to_owned();
    let run = state.import(&request, &name, || std::fs::File::open(&path), |_| false).await;
    let preview = match run {
        Ok((report, _)) => report,
        // The file is dropped here, so deleted: nothing of a refused upload is kept.
        Err(e) => return refused(&state, form, e),
    };
    let waiting = Waiting { file, name, request, preview, expires: Instant::now() + upload::KEPT_FOR };
    let page = PreviewPage::new(String::new(), &waiting, "");
    let token = state.uploads().keep(waiting);
    Ok(PreviewPage { token, ..page }.into_response())
}

fn gone() -> AppError {
    AppError::Gone {
        message: format!(
            "This upload is no longer here: it was imported already, cancelled, or previewed more than {} minutes ago. Nothing was imported now. Upload the file again to see a new preview.",
            upload::KEPT_FOR.as_secs() / 60
        ),
    }
}

/// The confirm: the same file with the same options, imported in one transaction, but only
/// if it still does what the preview showed; otherwise the new preview is shown instead.
pub async fn confirm(State(state): State<AppState>, Form(form): Form<Fields>) -> Result<Response, AppError> {
    let token = form.get("token").unwrap_or_default().to_owned();
    let waiting = state.uploads().take(&token).ok_or_else(gone)?;
    let path = waiting.file.path().to_owned();
    let previewed = waiting.preview.clone();
    let run = state
        .import(&waiting.request, &waiting.name, || std::fs::File::open(&path), |now| *now == previewed)
        .await;
    match run {
        // Imported: `waiting` goes out of scope here, and its file with it.
        Ok((_, true)) => Ok(Redirect::to("/import?saved=imported").into_response()),
        Ok((now, false)) => {
            let waiting = Waiting { preview: now, ..waiting };
            let page = PreviewPage::new(
                token.clone(),
                &waiting,
                "Your data changed since the preview, so nothing was imported yet. This is what the import would do now.",
            );
            state.uploads().put_back(&token, waiting);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Cancel: the upload is deleted and nothing is imported.
pub async fn cancel(State(state): State<AppState>, Form(form): Form<Fields>) -> Response {
    drop(state.uploads().take(form.get("token").unwrap_or_default()));
    Redirect::to("/import?saved=discarded").into_response()
}

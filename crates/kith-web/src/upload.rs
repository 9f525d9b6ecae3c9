//! Importing an uploaded file (docs/web.md "Import"): the options a form or a query
//! gives, the import itself through kith-ingest in one transaction, its errors in plain
//! words, and the uploads waiting between their preview and their confirm.
//!
//! A waiting upload is a private temporary file (0600, in a 0700 folder of its own) named by
//! nothing the client sees: the page holds only a random token, and the server keeps the
//! file, the options and the preview under it. A confirm applies that file with those
//! options; it is deleted once imported, cancelled, or [`KEPT_FOR`] after the preview.

use crate::error::AppError;
use crate::fields::Fields;
use jiff::tz::TimeZone;
use kith_import::whatsapp::DateOrder;
use kith_import::{ImportError, Place};
use kith_ingest::{Format, IngestError, Options};

mod kept;
mod receive;
pub use kept::{
    FOLDER_PREFIX, KEPT_FOR, LIMIT, MAX_RECEIVING, RETRY_AFTER_SECS, Request, Uploads, Waiting, too_large,
};
pub use receive::{broken_body, is_stall, spool, stalled};

/// The options as the web form and the API's query name them (docs/web.md): `create_people`,
/// `assume_attended`, `date_order`, `me`, `map` (repeated, or one a line), `tz`,
/// `unanswered_after`. The first value that does not fit is an error naming its field.
pub fn request(fields: &Fields, format: Format, default_tz: &TimeZone) -> Result<Request, AppError> {
    let mut options = Options::new(format);
    options.create_people = yes(fields, "create_people")?;
    options.assume_attended = yes(fields, "assume_attended")?;
    options.date_order = match fields.get("date_order").map(str::to_ascii_lowercase).as_deref() {
        None | Some("auto") => None,
        Some("dmy") => Some(DateOrder::Dmy),
        Some("mdy") => Some(DateOrder::Mdy),
        Some("ymd") => Some(DateOrder::Ymd),
        Some(other) => {
            return Err(bad("date_order", format!("“{other}” is not a date order: choose dmy, mdy or ymd.")));
        }
    };
    options.me = fields.get("me").map(str::to_owned);
    options.map = fields
        .all("map")
        .iter()
        .flat_map(|v| v.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(hours) = fields.get("unanswered_after") {
        options.unanswered_after =
            hours.parse().ok().filter(|h| (1..=24 * 365).contains(h)).ok_or_else(|| {
                bad(
                    "unanswered_after",
                    format!("“{hours}” is not a number of hours: give a whole number such as 48."),
                )
            })?;
    }
    let tz = match fields.get("tz") {
        None => default_tz.clone(),
        Some(name) => TimeZone::get(name).map_err(|_| {
            bad(
                "tz",
                format!("“{name}” is not a time zone kith knows: give an IANA name such as Europe/Berlin or America/New_York."),
            )
        })?,
    };
    Ok(Request { options, tz })
}

fn yes(fields: &Fields, name: &'static str) -> Result<bool, AppError> {
    match fields.get(name).map(str::to_ascii_lowercase).as_deref() {
        None | Some("no" | "false" | "0" | "off") => Ok(false),
        Some("yes" | "true" | "1" | "on") => Ok(true),
        Some(other) => Err(bad(name, format!("“{other}” doesn’t fit here: please give true or false."))),
    }
}

fn bad(field: &'static str, message: String) -> AppError {
    AppError::BadUpload { code: "invalid", message, field }
}

/// An import that could not be done, in the web app's words: what, where, why, what to do.
pub(crate) fn failed(e: IngestError, name: &str) -> AppError {
    let code = "bad_file";
    match e {
        IngestError::File { error: ImportError::WrongFormat { expected, at, why }, .. } => {
            let place = match at {
                Place::Line(n) => format!("line {n}"),
                Place::Record(n) => format!("record {n}"),
            };
            AppError::BadUpload {
                code,
                field: "file",
                message: format!(
                    "{name} cannot be imported: it is not a valid {expected} file ({place}: {why}). Check that it is the file you meant, that it is complete, and that the kind of file chosen is right. Nothing was imported."
                ),
            }
        }
        IngestError::File { error: ImportError::Ambiguous { why }, .. } => AppError::BadUpload {
            code: "date_order",
            field: "date_order",
            message: format!(
                "{name}: {why}. Choose the date order as your phone shows dates (dmy is 31/12, mdy is 12/31) and try again. Nothing was imported."
            ),
        },
        IngestError::BadMap { entry } => AppError::BadUpload {
            code: "invalid",
            field: "map",
            message: format!(
                "“{entry}” is not a map line: write the name in the file, then =, then the person in kith, for example Mum=Anna Lee."
            ),
        },
        IngestError::UnknownPerson { target } => AppError::BadUpload {
            code: "invalid",
            field: "map",
            message: format!(
                "The map names “{target}”, who is not in kith. Check the spelling on the People page, or add them there first."
            ),
        },
        IngestError::WhoIsMe { senders } => AppError::BadUpload {
            code: "who_is_me",
            field: "me",
            message: format!(
                "kith cannot tell which sender in {name} is you: {}. Give your name as the chat shows it, and map the others if their names differ in kith. Nothing was imported.",
                kith_ingest::quoted(&senders)
            ),
        },
        IngestError::Open(e) | IngestError::Read(e) => AppError::Upload(e),
        IngestError::Store(e) => AppError::Store(e),
    }
}

/// The last part of a file name as a browser sends it (some send a whole path).
pub fn base_name(raw: &str) -> String {
    let name = raw.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let clean: String = name.chars().filter(|c| !c.is_control()).take(120).collect();
    if clean.is_empty() { "upload".into() } else { clean }
}

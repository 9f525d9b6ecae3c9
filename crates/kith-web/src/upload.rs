//! Importing an uploaded file (docs/web.md "Import"): the options a form or a query
//! gives, the import itself through kith-ingest in one transaction, its errors in plain
//! words, and the uploads waiting between their preview and their confirm.
//!
//! A waiting upload is a private temporary file (0600, in a 0700 folder of its own) named by
//! nothing the client sees: the page holds only a random token, and the server keeps the
//! file, the options and the preview under it. A confirm applies that file with those
//! options; it is deleted once imported, cancelled, or [`KEPT_FOR`] after the preview.

use crate::app::AppState;
use crate::error::AppError;
use crate::fields::Fields;
use jiff::tz::TimeZone;
use kith_import::whatsapp::DateOrder;
use kith_import::{ImportError, Place};
use kith_ingest::{Format, IngestError, Options, Report};
use kith_store::Access;
use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::{NamedTempFile, TempDir};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

mod receive;
pub use receive::{broken_body, is_stall, spool, stalled};

/// The largest file accepted: 256 MiB, enough for an SMS backup with a year of photos.
pub const LIMIT: usize = 256 * 1024 * 1024;

/// How long an upload waits for its confirm.
pub const KEPT_FOR: Duration = Duration::from_secs(30 * 60);

/// At most this many uploads wait at once; a new one pushes out the oldest.
const MAX_WAITING: usize = 8;

/// At most this many uploads arrive at once unless `kith serve --max-uploads` says otherwise:
/// one person rarely sends more than one or two files at a time, and each upload holds a
/// file being written and, once it has arrived, a writer on the database.
pub const MAX_RECEIVING: usize = 4;

/// How long a client is asked to wait (`Retry-After`) when every upload place is taken.
pub const RETRY_AFTER_SECS: u64 = 10;

/// The start of the name of every folder kith keeps uploads in; the process id follows, so
/// one left by a run that was killed can be told apart from one still in use.
pub const FOLDER_PREFIX: &str = "kith-upload-";

/// How to import: kith-ingest's options and the zone the file's times are read in.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub options: Options,
    pub tz: TimeZone,
}

/// An upload between its preview and its confirm.
pub struct Waiting {
    pub file: NamedTempFile,
    /// The file's name as the browser sent it (without folders), for showing.
    pub name: String,
    pub request: Request,
    pub preview: Report,
    pub expires: Instant,
}

/// The uploads waiting for a confirm, and the private folder that holds them.
pub struct Uploads {
    dir: Mutex<Option<TempDir>>,
    waiting: Mutex<HashMap<String, Waiting>>,
    limit: AtomicUsize,
    /// One permit per upload being received.
    receiving: Mutex<Arc<Semaphore>>,
}

impl Default for Uploads {
    fn default() -> Self {
        Self {
            dir: Mutex::new(None),
            waiting: Mutex::new(HashMap::new()),
            limit: AtomicUsize::new(LIMIT),
            receiving: Mutex::new(Arc::new(Semaphore::new(MAX_RECEIVING))),
        }
    }
}

impl Uploads {
    /// The largest upload accepted, in bytes.
    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Relaxed)
    }

    pub fn set_limit(&self, bytes: usize) {
        self.limit.store(bytes, Ordering::Relaxed);
    }

    /// Sets how many uploads may arrive at once (at least one).
    pub fn set_max_receiving(&self, uploads: usize) {
        if let Ok(mut slot) = self.receiving.lock() {
            *slot = Arc::new(Semaphore::new(uploads.max(1)));
        }
    }

    /// A place for one upload to arrive, held until it is dropped.
    ///
    /// # Errors
    /// [`AppError::Busy`] when every place is taken.
    pub fn start_receiving(&self) -> Result<OwnedSemaphorePermit, AppError> {
        let places = self.receiving.lock().map(|s| s.clone()).map_err(|_| busy())?;
        places.try_acquire_owned().map_err(|_| busy())
    }

    /// The private folder uploads are kept in, made on first use.
    pub fn folder(&self) -> std::io::Result<std::path::PathBuf> {
        let mut dir = self.dir.lock().map_err(|_| std::io::Error::other("upload folder lock poisoned"))?;
        if dir.is_none() {
            // tempfile makes the folder 0700 and its files 0600 (owner only).
            let prefix = format!("{FOLDER_PREFIX}{}-", std::process::id());
            let made = tempfile::Builder::new().prefix(&prefix).tempdir()?;
            owner_only(made.path(), 0o700)?;
            *dir = Some(made);
        }
        dir.as_ref().map(|d| d.path().to_owned()).ok_or_else(|| std::io::Error::other("no upload folder"))
    }

    /// A new private file to receive an upload into (removed when dropped).
    pub fn new_file(&self) -> std::io::Result<NamedTempFile> {
        let folder = self.folder()?;
        let file = tempfile::Builder::new().prefix("upload-").tempfile_in(folder)?;
        owner_only(file.path(), 0o600)?;
        Ok(file)
    }

    /// Deletes every upload and the folder that holds them (when the server stops), even
    /// files a request that was cut still holds.
    pub fn remove_all(&self) {
        if let Ok(mut map) = self.waiting.lock() {
            map.clear();
        }
        let dir = self.dir.lock().ok().and_then(|mut d| d.take());
        if let Some(dir) = dir {
            let path = dir.path().to_owned();
            if let Err(e) = dir.close() {
                tracing::warn!(error = %e, path = %path.display(), "could not delete the upload folder");
            }
        }
    }

    /// Keeps `waiting` for its confirm; returns the token that names it.
    pub fn keep(&self, waiting: Waiting) -> String {
        let token = uuid::Uuid::new_v4().simple().to_string();
        if let Ok(mut map) = self.waiting.lock() {
            sweep(&mut map);
            while map.len() >= MAX_WAITING {
                let oldest = map.iter().min_by_key(|(_, w)| w.expires).map(|(k, _)| k.clone());
                match oldest {
                    Some(k) => map.remove(&k),
                    None => break,
                };
            }
            map.insert(token.clone(), waiting);
        }
        token
    }

    /// Takes the upload `token` names, if it is still waiting: no one else can confirm it.
    pub fn take(&self, token: &str) -> Option<Waiting> {
        let mut map = self.waiting.lock().ok()?;
        sweep(&mut map);
        map.remove(token)
    }

    /// Puts an upload back under the same token (after a confirm that found changes).
    pub fn put_back(&self, token: &str, waiting: Waiting) {
        if let Ok(mut map) = self.waiting.lock() {
            map.insert(token.to_owned(), waiting);
        }
    }

    /// Deletes the uploads whose time is up.
    pub fn sweep(&self) {
        if let Ok(mut map) = self.waiting.lock() {
            sweep(&mut map);
        }
    }

    /// How many uploads are waiting (for tests).
    pub fn waiting(&self) -> usize {
        self.waiting.lock().map_or(0, |m| m.len())
    }

    /// Where the waiting uploads are (for tests: their permissions, their deletion).
    pub fn files(&self) -> Vec<std::path::PathBuf> {
        self.waiting.lock().map_or(Vec::new(), |m| m.values().map(|w| w.file.path().to_owned()).collect())
    }
}

/// Makes `path` readable by its owner only (tempfile does already; this says it here).
fn owner_only(path: &std::path::Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

fn sweep(map: &mut HashMap<String, Waiting>) {
    let now = Instant::now();
    // Dropping a NamedTempFile deletes it.
    map.retain(|_, w| w.expires > now);
}

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

/// The refusal of an upload when every place is taken.
fn busy() -> AppError {
    AppError::Busy {
        message: format!(
            "kith is already receiving as many files as it takes at once, so this one was not read and nothing was imported. Please send it again in {RETRY_AFTER_SECS} seconds."
        ),
        retry_after: RETRY_AFTER_SECS,
    }
}

/// The refusal of an upload over the limit.
pub fn too_large(limit: usize) -> AppError {
    AppError::TooLarge {
        message: format!(
            "This file is over the {} MiB kith accepts, so nothing was imported. Import it from the command line instead (kith import), which has no limit.",
            limit / (1024 * 1024)
        ),
    }
}

/// Imports the file `open` gives as `request` says, in one transaction, with `name` for
/// messages. `keep` sees the report and says whether to commit; otherwise the transaction
/// is rolled back, as for a preview. Returns the report and whether it was committed.
///
/// # Errors
/// The file or an option needs fixing (nothing is written), or the store failed.
pub async fn run<I: Read + Send>(
    state: &AppState,
    request: &Request,
    name: &str,
    open: impl FnOnce() -> std::io::Result<I> + Send,
    keep: impl FnOnce(&Report) -> bool + Send,
) -> Result<(Report, bool), AppError> {
    let now = state.now().with_time_zone(request.tz.clone());
    let mut pooled = state.pool().get().await?;
    let mut tx = pooled.store().begin(Access::Write).await?;
    let report = match kith_ingest::run(&mut tx, &request.options, open, &now).await {
        Ok(report) => report,
        Err(e) => return Err(failed(e, name)),
    };
    let kept = keep(&report);
    if kept {
        tx.commit().await?;
        drop(pooled);
        state.changed();
    } else {
        // Rolled back: the preview did all the work of the import and keeps none of it.
        drop(tx);
    }
    Ok((report, kept))
}

/// An import that could not be done, in the web app's words: what, where, why, what to do.
fn failed(e: IngestError, name: &str) -> AppError {
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

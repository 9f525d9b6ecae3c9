//! The uploads kept between their preview and their confirm, and how many may arrive at
//! once.

use crate::error::AppError;
use jiff::tz::TimeZone;
use kith_ingest::{Options, Report};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::{NamedTempFile, TempDir};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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

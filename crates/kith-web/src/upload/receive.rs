//! Receiving an upload: written to a private file a piece at a time as it arrives, a body
//! that stops arriving told apart from one that broke, and the upload folders a killed
//! server left behind swept at the next start.

use super::kept::{FOLDER_PREFIX, Uploads, too_large};
use crate::error::AppError;
use std::io::Write;
use tempfile::NamedTempFile;

/// Writes an upload to a new private file as it arrives, a piece at a time, so memory stays
/// flat whatever its size; refuses it as soon as it passes the limit. `broken` words an
/// upload that did not arrive whole. Returns the file and its size in bytes.
///
/// # Errors
/// The upload broke off or is too large (the file is deleted), or the file cannot be written.
pub async fn spool<S, E>(
    uploads: &Uploads,
    body: S,
    broken: impl Fn(E) -> AppError,
) -> Result<(NamedTempFile, usize), AppError>
where
    S: futures_util::Stream<Item = Result<axum::body::Bytes, E>>,
{
    use futures_util::StreamExt;
    let limit = uploads.limit();
    let mut file = uploads.new_file()?;
    let mut size = 0usize;
    let mut body = std::pin::pin!(body);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(&broken)?;
        size += chunk.len();
        if size > limit {
            return Err(too_large(limit));
        }
        file.write_all(&chunk)?;
    }
    file.flush()?;
    Ok((file, size))
}

impl Uploads {
    /// Deletes the upload folders a kith that was killed (so could not clean up) left in the
    /// temporary folder, and returns how many. Only folders that are certainly such leftovers
    /// go: named by kith ([`FOLDER_PREFIX`] and a process id), owned by this user, unchanged
    /// since `started`, and whose process is gone. Where running processes cannot be listed
    /// (no `/proc`), nothing is deleted.
    pub fn sweep_left_behind(&self, started: std::time::SystemTime) -> usize {
        let Ok(own) = self.folder() else { return 0 };
        let (Some(tmp), Some(me)) = (own.parent(), owner(&own)) else { return 0 };
        let Ok(entries) = std::fs::read_dir(tmp) else { return 0 };
        let mut swept = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(left_by) else { continue };
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            let old = meta.modified().is_ok_and(|m| m < started);
            let leftover = meta.is_dir() && path != own && owner(&path) == Some(me) && old;
            if leftover && is_running(pid) == Some(false) && std::fs::remove_dir_all(&path).is_ok() {
                swept += 1;
            }
        }
        swept
    }
}

/// The process id in the name of an upload folder (`kith-upload-<pid>-<random>`).
fn left_by(name: &str) -> Option<u32> {
    let (pid, rest) = name.strip_prefix(FOLDER_PREFIX)?.split_once('-')?;
    (!rest.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Whether process `pid` is running, when this system can tell.
fn is_running(pid: u32) -> Option<bool> {
    let proc = std::path::Path::new("/proc");
    proc.join("self").exists().then(|| proc.join(pid.to_string()).exists())
}

/// Who owns `path`, where files have owners.
fn owner(path: &std::path::Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).ok().map(|m| m.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether an error reading a body comes from the body timeout (a client that stopped sending).
pub fn is_stall(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if c.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = c.source();
    }
    false
}

/// The answer to an upload that stopped arriving.
pub fn stalled() -> AppError {
    AppError::Stalled {
        message: "The upload stopped arriving part way, so nothing was imported. Please check the connection and send the file again.".into(),
    }
}

/// A request body that could not be read to its end, in plain words.
pub fn broken_body(e: axum::Error) -> AppError {
    if is_stall(&e) {
        return stalled();
    }
    AppError::BadUpload {
        code: "bad_request",
        field: "file",
        message: "The upload did not arrive whole, so nothing was imported. Please send the file again."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_kith_gives_its_folders_carry_a_process_id() {
        assert_eq!(left_by("kith-upload-4321-a1B2c3"), Some(4321));
        for name in [
            "kith-upload-notes",
            "kith-upload-4321-",
            "kith-upload-abc-d",
            "kith-demo-4321-x",
            "upload-4321-x",
        ] {
            assert_eq!(left_by(name), None, "{name}");
        }
    }

    #[test]
    fn this_process_is_running() {
        if std::path::Path::new("/proc/self").exists() {
            assert_eq!(is_running(std::process::id()), Some(true));
        }
    }
}

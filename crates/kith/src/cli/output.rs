//! Where a command's output goes: standard output, or with `-o FILE` a file that only its
//! owner can read (0600, as it holds private records) and that appears whole or not at all.

use anyhow::{Context as _, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// An output being written.
pub enum Output {
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
    /// A temporary file beside `path`, renamed onto it when finished.
    File {
        out: Option<BufWriter<std::fs::File>>,
        tmp: PathBuf,
        path: PathBuf,
    },
}

impl Output {
    /// Standard output when `path` is `None` or `-`, else a new owner-only file.
    ///
    /// # Errors
    /// When the file cannot be created.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(BufWriter::new(std::io::stdout().lock())));
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&tmp).with_context(|| format!("could not create {}", path.display()))?;
        Ok(Output::File { out: Some(BufWriter::new(file)), tmp, path: path.to_owned() })
    }

    /// Flushes, and puts the file in place.
    ///
    /// # Errors
    /// When the last bytes cannot be written or the file cannot be put in place.
    pub fn finish(mut self) -> Result<()> {
        match &mut self {
            Output::Stdout(out) => Ok(out.flush()?),
            Output::File { out, tmp, path } => {
                let file = out.take().ok_or_else(|| std::io::Error::other("already finished"));
                file.and_then(|f| f.into_inner().map_err(|e| e.into_error()))
                    .and_then(|file| file.sync_all())
                    .and_then(|()| std::fs::rename(&*tmp, &*path))
                    .with_context(|| format!("could not write {}", path.display()))
            }
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Not finished (an error on the way): leave nothing half written behind.
        if let Output::File { tmp, .. } = self {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File { out: Some(out), .. } => out.write(buf),
            Output::File { out: None, .. } => Err(std::io::Error::other("already finished")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { out, .. } => out.as_mut().map_or(Ok(()), Write::flush),
        }
    }
}

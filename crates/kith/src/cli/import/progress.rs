//! A quiet progress line on stderr for big files: shown only when stderr is a terminal (never
//! in scripts, CI or tests) and the file is over a few megabytes, updated as bytes are read.

use std::io::{IsTerminal, Read, Write};
use std::time::{Duration, Instant};

/// Files smaller than this are read before anyone would notice.
const WORTH_SHOWING: u64 = 4 * 1024 * 1024;

/// Wraps a reader and reports how much of the file has been read.
pub struct Progress<R> {
    inner: R,
    read: u64,
    total: u64,
    label: String,
    shown: bool,
    last: Instant,
}

impl<R: Read> Progress<R> {
    pub fn new(inner: R, total: u64, label: &str) -> Self {
        let shown = total >= WORTH_SHOWING && std::io::stderr().is_terminal();
        Self { inner, read: 0, total, label: label.to_owned(), shown, last: Instant::now() }
    }

    fn draw(&mut self, done: bool) {
        if !self.shown || (!done && self.last.elapsed() < Duration::from_millis(100)) {
            return;
        }
        self.last = Instant::now();
        let percent = (self.read.saturating_mul(100) / self.total.max(1)).min(100);
        let width = 30;
        let filled = usize::try_from(percent).unwrap_or(0) * width / 100;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\rreading {} [{}{}] {percent:>3}%",
            self.label,
            "#".repeat(filled),
            " ".repeat(width - filled)
        );
        if done {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.draw(n == 0);
        if n == 0 {
            self.shown = false;
        }
        Ok(n)
    }
}

//! kith's import engine, shared by `kith import` and the web app's upload (docs/import.md):
//! it takes what kith-import's pure parsers read from a file, finds the people behind each
//! name, number and address, and writes plans, interactions and people through a [`kith_store::Repo`].
//!
//! The caller owns the transaction: it begins one, calls [`run`], and commits, or drops it
//! for a dry run (the preview does all the same work and keeps none of it). The caller also
//! owns the file: it hands [`run`] a way to open it, so the command line can show a
//! progress line and the web app can read its private upload.

mod chats;
mod error;
mod format;
mod matcher;
mod options;
mod records;
mod report;
mod run;

pub use error::{IngestError, Result, quoted};
pub use format::Format;
pub use options::Options;
pub use report::{Match, Merge, Report};
pub use run::run;
use run::{Outcome, bad_file, decode, random_bytes, read_bytes, read_stream, read_text};

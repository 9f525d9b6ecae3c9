//! kith's use cases, each written once and called alike by the command line, the web pages
//! and the JSON API, which only read their own kind of input and show the outcome their own
//! way.
//!
//! A use case takes the store (any [`kith_store::Repo`], inside the caller's transaction or
//! one it opens and commits), input already checked by kith-core's parsers, "now", and where
//! new ids come from; it answers with a typed outcome or an [`Error`] that each surface words
//! for its own readers (exit 2 and a hint on the command line, a 404 or 409 JSON error from
//! the API, a sentence beside a field on a page).

pub mod away;
pub mod checkins;
pub mod dto;
mod error;
pub mod ladder;
pub mod log;
pub mod people;
pub mod plans;
pub mod records;
pub mod view;

pub use error::Error;

/// Where a new record's id comes from: [`kith_core::id::random_bytes`] in use, a counter in
/// tests.
pub trait Ids {
    /// Sixteen bytes for the next id.
    fn next_id(&mut self) -> [u8; 16];
}

impl<F: FnMut() -> [u8; 16]> Ids for F {
    fn next_id(&mut self) -> [u8; 16] {
        self()
    }
}

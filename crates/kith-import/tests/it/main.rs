//! kith-import's integration tests: the real-world samples, our own fixtures, and
//! properties that hold for any input.

mod fixtures;
mod properties;
mod realworld;

//! The storage suite: every test body runs on a fresh SQLite file and on a fresh
//! PostgreSQL database, so each query is checked on both backends.

mod backends;
mod faults;
mod stories;
mod windowed;

//! kith's storage: one set of queries and one folder of migrations, run unchanged on an
//! embedded SQLite file (the default) and on PostgreSQL (a hosted deployment).
//!
//! The queries are written once in `queries.rs` and compiled twice, once for each
//! backend's concrete connection type, so the command line pays for no pool and no `Any`
//! driver (ECOSYSTEM.md section 5) while both backends share every line of SQL. [`Tx`]
//! hands each call to the backend the store opened.

mod convert;
mod error;
mod history;
mod ladder_rows;
mod location;
mod repo;
pub mod settings_file;
mod store;
mod tx;

pub use error::StoreError;
pub use history::{Loaded, load_everything, load_history};
pub use location::Location;
pub use repo::{Counts, EarlierFacts, InteractionFilter, MergeCounts, PlanFilter, Repo};
pub use store::{Access, MIGRATOR, Store};
pub use tx::Tx;

/// The account every row belongs to in local, single-user mode.
pub const LOCAL_ACCOUNT: &str = "local";

/// The storage code for SQLite.
pub mod sqlite {
    /// The backend these queries are compiled for.
    pub type Db = sqlx::Sqlite;
    /// Takes the write lock at the start, so concurrent writers queue on the busy timeout.
    const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
    include!("queries.rs");
    include!("ladder_queries.rs");
}

/// The same storage code, for PostgreSQL.
pub mod postgres {
    /// The backend these queries are compiled for.
    pub type Db = sqlx::Postgres;
    const BEGIN_WRITE: &str = "BEGIN";
    include!("queries.rs");
    include!("ladder_queries.rs");
}

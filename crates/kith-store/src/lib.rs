//! kith's storage: one set of queries and one folder of migrations, run unchanged on an
//! embedded SQLite file (the default) and on PostgreSQL (a hosted deployment).
//!
//! The queries are written once in `queries.rs` and compiled twice: for SQLite on rusqlite,
//! in the process's own thread (`lite.rs` gives rusqlite the shape of the part of sqlx the
//! queries use), and for PostgreSQL on sqlx. Both backends share every line of SQL. [`Tx`]
//! hands each call to the backend the store opened.

mod convert;
mod error;
mod history;
mod ladder_rows;
mod lite;
mod location;
pub mod logged;
pub mod private;
mod repo;
pub mod settings_file;
mod store;
mod tx;

pub use error::{BackendError, StoreError};
pub use history::{Loaded, load_everything, load_history};
pub use location::Location;
pub use repo::{Counts, EarlierFacts, InteractionFilter, MergeCounts, NewPerson, PlanFilter, Repo};
pub use store::{Access, MIGRATOR, REWORDED, Store};
pub use tx::Tx;

/// The account every row belongs to in local, single-user mode.
pub const LOCAL_ACCOUNT: &str = "local";

/// How a backend's batch statements spell their placeholders.
#[derive(Debug, Clone, Copy)]
enum Placeholders {
    /// `?`, bound in order (SQLite).
    Anonymous,
    /// `$1`, `$2`... (PostgreSQL, whose only form).
    Numbered,
}

impl Placeholders {
    /// `count` placeholders separated by commas, the first numbered `first`: `?, ?` or
    /// `$3, $4`. A statement uses one kind throughout (anonymous ones bind in order).
    fn list(self, first: usize, count: usize) -> String {
        let mut out = String::with_capacity(count * 5);
        for n in first..first + count {
            if n > first {
                out.push_str(", ");
            }
            match self {
                Placeholders::Anonymous => out.push('?'),
                Placeholders::Numbered => {
                    out.push('$');
                    out.push_str(&n.to_string());
                }
            }
        }
        out
    }

    /// The `VALUES` list of a multi-row insert: `rows` tuples of `columns` placeholders.
    fn values(self, rows: usize, columns: usize) -> String {
        (0..rows)
            .map(|row| format!("({})", self.list(row * columns + 1, columns)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The storage code for SQLite.
pub mod sqlite {
    use crate::lite as driver;
    /// The backend these queries are compiled for.
    pub type Db = driver::Sqlite;
    /// Takes the write lock at the start, so concurrent writers queue on the busy timeout.
    const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
    /// Batch statements use anonymous `?` placeholders here: SQLite keeps named ones (`$7`)
    /// in a list that each lookup scans, so binding hundreds of them costs a statement
    /// time quadratic in its parameters, while anonymous ones bind in order at no cost.
    const PLACEHOLDERS: crate::Placeholders = crate::Placeholders::Anonymous;
    /// Joins a text column's values with spaces, in an aggregate that returns one row.
    const JOIN_WITH_SPACES: &str = "group_concat(local_date, ' ')";
    include!("queries.rs");
    include!("ladder_queries.rs");
}

/// The same storage code, for PostgreSQL.
pub mod postgres {
    use sqlx as driver;
    /// The backend these queries are compiled for.
    pub type Db = sqlx::Postgres;
    const BEGIN_WRITE: &str = "BEGIN";
    const PLACEHOLDERS: crate::Placeholders = crate::Placeholders::Numbered;
    const JOIN_WITH_SPACES: &str = "string_agg(local_date, ' ')";
    include!("queries.rs");
    include!("ladder_queries.rs");
}

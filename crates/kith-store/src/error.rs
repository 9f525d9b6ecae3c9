//! What can go wrong in storage, with what is needed to explain it.

use kith_core::Invalid;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or a statement failed.
    #[error("could not {action}: {source}")]
    Database {
        action: &'static str,
        #[source]
        source: sqlx::Error,
    },
    /// A file-system step around the database failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A stored value no longer passes validation (edited by hand, or a bug).
    #[error("the stored {table} row {id} holds a value kith cannot read: {problem}")]
    Corrupt { table: &'static str, id: String, problem: Invalid },
    /// The database was written by a newer kith.
    #[error("the database is at schema version {found}, newer than this kith knows ({known})")]
    NewerSchema { found: i64, known: i64 },
    /// A name that must be unique is taken.
    #[error("{what} {value:?} already exists")]
    Taken { what: &'static str, value: String },
}

/// A damaged database file, told apart from other failures.
impl StoreError {
    /// Whether the database file is damaged (a corrupt page, cut short) or is not a
    /// database at all: SQLITE_CORRUPT (11) or SQLITE_NOTADB (26), with their extended codes.
    pub fn is_damaged(&self) -> bool {
        self.damage_detail().is_some()
    }

    /// SQLite's own words when the database file is damaged, to say once.
    pub fn damage_detail(&self) -> Option<&str> {
        let StoreError::Database { source: sqlx::Error::Database(db), .. } = self else { return None };
        let code: i32 = db.code()?.parse().ok()?;
        matches!(code & 0xff, 11 | 26).then(|| db.message())
    }
}

impl StoreError {
    /// Wraps a sqlx error with what kith was doing.
    pub(crate) fn db(action: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |source| StoreError::Database { action, source }
    }
}

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
    /// The SQLite file is damaged (a corrupt page, cut short) or is not a database at all.
    /// `detail` is SQLite's own word on it, said once.
    #[error("could not {action}: the database file is damaged or is not a kith database ({detail})")]
    Damaged { action: &'static str, detail: String },
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

impl StoreError {
    /// Wraps a sqlx error with what kith was doing.
    pub(crate) fn db(action: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |source| match damage(&source) {
            Some(detail) => StoreError::Damaged { action, detail },
            None => StoreError::Database { action, source },
        }
    }

    /// Whether this says the database file is damaged or not a database.
    pub fn is_damaged(&self) -> bool {
        matches!(self, StoreError::Damaged { .. })
    }

    /// SQLite's words when the database file is damaged.
    pub fn damage_detail(&self) -> Option<&str> {
        match self {
            StoreError::Damaged { detail, .. } => Some(detail),
            _ => None,
        }
    }
}

/// SQLite's message when `e` says the file is damaged (SQLITE_CORRUPT, 11) or not a database
/// (SQLITE_NOTADB, 26), counting their extended codes.
pub(crate) fn damage(e: &sqlx::Error) -> Option<String> {
    let sqlx::Error::Database(db) = e else { return None };
    let code: i32 = db.code()?.parse().ok()?;
    matches!(code & 0xff, 11 | 26).then(|| db.message().to_owned())
}

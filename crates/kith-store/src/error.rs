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

    /// Whether the database is out of reach for now rather than refusing this request: the
    /// connection was lost or refused, the server is shutting down or starting, the disk is
    /// full, or another writer held the file past the busy timeout. Trying again later may
    /// well work, so a server answers "unavailable" instead of "something went wrong".
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Database { source, .. } => unavailable(source),
            StoreError::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        }
    }
}

fn unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => {
            let code = e.code().unwrap_or_default();
            if e.try_downcast_ref::<sqlx::postgres::PgDatabaseError>().is_some() {
                // Connection exceptions (class 08), the server shutting down or starting
                // (57P01 to 57P03), out of disk, memory or connections (class 53).
                code.starts_with("08") || code.starts_with("57P") || code.starts_with("53")
            } else {
                // SQLite reports its result code, possibly extended; the low byte is the
                // primary code: BUSY (5), IOERR (10), FULL (13), CANTOPEN (14).
                e.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some()
                    && code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 10 | 13 | 14))
            }
        }
        _ => false,
    }
}

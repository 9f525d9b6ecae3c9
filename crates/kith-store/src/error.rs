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
        source: BackendError,
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
    /// A migration already applied to the database differs from the one this kith holds.
    #[error(
        "migration {version} applied to this database differs from the one this kith holds (the file was \
         changed outside kith, or by another build of it); open it with the kith that wrote it, or restore a backup"
    )]
    MigrationChanged { version: i64 },
    /// A migration was begun on this database and did not finish.
    #[error(
        "migration {version} was begun on this database and did not finish; restore a backup, or open it with \
         the kith that began it"
    )]
    MigrationUnfinished { version: i64 },
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
    pub fn damage_detail(&self) -> Option<String> {
        let StoreError::Database { source: BackendError::Sqlite(crate::lite::Error::Database(db)), .. } =
            self
        else {
            return None;
        };
        matches!(db.code() & 0xff, 11 | 26).then(|| db.message())
    }
}

/// The error a backend's driver reported.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// SQLite (rusqlite).
    #[error(transparent)]
    Sqlite(crate::lite::Error),
    /// PostgreSQL (sqlx).
    #[error(transparent)]
    Postgres(sqlx::Error),
}

impl From<crate::lite::Error> for BackendError {
    fn from(e: crate::lite::Error) -> Self {
        BackendError::Sqlite(e)
    }
}

impl From<rusqlite::Error> for BackendError {
    fn from(e: rusqlite::Error) -> Self {
        BackendError::Sqlite(e.into())
    }
}

impl From<sqlx::Error> for BackendError {
    fn from(e: sqlx::Error) -> Self {
        BackendError::Postgres(e)
    }
}

impl StoreError {
    /// Wraps a driver's error with what kith was doing.
    pub(crate) fn db<E: Into<BackendError>>(action: &'static str) -> impl FnOnce(E) -> StoreError {
        move |source| StoreError::Database { action, source: source.into() }
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

fn unavailable(error: &BackendError) -> bool {
    let error = match error {
        // SQLite reports its result code, possibly extended; the low byte is the primary
        // code: BUSY (5), IOERR (10), FULL (13), CANTOPEN (14).
        BackendError::Sqlite(crate::lite::Error::Database(e)) => {
            return matches!(e.code() & 0xff, 5 | 10 | 13 | 14);
        }
        BackendError::Sqlite(crate::lite::Error::Other(_)) => return false,
        BackendError::Postgres(e) => e,
    };
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => {
            // Connection exceptions (class 08), the server shutting down or starting
            // (57P01 to 57P03), out of disk, memory or connections (class 53).
            let code = e.code().unwrap_or_default();
            code.starts_with("08") || code.starts_with("57P") || code.starts_with("53")
        }
        _ => false,
    }
}

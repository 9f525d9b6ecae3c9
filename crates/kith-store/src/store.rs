//! Opening a database, keeping its schema current, and running work in one transaction.

use crate::lite;
use crate::tx::note_failure;
use crate::{Location, StoreError, Tx};
use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgConnection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The migrations, embedded in the binary. The same files run on both backends: through
/// sqlx's migrator on PostgreSQL, and through [`migrate_sqlite`] on SQLite, which keeps the
/// same bookkeeping table, so a database either one migrated is current for both.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Migrations whose comments were reworded after release, with the SHA-384 checksum of the
/// text databases first applied (no statement changed). [`Store::migrate`] carries those
/// databases over to the new checksum.
pub const REWORDED: &[(i64, &str)] = &[
    (1, "E928BDA8B6797959F3C2E8DF560BB854572FC89A4CA934FDB6372CD82D39F6201C00793F01655172AA237E41BA2A7100"),
    (2, "68C80126737C0FCA2E645ECC14EF9302BFCF5481995E06E4C0FE7E8C1C4561425D6AB4008C1AF1B6F3A327F80F87DC27"),
];

/// The bytes a string of hex digits spells (pairs that are not hex are left out).
fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2).filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()).collect()
}

/// How long a command waits for another writer before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether a transaction will write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// The SQLite page cache for a bulk write, in KiB (see [`Store::prepare_bulk_write`]): 32 MiB
/// holds the indexes of ten years of heavy use, and keeps a big import's peak memory well
/// under 64 MiB.
pub const BULK_CACHE_KIB: u32 = 32 * 1024;

/// An open database.
pub struct Store {
    backend: Backend,
    /// Set when a statement failed on the database (a lost connection, a full disk): the
    /// connection may be left mid-transaction or closed, so it is not to be reused.
    failed: AtomicBool,
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Postgres(PgConnection),
}

impl Store {
    /// Opens the database at `location`, creating a SQLite file (readable by its owner only)
    /// when it is missing, and bringing its schema up to date.
    ///
    /// # Errors
    /// When the database cannot be reached or created, or was written by a newer kith.
    pub async fn open(location: &Location) -> Result<Store, StoreError> {
        let mut store = match location {
            Location::Sqlite(path) => {
                create_owner_only(path)?;
                let conn = open_sqlite(path).map_err(StoreError::db("open the database"))?;
                Store { backend: Backend::Sqlite(conn), failed: AtomicBool::new(false) }
            }
            Location::Postgres(url) => {
                let conn =
                    PgConnection::connect(url).await.map_err(StoreError::db("connect to PostgreSQL"))?;
                Store { backend: Backend::Postgres(conn), failed: AtomicBool::new(false) }
            }
        };
        store.migrate_if_behind().await?;
        Ok(store)
    }

    /// Which backend this is: `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Begins a transaction. Every command runs in exactly one: commit it with
    /// [`Tx::commit`]; dropping it instead writes nothing.
    ///
    /// # Errors
    /// When the database refuses to begin (for a writer on SQLite: when another writer
    /// held the database for longer than the busy timeout).
    pub async fn begin(&mut self, access: Access) -> Result<Tx<'_>, StoreError> {
        let failed = &self.failed;
        Ok(match &mut self.backend {
            Backend::Sqlite(conn) => {
                let tx = note_failure(failed, crate::sqlite::Tx::begin(conn, access).await)?;
                Tx::sqlite(tx, failed)
            }
            Backend::Postgres(conn) => {
                let tx = note_failure(failed, crate::postgres::Tx::begin(conn, access).await)?;
                Tx::postgres(tx, failed)
            }
        })
    }

    /// Whether a statement on this connection failed on the database (the server went
    /// away, the disk was full). Such a connection may be closed or stuck in a transaction:
    /// whoever keeps connections open drops it and opens a fresh one.
    pub fn has_failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// Runs every migration with full checksum checks (`kith db migrate`, and tests).
    ///
    /// # Errors
    /// When a migration fails or an applied one was changed.
    pub async fn migrate(&mut self) -> Result<(), StoreError> {
        self.carry_over_reworded().await?;
        match &mut self.backend {
            Backend::Sqlite(conn) => migrate_sqlite(conn),
            Backend::Postgres(conn) => MIGRATOR.run(conn).await.map_err(|e| StoreError::Database {
                action: "apply migrations",
                source: sqlx::Error::from(e).into(),
            }),
        }
    }

    /// Gives a migration applied as first released the checksum of its reworded text (see
    /// [`REWORDED`]), so that sqlx's check of every applied migration still passes.
    async fn carry_over_reworded(&mut self) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2 AND checksum = $3";
        for (version, first) in REWORDED {
            let Some(now) = MIGRATOR.iter().find(|m| m.version == *version) else { continue };
            let (now, first) = (now.checksum.to_vec(), from_hex(first));
            let done = match &mut self.backend {
                Backend::Sqlite(conn) => {
                    match lite::query(SQL).bind(now).bind(version).bind(first).execute(conn).into_inner() {
                        // A new database has no bookkeeping yet, so nothing to carry over.
                        Err(lite::Error::Database(e)) if e.message().contains("_sqlx_migrations") => {
                            return Ok(());
                        }
                        done => done.map(drop).map_err(Into::into),
                    }
                }
                Backend::Postgres(conn) => {
                    match sqlx::query(SQL).bind(now).bind(version).bind(first).execute(conn).await {
                        Err(sqlx::Error::Database(e)) if e.message().contains("_sqlx_migrations") => {
                            return Ok(());
                        }
                        done => done.map(drop).map_err(Into::into),
                    }
                }
            };
            done.map_err(|source| StoreError::Database {
                action: "carry over the migration checksums",
                source,
            })?;
        }
        Ok(())
    }

    /// The newest schema version applied to the database, 0 for a new one.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub async fn schema_version(&mut self) -> Result<i64, StoreError> {
        Ok(self.applied_migrations().await?.0)
    }

    /// The newest applied migration's version and how many are applied (0, 0 for a new
    /// database).
    async fn applied_migrations(&mut self) -> Result<(i64, i64), StoreError> {
        const SQL: &str =
            "SELECT COALESCE(MAX(version), 0), COUNT(*) FROM _sqlx_migrations WHERE success = TRUE";
        let found = match &mut self.backend {
            Backend::Sqlite(conn) => match lite::query_as(SQL).fetch_one(conn).into_inner() {
                Err(lite::Error::Database(e)) if e.message().contains("_sqlx_migrations") => Ok((0, 0)),
                found => found.map_err(Into::into),
            },
            Backend::Postgres(conn) => match sqlx::query_as(SQL).fetch_one(conn).await {
                Err(sqlx::Error::Database(e)) if e.message().contains("_sqlx_migrations") => Ok((0, 0)),
                found => found.map_err(Into::into),
            },
        };
        found.map_err(|source| StoreError::Database { action: "read the schema version", source })
    }

    /// Checks the applied version cheaply and migrates only when behind: a full checksum
    /// check on every command would cost each `kith log` time.
    /// Both the newest version and the count are compared, so a migration numbered below
    /// one already applied is not missed.
    async fn migrate_if_behind(&mut self) -> Result<(), StoreError> {
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        let known_count = i64::try_from(MIGRATOR.iter().count()).unwrap_or(i64::MAX);
        let (found, count) = self.applied_migrations().await?;
        if found > known {
            return Err(StoreError::NewerSchema { found, known });
        }
        if (found < known || count < known_count)
            && let Err(e) = self.migrate().await
        {
            // Another process may have migrated the same new file a moment earlier.
            if self.applied_migrations().await? != (known, known_count) {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Lets SQLite keep up to [`BULK_CACHE_KIB`] of the file in memory on this connection, and
    /// its statement journals in memory too, for a write of many rows (an import). Rows keyed by random ids land all over the
    /// file's indexes; with SQLite's default cache of 2 MiB most of them read a page back
    /// from the operating system and spill a dirty one, which costs more than the insert.
    /// Only pages actually touched take memory, so small writes are unaffected. Nothing to
    /// do on PostgreSQL, whose cache is the server's.
    ///
    /// # Errors
    /// When the setting is refused.
    pub async fn prepare_bulk_write(&mut self) -> Result<(), StoreError> {
        if let Backend::Sqlite(conn) = &mut self.backend {
            conn.execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))
                .map_err(StoreError::db("set the cache size"))?;
            // A batch insert keeps a journal of the pages it changes, so that the statement
            // alone can be undone; in a file, that journal is written page by page (some
            // 280,000 writes for 100,000 text messages). In memory it costs a batch's pages.
            conn.execute_batch("PRAGMA temp_store = MEMORY")
                .map_err(StoreError::db("keep temporary data in memory"))?;
        }
        Ok(())
    }

    /// A number that changes whenever another connection commits a change to the database
    /// (SQLite's `PRAGMA data_version`), so a long-running reader such as the web server can
    /// keep answers in memory until the data changes. `None` on PostgreSQL, which has no
    /// cheap equivalent: callers then read afresh each time.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub async fn data_version(&mut self) -> Result<Option<i64>, StoreError> {
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                let read = lite::query_as("PRAGMA data_version")
                    .fetch_one(conn)
                    .into_inner()
                    .map_err(StoreError::db("read the data version"));
                let (version,): (i64,) = note_failure(&self.failed, read)?;
                Ok(Some(version))
            }
            Backend::Postgres(_) => Ok(None),
        }
    }

    /// Checks the database's own consistency: SQLite's `PRAGMA integrity_check` (which
    /// answers `ok` when all is well); PostgreSQL keeps its own and answers `ok`.
    ///
    /// # Errors
    /// When the check cannot run.
    pub async fn integrity_check(&mut self) -> Result<Vec<String>, StoreError> {
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                let rows: Vec<(String,)> = lite::query_as("PRAGMA integrity_check")
                    .fetch_all(conn)
                    .into_inner()
                    .map_err(StoreError::db("check the database"))?;
                Ok(rows.into_iter().map(|(line,)| line).collect())
            }
            Backend::Postgres(conn) => {
                let (ok,): (String,) = sqlx::query_as("SELECT 'ok'")
                    .fetch_one(conn)
                    .await
                    .map_err(StoreError::db("check the database"))?;
                Ok(vec![ok])
            }
        }
    }

    /// SQLite's `PRAGMA quick_check`: the same as [`Store::integrity_check`] but without
    /// matching indexes against their tables, so it reads the file once, quickly enough to
    /// run each time the server starts. `["ok"]` when all is well; PostgreSQL answers `ok`.
    ///
    /// # Errors
    /// When the check cannot run (a file too damaged to read at all).
    pub async fn quick_check(&mut self) -> Result<Vec<String>, StoreError> {
        match &mut self.backend {
            Backend::Sqlite(conn) => {
                let rows: Vec<(String,)> = lite::query_as("PRAGMA quick_check")
                    .fetch_all(conn)
                    .into_inner()
                    .map_err(StoreError::db("check the database"))?;
                Ok(rows.into_iter().map(|(line,)| line).collect())
            }
            Backend::Postgres(_) => Ok(vec!["ok".to_owned()]),
        }
    }

    /// Closes the database cleanly (on SQLite this checkpoints the write-ahead log).
    ///
    /// # Errors
    /// When closing fails; committed work is safe either way.
    pub async fn close(self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite(conn) => conn.close().map_err(|(_, e)| StoreError::db("close the database")(e)),
            Backend::Postgres(conn) => conn.close().await.map_err(StoreError::db("close the database")),
        }
    }
}

/// Opens (or creates) a SQLite file with kith's settings: write-ahead log, waiting for the
/// disk at each commit, foreign keys checked, and up to [`BUSY_TIMEOUT`] of waiting for
/// another writer.
fn open_sqlite(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    use rusqlite::OpenFlags;
    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = rusqlite::Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // The queries, the batch inserts' few shapes, and the migration check.
    conn.set_prepared_statement_cache_capacity(128);
    // Answers with the mode now in force: on a filesystem without shared memory SQLite
    // keeps its rollback journal, which works as well, only with readers waiting on writers.
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(conn)
}

/// Brings a SQLite database's schema up to date, keeping the bookkeeping in the table sqlx's
/// migrator uses (`_sqlx_migrations`: version, description, when, success, SHA-384
/// checksum, time taken), so databases migrated by earlier kith need nothing done. Each
/// migration and its bookkeeping row commit together; an applied migration whose checksum
/// differs from the embedded one is refused.
fn migrate_sqlite(conn: &mut rusqlite::Connection) -> Result<(), StoreError> {
    let db = StoreError::db::<rusqlite::Error>;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS _sqlx_migrations (
            version BIGINT PRIMARY KEY,
            description TEXT NOT NULL,
            installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
            success BOOLEAN NOT NULL,
            checksum BLOB NOT NULL,
            execution_time BIGINT NOT NULL
        );",
    )
    .map_err(db("apply migrations"))?;
    let applied: Vec<(i64, bool, Vec<u8>)> = conn
        .prepare("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .map_err(db("read the applied migrations"))?;
    let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    for (version, success, checksum) in &applied {
        match MIGRATOR.iter().find(|m| m.version == *version) {
            None if *version > known => return Err(StoreError::NewerSchema { found: *version, known }),
            Some(_) if !*success => return Err(StoreError::MigrationUnfinished { version: *version }),
            Some(m) if m.checksum.as_ref() == checksum.as_slice() => {}
            _ => return Err(StoreError::MigrationChanged { version: *version }),
        }
    }
    // Each migration commits on its own. Without waiting for the disk at each commit
    // (WAL's `synchronous = NORMAL`), a new database is ready in a few milliseconds instead
    // of tens; a power cut can only undo the last migrations, which the next open applies
    // again, and every write after this is back to `FULL`.
    conn.execute_batch("PRAGMA synchronous = NORMAL").map_err(db("apply migrations"))?;
    let migrated = apply_pending(conn, &applied);
    // Back to waiting for the disk, whether or not a migration failed: the connection may
    // still be used (another process may have migrated the same file a moment earlier).
    let restored = conn.execute_batch("PRAGMA synchronous = FULL").map_err(db("apply migrations"));
    migrated.and(restored)
}

/// Applies, in order, the embedded migrations not among `applied`, each in a transaction
/// with its bookkeeping row.
fn apply_pending(
    conn: &mut rusqlite::Connection,
    applied: &[(i64, bool, Vec<u8>)],
) -> Result<(), StoreError> {
    let db = StoreError::db::<rusqlite::Error>;
    let mut pending =
        MIGRATOR.iter().filter(|m| !applied.iter().any(|(v, ..)| *v == m.version)).collect::<Vec<_>>();
    pending.sort_by_key(|m| m.version);
    for m in pending {
        let started = std::time::Instant::now();
        let tx = conn.transaction().map_err(db("apply migrations"))?;
        tx.execute_batch(m.sql.as_str()).map_err(db("apply migrations"))?;
        tx.execute(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (?1, ?2, TRUE, ?3, ?4)",
            rusqlite::params![
                m.version,
                m.description.as_ref(),
                m.checksum.as_ref(),
                i64::try_from(started.elapsed().as_nanos()).unwrap_or(i64::MAX)
            ],
        )
        .map_err(db("apply migrations"))?;
        tx.commit().map_err(db("apply migrations"))?;
    }
    Ok(())
}

/// Creates the data folder (owner-only) and an empty database file readable by its owner
/// only, before SQLite opens it; SQLite gives its -wal and -shm files the same permissions.
fn create_owner_only(path: &Path) -> Result<(), StoreError> {
    let io = |action: &'static str, p: &Path| {
        let path = p.display().to_string();
        move |source| StoreError::Io { action, path, source }
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(io("create the data folder", dir))?;
    }
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io("create the database file", path)(e)),
        }
    }
    Ok(())
}

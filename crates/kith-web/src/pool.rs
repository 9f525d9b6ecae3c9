//! A few open stores shared by the request handlers. A `Store` holds one connection, so the
//! server keeps the ones it opened in a stack and opens another when all are busy: SQLite
//! in WAL mode lets readers run side by side while one writer writes, and the CLI can use
//! the same file at the same time.
//!
//! A store whose connection failed (the PostgreSQL server restarted, the disk filled up) is
//! never put back: it is dropped, along with every idle one opened before it, which likely
//! shares its fate, and the next request opens a fresh connection.

use kith_store::{Access, Location, Store, StoreError, Tx};
use std::sync::Mutex;

/// How many idle connections are kept; more may be open under load.
const KEEP_IDLE: usize = 16;

pub struct Pool {
    location: Location,
    idle: Mutex<Vec<Store>>,
}

/// A store borrowed from the pool; it goes back when dropped.
pub struct Pooled<'p> {
    pool: &'p Pool,
    store: Option<Store>,
}

impl Pool {
    pub fn new(location: Location) -> Self {
        Self { location, idle: Mutex::new(Vec::new()) }
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub async fn get(&self) -> Result<Pooled<'_>, StoreError> {
        let idle = self.idle.lock().map_or(None, |mut idle| idle.pop());
        let store = match idle {
            Some(store) => store,
            None => open(self.location.clone()).await?,
        };
        Ok(Pooled { pool: self, store: Some(store) })
    }
}

impl Pooled<'_> {
    pub fn store(&mut self) -> &mut Store {
        self.store.as_mut().expect("a pooled store is present until it is dropped")
    }

    /// Begins a write transaction. SQLite runs in this thread, so a writer that waits for
    /// another (the command line importing, say; up to the busy timeout) waits here: the
    /// wait is marked as blocking, and the runtime hands this thread's other requests to
    /// another one meanwhile.
    pub async fn begin_write(&mut self) -> Result<Tx<'_>, StoreError> {
        let store = self.store();
        let threaded = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if threaded && store.backend() == "sqlite" {
            let handle = tokio::runtime::Handle::current();
            tokio::task::block_in_place(move || handle.block_on(store.begin(Access::Write)))
        } else {
            store.begin(Access::Write).await
        }
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        let Some(store) = self.store.take() else { return };
        let Ok(mut idle) = self.pool.idle.lock() else { return };
        if store.has_failed() {
            tracing::debug!(dropped = idle.len() + 1, "dropping connections after a database failure");
            idle.clear();
        } else if idle.len() < KEEP_IDLE {
            idle.push(store);
        }
    }
}

/// Opens a store off the request's task. `Store::open` runs the migrator, whose future
/// the compiler cannot prove `Send` for every lifetime (sqlx's `Acquire` is implemented per
/// lifetime), so axum would refuse handlers that await it. A blocking thread drives it on
/// the same runtime instead; the store it returns is `Send` and used as usual.
pub async fn open(location: Location) -> Result<Store, StoreError> {
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || handle.block_on(Store::open(&location))).await.map_err(|e| {
        StoreError::Io {
            action: "open",
            path: "the database".into(),
            source: std::io::Error::other(e.to_string()),
        }
    })?
}

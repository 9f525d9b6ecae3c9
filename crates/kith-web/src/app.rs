//! The application: its configuration and the state every request shares (the clock,
//! the database pool, the snapshot of records, the uploads).

use crate::cache::{Snapshot, Version};
use crate::error::AppError;
use crate::pool::Pool;
use jiff::Zoned;
use jiff::tz::TimeZone;
use kith_core::Settings;
use kith_store::{Access, Location, Repo, Store, load_history};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// Where "now" comes from: the clock in the user's zone, or a fixed instant (tests and
/// reproducible demos, from `--now`).
#[derive(Debug, Clone)]
pub enum Clock {
    System(TimeZone),
    Fixed(Zoned),
}

impl Clock {
    pub fn now(&self) -> Zoned {
        match self {
            Clock::System(tz) => jiff::Timestamp::now().to_zoned(tz.clone()),
            Clock::Fixed(now) => now.clone(),
        }
    }
}

/// What the server needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    pub location: Location,
    /// The settings file (the numbers behind the rules, support contacts).
    pub settings_path: PathBuf,
    pub clock: Clock,
    /// Answer requests addressed to any host name, not only this computer's own.
    pub allow_remote: bool,
}

/// State shared by every request.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    pool: Pool,
    /// A connection kept only to ask whether the data changed.
    watch: tokio::sync::Mutex<Option<Store>>,
    own_writes: AtomicU64,
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// Serialises reloading, so fifty requests after a change read the history once.
    reload: tokio::sync::Mutex<()>,
    /// Imports waiting between their preview and their confirm.
    uploads: crate::upload::Uploads,
}

impl AppState {
    /// Opens the database (creating and migrating it when needed).
    ///
    /// # Errors
    /// When the database cannot be opened.
    pub async fn open(config: Config) -> Result<Self, AppError> {
        let pool = Pool::new(config.location.clone());
        let watch = Store::open(&config.location).await?;
        let inner = Arc::new(Inner {
            config,
            pool,
            watch: tokio::sync::Mutex::new(Some(watch)),
            own_writes: AtomicU64::new(0),
            snapshot: RwLock::new(None),
            reload: tokio::sync::Mutex::new(()),
            uploads: crate::upload::Uploads::default(),
        });
        // Uploads left waiting are deleted when their time is up, even if no one comes back.
        let weak = Arc::downgrade(&inner);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                every.tick().await;
                match weak.upgrade() {
                    Some(inner) => inner.uploads.sweep(),
                    None => break,
                }
            }
        });
        Ok(Self { inner })
    }

    /// Imports waiting between their preview and their confirm.
    pub fn uploads(&self) -> &crate::upload::Uploads {
        &self.inner.uploads
    }

    /// Changes the largest upload accepted (256 MiB unless set; tests use a small one).
    pub fn set_upload_limit(&self, bytes: usize) {
        self.inner.uploads.set_limit(bytes);
    }

    /// Changes how many uploads may arrive at once (`upload::MAX_RECEIVING` unless set).
    pub fn set_max_uploads(&self, uploads: usize) {
        self.inner.uploads.set_max_receiving(uploads);
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn now(&self) -> Zoned {
        self.inner.config.clock.now()
    }

    pub fn pool(&self) -> &Pool {
        &self.inner.pool
    }

    /// Says that the server changed the data, so cached answers are dropped.
    pub fn changed(&self) {
        self.inner.own_writes.fetch_add(1, Ordering::SeqCst);
    }

    /// Runs `work` in one write transaction and commits it, then says the data changed. When
    /// `work` fails, nothing it wrote is kept.
    pub async fn write<T>(
        &self,
        work: impl AsyncFnOnce(&mut kith_store::Tx<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.try_write(work).await?
    }

    /// Runs `work` in one write transaction. When it succeeds, commits and says the data
    /// changed; when it refuses (a repeat, a name taken), nothing is written or marked
    /// changed, and the refusal comes back as it is, for a page to word beside its field.
    pub async fn try_write<T, E>(
        &self,
        work: impl AsyncFnOnce(&mut kith_store::Tx<'_>) -> Result<T, E>,
    ) -> Result<Result<T, E>, AppError> {
        let mut pooled = self.pool().get().await?;
        let mut tx = pooled.begin_write().await?;
        let out = match work(&mut tx).await {
            Ok(out) => out,
            Err(refused) => return Ok(Err(refused)),
        };
        tx.commit().await?;
        drop(pooled);
        self.changed();
        Ok(Ok(out))
    }

    /// Runs `work` in one read transaction.
    pub async fn read<T>(
        &self,
        work: impl AsyncFnOnce(&mut kith_store::Tx<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut pooled = self.pool().get().await?;
        let mut tx = pooled.store().begin(Access::Read).await?;
        work(&mut tx).await
    }

    /// The settings in force (the file over the defaults).
    pub fn settings(&self) -> Result<Settings, AppError> {
        Ok(kith_store::settings_file::load(&self.inner.config.settings_path)?)
    }

    async fn version(&self) -> Result<Version, AppError> {
        // Read the counters before the data, so a change that lands in between makes the
        // snapshot look older than it is (and reloaded), never newer.
        let own_writes = self.inner.own_writes.load(Ordering::SeqCst);
        let data_version = {
            let mut watch = self.inner.watch.lock().await;
            // A watch connection that failed (a full disk, a lost server) is replaced.
            let store = match watch.take() {
                Some(store) if !store.has_failed() => watch.insert(store),
                _ => watch.insert(crate::pool::open(self.inner.config.location.clone()).await?),
            };
            store.data_version().await?
        };
        let settings_stamp =
            std::fs::metadata(&self.inner.config.settings_path).and_then(|m| m.modified()).ok();
        Ok(Version { data_version, own_writes, settings_stamp })
    }

    /// The records and settings as they are now, read once per change.
    pub async fn snapshot(&self) -> Result<Arc<Snapshot>, AppError> {
        let version = self.version().await?;
        if let Some(s) = self.cached(version) {
            return Ok(s);
        }
        let _one_reader = self.inner.reload.lock().await;
        let version = self.version().await?;
        if let Some(s) = self.cached(version) {
            return Ok(s);
        }
        let settings = self.settings()?;
        let now = self.now();
        let started = std::time::Instant::now();
        let mut pooled = self.inner.pool.get().await?;
        let mut tx = pooled.store().begin(Access::Read).await?;
        let loaded = load_history(&mut tx, &settings, &now).await?;
        let birthdays = tx.birthdays().await?.into_iter().collect();
        drop(tx);
        // Counts and timing only: never a name or a note.
        tracing::debug!(
            interactions = loaded.interactions.len(),
            ms = started.elapsed().as_millis(),
            "read the history again after a change"
        );
        let snapshot = Arc::new(Snapshot::new(version, loaded, birthdays, settings));
        if version.is_reusable()
            && let Ok(mut slot) = self.inner.snapshot.write()
        {
            *slot = Some(snapshot.clone());
        }
        Ok(snapshot)
    }

    /// Imports the file `open` gives as `request` says, in one transaction, with `name` for
    /// messages. `keep` sees the report and says whether to commit; otherwise the transaction
    /// is rolled back, as for a preview. Returns the report and whether it was committed.
    ///
    /// # Errors
    /// The file or an option needs fixing (nothing is written), or the store failed.
    pub async fn import<I: std::io::Read + Send>(
        &self,
        request: &crate::upload::Request,
        name: &str,
        open: impl FnOnce() -> std::io::Result<I> + Send,
        keep: impl FnOnce(&kith_ingest::Report) -> bool + Send,
    ) -> Result<(kith_ingest::Report, bool), AppError> {
        let now = self.now().with_time_zone(request.tz.clone());
        let mut pooled = self.pool().get().await?;
        let mut tx = pooled.begin_write().await?;
        let report = match kith_ingest::run(&mut tx, &request.options, open, &now).await {
            Ok(report) => report,
            Err(e) => return Err(crate::upload::failed(e, name)),
        };
        let kept = keep(&report);
        if kept {
            tx.commit().await?;
            drop(pooled);
            self.changed();
        } else {
            // Rolled back: the preview did all the work of the import and keeps none of it.
            drop(tx);
        }
        Ok((report, kept))
    }

    fn cached(&self, version: Version) -> Option<Arc<Snapshot>> {
        let slot = self.inner.snapshot.read().ok()?;
        slot.as_ref().filter(|s| s.version == version && version.is_reusable()).cloned()
    }
}

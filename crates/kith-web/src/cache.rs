//! Answers kept in memory between requests. The whole history is read once and kept until
//! the data changes: on the server's own writes, when SQLite's `PRAGMA data_version` says
//! another process (the CLI) committed, or when the settings file changes. Each answer
//! computed from it (Today, the map, a report) is kept for the minute it was asked in,
//! since "now" moves on.

use kith_core::Settings;
use kith_store::Loaded;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What a snapshot was read at; a different key means the data may have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub data_version: Option<i64>,
    pub own_writes: u64,
    pub settings_stamp: Option<std::time::SystemTime>,
}

impl Version {
    /// PostgreSQL gives no change counter, so nothing read from it is reused.
    pub fn is_reusable(&self) -> bool {
        self.data_version.is_some()
    }
}

type Memo = HashMap<(&'static str, String), Arc<dyn Any + Send + Sync>>;

/// The records and settings as of one version, with answers computed from them.
pub struct Snapshot {
    pub version: Version,
    pub loaded: Loaded,
    /// The birthdays kept, by person: read with the rest, so a person's page reads nothing.
    pub birthdays: HashMap<kith_core::PersonId, kith_core::Birthdate>,
    pub settings: Settings,
    memo: Mutex<Memo>,
}

impl Snapshot {
    pub fn new(
        version: Version,
        loaded: Loaded,
        birthdays: HashMap<kith_core::PersonId, kith_core::Birthdate>,
        settings: Settings,
    ) -> Self {
        Self { version, loaded, birthdays, settings, memo: Mutex::new(HashMap::new()) }
    }

    /// A rendered page, kept like any other answer: the heavy pages (a person over ten
    /// years, the report) then cost their rules and template once a minute, not per request.
    ///
    /// # Errors
    /// When the page cannot be rendered.
    pub fn page<T: askama::Template>(
        &self,
        key: String,
        build: impl FnOnce() -> Result<T, crate::error::AppError>,
    ) -> Result<axum::response::Html<String>, crate::error::AppError> {
        let html = self.memo("page", key, || match build() {
            Ok(page) => page.render().map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        });
        match &*html {
            Ok(text) => Ok(axum::response::Html(text.clone())),
            Err(e) => Err(crate::error::AppError::Rendered(e.clone())),
        }
    }

    /// The answer named `name` for `key` (the minute, the period), computed once.
    pub fn memo<T: Send + Sync + 'static>(
        &self,
        name: &'static str,
        key: String,
        compute: impl FnOnce() -> T,
    ) -> Arc<T> {
        let slot = (name, key);
        if let Ok(memo) = self.memo.lock()
            && let Some(found) = memo.get(&slot).and_then(|v| v.clone().downcast::<T>().ok())
        {
            return found;
        }
        let value = Arc::new(compute());
        if let Ok(mut memo) = self.memo.lock() {
            // Old minutes are of no more use; keep the map small.
            if memo.len() > 64 {
                memo.clear();
            }
            memo.insert(slot, value.clone());
        }
        value
    }
}

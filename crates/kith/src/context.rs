//! What every command needs: where the data is, what time it is, the user's zone, and
//! whether to print JSON.

use crate::exit::BadInput;
use anyhow::{Context as _, Result};
use jiff::Zoned;
use jiff::tz::TimeZone;
use kith_store::{Access, Location, Store, Tx};
use std::io::Write;
use std::path::PathBuf;

pub struct Context {
    pub location: Location,
    /// Whether `--db` or `KITH_DB` chose the location.
    pub explicit_db: bool,
    /// "Now", read once: from `--now`/`KITH_NOW` when given, else the clock.
    pub now: Zoned,
    pub json: bool,
    /// Whether "now" was fixed by `--now` rather than read from the clock.
    pub fixed_now: bool,
    store: Option<Store>,
}

impl Context {
    pub fn new(db: Option<String>, now: Option<String>, tz: Option<String>, json: bool) -> Result<Self> {
        let zone = match tz.as_deref() {
            Some(name) => TimeZone::get(name).map_err(|_| {
                BadInput::new(format!("invalid --tz {name:?}: not a time zone kith knows"))
                    .hint("use an IANA zone name such as Europe/London or America/New_York")
            })?,
            None => TimeZone::try_system().unwrap_or(TimeZone::UTC),
        };
        let fixed_now = now.is_some();
        let now = match now.as_deref() {
            Some(raw) => kith_core::Moment::parse_rfc3339("now", raw)
                .map_err(crate::exit::invalid)?
                .timestamp()
                .to_zoned(zone),
            None => jiff::Timestamp::now().to_zoned(zone),
        };
        let explicit_db = db.is_some();
        let location = match db {
            Some(raw) => Location::parse(&raw),
            None => Location::Sqlite(default_database()?),
        };
        Ok(Self { location, explicit_db, now, json, fixed_now, store: None })
    }

    /// The store, opened on first use.
    pub async fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            self.check_private();
            let store = Store::open(&self.location)
                .await
                .with_context(|| format!("could not open the database {}", self.location))?;
            self.store = Some(store);
        }
        Ok(self.store.as_mut().expect("opened just above"))
    }

    /// Makes the database and the settings file owner-only where others could read them,
    /// saying so in one line on stderr (kith_store::private).
    fn check_private(&self) {
        let mut found = Vec::new();
        if let Location::Sqlite(path) = &self.location {
            found.extend(kith_store::private::database(path));
        }
        if let Ok(settings) = kith_store::settings_file::path() {
            found.extend(kith_store::private::settings(&settings));
        }
        if let Some(line) = kith_store::private::notice(&found) {
            eprintln!("{line}");
        }
    }

    /// Begins the one transaction of a command.
    pub async fn begin(&mut self, access: Access) -> Result<Tx<'_>> {
        let store = self.store().await?;
        Ok(store.begin(access).await?)
    }

    /// The SQLite file the database is kept in, when it is one.
    pub fn sqlite_file(&self) -> Option<&std::path::Path> {
        match &self.location {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }

    /// Hands over the open store, if any (so a long-running command can close it first).
    pub fn take_store(&mut self) -> Option<Store> {
        self.store.take()
    }

    /// Closes the store cleanly when it was opened.
    pub async fn close(mut self) -> Result<()> {
        if let Some(store) = self.store.take() {
            store.close().await?;
        }
        Ok(())
    }

    /// Prints a result on stdout: its JSON form with `--json`, else the text.
    pub fn print(&self, json: &serde_json::Value, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        if self.json {
            serde_json::to_writer_pretty(&mut out, json)?;
            writeln!(out)?;
        } else if !text.is_empty() {
            writeln!(out, "{}", text.trim_end())?;
        }
        out.flush()?;
        Ok(())
    }
}

/// `$XDG_DATA_HOME/kith/kith.db`, or `~/.local/share/kith/kith.db`.
pub fn default_database() -> Result<PathBuf> {
    Ok(data_dir()?.join("kith.db"))
}

pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("kith"));
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).ok_or_else(|| {
        BadInput::new("cannot tell where to keep the data: neither XDG_DATA_HOME nor HOME is set")
            .hint("set KITH_DB to a file path, or pass --db PATH")
    })?;
    Ok(PathBuf::from(home).join(".local/share/kith"))
}

//! Fresh databases for each test, and the `dual!` macro that runs one body on both.

use kith_store::{Location, Store};

/// A database that lives as long as the test.
pub struct Fresh {
    pub location: Location,
    _dir: Option<tempfile::TempDir>,
}

/// A new SQLite file in its own temporary folder.
pub fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().expect("temp dir");
    let location = Location::Sqlite(dir.path().join("kith.db"));
    Fresh { location, _dir: Some(dir) }
}

/// A new database on the test PostgreSQL server named by `KITH_TEST_POSTGRES_URL`.
/// Without it the test is skipped with a message, except under CI, where it fails.
pub async fn postgres() -> Option<Fresh> {
    let Ok(base) = std::env::var("KITH_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "KITH_TEST_POSTGRES_URL is not set under CI: the PostgreSQL half of the storage suite must run"
        );
        eprintln!("skipping the PostgreSQL half: set KITH_TEST_POSTGRES_URL (scripts/test does)");
        return None;
    };
    use sqlx::Connection;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&base).await.expect("connect to the test PostgreSQL server");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    admin.close().await.expect("close");
    let (head, _) = base.rsplit_once('/').expect("URL ends in /database");
    Some(Fresh { location: Location::Postgres(format!("{head}/{name}")), _dir: None })
}

impl Fresh {
    pub async fn open(&self) -> Store {
        Store::open(&self.location).await.expect("open the store")
    }
}

/// Emits `sqlite` and `postgres` tests in a module named after the body.
#[macro_export]
macro_rules! dual {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::backends::sqlite();
                super::$name(&db).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(db) = $crate::backends::postgres().await {
                    super::$name(&db).await;
                }
            }
        }
    };
}

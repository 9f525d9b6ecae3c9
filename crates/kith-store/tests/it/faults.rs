//! Telling "the database is out of reach for now" from "this request was refused".

use kith_store::{Location, Store, StoreError};

#[tokio::test]
async fn a_server_that_refuses_connections_is_unavailable() {
    // Nothing listens on a port just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a port");
    let location = Location::Postgres(format!("postgres://kith@127.0.0.1:{port}/kith"));
    let Err(e) = Store::open(&location).await else { panic!("nothing listens on {port}") };
    assert!(e.is_unavailable(), "{e}");
}

#[test]
fn a_refusal_is_not_unavailability() {
    let taken = StoreError::Taken { what: "person", value: "Sam".into() };
    assert!(!taken.is_unavailable());
    let newer = StoreError::NewerSchema { found: 99, known: 1 };
    assert!(!newer.is_unavailable());
    let missing = StoreError::Io {
        action: "create the data folder",
        path: "/x".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    assert!(!missing.is_unavailable());
    let full = StoreError::Io {
        action: "create the database file",
        path: "/x".into(),
        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
    };
    assert!(full.is_unavailable());
}

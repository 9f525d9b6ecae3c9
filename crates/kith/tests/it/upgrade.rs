//! A database written by an earlier kith keeps working: kith on SQLite moved from sqlx to
//! rusqlite, and a file sqlx's migrator kept must open, read back exactly as it was, pass
//! the full migration check, and take new writes.

use crate::support::Kith;

/// The dump of a database kith's own commands wrote while SQLite ran on sqlx.
const WRITTEN_ON_SQLX: &str = include_str!("../data/written-on-sqlx.sql");
/// What that kith's `kith export` printed for it.
const ITS_EXPORT: &str = include_str!("../data/written-on-sqlx.export.json");

fn restored() -> Kith {
    let kith = Kith::new();
    let conn = rusqlite::Connection::open(kith.dir().join("kith.db")).expect("a new file");
    conn.execute_batch(WRITTEN_ON_SQLX).expect("the dump restores");
    conn.close().expect("close");
    kith
}

fn export(kith: &Kith) -> serde_json::Value {
    let out = kith.cmd(&["export"]).env("KITH_NOW", "2026-12-01T18:00:00Z").env("KITH_TZ", "UTC").output();
    let out = out.expect("kith runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn a_database_written_on_sqlx_reads_back_as_it_was_and_takes_new_writes() {
    let kith = restored();
    let expected: serde_json::Value = serde_json::from_str(ITS_EXPORT).expect("JSON");
    assert_eq!(export(&kith), expected, "every record reads back as the earlier kith exported it");

    let migrated = kith.run(&["db", "migrate"]);
    assert_eq!(migrated.code, 0, "the full checksum check passes: {}", migrated.stderr);
    assert_eq!(kith.run(&["db", "check"]).ok().stdout.trim(), "ok");

    kith.run(&["log", "Ada", "--mode", "in_person", "--minutes", "40", "--felt", "1"]).ok();
    let after = export(&kith);
    let interactions = after["interactions"].as_array().expect("interactions");
    assert_eq!(interactions.len(), 3, "the new one joins the two written before");
    assert!(interactions.iter().any(|i| i["mode"] == "in_person" && i["minutes"] == 40));
    for kind in ["people", "plans", "checkins", "steps", "away", "emotions_named"] {
        assert_eq!(after[kind], expected[kind], "{kind} unchanged by the new write");
    }
}

/// What `kith db migrate` says (and that it fails) after `sql` changed the bookkeeping of
/// the restored database.
fn refusal_after(sql: &str) -> String {
    let kith = restored();
    let conn = rusqlite::Connection::open(kith.dir().join("kith.db")).expect("open");
    conn.execute(sql, []).expect("change the bookkeeping");
    conn.close().expect("close");
    let migrated = kith.run(&["db", "migrate"]);
    assert_ne!(migrated.code, 0);
    migrated.stderr
}

#[test]
fn a_changed_migration_in_an_old_database_is_refused_and_named() {
    let said = refusal_after("UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = 3");
    assert!(said.contains("migration 3") && said.contains("differs"), "{said}");
}

#[test]
fn a_migration_left_unfinished_in_an_old_database_is_refused_and_named() {
    let said = refusal_after("UPDATE _sqlx_migrations SET success = FALSE WHERE version = 5");
    assert!(said.contains("migration 5") && said.contains("did not finish"), "{said}");
}

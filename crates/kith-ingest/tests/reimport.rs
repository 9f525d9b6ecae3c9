//! Importing a calendar and then a longer, later export of it ends where importing the later
//! one alone does: nothing is doubled, and every event that changed is brought up to date.

use jiff::Zoned;
use kith_ingest::{Format, Options};
use kith_store::{Access, Location, PlanFilter, Repo, Store};
use proptest::prelude::*;

/// One event as a calendar exports it at some moment.
#[derive(Debug, Clone)]
struct Event {
    uid: usize,
    /// Hours after the first of December 2026, 00:00 UTC.
    hour: i64,
    sequence: u8,
    cancelled: bool,
    weekly: bool,
}

fn ics(events: &[Event]) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Calendar//EN\r\nX-WR-CALNAME:me@example.com\r\n",
    );
    for e in events {
        let start = jiff::Timestamp::from_second(1_796_083_200 + e.hour * 3600).expect("in range");
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:event{}@example.com\r\nDTSTART:{}\r\nDURATION:PT1H\r\nSEQUENCE:{}\r\n\
STATUS:{}\r\nSUMMARY:Event {}\r\nORGANIZER:mailto:me@example.com\r\n\
ATTENDEE;CN=Person {}:mailto:p{}@example.org\r\n{}END:VEVENT\r\n",
            e.uid,
            start.strftime("%Y%m%dT%H%M%SZ"),
            e.sequence,
            if e.cancelled { "CANCELLED" } else { "CONFIRMED" },
            e.uid,
            e.uid % 3,
            e.uid % 3,
            if e.weekly { "RRULE:FREQ=WEEKLY;COUNT=3\r\n" } else { "" },
        ));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn now() -> Zoned {
    "2026-11-23T14:00:00+00:00[Europe/London]".parse().expect("valid")
}

/// Imports each file in turn into a fresh database; returns its plans as (key, start,
/// outcome, note, how many people).
async fn import_all(files: &[String]) -> Vec<(String, String, String, String, usize)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&Location::Sqlite(dir.path().join("kith.db"))).await.expect("open");
    let mut options = Options::new(Format::Ics);
    options.create_people = true;
    for text in files {
        let mut tx = store.begin(Access::Write).await.expect("begin");
        let bytes = text.clone().into_bytes();
        kith_ingest::run(&mut tx, &options, || Ok(std::io::Cursor::new(bytes)), &now())
            .await
            .expect("imports");
        tx.commit().await.expect("commit");
    }
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let mut plans: Vec<_> = tx
        .plans(&PlanFilter::default())
        .await
        .expect("plans")
        .into_iter()
        .map(|p| {
            (
                p.source.id.unwrap_or_default(),
                p.start.to_string(),
                p.outcome.as_str().to_owned(),
                p.note.map(|n| n.as_str().to_owned()).unwrap_or_default(),
                p.people.len(),
            )
        })
        .collect();
    plans.sort();
    plans
}

fn event() -> impl Strategy<Value = Event> {
    (0i64..24 * 40, 0u8..3, any::<bool>(), prop::bool::weighted(0.25))
        .prop_map(|(hour, sequence, cancelled, weekly)| Event { uid: 0, hour, sequence, cancelled, weekly })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn an_export_then_a_longer_one_equals_the_longer_one_alone(
        first in prop::collection::vec(event(), 1..6),
        changes in prop::collection::vec(prop::option::of((1u8..3, -48i64..48, any::<bool>())), 6),
        more in prop::collection::vec(event(), 0..4),
    ) {
        let first: Vec<Event> = first.into_iter().enumerate().map(|(n, e)| Event { uid: n, ..e }).collect();
        // The later export: the same events, some changed in a newer version, and new ones.
        let mut later: Vec<Event> = first
            .iter()
            .zip(&changes)
            .map(|(e, change)| match change {
                Some((bump, shift, cancelled)) => Event {
                    sequence: e.sequence + bump,
                    hour: (e.hour + shift).max(0),
                    cancelled: *cancelled,
                    ..e.clone()
                },
                None => e.clone(),
            })
            .collect();
        let n = later.len();
        later.extend(more.into_iter().enumerate().map(|(i, e)| Event { uid: n + i, ..e }));
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let (both, alone) = runtime.block_on(async {
            (import_all(&[ics(&first), ics(&later)]).await, import_all(&[ics(&later)]).await)
        });
        prop_assert_eq!(both, alone);
    }
}

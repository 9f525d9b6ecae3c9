//! Reading only the recent window plus the earlier facts gives the same answers as reading
//! everything, on a generated year and on years of heavy use, at several moments.

use crate::backends::Fresh;
use crate::dual;
use jiff::{Span, Zoned};
use kith_core::{DemoData, Period, Settings};
use kith_store::{Access, Loaded, Repo, load_everything, load_history};
use serde_json::{Value, json};

async fn fill(db: &Fresh, data: &DemoData) {
    let mut store = db.open().await;
    let mut tx = store.begin(Access::Write).await.expect("begin");
    for p in &data.people {
        tx.insert_person(p).await.expect("person");
    }
    let (first, moved): (Vec<_>, Vec<_>) = data.plans.iter().partition(|p| p.moved_from.is_none());
    for p in first.into_iter().chain(moved) {
        tx.insert_plan(p).await.expect("plan");
    }
    for i in &data.interactions {
        tx.insert_interaction(i).await.expect("interaction");
    }
    for c in &data.checkins {
        tx.put_checkin(c).await.expect("check-in");
    }
    tx.insert_away(&away_spans()).await.expect("days away");
    tx.commit().await.expect("commit");
    store.close().await.expect("close");
}

/// Days away long before the window, across its start, and lately.
fn away_spans() -> Vec<kith_core::Away> {
    let day = |n: i64| now().date().checked_sub(Span::new().days(n)).expect("valid");
    [(900, 890), (300, 290), (200, 186), (40, 30), (12, 4)]
        .into_iter()
        .enumerate()
        .map(|(n, (from, to))| {
            let id = kith_core::AwayId::from_random_bytes([u8::try_from(n).expect("few") + 1; 16]);
            kith_core::Away::new(id, day(from), day(to), None).expect("valid")
        })
        .collect()
}

fn answers(loaded: &Loaded, settings: &Settings, now: &Zoned) -> Value {
    let h = loaded.history();
    json!({
        "today": kith_core::today_summary(&h, settings, now),
        "map": kith_core::connection_map(&h, &settings.map, now),
        "score": kith_core::connection_score(&h, &settings.score, now),
        "signals": kith_core::signal_report(&h, settings, now),
        "week": kith_core::report(&h, settings, Period::Week, now),
        "month": kith_core::report(&h, settings, Period::Month, now),
    })
}

/// Shorter windows than the defaults, so that a year of demo data reaches well past them:
/// the one-a-day run and people not seen for months then depend on the earlier facts.
fn short_windows() -> Settings {
    let mut s = Settings::defaults();
    s.map.window_days = 45;
    s.reach_out.rhythm_window_days = 45;
    s
}

async fn same_answers(db: &Fresh, data: DemoData, settings: &Settings, moments: &[Zoned]) {
    fill(db, &data).await;
    let mut store = db.open().await;
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let everything = load_everything(&mut tx).await.expect("load all");
    let mut run_read = false;
    for now in moments {
        let window = load_history(&mut tx, settings, now).await.expect("load window");
        assert!(window.interactions.len() <= everything.interactions.len());
        assert!(window.interactions.len() < everything.interactions.len(), "the window leaves something out");
        assert!(!window.earlier.last_contact.is_empty());
        // Only the days of a run reaching into the window are read from before it.
        run_read |= !window.earlier.meaningful_days.is_empty();
        assert!(window.away.len() < everything.away.len(), "spans ended before the window stay out");
        assert_eq!(answers(&window, settings, now), answers(&everything, settings, now), "as of {now}");
    }
    assert!(run_read, "at one of the moments a one-a-day run reaches back before the window");
}

fn now() -> Zoned {
    "2026-11-23T14:00:00+00:00[Europe/London]".parse().expect("valid")
}

async fn a_demo_year_reads_the_same_from_its_window(db: &Fresh) {
    // Ninety days on, every last contact lies before the window.
    let later = now().checked_add(Span::new().days(90)).expect("valid");
    let earlier = now().checked_sub(Span::new().days(20)).expect("valid");
    same_answers(db, kith_core::demo_year(42, &now()), &short_windows(), &[now(), later, earlier]).await;
}
dual!(a_demo_year_reads_the_same_from_its_window);

async fn years_of_heavy_use_read_the_same_from_their_window(db: &Fresh) {
    let data = kith_core::heavy_use(9, &now(), 40, 6_000, 600, 1_500);
    let later = now().checked_add(Span::new().days(400)).expect("valid");
    same_answers(db, data, &Settings::defaults(), &[now(), later]).await;
}
dual!(years_of_heavy_use_read_the_same_from_their_window);

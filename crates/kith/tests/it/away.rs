//! Days away: marked, listed, removed, carried through the export, and left out of the
//! rules (a lapse in the log that was time away is no longer named).

use crate::support::Kith;

#[test]
fn days_away_are_marked_listed_and_removed_by_a_short_id() {
    let kith = Kith::new();
    let text =
        kith.run(&["away", "add", "--from", "2026-08-01", "--to", "2026-08-12", "--note", "Lisbon"]).ok();
    assert!(
        text.stdout.starts_with(
            "marked 12 days away (Sat 1 Aug – Wed 12 Aug): kith leaves these days out of signals, one a day and reach-out"
        ),
        "{}",
        text.stdout
    );
    let added = kith.run(&["away", "add", "--from", "yesterday", "--to", "+1w", "--json"]).ok().json();
    assert_eq!((added["from"].as_str(), added["to"].as_str()), (Some("2026-11-22"), Some("2026-11-30")));
    assert_eq!(added["days"], 9);
    assert!(added["note"].is_null());

    let list = kith.run(&["away", "list", "--json"]).ok().json();
    let spans = list["away"].as_array().expect("a list");
    assert_eq!(spans.len(), 2);
    assert_eq!((spans[0]["from"].as_str(), spans[0]["note"].as_str()), (Some("2026-08-01"), Some("Lisbon")));
    assert_eq!(spans[1]["id"], added["id"]);
    let shown = kith.run(&["away", "list"]).ok().stdout;
    assert!(
        shown.contains("12 days") && shown.contains("Lisbon") && shown.contains("Sun 22 Nov – Mon 30 Nov"),
        "{shown}"
    );

    let short = spans[0]["short_id"].as_str().expect("short id");
    let removed = kith.run(&["away", "remove", &short[..5]]).ok();
    assert!(removed.stdout.contains("removed 12 days away"), "{}", removed.stdout);
    let list = kith.run(&["away", "list", "--json"]).ok().json();
    assert_eq!(list["away"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["away"][0]["id"], added["id"], "the other span stays");
    let again = kith.run(&["away", "remove", short]);
    assert_eq!(again.code, 2, "already removed: {}", again.stderr);
}

#[test]
fn a_lapse_that_was_time_away_is_no_longer_named() {
    let kith = Kith::new().with_people();
    // A month of a call every day, then nothing for twelve days: a silence unlike the usual.
    for days in 13..=40 {
        kith.run(&["log", "Sam", "--mode", "voice", "--at", &format!("-{days}d")]).ok();
    }
    let today = kith.run(&["today", "--json"]).ok().json();
    let lapse = &today["lapse"];
    let (from, to) = (lapse["from"].as_str().expect("a lapse"), lapse["to"].as_str().expect("a lapse"));
    assert_eq!((from, to), ("2026-11-11", "2026-11-23"), "{lapse}");
    let text = kith.run(&["today"]).ok().stdout;
    assert!(text.contains(&format!("If you were away: kith away add --from {from} --to {to}")), "{text}");
    kith.run(&["away", "add", "--from", from, "--to", to]).ok();
    let today = kith.run(&["today", "--json"]).ok().json();
    assert!(today["lapse"].is_null(), "the days away are accounted for: {}", today["lapse"]);
    assert!(!kith.run(&["today"]).ok().stdout.contains("A quiet stretch"));
}

//! Fixing what was logged: `kith log edit`, `delete` and `undo`, and a repeat caught.

use crate::support::Kith;

/// Runs `args` with "now" at `at` instead of the tests' fixed moment.
fn at(kith: &Kith, at: &str, args: &[&str]) -> (i32, String, String) {
    let out = kith.cmd(args).env("KITH_NOW", at).output().expect("kith runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_logged_interaction_is_changed_by_the_id_history_shows() {
    let kith = Kith::new().with_people();
    kith.run(&["log", "Sam", "--mode", "call", "--minutes", "20", "--felt", "1", "--at", "-1h"]).ok();
    let history = kith.run(&["history"]).ok().stdout;
    let line = history.lines().find(|l| l.contains("Sam Lee")).expect("listed");
    let short = line.split_whitespace().next().expect("an id first").to_owned();
    assert_eq!(short.len(), 8, "{line}");

    let out = kith
        .run(&[
            "log",
            "edit",
            &short[..5],
            "--minutes",
            "45",
            "--felt",
            "none",
            "--people",
            "Sam, Priya",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!((out["minutes"].as_i64(), out["felt"].is_null()), (Some(45), true), "{out}");
    assert_eq!(out["short_id"], short.as_str());
    let saved = &kith.snapshot()["interactions"][0];
    assert_eq!(saved["minutes"], 45);
    assert_eq!(saved["mode"], "voice", "what was not given stays");
    assert_eq!(saved["people"].as_array().map(Vec::len), Some(2));
    let with_priya = kith.run(&["history", "--person", "Priya", "--json"]).ok().json();
    assert_eq!(with_priya["interactions"].as_array().map(Vec::len), Some(1), "linked to Priya now");

    let nothing = kith.run(&["log", "edit", &short]);
    assert_eq!(nothing.code, 2, "{}", nothing.stderr);
    assert!(nothing.stderr.contains("nothing to change"), "{}", nothing.stderr);
    let unknown = kith.run(&["log", "edit", "ffff0000", "--minutes", "5"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no interaction has an id starting"), "{}", unknown.stderr);
}

#[test]
fn delete_asks_first_and_undo_takes_back_only_the_last_entry_while_it_is_fresh() {
    let kith = Kith::new().with_people();
    // Sam's call is written down first (at 13:58); Priya's text, which happened earlier, last.
    let (code, _, stderr) =
        at(&kith, "2026-11-23T13:58:00Z", &["log", "Sam", "--mode", "call", "--at", "11:00"]);
    assert_eq!(code, 0, "{stderr}");
    kith.run(&["log", "Priya", "--mode", "text", "--at", "10:00"]).ok();
    let id = |name: &str| {
        let doc = kith.run(&["history", "--person", name, "--json"]).ok().json();
        doc["interactions"][0]["short_id"].as_str().expect("short id").to_owned()
    };
    let sam = id("Sam");

    // Without a terminal to ask on, delete needs --yes and changes nothing.
    let before = kith.snapshot();
    let refused = kith.run(&["log", "delete", &sam]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert_eq!(kith.snapshot(), before);

    // Undo takes the last one logged (Priya's text), not the one that happened last.
    let undone = kith.run(&["log", "undo"]).ok().stdout;
    assert!(undone.contains("took back") && undone.contains("Priya"), "{undone}");
    let left = kith.snapshot();
    assert_eq!(left["interactions"].as_array().map(Vec::len), Some(1));

    // Eleven minutes on, there is nothing fresh to take back.
    let (code, _, stderr) = at(&kith, "2026-11-23T14:11:00Z", &["log", "undo"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nothing was logged in the last 10 minutes"), "{stderr}");

    let deleted = kith.run(&["log", "delete", &sam, "--yes", "--json"]).ok().json();
    assert!(deleted["deleted"].is_string(), "{deleted}");
    assert!(kith.snapshot()["interactions"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn the_same_entry_twice_within_minutes_is_caught_unless_meant() {
    let kith = Kith::new().with_people();
    let call = ["log", "Sam", "--mode", "call", "--minutes", "20", "--at", "13:30"];
    kith.run(&call).ok();
    let before = kith.snapshot();
    let again = kith.run(&call);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("same a moment ago") && again.stderr.contains("--again"),
        "{}",
        again.stderr
    );
    assert_eq!(kith.snapshot(), before, "nothing was added");
    let mut meant = call.to_vec();
    meant.push("--again");
    kith.run(&meant).ok();
    // A different length is a different entry; and later on the same is no slip.
    kith.run(&["log", "Sam", "--mode", "call", "--minutes", "25", "--at", "13:30"]).ok();
    let (code, _, stderr) = at(&kith, "2026-11-23T14:30:00Z", &call);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(kith.snapshot()["interactions"].as_array().map(Vec::len), Some(4));
}

#[test]
fn a_plan_is_changed_or_deleted_by_its_short_id() {
    let kith = Kith::new().with_people();
    let plan = kith
        .run(&["plan", "add", "Sam", "--at", "friday 19:00", "--mode", "in_person", "--json"])
        .ok()
        .json();
    let short = plan["short_id"].as_str().expect("short id").to_owned();
    let changed = kith
        .run(&[
            "plan",
            "edit",
            &short,
            "--at",
            "saturday 11:00",
            "--mode",
            "video",
            "--people",
            "Priya",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(changed["mode"], "video");
    assert!(changed["start"].as_str().is_some_and(|s| s.starts_with("2026-11-28T11:00")), "{changed}");
    let list = kith.run(&["plan", "list", "--json"]).ok().json();
    assert_eq!(list["plans"][0]["people"][0]["name"], "Priya", "{list}");
    let nothing = kith.run(&["plan", "edit", &short]);
    assert_eq!(nothing.code, 2);

    let before = kith.snapshot();
    let asked = kith.run(&["plan", "delete", &short]);
    assert_eq!(asked.code, 2, "{}", asked.stderr);
    assert_eq!(kith.snapshot(), before);
    kith.run(&["plan", "delete", &short, "--yes"]).ok();
    assert!(kith.snapshot()["plans"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn a_day_s_check_in_is_changed_answer_by_answer_or_deleted() {
    let kith = Kith::new();
    kith.run(&["checkin", "--mood", "2", "--capacity", "1", "--energy", "2", "--affected", "sleep"]).ok();
    let changed =
        kith.run(&["checkin", "edit", "today", "--mood", "3", "--stress", "4", "--json"]).ok().json();
    assert_eq!((changed["mood"].as_i64(), changed["stress"].as_i64()), (Some(3), Some(4)));
    assert_eq!(
        (changed["energy"].as_i64(), changed["capacity"].as_i64()),
        (Some(2), Some(1)),
        "the rest stays"
    );
    assert_eq!(changed["affected"], serde_json::json!(["sleep"]));
    let cleared = kith.run(&["checkin", "edit", "today", "--energy", "none", "--json"]).ok().json();
    assert!(cleared["energy"].is_null(), "{cleared}");

    let missing = kith.run(&["checkin", "edit", "yesterday", "--mood", "3"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no check-in for 2026-11-22"), "{}", missing.stderr);
    let asked = kith.run(&["checkin", "delete", "today"]);
    assert_eq!(asked.code, 2, "{}", asked.stderr);
    kith.run(&["checkin", "delete", "today", "--yes"]).ok();
    assert!(kith.snapshot()["checkins"].as_array().is_some_and(Vec::is_empty));
}

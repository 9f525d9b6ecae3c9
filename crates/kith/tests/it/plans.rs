//! Plans and what became of them.

use crate::support::Kith;
use serde_json::Value;

fn add(kith: &Kith, at: &str) -> String {
    let plan = kith.run(&["plan", "add", "Sam Lee", "--at", at, "--mode", "in_person", "--json"]).ok().json();
    plan["short_id"].as_str().expect("short id").to_owned()
}

#[test]
fn a_late_cancellation_keeps_how_much_notice_it_gave() {
    let kith = Kith::new().with_people();
    let id = add(&kith, "today 19:00");
    let out = kith.run(&["plan", "cancel", &id, "--by", "me", "--at", "today 17:30", "--json"]).ok().json();
    assert_eq!(out["outcome"], "cancelled_by_me");
    assert_eq!(out["notice_minutes"], 90);
    let text = kith.run(&["plan", "list", "--past"]).ok().stdout;
    assert!(!text.contains(&id), "the plan is still to come, so not in --past: {text}");
    let again = kith.run(&["plan", "cancel", &id, "--by", "them"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already cancelled by me"), "{}", again.stderr);
}

#[test]
fn a_kept_plan_becomes_its_interaction() {
    let kith = Kith::new().with_people();
    let id = add(&kith, "yesterday 19:00");
    let out = kith.run(&["plan", "done", &id, "--minutes", "120", "--felt", "2", "--json"]).ok().json();
    assert_eq!(out["plan"]["outcome"], "attended");
    assert_eq!(out["interaction"]["plan_id"], out["plan"]["id"]);
    assert_eq!(out["plan"]["interaction_id"], out["interaction"]["id"]);
    let history = kith.run(&["history", "--json"]).ok().json();
    assert_eq!(history["interactions"][0]["at"], "2026-11-22T19:00:00+00:00");
    assert_eq!(history["interactions"][0]["minutes"], 120);
}

#[test]
fn moving_a_plan_keeps_the_old_one_as_moved() {
    let kith = Kith::new().with_people();
    let id = add(&kith, "tomorrow 19:00");
    let out = kith.run(&["plan", "moved", &id, "--to", "2026-11-30 19:00", "--json"]).ok().json();
    assert_eq!(out["moved"]["outcome"], "rescheduled");
    assert_eq!(out["plan"]["moved_from"], out["moved"]["id"]);
    let upcoming = kith.run(&["plan", "list", "--upcoming", "--json"]).ok().json();
    let outcomes: Vec<&Value> =
        upcoming["plans"].as_array().expect("list").iter().map(|p| &p["outcome"]).collect();
    assert_eq!(outcomes, [&Value::from("rescheduled"), &Value::from("pending")]);
    let missed =
        kith.run(&["plan", "missed", out["plan"]["short_id"].as_str().expect("id"), "--json"]).ok().json();
    assert_eq!(missed["outcome"], "no_show");
    assert_eq!(missed["notice_minutes"], 0);
}

#[test]
fn a_plan_id_must_be_unique_and_long_enough() {
    let kith = Kith::new().with_people();
    add(&kith, "tomorrow 12:00");
    let short = kith.run(&["plan", "done", "ab"]);
    assert_eq!(short.code, 2);
    assert!(short.stderr.contains("at least the first 4"), "{}", short.stderr);
    let unknown = kith.run(&["plan", "done", "00000000"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("kith plan list"), "{}", unknown.stderr);
}

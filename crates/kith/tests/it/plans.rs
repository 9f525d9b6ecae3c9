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

#[test]
fn a_plan_carries_what_you_expected_and_how_it_went() {
    let kith = Kith::new().with_people();
    let added = kith
        .run(&[
            "plan",
            "add",
            "Sam Lee",
            "--at",
            "yesterday 19:00",
            "--mode",
            "in_person",
            "--anxiety",
            "8",
            "--expect",
            "3",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (added["prediction"]["anxiety"].as_i64(), added["prediction"]["expected"].as_i64()),
        (Some(8), Some(3))
    );
    assert!(added["prediction"]["felt_anxiety"].is_null());
    assert!(added["prompt"].is_null(), "nothing to look back on yet");
    let id = added["short_id"].as_str().expect("id").to_owned();
    let plain = add(&kith, "tomorrow 12:00");
    let list = kith.run(&["plan", "list", "--json"]).ok().json();
    let of = |short: &str| {
        list["plans"]
            .as_array()
            .expect("list")
            .iter()
            .find(|p| p["short_id"] == short)
            .cloned()
            .expect("listed")
    };
    assert_eq!(of(&id)["prediction"]["anxiety"], 8);
    assert!(of(&plain)["prediction"].is_null(), "a plan without a prediction says so");

    let done = kith.run(&["plan", "done", &id, "--felt-anxiety", "3", "--went", "8", "--json"]).ok().json();
    assert_eq!(done["plan"]["outcome"], "attended");
    assert_eq!(
        (done["plan"]["prediction"]["felt_anxiety"].as_i64(), done["plan"]["prediction"]["went"].as_i64()),
        (Some(3), Some(8))
    );
    assert_eq!(done["plan"]["prediction"]["went_better"], "better");
    assert_eq!(done["message"], "It went better than you expected.");

    // Read back through another path: the report, and the export.
    let report = kith.run(&["step", "report", "--json"]).ok().json();
    assert_eq!(
        (report["done"].as_i64(), report["total_done"].as_i64()),
        (Some(0), Some(1)),
        "steps apart, plans together"
    );
    assert_eq!((report["plans"]["done"].as_i64(), report["plans"]["better"].as_i64()), (Some(1), Some(1)));
    assert_eq!(report["text"], "Of 1 plan with a prediction, 1 went better than you expected.");
    let exported = kith.snapshot();
    assert_eq!(exported["plan_predictions"][0]["checked"]["felt_anxiety"], 3);

    // Before the next plan that feels big, a look back.
    let next = kith
        .run(&["plan", "add", "Priya", "--at", "tomorrow 19:00", "--mode", "in_person", "--anxiety", "9"])
        .ok()
        .stdout;
    assert!(next.contains("Of your last 1 plan, 1 went better than you expected."), "{next}");
}

#[test]
fn how_a_plan_went_can_follow_after_it_was_marked_done() {
    let kith = Kith::new().with_people();
    let added = kith
        .run(&["plan", "add", "Jo", "--at", "yesterday 12:00", "--mode", "voice", "--anxiety", "6", "--json"])
        .ok()
        .json();
    let id = added["short_id"].as_str().expect("id").to_owned();
    let first = kith.run(&["plan", "done", &id, "--minutes", "30"]).ok().stdout;
    assert!(first.contains(&format!("kith plan done {id} --felt-anxiety N")), "{first}");
    let later = kith.run(&["plan", "done", &id, "--felt-anxiety", "2", "--json"]).ok().json();
    assert!(later["interaction"].is_null(), "logged once, not twice");
    assert_eq!(later["message"], "You expected anxiety of 6 and felt 2: easier than you feared.");
    let history = kith.run(&["history", "--json"]).ok().json();
    assert_eq!(history["interactions"].as_array().map(Vec::len), Some(1));
    let again = kith.run(&["plan", "done", &id, "--felt-anxiety", "1"]);
    assert_eq!(again.code, 2, "already recorded: {}", again.stderr);
}

#[test]
fn cancelling_a_meeting_to_come_offers_a_call_instead_except_on_a_low_day() {
    let kith = Kith::new().with_people();
    let id = add(&kith, "tomorrow 19:00");
    let out = kith.run(&["plan", "cancel", &id, "--by", "me", "--json"]).ok().json();
    assert_eq!(out["outcome"], "cancelled_by_me", "the cancel is saved whatever the offer");
    assert_eq!(out["suggestion"]["kind"], "instead_of_cancelling");
    assert_eq!(out["suggestion"]["people"][0]["name"], "Sam Lee");

    let id = add(&kith, "tomorrow 12:00");
    let text = kith.run(&["plan", "cancel", &id, "--by", "me"]).ok().stdout;
    let call = r#"kith plan add "Sam Lee" --at "2026-11-24 12:00" --mode call"#;
    assert!(text.contains(call), "{text}");
    let made = kith
        .run(&["plan", "add", "Sam Lee", "--at", "2026-11-24 12:00", "--mode", "call", "--json"])
        .ok()
        .json();
    assert_eq!(made["mode"], "voice");

    let id = add(&kith, "tomorrow 20:00");
    let theirs = kith.run(&["plan", "cancel", &id, "--by", "them", "--json"]).ok().json();
    assert!(theirs.get("suggestion").is_none(), "nothing to offer when they cancelled");

    kith.run(&["checkin", "--energy", "2", "--mood", "2", "--stress", "4", "--capacity", "1"]).ok();
    let id = add(&kith, "tomorrow 21:00");
    let low = kith.run(&["plan", "cancel", &id, "--by", "me", "--json"]).ok().json();
    assert!(low.get("suggestion").is_none(), "on a low day cancelling is the kind choice");
}

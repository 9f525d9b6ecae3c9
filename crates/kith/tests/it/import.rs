//! `kith import FORMAT FILE` and `kith export ics|vcf|csv` end to end, on the fixtures in
//! crates/kith-import/tests/fixtures.

use crate::support::Kith;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/../kith-import/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

fn with_contacts() -> Kith {
    let kith = Kith::new();
    kith.run(&["import", "vcf", &fixture("contacts.vcf")]).ok();
    kith
}

#[test]
fn contacts_become_people_and_two_cards_of_one_name_merge() {
    let kith = Kith::new();
    let out = kith.run(&["import", "vcf", &fixture("contacts.vcf"), "--json"]).ok().json();
    assert_eq!(names(&out["people"]["created"]), ["Jürgen Müller", "Sam Lee"]);
    assert_eq!(out["skipped"][0]["record"], 4, "{out}");
    assert_eq!(out["birthdays"], 1);
    let sam = &kith.snapshot()["people"].as_array().expect("people").clone()[1];
    assert_eq!(sam["name"], "Sam Lee");
    assert!(names(&sam["aliases"]).contains(&"sam.work@example.org".to_owned()), "{sam}");
    let again = kith.run(&["import", "vcf", &fixture("contacts.vcf"), "--json"]).ok().json();
    assert_eq!(names(&again["people"]["created"]).len(), 0);
    assert_eq!(names(&again["people"]["matched"]), ["Jürgen Müller", "Sam Lee"]);
}

#[test]
fn calendar_events_with_people_become_plans_once() {
    let kith = with_contacts();
    let dry = kith
        .run(&["import", "ics", &fixture("calendar.ics"), "--assume-attended", "--dry-run", "--json"])
        .ok()
        .json();
    assert_eq!(dry["plans"], 7, "{dry}");
    assert_eq!(kith.snapshot()["plans"].as_array().map(Vec::len), Some(0), "a dry run writes nothing");
    let out =
        kith.run(&["import", "ics", &fixture("calendar.ics"), "--assume-attended", "--json"]).ok().json();
    assert_eq!(out["plans"], 7);
    assert_eq!(out["skipped"][0]["record"], 4, "the dentist matches no one");
    let plans = kith.snapshot()["plans"].as_array().expect("plans").clone();
    let cancelled: Vec<&Value> = plans.iter().filter(|p| p["outcome"] == "cancelled_by_them").collect();
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0]["outcome_at"], "2026-11-11T17:00:00Z");
    assert!(plans.iter().any(|p| p["start"] == "2026-11-04T19:00:00+00:00"));
    assert!(!plans.iter().any(|p| p["start"] == "2026-10-28T19:00:00+01:00"), "the EXDATE is honoured");
    let again =
        kith.run(&["import", "ics", &fixture("calendar.ics"), "--assume-attended", "--json"]).ok().json();
    assert_eq!((again["plans"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(7)));
}

#[test]
fn a_whatsapp_chat_becomes_one_interaction_a_day_with_unanswered_messages() {
    let kith = with_contacts();
    let out =
        kith.run(&["import", "whatsapp", &fixture("whatsapp-ios-narrow-nbsp.txt"), "--json"]).ok().json();
    assert_eq!(out["interactions"], 4, "{out}");
    let doc = kith.snapshot();
    let days = doc["interactions"].as_array().expect("interactions");
    let unanswered: u64 = days.iter().filter_map(|i| i["unanswered"].as_u64()).sum();
    // Sam's first message waited more than two days; "no worries" waited nine.
    assert_eq!(unanswered, 2);
    assert!(days.iter().all(|i| i["mode"] == "text" && i["source"]["kind"] == "whatsapp"));
    let again =
        kith.run(&["import", "whatsapp", &fixture("whatsapp-ios-narrow-nbsp.txt"), "--json"]).ok().json();
    assert_eq!(again["already_present"], 4);
}

#[test]
fn a_chat_with_strangers_asks_who_you_are() {
    let kith = Kith::new();
    let run = kith.run(&["import", "whatsapp", &fixture("whatsapp-ios-narrow-nbsp.txt")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--me"), "{}", run.stderr);
    let ok = kith.run(&[
        "import",
        "whatsapp",
        &fixture("whatsapp-ios-narrow-nbsp.txt"),
        "--me",
        "Me",
        "--create-people",
        "--json",
    ]);
    assert_eq!(names(&ok.ok().json()["people"]["created"]), ["Sam Lee"]);
}

#[test]
fn sms_texts_and_calls_count_replies_and_missed_calls() {
    let kith = with_contacts();
    let out = kith.run(&["import", "sms", &fixture("sms-surrogates.xml"), "--json"]).ok().json();
    assert_eq!(out["interactions"], 2, "{out}");
    assert_eq!(out["skipped"][0]["record"], 4);
    let calls = kith.run(&["import", "sms", &fixture("calls.xml"), "--json"]).ok().json();
    assert_eq!(calls["interactions"], 3);
    let doc = kith.snapshot();
    let voice: Vec<&Value> =
        doc["interactions"].as_array().expect("list").iter().filter(|i| i["mode"] == "voice").collect();
    assert_eq!(voice.iter().filter_map(|i| i["unanswered"].as_u64()).sum::<u64>(), 2);
    assert!(voice.iter().any(|i| i["minutes"] == 13));
}

#[test]
fn a_telegram_chat_imports_by_name() {
    let kith = with_contacts();
    let out = kith.run(&["import", "telegram", &fixture("telegram-personal.json"), "--json"]).ok().json();
    assert_eq!(out["interactions"], 2, "{out}");
}

#[test]
fn a_broken_file_changes_nothing_and_says_where() {
    let kith = with_contacts();
    let before = kith.snapshot();
    let cut = kith.dir().join("cut.ics");
    let text = std::fs::read_to_string(fixture("calendar.ics")).expect("fixture");
    std::fs::write(&cut, &text[..text.len() / 2]).expect("write");
    let run = kith.run(&["import", "ics", cut.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("iCalendar") && run.stderr.contains("cut.ics:"), "{}", run.stderr);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert_eq!(kith.snapshot(), before);
    let wrong = kith.run(&["import", "sms", &fixture("contacts.vcf")]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("SMS Backup"), "{}", wrong.stderr);
}

#[test]
fn exported_contacts_calendar_and_csv_read_back() {
    let kith = with_contacts();
    kith.run(&["import", "ics", &fixture("calendar.ics"), "--assume-attended"]).ok();
    kith.run(&["import", "whatsapp", &fixture("whatsapp-ios-narrow-nbsp.txt")]).ok();

    let vcf = kith.dir().join("people.vcf");
    std::fs::write(&vcf, kith.run(&["export", "vcf"]).ok().stdout).expect("write");
    let other = Kith::new();
    let out = other.run(&["import", "vcf", vcf.to_str().expect("utf-8"), "--json"]).ok().json();
    assert_eq!(names(&out["people"]["created"]), ["Jürgen Müller", "Sam Lee"]);
    assert_eq!(out["birthdays"], 1, "Sam's birthday travels through the export");

    let ics = kith.dir().join("plans.ics");
    std::fs::write(&ics, kith.run(&["export", "ics"]).ok().stdout).expect("write");
    let back = kith.run(&["import", "ics", ics.to_str().expect("utf-8"), "--json"]).ok().json();
    assert_eq!(back["plans"], 0, "every exported plan is recognised: {back}");

    let csv = kith.run(&["export", "csv"]).ok().stdout;
    let rows = kith_import::write::read_csv(&csv);
    assert_eq!(rows[0][0], "id");
    assert_eq!(rows.len(), 1 + kith.snapshot()["interactions"].as_array().map_or(0, Vec::len));
}

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

fn write(kith: &Kith, name: &str, text: &str) -> String {
    let path = kith.dir().join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8").to_owned()
}

#[test]
fn a_whatsapp_re_export_where_a_number_got_a_name_adds_only_the_new_days() {
    let kith = with_contacts();
    let first = "13/11/2026, 21:05 - +44 7700 900123: hi!\n13/11/2026, 21:10 - Me: hello\n\
15/11/2026, 09:00 - Me: coffee?\n";
    let longer = format!("{first}15/11/2026, 18:00 - Sam Lee: sorry, yes!\n18/11/2026, 10:00 - Me: great\n");
    let longer = longer.replace("+44 7700 900123", "Sam Lee");
    let a =
        kith.run(&["import", "whatsapp", &write(&kith, "a.txt", first), "--me", "Me", "--json"]).ok().json();
    assert_eq!(a["interactions"], 2, "{a}");
    let b = kith
        .run(&["import", "whatsapp", &write(&kith, "b.txt", &longer), "--me", "Me", "--json"])
        .ok()
        .json();
    assert_eq!((b["interactions"].as_u64(), b["already_present"].as_u64()), (Some(1), Some(2)), "{b}");
    // The 15th was the last day of the first export; the longer one has Sam's reply on it.
    assert_eq!(b["updated"], 1, "{b}");
    let days = kith.snapshot()["interactions"].as_array().expect("list").clone();
    assert_eq!(days.len(), 3);
    assert!(
        days.iter().any(|d| d["note"] == "2 messages (1 sent, 1 received)" && d["meaningful"] == true),
        "{days:?}"
    );
    assert!(days.iter().all(|d| d["people"].as_array().map(Vec::len) == Some(1)), "{days:?}");
}

#[test]
fn whatsapp_calls_become_voice_and_video_interactions_with_their_minutes() {
    let kith = with_contacts();
    let out = kith
        .run(&["import", "whatsapp", &fixture("whatsapp-android-calls.txt"), "--me", "Alex", "--json"])
        .ok()
        .json();
    assert_eq!(out["interactions"], 5, "2 days of messages and 3 calls: {out}");
    assert!(out["skipped"][0]["reason"].as_str().is_some_and(|r| r.contains("not answered")), "{out}");
    let doc = kith.snapshot();
    let calls: Vec<&Value> =
        doc["interactions"].as_array().expect("list").iter().filter(|i| i["mode"] != "text").collect();
    let seen: Vec<(String, Option<u64>, u64)> = calls
        .iter()
        .map(|c| {
            (
                c["mode"].as_str().unwrap_or("").to_owned(),
                c["minutes"].as_u64(),
                c["unanswered"].as_u64().unwrap_or(9),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [("voice".to_owned(), None, 1), ("voice".to_owned(), Some(12), 0), ("video".to_owned(), Some(3), 0)]
    );
    let again = kith
        .run(&["import", "whatsapp", &fixture("whatsapp-android-calls.txt"), "--me", "Alex", "--json"])
        .ok()
        .json();
    assert_eq!((again["interactions"].as_u64(), again["updated"].as_u64()), (Some(0), Some(0)), "{again}");
}

#[test]
fn a_zipped_ios_export_and_telegram_calls_import() {
    let kith = with_contacts();
    kith.run(&["person", "edit", "Sam Lee", "--alias", "Sam"]).ok();
    let zip = kith
        .run(&["import", "whatsapp", &fixture("whatsapp-ios-chat.zip"), "--me", "Alex", "--json"])
        .ok()
        .json();
    assert_eq!(zip["interactions"], 4, "2 days of messages and 2 calls: {zip}");
    let tg = kith.run(&["import", "telegram", &fixture("telegram-calls.json"), "--json"]).ok().json();
    assert_eq!(tg["interactions"], 3, "a day of text and two calls (your busy call is skipped): {tg}");
    let doc = kith.snapshot();
    assert!(
        doc["interactions"]
            .as_array()
            .expect("list")
            .iter()
            .any(|i| i["minutes"] == 13 && i["source"]["kind"] == "telegram")
    );
}

#[test]
fn a_file_of_another_kind_is_refused_with_what_it_looks_like() {
    let kith = with_contacts();
    let before = kith.snapshot();
    let run = kith.run(&["import", "telegram", &fixture("messenger-message_1.json")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("use `kith import messenger`"), "{}", run.stderr);
    let chat = kith.run(&["import", "telegram", &fixture("google-chat-messages.json")]);
    assert_eq!(chat.code, 2);
    assert!(chat.stderr.contains("kith import google-chat"), "{}", chat.stderr);
    assert_eq!(kith.snapshot(), before);
}

#[test]
fn messenger_google_chat_and_google_voice_import_once() {
    let kith = with_contacts();
    let m = kith
        .run(&["import", "messenger", &fixture("messenger-message_1.json"), "--create-people", "--json"])
        .ok()
        .json();
    assert_eq!(names(&m["people"]["created"]), ["Renée Okafor"], "{m}");
    assert_eq!(m["interactions"], 3, "a day of texts and two calls: {m}");
    assert_eq!(m["skipped"][0]["reason"], "a message that was unsent");
    let c = kith
        .run(&["import", "google-chat", &fixture("google-chat-takeout.zip"), "--create-people", "--json"])
        .ok()
        .json();
    assert_eq!(names(&c["people"]["created"]), ["Priya Shah"], "you are the address in every chat: {c}");
    assert_eq!(c["interactions"], 3, "{c}");
    let v = kith.run(&["import", "google-voice", &fixture("google-voice-takeout.zip"), "--json"]).ok().json();
    assert_eq!(v["interactions"], 3, "a day of texts, a missed and a received call: {v}");
    for (format, file) in [
        ("messenger", "messenger-message_1.json"),
        ("google-chat", "google-chat-takeout.zip"),
        ("google-voice", "google-voice-takeout.zip"),
    ] {
        let again = kith.run(&["import", format, &fixture(file), "--create-people", "--json"]).ok().json();
        assert_eq!(again["interactions"], 0, "{format}: {again}");
    }
    let one =
        kith.run(&["import", "google-voice", &fixture("google-voice-missed.html"), "--json"]).ok().json();
    assert_eq!(one["already_present"], 1, "{one}");
}

#[test]
fn a_full_name_in_a_file_finds_the_only_person_with_that_first_name() {
    let kith = Kith::new();
    kith.run(&["person", "add", "Sam"]).ok();
    let dry = kith
        .run(&[
            "import",
            "telegram",
            &fixture("telegram-calls.json"),
            "--create-people",
            "--dry-run",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(names(&dry["people"]["created"]).len(), 0, "{dry}");
    assert_eq!(dry["people"]["matched_how"][0]["in_file"], "Sam Lee", "{dry}");
    assert_eq!(dry["people"]["matched_how"][0]["how"], "first_name");
    let text = kith.run(&["import", "telegram", &fixture("telegram-calls.json"), "--dry-run"]).ok();
    assert!(text.stdout.contains("Sam Lee → Sam (by first name"), "{}", text.stdout);
    kith.run(&["person", "add", "Sam Rivera"]).ok();
    let two = kith
        .run(&[
            "import",
            "telegram",
            &fixture("telegram-calls.json"),
            "--create-people",
            "--dry-run",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(names(&two["people"]["created"]), ["Sam Lee"], "two Sams: no guess: {two}");
}

#[test]
fn a_call_of_absurd_length_is_kept_at_the_longest_a_day_holds() {
    let kith = with_contacts();
    let chat = "13/11/2026, 21:05 - Sam Lee: Voice call, 9223372036854775807 hr 5 min\n\
13/11/2026, 21:30 - Me: that was long\n";
    let file = write(&kith, "chat.txt", chat);
    kith.run(&["import", "whatsapp", &file, "--me", "Me"]).ok();
    let doc = kith.snapshot();
    let calls: Vec<&serde_json::Value> = doc["interactions"]
        .as_array()
        .expect("interactions")
        .iter()
        .filter(|i| i["mode"] == "voice")
        .collect();
    assert_eq!(calls.len(), 1, "{doc}");
    assert_eq!(calls[0]["minutes"], 1440, "{}", calls[0]);
}

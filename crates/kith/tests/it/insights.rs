//! The insight commands on the demo year, through the binary: the JSON contracts the
//! issue names, and the text a person reads.

use crate::support::Kith;
use serde_json::Value;

fn demo() -> Kith {
    let kith = Kith::new();
    kith.run(&["demo", "--seed", "42"]).ok();
    kith
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default()
}

#[test]
fn today_keeps_its_json_contract_and_reads_kindly() {
    let kith = demo();
    let today = kith.run(&["today", "--json"]).ok().json();
    for key in ["date", "one_a_day", "reach_out", "plans", "signals", "support", "suggestions"] {
        assert!(keys(&today).contains(&key), "today has {key}: {:?}", keys(&today));
    }
    assert_eq!(today["date"], "2026-11-23");
    let first = &today["reach_out"][0];
    for key in ["name", "why", "mode"] {
        assert!(first.get(key).is_some(), "reach_out entries have {key}");
    }
    let text = kith.run(&["today"]).ok().stdout;
    insta::assert_snapshot!("demo_today", text);
    for unkind in ["symptom", "diagnos", "failed", "disorder"] {
        assert!(!text.to_lowercase().contains(unkind), "today never says {unkind:?}");
    }
}

/// Words of diagnosis never appear in what the insight commands print, as text or JSON, on a
/// demo year that ends in a hard stretch.
#[test]
fn no_insight_command_uses_words_of_diagnosis() {
    let kith = demo();
    let mut all = String::new();
    for args in [&["today"][..], &["signals"], &["map"], &["score"], &["report", "--month"], &["report"]] {
        all.push_str(&kith.run(args).ok().stdout);
        let mut json = args.to_vec();
        json.push("--json");
        all.push_str(&kith.run(&json).ok().stdout);
    }
    assert!(all.contains("fewer_meaningful_contacts") || all.contains("late_cancellations"), "{all}");
    let all = all.to_lowercase();
    for word in ["symptom", "diagnos", "disorder", "depress", "burnout"] {
        assert!(!all.contains(word), "found {word:?}");
    }
}

#[test]
fn the_map_places_people_in_the_four_quadrants() {
    let kith = demo();
    let map = kith.run(&["map", "--json"]).ok().json();
    assert_eq!(map["window_days"], 90);
    let people = map["people"].as_array().expect("people");
    for quadrant in ["energising_frequent", "energising_rare", "draining_frequent", "draining_rare"] {
        assert!(people.iter().any(|p| p["quadrant"] == quadrant), "someone is {quadrant}");
    }
    for p in people {
        for key in ["name", "quadrant", "energy", "per_month", "suggestion"] {
            assert!(p.get(key).is_some(), "{p} has {key}");
        }
    }
    insta::assert_snapshot!("demo_map", kith.run(&["map"]).ok().stdout);
}

#[test]
fn signals_show_their_evidence_and_the_support_card_lists_contacts() {
    let kith = demo();
    kith.run(&["config", "support", "add", "Dr Okafor: 020 7946 0958"]).ok();
    let report = kith.run(&["signals", "--json"]).ok().json();
    assert_eq!(report["enough_history"], true);
    let signals = report["signals"].as_array().expect("signals");
    assert!(!signals.is_empty(), "the demo's withdrawal stretch raises something");
    for s in signals {
        assert!(s["kind"].is_string() && s["text"].is_string());
        assert!(s["since"].as_str().is_some_and(|d| d.len() == 10), "since is a date: {s}");
        assert!(
            s["evidence"]["recent"]["count"].is_number() && s["evidence"]["baseline"]["count"].is_number()
        );
    }
    let support = &report["support"];
    assert!(support["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    assert_eq!(support["contacts"][0]["name"], "Dr Okafor");
    let text = kith.run(&["signals"]).ok().stdout;
    assert!(text.contains("Dr Okafor: 020 7946 0958"), "{text}");
    assert!(text.contains("usual:"), "the evidence is shown: {text}");
}

#[test]
fn a_new_person_has_not_enough_history_and_no_signals() {
    let kith = Kith::new().with_people();
    kith.run(&["log", "Sam Lee", "--mode", "voice", "--felt", "-2"]).ok();
    let report = kith.run(&["signals", "--json"]).ok().json();
    assert_eq!(report["enough_history"], false);
    assert_eq!(report["signals"], Value::Array(Vec::new()));
    assert!(kith.run(&["today"]).ok().stdout.contains("Not enough history yet"));
}

#[test]
fn snoozing_someone_takes_them_off_today_for_a_while() {
    let kith = demo();
    let today = kith.run(&["today", "--json"]).ok().json();
    let name = today["reach_out"][0]["name"].as_str().expect("someone to reach").to_owned();
    let snoozed = kith.run(&["snooze", &name, "--days", "7", "--json"]).ok().json();
    assert_eq!(snoozed["snoozed_until"], "2026-11-30");
    let after = kith.run(&["today", "--json"]).ok().json();
    assert!(after["reach_out"].as_array().expect("list").iter().all(|r| r["name"] != name.as_str()));
    let later = kith.run(&["--now", "2026-12-01T12:00:00Z", "today", "--json"]).ok().json();
    assert!(
        later["reach_out"].as_array().expect("list").iter().any(|r| r["name"] == name.as_str()),
        "back after a week"
    );
}

#[test]
fn report_and_score_compare_with_the_period_before() {
    let kith = demo();
    let month = kith.run(&["report", "--month", "--json"]).ok().json();
    assert_eq!(month["period"], "month");
    assert_eq!(month["current"]["days"], 30);
    assert_eq!(month["previous"]["days"], 30);
    for key in
        ["online_minutes", "offline_minutes", "energising_minutes", "draining_minutes", "giving", "getting"]
    {
        assert!(month["current"]["balance"][key].is_number(), "balance has {key}");
    }
    let week = kith.run(&["report", "--json"]).ok().json();
    assert_eq!(week["period"], "week");
    let score = kith.run(&["score", "--json"]).ok().json();
    assert!(score["this_week"]["score"].is_number() && score["last_week"]["score"].is_number());
    assert!(["up", "steady", "down"].contains(&score["trend"].as_str().unwrap_or("")));
}

#[test]
fn settings_change_the_rules_and_a_bad_file_names_its_line() {
    let kith = demo();
    let config = kith.dir().join("settings.toml");
    std::fs::write(&config, "[map]\nwindow_days = 30\n").expect("write");
    let run = |args: &[&str]| {
        let out = kith.cmd(args).env("KITH_CONFIG", &config).output().expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, _) = run(&["map", "--json"]);
    assert_eq!(code, Some(0));
    assert_eq!(serde_json::from_str::<Value>(&stdout).expect("json")["window_days"], 30);
    let (_, shown, _) = run(&["config", "show"]);
    assert!(shown.contains("window_days = 30") && shown.contains("grace_days"), "{shown}");

    std::fs::write(&config, "[map]\nwindow_days = 30\nmin_rated = \"three\"\n").expect("write");
    let (code, _, stderr) = run(&["today"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("settings.toml:3:"), "{stderr}");
}

/// Walks with someone who lifts you, the last ten days ago: a walk together is today's idea;
/// "not now" hides it for a week, and an unknown kind is refused.
#[test]
fn todays_ideas_come_from_your_records_and_not_now_hides_a_kind() {
    let kith = Kith::new().with_people();
    for at in ["-40d", "-25d", "-10d"] {
        kith.run(&["log", "Sam Lee", "--mode", "in_person", "--felt", "2", "--tag", "walk", "--at", at]).ok();
    }
    let today = kith.run(&["today", "--json"]).ok().json();
    let ideas = today["suggestions"].as_array().expect("a list");
    assert_eq!(ideas[0]["kind"], "together_and_restful", "{ideas:?}");
    assert_eq!(ideas[0]["people"][0]["name"], "Sam Lee");
    assert!(ideas[0]["why"].as_str().expect("why").contains("3 times"), "{ideas:?}");
    let text = kith.run(&["today"]).ok().stdout;
    assert!(
        text.contains("Ideas for today") && text.contains("kith today --not-now together_and_restful"),
        "{text}"
    );

    let hidden = kith.run(&["today", "--not-now", "together_and_restful", "--json"]).ok().json();
    let kinds = |v: &Value| -> Vec<String> {
        v["suggestions"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|s| s["kind"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert!(!kinds(&hidden).contains(&"together_and_restful".to_owned()), "{hidden}");
    let later = kith.run(&["today", "--now", "2026-11-29T18:00:00Z", "--json"]).ok().json();
    assert!(!kinds(&later).contains(&"together_and_restful".to_owned()), "still hidden on the seventh day");
    // Saying it again with --days 1 moves the day to today: tomorrow the idea is back.
    kith.run(&["today", "--not-now", "together_and_restful", "--days", "1"]).ok();
    let tomorrow = kith.run(&["today", "--now", "2026-11-24T18:00:00Z", "--json"]).ok().json();
    assert!(kinds(&tomorrow).contains(&"together_and_restful".to_owned()), "back the next day: {tomorrow}");

    let refused = kith.run(&["today", "--not-now", "nap"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("--not-now") && refused.stderr.contains("call_instead_of_text"),
        "{}",
        refused.stderr
    );
}

/// The demo year's check-ins are enough to look for mood links; every link claimed names its
/// days on both sides and a better next day, and the text report lists them.
#[test]
fn the_report_names_mood_links_with_their_counts() {
    let kith = demo();
    let report = kith.run(&["report", "--month", "--json"]).ok().json();
    let links = &report["mood_links"];
    assert_eq!(links["enough_data"], true, "{links}");
    assert!(links["days_compared"].as_u64().expect("a count") >= 14);
    for l in links["links"].as_array().expect("a list") {
        assert!(l["days_with"].as_u64() >= Some(5) && l["days_without"].as_u64() >= Some(5), "{l}");
        assert!(l["mood_with"].as_f64() >= Some(l["mood_without"].as_f64().expect("a mean") + 0.5), "{l}");
    }
    let text = kith.run(&["report", "--month"]).ok().stdout;
    assert!(
        text.contains("Mood links\n  ") && text.contains(links["text"].as_str().expect("text")),
        "{text}"
    );
    let empty = Kith::new().with_people();
    let none = empty.run(&["report", "--json"]).ok().json();
    assert_eq!(none["mood_links"]["enough_data"], false);
    assert!(none["mood_links"]["text"].as_str().expect("text").starts_with("Not enough data yet"));
}

#[test]
fn today_welcomes_an_empty_database_until_someone_is_added_and_logged() {
    let kith = Kith::new();
    let text = kith.run(&["today"]).ok().stdout;
    assert!(text.starts_with("Welcome to kith\n"), "{text}");
    for command in ["kith person add NAME", "kith import vcf FILE", "kith log NAME --mode call", "kith demo"]
    {
        assert!(text.contains(command), "the welcome offers {command:?}: {text}");
    }
    assert!(text.contains("One a day"), "the rest of today follows: {text}");
    let json = kith.run(&["today", "--json"]).ok().json();
    assert_eq!(json["welcome"], true);
    assert!(json.get("one_a_day").is_some(), "every other field stays: {json}");

    kith.run(&["person", "add", "Sam Lee"]).ok();
    kith.run(&["log", "sam", "--mode", "call"]).ok();
    let json = kith.run(&["today", "--json"]).ok().json();
    assert_eq!(json["welcome"], false);
    let text = kith.run(&["today"]).ok().stdout;
    assert!(!text.contains("Welcome to kith") && !text.contains("kith person add"), "{text}");
}

#[test]
fn a_demo_year_is_not_welcomed() {
    let kith = demo();
    assert_eq!(kith.run(&["today", "--json"]).ok().json()["welcome"], false);
}

//! The export is complete and lossless: a demo year exported, imported into a new
//! database and exported again gives the same document.

use crate::support::Kith;

#[test]
fn export_then_import_gives_back_the_same_data() {
    let first = Kith::new();
    first.run(&["demo"]).ok();
    let someone =
        first.run(&["person", "list", "--json"]).ok().json()["people"][0]["name"].as_str().map(str::to_owned);
    let someone = someone.expect("the demo has people");
    let starter = first.run(&["step", "starter", "--person", &someone, "--json"]).ok().json();
    let step = starter["steps"][2]["short_id"].as_str().expect("an id").to_owned();
    first.run(&["step", "try", &step, "--anxiety", "7", "--fear", "awkward", "--before", "anxious"]).ok();
    first.run(&["step", "try", &step, "--felt-anxiety", "2", "--after", "relieved", "--minutes", "10"]).ok();
    first.run(&["step", "try", &step, "--anxiety", "5"]).ok();
    first
        .run(&["thought", "add", "--situation", "s", "--thought", "t", "--belief", "60", "--kinder", "k"])
        .ok();
    first.run(&["log", &someone, "--mode", "voice", "--before", "tired", "--after", "warm,calm"]).ok();
    let feared = first
        .run(&[
            "plan",
            "add",
            &someone,
            "--at",
            "yesterday 18:00",
            "--mode",
            "video",
            "--anxiety",
            "8",
            "--expect",
            "4",
            "--json",
        ])
        .ok()
        .json();
    let feared = feared["short_id"].as_str().expect("an id").to_owned();
    first.run(&["plan", "done", &feared, "--felt-anxiety", "3", "--went", "7"]).ok();
    first.run(&["plan", "add", &someone, "--at", "tomorrow 18:00", "--mode", "voice", "--anxiety", "5"]).ok();
    let card = first.dir().join("card.vcf");
    std::fs::write(&card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Noor Haddad\r\nBDAY:1991-03-14\r\nEND:VCARD\r\n")
        .expect("write a card");
    first.run(&["import", "vcf", card.to_str().expect("utf-8")]).ok();
    first.run(&["away", "add", "--from", "2026-08-01", "--to", "2026-08-12", "--note", "Lisbon"]).ok();
    first.run(&["away", "add", "--from", "-3d", "--to", "today"]).ok();
    first.run(&["today", "--not-now", "join_a_group", "--days", "30"]).ok();
    let file = first.dir().join("export.json");
    std::fs::write(&file, first.run(&["export"]).ok().stdout).expect("write the export");

    let second = Kith::new();
    let out = second.run(&["import-json", file.to_str().expect("utf-8"), "--json"]).ok().json();
    let original = first.snapshot();
    assert_eq!(out["interactions"].as_u64(), original["interactions"].as_array().map(|a| a.len() as u64));
    assert_eq!(second.snapshot(), original);
    assert!(original["plans"].as_array().is_some_and(|p| p.iter().any(|p| !p["moved_from"].is_null())));
    assert!(original["checkins"].as_array().is_some_and(|c| c.len() > 200));
    assert_eq!(original["steps"].as_array().map(Vec::len), Some(8));
    assert_eq!(original["attempts"].as_array().map(Vec::len), Some(2));
    assert_eq!(original["thought_records"].as_array().map(Vec::len), Some(1));
    assert_eq!(original["emotions_named"].as_array().map(Vec::len), Some(1));
    let attempts = original["attempts"].as_array().expect("tries");
    assert!(attempts.iter().any(|a| !a["outcome"]["interaction"].is_null()), "{attempts:?}");
    assert_eq!((out["steps"].as_u64(), out["attempts"].as_u64()), (Some(8), Some(2)));
    let predictions = original["plan_predictions"].as_array().expect("predictions on plans");
    assert_eq!(predictions.len(), 2);
    assert!(predictions.iter().any(|p| p["checked"]["went"] == 7 && p["expected"] == 4), "{predictions:?}");
    assert_eq!(out["plan_predictions"].as_u64(), Some(2));
    let birthdays = original["birthdays"].as_array().expect("birthdays");
    assert_eq!(birthdays.len(), 1, "{birthdays:?}");
    assert_eq!(birthdays[0]["date"], "1991-03-14");
    let away = original["away"].as_array().expect("days away");
    assert_eq!(away.len(), 2, "{away:?}");
    assert_eq!((away[0]["from"].as_str(), away[0]["note"].as_str()), (Some("2026-08-01"), Some("Lisbon")));
    assert_eq!(out["away"].as_u64(), Some(2));
    let hidden = original["not_now"].as_array().expect("not now");
    assert_eq!((hidden.len(), hidden[0]["kind"].as_str()), (1, Some("join_a_group")), "{hidden:?}");
    assert_eq!(out["not_now"].as_u64(), Some(1));
}

#[test]
fn a_document_from_before_days_away_still_imports_and_a_span_backwards_is_refused() {
    let first = Kith::new();
    first.run(&["person", "add", "Sam"]).ok();
    first.run(&["away", "add", "--from", "2026-08-01", "--to", "2026-08-12"]).ok();
    let mut doc = first.run(&["export"]).ok().json();
    let bad = first.dir().join("backwards.json");
    let mut backwards = doc.clone();
    backwards["away"][0]["to"] = "2026-07-31".into();
    std::fs::write(&bad, backwards.to_string()).expect("write");
    let second = Kith::new();
    let refused = second.run(&["import-json", bad.to_str().expect("utf-8")]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("2026-07-31") && refused.stderr.contains("hint:"), "{}", refused.stderr);
    assert!(second.snapshot()["people"].as_array().is_some_and(Vec::is_empty), "nothing was imported");

    doc.as_object_mut().expect("an object").remove("away");
    let older = first.dir().join("older.json");
    std::fs::write(&older, doc.to_string()).expect("write");
    let out = second.run(&["import-json", older.to_str().expect("utf-8"), "--json"]).ok().json();
    assert_eq!((out["people"].as_u64(), out["away"].as_u64()), (Some(1), Some(0)));
}

#[test]
fn the_demo_is_the_same_for_the_same_seed_and_fills_only_an_empty_database() {
    let a = Kith::new();
    let b = Kith::new();
    a.run(&["demo", "--seed", "3"]).ok();
    b.run(&["demo", "--seed", "3"]).ok();
    assert_eq!(a.snapshot(), b.snapshot());
    let again = a.run(&["demo"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already holds data"), "{}", again.stderr);
}

#[test]
fn without_db_the_demo_gets_its_own_file() {
    let kith = Kith::new();
    let data = kith.dir().join("data");
    let run = |args: &[&str]| {
        kith.cmd(args).env_remove("KITH_DB").env("XDG_DATA_HOME", &data).output().expect("runs")
    };
    assert!(run(&["demo"]).status.success());
    assert!(run(&["demo"]).status.success(), "running it again replaces the demo file");
    assert!(data.join("kith/demo.db").exists());
    assert!(!data.join("kith/kith.db").exists(), "the real database is untouched");
}

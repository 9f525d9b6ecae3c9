//! Every invalid value names the flag or field, the value and what is allowed, exits 2,
//! and leaves the database as it was.

use crate::support::Kith;

fn refused(kith: &Kith, args: &[&str], expect_in_stderr: &[&str]) {
    let before = kith.snapshot();
    let run = kith.run(args);
    assert_eq!(run.code, 2, "{args:?} should exit 2; stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{args:?} printed a result: {}", run.stdout);
    for needle in expect_in_stderr {
        assert!(run.stderr.contains(needle), "{args:?}: stderr lacks {needle:?}: {}", run.stderr);
    }
    assert!(
        run.stderr.contains("hint:") || run.stderr.contains("Usage"),
        "{args:?} gives a hint: {}",
        run.stderr
    );
    assert_eq!(kith.snapshot(), before, "{args:?} changed the database");
}

#[test]
fn log_names_each_bad_value() {
    let kith = Kith::new().with_people();
    refused(&kith, &["log", "Sam", "--mode", "pigeon"], &["--mode", "pigeon", "in_person"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--felt", "3"], &["--felt", "\"3\"", "-2"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--felt", "good"], &["--felt", "good"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--minutes", "2000"], &["--minutes", "2000", "1440"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--minutes", "-5"], &["--minutes", "-5"]);
    refused(
        &kith,
        &["log", "Sam", "--mode", "voice", "--at", "someday"],
        &["--at", "someday", "yesterday 19:30"],
    );
    refused(
        &kith,
        &["log", "Sam", "--mode", "voice", "--at", "tomorrow 18:00"],
        &["--at", "still to come", "plans hold the future: kith plan add \"Sam\" --at \"tomorrow 18:00\""],
    );
    refused(&kith, &["log", "Sam", "--mode", "voice", "--at", "+5m"], &["--at \"+5m\"", "kith plan add"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--by", "us"], &["--by", "us", "me or them"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--tag", "two words"], &["--tag", "two words"]);
    refused(&kith, &["log", "Sam", "--mode", "voice", "--note", "  "], &["--note"]);
    refused(&kith, &["log", " , ", "--mode", "voice"], &["no names"]);
    refused(&kith, &["log", "Sam"], &["--mode"]);
    refused(&kith, &["--tz", "Mars/Olympus", "log", "Sam", "--mode", "voice"], &["--tz", "Mars/Olympus"]);
    refused(&kith, &["--now", "yesterday", "log", "Sam", "--mode", "voice"], &["--now", "yesterday"]);
}

#[test]
fn an_unknown_name_suggests_the_closest_and_new() {
    let kith = Kith::new().with_people();
    refused(&kith, &["log", "Pirya", "--mode", "voice"], &["no one called \"Pirya\"", "Priya", "--new"]);
    refused(&kith, &["log", "Sam, Zebedee", "--mode", "voice"], &["Zebedee"]);
}

#[test]
fn person_commands_name_each_bad_value() {
    let kith = Kith::new().with_people();
    refused(&kith, &["person", "add", "Lee, Sam"], &["--name", "without commas"]);
    refused(&kith, &["person", "add", "Bo", "--circle", "buddies"], &["--circle", "buddies", "family"]);
    refused(&kith, &["person", "add", "Bo", "--cadence", "0"], &["--cadence", "730"]);
    refused(&kith, &["person", "add", "PRIYA"], &["already in kith"]);
    refused(&kith, &["person", "edit", "Jo", "--name", "priya"], &["already someone else's name"]);
    refused(&kith, &["person", "merge", "Jo", "jo"], &["same person"]);
    refused(&kith, &["person", "show", "Nobody"], &["no one called"]);
}

#[test]
fn plan_and_checkin_name_each_bad_value() {
    let kith = Kith::new().with_people();
    refused(&kith, &["plan", "add", "Sam", "--at", "later", "--mode", "voice"], &["--at", "later"]);
    refused(&kith, &["plan", "add", "Sam", "--at", "tomorrow 19:00", "--mode", "owl"], &["--mode", "owl"]);
    refused(&kith, &["plan", "cancel", "1234abcd", "--by", "nobody"], &["--by", "nobody"]);
    refused(
        &kith,
        &["checkin", "--energy", "9", "--mood", "3", "--stress", "3", "--capacity", "3"],
        &["--energy", "\"9\"", "1 (low) to 5"],
    );
    refused(
        &kith,
        &["checkin", "--energy", "3", "--mood", "3", "--stress", "3", "--capacity", "6"],
        &["--capacity", "0 (nothing left)"],
    );
    refused(
        &kith,
        &[
            "checkin",
            "--energy",
            "3",
            "--mood",
            "3",
            "--stress",
            "3",
            "--capacity",
            "3",
            "--restored",
            "maybe",
        ],
        &["--restored", "yes or no"],
    );
    refused(
        &kith,
        &[
            "checkin",
            "--energy",
            "3",
            "--mood",
            "3",
            "--stress",
            "3",
            "--capacity",
            "3",
            "--affected",
            "sleep,appetite",
        ],
        &["--affected", "appetite"],
    );
    refused(&kith, &["checkin", "--energy", "3"], &["--mood", "--capacity"]);
}

#[test]
fn a_plan_s_prediction_names_each_bad_value() {
    fn add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["plan", "add", "Sam", "--at", "yesterday 19:00", "--mode", "voice"];
        args.extend_from_slice(extra);
        args
    }
    let kith = Kith::new().with_people();
    refused(&kith, &add(&["--anxiety", "11"]), &["--anxiety", "\"11\"", "0 (calm) to 10"]);
    refused(&kith, &add(&["--anxiety", "5", "--expect", "lots"]), &["--expect", "lots", "0 (very badly)"]);
    refused(&kith, &add(&["--expect", "5"]), &["--anxiety"]);
    let plain = kith.run(&add(&[])).ok();
    let plain_id = plain.stdout.rsplit('(').next().expect("id").trim().trim_end_matches(')').to_owned();
    let predicted = kith.run(&add(&["--anxiety", "7", "--json"])).ok().json();
    let id = predicted["short_id"].as_str().expect("id").to_owned();
    refused(&kith, &["plan", "done", &id, "--felt-anxiety", "12"], &["--felt-anxiety", "\"12\"", "0 (calm)"]);
    refused(&kith, &["plan", "done", &id, "--felt-anxiety", "2", "--went", "eleven"], &["--went", "eleven"]);
    refused(&kith, &["plan", "done", &id, "--went", "7"], &["--felt-anxiety"]);
    refused(&kith, &["plan", "done", &plain_id, "--felt-anxiety", "2"], &["no prediction", "--anxiety"]);
    kith.run(&["plan", "cancel", &id, "--by", "me"]).ok();
    refused(&kith, &["plan", "done", &id, "--felt-anxiety", "2"], &["already cancelled by me"]);
}

#[test]
fn an_import_that_fails_imports_nothing() {
    let kith = Kith::new().with_people();
    let broken = kith.dir().join("broken.json");
    std::fs::write(&broken, "{\"format\": \"kith-export\",\n \"version\": 1,\n \"people\": [{\"name\": 5}]}")
        .expect("write");
    refused(
        &kith,
        &["import-json", broken.to_str().expect("utf-8")],
        &["broken.json:3:", "not a kith export"],
    );

    let other = Kith::new().with_people();
    let export = other.dir().join("export.json");
    std::fs::write(&export, other.run(&["export"]).ok().stdout).expect("write");
    refused(
        &kith,
        &["import-json", export.to_str().expect("utf-8")],
        &["already in this database", "nothing was imported"],
    );
}

#[test]
fn serve_refuses_an_address_others_could_reach_without_allow_remote() {
    let kith = Kith::new().with_people();
    refused(&kith, &["serve", "--addr", "0.0.0.0:7070"], &["0.0.0.0:7070", "--allow-remote"]);
    refused(&kith, &["serve", "--addr", "localhost"], &["--addr", "localhost", "127.0.0.1:7070"]);
}

#[test]
fn a_day_start_that_is_not_a_morning_time_names_the_line() {
    let kith = Kith::new().with_people();
    let config = kith.dir().join("settings.toml");
    std::fs::write(&config, "[day]\nstarts_at = \"25:00\"\n").expect("write settings");
    let out = kith
        .cmd(&["checkin", "--energy", "3", "--mood", "3", "--stress", "2", "--capacity", "3"])
        .env("KITH_CONFIG", &config)
        .output()
        .expect("kith runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("settings.toml:2"), "{stderr}");
    assert!(stderr.contains("starts_at \"25:00\"") && stderr.contains("00:00 to 12:00"), "{stderr}");
}

#[test]
fn days_away_name_each_bad_value() {
    let kith = Kith::new().with_people();
    let kept = kith.run(&["away", "add", "--from", "2026-08-01", "--to", "2026-08-12", "--json"]).ok().json();
    let kept = kept["short_id"].as_str().expect("short id").to_owned();
    refused(
        &kith,
        &["away", "add", "--from", "2026-08-01", "--to", "2026-07-31"],
        &["--to", "2026-07-31", "on or after 2026-08-01"],
    );
    refused(
        &kith,
        &["away", "add", "--from", "2026-01-01", "--to", "2027-06-01"],
        &["--to", "2027-06-01", "366"],
    );
    refused(
        &kith,
        &["away", "add", "--from", "someday", "--to", "today"],
        &["--from", "someday", "yesterday"],
    );
    refused(&kith, &["away", "add", "--from", "-3d", "--to", "today", "--note", "  "], &["--note"]);
    refused(&kith, &["away", "add", "--from", "-3d"], &["--to"]);
    refused(&kith, &["away", "remove", "ffff"], &["no days away", "kith away list"]);
    refused(&kith, &["away", "remove", "zz"], &["invalid id", "first 4 characters"]);
    assert!(!kept.starts_with("ffff"), "the id refused is not the one kept");
}

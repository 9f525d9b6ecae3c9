//! A person records a week of their social life from the shell and reads it back.

use crate::support::Kith;

#[test]
fn a_week_recorded_from_the_shell_reads_back_as_text_and_json() {
    let kith = Kith::new().with_people();
    let week: &[&[&str]] = &[
        &[
            "log",
            "Sam Lee",
            "--mode",
            "in_person",
            "--minutes",
            "90",
            "--felt",
            "+2",
            "--at",
            "2026-11-17 18:30",
            "--tag",
            "walk",
        ],
        &[
            "log",
            "priya",
            "--mode",
            "voice",
            "--minutes",
            "25",
            "--felt",
            "1",
            "--at",
            "2026-11-18 20:00",
            "--by",
            "them",
        ],
        &["log", "Jo", "--mode", "text", "--at", "2026-11-19 09:15", "--trivial"],
        &[
            "log",
            "Sam, Priya",
            "--mode",
            "video",
            "--minutes",
            "40",
            "--felt",
            "-1",
            "--at",
            "2026-11-21",
            "--note",
            "tired but glad",
        ],
        &[
            "log",
            "Neighbour Ann",
            "--mode",
            "in_person",
            "--minutes",
            "5",
            "--at",
            "yesterday 11:00",
            "--new",
        ],
        &["log", "+447700900123", "--mode", "text", "--at", "-3h"],
    ];
    for args in week {
        kith.run(args).ok();
    }
    let text = kith.run(&["history"]).ok().stdout;
    insta::with_settings!({filters => vec![(r"(?m)^  [0-9a-f]{8}  ", "  ID        ")]}, {
        insta::assert_snapshot!("week_history", text);
    });

    let json = kith.run(&["history", "--json"]).ok().json();
    let list = json["interactions"].as_array().expect("a list");
    assert_eq!(list.len(), 6);
    assert_eq!(list[0]["mode"], "in_person");
    assert_eq!(list[0]["at"], "2026-11-17T18:30:00+00:00");
    assert_eq!(list[3]["people"].as_array().map(Vec::len), Some(2));
    assert_eq!(list[2]["meaningful"], false);
    assert_eq!(list[5]["people"][0]["name"], "Sam Lee", "found by the phone alias");
    assert!(list.iter().all(|i| i["id"].as_str().is_some_and(|id| id.len() == 36)));

    let sams = kith.run(&["history", "--person", "sam", "--json"]).ok().json();
    assert_eq!(sams["interactions"].as_array().map(Vec::len), Some(3));
    let recent = kith.run(&["history", "--since", "2026-11-21", "--json"]).ok().json();
    assert_eq!(recent["interactions"].as_array().map(Vec::len), Some(3));
    let people = kith.run(&["person", "list", "--json"]).ok().json();
    assert_eq!(people["people"].as_array().map(Vec::len), Some(4));
}

#[test]
fn the_local_day_is_the_users_day_across_a_clock_change() {
    let kith = Kith::new().with_people();
    let run =
        |at: &str| kith.run(&["--tz", "America/New_York", "log", "Jo", "--mode", "voice", "--at", at]).ok();
    run("2026-03-07 23:30");
    run("2026-03-08 23:30");
    let json = kith.run(&["history", "--json"]).ok().json();
    let days: Vec<&str> = json["interactions"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|i| i["local_date"].as_str())
        .collect();
    assert_eq!(days, ["2026-03-07", "2026-03-08"]);
    assert_eq!(json["interactions"][1]["at"], "2026-03-08T23:30:00-04:00");
}

#[test]
fn at_half_past_midnight_the_day_is_still_the_evening_before() {
    let kith = Kith::new().with_people();
    let late = |args: &[&str]| {
        let mut all = vec!["--now", "2026-11-24T00:30:00Z"];
        all.extend_from_slice(args);
        kith.run(&all).ok()
    };
    let logged = late(&["log", "Sam", "--mode", "voice", "--at", "23:30", "--json"]).json();
    assert_eq!(logged["at"], "2026-11-23T23:30:00+00:00", "a bare time still to come today was last night");
    late(&["log", "Priya", "--mode", "voice", "--at", "00:10"]);
    let checkin =
        late(&["checkin", "--energy", "3", "--mood", "3", "--stress", "2", "--capacity", "3", "--json"]);
    assert_eq!(checkin.json()["date"], "2026-11-23", "the check-in is for Monday evening");
    let today = late(&["today", "--json"]).json();
    assert_eq!(today["one_a_day"]["date"], "2026-11-23");
    assert_eq!(today["one_a_day"]["today_done"], true);
    let next_morning = kith.run(&["--now", "2026-11-24T09:00:00Z", "today", "--json"]).ok().json();
    assert_eq!(next_morning["one_a_day"]["date"], "2026-11-24");
    assert_eq!(next_morning["one_a_day"]["today_done"], false, "the 00:10 call was Monday's");
}

#[test]
fn people_can_be_edited_archived_and_merged() {
    let kith = Kith::new().with_people();
    kith.run(&["person", "add", "Samuel", "--circle", "other"]).ok();
    kith.run(&["log", "Samuel", "--mode", "voice"]).ok();
    kith.run(&["person", "edit", "Jo", "--name", "Joanna", "--cadence", "7", "--alias", "jo@example.org"])
        .ok();
    let before = kith.snapshot();
    let asked = kith.run(&["person", "merge", "Samuel", "Sam Lee"]);
    assert_eq!(asked.code, 2, "without a terminal to ask on, it needs --yes: {}", asked.stderr);
    assert!(asked.stderr.contains("--yes") && asked.stderr.contains("cannot be undone"), "{}", asked.stderr);
    assert_eq!(kith.snapshot(), before, "nothing was merged");
    let merged = kith.run(&["person", "merge", "Samuel", "Sam Lee", "--yes"]).ok();
    assert!(merged.stdout.contains("1 interactions"), "{}", merged.stdout);
    kith.run(&["person", "archive", "Priya"]).ok();

    let list = kith.run(&["person", "list", "--json"]).ok().json();
    let names: Vec<&str> =
        list["people"].as_array().expect("list").iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["Joanna", "Sam Lee"]);
    let sam = kith.run(&["person", "show", "samuel", "--json"]).ok().json();
    assert_eq!(sam["name"], "Sam Lee", "the merged name is now an alias");
    assert_eq!(sam["interactions"], 1);
    let jo = kith.run(&["person", "show", "jo@example.org", "--json"]).ok().json();
    assert_eq!((jo["name"].as_str(), jo["cadence_days"].as_i64()), (Some("Joanna"), Some(7)));
    let all = kith.run(&["person", "list", "--archived", "--json"]).ok().json();
    assert_eq!(all["people"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_checkin_a_day_and_replace_to_change_it() {
    let kith = Kith::new();
    let first = kith
        .run(&[
            "checkin",
            "--energy",
            "2",
            "--mood",
            "3",
            "--stress",
            "4",
            "--capacity",
            "1",
            "--alone",
            "120",
            "--restored",
            "no",
            "--affected",
            "sleep,motivation",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(first["date"], "2026-11-23");
    assert_eq!(first["affected"], serde_json::json!(["sleep", "motivation"]));
    let again = kith.run(&["checkin", "--energy", "4", "--mood", "4", "--stress", "2", "--capacity", "4"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("--replace"), "{}", again.stderr);
    kith.run(&["checkin", "--energy", "4", "--mood", "4", "--stress", "2", "--capacity", "4", "--replace"])
        .ok();
    kith.run(&[
        "checkin",
        "--energy",
        "3",
        "--mood",
        "3",
        "--stress",
        "3",
        "--capacity",
        "3",
        "--date",
        "yesterday",
    ])
    .ok();
    let doc = kith.snapshot();
    let checkins = doc["checkins"].as_array().expect("list");
    assert_eq!(checkins.len(), 2);
    assert_eq!(checkins[1]["energy"], 4);
}

#[test]
fn completions_are_printed_for_each_shell() {
    let kith = Kith::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = kith.run(&["completions", shell]).ok();
        assert!(out.stdout.contains("checkin"), "{shell} completions mention the commands");
    }
    assert!(!kith.db.exists(), "printing completions touches no database");
}

#[test]
fn the_database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let kith = Kith::new();
    kith.run(&["person", "add", "Sam"]).ok();
    let mode = std::fs::metadata(&kith.db).expect("db exists").permissions().mode();
    assert_eq!(mode & 0o077, 0, "mode {mode:o}");
}

#[test]
fn without_a_db_flag_the_data_goes_to_the_xdg_data_folder() {
    let kith = Kith::new();
    let data = kith.dir().join("data");
    let out = kith
        .cmd(&["person", "add", "Sam"])
        .env_remove("KITH_DB")
        .env("XDG_DATA_HOME", &data)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(data.join("kith/kith.db").exists());
}

#[test]
fn checkin_on_a_terminal_asks_each_question_until_the_answer_fits() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: `script` (util-linux) is needed to give kith a terminal");
        return;
    }
    use std::io::Write;
    let kith = Kith::new();
    let binary = env!("CARGO_BIN_EXE_kith");
    let mut child = kith
        .program("script", &["-qec", &format!("{binary} checkin"), "/dev/null"])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script runs");
    // Mood 9 is refused and asked again; alone time and note are skipped.
    let answers = "9\n3\n1\n2\n4\n\nno\nsleep\n\n";
    child.stdin.take().expect("stdin").write_all(answers.as_bytes()).expect("answer");
    let out = child.wait_with_output().expect("finishes");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("1 (low) to 5 (high)"), "the bad mood was explained: {shown}");
    let doc = kith.snapshot();
    let c = &doc["checkins"][0];
    assert_eq!(
        (c["energy"].as_i64(), c["mood"].as_i64(), c["stress"].as_i64(), c["capacity"].as_i64()),
        (Some(2), Some(3), Some(4), Some(1))
    );
    assert_eq!(c["alone"]["restored"], false);
    assert_eq!(c["affected"]["sleep"], true);

    // Again the same day: asked first whether to replace it, before any question.
    let again = |answers: &str| {
        let mut child = kith
            .program("script", &["-qec", &format!("{binary} checkin"), "/dev/null"])
            .env("TERM", "dumb")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("script runs");
        child.stdin.take().expect("stdin").write_all(answers.as_bytes()).expect("answer");
        let out = child.wait_with_output().expect("finishes");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let kept = again("n\n");
    assert!(kept.contains("Replace that check-in?") && kept.contains("nothing changed"), "{kept}");
    assert!(!kept.contains("Mood,"), "no question was asked: {kept}");
    assert_eq!(kith.snapshot()["checkins"], doc["checkins"]);
    let replaced = again("y\n5\n5\n5\n1\n\nyes\n\n\n");
    assert!(replaced.contains("checked in for"), "{replaced}");
    let now = kith.snapshot();
    assert_eq!(now["checkins"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        (now["checkins"][0]["energy"].as_i64(), now["checkins"][0]["capacity"].as_i64()),
        (Some(5), Some(5))
    );
    // Asked and left empty, "anything affected" means nothing was: answered, not skipped.
    assert_eq!(now["checkins"][0]["affected"]["sleep"], false, "{}", now["checkins"][0]);
}

#[test]
fn a_quick_checkin_needs_only_mood_and_the_social_battery() {
    let kith = Kith::new();
    let out = kith.run(&["checkin", "--mood", "4", "--capacity", "2", "--json"]).ok();
    let c = out.json();
    assert_eq!((c["mood"].as_i64(), c["capacity"].as_i64()), (Some(4), Some(2)));
    assert!(c["energy"].is_null() && c["stress"].is_null(), "{c}");
    assert!(c["affected"].is_null(), "not asked is not 'nothing affected': {c}");
    let saved = &kith.snapshot()["checkins"][0];
    assert!(saved["energy"].is_null() && saved["affected"].is_null(), "{saved}");

    // Saying "none" is an answer.
    let answered = kith
        .run(&["checkin", "--mood", "4", "--capacity", "2", "--affected", "none", "--replace", "--json"])
        .ok()
        .json();
    assert_eq!(answered["affected"], serde_json::json!([]));
}

#[test]
fn checkin_quick_on_a_terminal_asks_two_questions() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: `script` (util-linux) is needed to give kith a terminal");
        return;
    }
    use std::io::Write;
    let kith = Kith::new();
    let binary = env!("CARGO_BIN_EXE_kith");
    let mut child = kith
        .program("script", &["-qec", &format!("{binary} checkin --quick"), "/dev/null"])
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script runs");
    child.stdin.take().expect("stdin").write_all(b"2\n1\n").expect("answer");
    let out = child.wait_with_output().expect("finishes");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && shown.contains("checked in for"), "{shown}");
    assert!(!shown.contains("Energy") && !shown.contains("alone"), "only two questions: {shown}");
    let c = &kith.snapshot()["checkins"][0];
    assert_eq!((c["mood"].as_i64(), c["capacity"].as_i64()), (Some(2), Some(1)));
    assert!(c["energy"].is_null() && c["affected"].is_null(), "{c}");
}

#[test]
fn a_week_of_connections_is_acknowledged_by_kith_log_once() {
    let kith = Kith::new().with_people();
    for day in ["-7d", "-6d", "-5d", "-4d", "-2d", "-1d"] {
        let out = kith.run(&["log", "Sam", "--mode", "voice", "--at", day]).ok().stdout;
        assert!(!out.contains("days running"), "{out}");
    }
    // A trivial contact does not fill the quiet day.
    kith.run(&["log", "Priya", "--mode", "text", "--at", "-3d", "--trivial"]).ok();
    let out = kith.run(&["log", "Jo", "--mode", "in_person", "--json"]).ok().json();
    assert_eq!(
        out["one_a_day_milestone"],
        "That makes 7 days running with a meaningful connection, one quiet day forgiven. Every one counted, however small.",
        "six days counted and day 3 forgiven, then today"
    );
    let again = kith.run(&["log", "Sam", "--mode", "text"]).ok().stdout;
    assert!(!again.contains("days running"), "said once: {again}");
}

#[test]
fn modes_and_times_are_taken_in_the_words_people_use() {
    // Now is Monday 2026-11-23 14:00 in London.
    let kith = Kith::new().with_people();
    kith.run(&["log", "Sam Lee", "--mode", "call", "--at", "7pm"]).ok();
    kith.run(&["log", "Priya", "--mode", "irl", "--at", "last night"]).ok();
    kith.run(&["log", "Jo", "--mode", "SMS", "--at", "2 hours ago"]).ok();
    kith.run(&["plan", "add", "Sam Lee", "--at", "next friday 7pm", "--mode", "zoom"]).ok();
    kith.run(&["plan", "add", "Priya", "--at", "in 3 days", "--mode", "facetime"]).ok();
    let doc = kith.snapshot();
    let rows = |what: &str, at: &str| -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = doc[what]
            .as_array()
            .expect("a list")
            .iter()
            .map(|r| (r[at].as_str().unwrap_or("").to_owned(), r["mode"].as_str().unwrap_or("").to_owned()))
            .collect();
        rows.sort();
        rows
    };
    let row = |at: &str, mode: &str| (at.to_owned(), mode.to_owned());
    assert_eq!(
        rows("interactions", "at"),
        [
            row("2026-11-22T19:00:00+00:00", "voice"),
            row("2026-11-22T21:00:00+00:00", "in_person"),
            row("2026-11-23T12:00:00+00:00", "text")
        ]
    );
    assert_eq!(
        rows("plans", "start"),
        [row("2026-11-26T14:00:00+00:00", "video"), row("2026-11-27T19:00:00+00:00", "video")]
    );
    let refused = kith.run(&["log", "Sam Lee", "--mode", "call", "--at", "whenever"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("\"7pm\"") && refused.stderr.contains("\"2 hours ago\""),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_person_shows_who_reached_out_first_where_it_was_noted() {
    let kith = Kith::new().with_people();
    let quiet = kith.run(&["person", "show", "Sam Lee"]).ok().stdout;
    assert!(!quiet.contains("reached out first"), "nothing noted, nothing said: {quiet}");
    for (by, at) in [("me", "-2d"), ("me", "-9d"), ("them", "-20d")] {
        kith.run(&["log", "Sam Lee", "--mode", "text", "--by", by, "--at", at]).ok();
    }
    let text = kith.run(&["person", "show", "Sam Lee"]).ok().stdout;
    assert!(text.contains("Over the last 90 days you reached out first twice, Sam Lee once."), "{text}");
    let json = kith.run(&["person", "show", "Sam Lee", "--json"]).ok().json();
    assert_eq!(json["reached_out_first"], serde_json::json!({"days": 90, "me_first": 2, "them_first": 1}));
}

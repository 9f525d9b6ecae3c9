//! The ladder through the real binary: a step added, predicted, tried and celebrated,
//! logged as an interaction, reported, exported and imported back.

use crate::support::Kith;
use serde_json::Value;

fn add_call_sam(kith: &Kith) -> String {
    let step = kith
        .run(&[
            "step",
            "add",
            "Call Sam for ten minutes",
            "--difficulty",
            "4",
            "--person",
            "sam",
            "--mode",
            "voice",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(step["person"]["name"], "Sam Lee");
    assert_eq!((step["difficulty"].as_i64(), step["mode"].as_str()), (Some(4), Some("voice")));
    step["short_id"].as_str().expect("a short id").to_owned()
}

fn interactions(kith: &Kith) -> Vec<Value> {
    kith.run(&["history", "--json"]).ok().json()["interactions"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_step_is_tried_from_prediction_to_outcome_and_logged_as_time_with_sam() {
    let kith = Kith::new().with_people();
    kith.run(&["step", "add", "Chat with a cashier", "--difficulty", "1"]).ok();
    let id = add_call_sam(&kith);

    let list = kith.run(&["step", "list", "--json"]).ok().json();
    assert_eq!(list["steps"][0]["title"], "Chat with a cashier", "easiest first");
    assert_eq!(list["steps"][0]["is_next"], true);

    let before = kith
        .run(&[
            "step",
            "try",
            &id,
            "--anxiety",
            "8",
            "--expect",
            "3",
            "--fear",
            "he will be busy and annoyed",
            "--before",
            "anxious,hopeful",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(before["phase"], "predicted");
    assert_eq!(before["attempt"]["outcome"], "open");
    assert_eq!(before["attempt"]["predicted_anxiety"], 8);
    assert_eq!(before["attempt"]["emotions_before"], serde_json::json!(["anxious", "hopeful"]));
    assert!(before["interaction"].is_null());
    assert!(interactions(&kith).is_empty(), "nothing is logged before the step happens");
    let waiting = kith.run(&["step", "list", "--json"]).ok().json();
    assert_eq!(waiting["steps"][1]["open_attempt_id"], before["attempt"]["id"]);

    let after = kith
        .run(&[
            "step",
            "try",
            &id,
            "--felt-anxiety",
            "3",
            "--went",
            "8",
            "--felt",
            "+1",
            "--happened",
            "he was glad I called",
            "--after",
            "relieved, warm",
            "--minutes",
            "25",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(after["phase"], "done");
    assert_eq!(after["attempt"]["id"], before["attempt"]["id"], "the same try, completed");
    assert_eq!(
        (after["attempt"]["felt_anxiety"].as_i64(), after["attempt"]["went"].as_i64()),
        (Some(3), Some(8))
    );
    assert_eq!(after["state"], "comfortable");
    let message = after["message"].as_str().expect("words");
    assert!(
        message.starts_with("You did it: Call Sam for ten minutes. It went better than you expected."),
        "{message}"
    );

    let logged = interactions(&kith);
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0]["id"], after["interaction"]["id"]);
    assert_eq!(after["attempt"]["interaction_id"], logged[0]["id"]);
    assert_eq!((logged[0]["mode"].as_str(), logged[0]["minutes"].as_i64()), (Some("voice"), Some(25)));
    assert_eq!(
        (logged[0]["people"][0]["name"].as_str(), logged[0]["felt"].as_i64()),
        (Some("Sam Lee"), Some(1))
    );

    let report = kith.run(&["step", "report", "--json"]).ok().json();
    assert_eq!((report["done"].as_i64(), report["better"].as_i64()), (Some(1), Some(1)));
    assert_eq!(
        report["text"],
        "In 1 of 1 step it went better than you expected. On average you expected anxiety of 8.0 out of 10 and felt 3.0."
    );

    // A week later, again.
    let later = |args: &[&str]| {
        let out = kith.cmd(args).env("KITH_NOW", "2026-11-30T14:00:00Z").output().expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    later(&["step", "try", &id, "--anxiety", "4"]);
    let text = later(&["step", "try", &id, "--felt-anxiety", "2"]);
    assert!(text.contains("this step looks mastered"), "{text}");
    assert!(text.contains("logged voice call with Sam Lee"), "{text}");
    assert!(text.contains("That makes 2 weeks in a row with a step taken."), "a streak reached: {text}");
}

#[test]
fn a_step_let_go_is_kept_without_judgement_and_logs_nothing() {
    let kith = Kith::new().with_people();
    kith.run(&["step", "add", "Wave to a neighbour", "--difficulty", "2"]).ok();
    let id = add_call_sam(&kith);
    kith.run(&["step", "try", &id, "--anxiety", "9"]).ok();
    let out = kith.run(&["step", "try", &id, "--not-this-time", "--json"]).ok().json();
    assert_eq!(
        (out["phase"].as_str(), out["attempt"]["outcome"].as_str()),
        (Some("not_this_time"), Some("not_this_time"))
    );
    let message = out["message"].as_str().expect("words");
    assert!(message.starts_with("Not this time, and that is all right."), "{message}");
    assert!(message.contains("A smaller step could come first: Wave to a neighbour."), "{message}");
    assert!(interactions(&kith).is_empty());
    let list = kith.run(&["step", "list", "--json"]).ok().json();
    assert_eq!(list["steps"][1]["let_go"], 1);
}

#[test]
fn bad_ladder_input_names_the_flag_and_changes_nothing() {
    let kith = Kith::new().with_people();
    let id = add_call_sam(&kith);
    let cases: [(&[&str], &str); 6] = [
        (&["step", "add", "Too hard", "--difficulty", "11"], "invalid --difficulty \"11\""),
        (&["step", "try", &id, "--felt-anxiety", "2"], "has no prediction waiting"),
        (&["step", "try", &id, "--anxiety", "5", "--felt-anxiety", "12"], "invalid --felt-anxiety \"12\""),
        (&["step", "try", &id, "--anxiety", "5", "--before", "meh"], "invalid --before \"meh\""),
        (&["step", "try", "ffffffff", "--anxiety", "5"], "no step has an id starting"),
        (&["step", "try", &id], "needs the prediction or the outcome"),
    ];
    let before = kith.snapshot();
    for (args, expected) in cases {
        let run = kith.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("hint:"), "{args:?}: {}", run.stderr);
    }
    assert_eq!(kith.snapshot(), before);
    kith.run(&["step", "try", &id, "--anxiety", "6"]).ok();
    let twice = kith.run(&["step", "try", &id, "--anxiety", "6"]);
    assert_eq!(twice.code, 2);
    assert!(twice.stderr.contains("already waiting"), "{}", twice.stderr);
    let hindsight = kith.run(&["step", "try", &id, "--felt-anxiety", "2", "--at", "yesterday 10:00"]);
    assert_eq!(hindsight.code, 2);
    assert!(hindsight.stderr.contains("before the prediction"), "{}", hindsight.stderr);
}

#[test]
fn the_starter_set_takes_your_people_and_a_merge_keeps_their_steps() {
    let kith = Kith::new().with_people();
    let out = kith.run(&["step", "starter", "--person", "Priya", "--json"]).ok().json();
    let steps = out["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 8);
    assert!(steps[0]["person"].is_null());
    assert_eq!(steps[1]["person"]["name"], "Priya");
    assert_eq!(steps[1]["title"], "Reply to one message from Priya you have been meaning to answer");

    let call = steps[4]["short_id"].as_str().expect("an id");
    let edited = kith.run(&["step", "edit", call, "--difficulty", "3", "--person", "Sam"]).ok().stdout;
    assert!(edited.contains("it feels easier now (3 instead of 5)"), "{edited}");
    let edited = kith.run(&["step", "edit", call, "--person", "none", "--json"]).ok().json();
    assert!(edited["person"].is_null());
    assert_eq!(edited["difficulty"], 3);
    assert_eq!(kith.run(&["step", "edit", call]).code, 2);

    kith.run(&["person", "merge", "Priya", "Jo", "--yes"]).ok();
    let list = kith.run(&["step", "list", "--json"]).ok().json();
    let with_jo =
        list["steps"].as_array().expect("steps").iter().filter(|s| s["person"]["name"] == "Jo").count();
    assert_eq!(with_jo, 4, "the call was edited to nobody in particular");
}

#[test]
fn thought_records_and_the_emotion_words_are_there_to_read() {
    let kith = Kith::new();
    let saved = kith
        .run(&[
            "thought",
            "add",
            "--situation",
            "Ana has not replied",
            "--thought",
            "she is tired of me",
            "--belief",
            "80",
            "--against",
            "she asked me out last week",
            "--kinder",
            "she is busy",
            "--belief-after",
            "35",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!((saved["belief"].as_i64(), saved["belief_after"].as_i64()), (Some(80), Some(35)));
    assert!(saved["evidence_for"].is_null());
    let text = kith
        .run(&[
            "thought",
            "add",
            "--situation",
            "x",
            "--thought",
            "y",
            "--belief",
            "50",
            "--belief-after",
            "20",
        ])
        .ok()
        .stdout;
    assert!(text.contains("loosened its grip by 30 points"), "{text}");
    let list = kith.run(&["thought", "list", "--json"]).ok().json();
    assert_eq!(list["thoughts"].as_array().map(Vec::len), Some(2));
    let bad = kith.run(&["thought", "add", "--situation", "x", "--thought", "y", "--belief", "101"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--belief"), "{}", bad.stderr);

    let words = kith.run(&["emotions", "--json"]).ok().json();
    let words = words["emotions"].as_array().expect("words");
    assert_eq!(words.len(), 32);
    assert!(words.iter().any(|w| w["word"] == "relieved" && w["pleasantness"] == 3 && w["energy"] == 2));
}

#[test]
fn on_a_terminal_a_try_asks_the_half_that_is_due() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping: `script` (util-linux) is needed to give kith a terminal");
        return;
    }
    use std::io::Write;
    let kith = Kith::new().with_people();
    let id = add_call_sam(&kith);
    let on_terminal = |answers: &str| {
        let command = format!("{} step try {id}", env!("CARGO_BIN_EXE_kith"));
        let mut child = kith
            .program("script", &["-qec", &command, "/dev/null"])
            .env("TERM", "dumb")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("script runs");
        child.stdin.take().expect("stdin").write_all(answers.as_bytes()).expect("answer");
        let out = child.wait_with_output().expect("finishes");
        let shown = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{shown}");
        shown
    };
    // Anxiety 11 is refused and asked again; the expectation is skipped.
    let shown = on_terminal("11\n7\n\nhe will not pick up\nanxious, uneasy\n");
    assert!(shown.contains("0 (calm) to 10 (extremely anxious)"), "the bad answer was explained: {shown}");
    assert!(shown.contains("noted: you expect anxiety of 7"), "{shown}");
    let shown = on_terminal("yes\n2\n8\n+1\nwe laughed\nrelieved\n");
    assert!(shown.contains("You did it: Call Sam for ten minutes."), "{shown}");

    let doc = kith.snapshot();
    let a = &doc["attempts"][0];
    assert_eq!((a["predicted_anxiety"].as_i64(), a["expected"].as_i64()), (Some(7), None));
    assert_eq!(a["fear"], "he will not pick up");
    assert_eq!(a["emotions_before"], serde_json::json!(["anxious", "uneasy"]));
    assert_eq!((a["outcome"]["felt_anxiety"].as_i64(), a["outcome"]["went"].as_i64()), (Some(2), Some(8)));
    assert_eq!(a["outcome"]["happened"], "we laughed");
    assert_eq!(doc["interactions"].as_array().map(Vec::len), Some(1));
}

#[test]
fn feelings_named_on_time_with_people_show_what_goes_with_pleasant_ones() {
    let kith = Kith::new().with_people();
    let logged = kith
        .run(&[
            "log",
            "sam",
            "--mode",
            "in_person",
            "--tag",
            "walk",
            "--before",
            "tired",
            "--after",
            "warm, calm",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(logged["emotions_before"], serde_json::json!(["tired"]));
    assert_eq!(logged["emotions_after"], serde_json::json!(["warm", "calm"]));
    kith.run(&["log", "jo", "--mode", "voice", "--after", "stressed"]).ok();
    kith.run(&["log", "priya", "--mode", "voice"]).ok();
    let bad = kith.run(&["log", "sam", "--mode", "voice", "--after", "meh"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("invalid --after \"meh\""), "{}", bad.stderr);

    let day = kith
        .run(&[
            "checkin",
            "--energy",
            "2",
            "--mood",
            "3",
            "--stress",
            "3",
            "--capacity",
            "2",
            "--emotions",
            "flat",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(day["emotions"], serde_json::json!(["flat"]));

    let r = kith.run(&["emotions", "--report", "--json"]).ok().json();
    assert_eq!(r["by_person"][0]["named"], 1);
    let sam =
        r["by_person"].as_array().expect("people").iter().find(|p| p["person"]["name"] == "Sam Lee").cloned();
    assert_eq!(sam.map(|s| (s["named"].clone(), s["pleasant"].clone())), Some((1.into(), 1.into())));
    assert_eq!(
        r["by_mode"],
        serde_json::json!([{"key": "in_person", "named": 1, "pleasant": 1}, {"key": "voice", "named": 1, "pleasant": 0}])
    );
    assert_eq!(r["by_tag"], serde_json::json!([{"key": "walk", "named": 1, "pleasant": 1}]));
    let text = kith.run(&["emotions", "--report"]).ok().stdout;
    assert!(text.contains("Sam Lee: 1 of 1 times all pleasant afterwards"), "{text}");
}

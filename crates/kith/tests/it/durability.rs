//! Nothing confirmed is ever lost: writers killed mid-write leave a sound database with
//! every write that reported success, and two writers at once both succeed.

use crate::support::Kith;
use std::process::{Command, Stdio};
use std::time::Duration;

fn log_command(kith: &Kith, note: &str) -> Command {
    let mut cmd = kith.cmd(&["log", "Sam Lee", "--mode", "text", "--note", note]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

fn notes(kith: &Kith) -> Vec<String> {
    let doc = kith.snapshot();
    doc["interactions"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|i| i["note"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn killing_writers_mid_write_loses_nothing_confirmed() {
    let kith = Kith::new().with_people();
    // How long one write takes here, so the kills can be spread over its whole life.
    let started = std::time::Instant::now();
    assert!(log_command(&kith, "warm-up").status().expect("runs").success());
    let one_write = started.elapsed().as_micros() as u64;
    let mut confirmed = Vec::new();
    for round in 0..50u64 {
        let note = format!("write {round}");
        let mut child = log_command(&kith, &note).spawn().expect("spawn");
        // Kill at a different point of each write, from before the database is open to
        // after the commit: spread over one and a half times a write's usual length.
        std::thread::sleep(Duration::from_micros((round * 7919) % (one_write * 3 / 2).max(1)));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if status.success() {
            confirmed.push(note);
        }
    }
    let check = kith.run(&["db", "check"]).ok();
    assert_eq!(check.stdout.trim(), "ok", "{}", check.stderr);
    let kept = notes(&kith);
    for note in &confirmed {
        assert!(kept.contains(note), "{note:?} was confirmed but is gone");
    }
    let killed = 50 - confirmed.len();
    eprintln!("{} writes confirmed, {killed} killed; {} kept in all", confirmed.len(), kept.len());
    assert!(killed > 0, "no writer was killed mid-way, so this test tested nothing");
}

#[test]
fn two_writers_at_once_both_succeed() {
    let kith = Kith::new().with_people();
    let writer = |who: &'static str| {
        let kith = &kith;
        move || {
            (0..15)
                .map(|n| log_command(kith, &format!("{who} {n}")).status().expect("runs").success())
                .collect::<Vec<_>>()
        }
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(writer("a"));
        let b = s.spawn(writer("b"));
        (a.join().expect("writer a"), b.join().expect("writer b"))
    });
    assert!(a.iter().chain(&b).all(|ok| *ok), "every write succeeded: {a:?} {b:?}");
    assert_eq!(notes(&kith).len(), 30);
}

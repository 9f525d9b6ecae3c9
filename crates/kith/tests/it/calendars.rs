//! Calendars and contacts as their producers write them, through `kith import` and back out
//! through `kith export`: newer versions of events, rooms and placeholders, round trips,
//! encodings, and the files a preview or a failed import must not leave behind.

use crate::support::Kith;
use serde_json::Value;
use std::path::PathBuf;

fn write(kith: &Kith, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path: PathBuf = kith.dir().join(name);
    std::fs::write(&path, bytes).expect("write the file");
    path.to_str().expect("utf-8").to_owned()
}

fn names(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn plans(kith: &Kith) -> Vec<Value> {
    kith.snapshot()["plans"].as_array().expect("plans").clone()
}

/// A Google Calendar export: the owner's address as the calendar's name, CRLF, folded lines.
fn google(events: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n\
CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:me@example.com\r\nX-WR-TIMEZONE:Europe/London\r\n\
{events}END:VCALENDAR\r\n"
    )
}

const SAM: &str = "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Lee;X-NUM-GUE\r\n STS=0:mailto:sam@example.org\r\n";
const ME: &str = "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=me@example.com;X\r\n -NUM-GUESTS=0:mailto:me@example.com\r\n";

fn dinner(start: &str, sequence: u32, modified: &str, status: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nDTSTART:{start}\r\nDTEND:20261201T210000Z\r\nDTSTAMP:20261120T100000Z\r\n\
ORGANIZER;CN=me@example.com:mailto:me@example.com\r\nUID:dinner42@google.com\r\n{SAM}{ME}\
CREATED:20261101T100000Z\r\nLAST-MODIFIED:{modified}\r\nSEQUENCE:{sequence}\r\nSTATUS:{status}\r\n\
SUMMARY:Dinner\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n"
    )
}

fn lunch(modified: &str, status: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nDTSTART:20261203T120000Z\r\nDTEND:20261203T130000Z\r\nDTSTAMP:20261120T100000Z\r\n\
ORGANIZER;CN=Sam Lee:mailto:sam@example.org\r\nUID:lunch7@google.com\r\n{SAM}{ME}\
LAST-MODIFIED:{modified}\r\nSEQUENCE:0\r\nSTATUS:{status}\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\n"
    )
}

#[test]
fn a_newer_version_of_an_event_moves_or_cancels_its_plan_and_an_older_one_does_not() {
    let kith = Kith::new();
    let first = write(
        &kith,
        "v1.ics",
        google(&format!(
            "{}{}",
            dinner("20261201T190000Z", 0, "20261101T100000Z", "CONFIRMED"),
            lunch("20261101T100000Z", "CONFIRMED")
        )),
    );
    let out = kith.run(&["import", "ics", &first, "--create-people", "--json"]).ok().json();
    assert_eq!((out["plans"].as_u64(), out["updated"].as_u64()), (Some(2), Some(0)), "{out}");
    assert_eq!(names(&out["people"]["created"]), ["Sam Lee"], "the owner is not a person: {out}");

    // The dinner moved (SEQUENCE went up); Sam called lunch off (only LAST-MODIFIED changed).
    let second = write(
        &kith,
        "v2.ics",
        google(&format!(
            "{}{}",
            dinner("20261201T200000Z", 1, "20261110T100000Z", "CONFIRMED"),
            lunch("20261112T090000Z", "CANCELLED")
        )),
    );
    let out = kith.run(&["import", "ics", &second, "--json"]).ok().json();
    assert_eq!((out["plans"].as_u64(), out["updated"].as_u64()), (Some(0), Some(2)), "{out}");
    let text = kith.run(&["import", "ics", &first]).ok().stdout;
    assert!(!text.contains("updated"), "the older file changes nothing: {text}");
    let all = plans(&kith);
    let moved = all.iter().find(|p| p["note"] == "Dinner").expect("the dinner");
    assert_eq!(moved["start"], "2026-12-01T20:00:00+00:00");
    assert_eq!(moved["outcome"], "pending");
    let lunch = all.iter().find(|p| p["note"] == "Lunch").expect("the lunch");
    assert_eq!(lunch["outcome"], "cancelled_by_them", "Sam organised it");
    assert_eq!(lunch["outcome_at"], "2026-11-12T09:00:00Z");

    // I cancel my own dinner: by me, since I organised it.
    let third =
        write(&kith, "v3.ics", google(&dinner("20261201T200000Z", 2, "20261115T100000Z", "CANCELLED")));
    let out = kith.run(&["import", "ics", &third]).ok().stdout;
    assert!(out.contains("updated 1 plans"), "{out}");
    let called_off = plans(&kith).into_iter().find(|p| p["note"] == "Dinner").expect("the dinner");
    assert_eq!(called_off["outcome"], "cancelled_by_me");
}

#[test]
fn rooms_groups_the_owner_and_placeholders_never_become_people_and_a_meet_link_is_video() {
    let kith = Kith::new();
    let event = "BEGIN:VEVENT\r\nDTSTART:20261202T150000Z\r\nDTEND:20261202T160000Z\r\nDTSTAMP:20261120T100000Z\r\n\
ORGANIZER;CN=me@example.com:mailto:me@example.com\r\nUID:sync9@google.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Ana Ng;X-NUM-GUESTS=0:mailto:ana@example.org\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;X-NUM-GUESTS=0:mailto:kai@example.org\r\n\
ATTENDEE;CUTYPE=ROOM;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 4 (6);X-NUM-GUESTS=0:mailto:c_1889@resource.calendar.google.com\r\n\
ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT;CN=Projector:mailto:projector@example.com\r\n\
ATTENDEE;CUTYPE=GROUP;ROLE=REQ-PARTICIPANT;CN=Book club:mailto:bookclub@example.org\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=Family:mailto:family123@group.calendar.google.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;CN=Calendar:mailto:noreply@example.com\r\n\
ATTENDEE;ROLE=REQ-PARTICIPANT:invalid:nomail\r\n{ME}\
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\nSUMMARY:Catch-up\r\n\
DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\r\nSEQUENCE:0\r\nEND:VEVENT\r\n"
        .replace("{ME}", ME);
    let file = write(&kith, "cal.ics", google(&event));
    let out = kith.run(&["import", "ics", &file, "--create-people", "--json"]).ok().json();
    assert_eq!(names(&out["people"]["created"]), ["Ana Ng", "kai@example.org"], "{out}");
    let plan = &plans(&kith)[0];
    assert_eq!(plan["mode"], "video");
    assert_eq!(plan["people"].as_array().map(Vec::len), Some(2));
}

#[test]
fn exported_plans_come_back_with_their_time_mode_outcome_and_note() {
    let kith = Kith::new().with_people();
    kith.run(&[
        "plan",
        "add",
        "Sam Lee",
        "--at",
        "2026-11-20T18:00:00Z",
        "--mode",
        "in_person",
        "--note",
        "Pizza; then a walk",
    ])
    .ok();
    kith.run(&["plan", "add", "Priya", "--at", "2026-11-25T09:30:00Z", "--mode", "video"]).ok();
    kith.run(&[
        "plan",
        "add",
        "Sam Lee,Jo",
        "--at",
        "2026-11-28T12:00:00Z",
        "--mode",
        "voice",
        "--note",
        "Call",
    ])
    .ok();
    let ids: Vec<String> = plans(&kith).iter().map(|p| p["id"].as_str().expect("id").to_owned()).collect();
    kith.run(&["plan", "done", &ids[0]]).ok();
    kith.run(&["plan", "cancel", &ids[2], "--by", "me"]).ok();
    let exported = write(&kith, "plans.ics", kith.run(&["export", "ics"]).ok().stdout);

    let other = Kith::new();
    let out = other.run(&["import", "ics", &exported, "--create-people", "--json"]).ok().json();
    assert_eq!(out["plans"], 3, "{out}");
    let view = |k: &Kith| -> Vec<(Value, Value, Value, Value)> {
        plans(k)
            .into_iter()
            .map(|p| (p["start"].clone(), p["mode"].clone(), p["outcome"].clone(), p["note"].clone()))
            .collect()
    };
    assert_eq!(view(&other), view(&kith));
    let again = kith.run(&["import", "ics", &exported, "--json"]).ok().json();
    assert_eq!((again["plans"].as_u64(), again["already_present"].as_u64()), (Some(0), Some(3)), "{again}");
}

#[test]
fn exported_people_come_back_with_their_circle_cadence_note_and_aliases() {
    let kith = Kith::new();
    kith.run(&[
        "person",
        "add",
        "Sam Lee",
        "--circle",
        "friend",
        "--cadence",
        "14",
        "--alias",
        "+44 7700 900123",
        "--alias",
        "sam@example.org",
        "--alias",
        "Sammy",
        "--note",
        "Met at choir; likes, commas",
    ])
    .ok();
    kith.run(&["person", "add", "Priya", "--circle", "family", "--alias", "Pri (WhatsApp)"]).ok();
    let exported = write(&kith, "people.vcf", kith.run(&["export", "vcf"]).ok().stdout);
    let other = Kith::new();
    other.run(&["import", "vcf", &exported]).ok();
    let view = |k: &Kith| -> Vec<Value> {
        k.snapshot()["people"]
            .as_array()
            .expect("people")
            .iter()
            .map(|p| {
                let mut p = p.clone();
                let o = p.as_object_mut().expect("a person");
                for volatile in ["id", "created_at"] {
                    o.remove(volatile);
                }
                p
            })
            .collect()
    };
    assert_eq!(view(&other), view(&kith));
}

#[test]
fn contacts_merge_only_when_their_names_agree_and_every_merge_is_reported() {
    let kith = Kith::new();
    // As Outlook writes vCard 2.1: a person, their workplace on the same number, and the same
    // person again on a second card.
    let cards = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Sam\r\nFN:Sam Lee\r\nTEL;WORK;VOICE:+44 20 7946 0000\r\n\
EMAIL;PREF;INTERNET:sam@example.org\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nFN:ACME Ltd\r\nORG:ACME Ltd\r\nTEL;WORK;VOICE:+44 20 7946 0000\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Sam\r\nFN:Sam Lee\r\nTEL;CELL;VOICE:+44 7700 900123\r\n\
BDAY:--0415\r\nEND:VCARD\r\n";
    let file = write(&kith, "outlook.vcf", cards);
    let run = kith.run(&["import", "vcf", &file, "--json"]).ok();
    let out = run.json();
    assert_eq!(names(&out["people"]["created"]), ["ACME Ltd", "Sam Lee"], "{out}");
    assert_eq!(out["merges"][0]["record"], 3, "{out}");
    assert_eq!(out["merges"][0]["into"], "Sam Lee");
    assert_eq!(out["merges"][0]["with_record"], 1);
    assert_eq!(out["merges"].as_array().map(Vec::len), Some(1));
    let text = kith.run(&["import", "vcf", &file]).ok().stdout;
    assert!(text.contains("merged:") && text.contains("record 3 (Sam Lee) into Sam Lee"), "{text}");
    let doc = kith.snapshot();
    assert_eq!(doc["birthdays"][0]["date"], "--04-15", "the year stays unknown: {}", doc["birthdays"]);
    let vcf = kith.run(&["export", "vcf"]).ok().stdout;
    assert!(vcf.contains("BDAY:--0415"), "{vcf}");
}

#[test]
fn every_encoding_of_a_file_imports_the_same() {
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nTEL:+49 170 1234567\r\nEND:VCARD\r\n";
    let mut le = vec![0xff, 0xfe];
    le.extend(card.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(card.encode_utf16().flat_map(u16::to_be_bytes));
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(card.as_bytes());
    // vCard 2.1 as old phones write it: Latin-1 bytes and no CHARSET.
    let latin1 = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:M\xfcller;J\xfcrgen\r\nFN:J\xfcrgen M\xfcller\r\nTEL;CELL:+49 170 1234567\r\nEND:VCARD\r\n";
    for (name, bytes) in [("le.vcf", le), ("be.vcf", be), ("bom.vcf", bom), ("latin1.vcf", latin1.to_vec())] {
        let kith = Kith::new();
        let file = write(&kith, name, bytes);
        let out = kith.run(&["import", "vcf", &file, "--json"]).ok().json();
        assert_eq!(names(&out["people"]["created"]), ["Jürgen Müller"], "{name}: {out}");
    }
    // A calendar in UTF-16 too, as Windows tools save it.
    let kith = Kith::new().with_people();
    let cal = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u16\r\nDTSTART:20261201T120000Z\r\n\
SUMMARY:Lunch with Sam Lee\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut wide = vec![0xff, 0xfe];
    wide.extend(cal.encode_utf16().flat_map(u16::to_le_bytes));
    let file = write(&kith, "wide.ics", wide);
    assert_eq!(kith.run(&["import", "ics", &file, "--json"]).ok().json()["plans"], 1);
}

#[test]
fn a_preview_or_a_failed_import_leaves_no_database_file() {
    let kith = Kith::new();
    let good = write(&kith, "ok.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee\r\nEND:VCARD\r\n");
    let bad = write(&kith, "cut.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee\r\n");
    kith.run(&["import", "vcf", &good, "--dry-run"]).ok();
    assert!(!kith.db.exists(), "a dry run created {}", kith.db.display());
    let run = kith.run(&["import", "vcf", &bad]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!kith.db.exists(), "a failed import created {}", kith.db.display());
    kith.run(&["import", "vcf", &good]).ok();
    assert!(kith.db.exists());
}

#[test]
fn old_occurrences_are_counted_and_unknown_zones_warned_about_in_words() {
    let kith = Kith::new().with_people();
    let cal = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:weekly\r\nDTSTART:20240101T100000Z\r\n\
RRULE:FREQ=MONTHLY;COUNT=40\r\nSUMMARY:Brunch with Priya\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:far\r\nDTSTART;TZID=Nowhere Standard Time:20261201T120000\r\nSUMMARY:Walk with Jo\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:bad\r\nDTSTART:tomorrow\r\nSUMMARY:Walk with Jo\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let file = write(&kith, "cal.ics", cal);
    let out = kith.run(&["import", "ics", &file, "--json"]).ok().json();
    // Monthly from January 2024 to April 2027: 23 before 2025-11-23, 3 after 2027-01-22.
    assert_eq!(out["outside_window"], 26, "{out}");
    assert_eq!(out["plans"], 15, "{out}");
    assert!(
        out["warnings"][0]["reason"].as_str().is_some_and(|r| r.contains("Nowhere Standard Time")),
        "{out}"
    );
    for s in out["skipped"].as_array().expect("skipped") {
        let reason = s["reason"].as_str().expect("a reason");
        assert!(!reason.contains(['{', '(', ':']) || reason.contains("DTSTART"), "debug text: {reason}");
    }
    let text = kith.run(&["import", "ics", &file]).ok().stdout;
    assert!(text.contains("26 occurrences") && text.contains("warning:"), "{text}");
    let jo = plans(&kith).into_iter().find(|p| p["note"] == "Walk with Jo").expect("the walk");
    assert_eq!(jo["start"], "2026-12-01T12:00:00+00:00", "read in --tz (London), as the warning says");
}

#[test]
fn a_csv_export_neutralises_formulas_but_keeps_numbers() {
    let kith = Kith::new().with_people();
    kith.run(&["log", "Sam Lee", "--mode", "voice", "--felt", "-1", "--note", "=HYPERLINK(\"http://x\")"])
        .ok();
    kith.run(&["log", "Jo", "--mode", "text", "--note", "+1 for the plan"]).ok();
    let csv = kith.run(&["export", "csv"]).ok().stdout;
    let rows = kith_import::write::read_csv(&csv);
    let note = rows[0].iter().position(|c| c == "note").expect("a note column");
    let felt = rows[0].iter().position(|c| c == "felt").expect("a felt column");
    let mut notes: Vec<&str> = rows[1..].iter().map(|r| r[note].as_str()).collect();
    notes.sort_unstable();
    assert_eq!(notes, ["'+1 for the plan", "'=HYPERLINK(\"http://x\")"]);
    assert!(rows[1..].iter().any(|r| r[felt] == "-1"), "{csv}");
}

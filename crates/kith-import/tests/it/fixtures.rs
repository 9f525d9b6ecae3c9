//! Our own small fixtures: the cases the real-world samples lack (SOURCES.md "Gaps").

use jiff::tz::TimeZone;
use kith_import::{Direction, Place, ics, sms, vcf, whatsapp};

fn read(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_whatsapp_export_with_narrow_spaces_and_direction_marks_reads_cleanly() {
    let tz = TimeZone::get("Europe/London").expect("zone");
    let mut chat = whatsapp::parse(&read("whatsapp-ios-narrow-nbsp.txt"), None, &tz).expect("parses");
    assert_eq!(chat.order, whatsapp::DateOrder::Dmy);
    assert_eq!(chat.log.senders(), ["Sam Lee", "Me"]);
    chat.log.settle("Me");
    assert_eq!(chat.log.members, ["Sam Lee"]);
    assert_eq!(chat.log.name, "Sam Lee");
    assert_eq!(chat.log.messages[0].at.to_string(), "2026-11-02T21:05:12Z");
    assert_eq!(chat.log.messages[1].direction, Direction::Me);
}

#[test]
fn sms_surrogate_references_decode_and_lone_halves_do_not_stop_the_import() {
    let backup = sms::parse(read("sms-surrogates.xml").as_bytes()).expect("parses");
    assert_eq!(backup.logs.len(), 1);
    assert_eq!(backup.logs[0].name, "Sam Lee \u{1F600}");
    assert_eq!(backup.logs[0].messages.len(), 3);
    assert_eq!(backup.skipped[0].at, Place::Record(4));
}

#[test]
fn two_cards_for_one_person_both_survive_parsing_for_the_merge() {
    let cards = vcf::parse(&read("contacts.vcf")).expect("parses");
    let names: Vec<&str> = cards.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Jürgen Müller", "Sam Lee", "Sam Lee"]);
    assert_eq!(cards.skipped[0].at, Place::Record(4));
}

#[test]
fn a_weekly_series_keeps_its_cancelled_override_and_drops_its_exdate() {
    let now = "2026-11-23T14:00:00Z".parse().expect("valid");
    let events =
        ics::parse(&read("calendar.ics"), "Europe/London", ics::Window::around(now)).expect("parses");
    let choir: Vec<&ics::Event> = events.events.iter().filter(|e| e.key.starts_with("choir@")).collect();
    assert_eq!(choir.len(), 6);
    assert_eq!(choir.iter().filter(|e| e.cancelled).count(), 1);
    assert!(choir.iter().all(|e| e.minutes == Some(120)));
}

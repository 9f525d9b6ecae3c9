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

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn whatsapp_call_lines_become_calls_and_not_messages() {
    let mut chat =
        whatsapp::parse(&read("whatsapp-android-calls.txt"), None, &TimeZone::UTC).expect("parses");
    chat.log.settle("Alex");
    let calls: Vec<(bool, Option<i64>, bool, bool)> =
        chat.log.calls.iter().map(|c| (c.video, c.seconds, c.missed, c.direction == Direction::Me)).collect();
    assert_eq!(
        calls,
        [
            (false, None, true, false),
            (false, Some(720), false, true),
            (true, Some(180), false, false),
            (true, None, true, true)
        ]
    );
    // "Video call tomorrow?" is a message that only starts like a call.
    assert_eq!(chat.log.messages.len(), 3);
}

#[test]
fn an_ios_zip_holds_its_chat_as_chat_txt() {
    let text =
        kith_import::archive::whatsapp_chat(&bytes("whatsapp-ios-chat.zip"), "WhatsApp").expect("unzips");
    let chat =
        whatsapp::parse(&String::from_utf8(text).expect("utf-8"), None, &TimeZone::UTC).expect("parses");
    assert_eq!(chat.log.calls.len(), 2);
    assert_eq!(chat.log.calls[0].seconds, Some(3720));
    assert!(chat.log.calls[1].missed);
    assert_eq!(chat.log.messages.len(), 3);
    let err = kith_import::archive::whatsapp_chat(&bytes("google-chat-takeout.zip"), "WhatsApp")
        .expect_err("no chat");
    assert!(err.to_string().contains("_chat.txt"), "{err}");
}

#[test]
fn telegram_phone_calls_are_calls_with_their_durations() {
    let got = kith_import::telegram::parse(&read("telegram-calls.json"), &TimeZone::UTC).expect("parses");
    let calls = &got.logs[0].calls;
    assert_eq!(calls.len(), 3);
    assert_eq!(
        (calls[0].direction.clone(), calls[0].seconds, calls[0].missed),
        (Direction::Me, Some(754), false)
    );
    assert_eq!((calls[1].direction.clone(), calls[1].missed), (Direction::From("Sam Lee".into()), true));
    assert!(calls[2].missed, "busy is not answered");
    assert_eq!(got.logs[0].messages.len(), 1);
}

#[test]
fn a_messenger_export_is_repaired_and_knows_who_you_are_from_its_title() {
    let c = kith_import::messenger::parse(&read("messenger-message_1.json")).expect("parses");
    assert_eq!(c.log.name, "Renée Okafor");
    assert_eq!(c.log.members, ["Renée Okafor"]);
    assert_eq!(c.log.messages.len(), 2);
    assert_eq!(c.log.calls.len(), 2);
    assert_eq!(c.skipped.len(), 1, "the unsent message");
}

#[test]
fn google_chat_and_voice_pages_read_their_people_times_and_calls() {
    let c = kith_import::google_chat::parse(&read("google-chat-messages.json"), None, None, None)
        .expect("parses");
    assert_eq!(c.log.key, "dmAAAA");
    assert_eq!(c.log.messages[1].at.to_string(), "2026-11-12T09:30:05Z");
    assert_eq!(c.log.senders(), ["sam@example.org", "alex@example.org"]);
    let missed = kith_import::google_voice::parse(&read("google-voice-missed.html"), 1).expect("parses");
    let kith_import::google_voice::Record::Call(call) = missed else { panic!("a call: {missed:?}") };
    assert_eq!((call.number.as_str(), call.kind), ("+447700900123", sms::CallKind::Missed));
    let text = kith_import::google_voice::parse(&read("google-voice-text.html"), 2).expect("parses");
    let kith_import::google_voice::Record::Thread(log) = text else { panic!("a thread: {text:?}") };
    assert_eq!((log.name.as_str(), log.members.len(), log.messages.len()), ("Sam Lee", 1, 2));
    assert_eq!(log.messages[1].direction, Direction::Me);
}

//! Properties that hold for any input: no parser panics, and every export format reads back
//! to the same data.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use kith_core::{
    Alias, Circle, Interaction, InteractionId, Mode, Moment, Note, Outcome, Person, PersonId, PersonName,
    Plan, PlanId, Source,
};
use kith_import::{ics, sms, telegram, vcf, whatsapp, write};
use proptest::prelude::*;

fn now() -> Timestamp {
    "2026-06-01T00:00:00Z".parse().expect("valid")
}

/// Text that looks a little like each format, so the parsers get past their first checks.
fn lines(prefixes: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(prefixes), "\\PC{0,30}"), 0..12)
        .prop_map(|ls| ls.into_iter().map(|(p, rest)| format!("{p}{rest}\n")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_calendar_makes_the_parser_panic(text in lines(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR",
        "DTSTART:2026", "DTSTART;VALUE=DATE:", "RRULE:FREQ=", "EXDATE:", "RECURRENCE-ID:", "UID:", "STATUS:CANCELLED", ""])) {
        let _ = ics::parse(&text, "Europe/Berlin", ics::Window::around(now()));
    }

    #[test]
    fn no_vcard_makes_the_parser_panic(text in lines(&["BEGIN:VCARD", "END:VCARD", "FN:", "N:", "TEL:", "EMAIL:", "BDAY:",
        "N;ENCODING=QUOTED-PRINTABLE:", "=", ""])) {
        let _ = vcf::parse(&text);
    }

    #[test]
    fn no_chat_makes_the_whatsapp_parser_panic(text in lines(&["12/07/2017, 22:35 - ", "[20.06.19, 15:58:47] ",
        "1/2/24, 9:05\u{202f}PM - ", "2019/01/01, 11:25 - ", "\u{200e}", ""])) {
        if let Ok(mut chat) = whatsapp::parse(&text, None, &TimeZone::UTC) {
            let me = chat.log.senders().first().cloned().unwrap_or_default();
            chat.log.settle(&me);
            let _ = kith_import::chat::days(&chat.log, &TimeZone::UTC, jiff::SignedDuration::from_hours(48));
        }
    }

    #[test]
    fn a_chat_read_a_line_at_a_time_is_the_chat_read_whole(text in lines(&["12/07/2017, 22:35 - Sam: ",
        "[20.06.19, 15:58:47] Me: ", "1/2/24, 9:05\u{202f}PM - Ann: Voice call, ", "13/11/2026, 18:30 - ", "\r", ""])) {
        let whole = whatsapp::parse(&text, None, &TimeZone::UTC);
        let streamed = whatsapp::parse_reader(text.as_bytes(), None, &TimeZone::UTC);
        prop_assert_eq!(format!("{whole:?}"), format!("{streamed:?}"));
    }

    #[test]
    fn no_backup_makes_the_sms_parser_panic(text in lines(&["<smses>", "</smses>", "<sms address=\"1\" date=\"", "<calls>",
        "<call number=\"+1\" type=\"", "&#55357;", "&#", ""])) {
        let _ = sms::parse(text.as_bytes());
        let _ = sms::unescape(text.as_bytes());
    }

    #[test]
    fn no_json_makes_the_meta_or_google_parsers_panic(text in "\\PC{0,200}") {
        let _ = kith_import::messenger::parse(&text);
        let _ = kith_import::messenger::repair(&text);
        let _ = kith_import::google_chat::parse(&text, None, None, None);
        let _ = kith_import::google_chat::created_date(&text);
        let _ = kith_import::detect::looks_like(&text);
        let wrapped = format!("{{\"messages\":[{{\"sender_name\":\"{text}\",\"timestamp_ms\":1,\"content\":\"{text}\"}}]}}");
        let _ = kith_import::messenger::parse(&wrapped);
    }

    #[test]
    fn no_page_makes_the_google_voice_parser_panic(text in lines(&["<div class=\"haudio\">", "<div class=\"hChatLog\">",
        "<div class=\"message\">", "<abbr class=\"dt\" title=\"", "<a class=\"tel\" href=\"tel:", "<abbr class=\"duration\" title=\"PT",
        "</div>", "<br>", ""])) {
        let _ = kith_import::google_voice::parse(&text, 1);
    }

    #[test]
    fn no_json_makes_the_telegram_parser_panic(text in "\\PC{0,200}") {
        let _ = telegram::parse(&text, &TimeZone::UTC);
        let wrapped = format!("{{\"messages\":[{{\"type\":\"message\",\"date\":\"{text}\"}}]}}");
        let _ = telegram::parse(&wrapped, &TimeZone::UTC);
    }

    #[test]
    fn people_exported_as_vcards_read_back_the_same(
        people in prop::collection::vec(("[A-Z][a-z]{1,8}( [A-Z][a-z]{1,10})?", prop::option::of("\\+[1-9][0-9]{6,11}"),
            prop::option::of("[a-z]{1,8}@[a-z]{1,8}\\.org")), 1..8)
    ) {
        let people: Vec<Person> = people.into_iter().enumerate().map(|(n, (name, phone, email))| Person {
            id: PersonId::from_random_bytes([u8::try_from(n).unwrap_or(0); 16]),
            name: PersonName::parse(&name).expect("a valid name"),
            circle: Circle::Friend,
            cadence: None,
            aliases: phone.iter().chain(email.iter()).map(|a| Alias::parse(a).expect("valid alias")).collect(),
            note: Some(Note::parse("note", "likes; commas, and \\ slashes").expect("valid")),
            archived: false,
            snoozed_until: None,
            created_at: now(),
        }).collect();
        let day = kith_core::Birthdate::parse(if people.len().is_multiple_of(2) { "1990-04-02" } else { "--04-02" }).expect("valid");
        let back = vcf::parse(&write::people_vcf(&people, |_| Some(day))).expect("our own export parses");
        prop_assert_eq!(back.contacts.len(), people.len());
        for (p, c) in people.iter().zip(&back.contacts) {
            prop_assert_eq!(p.name.as_str(), c.name.as_str());
            prop_assert_eq!(c.birthday, Some(day));
            let mut aliases: Vec<String> = c.phones.iter().chain(&c.emails).cloned().collect();
            let mut expected: Vec<String> = p.aliases.iter().map(|a| a.as_str().to_owned()).collect();
            aliases.sort();
            expected.sort();
            prop_assert_eq!(aliases, expected);
        }
    }

    #[test]
    fn plans_exported_as_icalendar_read_back_the_same(
        plans in prop::collection::vec((0i64..200_000_000, any::<bool>(), "[A-Za-z][A-Za-z ,;]{0,29}"), 1..6)
    ) {
        let who = PersonId::from_random_bytes([7; 16]);
        let plans: Vec<Plan> = plans.into_iter().enumerate().map(|(n, (secs, cancelled, note))| Plan {
            id: PlanId::from_random_bytes([u8::try_from(n).unwrap_or(0); 16]),
            people: vec![who],
            start: Moment::in_zone(Timestamp::from_second(1_600_000_000 + secs).expect("in range"), &TimeZone::UTC),
            mode: Mode::InPerson,
            note: Note::parse("note", &note).ok(),
            created_at: now(),
            outcome: if cancelled { Outcome::CancelledByMe } else { Outcome::Pending },
            outcome_at: cancelled.then(now),
            interaction: None,
            moved_from: None,
            source: Source::manual(),
        }).collect();
        let text = write::plans_ics(&plans, |_| Some(("Sam, Lee".into(), Some("sam@example.org".into()))), now());
        let back = ics::parse(&text, "UTC", ics::Window::around(now())).expect("our own export parses");
        prop_assert_eq!(back.events.len(), plans.len());
        for (p, e) in plans.iter().zip(&back.events) {
            prop_assert_eq!(p.start.timestamp(), e.start.timestamp());
            prop_assert_eq!(format!("{}@kith", p.id), e.key.clone());
            prop_assert_eq!(p.outcome == Outcome::CancelledByMe, e.cancelled);
            prop_assert_eq!(p.note.as_ref().map(|n| n.as_str().to_owned()), e.note().map(str::to_owned));
            prop_assert_eq!(e.kith.as_ref().and_then(|k| k.outcome.as_deref()), Some(p.outcome.as_str()));
            prop_assert_eq!(e.attendees[0].email.as_deref(), Some("sam@example.org"));
        }
    }

    #[test]
    fn interactions_exported_as_csv_read_back_the_same(note in "[^\\p{C}]{1,40}|\"a, \"\"b\"\"\nc\"", unanswered in 0u32..9) {
        let i = Interaction {
            id: InteractionId::from_random_bytes([3; 16]),
            at: Moment::in_zone(now(), &TimeZone::UTC),
            minutes: None,
            mode: Mode::Voice,
            initiator: None,
            people: vec![PersonId::from_random_bytes([4; 16])],
            felt: None,
            meaningful: true,
            tags: Vec::new(),
            note: Note::parse("note", &note).ok(),
            unanswered,
            source: Source::manual(),
            plan: None,
        };
        let text = format!("{}{}", write::csv_header(), write::interaction_csv(&i, |_| "Sam, Lee".into()));
        let rows = write::read_csv(&text);
        prop_assert_eq!(rows.len(), 2);
        prop_assert_eq!(rows[0].len(), write::CSV_HEADER.len());
        prop_assert_eq!(&rows[1][6], "Sam, Lee");
        prop_assert_eq!(rows[1][10].clone(), unanswered.to_string());
        let note = i.note.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default();
        prop_assert_eq!(rows[1][13].clone(), write::csv_text(&note));
        prop_assert!(!rows[1][13].starts_with(['=', '+', '-', '@', '\t', '\r']));
    }
}

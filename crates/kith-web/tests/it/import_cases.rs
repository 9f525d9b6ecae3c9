//! The hard cases of real exports, uploaded on the web import page: a preview, then a
//! confirm, then the database read through a connection of its own. Files are written here
//! the way their producers write them.

use crate::import::{count, token};
use crate::support::{App, app, body, fixture};
use axum::http::StatusCode;
use kith_core::Mode;
use kith_store::{Access, InteractionFilter, PlanFilter, Repo, Store};

/// Previews `file` with `fields`, checks the preview wrote nothing, confirms it, and
/// returns the preview page.
async fn import(app: &App, file: &[u8], name: &str, fields: &[(&str, &str)]) -> String {
    let before = snapshot(app).await;
    let r = app.post_multipart("/import", fields, Some((name, file))).await;
    let status = r.status();
    let html = body(r).await;
    assert_eq!(status, StatusCode::OK, "{name}: {html}");
    assert_eq!(snapshot(app).await, before, "{name}: a preview writes nothing");
    let confirmed = app.post_form("/import/confirm", &format!("token={}", token(&html))).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER, "{name}");
    html
}

/// What the database holds, as plain rows: people by name; interactions as (mode,
/// minutes, unanswered, note); plans as (start, outcome).
#[derive(Debug, PartialEq)]
struct Snapshot {
    people: Vec<String>,
    interactions: Vec<(Mode, Option<i64>, u32, String)>,
    plans: Vec<(String, String)>,
}

async fn snapshot(app: &App) -> Snapshot {
    let mut store = Store::open(&app.state.config().location).await.expect("open");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let mut people: Vec<String> =
        tx.people(true).await.expect("people").into_iter().map(|p| p.name.to_string()).collect();
    people.sort();
    let mut interactions: Vec<_> = tx
        .interactions(&InteractionFilter::default())
        .await
        .expect("interactions")
        .into_iter()
        .map(|i| {
            let note = i.note.map(|n| n.as_str().to_owned()).unwrap_or_default();
            (i.mode, i.minutes.map(|m| m.get()), i.unanswered, note)
        })
        .collect();
    interactions.sort_by_key(|i| format!("{i:?}"));
    let mut plans: Vec<_> = tx
        .plans(&PlanFilter::default())
        .await
        .expect("plans")
        .into_iter()
        .map(|p| (p.start.to_string(), p.outcome.as_str().to_owned()))
        .collect();
    plans.sort();
    Snapshot { people, interactions, plans }
}

#[tokio::test]
async fn a_zipped_ios_whatsapp_export_brings_its_calls_as_calls() {
    let app = app(false).await;
    let fields = [("format", "auto"), ("create_people", "yes"), ("me", "Alex"), ("tz", "UTC")];
    let html = import(&app, &fixture("whatsapp-ios-chat.zip"), "WhatsApp Chat - Sam.zip", &fields).await;
    assert!(html.contains("WhatsApp chat export"), "a WhatsApp zip is known by its name: {html}");
    let after = snapshot(&app).await;
    assert_eq!(after.people, ["Sam"]);
    let calls: Vec<(Mode, Option<i64>, u32)> =
        after.interactions.iter().filter(|i| i.0 != Mode::Text).map(|i| (i.0, i.1, i.2)).collect();
    assert_eq!(calls, [(Mode::Voice, None, 1), (Mode::Voice, Some(62), 0)], "{after:?}");
}

#[tokio::test]
async fn contacts_saved_as_utf16_by_a_windows_tool_read_as_utf8_does() {
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nTEL:+49 170 1234567\r\nBDAY:--0412\r\nEND:VCARD\r\n";
    let mut wide = vec![0xff, 0xfe];
    wide.extend(card.encode_utf16().flat_map(u16::to_le_bytes));
    let app = app(false).await;
    let html = import(&app, &wide, "contacts.vcf", &[("format", "auto")]).await;
    assert_eq!(count(&html, "birthdays"), 1, "a birthday without a year is kept: {html}");
    assert_eq!(snapshot(&app).await.people, ["Jürgen Müller"]);
}

#[tokio::test]
async fn a_file_of_another_kind_is_refused_on_the_page_with_what_it_looks_like() {
    let app = app(false).await;
    let r = app
        .post_multipart(
            "/import",
            &[("format", "telegram")],
            Some(("result.json", &fixture("messenger-message_1.json"))),
        )
        .await;
    let status = r.status();
    let html = body(r).await;
    assert!(status.is_client_error(), "{status}: {html}");
    assert!(html.contains("Messenger"), "the page says what the file looks like: {html}");
    assert_eq!(app.state.uploads().waiting(), 0, "nothing of a refused upload is kept");
    assert!(snapshot(&app).await.people.is_empty());
}

/// A weekly dinner as Google writes it (a primary calendar is named by its owner's address,
/// which is how kith knows who "me" is), with one occurrence moved (its override has a higher
/// `SEQUENCE` than the series) and one cancelled.
fn weekly_dinner(extra: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n\
X-WR-CALNAME:me@example.com\r\nBEGIN:VEVENT\r\nDTSTART:20261201T190000Z\r\nDTEND:20261201T210000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n\
UID:dinner@google.com\r\nORGANIZER;CN=me@example.com:mailto:me@example.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Lee:mailto:sam@example.org\r\n\
SEQUENCE:0\r\nSTATUS:CONFIRMED\r\nSUMMARY:Dinner\r\nEND:VEVENT\r\n{extra}END:VCALENDAR\r\n"
    )
}

fn dinner_override(occurrence: &str, start: &str, sequence: u32, status: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nDTSTART:{start}\r\nDTEND:20261208T220000Z\r\nUID:dinner@google.com\r\n\
RECURRENCE-ID:{occurrence}\r\nORGANIZER;CN=me@example.com:mailto:me@example.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Lee:mailto:sam@example.org\r\n\
SEQUENCE:{sequence}\r\nSTATUS:{status}\r\nSUMMARY:Dinner\r\nEND:VEVENT\r\n"
    )
}

#[tokio::test]
async fn a_moved_and_a_cancelled_occurrence_come_in_as_they_are_now() {
    let app = app(false).await;
    let moved = dinner_override("20261208T190000Z", "20261208T200000Z", 2, "CONFIRMED");
    let fields = [("format", "auto"), ("create_people", "yes")];
    import(&app, weekly_dinner(&moved).as_bytes(), "calendar.ics", &fields).await;
    let plan = |day: &str, hour: &str, outcome: &str| {
        (format!("2026-12-{day}T{hour}:00:00+00:00"), outcome.to_owned())
    };
    assert_eq!(
        snapshot(&app).await.plans,
        [plan("01", "19", "pending"), plan("08", "20", "pending"), plan("15", "19", "pending")],
        "the moved dinner is there once, at its new time"
    );
    // A newer export: the organiser (me) cancelled the last dinner.
    let cancelled = dinner_override("20261215T190000Z", "20261215T190000Z", 3, "CANCELLED");
    let html =
        import(&app, weekly_dinner(&format!("{moved}{cancelled}")).as_bytes(), "calendar.ics", &fields).await;
    assert_eq!(count(&html, "updated"), 1, "{html}");
    assert_eq!(
        snapshot(&app).await.plans,
        [plan("01", "19", "pending"), plan("08", "20", "pending"), plan("15", "19", "cancelled_by_me")]
    );
}

#[tokio::test]
async fn a_longer_chat_export_after_a_number_got_a_name_adds_only_what_is_new() {
    let app = app(false).await;
    // Sam Lee, with the number the first export shows in place of a name.
    import(&app, &fixture("contacts.vcf"), "contacts.vcf", &[("format", "vcf")]).await;
    let first = "13/11/2026, 21:05 - +44 7700 900123: hi!\n13/11/2026, 21:10 - Me: hello\n15/11/2026, 09:00 - Me: coffee?\n";
    let longer = format!("{first}15/11/2026, 18:00 - Sam Lee: sorry, yes!\n18/11/2026, 10:00 - Me: great\n")
        .replace("+44 7700 900123", "Sam Lee");
    let fields = [("format", "whatsapp"), ("me", "Me"), ("tz", "UTC")];
    import(&app, first.as_bytes(), "WhatsApp Chat with Sam Lee.txt", &fields).await;
    assert_eq!(snapshot(&app).await.interactions.len(), 2);
    let html = import(&app, longer.as_bytes(), "WhatsApp Chat with Sam Lee.txt", &fields).await;
    assert_eq!((count(&html, "interactions"), count(&html, "already_present")), (1, 2), "{html}");
    let days = snapshot(&app).await.interactions;
    assert_eq!(days.len(), 3, "{days:?}");
    assert!(
        days.iter().any(|d| d.3 == "2 messages (1 sent, 1 received)"),
        "the 15th gained Sam's reply: {days:?}"
    );
}

//! Import through the web page and the API: a preview writes nothing, a confirm writes what
//! was previewed once, importing again adds nothing, and bad, oversized or cross-site
//! uploads are refused and leave nothing behind. Results are read from the database itself,
//! never from the page just posted.

use crate::support::{App, BOUNDARY, app, body, fixture, multipart};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kith_store::{Access, InteractionFilter, Repo, Store};

/// Everyone in the database, by name, read through a connection of its own.
async fn people(app: &App) -> Vec<String> {
    let mut store = Store::open(&app.state.config().location).await.expect("open");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let mut names: Vec<String> =
        tx.people(true).await.expect("people").into_iter().map(|p| p.name.to_string()).collect();
    names.sort();
    names
}

async fn interactions(app: &App) -> usize {
    let mut store = Store::open(&app.state.config().location).await.expect("open");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    tx.interactions(&InteractionFilter::default()).await.expect("interactions").len()
}

/// The preview's token, to confirm it with.
pub(crate) fn token(html: &str) -> String {
    let at = html.find("name=\"token\" value=\"").expect("a token on the preview") + 20;
    html[at..].split('"').next().expect("token").to_owned()
}

/// A count the preview shows (`data-count="created"` and the like).
pub(crate) fn count(html: &str, what: &str) -> usize {
    let key = format!("data-count=\"{what}\">");
    let at = html.find(&key).unwrap_or_else(|| panic!("{what} on the preview: {html}")) + key.len();
    html[at..].split('<').next().and_then(|n| n.parse().ok()).expect("a number")
}

async fn preview(app: &App, file: &[u8], name: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let r = app.post_multipart("/import", fields, Some((name, file))).await;
    (r.status(), body(r).await)
}

async fn confirm(app: &App, token: &str) -> (StatusCode, Option<String>) {
    let r = app.post_form("/import/confirm", &format!("token={token}")).await;
    let location = r.headers().get(header::LOCATION).map(|l| l.to_str().expect("ascii").to_owned());
    (r.status(), location)
}

#[cfg(unix)]
fn private(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let file = std::fs::metadata(path).expect("the upload").permissions().mode() & 0o777;
    let dir = std::fs::metadata(path.parent().expect("folder")).expect("folder").permissions().mode() & 0o777;
    file == 0o600 && dir == 0o700
}

#[tokio::test]
async fn a_preview_writes_nothing_a_confirm_writes_it_and_a_second_import_adds_nothing() {
    let app = app(false).await;
    let contacts = fixture("contacts.vcf");
    let (status, html) = preview(&app, &contacts, "contacts.vcf", &[("format", "auto")]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Contacts (vCard .vcf)"), "the format was guessed: {html}");
    assert_eq!((count(&html, "created"), count(&html, "birthdays")), (2, 1));
    assert!(html.contains("Jürgen Müller") && html.contains("Sam Lee"));
    assert!(html.contains("<strong>record 4</strong>"), "each skip says where: {html}");
    assert!(people(&app).await.is_empty(), "a preview writes nothing");
    let files = app.state.uploads().files();
    assert_eq!(files.len(), 1);
    #[cfg(unix)]
    assert!(private(&files[0]), "the waiting upload is readable by its owner only");

    let first = token(&html);
    assert_eq!(confirm(&app, &first).await, (StatusCode::SEE_OTHER, Some("/import?saved=imported".into())));
    assert_eq!(people(&app).await, ["Jürgen Müller", "Sam Lee"]);
    assert!(!files[0].exists(), "the upload is deleted once imported");
    let (_, page) = app.get("/import?saved=imported").await;
    assert!(page.contains("Imported."), "{page}");

    // The same token again is gone; uploading the same file again creates no one.
    let (status, _) = confirm(&app, &first).await;
    assert_eq!(status, StatusCode::GONE);
    let (_, again) = preview(&app, &contacts, "contacts.vcf", &[("format", "vcf")]).await;
    assert_eq!((count(&again, "created"), count(&again, "matched")), (0, 2), "{again}");
    assert_eq!(confirm(&app, &token(&again)).await.0, StatusCode::SEE_OTHER);
    assert_eq!(people(&app).await, ["Jürgen Müller", "Sam Lee"]);
    assert_eq!(app.state.uploads().waiting(), 0);
}

#[tokio::test]
async fn a_chat_preview_with_options_becomes_interactions_on_confirm() {
    let app = app(false).await;
    let chat = fixture("whatsapp-ios-narrow-nbsp.txt");
    let fields = [("format", "auto"), ("create_people", "yes"), ("me", "Me"), ("tz", "Europe/London")];
    let (status, html) = preview(&app, &chat, "WhatsApp Chat with Sam Lee.txt", &fields).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("WhatsApp chat export"), "{html}");
    let days = count(&html, "interactions");
    assert!(days > 0, "{html}");
    assert_eq!(interactions(&app).await, 0, "a preview writes nothing");
    assert_eq!(confirm(&app, &token(&html)).await.0, StatusCode::SEE_OTHER);
    assert_eq!(interactions(&app).await, days);
    assert_eq!(people(&app).await, ["Sam Lee"]);
}

#[tokio::test]
async fn a_confirm_after_the_data_changed_shows_the_new_preview_instead() {
    let app = app(false).await;
    let (_, html) = preview(&app, &fixture("contacts.vcf"), "contacts.vcf", &[]).await;
    assert_eq!(count(&html, "created"), 2);
    let (status, _) = app.post_json("/api/v1/people", serde_json::json!({"name": "Sam Lee"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let r = app.post_form("/import/confirm", &format!("token={}", token(&html))).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let now = body(r).await;
    assert!(now.contains("changed since the preview"), "{now}");
    assert_eq!(count(&now, "created"), 1);
    assert_eq!(people(&app).await, ["Sam Lee"], "nothing was imported yet");
    assert_eq!(confirm(&app, &token(&now)).await.0, StatusCode::SEE_OTHER);
    assert_eq!(people(&app).await, ["Jürgen Müller", "Sam Lee"]);
}

#[tokio::test]
async fn a_cut_file_is_refused_with_its_line_and_nothing_is_kept() {
    let app = app(false).await;
    let cut = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Walk with Sam Lee\r\n";
    let (status, html) = preview(&app, cut, "cut.ics", &[("format", "ics")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("not a valid iCalendar (.ics) file (line 1"), "{html}");
    assert!(html.contains("Nothing was imported"), "{html}");
    assert_eq!(app.state.uploads().waiting(), 0, "a refused upload is not kept");

    let (status, html) = preview(&app, &fixture("contacts.vcf"), "contacts.vcf", &[("format", "sms")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("SMS Backup"), "{html}");
    let (status, html) = preview(&app, b"hello", "notes", &[("format", "auto")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("please choose its kind"), "{html}");
    // A question only the person can answer is asked beside the field that answers it.
    let chat = fixture("whatsapp-ios-narrow-nbsp.txt");
    let (status, html) = preview(&app, &chat, "chat.txt", &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("id=\"me-error\"") && html.contains("which sender in chat.txt is you"), "{html}");
    let (status, html) = preview(&app, &chat, "chat.txt", &[("map", "Nobody=Someone")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"map-error\""), "{html}");
    assert!(html.contains("Nobody=Someone</textarea>"), "what was typed is kept: {html}");
    let (status, html) = preview(&app, &fixture("contacts.vcf"), "c.vcf", &[("tz", "Mars/Olympus")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Mars/Olympus"), "{html}");
    assert!(people(&app).await.is_empty());
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_before_anything_is_kept() {
    let app = app(false).await;
    app.state.set_upload_limit(1024);
    let big = [b'x'; 4096];
    let (status, html) = preview(&app, &big, "big.vcf", &[("format", "vcf")]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{html}");
    assert!(html.contains("over the"), "{html}");
    assert_eq!(app.state.uploads().waiting(), 0);
    let (status, e) = app.post_file("/api/v1/import/vcf", &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(e["error"]["code"], "too_large");
    assert!(people(&app).await.is_empty());
}

#[tokio::test]
async fn a_cross_site_upload_is_refused() {
    let app = app(false).await;
    let request = Request::post("/import")
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("host", "127.0.0.1:7070")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(multipart(&[], Some(("c.vcf", &fixture("contacts.vcf"))))))
        .expect("request");
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.state.uploads().waiting(), 0);
    // Nor can another site confirm someone's waiting upload.
    let (_, html) = preview(&app, &fixture("contacts.vcf"), "contacts.vcf", &[]).await;
    let request = Request::post("/import/confirm")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:7070")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("token={}", token(&html))))
        .expect("request");
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    assert!(people(&app).await.is_empty());
}

#[tokio::test]
async fn the_api_answers_as_kith_import_json_and_a_dry_run_writes_nothing() {
    let app = app(false).await;
    let contacts = fixture("contacts.vcf");
    let (status, dry) = app.post_file("/api/v1/import/vcf?dry_run=true&name=contacts.vcf", &contacts).await;
    assert_eq!(status, StatusCode::OK, "{dry}");
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["file"], "contacts.vcf");
    assert_eq!(dry["people"]["created"], serde_json::json!(["Jürgen Müller", "Sam Lee"]));
    assert_eq!(dry["skipped"][0]["record"], 4, "{dry}");
    assert!(people(&app).await.is_empty(), "a dry run writes nothing");

    let (status, done) = app.post_file("/api/v1/import/vcf?name=contacts.vcf", &contacts).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["dry_run"], false);
    let mut expected = dry.clone();
    expected["dry_run"] = false.into();
    assert_eq!(done, expected, "the import did what the dry run said");
    assert_eq!(people(&app).await, ["Jürgen Müller", "Sam Lee"]);
    let (_, again) = app.post_file("/api/v1/import/vcf", &contacts).await;
    assert_eq!(again["people"]["created"], serde_json::json!([]));
    assert_eq!(again["people"]["matched"], serde_json::json!(["Jürgen Müller", "Sam Lee"]));

    let (status, e) =
        app.post_file("/api/v1/import/ics?name=cut.ics", b"BEGIN:VCALENDAR\nBEGIN:VEVENT\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!((e["error"]["code"].as_str(), e["error"]["field"].as_str()), (Some("bad_file"), Some("file")));
    assert!(e["error"]["message"].as_str().is_some_and(|m| m.contains("line 1")), "{e}");
    let (status, e) = app.post_file("/api/v1/import/csv", b"a,b").await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("format")));
    let (status, e) = app.post_file("/api/v1/import/vcf?map=Sam", &contacts).await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("map")));
    assert_eq!(people(&app).await.len(), 2);
}

#[tokio::test]
async fn the_api_takes_the_new_chat_sources_and_refuses_a_file_of_another_kind() {
    let app = app(false).await;
    let messenger = fixture("messenger-message_1.json");
    let (status, e) = app.post_file("/api/v1/import/telegram", &messenger).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(e["error"]["message"].as_str().is_some_and(|m| m.contains("kith import messenger")), "{e}");
    let (status, done) =
        app.post_file("/api/v1/import/messenger?create_people=true&name=message_1.json", &messenger).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["people"]["created"], serde_json::json!(["Renée Okafor"]));
    assert_eq!(done["interactions"], 3);
    let (status, voice) =
        app.post_file("/api/v1/import/google-voice?dry_run=true", &fixture("google-voice-takeout.zip")).await;
    assert_eq!(status, StatusCode::OK, "{voice}");
    assert_eq!(voice["skipped"].as_array().map(Vec::len), Some(3), "no one is Sam Lee here yet: {voice}");
    let (_, doc) = app.get_json("/api/openapi.json").await;
    let formats = &doc["paths"]["/v1/import/{format}"]["post"]["parameters"][0]["schema"]["enum"];
    assert!(formats.as_array().is_some_and(|f| f.iter().any(|x| x == "google-chat")), "{formats}");
}

/// Plans, read through a connection of their own: (note, start, outcome).
async fn plans(app: &App) -> Vec<(String, String, String)> {
    let mut store = Store::open(&app.state.config().location).await.expect("open");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    tx.plans(&kith_store::PlanFilter::default())
        .await
        .expect("plans")
        .into_iter()
        .map(|p| {
            let note = p.note.map(|n| n.as_str().to_owned()).unwrap_or_default();
            (note, p.start.to_string(), p.outcome.as_str().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn a_newer_calendar_uploaded_on_the_web_moves_the_plan_it_made() {
    let app = app(false).await;
    // As Google writes an event, then the same event moved an hour later.
    let version = |start: &str, sequence: u8| {
        format!(
            "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n\
X-WR-CALNAME:me@example.com\r\nBEGIN:VEVENT\r\nDTSTART:{start}\r\nDTEND:20261201T210000Z\r\n\
ORGANIZER;CN=me@example.com:mailto:me@example.com\r\nUID:dinner42@google.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Lee:mailto:sam@example.org\r\n\
LAST-MODIFIED:20261110T10000{sequence}Z\r\nSEQUENCE:{sequence}\r\nSTATUS:CONFIRMED\r\nSUMMARY:Dinner\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let (status, first) = app
        .post_file("/api/v1/import/ics?create_people=true", version("20261201T190000Z", 0).as_bytes())
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["plans"], 1);
    let (status, second) =
        app.post_file("/api/v1/import/ics", version("20261201T200000Z", 1).as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_eq!((second["plans"].as_u64(), second["updated"].as_u64()), (Some(0), Some(1)), "{second}");
    assert_eq!(
        plans(&app).await,
        [("Dinner".to_owned(), "2026-12-01T20:00:00+00:00".to_owned(), "pending".to_owned())]
    );
}

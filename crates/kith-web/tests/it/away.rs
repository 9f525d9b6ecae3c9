//! Time away through the router: the settings page's form and remove button, the one-tap
//! "I was away" on Today, and the API, each refusing what does not fit and changing nothing.

use crate::support::{App, app, body};
use axum::http::{StatusCode, header};
use serde_json::json;

async fn spans(app: &App) -> Vec<serde_json::Value> {
    let (status, list) = app.get_json("/api/v1/away").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["away"].as_array().expect("a list").clone()
}

#[tokio::test]
async fn days_away_are_added_and_removed_on_the_settings_page() {
    let app = app(false).await;
    let (_, html) = app.get("/settings").await;
    assert!(html.contains("Time away") && html.contains("No days marked away."), "{html}");

    let r = app.post_form("/away", "from=2026-08-01&to=2026-08-12&note=Lisbon").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let listed = spans(&app).await;
    assert_eq!(listed.len(), 1);
    let id = listed[0]["id"].as_str().expect("an id").to_owned();
    let thanks = format!("/settings?saved=away&undo_away={id}");
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), thanks.as_str());
    let (_, html) = app.get(&thanks).await;
    assert!(html.contains("Marked as away."), "{html}");
    assert!(
        html.contains("Sat 1 Aug – Wed 12 Aug") && html.contains("12 days") && html.contains("Lisbon"),
        "{html}"
    );
    assert!(html.contains(&format!("action=\"/away/{id}/remove\"")), "a remove button: {html}");
    assert!(html.contains("id=\"undo\""), "the thank-you offers to undo: {html}");
    let (_, html) = app.get("/settings?saved=away&undo_away=not-an-id").await;
    assert!(!html.contains("id=\"undo\""), "only a span that is there is offered: {html}");

    let r = app.post_form(&format!("/away/{id}/remove"), "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/settings?saved=away_removed");
    assert!(spans(&app).await.is_empty());
    let r = app.post_form(&format!("/away/{id}/remove"), "").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "already removed");
}

#[tokio::test]
async fn a_refused_span_is_named_beside_its_field_and_nothing_is_saved() {
    let app = app(false).await;
    let r = app.post_form("/away", "from=2026-08-12&to=2026-08-01&note=Lisbon").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("id=\"away-to-error\""), "{html}");
    assert!(html.contains("on or after 2026-08-12"), "{html}");
    assert!(
        html.contains("value=\"2026-08-12\"") && html.contains("value=\"Lisbon\""),
        "kept what was typed"
    );
    let r = app.post_form("/away", "from=&to=someday").await;
    let html = body(r).await;
    assert!(html.contains("id=\"away-from-error\"") && html.contains("id=\"away-to-error\""), "{html}");
    assert!(spans(&app).await.is_empty(), "nothing was saved");
}

#[tokio::test]
async fn i_was_away_on_today_marks_the_quiet_stretch_and_it_is_no_longer_named() {
    let app = app(false).await;
    app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    // A month of a call every day, then nothing for twelve days: a silence unlike the usual.
    for days in 13..=40 {
        let at = format!("-{days}d");
        let (status, e) =
            app.post_json("/api/v1/interactions", json!({"people": "Sam", "mode": "voice", "at": at})).await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
    }
    let (_, html) = app.get("/").await;
    assert!(html.contains("action=\"/away/lapse\""), "the one-tap form: {html}");
    let (_, today) = app.get_json("/api/v1/today").await;
    let (from, to) =
        (today["lapse"]["from"].as_str().expect("a lapse"), today["lapse"]["to"].as_str().expect("a lapse"));
    assert!(
        html.contains(&format!("name=\"from\" value=\"{from}\""))
            && html.contains(&format!("name=\"to\" value=\"{to}\""))
    );

    let r = app.post_form("/away/lapse", &format!("from={from}&to={to}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let listed = spans(&app).await;
    assert_eq!((listed[0]["from"].as_str(), listed[0]["to"].as_str()), (Some(from), Some(to)));
    let id = listed[0]["id"].as_str().expect("an id");
    let thanks = format!("/?saved=away&undo_away={id}");
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), thanks.as_str());
    let (_, html) = app.get(&thanks).await;
    assert!(html.contains("Marked as away."), "{html}");
    assert!(!html.contains("action=\"/away/lapse\""), "the stretch is accounted for: {html}");
    assert!(html.contains(&format!("action=\"/away/{id}/remove\"")), "the thank-you offers to undo: {html}");

    let r = app.post_form("/away/lapse", "from=2026-11-20&to=2026-11-01").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a span backwards is refused");
    assert_eq!(spans(&app).await.len(), 1, "and changes nothing");
}

#[tokio::test]
async fn days_away_round_trip_through_the_api_with_errors_that_name_the_field() {
    let app = app(false).await;
    let (_, doc) = app.get_json("/api/openapi.json").await;
    assert!(
        doc["paths"]["/v1/away"]["post"].is_object() && doc["paths"]["/v1/away/{id}"]["delete"].is_object()
    );
    assert!(doc["components"]["schemas"]["Away"].is_object());

    let (status, added) = app
        .post_json("/api/v1/away", json!({"from": "2026-08-01", "to": "2026-08-12", "note": "Lisbon"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!((added["days"].as_i64(), added["note"].as_str()), (Some(12), Some("Lisbon")));
    let (status, e) = app.post_json("/api/v1/away", json!({"from": "2026-08-01", "to": "2027-09-01"})).await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("to")), "{e}");
    let (status, e) = app.post_json("/api/v1/away", json!({"to": "today"})).await;
    assert_eq!(
        (status, e["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("from")),
        "{e}"
    );
    assert_eq!(spans(&app).await.len(), 1, "refused requests change nothing");

    let (status, e) = app.delete_json("/api/v1/away/ffffffff").await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{e}");
    // Something that cannot be the start of an id names nothing either.
    let (status, e) = app.delete_json("/api/v1/away/zz").await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{e}");
    let short = added["short_id"].as_str().expect("short id");
    let (status, removed) = app.delete_json(&format!("/api/v1/away/{short}")).await;
    assert_eq!(status, StatusCode::OK, "{removed}");
    assert_eq!(removed["removed"]["id"], added["id"]);
    assert!(spans(&app).await.is_empty());
}

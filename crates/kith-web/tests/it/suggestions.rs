//! Today's ideas through the router: shown with a "Not now" button that hides their kind, the
//! API's not-now, and the offer of a call instead when a meeting still to come is cancelled;
//! on the person page, who usually reaches out first; and on the report page, mood links and
//! which days the score counts.

use crate::support::{App, app, body};
use axum::http::{StatusCode, header};
use serde_json::json;

/// Sam Lee, with three good walks, the last ten days ago: a walk together is today's idea.
async fn walks_with_sam(app: &App) {
    app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    for at in ["-40d", "-25d", "-10d"] {
        let (status, e) = app
            .post_json(
                "/api/v1/interactions",
                json!({"people": "Sam", "mode": "in_person", "felt": 2, "tags": ["walk"], "at": at}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
    }
}

#[tokio::test]
async fn an_idea_on_today_can_be_put_off_with_not_now() {
    let app = app(false).await;
    walks_with_sam(&app).await;
    let (_, html) = app.get("/").await;
    assert!(html.contains("Ideas for today") && html.contains("Walk with Sam Lee?"), "{html}");
    assert!(html.contains("data-kind=\"together_and_restful\""), "{html}");
    let (_, today) = app.get_json("/api/v1/today").await;
    assert_eq!(today["suggestions"][0]["kind"], "together_and_restful", "{today}");

    let r = app.post_form("/suggestions/not-now", "kind=together_and_restful").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/?saved=not_now");
    let (_, html) = app.get("/?saved=not_now").await;
    assert!(html.contains("Not now, then."), "{html}");
    assert!(!html.contains("Walk with Sam Lee?"), "hidden: {html}");

    let r = app.post_form("/suggestions/not-now", "kind=nap").await;
    assert!(r.status().is_client_error(), "{}", r.status());
    assert!(body(r).await.contains("call_instead_of_text"), "names the kinds there are");
}

#[tokio::test]
async fn the_api_hides_a_kind_for_the_days_asked_and_refuses_what_does_not_fit() {
    let app = app(false).await;
    let (status, hidden) =
        app.post_json("/api/v1/suggestions/not-now", json!({"kind": "join_a_group", "days": 3})).await;
    assert_eq!(status, StatusCode::OK, "{hidden}");
    assert_eq!(hidden, json!({"kind": "join_a_group", "until": "2026-11-26"}));
    let (status, default) =
        app.post_json("/api/v1/suggestions/not-now", json!({"kind": "give_support"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(default["until"], "2026-11-30", "seven days, today included");
    for (body, field) in [
        (json!({"kind": "join_a_group", "days": 0}), "days"),
        (json!({"kind": "nap"}), "kind"),
        (json!({}), "kind"),
    ] {
        let (status, e) = app.post_json("/api/v1/suggestions/not-now", body.clone()).await;
        assert!(status.is_client_error(), "{body}: {status}");
        assert_eq!(e["error"]["field"], field, "{e}");
    }
}

#[tokio::test]
async fn cancelling_a_meeting_to_come_offers_a_call_at_the_same_time() {
    let app = app(false).await;
    let (_, sam) = app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    let sam = sam["id"].as_str().expect("an id").to_owned();
    let (_, plan) = app
        .post_json(
            "/api/v1/plans",
            json!({"people": [sam.clone()], "at": "2026-11-25 19:00", "mode": "in_person"}),
        )
        .await;
    let id = plan["id"].as_str().expect("an id").to_owned();
    let r = app.post_form(&format!("/plans/{id}/outcome"), "outcome=cancelled_by_me").await;
    let to = r.headers().get(header::LOCATION).expect("redirect").to_str().expect("text").to_owned();
    assert_eq!(to, format!("/plans?saved=cancelled_by_me&offer={id}"));
    let (_, html) = app.get(&to).await;
    assert!(
        html.contains("Instead of cancelling?") && html.contains("a call with Sam Lee instead"),
        "{html}"
    );
    assert!(html.contains("name=\"at\" value=\"2026-11-25 19:00\""), "{html}");
    assert!(html.contains(&format!("<option value=\"{sam}\" selected>")), "another time: Sam chosen: {html}");

    let r = app.post_form("/plans", &format!("people={sam}&at=2026-11-25+19%3A00&mode=voice")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, plans) = app.get_json("/api/v1/plans").await;
    let modes: Vec<(&str, &str)> = plans["plans"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| (p["mode"].as_str().unwrap_or(""), p["outcome"].as_str().unwrap_or("")))
        .collect();
    assert!(
        modes.contains(&("voice", "pending")) && modes.contains(&("in_person", "cancelled_by_me")),
        "{modes:?}"
    );

    // Once the person said "not now" to it, the offer stays away.
    app.post_form("/suggestions/not-now", "kind=instead_of_cancelling").await;
    let (_, html) = app.get(&to).await;
    assert!(!html.contains("Instead of cancelling?"), "{html}");
}

#[tokio::test]
async fn the_person_page_says_who_reached_out_first_where_it_was_noted() {
    let app = app(false).await;
    let (_, sam) = app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    let id = sam["id"].as_str().expect("an id").to_owned();
    app.post_json("/api/v1/interactions", json!({"people": "Sam", "mode": "text", "at": "-3d"})).await;
    let (_, html) = app.get(&format!("/people/{id}")).await;
    assert!(!html.contains("Who reaches out first") && html.contains("logged once"), "{html}");
    for (by, at) in [("them", "-2d"), ("them", "-47h"), ("me", "-46h")] {
        let (status, e) = app
            .post_json("/api/v1/interactions", json!({"people": "Sam", "mode": "text", "by": by, "at": at}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{e}");
    }
    let (_, html) = app.get(&format!("/people/{id}")).await;
    assert!(html.contains("you reached out first once, Sam Lee twice."), "{html}");
    assert!(html.contains("4 times logged"), "{html}");
}

#[tokio::test]
async fn the_report_page_has_mood_links_or_says_it_is_too_soon() {
    let app = app(true).await;
    let (_, html) = app.get("/report?period=month").await;
    let (_, report) = app.get_json("/api/v1/report?period=month").await;
    let at = html.find("id=\"mood-links\"").expect("a mood links card");
    let card = &html[at..at + html[at..].find("</section>").expect("its end")];
    assert!(card.contains(report["mood_links"]["text"].as_str().expect("text")), "{card}");
    assert_eq!(card.matches("<li").count(), report["mood_links"]["links"].as_array().expect("a list").len());
    // The headline score and the weekly bars say which days each counts.
    assert!(
        html.contains("Connection score, these 30 days") && html.contains("counts the last 30 days"),
        "{html}"
    );
    assert!(html.contains("Connection score by calendar week"), "{html}");

    let empty = crate::support::app(false).await;
    let (_, html) = empty.get("/report").await;
    assert!(html.contains("Not enough data yet for mood links"), "{html}");
}

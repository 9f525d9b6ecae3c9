//! The JSON API: the CLI's operations and shapes, with errors that name the field.

use crate::support::app;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_openapi_document_lists_every_operation() {
    let app = app(false).await;
    let (status, doc) = app.get_json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/v1/people",
        "/v1/interactions",
        "/v1/interactions/{id}",
        "/v1/plans",
        "/v1/plans/{id}/cancel",
        "/v1/checkins",
        "/v1/today",
        "/v1/report",
        "/v1/import/{format}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    assert!(doc["components"]["schemas"]["Error"].is_object());
}

#[tokio::test]
async fn people_interactions_plans_and_checkins_round_trip_through_the_api() {
    let app = app(false).await;
    let (status, sam) = app.post_json("/api/v1/people", json!({"name": "Sam Lee", "cadence_days": 14})).await;
    assert_eq!(status, StatusCode::CREATED, "{sam}");
    assert_eq!(sam["cadence_days"], 14);
    let (status, logged) = app
        .post_json(
            "/api/v1/interactions",
            json!({"people": ["sam"], "mode": "voice", "minutes": 20, "felt": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{logged}");
    assert_eq!(logged["people"][0]["name"], "Sam Lee");
    let (_, list) = app.get_json("/api/v1/interactions").await;
    assert_eq!(list["interactions"].as_array().map(Vec::len), Some(1));

    let (status, plan) =
        app.post_json("/api/v1/plans", json!({"people": "Sam Lee", "at": "+3h", "mode": "in_person"})).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    let short = plan["short_id"].as_str().expect("short id").to_owned();
    let (status, cancelled) =
        app.post_json(&format!("/api/v1/plans/{short}/cancel"), json!({"by": "me"})).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["outcome"], "cancelled_by_me");
    assert_eq!(cancelled["notice_minutes"], 180);

    let body = json!({"energy": 3, "mood": 4, "stress": 2, "capacity": 2, "affected": ["sleep"]});
    let (status, c) = app.post_json("/api/v1/checkins", body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let (status, again) = app.post_json("/api/v1/checkins", body).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["error"]["code"], "checkin_exists");

    let (status, today) = app.get_json("/api/v1/today").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(today["one_a_day"]["today_done"], true);

    // Mood and the social battery are enough; what was not asked stays null, and an empty
    // list says nothing was affected.
    let (status, quick) =
        app.post_json("/api/v1/checkins", json!({"mood": 3, "capacity": 1, "date": "yesterday"})).await;
    assert_eq!(status, StatusCode::CREATED, "{quick}");
    assert!(quick["energy"].is_null() && quick["stress"].is_null() && quick["affected"].is_null(), "{quick}");
    let (status, none) = app
        .post_json(
            "/api/v1/checkins",
            json!({"mood": 3, "capacity": 1, "date": "yesterday", "affected": [], "replace": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{none}");
    assert_eq!(none["affected"], json!([]));
    let (status, missing) = app.post_json("/api/v1/checkins", json!({"mood": 3, "replace": true})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{missing}");
    assert_eq!(missing["error"]["field"], "capacity");
}

#[tokio::test]
async fn a_bad_value_comes_back_as_json_naming_the_field() {
    let app = app(false).await;
    app.post_json("/api/v1/people", json!({"name": "Priya"})).await;
    let (status, e) =
        app.post_json("/api/v1/interactions", json!({"people": ["Priya"], "mode": "voice", "felt": 7})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "felt");
    assert!(e["error"]["message"].as_str().is_some_and(|m| m.contains("“7”")), "{e}");
    let (status, e) = app
        .post_json(
            "/api/v1/interactions",
            json!({"people": ["Priya"], "mode": "voice", "at": "tomorrow 18:00"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a log time still to come: {e}");
    assert_eq!(e["error"]["field"], "at");
    let message = e["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("plans hold the future: POST /api/v1/plans"), "{e}");
    let (_, list) = app.get_json("/api/v1/interactions").await;
    assert_eq!(list["interactions"].as_array().map(Vec::len), Some(0), "nothing was saved");
    let (status, e) =
        app.post_json("/api/v1/interactions", json!({"people": ["Nobody"], "mode": "voice"})).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{e}");
    assert!(e["error"]["message"].as_str().is_some_and(|m| m.contains("“Nobody”")), "{e}");
    let (status, e) = app.get_json("/api/v1/people/00000000-0000-0000-0000-000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(e["error"]["code"], "not_found");
}

#[tokio::test]
async fn a_plan_takes_a_prediction_and_how_it_went() {
    let app = app(false).await;
    app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    let (status, plan) = app
        .post_json(
            "/api/v1/plans",
            json!({"people": "Sam Lee", "at": "-3h", "mode": "in_person", "anxiety": 8, "expect": 3}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!(
        (plan["prediction"]["anxiety"].as_i64(), plan["prediction"]["expected"].as_i64()),
        (Some(8), Some(3))
    );
    let short = plan["short_id"].as_str().expect("short id").to_owned();
    let (status, e) =
        app.post_json(&format!("/api/v1/plans/{short}/done"), json!({"felt_anxiety": 11})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "felt_anxiety");
    let (status, done) =
        app.post_json(&format!("/api/v1/plans/{short}/done"), json!({"felt_anxiety": 2, "went": 9})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["plan"]["prediction"]["went_better"], "better");
    let (_, list) = app.get_json("/api/v1/plans").await;
    assert_eq!(list["plans"][0]["prediction"]["felt_anxiety"], 2, "read back through the list");

    let (_, plain) =
        app.post_json("/api/v1/plans", json!({"people": "Sam Lee", "at": "-2h", "mode": "voice"})).await;
    assert!(plain["prediction"].is_null());
    let short = plain["short_id"].as_str().expect("short id").to_owned();
    let (status, e) = app.post_json(&format!("/api/v1/plans/{short}/done"), json!({"felt_anxiety": 2})).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("no_prediction")), "{e}");
    let (_, list) = app.get_json("/api/v1/plans").await;
    let still =
        list["plans"].as_array().expect("plans").iter().find(|p| p["short_id"] == short.as_str()).cloned();
    assert_eq!(still.expect("listed")["outcome"], "pending", "a refused request changes nothing");
    let (status, e) = app
        .post_json("/api/v1/plans", json!({"people": "Sam Lee", "at": "+2h", "mode": "voice", "expect": 5}))
        .await;
    assert_eq!((status, e["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("anxiety")));
}

#[tokio::test]
async fn a_logged_interaction_is_changed_deleted_and_not_logged_twice_by_mistake() {
    let app = app(false).await;
    app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    app.post_json("/api/v1/people", json!({"name": "Priya"})).await;
    let call = json!({"people": ["Sam Lee"], "mode": "call", "minutes": 20, "felt": 1, "at": "-1h"});
    let (status, logged) = app.post_json("/api/v1/interactions", call.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{logged}");
    let (status, repeat) = app.post_json("/api/v1/interactions", call.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{repeat}");
    assert_eq!(repeat["error"]["code"], "repeat");
    let mut meant = call.clone();
    meant["again"] = json!(true);
    let (status, second) = app.post_json("/api/v1/interactions", meant).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");

    let short = logged["short_id"].as_str().expect("short id");
    let (status, changed) = app
        .patch_json(
            &format!("/api/v1/interactions/{short}"),
            json!({"minutes": 45, "felt": null, "people": ["Sam Lee", "Priya"], "note": "a walk after all"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!((changed["minutes"].as_i64(), changed["felt"].is_null()), (Some(45), true), "{changed}");
    assert_eq!(changed["mode"], "voice", "what the body leaves out stays");
    assert_eq!(changed["people"].as_array().map(Vec::len), Some(2));
    let (status, bad) = app.patch_json(&format!("/api/v1/interactions/{short}"), json!({"felt": 7})).await;
    assert_eq!((status, bad["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("felt")));

    let (status, deleted) = app.delete_json(&format!("/api/v1/interactions/{short}")).await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    let (_, list) = app.get_json("/api/v1/interactions").await;
    assert_eq!(list["interactions"].as_array().map(Vec::len), Some(1), "only the second is left");
    let (status, gone) = app.delete_json(&format!("/api/v1/interactions/{short}")).await;
    assert_eq!((status, gone["error"]["code"].clone()), (StatusCode::NOT_FOUND, json!("not_found")));
}

#[tokio::test]
async fn a_plan_and_a_check_in_are_changed_and_deleted() {
    let app = app(false).await;
    app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    app.post_json("/api/v1/people", json!({"name": "Priya"})).await;
    let (_, plan) = app
        .post_json("/api/v1/plans", json!({"people": ["Sam Lee"], "at": "+2d", "mode": "in_person"}))
        .await;
    let short = plan["short_id"].as_str().expect("short id").to_owned();
    let (status, changed) = app
        .patch_json(
            &format!("/api/v1/plans/{short}"),
            json!({"mode": "video", "people": ["Priya"], "note": "film night"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!((changed["mode"].as_str(), changed["note"].as_str()), (Some("video"), Some("film night")));
    assert_eq!(changed["start"], plan["start"], "the time stays");
    let (status, deleted) = app.delete_json(&format!("/api/v1/plans/{short}")).await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    let (_, plans) = app.get_json("/api/v1/plans").await;
    assert_eq!(plans["plans"].as_array().map(Vec::len), Some(0));

    let (status, _) = app.patch_json("/api/v1/checkins/today", json!({"mood": 3})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no check-in today yet");
    app.post_json("/api/v1/checkins", json!({"mood": 2, "capacity": 1, "energy": 2, "affected": ["sleep"]}))
        .await;
    let (status, c) =
        app.patch_json("/api/v1/checkins/today", json!({"mood": 3, "energy": null, "affected": []})).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(
        (c["mood"].as_i64(), c["capacity"].as_i64(), c["energy"].is_null()),
        (Some(3), Some(1), true),
        "{c}"
    );
    assert_eq!(c["affected"], json!([]));
    let (status, _) = app.delete_json("/api/v1/checkins/today").await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = app.get_json("/api/v1/checkins").await;
    assert_eq!(list["checkins"].as_array().map(Vec::len), Some(0));
}

//! The ladder through the router: its pages and forms, the emotion picker on the
//! quick log and the check-in, and its part of the JSON API. What a form writes is read back
//! through the API or another page.

use crate::support::{App, app, body};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

/// An empty kith with Sam in it; returns Sam's id.
async fn with_sam() -> (App, String) {
    let app = app(false).await;
    let (status, sam) = app.post_json("/api/v1/people", json!({"name": "Sam"})).await;
    assert_eq!(status, StatusCode::CREATED, "{sam}");
    let id = sam["id"].as_str().expect("an id").to_owned();
    (app, id)
}

async fn steps(app: &App, all: bool) -> Vec<Value> {
    let (status, l) = app.get_json(if all { "/api/v1/steps?all=true" } else { "/api/v1/steps" }).await;
    assert_eq!(status, StatusCode::OK, "{l}");
    l["steps"].as_array().cloned().unwrap_or_default()
}

/// Adds a step through the form and returns its id, read back through the API.
async fn add_step(app: &App, form: &str) -> String {
    let known: Vec<Value> = steps(app, true).await.iter().map(|s| s["id"].clone()).collect();
    let r = app.post_form("/ladder", form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/ladder?saved=step");
    let list = steps(app, true).await;
    let new = list.iter().find(|s| !known.contains(&s["id"])).expect("the step is stored");
    new["id"].as_str().expect("an id").to_owned()
}

fn redirect(r: &axum::http::Response<Body>) -> String {
    r.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).unwrap_or("").to_owned()
}

fn streak(html: &str) -> u32 {
    let at = html.find("data-streak=\"").expect("the streak is on the page") + 13;
    html[at..].split('"').next().and_then(|n| n.parse().ok()).expect("a number")
}

#[tokio::test]
async fn a_step_added_on_the_ladder_page_takes_its_place_and_the_easiest_is_suggested() {
    let (app, sam) = with_sam().await;
    add_step(&app, &format!("title=Call+Sam&difficulty=5&person={sam}&mode=voice")).await;
    add_step(&app, "title=Wave+to+a+neighbour&difficulty=2&person=&mode=in_person").await;
    let list = steps(&app, false).await;
    let titles: Vec<&str> = list.iter().filter_map(|s| s["title"].as_str()).collect();
    assert_eq!(titles, ["Wave to a neighbour", "Call Sam"]);
    assert_eq!(list[1]["person"]["name"], "Sam");
    assert_eq!(list[1]["mode"], "voice");
    assert_eq!((list[0]["is_next"].as_bool(), list[0]["state"].as_str()), (Some(true), Some("not_yet")));
    let (status, html) = app.get("/ladder?saved=step").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Added to your ladder"), "{html}");
    assert!(html.contains("Next, when you are ready: <a href=\"/ladder/"), "{html}");
    assert!(html.contains(">Wave to a neighbour</a>"));
    assert!(html.contains("href=\"/ladder\" aria-current=\"page\""), "the ladder is in the navigation");
}

#[tokio::test]
async fn a_step_that_does_not_fit_is_refused_beside_its_fields_and_nothing_is_saved() {
    let (app, _) = with_sam().await;
    let r = app.post_form("/ladder", "title=&difficulty=11&mode=voice").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("id=\"title-error\""), "{html}");
    assert!(html.contains("id=\"difficulty-error\"") && html.contains("“11” doesn’t fit here"), "{html}");
    assert!(html.contains("id=\"step-mode-voice\" value=\"voice\" checked"), "kept the mode");
    assert!(steps(&app, true).await.is_empty());
    let r = app.post_form("/ladder", "title=Tea&difficulty=2&person=not-an-id").await;
    assert!(body(r).await.contains("id=\"person-error\""));
    assert!(steps(&app, true).await.is_empty());
}

#[tokio::test]
async fn a_try_from_prediction_to_outcome_is_acknowledged_and_logged_with_the_person() {
    let (app, sam) = with_sam().await;
    let id = add_step(&app, &format!("title=Call+Sam&difficulty=4&person={sam}&mode=voice")).await;
    let (_, today) = app.get("/").await;
    let before = streak(&today);

    let r = app
        .post_form(
            &format!("/ladder/{id}/try"),
            "phase=before&anxiety=8&expect=3&fear=awkward+silence&before_region=high_unpleasant&before=anxious",
        )
        .await;
    assert_eq!(redirect(&r), format!("/ladder/{id}?saved=predicted"));
    let (_, html) = app.get(&format!("/ladder/{id}?saved=predicted")).await;
    assert!(html.contains("Noted: you expect anxiety of 8 out of 10 for “Call Sam”"), "{html}");
    assert!(html.contains("name=\"phase\" value=\"after\""), "the outcome is due next");
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"][0]["emotions_before"], json!(["anxious"]));
    assert_eq!(step["tries"][0]["fear"], "awkward silence");

    let r = app
        .post_form(
            &format!("/ladder/{id}/try"),
            "phase=after&felt_anxiety=2&went=8&felt=1&happened=we+laughed&after=relieved&after=warm&outcome=done",
        )
        .await;
    assert_eq!(redirect(&r), format!("/ladder/{id}?saved=done"));
    let (_, html) = app.get(&format!("/ladder/{id}?saved=done")).await;
    assert!(html.contains("You did it: Call Sam. It went better than you expected."), "{html}");
    assert!(html.contains("Logged as time with Sam"), "{html}");
    assert!(html.contains("id=\"step-state\">comfortable<"), "{html}");

    let (_, logged) = app.get_json("/api/v1/interactions").await;
    let logged = logged["interactions"].as_array().cloned().unwrap_or_default();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(
        (logged[0]["people"][0]["name"].as_str(), logged[0]["mode"].as_str()),
        (Some("Sam"), Some("voice"))
    );
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"][0]["interaction_id"], logged[0]["id"]);
    assert_eq!(step["tries"][0]["emotions_after"], json!(["relieved", "warm"]));
    let (_, today) = app.get("/").await;
    assert_eq!(streak(&today), before + 1, "the try counts toward one a day");
    let (_, ladder) = app.get("/ladder").await;
    assert!(ladder.contains("In 1 of 1 step it went better than you expected"), "{ladder}");
    assert!(ladder.contains("with Sam: all pleasant afterwards 1 of 1 times"), "{ladder}");
}

#[tokio::test]
async fn the_words_after_a_try_come_from_what_is_stored_not_from_the_address() {
    let (app, _) = with_sam().await;
    let id = add_step(&app, "title=Say+hello&difficulty=3").await;
    let (status, html) = app.get(&format!("/ladder/{id}?saved=done&message=You+did+it")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("You did it") && !html.contains("id=\"try-words\""), "{html}");
    let (status, _) = app.get("/ladder/00000000-0000-0000-0000-000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_high_prediction_gets_a_look_back_and_letting_go_carries_no_shame() {
    let (app, _) = with_sam().await;
    let id = add_step(&app, "title=Go+to+the+choir&difficulty=6").await;
    let small = add_step(&app, "title=Wave+to+a+neighbour&difficulty=1").await;
    app.post_form(&format!("/ladder/{small}/try"), "phase=before&anxiety=7").await;
    app.post_form(&format!("/ladder/{small}/try"), "phase=after&felt_anxiety=5&outcome=done").await;
    app.post_form(&format!("/ladder/{id}/try"), "phase=before&anxiety=9").await;
    let (_, html) = app.get(&format!("/ladder/{id}?saved=predicted")).await;
    assert!(html.contains("Of your last 1 try, 1 went better than you expected"), "{html}");
    let (_, html) = app.get(&format!("/ladder/{id}")).await;
    assert!(html.contains("id=\"prompt\""), "the look back stays beside the outcome form");

    let r = app.post_form(&format!("/ladder/{id}/try"), "phase=after&outcome=not_this_time").await;
    assert_eq!(redirect(&r), format!("/ladder/{id}?saved=not_this_time"));
    let (_, html) = app.get(&format!("/ladder/{id}?saved=not_this_time")).await;
    assert!(html.contains("Not this time, and that is all right."), "{html}");
    assert!(html.contains("A smaller step could come first: Wave to a neighbour."), "{html}");
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"].as_array().map(Vec::len), Some(1), "{step}");
    assert_eq!(step["tries"][0]["outcome"], "not_this_time");
    assert_eq!(step["let_go"], 1);
    let (_, small) = app.get_json(&format!("/api/v1/steps/{small}")).await;
    assert_eq!(small["state"], "trying", "felt 5: done, not yet comfortably");
}

#[tokio::test]
async fn an_outcome_without_its_felt_anxiety_is_asked_for_and_nothing_is_recorded() {
    let (app, _) = with_sam().await;
    let id = add_step(&app, "title=Say+hello&difficulty=3").await;
    let r = app.post_form(&format!("/ladder/{id}/try"), "phase=before&anxiety=eleven&fear=x").await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("id=\"anxiety-error\"") && html.contains("“eleven” doesn’t fit here"), "{html}");
    assert!(html.contains(">x</textarea>"), "kept what was typed");
    app.post_form(&format!("/ladder/{id}/try"), "phase=before&anxiety=4").await;
    let r = app.post_form(&format!("/ladder/{id}/try"), "phase=after&outcome=done&after=relieved").await;
    let html = body(r).await;
    assert!(html.contains("id=\"felt_anxiety-error\""), "{html}");
    assert!(html.contains("id=\"after-relieved\" value=\"relieved\" checked"), "kept the word chosen");
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"][0]["outcome"], "open");
}

#[tokio::test]
async fn a_cross_site_try_is_refused_and_records_nothing() {
    let (app, _) = with_sam().await;
    let id = add_step(&app, "title=Say+hello&difficulty=3").await;
    let request = Request::post(format!("/ladder/{id}/try"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:7070")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("phase=before&anxiety=3"))
        .expect("request");
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"], json!([]));
}

#[tokio::test]
async fn setting_a_step_aside_keeps_it_off_the_ladder_until_it_is_put_back() {
    let (app, _) = with_sam().await;
    let id = add_step(&app, "title=Group+class&difficulty=8").await;
    let r = app.post_form(&format!("/ladder/{id}/set-aside"), "").await;
    assert_eq!(redirect(&r), "/ladder?saved=set_aside");
    assert!(steps(&app, false).await.is_empty());
    assert_eq!(steps(&app, true).await[0]["status"], "set_aside");
    let (_, html) = app.get("/ladder").await;
    assert!(html.contains("data-state=\"set_aside\"") && html.contains("Put back"), "{html}");
    let (_, html) = app.get(&format!("/ladder/{id}")).await;
    assert!(html.contains("This step is set aside for now") && !html.contains("name=\"phase\""), "{html}");
    let r = app.post_form(&format!("/ladder/{id}/set-aside"), "undo=yes").await;
    assert_eq!(redirect(&r), "/ladder?saved=back");
    assert_eq!(steps(&app, false).await[0]["status"], "active");
}

#[tokio::test]
async fn the_starter_set_takes_the_people_chosen() {
    let (app, sam) = with_sam().await;
    let r = app.post_form("/ladder/starter", &format!("people={sam}")).await;
    assert_eq!(redirect(&r), "/ladder?saved=starter");
    let list = steps(&app, false).await;
    assert_eq!(list.len(), 8);
    assert!(list[0]["title"].as_str().is_some_and(|t| t.contains("cashier")));
    let with_sam: Vec<&Value> = list.iter().filter(|s| s["person"]["name"] == "Sam").collect();
    assert_eq!(with_sam.len(), 5, "{list:?}");
    assert_eq!(with_sam[0]["title"], "Reply to one message from Sam you have been meaning to answer");
}

#[tokio::test]
async fn a_thought_record_is_checked_saved_and_listed() {
    let (app, _) = with_sam().await;
    let r = app.post_form("/thoughts", "situation=Sam+did+not+reply&thought=&belief=150").await;
    let html = body(r).await;
    assert!(html.contains("id=\"thought-error\"") && html.contains("id=\"belief-error\""), "{html}");
    assert!(html.contains(">Sam did not reply</textarea>"), "kept what was typed");
    let r = app
        .post_form(
            "/thoughts",
            "situation=Sam+did+not+reply&thought=They+are+tired+of+me&belief=80&evidence_against=They+asked+to+meet&kinder=They+are+busy&belief_after=40",
        )
        .await;
    assert_eq!(redirect(&r), "/thoughts?saved=thought");
    let (_, list) = app.get_json("/api/v1/thoughts").await;
    assert_eq!(list["thoughts"][0]["belief_after"], 40);
    assert_eq!(list["thoughts"][0]["evidence_against"], "They asked to meet");
    let (_, html) = app.get("/thoughts?saved=thought").await;
    assert!(html.contains("The thought loosened its grip by 40 points."), "{html}");
}

#[tokio::test]
async fn feelings_named_on_the_quick_log_and_the_check_in_are_kept() {
    let (app, sam) = with_sam().await;
    let r = app
        .post_form("/log", &format!("person={sam}&mode=in_person&before=tired&after=warm&after=calm&felt=1"))
        .await;
    assert!(redirect(&r).starts_with("/?saved=logged&undo="), "{}", redirect(&r));
    let (_, report) = app.get_json("/api/v1/ladder/report").await;
    let by_person = &report["feelings"]["by_person"][0];
    assert_eq!((by_person["person"]["name"].as_str(), by_person["named"].as_u64()), (Some("Sam"), Some(1)));
    assert_eq!(by_person["pleasant"], 1);
    let r = app.post_form("/log", &format!("person={sam}&mode=voice&after=meh&felt=1")).await;
    assert!(body(r).await.contains("id=\"after-error\""), "a word not in the vocabulary is named");

    let r = app.post_form("/checkin", "energy=3&mood=4&stress=2&capacity=2&emotions=content").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/checkin").await;
    assert!(html.contains("id=\"emotions-content\" value=\"content\" checked"), "{html}");
    assert!(html.contains("id=\"emotions-region-low_pleasant\" value=\"low_pleasant\" checked"));
}

/// The picker as drawn: four regions, each word labelled, with its meaning.
#[tokio::test]
async fn the_emotion_picker_is_a_region_then_a_word() {
    let app = app(false).await;
    let (_, html) = app.get("/checkin").await;
    let start = html.find("<fieldset class=\"emotions\"").expect("the picker");
    let end = start + html[start..].find("</fieldset>").expect("its end") + 11;
    insta::assert_snapshot!(&html[start..end]);
}

#[tokio::test]
async fn a_try_goes_through_the_api_in_two_halves_with_the_clis_shapes() {
    let (app, _) = with_sam().await;
    let (status, step) = app
        .post_json(
            "/api/v1/steps",
            json!({"title": "Call Sam", "difficulty": 4, "person": "sam", "mode": "voice"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{step}");
    let short = step["short_id"].as_str().expect("short id").to_owned();
    let (status, tried) = app
        .post_json(
            &format!("/api/v1/steps/{short}/tries"),
            json!({"anxiety": 7, "emotions_before": ["anxious"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{tried}");
    assert_eq!(
        (tried["phase"].as_str(), tried["attempt"]["outcome"].as_str()),
        (Some("predicted"), Some("open"))
    );
    let (status, again) = app.post_json(&format!("/api/v1/steps/{short}/tries"), json!({"anxiety": 5})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["error"]["code"], "prediction_waiting");
    let (status, done) = app
        .post_json(
            &format!("/api/v1/steps/{short}/outcome"),
            json!({"felt_anxiety": 2, "emotions_after": "relieved, warm", "minutes": 15}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["phase"], "done");
    assert!(done["message"].as_str().is_some_and(|m| m.starts_with("You did it: Call Sam.")), "{done}");
    assert_eq!(done["interaction"]["minutes"], 15);

    let (_, list) = app.get_json("/api/v1/interactions").await;
    assert_eq!(list["interactions"][0]["id"], done["interaction"]["id"], "logged as an interaction");
    let (_, step) = app.get_json(&format!("/api/v1/steps/{short}")).await;
    assert_eq!(step["state"], "comfortable");
    assert_eq!(step["tries"][0]["emotions_after"], json!(["relieved", "warm"]));
    let (_, report) = app.get_json("/api/v1/ladder/report").await;
    assert_eq!((report["done"].as_u64(), report["better"].as_u64()), (Some(1), Some(1)));
    let (_, emotions) = app.get_json("/api/v1/emotions").await;
    assert_eq!(emotions["emotions"].as_array().map(Vec::len), Some(32));
    assert!(emotions["emotions"][0]["meaning"].is_string());

    let (status, aside) = app.post_json(&format!("/api/v1/steps/{short}/set-aside"), json!({})).await;
    assert_eq!((status, aside["status"].as_str()), (StatusCode::OK, Some("set_aside")));
    let (status, starter) = app.post_json("/api/v1/steps/starter", json!({"people": ["Sam"]})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(starter["steps"].as_array().map(Vec::len), Some(8));
    let (status, thought) = app
        .post_json(
            "/api/v1/thoughts",
            json!({"situation": "a quiet day", "thought": "nobody cares", "belief": 60}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{thought}");
    let (_, thoughts) = app.get_json("/api/v1/thoughts").await;
    assert_eq!(thoughts["thoughts"][0]["thought"], "nobody cares");
}

#[tokio::test]
async fn bad_ladder_input_through_the_api_names_the_field() {
    let (app, _) = with_sam().await;
    let cases = [
        ("/api/v1/steps", json!({"title": "Tea", "difficulty": 11}), "difficulty"),
        ("/api/v1/steps", json!({"difficulty": 3}), "title"),
        ("/api/v1/thoughts", json!({"situation": "x", "thought": "y", "belief": 101}), "belief"),
    ];
    for (path, body, field) in cases {
        let (status, e) = app.post_json(path, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {e}");
        assert_eq!(e["error"]["field"], field, "{e}");
    }
    // A name that names no one is not found, as an unknown id is.
    for (path, body) in [
        ("/api/v1/steps", json!({"title": "Tea", "difficulty": 3, "person": "Nobody"})),
        ("/api/v1/steps/starter", json!({"people": ["Nobody"]})),
    ] {
        let (status, e) = app.post_json(path, body).await;
        assert_eq!(
            (status, e["error"]["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found")),
            "{path}: {e}"
        );
    }
    let (_, step) = app.post_json("/api/v1/steps", json!({"title": "Tea", "difficulty": 3})).await;
    let id = step["id"].as_str().expect("id").to_owned();
    let (status, e) = app.post_json(&format!("/api/v1/steps/{id}/outcome"), json!({"felt_anxiety": 3})).await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("nothing_waiting")));
    for (path, body, field) in [
        ("tries", json!({"anxiety": "lots"}), "anxiety"),
        ("tries", json!({"anxiety": 3, "expected": 12}), "expected"),
        ("tries", json!({"anxiety": 3, "emotions_before": ["meh"]}), "emotions_before"),
    ] {
        let (status, e) = app.post_json(&format!("/api/v1/steps/{id}/{path}"), body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!(e["error"]["field"], field, "{e}");
    }
    app.post_json(&format!("/api/v1/steps/{id}/tries"), json!({"anxiety": 3})).await;
    for (body, field) in [
        (json!({"felt_anxiety": 12}), "felt_anxiety"),
        (json!({}), "felt_anxiety"),
        (json!({"felt_anxiety": 2, "emotions_after": "calm, meh"}), "emotions_after"),
    ] {
        let (status, e) = app.post_json(&format!("/api/v1/steps/{id}/outcome"), body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!(e["error"]["field"], field, "{e}");
    }
    let (status, e) = app.get_json("/api/v1/steps/ffffffff").await;
    assert_eq!((status, e["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"][0]["outcome"], "open", "nothing refused was recorded");
}

#[tokio::test]
async fn the_openapi_document_lists_the_ladder() {
    let app = app(false).await;
    let (_, doc) = app.get_json("/api/openapi.json").await;
    for (path, method) in [
        ("/v1/steps", "get"),
        ("/v1/steps", "post"),
        ("/v1/steps/starter", "post"),
        ("/v1/steps/{id}", "get"),
        ("/v1/steps/{id}/tries", "post"),
        ("/v1/steps/{id}/outcome", "post"),
        ("/v1/steps/{id}/set-aside", "post"),
        ("/v1/thoughts", "get"),
        ("/v1/thoughts", "post"),
        ("/v1/emotions", "get"),
        ("/v1/ladder/report", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    assert!(doc["paths"]["/v1/people"]["get"].is_object(), "the other paths are still there");
    for schema in ["Step", "StepProgress", "Attempt", "Tried", "Thought", "Ladder", "Person"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}

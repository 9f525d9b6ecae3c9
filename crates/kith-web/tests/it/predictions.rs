//! Predictions on plans beside the ladder's: the ladder report counts them, the
//! plans page records how a predicted plan went; and the ladder's streak. What is posted is
//! read back through the API or straight from the store.

use crate::support::{App, app, body, now};
use axum::http::StatusCode;
use kith_store::{Access, PlanFilter, Repo};
use serde_json::{Value, json};

/// An empty kith with Sam in it.
async fn with_sam() -> App {
    let app = app(false).await;
    let (status, sam) = app.post_json("/api/v1/people", json!({"name": "Sam"})).await;
    assert_eq!(status, StatusCode::CREATED, "{sam}");
    app
}

/// Adds a plan with Sam through the API; returns its short id.
async fn plan(app: &App, body: Value) -> String {
    let added = plan_with_sam(app, body).await;
    added["short_id"].as_str().expect("short id").to_owned()
}

async fn plan_with_sam(app: &App, body: Value) -> Value {
    let mut body = body;
    body["people"] = json!("Sam");
    let (status, plan) = app.post_json("/api/v1/plans", body).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    plan
}

/// The plan with this id, as `/api/v1/plans` lists it.
async fn listed(app: &App, id: &str) -> Value {
    plans(app).await.into_iter().find(|p| p["id"] == id).expect("listed")
}

async fn plans(app: &App) -> Vec<Value> {
    let (status, list) = app.get_json("/api/v1/plans").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["plans"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_ladder_report_counts_plans_with_a_prediction_as_the_cli_does() {
    let app = with_sam().await;
    let kept = plan(&app, json!({"at": "-3h", "mode": "in_person", "anxiety": 8, "expect": 3})).await;
    let dropped = plan(&app, json!({"at": "-2h", "mode": "voice", "anxiety": 6})).await;
    plan(&app, json!({"at": "-1h", "mode": "voice"})).await;
    let (status, _) =
        app.post_json(&format!("/api/v1/plans/{kept}/done"), json!({"felt_anxiety": 2, "went": 9})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.post_json(&format!("/api/v1/plans/{dropped}/cancel"), json!({"by": "me"})).await;
    assert_eq!(status, StatusCode::OK);

    let (status, report) = app.get_json("/api/v1/ladder/report").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    // The counts, against the plans as the plans list shows them.
    let list = plans(&app).await;
    let predicted: Vec<&Value> = list.iter().filter(|p| !p["prediction"].is_null()).collect();
    let checked = predicted.iter().filter(|p| !p["prediction"]["felt_anxiety"].is_null()).count();
    let let_go = predicted.iter().filter(|p| p["outcome"] == "cancelled_by_me").count();
    let tally = &report["plans"];
    assert_eq!(tally["predicted"].as_u64(), Some(predicted.len() as u64), "{tally}");
    assert_eq!((tally["predicted"].as_u64(), tally["done"].as_u64()), (Some(2), Some(checked as u64)));
    assert_eq!((tally["better"].as_u64(), tally["let_go"].as_u64()), (Some(1), Some(let_go as u64)));
    assert_eq!((report["total_done"].as_u64(), report["total_better"].as_u64()), (Some(1), Some(1)));

    // `kith step report --json` is this very function over the same store reads; the API
    // answer is it plus `feelings`.
    let cli = {
        let mut pooled = app.state.pool().get().await.expect("pool");
        let mut tx = pooled.store().begin(Access::Read).await.expect("read");
        let (steps, attempts, people) = (
            tx.steps().await.expect("steps"),
            tx.attempts(None).await.expect("attempts"),
            tx.people(true).await.expect("people"),
        );
        let predictions = tx.plan_predictions(None).await.expect("predictions");
        let all = tx.plans(&PlanFilter::default()).await.expect("plans");
        let r = kith_core::ladder::prediction_report_with_plans(&steps, &attempts, &all, &predictions);
        kith_web::dto::prediction_report(&r, &kith_web::dto::names(&people))
    };
    let mut web = report.clone();
    assert!(web.as_object_mut().and_then(|o| o.remove("feelings")).is_some(), "feelings are there");
    assert_eq!(web, cli);

    let (_, html) = app.get("/ladder").await;
    assert!(html.contains("id=\"plan-predictions\""), "{html}");
    assert!(html.contains(report["text"].as_str().expect("text")), "the words with the plans: {html}");
}

/// A try of `step` done `days` before the test's fixed now, saved straight to the store.
async fn done_days_ago(app: &App, step: &str, days: i64) {
    use kith_core::ladder::{Anxiety, Attempt, AttemptOutcome, Done};
    let at = kith_core::Moment::from_zoned(&(now() - jiff::Span::new().days(days)));
    let attempt = Attempt {
        id: kith_core::AttemptId::from_random_bytes([u8::try_from(days).expect("small"); 16]),
        step: step.parse().expect("a step id"),
        predicted_at: at,
        predicted_anxiety: Anxiety::new(6).expect("valid"),
        expected: None,
        fear: None,
        emotions_before: vec![],
        outcome: AttemptOutcome::Done(Done {
            felt_anxiety: Anxiety::new(3).expect("valid"),
            went: None,
            felt: None,
            happened: None,
            interaction: None,
        }),
        outcome_at: Some(at),
        emotions_after: vec![],
    };
    let mut pooled = app.state.pool().get().await.expect("pool");
    let mut tx = pooled.store().begin(Access::Write).await.expect("write");
    tx.save_attempt(&attempt).await.expect("saved");
    tx.commit().await.expect("commit");
    drop(pooled);
    app.state.changed();
}

#[tokio::test]
async fn two_weeks_with_a_step_done_show_as_a_streak_and_none_is_not_mentioned() {
    let app = with_sam().await;
    let (status, step) =
        app.post_json("/api/v1/steps", json!({"title": "Wave to a neighbour", "difficulty": 2})).await;
    assert_eq!(status, StatusCode::CREATED, "{step}");
    let id = step["id"].as_str().expect("an id").to_owned();
    let (_, html) = app.get("/ladder").await;
    assert!(!html.contains("id=\"ladder-streak\""), "no streak, nothing said: {html}");
    assert!(!html.contains("in a row"), "{html}");

    // Now is Tuesday 24 November 2026: Monday the 16th is last week, today this week.
    done_days_ago(&app, &id, 8).await;
    done_days_ago(&app, &id, 0).await;
    let (_, step) = app.get_json(&format!("/api/v1/steps/{id}")).await;
    assert_eq!(step["tries"].as_array().map(Vec::len), Some(2), "both tries stored");
    let (_, html) = app.get("/ladder").await;
    assert!(
        html.contains("<p id=\"ladder-streak\" data-weeks=\"2\">2 weeks in a row with a step done.</p>"),
        "{html}"
    );
}

#[tokio::test]
async fn a_predicted_plan_done_on_the_plans_page_records_how_it_went() {
    let app = with_sam().await;
    let predicted =
        plan_with_sam(&app, json!({"at": "-3h", "mode": "in_person", "anxiety": 8, "expect": 3})).await;
    let id = predicted["id"].as_str().expect("an id").to_owned();
    let plain = plan_with_sam(&app, json!({"at": "-2h", "mode": "voice"})).await;
    let plain = plain["id"].as_str().expect("an id").to_owned();
    let (_, html) = app.get("/plans").await;
    assert!(html.contains("You expected anxiety 8 of 10, and it to go 3 of 10."), "{html}");
    assert!(html.contains(&format!("id=\"felt_anxiety-{id}\"")), "{html}");
    assert!(!html.contains(&format!("id=\"felt_anxiety-{plain}\"")), "no prediction, no question");

    let r = app.post_form(&format!("/plans/{id}/outcome"), "felt_anxiety=11&went=&outcome=attended").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains(&format!("id=\"felt_anxiety-{id}-error\"")), "named beside its field: {html}");
    assert!(html.contains("value=\"11\""), "what was typed is kept");
    let refused = listed(&app, &id).await;
    assert_eq!(refused["outcome"], "pending", "nothing written: {refused}");
    assert!(refused["prediction"]["felt_anxiety"].is_null(), "{refused}");
    let (_, interactions) = app.get_json("/api/v1/interactions").await;
    assert_eq!(interactions["interactions"].as_array().map(Vec::len), Some(0));

    let r = app.post_form(&format!("/plans/{id}/outcome"), "felt_anxiety=2&went=9&outcome=attended").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let done = listed(&app, &id).await;
    assert_eq!(done["outcome"], "attended", "{done}");
    assert_eq!(
        (done["prediction"]["felt_anxiety"].as_i64(), done["prediction"]["went"].as_i64()),
        (Some(2), Some(9))
    );
    assert_eq!(done["prediction"]["went_better"], "better");
    let (_, report) = app.get_json("/api/v1/ladder/report").await;
    assert_eq!((report["plans"]["done"].as_u64(), report["plans"]["better"].as_u64()), (Some(1), Some(1)));

    // A plan without a prediction keeps its one tap.
    let r = app.post_form(&format!("/plans/{plain}/outcome"), "outcome=attended").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(listed(&app, &plain).await["outcome"], "attended");
    let (_, html) = app.get("/plans").await;
    assert!(html.contains("It went better than you expected."), "how it went, on the plan: {html}");
}

#[tokio::test]
async fn a_predicted_plan_can_still_be_done_in_one_tap() {
    let app = with_sam().await;
    let predicted = plan_with_sam(&app, json!({"at": "-3h", "mode": "voice", "anxiety": 5})).await;
    let id = predicted["id"].as_str().expect("an id").to_owned();
    let r = app.post_form(&format!("/plans/{id}/outcome"), "felt_anxiety=&went=&outcome=attended").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let done = listed(&app, &id).await;
    assert_eq!(done["outcome"], "attended");
    assert!(done["prediction"]["felt_anxiety"].is_null(), "not checked: {done}");
}

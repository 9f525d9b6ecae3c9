//! The pages through the router: what a person sees, what a form does, and what is refused.

use crate::support::{App, app, body, now};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kith_core::*;
use kith_store::{Access, Location, Repo, Store};
use serde_json::json;

fn streak(html: &str) -> u32 {
    let at = html.find("data-streak=\"").expect("the streak is on the page") + 13;
    html[at..].split('"').next().and_then(|n| n.parse().ok()).expect("a number")
}

async fn first_person(app: &App) -> String {
    let (_, html) = app.get("/log").await;
    let at = html.find("name=\"person\" id=\"person-1\" value=\"").expect("a person button") + 35;
    html[at..at + 36].to_owned()
}

#[tokio::test]
async fn today_shows_one_a_day_reach_out_and_signals_with_their_evidence() {
    let app = app(true).await;
    let (status, html) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"streak\""), "{html}");
    assert!(html.contains("Who to reach out to"));
    assert!(html.contains("class=\"signal\""), "the demo year shows signals");
    assert!(html.contains("<summary>Evidence</summary>") && html.contains("<dt>Usually</dt>"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app(false).await;
    let r = app.send(Request::get("/").body(Body::empty()).expect("request")).await;
    let h = r.headers();
    let csp = h.get(header::CONTENT_SECURITY_POLICY).expect("csp").to_str().expect("ascii");
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'")
    );
    assert_eq!(h.get(header::REFERRER_POLICY).expect("referrer"), "no-referrer");
    assert_eq!(h.get(header::X_FRAME_OPTIONS).expect("frames"), "DENY");
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused_and_changes_nothing() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let (_, before) = app.get("/").await;
    let request = Request::post("/log")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:7070")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("person={person}&mode=voice&felt=1")))
        .expect("request");
    let r = app.send(request).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.headers().get(header::CONTENT_SECURITY_POLICY).is_some(),
        "the refusal carries the headers too"
    );
    let (_, after) = app.get("/").await;
    assert_eq!(streak(&before), streak(&after));
}

#[tokio::test]
async fn logging_through_the_form_moves_the_streak_on() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let (_, before) = app.get("/").await;
    let r = app.post_form("/log", &format!("person={person}&mode=voice&felt=1")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers().get(header::LOCATION).expect("redirect").to_str().expect("text").to_owned();
    assert!(to.starts_with("/?saved=logged&undo="), "{to}");
    let (_, after) = app.get(&to).await;
    assert!(after.contains("Logged."), "{after}");
    assert_eq!(streak(&after), streak(&before) + 1);
}

#[tokio::test]
async fn people_can_be_found_by_part_of_a_name_and_by_circle() {
    let app = app(true).await;
    let (_, people) = app.get_json("/api/v1/people").await;
    let list = people["people"].as_array().expect("people").clone();
    let first = list[0]["name"].as_str().expect("a name").to_owned();
    let part: String = first.chars().skip(1).take(3).collect::<String>().to_uppercase();
    let has = |v: &serde_json::Value| v.as_str().unwrap_or("").to_lowercase().contains(&part.to_lowercase());
    let named = |p: &&serde_json::Value| {
        p["archived"] != true
            && (has(&p["name"]) || p["aliases"].as_array().is_some_and(|a| a.iter().any(has)))
    };
    let (status, html) = app.get(&format!("/people?q={}", part.replace(' ', "+"))).await;
    assert_eq!(status, StatusCode::OK);
    let shown = html.matches("<li><div><a href=\"/people/").count();
    assert_eq!(shown, list.iter().filter(named).count(), "{part}");
    assert!(html.contains(&first), "{html}");
    let circle = list[0]["circle"].as_str().expect("a circle").to_owned();
    let (_, html) = app.get(&format!("/people?circle={circle}")).await;
    let in_circle = list.iter().filter(|p| p["circle"] == circle.as_str() && p["archived"] != true).count();
    assert_eq!(html.matches("<li><div><a href=\"/people/").count(), in_circle, "{circle}");
    let (_, none) = app.get("/people?q=zzzzqqq").await;
    assert!(none.contains("No one here matches"), "{none}");
}

#[tokio::test]
async fn one_log_can_be_with_several_people_at_once() {
    let app = app(true).await;
    let (_, html) = app.get("/log").await;
    let ids: Vec<String> = html
        .match_indices("name=\"person\" id=\"person-")
        .map(|(at, _)| {
            let v = at + html[at..].find("value=\"").expect("a value") + 7;
            html[v..v + 36].to_owned()
        })
        .take(2)
        .collect();
    assert_eq!(ids.len(), 2, "several people offered: {html}");
    assert!(html.contains("type=\"checkbox\" name=\"person\""), "chosen like chips, several at once");
    let (_, before) = app.get_json("/api/v1/interactions").await;
    let form =
        format!("person={}&person={}&new_person=Noor+Haddad&mode=in_person&note=picnic", ids[0], ids[1]);
    let r = app.post_form("/log", &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, after) = app.get_json("/api/v1/interactions").await;
    let list = |v: &serde_json::Value| v["interactions"].as_array().cloned().unwrap_or_default();
    assert_eq!(list(&after).len(), list(&before).len() + 1, "one interaction");
    let picnic = list(&after).into_iter().find(|i| i["note"] == "picnic").expect("the picnic");
    assert_eq!(picnic["people"].as_array().map(Vec::len), Some(3), "{picnic}");
}

#[tokio::test]
async fn a_bad_answer_is_shown_beside_its_field_and_what_was_typed_is_kept() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let future = app.post_form("/log", &format!("person={person}&mode=voice&at=tomorrow+18%3A00")).await;
    assert_eq!(future.status(), StatusCode::OK, "a time still to come is not logged");
    let html = body(future).await;
    assert!(html.contains("id=\"at-error\""), "{html}");
    assert!(html.contains("plans hold the future: add it on the Plans page"), "{html}");
    let r = app
        .post_form("/log", &format!("person={person}&mode=voice&minutes=lots&note=the+bakery&felt=1"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("id=\"minutes-error\""), "{html}");
    assert!(html.contains("“lots” doesn’t fit here"), "{html}");
    assert!(
        html.contains("value=\"lots\"") && html.contains(">the bakery</textarea>"),
        "kept what was typed"
    );
    assert!(html.contains(&format!("value=\"{person}\" checked")), "kept the person");
    assert!(html.contains("id=\"mode-voice\" value=\"voice\" checked"), "kept the mode");
}

#[tokio::test]
async fn a_check_in_is_saved_and_a_missing_answer_is_named() {
    let app = app(false).await;
    let r = app.post_form("/checkin", "energy=3&stress=2&capacity=2").await;
    let html = body(r).await;
    assert!(html.contains("id=\"mood-error\""), "{html}");
    assert!(!html.contains("id=\"stress-error\""), "stress may be left out: {html}");
    assert!(html.contains("id=\"energy-3\" value=\"3\" checked"), "kept the answers");
    let r =
        app.post_form("/checkin", "energy=3&mood=4&stress=2&capacity=2&restored=yes&affected=sleep").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/checkin").await;
    assert!(html.contains("checked in today already"));
    assert!(html.contains("id=\"affected-sleep\" value=\"sleep\" checked"));

    // Today's check-in can be taken back from the same page.
    assert!(html.contains("id=\"checkin-delete\""), "{html}");
    let r = app.post_form("/checkin/delete", "").await;
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/?saved=deleted");
    let (_, list) = app.get_json("/api/v1/checkins").await;
    assert_eq!(list["checkins"].as_array().map(Vec::len), Some(0), "{list}");
    let (_, html) = app.get("/checkin").await;
    assert!(!html.contains("checked in today already") && !html.contains("id=\"checkin-delete\""));
    let r = app.post_form("/checkin/delete", "").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "nothing left to delete");

    // An earlier day has its own check-in, opened by its date; a day to come has none.
    let r = app.post_form("/checkin", "date=-3d&mood=2&capacity=1").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.get_json("/api/v1/checkins").await;
    let three_days_ago = list["checkins"][0]["date"].as_str().expect("saved for that day").to_owned();
    let (_, html) = app.get(&format!("/checkin?date={three_days_ago}")).await;
    assert!(
        html.contains("This day has a check-in already")
            && html.contains("id=\"mood-2\" value=\"2\" checked"),
        "{html}"
    );
    assert!(
        html.contains(&format!("name=\"date\" value=\"{three_days_ago}\"")),
        "the form keeps the day: {html}"
    );
    let (_, today) = app.get("/checkin").await;
    assert!(!today.contains("checked in today already"), "today is still open: {today}");
    let (status, _) = app.get("/checkin?date=%2B2d").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a day still to come");
    let r = app.post_form("/checkin/delete", &format!("date={three_days_ago}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.get_json("/api/v1/checkins").await;
    assert_eq!(list["checkins"].as_array().map(Vec::len), Some(0), "{list}");
}

#[tokio::test]
async fn a_new_check_in_can_be_undone_from_its_thank_you_and_a_replacing_one_cannot() {
    let app = app(false).await;
    let r = app.post_form("/checkin/quick", "mood=4&capacity=3").await;
    let thanks =
        r.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).expect("redirect").to_owned();
    let (_, list) = app.get_json("/api/v1/checkins").await;
    let day = list["checkins"][0]["date"].as_str().expect("saved").to_owned();
    assert_eq!(thanks, format!("/?saved=checkin&undo_checkin={day}"));
    let (_, html) = app.get(&thanks).await;
    assert!(
        html.contains(&format!(
            "name=\"date\" value=\"{day}\"><button type=\"submit\" class=\"small\" id=\"undo\""
        )),
        "{html}"
    );

    // Answering again replaces the day's answers: nothing earlier could be brought back, so
    // no Undo is offered.
    let r = app.post_form("/checkin", "mood=3&capacity=2").await;
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/?saved=checkin");

    let r = app.post_form("/checkin/delete", &format!("date={day}")).await;
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/?saved=deleted");
    let (_, html) = app.get(&thanks).await;
    assert!(!html.contains("id=\"undo\""), "nothing left to undo: {html}");
}

#[tokio::test]
async fn the_quick_check_in_on_today_takes_two_answers_and_keeps_the_rest() {
    let app = app(false).await;
    let (_, html) = app.get("/").await;
    assert!(html.contains("id=\"quick-checkin\""), "offered before today's check-in: {html}");
    // A mood with no battery comes back on the whole form, the mood kept and the gap named.
    let html = body(app.post_form("/checkin/quick", "mood=4").await).await;
    assert!(
        html.contains("id=\"capacity-error\"") && html.contains("id=\"mood-4\" value=\"4\" checked"),
        "{html}"
    );

    let r = app.post_form("/checkin/quick", "mood=4&capacity=2").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/").await;
    assert!(!html.contains("id=\"quick-checkin\""), "gone once checked in: {html}");
    let (_, list) = app.get_json("/api/v1/checkins").await;
    let c = &list["checkins"][0];
    assert_eq!((c["mood"].as_i64(), c["capacity"].as_i64()), (Some(4), Some(2)));
    assert!(c["energy"].is_null() && c["stress"].is_null() && c["affected"].is_null(), "{c}");

    // Over a whole check-in, the quick one changes its two answers and keeps the others.
    app.post_form("/checkin", "energy=3&mood=4&stress=2&capacity=2&restored=no&affected=sleep").await;
    app.post_form("/checkin/quick", "mood=2&capacity=1").await;
    let (_, list) = app.get_json("/api/v1/checkins").await;
    let c = &list["checkins"][0];
    assert_eq!(list["checkins"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        (c["mood"].as_i64(), c["capacity"].as_i64(), c["energy"].as_i64()),
        (Some(2), Some(1), Some(3))
    );
    assert_eq!((c["affected"].clone(), c["alone_restored"].clone()), (json!(["sleep"]), json!(false)));
}

#[tokio::test]
async fn the_same_log_twice_is_asked_about_and_a_log_can_be_undone() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let form = format!("person={person}&mode=voice&minutes=20&felt=1&at=-1h");
    let r = app.post_form("/log", &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers().get(header::LOCATION).expect("redirect").to_str().expect("text").to_owned();
    assert!(to.starts_with("/?saved=logged&undo="), "{to}");
    let (_, today) = app.get(&to).await;
    assert!(today.contains("id=\"undo\""), "the thank-you offers Undo: {today}");
    let count = || async {
        let (_, list) = app.get_json("/api/v1/interactions").await;
        list["interactions"].as_array().map_or(0, Vec::len)
    };
    let before = count().await;

    // The same again: asked, not saved, what was typed kept.
    let html = body(app.post_form("/log", &form).await).await;
    assert!(html.contains("id=\"repeat\"") && html.contains("name=\"again\""), "{html}");
    assert_eq!(count().await, before, "not saved twice");
    let r = app.post_form("/log", &format!("{form}&again=1")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(count().await, before + 1, "saved when meant");

    // Undo takes it back.
    let again = r.headers().get(header::LOCATION).expect("redirect").to_str().expect("text").to_owned();
    let id = again.rsplit('=').next().expect("id").to_owned();
    let r = app.post_form(&format!("/interactions/{id}/delete"), "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(count().await, before);
    let (_, today) = app.get(&again).await;
    assert!(!today.contains("id=\"undo\""), "nothing left to undo");
}

#[tokio::test]
async fn an_entry_is_changed_and_deleted_from_the_person_page() {
    let app = app(false).await;
    let (_, sam) = app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    let sam = sam["id"].as_str().expect("id").to_owned();
    let (_, logged) = app
        .post_json("/api/v1/interactions", json!({"people": ["Sam Lee"], "mode": "call", "minutes": 20, "felt": 1, "at": "-2h", "tags": ["walk"]}))
        .await;
    let id = logged["id"].as_str().expect("id").to_owned();
    let (_, person) = app.get(&format!("/people/{sam}")).await;
    let edit = format!("/interactions/{id}/edit?back=/people/{sam}");
    assert!(person.contains(&edit.replace('&', "&amp;")), "each entry links to its edit page: {person}");
    let (status, form) = app.get(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("id=\"mode-voice\" value=\"voice\" checked") && form.contains("value=\"20\""),
        "{form}"
    );

    // A time still to come is refused beside its field; nothing changes.
    let html =
        body(app.post_form(&format!("/interactions/{id}/edit"), "mode=voice&at=%2B2d&minutes=20").await)
            .await;
    assert!(html.contains("id=\"at-error\""), "{html}");
    let r = app
        .post_form(
            &format!("/interactions/{id}/edit"),
            &format!("back=/people/{sam}&mode=in_person&at=-3h&minutes=50&felt=&tags=walk"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get(header::LOCATION).expect("redirect"),
        format!("/people/{sam}?saved=changed").as_str()
    );
    let (_, list) = app.get_json("/api/v1/interactions").await;
    let entry = &list["interactions"][0];
    assert_eq!(
        (entry["mode"].as_str(), entry["minutes"].as_i64(), entry["felt"].is_null()),
        (Some("in_person"), Some(50), true),
        "{entry}"
    );

    let r = app.post_form(&format!("/interactions/{id}/delete"), &format!("back=/people/{sam}")).await;
    assert_eq!(
        r.headers().get(header::LOCATION).expect("redirect"),
        format!("/people/{sam}?saved=deleted").as_str()
    );
    let (_, list) = app.get_json("/api/v1/interactions").await;
    assert_eq!(list["interactions"].as_array().map(Vec::len), Some(0));
    let r = app.post_form(&format!("/interactions/{id}/delete"), "back=//evil.example").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "gone already");
    let (status, _) = app.get(&format!("/interactions/{id}/edit")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_plan_is_changed_and_deleted_from_the_plans_page() {
    let app = app(false).await;
    app.post_json("/api/v1/people", json!({"name": "Sam Lee"})).await;
    let (_, plan) = app
        .post_json(
            "/api/v1/plans",
            json!({"people": ["Sam Lee"], "at": "+2d", "mode": "in_person", "note": "lunch"}),
        )
        .await;
    let id = plan["id"].as_str().expect("id").to_owned();
    let (_, plans) = app.get("/plans").await;
    assert!(
        plans.contains(&format!("href=\"/plans/{id}/edit\"")),
        "each plan coming up links to its page: {plans}"
    );
    let (status, form) = app.get(&format!("/plans/{id}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("id=\"plan-mode-in_person\" value=\"in_person\" checked")
            && form.contains("value=\"lunch\""),
        "{form}"
    );

    // An empty time is refused beside its field, and nothing changes.
    let html = body(app.post_form(&format!("/plans/{id}/edit"), "at=&mode=voice&note=call").await).await;
    assert!(
        html.contains("id=\"at-error\"") && html.contains("value=\"call\""),
        "what was typed is kept: {html}"
    );
    let r = app.post_form(&format!("/plans/{id}/edit"), "at=%2B3d&mode=voice&note=").await;
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/plans?saved=changed");
    let (_, list) = app.get_json("/api/v1/plans").await;
    let changed = &list["plans"][0];
    assert_eq!((changed["mode"].as_str(), changed["note"].is_null()), (Some("voice"), true), "{changed}");
    assert_ne!(changed["start"], plan["start"], "moved a day later");

    let r = app.post_form(&format!("/plans/{id}/delete"), "").await;
    assert_eq!(r.headers().get(header::LOCATION).expect("redirect"), "/plans?saved=deleted");
    let (_, list) = app.get_json("/api/v1/plans").await;
    assert_eq!(list["plans"].as_array().map(Vec::len), Some(0));
    let (status, _) = app.get(&format!("/plans/{id}/edit")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone");
}

#[tokio::test]
async fn a_plan_cancelled_late_keeps_how_much_notice_it_gave() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let r = app.post_form("/plans", &format!("people={person}&at=%2B3h&mode=in_person&note=coffee")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/plans").await;
    let at = html.find("(coffee)").expect("the new plan is listed");
    let form = html[..at].rfind("data-plan=\"").expect("its id") + 11;
    let id = &html[form..form + 36];
    // The thank-you offers to take the new plan back, and only while it is there.
    let thanks =
        r.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).expect("redirect").to_owned();
    assert_eq!(thanks, format!("/plans?saved=planned&undo={id}"));
    let (_, html) = app.get(&thanks).await;
    assert!(
        html.contains(&format!(
            "action=\"/plans/{id}/delete\"><button type=\"submit\" class=\"small\" id=\"undo\""
        )),
        "{html}"
    );
    let r = app.post_form(&format!("/plans/{id}/outcome"), "outcome=cancelled_by_me").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/plans?saved=cancelled_by_me").await;
    assert!(html.contains("Saying no is allowed"));
    assert!(html.contains("cancelled by me, 3 hours before the start"), "{html}");
    let r = app.post_form(&format!("/plans/{id}/outcome"), "outcome=attended").await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "a settled plan stays settled");
}

#[tokio::test]
async fn a_plan_still_to_come_offers_only_what_can_happen_to_it_yet() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let r =
        app.post_form("/plans", &format!("people={person}&at=%2B3h&mode=in_person&note=tea&anxiety=6")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/plans").await;
    assert!(
        html.find("Make a plan").expect("the form") < html.find("Coming up").expect("the list"),
        "the form comes first"
    );
    let at = html.find("(tea)").expect("the new plan is listed");
    let item = &html[at..at + html[at..].find("</li>").expect("its end")];
    assert!(item.contains("value=\"cancelled_by_me\"") && item.contains("value=\"rescheduled\""), "{item}");
    assert!(
        !item.contains("value=\"attended\"") && !item.contains("value=\"no_show\""),
        "not done or missed before it starts: {item}"
    );
    assert!(!item.contains("felt_anxiety"), "how it felt is asked once it has started: {item}");
}

#[tokio::test]
async fn a_plan_added_on_the_page_can_carry_a_prediction() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let (_, form) = app.get("/plans").await;
    assert!(
        form.contains("id=\"plan-anxiety\"") && form.contains("id=\"plan-expect\""),
        "the fields are offered"
    );
    let r = app.post_form("/plans", &format!("people={person}&at=%2B3h&mode=voice&expect=4")).await;
    assert_eq!(r.status(), StatusCode::OK, "shown again with the problem");
    let (_, list) = app.get_json("/api/v1/plans").await;
    let before = list["plans"].as_array().map(Vec::len);
    let r = app.post_form("/plans", &format!("people={person}&at=%2B3h&mode=voice&anxiety=11")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app.post_form("/plans", &format!("people={person}&at=%2B3h&mode=voice&anxiety=7&expect=4")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.get_json("/api/v1/plans").await;
    let plans = list["plans"].as_array().expect("plans");
    assert_eq!(Some(plans.len()), before.map(|n| n + 1), "only the valid one was added");
    let added = plans.iter().find(|p| !p["prediction"].is_null()).expect("the plan with its prediction");
    assert_eq!(
        (added["prediction"]["anxiety"].as_i64(), added["prediction"]["expected"].as_i64()),
        (Some(7), Some(4))
    );
}

#[tokio::test]
async fn the_people_map_and_report_pages_draw_charts_with_text_alternatives() {
    let app = app(true).await;
    let person = first_person(&app).await;
    for path in
        ["/people", &format!("/people/{person}"), "/map", "/report", "/report?period=month", "/settings"]
    {
        let (status, html) = app.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        if path != "/people" && path != "/settings" {
            assert!(
                html.contains("<svg") && html.contains("role=\"img\"") && html.contains("<desc"),
                "{path}"
            );
        }
    }
    let (status, _) = app.get("/people/00000000-0000-0000-0000-000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn support_contacts_saved_in_settings_appear_on_the_support_card() {
    let app = app(true).await;
    let (_, html) = app.get("/settings").await;
    assert!(html.contains("window_days = 90"), "the numbers in force are shown");
    let r = app
        .post_form(
            "/settings",
            "contacts=Dr+Okafor%3A+0161+555+0101&numbers=%5Bmap%5D%0Awindow_days+%3D+%22soon%22",
        )
        .await;
    let html = body(r).await;
    assert!(html.contains("id=\"numbers-error\"") && html.contains("Line 2"), "{html}");
    assert!(html.contains("<details class=\"as-text\" open>"), "the text box with the error is open");
    assert!(html.contains("Dr Okafor: 0161 555 0101</textarea>"), "kept what was typed");
    let r = app
        .post_form("/settings", "contacts=Dr+Okafor%3A+0161+555+0101&numbers=%5Bmap%5D%0Awindow_days+%3D+60")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/settings").await;
    assert!(html.contains("window_days = 60"));
    let (_, today) = app.get("/").await;
    assert!(today.contains("<strong>Dr Okafor</strong>: 0161 555 0101"), "{today}");
}

#[tokio::test]
async fn the_numbers_form_changes_one_rule_and_names_a_refused_value_beside_its_field() {
    let app = app(true).await;
    let (_, today) = app.get("/").await;
    assert!(!today.contains("No one is waiting on you today"), "the demo has people to reach out to");
    let (_, html) = app.get("/settings").await;
    assert!(html.contains("id=\"set-reach_out-max_people\""), "a field per number");
    assert!(html.contains("id=\"set-map-window_days-help\""), "each with its words");

    // A value that does not fit: named beside its field, its group open, nothing saved.
    let html =
        body(app.post_form("/settings/numbers", "reach_out.max_people=0&signals.recent_days=two").await)
            .await;
    assert!(html.contains("id=\"set-signals-recent_days-error\""), "{html}");
    assert!(html.contains("id=\"group-signals\" open"), "the group with the error is open");
    assert!(html.contains("value=\"two\""), "kept what was typed");
    let (_, today) = app.get("/").await;
    assert!(!today.contains("No one is waiting on you today"), "nothing was saved");

    let r = app.post_form("/settings/numbers", "reach_out.max_people=0").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, today) = app.get("/").await;
    assert!(today.contains("No one is waiting on you today"), "the rule follows the new number");
    let (_, html) = app.get("/settings").await;
    assert!(html.contains("max_people = 0"), "the text box shows the same numbers");
    assert!(html.contains("Who to reach out to <span class=\"muted\">(1 changed)</span>"), "{html}");
    // Emptied, a field goes back to its default.
    app.post_form("/settings/numbers", "reach_out.max_people=").await;
    let (_, today) = app.get("/").await;
    assert!(!today.contains("No one is waiting on you today"));
}

#[tokio::test]
async fn the_calendar_feed_needs_the_current_token() {
    let app = app(true).await;
    let (_, html) = app.get("/settings").await;
    let at = html.find("/calendar.ics?token=").expect("the feed address") + 20;
    let token = html[at..].split('"').next().expect("token").to_owned();
    let (status, _) = app.get("/calendar.ics").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, ics) = app.get(&format!("/calendar.ics?token={token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("SUMMARY:Reach out to "), "reach-out reminders");
    assert!(ics.contains("UID:plan-"), "plans");
    let r = app.post_form("/settings/feed", "").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = app.get(&format!("/calendar.ics?token={token}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the old address stops working");
}

#[tokio::test]
async fn a_write_from_another_process_shows_up_without_a_restart() {
    let app = app(false).await;
    let (_, before) = app.get("/people").await;
    assert!(!before.contains("Zanele"));
    // The CLI writing the same file: another connection entirely.
    let Location::Sqlite(path) = app.state.config().location.clone() else { panic!("sqlite") };
    let mut store = Store::open(&Location::Sqlite(path)).await.expect("open");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&Person {
        id: PersonId::from_random_bytes([7; 16]),
        name: PersonName::parse("Zanele").expect("valid"),
        circle: Circle::Friend,
        cadence: None,
        aliases: Vec::new(),
        note: None,
        archived: false,
        snoozed_until: None,
        created_at: now().timestamp(),
    })
    .await
    .expect("insert");
    tx.commit().await.expect("commit");
    let (_, after) = app.get("/people").await;
    assert!(after.contains("Zanele"));
}

#[tokio::test]
async fn a_request_for_another_host_name_is_refused() {
    let app = app(false).await;
    let r = app
        .send(Request::get("/").header("host", "rebound.example:7070").body(Body::empty()).expect("request"))
        .await;
    assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST);
    let r = app
        .send(Request::get("/").header("host", "localhost:7070").body(Body::empty()).expect("request"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn moving_a_plan_to_a_time_that_does_not_parse_keeps_it_beside_the_plan() {
    let app = app(true).await;
    let person = first_person(&app).await;
    app.post_form("/plans", &format!("people={person}&at=%2B1d&mode=voice&note=to+move")).await;
    let (_, html) = app.get("/plans").await;
    let at = html.find("(to move)").expect("the new plan");
    let form = html[..at].rfind("data-plan=\"").expect("its id") + 11;
    let id = html[form..form + 36].to_owned();
    let r = app.post_form(&format!("/plans/{id}/outcome"), "outcome=rescheduled&to=whenever").await;
    let html = body(r).await;
    assert!(html.contains("“whenever” doesn’t fit here"), "{html}");
    assert!(html.contains("value=\"whenever\" aria-invalid=\"true\""), "kept what was typed");
    let r = app.post_form(&format!("/plans/{id}/outcome"), "outcome=rescheduled&to=%2B2d").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/plans").await;
    assert!(html.contains("moved"), "the old plan is kept as moved");
}

/// Words of diagnosis never appear on a page or in the API, on a demo year that ends in a hard
/// stretch (signals raised, the support card shown).
#[tokio::test]
async fn no_page_or_api_answer_uses_words_of_diagnosis() {
    let app = app(true).await;
    let mut all = String::new();
    for page in ["/", "/map", "/report", "/people", "/plans", "/ladder", "/checkin", "/log", "/settings"] {
        let (status, html) = app.get(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        all.push_str(&html);
    }
    for api in ["/api/v1/today", "/api/v1/signals", "/api/v1/map", "/api/v1/score", "/api/v1/report"] {
        let (status, json) = app.get_json(api).await;
        assert_eq!(status, StatusCode::OK, "{api}");
        all.push_str(&json.to_string());
    }
    assert!(all.contains("class=\"signal\""), "the demo's hard stretch shows signals");
    // The footer's promise is the one place the word may stand.
    let all = all.to_lowercase().replace("it never diagnoses", "");
    for word in ["symptom", "diagnos", "disorder", "depress", "burnout"] {
        assert!(!all.contains(word), "found {word:?}");
    }
}

#[tokio::test]
async fn every_page_names_the_icon_it_is_served_with() {
    let app = app(false).await;
    let (_, html) = app.get("/").await;
    assert!(html.contains("<link rel=\"icon\" href=\"/favicon.svg\""), "{html}");
    let r = app.send(Request::get("/favicon.svg").body(Body::empty()).expect("request")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers().get(header::CONTENT_TYPE).expect("a type"), "image/svg+xml");
    assert!(body(r).await.starts_with("<svg"));
}

/// A browser that accepts gzip gets pages and answers gzipped, the same once unpacked as
/// what one that does not ask gets.
#[tokio::test]
async fn pages_and_answers_are_gzipped_for_a_browser_that_asks() {
    use http_body_util::BodyExt;
    use std::io::Read;
    let app = app(true).await;
    for path in ["/", "/api/v1/today", "/static/kith.css"] {
        let (_, plain) = app.get(path).await;
        let request =
            Request::get(path).header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).expect("request");
        let r = app.send(request).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(
            r.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()),
            Some(&b"gzip"[..]),
            "{path}"
        );
        let packed = r.into_body().collect().await.expect("a body").to_bytes();
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&packed[..]).read_to_string(&mut unpacked).expect("gzip");
        assert!(packed.len() < plain.len(), "{path}: {} packed against {} plain", packed.len(), plain.len());
        assert_eq!(unpacked, plain, "{path}");
    }
}

/// The welcome card's steps, in order, each with whether it shows as done; `None` when
/// there is no welcome on the page.
fn welcome_steps(html: &str) -> Option<Vec<(String, bool)>> {
    let start = html.find("id=\"welcome\"")?;
    let card = &html[start..start + html[start..].find("</section>").expect("the card ends")];
    let steps = card
        .match_indices("<li data-step=\"")
        .map(|(at, _)| {
            let li = &card[at..at + card[at..].find("</li>").expect("the step ends")];
            let done = li.contains("data-done=\"true\"");
            assert_eq!(done, li.contains("✓</span> Done"), "done shows as a mark and words: {li}");
            (li.to_owned(), done)
        })
        .collect();
    Some(steps)
}

#[tokio::test]
async fn an_empty_database_is_welcomed_until_there_is_someone_and_a_first_log() {
    let app = app(false).await;
    let (status, html) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    let steps = welcome_steps(&html).expect("the welcome on an empty database");
    assert_eq!(steps.len(), 3, "{html}");
    for (step, href) in steps.iter().zip(["/people#add-person", "/import", "/log"]) {
        assert!(step.0.contains(&format!("href=\"{href}\"")), "{href} in {}", step.0);
        assert!(!step.1, "nothing is done yet: {}", step.0);
    }
    assert!(html.find("id=\"welcome\"") < html.find("id=\"one-a-day\""), "the welcome comes first");
    assert!(html.contains("id=\"streak\"") && html.contains("id=\"signals\""), "the rest of Today stays");

    let r = app.post_form("/people", "name=Sam+Lee&circle=friend").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/").await;
    let done: Vec<bool> =
        welcome_steps(&html).expect("still welcomed before a first log").iter().map(|s| s.1).collect();
    assert_eq!(done, [true, true, false], "someone is here; nothing logged yet");

    let person = first_person(&app).await;
    let r = app.post_form("/log", &format!("person={person}&mode=voice&felt=1")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/").await;
    assert!(welcome_steps(&html).is_none(), "no welcome once someone is here and logged: {html}");
    assert!(html.contains("id=\"streak\""));
}

/// An interaction older than the window Today reads still counts: a history that starts
/// years ago is not greeted as new.
#[tokio::test]
async fn an_old_history_is_not_welcomed_as_new() {
    let app = app(false).await;
    let (status, _) = app.post_json("/api/v1/people", serde_json::json!({"name": "Sam Lee"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, html) = app.get("/").await;
    assert!(welcome_steps(&html).is_some(), "someone, but nothing logged yet");
    let (status, logged) = app
        .post_json(
            "/api/v1/interactions",
            serde_json::json!({"people": ["sam"], "mode": "voice", "at": "2016-03-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{logged}");
    let (_, html) = app.get("/").await;
    assert!(welcome_steps(&html).is_none(), "a call ten years ago is a first connection: {html}");
}

/// Birthdays kept from contacts show on the person page and come as yearly all-day events
/// in the calendar feed, with or without the year.
#[tokio::test]
async fn birthdays_show_on_the_person_page_and_in_the_calendar_feed() {
    let app = app(false).await;
    let (_, sam) = app.post_json("/api/v1/people", serde_json::json!({"name": "Sam Lee"})).await;
    let (_, ana) = app.post_json("/api/v1/people", serde_json::json!({"name": "Ana"})).await;
    let id = |v: &serde_json::Value| v["id"].as_str().expect("an id").parse::<PersonId>().expect("a uuid");
    let (sam, ana) = (id(&sam), id(&ana));
    let Location::Sqlite(path) = app.state.config().location.clone() else { panic!("sqlite") };
    let mut store = Store::open(&Location::Sqlite(path)).await.expect("open");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.set_birthday(sam, Some(Birthdate::parse("1990-04-15").expect("valid"))).await.expect("saved");
    tx.set_birthday(ana, Some(Birthdate::parse("--02-29").expect("valid"))).await.expect("saved");
    tx.commit().await.expect("commit");

    let (_, html) = app.get(&format!("/people/{sam}")).await;
    assert!(html.contains("<dt>Birthday</dt><dd>15 April 1990</dd>"), "{html}");
    let (_, html) = app.get(&format!("/people/{ana}")).await;
    assert!(html.contains("<dt>Birthday</dt><dd>29 February</dd>"), "{html}");
    // Changed from elsewhere (another connection, as the command line would), the page that
    // was already shown says the new day at once.
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.set_birthday(sam, Some(Birthdate::parse("1990-04-16").expect("valid"))).await.expect("saved");
    tx.commit().await.expect("commit");
    let (_, html) = app.get(&format!("/people/{sam}")).await;
    assert!(html.contains("<dt>Birthday</dt><dd>16 April 1990</dd>"), "{html}");

    let (_, settings) = app.get("/settings").await;
    let at = settings.find("/calendar.ics?token=").expect("the feed address") + 20;
    let token = settings[at..].split('"').next().expect("token").to_owned();
    let (_, ics) = app.get(&format!("/calendar.ics?token={token}")).await;
    let sam_event = format!(
        "UID:birthday-{sam}@kith\r\nDTSTAMP:20261124T080000Z\r\nDTSTART;VALUE=DATE:19900416\r\nDTEND;VALUE=DATE:19900417\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Sam Lee's birthday\r\n"
    );
    assert!(ics.contains(&sam_event), "{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20000229\r\nDTEND;VALUE=DATE:20000301\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Ana's birthday"), "{ics}");
}

/// Every form error on a page is tied to its field for a screen reader: the error has an
/// id, a field or group points at it with `aria-describedby`, and every field marked
/// `aria-invalid` points at an error that exists.
fn assert_errors_tied_to_fields(html: &str, what: &str) {
    let tag_around = |at: usize| -> &str {
        let start = html[..at].rfind('<').expect("a tag");
        &html[start..at + html[at..].find('>').expect("the tag ends")]
    };
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..].split('"').next().unwrap_or_default().to_owned())
    };
    let mut errors = 0;
    for (at, _) in html.match_indices("class=\"error\"") {
        let tag = tag_around(at);
        let id = attr(tag, "id").unwrap_or_else(|| panic!("{what}: an error without an id: {tag}"));
        assert!(
            html.match_indices("aria-describedby=\"").any(|(i, _)| {
                html[i + 18..].split('"').next().unwrap_or_default().split(' ').any(|r| r == id)
            }),
            "{what}: no field points at the error {id}"
        );
        errors += 1;
    }
    assert!(errors > 0, "{what}: the bad form shows its errors");
    for (at, _) in html.match_indices("aria-invalid=\"true\"") {
        let tag = tag_around(at);
        let refs =
            attr(tag, "aria-describedby").unwrap_or_else(|| panic!("{what}: {tag} has no description"));
        for r in refs.split(' ') {
            assert!(html.contains(&format!("id=\"{r}\"")), "{what}: {tag} points at a missing {r}");
        }
    }
}

#[tokio::test]
async fn every_form_error_is_tied_to_its_field() {
    let app = app(true).await;
    let person = first_person(&app).await;
    let forms = [
        ("/log", format!("person={person}&mode=voice&minutes=lots&felt=1")),
        ("/log", format!("person={person}&mode=voice&felt=9")),
        ("/checkin", "energy=9&mood=4&capacity=2".to_owned()),
        ("/checkin/quick", "capacity=2".to_owned()),
        ("/settings/numbers", "map.window_days=ninety".to_owned()),
        ("/plans", "at=someday&anxiety=12".to_owned()),
        ("/people", "name=&cadence=9999".to_owned()),
        ("/away", "from=&to=someday".to_owned()),
        ("/ladder", "title=&difficulty=11&mode=voice".to_owned()),
        ("/thoughts", "situation=Sam+did+not+reply&thought=&belief=150".to_owned()),
    ];
    for (path, form) in forms {
        let html = body(app.post_form(path, &form).await).await;
        assert_errors_tied_to_fields(&html, &format!("{path} {form}"));
    }
    let r = app.post_form("/plans", &format!("people={person}&at=%2B3h&mode=in_person&note=tea")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get("/plans").await;
    let at = html.find("(tea)").expect("the new plan is listed");
    let form = html[..at].rfind("data-plan=\"").expect("its id") + 11;
    let id = &html[form..form + 36];
    let html =
        body(app.post_form(&format!("/plans/{id}/outcome"), "outcome=rescheduled&to=whenever").await).await;
    assert_errors_tied_to_fields(&html, "moving a plan to whenever");
}

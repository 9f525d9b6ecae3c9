//! A server that survives faults: a database that goes away and comes back (PostgreSQL
//! restarted, a SQLite disk that fills up and is freed), honest answers while it is away,
//! request logs, no caching of personal pages, and a feed that refuses a wrong token at once.

use crate::support::{App, Logs, PrivatePostgres, app, body};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kith_store::{Access, Location, Store};
use kith_web::{AppState, Clock, Config};
use std::time::{Duration, Instant};

#[tokio::test]
async fn pages_and_api_answers_are_not_kept_by_caches() {
    let app = app(true).await;
    for path in
        ["/", "/people", "/map", "/report", "/settings", "/api/v1/people", "/api/v1/today", "/no-such-page"]
    {
        let r = app.send(Request::get(path).body(Body::empty()).expect("request")).await;
        assert_eq!(
            r.headers().get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap_or_default()),
            Some("no-store"),
            "{path} answered {}",
            r.status()
        );
    }
    let r = app.post_form("/people", "name=Robin+Vale").await;
    assert_eq!(r.headers().get(header::CACHE_CONTROL).expect("cache-control"), "no-store");
    let r = app.send(Request::get("/static/kith.css").body(Body::empty()).expect("request")).await;
    assert_eq!(
        r.headers().get(header::CACHE_CONTROL).expect("cache-control"),
        "max-age=3600",
        "the stylesheet may be kept"
    );
}

#[tokio::test]
async fn a_wrong_feed_token_is_refused_while_another_writer_holds_the_database() {
    let app = app(false).await;
    // The address is made (a write) before anything else holds the database.
    let (status, settings) = app.get("/settings").await;
    assert_eq!(status, StatusCode::OK);
    let token =
        settings.split("token=").nth(1).and_then(|t| t.get(..64)).expect("the feed address").to_owned();

    let mut writer = Store::open(&app.state.config().location).await.expect("open");
    let tx = writer.begin(Access::Write).await.expect("take the write lock");
    let started = Instant::now();
    for wrong in ["/calendar.ics?token=not-the-token", "/calendar.ics"] {
        let (status, text) = tokio::time::timeout(Duration::from_secs(5), app.get(wrong))
            .await
            .expect("a wrong token is answered without waiting for the writer");
        assert_eq!(status, StatusCode::NOT_FOUND, "{text}");
    }
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    drop(tx);
    let (status, feed) = app.get(&format!("/calendar.ics?token={token}")).await;
    assert_eq!(status, StatusCode::OK, "{feed}");
    assert!(feed.starts_with("BEGIN:VCALENDAR"));
}

#[tokio::test]
async fn a_feed_token_that_was_never_made_matches_nothing() {
    let app = app(false).await;
    let (status, _) = app.get("/calendar.ics?token=").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_request_is_logged_with_its_route_template_and_never_its_words() {
    let logs = Logs::capture();
    let app = app(true).await;
    let r = app.post_form("/people", "name=Marguerite+Okonkwo&circle=friend").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, people) = app.get_json("/api/v1/people").await;
    assert_eq!(status, StatusCode::OK);
    let id = people["people"][0]["id"].as_str().expect("an id").to_owned();
    let (status, _) = app.get(&format!("/people/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get("/calendar.ics?token=secret-looking-words").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let text = logs.text();
    for line in [
        "method=POST route=\"/people\" status=303",
        "method=GET route=\"/api/v1/people\" status=200",
        "method=GET route=\"/people/{id}\" status=200",
        "method=GET route=\"/calendar.ics\" status=404",
    ] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }
    assert!(text.lines().filter(|l| l.contains("route=")).all(|l| l.contains(" ms=")), "{text}");
    for private in ["Marguerite", "Okonkwo", &id, "secret-looking-words", "token"] {
        assert!(!text.contains(private), "{private:?} leaked into the log:\n{text}");
    }
}

/// Whether a server answer says the database is out of reach, as the contract has it.
async fn assert_unavailable(r: axum::http::Response<Body>, what: &str) -> String {
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{what}");
    assert!(r.headers().get(header::RETRY_AFTER).is_some(), "{what}: no Retry-After");
    assert_eq!(r.headers().get(header::CACHE_CONTROL).expect("cache-control"), "no-store", "{what}");
    body(r).await
}

/// A form post failed while the database was away: the page says so and keeps the form.
fn assert_not_saved(page: &str, action: &str, kept: &[(&str, &str)]) {
    assert!(page.contains("This was not saved"), "{page}");
    assert!(page.contains("kith cannot reach its database; it will try again"), "{page}");
    assert!(!page.contains("was lost"), "{page}");
    assert!(page.contains(&format!("<form method=\"post\" action=\"{action}\">")), "{page}");
    for (name, value) in kept {
        assert!(
            page.contains(&format!("<input type=\"hidden\" name=\"{name}\" value=\"{value}\">")),
            "{name}={value} not kept: {page}"
        );
    }
    assert!(page.contains("Send again"), "{page}");
}

/// Asks until the answer is no longer 503, for at most `within`; returns how long it took.
async fn recovered(app: &App, path: &str, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let (status, text) = app.get(path).await;
        if status == StatusCode::OK {
            return started.elapsed();
        }
        assert!(started.elapsed() < within, "{path} still answers {status} after {within:?}: {text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn postgres_restarting_gives_503_then_recovers_without_restarting_kith() {
    let Some(mut pg) = PrivatePostgres::launch() else { return };
    let logs = Logs::capture();
    let dir = tempfile::tempdir().expect("temp dir");
    let state = AppState::open(Config {
        location: Location::Postgres(pg.url()),
        settings_path: dir.path().join("settings.toml"),
        clock: Clock::Fixed(crate::support::now()),
        allow_remote: false,
    })
    .await
    .expect("open the app on PostgreSQL");
    let app = App::over(state, dir);
    // Several connections in the pool, all of which the restart breaks.
    let (a, b, c) =
        tokio::join!(app.get_json("/api/v1/people"), app.get("/people"), app.get_json("/api/v1/today"));
    assert_eq!((a.0, b.0, c.0), (StatusCode::OK, StatusCode::OK, StatusCode::OK));
    let (status, _) = app.post_json("/api/v1/people", serde_json::json!({"name": "Robin Vale"})).await;
    assert_eq!(status, StatusCode::CREATED);

    pg.stop();
    let r = app.send(Request::get("/people").body(Body::empty()).expect("request")).await;
    let page = assert_unavailable(r, "a page").await;
    assert!(page.contains("kith cannot reach its database; it will try again"), "{page}");
    assert!(page.contains("http-equiv=\"refresh\""), "the page tries again on its own: {page}");
    let (status, json) = app.post_json("/api/v1/people", serde_json::json!({"name": "Sam Reed"})).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(json["error"]["code"], "unavailable", "{json}");
    let message = json["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("kith cannot reach its database") && message.contains("Nothing was saved"),
        "{json}"
    );
    let r = app.post_form("/people", "name=Sam+Reed&circle=family").await;
    let page = assert_unavailable(r, "a form").await;
    assert_not_saved(&page, "/people", &[("name", "Sam Reed"), ("circle", "family")]);
    assert!(page.contains("<dt>Name</dt><dd>Sam Reed</dd>"), "what was typed is shown in words: {page}");

    pg.start();
    let took = recovered(&app, "/api/v1/people", Duration::from_secs(2)).await;
    eprintln!("PostgreSQL: answered again {took:?} after the server was back");
    for path in ["/people", "/", "/api/v1/today", "/map"] {
        let (status, text) = app.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {text}");
    }
    // The same form, sent again from the page, now saves.
    let r = app.post_form("/people", "name=Sam+Reed&circle=family").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, people) = app.get_json("/api/v1/people").await;
    let names: Vec<_> =
        people["people"].as_array().into_iter().flatten().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Sam Reed") && names.contains(&"Robin Vale"), "{names:?}");

    let text = logs.text();
    let line = text.lines().find(|l| l.contains("status=503") && l.contains("route=\"/people\""));
    assert!(line.is_some_and(|l| l.contains("cause=")), "a 503 is logged with its cause:\n{text}");
    eprintln!("{}", line.unwrap_or_default());
}

#[tokio::test]
async fn a_full_sqlite_disk_gives_503_then_recovers_once_space_is_freed() {
    let Some(disk) = crate::support::SmallDisk::mount(4) else { return };
    let logs = Logs::capture();
    let state = AppState::open(Config {
        location: Location::Sqlite(disk.path().join("kith.db")),
        settings_path: disk.path().join("settings.toml"),
        clock: Clock::Fixed(crate::support::now()),
        allow_remote: false,
    })
    .await
    .expect("open the app");
    let app = App::over(state, tempfile::tempdir().expect("temp dir"));
    let r = app.post_form("/people", "name=Robin+Vale").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    disk.fill();
    // The write-ahead log may still have room for a few writes; the disk gives out soon.
    let mut failed = None;
    for n in 0..400 {
        let r = app.post_form("/people", &format!("name=Friend+{n}&circle=friend")).await;
        if r.status() != StatusCode::SEE_OTHER {
            failed = Some((n, r));
            break;
        }
    }
    let (n, r) = failed.expect("a write fails once the disk is full");
    let page = assert_unavailable(r, "a form on a full disk").await;
    assert_not_saved(&page, "/people", &[("name", &format!("Friend {n}")), ("circle", "friend")]);
    let (status, json) = app.post_json("/api/v1/people", serde_json::json!({"name": "Sam Reed"})).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(json["error"]["code"], "unavailable", "{json}");

    disk.free();
    let started = Instant::now();
    loop {
        let r = app.post_form("/people", &format!("name=Friend+{n}&circle=friend")).await;
        if r.status() == StatusCode::SEE_OTHER {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(2), "writes still fail with {}", r.status());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("SQLite: wrote again {:?} after space was freed", started.elapsed());
    let (status, json) = app.post_json("/api/v1/people", serde_json::json!({"name": "Sam Reed"})).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let (_, people) = app.get_json("/api/v1/people").await;
    let count = people["people"].as_array().map_or(0, Vec::len);
    assert_eq!(count, n + 3, "Robin, the friends before the disk filled, the one sent again, and Sam");

    let text = logs.text();
    let line = text.lines().find(|l| l.contains("status=503") && l.contains("route=\"/people\""));
    assert!(line.is_some_and(|l| l.contains("full")), "a 503 is logged with its cause:\n{text}");
    eprintln!("{}", line.unwrap_or_default());
}

#[tokio::test]
async fn the_openapi_document_gives_every_operation_its_503() {
    let app = app(false).await;
    let (_, doc) = app.get_json("/api/openapi.json").await;
    let mut seen = 0;
    for (path, operations) in doc["paths"].as_object().expect("paths") {
        let operations = operations.as_object().expect("operations");
        for (method, operation) in
            operations.iter().filter(|(m, _)| ["get", "post", "patch", "delete"].contains(&m.as_str()))
        {
            let answer = &operation["responses"]["503"];
            assert!(answer["headers"]["Retry-After"].is_object(), "{method} {path}: {operation}");
            seen += 1;
        }
    }
    assert!(seen > 20, "{seen} operations");
}

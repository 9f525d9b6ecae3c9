//! A demo database in a temporary folder, the app over it, and requests through the router.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use jiff::Zoned;
use kith_core::{DemoData, PlanId};
use kith_store::{Access, Location, Repo, Store};
use kith_web::{AppState, Clock, Config};
use std::collections::HashSet;
use tower::ServiceExt;

/// When the demo was made; the server's clock stands at [`now`], the next morning, so
/// today starts with nothing logged yet.
pub fn made_at() -> Zoned {
    "2026-11-23T12:00:00+00:00[Europe/London]".parse().expect("valid")
}

pub fn now() -> Zoned {
    "2026-11-24T08:00:00+00:00[Europe/London]".parse().expect("valid")
}

/// The seed whose generated year shows several signals at [`now`].
pub const SEED: u64 = 5;

pub struct App {
    pub state: AppState,
    pub router: Router,
    _dir: tempfile::TempDir,
}

pub async fn fill(location: &Location, data: &DemoData) {
    let mut store = Store::open(location).await.expect("open");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    for p in &data.people {
        tx.insert_person(p).await.expect("person");
    }
    let mut done: HashSet<PlanId> = HashSet::new();
    let mut left: Vec<_> = data.plans.iter().collect();
    while !left.is_empty() {
        let (ready, rest): (Vec<_>, Vec<_>) =
            left.into_iter().partition(|p| p.moved_from.is_none_or(|m| done.contains(&m)));
        assert!(!ready.is_empty(), "moved plans refer to plans that exist");
        for p in ready {
            tx.insert_plan(p).await.expect("plan");
            done.insert(p.id);
        }
        left = rest;
    }
    for i in &data.interactions {
        tx.insert_interaction(i).await.expect("interaction");
    }
    for c in &data.checkins {
        tx.put_checkin(c).await.expect("checkin");
    }
    tx.commit().await.expect("commit");
    store.close().await.expect("close");
}

/// The app over a fresh demo year (or an empty database), with the clock fixed.
pub async fn app(demo: bool) -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let location = Location::Sqlite(dir.path().join("kith.db"));
    if demo {
        fill(&location, &kith_core::demo_year(SEED, &made_at())).await;
    }
    let config = Config {
        location,
        settings_path: dir.path().join("settings.toml"),
        clock: Clock::Fixed(now()),
        allow_remote: false,
    };
    let state = AppState::open(config).await.expect("open the app");
    App { router: kith_web::router(state.clone()), state, _dir: dir }
}

impl App {
    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.expect("the router answers")
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self.send(Request::get(path).body(Body::empty()).expect("request")).await;
        (r.status(), body(r).await)
    }

    /// A form post as a browser on the same site sends it.
    pub async fn post_form(&self, path: &str, form: &str) -> Response<Body> {
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "127.0.0.1:7070")
            .header("origin", "http://127.0.0.1:7070")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(form.to_owned()))
            .expect("request");
        self.send(request).await
    }

    /// A multipart form post (a file upload) as a browser on the same site sends it.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Response<Body> {
        let request = Request::post(path)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .header("host", "127.0.0.1:7070")
            .header("origin", "http://127.0.0.1:7070")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(multipart(fields, file)))
            .expect("request");
        self.send(request).await
    }

    /// The file as the body of an API request.
    pub async fn post_file(&self, path: &str, file: &[u8]) -> (StatusCode, serde_json::Value) {
        let request = Request::post(path)
            .header("content-type", "application/octet-stream")
            .body(Body::from(file.to_vec()))
            .expect("request");
        let r = self.send(request).await;
        let status = r.status();
        let text = body(r).await;
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }

    pub async fn post_json(&self, path: &str, json: serde_json::Value) -> (StatusCode, serde_json::Value) {
        let request = Request::post(path)
            .header("content-type", "application/json")
            .body(Body::from(json.to_string()))
            .expect("request");
        let r = self.send(request).await;
        let status = r.status();
        let text = body(r).await;
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }

    pub async fn delete_json(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let r = self.send(Request::delete(path).body(Body::empty()).expect("request")).await;
        let status = r.status();
        let text = body(r).await;
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let (status, text) = self.get(path).await;
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }
}

pub async fn body(r: Response<Body>) -> String {
    let bytes = r.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

pub const BOUNDARY: &str = "kith-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart/form-data body with text `fields` and one `file` field (name, bytes).
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

/// A file from kith-import's test fixtures.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../kith-import/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("fixture")
}

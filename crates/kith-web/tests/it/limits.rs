//! The server under strain: uploads written to disk as they arrive, a cap on uploads
//! arriving at once, and clients that stop sending their headers or their body.

use crate::support::{App, app, body, fixture};
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use kith_web::Limits;
use std::io::{Read, Write};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// A request body the test feeds a piece at a time; it ends when the sender is dropped.
fn fed_body() -> (mpsc::Sender<Bytes>, Body) {
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (Ok::<_, std::io::Error>(chunk), rx))
    });
    (tx, Body::from_stream(stream))
}

fn api_import(path: &str, body: Body) -> Request<Body> {
    Request::post(path).header("content-type", "application/octet-stream").body(body).expect("request")
}

/// The sizes of the files in the upload folder.
fn spooled(app: &App) -> Vec<u64> {
    let folder = app.state.uploads().folder().expect("the upload folder");
    std::fs::read_dir(folder)
        .expect("readable")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .collect()
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(10), "waited 10 s for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn the_api_import_writes_the_upload_to_a_private_file_as_it_arrives() {
    let app = app(false).await;
    let contacts = fixture("contacts.vcf");
    let (first, rest) = contacts.split_at(contacts.len() / 2);
    let (tx, fed) = fed_body();
    let router = app.router.clone();
    let answer = tokio::spawn(async move {
        tower::ServiceExt::oneshot(router, api_import("/api/v1/import/vcf?name=contacts.vcf", fed)).await
    });
    tx.send(Bytes::copy_from_slice(first)).await.expect("sent");
    let half = u64::try_from(first.len()).expect("small");
    until("the first half on disk", || spooled(&app) == [half]).await;
    tx.send(Bytes::copy_from_slice(rest)).await.expect("sent");
    drop(tx);
    let response = answer.await.expect("joined").expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body(response).await).expect("json");
    assert_eq!(json["people"]["created"], serde_json::json!(["Jürgen Müller", "Sam Lee"]));
    assert!(spooled(&app).is_empty(), "the file is deleted once imported");
}

#[tokio::test]
async fn uploads_past_the_cap_are_asked_to_come_back_later() {
    let app = app(false).await;
    app.state.set_max_uploads(1);
    let (tx, slow) = fed_body();
    let router = app.router.clone();
    let first = tokio::spawn(async move {
        tower::ServiceExt::oneshot(router, api_import("/api/v1/import/vcf", slow)).await
    });
    tx.send(Bytes::from_static(b"BEGIN:VCARD\r\n")).await.expect("sent");
    until("the first upload to arrive", || spooled(&app).len() == 1).await;

    let second = app.send(api_import("/api/v1/import/vcf", Body::from(fixture("contacts.vcf")))).await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(second.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("10"));
    let json: serde_json::Value = serde_json::from_str(&body(second).await).expect("json");
    assert_eq!(json["error"]["code"], "busy", "{json}");
    let page = app.post_multipart("/import", &[], Some(("contacts.vcf", &fixture("contacts.vcf")))).await;
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS, "the import page shares the places");
    assert!(page.headers().contains_key("retry-after"));

    tx.send(Bytes::from_static(b"FN:Sam Lee\r\nEND:VCARD\r\n")).await.expect("sent");
    drop(tx);
    assert_eq!(first.await.expect("joined").expect("answered").status(), StatusCode::OK);
    let third = app.send(api_import("/api/v1/import/vcf", Body::from(fixture("contacts.vcf")))).await;
    assert_eq!(third.status(), StatusCode::OK, "the place is free again");
}

/// The app served on a free port with short timeouts; stops when the sender is dropped.
async fn served(app: &App, limits: Limits) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(kith_web::serve_until(app.state.clone(), listener, limits, async move {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// Sends `head` and reads until the server closes the connection; returns what it said and
/// how long it took. Fails if the connection is still open after 10 s.
fn closed_after(addr: std::net::SocketAddr, head: &str) -> (String, Duration) {
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let start = Instant::now();
    stream.write_all(head.as_bytes()).expect("sent");
    let mut said = Vec::new();
    let read = stream.read_to_end(&mut said);
    assert!(read.is_ok(), "still open after {:?}: {read:?}", start.elapsed());
    (String::from_utf8_lossy(&said).into_owned(), start.elapsed())
}

fn short() -> Limits {
    Limits { header_timeout: Duration::from_secs(1), body_timeout: Duration::from_secs(1) }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_arrives_is_cut_after_the_body_timeout() {
    let app = app(false).await;
    let (addr, _stop) = served(&app, short()).await;
    let head =
        "POST /api/v1/import/vcf HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\nBEGIN:VCARD\r\n";
    let (said, took) = tokio::task::spawn_blocking(move || closed_after(addr, head)).await.expect("joined");
    assert!(took >= Duration::from_millis(900) && took < Duration::from_secs(5), "closed after {took:?}");
    assert!(said.starts_with("HTTP/1.1 408"), "{said}");
    assert!(said.contains("\"timeout\""), "{said}");
    until("the upload to be deleted", || spooled(&app).is_empty()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_that_never_end_are_cut_after_the_header_timeout() {
    let app = app(false).await;
    let (addr, _stop) = served(&app, short()).await;
    let head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let (_, took) = tokio::task::spawn_blocking(move || closed_after(addr, head)).await.expect("joined");
    assert!(took >= Duration::from_millis(900) && took < Duration::from_secs(5), "closed after {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_that_keeps_sending_is_not_cut() {
    let app = app(false).await;
    let (addr, _stop) = served(&app, short()).await;
    let contacts = fixture("contacts.vcf");
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        let head = format!(
            "POST /api/v1/import/vcf HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
            contacts.len()
        );
        stream.write_all(head.as_bytes()).expect("head");
        // Three pieces, each within the timeout, the whole longer than it.
        for piece in contacts.chunks(contacts.len().div_ceil(3)) {
            std::thread::sleep(Duration::from_millis(600));
            stream.write_all(piece).expect("piece");
        }
        let mut said = String::new();
        stream.read_to_string(&mut said).expect("answer");
        said
    });
    let said = answer.await.expect("joined");
    assert!(said.starts_with("HTTP/1.1 200"), "{said}");
}

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
        self.json_request(Request::post(path), json).await
    }

    pub async fn patch_json(&self, path: &str, json: serde_json::Value) -> (StatusCode, serde_json::Value) {
        self.json_request(Request::patch(path), json).await
    }

    async fn json_request(
        &self,
        request: axum::http::request::Builder,
        json: serde_json::Value,
    ) -> (StatusCode, serde_json::Value) {
        let request = request
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

impl App {
    /// The app over `state`, keeping `dir` (its settings or database) until the app is dropped.
    pub fn over(state: AppState, dir: tempfile::TempDir) -> App {
        App { router: kith_web::router(state.clone()), state, _dir: dir }
    }
}

/// The log lines written while it lives, on this thread (a `#[tokio::test]` runs its
/// requests on one thread).
pub struct Logs {
    buffer: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

#[derive(Clone)]
struct LogWriter(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    pub fn capture() -> Logs {
        // tracing decides once per call site, for the whole process, whether anyone listens,
        // asking the subscriber of whichever thread reaches it first. A sibling test's thread
        // has none, and would switch the request log off for this test too: a process-wide
        // subscriber that listens to everything (and keeps nothing) prevents that.
        static LISTENING: std::sync::Once = std::sync::Once::new();
        LISTENING.call_once(|| {
            let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry());
        });
        let buffer = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let writer = LogWriter(buffer.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || writer.clone())
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        tracing::callsite::rebuild_interest_cache();
        Logs { buffer, _guard: guard }
    }

    pub fn text(&self) -> String {
        self.buffer.lock().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }
}

/// A throwaway PostgreSQL server of the test's own on a free loopback port, which the test
/// may stop and start without disturbing others. `None`, with the reason printed, when
/// PostgreSQL's programs are not installed.
pub struct PrivatePostgres {
    bin: std::path::PathBuf,
    dir: tempfile::TempDir,
    port: u16,
}

impl PrivatePostgres {
    pub fn launch() -> Option<PrivatePostgres> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|b| b.join("pg_ctl").exists() && b.join("initdb").exists())
            .max_by_key(|b| {
                b.parent()
                    .and_then(|v| v.file_name())
                    .and_then(|v| v.to_str())
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(0)
            });
        let Some(bin) = bin else {
            eprintln!(
                "skipping: PostgreSQL's initdb and pg_ctl are not under /usr/lib/postgresql/*/bin (Debian's postgresql package installs them)"
            );
            return None;
        };
        let dir = tempfile::Builder::new().prefix("kith-pg-").tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let pg = PrivatePostgres { bin, dir, port };
        if is_root() {
            // PostgreSQL refuses to run as root; its own user owns the cluster.
            pg.run("chown", &["-R", "postgres", &pg.dir.path().display().to_string()], false);
        }
        let data = pg.data();
        pg.run("initdb", &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync"], true);
        pg.start_server();
        Some(pg)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, program: &str, args: &[&str], as_postgres: bool) {
        let path = self.bin.join(program);
        let mut cmd = if as_postgres && is_root() {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else if as_postgres {
            std::process::Command::new(&path)
        } else {
            std::process::Command::new(program)
        };
        let out = cmd.args(args).output().unwrap_or_else(|e| panic!("could not run {program}: {e}"));
        assert!(out.status.success(), "{program} failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn start_server(&self) {
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-l", &log, "-w", "-o", &options, "start"], true);
    }

    /// Stops the server the way an operator's restart does (open connections are cut).
    pub fn stop(&mut self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"], true);
    }

    /// Starts it again and waits until it takes connections.
    pub fn start(&mut self) {
        self.start_server();
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = std::process::Command::new(if is_root() { "runuser" } else { "true" })
            .args(if is_root() { vec!["-u", "postgres", "--"] } else { vec![] })
            .arg(self.bin.join("pg_ctl"))
            .args(["-D", &self.data(), "-m", "immediate", "stop"])
            .output();
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A small tmpfs of the test's own, which it can fill up and free again. `None`, with the
/// reason printed, when it cannot be mounted (not root, or no permission to mount).
pub struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(mib: u32) -> Option<SmallDisk> {
        if !is_root() {
            eprintln!("skipping: mounting a small tmpfs to fill up needs root (CI runs the tests as root)");
            return None;
        }
        let dir = tempfile::Builder::new().prefix("kith-full-").tempdir().expect("temp dir");
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m,mode=0700"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { dir }),
            Ok(o) => {
                eprintln!("skipping: could not mount a tmpfs: {}", String::from_utf8_lossy(&o.stderr).trim());
                None
            }
            Err(e) => {
                eprintln!("skipping: could not run mount: {e}");
                None
            }
        }
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    fn filler(&self) -> std::path::PathBuf {
        self.dir.path().join("filler")
    }

    /// Writes a file until the disk has no room left.
    pub fn fill(&self) {
        use std::io::Write;
        let mut file = std::fs::File::create(self.filler()).expect("create the filler");
        let block = vec![0x55u8; 4096];
        loop {
            match file.write(&block) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
                Err(e) => panic!("could not fill the disk: {e}"),
            }
        }
        let _ = file.sync_all();
    }

    /// Deletes what `fill` wrote.
    pub fn free(&self) {
        std::fs::remove_file(self.filler()).expect("remove the filler");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(self.dir.path()).output();
    }
}

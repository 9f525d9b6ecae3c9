//! `kith serve` as an operator runs it: its log on stderr, and how `-v` and `KITH_LOG`
//! set the level for every command.

use crate::support::Kith;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};

/// A free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a port")
}

/// `kith serve` running in the background, killed when dropped.
pub struct Server {
    child: Child,
    port: u16,
}

impl Server {
    pub fn start(kith: &Kith, extra: &[&str], log: Option<&str>) -> Server {
        let port = free_port();
        let addr = format!("127.0.0.1:{port}");
        let mut args = vec!["serve", "--addr", &addr];
        args.extend_from_slice(extra);
        let mut cmd = kith.cmd(&args);
        if let Some(log) = log {
            cmd.env("KITH_LOG", log);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("kith serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).expect("the first line");
        assert!(line.contains("kith is serving"), "{line}");
        Server { child, port }
    }

    /// Sends one request and returns the status line.
    fn get(&self, path: &str) -> String {
        let mut stream = self.connect();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port)
            .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("answer");
        answer.lines().next().unwrap_or_default().to_owned()
    }

    /// Sends `body` as `content_type` with `method` to `path`, as a browser on this site
    /// would (its Origin), and returns the status code, the `Location` header and the body.
    pub fn send(&self, method: &str, path: &str, content_type: &str, body: &str) -> (u16, String, String) {
        let mut stream = self.connect();
        let port = self.port;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Sec-Fetch-Site: same-origin\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("answer");
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
        let code = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")))
            .unwrap_or_default()
            .to_owned();
        (code, location, body.to_owned())
    }

    /// A connection to the server, waiting for it to listen.
    fn connect(&self) -> TcpStream {
        // The address is announced a moment before it is bound.
        let started = std::time::Instant::now();
        loop {
            match TcpStream::connect(("127.0.0.1", self.port)) {
                Ok(s) => break s,
                Err(_) if started.elapsed() < std::time::Duration::from_secs(10) => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => panic!("could not connect: {e}"),
            }
        }
    }

    /// Stops the server and returns what it wrote to stderr.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut err);
        }
        let _ = self.child.wait();
        err
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_logs_each_request_to_stderr_without_names_or_tokens() {
    let kith = Kith::new().with_people();
    let sam = kith.run(&["person", "show", "Sam Lee", "--json"]).ok().json();
    let id = sam["id"].as_str().or_else(|| sam["person"]["id"].as_str()).expect("an id").to_owned();
    let server = Server::start(&kith, &[], None);
    assert!(server.get("/api/v1/people").contains("200"));
    assert!(server.get(&format!("/people/{id}")).contains("200"));
    assert!(server.get("/calendar.ics?token=a-guessed-token").contains("404"));
    let log = server.stop();
    for wanted in [
        "method=GET route=\"/api/v1/people\" status=200",
        "method=GET route=\"/people/{id}\" status=200",
        "method=GET route=\"/calendar.ics\" status=404",
    ] {
        assert!(log.contains(wanted), "no {wanted:?} in:\n{log}");
    }
    for private in ["Sam", "Priya", &id, "a-guessed-token"] {
        assert!(!log.contains(private), "{private:?} is in the log:\n{log}");
    }
}

#[test]
fn kith_log_and_v_set_the_level() {
    let kith = Kith::new();
    let quiet = Server::start(&kith, &[], Some("error"));
    assert!(quiet.get("/").contains("200"));
    let log = quiet.stop();
    assert!(!log.contains("route="), "KITH_LOG=error leaves out requests:\n{log}");

    let loud = Server::start(&kith, &["-vv"], Some("error"));
    assert!(loud.get("/").contains("200"));
    let log = loud.stop();
    assert!(log.contains("route=\"/\" status=200"), "-vv wins over KITH_LOG:\n{log}");
    assert!(log.contains("DEBUG"), "-vv logs at debug:\n{log}");
}

#[test]
fn a_kith_log_that_is_not_a_filter_is_bad_input() {
    let kith = Kith::new();
    let run = kith.cmd(&["today"]).env("KITH_LOG", "kith=loud").output().expect("kith runs");
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("KITH_LOG") && err.contains("kith=loud") && err.contains("hint:"), "{err}");
}

/// schemathesis, installed by scripts/test.sh into target/schemathesis; `None` (and a
/// message) when it is not there, except under CI.
fn schemathesis() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("KITH_SCHEMATHESIS").map(std::path::PathBuf::from).unwrap_or_else(|| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/schemathesis/bin/schemathesis")
    });
    if path.exists() {
        return Some(path);
    }
    let message = format!("schemathesis is not at {}; scripts/test.sh installs it", path.display());
    assert!(std::env::var_os("CI").is_none(), "{message}; the API contract test must run in CI");
    eprintln!("skipping the API contract test: {message}");
    None
}

/// The API judged against its own OpenAPI document by schemathesis, with every check it has
/// (schema-valid data accepted, schema-violating data refused, every status documented,
/// every answer in its documented shape, stateful runs that follow one answer's ids into the
/// next request), on the demo year. Seeded, so a failure can be replayed. What counts as a
/// right answer is in tests/api/schemathesis.toml.
#[test]
fn schemathesis_finds_nothing_wrong_with_the_api() {
    let Some(st) = schemathesis() else { return };
    let kith = Kith::new();
    // Errors only: nothing reads the server's stderr while schemathesis runs, and a request
    // log of thousands of lines would fill the pipe.
    let server = Server::start(&kith, &["--demo"], Some("error"));
    let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/api/schemathesis.toml");
    let url = format!("http://127.0.0.1:{}/api/openapi.json", server.port);
    // The first request waits until the server listens.
    assert!(server.get("/api/openapi.json").contains("200"));
    let work = tempfile::tempdir().expect("a folder for schemathesis's own files");
    let out = std::process::Command::new(&st)
        .current_dir(work.path())
        .env("NO_COLOR", "1")
        .arg("--config-file")
        .arg(&config)
        .args([
            "run",
            &url,
            "--checks",
            "all",
            "--max-examples",
            "40",
            "--workers",
            "2",
            "--seed",
            "20261204",
        ])
        .output()
        .expect("schemathesis runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let tail: Vec<&str> = text.lines().rev().take(150).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(
        out.status.success(),
        "schemathesis found failures:\n{}\n{}",
        tail.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = server.stop();
}

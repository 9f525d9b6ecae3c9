//! Faults an operator meets: a stop asked for by SIGTERM, leftovers of a run that was
//! killed, clients that stall, files others could read, and a damaged database. All through
//! the real binary.

use crate::support::Kith;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn contacts() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../kith-import/tests/fixtures/contacts.vcf"))
        .expect("fixture")
}

fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr")
}

/// `kith serve` running in the background, killed if a test fails before it stops.
struct Server {
    child: Child,
    addr: SocketAddr,
    tmp: PathBuf,
    /// Kept open, so the server never writes to a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
    /// Read as it comes, so a chatty server never blocks on a full pipe.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `kith serve` with its temporary folder in the test's folder, and waits until
    /// it says it is serving.
    fn start(kith: &Kith, extra: &[&str]) -> Server {
        let tmp = kith.dir().join("tmp");
        std::fs::create_dir_all(&tmp).expect("tmp");
        let addr = free_addr();
        let addr_arg = addr.to_string();
        let mut args = vec!["serve", "--addr", &addr_arg];
        args.extend_from_slice(extra);
        let mut child = kith
            .cmd(&args)
            .env("TMPDIR", &tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kith serve starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut stderr = child.stderr.take().expect("stderr");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut line = String::new();
        let read = stdout.read_line(&mut line);
        let server = Server { child, addr, tmp, _stdout: stdout, stderr: Some(stderr) };
        assert!(read.is_ok() && line.contains("kith is serving"), "not serving: {line:?}");
        server
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    fn signal(&self, name: &str) {
        let status =
            std::process::Command::new("kill").args([name, &self.pid()]).status().expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the server to end; returns its exit code and what it said on stderr.
    fn wait(mut self, within: Duration) -> (Option<i32>, String) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                let stderr = self.stderr.take().map(|t| t.join().unwrap_or_default()).unwrap_or_default();
                return (status.code(), stderr);
            }
            assert!(start.elapsed() < within, "still running after {within:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn upload_folders(&self) -> Vec<String> {
        upload_folders(&self.tmp)
    }
}

fn upload_folders(tmp: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(tmp)
        .expect("tmp")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("kith-upload-"))
        .collect();
    names.sort();
    names
}

fn files_in(folder: &Path) -> usize {
    std::fs::read_dir(folder).map_or(0, Iterator::count)
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(10), "waited 10 s for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A multipart upload as the import page sends it, whole; returns the status line.
fn preview_on_the_page(addr: SocketAddr, file: &[u8]) -> String {
    let boundary = "kith-faults-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.vcf\"\r\nContent-Type: text/vcard\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let head = format!(
        "POST /import HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(&body).expect("body");
    let mut said = String::new();
    stream.read_to_string(&mut said).expect("answer");
    said.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_removes_the_uploads_and_exits_0() {
    let kith = Kith::new();
    let server = Server::start(&kith, &[]);
    // One upload waiting for its confirm, kept on disk.
    assert!(preview_on_the_page(server.addr, &contacts()).starts_with("HTTP/1.1 200"));
    let folders = server.upload_folders();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let folder = server.tmp.join(&folders[0]);

    // A slow upload: half of it, then the stop, then the rest.
    let file = contacts();
    let (first, rest) = file.split_at(file.len() / 2);
    let mut slow = TcpStream::connect(server.addr).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let head = format!(
        "POST /api/v1/import/vcf?name=contacts.vcf HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        file.len()
    );
    slow.write_all(head.as_bytes()).expect("head");
    slow.write_all(first).expect("first half");
    wait_for("the slow upload on disk", || files_in(&folder) == 2);

    server.signal("-TERM");
    wait_for("new connections to be refused", || TcpStream::connect(server.addr).is_err());
    std::thread::sleep(Duration::from_millis(300));
    slow.write_all(rest).expect("the rest, after the stop");
    let mut said = String::new();
    slow.read_to_string(&mut said).expect("the answer");
    assert!(said.starts_with("HTTP/1.1 200"), "{said}");
    assert!(said.contains("Sam Lee"), "{said}");

    let tmp = server.tmp.clone();
    let (code, stderr) = server.wait(Duration::from_secs(15));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(upload_folders(&tmp).is_empty(), "upload folders left: {:?}", upload_folders(&tmp));
    let people = kith.run(&["person", "list", "--json"]).ok().json();
    assert_eq!(people["people"].as_array().map(Vec::len), Some(2), "the slow upload was imported: {people}");
}

#[test]
fn a_second_signal_cuts_the_requests_in_flight_at_once() {
    let kith = Kith::new();
    let server = Server::start(&kith, &["--body-timeout", "60"]);
    let mut slow = TcpStream::connect(server.addr).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let head = format!(
        "POST /api/v1/import/vcf HTTP/1.1\r\nHost: {}\r\nContent-Length: 5000\r\n\r\nBEGIN",
        server.addr
    );
    slow.write_all(head.as_bytes()).expect("head");
    wait_for("the upload folder", || server.upload_folders().len() == 1);
    server.signal("-INT");
    wait_for("new connections to be refused", || TcpStream::connect(server.addr).is_err());
    server.signal("-INT");
    let tmp = server.tmp.clone();
    let start = Instant::now();
    let (code, stderr) = server.wait(Duration::from_secs(5));
    assert!(start.elapsed() < Duration::from_secs(3), "cut at once, not after the grace period");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(upload_folders(&tmp).is_empty(), "uploads deleted even when cut");
    let mut said = String::new();
    let _ = slow.read_to_string(&mut said);
    assert!(said.is_empty(), "the cut request got no answer: {said}");
}

#[test]
fn ctrl_c_stops_cleanly_too() {
    let kith = Kith::new();
    let server = Server::start(&kith, &[]);
    assert!(preview_on_the_page(server.addr, &contacts()).starts_with("HTTP/1.1 200"));
    let tmp = server.tmp.clone();
    server.signal("-INT");
    let (code, stderr) = server.wait(Duration::from_secs(15));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(upload_folders(&tmp).is_empty());
}

#[test]
fn upload_folders_a_killed_server_left_are_swept_at_start_and_no_others() {
    let kith = Kith::new();
    let tmp = kith.dir().join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    // Left by a process that is gone (no such process id), with an upload inside.
    let left = tmp.join("kith-upload-4194000-a1b2c3");
    std::fs::create_dir(&left).expect("mkdir");
    std::fs::write(left.join("upload-x1"), b"BEGIN:VCARD").expect("write");
    // Still in use by a running process (this test), and one not named the way kith names.
    let in_use = tmp.join(format!("kith-upload-{}-d4e5f6", std::process::id()));
    std::fs::create_dir(&in_use).expect("mkdir");
    let other = tmp.join("kith-upload-notes");
    std::fs::create_dir(&other).expect("mkdir");
    std::thread::sleep(Duration::from_millis(50));

    let server = Server::start(&kith, &[]);
    assert!(!left.exists(), "the leftover is swept");
    assert!(in_use.exists() && other.exists(), "folders that are not certainly leftovers stay");
    server.signal("-TERM");
    let (code, stderr) = server.wait(Duration::from_secs(15));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("deleted 1 upload folder"), "{stderr}");
}

#[test]
fn a_server_killed_outright_leaves_its_uploads_for_the_next_start_to_sweep() {
    let kith = Kith::new();
    let killed = Server::start(&kith, &[]);
    assert!(preview_on_the_page(killed.addr, &contacts()).starts_with("HTTP/1.1 200"));
    let tmp = killed.tmp.clone();
    let left = killed.upload_folders();
    assert_eq!(left.len(), 1);
    killed.signal("-KILL");
    let (code, _) = killed.wait(Duration::from_secs(10));
    assert_eq!(code, None, "killed by a signal");
    assert_eq!(upload_folders(&tmp), left, "a killed server cannot clean up");
    std::thread::sleep(Duration::from_millis(50));

    let next = Server::start(&kith, &[]);
    assert!(!upload_folders(&tmp).contains(&left[0]), "swept at start: {:?}", upload_folders(&tmp));
    next.signal("-TERM");
    let (code, stderr) = next.wait(Duration::from_secs(15));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("deleted 1 upload folder"), "{stderr}");
    assert!(upload_folders(&tmp).is_empty());
}

#[test]
fn a_connection_that_sends_headers_and_no_body_is_closed_within_the_body_timeout() {
    let kith = Kith::new();
    let server = Server::start(&kith, &["--body-timeout", "1", "--header-timeout", "2"]);
    let mut stream = TcpStream::connect(server.addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let start = Instant::now();
    let head = format!(
        "POST /api/v1/import/vcf HTTP/1.1\r\nHost: {}\r\nContent-Length: 100000\r\n\r\n",
        server.addr
    );
    stream.write_all(head.as_bytes()).expect("head");
    let mut said = String::new();
    let read = stream.read_to_string(&mut said);
    let took = start.elapsed();
    assert!(read.is_ok(), "still open after {took:?}");
    assert!(took < Duration::from_secs(4), "closed after {took:?}");
    assert!(said.starts_with("HTTP/1.1 408"), "{said}");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("exists").permissions().mode() & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Runs kith under umask 022, as most systems set it.
fn run_umask_022(kith: &Kith, args: &[&str]) -> crate::support::Run {
    let exe = env!("CARGO_BIN_EXE_kith");
    let mut all = vec!["-c", "umask 022 && exec \"$0\" \"$@\"", exe];
    all.extend_from_slice(args);
    let out = kith.program("sh", &all).output().expect("sh runs");
    crate::support::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn settings_are_saved_owner_only_under_umask_022() {
    let kith = Kith::new();
    run_umask_022(&kith, &["config", "support", "add", "Samaritans: 116 123"]).ok();
    let path = kith.dir().join(".config/kith/settings.toml");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().expect("folder")), 0o700);
}

#[test]
fn a_database_and_folder_others_can_read_are_made_owner_only_with_a_one_line_notice() {
    let kith = Kith::new();
    let folder = kith.dir().join("data/kith");
    let db = folder.join("kith.db");
    let db_arg = db.to_str().expect("utf-8").to_owned();
    run_umask_022(&kith, &["--db", &db_arg, "person", "add", "Sam"]).ok();
    assert_eq!((mode(&db), mode(&folder)), (0o600, 0o700), "created owner-only");
    let wal = folder.join("kith.db-wal");
    std::fs::write(&wal, b"").expect("a write-ahead log");
    for (path, loose) in [(&db, 0o644), (&wal, 0o644), (&folder, 0o755)] {
        set_mode(path, loose);
    }
    let run = run_umask_022(&kith, &["--db", &db_arg, "person", "list"]).ok();
    let notices: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("notice:")).collect();
    assert_eq!(notices.len(), 1, "{}", run.stderr);
    for name in ["kith.db (was 0644)", "kith.db-wal (was 0644)", "kith (was 0755)"] {
        assert!(notices[0].contains(name), "{name} missing: {}", notices[0]);
    }
    assert_eq!((mode(&db), mode(&folder)), (0o600, 0o700));
    let again = run_umask_022(&kith, &["--db", &db_arg, "person", "list"]).ok();
    assert!(!again.stderr.contains("notice:"), "{}", again.stderr);
    // A folder the person chose (not kith's own) is theirs to set.
    let chosen = kith.dir().join("chosen");
    std::fs::create_dir(&chosen).expect("mkdir");
    set_mode(&chosen, 0o755);
    let db2 = chosen.join("mine.db");
    run_umask_022(&kith, &["--db", db2.to_str().expect("utf-8"), "person", "list"]).ok();
    assert_eq!((mode(&db2), mode(&chosen)), (0o600, 0o755));
}

#[test]
fn an_export_to_a_file_is_owner_only_and_holds_what_stdout_shows() {
    let kith = Kith::new().with_people();
    let out = kith.dir().join("export.json");
    let out_arg = out.to_str().expect("utf-8").to_owned();
    run_umask_022(&kith, &["export", "-o", &out_arg]).ok();
    assert_eq!(mode(&out), 0o600);
    let printed = kith.run(&["export"]).ok().stdout;
    assert_eq!(std::fs::read_to_string(&out).expect("written"), printed);
    for format in ["ics", "vcf", "csv"] {
        let file = kith.dir().join(format!("out.{format}"));
        run_umask_022(&kith, &["export", format, "--output", file.to_str().expect("utf-8")]).ok();
        assert_eq!(mode(&file), 0o600, "{format}");
        assert_eq!(
            std::fs::read_to_string(&file).expect("written"),
            kith.run(&["export", format]).ok().stdout
        );
    }
    let missing = kith.dir().join("no/such/folder/export.json");
    let run = kith.run(&["export", "-o", missing.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("could not create"), "{}", run.stderr);
}

/// A demo year in the test's database, closed (so its log is folded into the file).
fn demo(kith: &Kith) -> u64 {
    kith.run(&["demo"]).ok();
    let mut wal = kith.db.as_os_str().to_owned();
    wal.push("-wal");
    assert!(!Path::new(&wal).exists(), "the write-ahead log is folded in on close");
    std::fs::metadata(&kith.db).expect("database").len()
}

/// Overwrites pages near the end of the file (rows of the biggest tables), leaving the
/// schema and the migrations table readable, so the database still opens.
fn corrupt_pages(db: &Path) {
    let len = std::fs::metadata(db).expect("database").len();
    let pages = len / 4096;
    let mut file = std::fs::OpenOptions::new().write(true).open(db).expect("open");
    for page in pages - 6..pages - 2 {
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(page * 4096)).expect("seek");
        file.write_all(&[0xAB; 4096]).expect("write");
    }
}

#[test]
fn serve_refuses_a_database_with_a_corrupt_page_and_says_what_to_do() {
    let kith = Kith::new();
    demo(&kith);
    corrupt_pages(&kith.db);
    let addr = free_addr().to_string();
    let mut child = kith
        .cmd(&["serve", "--addr", &addr])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kith serve starts");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("kith serve is serving a damaged database");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stdout.contains("serving"), "{stdout}");
    assert!(stderr.starts_with("error: not serving"), "{stderr}");
    assert!(stderr.contains("kith db check") && stderr.contains("import-json"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "one line and its hint: {stderr}");

    let check = kith.run(&["db", "check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(!check.stdout.trim().is_empty() && check.stdout.trim() != "ok", "{}", check.stdout);
}

/// The error of a command on a damaged database: one line, the hint, SQLite's words once.
fn assert_said_once(run: &crate::support::Run, sqlite_words: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line and its hint: {}", run.stderr);
    assert!(lines[0].starts_with("error: could not open the database"), "{}", run.stderr);
    assert!(lines[0].contains("damaged or is not a kith database"), "{}", run.stderr);
    assert!(lines[1].starts_with("hint:") && lines[1].contains("kith db check"), "{}", run.stderr);
    assert_eq!(run.stderr.matches(sqlite_words).count(), 1, "{}", run.stderr);
}

#[test]
fn a_truncated_database_is_reported_in_one_line_with_a_hint() {
    let kith = Kith::new();
    let len = demo(&kith);
    std::fs::OpenOptions::new().write(true).open(&kith.db).expect("open").set_len(len / 2).expect("cut");
    assert_said_once(&kith.run(&["today"]), "malformed");
    let check = kith.run(&["db", "check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stdout.contains("malformed"), "{}", check.stdout);
    assert!(
        check.stderr.contains("import-json") && !check.stderr.contains("run `kith db check`"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_file_that_is_not_a_database_is_reported_in_one_line_with_a_hint() {
    let kith = Kith::new();
    std::fs::write(&kith.db, "these are my notes, not a database\n".repeat(200)).expect("write");
    set_mode(&kith.db, 0o600);
    assert_said_once(&kith.run(&["person", "list"]), "file is not a database");
}

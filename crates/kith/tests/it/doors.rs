//! Each use case through its three doors: the command line, a page of `kith serve`, and the
//! JSON API. Three databases start alike, each takes the same request through one door, and
//! what they hold afterwards (the whole export) must be the same, but for the new ids.

use crate::serve::Server;
use crate::support::Kith;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The export with every id replaced by the order in which it first appears: what differs
/// between two databases that hold the same records.
fn without_ids(kith: &Kith) -> Value {
    fn walk(v: &mut Value, seen: &mut HashMap<String, usize>) {
        match v {
            Value::String(s) if s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4 => {
                let next = seen.len();
                *s = format!("id{}", seen.entry(s.clone()).or_insert(next));
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, seen)),
            Value::Object(map) => map.values_mut().for_each(|i| walk(i, seen)),
            _ => {}
        }
    }
    let mut doc = kith.snapshot();
    walk(&mut doc, &mut HashMap::new());
    doc
}

/// `pairs` as a form body.
fn form(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// Three databases with the same people: one for each door.
struct Doors {
    cli: Kith,
    page: Kith,
    api: Kith,
}

impl Doors {
    fn new() -> Doors {
        Doors {
            cli: Kith::new().with_people(),
            page: Kith::new().with_people(),
            api: Kith::new().with_people(),
        }
    }

    /// `kith serve` over the page's database and the API's.
    fn servers(&self) -> (Server, Server) {
        (Server::start(&self.page, &[], Some("error")), Server::start(&self.api, &[], Some("error")))
    }

    /// Each database's export, with ids put in order; asserts all three agree.
    fn alike(&self) -> Value {
        let (cli, page, api) = (without_ids(&self.cli), without_ids(&self.page), without_ids(&self.api));
        assert_eq!(page, cli, "the page's database differs from the command line's");
        assert_eq!(api, cli, "the API's database differs from the command line's");
        cli
    }
}

fn id_of(kith: &Kith, name: &str) -> String {
    let p = kith.run(&["person", "show", name, "--json"]).ok().json();
    p["id"].as_str().or_else(|| p["person"]["id"].as_str()).expect("an id").to_owned()
}

/// The one interaction in `kith`'s history.
fn only_entry(kith: &Kith) -> String {
    let history = kith.run(&["history", "--json"]).ok().json();
    let list = history["interactions"].as_array().or_else(|| history.as_array()).expect("a list").clone();
    assert_eq!(list.len(), 1, "{history}");
    list[0]["id"].as_str().expect("an id").to_owned()
}

const AT: &str = "2026-11-23 12:00";

fn log_from_each_door(
    doors: &Doors,
    page: &Server,
    api: &Server,
) -> (i32, (u16, String, String), (u16, String, String)) {
    let cli = doors.cli.run(&[
        "log",
        "Sam Lee, Noor",
        "--new",
        "--mode",
        "voice",
        "--minutes",
        "20",
        "--felt",
        "1",
        "--at",
        AT,
        "--by",
        "them",
        "--tag",
        "walk",
        "--note",
        "By the river",
        "--before",
        "anxious",
        "--after",
        "calm",
    ]);
    let sam = id_of(&doors.page, "Sam Lee");
    let page = page.send(
        "POST",
        "/log",
        "application/x-www-form-urlencoded",
        &form(&[
            ("person", &sam),
            ("new_person", "Noor"),
            ("mode", "voice"),
            ("minutes", "20"),
            ("felt", "1"),
            ("at", AT),
            ("by", "them"),
            ("tags", "walk"),
            ("note", "By the river"),
            ("before", "anxious"),
            ("after", "calm"),
        ]),
    );
    let body = json!({
        "people": ["Sam Lee", "Noor"], "new": true, "mode": "voice", "minutes": 20, "felt": 1, "at": AT,
        "by": "them", "tags": ["walk"], "note": "By the river",
        "emotions_before": ["anxious"], "emotions_after": ["calm"],
    });
    let api = api.send("POST", "/api/v1/interactions", "application/json", &body.to_string());
    (cli.code, page, api)
}

#[test]
fn logging_with_someone_new_and_the_feelings_named_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    let (cli, page_answer, api_answer) = log_from_each_door(&doors, &page, &api);
    assert_eq!(cli, 0);
    assert_eq!((page_answer.0, page_answer.1.starts_with("/?saved=logged")), (303, true), "{page_answer:?}");
    assert_eq!(api_answer.0, 201, "{api_answer:?}");
    let held = doors.alike();
    assert_eq!(held["people"].as_array().map(Vec::len), Some(4), "Noor was added: {held}");
    assert_eq!(held["interactions"].as_array().map(Vec::len), Some(1), "{held}");
    assert_eq!(held["emotions_named"].as_array().map(Vec::len), Some(1), "{held}");
}

#[test]
fn the_same_entry_again_a_moment_later_is_refused_alike_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    log_from_each_door(&doors, &page, &api);
    let (cli, page_answer, api_answer) = log_from_each_door(&doors, &page, &api);
    assert_eq!(cli, 2, "the command line refuses with exit 2");
    assert_eq!(page_answer.0, 200, "the page asks again rather than saving: {page_answer:?}");
    assert!(page_answer.2.contains("name=\"again\""), "the page offers to log it again");
    assert_eq!(api_answer.0, 409, "{api_answer:?}");
    assert!(api_answer.2.contains("\"repeat\""), "{api_answer:?}");
    let held = doors.alike();
    assert_eq!(held["interactions"].as_array().map(Vec::len), Some(1), "nothing was added: {held}");
}

#[test]
fn changing_and_then_deleting_an_entry_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    log_from_each_door(&doors, &page, &api);
    let ids = [only_entry(&doors.cli), only_entry(&doors.page), only_entry(&doors.api)];

    doors
        .cli
        .run(&[
            "log",
            "edit",
            &ids[0][..8],
            "--minutes",
            "45",
            "--felt",
            "-1",
            "--note",
            "Shorter than planned",
        ])
        .ok();
    // The page's form holds every field, as the edit page shows them.
    let edited = page.send(
        "POST",
        &format!("/interactions/{}/edit", ids[1]),
        "application/x-www-form-urlencoded",
        &form(&[
            ("mode", "voice"),
            ("felt", "-1"),
            ("minutes", "45"),
            ("at", AT),
            ("by", "them"),
            ("note", "Shorter than planned"),
            ("tags", "walk"),
        ]),
    );
    assert_eq!(edited.0, 303, "{edited:?}");
    let body = json!({"minutes": 45, "felt": -1, "note": "Shorter than planned"});
    let patched = api.send(
        "PATCH",
        &format!("/api/v1/interactions/{}", &ids[2][..8]),
        "application/json",
        &body.to_string(),
    );
    assert_eq!(patched.0, 200, "{patched:?}");
    let held = doors.alike();
    assert_eq!(held["interactions"][0]["minutes"], 45, "{held}");

    doors.cli.run(&["log", "delete", &ids[0][..8], "--yes"]).ok();
    let deleted = page.send(
        "POST",
        &format!("/interactions/{}/delete", ids[1]),
        "application/x-www-form-urlencoded",
        "",
    );
    assert_eq!(deleted.0, 303, "{deleted:?}");
    let gone = api.send("DELETE", &format!("/api/v1/interactions/{}", ids[2]), "application/json", "");
    assert_eq!(gone.0, 200, "{gone:?}");
    let held = doors.alike();
    assert_eq!(held["interactions"].as_array().map(Vec::len), Some(0), "{held}");
    assert_eq!(
        held["emotions_named"].as_array().map(Vec::len),
        Some(0),
        "the feelings go with the entry: {held}"
    );
}

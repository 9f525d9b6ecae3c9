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

/// How many records of `kind` an export holds.
fn count(held: &Value, kind: &str) -> usize {
    held[kind].as_array().map_or(0, Vec::len)
}

/// A form posted to the page at `path`, as a browser on the same site posts it.
fn post_form(server: &Server, path: &str, body: &str) -> (u16, String, String) {
    server.send("POST", path, "application/x-www-form-urlencoded", body)
}

/// A JSON body sent to the API with `method`.
fn send_json(server: &Server, method: &str, path: &str, body: &str) -> (u16, String, String) {
    server.send(method, path, "application/json", body)
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
    let page = post_form(
        page,
        "/log",
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
    let api = send_json(api, "POST", "/api/v1/interactions", &body.to_string());
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
    assert_eq!(count(&held, "people"), 4, "Noor was added: {held}");
    assert_eq!(count(&held, "interactions"), 1, "{held}");
    assert_eq!(count(&held, "emotions_named"), 1, "{held}");
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
    assert_eq!(count(&held, "interactions"), 1, "nothing was added: {held}");
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
    let edited = post_form(
        &page,
        &format!("/interactions/{}/edit", ids[1]),
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
    let patched =
        send_json(&api, "PATCH", &format!("/api/v1/interactions/{}", &ids[2][..8]), &body.to_string());
    assert_eq!(patched.0, 200, "{patched:?}");
    let held = doors.alike();
    assert_eq!(held["interactions"][0]["minutes"], 45, "{held}");

    doors.cli.run(&["log", "delete", &ids[0][..8], "--yes"]).ok();
    let deleted = post_form(&page, &format!("/interactions/{}/delete", ids[1]), "");
    assert_eq!(deleted.0, 303, "{deleted:?}");
    let gone = send_json(&api, "DELETE", &format!("/api/v1/interactions/{}", ids[2]), "");
    assert_eq!(gone.0, 200, "{gone:?}");
    let held = doors.alike();
    assert_eq!(count(&held, "interactions"), 0, "{held}");
    assert_eq!(
        held["emotions_named"].as_array().map(Vec::len),
        Some(0),
        "the feelings go with the entry: {held}"
    );
}

/// The plan in `kith` that is still planned.
fn pending_plan(kith: &Kith) -> String {
    let list = kith.run(&["plan", "list", "--json"]).ok().json();
    let pending: Vec<&Value> =
        list["plans"].as_array().expect("plans").iter().filter(|p| p["outcome"] == "pending").collect();
    assert_eq!(pending.len(), 1, "{list}");
    pending[0]["id"].as_str().expect("an id").to_owned()
}

const PLAN_AT: &str = "2026-11-25 19:00";

/// Dinner with Sam and Priya, planned through each door, with or without a prediction.
fn plan_from_each_door(doors: &Doors, page: &Server, api: &Server, predict: bool) {
    let mut cli =
        vec!["plan", "add", "Sam Lee, Priya", "--at", PLAN_AT, "--mode", "in_person", "--note", "Dinner"];
    if predict {
        cli.extend(["--anxiety", "6", "--expect", "4"]);
    }
    doors.cli.run(&cli).ok();
    let (sam, priya) = (id_of(&doors.page, "Sam Lee"), id_of(&doors.page, "Priya"));
    let mut fields = vec![
        ("people", sam.as_str()),
        ("people", priya.as_str()),
        ("at", PLAN_AT),
        ("mode", "in_person"),
        ("note", "Dinner"),
    ];
    if predict {
        fields.extend([("anxiety", "6"), ("expect", "4")]);
    }
    let added = post_form(page, "/plans", &form(&fields));
    assert_eq!(added.0, 303, "{added:?}");
    let mut body =
        json!({"people": ["Sam Lee", "Priya"], "at": PLAN_AT, "mode": "in_person", "note": "Dinner"});
    if predict {
        body["anxiety"] = json!(6);
        body["expect"] = json!(4);
    }
    let added = send_json(api, "POST", "/api/v1/plans", &body.to_string());
    assert_eq!(added.0, 201, "{added:?}");
}

#[test]
fn a_plan_added_with_a_prediction_and_then_done_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    plan_from_each_door(&doors, &page, &api, true);
    let held = doors.alike();
    assert_eq!(count(&held, "plan_predictions"), 1, "{held}");

    let ids = [pending_plan(&doors.cli), pending_plan(&doors.page), pending_plan(&doors.api)];
    doors.cli.run(&["plan", "done", &ids[0][..8], "--felt-anxiety", "3", "--went", "7"]).ok();
    let done = post_form(
        &page,
        &format!("/plans/{}/outcome", ids[1]),
        &form(&[("outcome", "attended"), ("felt_anxiety", "3"), ("went", "7")]),
    );
    assert_eq!(done.0, 303, "{done:?}");
    let body = json!({"felt_anxiety": 3, "went": 7}).to_string();
    let done = send_json(&api, "POST", &format!("/api/v1/plans/{}/done", &ids[2][..8]), &body);
    assert_eq!(done.0, 200, "{done:?}");
    let held = doors.alike();
    assert_eq!(held["plans"][0]["outcome"], "attended", "{held}");
    assert_eq!(count(&held, "interactions"), 1, "it became an interaction: {held}");
}

#[test]
fn a_plan_moved_changed_and_then_cancelled_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    plan_from_each_door(&doors, &page, &api, false);
    let to = "2026-11-26 18:30";
    let ids = [pending_plan(&doors.cli), pending_plan(&doors.page), pending_plan(&doors.api)];
    doors.cli.run(&["plan", "moved", &ids[0], "--to", to]).ok();
    let moved = post_form(
        &page,
        &format!("/plans/{}/outcome", ids[1]),
        &form(&[("outcome", "rescheduled"), ("to", to)]),
    );
    assert_eq!(moved.0, 303, "{moved:?}");
    let moved =
        send_json(&api, "POST", &format!("/api/v1/plans/{}/moved", ids[2]), &json!({"to": to}).to_string());
    assert_eq!(moved.0, 200, "{moved:?}");
    doors.alike();

    let ids = [pending_plan(&doors.cli), pending_plan(&doors.page), pending_plan(&doors.api)];
    doors.cli.run(&["plan", "edit", &ids[0], "--mode", "video", "--note", "Dinner, on a call"]).ok();
    let edited = post_form(
        &page,
        &format!("/plans/{}/edit", ids[1]),
        &form(&[("at", to), ("mode", "video"), ("note", "Dinner, on a call")]),
    );
    assert_eq!(edited.0, 303, "{edited:?}");
    let body = json!({"mode": "video", "note": "Dinner, on a call"}).to_string();
    let edited = send_json(&api, "PATCH", &format!("/api/v1/plans/{}", ids[2]), &body);
    assert_eq!(edited.0, 200, "{edited:?}");
    doors.alike();

    doors.cli.run(&["plan", "cancel", &ids[0], "--by", "them"]).ok();
    let cancelled =
        post_form(&page, &format!("/plans/{}/outcome", ids[1]), &form(&[("outcome", "cancelled_by_them")]));
    assert_eq!(cancelled.0, 303, "{cancelled:?}");
    let cancelled = send_json(
        &api,
        "POST",
        &format!("/api/v1/plans/{}/cancel", ids[2]),
        &json!({"by": "them"}).to_string(),
    );
    assert_eq!(cancelled.0, 200, "{cancelled:?}");
    let held = doors.alike();
    let outcomes: Vec<&Value> =
        held["plans"].as_array().expect("plans").iter().map(|p| &p["outcome"]).collect();
    assert_eq!(outcomes.len(), 2, "{held}");
    assert!(
        outcomes.contains(&&json!("rescheduled")) && outcomes.contains(&&json!("cancelled_by_them")),
        "{held}"
    );

    // A plan settled already cannot be settled again, from any door.
    assert_eq!(doors.cli.run(&["plan", "missed", &ids[0]]).code, 2);
    let again = send_json(&api, "POST", &format!("/api/v1/plans/{}/missed", ids[2]), "");
    assert_eq!(again.0, 409, "{again:?}");
}

#[test]
fn deleting_a_plan_made_by_mistake_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    plan_from_each_door(&doors, &page, &api, true);
    let ids = [pending_plan(&doors.cli), pending_plan(&doors.page), pending_plan(&doors.api)];
    doors.cli.run(&["plan", "delete", &ids[0], "--yes"]).ok();
    let deleted = post_form(&page, &format!("/plans/{}/delete", ids[1]), "");
    assert_eq!(deleted.0, 303, "{deleted:?}");
    let deleted = send_json(&api, "DELETE", &format!("/api/v1/plans/{}", ids[2]), "");
    assert_eq!(deleted.0, 200, "{deleted:?}");
    let held = doors.alike();
    assert_eq!(count(&held, "plans"), 0, "{held}");
    assert_eq!(count(&held, "plan_predictions"), 0, "the prediction goes too: {held}");
}

#[test]
fn a_check_in_changed_and_then_deleted_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    let day = "2026-11-22";
    doors
        .cli
        .run(&[
            "checkin",
            "--date",
            day,
            "--mood",
            "2",
            "--capacity",
            "1",
            "--energy",
            "2",
            "--stress",
            "4",
            "--alone",
            "90",
            "--restored",
            "no",
            "--affected",
            "sleep,mood",
            "--note",
            "Long week",
            "--emotions",
            "tired",
        ])
        .ok();
    let saved = post_form(
        &page,
        "/checkin",
        &form(&[
            ("date", day),
            ("mood", "2"),
            ("capacity", "1"),
            ("energy", "2"),
            ("stress", "4"),
            ("alone", "90"),
            ("restored", "no"),
            ("affected", "sleep"),
            ("affected", "mood"),
            ("note", "Long week"),
            ("emotions", "tired"),
        ]),
    );
    assert_eq!(saved.0, 303, "{saved:?}");
    let body = json!({
        "date": day, "mood": 2, "capacity": 1, "energy": 2, "stress": 4, "alone_minutes": 90,
        "alone_restored": false, "affected": ["sleep", "mood"], "note": "Long week", "emotions": ["tired"],
    });
    let saved = send_json(&api, "POST", "/api/v1/checkins", &body.to_string());
    assert_eq!(saved.0, 201, "{saved:?}");
    let held = doors.alike();
    assert_eq!(count(&held, "checkins"), 1, "{held}");
    assert_eq!(count(&held, "emotions_named"), 1, "{held}");

    // A second check-in for the day is refused where it would silently replace the first.
    assert_eq!(doors.cli.run(&["checkin", "--date", day, "--mood", "4", "--capacity", "4"]).code, 2);
    let again = send_json(
        &api,
        "POST",
        "/api/v1/checkins",
        &json!({"date": day, "mood": 4, "capacity": 4}).to_string(),
    );
    assert_eq!(again.0, 409, "{again:?}");

    doors.cli.run(&["checkin", "edit", day, "--mood", "3", "--stress", "none"]).ok();
    let edited = post_form(
        &page,
        "/checkin",
        &form(&[
            ("date", day),
            ("mood", "3"),
            ("capacity", "1"),
            ("energy", "2"),
            ("alone", "90"),
            ("restored", "no"),
            ("affected", "sleep"),
            ("affected", "mood"),
            ("note", "Long week"),
            ("emotions", "tired"),
        ]),
    );
    assert_eq!(edited.0, 303, "{edited:?}");
    let body = json!({"mood": 3, "stress": null}).to_string();
    let edited = send_json(&api, "PATCH", &format!("/api/v1/checkins/{day}"), &body);
    assert_eq!(edited.0, 200, "{edited:?}");
    let held = doors.alike();
    assert_eq!(held["checkins"][0]["mood"], 3, "{held}");
    assert_eq!(held["checkins"][0]["stress"], Value::Null, "{held}");

    doors.cli.run(&["checkin", "delete", day, "--yes"]).ok();
    let deleted = post_form(&page, "/checkin/delete", &form(&[("date", day)]));
    assert_eq!(deleted.0, 303, "{deleted:?}");
    let deleted = send_json(&api, "DELETE", &format!("/api/v1/checkins/{day}"), "");
    assert_eq!(deleted.0, 200, "{deleted:?}");
    let held = doors.alike();
    assert_eq!(count(&held, "checkins"), 0, "{held}");
}

#[test]
fn a_person_added_changed_and_snoozed_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    doors.cli.run(&["person", "add", "Noor Haddad", "--circle", "friend", "--cadence", "21"]).ok();
    let added = post_form(
        &page,
        "/people",
        &form(&[("name", "Noor Haddad"), ("circle", "friend"), ("cadence", "21")]),
    );
    assert_eq!(added.0, 303, "{added:?}");
    let body = json!({"name": "Noor Haddad", "circle": "friend", "cadence_days": 21}).to_string();
    assert_eq!(send_json(&api, "POST", "/api/v1/people", &body).0, 201);
    doors.alike();

    // The same name again, in any case, is refused everywhere.
    assert_eq!(doors.cli.run(&["person", "add", "noor haddad"]).code, 2);
    let again = post_form(&page, "/people", &form(&[("name", "NOOR HADDAD")]));
    assert_eq!(again.0, 200, "the form comes back with the name marked: {again:?}");
    let body = json!({"name": "noor haddad"}).to_string();
    assert_eq!(send_json(&api, "POST", "/api/v1/people", &body).0, 409);

    doors
        .cli
        .run(&["person", "edit", "Noor", "--circle", "community", "--cadence", "none", "--note", "Choir"])
        .ok();
    let noor = id_of(&doors.page, "Noor Haddad");
    let edited =
        post_form(&page, &format!("/people/{noor}"), &form(&[("circle", "community"), ("note", "Choir")]));
    assert_eq!(edited.0, 303, "{edited:?}");
    let body = json!({"circle": "community", "cadence_days": null, "note": "Choir"}).to_string();
    assert_eq!(send_json(&api, "PATCH", "/api/v1/people/Noor", &body).0, 200);
    let held = doors.alike();
    assert!(held["people"].as_array().expect("people").iter().any(|p| p["circle"] == "community"), "{held}");

    doors.cli.run(&["snooze", "Noor", "--days", "14"]).ok();
    let snoozed = post_form(&page, &format!("/people/{noor}/snooze"), &form(&[("days", "14")]));
    assert_eq!(snoozed.0, 303, "{snoozed:?}");
    let body = json!({"days": 14}).to_string();
    assert_eq!(send_json(&api, "POST", "/api/v1/people/noor%20haddad/snooze", &body).0, 200);
    let held = doors.alike();
    assert!(
        held["people"].as_array().expect("people").iter().any(|p| p["snoozed_until"] == "2026-12-07"),
        "{held}"
    );
}

#[test]
fn days_away_marked_and_then_removed_are_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    let (from, to) = ("2026-11-10", "2026-11-14");
    doors.cli.run(&["away", "add", "--from", from, "--to", to, "--note", "Holiday"]).ok();
    let marked = post_form(&page, "/away", &form(&[("from", from), ("to", to), ("note", "Holiday")]));
    assert_eq!(marked.0, 303, "{marked:?}");
    let body = json!({"from": from, "to": to, "note": "Holiday"}).to_string();
    assert_eq!(send_json(&api, "POST", "/api/v1/away", &body).0, 201);
    let held = doors.alike();
    assert_eq!(count(&held, "away"), 1, "{held}");

    // The last day before the first is refused alike.
    assert_eq!(doors.cli.run(&["away", "add", "--from", to, "--to", from]).code, 2);
    let body = json!({"from": to, "to": from}).to_string();
    assert_eq!(send_json(&api, "POST", "/api/v1/away", &body).0, 422);

    let id_in = |kith: &Kith| {
        let list = kith.run(&["away", "list", "--json"]).ok().json();
        list["away"][0]["id"].as_str().expect("an id").to_owned()
    };
    doors.cli.run(&["away", "remove", &id_in(&doors.cli)[..8]]).ok();
    let removed = post_form(&page, &format!("/away/{}/remove", id_in(&doors.page)), "");
    assert_eq!(removed.0, 303, "{removed:?}");
    let removed = send_json(&api, "DELETE", &format!("/api/v1/away/{}", &id_in(&doors.api)[..8]), "");
    assert_eq!(removed.0, 200, "{removed:?}");
    let held = doors.alike();
    assert_eq!(count(&held, "away"), 0, "{held}");
}

#[test]
fn a_step_tried_in_two_halves_is_the_same_from_every_door() {
    let doors = Doors::new();
    let (page, api) = doors.servers();
    let step_in = |kith: &Kith| {
        let added = kith
            .run(&[
                "step",
                "add",
                "Call Sam for ten minutes",
                "--difficulty",
                "5",
                "--person",
                "Sam",
                "--mode",
                "voice",
                "--json",
            ])
            .ok()
            .json();
        added["id"].as_str().or_else(|| added["step"]["id"].as_str()).expect("an id").to_owned()
    };
    let ids = [step_in(&doors.cli), step_in(&doors.page), step_in(&doors.api)];

    let fear = "that it will be awkward";
    doors
        .cli
        .run(&[
            "step",
            "try",
            &ids[0][..8],
            "--anxiety",
            "6",
            "--expect",
            "4",
            "--fear",
            fear,
            "--before",
            "anxious",
        ])
        .ok();
    let predicted = post_form(
        &page,
        &format!("/ladder/{}/try", ids[1]),
        &form(&[
            ("phase", "before"),
            ("anxiety", "6"),
            ("expect", "4"),
            ("fear", fear),
            ("before", "anxious"),
        ]),
    );
    assert_eq!(predicted.0, 303, "{predicted:?}");
    let body = json!({"anxiety": 6, "expected": 4, "fear": fear, "emotions_before": ["anxious"]}).to_string();
    let predicted = send_json(&api, "POST", &format!("/api/v1/steps/{}/tries", ids[2]), &body);
    assert_eq!(predicted.0, 201, "{predicted:?}");
    doors.alike();

    let happened = "We laughed about the old flat";
    doors
        .cli
        .run(&[
            "step",
            "try",
            &ids[0][..8],
            "--felt-anxiety",
            "3",
            "--went",
            "8",
            "--felt",
            "1",
            "--minutes",
            "15",
            "--happened",
            happened,
            "--after",
            "relieved",
        ])
        .ok();
    let done = post_form(
        &page,
        &format!("/ladder/{}/try", ids[1]),
        &form(&[
            ("phase", "after"),
            ("felt_anxiety", "3"),
            ("went", "8"),
            ("felt", "1"),
            ("minutes", "15"),
            ("happened", happened),
            ("after", "relieved"),
        ]),
    );
    assert_eq!(done.0, 303, "{done:?}");
    let body = json!({
        "felt_anxiety": 3, "went": 8, "felt": 1, "minutes": 15, "happened": happened,
        "emotions_after": ["relieved"],
    });
    let done = send_json(&api, "POST", &format!("/api/v1/steps/{}/outcome", ids[2]), &body.to_string());
    assert_eq!(done.0, 200, "{done:?}");
    let held = doors.alike();
    assert_eq!(count(&held, "interactions"), 1, "the step with Sam is logged as a call: {held}");
}

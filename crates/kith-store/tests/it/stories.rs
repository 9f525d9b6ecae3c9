//! What kith asks of storage, told as short stories, each run on both backends.

use crate::backends::Fresh;
use crate::dual;
use kith_core::checkin::Affected;
use kith_core::*;
use kith_store::{Access, InteractionFilter, Location, PlanFilter, Repo, StoreError};

fn id_bytes(n: u8) -> [u8; 16] {
    [n; 16]
}

fn at(rfc3339: &str) -> Moment {
    Moment::parse_rfc3339("at", rfc3339).expect("valid moment")
}

fn person(n: u8, name: &str) -> Person {
    Person {
        id: PersonId::from_random_bytes(id_bytes(n)),
        name: PersonName::parse(name).expect("valid name"),
        circle: Circle::Friend,
        cadence: Some(Cadence::from_days(14).expect("valid")),
        aliases: vec![Alias::parse(&format!("{}@example.org", name.to_lowercase())).expect("valid alias")],
        note: None,
        archived: false,
        snoozed_until: None,
        created_at: "2026-01-01T09:00:00Z".parse().expect("valid"),
    }
}

fn interaction(n: u8, when: &str, people: &[&Person]) -> Interaction {
    Interaction {
        id: InteractionId::from_random_bytes(id_bytes(n)),
        at: at(when),
        minutes: Some(Minutes::new("minutes", 45).expect("valid")),
        mode: Mode::Voice,
        initiator: Some(Initiator::Them),
        people: people.iter().map(|p| p.id).collect(),
        felt: Some(Felt::new(2).expect("valid")),
        meaningful: true,
        tags: vec![Tag::parse("walk").expect("valid"), Tag::parse("helped").expect("valid")],
        note: Some(Note::parse("note", "long talk\nabout the move").expect("valid")),
        unanswered: 0,
        source: Source::manual(),
        plan: None,
    }
}

fn plan(n: u8, start: &str, people: &[&Person]) -> Plan {
    Plan {
        id: PlanId::from_random_bytes(id_bytes(n)),
        people: people.iter().map(|p| p.id).collect(),
        start: at(start),
        mode: Mode::InPerson,
        note: None,
        created_at: "2026-03-01T10:00:00Z".parse().expect("valid"),
        outcome: Outcome::Pending,
        outcome_at: None,
        interaction: None,
        moved_from: None,
        source: Source::manual(),
    }
}

async fn people_are_unique_by_name_whatever_the_case(db: &Fresh) {
    let mut store = db.open().await;
    let sam = person(1, "Sam Lee");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    let twin = Person { id: PersonId::from_random_bytes(id_bytes(2)), ..person(2, "SAM LEE") };
    let err = tx.insert_person(&twin).await.expect_err("same name in other case");
    assert!(matches!(err, StoreError::Taken { .. }), "{err}");
    drop(tx);

    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert again after the rollback");
    tx.commit().await.expect("commit");
    store.close().await.expect("close");

    let mut store = db.open().await;
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let found = tx.person_by_name("sam lee").await.expect("query").expect("found by name");
    assert_eq!(found, sam);
    let by_alias = tx.person_by_alias("sam lee@example.org").await.expect("query").expect("found by alias");
    assert_eq!(by_alias.id, sam.id);
    assert!(tx.person_by_name("Sam").await.expect("query").is_none());
}
dual!(people_are_unique_by_name_whatever_the_case);

async fn archived_people_leave_the_list_but_not_the_record(db: &Fresh) {
    let mut store = db.open().await;
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let (mut ana, bo) = (person(1, "Ana"), person(2, "Bo"));
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_person(&bo).await.expect("insert");
    ana.archived = true;
    ana.circle = Circle::Colleague;
    ana.aliases.push(Alias::parse("+44 7700 900123").expect("valid"));
    tx.update_person(&ana).await.expect("update");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let names: Vec<String> =
        tx.people(false).await.expect("list").iter().map(|p| p.name.to_string()).collect();
    assert_eq!(names, ["Bo"]);
    let everyone = tx.people(true).await.expect("list");
    assert_eq!(everyone.len(), 2);
    assert_eq!(everyone[0], ana);
    let by_phone = tx.person_by_alias("+447700900123").await.expect("query").expect("found by phone");
    assert_eq!(by_phone.id, ana.id);
    assert_eq!(tx.person_by_id(ana.id).await.expect("query"), Some(ana.clone()), "archived, with its alias");
    assert_eq!(tx.person_by_id(PersonId::from_random_bytes(id_bytes(9))).await.expect("query"), None);
}
dual!(archived_people_leave_the_list_but_not_the_record);

async fn interactions_come_back_as_they_went_in(db: &Fresh) {
    let mut store = db.open().await;
    let (ana, bo) = (person(1, "Ana"), person(2, "Bo"));
    let first = interaction(10, "2026-03-07T23:30:00-05:00", &[&ana, &bo]);
    let mut second = interaction(11, "2026-03-08T23:30:00-04:00", &[&bo]);
    second.felt = None;
    second.minutes = None;
    second.tags.clear();
    second.note = None;
    second.meaningful = false;
    second.initiator = None;
    second.unanswered = 3;
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_person(&bo).await.expect("insert");
    assert!(tx.insert_interaction(&first).await.expect("insert"));
    assert!(tx.insert_interaction(&second).await.expect("insert"));
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let all = tx.interactions(&InteractionFilter::default()).await.expect("read");
    assert_eq!(all, vec![first.clone(), second.clone()]);
    assert_eq!(all[1].at.local_date().to_string(), "2026-03-08");
    let anas = tx
        .interactions(&InteractionFilter { person: Some(ana.id), ..Default::default() })
        .await
        .expect("read");
    assert_eq!(anas, vec![first.clone()]);
    let since = InteractionFilter { since: Some(second.at.timestamp()), ..Default::default() };
    assert_eq!(tx.interactions(&since).await.expect("read"), vec![second.clone()]);
    let span = tx.interaction_span().await.expect("span").expect("some");
    assert_eq!(span, (first.at.timestamp(), second.at.timestamp()));
}
dual!(interactions_come_back_as_they_went_in);

async fn reimporting_the_same_source_id_changes_nothing(db: &Fresh) {
    let mut store = db.open().await;
    let ana = person(1, "Ana");
    let mut chat = interaction(10, "2026-03-07T12:00:00Z", &[&ana]);
    chat.source = Source { kind: "whatsapp".into(), id: Some("chat-1/2026-03-07".into()) };
    let again = Interaction { id: InteractionId::from_random_bytes(id_bytes(11)), ..chat.clone() };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&ana).await.expect("insert");
    assert!(tx.insert_interaction(&chat).await.expect("insert"));
    assert!(!tx.insert_interaction(&again).await.expect("duplicate is skipped"));
    let counts = tx.counts().await.expect("counts");
    assert_eq!((counts.people, counts.interactions), (1, 1));
}
dual!(reimporting_the_same_source_id_changes_nothing);

async fn plans_are_found_by_a_short_prefix_and_keep_their_outcome(db: &Fresh) {
    let mut store = db.open().await;
    let ana = person(1, "Ana");
    let mut dinner = plan(20, "2026-03-10T19:00:00+01:00", &[&ana]);
    let walk = plan(21, "2026-03-12T10:00:00+01:00", &[&ana]);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_plan(&dinner).await.expect("insert");
    tx.insert_plan(&walk).await.expect("insert");
    dinner.outcome = Outcome::CancelledByMe;
    dinner.outcome_at = Some("2026-03-10T16:30:00Z".parse().expect("valid"));
    tx.update_plan(&dinner).await.expect("update");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let short = dinner.id.short();
    assert_eq!(tx.plans_by_prefix(&short).await.expect("prefix"), vec![dinner.clone()]);
    let no_hyphens = dinner.id.uuid().simple().to_string();
    assert_eq!(tx.plans_by_prefix(&no_hyphens[..14]).await.expect("prefix").len(), 1);
    assert!(tx.plans_by_prefix("ffff").await.expect("prefix").is_empty());
    let later = PlanFilter { since: Some(walk.start.timestamp()), until: None };
    assert_eq!(tx.plans(&later).await.expect("plans"), vec![walk.clone()]);
    assert_eq!(tx.plans(&PlanFilter::default()).await.expect("plans").len(), 2);
}
dual!(plans_are_found_by_a_short_prefix_and_keep_their_outcome);

async fn one_checkin_per_day_and_replacing_keeps_one(db: &Fresh) {
    let mut store = db.open().await;
    let day = at("2026-03-08T21:00:00-04:00");
    let checkin = |n: u8, mood: i64| CheckIn {
        id: CheckInId::from_random_bytes(id_bytes(n)),
        date: day.local_date(),
        at: day,
        energy: Some(Scale::new("energy", 2).expect("valid")),
        mood: Scale::new("mood", mood).expect("valid"),
        stress: Some(Scale::new("stress", 4).expect("valid")),
        capacity: Capacity::new(1).expect("valid"),
        alone: AloneTime { minutes: Some(Minutes::new("alone", 180).expect("valid")), restored: Some(false) },
        affected: Some(Affected::parse("sleep,motivation").expect("valid")),
        note: None,
    };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.put_checkin(&checkin(1, 2)).await.expect("put");
    tx.put_checkin(&checkin(2, 4)).await.expect("replace");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.checkins(None).await.expect("read"), vec![checkin(2, 4)]);
    assert_eq!(tx.checkin_on(day.local_date()).await.expect("read"), Some(checkin(2, 4)));
    let tomorrow = day.local_date().tomorrow().expect("valid");
    assert!(tx.checkins(Some(tomorrow)).await.expect("read").is_empty());
}
dual!(one_checkin_per_day_and_replacing_keeps_one);

async fn a_quick_checkin_keeps_unanswered_apart_from_nothing_affected(db: &Fresh) {
    let mut store = db.open().await;
    let day = at("2026-03-09T21:00:00+01:00");
    let quick = CheckIn {
        id: CheckInId::from_random_bytes(id_bytes(3)),
        date: day.local_date(),
        at: day,
        energy: None,
        mood: Scale::new("mood", 3).expect("valid"),
        stress: None,
        capacity: Capacity::new(2).expect("valid"),
        alone: AloneTime { minutes: None, restored: None },
        affected: None,
        note: None,
    };
    let next = day.local_date().tomorrow().expect("valid");
    let nothing_affected = CheckIn {
        id: CheckInId::from_random_bytes(id_bytes(4)),
        date: next,
        affected: Some(Affected::NONE),
        ..quick.clone()
    };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.put_checkin(&quick).await.expect("put");
    tx.put_checkin(&nothing_affected).await.expect("put");
    tx.commit().await.expect("commit");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.checkins(None).await.expect("read"), vec![quick, nothing_affected]);
}
dual!(a_quick_checkin_keeps_unanswered_apart_from_nothing_affected);

async fn a_web_secret_is_kept_and_replaced(db: &Fresh) {
    let mut store = db.open().await;
    let mut tx = store.begin(Access::Write).await.expect("begin");
    assert_eq!(tx.web_secret("feed_token").await.expect("read"), None);
    tx.put_web_secret("feed_token", "first").await.expect("put");
    tx.put_web_secret("feed_token", "second").await.expect("replace");
    tx.commit().await.expect("commit");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.web_secret("feed_token").await.expect("read").as_deref(), Some("second"));
}
dual!(a_web_secret_is_kept_and_replaced);

async fn the_data_version_moves_when_another_connection_writes(db: &Fresh) {
    let mut watcher = db.open().await;
    let before = watcher.data_version().await.expect("version");
    let mut writer = db.open().await;
    let mut tx = writer.begin(Access::Write).await.expect("begin");
    tx.put_web_secret("x", "y").await.expect("put");
    tx.commit().await.expect("commit");
    let after = watcher.data_version().await.expect("version");
    match (before, after) {
        (Some(b), Some(a)) => assert_ne!(a, b, "SQLite counts other connections' commits"),
        (None, None) => {} // PostgreSQL has no cheap counter; the server reads afresh.
        other => panic!("mixed answers {other:?}"),
    }
}
dual!(the_data_version_moves_when_another_connection_writes);

async fn merging_moves_everything_to_the_person_kept(db: &Fresh) {
    let mut store = db.open().await;
    let (sam, samuel, bo) = (person(1, "Sam"), person(2, "Samuel"), person(3, "Bo"));
    let mut tx = store.begin(Access::Write).await.expect("begin");
    for p in [&sam, &samuel, &bo] {
        tx.insert_person(p).await.expect("insert");
    }
    tx.insert_interaction(&interaction(10, "2026-03-01T12:00:00Z", &[&sam])).await.expect("insert");
    tx.insert_interaction(&interaction(11, "2026-03-02T12:00:00Z", &[&sam, &samuel, &bo]))
        .await
        .expect("insert");
    tx.insert_plan(&plan(20, "2026-03-20T12:00:00Z", &[&sam])).await.expect("insert");
    let moved = tx.merge_people(&sam, &samuel).await.expect("merge");
    tx.commit().await.expect("commit");
    assert_eq!((moved.interactions, moved.plans, moved.aliases), (2, 1, 2));

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert!(tx.person_by_name("Sam").await.expect("query").is_none());
    let kept = tx.person_by_alias("sam").await.expect("query").expect("old name is an alias");
    assert_eq!(kept.id, samuel.id);
    let theirs = tx.interactions(&InteractionFilter { person: Some(samuel.id), ..Default::default() }).await;
    let theirs = theirs.expect("read");
    assert_eq!(theirs.len(), 2);
    assert_eq!(theirs[1].people, vec![samuel.id, bo.id]);
    assert_eq!(tx.plans(&PlanFilter::default()).await.expect("plans")[0].people, vec![samuel.id]);
}
dual!(merging_moves_everything_to_the_person_kept);

async fn migrations_apply_once_and_pass_their_checksums(db: &Fresh) {
    let mut store = db.open().await;
    let newest = kith_store::MIGRATOR.iter().map(|m| m.version).max().expect("migrations");
    assert_eq!(store.schema_version().await.expect("version"), newest);
    store.migrate().await.expect("a full, checksum-checking run finds nothing to do");
    store.close().await.expect("close");
    let mut again = db.open().await;
    assert_eq!(again.schema_version().await.expect("version"), newest);
    let mut tx = again.begin(Access::Read).await.expect("begin");
    let counts = tx.counts().await.expect("counts");
    assert!(counts.is_empty(), "{counts:?}");
}
dual!(migrations_apply_once_and_pass_their_checksums);

fn step(n: u8, title: &str, who: Option<&Person>, difficulty: i64) -> ladder::Step {
    ladder::Step {
        id: StepId::from_random_bytes(id_bytes(n)),
        title: ladder::StepTitle::parse(title).expect("valid"),
        person: who.map(|p| p.id),
        mode: Mode::Voice,
        difficulty: ladder::Difficulty::new(difficulty).expect("valid"),
        status: ladder::StepStatus::Active,
        created_at: "2026-04-01T10:00:00Z".parse().expect("valid"),
        set_aside_at: None,
    }
}

async fn a_step_tried_from_prediction_to_outcome_comes_back_as_it_went_in(db: &Fresh) {
    let mut store = db.open().await;
    let sam = person(1, "Sam");
    let (call, cashier) =
        (step(20, "Call Sam for ten minutes", Some(&sam), 5), step(21, "Chat with a cashier", None, 1));
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_step(&call).await.expect("insert");
    tx.insert_step(&cashier).await.expect("insert");
    let mut attempt = ladder::Attempt {
        id: AttemptId::from_random_bytes(id_bytes(30)),
        step: call.id,
        predicted_at: at("2026-04-02T09:00:00+01:00"),
        predicted_anxiety: ladder::Anxiety::new(8).expect("valid"),
        expected: Some(ladder::Expectation::new(3).expect("valid")),
        fear: Some(Note::parse("fear", "they will be annoyed I called").expect("valid")),
        emotions_before: ladder::parse_emotions("before", "anxious, hopeful").expect("valid"),
        outcome: ladder::AttemptOutcome::Open,
        outcome_at: None,
        emotions_after: vec![],
    };
    tx.save_attempt(&attempt).await.expect("save the prediction");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.attempts(Some(call.id)).await.expect("read"), [attempt.clone()]);
    assert!(tx.attempts(Some(cashier.id)).await.expect("read").is_empty());
    drop(tx);

    let call_logged = interaction(31, "2026-04-02T18:00:00+01:00", &[&sam]);
    attempt.outcome = ladder::AttemptOutcome::Done(ladder::Done {
        felt_anxiety: ladder::Anxiety::new(3).expect("valid"),
        went: Some(ladder::Expectation::new(8).expect("valid")),
        felt: Some(Felt::new(1).expect("valid")),
        happened: Some(Note::parse("happened", "Sam was glad; we talked for 40 minutes").expect("valid")),
        interaction: Some(call_logged.id),
    });
    attempt.outcome_at = Some(at("2026-04-02T18:40:00+01:00"));
    attempt.emotions_after = ladder::parse_emotions("after", "relieved, connected").expect("valid");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_interaction(&call_logged).await.expect("insert");
    tx.save_attempt(&attempt).await.expect("save the outcome over the prediction");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.attempts(None).await.expect("read"), [attempt]);
    let steps = tx.steps().await.expect("read");
    assert_eq!(steps, [cashier.clone(), call.clone()], "easiest first");
    let found = tx.steps_by_prefix(&call.id.short()).await.expect("read");
    assert_eq!(found, [call]);
}
dual!(a_step_tried_from_prediction_to_outcome_comes_back_as_it_went_in);

async fn set_aside_steps_and_merged_people_keep_their_ladder(db: &Fresh) {
    let mut store = db.open().await;
    let (sam, samuel) = (person(1, "Sam"), person(2, "Samuel"));
    let mut walk = step(20, "Walk with Sam", Some(&sam), 6);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_person(&samuel).await.expect("insert");
    tx.insert_step(&walk).await.expect("insert");
    walk.status = ladder::StepStatus::SetAside;
    walk.set_aside_at = Some("2026-05-01T08:00:00Z".parse().expect("valid"));
    walk.difficulty = ladder::Difficulty::new(7).expect("valid");
    tx.update_step(&walk).await.expect("update");
    assert_eq!(tx.move_steps(sam.id, samuel.id).await.expect("move"), 1);
    tx.merge_people(&sam, &samuel).await.expect("merge");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let steps = tx.steps().await.expect("read");
    assert_eq!(steps, [ladder::Step { person: Some(samuel.id), ..walk }]);
}
dual!(set_aside_steps_and_merged_people_keep_their_ladder);

async fn thought_records_come_back_in_order(db: &Fresh) {
    let mut store = db.open().await;
    let full = ladder::ThoughtRecord {
        id: ThoughtId::from_random_bytes(id_bytes(40)),
        at: at("2026-06-01T21:00:00+01:00"),
        situation: Note::parse("situation", "Ana did not reply for two days").expect("valid"),
        thought: Note::parse("thought", "she is tired of me").expect("valid"),
        belief: ladder::Belief::new(80).expect("valid"),
        evidence_for: Some(Note::parse("for", "she usually replies fast").expect("valid")),
        evidence_against: Some(
            Note::parse("against", "she said work is mad\nand she asked me out last week").expect("valid"),
        ),
        kinder: Some(Note::parse("kinder", "she is busy; I can send a light hello").expect("valid")),
        belief_after: Some(ladder::Belief::new(30).expect("valid")),
    };
    let bare = ladder::ThoughtRecord {
        id: ThoughtId::from_random_bytes(id_bytes(41)),
        at: at("2026-05-01T08:00:00-04:00"),
        evidence_for: None,
        evidence_against: None,
        kinder: None,
        belief_after: None,
        ..full.clone()
    };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_thought(&full).await.expect("insert");
    tx.insert_thought(&bare).await.expect("insert");
    tx.commit().await.expect("commit");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.thoughts().await.expect("read"), [bare, full]);
}
dual!(thought_records_come_back_in_order);

async fn emotions_named_on_an_interaction_or_a_day_are_kept_and_replaced(db: &Fresh) {
    let mut store = db.open().await;
    let sam = person(1, "Sam");
    let talk = interaction(10, "2026-03-07T20:00:00+00:00", &[&sam]);
    let words = |raw: &str| ladder::parse_emotions("after", raw).expect("valid");
    let on_talk = ladder::EmotionsNamed {
        named_for: ladder::NamedFor::Interaction(talk.id),
        before: words("tired, uneasy"),
        after: words("warm"),
    };
    let day = jiff::civil::date(2026, 3, 7);
    let on_day = ladder::EmotionsNamed {
        named_for: ladder::NamedFor::Checkin(day),
        before: vec![],
        after: words("flat"),
    };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_interaction(&talk).await.expect("insert");
    tx.put_emotions(&on_talk).await.expect("save");
    tx.put_emotions(&on_day).await.expect("save");
    let changed = ladder::EmotionsNamed { after: words("content, calm"), ..on_day.clone() };
    tx.put_emotions(&changed).await.expect("replace");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let mut found = tx.emotions_named().await.expect("read");
    found.sort_by_key(|n| matches!(n.named_for, ladder::NamedFor::Checkin(_)));
    assert_eq!(found, [on_talk, changed]);
}
dual!(emotions_named_on_an_interaction_or_a_day_are_kept_and_replaced);

async fn birthdays_are_kept_beside_people(db: &Fresh) {
    let mut store = db.open().await;
    let ana = person(1, "Ana");
    let bo = person(2, "Bo");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_person(&bo).await.expect("insert");
    let day = kith_core::Birthdate::parse("1990-04-02").expect("valid");
    let no_year = kith_core::Birthdate::parse("--02-29").expect("valid");
    tx.set_birthday(ana.id, Some(day)).await.expect("set");
    tx.set_birthday(bo.id, Some(no_year)).await.expect("set");
    let mut both = tx.birthdays().await.expect("read");
    both.sort_by_key(|(id, _)| *id == bo.id);
    assert_eq!(both, vec![(ana.id, day), (bo.id, no_year)], "a birthday without a year stays without one");
    tx.set_birthday(bo.id, None).await.expect("clear");
    tx.update_person(&ana).await.expect("an update leaves the birthday alone");
    assert_eq!(tx.birthdays().await.expect("read"), vec![(ana.id, day)]);
    assert_eq!(tx.people(true).await.expect("people").len(), 2);
}
dual!(birthdays_are_kept_beside_people);

async fn many_interactions_go_in_at_once_and_duplicates_stay_out(db: &Fresh) {
    let mut store = db.open().await;
    let ana = person(1, "Ana");
    let bo = person(2, "Bo");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_person(&bo).await.expect("insert");
    let mut first = interaction(10, "2026-03-07T12:00:00Z", &[&ana]);
    first.source = Source { kind: "sms".into(), id: Some("a/2026-03-07".into()) };
    assert!(tx.insert_interaction(&first).await.expect("insert"));
    let mut batch: Vec<Interaction> = (0..450u16)
        .map(|n| {
            let mut i = interaction(20, "2026-03-08T12:00:00Z", &[&ana, &bo]);
            let mut bytes = [0u8; 16];
            bytes[..2].copy_from_slice(&n.to_be_bytes());
            bytes[15] = 1;
            i.id = InteractionId::from_random_bytes(bytes);
            i.source = Source { kind: "sms".into(), id: Some(format!("b/{n}")) };
            i
        })
        .collect();
    let again = Interaction { id: InteractionId::from_random_bytes(id_bytes(99)), ..first.clone() };
    batch.insert(3, again);
    let added = tx.insert_interactions(&batch).await.expect("insert many");
    assert_eq!(added.len(), 451);
    assert!(!added[3], "the re-import of the first one is left out");
    assert_eq!(added.iter().filter(|a| **a).count(), 450);
    let all = tx.interactions(&InteractionFilter::default()).await.expect("read");
    assert_eq!(all.len(), 451);
    assert!(all.iter().skip(1).all(|i| i.people == vec![ana.id, bo.id]), "people keep their order");
    assert_eq!(all[1].note, batch[0].note);
}
dual!(many_interactions_go_in_at_once_and_duplicates_stay_out);

async fn a_plan_s_prediction_is_kept_beside_it_and_checked_afterwards(db: &Fresh) {
    let mut store = db.open().await;
    let sam = person(1, "Sam");
    let (mut dinner, walk) =
        (plan(20, "2026-03-10T19:00:00+01:00", &[&sam]), plan(21, "2026-03-12T10:00:00+01:00", &[&sam]));
    let anxiety = |n| ladder::Anxiety::new(n).expect("valid");
    let mut feared = ladder::PlanPrediction::new(
        &dinner,
        anxiety(8),
        Some(ladder::Expectation::new(3).expect("valid")),
        at("2026-03-08T09:00:00+01:00"),
    );
    let calm = ladder::PlanPrediction::new(&walk, anxiety(2), None, at("2026-03-09T09:00:00-04:00"));
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_plan(&dinner).await.expect("insert");
    tx.insert_plan(&walk).await.expect("insert");
    tx.save_plan_prediction(&feared).await.expect("save");
    tx.save_plan_prediction(&calm).await.expect("save");
    tx.commit().await.expect("commit");

    let dinner_logged = interaction(30, "2026-03-10T19:00:00+01:00", &[&sam]);
    dinner.outcome = Outcome::Attended;
    dinner.outcome_at = Some(dinner.start.timestamp());
    dinner.interaction = Some(dinner_logged.id);
    feared
        .check(
            &dinner,
            anxiety(3),
            Some(ladder::Expectation::new(8).expect("valid")),
            at("2026-03-10T23:00:00+01:00"),
        )
        .expect("attended");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_interaction(&dinner_logged).await.expect("insert");
    tx.update_plan(&dinner).await.expect("update");
    tx.save_plan_prediction(&feared).await.expect("how it went, over the prediction");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(
        tx.plan_predictions(None).await.expect("read"),
        [feared.clone(), calm.clone()],
        "oldest first"
    );
    assert_eq!(tx.plan_predictions(Some(walk.id)).await.expect("read"), [calm]);
    let counts = tx.counts().await.expect("counts");
    assert_eq!((counts.plans, counts.plan_predictions), (2, 2));
}
dual!(a_plan_s_prediction_is_kept_beside_it_and_checked_afterwards);

async fn counts_include_the_ladder(db: &Fresh) {
    let mut store = db.open().await;
    let sam = person(1, "Sam");
    let talk = interaction(10, "2026-03-07T20:00:00+00:00", &[&sam]);
    let call = step(20, "Call Sam", Some(&sam), 5);
    let attempt = ladder::Attempt {
        id: AttemptId::from_random_bytes(id_bytes(30)),
        step: call.id,
        predicted_at: at("2026-04-02T09:00:00+01:00"),
        predicted_anxiety: ladder::Anxiety::new(6).expect("valid"),
        expected: None,
        fear: None,
        emotions_before: vec![],
        outcome: ladder::AttemptOutcome::Open,
        outcome_at: None,
        emotions_after: vec![],
    };
    let thought = ladder::ThoughtRecord {
        id: ThoughtId::from_random_bytes(id_bytes(40)),
        at: at("2026-06-01T21:00:00+01:00"),
        situation: Note::parse("situation", "no reply").expect("valid"),
        thought: Note::parse("thought", "they are cross").expect("valid"),
        belief: ladder::Belief::new(70).expect("valid"),
        evidence_for: None,
        evidence_against: None,
        kinder: None,
        belief_after: None,
    };
    let named = ladder::EmotionsNamed {
        named_for: ladder::NamedFor::Interaction(talk.id),
        before: vec![],
        after: ladder::parse_emotions("after", "warm").expect("valid"),
    };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_interaction(&talk).await.expect("insert");
    tx.insert_step(&call).await.expect("insert");
    tx.insert_step(&step(21, "Wave to a neighbour", None, 1)).await.expect("insert");
    tx.save_attempt(&attempt).await.expect("save");
    tx.insert_thought(&thought).await.expect("insert");
    tx.put_emotions(&named).await.expect("save");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let c = tx.counts().await.expect("counts");
    assert_eq!((c.people, c.interactions, c.plans, c.checkins), (1, 1, 0, 0));
    assert_eq!(
        (c.steps, c.attempts, c.thought_records, c.emotions_named, c.plan_predictions),
        (2, 1, 1, 1, 0)
    );
}
dual!(counts_include_the_ladder);

async fn the_days_with_a_meaningful_connection_are_read_in_a_window(db: &Fresh) {
    let mut store = db.open().await;
    let sam = person(1, "Sam");
    let mut trivial = interaction(12, "2026-03-09T12:00:00+00:00", &[&sam]);
    trivial.meaningful = false;
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    for i in [
        interaction(10, "2026-03-07T20:00:00+00:00", &[&sam]),
        interaction(11, "2026-03-07T21:00:00+00:00", &[&sam]),
        trivial,
        interaction(13, "2026-03-10T23:30:00-05:00", &[&sam]),
        interaction(14, "2026-03-01T09:00:00+00:00", &[&sam]),
        interaction(15, "2026-03-02T01:00:00+00:00", &[&sam]),
        interaction(16, "2026-03-04T02:30:00+01:00", &[&sam]),
    ] {
        tx.insert_interaction(&i).await.expect("insert");
    }
    let d = |day| jiff::civil::date(2026, 3, day);
    let days = tx.meaningful_days(d(2), d(10), DayStart::MIDNIGHT).await.expect("read");
    assert_eq!(days, [d(2), d(4), d(7), d(10)], "distinct, meaningful, in the window, by the local day");
    let four = DayStart::parse("starts_at", "04:00").expect("valid");
    let days = tx.meaningful_days(d(2), d(10), four).await.expect("read");
    assert_eq!(days, [d(3), d(7), d(10)], "01:00 on the 2nd was the 1st, 02:30 on the 4th the 3rd");
    let earlier =
        tx.earlier_facts("2026-03-04T12:00:00Z".parse().expect("valid"), d(3), four, 1).await.expect("read");
    assert_eq!(earlier.meaningful_days, [d(1), d(3)], "up to and including the day before the window");
    let earlier =
        tx.earlier_facts("2026-03-04T12:00:00Z".parse().expect("valid"), d(3), four, 0).await.expect("read");
    assert_eq!(earlier.meaningful_days, [d(3)], "without grace the quiet 2nd ends the run");
}
dual!(the_days_with_a_meaningful_connection_are_read_in_a_window);

fn away(n: u8, from: &str, to: &str, note: Option<&str>) -> Away {
    Away::new(
        AwayId::from_random_bytes(id_bytes(n)),
        from.parse().expect("valid"),
        to.parse().expect("valid"),
        note.map(|n| Note::parse("note", n).expect("valid")),
    )
    .expect("a valid span")
}

async fn days_away_are_kept_found_by_a_short_prefix_and_removed(db: &Fresh) {
    let mut store = db.open().await;
    let summer = away(50, "2026-08-01", "2026-08-12", Some("Lisbon, no signal"));
    let flu = away(51, "2026-02-03", "2026-02-09", None);
    let winter = away(52, "2026-12-20", "2027-01-02", None);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_away(&[summer.clone(), winter.clone()]).await.expect("insert");
    tx.insert_away(std::slice::from_ref(&flu)).await.expect("insert");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let all = tx.away(None).await.expect("read");
    assert_eq!(all, vec![flu.clone(), summer.clone(), winter.clone()], "by first day, note and all");
    let since = "2026-08-12".parse().expect("valid");
    assert_eq!(tx.away(Some(since)).await.expect("read"), vec![summer.clone(), winter.clone()]);
    let since = "2026-08-13".parse().expect("valid");
    assert_eq!(tx.away(Some(since)).await.expect("read"), vec![winter.clone()], "ended before");
    assert_eq!(tx.away_by_prefix(&summer.id.short()).await.expect("prefix"), vec![summer.clone()]);
    let no_hyphens = summer.id.uuid().simple().to_string();
    assert_eq!(tx.away_by_prefix(&no_hyphens[..14]).await.expect("prefix").len(), 1);
    assert!(tx.away_by_prefix("ffff").await.expect("prefix").is_empty());
    assert_eq!(tx.counts().await.expect("counts").away, 3);
    assert!(tx.delete_away(summer.id).await.expect("delete"));
    assert!(!tx.delete_away(summer.id).await.expect("delete"), "nothing left to remove");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.away(None).await.expect("read"), vec![flu, winter]);
    let c = tx.counts().await.expect("counts");
    assert_eq!(c.away, 2);
    assert!(!c.is_empty(), "days away alone are data");
}
dual!(days_away_are_kept_found_by_a_short_prefix_and_removed);

async fn a_kind_said_not_now_to_stays_hidden_until_its_day_and_saying_it_again_moves_the_day(db: &Fresh) {
    use kith_core::{NotNow, SuggestionKind};
    let d = |s: &str| -> jiff::civil::Date { s.parse().expect("valid") };
    let mut store = db.open().await;
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.set_not_now(NotNow { kind: SuggestionKind::JoinAGroup, until: d("2026-12-09") }).await.expect("hide");
    tx.set_not_now(NotNow { kind: SuggestionKind::CallInsteadOfText, until: d("2026-12-01") })
        .await
        .expect("hide");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let hidden = tx.not_now(d("2026-12-03")).await.expect("read");
    assert_eq!(
        hidden,
        [NotNow { kind: SuggestionKind::JoinAGroup, until: d("2026-12-09") }],
        "the other ended"
    );
    assert_eq!(tx.not_now(d("2026-12-10")).await.expect("read"), [], "hidden up to and including its day");
    tx.set_not_now(NotNow { kind: SuggestionKind::JoinAGroup, until: d("2026-12-20") }).await.expect("again");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    let hidden = tx.not_now(d("2026-12-10")).await.expect("read");
    assert_eq!(
        hidden,
        [NotNow { kind: SuggestionKind::JoinAGroup, until: d("2026-12-20") }],
        "one row a kind"
    );
}
dual!(a_kind_said_not_now_to_stays_hidden_until_its_day_and_saying_it_again_moves_the_day);

/// Applies the migrations up to `version` to a new SQLite file the way sqlx's migrator did
/// for earlier kith (its bookkeeping table, one row a migration), independently of the
/// store's own migration code.
fn migrate_as_sqlx_did(conn: &mut rusqlite::Connection, version: i64) {
    conn.execute_batch(
        "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
         installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, \
         checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)",
    )
    .expect("bookkeeping table");
    for m in kith_store::MIGRATOR.iter().filter(|m| m.version <= version) {
        let tx = conn.transaction().expect("begin");
        tx.execute_batch(m.sql.as_str()).expect("migration");
        tx.execute(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (?1, ?2, TRUE, ?3, -1)",
            rusqlite::params![m.version, m.description.as_ref(), m.checksum.as_ref()],
        )
        .expect("bookkeeping row");
        tx.commit().expect("commit");
    }
}

async fn checkins_saved_before_quick_checkins_existed_come_through_the_rebuild(db: &Fresh) {
    // A database as kith left it before answers could be left out: every migration up to
    // the one that rebuilt the check-in table, and one full check-in.
    let insert = "INSERT INTO checkin (id, account_id, local_date, at, at_offset, energy, mood, stress, capacity, \
                  alone_minutes, alone_restored, affected_sleep, affected_eating, affected_mood, affected_motivation, note) \
                  VALUES ('9a4e2c1e-0000-4000-8000-000000000001', 'local', '2026-03-08', 1773018000, -14400, \
                  2, 1, 5, 0, 240, FALSE, TRUE, FALSE, FALSE, TRUE, 'a long day')";
    let before = 9;
    match &db.location {
        Location::Sqlite(path) => {
            let mut conn = rusqlite::Connection::open(path).expect("open");
            migrate_as_sqlx_did(&mut conn, before);
            conn.execute_batch(insert).expect("insert");
        }
        Location::Postgres(url) => {
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.expect("connect");
            kith_store::MIGRATOR.run_to(before, &mut conn).await.expect("older schema");
            sqlx::query(insert).execute(&mut conn).await.expect("insert");
            sqlx::Connection::close(conn).await.expect("close");
        }
    }
    let mut store = db.open().await;
    assert!(store.schema_version().await.expect("version") > before);
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let saved = tx.checkins(None).await.expect("read");
    assert_eq!(saved.len(), 1);
    let c = &saved[0];
    assert_eq!((c.energy.map(Scale::get), c.mood.get(), c.stress.map(Scale::get)), (Some(2), 1, Some(5)));
    assert_eq!(c.affected, Some(Affected::parse("sleep,motivation").expect("valid")));
    assert_eq!((c.alone.minutes.map(|m| m.get()), c.alone.restored), (Some(240), Some(false)));
    assert_eq!(c.note.as_ref().map(|n| n.as_str()), Some("a long day"));
}
dual!(checkins_saved_before_quick_checkins_existed_come_through_the_rebuild);

async fn an_interaction_is_changed_and_deleted_with_its_links(db: &Fresh) {
    let mut store = db.open().await;
    let (sam, ana) = (person(1, "Sam"), person(2, "Ana"));
    let call = interaction(10, "2026-03-08T19:00:00+01:00", &[&sam]);
    let other = interaction(11, "2026-03-09T19:00:00+01:00", &[&sam]);
    let mut kept = plan(12, "2026-03-08T19:00:00+01:00", &[&sam]);
    kept.outcome = Outcome::Attended;
    kept.interaction = Some(call.id);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_plan(&kept).await.expect("plan");
    tx.insert_interaction(&call).await.expect("insert");
    tx.insert_interaction(&other).await.expect("insert");
    let named = ladder::EmotionsNamed {
        named_for: ladder::NamedFor::Interaction(call.id),
        before: vec![],
        after: ladder::parse_emotions("after", "relieved").expect("valid"),
    };
    tx.put_emotions(&named).await.expect("emotions");
    tx.mark_logged(call.id, "2026-03-08T19:50:00Z".parse().expect("valid")).await.expect("mark");
    tx.mark_logged(other.id, "2026-03-09T20:00:00Z".parse().expect("valid")).await.expect("mark");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let short = call.id.short();
    assert_eq!(tx.interactions_by_prefix(&short).await.expect("look up"), vec![call.clone()]);
    let since: jiff::Timestamp = "2026-03-08T19:00:00Z".parse().expect("valid");
    let logged: Vec<InteractionId> =
        tx.logged_since(since).await.expect("read").iter().map(|i| i.id).collect();
    assert_eq!(logged, vec![other.id, call.id], "the latest logged first");

    let changed = InteractionChanges {
        people: Some(vec![ana.id, sam.id]),
        mode: Some(Mode::InPerson),
        at: Some(at("2026-03-08T18:30:00+01:00")),
        ..InteractionChanges::default()
    }
    .applied_to(&call);
    assert!(tx.update_interaction(&changed).await.expect("update"));
    let with_ana = InteractionFilter { person: Some(ana.id), ..InteractionFilter::default() };
    assert_eq!(tx.interactions(&with_ana).await.expect("read"), vec![changed.clone()], "linked to Ana now");
    let mut missing = changed.clone();
    missing.id = InteractionId::from_random_bytes(id_bytes(99));
    assert!(!tx.update_interaction(&missing).await.expect("update"), "no such interaction");

    assert!(tx.delete_interaction(call.id).await.expect("delete"));
    assert!(!tx.delete_interaction(call.id).await.expect("delete again"));
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Read).await.expect("begin");
    assert_eq!(tx.interactions(&InteractionFilter::default()).await.expect("read"), vec![other]);
    assert!(tx.interactions(&with_ana).await.expect("read").is_empty(), "its links went with it");
    assert!(tx.emotions_named().await.expect("read").is_empty(), "its emotions went with it");
    let plans = tx.plans(&PlanFilter::default()).await.expect("plans");
    assert_eq!((plans[0].outcome, plans[0].interaction), (Outcome::Attended, None), "the plan stays kept");
}
dual!(an_interaction_is_changed_and_deleted_with_its_links);

async fn a_plan_is_changed_and_deleted_and_a_checkin_deleted(db: &Fresh) {
    let mut store = db.open().await;
    let (sam, ana) = (person(1, "Sam"), person(2, "Ana"));
    let first = plan(20, "2026-03-10T19:00:00+01:00", &[&sam]);
    let mut moved = plan(21, "2026-03-12T19:00:00+01:00", &[&sam]);
    moved.moved_from = Some(first.id);
    let mut kept_as = interaction(22, "2026-03-10T19:00:00+01:00", &[&sam]);
    kept_as.plan = Some(first.id);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.insert_person(&sam).await.expect("insert");
    tx.insert_person(&ana).await.expect("insert");
    tx.insert_plan(&first).await.expect("plan");
    tx.insert_plan(&moved).await.expect("plan");
    tx.insert_interaction(&kept_as).await.expect("interaction");
    let mut edited = moved.clone();
    edited.people = vec![ana.id];
    edited.mode = Mode::Video;
    edited.start = at("2026-03-13T20:00:00+01:00");
    edited.note = Some(Note::parse("note", "film night").expect("valid"));
    assert!(tx.edit_plan(&edited).await.expect("edit"));
    assert!(tx.delete_plan(first.id).await.expect("delete"), "even with a plan moved from it");
    assert!(!tx.delete_plan(first.id).await.expect("again"));
    tx.commit().await.expect("commit");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let plans = tx.plans(&PlanFilter::default()).await.expect("plans");
    assert_eq!(plans, vec![Plan { moved_from: None, ..edited }], "changed, and no longer linked");
    let left = tx.interactions(&InteractionFilter::default()).await.expect("read");
    assert_eq!(left[0].plan, None, "the interaction stays, without its plan");
    drop(tx);

    let day = at("2026-03-08T21:00:00+01:00");
    let checkin = CheckIn {
        id: CheckInId::from_random_bytes(id_bytes(23)),
        date: day.local_date(),
        at: day,
        energy: None,
        mood: Scale::new("mood", 3).expect("valid"),
        stress: None,
        capacity: Capacity::new(2).expect("valid"),
        alone: AloneTime { minutes: None, restored: None },
        affected: None,
        note: None,
    };
    let mut tx = store.begin(Access::Write).await.expect("begin");
    tx.put_checkin(&checkin).await.expect("put");
    assert!(tx.delete_checkin(day.local_date()).await.expect("delete"));
    assert!(!tx.delete_checkin(day.local_date()).await.expect("again"));
    assert!(tx.checkins(None).await.expect("read").is_empty());
}
dual!(a_plan_is_changed_and_deleted_and_a_checkin_deleted);

async fn a_database_made_before_the_migrations_were_reworded_still_passes_the_full_check(db: &Fresh) {
    // A database as released: the first two migrations applied from their first text.
    let store = db.open().await;
    store.close().await.expect("close");
    let first = |hex: &str| -> Vec<u8> {
        (0..hex.len() / 2).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex")).collect()
    };
    let set = "UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2";
    let read = "SELECT checksum FROM _sqlx_migrations WHERE version = $1";
    let checksums = async |location: &Location, rewrite: bool| -> Vec<Vec<u8>> {
        let mut found = Vec::new();
        for (version, hex) in kith_store::REWORDED {
            match location {
                Location::Sqlite(path) => {
                    let conn = rusqlite::Connection::open(path).expect("open");
                    if rewrite {
                        conn.execute(set, rusqlite::params![first(hex), version]).expect("set");
                    }
                    found.push(conn.query_row(read, [version], |row| row.get(0)).expect("read"));
                }
                Location::Postgres(url) => {
                    let mut conn =
                        <sqlx::PgConnection as sqlx::Connection>::connect(url).await.expect("connect");
                    if rewrite {
                        sqlx::query(set)
                            .bind(first(hex))
                            .bind(version)
                            .execute(&mut conn)
                            .await
                            .expect("set");
                    }
                    found.push(
                        sqlx::query_scalar(read).bind(version).fetch_one(&mut conn).await.expect("read"),
                    );
                }
            }
        }
        found
    };
    let released = checksums(&db.location, true).await;
    let reworded: Vec<Vec<u8>> = kith_store::REWORDED
        .iter()
        .map(|(v, _)| kith_store::MIGRATOR.iter().find(|m| m.version == *v).expect("known").checksum.to_vec())
        .collect();
    assert_ne!(released, reworded, "the reworded text has checksums of its own");
    let mut store = db.open().await;
    store.migrate().await.expect("every applied migration passes the checksum check");
    store.close().await.expect("close");
    assert_eq!(checksums(&db.location, false).await, reworded);
}
dual!(a_database_made_before_the_migrations_were_reworded_still_passes_the_full_check);

//! The use cases on a real SQLite file, with a fixed "now" and ids from a counter.

use jiff::Timestamp;
use kith_app::log::{NewEntry, Who};
use kith_app::records::Record;
use kith_app::{Error, people, records};
use kith_core::ladder::Emotion;
use kith_core::*;
use kith_store::{Access, Location, Repo, Store};

/// Ids whose first bytes are `lead` and whose last byte counts up: ids that share a prefix.
struct Counter {
    lead: [u8; 4],
    next: u8,
}

impl Counter {
    fn new(lead: [u8; 4]) -> Self {
        Self { lead, next: 0 }
    }
}

impl kith_app::Ids for Counter {
    fn next_id(&mut self) -> [u8; 16] {
        self.next += 1;
        let mut bytes = [0u8; 16];
        bytes[..4].copy_from_slice(&self.lead);
        bytes[15] = self.next;
        bytes
    }
}

fn now() -> Timestamp {
    "2026-11-23T09:00:00Z".parse().expect("a time")
}

fn at(minutes_ago: i64) -> Moment {
    let z = (now() - jiff::SignedDuration::from_mins(minutes_ago)).to_zoned(jiff::tz::TimeZone::UTC);
    Moment::from_zoned(&z)
}

async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&Location::Sqlite(dir.path().join("kith.db"))).await.expect("open");
    (store, dir)
}

fn person(ids: &mut Counter, name: &str, aliases: &[&str], archived: bool) -> Person {
    use kith_app::Ids;
    let mut p = Person::new(
        PersonId::from_random_bytes(ids.next_id()),
        PersonName::parse(name).expect("a name"),
        Circle::Friend,
        now(),
    );
    p.aliases = aliases.iter().map(|a| Alias::parse(a).expect("an alias")).collect();
    p.archived = archived;
    p
}

/// Sam Lee (alias "sammy"), two Priyas, and an archived Sam.
async fn cast(store: &mut Store) -> Vec<Person> {
    let mut ids = Counter::new([0x10, 0x20, 0x30, 0x40]);
    let cast = vec![
        person(&mut ids, "Sam Lee", &["sammy"], false),
        person(&mut ids, "Priya Shah", &[], false),
        person(&mut ids, "Priya Das", &[], false),
        person(&mut ids, "Sam Old", &[], true),
    ];
    let mut tx = store.begin(Access::Write).await.expect("begin");
    for p in &cast {
        tx.insert_person(p).await.expect("insert");
    }
    tx.commit().await.expect("commit");
    cast
}

#[tokio::test]
async fn the_store_and_a_list_in_hand_find_the_same_person_for_every_key() {
    let (mut store, _dir) = store().await;
    let cast = cast(&mut store).await;
    let everyone = {
        let mut tx = store.begin(Access::Read).await.expect("begin");
        tx.people(true).await.expect("people")
    };
    let expected: &[(&str, Option<&str>)] = &[
        ("Sam Lee", Some("Sam Lee")),
        ("  sam   LEE ", Some("Sam Lee")),
        ("Sammy", Some("Sam Lee")),
        ("sam", Some("Sam Lee")),
        ("Priya", None),
        ("priya das", Some("Priya Das")),
        ("Sam Old", Some("Sam Old")),
        ("Old", None),
        ("Nobody", None),
    ];
    let mut keys: Vec<(String, Option<&str>)> = expected.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect();
    keys.push((cast[2].id.to_string(), Some("Priya Das")));
    for (key, name) in keys {
        let mut tx = store.begin(Access::Read).await.expect("begin");
        let stored = people::find(&mut tx, &key).await.expect("find");
        let in_hand = people::find_in(&everyone, &key);
        assert_eq!(stored.as_ref().map(|p| p.name.as_str()), name, "find {key:?}");
        assert_eq!(in_hand.map(|p| p.name.as_str()), name, "find_in {key:?}");
    }
}

#[tokio::test]
async fn nobody_by_a_name_is_refused_with_the_closest_names() {
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut tx = store.begin(Access::Read).await.expect("begin");
    match people::person(&mut tx, "Priyah Shah").await {
        Err(Error::NoSuchPerson { name, close, nobody_yet }) => {
            assert_eq!((name.as_str(), nobody_yet), ("Priyah Shah", false));
            assert_eq!(close.first().map(String::as_str), Some("Priya Shah"), "{close:?}");
        }
        other => panic!("expected NoSuchPerson, got {other:?}"),
    }
    assert!(matches!(people::people(&mut tx, &[] as &[&str]).await, Err(Error::NoPeople)));
    let both = people::people(&mut tx, &["sammy", "Sam Lee", "priya shah"]).await.expect("found");
    let names: Vec<&str> = both.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Sam Lee", "Priya Shah"], "each once, in the order first named");
}

fn entry(who: Vec<Who>) -> NewEntry {
    let mut e = NewEntry::new(who, at(30), Mode::Voice);
    e.minutes = Some(Minutes::parse("minutes", "20").expect("minutes"));
    e.felt = Some(Felt::parse("1").expect("felt"));
    e
}

async fn count(store: &mut Store) -> (i64, i64, i64) {
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let c = tx.counts().await.expect("counts");
    (c.people, c.interactions, c.emotions_named)
}

#[tokio::test]
async fn logging_adds_the_new_person_keeps_the_feelings_and_refuses_a_repeat_unless_again() {
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x01]);
    let mut first = entry(vec![
        Who::Known("sam".into()),
        Who::KnownOrNew(PersonName::parse("Noor").expect("a name")),
        Who::Known("Sam Lee".into()),
    ]);
    first.before = vec![Emotion::parse("anxious").expect("a word")];
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let logged = kith_app::log::log(&mut tx, first.clone(), now(), &mut ids).await.expect("logged");
    tx.commit().await.expect("commit");
    let names: Vec<&str> = logged.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Sam Lee", "Noor"]);
    assert_eq!(logged.added.iter().map(|p| p.circle).collect::<Vec<_>>(), [Circle::Other]);
    assert_eq!(logged.interaction.people, logged.people.iter().map(|p| p.id).collect::<Vec<_>>());
    assert_eq!(count(&mut store).await, (5, 1, 1));

    // The same again a moment later: refused, and nothing written (Noor is known now).
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let again = kith_app::log::log(&mut tx, first.clone(), now(), &mut ids).await;
    match again {
        Err(Error::Repeat { earlier }) => assert_eq!(earlier, logged.interaction.id),
        other => panic!("expected a repeat, got {other:?}"),
    }
    drop(tx);
    assert_eq!(count(&mut store).await, (5, 1, 1));

    let mut tx = store.begin(Access::Write).await.expect("begin");
    first.again = true;
    let second = kith_app::log::log(&mut tx, first, now(), &mut ids).await.expect("logged again");
    tx.commit().await.expect("commit");
    assert!(second.added.is_empty(), "Noor was found, not added twice");
    assert_eq!(count(&mut store).await, (5, 2, 2));
}

#[tokio::test]
async fn an_unknown_name_writes_nothing_even_after_someone_new() {
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x02]);
    let who = vec![Who::KnownOrNew(PersonName::parse("Noor").expect("a name")), Who::Known("Nobody".into())];
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let refused = kith_app::log::log(&mut tx, entry(who), now(), &mut ids).await;
    assert!(matches!(refused, Err(Error::NoSuchPerson { .. })), "{refused:?}");
    tx.commit().await.expect("commit");
    assert_eq!(count(&mut store).await, (4, 0, 0));
}

#[tokio::test]
async fn undo_takes_back_only_the_last_entry_and_only_within_ten_minutes() {
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x03]);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let earlier = kith_app::log::log(&mut tx, entry(vec![Who::Known("sam".into())]), now(), &mut ids)
        .await
        .expect("logged");
    let later = now() + jiff::SignedDuration::from_mins(2);
    let last = kith_app::log::log(&mut tx, entry(vec![Who::Known("priya shah".into())]), later, &mut ids)
        .await
        .expect("logged");
    tx.commit().await.expect("commit");

    let eleven_later = later + jiff::SignedDuration::from_mins(Interaction::REPEAT_MINUTES + 1);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    assert!(kith_app::log::undo(&mut tx, eleven_later).await.expect("undo").is_none());
    let taken = kith_app::log::undo(&mut tx, later).await.expect("undo");
    assert_eq!(taken.map(|i| i.id), Some(last.interaction.id));
    tx.commit().await.expect("commit");
    let mut tx = store.begin(Access::Read).await.expect("begin");
    let left = tx.interactions(&kith_store::InteractionFilter::default()).await.expect("read");
    assert_eq!(left.iter().map(|i| i.id).collect::<Vec<_>>(), [earlier.interaction.id]);
}

#[tokio::test]
async fn short_ids_find_one_record_and_say_when_they_are_too_short_unknown_or_shared() {
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x04]);
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let one = kith_app::log::log(&mut tx, entry(vec![Who::Known("sam".into())]), now(), &mut ids)
        .await
        .expect("logged");
    let mut other = entry(vec![Who::Known("priya das".into())]);
    other.again = true;
    kith_app::log::log(&mut tx, other, now(), &mut ids).await.expect("logged");
    tx.commit().await.expect("commit");

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let full = one.interaction.id.to_string();
    assert_eq!(records::interaction(&mut tx, &full).await.expect("by the whole id").id, one.interaction.id);
    assert_eq!(
        records::interaction(&mut tx, &full.to_uppercase()).await.expect("any case").id,
        one.interaction.id
    );
    match records::interaction(&mut tx, "abcd-ef04").await {
        Err(Error::Ambiguous { record: Record::Interaction, ids, .. }) => assert_eq!(ids.len(), 2),
        other => panic!("expected ambiguous, got {other:?}"),
    }
    assert!(matches!(
        records::plan(&mut tx, "abcd").await,
        Err(Error::NoSuchId { record: Record::Plan, .. })
    ));
    assert!(matches!(records::away(&mut tx, "ab-c").await, Err(Error::BadId { record: Record::Away, .. })));
    let deleted = kith_app::log::delete(&mut tx, &full[..13]).await;
    assert!(matches!(deleted, Err(Error::Ambiguous { .. })), "13 characters still shared: {deleted:?}");
    let deleted = kith_app::log::delete(&mut tx, &full).await.expect("deleted");
    assert_eq!(deleted.id, one.interaction.id);
    assert!(matches!(records::interaction(&mut tx, &full).await, Err(Error::NoSuchId { .. })));
}

fn moment(minutes_ahead: i64) -> Moment {
    at(-minutes_ahead)
}

#[tokio::test]
async fn a_plan_done_can_be_given_how_it_went_once_and_only_against_a_prediction() {
    use kith_app::plans::{self, NewPlan, Settle};
    use kith_core::ladder::{Anxiety, Expectation};
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x05]);
    let new = |anxiety: Option<i64>| NewPlan {
        who: vec!["sam".into()],
        start: moment(60 * 24),
        mode: Mode::InPerson,
        note: None,
        anxiety: anxiety.map(|a| Anxiety::parse(&a.to_string()).expect("anxiety")),
        expect: None,
    };
    let check = Some((Anxiety::parse("3").expect("anxiety"), Some(Expectation::parse("7").expect("went"))));
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let predicted = plans::add(&mut tx, new(Some(6)), at(0), &mut ids).await.expect("planned");
    let unpredicted = plans::add(&mut tx, new(None), at(0), &mut ids).await.expect("planned");
    tx.commit().await.expect("commit");
    let id = |p: &plans::Planned| p.plan.id.to_string();

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let refused = plans::settle(
        &mut tx,
        &id(&unpredicted),
        Settle::Done { minutes: None, felt: None, check },
        at(0),
        &mut ids,
    )
    .await;
    assert!(matches!(refused, Err(Error::NoPrediction { .. })), "{refused:?}");
    drop(tx);
    assert_eq!(count(&mut store).await.1, 0, "nothing was logged");

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let done = plans::settle(
        &mut tx,
        &id(&predicted),
        Settle::Done { minutes: None, felt: None, check: None },
        at(0),
        &mut ids,
    )
    .await
    .expect("done");
    assert_eq!(done.plan.outcome, Outcome::Attended);
    assert!(done.interaction.is_some() && done.prediction.as_ref().is_some_and(|p| p.checked.is_none()));
    // Later the same day: how it went, for the plan already done, adds no second interaction.
    let late = plans::settle(
        &mut tx,
        &id(&predicted),
        Settle::Done { minutes: None, felt: None, check },
        at(0),
        &mut ids,
    )
    .await
    .expect("how it went");
    assert!(late.interaction.is_none());
    assert!(late.prediction.as_ref().is_some_and(|p| p.checked.is_some()));
    let again = plans::settle(
        &mut tx,
        &id(&predicted),
        Settle::Done { minutes: None, felt: None, check },
        at(0),
        &mut ids,
    )
    .await;
    assert!(matches!(again, Err(Error::PlanSettled { outcome: Outcome::Attended, .. })), "{again:?}");
    let missed = plans::settle(&mut tx, &id(&predicted), Settle::Missed, at(0), &mut ids).await;
    assert!(matches!(missed, Err(Error::PlanSettled { .. })), "{missed:?}");
    tx.commit().await.expect("commit");
    assert_eq!(count(&mut store).await.1, 1, "one interaction for the plan that happened");
}

#[tokio::test]
async fn a_day_has_one_check_in_and_the_quick_one_keeps_the_other_answers() {
    use kith_app::checkins::{self, Answers};
    let (mut store, _dir) = store().await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x06]);
    let day: jiff::civil::Date = "2026-11-23".parse().expect("a day");
    let scale = |field, n: &str| Scale::parse(field, n).expect("a scale");
    let capacity = |n: &str| Capacity::parse(n).expect("a capacity");
    let full = Answers {
        energy: Some(scale("energy", "2")),
        ..Answers::new(day, scale("mood", "2"), capacity("1"))
    };

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let first = checkins::check_in(&mut tx, full.clone(), false, at(0), &mut ids).await.expect("saved");
    assert!(first.new);
    let twice = checkins::check_in(&mut tx, full.clone(), false, at(0), &mut ids).await;
    assert!(matches!(twice, Err(Error::CheckInExists { date }) if date == day), "{twice:?}");
    let quick = checkins::quick(&mut tx, day, scale("mood", "4"), capacity("3"), at(0), &mut ids)
        .await
        .expect("quick");
    assert!(!quick.new);
    assert_eq!((quick.checkin.mood.get(), quick.checkin.energy.map(Scale::get)), (4, Some(2)), "energy kept");
    let replaced = checkins::check_in(&mut tx, full, true, at(0), &mut ids).await.expect("replaced");
    assert_eq!(replaced.checkin.mood.get(), 2);
    let other_day = day.yesterday().expect("a day");
    let missing = checkins::edit(&mut tx, other_day, &CheckInChanges::default()).await;
    assert!(matches!(missing, Err(Error::NoCheckIn { .. })), "{missing:?}");
    assert_eq!(checkins::delete(&mut tx, day).await.expect("deleted").mood.get(), 2);
    assert!(matches!(checkins::delete(&mut tx, day).await, Err(Error::NoCheckIn { .. })));
}

#[tokio::test]
async fn feelings_are_kept_only_when_some_were_named() {
    use kith_app::checkins::{self, Answers};
    let (mut store, _dir) = store().await;
    cast(&mut store).await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x07]);
    let day: jiff::civil::Date = "2026-11-22".parse().expect("a day");
    let answers =
        Answers::new(day, Scale::parse("mood", "3").expect("mood"), Capacity::parse("3").expect("capacity"));
    let mut tx = store.begin(Access::Write).await.expect("begin");
    kith_app::log::log(&mut tx, entry(vec![Who::Known("sam".into())]), now(), &mut ids)
        .await
        .expect("logged");
    checkins::check_in(&mut tx, answers.clone(), false, at(0), &mut ids).await.expect("checked in");
    tx.commit().await.expect("commit");
    assert_eq!(count(&mut store).await.2, 0, "nothing named, nothing kept");

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let named = Answers { emotions: vec![Emotion::parse("calm").expect("a word")], ..answers };
    checkins::check_in(&mut tx, named, true, at(0), &mut ids).await.expect("checked in");
    tx.commit().await.expect("commit");
    assert_eq!(count(&mut store).await.2, 1);
}

#[tokio::test]
async fn the_quick_check_in_writes_its_two_answers_and_its_time() {
    use kith_app::checkins::{self, Answers};
    let (mut store, _dir) = store().await;
    let mut ids = Counter::new([0xab, 0xcd, 0xef, 0x08]);
    let day: jiff::civil::Date = "2026-11-23".parse().expect("a day");
    let answers =
        Answers::new(day, Scale::parse("mood", "2").expect("mood"), Capacity::parse("1").expect("capacity"));
    let mut tx = store.begin(Access::Write).await.expect("begin");
    checkins::check_in(&mut tx, answers, false, at(60), &mut ids).await.expect("checked in");
    let quick = checkins::quick(
        &mut tx,
        day,
        Scale::parse("mood", "4").expect("mood"),
        Capacity::parse("3").expect("capacity"),
        at(0),
        &mut ids,
    )
    .await
    .expect("quick");
    assert_eq!((quick.checkin.capacity.get(), quick.checkin.at), (3, at(0)));
    assert_eq!(tx.checkin_on(day).await.expect("read"), Some(quick.checkin));
}

#[tokio::test]
async fn people_are_named_once_each_changed_by_alias_and_merged_only_when_two() {
    let (mut store, _dir) = store().await;
    let cast = cast(&mut store).await;
    assert!(matches!(people::ids_in(&cast, &[] as &[&str]), Err(Error::NoPeople)));
    let ids = people::ids_in(&cast, &["priya das", "Sammy", "Sam Lee"]).expect("found");
    assert_eq!(ids, [cast[2].id, cast[0].id]);

    let mut tx = store.begin(Access::Write).await.expect("begin");
    let edit = people::PersonEdit {
        add_aliases: vec![Alias::parse("Sam L").expect("alias")],
        remove_aliases: vec![Alias::parse("SAMMY").expect("alias")],
        ..people::PersonEdit::default()
    };
    let edited = people::edit(&mut tx, "Sam Lee", edit).await.expect("edited");
    let aliases: Vec<&str> = edited.aliases.iter().map(|a| a.as_str()).collect();
    assert_eq!(aliases, ["Sam L"]);

    let same = people::merging(&mut tx, "Sam L", "sam lee").await;
    assert!(matches!(same, Err(Error::SamePerson { .. })), "{same:?}");
    let (from, into) = people::merging(&mut tx, "Priya Shah", "priya das").await.expect("two people");
    assert_eq!((from.id, into.id), (cast[1].id, cast[2].id));
}

#[test]
fn a_plan_edit_is_empty_only_when_it_changes_nothing() {
    use kith_app::plans::PlanEdit;
    assert!(PlanEdit::default().is_empty());
    for edit in [
        PlanEdit { start: Some(at(0)), ..PlanEdit::default() },
        PlanEdit { mode: Some(Mode::Video), ..PlanEdit::default() },
        PlanEdit { people: Some(vec!["sam".into()]), ..PlanEdit::default() },
        PlanEdit { note: Some(None), ..PlanEdit::default() },
    ] {
        assert!(!edit.is_empty(), "{edit:?}");
    }
}

#[test]
fn short_ids_are_refused_in_words_that_name_the_kind_of_record() {
    assert_eq!(Record::Interaction.invalid("xy"), "invalid interaction id \"xy\"");
    assert_eq!(Record::Away.invalid("xy"), "invalid id \"xy\" for days away");
    assert_eq!(Record::Plan.none("abcd"), "no plan has an id starting \"abcd\"");
    assert_eq!(Record::Away.none("abcd"), "no days away have an id starting \"abcd\"");
    assert_eq!(Record::Step.many(2, "abcd"), "2 steps have ids starting \"abcd\"");
    assert_eq!(Record::Away.many(3, "abcd"), "3 spans of days away have ids starting \"abcd\"");
}

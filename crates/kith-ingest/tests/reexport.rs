//! A chat export and then a longer re-export of the same chat leave the same interactions
//! as the longer one alone, through a real SQLite database.

use jiff::Zoned;
use kith_core::{Circle, Person, PersonId, PersonName};
use kith_ingest::{Format, Options};
use kith_store::{Access, Location, Repo, Store};
use proptest::prelude::*;

fn now() -> Zoned {
    "2026-12-01T12:00:00+00:00[UTC]".parse().expect("valid")
}

/// One message: minutes after the start of the chat, and whether it is mine.
fn chat(messages: &[(u32, bool)]) -> String {
    let start: jiff::civil::DateTime = "2026-11-13T08:00".parse().expect("valid");
    let mut out = String::new();
    for (i, (minutes, mine)) in messages.iter().enumerate() {
        let at = start.checked_add(jiff::Span::new().minutes(i64::from(*minutes))).expect("in range");
        let who = if *mine { "Me" } else { "Sam Lee" };
        out.push_str(&format!("{} - {who}: message {i}\n", at.strftime("%d/%m/%Y, %H:%M")));
    }
    out
}

/// What an import leaves, without the random ids.
async fn import_all(files: &[String]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&Location::Sqlite(dir.path().join("kith.db"))).await.expect("open");
    let mut tx = store.begin(Access::Write).await.expect("begin");
    let sam = Person {
        id: PersonId::from_random_bytes([7; 16]),
        name: PersonName::parse("Sam Lee").expect("valid"),
        circle: Circle::Other,
        cadence: None,
        aliases: Vec::new(),
        note: None,
        archived: false,
        snoozed_until: None,
        created_at: now().timestamp(),
    };
    tx.insert_person(&sam).await.expect("person");
    let options = Options {
        me: Some("Me".into()),
        date_order: Some(kith_import::whatsapp::DateOrder::Dmy),
        ..Options::new(Format::Whatsapp)
    };
    for text in files {
        let bytes = text.clone().into_bytes();
        kith_ingest::run(&mut tx, &options, || Ok(std::io::Cursor::new(bytes)), &now())
            .await
            .expect("imports");
    }
    let mut rows: Vec<String> = tx
        .interactions(&Default::default())
        .await
        .expect("read")
        .into_iter()
        .map(|i| {
            format!(
                "{} {:?} {} {:?} {} {:?} {:?}",
                i.at,
                i.initiator,
                i.meaningful,
                i.note.map(|n| n.as_str().to_owned()),
                i.unanswered,
                i.mode,
                i.source.id
            )
        })
        .collect();
    rows.sort();
    rows
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_longer_re_export_after_an_export_equals_the_longer_one_alone(
        gaps in prop::collection::vec((0u32..3000, any::<bool>()), 2..30),
        cut in 1usize..29,
    ) {
        let mut minutes = 0;
        let messages: Vec<(u32, bool)> = gaps.iter().map(|(g, mine)| { minutes += g; (minutes, *mine) }).collect();
        let cut = cut.min(messages.len() - 1);
        let short = chat(&messages[..cut]);
        let long = chat(&messages);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let both = runtime.block_on(import_all(&[short, long.clone()]));
        let alone = runtime.block_on(import_all(&[long]));
        prop_assert_eq!(both, alone);
    }
}

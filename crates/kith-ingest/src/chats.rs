//! Chat and call exports: each conversation's messages become one `text` interaction per
//! local day, and each call a `voice` interaction (docs/import.md "What becomes what").

use crate::matcher::Matcher;
use crate::{
    Format, IngestError, Options as Args, Outcome, Result, bad_file, random_bytes, read_stream, read_text,
};
use jiff::{SignedDuration, Zoned};
use kith_core::{
    Alias, Initiator, Interaction, InteractionId, Minutes, Mode, Moment, Note, PersonId, Source, Tag,
};
use kith_import::chat::{self, ChatDay};
use kith_import::sms::{Call, CallKind};
use kith_import::{ChatLog, Place, Skip, sms, telegram, whatsapp};
use kith_store::Repo;
use std::io::Read;

pub async fn import<R: Repo>(
    args: &Args,
    input: impl Read + Send,
    repo: &mut R,
    people: &mut Matcher,
    now: &Zoned,
) -> Result<Outcome> {
    let tz = now.time_zone().clone();
    let (logs, calls, skipped) = match args.format {
        Format::Whatsapp => {
            let text = read_text(input)?;
            let chat =
                whatsapp::parse(&text, args.date_order, &tz).map_err(|e| bad_file(e, Format::Whatsapp))?;
            (vec![chat.log], Vec::new(), chat.skipped)
        }
        Format::Sms => {
            let backup = sms::parse(std::io::BufReader::with_capacity(1 << 16, read_stream(input)?))
                .map_err(|e| bad_file(e, Format::Sms))?;
            (backup.logs, backup.calls, backup.skipped)
        }
        Format::Telegram | Format::Ics | Format::Vcf => {
            let text = read_text(input)?;
            let export = telegram::parse(&text, &tz).map_err(|e| bad_file(e, Format::Telegram))?;
            (export.logs, Vec::new(), export.skipped)
        }
    };
    let mut out = Outcome { skipped, ..Outcome::default() };
    let window = SignedDuration::from_hours(i64::from(args.unanswered_after));
    let tag = Tag::parse(args.format.as_str()).ok();
    let mut batch: Vec<Interaction> = Vec::new();
    for (n, mut log) in logs.into_iter().enumerate() {
        settle(args, &mut log, people)?;
        let Some(ids) = members(args, &log, people) else {
            let why = format!(
                "nobody in the chat {:?} matches a person (use --map \"{}=Person\" or --create-people)",
                log.name, log.name
            );
            out.skipped.push(Skip::new(Place::Record(n + 1), why));
            continue;
        };
        for day in chat::days(&log, &tz, window) {
            batch.push(day_interaction(args.format, &day, ids.clone(), tag.clone()));
        }
    }
    for call in calls {
        let label = call.contact_name.clone().unwrap_or_else(|| call.number.clone());
        let log = ChatLog {
            key: call.number.clone(),
            name: label,
            members: vec![call.number.clone()],
            messages: Vec::new(),
        };
        let Some(ids) = members(args, &log, people) else {
            let why =
                format!("the call with {:?} matches no person (use --map or --create-people)", log.name);
            out.skipped.push(Skip::new(Place::Record(call.record), why));
            continue;
        };
        batch.push(call_interaction(&call, ids, &tz, tag.clone()));
    }
    // One batched write: a backup of 100,000 texts becomes tens of thousands of days.
    people.write(repo).await?;
    let added = repo.insert_interactions(&batch).await?;
    out.interactions = added.iter().filter(|a| **a).count();
    out.already_present = added.len() - out.interactions;
    Ok(out)
}

/// Decides which sender is the user in an export that does not say (WhatsApp, some
/// Telegram groups): `--me`, else the one sender who matches no person when the others do.
fn settle(args: &Args, log: &mut ChatLog, people: &mut Matcher) -> Result<()> {
    let senders = log.senders();
    if senders.is_empty() {
        return Ok(());
    }
    if let Some(me) = &args.me {
        log.settle(me);
        return Ok(());
    }
    let unknown: Vec<&String> = senders.iter().filter(|s| people.find(s).is_none()).collect();
    match (senders.len(), unknown.as_slice()) {
        (1, _) => log.settle(""),
        (_, [me]) => {
            let me = (*me).clone();
            log.settle(&me);
        }
        _ => {
            return Err(IngestError::WhoIsMe { senders: senders.clone() });
        }
    }
    Ok(())
}

/// The people of a conversation: each member found (or, with `--create-people`, added).
/// A one-to-one conversation may also be found by its display name (an SMS contact name).
fn members(args: &Args, log: &ChatLog, people: &mut Matcher) -> Option<Vec<PersonId>> {
    let mut ids: Vec<PersonId> = Vec::new();
    let one_to_one = log.members.len() == 1;
    for label in &log.members {
        let mut found = people.find(label);
        if found.is_none() && one_to_one {
            found = people.find(&log.name);
            if let (Some(i), Ok(alias)) = (found, Alias::parse(label)) {
                people.add_aliases(i, vec![alias]);
            }
        }
        if found.is_none() && args.create_people {
            let name = if one_to_one { log.name.as_str() } else { label.as_str() };
            let aliases = Alias::parse(label).into_iter().collect();
            found = people.create(name, aliases);
        }
        if let Some(i) = found {
            let id = people.id(i);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    (!ids.is_empty()).then_some(ids)
}

fn day_interaction(format: Format, day: &ChatDay, people: Vec<PersonId>, tag: Option<Tag>) -> Interaction {
    let total = day.sent + day.received;
    let plural = if total == 1 { "message" } else { "messages" };
    let note = format!("{total} {plural} ({} sent, {} received)", day.sent, day.received);
    Interaction {
        id: InteractionId::from_random_bytes(random_bytes()),
        at: day.first,
        minutes: None,
        mode: Mode::Text,
        initiator: Some(day.initiator),
        people,
        felt: None,
        // A day where both sides wrote is an exchange; a one-way day is not yet contact.
        meaningful: day.sent > 0 && day.received > 0,
        tags: tag.into_iter().collect(),
        note: Note::parse("note", &note).ok(),
        unanswered: day.unanswered,
        source: Source { kind: format.as_str().into(), id: Some(day.source_id.clone()) },
        plan: None,
    }
}

fn call_interaction(
    call: &Call,
    people: Vec<PersonId>,
    tz: &jiff::tz::TimeZone,
    tag: Option<Tag>,
) -> Interaction {
    let answered = matches!(call.kind, CallKind::Incoming | CallKind::Outgoing);
    let minutes = (call.seconds + 59) / 60;
    Interaction {
        id: InteractionId::from_random_bytes(random_bytes()),
        at: Moment::in_zone(call.at, tz),
        minutes: Minutes::new("minutes", minutes.min(Minutes::MAX)).ok(),
        mode: Mode::Voice,
        initiator: Some(if call.kind == CallKind::Outgoing { Initiator::Me } else { Initiator::Them }),
        people,
        felt: None,
        meaningful: answered,
        tags: tag.into_iter().collect(),
        note: Note::parse("note", call.kind.label()).ok(),
        unanswered: u32::from(!answered),
        source: Source {
            kind: "sms".into(),
            id: Some(format!("call/{}/{}", call.number, call.at.as_second())),
        },
        plan: None,
    }
}

//! Chat and call exports: each conversation's messages become one `text` interaction per
//! local day, and each call a `voice` interaction (docs/import.md "What becomes what").

use crate::matcher::Matcher;
use crate::{
    Format, IngestError, Options as Args, Outcome, Result, bad_file, decode, random_bytes, read_bytes,
    read_stream, read_text,
};
use jiff::{SignedDuration, Zoned};
use kith_core::{
    Alias, Initiator, Interaction, InteractionId, Minutes, Mode, Moment, Note, PersonId, Source, Tag,
};
use kith_import::chat::{self, ChatCall, ChatDay};
use kith_import::sms::{Call, CallKind};
use kith_import::{
    ChatLog, Direction, ImportError, Place, Skip, archive, detect, google_chat, google_voice, messenger, sms,
    telegram, whatsapp,
};
use kith_store::Repo;
use std::collections::HashSet;
use std::io::Read as _;

/// What a chat or call export was read into.
struct Read {
    logs: Vec<ChatLog>,
    calls: Vec<Call>,
    skipped: Vec<Skip>,
}

fn read(args: &Args, input: impl std::io::Read + Send, tz: &jiff::tz::TimeZone) -> Result<Read> {
    let format = args.format;
    let bad = |e| bad_file(e, format);
    let label = format.label();
    let one = |log: ChatLog, skipped: Vec<Skip>| Read { logs: vec![log], calls: Vec::new(), skipped };
    Ok(match format {
        Format::Whatsapp => {
            const HEAD: u64 = 64 * 1024;
            let mut input = input;
            let mut head = Vec::new();
            (&mut input).take(HEAD).read_to_end(&mut head).map_err(IngestError::Read)?;
            let chat = if detect::is_zip(&head) {
                input.read_to_end(&mut head).map_err(IngestError::Read)?;
                let text = decode(archive::whatsapp_chat(&head, label).map_err(bad)?);
                detect::check(&text, format.as_str(), label).map_err(bad)?;
                whatsapp::parse_owned(text, args.date_order, tz).map_err(bad)?
            } else {
                // Read a line at a time: a long export never sits in memory whole.
                let mut text = read_stream(std::io::Cursor::new(head).chain(input))?;
                let mut start = Vec::new();
                (&mut text).take(HEAD).read_to_end(&mut start).map_err(IngestError::Read)?;
                detect::check(&String::from_utf8_lossy(&start), format.as_str(), label).map_err(bad)?;
                let lines =
                    std::io::BufReader::with_capacity(1 << 16, std::io::Cursor::new(start).chain(text));
                whatsapp::parse_reader(lines, args.date_order, tz).map_err(bad)?
            };
            one(chat.log, chat.skipped)
        }
        Format::Sms => {
            let backup =
                sms::parse(std::io::BufReader::with_capacity(1 << 16, read_stream(input)?)).map_err(bad)?;
            Read { logs: backup.logs, calls: backup.calls, skipped: backup.skipped }
        }
        Format::Telegram => {
            let text = read_text(input)?;
            detect::check(&text, format.as_str(), label).map_err(bad)?;
            let export = telegram::parse(&text, tz).map_err(bad)?;
            Read { logs: export.logs, calls: Vec::new(), skipped: export.skipped }
        }
        Format::Messenger => {
            let text = read_text(input)?;
            detect::check(&text, format.as_str(), label).map_err(bad)?;
            let c = messenger::parse(&text).map_err(bad)?;
            one(c.log, c.skipped)
        }
        Format::GoogleChat => google_chat_takeout(read_bytes(input)?, label).map_err(bad)?,
        Format::GoogleVoice => google_voice_takeout(read_bytes(input)?, label).map_err(bad)?,
        Format::Ics | Format::Vcf => Read { logs: Vec::new(), calls: Vec::new(), skipped: Vec::new() },
    })
}

/// Google Chat: a Takeout zip (every `Google Chat/Groups/*/messages.json`, with the
/// `group_info.json` beside it), or one messages.json.
fn google_chat_takeout(bytes: Vec<u8>, label: &'static str) -> std::result::Result<Read, ImportError> {
    let mut out = Read { logs: Vec::new(), calls: Vec::new(), skipped: Vec::new() };
    if !detect::is_zip(&bytes) {
        let text = decode(bytes);
        detect::check(&text, "google-chat", label)?;
        let c = google_chat::parse(&text, None, None, None)?;
        out.logs.push(c.log);
        out.skipped = c.skipped;
        return Ok(out);
    }
    let names = archive::names(&bytes, label)?;
    let folders: Vec<(String, String)> = names
        .iter()
        .filter_map(|n| n.strip_suffix("/messages.json").map(|dir| (n.clone(), dir.to_owned())))
        .filter(|(_, dir)| dir.contains("Google Chat/Groups/"))
        .collect();
    if folders.is_empty() {
        return Err(ImportError::WrongFormat {
            expected: label,
            at: Place::Record(1),
            why: "the zip archive holds no \"Google Chat/Groups/…/messages.json\"".into(),
        });
    }
    let mut infos = Vec::new();
    for (_, dir) in &folders {
        let info_name = format!("{dir}/group_info.json");
        let info = if names.contains(&info_name) {
            Some(google_chat::GroupInfo::parse(&decode(archive::read(&bytes, &info_name, label)?))?)
        } else {
            None
        };
        infos.push(info);
    }
    // The owner of the account is in every conversation: the one address they all share.
    let mut common: Option<Vec<String>> = None;
    for info in infos.iter().flatten() {
        let emails = info.emails();
        common = Some(match common {
            None => emails,
            Some(c) => c.into_iter().filter(|e| emails.contains(e)).collect(),
        });
    }
    let me = match common.as_deref() {
        Some([only]) if folders.len() > 1 => Some(only.clone()),
        _ => None,
    };
    for (n, ((file, dir), info)) in folders.iter().zip(&infos).enumerate() {
        let text = decode(archive::read(&bytes, file, label)?);
        let folder = dir.rsplit('/').next();
        match google_chat::parse(&text, info.as_ref(), folder, me.as_deref()) {
            Ok(c) => {
                out.logs.push(c.log);
                out.skipped
                    .extend(c.skipped.into_iter().map(|s| Skip::new(s.at, format!("{file}: {}", s.reason))));
            }
            Err(e) => out.skipped.push(Skip::new(Place::Record(n + 1), format!("{file}: {e}"))),
        }
    }
    Ok(out)
}

/// Google Voice: a Takeout zip (every `Voice/Calls/*.html`), or one page.
fn google_voice_takeout(bytes: Vec<u8>, label: &'static str) -> std::result::Result<Read, ImportError> {
    let mut out = Read { logs: Vec::new(), calls: Vec::new(), skipped: Vec::new() };
    let mut pages: Vec<(String, String)> = Vec::new();
    if detect::is_zip(&bytes) {
        for name in archive::names(&bytes, label)? {
            if name.contains("Voice/Calls/") && name.to_ascii_lowercase().ends_with(".html") {
                pages.push((name.clone(), decode(archive::read(&bytes, &name, label)?)));
            }
        }
        if pages.is_empty() {
            return Err(ImportError::WrongFormat {
                expected: label,
                at: Place::Record(1),
                why: "the zip archive holds no \"Voice/Calls/….html\"".into(),
            });
        }
    } else {
        let text = decode(bytes);
        detect::check(&text, "google-voice", label)?;
        let parsed = google_voice::parse(&text, 1)?;
        push_voice(&mut out, parsed, 1, "the page");
        return Ok(out);
    }
    for (n, (name, html)) in pages.iter().enumerate() {
        match google_voice::parse(html, n + 1) {
            Ok(record) => push_voice(&mut out, record, n + 1, name),
            Err(e) => out.skipped.push(google_voice::skip(n + 1, name, &e.to_string())),
        }
    }
    Ok(out)
}

fn push_voice(out: &mut Read, record: google_voice::Record, n: usize, name: &str) {
    match record {
        google_voice::Record::Thread(log) => out.logs.push(log),
        google_voice::Record::Call(call) => out.calls.push(call),
        google_voice::Record::Skipped(why) => out.skipped.push(google_voice::skip(n, name, &why)),
    }
}

pub async fn import<R: Repo>(
    args: &Args,
    input: impl std::io::Read + Send,
    repo: &mut R,
    people: &mut Matcher,
    now: &Zoned,
) -> Result<Outcome> {
    let tz = now.time_zone().clone();
    let Read { logs, calls, skipped } = read(args, input, &tz)?;
    let mut out = Outcome { skipped, ..Outcome::default() };
    let window = SignedDuration::from_hours(i64::from(args.unanswered_after));
    let tag = Tag::parse(args.format.as_str()).ok();
    let source = args.format.as_str();
    // Days an earlier version of kith imported under their old keys still count as here.
    let legacy: HashSet<String> = if logs.iter().any(|l| l.legacy_key.is_some()) {
        repo.interaction_source_ids(source).await?.into_iter().collect()
    } else {
        HashSet::new()
    };
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
        if log.keyed_by_messages {
            // A one-to-one chat is the person it is with, whatever the export calls them.
            log.key = match ids.as_slice() {
                [one] if log.members.len() == 1 => one.to_string(),
                _ => "group".to_owned(),
            };
        }
        for day in chat::days(&log, &tz, window) {
            if day.legacy_id.as_ref().is_some_and(|id| legacy.contains(id)) {
                out.already_present += 1;
                continue;
            }
            batch.push(day_interaction(args.format, &day, ids.clone(), tag.clone()));
        }
        let one_to_one = log.members.len() == 1;
        for call in &log.calls {
            match chat_call(source, &log.key, call, one_to_one, ids.clone(), &tz, tag.clone()) {
                Ok(i) => batch.push(i),
                Err(why) => out.skipped.push(Skip::new(Place::Record(n + 1), why)),
            }
        }
    }
    for call in calls {
        let label = call.contact_name.clone().unwrap_or_else(|| call.number.clone());
        let log = ChatLog::new(call.number.clone(), label, vec![call.number.clone()]);
        let Some(ids) = members(args, &log, people) else {
            let why =
                format!("the call with {:?} matches no person (use --map or --create-people)", log.name);
            out.skipped.push(Skip::new(Place::Record(call.record), why));
            continue;
        };
        batch.push(call_interaction(source, &call, ids, &tz, tag.clone()));
    }
    // One batched write: a backup of 100,000 texts becomes tens of thousands of days.
    people.write(repo).await?;
    let added = repo.insert_interactions(&batch).await?;
    out.interactions = added.iter().filter(|a| **a).count();
    out.already_present += added.len() - out.interactions;
    // Exports of a whole chat: a longer one brings the days already here up to date.
    if matches!(args.format, Format::Whatsapp | Format::Telegram) {
        let again: Vec<Interaction> =
            batch.into_iter().zip(&added).filter(|(_, a)| !**a).map(|(i, _)| i).collect();
        out.updated = repo.refresh_imported(&again).await?;
    }
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

/// A call inside a chat: a `voice` or `video` interaction of its minutes; a missed call
/// from them is one unanswered call (in a one-to-one chat); a call of yours nobody took is
/// skipped, as in the call log.
fn chat_call(
    source: &str,
    key: &str,
    call: &ChatCall,
    one_to_one: bool,
    people: Vec<PersonId>,
    tz: &jiff::tz::TimeZone,
    tag: Option<Tag>,
) -> std::result::Result<Interaction, String> {
    let mine = call.direction == Direction::Me;
    let what = if call.video { "video call" } else { "voice call" };
    if call.missed && mine {
        return Err(format!(
            "a {what} of yours on {} that was not answered",
            Moment::in_zone(call.at, tz).local_date()
        ));
    }
    let minutes = call.seconds.map(|s| s.saturating_add(59) / 60).unwrap_or(0);
    let note = match (call.missed, mine) {
        (true, _) => format!("missed {what}"),
        (false, true) => format!("{what} you made"),
        (false, false) => format!("{what} from them"),
    };
    Ok(Interaction {
        id: InteractionId::from_random_bytes(random_bytes()),
        at: Moment::in_zone(call.at, tz),
        minutes: call.seconds.and_then(|_| Minutes::new("minutes", minutes.min(Minutes::MAX)).ok()),
        mode: if call.video { Mode::Video } else { Mode::Voice },
        initiator: Some(if mine { Initiator::Me } else { Initiator::Them }),
        people,
        felt: None,
        meaningful: !call.missed,
        tags: tag.into_iter().collect(),
        note: Note::parse("note", &note).ok(),
        unanswered: u32::from(call.missed && one_to_one),
        source: Source { kind: source.into(), id: Some(format!("{key}/call/{}", call.at.as_second())) },
        plan: None,
    })
}

fn call_interaction(
    source: &str,
    call: &Call,
    people: Vec<PersonId>,
    tz: &jiff::tz::TimeZone,
    tag: Option<Tag>,
) -> Interaction {
    let answered = matches!(call.kind, CallKind::Incoming | CallKind::Outgoing);
    let minutes = call.seconds.saturating_add(59) / 60;
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
            kind: source.into(),
            id: Some(format!("call/{}/{}", call.number, call.at.as_second())),
        },
        plan: None,
    }
}

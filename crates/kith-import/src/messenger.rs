//! Facebook Messenger and Instagram messages from Meta's "Download your information" in JSON:
//! one `message_N.json` per conversation part, with `participants` (`name`), `messages`
//! newest first (`sender_name`, `timestamp_ms`, `content`, `call_duration`, `is_unsent`) and
//! often `title` and `thread_path`. Meta writes every string as its UTF-8 bytes escaped one by
//! one (`"\u00c3\u00a9"` for é), so each string is repaired before use.

use crate::chat::{ChatCall, ChatLog, ChatMessage, Direction, text_digest};
use crate::report::{ImportError, Place, Skip};
use jiff::Timestamp;
use serde::Deserialize;

const FORMAT: &str = "Facebook Messenger or Instagram export (message_1.json)";

#[derive(Debug, Deserialize)]
struct Root {
    participants: Option<Vec<Participant>>,
    messages: Vec<Message>,
    title: Option<String>,
    thread_path: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Participant {
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Message {
    sender_name: Option<String>,
    timestamp_ms: Option<i64>,
    content: Option<String>,
    call_duration: Option<i64>,
    is_unsent: Option<bool>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// A parsed conversation part.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// Message directions are [`Direction::Sender`] unless the file says who the user is
    /// (a one-to-one chat titled with the other person's name).
    pub log: ChatLog,
    pub skipped: Vec<Skip>,
}

/// Undoes Meta's escaping: a string whose characters are all below U+0100 is read as the
/// UTF-8 bytes they stand for; a string that is not such bytes is kept as it is.
pub fn repair(text: &str) -> String {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xff) {
        return text.to_owned();
    }
    let bytes: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// Parses one `message_N.json`.
///
/// # Errors
/// When the text is not JSON, or has no `messages` list of Meta's shape.
pub fn parse(text: &str) -> Result<Conversation, ImportError> {
    let root: Root = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        ImportError::wrong(FORMAT, Place::Line(e.line().max(1)), format!("{e} (column {})", e.column()))
    })?;
    if !root.messages.is_empty() && root.messages.iter().all(|m| m.timestamp_ms.is_none()) {
        return Err(ImportError::wrong(
            FORMAT,
            Place::Line(1),
            "no message has a \"timestamp_ms\": this is not Meta's message format",
        ));
    }
    let participants: Vec<String> = root
        .participants
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.name.map(|n| repair(&n)))
        .filter(|n| !n.trim().is_empty())
        .collect();
    let title = root.title.as_deref().map(repair);
    // In a one-to-one chat the title is the other person's name, so the other participant is you.
    let me = match (participants.as_slice(), &title) {
        ([a, b], Some(t)) if a == t && b != t => Some(b.clone()),
        ([a, b], Some(t)) if b == t && a != t => Some(a.clone()),
        _ => None,
    };
    let key = root.thread_path.as_deref().map(repair).unwrap_or_else(|| {
        let mut keys: Vec<String> = participants.iter().map(|p| kith_core::person::name_key(p)).collect();
        keys.sort();
        keys.join("|")
    });
    let members: Vec<String> = participants.iter().filter(|p| Some(*p) != me.as_ref()).cloned().collect();
    let name = title.unwrap_or_else(|| members.join(" & "));
    let mut log = ChatLog::new(key, name, members);
    let mut skipped = Vec::new();
    for (n, m) in root.messages.iter().enumerate() {
        let Some(at) = m.timestamp_ms.and_then(|ms| Timestamp::from_millisecond(ms).ok()) else {
            skipped.push(Skip::new(Place::Record(n + 1), "the message has no readable \"timestamp_ms\""));
            continue;
        };
        if m.is_unsent == Some(true) {
            skipped.push(Skip::new(Place::Record(n + 1), "a message that was unsent"));
            continue;
        }
        let Some(sender) = m.sender_name.as_deref().map(repair).filter(|s| !s.trim().is_empty()) else {
            skipped.push(Skip::new(Place::Record(n + 1), "the message has no \"sender_name\""));
            continue;
        };
        let direction = match &me {
            Some(me) if *me == sender => Direction::Me,
            Some(_) => Direction::From(sender.clone()),
            None => Direction::Sender(sender.clone()),
        };
        if me.is_none() && !log.members.contains(&sender) {
            log.members.push(sender.clone());
        }
        let content = m.content.as_deref().map(repair).unwrap_or_default();
        let call = m.call_duration.is_some() || m.kind.as_deref() == Some("Call");
        if call {
            let seconds = m.call_duration.filter(|s| *s > 0);
            let video = content.to_lowercase().contains("video");
            log.calls.push(ChatCall { at, direction, video, seconds, missed: seconds.is_none() });
        } else {
            log.messages.push(ChatMessage { at, direction, digest: text_digest(&content) });
        }
    }
    Ok(Conversation { log, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metas_escaped_bytes_become_the_characters_they_stand_for() {
        assert_eq!(repair("Ren\u{c3}\u{a9}e \u{f0}\u{9f}\u{98}\u{85}"), "Renée 😅");
        assert_eq!(repair("plain"), "plain");
        assert_eq!(repair("caf\u{e9}"), "caf\u{e9}", "not UTF-8 bytes: kept");
        assert_eq!(repair("Zoë ✓"), "Zoë ✓", "already right: kept");
    }

    #[test]
    fn a_titled_two_person_chat_knows_who_you_are_and_reads_calls() {
        let json = r#"{"participants":[{"name":"Ren\u00c3\u00a9e"},{"name":"Kim"}],"title":"Ren\u00c3\u00a9e",
          "thread_path":"inbox/renee_abc","messages":[
          {"sender_name":"Kim","timestamp_ms":1700000300000,"content":"You called Ren\u00c3\u00a9e.","call_duration":125,"type":"Call"},
          {"sender_name":"Ren\u00c3\u00a9e","timestamp_ms":1700000200000,"content":"You missed a call from Ren\u00c3\u00a9e.","call_duration":0,"type":"Call"},
          {"sender_name":"Ren\u00c3\u00a9e","timestamp_ms":1700000100000,"content":"hi","is_unsent":true},
          {"sender_name":"Ren\u00c3\u00a9e","timestamp_ms":1700000000000,"content":"hey"}]}"#;
        let c = parse(json).expect("parses");
        assert_eq!(c.log.members, ["Renée"]);
        assert_eq!(c.log.key, "inbox/renee_abc");
        assert_eq!(c.log.messages.len(), 1);
        assert_eq!(c.log.messages[0].direction, Direction::From("Renée".into()));
        assert_eq!(c.log.calls.len(), 2);
        assert_eq!((c.log.calls[0].direction.clone(), c.log.calls[0].seconds), (Direction::Me, Some(125)));
        assert!(c.log.calls[1].missed);
        assert_eq!(c.skipped.len(), 1);
    }

    #[test]
    fn json_of_another_shape_is_refused() {
        let err =
            parse(r#"{"messages":[{"creator":{"name":"A"},"created_date":"x"}]}"#).expect_err("not Meta's");
        assert!(matches!(err, ImportError::WrongFormat { .. }), "{err}");
    }
}

//! Telegram Desktop exports (`result.json`): a single chat (`{name, type, id, messages}`) or
//! a whole account (`{personal_information, chats: {list: [...]}}`). `text` is a string or an
//! array of strings and `{type, text}` parts; `date_unixtime` is
//! preferred over `date`, which is local time without an offset.

use crate::chat::{ChatCall, ChatLog, ChatMessage, Direction, text_digest};
use crate::report::{ImportError, Place, Skip};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;

const FORMAT: &str = "Telegram Desktop export (result.json)";

/// A message's text: a string, or parts.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Parts(Vec<Part>),
}

/// One part of a text array.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Part {
    Plain(String),
    Entity { text: String },
}

impl Text {
    /// The text with its parts joined.
    pub fn joined(&self) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Parts(parts) => parts
                .iter()
                .map(|p| match p {
                    Part::Plain(s) | Part::Entity { text: s } => s.as_str(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct Root {
    personal_information: Option<Personal>,
    chats: Option<ChatList>,
    #[serde(flatten)]
    single: Option<Chat>,
}

#[derive(Debug, Deserialize)]
struct Personal {
    user_id: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct ChatList {
    list: Vec<Chat>,
}

#[derive(Debug, Deserialize)]
struct Chat {
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<serde_json::Value>,
    messages: Vec<Message>,
}

#[derive(Debug, Deserialize)]
struct Message {
    id: Option<i64>,
    #[serde(rename = "type")]
    kind: Option<String>,
    date: Option<String>,
    date_unixtime: Option<String>,
    from: Option<String>,
    from_id: Option<serde_json::Value>,
    text: Option<Text>,
    /// Service messages: who did it, and what (`phone_call`).
    actor: Option<String>,
    actor_id: Option<serde_json::Value>,
    action: Option<String>,
    duration_seconds: Option<i64>,
    /// `missed`, `busy`, `hangup` or `disconnect`.
    discard_reason: Option<String>,
    is_video: Option<bool>,
}

/// A whole export.
#[derive(Debug, Default)]
pub struct Export {
    pub logs: Vec<ChatLog>,
    pub skipped: Vec<Skip>,
}

/// `user123` for a numeric id (older exports) or the string as written.
fn user_id(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Number(n) => Some(format!("user{n}")),
        serde_json::Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Parses an export; `date` fields without `date_unixtime` are read in `tz`.
///
/// # Errors
/// When the text is not JSON, or has neither `messages` nor `chats.list`.
pub fn parse(text: &str, tz: &TimeZone) -> Result<Export, ImportError> {
    let root: Root = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        ImportError::wrong(FORMAT, Place::Line(e.line().max(1)), format!("{e} (column {})", e.column()))
    })?;
    let me = root.personal_information.and_then(|p| p.user_id).as_ref().and_then(user_id);
    let chats = match (root.chats, root.single) {
        (Some(list), _) => list.list,
        (None, Some(single)) => vec![single],
        (None, None) => {
            return Err(ImportError::wrong(
                FORMAT,
                Place::Line(1),
                "there is neither a \"messages\" list nor \"chats\": {\"list\": ...}",
            ));
        }
    };
    let mut out = Export::default();
    for (n, chat) in chats.into_iter().enumerate() {
        let kind = chat.kind.as_deref().unwrap_or("personal_chat");
        if matches!(kind, "saved_messages" | "bot_chat" | "private_channel" | "public_channel") {
            let what = match kind {
                "saved_messages" => "Saved Messages",
                "bot_chat" => "a chat with a bot",
                _ => "a channel",
            };
            let why = format!("{what} is not a conversation with people");
            out.skipped.push(Skip::new(Place::Record(n + 1), why));
            continue;
        }
        let peer = (kind == "personal_chat").then(|| chat.id.as_ref().and_then(user_id)).flatten();
        let name = chat.name.clone().unwrap_or_else(|| format!("chat {}", n + 1));
        let key = chat.id.as_ref().map_or_else(|| kith_core::person::name_key(&name), |v| v.to_string());
        let mut log = ChatLog::new(key, name.clone(), Vec::new());
        for m in &chat.messages {
            let call = m.kind.as_deref() == Some("service") && m.action.as_deref() == Some("phone_call");
            if m.kind.as_deref() != Some("message") && !call {
                continue;
            }
            let Some(at) = when(m, tz) else {
                let why = format!("message {} in {name:?} has no readable date", m.id.unwrap_or_default());
                out.skipped.push(Skip::new(Place::Record(n + 1), why));
                continue;
            };
            let who = if call { &m.actor } else { &m.from };
            let sender = who.clone().unwrap_or_else(|| "Deleted Account".to_owned());
            let from_id = if call { &m.actor_id } else { &m.from_id }.as_ref().and_then(user_id);
            let direction = match (&from_id, &me, &peer) {
                (Some(f), Some(me), _) if f == me => Direction::Me,
                (Some(_), Some(_), _) => Direction::From(sender.clone()),
                (Some(f), None, Some(p)) if f == p => Direction::From(sender.clone()),
                (Some(_), None, Some(_)) => Direction::Me,
                _ => Direction::Sender(sender.clone()),
            };
            if let Direction::From(s) | Direction::Sender(s) = &direction
                && !log.members.contains(s)
            {
                log.members.push(s.clone());
            }
            if call {
                let missed = matches!(m.discard_reason.as_deref(), Some("missed" | "busy"));
                let seconds = m.duration_seconds.filter(|s| *s > 0 && !missed);
                if !missed && seconds.is_none() {
                    let why = format!(
                        "call {} in {name:?} has neither a duration nor a reason it ended, so it is unclear whether it was answered",
                        m.id.unwrap_or_default()
                    );
                    out.skipped.push(Skip::new(Place::Record(n + 1), why));
                    continue;
                }
                let video = m.is_video.unwrap_or(false);
                log.calls.push(ChatCall { at, direction, video, seconds, missed });
            } else {
                let text = m.text.as_ref().map(Text::joined).unwrap_or_default();
                log.messages.push(ChatMessage { at, direction, digest: text_digest(&text) });
            }
        }
        if kind == "personal_chat" && log.members.is_empty() {
            log.members.push(name);
        }
        out.logs.push(log);
    }
    Ok(out)
}

fn when(m: &Message, tz: &TimeZone) -> Option<Timestamp> {
    if let Some(unix) = m.date_unixtime.as_deref().and_then(|s| s.parse::<i64>().ok()) {
        return Timestamp::from_second(unix).ok();
    }
    let local: jiff::civil::DateTime = m.date.as_deref()?.parse().ok()?;
    local.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_personal_chat_knows_who_is_who_from_the_chat_id() {
        let json = r#"{"name":"Bob","type":"personal_chat","id":7,"messages":[
            {"id":1,"type":"message","date_unixtime":"1700000000","from":"Bob","from_id":"user7","text":"hi"},
            {"id":2,"type":"message","date":"2023-11-14T23:00:00","from":"Me","from_id":"user9","text":[{"type":"bold","text":"yo"}," there"]},
            {"id":3,"type":"service","date_unixtime":"1700000100","actor":"Bob","action":"joined_telegram","text":""}]}"#;
        let got = parse(json, &TimeZone::UTC).expect("parses");
        let log = &got.logs[0];
        assert_eq!(log.members, ["Bob"]);
        assert_eq!(log.messages[0].direction, Direction::From("Bob".into()));
        assert_eq!(log.messages[1].direction, Direction::Me);
        assert_eq!(log.messages[1].at.to_string(), "2023-11-14T23:00:00Z");
    }

    #[test]
    fn text_arrays_join_their_parts() {
        let t: Text = serde_json::from_str(r#"[{"type":"link","text":"a"}," b"]"#).expect("valid");
        assert_eq!(t.joined(), "a b");
    }

    #[test]
    fn broken_json_names_its_line() {
        let err = parse("{\n\"messages\": [\n{,]}", &TimeZone::UTC).expect_err("broken");
        assert!(matches!(err, ImportError::WrongFormat { at: Place::Line(3), .. }), "{err}");
    }
}

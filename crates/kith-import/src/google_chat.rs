//! Google Chat from Google Takeout: each conversation is a folder `Google Chat/Groups/<DM or
//! Space id>/` with `messages.json` (`creator` {`name`, `email`, `user_type`},
//! `created_date` as English words such as "Monday, August 25, 2014 at 5:29:21 PM UTC",
//! `message_id` `<group>/<topic>/<message>`) and `group_info.json` (`name` for a Space,
//! `members`). The export does not say which member is the account's owner: in a whole
//! Takeout it is the one address in every conversation, otherwise the caller decides.

use crate::chat::{ChatLog, ChatMessage, Direction, text_digest};
use crate::report::{ImportError, Place, Skip};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

const FORMAT: &str = "Google Chat Takeout (messages.json)";

#[derive(Debug, Deserialize)]
struct Messages {
    messages: Vec<Message>,
}

#[derive(Debug, Deserialize)]
struct Message {
    creator: Option<Member>,
    created_date: Option<String>,
    text: Option<String>,
    message_id: Option<String>,
    message_state: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct Member {
    name: Option<String>,
    email: Option<String>,
    user_type: Option<String>,
}

/// `group_info.json`: the Space's name and its members.
#[derive(Debug, Deserialize, Default)]
pub struct GroupInfo {
    name: Option<String>,
    #[serde(default)]
    members: Vec<Member>,
}

impl GroupInfo {
    /// Reads `group_info.json`.
    ///
    /// # Errors
    /// When it is not JSON of that shape.
    pub fn parse(text: &str) -> Result<Self, ImportError> {
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
            ImportError::wrong(FORMAT, Place::Line(e.line().max(1)), format!("group_info.json: {e}"))
        })
    }

    /// Every member's address, in lower case.
    pub fn emails(&self) -> Vec<String> {
        self.members.iter().filter_map(|m| m.email.as_ref().map(|e| e.to_lowercase())).collect()
    }
}

/// One conversation read.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// Message directions are [`Direction::Sender`] (by address when there is one) unless
    /// `me` was given.
    pub log: ChatLog,
    pub skipped: Vec<Skip>,
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Za-z]+, )?([A-Za-z]+) (\d{1,2}), (\d{4}) at (\d{1,2}):(\d{2})(?::(\d{2}))?[ \u{202f}\u{a0}]?([AaPp][Mm]) (.+)$")
        .expect("the date pattern is valid")
});

/// "Monday, August 25, 2014 at 5:29:21 PM UTC" (U+202F or a space before PM).
pub fn created_date(text: &str) -> Option<Timestamp> {
    let caps = DATE.captures(text.trim())?;
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = caps[1].to_lowercase();
    let m = MONTHS.iter().position(|p| month.starts_with(p))?;
    let day: i8 = caps[2].parse().ok()?;
    let year: i16 = caps[3].parse().ok()?;
    let hour: i8 = caps[4].parse().ok()?;
    let minute: i8 = caps[5].parse().ok()?;
    let second: i8 = caps.get(6).map_or(Some(0), |s| s.as_str().parse().ok())?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    let pm = caps[7].eq_ignore_ascii_case("pm");
    let hour = hour % 12 + if pm { 12 } else { 0 };
    let date = Date::new(year, i8::try_from(m + 1).ok()?, day).ok()?;
    let local = DateTime::from_parts(date, Time::new(hour, minute, second, 0).ok()?);
    let zone = match caps[8].trim() {
        "UTC" | "GMT" | "Z" => TimeZone::UTC,
        other => TimeZone::get(other).ok()?,
    };
    local.to_zoned(zone).ok().map(|z| z.timestamp())
}

/// Reads one conversation: `messages` is messages.json, `info` its group_info.json when
/// there is one, `folder` the conversation's folder name (its id), and `me` the owner's
/// address when known.
///
/// # Errors
/// When messages.json is not JSON with a `messages` list of Google Chat's shape.
pub fn parse(
    messages: &str,
    info: Option<&GroupInfo>,
    folder: Option<&str>,
    me: Option<&str>,
) -> Result<Conversation, ImportError> {
    let root: Messages = serde_json::from_str(messages.trim_start_matches('\u{feff}')).map_err(|e| {
        ImportError::wrong(FORMAT, Place::Line(e.line().max(1)), format!("{e} (column {})", e.column()))
    })?;
    if !root.messages.is_empty() && root.messages.iter().all(|m| m.created_date.is_none()) {
        return Err(ImportError::wrong(
            FORMAT,
            Place::Line(1),
            "no message has a \"created_date\": this is not Google Chat's message format",
        ));
    }
    let me = me.map(str::to_lowercase);
    let label = |m: &Member| -> Option<String> {
        m.email
            .clone()
            .filter(|e| !e.trim().is_empty())
            .or_else(|| m.name.clone())
            .filter(|s| !s.trim().is_empty())
    };
    let is_me = |m: &Member| me.is_some() && m.email.as_ref().map(|e| e.to_lowercase()) == me;
    let mut members: Vec<String> = Vec::new();
    let mut names: Vec<(String, String)> = Vec::new();
    for m in info.map(|i| i.members.as_slice()).unwrap_or_default() {
        if m.user_type.as_deref() == Some("Bot") || is_me(m) {
            continue;
        }
        if let Some(l) = label(m)
            && !members.contains(&l)
        {
            if let Some(n) = &m.name {
                names.push((l.clone(), n.clone()));
            }
            members.push(l);
        }
    }
    let group = root
        .messages
        .iter()
        .find_map(|m| m.message_id.as_deref().and_then(|id| id.split('/').next()).map(str::to_owned))
        .or_else(|| folder.map(str::to_owned))
        .unwrap_or_else(|| "chat".to_owned());
    let name = info
        .and_then(|i| i.name.clone())
        .unwrap_or_else(|| names.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(" & "));
    let mut log = ChatLog::new(group, name, members);
    let mut skipped = Vec::new();
    for (n, m) in root.messages.iter().enumerate() {
        if m.message_state.as_deref() == Some("DELETED") {
            skipped.push(Skip::new(Place::Record(n + 1), "a deleted message"));
            continue;
        }
        let Some(creator) = &m.creator else {
            skipped.push(Skip::new(Place::Record(n + 1), "the message has no \"creator\""));
            continue;
        };
        if creator.user_type.as_deref() == Some("Bot") {
            skipped.push(Skip::new(Place::Record(n + 1), "a message from a bot"));
            continue;
        }
        let Some(at) = m.created_date.as_deref().and_then(created_date) else {
            let why = format!(
                "the date {:?} is not one Google Chat writes (\"Monday, August 25, 2014 at 5:29:21 PM UTC\")",
                m.created_date.as_deref().unwrap_or("")
            );
            skipped.push(Skip::new(Place::Record(n + 1), why));
            continue;
        };
        let Some(sender) = label(creator) else {
            skipped.push(Skip::new(Place::Record(n + 1), "the message's creator has no name or address"));
            continue;
        };
        let direction = if is_me(creator) {
            Direction::Me
        } else if me.is_some() {
            Direction::From(sender.clone())
        } else {
            Direction::Sender(sender.clone())
        };
        if !is_me(creator) && !log.members.contains(&sender) {
            if let Some(n) = &creator.name {
                names.push((sender.clone(), n.clone()));
            }
            log.members.push(sender.clone());
        }
        let digest = text_digest(m.text.as_deref().unwrap_or(""));
        log.messages.push(ChatMessage { at, direction, digest });
    }
    // A conversation with one other person is known by their name (a Space's title would
    // make a poor name for a person added from it).
    if let [only] = log.members.as_slice() {
        if let Some((_, n)) = names.iter().find(|(l, _)| l == only) {
            log.name = n.clone();
        }
    } else if log.name.is_empty() {
        log.name = log.members.join(" & ");
    }
    Ok(Conversation { log, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_read_with_either_space_before_pm() {
        let a = created_date("Monday, August 25, 2014 at 5:29:21 PM UTC").expect("reads");
        assert_eq!(a.to_string(), "2014-08-25T17:29:21Z");
        let b = created_date("Sunday, November 18, 2018 at 12:02:21\u{202f}AM UTC").expect("reads");
        assert_eq!(b.to_string(), "2018-11-18T00:02:21Z");
        assert!(created_date("2018-11-18T00:02:21Z").is_none());
        assert!(created_date("Sunday, November 18, 2018 at 13:02:21 PM UTC").is_none());
    }

    #[test]
    fn the_owner_is_me_and_members_come_from_group_info() {
        let info = GroupInfo::parse(
            r#"{"members":[{"name":"Ada","email":"ada@example.org","user_type":"Human"},
            {"name":"Me Myself","email":"me@example.org","user_type":"Human"}]}"#,
        )
        .expect("info");
        let messages = r#"{"messages":[
          {"creator":{"name":"Ada","email":"ada@example.org","user_type":"Human"},"created_date":"Monday, August 25, 2014 at 5:29:21 PM UTC","text":"hi","message_id":"g1/t/m"},
          {"creator":{"name":"Me Myself","email":"ME@example.org","user_type":"Human"},"created_date":"Monday, August 25, 2014 at 5:30:00 PM UTC","text":"yo","message_id":"g1/t/n"},
          {"creator":{"name":"Ada","email":"ada@example.org"},"created_date":"yesterday","text":"?"}]}"#;
        let c = parse(messages, Some(&info), None, Some("me@example.org")).expect("parses");
        assert_eq!(c.log.key, "g1");
        assert_eq!(c.log.members, ["ada@example.org"]);
        assert_eq!(c.log.name, "Ada");
        assert_eq!(c.log.messages[1].direction, Direction::Me);
        assert_eq!(c.skipped.len(), 1);
    }
}

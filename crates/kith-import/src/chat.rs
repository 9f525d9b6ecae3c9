//! What chat and message exports have in common: messages in conversations, folded into one
//! `text` interaction per conversation per local day, with who started and how many messages
//! from them were left without a reply (one of the withdrawal signals).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use kith_core::{Initiator, Moment};
use std::collections::BTreeMap;

/// Who wrote a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Direction {
    /// The user.
    Me,
    /// Someone else, by the name or number the export shows.
    From(String),
    /// The export does not say (WhatsApp): decided later by the sender's name.
    Sender(String),
}

/// One message in an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    pub at: Timestamp,
    pub direction: Direction,
    /// A digest of the message's text ([`digest`]); the text itself is never kept.
    pub digest: u64,
}

/// A call the export records inside a conversation (WhatsApp, Telegram, Messenger).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatCall {
    pub at: Timestamp,
    /// Who called.
    pub direction: Direction,
    pub video: bool,
    /// How long it lasted, when it was answered.
    pub seconds: Option<i64>,
    /// Not answered: nobody picked up, or the line was busy.
    pub missed: bool,
}

/// One conversation: its key, a display name, and its messages and calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLog {
    /// Stable across re-imports of the same conversation when the export has an id for it
    /// (a Telegram chat id, a phone number); otherwise the caller sets it to something
    /// stable (the person a one-to-one chat is with) and [`ChatLog::keyed_by_messages`]
    /// makes each day's key carry its first message too.
    pub key: String,
    /// What the export calls it (a chat title, a contact name, a phone number).
    pub name: String,
    /// The other people's names or numbers, as the export writes them.
    pub members: Vec<String>,
    pub messages: Vec<ChatMessage>,
    pub calls: Vec<ChatCall>,
    /// The export has no id for the conversation (WhatsApp): a day is known by the chat's
    /// key, its date and its first message, so a re-export where someone joined or a number
    /// got a name finds the days it already holds.
    pub keyed_by_messages: bool,
    /// The key an earlier version of kith gave the conversation (its members' names), so
    /// days imported then are still recognised.
    pub legacy_key: Option<String>,
}

/// A stable 64-bit digest (FNV-1a) of `parts`: the same on every machine and version, so it
/// can be part of an import key.
pub fn digest(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The digest of a message's text, the same whether the export was made with media or without
/// (`<attached: …>`, "image omitted" and "<Media omitted>" all stand for a media file).
pub fn text_digest(text: &str) -> u64 {
    let t = text.trim();
    let lower = t.to_lowercase();
    let media = lower.starts_with("<attached:")
        || lower == "<media omitted>"
        || (lower.ends_with(" omitted") && lower.split_whitespace().count() <= 3);
    digest(&[if media { b"\0media" } else { t.as_bytes() }])
}

impl ChatLog {
    /// An empty conversation with a fixed key.
    pub fn new(key: impl Into<String>, name: impl Into<String>, members: Vec<String>) -> Self {
        Self {
            key: key.into(),
            name: name.into(),
            members,
            messages: Vec::new(),
            calls: Vec::new(),
            keyed_by_messages: false,
            legacy_key: None,
        }
    }

    /// Every distinct sender name in a log whose directions are not settled yet.
    pub fn senders(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for d in self.messages.iter().map(|m| &m.direction).chain(self.calls.iter().map(|c| &c.direction)) {
            if let Direction::Sender(s) = d
                && !out.contains(s)
            {
                out.push(s.clone());
            }
        }
        out
    }

    /// Settles every [`Direction::Sender`]: messages by `me` become [`Direction::Me`], the
    /// rest [`Direction::From`], and `members` becomes everyone but `me`.
    pub fn settle(&mut self, me: &str) {
        let me_key = kith_core::person::name_key(me);
        let settle = |d: &mut Direction| {
            if let Direction::Sender(s) = d {
                *d = if kith_core::person::name_key(s) == me_key {
                    Direction::Me
                } else {
                    Direction::From(s.clone())
                };
            }
        };
        for m in &mut self.messages {
            settle(&mut m.direction);
        }
        for c in &mut self.calls {
            settle(&mut c.direction);
        }
        let unnamed = self.name == self.members.join(" & ");
        self.members.retain(|m| kith_core::person::name_key(m) != me_key);
        if unnamed {
            self.name = self.members.join(" & ");
        }
    }
}

/// A conversation's messages on one local day: what becomes one `text` interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatDay {
    /// `chat key/YYYY-MM-DD`, or `chat key/YYYY-MM-DD/first message` for a conversation
    /// [`ChatLog::keyed_by_messages`]: the import key, so a re-import adds nothing.
    pub source_id: String,
    /// The key an earlier version of kith gave this day, if it differs.
    pub legacy_id: Option<String>,
    pub chat: String,
    /// The other people in the conversation, as the export names them.
    pub members: Vec<String>,
    pub date: Date,
    /// The first message of the day, with the offset of the user's zone then.
    pub first: Moment,
    pub sent: u32,
    pub received: u32,
    pub initiator: Initiator,
    /// Messages from them that waited longer than the reply window for an answer.
    pub unanswered: u32,
}

/// Folds a conversation into days in zone `tz`. A message from them counts as unanswered when
/// no message from the user follows within `reply_window` and the export runs past the window
/// (a message from last night is not "unanswered" yet). Only one-to-one conversations count
/// unanswered messages: a group message asks nothing of one person.
pub fn days(log: &ChatLog, tz: &TimeZone, reply_window: SignedDuration) -> Vec<ChatDay> {
    let mut messages: Vec<&ChatMessage> =
        log.messages.iter().filter(|m| !matches!(m.direction, Direction::Sender(_))).collect();
    messages.sort_by_key(|m| m.at);
    let Some(last) = messages.last().map(|m| m.at) else { return Vec::new() };
    let one_to_one = log.members.len() == 1;
    // The user's next message after each one, found in one backward pass.
    let mut next_mine: Vec<Option<Timestamp>> = vec![None; messages.len()];
    let mut seen = None;
    for (i, m) in messages.iter().enumerate().rev() {
        next_mine[i] = seen;
        if m.direction == Direction::Me {
            seen = Some(m.at);
        }
    }
    let mut by_day: BTreeMap<Date, ChatDay> = BTreeMap::new();
    for (i, m) in messages.iter().enumerate() {
        let moment = Moment::in_zone(m.at, tz);
        let date = moment.local_date();
        let mine = m.direction == Direction::Me;
        let day = by_day.entry(date).or_insert_with(|| ChatDay {
            source_id: if log.keyed_by_messages {
                let who: &[u8] = if mine { b"me" } else { b"them" };
                let fp = digest(&[who, &m.at.as_second().to_be_bytes(), &m.digest.to_be_bytes()]);
                format!("{}/{date}/{fp:016x}", log.key)
            } else {
                format!("{}/{date}", log.key)
            },
            legacy_id: log.legacy_key.as_ref().map(|k| format!("{k}/{date}")),
            chat: log.name.clone(),
            members: log.members.clone(),
            date,
            first: moment,
            sent: 0,
            received: 0,
            initiator: if mine { Initiator::Me } else { Initiator::Them },
            unanswered: 0,
        });
        if mine {
            day.sent += 1;
            continue;
        }
        day.received += 1;
        if one_to_one {
            let deadline = m.at.checked_add(reply_window).unwrap_or(Timestamp::MAX);
            let reply = next_mine.get(i).copied().flatten();
            let waited_too_long = match reply {
                Some(at) => at > deadline,
                None => last > deadline,
            };
            if waited_too_long {
                day.unanswered += 1;
            }
        }
    }
    by_day.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("valid timestamp")
    }

    fn log(messages: &[(&str, bool)]) -> ChatLog {
        let mut l = ChatLog::new("sam", "Sam", vec!["Sam".into()]);
        l.messages = messages
            .iter()
            .map(|(t, mine)| ChatMessage {
                at: at(t),
                direction: if *mine { Direction::Me } else { Direction::From("Sam".into()) },
                digest: text_digest(t),
            })
            .collect();
        l
    }

    #[test]
    fn a_message_answered_the_next_day_is_not_unanswered() {
        let l = log(&[("2026-11-01T10:00:00Z", false), ("2026-11-02T09:00:00Z", true)]);
        let d = days(&l, &TimeZone::UTC, SignedDuration::from_hours(48));
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].unanswered, 0);
        assert_eq!(d[0].initiator, Initiator::Them);
    }

    #[test]
    fn a_message_left_for_three_days_is_unanswered() {
        let l = log(&[("2026-11-01T10:00:00Z", false), ("2026-11-04T11:00:00Z", true)]);
        let d = days(&l, &TimeZone::UTC, SignedDuration::from_hours(48));
        assert_eq!(d[0].unanswered, 1);
    }

    #[test]
    fn the_last_message_is_not_unanswered_until_the_window_has_passed() {
        let l = log(&[("2026-11-01T10:00:00Z", true), ("2026-11-01T12:00:00Z", false)]);
        let d = days(&l, &TimeZone::UTC, SignedDuration::from_hours(48));
        assert_eq!((d[0].sent, d[0].received, d[0].unanswered), (1, 1, 0));
        assert_eq!(d[0].initiator, Initiator::Me);
    }

    #[test]
    fn days_are_the_users_local_days() {
        let l = log(&[("2026-11-01T23:30:00Z", true)]);
        let tz = TimeZone::get("Europe/Berlin").expect("zone");
        let d = days(&l, &tz, SignedDuration::from_hours(48));
        assert_eq!(d[0].date.to_string(), "2026-11-02");
        assert_eq!(d[0].source_id, "sam/2026-11-02");
    }
}

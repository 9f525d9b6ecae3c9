//! What chat and message exports have in common: messages in conversations, folded into one
//! `text` interaction per conversation per local day, with who started and how many messages
//! from them were left without a reply (DESIGN.md idea 6, "calls and messages left
//! unanswered").

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
}

/// One conversation: its stable key, a display name, and its messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLog {
    /// Stable across re-imports of the same conversation.
    pub key: String,
    /// What the export calls it (a chat title, a contact name, a phone number).
    pub name: String,
    /// The other people's names or numbers, as the export writes them.
    pub members: Vec<String>,
    pub messages: Vec<ChatMessage>,
}

impl ChatLog {
    /// Every distinct sender name in a log whose directions are not settled yet.
    pub fn senders(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in &self.messages {
            if let Direction::Sender(s) = &m.direction
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
        for m in &mut self.messages {
            if let Direction::Sender(s) = &m.direction {
                m.direction = if kith_core::person::name_key(s) == me_key {
                    Direction::Me
                } else {
                    Direction::From(s.clone())
                };
            }
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
    /// `chat key/YYYY-MM-DD`: the import key, so a re-import adds nothing.
    pub source_id: String,
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
            source_id: format!("{}/{date}", log.key),
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
        ChatLog {
            key: "sam".into(),
            name: "Sam".into(),
            members: vec!["Sam".into()],
            messages: messages
                .iter()
                .map(|(t, mine)| ChatMessage {
                    at: at(t),
                    direction: if *mine { Direction::Me } else { Direction::From("Sam".into()) },
                })
                .collect(),
        }
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

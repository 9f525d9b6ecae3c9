//! Google Voice from Google Takeout: `Voice/Calls/*.html`, one file per call, voicemail or
//! text thread. The markup is microformat-like and not well-formed XML (`<br>` inside
//! XHTML), so it is read with an HTML parser. Times and durations come from the `title`
//! attributes (`2016-11-22T09:57:49.000-08:00`, `PT12M51S`), never from the words shown
//! beside them, which carry a zone's name and U+202F before AM/PM.

use crate::chat::{ChatLog, ChatMessage, Direction, text_digest};
use crate::report::{ImportError, Place, Skip};
use crate::sms::{Call, CallKind};
use jiff::Timestamp;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

const FORMAT: &str = "Google Voice Takeout (Voice/Calls/*.html)";

/// What one file holds.
#[derive(Debug, Clone)]
pub enum Record {
    /// A text thread (SMS or MMS, with one number or a group).
    Thread(ChatLog),
    /// A call or a voicemail.
    Call(Call),
    /// Something that is not contact with a person, and why.
    Skipped(String),
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| unreachable!("the selector {css} is valid"))
}

static HAUDIO: LazyLock<Selector> = LazyLock::new(|| sel(".haudio"));
static CHATLOG: LazyLock<Selector> = LazyLock::new(|| sel(".hChatLog"));
static MESSAGE: LazyLock<Selector> = LazyLock::new(|| sel(".message"));
static DT: LazyLock<Selector> = LazyLock::new(|| sel("abbr.dt"));
static SENDER: LazyLock<Selector> = LazyLock::new(|| sel("cite.sender"));
static TEL: LazyLock<Selector> = LazyLock::new(|| sel("a.tel"));
static FN: LazyLock<Selector> = LazyLock::new(|| sel(".fn"));
static Q: LazyLock<Selector> = LazyLock::new(|| sel("q"));
static PARTICIPANTS: LazyLock<Selector> = LazyLock::new(|| sel(".participants cite.sender"));
static CONTRIBUTOR: LazyLock<Selector> = LazyLock::new(|| sel(".contributor"));
static PUBLISHED: LazyLock<Selector> = LazyLock::new(|| sel("abbr.published"));
static DURATION: LazyLock<Selector> = LazyLock::new(|| sel("abbr.duration"));
static TAG: LazyLock<Selector> = LazyLock::new(|| sel(".tags a[rel=tag]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));

fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `PT1H2M3S`, `PT4S`, `PT12M51.5S` as whole seconds.
pub fn duration(iso: &str) -> Option<i64> {
    let rest = iso.trim().strip_prefix("PT")?;
    let mut total = 0f64;
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' | 'M' | 'S' => {
                let n: f64 = number.parse().ok()?;
                total += n * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
                number.clear();
            }
            _ => return None,
        }
    }
    (number.is_empty() && total.is_finite() && total < 1e9).then(|| total.round() as i64)
}

/// The number of a `tel:` link, or `None` for an empty one.
fn number(person: ElementRef<'_>) -> Option<String> {
    let href = person.select(&TEL).next()?.value().attr("href")?;
    let n = href.trim().trim_start_matches("tel:").trim();
    (!n.is_empty()).then(|| n.to_owned())
}

/// The name shown for a person (`.fn`), when there is one.
fn name(person: ElementRef<'_>) -> Option<String> {
    person.select(&FN).next().map(text_of).filter(|n| !n.is_empty())
}

/// The account owner is written as an `<abbr class="fn">Me</abbr>`; everyone else as a span.
fn is_me(person: ElementRef<'_>) -> bool {
    person.select(&FN).next().is_some_and(|f| f.value().name() == "abbr")
}

/// Reads one file. `record` numbers it in the report (its place in a Takeout archive).
///
/// # Errors
/// When the file is not a Google Voice page (no call log and no text thread in it).
pub fn parse(html: &str, record: usize) -> Result<Record, ImportError> {
    let doc = Html::parse_document(html);
    if let Some(log) = doc.select(&CHATLOG).next() {
        return Ok(thread(log, &doc));
    }
    let Some(audio) = doc.select(&HAUDIO).next() else {
        return Err(ImportError::wrong(
            FORMAT,
            Place::Line(1),
            "the page has neither a call log (class \"haudio\") nor a text thread (class \"hChatLog\")",
        ));
    };
    let kind_word = doc
        .select(&TAG)
        .map(text_of)
        .find(|t| matches!(t.as_str(), "Missed" | "Received" | "Placed" | "Voicemail" | "Recorded"))
        .or_else(|| {
            doc.select(&TITLE)
                .next()
                .map(text_of)
                .and_then(|t| t.split_whitespace().next().map(str::to_owned))
        })
        .unwrap_or_default();
    let kind = match kind_word.as_str() {
        "Missed" => CallKind::Missed,
        "Received" | "Recorded" => CallKind::Incoming,
        "Placed" => CallKind::Outgoing,
        "Voicemail" => CallKind::Voicemail,
        other => return Ok(Record::Skipped(format!("a call log entry of an unknown kind {other:?}"))),
    };
    let person = audio.select(&CONTRIBUTOR).next();
    let Some(number) = person.and_then(number) else {
        return Ok(Record::Skipped("the call has no number (a private number)".into()));
    };
    let Some(at) = audio
        .select(&PUBLISHED)
        .next()
        .and_then(|p| p.value().attr("title"))
        .and_then(|t| t.parse::<Timestamp>().ok())
    else {
        return Ok(Record::Skipped("the call has no readable time (abbr.published)".into()));
    };
    let seconds = audio
        .select(&DURATION)
        .next()
        .and_then(|d| d.value().attr("title"))
        .and_then(duration)
        .unwrap_or(0)
        .max(0);
    let kind = match kind {
        CallKind::Incoming if seconds == 0 => CallKind::Missed,
        CallKind::Outgoing if seconds == 0 => {
            return Ok(Record::Skipped("an outgoing call that was not answered".into()));
        }
        k => k,
    };
    Ok(Record::Call(Call { record, number, contact_name: person.and_then(name), at, seconds, kind }))
}

fn thread(log: ElementRef<'_>, doc: &Html) -> Record {
    let mut members: Vec<String> = Vec::new();
    let mut contact: Option<String> = None;
    let mut add = |p: ElementRef<'_>, members: &mut Vec<String>| {
        if is_me(p) {
            return;
        }
        if let Some(n) = number(p)
            && !members.contains(&n)
        {
            if contact.is_none() {
                contact = name(p);
            }
            members.push(n);
        }
    };
    for p in doc.select(&PARTICIPANTS) {
        add(p, &mut members);
    }
    let mut messages = Vec::new();
    let mut skipped = 0usize;
    for m in log.select(&MESSAGE) {
        let at = m
            .select(&DT)
            .next()
            .and_then(|d| d.value().attr("title"))
            .and_then(|t| t.parse::<Timestamp>().ok());
        let sender = m.select(&SENDER).next();
        let (Some(at), Some(sender)) = (at, sender) else {
            skipped += 1;
            continue;
        };
        let direction = if is_me(sender) {
            Direction::Me
        } else {
            add(sender, &mut members);
            Direction::From(number(sender).unwrap_or_default())
        };
        let text = m.select(&Q).next().map(text_of).unwrap_or_default();
        messages.push(ChatMessage { at, direction, digest: text_digest(&text) });
    }
    if members.is_empty() {
        return Record::Skipped("a text thread with no other number in it".into());
    }
    let mut keys: Vec<String> = members
        .iter()
        .map(|m| kith_core::Alias::parse(m).map(|a| a.key()).unwrap_or_else(|_| m.to_lowercase()))
        .collect();
    keys.sort();
    let name = match (&contact, members.len()) {
        (Some(c), 1) => c.clone(),
        _ => members.join(", "),
    };
    let mut chat = ChatLog::new(keys.join("~"), name, members);
    chat.messages = messages;
    if skipped > 0 && chat.messages.is_empty() {
        return Record::Skipped(format!("{skipped} messages without a readable time or sender"));
    }
    Record::Thread(chat)
}

/// A skip for a file in an archive.
pub fn skip(record: usize, file: &str, why: &str) -> Skip {
    Skip::new(Place::Record(record), format!("{file}: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations_read_as_seconds() {
        assert_eq!(duration("PT12M51S"), Some(771));
        assert_eq!(duration("PT4S"), Some(4));
        assert_eq!(duration("PT1H0M2.6S"), Some(3603));
        assert_eq!(duration("12:51"), None);
    }

    #[test]
    fn a_page_that_is_not_google_voice_is_refused() {
        let err = parse("<html><body><p>hello</p></body></html>", 1).expect_err("not a call log");
        assert!(matches!(err, ImportError::WrongFormat { .. }), "{err}");
    }
}

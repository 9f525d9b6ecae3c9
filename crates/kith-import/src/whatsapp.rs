//! WhatsApp "Export chat" text files, Android and iOS layouts:
//! `12/07/2017, 22:35 - Sam: text` and `[20.06.19, 15:58:47] Sam: text`, 12- and 24-hour
//! clocks, either date order, multi-line messages, system lines and invisible direction
//! marks. Times are the phone's local time with no zone, so the
//! caller says which zone the phone was in.

use crate::chat::{ChatCall, ChatLog, ChatMessage, Direction, text_digest};
use crate::report::{ImportError, Place, Skip};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use regex::Regex;
use std::borrow::Cow;
use std::io::BufRead;
use std::sync::LazyLock;

const FORMAT: &str = "WhatsApp chat export (.txt)";

/// The order of day, month and year in the export's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 31/12/2026 (most of the world).
    Dmy,
    /// 12/31/2026 (the United States).
    Mdy,
    /// 2026/12/31 (East Asian locales, ISO).
    Ymd,
}

impl DateOrder {
    const ALL: [DateOrder; 3] = [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd];

    /// The name used by `--date-order`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }
}

/// A parsed export.
#[derive(Debug, Clone)]
pub struct WhatsAppChat {
    /// The conversation; message directions are [`Direction::Sender`] until the caller
    /// knows which name is the user ([`ChatLog::settle`]).
    pub log: ChatLog,
    /// The date order used, given or inferred.
    pub order: DateOrder,
    pub skipped: Vec<Skip>,
}

// Date, time (optional seconds, optional a.m./p.m. in its many spellings), then either the
// iOS `] ` or the Android ` - ` (some exports show `~` there, or a dot after the time).
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\[?(\d{1,4})([./-])(\d{1,2})[./-](\d{1,4}),? +(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))? *(?:([aApP])\.? ?[mM]\.?)?(?:\] *|\.? +[-~\u{2013}] +)(.*)$",
    )
    .expect("the header pattern is valid")
});

struct Header {
    line: usize,
    parts: [u16; 3],
    widths: [u8; 3],
    dashed: bool,
    time: (u8, u8, u8, Option<bool>),
    body: Body,
}

/// What follows a line's date and time, read at once so the text itself is not kept.
enum Body {
    Message {
        /// Where the author is in [`Lines::authors`]: each name is kept once, however many
        /// messages it wrote.
        author: u32,
        digest: u64,
        call: Option<(bool, Option<i64>, bool)>,
    },
    /// A group's name, from WhatsApp's own "created group" line.
    Group(String),
    /// WhatsApp's own lines and notices.
    Other,
}

/// Every line of an export that starts a message, read once; what is kept of each is small,
/// so the text can be let go before the messages are built.
struct Lines {
    headers: Vec<Header>,
    authors: Vec<String>,
    skipped: Vec<Skip>,
}

fn body_of(rest: &str, authors: &mut Vec<String>) -> Body {
    let Some((author, body)) = split_author(rest) else {
        return group_name(rest).map_or(Body::Other, Body::Group);
    };
    if is_notice(body) {
        return Body::Other;
    }
    let at = authors.iter().position(|a| *a == author).unwrap_or_else(|| {
        authors.push(author);
        authors.len() - 1
    });
    Body::Message {
        author: u32::try_from(at).unwrap_or(u32::MAX),
        digest: text_digest(body),
        call: call_of(body),
    }
}

/// Cleans a line: drops a byte-order mark and direction marks, turns no-break spaces
/// (U+00A0, U+202F before AM/PM) into plain spaces.
fn clean(line: &str) -> Cow<'_, str> {
    let line = line.trim_end_matches('\r');
    if line.is_ascii() {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .filter(|c| !matches!(c, '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
            .map(|c| if c == '\u{a0}' || c == '\u{202f}' { ' ' } else { c })
            .collect::<String>()
            .trim_end_matches('\r')
            .to_owned(),
    )
}

fn header(line: usize, text: &str, authors: &mut Vec<String>) -> Option<Header> {
    let caps = HEADER.captures(text)?;
    let short = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
    let small = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u8>().ok());
    let width = |i: usize| caps.get(i).map_or(0, |m| u8::try_from(m.as_str().len()).unwrap_or(u8::MAX));
    let pm = caps.get(8).map(|m| m.as_str().eq_ignore_ascii_case("p"));
    Some(Header {
        line,
        parts: [short(1)?, short(3)?, short(4)?],
        widths: [width(1), width(3), width(4)],
        dashed: caps.get(2).is_some_and(|m| m.as_str() == "-"),
        time: (small(5)?, small(6)?, small(7).unwrap_or(0), pm),
        body: body_of(caps.get(9).map_or("", |m| m.as_str()), authors),
    })
}

fn date_of(h: &Header, order: DateOrder) -> Option<Date> {
    let [a, b, c] = h.parts;
    let (y, m, d, yw) = match order {
        DateOrder::Dmy => (c, b, a, h.widths[2]),
        DateOrder::Mdy => (c, a, b, h.widths[2]),
        DateOrder::Ymd => (a, b, c, h.widths[0]),
    };
    // A two-digit year comes first only in dashed dates (`[19-06-20 ...]`, iOS).
    let short_year_first = order == DateOrder::Ymd && h.widths[0] <= 2 && !h.dashed;
    if yw == 3 || short_year_first || (order != DateOrder::Ymd && h.widths[0] == 4) {
        return None;
    }
    let year = if yw <= 2 { 2000 + y } else { y };
    Date::new(i16::try_from(year).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn time_of(h: &Header) -> Option<Time> {
    let (hour, minute, second, pm) = h.time;
    let hour = match pm {
        None => hour,
        Some(_) if hour > 12 => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, i8::try_from(second).ok()?, 0).ok()
}

/// Picks the date order: the ones every date fits, then the one that keeps the messages
/// most nearly in time order; `given` settles a tie.
fn infer_order(headers: &[Header], given: Option<DateOrder>) -> Result<DateOrder, ImportError> {
    let fits: Vec<DateOrder> =
        DateOrder::ALL.into_iter().filter(|o| headers.iter().all(|h| date_of(h, *o).is_some())).collect();
    if let Some(g) = given {
        return Ok(g);
    }
    let inversions = |o: DateOrder| {
        let dates: Vec<Date> = headers.iter().filter_map(|h| date_of(h, o)).collect();
        dates.windows(2).filter(|w| w[1] < w[0]).count()
    };
    let mut scored: Vec<(usize, DateOrder)> = fits.iter().map(|o| (inversions(*o), *o)).collect();
    scored.sort_by_key(|(n, _)| *n);
    match scored.as_slice() {
        [] => Err(ImportError::wrong(
            FORMAT,
            Place::Line(headers.first().map_or(1, |h| h.line)),
            "the dates fit no day, month and year order",
        )),
        [(_, only)] => Ok(*only),
        [(a, best), (b, _), ..] if a < b => Ok(*best),
        _ => Err(ImportError::Ambiguous {
            why: format!(
                "the dates in this chat read equally well as {}",
                fits.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(" or ")
            ),
        }),
    }
}

/// Lines WhatsApp writes itself: the encryption notice (which sometimes carries the chat
/// name where an author would be), group changes.
fn is_notice(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("end-to-end encrypted") || t.contains("end-to-end encryption") || t.contains("ende-zu-ende")
}

/// Parses a whole export. `order` settles the date order when the file cannot; `tz` is the
/// zone the phone was in.
///
/// # Errors
/// When no line looks like a WhatsApp message, or the date order cannot be settled.
pub fn parse(text: &str, order: Option<DateOrder>, tz: &TimeZone) -> Result<WhatsAppChat, ImportError> {
    messages(read_lines(text), order, tz)
}

/// [`parse`], letting go of the text as soon as its lines are read: a long export then needs
/// little more memory than the text itself.
///
/// # Errors
/// As [`parse`].
pub fn parse_owned(
    text: String,
    order: Option<DateOrder>,
    tz: &TimeZone,
) -> Result<WhatsAppChat, ImportError> {
    let lines = read_lines(&text);
    drop(text);
    messages(lines, order, tz)
}

fn read_lines(text: &str) -> Lines {
    // Sized once (every message starts a line), so a long export's headers are never copied
    // into a vector twice their size while it grows.
    let lines_in_text = text.as_bytes().iter().filter(|b| **b == b'\n').count() + 1;
    let mut lines =
        Lines { headers: Vec::with_capacity(lines_in_text), authors: Vec::new(), skipped: Vec::new() };
    for (i, raw) in text.lines().enumerate() {
        if !lines.read(i + 1, raw) {
            break;
        }
    }
    lines
}

impl Lines {
    /// Reads line `number` of the export; false when the file is plainly not a chat and
    /// reading on would only collect more of the same skips.
    fn read(&mut self, number: usize, raw: &str) -> bool {
        let line = clean(raw);
        match header(number, &line, &mut self.authors) {
            Some(h) => self.headers.push(h),
            None if self.headers.is_empty() && !line.trim().is_empty() => {
                if number > 50 {
                    return false;
                }
                self.skipped.push(Skip::new(Place::Line(number), "text before the first message"));
            }
            // A continuation of the message above (multi-line messages).
            None => {}
        }
        true
    }
}

/// [`parse`], reading the export a line at a time, so that only what is kept of each message
/// is in memory, never the whole text. Lines that are not UTF-8 are read as Windows-1252, as
/// [`crate::text::decode`] reads them; give UTF-16 through [`crate::text::utf8_reader`].
///
/// # Errors
/// As [`parse`], and when the file cannot be read to its end.
pub fn parse_reader(
    mut input: impl BufRead,
    order: Option<DateOrder>,
    tz: &TimeZone,
) -> Result<WhatsAppChat, ImportError> {
    let mut lines = Lines { headers: Vec::new(), authors: Vec::new(), skipped: Vec::new() };
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => number += 1,
            Err(e) => {
                let why = format!("the file could not be read past this line ({e})");
                return Err(ImportError::wrong(FORMAT, Place::Line(number + 1), why));
            }
        }
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => Cow::Owned(crate::text::decode(&buf)),
        };
        let raw = text.strip_suffix('\n').unwrap_or(&text);
        if !lines.read(number, raw) {
            break;
        }
    }
    messages(lines, order, tz)
}

fn messages(lines: Lines, order: Option<DateOrder>, tz: &TimeZone) -> Result<WhatsAppChat, ImportError> {
    let Lines { headers, authors, mut skipped } = lines;
    if headers.is_empty() {
        let why = "no line starts with a date and time such as \"12/07/2017, 22:35 - \" or \"[20.06.19, 15:58:47] \"";
        return Err(ImportError::wrong(FORMAT, Place::Line(1), why));
    }
    let order = infer_order(&headers, order)?;
    let mut messages = Vec::with_capacity(headers.len());
    let mut calls = Vec::new();
    let mut members: Vec<String> = Vec::new();
    let mut name = None;
    for h in &headers {
        let Some(date) = date_of(h, order) else {
            skipped.push(Skip::new(
                Place::Line(h.line),
                format!("the date does not fit the {} order", order.as_str()),
            ));
            continue;
        };
        let Some(time) = time_of(h) else {
            skipped.push(Skip::new(Place::Line(h.line), "the time of day is not a real time"));
            continue;
        };
        let Ok(at) = DateTime::from_parts(date, time).to_zoned(tz.clone()).map(|z| z.timestamp()) else {
            skipped.push(Skip::new(Place::Line(h.line), "the time does not exist in that zone"));
            continue;
        };
        let (author, digest, call) = match &h.body {
            Body::Message { author, digest, call } => {
                (authors.get(*author as usize).map_or("", String::as_str), *digest, *call)
            }
            Body::Group(group) => {
                name = Some(group.clone());
                continue;
            }
            Body::Other => continue,
        };
        if !members.iter().any(|m| m == author) {
            members.push(author.to_owned());
        }
        let direction = Direction::Sender(author.to_owned());
        match call {
            Some((video, seconds, missed)) => calls.push(ChatCall { at, direction, video, seconds, missed }),
            None => messages.push(ChatMessage { at, direction, digest }),
        }
    }
    let mut sorted: Vec<String> = members.iter().map(|m| kith_core::person::name_key(m)).collect();
    sorted.sort();
    let name = name.unwrap_or_else(|| members.join(" & "));
    // The export has no id for the chat: the caller keys it by the person it is with.
    let mut log = ChatLog::new("chat", name, members);
    log.messages = messages;
    log.calls = calls;
    log.keyed_by_messages = true;
    log.legacy_key = Some(sorted.join("|"));
    Ok(WhatsAppChat { log, order, skipped })
}

static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(missed )?(?:group )?(voice|video) call(.*)$").expect("the call pattern is valid")
});
static CALL_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b")
        .expect("the duration pattern is valid")
});

/// A call line, as WhatsApp writes it on Android and iPhone: "Voice call, 12 min",
/// "Video call. 1 hr 3 min", "Missed voice call, Tap to call back", "Voice call, No answer".
/// Gives (video, seconds when answered, missed), or `None` for an ordinary message.
fn call_of(body: &str) -> Option<(bool, Option<i64>, bool)> {
    let lower = body.trim().to_lowercase();
    let caps = CALL.captures(&lower)?;
    let mut missed = caps.get(1).is_some();
    let video = caps.get(2).is_some_and(|m| m.as_str() == "video");
    let mut rest = caps.get(3).map_or("", |m| m.as_str()).to_owned();
    for phrase in ["tap to call back", "click to call back", "answered on other device"] {
        rest = rest.replace(phrase, "");
    }
    if rest.contains("no answer") || rest.contains("declined") || rest.contains("busy") {
        missed = true;
        rest = rest.replace("no answer", "").replace("declined", "").replace("busy", "");
    }
    let mut seconds = None;
    for part in CALL_PART.captures_iter(&rest.clone()) {
        let n: i64 = part[1].parse().ok()?;
        let unit = match part[2].chars().next() {
            Some('h') => 3600,
            Some('m') => 60,
            _ => 1,
        };
        seconds = Some(seconds.unwrap_or(0i64).saturating_add(n.saturating_mul(unit)));
        rest = rest.replacen(&part[0], "", 1);
    }
    // Anything else left means this was a message that happens to start like a call.
    let left = rest.chars().any(|c| !matches!(c, ' ' | ',' | '.' | '\u{2022}' | '\u{b7}' | '-' | '(' | ')'));
    if left {
        return None;
    }
    Some((video, if missed { None } else { seconds }, missed))
}

/// `Sam Lee: text` → ("Sam Lee", "text"). A leading `~` marks someone not in the phone's
/// address book. Lines without `: ` (or a final `:`) are WhatsApp's own.
fn split_author(rest: &str) -> Option<(String, &str)> {
    let (author, body) = match rest.split_once(": ") {
        Some(pair) => pair,
        None => {
            let (a, b) = rest.split_once(':')?;
            if a.contains(' ') && !b.is_empty() && !b.starts_with('.') {
                return None;
            }
            (a, b)
        }
    };
    let author = author.trim().trim_start_matches('~').trim();
    // A quote before the colon means WhatsApp's own line ("Sam changed the subject from
    // "a" to "b: c""), not a sender.
    let quoted = author.contains(['"', '\u{201c}', '\u{201d}']);
    (!author.is_empty() && !quoted && author.chars().count() <= 80).then(|| (author.to_owned(), body))
}

/// The group's name from `X created group "Name"`.
fn group_name(rest: &str) -> Option<String> {
    let (_, after) = rest.split_once("created group ")?;
    let name = after.trim().trim_matches(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'));
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_call_with_absurd_parts_adds_up_without_overflowing() {
        // Found by the fuzzer: two parts each near the largest number once added past it.
        let call = call_of("Voice call, 9223372036854775807 hr 5 min");
        assert_eq!(call, Some((false, Some(i64::MAX), false)));
    }

    use super::*;

    fn zone() -> TimeZone {
        TimeZone::get("Europe/London").expect("zone")
    }

    #[test]
    fn android_and_ios_layouts_give_the_same_messages() {
        let android = "12/07/2017, 22:35 - Sam: hi\n13/07/2017, 09:00 - Me: hello\nsecond line\n";
        let ios = "[12.07.17, 22:35:00] Sam: hi\r\n[13.07.17, 09:00:00] Me: hello\r\n";
        let a = parse(android, None, &zone()).expect("android");
        let b = parse(ios, None, &zone()).expect("ios");
        assert_eq!(a.log.messages, b.log.messages);
        assert_eq!(a.order, DateOrder::Dmy);
        assert_eq!(a.log.members, vec!["Sam".to_owned(), "Me".to_owned()]);
    }

    #[test]
    fn twelve_hour_clocks_with_narrow_spaces_parse() {
        let text = "1/2/24, 9:05\u{202f}PM - Sam: hi\n1/13/24, 12:01\u{a0}a. m. - Sam: late\n";
        let chat = parse(text, None, &TimeZone::UTC).expect("parses");
        assert_eq!(chat.order, DateOrder::Mdy);
        assert_eq!(chat.log.messages[0].at.to_string(), "2024-01-02T21:05:00Z");
        assert_eq!(chat.log.messages[1].at.to_string(), "2024-01-13T00:01:00Z");
    }

    #[test]
    fn an_undecidable_date_order_asks_for_the_flag() {
        let text = "01/02/24, 10:00 - Sam: hi\n";
        assert!(matches!(parse(text, None, &TimeZone::UTC), Err(ImportError::Ambiguous { .. })));
        let chat = parse(text, Some(DateOrder::Mdy), &TimeZone::UTC).expect("settled");
        assert_eq!(chat.log.messages[0].at.to_string(), "2024-01-02T10:00:00Z");
    }

    #[test]
    fn system_lines_and_marks_are_not_messages() {
        let text = "[20.06.19, 15:58:47] \u{200e}Messages to this group are now secured with end-to-end encryption.\n\
[20.06.19, 15:58:47] Loris created group \u{201c}Example\u{201d}\n[20.06.19, 15:58:57] Loris: Welcome\n\
[21.06.19, 15:58:57] Pokemon Chat: Messages and calls are end-to-end encrypted.\n\
[21.06.19, 16:00:00] Loris changed the subject from \u{201c}A\u{201d} to \u{201c}B: C\u{201d}\n";
        let chat = parse(text, None, &TimeZone::UTC).expect("parses");
        assert_eq!(chat.log.messages.len(), 1);
        assert_eq!(chat.log.name, "Example");
    }

    #[test]
    fn a_file_that_is_not_a_chat_is_an_error_at_line_one() {
        let err = parse("BEGIN:VCARD\nFN:Sam\n", None, &TimeZone::UTC).expect_err("not a chat");
        assert!(err.to_string().contains("WhatsApp"), "{err}");
    }

    #[test]
    fn an_impossible_time_is_skipped_with_its_line() {
        let text =
            "[09/10/22 11:37:00 p.m.] Sam: a\n[11/10/22 13:37:00 p.m.] Sam: b\n[13/10/22 10:00:00] Sam: c\n";
        let chat = parse(text, None, &TimeZone::UTC).expect("parses");
        assert_eq!(chat.skipped, vec![Skip::new(Place::Line(2), "the time of day is not a real time")]);
    }
}

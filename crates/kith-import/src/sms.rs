//! Android "SMS Backup & Restore" XML: `<smses>` with `<sms>` and `<mms>`, and `<calls>`
//! with `<call>`. Read as a stream with quick-xml, so a backup of hundreds of megabytes
//! (MMS attachments in base64) needs little memory. Attribute values go through our own
//! unescape, because the app writes emoji as pairs of UTF-16 surrogate references
//! (`&#55357;&#56832;`), which strict XML readers reject.

use crate::chat::{ChatLog, ChatMessage, Direction};
use crate::report::{ImportError, Place, Skip};
use jiff::Timestamp;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::BufRead;

const FORMAT: &str = "SMS Backup & Restore (.xml)";

/// What a call record says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Incoming,
    Outgoing,
    Missed,
    Voicemail,
    Rejected,
}

impl CallKind {
    /// Plain words, for the interaction's note.
    pub fn label(self) -> &'static str {
        match self {
            CallKind::Incoming => "incoming call",
            CallKind::Outgoing => "outgoing call",
            CallKind::Missed => "missed call",
            CallKind::Voicemail => "call that went to voicemail",
            CallKind::Rejected => "declined call",
        }
    }
}

/// One call from the call log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub record: usize,
    pub number: String,
    pub contact_name: Option<String>,
    pub at: Timestamp,
    pub seconds: i64,
    pub kind: CallKind,
}

/// A whole backup: conversations by address, calls, and what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Backup {
    pub logs: Vec<ChatLog>,
    pub calls: Vec<Call>,
    pub skipped: Vec<Skip>,
}

/// Reads a backup from `input`, streaming.
///
/// # Errors
/// When the file is not XML, has another root element, or is cut short.
pub fn parse<R: BufRead>(input: R) -> Result<Backup, ImportError> {
    let mut reader = quick_xml::Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::with_capacity(4096);
    let mut out = Backup::default();
    let mut logs: HashMap<String, ChatLog> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut line = 1usize;
    let mut depth = 0usize;
    let mut root_seen = false;
    let mut record = 0usize;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                return Err(ImportError::wrong(
                    FORMAT,
                    Place::Line(line),
                    format!("the XML breaks off or is malformed ({e})"),
                ));
            }
        };
        let (start, empty) = match &event {
            Event::Start(s) => (Some(s), false),
            Event::Empty(s) => (Some(s), true),
            _ => (None, false),
        };
        line += newlines(&event);
        if let Some(s) = start {
            let name = s.name().as_ref().as_bytes().to_vec();
            if !root_seen {
                if name != b"smses" && name != b"calls" {
                    let why = format!(
                        "the first element is <{}>, not <smses> or <calls>",
                        String::from_utf8_lossy(&name)
                    );
                    return Err(ImportError::wrong(FORMAT, Place::Line(line), why));
                }
                root_seen = true;
            } else if matches!(name.as_slice(), b"sms" | b"mms" | b"call") {
                record += 1;
                let attrs = attributes(s);
                let result = match name.as_slice() {
                    b"call" => call(&attrs, record).map(|c| out.calls.push(c)),
                    _ => message(&name, &attrs).map(|(key, members, contact, msg)| {
                        let log = logs.entry(key.clone()).or_insert_with(|| {
                            order.push(key.clone());
                            let name = contact.unwrap_or_else(|| members.join(", "));
                            ChatLog::new(key, name, members)
                        });
                        log.messages.push(msg);
                    }),
                };
                if let Err(reason) = result {
                    out.skipped.push(Skip::new(Place::Record(record), reason));
                }
            }
            if !empty {
                depth += 1;
            }
        }
        match event {
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !root_seen {
        return Err(ImportError::wrong(FORMAT, Place::Line(1), "there is no <smses> or <calls> element"));
    }
    if depth > 0 {
        return Err(ImportError::wrong(
            FORMAT,
            Place::Line(line),
            "the file ends before its last element is closed; it may be cut short",
        ));
    }
    out.logs = order.into_iter().filter_map(|k| logs.remove(&k)).collect();
    Ok(out)
}

fn newlines(event: &Event<'_>) -> usize {
    let count = |bytes: &[u8]| bytes.iter().filter(|b| **b == b'\n').count();
    match event {
        Event::Start(s) | Event::Empty(s) => count(s.as_ref().as_bytes()),
        Event::Text(t) => count(t.as_bytes()),
        Event::Comment(t) => count(t.as_bytes()),
        Event::CData(t) => count(t.as_bytes()),
        Event::DocType(t) => count(t.as_bytes()),
        Event::Decl(d) => count(d.as_bytes()),
        Event::PI(p) => count(p.as_bytes()),
        _ => 0,
    }
}

/// The attributes kith reads, unescaped; everything else (bodies, base64 data) is skipped
/// without being decoded.
fn attributes(s: &BytesStart<'_>) -> HashMap<&'static str, String> {
    const WANTED: [&str; 7] = ["address", "number", "date", "type", "msg_box", "duration", "contact_name"];
    let mut out = HashMap::new();
    for attr in s.attributes().with_checks(false).flatten() {
        let key = attr.key.as_ref();
        if let Some(name) = WANTED.iter().find(|w| **w == key) {
            out.insert(*name, unescape(attr.value.as_bytes()));
        }
    }
    out
}

fn present(attrs: &HashMap<&'static str, String>, key: &str) -> Option<String> {
    attrs.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty() && v != "null" && v != "(Unknown)")
}

fn date(attrs: &HashMap<&'static str, String>) -> Result<Timestamp, String> {
    let raw = present(attrs, "date").ok_or("the record has no date")?;
    raw.parse::<i64>()
        .ok()
        .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        .ok_or_else(|| format!("the date {raw:?} is not a number of milliseconds since 1970"))
}

type Message = (String, Vec<String>, Option<String>, ChatMessage);

fn message(name: &[u8], attrs: &HashMap<&'static str, String>) -> Result<Message, String> {
    let address = present(attrs, "address").ok_or("the message has no address")?;
    let at = date(attrs)?;
    let kind = if name == b"sms" { "type" } else { "msg_box" };
    let direction = match present(attrs, kind).as_deref() {
        Some("1") => Direction::From(String::new()),
        Some("2") => Direction::Me,
        Some(other) => {
            return Err(format!(
                "a draft, queued or failed message (type {other}), not one sent or received"
            ));
        }
        None => return Err("the message does not say whether it was sent or received".into()),
    };
    let mut members: Vec<String> =
        address.split(['~', ',', ';']).map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect();
    members.sort_by_key(|m| address_key(m));
    members.dedup_by_key(|m| address_key(m));
    let key = members.iter().map(|m| address_key(m)).collect::<Vec<_>>().join("~");
    let contact = present(attrs, "contact_name").filter(|_| members.len() == 1);
    Ok((key, members, contact, ChatMessage { at, direction, digest: 0 }))
}

fn call(attrs: &HashMap<&'static str, String>, record: usize) -> Result<Call, String> {
    let number = present(attrs, "number").ok_or("the call has no number (a private number)")?;
    let at = date(attrs)?;
    let seconds: i64 = present(attrs, "duration").and_then(|d| d.parse().ok()).unwrap_or(0).max(0);
    let kind = match present(attrs, "type").as_deref() {
        Some("1") if seconds > 0 => CallKind::Incoming,
        Some("1") | Some("3") => CallKind::Missed,
        Some("2") if seconds > 0 => CallKind::Outgoing,
        Some("2") => return Err("an outgoing call that was not answered".into()),
        Some("4") => CallKind::Voicemail,
        Some("5") => CallKind::Rejected,
        Some("6") => return Err("a blocked call".into()),
        other => return Err(format!("an unknown call type {other:?}")),
    };
    Ok(Call { record, number, contact_name: present(attrs, "contact_name"), at, seconds, kind })
}

/// Numbers compare by digits and `+`; anything else without case.
fn address_key(address: &str) -> String {
    kith_core::Alias::parse(address).map(|a| a.key()).unwrap_or_else(|_| address.to_lowercase())
}

/// Decodes XML character and entity references, joining UTF-16 surrogate pairs written as
/// two references and replacing a lone surrogate with U+FFFD.
pub fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    let mut pending_high: Option<u32> = None;
    while let Some(amp) = rest.find('&') {
        let (before, after) = rest.split_at(amp);
        if !before.is_empty() {
            flush(&mut out, &mut pending_high);
            out.push_str(before);
        }
        let Some(semi) = after.find(';').filter(|s| *s <= 12) else {
            flush(&mut out, &mut pending_high);
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..semi];
        rest = &after[semi + 1..];
        let code = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok()
        } else if let Some(dec) = entity.strip_prefix('#') {
            dec.parse::<u32>().ok()
        } else {
            match entity {
                "amp" => Some(u32::from('&')),
                "lt" => Some(u32::from('<')),
                "gt" => Some(u32::from('>')),
                "quot" => Some(u32::from('"')),
                "apos" => Some(u32::from('\'')),
                _ => None,
            }
        };
        match code {
            Some(high @ 0xD800..=0xDBFF) => {
                flush(&mut out, &mut pending_high);
                pending_high = Some(high);
            }
            Some(low @ 0xDC00..=0xDFFF) => match pending_high.take() {
                Some(high) => {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                }
                None => out.push('\u{fffd}'),
            },
            Some(c) => {
                flush(&mut out, &mut pending_high);
                out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
            }
            None => {
                flush(&mut out, &mut pending_high);
                out.push('&');
                out.push_str(entity);
                out.push(';');
            }
        }
    }
    flush(&mut out, &mut pending_high);
    out.push_str(rest);
    out
}

/// A high surrogate not followed by its low half becomes U+FFFD.
fn flush(out: &mut String, pending_high: &mut Option<u32>) {
    if pending_high.take().is_some() {
        out.push('\u{fffd}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogate_pairs_become_one_emoji_and_lone_halves_a_replacement() {
        assert_eq!(unescape(b"Hi &#55357;&#56832; &amp; bye"), "Hi \u{1F600} & bye");
        assert_eq!(unescape(b"&#55357;x"), "\u{fffd}x");
        assert_eq!(unescape(b"&#56832;"), "\u{fffd}");
        assert_eq!(unescape(b"&#x1F30D; &bogus; & done"), "\u{1F30D} &bogus; & done");
    }

    const BACKUP: &str = r#"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<?xml-stylesheet type="text/xsl" href="sms.xsl"?>
<smses count="4">
  <sms protocol="0" address="+1 555 0100" date="1700000000000" type="1" body="Hi &#55357;&#56832;" contact_name="Sam &#55357;&#56832;" />
  <sms address="+15550100" date="1700000600000" type="2" body="hello" contact_name="Sam" />
  <sms address="+15550100" date="bad" type="2" body="x" />
  <mms address="+15550100~+15550199" date="1700000900000" msg_box="1"><parts><part ct="text/plain" text="hey" data="AAAA" /></parts></mms>
</smses>
"#;

    #[test]
    fn texts_are_grouped_by_address_and_bad_records_skipped() {
        let got = parse(BACKUP.as_bytes()).expect("parses");
        assert_eq!(got.logs.len(), 2);
        assert_eq!(got.logs[0].name, "Sam \u{1F600}");
        assert_eq!(got.logs[0].messages.len(), 2);
        assert_eq!(got.logs[1].members.len(), 2);
        assert_eq!(got.skipped.len(), 1);
        assert_eq!(got.skipped[0].at, Place::Record(3));
    }

    #[test]
    fn a_cut_short_backup_names_its_last_line() {
        let cut = &BACKUP[..BACKUP.len() - 12];
        let err = parse(cut.as_bytes()).expect_err("cut short");
        assert!(matches!(err, ImportError::WrongFormat { at: Place::Line(_), .. }), "{err}");
    }

    #[test]
    fn calls_with_a_duration_are_answered_and_missed_ones_are_not() {
        let xml = r#"<calls count="3"><call number="+15550100" duration="125" date="1700000000000" type="1" />
<call number="+15550100" duration="0" date="1700000100000" type="3" /><call number="+15550100" duration="0" date="1700000200000" type="2" /></calls>"#;
        let got = parse(xml.as_bytes()).expect("parses");
        let kinds: Vec<CallKind> = got.calls.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CallKind::Incoming, CallKind::Missed]);
        assert_eq!(got.skipped.len(), 1);
    }
}

//! What a file looks like, from its first bytes: so a file given as the wrong kind is refused
//! with what it seems to be ("this looks like a Facebook Messenger export: use `kith import
//! messenger`") instead of being read as something it is not.

use crate::report::{ImportError, Place};

/// A kind of file recognised from its contents: the `kith import` name that reads it (or
/// `None` when kith reads no such file) and the words for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub format: Option<&'static str>,
    pub label: &'static str,
}

const fn kind(format: &'static str, label: &'static str) -> Kind {
    Kind { format: Some(format), label }
}

/// A zip archive's first bytes.
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// What the text looks like, when its first 64 KiB say so clearly; `None` when unsure.
pub fn looks_like(text: &str) -> Option<Kind> {
    let head = text.get(..text.len().min(64 * 1024)).unwrap_or_else(|| {
        let mut end = text.len().min(64 * 1024);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    });
    let start = head.trim_start_matches('\u{feff}').trim_start();
    let upper = start.get(..start.len().min(32)).unwrap_or("").to_ascii_uppercase();
    if upper.starts_with("BEGIN:VCALENDAR") {
        return Some(kind("ics", "an iCalendar file"));
    }
    if upper.starts_with("BEGIN:VCARD") {
        return Some(kind("vcf", "a vCard contacts file"));
    }
    let has = |key: &str| head.contains(&format!("\"{key}\""));
    if start.starts_with('{') || start.starts_with('[') {
        if has("sender_name") && has("timestamp_ms") {
            return Some(kind("messenger", "a Facebook Messenger or Instagram export"));
        }
        if has("created_date") && has("creator") {
            return Some(kind("google-chat", "a Google Chat Takeout export (messages.json)"));
        }
        if has("members") && has("user_type") {
            return Some(Kind {
                format: None,
                label: "Google Chat's group_info.json, which only lists members: give kith the messages.json beside it",
            });
        }
        if has("personal_information") || has("date_unixtime") || has("from_id") {
            return Some(kind("telegram", "a Telegram Desktop export"));
        }
        if has("guild") && has("channel") {
            return Some(Kind { format: None, label: "a Discord export, which kith does not read" });
        }
        if has("conversation_state") || has("participant_data") {
            return Some(Kind { format: None, label: "a Google Hangouts export, which kith does not read" });
        }
        return None;
    }
    if start.starts_with('<') {
        if head.contains("<smses") || head.contains("<calls") {
            return Some(kind("sms", "an SMS Backup & Restore file"));
        }
        if head.contains("class=\"haudio\"") || head.contains("hChatLog") {
            return Some(kind("google-voice", "a Google Voice Takeout page"));
        }
        return None;
    }
    None
}

/// Refuses `text` when it clearly is another kind of file than `format` (a `kith import`
/// name), saying what it looks like and which import reads it.
///
/// # Errors
/// When the file looks like something else.
pub fn check(text: &str, format: &str, expected: &'static str) -> Result<(), ImportError> {
    match looks_like(text) {
        Some(k) if k.format == Some(format) => Ok(()),
        Some(k) => {
            let why = match k.format {
                Some(other) => format!("this looks like {}: use `kith import {other}`", k.label),
                None => format!("this looks like {}", k.label),
            };
            Err(ImportError::WrongFormat { expected, at: Place::Line(1), why })
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_exports_are_told_apart_by_their_keys() {
        let messenger = "\u{feff}{\"participants\":[{\"name\":\"A\"}],\"messages\":[{\"sender_name\":\"A\",\"timestamp_ms\":1}]}";
        assert_eq!(looks_like(messenger).and_then(|k| k.format), Some("messenger"));
        let chat = r#"{"messages":[{"creator":{"name":"A"},"created_date":"Monday, August 25, 2014 at 5:29:21 PM UTC"}]}"#;
        assert_eq!(looks_like(chat).and_then(|k| k.format), Some("google-chat"));
        let telegram = r#"{"name":"Bob","type":"personal_chat","id":7,"messages":[{"id":1,"type":"message","date_unixtime":"1"}]}"#;
        assert_eq!(looks_like(telegram).and_then(|k| k.format), Some("telegram"));
        assert_eq!(looks_like("{\"x\": 1}"), None);
    }

    #[test]
    fn a_file_of_another_kind_names_the_import_that_reads_it() {
        let messenger = r#"{"messages":[{"sender_name":"A","timestamp_ms":1}]}"#;
        let err = check(messenger, "telegram", "Telegram").expect_err("refused");
        assert!(err.to_string().contains("use `kith import messenger`"), "{err}");
        assert!(check(messenger, "messenger", "Messenger").is_ok());
        assert!(check("12/01/2026, 09:00 - Sam: hi", "whatsapp", "WhatsApp").is_ok());
    }
}

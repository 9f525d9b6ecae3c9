//! The kinds of file kith imports, their names, and a guess from a file's name and first bytes.

/// The formats kith imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// iCalendar (.ics): events with people become plans.
    Ics,
    /// vCard (.vcf): contacts become people, or add aliases to people already here.
    Vcf,
    /// WhatsApp "Export chat" (.txt): one text interaction per chat per day.
    Whatsapp,
    /// Android "SMS Backup & Restore" (.xml): texts per contact per day, and calls.
    Sms,
    /// Telegram Desktop export (result.json): one text interaction per chat per day.
    Telegram,
    /// Facebook Messenger or Instagram (message_1.json from Meta's "Download your information").
    Messenger,
    /// Google Chat from Google Takeout (messages.json, or the Takeout zip).
    GoogleChat,
    /// Google Voice from Google Takeout (Voice/Calls/*.html, or the Takeout zip).
    GoogleVoice,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Ics,
        Format::Vcf,
        Format::Whatsapp,
        Format::Sms,
        Format::Telegram,
        Format::Messenger,
        Format::GoogleChat,
        Format::GoogleVoice,
    ];

    /// The name used on the command line, in the API's path and in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ics => "ics",
            Format::Vcf => "vcf",
            Format::Whatsapp => "whatsapp",
            Format::Sms => "sms",
            Format::Telegram => "telegram",
            Format::Messenger => "messenger",
            Format::GoogleChat => "google-chat",
            Format::GoogleVoice => "google-voice",
        }
    }

    /// The format named `name` (as [`Format::as_str`] writes it, any case).
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// What the file is, in words.
    pub fn label(self) -> &'static str {
        match self {
            Format::Ics => "Calendar (iCalendar .ics)",
            Format::Vcf => "Contacts (vCard .vcf)",
            Format::Whatsapp => "WhatsApp chat export (.txt, or the zip)",
            Format::Sms => "SMS Backup & Restore (.xml, texts or calls)",
            Format::Telegram => "Telegram Desktop export (result.json)",
            Format::Messenger => "Facebook Messenger or Instagram (message_1.json)",
            Format::GoogleChat => "Google Chat Takeout (messages.json or the zip)",
            Format::GoogleVoice => "Google Voice Takeout (.html or the zip)",
        }
    }

    /// A best guess from the file's name and its first bytes; `None` when neither tells.
    /// The contents win over the name, since downloads are often renamed.
    pub fn guess(file_name: &str, head: &[u8]) -> Option<Format> {
        let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let start = text.trim_start_matches('\u{feff}').trim_start();
        let upper = start.get(..start.len().min(600)).unwrap_or(start).to_ascii_uppercase();
        if upper.starts_with("BEGIN:VCALENDAR") {
            return Some(Format::Ics);
        }
        if upper.starts_with("BEGIN:VCARD") {
            return Some(Format::Vcf);
        }
        if let Some(known) = kith_import::detect::looks_like(&text).and_then(|k| k.format)
            && let Some(format) = Format::parse(known)
        {
            return Some(format);
        }
        let lower = file_name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        if kith_import::detect::is_zip(head) {
            // A Takeout zip may hold Chat and Voice alike: only the person can say which.
            return lower.contains("whatsapp").then_some(Format::Whatsapp);
        }
        match ext {
            "ics" | "ical" | "ifb" => Some(Format::Ics),
            "vcf" | "vcard" => Some(Format::Vcf),
            "txt" => Some(Format::Whatsapp),
            "xml" => Some(Format::Sms),
            "json" if lower.starts_with("message_") => Some(Format::Messenger),
            "json" if lower == "messages.json" => Some(Format::GoogleChat),
            "json" if lower == "result.json" => Some(Format::Telegram),
            "html" | "htm" => Some(Format::GoogleVoice),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guess_reads_the_contents_before_the_name() {
        assert_eq!(Format::guess("x.txt", b"BEGIN:VCARD\r\nVERSION:3.0"), Some(Format::Vcf));
        assert_eq!(Format::guess("cal.ics", b"\xef\xbb\xbfBEGIN:VCALENDAR"), Some(Format::Ics));
        assert_eq!(Format::guess("a", b"<?xml version='1.0'?>\n<smses count=\"1\">"), Some(Format::Sms));
        assert_eq!(Format::guess("result.json", b"{\"name\": \"Sam\"}"), Some(Format::Telegram));
        let messenger =
            b"{\"participants\": [], \"messages\": [{\"sender_name\": \"A\", \"timestamp_ms\": 1}]}";
        assert_eq!(Format::guess("result.json", messenger), Some(Format::Messenger));
        assert_eq!(Format::guess("WhatsApp Chat - Sam.zip", b"PK\x03\x04rest"), Some(Format::Whatsapp));
        assert_eq!(Format::parse("google-voice"), Some(Format::GoogleVoice));
        assert_eq!(
            Format::guess("WhatsApp Chat with Sam.txt", b"12/01/2026, 09:00 - Sam: hi"),
            Some(Format::Whatsapp)
        );
        assert_eq!(Format::guess("notes", b"hello"), None);
        assert_eq!(Format::parse("VCF"), Some(Format::Vcf));
        assert_eq!(Format::parse("csv"), None);
    }
}
